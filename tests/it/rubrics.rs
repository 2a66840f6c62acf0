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
