//! Every rule carries `examples: {pass: [...], fail: [...]}`. A pass example must
//! give that rule no finding; a fail example must give it at least one. An example
//! is one collector line, or a short labelled transcript (`Debtor: …\nAgent: …`); it
//! runs with the pack's `example_facts`, the rule's own `when:` facts, and any facts
//! in the example's own front matter (`---\ntime_barred: true\n---\nAgent: …`).

use super::{Rubric, Rule};
use crate::facts::Facts;
use crate::score::judge_rule;
use crate::signals::Detector;
use crate::source::SourceFile;
use crate::transcript::{Speaker, Transcript, Turn, parse_text};

/// Each example that does not behave, described for a person.
pub fn check(rubric: &Rubric, detector: &Detector) -> Vec<String> {
    let mut failures = Vec::new();
    for rule in &rubric.rules {
        if rule.pass_examples.is_empty() || rule.fail_examples.is_empty() {
            failures.push(format!("{}: needs at least one pass and one fail example", rule.id));
        }
        for (example, should_fail) in
            rule.pass_examples.iter().map(|e| (e, false)).chain(rule.fail_examples.iter().map(|e| (e, true)))
        {
            if let Some(problem) = check_one(rubric, rule, detector, example, should_fail) {
                failures.push(problem);
            }
        }
    }
    failures
}

fn check_one(rubric: &Rubric, rule: &Rule, detector: &Detector, example: &str, should_fail: bool) -> Option<String> {
    let transcript = match example_transcript(rubric, rule, example, detector) {
        Ok(t) => t,
        Err(problem) => return Some(format!("{}: example {example:?} cannot be read: {problem}", rule.id)),
    };
    let (applicable, findings) = judge_rule(rubric, rule, &transcript);
    let failed = !findings.is_empty();
    if failed == should_fail {
        return None;
    }
    let signals: Vec<String> =
        transcript.turns.iter().flat_map(|t| t.signals.iter().map(|h| format!("{}={:?}", h.id, h.evidence))).collect();
    let events: Vec<&str> = transcript.turns.iter().flat_map(|t| t.events.iter().map(String::as_str)).collect();
    let expected = if should_fail { "fail" } else { "pass" };
    Some(format!(
        "{}: {expected} example {example:?} {} (applied: {applicable}; signals: {}; events: {})",
        rule.id,
        if should_fail { "raised no finding" } else { "raised a finding" },
        signals.join(", "),
        events.join(", ")
    ))
}

/// An example as a transcript with the facts it runs under, signals detected.
pub fn example_transcript(
    rubric: &Rubric,
    rule: &Rule,
    example: &str,
    detector: &Detector,
) -> Result<Transcript, String> {
    let mut facts = rubric.example_facts.clone();
    // A `when: {x: "*"}` asks only that the fact is there: give it a value.
    facts.extend(rule.when.iter().map(|(k, v)| (k.clone(), if v == "*" { "on file".into() } else { v.clone() })));
    // A labelled mini-transcript, or else one collector line (a colon inside a
    // sentence such as "To confirm: $40" is not a speaker label).
    let mut transcript = parse_text(&SourceFile::new("example", example)).unwrap_or_else(|_| Transcript {
        source: "example".into(),
        facts: Facts::default(),
        turns: vec![Turn::spoken(Speaker::Collector, example)],
        stage_notes: Vec::new(),
        notes: Vec::new(),
        finished: true,
        note_expected: true,
        roles: crate::transcript::Roles::Given,
    });
    // Facts the example's own front matter sets win over the pack's.
    let own = std::mem::take(&mut transcript.facts);
    facts.extend(own.0);
    transcript.facts = Facts(facts.into_iter().collect());
    // A rule example is judged as a trainee's call: the note is owed.
    transcript.note_expected = true;
    transcript.detect(detector);
    Ok(transcript)
}
