//! Playthrough tests written in a scenario's `tests:` key, in the spirit of Yarn
//! Spinner's `.testplan`: trainee lines in, expectations about where the call ends up.
//! The test suite runs every shipped scenario's tests; authors will run their own with
//! `collectsim test`.

use std::sync::Arc;

use crate::engine::Session;
use crate::scenario::{Playthrough, Scenario};
use crate::signals::Detector;
use crate::transcript::Speaker;

/// Seed used when a test does not fix one; transitions never depend on it.
pub const DEFAULT_SEED: u64 = 1;

/// Trainee turns a random walker plays before calling the call stuck.
pub const WALK_TURNS: usize = 30;

/// Plays one test, and again with each of its `also_say` wordings as the last
/// line; returns what did not match (empty when every wording passed).
pub fn check(scenario: &Arc<Scenario>, detector: &Arc<Detector>, test: &Playthrough) -> Vec<String> {
    let mut failures = Vec::new();
    for (wording, say) in test.variants() {
        let found = check_lines(scenario, detector, test, &say);
        match wording {
            None => failures.extend(found),
            Some(wording) => failures.extend(found.into_iter().map(|f| format!("with \"{wording}\" last: {f}"))),
        }
    }
    failures
}

fn check_lines(scenario: &Arc<Scenario>, detector: &Arc<Detector>, test: &Playthrough, say: &[String]) -> Vec<String> {
    let mut session = Session::new(Arc::clone(scenario), Arc::clone(detector), test.seed.unwrap_or(DEFAULT_SEED));
    let mut failures = Vec::new();
    for (i, line) in say.iter().enumerate() {
        if session.is_over() {
            failures.push(format!("the call ended after line {i} of {}; later lines were never said", say.len()));
            break;
        }
        session.respond(line);
    }
    failures.extend(check_expectations(&session, test));
    failures
}

fn check_expectations(session: &Session, test: &Playthrough) -> Vec<String> {
    let mut failures = Vec::new();
    let at = &session.node().id;
    let outcome = session.ending().map(|e| e.outcome.as_str());
    if let Some(expected) = &test.expect_ending {
        match outcome {
            Some(actual) if actual == expected => {}
            Some(actual) => failures.push(format!("expected ending `{expected}`, got `{actual}`")),
            None => failures.push(format!("expected ending `{expected}`, but the call is still going at node `{at}`")),
        }
    }
    if let Some(expected) = test.expect_success {
        let actual = session.ending().map(|e| e.success);
        if actual != Some(expected) {
            failures.push(format!(
                "expected success {expected}, got {}",
                actual.map_or("no ending".into(), |s| s.to_string())
            ));
        }
    }
    if let Some(expected) = &test.expect_node {
        if expected != at {
            failures.push(format!("expected to be at node `{expected}`, but at `{at}`"));
        }
    }
    for (meter, comparison) in &test.expect_meters {
        let value = session.state().meter(session.scenario(), meter);
        if !comparison.holds(value) {
            failures
                .push(format!("expected meter `{meter}` {:?} {}, but it is {value}", comparison.op, comparison.value));
        }
    }
    for flag in &test.expect_flags {
        if !session.state().flags.contains(flag) {
            failures.push(format!("expected flag `{flag}` to be set"));
        }
    }
    failures.extend(check_findings(session, test));
    if !failures.is_empty() {
        failures.push(format!("call so far:\n{}", transcript(session)));
    }
    failures
}

/// The rubric packs playthroughs are scored with: `./rubrics` over the built-ins,
/// as `score` and `play` use them.
static PACKS: std::sync::LazyLock<Vec<crate::rubric::Rubric>> = std::sync::LazyLock::new(|| {
    let lexicon = crate::signals::Lexicon::builtin();
    crate::rubric::library::load_packs(&lexicon, Some(std::path::Path::new("rubrics")))
        .or_else(|_| crate::rubric::library::load_packs(&lexicon, None))
        .unwrap_or_default()
});

/// `findings:` / `no_findings:` expectations, judged on the call as played so far.
fn check_findings(session: &Session, test: &Playthrough) -> Vec<String> {
    if test.expect_findings.is_empty() && test.expect_no_findings.is_empty() {
        return Vec::new();
    }
    let scenario = session.scenario();
    let transcript = transcript_of(session, session.is_over());
    let packs = crate::rubric::library::for_jurisdiction(&PACKS, Some(scenario.jurisdiction()));
    let known: Vec<&str> = packs.iter().flat_map(|p| p.rules.iter().map(|r| r.id.as_str())).collect();
    let card = crate::score::score(&packs, &transcript);
    let found: Vec<&str> = card.findings.iter().map(|f| f.rule.as_str()).collect();
    let mut failures = Vec::new();
    for rule in test.expect_findings.iter().chain(&test.expect_no_findings) {
        if !known.contains(&rule.as_str()) {
            failures.push(format!(
                "unknown rule `{rule}`; {}",
                crate::suggest::help_for(rule, known.iter().copied(), "rules")
            ));
        }
    }
    for rule in test.expect_findings.iter().filter(|r| !found.contains(&r.as_str())) {
        failures.push(format!(
            "expected a `{rule}` finding; found: {}",
            if found.is_empty() { "none".into() } else { found.join(", ") }
        ));
    }
    for rule in test.expect_no_findings.iter().filter(|r| found.contains(&r.as_str())) {
        let finding = card.findings.iter().find(|f| &f.rule == rule).expect("found");
        failures.push(format!(
            "expected no `{rule}` finding, but turn {} raised it: \"{}\"",
            finding.turn, finding.evidence
        ));
    }
    failures
}

/// A bot's call as a transcript for the scorer (`finished`: whether obligations
/// still open count as missed).
fn transcript_of(session: &Session, finished: bool) -> crate::transcript::Transcript {
    let scenario = session.scenario();
    crate::transcript::Transcript {
        source: scenario.id.clone(),
        facts: scenario.facts.clone(),
        turns: session.turns().to_vec(),
        stage_notes: Vec::new(),
        notes: Vec::new(),
        finished,
        note_expected: false,
        roles: crate::transcript::Roles::Given,
    }
}

fn transcript(session: &Session) -> String {
    session
        .turns()
        .iter()
        .map(|t| {
            let who = if t.speaker == Speaker::Collector { "  You" } else { "  Debtor" };
            format!("{who} [{}]: {}", t.node.as_deref().unwrap_or("?"), t.text)
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The model trainee: at every node it says that node's model answer. A scenario
/// whose model answers do not lead to a success ending would teach the wrong thing.
/// Returns the lines said and the failure, if any.
pub fn model_trainee(scenario: &Arc<Scenario>, detector: &Arc<Detector>) -> (Vec<String>, Option<String>) {
    let mut session = Session::new(Arc::clone(scenario), Arc::clone(detector), DEFAULT_SEED);
    let mut said = Vec::new();
    for _ in 0..60 {
        if session.is_over() {
            break;
        }
        let node = session.node();
        let Some(model) = node.model.clone() else {
            return (said, Some(format!("node `{}` has no model answer to follow", node.id)));
        };
        let before = node.id.clone();
        let visits_before = session.state().visits.clone();
        said.push(model.trim().to_string());
        session.respond(&model);
        let unchanged = session.node().id == before && session.state().visits == visits_before;
        if !session.is_over() && unchanged {
            let problem = format!("the model answer at `{before}` does not move the call on (it stays at `{before}`)");
            return (said, Some(problem));
        }
    }
    match session.ending() {
        Some(ending) if ending.success => (said, None),
        Some(ending) => (said, Some(format!("the model answers end at `{}`, which is not a success", ending.outcome))),
        None => (said, Some(format!("the model answers never reach an ending (stuck at `{}`)", session.node().id))),
    }
}

/// The careless trainee: discloses the debt to whoever answers, pushes for the full
/// balance and threatens. Every scenario must punish it — no success ending — and
/// the rules must catch it — at least one critical or major compliance finding.
pub fn careless_trainee(
    scenario: &Arc<Scenario>,
    detector: &Arc<Detector>,
    packs: &[&crate::rubric::Rubric],
) -> Option<String> {
    let balance = scenario.facts.money(scenario.facts.number("balance").unwrap_or(500.0));
    let opening = format!("I'm calling about the {balance} you owe.");
    let pushes = [
        "You need to pay the full balance right now.",
        "If you don't pay, we'll take you to court and you could be arrested.",
    ];
    let mut session = Session::new(Arc::clone(scenario), Arc::clone(detector), DEFAULT_SEED);
    session.respond(&opening);
    for turn in 0..30 {
        if session.is_over() {
            break;
        }
        session.respond(pushes[turn % pushes.len()]);
    }
    if let Some(ending) = session.ending().filter(|e| e.success) {
        return Some(format!("a careless trainee reached the success ending `{}`", ending.outcome));
    }
    let card = crate::score::score(packs, &transcript_of(&session, true));
    let caught = card
        .findings
        .iter()
        .any(|f| f.dimension == "compliance" && (f.severity == "critical" || f.severity == "major"));
    (!caught).then(|| "a careless trainee raised no critical or major compliance finding".to_string())
}

/// What the random walkers saw across many seeded calls.
#[derive(Debug, Default)]
pub struct Exploration {
    /// Calls walked.
    pub calls: usize,
    /// Nodes no call reached.
    pub nodes_never_visited: Vec<String>,
    /// Endings no call reached.
    pub endings_never_reached: Vec<String>,
    /// Debtor line variants (node / say|again / index) never said.
    pub lines_never_said: usize,
    /// Debtor line variants in all.
    pub lines_total: usize,
    /// Dead ends: nodes where calls went the whole walk without reaching any
    /// ending (nothing the trainee said moved them on, and nothing ran out), with
    /// how many calls stalled there.
    pub dead_ends: Vec<(String, usize)>,
}

/// Random walkers: `seeds` calls, each saying lines drawn (value-stably) from the
/// scenario's own material — model answers, playthrough lines, careless lines —
/// until the call ends or [`WALK_TURNS`] turns pass (a call still going then is
/// at a dead end: a real trainee would be stuck there too).
pub fn explore(scenario: &Arc<Scenario>, detector: &Arc<Detector>, seeds: u64) -> Exploration {
    let mut pool: Vec<String> = scenario.nodes.iter().filter_map(|n| n.model.clone()).collect();
    pool.extend(scenario.tests.iter().flat_map(|t| t.say.iter().cloned()));
    pool.extend(["You need to pay the full balance right now.".to_string(), "Okay.".to_string()]);
    let mut visited = std::collections::BTreeSet::new();
    let mut reached = std::collections::BTreeSet::new();
    let mut said: std::collections::BTreeSet<(String, String)> = std::collections::BTreeSet::new();
    let mut stalled: std::collections::BTreeMap<String, usize> = std::collections::BTreeMap::new();
    for seed in 0..seeds {
        let mut chooser = crate::engine::rng::CallRng::new(seed ^ 0x9e37_79b9);
        let mut session = Session::new(Arc::clone(scenario), Arc::clone(detector), seed);
        for _ in 0..WALK_TURNS {
            if session.is_over() {
                break;
            }
            let line = &pool[chooser.pick(&vec![1; pool.len()])];
            session.respond(line);
        }
        for turn in session.turns().iter().filter(|t| t.speaker == Speaker::Debtor) {
            if let Some(node) = &turn.node {
                visited.insert(node.clone());
                said.insert((node.clone(), turn.text.clone()));
            }
        }
        match session.ending() {
            Some(ending) => _ = reached.insert(ending.outcome.clone()),
            None => *stalled.entry(session.node().id.clone()).or_insert(0) += 1,
        }
    }
    let rendered = crate::template::context(&crate::scenario::template_data(scenario));
    let mut lines_total = 0;
    let mut lines_never_said = 0;
    for node in &scenario.nodes {
        for line in node.say.iter().chain(&node.again) {
            lines_total += 1;
            let text = scenario.templates.render_in(&line.template, &rendered).unwrap_or_default();
            if !said.contains(&(node.id.clone(), text)) {
                lines_never_said += 1;
            }
        }
    }
    Exploration {
        calls: seeds as usize,
        nodes_never_visited: scenario.nodes.iter().map(|n| n.id.clone()).filter(|id| !visited.contains(id)).collect(),
        endings_never_reached: scenario
            .endings()
            .map(|(_, e)| e.outcome.clone())
            .filter(|o| !reached.contains(o))
            .collect(),
        lines_never_said,
        lines_total,
        dead_ends: stalled.into_iter().collect(),
    }
}
