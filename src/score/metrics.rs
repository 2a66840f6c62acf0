//! Measures of the collector's own words: Flesch–Kincaid grade, words per sentence,
//! and how often the collector asks. Mandated disclosures (the mini-Miranda and
//! "this is a debt collector") are left out: the trainee did not choose those words.

use super::call::{Call, Match};
use super::rules::{Outcome, finding};
use crate::rubric::{Metric, Rule};

const DISCLOSURES: &[&str] = &["mini_miranda", "states_collection_purpose", "debt_collector_disclosure"];

/// A collector turn's own words, with the mandated disclosures cut out.
fn own_words(call: &Call, index: usize) -> String {
    let turn = call.turn(index);
    let mut spans: Vec<[usize; 2]> =
        turn.signals.iter().filter(|h| DISCLOSURES.contains(&h.id.as_str())).map(|h| h.span).collect();
    spans.sort();
    let mut text = String::new();
    let mut at = 0;
    for [start, end] in spans {
        if start >= at {
            text.push_str(&turn.text[at..start]);
            at = end;
        }
    }
    text.push_str(&turn.text[at.min(turn.text.len())..]);
    text
}

fn sentences(text: &str) -> Vec<&str> {
    text.split(['.', '!', '?', ';']).filter(|s| s.split_whitespace().count() > 0).collect()
}

fn words(text: &str) -> Vec<&str> {
    text.split_whitespace().filter(|w| w.chars().any(char::is_alphanumeric)).collect()
}

/// Syllables by vowel groups, with a silent final `e` (textstat's fallback rule).
fn syllables(word: &str) -> usize {
    let word: String = word.chars().filter(char::is_ascii_alphabetic).collect::<String>().to_lowercase();
    if word.is_empty() {
        return 0;
    }
    let mut count = 0;
    let mut previous_vowel = false;
    for c in word.chars() {
        let vowel = "aeiouy".contains(c);
        if vowel && !previous_vowel {
            count += 1;
        }
        previous_vowel = vowel;
    }
    if word.ends_with('e') && !word.ends_with("le") && count > 1 {
        count -= 1;
    }
    count.max(1)
}

/// Flesch–Kincaid grade: 0.39 × words/sentence + 11.8 × syllables/word − 15.59.
pub fn reading_grade(text: &str) -> Option<f64> {
    let words = words(text);
    let sentences = sentences(text).len().max(1);
    if words.is_empty() {
        return None;
    }
    let syllables: usize = words.iter().map(|w| syllables(w)).sum();
    Some(0.39 * words.len() as f64 / sentences as f64 + 11.8 * syllables as f64 / words.len() as f64 - 15.59)
}

pub fn sentence_length(text: &str) -> Option<f64> {
    let count = sentences(text).len();
    (count > 0).then(|| words(text).len() as f64 / count as f64)
}

/// Judges a metric over the whole call; a finding points at the turn that pulls the
/// measure furthest out of its band.
pub fn judge(rule: &Rule, call: &Call, metric: Metric, min: Option<f64>, max: Option<f64>) -> Outcome {
    let per_turn: Vec<(usize, String)> = call.collector.iter().map(|&i| (i, own_words(call, i))).collect();
    let all: String = per_turn.iter().map(|(_, t)| t.as_str()).collect::<Vec<_>>().join(" ");
    let value = match metric {
        Metric::ReadingGrade => reading_grade(&all),
        Metric::SentenceLength => sentence_length(&all),
        Metric::QuestionRatio => {
            let asked = call.collector.iter().filter(|&&i| call.turn(i).text.contains('?')).count();
            Some(asked as f64 / call.collector.len() as f64)
        }
    };
    let Some(value) = value else { return Outcome::default() };
    let mut out = Outcome { applicable: true, ..Outcome::default() };
    let too_low = min.is_some_and(|m| value < m);
    let too_high = max.is_some_and(|m| value > m);
    if too_low || too_high {
        let worst = worst_turn(&per_turn, metric, too_high).unwrap_or(*call.collector.last().expect("turns"));
        let mut found = finding(rule, None::<&Match>, worst);
        found.message = format!("{} (this call: {value:.1})", rule.message);
        found.evidence = call.turn(worst).text.chars().take(160).collect();
        out.findings.push(found);
    }
    out
}

fn worst_turn(per_turn: &[(usize, String)], metric: Metric, too_high: bool) -> Option<usize> {
    let measure = |text: &str| match metric {
        Metric::ReadingGrade => reading_grade(text),
        Metric::SentenceLength => sentence_length(text),
        Metric::QuestionRatio => None,
    };
    let scored = per_turn.iter().filter_map(|(i, t)| measure(t).map(|v| (*i, v)));
    if too_high {
        scored.max_by(|a, b| a.1.total_cmp(&b.1)).map(|(i, _)| i)
    } else {
        scored.min_by(|a, b| a.1.total_cmp(&b.1)).map(|(i, _)| i)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_words_read_easier_than_jargon() {
        let plain = reading_grade("We can set up a plan. You pay forty dollars a month.").unwrap();
        let jargon = reading_grade(
            "Pursuant to the aforementioned agreement, remittance of the outstanding indebtedness is necessitated.",
        )
        .unwrap();
        assert!(plain < 4.0 && jargon > 14.0, "{plain} {jargon}");
        assert_eq!(syllables("payment"), 2);
        assert_eq!(sentence_length("One two three. Four five."), Some(2.5));
    }
}
