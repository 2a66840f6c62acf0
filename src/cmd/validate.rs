//! `collectsim validate`: every problem in scenario and lexicon files, each as
//! `file:line:col`, what is wrong and a one-line fix. Exit 1 if any error.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Result;
use serde_json::json;

use crate::cli::{ValidateArgs, ValidateFormat};
use crate::diagnostic::{self, Diagnostic, Pos, Severity};
use crate::scenario;
use crate::signals::{BUILTIN_SIGNALS, Lexicon};
use crate::source::SourceFile;
use crate::style::Style;
use crate::yaml;

pub fn run(args: &ValidateArgs) -> Result<ExitCode> {
    let files = collect_files(&args.paths)?;
    let (lexicon, mut problems) = pick_lexicon(&files);
    for file in &files {
        if file_kind(file) == Kind::Scenario {
            problems.extend(scenario::load(file, &lexicon).1);
        } else if file_kind(file) == Kind::Unknown {
            problems.push(
                Diagnostic::warning(file, Pos { line: 1, column: 1 }, "not a scenario or a signal lexicon; skipped")
                    .with_help("a scenario has `nodes:`; the lexicon has `signals:` and `events:`"),
            );
        }
    }
    diagnostic::sort(&mut problems);
    let errors = problems.iter().filter(|d| d.severity == Severity::Error).count();
    let warnings = problems.len() - errors;
    match args.format {
        ValidateFormat::Json => {
            let report = json!({"files": files.len(), "errors": errors, "warnings": warnings, "diagnostics": problems});
            println!("{}", serde_json::to_string_pretty(&report)?);
        }
        ValidateFormat::Text => print_text(&problems, files.len(), errors, warnings),
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

#[derive(Debug, PartialEq, Eq)]
enum Kind {
    Scenario,
    Lexicon,
    Unknown,
}

/// Classifies a file by its top-level keys, so files can live anywhere.
fn file_kind(file: &SourceFile) -> Kind {
    let keys = yaml::top_level_keys(&file.text);
    if keys.iter().any(|k| k == "nodes") {
        Kind::Scenario
    } else if keys.iter().any(|k| k == "signals" || k == "events")
        || (keys.is_empty() && file.name.ends_with("signals.yaml"))
    {
        Kind::Lexicon
    } else if keys.is_empty() {
        Kind::Scenario
    } else {
        Kind::Unknown
    }
}

/// The lexicon to check scenarios against: one given on the command line (its own
/// problems reported), else `./rubrics/signals.yaml`, else the built-in.
fn pick_lexicon(files: &[SourceFile]) -> (Lexicon, Vec<Diagnostic>) {
    let mut problems = Vec::new();
    let mut chosen = None;
    for file in files.iter().filter(|f| file_kind(f) == Kind::Lexicon) {
        match Lexicon::load(file) {
            Ok(lexicon) => chosen = chosen.or(Some(lexicon)),
            Err(found) => problems.extend(found),
        }
    }
    let lexicon = chosen.unwrap_or_else(|| super::load_lexicon().unwrap_or_else(|_| Lexicon::builtin()));
    (lexicon, problems)
}

/// Files named, files under directories named (recursively), or the defaults.
fn collect_files(paths: &[PathBuf]) -> Result<Vec<SourceFile>> {
    let defaults = [PathBuf::from(super::LOCAL_SCENARIOS), PathBuf::from("rubrics")];
    let paths: Vec<PathBuf> =
        if paths.is_empty() { defaults.into_iter().filter(|p| p.exists()).collect() } else { paths.to_vec() };
    if paths.is_empty() {
        return Ok(builtin_files());
    }
    let mut files = Vec::new();
    for path in paths {
        gather(&path, &mut files)?;
    }
    Ok(files)
}

fn gather(path: &Path, files: &mut Vec<SourceFile>) -> Result<()> {
    if path.is_dir() {
        let mut entries: Vec<PathBuf> = std::fs::read_dir(path)?.filter_map(|e| e.ok().map(|e| e.path())).collect();
        entries.sort();
        for entry in entries {
            let is_yaml = matches!(entry.extension().and_then(|e| e.to_str()), Some("yaml" | "yml"));
            if entry.is_dir() || is_yaml {
                gather(&entry, files)?;
            }
        }
        return Ok(());
    }
    files.push(SourceFile::read(path)?);
    Ok(())
}

fn builtin_files() -> Vec<SourceFile> {
    let mut files = vec![SourceFile::new("builtin:rubrics/signals.yaml", BUILTIN_SIGNALS)];
    files.extend(
        scenario::library::BUILTIN.iter().map(|(name, text)| SourceFile::new(format!("builtin:{name}"), *text)),
    );
    files
}
