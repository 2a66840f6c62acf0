//! Better phrasings made for this call: a rule's `better:` text is filled from the
//! account's facts (`{{facts.creditor}}`, `{{money facts.balance}}`) and from what
//! the debtor just said (`{{debtor.said}}`, turned round to speak to them: "I lost
//! my job" → "you lost your job"). A fact the call does not have reads as a plain
//! phrase ("the creditor"), never another call's name or situation.

use std::sync::LazyLock;

use regex::Regex;

use crate::facts::Facts;
use crate::transcript::{Speaker, Transcript, Turn};

/// What a missing fact reads as.
fn stand_in(name: &str) -> String {
    match name {
        "consumer" => "the account holder".into(),
        "creditor" | "original_creditor" => "the creditor".into(),
        "agency" => "our company".into(),
        "balance" => "the balance".into(),
        other => format!("the {}", other.replace('_', " ")),
    }
}

/// Fills `{{facts.NAME}}` and `{{money facts.NAME}}` from the call's facts.
pub fn fill(text: &str, facts: &Facts) -> String {
    if !text.contains("{{") {
        return text.to_string();
    }
    static FIELD: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"\{\{\s*(money\s+)?facts\.([A-Za-z_][A-Za-z0-9_]*)\s*\}\}").expect("valid regex"));
    FIELD
        .replace_all(text, |c: &regex::Captures| {
            let name = &c[2];
            match (c.get(1).is_some(), facts.get(name)) {
                (true, Some(v)) if v.is_number() => facts.money(v.as_f64().unwrap_or(0.0)),
                (_, Some(v)) => first_name_if_consumer(name, &crate::facts::plain(v)),
                (_, None) => stand_in(name),
            }
        })
        .into_owned()
}

/// "Maria Alvarez" → "Maria" where a better phrasing names the consumer.
fn first_name_if_consumer(name: &str, value: &str) -> String {
    match name {
        "consumer" => value.split_whitespace().next().unwrap_or(value).to_string(),
        _ => value.to_string(),
    }
}

/// The debtor's line before turn `turn` (1-based), if any: of the lines they said
/// since the collector last spoke, the first that told something, else the last.
pub fn debtor_before(transcript: &Transcript, turn: usize) -> Option<&Turn> {
    let before = &transcript.turns[..turn.saturating_sub(1).min(transcript.turns.len())];
    let last = before.iter().rposition(|t| t.speaker == Speaker::Debtor)?;
    let run = crate::transcript::exchange::debtor_run(before, last);
    run.iter().find(|t| t.told_at.is_some()).or(run.last())
}

/// Fills `{{debtor.said}}` with what the debtor told, turned round to speak to
/// them: the sentence the lexicon heard the disclosure in (`told_at`), else the
/// first sentence that says something; without a line, "to hear that".
pub fn fill_said(text: &str, said: Option<&str>, told_at: Option<usize>) -> String {
    if !text.contains("{{debtor.said}}") {
        return text.to_string();
    }
    let spoken = said.map(|line| turn_round(line, told_at)).filter(|s| !s.is_empty());
    text.replace("{{debtor.said}}", &spoken.unwrap_or_else(|| "to hear that".into()))
}

/// Words that open a line without saying anything ("...Fine. Look, I lost my job").
const OPENERS: &[&str] = &[
    "look", "well", "yeah", "yes", "so", "okay", "ok", "fine", "honestly", "um", "uh", "right", "listen", "alright",
    "oh",
];

/// Phrases that open a line without saying anything ("Well, to be honest, I drink
/// when I'm down" - a rated counselling session, stop 37, was quoted back as "I'm so
/// sorry to be honest you drink...").
const OPENING_PHRASES: &[&[&str]] = &[
    &["to", "be", "honest"],
    &["to", "tell", "you", "the", "truth"],
    &["truth", "be", "told"],
    &["the", "truth", "is"],
    &["if", "i'm", "honest"],
    &["if", "i'm", "being", "honest"],
    &["in", "all", "honesty"],
];

/// The words of a sentence after its openers, single words and phrases alike.
fn past_openers(sentence: &str) -> Vec<&str> {
    let mut words: Vec<&str> = sentence.split_whitespace().collect();
    loop {
        let before = words.len();
        words = words.into_iter().skip_while(|w| OPENERS.contains(&bare(w).as_str())).collect();
        if let Some(phrase) =
            OPENING_PHRASES.iter().find(|p| p.len() < words.len() && p.iter().zip(&words).all(|(p, w)| *p == bare(w)))
        {
            words.drain(..phrase.len());
        }
        if words.len() == before {
            return words;
        }
    }
}

/// At most 14 words, cut where a clause ends rather than mid-phrase: "you drink
/// sometimes when you're feeling down", not "...down and you find it more
/// interesting and".
fn clause(words: Vec<&str>) -> Vec<&str> {
    const MOST: usize = 14;
    const JOINS: &[&str] = &["and", "but", "because", "so", "though", "although", "or", "cause", "'cause"];
    if words.len() <= MOST {
        return words;
    }
    let ends_clause = |i: usize| words[i - 1].ends_with(',') || JOINS.contains(&bare(words[i]).as_str());
    let cut = (5..=MOST).find(|&i| ends_clause(i)).unwrap_or(MOST);
    let mut kept = words[..cut].to_vec();
    while kept
        .last()
        .is_some_and(|w| JOINS.contains(&bare(w).as_str()) || ["the", "a", "to"].contains(&bare(w).as_str()))
    {
        kept.pop();
    }
    kept
}

/// A word without its punctuation, lower-cased.
fn bare(word: &str) -> String {
    word.trim_matches(|c: char| !c.is_alphanumeric() && c != '\'').to_lowercase()
}

/// The sentences of a line, each with the byte offset where it ends.
fn sentences(line: &str) -> Vec<(&str, usize)> {
    let mut end = 0;
    line.split_inclusive(['.', '!', '?', ';'])
        .map(|piece| {
            end += piece.len();
            (piece.trim().trim_end_matches(['.', '!', '?', ';']).trim(), end)
        })
        .filter(|(s, _)| !s.is_empty())
        .collect()
}

/// The sentence to quote back: the one holding `told_at` if it says something,
/// else the first that does ("...Fine." or "Yeah." alone is skipped).
fn sentence_told(line: &str, told_at: Option<usize>) -> &str {
    let all = sentences(line);
    let says_something = |s: &str| s.split_whitespace().filter(|w| !OPENERS.contains(&bare(w).as_str())).count() >= 2;
    let told = told_at.and_then(|at| all.iter().find(|(_, end)| at < *end)).filter(|(s, _)| says_something(s));
    told.or_else(|| all.iter().find(|(s, _)| says_something(s))).or(all.first()).map_or("", |(s, _)| s)
}

/// "I lost my job in August." → "you lost your job in August"; at most 14 words,
/// a leading "look," or "well, to be honest," dropped.
fn turn_round(line: &str, told_at: Option<usize>) -> String {
    let words: Vec<String> = clause(past_openers(sentence_told(line, told_at)))
        .into_iter()
        .map(|word| {
            let swapped = match bare(word).as_str() {
                "i" => "you",
                "i'm" | "im" => "you're",
                "i've" | "ive" => "you've",
                "i'll" => "you'll",
                "i'd" => "you'd",
                "me" | "myself" => "you",
                "my" => "your",
                "mine" => "yours",
                "we" => "you",
                "we're" => "you're",
                "we've" => "you've",
                "our" => "your",
                "us" => "you",
                "am" => "are",
                _ => return word.trim_end_matches([',', ':']).to_string(),
            };
            swapped.to_string()
        })
        .collect();
    let mut spoken = words.join(" ");
    // "you was" reads wrong after the swap.
    spoken = spoken.replace("you was", "you were").replace("You was", "You were");
    let mut chars = spoken.chars();
    match chars.next() {
        Some(c) if !spoken.starts_with("I ") => c.to_lowercase().chain(chars).collect(),
        _ => spoken,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn better_phrasings_speak_about_this_account() {
        let facts = Facts(serde_json::from_str(r#"{"creditor": "Crestline Wireless", "balance": 486.22}"#).unwrap());
        assert_eq!(
            fill("About {{facts.creditor}}: {{money facts.balance}}.", &facts),
            "About Crestline Wireless: $486.22."
        );
        assert_eq!(
            fill("Call {{facts.agency}} for {{facts.consumer}}.", &facts),
            "Call our company for the account holder."
        );
        let named = Facts(serde_json::from_str(r#"{"consumer": "Maria Alvarez"}"#).unwrap());
        assert_eq!(fill("I'm trying to reach {{facts.consumer}}.", &named), "I'm trying to reach Maria.");
    }

    #[test]
    fn the_debtors_words_are_turned_round_to_speak_to_them() {
        assert_eq!(
            fill_said("I'm so sorry {{debtor.said}}.", Some("...Fine. Look, I'm just sick of the calls."), None),
            "I'm so sorry you're just sick of the calls."
        );
        let better = "I'm sorry {{debtor.said}}.";
        assert_eq!(
            fill_said(better, Some("I lost my job in August. The warehouse closed."), None),
            "I'm sorry you lost your job in August."
        );
        assert_eq!(
            fill_said(better, Some("I'm scared to even open my post."), None),
            "I'm sorry you're scared to even open your post."
        );
        assert_eq!(
            fill_said(better, Some("Well, to be honest, I drink when I'm feeling down."), None),
            "I'm sorry you drink when you're feeling down."
        );
        assert_eq!(
            fill_said(
                better,
                Some("I drink sometimes when I'm feeling down and I find it more interesting and not so blur."),
                None
            ),
            "I'm sorry you drink sometimes when you're feeling down."
        );
        assert_eq!(fill_said(better, None, None), "I'm sorry to hear that.");
        // The sentence the disclosure was heard in, not the first one.
        let line = "I got your letter about the card. My husband died in March.";
        let told_at = line.find("died");
        assert_eq!(fill_said(better, Some(line), told_at), "I'm sorry your husband died in March.");
        assert_eq!(fill_said(better, Some(line), None), "I'm sorry you got your letter about the card.");
    }
}
