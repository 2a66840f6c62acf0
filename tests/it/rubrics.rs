//! Every rule in every shipped pack: the pack validates, and each of its pass and
//! fail examples behaves, judged by that rule alone.

use collectsim::rubric::{self, examples, library::BUILTIN};
use collectsim::signals::{Detector, Lexicon};
use collectsim::source::SourceFile;

#[test]
fn every_rule_example_behaves() {
    let lexicon = Lexicon::builtin();
    let detector = Detector::new(&lexicon).unwrap();
    let mut failures = Vec::new();
    let mut checked = 0;
    for (name, text) in BUILTIN {
        let (pack, problems) = rubric::load(&SourceFile::new(*name, *text), &lexicon);
        let shown: Vec<String> = problems.iter().map(|p| p.headline()).collect();
        assert!(problems.is_empty(), "{name}:\n{}", shown.join("\n"));
        let pack = pack.unwrap();
        checked += pack.rules.iter().map(|r| r.pass_examples.len() + r.fail_examples.len()).sum::<usize>();
        failures.extend(examples::check(&pack, &detector));
    }
    println!("{checked} rule examples checked");
    assert!(failures.is_empty(), "{} of {checked} examples misbehave:\n{}", failures.len(), failures.join("\n"));
}

/// Compliance breadth: a rule for every provision in the compliance reference's
/// tables, each with six wordings that break it and four near misses that do not.
#[test]
fn the_compliance_packs_cover_the_law_with_examples() {
    let lexicon = Lexicon::builtin();
    for (name, text) in BUILTIN.iter().filter(|(n, _)| !n.ends_with("core.yaml")) {
        let pack = rubric::load(&SourceFile::new(*name, *text), &lexicon).0.unwrap();
        let least = if pack.id == "us-fdcpa" { 40 } else { 20 };
        assert!(pack.rules.len() >= least, "{name}: {} rules, at least {least} wanted", pack.rules.len());
        for rule in &pack.rules {
            assert!(rule.fail_examples.len() >= 6, "{}: {} fail examples", rule.id, rule.fail_examples.len());
            assert!(rule.pass_examples.len() >= 4, "{}: {} pass examples", rule.id, rule.pass_examples.len());
            let legal =
                matches!(rule.severity, collectsim::rubric::Severity::Critical | collectsim::rubric::Severity::Major);
            assert!(!legal || rule.violation.is_some(), "{}: a legal finding names its violation kind", rule.id);
            assert!(rule.citation.is_some(), "{}: every compliance rule cites the law", rule.id);
        }
    }
}

/// Found playing hostile-swearing: the coach told Ray Kowalski's collector "Try:
/// Before I go on, am I speaking with Maria Alvarez?" - another scenario's consumer.
/// A rule's message and better phrasing are for every call, so they name no person,
/// creditor or agency of any shipped scenario; they take them from the facts.
#[test]
fn no_rule_names_a_scenarios_people_or_companies() {
    let lexicon = Lexicon::builtin();
    let mut names = std::collections::BTreeSet::new();
    let dir = format!("{}/scenarios", env!("CARGO_MANIFEST_DIR"));
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        let stem = path.file_stem().unwrap().to_string_lossy().to_string();
        if path.extension().is_none_or(|e| e != "yaml") || stem == "curriculum" {
            continue;
        }
        let doc: serde_yaml::Value = serde_yaml::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
        for key in ["consumer", "creditor", "agency", "original_creditor"] {
            if let Some(name) = doc["facts"][key].as_str() {
                names.extend(name.split_whitespace().filter(|w| w.len() > 3).map(str::to_string));
            }
        }
        if let Some(name) = doc["persona"]["name"].as_str() {
            names.extend(name.split_whitespace().filter(|w| w.len() > 3).map(str::to_string));
        }
    }
    assert!(names.contains("Kowalski") && names.contains("Alvarez"), "{names:?}");
    let mut found = Vec::new();
    for (file, text) in BUILTIN {
        let pack = rubric::load(&SourceFile::new(*file, *text), &lexicon).0.unwrap();
        for rule in &pack.rules {
            let said = format!("{} {}", rule.message, rule.better);
            let words: Vec<&str> = said.split(|c: char| !c.is_alphanumeric()).collect();
            found.extend(names.iter().filter(|n| words.contains(&n.as_str())).map(|n| format!("{}: {n}", rule.id)));
        }
    }
    assert!(found.is_empty(), "rules naming a scenario's people or companies: {found:?}");
}
