//! A turn's sentences: split at stops, and again where speech runs a question on from
//! a statement with no stop, which speech-to-text transcripts do all the time. Acts
//! are judged sentence by sentence, so where a sentence ends decides what cancels what.

use super::words::words_at;

/// Byte ranges of the sentences of `text`: split after `.`, `!`, `?` or `;` that
/// is not inside a number ("$1,240.50"), and at line breaks.
pub fn sentences(text: &str) -> Vec<(usize, usize)> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut start = 0;
    for (i, &b) in bytes.iter().enumerate() {
        let ends = match b {
            b'.' | b'!' | b'?' | b';' => !bytes.get(i + 1).is_some_and(u8::is_ascii_digit),
            b'\n' => true,
            _ => false,
        };
        if ends {
            if text[start..=i].trim().len() > 1 {
                out.push((start, i + 1));
            }
            start = i + 1;
        }
    }
    if start < text.len() && !text[start..].trim().is_empty() {
        out.push((start, text.len()));
    }
    if out.is_empty() {
        out.push((0, text.len()));
    }
    out = out.into_iter().flat_map(|range| split_at_questions(text, range)).collect();
    out
}

/// Words that open a question when a verb and a person follow ("how are you").
const QUESTION_OPENERS: &[&str] = &["what", "when", "where", "why", "how", "who", "which"];
const QUESTION_VERBS: &[&str] =
    &["do", "does", "did", "are", "is", "was", "were", "can", "could", "would", "will", "have", "has", "should"];
const QUESTION_PERSONS: &[&str] =
    &["you", "i", "we", "they", "he", "she", "it", "things", "your", "that", "this", "there", "anyone", "anything"];
/// "ok so whats your date of birth": a contracted question word opens a question
/// after a word that hands over to it - not "I know what's going on".
const CONTRACTED_OPENERS: &[&str] = &["whats", "what's", "hows", "how's", "wheres", "where's", "whens", "when's"];
/// Words that hand over to what comes next ("ok", "so", "um"): a question may open after them.
const HANDOVERS: &[&str] = &[
    "ok", "okay", "so", "right", "alright", "and", "um", "uh", "er", "yeah", "well", "now", "sure", "great", "thanks",
    "lovely", "perfect", "fine", "oh",
];

/// Whether a question opens at word `i`: a question word, a verb and a person ("how
/// are you", "when do you"), or a contracted question word after a handover ("ok
/// whats your...").
fn question_opens(words: &[(usize, String)], i: usize) -> bool {
    let w = |k: usize| words.get(k).map_or("", |(_, w)| w.as_str());
    let handed_over = i == 0 || HANDOVERS.contains(&w(i - 1));
    (CONTRACTED_OPENERS.contains(&w(i)) && handed_over && !w(i + 1).is_empty())
        || (QUESTION_OPENERS.contains(&w(i))
            && QUESTION_VERBS.contains(&w(i + 1))
            && QUESTION_PERSONS.contains(&w(i + 2)))
}

/// Whether a sentence asks: it ends with a question mark, or, unpunctuated as speech
/// is, opens (after "ok", "so", "um"...) on a question ("whats your monthly income",
/// "do you have anyone", "is there anyone helping you").
pub fn reads_as_question(sentence: &str) -> bool {
    let trimmed = sentence.trim_end();
    if trimmed.ends_with('?') {
        return true;
    }
    if trimmed.ends_with(['.', '!']) {
        return false;
    }
    let words = words_at(sentence);
    let first = words.iter().position(|(_, w)| !HANDOVERS.contains(&w.as_str())).unwrap_or(0);
    let w = |k: usize| words.get(k).map_or("", |(_, w)| w.as_str());
    question_opens(&words, first) || (QUESTION_VERBS.contains(&w(first)) && QUESTION_PERSONS.contains(&w(first + 1)))
}

/// Whether a question word (or a contracted one) stands after a space somewhere in
/// the sentence: a cheap test before splitting it into words, which every act
/// evaluation of every turn would otherwise pay for.
fn has_inner_question_word(sentence: &str) -> bool {
    let bytes = sentence.as_bytes();
    bytes.windows(3).enumerate().any(|(i, w)| {
        i > 0
            && bytes[i - 1] == b' '
            && matches!(
                [w[0].to_ascii_lowercase(), w[1].to_ascii_lowercase(), w[2].to_ascii_lowercase()],
                [b'w', b'h', b'a' | b'e' | b'y' | b'o' | b'i'] | [b'h', b'o', b'w']
            )
    })
}

/// A sentence split again where a question starts inside it: speech-to-text runs a
/// statement and a question together with no stop ("three kids and night shifts
/// you're doing a lot when do you actually get to sleep"), and a typed reply can too
/// ("I'm sorry, how are you doing now?"). A question opens on a question word with a
/// verb and a person after it ("how are you", "when do you"), or a contracted one
/// ("whats your...") - not "I know how hard it is", which asks nothing.
fn split_at_questions(text: &str, (start, end): (usize, usize)) -> Vec<(usize, usize)> {
    // most sentences have no question word after their first: skip the word split
    if !has_inner_question_word(&text[start..end]) {
        return vec![(start, end)];
    }
    let words = words_at(&text[start..end]);
    let mut out = Vec::new();
    let mut from = start;
    // a question needs two words before it to be split off: "so how are you" is one
    for i in 2..words.len() {
        if question_opens(&words, i) {
            let cut = start + words[i].0;
            if text[from..cut].split_whitespace().count() >= 2 {
                out.push((from, cut));
                from = cut;
            }
        }
    }
    out.push((from, end));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Round 136: speech-to-text runs a statement and a question together; the
    /// question is its own sentence, and reads as one without its question mark.
    #[test]
    fn a_question_inside_unpunctuated_speech_is_a_sentence_of_its_own() {
        let text = "three kids and night shifts youre doing a lot when do you actually get to sleep";
        let parts: Vec<&str> = sentences(text).into_iter().map(|(s, e)| text[s..e].trim()).collect();
        assert_eq!(parts, vec!["three kids and night shifts youre doing a lot", "when do you actually get to sleep"]);
        let typed = "I know how hard it is to keep up.";
        assert_eq!(sentences(typed).len(), 1, "an embedded 'how' asks nothing");
        assert!(reads_as_question("ok so whats your monthly income from the night work"));
        assert!(reads_as_question("um is there anyone helping you at the moment"));
        assert!(!reads_as_question("i know whats going on"));
        assert!(!reads_as_question("What a week you've had."));
    }

    #[test]
    fn sentences_split_at_ends_but_not_inside_amounts() {
        let text = "The balance is $1,240.50. Can you pay? Yes";
        let parts: Vec<&str> = sentences(text).into_iter().map(|(s, e)| text[s..e].trim()).collect();
        assert_eq!(parts, vec!["The balance is $1,240.50.", "Can you pay?", "Yes"]);
    }
}
