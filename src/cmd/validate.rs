//! `collectsim validate`: every problem in scenario, rubric and lexicon files, each as
//! `file:line:col`, what is wrong and a one-line fix. Exit 1 if any error.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Result, bail};
use serde_json::json;

use crate::cli::{ValidateArgs, ValidateFormat};
use collectsim::diagnostic::{self, Diagnostic, Level, Pos};
use collectsim::rubric;
use collectsim::scenario;
use collectsim::signals::{BUILTIN_SIGNALS, Lexicon};
use collectsim::source::SourceFile;
use collectsim::style::Style;
use collectsim::yaml;

pub fn run(args: &ValidateArgs) -> Result<ExitCode> {
    let mut problems = Vec::new();
    let files = collect_files(&args.paths, &mut problems)?;
    let checked = files.len() + problems.len();
    let lexicon = pick_lexicon(&files, &mut problems);
    let mut scenario_ids: Vec<String> = Vec::new();
    for file in files.iter().filter(|f| file_kind(f) == Kind::Scenario) {
        let (loaded, found) = scenario::load(file, &lexicon);
        scenario_ids.extend(loaded.map(|s| s.id));
        problems.extend(found);
    }
    for file in &files {
        match file_kind(file) {
            Kind::Scenario => {}
            Kind::Curriculum => problems.extend(check_curriculum(file, &lexicon, &scenario_ids)),
            Kind::Rubric => {
                let (pack, found) = rubric::load(file, &lexicon);
                problems.extend(found);
                if let Some(pack) = pack {
                    problems.extend(rubric::check_examples(file, &pack, &lexicon));
                }
            }
            Kind::Lexicon => {}
        }
    }
    diagnostic::sort(&mut problems);
    let errors = problems.iter().filter(|d| d.severity == Level::Error).count();
    let warnings = problems.len() - errors;
    match args.format {
        ValidateFormat::Json => {
            let report = json!({"files": checked, "errors": errors, "warnings": warnings, "diagnostics": problems});
            println!("{}", serde_json::to_string_pretty(&report)?);
        }
        ValidateFormat::Text => print_text(&problems, checked, errors, warnings),
    }
    let failed = errors > 0 || (args.deny_warnings && warnings > 0);
    Ok(if failed { ExitCode::from(1) } else { ExitCode::SUCCESS })
}

fn print_text(problems: &[Diagnostic], files: usize, errors: usize, warnings: usize) {
    let style = Style::stdout();
    for problem in problems {
        println!("{}", problem.render(&style));
    }
    let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
    let line =
        format!("checked {}: {}, {}", plural(files, "file"), plural(errors, "error"), plural(warnings, "warning"));
    println!("{}", if errors > 0 { style.red(&line) } else { style.green(&line) });
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Scenario,
    Lexicon,
    Rubric,
    Curriculum,
}

/// Classifies a file by its top-level keys, so files can live anywhere; anything
/// that is not a lexicon is checked as a scenario, the file supervisors write.
/// A curriculum names scenarios: those being validated, the built-in ones and
/// those in `./scenarios` all count as known.
fn check_curriculum(file: &SourceFile, lexicon: &Lexicon, validated: &[String]) -> Vec<Diagnostic> {
    let local = std::path::Path::new(super::LOCAL_SCENARIOS);
    let library = scenario::Library::load(lexicon, Some(local)).ok();
    let mut known: Vec<&str> = validated.iter().map(String::as_str).collect();
    known.extend(library.iter().flat_map(|l| l.scenarios.iter().map(|s| s.id.as_str())));
    known.sort_unstable();
    known.dedup();
    scenario::curriculum::load(file, &known).1
}

fn file_kind(file: &SourceFile) -> Kind {
    let keys = yaml::top_level_keys(&file.text);
    let has = |name: &str| keys.iter().any(|k| k == name);
    if has(scenario::curriculum::MARKER_KEY) && !has("nodes") {
        return Kind::Curriculum;
    }
    let lexicon_keys = (has("signals") || has("events")) && !has("nodes");
    if lexicon_keys || (keys.is_empty() && file.name.ends_with("signals.yaml")) {
        Kind::Lexicon
    } else if has("rules") && !has("nodes") {
        Kind::Rubric
    } else {
        Kind::Scenario
    }
}

/// The lexicon to check scenarios against: one given on the command line (its own
/// problems reported), else `./rubrics/signals.yaml`, else the built-in.
fn pick_lexicon(files: &[SourceFile], problems: &mut Vec<Diagnostic>) -> Lexicon {
    let mut chosen = None;
    for file in files.iter().filter(|f| file_kind(f) == Kind::Lexicon) {
        match Lexicon::load(file) {
            Ok(lexicon) => chosen = chosen.or(Some(lexicon)),
            Err(found) => problems.extend(found),
        }
    }
    chosen.unwrap_or_else(|| super::load_lexicon().unwrap_or_else(|_| Lexicon::builtin()))
}

/// Files named, files under directories named (recursively), or the defaults. A
/// file that cannot be read is reported as a problem and the run goes on.
fn collect_files(paths: &[PathBuf], unreadable: &mut Vec<Diagnostic>) -> Result<Vec<SourceFile>> {
    let defaults = [PathBuf::from(super::LOCAL_SCENARIOS), PathBuf::from("rubrics")];
    let paths: Vec<PathBuf> =
        if paths.is_empty() { defaults.into_iter().filter(|p| p.exists()).collect() } else { paths.to_vec() };
    if paths.is_empty() {
        return Ok(builtin_files());
    }
    let mut files = Vec::new();
    for path in paths {
        if !path.exists() {
            bail!("{} does not exist", path.display());
        }
        gather(&path, &mut files, unreadable)?;
    }
    Ok(files)
}

fn gather(path: &Path, files: &mut Vec<SourceFile>, unreadable: &mut Vec<Diagnostic>) -> Result<()> {
    if path.is_dir() {
        for entry in collectsim::scenario::library::yaml_files_in_tree(path)? {
            gather(&entry, files, unreadable)?;
        }
        return Ok(());
    }
    match collectsim::source::read_text(path, collectsim::source::MAX_FILE_BYTES) {
        Ok(text) => files.push(SourceFile::new(path.display().to_string(), text)),
        Err(error) => {
            let named = SourceFile::new(path.display().to_string(), "");
            let problem =
                Diagnostic::error(&named, Pos { line: 1, column: 1 }, format!("cannot read this file: {error}"));
            unreadable.push(problem.with_help("give the path of a scenario or rubric file: a regular UTF-8 text file"));
        }
    }
    Ok(())
}

fn builtin_files() -> Vec<SourceFile> {
    let mut files = vec![SourceFile::new("builtin:rubrics/signals.yaml", BUILTIN_SIGNALS)];
    let builtins = scenario::library::BUILTIN.iter().chain(rubric::library::BUILTIN.iter());
    files.extend(builtins.map(|(name, text)| SourceFile::new(format!("builtin:{name}"), *text)));
    let (name, text) = scenario::curriculum::BUILTIN;
    files.push(SourceFile::new(format!("builtin:{name}"), text));
    files
}
