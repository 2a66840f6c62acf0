//! A calibration session: the scorer run against a QA team's own labelled material,
//! to see where its judgement agrees with theirs and where it does not.
//!
//! Three measures, one per section of the file:
//! - **acts**: for each act, precision and recall of the turns the detector says
//!   perform it, against the labels;
//! - **pairs**: how often the reply a trainer prefers scores above the other on the
//!   named dimension (a tie counts as wrong: a coach that cannot tell them apart
//!   teaches nothing);
//! - **calls**: recall of each violation kind, turn marks found, and the clean calls
//!   on which a violation was wrongly reported;
//! - **bids** (optional): for each debtor event, precision and recall of the debtor
//!   lines heard to carry it - the opportunities every empathy grade starts from.

pub mod dataset;
pub mod report;

use serde::Serialize;
use serde_json::Value;

use crate::batch::Scorer;
use crate::facts::Facts;
use crate::rubric::Dimension;
use crate::score::{Finding, Scorecard};
use crate::source::SourceFile;
use crate::transcript::{Speaker, Transcript, label, parse_text};
pub use dataset::{Dataset, Part};

/// Everything one calibration run found.
#[derive(Debug, Serialize)]
pub struct Calibration {
    /// `all`, `tune` or `check`.
    pub part: String,
    /// Precision and recall per act.
    pub acts: Vec<ActResult>,
    /// Precision and recall per debtor event (the `bids` section).
    pub bids: Vec<ActResult>,
    /// Pairwise accuracy per dimension.
    pub pairs: Vec<PairResult>,
    /// Recall per violation kind.
    pub violations: Vec<KindResult>,
    /// Marked (call, turn, kind) places where a finding of that kind fell on that turn.
    pub marks_found: usize,
    /// Marked places in all.
    pub marks: usize,
    /// Calls with no violation expected.
    pub clean_calls: usize,
    /// Findings on clean calls.
    pub false_alarms: Vec<FalseAlarm>,
    /// Kinds found in violation calls that the labels do not list.
    pub unexpected: Vec<FalseAlarm>,
}

/// How well the scorer hears one act.
#[derive(Debug, Serialize)]
pub struct ActResult {
    /// The act's name.
    pub act: String,
    /// False when neither the lexicon's acts nor its signals know the name.
    pub known: bool,
    /// Turns that perform the act and were heard to.
    pub true_positives: usize,
    /// Turns heard to perform it that do not.
    pub false_positives: usize,
    /// Turns that perform it and were not heard to.
    pub false_negatives: usize,
    /// Turns that do not perform it and were not heard to.
    pub true_negatives: usize,
    /// Of the turns heard to perform it, the share that do; none when none were heard.
    pub precision: Option<f64>,
    /// Of the turns that perform it, the share heard; none when none do.
    pub recall: Option<f64>,
    /// The items it got wrong.
    pub misses: Vec<Miss>,
}

/// A labelled item the scorer got wrong.
#[derive(Debug, Serialize)]
pub struct Miss {
    /// The item's id.
    pub id: String,
    /// What the label says (true: the turn performs the act).
    pub expected: bool,
    /// The debtor's line before the turn.
    pub context: String,
    /// The turn.
    pub text: String,
}

/// How often the better reply of a pair scored higher, for one dimension.
#[derive(Debug, Serialize)]
pub struct PairResult {
    /// The dimension.
    pub dimension: String,
    /// Pairs where the better reply scored higher.
    pub correct: usize,
    /// Pairs in all.
    pub total: usize,
    /// `correct` over `total` (a tie counts as wrong).
    pub accuracy: Option<f64>,
    /// The pairs it got wrong.
    pub misses: Vec<PairMiss>,
}

/// A pair whose better reply did not score higher.
#[derive(Debug, Serialize)]
pub struct PairMiss {
    /// The pair's id.
    pub id: String,
    /// The better reply's grade; none when the turn was not judged.
    pub better: Option<f64>,
    /// The worse reply's grade.
    pub worse: Option<f64>,
    /// The components of each reply's grade on the dimension, to see why.
    pub better_why: Vec<String>,
    /// The components of the worse reply's grade.
    pub worse_why: Vec<String>,
}

/// How many of the marked violations of one kind were found.
#[derive(Debug, Serialize)]
pub struct KindResult {
    /// The violation kind.
    pub kind: String,
    /// Calls expected to contain it.
    pub expected: usize,
    /// Of those, calls where it was found.
    pub found: usize,
    /// `found` over `expected`.
    pub recall: Option<f64>,
    /// Calls where the kind was expected and not found.
    pub missed_in: Vec<String>,
}

/// A finding where the labels expect none.
#[derive(Debug, Serialize)]
pub struct FalseAlarm {
    /// The call's id.
    pub call: String,
    /// The rule that found it.
    pub rule: String,
    /// The rule's violation kind.
    pub violation: Option<String>,
    /// The turn it fell on.
    pub turn: usize,
    /// The words that triggered it.
    pub evidence: String,
}

/// Runs the scorer over the chosen part of a calibration set.
pub fn run(dataset: &Dataset, scorer: &Scorer, part: Part) -> Calibration {
    let (violations, marks_found, marks, clean_calls, false_alarms, unexpected) = calls(dataset, scorer, part);
    Calibration {
        part: format!("{part:?}").to_lowercase(),
        acts: dataset
            .acts
            .iter()
            .map(|(act, items)| act_result(act, items, scorer, part, Speaker::Collector))
            .collect(),
        bids: dataset
            .bids
            .iter()
            .map(|(event, items)| act_result(event, items, scorer, part, Speaker::Debtor))
            .collect(),
        pairs: pairs(dataset, scorer, part),
        violations,
        marks_found,
        marks,
        clean_calls,
        false_alarms,
        unexpected,
    }
}

fn facts_of(map: &std::collections::BTreeMap<String, Value>) -> Facts {
    Facts(map.iter().map(|(k, v)| (k.clone(), v.clone())).collect())
}

/// A transcript from `Debtor:` / `Collector:` lines.
fn transcript(id: &str, lines: &[String], facts: Facts) -> Option<Transcript> {
    let mut text = String::new();
    for line in lines {
        text.push_str(line.trim());
        text.push('\n');
    }
    let mut transcript = parse_text(&SourceFile::new(id, text)).ok()?;
    transcript.facts = facts;
    Some(transcript)
}

/// "(roommate answers) Dana's not home." → (Some("roommate"), "Dana's not home.").
fn stage_direction(context: &str) -> (Option<String>, &str) {
    let trimmed = context.trim();
    match trimmed.strip_prefix('(').and_then(|rest| rest.split_once(')')) {
        Some((direction, said)) => (who_answers(direction), said.trim()),
        None => (None, trimmed),
    }
}

/// Who a stage direction says is on the line ("roommate answers" → `roommate`,
/// "the consumer's husband answers" → `husband`), in the words of the `on_line` fact.
/// A direction without "answers" names the person only when it is a relation
/// ("(neighbour)", "(work colleague)", "(HR)"): "(sighs)" names nobody.
fn who_answers(direction: &str) -> Option<String> {
    let words: Vec<&str> = direction.split_whitespace().collect();
    let who = match words.iter().position(|w| *w == "answers" || *w == "answering") {
        Some(at) => words.get(at.checked_sub(1)?)?,
        None if crate::transcript::relation_event(direction).is_some() => words.last()?,
        None => return None,
    };
    let who = who.trim_matches(|c: char| !c.is_alphanumeric() && c != '-');
    (!who.is_empty()).then(|| who.to_ascii_lowercase())
}

/// An act item's line without the speaker label a team may have left on it
/// ("Supporter: I'm so sorry."): the item already says who speaks, and a label
/// read as words would hide how the line opens. Only a label naming a side goes.
fn without_side_label(text: &str) -> &str {
    match label::split_label(text, false) {
        Some((name, said)) if label::side_named(name).is_some() => said.trim_start(),
        _ => text,
    }
}

/// An item's facts, with who answers taken from its stage direction unless the
/// facts say it themselves (the dev set's format: "(roommate answers) ...").
fn item_facts(item: &dataset::ActItem, who: Option<String>) -> Facts {
    let mut facts = facts_of(&item.facts);
    if let Some(who) = who {
        facts.0.entry("on_line".to_string()).or_insert(Value::String(who));
    }
    facts
}

/// How well `act` is heard in the lines `speaker` says (a collector's act, or a
/// debtor's event after the collector's `context` line).
fn act_result(act: &str, items: &[dataset::ActItem], scorer: &Scorer, part: Part, speaker: Speaker) -> ActResult {
    let (before, judged) = match speaker {
        Speaker::Collector => ("Debtor", "Collector"),
        Speaker::Debtor => ("Collector", "Debtor"),
    };
    let known = scorer.knows_signal(act);
    let mut result = ActResult {
        act: act.to_string(),
        known,
        true_positives: 0,
        false_positives: 0,
        false_negatives: 0,
        true_negatives: 0,
        precision: None,
        recall: None,
        misses: Vec::new(),
    };
    for item in items.iter().filter(|i| part.includes(&i.id)) {
        let (who, said) = stage_direction(without_side_label(&item.context));
        // A call needs both speakers: with no line before, the other side only says hello.
        let said = if said.is_empty() { "Hello." } else { said };
        let lines = [format!("{before}: {said}"), format!("{judged}: {}", without_side_label(&item.text))];
        let found = transcript(&item.id, &lines, item_facts(item, who)).is_some_and(|mut t| {
            scorer.detect(&mut t);
            t.turns.iter().filter(|t| t.speaker == speaker).any(|t| match speaker {
                Speaker::Collector => t.signals.iter().any(|h| h.id == act),
                Speaker::Debtor => t.events.iter().any(|e| e == act),
            })
        });
        match (item.label, found) {
            (true, true) => result.true_positives += 1,
            (false, false) => result.true_negatives += 1,
            (false, true) => result.false_positives += 1,
            (true, false) => result.false_negatives += 1,
        }
        if item.label != found {
            result.misses.push(Miss {
                id: item.id.clone(),
                expected: item.label,
                context: item.context.clone(),
                text: item.text.clone(),
            });
        }
    }
    let (tp, fp, fn_) = (result.true_positives as f64, result.false_positives as f64, result.false_negatives as f64);
    result.precision = (tp + fp > 0.0).then(|| tp / (tp + fp));
    result.recall = (tp + fn_ > 0.0).then(|| tp / (tp + fn_));
    result
}

fn dimension_score(card: &Scorecard, dimension: &str) -> Option<f64> {
    card.scores.get(Dimension::parse(dimension)?)
}

/// The last turn's grade components on `dimension`, and the rule findings there.
fn reasons(card: &Scorecard, dimension: &str) -> Vec<String> {
    let mut out = Vec::new();
    if let Some(last) = card.turns.last() {
        match Dimension::parse(dimension).and_then(|d| last.get(d)) {
            Some(g) => out.extend(g.components.iter().map(|c| format!("{:+} {}", c.points, c.what))),
            None => out.push("(turn not judged)".into()),
        }
    }
    out.extend(card.findings.iter().filter(|f| f.dimension == dimension).map(|f| format!("finding {}", f.rule)));
    out
}

fn pairs(dataset: &Dataset, scorer: &Scorer, part: Part) -> Vec<PairResult> {
    let mut results: Vec<PairResult> = Vec::new();
    for pair in dataset.pairs.iter().filter(|p| part.includes(&p.id)) {
        let context: Vec<String> = pair.context.lines().filter(|l| !l.trim().is_empty()).map(str::to_string).collect();
        let score_with = |reply: &str| {
            let mut lines = context.clone();
            lines.push(reply.to_string());
            let Some(t) = transcript(&pair.id, &lines, facts_of(&pair.facts)) else { return (None, Vec::new()) };
            let Ok(card) = scorer.score(t) else { return (None, Vec::new()) };
            (dimension_score(&card, &pair.dimension), reasons(&card, &pair.dimension))
        };
        let ((better, better_why), (worse, worse_why)) = (score_with(&pair.better), score_with(&pair.worse));
        let correct = matches!((better, worse), (Some(b), Some(w)) if b > w);
        let index = match results.iter().position(|r| r.dimension == pair.dimension) {
            Some(i) => i,
            None => {
                let dimension = pair.dimension.clone();
                results.push(PairResult { dimension, correct: 0, total: 0, accuracy: None, misses: Vec::new() });
                results.len() - 1
            }
        };
        let result = &mut results[index];
        result.total += 1;
        result.correct += usize::from(correct);
        if !correct {
            result.misses.push(PairMiss { id: pair.id.clone(), better, worse, better_why, worse_why });
        }
    }
    for result in &mut results {
        result.accuracy = (result.total > 0).then(|| result.correct as f64 / result.total as f64);
    }
    results
}

/// Whether a finding reports `kind`: its rule's violation kind, or its rule id
/// (`us-fdcpa.false-threat-arrest` or just `false-threat-arrest`).
fn reports(finding: &Finding, kind: &str) -> bool {
    finding.violation.as_deref() == Some(kind)
        || finding.rule == kind
        || finding.rule.split_once('.').is_some_and(|(_, rule)| rule == kind)
}

/// A finding that says the law was broken: a rule with a violation kind, or a
/// critical or major compliance finding.
fn is_violation(finding: &Finding) -> bool {
    finding.violation.is_some() || (finding.dimension == "compliance" && finding.severity != "minor")
}

type CallMeasures = (Vec<KindResult>, usize, usize, usize, Vec<FalseAlarm>, Vec<FalseAlarm>);

fn calls(dataset: &Dataset, scorer: &Scorer, part: Part) -> CallMeasures {
    let mut kinds: Vec<KindResult> = Vec::new();
    let (mut marks_found, mut marks, mut clean_calls) = (0, 0, 0);
    let (mut false_alarms, mut unexpected) = (Vec::new(), Vec::new());
    for call in dataset.calls.iter().filter(|c| part.includes(&c.id)) {
        let Some(t) = transcript(&call.id, &call.lines, facts_of(&call.facts)) else { continue };
        // Findings count turns over the transcript's turns, which are the call's lines.
        let Ok(card) = scorer.score(t) else { continue };
        let alarm = |f: &Finding| FalseAlarm {
            call: call.id.clone(),
            rule: f.rule.clone(),
            violation: f.violation.clone(),
            turn: f.turn,
            evidence: f.evidence.clone(),
        };
        if call.expect.is_empty() {
            clean_calls += 1;
            false_alarms.extend(card.findings.iter().filter(|f| is_violation(f)).map(alarm));
            continue;
        }
        for kind in &call.expect {
            let found = card.findings.iter().any(|f| reports(f, kind));
            let index = kinds.iter().position(|k| &k.kind == kind).unwrap_or_else(|| {
                kinds.push(KindResult {
                    kind: kind.clone(),
                    expected: 0,
                    found: 0,
                    recall: None,
                    missed_in: Vec::new(),
                });
                kinds.len() - 1
            });
            kinds[index].expected += 1;
            kinds[index].found += usize::from(found);
            if !found {
                kinds[index].missed_in.push(call.id.clone());
            }
        }
        for mark in &call.marks {
            marks += 1;
            marks_found += usize::from(card.findings.iter().any(|f| f.turn == mark.turn && reports(f, &mark.kind)));
        }
        let listed = |f: &&Finding| call.expect.iter().any(|k| reports(f, k));
        unexpected.extend(card.findings.iter().filter(|f| is_violation(f) && !listed(f)).map(alarm));
    }
    kinds.sort_by(|a, b| a.kind.cmp(&b.kind));
    for kind in &mut kinds {
        kind.recall = (kind.expected > 0).then(|| kind.found as f64 / kind.expected as f64);
    }
    (kinds, marks_found, marks, clean_calls, false_alarms, unexpected)
}

impl Calibration {
    /// Recall over every expected (call, kind).
    pub fn violation_recall(&self) -> Option<f64> {
        let expected: usize = self.violations.iter().map(|k| k.expected).sum();
        let found: usize = self.violations.iter().map(|k| k.found).sum();
        (expected > 0).then(|| found as f64 / expected as f64)
    }

    /// Clean calls with at least one false alarm.
    pub fn clean_calls_alarmed(&self) -> usize {
        let mut calls: Vec<&str> = self.false_alarms.iter().map(|a| a.call.as_str()).collect();
        calls.dedup();
        calls.len()
    }
}

/// The bar the project holds its own judgement to (`collectsim calibrate --gate`).
pub struct Gates {
    /// Each act's least precision.
    pub act_precision: f64,
    /// Each act's least recall.
    pub act_recall: f64,
    /// Each dimension's least pairwise accuracy.
    pub pairwise: f64,
    /// The least recall of marked violations.
    pub violation_recall: f64,
}

impl Default for Gates {
    fn default() -> Self {
        Gates { act_precision: 0.90, act_recall: 0.85, pairwise: 0.90, violation_recall: 0.95 }
    }
}

impl Gates {
    /// Every measure below its bar, said as a person would read it.
    pub fn failures(&self, run: &Calibration) -> Vec<String> {
        let mut out = Vec::new();
        let labelled = run.acts.iter().map(|a| ("act", a)).chain(run.bids.iter().map(|b| ("bid", b)));
        for (what, act) in labelled {
            if !act.known {
                out.push(format!("{what} `{}`: the lexicon has no act, signal or event of that name", act.act));
                continue;
            }
            if act.precision.is_some_and(|p| p < self.act_precision) {
                out.push(format!(
                    "{what} `{}`: precision {:.2} < {:.2}",
                    act.act,
                    act.precision.unwrap_or(0.0),
                    self.act_precision
                ));
            }
            if act.recall.is_some_and(|r| r < self.act_recall) {
                out.push(format!(
                    "{what} `{}`: recall {:.2} < {:.2}",
                    act.act,
                    act.recall.unwrap_or(0.0),
                    self.act_recall
                ));
            }
        }
        for pair in &run.pairs {
            if pair.accuracy.is_some_and(|a| a < self.pairwise) {
                let accuracy = pair.accuracy.unwrap_or(0.0);
                out.push(format!(
                    "pairs `{}`: better above worse {accuracy:.2} < {:.2}",
                    pair.dimension, self.pairwise
                ));
            }
        }
        if let Some(recall) = run.violation_recall().filter(|r| *r < self.violation_recall) {
            out.push(format!("violations: recall {recall:.2} < {:.2}", self.violation_recall));
        }
        if run.clean_calls_alarmed() > 0 {
            out.push(format!("clean calls: {} with a false alarm", run.clean_calls_alarmed()));
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_stage_direction_says_who_is_on_the_line() {
        assert_eq!(
            stage_direction("(roommate answers) Dana's not home."),
            (Some("roommate".into()), "Dana's not home.")
        );
        assert_eq!(stage_direction("(the consumer's husband answers) Hello?").0.as_deref(), Some("husband"));
        assert_eq!(stage_direction("(neighbour) I don't know where she's gone.").0.as_deref(), Some("neighbour"));
        assert_eq!(stage_direction("(work colleague) Dean's on his break.").0.as_deref(), Some("colleague"));
        assert_eq!(stage_direction("(sighs) I can't pay.").0, None);
        assert_eq!(stage_direction("(phone rings) Hello?"), (None, "Hello?"));
        assert_eq!(stage_direction("I lost my job."), (None, "I lost my job."));
    }

    #[test]
    fn an_act_item_may_keep_its_speaker_label() {
        assert_eq!(without_side_label("Supporter: I'm so sorry."), "I'm so sorry.");
        assert_eq!(without_side_label("Seeker: My wife left me."), "My wife left me.");
        assert_eq!(without_side_label("Look: I told you already."), "Look: I told you already.");
        assert_eq!(without_side_label("I'm so sorry."), "I'm so sorry.");
    }
}
