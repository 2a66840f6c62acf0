//! The debrief of a call that was not played but scored from a transcript (a QA
//! analyst's real call): the same report, headed by the file and who was who,
//! each turn under its speaker's own label and, where the transcript had times,
//! when it was said.

use super::model::{CallInfo, Report, build};
use crate::score::Scorecard;
use crate::store::{Mode, Note, PersonaRef, SESSION_FORMAT, ScenarioRef, SessionRecord};
use crate::transcript::{Roles, Speaker, Transcript};

/// The report of a scored transcript.
pub fn build_for_transcript(transcript: &Transcript, card: &Scorecard) -> Report {
    let collector = first_label(transcript, Speaker::Collector, "Collector");
    let customer = first_label(transcript, Speaker::Debtor, "Customer");
    let record = as_record(transcript, card, &collector, &customer);
    let mut report = build(&record, card, None, None);
    for (view, turn) in report.turns.iter_mut().zip(&transcript.turns) {
        let fallback = if turn.speaker == Speaker::Collector { &collector } else { &customer };
        view.speaker = turn.label.clone().unwrap_or_else(|| fallback.clone());
        let time = view.time.as_ref().map_or(String::new(), |t| format!(" {t}"));
        view.label = format!("{} [{}]{time}:", view.speaker, view.number);
    }
    let agent = match &transcript.roles {
        Roles::Chosen(choice) if choice.by == "inferred" => Some(format!("inferred: {}", choice.reason)),
        Roles::Chosen(choice) => Some(choice.reason.clone()),
        _ => None,
    };
    report.call = Some(CallInfo { source: transcript.source.clone(), collector, customer, agent });
    report
}

fn first_label(transcript: &Transcript, side: Speaker, fallback: &str) -> String {
    transcript
        .turns
        .iter()
        .find(|t| t.speaker == side)
        .and_then(|t| t.label.clone())
        .unwrap_or_else(|| fallback.to_string())
}

/// The transcript in the shape of a saved call, so the one report model serves
/// both: no scenario, no meters, no hints.
fn as_record(transcript: &Transcript, card: &Scorecard, collector: &str, customer: &str) -> SessionRecord {
    let after_turn = transcript.turns.len();
    SessionRecord {
        format: SESSION_FORMAT,
        id: transcript.source.clone(),
        scenario: ScenarioRef {
            id: String::new(),
            title: transcript.source.clone(),
            sha256: String::new(),
            source: transcript.source.clone(),
        },
        persona: PersonaRef { name: customer.to_string(), kind: String::new(), difficulty: String::new() },
        facts: transcript.facts.clone(),
        seed: 0,
        rng: String::new(),
        mode: Mode::Assessment,
        trainee: collector.to_string(),
        started_at: String::new(),
        ended_at: None,
        turns: transcript.turns.clone(),
        hints: Vec::new(),
        undos: Vec::new(),
        restarts: 0,
        notes: transcript.notes.iter().map(|text| Note { after_turn, text: text.clone(), at: String::new() }).collect(),
        outcome: String::new(),
        success: None,
        final_meters: Vec::new(),
        score_checks: 0,
        start_node: None,
        scorecard: Some(card.clone()),
    }
}
