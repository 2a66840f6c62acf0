//! Every shipped scenario: it validates with no warnings, its playthrough tests pass,
//! every ending is reached by at least one of them, and it meets the bar the
//! foundation issue sets for a core persona (12+ nodes, 3+ endings, a success and a
//! failure, a line for every node).

use std::sync::Arc;

use collectsim::playthrough;
use collectsim::scenario::{self, library::BUILTIN};
use collectsim::signals::{Detector, Lexicon};
use collectsim::source::SourceFile;

fn shipped() -> Vec<(SourceFile, Arc<scenario::Scenario>)> {
    let lexicon = Lexicon::builtin();
    BUILTIN
        .iter()
        .map(|(name, text)| {
            let file = SourceFile::new(*name, *text);
            let (compiled, problems) = scenario::load(&file, &lexicon);
            let shown: Vec<String> = problems.iter().map(|p| p.headline()).collect();
            assert!(problems.is_empty(), "{name} has problems:\n{}", shown.join("\n"));
            (file, Arc::new(compiled.expect("no errors")))
        })
        .collect()
}

#[test]
fn every_playthrough_passes() {
    let detector = Arc::new(Detector::new(&Lexicon::builtin()).unwrap());
    let mut failures = Vec::new();
    for (file, scenario) in shipped() {
        for test in &scenario.tests {
            for failure in playthrough::check(&scenario, &detector, test) {
                failures.push(format!("{} / {}: {failure}", file.name, test.name));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn every_ending_is_reached_by_a_playthrough() {
    for (file, scenario) in shipped() {
        for (node, ending) in scenario.endings() {
            let covered = scenario.tests.iter().any(|t| t.expect_ending.as_deref() == Some(ending.outcome.as_str()));
            assert!(covered, "{}: no playthrough ends at `{}` (node `{}`)", file.name, ending.outcome, node.id);
        }
    }
}

#[test]
fn core_personas_are_rich_enough() {
    for (file, scenario) in shipped() {
        let endings: Vec<_> = scenario.endings().collect();
        // The four core personas carry a whole call; the specialised calls of the
        // wider library (a wrong number, a lawyer) are shorter by nature.
        let core = ["hardship", "evasive", "disputing", "hostile"].contains(&scenario.persona.kind.as_str());
        let least = if core { 12 } else { 9 };
        assert!(scenario.nodes.len() >= least, "{}: only {} nodes", file.name, scenario.nodes.len());
        assert!(endings.len() >= 3, "{}: only {} endings", file.name, endings.len());
        assert!(endings.iter().any(|(_, e)| e.success), "{}: no success ending", file.name);
        assert!(endings.iter().any(|(_, e)| !e.success), "{}: no failure ending", file.name);
        for node in &scenario.nodes {
            assert!(node.end.is_some() || node.hint.is_some(), "{}: node `{}` has no hint", file.name, node.id);
            assert!(
                node.end.is_some() || node.model.is_some(),
                "{}: node `{}` has no model answer",
                file.name,
                node.id
            );
        }
    }
}

#[test]
fn the_four_core_personas_are_shipped() {
    let kinds: Vec<String> = shipped().iter().map(|(_, s)| s.persona.kind.clone()).collect();
    for kind in ["hardship", "evasive", "disputing", "hostile"] {
        assert!(kinds.iter().any(|k| k == kind), "no {kind} scenario in {kinds:?}");
    }
}

#[test]
fn every_file_in_scenarios_is_built_in() {
    let mut on_disk: Vec<String> = std::fs::read_dir("scenarios")
        .unwrap()
        .filter_map(|e| e.ok())
        .map(|e| format!("scenarios/{}", e.file_name().to_string_lossy()))
        .filter(|n| n.ends_with(".yaml"))
        .collect();
    on_disk.sort();
    let mut built_in: Vec<String> = BUILTIN.iter().map(|(n, _)| n.to_string()).collect();
    built_in.push(collectsim::scenario::curriculum::BUILTIN.0.to_string());
    built_in.sort();
    assert_eq!(on_disk, built_in, "add new scenario files to scenario::library::BUILTIN");
}

/// The scenario example in README.md validates cleanly and its own playthrough passes,
/// so the documentation cannot drift from the format.
#[test]
fn the_readme_example_is_a_working_scenario() {
    let readme = std::fs::read_to_string("README.md").unwrap();
    let start = readme.find("```yaml\nformat: 1\nid:").expect("README has a scenario example") + "```yaml\n".len();
    let text = &readme[start..start + readme[start..].find("```").unwrap()];
    let lexicon = Lexicon::builtin();
    let (compiled, problems) = scenario::load(&SourceFile::new("README.md", text), &lexicon);
    let shown: Vec<String> = problems.iter().map(|p| p.headline()).collect();
    assert!(problems.is_empty(), "{}", shown.join("\n"));
    let compiled = Arc::new(compiled.unwrap());
    let detector = Arc::new(Detector::new(&lexicon).unwrap());
    assert_eq!(compiled.tests.len(), 1);
    let failures = playthrough::check(&compiled, &detector, &compiled.tests[0]);
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Following every node's model answer must reach a success ending.
#[test]
fn the_model_trainee_succeeds_in_every_scenario() {
    let detector = Arc::new(Detector::new(&Lexicon::builtin()).unwrap());
    let mut failures = Vec::new();
    for (file, scenario) in shipped() {
        let (said, failure) = playthrough::model_trainee(&scenario, &detector);
        if let Some(failure) = failure {
            failures.push(format!("{}: {failure}\n  said: {said:#?}", file.name));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// A careless trainee never succeeds, and the compliance rules catch it.
#[test]
fn the_careless_trainee_fails_and_is_caught_in_every_scenario() {
    let lexicon = Lexicon::builtin();
    let detector = Arc::new(Detector::new(&lexicon).unwrap());
    let packs = collectsim::rubric::library::load_packs(&lexicon, None).unwrap();
    for (file, scenario) in shipped() {
        let chosen = collectsim::rubric::library::for_jurisdiction(&packs, Some(scenario.jurisdiction()));
        let failure = playthrough::careless_trainee(&scenario, &detector, &chosen);
        assert!(failure.is_none(), "{}: {}", file.name, failure.unwrap_or_default());
    }
}

/// The curriculum example in README.md loads without errors against the shipped scenarios.
#[test]
fn the_readme_curriculum_example_loads() {
    let readme = std::fs::read_to_string("README.md").unwrap();
    let start = readme.find("```yaml\nformat: 1\ntitle:").expect("README has a curriculum example") + "```yaml\n".len();
    let text = &readme[start..start + readme[start..].find("```").unwrap()];
    let known: Vec<&str> =
        BUILTIN.iter().map(|(_, t)| t.lines().find_map(|l| l.strip_prefix("id: ")).unwrap().trim()).collect();
    let (curriculum, problems) = collectsim::scenario::curriculum::load(&SourceFile::new("README.md", text), &known);
    assert!(problems.iter().all(|p| !p.is_error()), "{problems:?}");
    assert_eq!(curriculum.unwrap().assessment, ["hardship-job-loss", "evasive-tell-my-wife"]);
}

/// Every level of every shipped scenario (the harder versions of the core calls)
/// passes its own playthroughs, and the model trainee still wins while the
/// careless one still fails and is caught.
#[test]
fn every_level_is_winnable_and_still_punishes_carelessness() {
    let lexicon = Lexicon::builtin();
    let detector = Arc::new(Detector::new(&lexicon).unwrap());
    let packs = collectsim::rubric::library::load_packs(&lexicon, None).unwrap();
    let mut levels = 0;
    for (name, text) in BUILTIN {
        let (all, _) = scenario::load_all(&SourceFile::new(*name, *text), &lexicon);
        for level in all.into_iter().skip(1).map(Arc::new) {
            levels += 1;
            assert!(level.id.ends_with(&format!("-{}", level.difficulty.label)), "{}", level.id);
            assert!(!level.tests.is_empty(), "{}: a level needs its own playthroughs", level.id);
            for test in &level.tests {
                let failures = playthrough::check(&level, &detector, test);
                assert!(failures.is_empty(), "{} / {}: {}", level.id, test.name, failures.join("\n"));
            }
            let (_, failure) = playthrough::model_trainee(&level, &detector);
            assert!(failure.is_none(), "{}: {failure:?}", level.id);
            let chosen = collectsim::rubric::library::for_jurisdiction(&packs, Some(level.jurisdiction()));
            assert_eq!(playthrough::careless_trainee(&level, &detector, &chosen), None, "{}", level.id);
        }
    }
    assert!(levels >= 4, "each core persona has a second difficulty");
}

/// What `:hint` teaches must be right: the model trainee's call, scored with the
/// packs of its jurisdiction, has no finding at all.
#[test]
fn following_the_hints_model_lines_scores_clean() {
    let lexicon = Lexicon::builtin();
    let detector = Arc::new(Detector::new(&lexicon).unwrap());
    let packs = collectsim::rubric::library::load_packs(&lexicon, None).unwrap();
    let mut found = Vec::new();
    for (file, scenario) in shipped() {
        let (said, _) = playthrough::model_trainee(&scenario, &detector);
        let lines = said.iter().map(String::as_str);
        let session = collectsim::engine::Session::replay(
            Arc::clone(&scenario),
            Arc::clone(&detector),
            playthrough::DEFAULT_SEED,
            lines,
        );
        let mut transcript = collectsim::transcript::Transcript {
            source: file.name.clone(),
            facts: scenario.facts.clone(),
            turns: session.turns().to_vec(),
            stage_notes: Vec::new(),
            notes: Vec::new(),
            finished: true,
            note_expected: false,
            roles: collectsim::transcript::Roles::Given,
        };
        transcript.detect(&detector);
        let chosen = collectsim::rubric::library::for_jurisdiction(&packs, Some(scenario.jurisdiction()));
        let card = collectsim::score::score(&chosen, &transcript);
        let name = file.name.rsplit('/').next().unwrap_or(&file.name).to_string();
        found.extend(card.findings.iter().map(|f| (format!("{name}: {}", f.rule), f.turn, f.evidence.clone())));
    }
    assert!(found.is_empty(), "the model lines draw findings: {found:#?}");
}
