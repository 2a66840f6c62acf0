//! The examples in the authoring guides work: the scenario in scenarios/README.md
//! validates cleanly, passes its playthroughs and both bots; the short scenario in
//! README.md passes its playthrough in every wording; the pack in
//! rubrics/README.md validates and its examples behave.

use crate::common;

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

/// The README's sample call plays exactly as the README shows it: the same
/// debtor lines, the same ending and the same meters at the end.
#[test]
fn the_readme_sample_call_plays_as_shown() {
    let readme = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    let section = &readme[readme.find("## A short call").unwrap()..];
    let block = &section[section.find("```\n").unwrap() + 4..];
    let block = &block[..block.find("```").unwrap()];
    let said: Vec<&str> = block.lines().filter_map(|l| l.strip_prefix("You: ")).collect();
    let expected: Vec<&str> = block
        .lines()
        .filter(|l| l.starts_with("Maria: ") || l.starts_with("Call over:") || l.starts_with("How the debtor felt"))
        .collect();
    assert!(said.len() >= 5 && expected.len() >= 7, "{block}");
    let dir = common::temp_dir("readme-call");
    let input = said.join("\n") + "\n";
    let output = common::run(
        &dir,
        &["play", "hardship-job-loss", "--seed", "7", "--trainee", "dana", "--data-dir", "data"],
        &input,
    );
    // The terminal wraps long lines; compare the words.
    let words = |text: &str| text.split_whitespace().collect::<Vec<_>>().join(" ");
    let shown = words(&common::stdout(&output));
    let mut from = 0;
    for line in expected.iter().map(|l| words(l)) {
        let at =
            shown[from..].find(&line).unwrap_or_else(|| panic!("README line {line:?} not played (in order):\n{shown}"));
        from += at + line.len();
    }
}
