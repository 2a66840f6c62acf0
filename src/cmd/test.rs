//! `collectsim test`: the playthrough tests written in scenarios, and the pass/fail
//! examples of every rubric rule, with a summary a person can read.

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;

use anyhow::{Result, bail};

use super::{LOCAL_RUBRICS, LOCAL_SCENARIOS, load_lexicon};
use crate::cli::TestArgs;
use collectsim::diagnostic::Diagnostic;
use collectsim::playthrough;
use collectsim::rubric::{self, examples};
use collectsim::scenario;
use collectsim::signals::{Detector, Lexicon};
use collectsim::source::SourceFile;
use collectsim::style::Style;

/// Seeded random-walker calls per scenario: enough to find unreachable corners, fast.
const WALKERS: u64 = 200;

#[derive(Default)]
struct Tally {
    passed: usize,
    failed: usize,
}

pub fn run(args: &TestArgs) -> Result<ExitCode> {
    let lexicon = load_lexicon()?;
    let detector = Arc::new(Detector::new(&lexicon)?);
    let style = Style::stdout();
    let mut tally = Tally::default();
    // Compiled once, on the first scenario, for every careless-trainee check.
    let mut packs: Option<Vec<rubric::Rubric>> = None;
    for file in files(&args.paths)? {
        let keys = collectsim::yaml::top_level_keys(&file.text);
        if keys.iter().any(|k| k == "nodes") {
            if packs.is_none() {
                packs = Some(rubric::library::load_packs(&lexicon, Some(Path::new(LOCAL_RUBRICS)))?);
            }
            let packs = packs.as_deref().unwrap_or_default();
            test_scenario(&file, (&lexicon, packs), &detector, &style, &mut tally)?;
        } else if keys.iter().any(|k| k == "rules") {
            test_rubric(&file, &lexicon, &detector, &style, &mut tally)?;
        } else if args.paths.iter().any(|p| p.display().to_string() == file.name) {
            bail!("{}", neither_scenario_nor_rubric(&file.name, &keys));
        }
    }
    let line = format!("{} passed, {} failed", tally.passed, tally.failed);
    println!("\n{}", if tally.failed > 0 { style.red(&line) } else { style.green(&line) });
    Ok(if tally.failed > 0 { ExitCode::from(1) } else { ExitCode::SUCCESS })
}

/// A file named on the command line that `test` cannot test: it once said
/// "0 passed, 0 failed" and exited 0 for a scenario whose `nodes:` was misspelt.
fn neither_scenario_nor_rubric(name: &str, keys: &[String]) -> String {
    let hint = keys
        .iter()
        .find_map(|key| Some((key, collectsim::suggest::did_you_mean(key, ["nodes", "rules"])?)))
        .map(|(key, meant)| format!(" (`{key}:` — did you mean `{meant}:`?)"))
        .unwrap_or_default();
    format!(
        "{name} is neither a scenario (no `nodes:`) nor a rubric pack (no `rules:`){hint}; \
         `collectsim validate {name}` checks it"
    )
}

fn test_scenario(
    file: &SourceFile,
    (lexicon, packs): (&Lexicon, &[rubric::Rubric]),
    detector: &Arc<Detector>,
    style: &Style,
    tally: &mut Tally,
) -> Result<()> {
    let (all, problems) = scenario::load_all(file, lexicon);
    // Stops the run (exit 2) when the file does not load.
    loaded(file, (all.first().map(|_| ()), problems))?;
    for (i, scenario) in all.into_iter().enumerate() {
        // The first is the scenario itself; the others are its levels.
        let name = match i {
            0 => file.name.clone(),
            _ => format!("{}, level {}", file.name, scenario.difficulty.label),
        };
        test_one(&name, &Arc::new(scenario), packs, detector, style, tally);
    }
    Ok(())
}

/// One scenario (or one level of it): its playthroughs, the bots, the walkers.
fn test_one(
    name: &str,
    scenario: &Arc<scenario::Scenario>,
    packs: &[rubric::Rubric],
    detector: &Arc<Detector>,
    style: &Style,
    tally: &mut Tally,
) {
    let scenario = Arc::clone(scenario);
    println!("{} ({} playthroughs and two bot trainees)", style.bold(name), scenario.tests.len());
    for test in &scenario.tests {
        let failures = playthrough::check(&scenario, detector, test);
        report(&test.name, &failures, style, tally);
    }
    let (said, failure) = playthrough::model_trainee(&scenario, detector);
    let failures: Vec<String> = failure.map(|f| format!("{f}\nsaid: {}", said.join(" / "))).into_iter().collect();
    report("model trainee (says every node's model answer) reaches a success ending", &failures, style, tally);
    let chosen = rubric::library::for_jurisdiction(packs, Some(scenario.jurisdiction()));
    let careless: Vec<String> = playthrough::careless_trainee(&scenario, detector, &chosen).into_iter().collect();
    report(
        "careless trainee (discloses, pressures, threatens) fails and the compliance rules catch it",
        &careless,
        style,
        tally,
    );
    let seen = playthrough::explore(&scenario, detector, WALKERS);
    let list = |items: &[String]| if items.is_empty() { "none".to_string() } else { items.join(", ") };
    let dead_ends: Vec<String> = seen.dead_ends.iter().map(|(node, calls)| format!("{node} ({calls} calls)")).collect();
    println!(
        "  {} {} random walkers: nodes never visited: {}; endings never reached: {}; {} of {} debtor lines never said",
        style.dim("coverage:"),
        seen.calls,
        list(&seen.nodes_never_visited),
        list(&seen.endings_never_reached),
        seen.lines_never_said,
        seen.lines_total
    );
    println!(
        "  {} {} (calls still going after {} turns, by the node they were stuck at)",
        style.dim("dead ends:"),
        if dead_ends.is_empty() { "none".to_string() } else { style.yellow(&dead_ends.join(", ")) },
        playthrough::WALK_TURNS
    );
}

fn test_rubric(
    file: &SourceFile,
    lexicon: &Lexicon,
    detector: &Detector,
    style: &Style,
    tally: &mut Tally,
) -> Result<()> {
    let pack = loaded(file, rubric::load(file, lexicon))?;
    let failures = examples::check(&pack, detector);
    let total: usize = pack.rules.iter().map(|r| r.pass_examples.len() + r.fail_examples.len()).sum();
    println!("{} ({} rules, {total} examples)", style.bold(&file.name), pack.rules.len());
    for rule in &pack.rules {
        let own: Vec<String> = failures.iter().filter(|f| f.starts_with(&format!("{}:", rule.id))).cloned().collect();
        report(&rule.id, &own, style, tally);
    }
    Ok(())
}

fn report(name: &str, failures: &[String], style: &Style, tally: &mut Tally) {
    if failures.is_empty() {
        tally.passed += 1;
        println!("  {} {name}", style.green("ok"));
    } else {
        tally.failed += 1;
        println!("  {} {name}", style.red("FAILED"));
        for failure in failures {
            for line in failure.lines() {
                println!("      {line}");
            }
        }
    }
}

/// A file that does not load cannot be tested: that stops the run (exit 2), and
/// `collectsim validate` explains why.
fn loaded<T>(file: &SourceFile, (value, problems): (Option<T>, Vec<Diagnostic>)) -> Result<T> {
    match value {
        Some(value) => Ok(value),
        None => {
            let shown: Vec<String> = problems.iter().filter(|d| d.is_error()).map(Diagnostic::headline).collect();
            bail!("{} has errors; run `collectsim validate {}`:\n{}", file.name, file.name, shown.join("\n"))
        }
    }
}

fn files(paths: &[PathBuf]) -> Result<Vec<SourceFile>> {
    let defaults = [PathBuf::from(LOCAL_SCENARIOS), PathBuf::from(LOCAL_RUBRICS)];
    let paths: Vec<PathBuf> =
        if paths.is_empty() { defaults.into_iter().filter(|p| p.is_dir()).collect() } else { paths.to_vec() };
    if paths.is_empty() {
        let builtins = scenario::library::BUILTIN.iter().chain(rubric::library::BUILTIN.iter());
        return Ok(builtins.map(|(name, text)| SourceFile::new(format!("builtin:{name}"), *text)).collect());
    }
    let mut files = Vec::new();
    for path in &paths {
        gather(path, &mut files)?;
    }
    Ok(files)
}

fn gather(path: &Path, files: &mut Vec<SourceFile>) -> Result<()> {
    if path.is_dir() {
        for entry in scenario::library::yaml_files_in_tree(path)? {
            files.push(SourceFile::read(&entry)?);
        }
        return Ok(());
    }
    files.push(SourceFile::read(path)?);
    Ok(())
}
