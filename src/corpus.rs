//! A deterministic corpus of realistic call transcripts, for benchmarks and for
//! testing a QA pipeline before real calls go through it.
//!
//! Each call is played through a shipped scenario by a simulated collector: a
//! careful one (mostly the scenario's model answers), an uneven one (model answers
//! mixed with other lines) or a careless one (pushes, threats). So the corpus holds
//! the mix a QA team sees: passes, near misses and compliance failures. The same
//! count and seed always give the same bytes.

use std::sync::Arc;

use serde_json::{Value, json};

use crate::engine::Session;
use crate::engine::rng::CallRng;
use crate::scenario::Scenario;
use crate::signals::Detector;
use crate::transcript::Speaker;

/// Lines any collector says now and then.
const FILLERS: &[&str] = &[
    "Okay.",
    "Let me pull up the account, one moment.",
    "I understand.",
    "Can you hold on a second while I check that?",
    "Thanks for bearing with me.",
];

/// What a careless collector says.
const CARELESS: &[&str] = &[
    "You need to pay the full balance right now.",
    "If you don't pay, we'll take you to court and you could be arrested.",
    "This is your last chance before it goes to legal.",
    "Everyone says that. When are you going to pay?",
];

const COLLECTOR_LABELS: &[&str] = &["Agent", "Collector", "Rep"];
const DEBTOR_LABELS: &[&str] = &["Debtor", "Customer", "Caller"];

/// How careful the simulated collector is: weights for saying the node's model
/// answer, a line from the scenario's playthroughs, a filler, a careless line.
#[derive(Debug, Clone, Copy)]
enum Collector {
    Careful,
    Uneven,
    Careless,
}

impl Collector {
    fn weights(self) -> [u32; 4] {
        match self {
            Collector::Careful => [85, 8, 7, 0],
            Collector::Uneven => [55, 25, 12, 8],
            Collector::Careless => [20, 25, 10, 45],
        }
    }
}

/// One generated call: an id, the account facts, and the transcript text.
#[derive(Debug, Clone, PartialEq)]
pub struct GeneratedCall {
    /// The call's id.
    pub id: String,
    /// The account facts, as JSON.
    pub facts: Value,
    /// The plain-text transcript (front matter only for the account note).
    pub text: String,
}

impl GeneratedCall {
    /// A JSON Lines record as `score --input jsonl` reads it.
    pub fn to_jsonl(&self) -> String {
        format!("{{\"id\":{},\"text\":{},\"facts\":{}}}\n", json!(self.id), json!(self.text), self.facts)
    }

    /// A transcript file: the facts (and any note) in front matter.
    pub fn to_text(&self) -> String {
        let mut front = String::new();
        for (name, value) in self.facts.as_object().into_iter().flatten() {
            // JSON is YAML, so every value can be written as JSON.
            front += &format!("{name}: {value}\n");
        }
        match self.text.strip_prefix("---\n") {
            Some(rest) => format!("---\n{front}{rest}"),
            None => format!("---\n{front}---\n{}", self.text),
        }
    }
}

/// Plays call `index` of the corpus with the given seed.
pub fn call(scenarios: &[Arc<Scenario>], detector: &Arc<Detector>, seed: u64, index: u64) -> GeneratedCall {
    let call_seed = seed.wrapping_mul(0x9e37_79b9_7f4a_7c15).wrapping_add(index);
    let mut chooser = CallRng::new(call_seed);
    let scenario = &scenarios[chooser.pick(&vec![1; scenarios.len()])];
    let collector = [Collector::Careful, Collector::Uneven, Collector::Careless][chooser.pick(&[4, 4, 2])];
    let playthrough_lines: Vec<&String> = scenario.tests.iter().flat_map(|t| t.say.iter()).collect();
    let mut session = Session::new(Arc::clone(scenario), Arc::clone(detector), call_seed);
    for _ in 0..40 {
        if session.is_over() {
            break;
        }
        let line = match chooser.pick(&collector.weights()) {
            0 => session.node().model.clone(),
            1 if !playthrough_lines.is_empty() => {
                Some(playthrough_lines[chooser.pick(&vec![1; playthrough_lines.len()])].clone())
            }
            2 => Some(FILLERS[chooser.pick(&[1; FILLERS.len()])].to_string()),
            _ => Some(CARELESS[chooser.pick(&[1; CARELESS.len()])].to_string()),
        };
        session.respond(line.as_deref().unwrap_or(FILLERS[0]));
    }
    let labels = (COLLECTOR_LABELS[chooser.pick(&[3, 1, 1])], DEBTOR_LABELS[chooser.pick(&[3, 1, 1])]);
    let note = matches!(collector, Collector::Careful).then(|| account_note(&session));
    GeneratedCall {
        id: format!("call-{index:07}"),
        facts: serde_json::to_value(&scenario.facts).unwrap_or(Value::Null),
        text: transcript_text(&session, labels, note),
    }
}

fn account_note(session: &Session) -> String {
    let outcome = session.ending().map_or("call ended early".to_string(), |e| e.outcome.replace('_', " "));
    let consumer = session.scenario().facts.text("consumer").unwrap_or("consumer");
    format!("Spoke with {consumer}; identity verified; outcome: {outcome}.")
}

fn transcript_text(session: &Session, (collector, debtor): (&str, &str), note: Option<String>) -> String {
    let mut text = match note {
        Some(note) => format!("---\nnote: {}\n---\n", json!(note)),
        None => String::new(),
    };
    text += "[Call connected]\n";
    for turn in session.turns() {
        let label = if turn.speaker == Speaker::Collector { collector } else { debtor };
        text += &format!("{label}: {}\n", turn.text.replace('\n', " "));
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scenario::Library;
    use crate::signals::Lexicon;

    #[test]
    fn the_same_seed_gives_the_same_calls_and_another_seed_others() {
        let lexicon = Lexicon::builtin();
        let library = Library::load(&lexicon, None).unwrap();
        let detector = Arc::new(Detector::new(&lexicon).unwrap());
        let make = |seed, index| call(&library.scenarios, &detector, seed, index);
        assert_eq!(make(7, 3), make(7, 3));
        assert_ne!(make(7, 3).text, make(8, 3).text);
        let text = make(7, 3).to_text();
        let parsed = crate::transcript::from_text("c.txt", &text).unwrap();
        assert!(parsed.turns.len() >= 2 && parsed.facts.number("balance").is_some());
    }
}
