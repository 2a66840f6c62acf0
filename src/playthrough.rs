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

/// Plays one test and returns what did not match (empty when it passed).
pub fn check(scenario: &Arc<Scenario>, detector: &Arc<Detector>, test: &Playthrough) -> Vec<String> {
    let mut session = Session::new(Arc::clone(scenario), Arc::clone(detector), test.seed.unwrap_or(DEFAULT_SEED));
    let mut failures = Vec::new();
    for (i, line) in test.say.iter().enumerate() {
        if session.is_over() {
            failures.push(format!("the call ended after line {i} of {}; later lines were never said", test.say.len()));
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
    if !failures.is_empty() {
        failures.push(format!("call so far:\n{}", transcript(session)));
    }
    failures
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
