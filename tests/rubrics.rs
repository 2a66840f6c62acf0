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
