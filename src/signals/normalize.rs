//! Text prepared for matching, with a map back to the original byte offsets so
//! evidence spans always point into the text the trainee actually typed:
//! - curly quotes read as straight ones;
//! - speech-to-text fillers ("um", "uh", "erm") are dropped, and a word said twice
//!   in a row ("that's that's") counts once, so a transcript from a phone system
//!   reads like typed speech ("i'm sorry um it's been" → "i'm sorry it's been").

/// Words a speech-to-text engine writes for hesitations.
const FILLERS: &[&str] = &["um", "umm", "uh", "uhh", "uhm", "erm", "er", "hmm", "mm", "mhm"];

/// Contractions speech-to-text (and hurried typing) writes without the apostrophe,
/// read as if it were there. Only forms that are not also ordinary words ("ill",
/// "were", "lets", "wed" are left alone).
const CONTRACTIONS: &[(&str, &str)] = &[
    ("cant", "can't"),
    ("dont", "don't"),
    ("im", "i'm"),
    ("ive", "i've"),
    ("youre", "you're"),
    ("youve", "you've"),
    ("youll", "you'll"),
    ("youd", "you'd"),
    ("thats", "that's"),
    ("whats", "what's"),
    ("theres", "there's"),
    ("wont", "won't"),
    ("didnt", "didn't"),
    ("doesnt", "doesn't"),
    ("isnt", "isn't"),
    ("arent", "aren't"),
    ("wasnt", "wasn't"),
    ("werent", "weren't"),
    ("shouldnt", "shouldn't"),
    ("couldnt", "couldn't"),
    ("wouldnt", "wouldn't"),
    ("havent", "haven't"),
    ("hasnt", "hasn't"),
    ("theyre", "they're"),
    ("theyve", "they've"),
    ("weve", "we've"),
    ("itll", "it'll"),
    ("thatll", "that'll"),
    ("whens", "when's"),
    ("whos", "who's"),
    ("hows", "how's"),
    ("wheres", "where's"),
    ("heres", "here's"),
    ("shes", "she's"),
    ("theyll", "they'll"),
    ("nobodys", "nobody's"),
    ("somebodys", "somebody's"),
    ("everybodys", "everybody's"),
    ("everyones", "everyone's"),
];

/// "ill" is a word, but before one of these verbs it is "I'll" said to a
/// speech-to-text engine ("ill send you a letter").
const AFTER_ILL: &[&str] = &[
    "be", "send", "call", "get", "put", "note", "make", "have", "take", "check", "let", "pass", "talk", "try", "write",
    "email", "text", "look", "see", "do", "give", "ask", "set", "update", "stop", "remove", "sort", "go", "keep",
    "explain", "mark", "add", "hold", "arrange", "contact", "ring", "just", "need", "also", "pause", "freeze",
];

/// "its" is a word, but before one of these it is "it's" without its apostrophe
/// ("its not your fault", "its completely understandable"): a possessive "its" is
/// followed by a noun, and none of these is one.
const AFTER_ITS: &[&str] = &[
    "not",
    "a",
    "an",
    "the",
    "been",
    "going",
    "gonna",
    "just",
    "really",
    "so",
    "very",
    "completely",
    "totally",
    "perfectly",
    "only",
    "all",
    "about",
    "no",
    "too",
    "quite",
    "pretty",
    "fine",
    "ok",
    "okay",
    "alright",
    "understandable",
    "normal",
    "natural",
    "true",
    "hard",
    "never",
    "always",
    "also",
    "still",
    "actually",
    "because",
    "like",
    "that",
    "your",
    "my",
    "our",
    "due",
    "overdue",
    "important",
    "over",
    "up",
    "easy",
    "difficult",
    "tough",
    "worth",
    "nothing",
    "something",
    "what",
    "how",
    "fair",
    "reasonable",
    "common",
    "good",
    "great",
    "clear",
    "on",
    "in",
    "at",
    "for",
    "from",
    "probably",
    "definitely",
    "honestly",
    "kind",
    "kinda",
    "sort",
    "absolutely",
    "obviously",
];

/// Text prepared for matching and the original offset of every byte in it.
pub struct Normalized<'a> {
    pub text: std::borrow::Cow<'a, str>,
    offsets: Option<Vec<usize>>,
}

impl<'a> Normalized<'a> {
    pub fn new(original: &'a str) -> Self {
        let curly = !original.is_ascii() && original.contains(['\u{2018}', '\u{2019}', '\u{201c}', '\u{201d}']);
        if !curly && !has_filler_or_repeat(original) {
            return Normalized { text: original.into(), offsets: None };
        }
        let mut text = String::with_capacity(original.len());
        let mut offsets = Vec::with_capacity(original.len() + 1);
        let mut previous_word: Option<(usize, usize)> = None;
        let mut at = 0;
        while at < original.len() {
            let rest = &original[at..];
            let word_len = word_length(rest);
            if word_len > 0 {
                let word = &rest[..word_len];
                let repeat = previous_word.is_some_and(|(s, e)| original[s..e].eq_ignore_ascii_case(word));
                if is_filler(word) || repeat {
                    // Skip the word and the separator after it (", " or " ").
                    at += word_len;
                    let comma_after = original[at..].starts_with(',');
                    at += separator_length(&original[at..]);
                    // a filler set off by commas leaves none: "a lot of, um, strength"
                    // reads "a lot of strength" (a rated counselling session, stop 37)
                    if comma_after && text.ends_with(", ") && is_filler(word) {
                        text.remove(text.len() - 2);
                        offsets.remove(offsets.len() - 2);
                    }
                    continue;
                }
                let before = previous_word.map(|(s, e)| &original[s..e]);
                previous_word = Some((at, at + word_len));
                let after = &rest[word_len..];
                let expanded =
                    contraction(word).or_else(|| by_next_word(word, after)).or_else(|| of_after_modal(word, before));
                match expanded {
                    Some(full) => push_expanded(&mut text, &mut offsets, word, full, at),
                    None => push(&mut text, &mut offsets, word, at),
                }
                at += word_len;
                continue;
            }
            let c = rest.chars().next().expect("not at the end");
            if !c.is_whitespace() && c != ',' {
                previous_word = None;
            }
            let mapped = match c {
                '\u{2018}' | '\u{2019}' => '\'',
                '\u{201c}' | '\u{201d}' => '"',
                other => other,
            };
            for _ in 0..mapped.len_utf8() {
                offsets.push(at);
            }
            text.push(mapped);
            at += c.len_utf8();
        }
        offsets.push(original.len());
        Normalized { text: text.into(), offsets: Some(offsets) }
    }

    /// The original byte offset for an offset into the normalized text.
    pub fn original(&self, offset: usize) -> usize {
        match &self.offsets {
            None => offset,
            Some(map) => map[offset.min(map.len() - 1)],
        }
    }
}

fn push(text: &mut String, offsets: &mut Vec<usize>, word: &str, at: usize) {
    for (i, c) in word.char_indices() {
        let mapped = if matches!(c, '\u{2018}' | '\u{2019}') { '\'' } else { c };
        for _ in 0..mapped.len_utf8() {
            offsets.push(at + i);
        }
        text.push(mapped);
    }
}

/// The written-out form of an apostrophe-less contraction, keeping the case of
/// its first letter.
fn contraction(word: &str) -> Option<&'static str> {
    if word.len() > 8 || word.contains(['\'', '\u{2019}']) {
        return None;
    }
    CONTRACTIONS.iter().find(|(bare, _)| bare.eq_ignore_ascii_case(word)).map(|(_, full)| *full)
}

/// Words that are words of their own, read as a contraction only before one of
/// their followers: "ill" is "i'll" before a verb it would go with, "its" is "it's"
/// before a word that shows it is no possessive.
const BY_NEXT_WORD: &[(&str, &[&str], &str)] = &[("ill", AFTER_ILL, "i'll"), ("its", AFTER_ITS, "it's")];

/// The contraction `word` stands for, when the next word says it is one.
fn by_next_word(word: &str, after: &str) -> Option<&'static str> {
    let (_, followers, full) = BY_NEXT_WORD.iter().find(|(bare, _, _)| bare.eq_ignore_ascii_case(word))?;
    let next = next_word(after, word);
    followers.iter().any(|f| f.eq_ignore_ascii_case(next)).then_some(*full)
}

/// The word that follows, past fillers and a repeat of `word` itself, which are
/// dropped: in "its um its a scary thing" the first "its" is followed by "a".
fn next_word<'a>(after: &'a str, word: &str) -> &'a str {
    let mut rest = after;
    loop {
        let trimmed = rest.trim_start_matches([' ', ',']);
        let next = &trimmed[..word_length(trimmed)];
        if next.is_empty() || !(is_filler(next) || next.eq_ignore_ascii_case(word)) {
            return next;
        }
        rest = &trimmed[next.len()..];
    }
}

/// Verbs after which "of" is "have" heard ("you should of kept an eye on it"):
/// no sentence puts "of" straight after them.
const MODALS: &[&str] = &["should", "could", "would", "must", "might", "shouldn't", "couldn't", "wouldn't", "mustn't"];

fn is_modal(word: &str) -> bool {
    MODALS.iter().any(|m| m.eq_ignore_ascii_case(word))
}

/// "have" for an "of" that follows a modal verb.
fn of_after_modal(word: &str, before: Option<&str>) -> Option<&'static str> {
    (word.eq_ignore_ascii_case("of") && before.is_some_and(is_modal)).then_some("have")
}

/// Pushes `full` for `word`: each of its bytes maps to the original byte at the
/// same place, the apostrophe to the letter before it.
fn push_expanded(text: &mut String, offsets: &mut Vec<usize>, word: &str, full: &str, at: usize) {
    let mut original = 0;
    for c in full.chars() {
        let here = at + original.min(word.len() - 1);
        for _ in 0..c.len_utf8() {
            offsets.push(here);
        }
        if c != '\'' {
            original += c.len_utf8();
        }
        text.push(c);
    }
}

/// Length of the word starting `text`: letters, digits and inner apostrophes.
fn word_length(text: &str) -> usize {
    let mut len = 0;
    for (i, c) in text.char_indices() {
        let apostrophe = matches!(c, '\'' | '\u{2019}') && i > 0;
        if c.is_alphanumeric() || apostrophe || (c == '-' && i > 0) {
            len = i + c.len_utf8();
        } else {
            break;
        }
    }
    // A trailing apostrophe or hyphen is not part of the word.
    let word = &text[..len];
    word.trim_end_matches(['\'', '\u{2019}', '-']).len()
}

fn separator_length(text: &str) -> usize {
    let comma = usize::from(text.starts_with(','));
    comma + text[comma..].len() - text[comma..].trim_start_matches(' ').len()
}

fn is_filler(word: &str) -> bool {
    word.len() <= 4 && FILLERS.iter().any(|f| f.eq_ignore_ascii_case(word))
}

/// A quick look, without allocating, for anything [`Normalized::new`] would drop.
fn has_filler_or_repeat(text: &str) -> bool {
    let mut previous = "";
    for word in text.split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '\u{2019}' || c == '-')) {
        if word.is_empty() {
            continue;
        }
        let by_next = BY_NEXT_WORD.iter().any(|(bare, _, _)| bare.eq_ignore_ascii_case(word));
        let of_heard = word.eq_ignore_ascii_case("of") && is_modal(previous);
        if is_filler(word) || word.eq_ignore_ascii_case(previous) || contraction(word).is_some() || by_next || of_heard
        {
            return true;
        }
        previous = word;
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fillers_and_stutters_are_dropped_and_offsets_still_point_home() {
        let original = "yeah i i hear you um, that's that's a lot";
        let n = Normalized::new(original);
        assert_eq!(n.text, "yeah i hear you that's a lot");
        let at = n.text.find("a lot").unwrap();
        assert_eq!(&original[n.original(at)..n.original(at + 5)], "a lot");
    }

    /// Round 157: "you should of kept an eye on it" is "should have" said aloud.
    #[test]
    fn of_after_a_modal_is_have() {
        let original = "yeah well you should of kept an eye on it";
        let n = Normalized::new(original);
        assert_eq!(n.text, "yeah well you should have kept an eye on it");
        let at = n.text.find("kept").unwrap();
        assert_eq!(&original[n.original(at)..n.original(at + 4)], "kept");
        assert_eq!(Normalized::new("most of it, because of the loan").text, "most of it, because of the loan");
    }

    #[test]
    fn its_before_a_word_that_is_no_noun_is_it_is() {
        assert_eq!(Normalized::new("its not your fault").text, "it's not your fault");
        assert_eq!(Normalized::new("its completely understandable").text, "it's completely understandable");
        assert_eq!(Normalized::new("the bank and its agents").text, "the bank and its agents");
        // Round 179: said twice with a filler between, the "its" kept still sees the "a".
        assert_eq!(Normalized::new("its um its a scary thing").text, "it's a scary thing");
        // a filler between commas takes its commas with it
        assert_eq!(Normalized::new("it takes a lot of, um, strength").text, "it takes a lot of strength");
    }

    #[test]
    fn contractions_written_without_apostrophes_are_read_with_them() {
        let original = "i cant pay and im scared";
        let n = Normalized::new(original);
        assert_eq!(n.text, "i can't pay and i'm scared");
        let at = n.text.find("scared").unwrap();
        assert_eq!(&original[n.original(at)..n.original(at + 6)], "scared");
        let at = n.text.find("can't").unwrap();
        assert_eq!(&original[n.original(at)..n.original(at + 5)], "cant");
        assert_eq!(Normalized::new("ok ill send you a letter").text, "ok i'll send you a letter");
        assert_eq!(Normalized::new("she's been ill since may").text, "she's been ill since may");
    }

    #[test]
    fn plain_text_is_used_as_it_is_and_curly_quotes_become_straight() {
        assert!(matches!(Normalized::new("I can do forty.").text, std::borrow::Cow::Borrowed(_)));
        assert_eq!(Normalized::new("I\u{2019}m sorry").text, "I'm sorry");
        // "had had" is grammar, not a stutter, but reads the same once.
        assert_eq!(Normalized::new("Summer's umbrella").text, "Summer's umbrella");
    }
}
