//! The examples in the authoring guides work: the scenario in scenarios/README.md
//! validates cleanly, passes its playthroughs and both bots; the short scenario in
//! README.md passes its playthrough in every wording; the pack in
//! rubrics/README.md validates and its examples behave.

use std::sync::Arc;

use collectsim::playthrough;
use collectsim::rubric::{self, examples, library};
use collectsim::scenario;
use collectsim::signals::{Detector, Lexicon};
use collectsim::source::SourceFile;

fn yaml_blocks(path: &str) -> Vec<String> {
    let text = std::fs::read_to_string(path).unwrap();
    text.split("```yaml\n").skip(1).map(|rest| rest[..rest.find("```").unwrap()].to_string()).collect()
}

#[test]
fn the_scenario_guide_example_works() {
    let lexicon = Lexicon::builtin();
    let detector = Arc::new(Detector::new(&lexicon).unwrap());
    let blocks = yaml_blocks("scenarios/README.md");
    assert_eq!(blocks.len(), 1);
    let (all, problems) = scenario::load_all(&SourceFile::new("scenarios/README.md", blocks[0].as_str()), &lexicon);
    let shown: Vec<String> = problems.iter().map(|p| p.headline()).collect();
    assert!(problems.is_empty(), "{}", shown.join("\n"));
    assert_eq!(all.iter().map(|s| s.id.as_str()).collect::<Vec<_>>(), ["guide-example", "guide-example-hard"]);
    let packs = library::load_packs(&lexicon, None).unwrap();
    let chosen = library::for_jurisdiction(&packs, Some("US"));
    for compiled in all.into_iter().map(Arc::new) {
        assert!(!compiled.tests.is_empty(), "{} has playthroughs", compiled.id);
        for test in &compiled.tests {
            let failures = playthrough::check(&compiled, &detector, test);
            assert!(failures.is_empty(), "{}: {}", test.name, failures.join("\n"));
        }
        assert_eq!(playthrough::model_trainee(&compiled, &detector).1, None);
        assert_eq!(playthrough::careless_trainee(&compiled, &detector, &chosen), None);
    }
}

/// The short scenario in the main README plays as it says, every wording included.
#[test]
fn the_readme_scenario_example_works() {
    let lexicon = Lexicon::builtin();
    let detector = Arc::new(Detector::new(&lexicon).unwrap());
    let block = yaml_blocks("README.md").into_iter().find(|b| b.starts_with("format: 1\nid: short-example")).unwrap();
    let (compiled, problems) = scenario::load(&SourceFile::new("README.md", block.as_str()), &lexicon);
    let shown: Vec<String> = problems.iter().map(|p| p.headline()).collect();
    assert!(problems.is_empty(), "{}", shown.join("\n"));
    let compiled = Arc::new(compiled.unwrap());
    assert_eq!(compiled.tests[0].also_say.len(), 3);
    for test in &compiled.tests {
        let failures = playthrough::check(&compiled, &detector, test);
        assert!(failures.is_empty(), "{}: {}", test.name, failures.join("\n"));
    }
}

#[test]
fn the_rubric_guide_example_works() {
    let lexicon = Lexicon::builtin();
    let detector = Detector::new(&lexicon).unwrap();
    let blocks = yaml_blocks("rubrics/README.md");
    assert_eq!(blocks.len(), 1);
    let (pack, problems) = rubric::load(&SourceFile::new("rubrics/README.md", blocks[0].as_str()), &lexicon);
    let shown: Vec<String> = problems.iter().map(|p| p.headline()).collect();
    assert!(problems.is_empty(), "{}", shown.join("\n"));
    let pack = pack.unwrap();
    assert_eq!(pack.rules.len(), 2);
    let failures = examples::check(&pack, &detector);
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
