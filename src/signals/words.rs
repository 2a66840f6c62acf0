//! The content words of a debtor's line, read once per turn, so that every
//! sentence of the collector's reply can be checked against them in time linear
//! in its own length (comparing word lists pairwise was quadratic on long turns).

use std::collections::HashSet;

/// Words too common to show that a reply took up what the debtor said.
const FILLER: &[&str] = &[
    "that", "this", "have", "with", "just", "been", "they", "what", "your", "from", "about", "know", "like", "really",
    "there", "would", "could", "can't", "don't", "it's", "i've", "i'm", "right", "yeah", "okay", "sorry", "hear",
    "sounds", "must", "very", "much", "well", "here", "then", "than", "will", "when", "were", "them", "their", "some",
    "into", "only", "even", "also", "being", "because", "still", "thing", "things", "you're", "that's", "going",
    "want", "make", "time", "said", "tell", "does", "doing", "those", "these", "hello", "speaking", "calling",
    "please", "thanks", "thank",
];

/// Words of four letters or more that carry meaning, lowercased.
pub fn content_words(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split(|c: char| !c.is_alphanumeric() && c != '\'' && c != '\u{2019}')
        .filter(|w| w.chars().count() >= 4)
        .map(str::to_lowercase)
        .filter(|w| !FILLER.contains(&w.as_str()))
}

/// Words shorter than this (in bytes) are matched whole, never by stem.
const STEMMED_FROM: usize = 5;

/// The first `length` bytes of a word of [`STEMMED_FROM`] bytes or more, where that
/// is a whole number of characters ("surgery" / "surgeries" share "surge"; byte
/// slicing there once panicked on "José"-like words).
fn stem_of(word: &str, length: usize) -> Option<&str> {
    if word.len() >= STEMMED_FROM { word.get(..length) } else { None }
}

/// A text's content words and their stems, for lookups in constant time.
#[derive(Debug, Default)]
pub struct WordSet {
    words: HashSet<String>,
    stems: HashSet<String>,
    /// Bytes in a stem.
    stem_length: usize,
}

impl WordSet {
    /// The lower-case words of `text`.
    pub fn of(text: &str) -> WordSet {
        WordSet::from_words(content_words(text), 5)
    }

    /// A set of given words, matching also words of five bytes or more that share
    /// their first `stem_length` bytes.
    pub fn from_words(words: impl IntoIterator<Item = String>, stem_length: usize) -> WordSet {
        let mut set = WordSet { stem_length, ..WordSet::default() };
        for word in words {
            if let Some(stem) = stem_of(&word, set.stem_length) {
                set.stems.insert(stem.to_owned());
            }
            set.words.insert(word);
        }
        set
    }

    /// The same word, or one with the same stem.
    pub fn has(&self, word: &str) -> bool {
        self.words.contains(word) || stem_of(word, self.stem_length).is_some_and(|s| self.stems.contains(s))
    }

    /// How many distinct content words of `text` are in the set.
    pub fn shared(&self, text: &str) -> usize {
        let mine: HashSet<String> = content_words(text).collect();
        mine.iter().filter(|w| self.has(w)).count()
    }

    /// Whether `text` has any content word in the set.
    pub fn any_in(&self, text: &str) -> bool {
        content_words(text).any(|w| self.has(&w))
    }
}

/// Every word of `text`, lowercased, with a curly apostrophe made straight ("We’ll"
/// → "we'll"): for reading a sentence's shape word by word.
pub fn words_of(text: &str) -> Vec<String> {
    words_at(text).into_iter().map(|(_, word)| word).collect()
}

/// The words of [`words_of`], each with the byte where it starts in `text`: for
/// cutting a sentence where a word begins.
pub fn words_at(text: &str) -> Vec<(usize, String)> {
    let in_word = |c: char| c.is_alphanumeric() || c == '\'' || c == '\u{2019}';
    let mut words = Vec::new();
    let mut start = None;
    for (at, c) in text.char_indices().chain(std::iter::once((text.len(), ' '))) {
        match (in_word(c), start) {
            (true, None) => start = Some(at),
            (false, Some(from)) => {
                words.push((from, text[from..at].to_lowercase().replace('\u{2019}', "'")));
                start = None;
            }
            _ => {}
        }
    }
    words
}

/// Words that may open a sentence before its subject ("oh, that must be awful").
const INTERJECTIONS: &[&str] = &["oh", "ah", "aw", "aww", "wow", "god", "gosh", "well", "honestly", "and", "so"];

/// Verbs that make a sentence's opening "that" or "this" its subject.
const POINTING_VERBS: &[&str] = &[
    "must", "sounds", "sounded", "seems", "seemed", "would", "could", "can't", "is", "was", "has", "had", "feels",
    "felt", "looks",
];

/// Pronouns a short question uses for what was just said ("When does it start?",
/// "Is he still paying towards it?").
const BACK_PRONOUNS: &[&str] = &["it", "that", "this", "he", "she", "they", "him", "her", "them"];

/// Words that open a question about something: "when's", "how long", "what".
const QUESTION_WORDS: &[&str] = &["when", "how", "what", "where", "which", "who", "why"];

/// The most words a question may have and still be read as asking about what was
/// said through a pronoun alone.
const SHORT_QUESTION: usize = 8;

/// Whether a sentence opens by pointing back at what was just said ("That must be
/// terrifying", "Oh, this sounds exhausting", "That's brutal"), or is a short
/// question about it by pronoun ("When does it start?"): its subject is the debtor's
/// news, as much as if it named it.
pub fn points_back(sentence: &str) -> bool {
    let words = words_of(sentence);
    // an open question: "did you remind them?" and "have you spoken to the bank about
    // it?" suggest what to do, they ask nothing about it
    let open = words.first().is_some_and(|w| QUESTION_WORDS.iter().any(|q| w.starts_with(q)));
    let short_question = open && sentence.trim_end().ends_with('?') && words.len() <= SHORT_QUESTION;
    (opens_on_that(&words) && says_something_of_it(sentence))
        || (short_question && words.iter().any(|w| BACK_PRONOUNS.contains(&w.as_str())))
}

/// The most generic words a reply can say of someone's news: "that must be hard" is
/// sympathy recited to anything (EPITOME's weak reaction); "that must be terrifying"
/// or "that's a real weight on you" says something of this news.
const GENERIC_APPRAISALS: &[&str] = &["hard", "difficult", "tough", "easy", "rough", "tricky", "challenging"];

/// Whether a sentence pointing back says something more of it than a generic word.
fn says_something_of_it(sentence: &str) -> bool {
    content_words(sentence).any(|w| !GENERIC_APPRAISALS.contains(&w.as_str()))
}

/// Whether the words open on "that" or "this" as the subject of a verb.
fn opens_on_that(words: &[String]) -> bool {
    let mut words = words.iter().skip_while(|w| INTERJECTIONS.contains(&w.as_str()));
    match words.next().map(String::as_str) {
        Some("that's" | "this's") => true,
        Some("that" | "this") => words.next().is_some_and(|verb| POINTING_VERBS.contains(&verb.as_str())),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_and_stems_are_shared_but_filler_and_split_characters_are_not() {
        let said = WordSet::of("My surgery went badly and I've been off work.");
        assert!(said.has("surgeries"), "same stem");
        assert!(said.has("work"));
        assert!(!said.has("been"), "filler");
        assert_eq!(said.shared("Your surgeries and your work, work, work."), 2);
        let accents = WordSet::of("éééé");
        assert!(!accents.has("中中中"), "no stem where five bytes cut a character");
    }

    #[test]
    fn a_sentence_that_opens_on_that_points_back_at_what_was_said() {
        assert!(points_back("That must be terrifying."));
        assert!(points_back("Oh, that's brutal."));
        assert!(points_back("Wow, this sounds exhausting"));
        assert!(!points_back("I hope you feel better soon."));
        assert!(!points_back("That payment is due Friday"), "no verb after 'that'");
        assert!(!points_back("It must be hard."), "'it' may be anything");
        // round 188: sympathy recited to anything says nothing of this news
        assert!(!points_back("That must be hard."), "a generic word only");
        assert!(!points_back("That sounds really difficult for you."), "a generic word only");
        assert!(points_back("When does it start?"), "a short question about it");
        assert!(!points_back("Did you remind them beforehand?"), "a suggestion, not a question about it");
        assert!(
            !points_back("When would be a good time to go through your budget with me properly?"),
            "too long to be about it"
        );
    }

    #[test]
    fn words_are_lowercased_with_straight_apostrophes() {
        assert_eq!(words_of("We\u{2019}ll see, OK?"), ["we'll", "see", "ok"]);
    }
}
