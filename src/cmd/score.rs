//! `collectsim score`: scorecards for call transcripts from anywhere — plain text
//! with optional front matter, or saved sessions — in input order.

use std::io::{IsTerminal, Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Result, bail};
use serde_json::{Value, json};

use super::{LOCAL_RUBRICS, load_lexicon};
use crate::cli::{ScoreArgs, ScoreFormat};
use crate::rubric::{Rubric, library};
use crate::score::{Scorecard, render, score};
use crate::signals::Detector;
use crate::style::Style;
use crate::transcript::{self, Transcript};

/// One input's result: a scorecard, or why it could not be read.
enum Scored {
    Card(Box<Scorecard>),
    Unreadable { source: String, error: String },
}

pub fn run(args: &ScoreArgs) -> Result<ExitCode> {
    let lexicon = load_lexicon()?;
    let detector = Detector::new(&lexicon)?;
    let packs = match args.rubric.is_empty() {
        true => library::load_packs(&lexicon, Some(Path::new(LOCAL_RUBRICS)))?,
        false => args.rubric.iter().map(|p| library::load_path(p, &lexicon)).collect::<Result<_>>()?,
    };
    let explicit = !args.rubric.is_empty();
    let inputs = inputs(&args.inputs)?;
    let results: Vec<Scored> = inputs.iter().map(|input| score_one(input, &packs, explicit, &detector)).collect();
    print(&results, args.format)?;
    let unreadable = results.iter().any(|r| matches!(r, Scored::Unreadable { .. }));
    let failed = results.iter().any(|r| matches!(r, Scored::Card(card) if !card.passed));
    Ok(if unreadable {
        ExitCode::from(2)
    } else if failed && !args.exit_zero {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// Files as given; directories searched recursively for `*.txt` and `*.json`;
/// `-` (or nothing, when stdin is piped) for standard input.
fn inputs(given: &[PathBuf]) -> Result<Vec<PathBuf>> {
    if given.is_empty() {
        if std::io::stdin().is_terminal() {
            bail!("give a transcript file, a directory or `-` for standard input (see `collectsim score --help`)");
        }
        return Ok(vec![PathBuf::from("-")]);
    }
    let mut files = Vec::new();
    for path in given {
        if path.is_dir() {
            walk(path, &mut files)?;
        } else {
            files.push(path.clone());
        }
    }
    Ok(files)
}

fn walk(dir: &Path, files: &mut Vec<PathBuf>) -> Result<()> {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)?.filter_map(|e| e.ok().map(|e| e.path())).collect();
    entries.sort();
    for entry in entries {
        if entry.is_dir() {
            walk(&entry, files)?;
        } else if matches!(entry.extension().and_then(|e| e.to_str()), Some("txt" | "json")) {
            files.push(entry);
        }
    }
    Ok(())
}

fn score_one(input: &Path, packs: &[Rubric], explicit: bool, detector: &Detector) -> Scored {
    let loaded = if input == Path::new("-") { read_stdin() } else { transcript::load(input) };
    let source = input.display().to_string();
    match loaded {
        Ok(mut transcript) => {
            transcript.detect(detector);
            Scored::Card(Box::new(score(&select(packs, explicit, &transcript), &transcript)))
        }
        Err(error) => Scored::Unreadable { source, error },
    }
}

fn read_stdin() -> Result<Transcript, String> {
    let mut text = String::new();
    std::io::stdin().read_to_string(&mut text).map_err(|e| format!("cannot read standard input: {e}"))?;
    transcript::from_text("-", &text)
}

/// The packs for this call: all given with `--rubric`, else `core` and the
/// compliance pack of the call's jurisdiction (US when the facts do not say).
pub fn select<'a>(packs: &'a [Rubric], explicit: bool, transcript: &Transcript) -> Vec<&'a Rubric> {
    if explicit {
        return packs.iter().collect();
    }
    library::for_jurisdiction(packs, transcript.facts.text("jurisdiction"))
}

fn as_json(result: &Scored) -> Value {
    match result {
        Scored::Card(card) => serde_json::to_value(card).unwrap_or(Value::Null),
        Scored::Unreadable { source, error } => json!({"source": source, "error": error}),
    }
}

fn print(results: &[Scored], format: ScoreFormat) -> Result<()> {
    let mut out = std::io::stdout().lock();
    match format {
        ScoreFormat::Json => {
            let all: Vec<Value> = results.iter().map(as_json).collect();
            writeln!(out, "{}", serde_json::to_string_pretty(&all)?)?;
        }
        ScoreFormat::Jsonl => {
            for result in results {
                writeln!(out, "{}", serde_json::to_string(&as_json(result))?)?;
            }
        }
        ScoreFormat::Text | ScoreFormat::Md => {
            let style = Style::stdout();
            for result in results {
                let shown = match (result, format) {
                    (Scored::Card(card), ScoreFormat::Md) => render::markdown(card),
                    (Scored::Card(card), _) => render::text(card, &style),
                    (Scored::Unreadable { source, error }, _) => format!("{source}: {} {error}\n", style.red("error:")),
                };
                writeln!(out, "{shown}")?;
            }
        }
    }
    Ok(())
}
