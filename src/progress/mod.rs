//! Trainee progress from the saved sessions in a data directory. A file that is
//! not a readable session is reported and skipped, never fatal.

use std::collections::BTreeMap;
use std::path::Path;

use serde::Serialize;

mod view;

pub use view::{TeamView, TraineeView};

use crate::rubric::Dimension;
use crate::store::{Mode, SessionRecord};

/// The persona kinds a trainee must pass in assessment mode to be ready: those of
/// the curriculum's assessment set, in its order. Passing any scenario of a kind
/// counts (a harder version of a call shows the skill as well).
pub fn required_kinds(library: &crate::scenario::Library) -> Vec<String> {
    let mut kinds: Vec<String> = Vec::new();
    for id in &library.curriculum.assessment {
        if let Some(kind) = library.get(id).map(|s| s.persona.kind.clone()).filter(|k| !kinds.contains(k)) {
            kinds.push(kind);
        }
    }
    kinds
}
/// The columns of a trainee's scores: every dimension, then the overall score.
pub fn columns() -> impl Iterator<Item = &'static str> {
    Dimension::names().into_iter().chain(["overall"])
}

/// Every session under `<data>/sessions`, oldest first, and the files skipped.
pub fn load_sessions(data: &Path) -> (Vec<SessionRecord>, Vec<String>) {
    let mut sessions = Vec::new();
    let mut skipped = Vec::new();
    let Ok(paths) = crate::store::session_files(data) else { return (sessions, skipped) };
    for path in paths {
        match SessionRecord::load(&path) {
            Ok(record) => sessions.push(record),
            Err(error) => skipped.push(format!("{error:#}")),
        }
    }
    sessions.sort_by(|a, b| a.started_at.cmp(&b.started_at));
    (sessions, skipped)
}

/// One trainee's progress in totals.
#[derive(Debug, Serialize)]
pub struct Summary {
    /// The trainee's name.
    pub trainee: String,
    /// Calls played.
    pub sessions: usize,
    /// Calls passed (finished, and the scorecard passed).
    pub passed: usize,
    /// When the last call started.
    pub last_session: Option<String>,
    /// Each dimension's average over the calls, and overall.
    pub averages: BTreeMap<String, Option<f64>>,
    /// Whether the trainee has passed every core persona in assessment.
    pub readiness: Readiness,
}

/// Whether a trainee is ready to take live calls.
#[derive(Debug, Serialize)]
pub struct Readiness {
    /// True when every core persona was passed in assessment mode.
    pub ready: bool,
    /// Core personas not yet passed in assessment mode.
    pub missing: Vec<String>,
}

/// One trainee's progress call by call.
#[derive(Debug, Serialize)]
pub struct Detail {
    /// The totals.
    pub summary: Summary,
    /// Every call, oldest first.
    pub calls: Vec<CallRow>,
    /// Rules broken most often, with their counts.
    pub broken_most: Vec<(String, usize)>,
    /// Scenarios passed at least once.
    pub scenarios_passed: Vec<String>,
    /// Scenarios played and never passed.
    pub scenarios_failed: Vec<String>,
}

/// One call in a trainee's progress.
#[derive(Debug, Serialize)]
pub struct CallRow {
    /// When it started.
    pub date: String,
    /// The scenario's id.
    pub scenario: String,
    /// The debtor's name.
    pub persona: String,
    /// Practice or assessment.
    pub mode: String,
    /// How it ended.
    pub outcome: String,
    /// Whether it passed.
    pub passed: bool,
    /// Each dimension's score, and overall.
    pub scores: BTreeMap<String, Option<f64>>,
}

fn scores_of(record: &SessionRecord) -> BTreeMap<String, Option<f64>> {
    let s = record.scorecard.as_ref().map(|c| c.scores.clone()).unwrap_or_default();
    let values = Dimension::ALL.map(|d| s.get(d)).into_iter().chain([s.overall]);
    columns().map(str::to_string).zip(values).collect()
}

/// A call counts as passed only when it was finished and its scorecard passed:
/// an abandoned call, or one that ended before the account was discussed, never does.
fn passed(record: &SessionRecord) -> bool {
    record.is_finished() && record.scorecard.as_ref().is_some_and(|c| c.passed && c.verdict != "incomplete")
}

/// One row per trainee, in name order.
pub fn table(sessions: &[SessionRecord], required: &[String]) -> Vec<Summary> {
    let mut names: Vec<&str> = sessions.iter().map(|s| s.trainee.as_str()).collect();
    names.sort_unstable();
    names.dedup();
    names.into_iter().map(|name| summary(name, sessions, required)).collect()
}

/// One trainee's totals; `required` names the core personas for readiness.
pub fn summary(trainee: &str, sessions: &[SessionRecord], required: &[String]) -> Summary {
    let mine: Vec<&SessionRecord> = sessions.iter().filter(|s| s.trainee == trainee).collect();
    let averages = columns()
        .map(|d| {
            let values: Vec<f64> = mine.iter().filter_map(|s| scores_of(s)[d]).collect();
            let mean =
                (!values.is_empty()).then(|| (values.iter().sum::<f64>() / values.len() as f64 * 10.0).round() / 10.0);
            (d.to_string(), mean)
        })
        .collect();
    let missing = required
        .iter()
        .filter(|kind| !mine.iter().any(|s| &s.persona.kind == *kind && s.mode == Mode::Assessment && passed(s)))
        .map(|k| k.to_string())
        .collect::<Vec<_>>();
    Summary {
        trainee: trainee.to_string(),
        sessions: mine.len(),
        passed: mine.iter().filter(|s| passed(s)).count(),
        last_session: mine.last().map(|s| s.started_at.clone()),
        averages,
        readiness: Readiness { ready: missing.is_empty(), missing },
    }
}

/// One trainee's calls and totals.
pub fn detail(trainee: &str, sessions: &[SessionRecord], required: &[String]) -> Detail {
    let mine: Vec<&SessionRecord> = sessions.iter().filter(|s| s.trainee == trainee).collect();
    let mut broken: BTreeMap<String, usize> = BTreeMap::new();
    for card in mine.iter().filter_map(|s| s.scorecard.as_ref()) {
        let mut rules: Vec<&str> = card.findings.iter().map(|f| f.rule.as_str()).collect();
        rules.dedup();
        for rule in rules {
            *broken.entry(rule.to_string()).or_default() += 1;
        }
    }
    let mut broken_most: Vec<(String, usize)> = broken.into_iter().collect();
    broken_most.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    broken_most.truncate(5);
    // Passed once any call of it passed, named by its first passing call; not
    // passed are the scenarios played without a pass yet.
    let mut first_pass: BTreeMap<&str, &SessionRecord> = BTreeMap::new();
    let mut by_date = mine.clone();
    by_date.sort_by(|a, b| a.started_at.cmp(&b.started_at));
    for s in by_date.iter().filter(|s| passed(s)) {
        first_pass.entry(s.scenario.id.as_str()).or_insert(s);
    }
    let scenarios_passed: Vec<String> = first_pass
        .iter()
        .map(|(id, s)| {
            format!("{id} ({}, {:?} mode)", s.started_at.get(..10).unwrap_or(&s.started_at), s.mode).to_lowercase()
        })
        .collect();
    let mut scenarios_failed: Vec<String> = mine
        .iter()
        .filter(|s| !first_pass.contains_key(s.scenario.id.as_str()))
        .map(|s| s.scenario.id.clone())
        .collect();
    scenarios_failed.sort();
    scenarios_failed.dedup();
    Detail {
        summary: summary(trainee, sessions, required),
        calls: mine
            .iter()
            .map(|s| CallRow {
                date: s.started_at.clone(),
                scenario: s.scenario.id.clone(),
                persona: s.persona.kind.clone(),
                mode: format!("{:?}", s.mode).to_lowercase(),
                outcome: s.outcome.replace('_', " "),
                passed: passed(s),
                scores: scores_of(s),
            })
            .collect(),
        broken_most,
        scenarios_passed,
        scenarios_failed,
    }
}
