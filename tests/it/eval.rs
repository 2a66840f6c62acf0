//! Agreement with a small third-party development set (tests/data/eval, Apache-2.0,
//! see its NOTICE.md): 24 synthetic call chunks, a pass and a fail for each of 12
//! FDCPA rule families. Each verdict concerns its own rule only, so each family maps
//! to the collectsim rules that judge the same thing, and a chunk is predicted
//! `fail` when one of those rules raises a finding. The calls carry no account
//! facts beyond the jurisdiction and "no fees authorised" (placeholders such as
//! `$[AMOUNT]` stand for values), so fact-gated rules mostly stay silent.

use collectsim::facts::Facts;
use collectsim::rubric::{self, library::BUILTIN};
use collectsim::score::score;
use collectsim::signals::{Detector, Lexicon};
use collectsim::source::SourceFile;
use collectsim::transcript::parse_text;

const MAPPING: &[(&str, &[&str])] = &[
    ("FDCPA-001", &["mini-miranda", "debt-collector-disclosure"]),
    ("FDCPA-002", &["dispute-handled", "overshadowing", "dispute-rights-denied", "original-creditor"]),
    ("FDCPA-003", &["call-time", "inconvenient-time"]),
    ("FDCPA-004", &["third-party-disclosure", "verify-before-disclosure"]),
    ("FDCPA-005", &["abusive-language", "profanity", "threat-of-violence", "publish-list", "let-them-go"]),
    (
        "FDCPA-006",
        &[
            "false-threat-arrest",
            "false-threat-garnishment",
            "false-threat-suit",
            "impersonation",
            "accuses-crime",
            "time-limits-denied",
            "fake-legal-process",
            "false-credit-threat",
            "wrong-balance",
        ],
    ),
    ("FDCPA-007", &["unauthorised-fee"]),
    ("FDCPA-008", &["cease-request", "medium-opt-out"]),
    ("FDCPA-009", &["dispute-handled", "overshadowing", "dispute-rights-denied"]),
    ("FDCPA-010", &["dispute-handled", "overshadowing", "dispute-rights-denied"]),
    ("FDCPA-011", &["attorney-represented"]),
    ("FDCPA-012", &["false-threat-suit", "false-threat-arrest", "false-threat-garnishment", "time-barred-suit"]),
];

#[derive(serde::Deserialize)]
struct Example {
    rule_id: String,
    transcript_chunk: String,
    verdict: String,
}

#[test]
fn agreement_with_the_development_set() {
    let lexicon = Lexicon::builtin();
    let detector = Detector::new(&lexicon).unwrap();
    let packs: Vec<_> =
        BUILTIN.iter().filter_map(|(name, text)| rubric::load(&SourceFile::new(*name, *text), &lexicon).0).collect();
    let us: Vec<_> = packs.iter().filter(|p| p.id == "core" || p.id == "us-fdcpa").collect();
    let examples: Vec<Example> =
        serde_json::from_str(&std::fs::read_to_string("tests/data/eval/fdcpa_seed_examples.json").unwrap()).unwrap();
    let mut agree = 0;
    let mut report = Vec::new();
    for example in &examples {
        let (_, ours) = MAPPING.iter().find(|(id, _)| *id == example.rule_id).expect("mapped");
        let mut transcript = parse_text(&SourceFile::new(&example.rule_id, &example.transcript_chunk)).unwrap();
        transcript.facts =
            Facts(serde_json::from_value(serde_json::json!({"jurisdiction": "US", "fees_authorized": []})).unwrap());
        transcript.detect(&detector);
        let card = score(&us, &transcript);
        let hits: Vec<&str> =
            card.findings.iter().map(|f| f.rule.trim_start_matches("us-fdcpa.")).filter(|r| ours.contains(r)).collect();
        let predicted = if hits.is_empty() { "pass" } else { "fail" };
        let ok = predicted == example.verdict;
        agree += usize::from(ok);
        report.push(format!(
            "{} {:<4} expected {:<4} got {:<4} {:?}",
            if ok { "ok " } else { "MISS" },
            example.rule_id,
            example.verdict,
            predicted,
            hits
        ));
    }
    println!("{}\nagreement: {agree} of {}", report.join("\n"), examples.len());
    assert_eq!(examples.len(), 24);
    assert!(agree >= 23, "agreement {agree}/24 is below 23:\n{}", report.join("\n"));
}
