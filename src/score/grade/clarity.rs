//! Clarity of the collector's own words: plain words and short sentences (mandated
//! disclosures left out — the trainee did not choose them), no collections jargon,
//! acronyms or hedging, specific facts, and an answer to the question asked.

use super::{Component, Grade, TurnView, missing};

/// Words a turn needs before its plainness is judged (shorter answers are judged
/// only as answers).
const MIN_WORDS: usize = 4;

pub fn grade(view: &TurnView) -> Option<Grade> {
    let own = own_words(view);
    let words = own.split_whitespace().count();
    let asked = view.bid("asks_question") && !view.debtor.is_some_and(|d| super::is_greeting(&d.text));
    if words < MIN_WORDS && !asked {
        return None;
    }
    let mut parts: Vec<Component> = Vec::new();
    if asked {
        parts.push(answer(view));
    }
    if words >= MIN_WORDS {
        parts.extend(plainness(&own, words));
    }
    parts.extend(
        [
            view.component("jargon", "collections jargon", -1.5),
            view.component("acronym", "an unexplained acronym", -1.0),
            view.component("hedge", "hedges instead of saying", -1.0),
            view.component("hides_identity", "hides who is calling", -1.0),
        ]
        .into_iter()
        .flatten(),
    );
    let specifics: Vec<Component> = [
        view.component("terms_amount", "names the amount", 0.5),
        view.component("terms_date", "names the date", 0.5),
        view.component("explains_debt_origin", "says where the debt came from", 0.5),
        view.component("says_next_step", "says what happens next", 0.5),
    ]
    .into_iter()
    .flatten()
    .take(3)
    .collect();
    parts.extend(specifics);
    let weight = if asked { 2.0 } else { 1.0 };
    Some(Grade::from_components(parts, weight))
}

/// The turn's words without the mandated disclosures, the call's names counted as
/// plain words.
fn own_words(view: &TurnView) -> String {
    let text = &view.turn.text;
    let mut spans: Vec<[usize; 2]> = view
        .turn
        .signals
        .iter()
        .filter(|h| matches!(h.id.as_str(), "mini_miranda" | "states_collection_purpose" | "debt_collector_disclosure"))
        .map(|h| h.span)
        .collect();
    spans.sort();
    let mut own = String::new();
    let mut at = 0;
    for [start, end] in spans {
        if start >= at && end <= text.len() {
            own.push_str(&text[at..start]);
            at = end;
        }
    }
    own.push_str(text.get(at..).unwrap_or(""));
    crate::score::metrics::plain_names(&own, view.facts)
}

/// Readability and sentence length. Speech-to-text turns without punctuation have
/// no sentences to measure, so only their words are.
fn plainness(own: &str, words: usize) -> Vec<Component> {
    let mut parts = Vec::new();
    let punctuated = own.contains(['.', '?', '!']);
    let example = shorten(own);
    let reading_grade = crate::score::metrics::spoken_reading_grade(own);
    if let Some(grade) = reading_grade.filter(|g| *g > 8.0) {
        let points = -((grade - 8.0) * 0.4).min(3.0);
        parts.push(Component {
            what: format!("hard words (reading grade {grade:.0})"),
            points,
            evidence: example.clone(),
        });
    }
    if punctuated && let Some(length) = crate::score::sentence_length(own).filter(|l| *l > 20.0) {
        let points = -((length - 20.0) * 0.1).min(2.0);
        parts.push(Component {
            what: format!("long sentences ({length:.0} words)"),
            points,
            evidence: example.clone(),
        });
    }
    // Plain words in short sentences are what clarity is; they earn the most.
    let easy = reading_grade.is_some_and(|g| g <= 8.0);
    if easy && words <= 30 {
        parts.push(Component { what: "short, plain words".into(), points: 2.0, evidence: String::new() });
    } else if easy {
        parts.push(Component { what: "plain words".into(), points: 1.0, evidence: String::new() });
    }
    parts
}

fn shorten(text: &str) -> String {
    let text = text.trim();
    match text.char_indices().nth(60) {
        Some((at, _)) => {
            let cut = text[..at].rfind(' ').unwrap_or(at);
            format!("{}…", &text[..cut])
        }
        None => text.to_string(),
    }
}

/// "Answers the question asked", or its absence; a word explained by itself ("a
/// default is when the account defaults") answers nothing.
fn answer(view: &TurnView) -> Component {
    let asked_term = view.debtor.and_then(|d| asked_meaning(&d.text));
    if let Some(term) = asked_term.filter(|term| defines_by_itself(&view.turn.text, term)) {
        return Component {
            what: "explains the word with the word itself".into(),
            points: -1.5,
            evidence: shorten(&format!("{term}: {}", view.turn.text)),
        };
    }
    if super::answers_question(view).answered && !view.has("hedge") {
        Component { what: "answers the question asked".into(), points: 1.0, evidence: String::new() }
    } else {
        missing("leaves the question unanswered", -1.5)
    }
}

/// "What does 'default' mean?", "what's a CCJ?", "what is arrears?": the word asked about.
static ASKS_MEANING: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
    regex::Regex::new(
        r#"(?i)\bwhat(?: does| do|'s| is| are)(?: an?| the)? ['"‘“]?([a-z][a-z&' -]{1,30}?)['"’”]?(?: actually| really| even| exactly)? mean\b|\bwhat(?:'s| is| are) (?:an?|the) ['"‘“]?([a-z&]{2,20})['"’”]?\s*(?:\?|$)|\bwhat(?:'s| is) ['"‘“]?([a-z&]{2,20})['"’”]?\s*\?"#,
    )
    .expect("valid regex")
});

/// The word the debtor asked the meaning of, if they did.
fn asked_meaning(text: &str) -> Option<String> {
    let caps = ASKS_MEANING.captures(text)?;
    let term = (1..=3).find_map(|i| caps.get(i))?.as_str().trim().to_lowercase();
    (term.len() >= 3 && !["that", "this", "it", "the", "your", "you"].contains(&term.as_str())).then_some(term)
}

/// Whether one sentence of the reply says the word's stem twice around a defining
/// verb ("A default is when the account defaults", "arrears means you're in
/// arrears"): the word explained by itself.
fn defines_by_itself(reply: &str, term: &str) -> bool {
    let last = term.split_whitespace().last().unwrap_or(term);
    let stem: String = last.chars().take(5.max(last.len().saturating_sub(2)).min(last.len())).collect();
    if stem.len() < 3 {
        return false;
    }
    let defining = ["is when", "is where", "is if", "means", "is what", "is basically", "is just"];
    crate::signals::sentences(reply).into_iter().any(|(start, end)| {
        let sentence = reply[start..end].to_lowercase();
        let Some(verb_at) = defining.iter().filter_map(|v| sentence.find(v)).min() else { return false };
        let (before, after) = sentence.split_at(verb_at);
        after.contains(&stem) && (before.contains(&stem) || before.trim().is_empty() || before.trim() == "it")
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_word_explained_by_itself_is_no_explanation() {
        let term = asked_meaning("What does 'default' actually mean?").expect("asks a meaning");
        assert_eq!(term, "default");
        assert!(defines_by_itself("A default is when the account defaults under the terms of the agreement.", &term));
        let plain =
            "It means the lender has recorded that the agreement broke down. It stays on your file for six years.";
        assert!(!defines_by_itself(plain, &term));
        assert_eq!(asked_meaning("What's a CCJ?").as_deref(), Some("ccj"));
        assert_eq!(asked_meaning("What does that mean?"), None, "no word to explain");
    }
}
