//! `collectsim score`: scorecards for call transcripts from anywhere — plain text
//! with optional front matter, saved sessions, or JSON Lines records — streamed in
//! input order, scored on every core (see `batch`).

use std::io::{BufWriter, ErrorKind, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use anyhow::{Context, Result};

use super::{LOCAL_RUBRICS, load_lexicon};
use crate::batch::output::{self, OutputFormat};
use crate::batch::progress::Progress;
use crate::batch::record::Unreadable;
use crate::batch::summary::{Summary, Tally};
use crate::batch::{InputFormat, Scorer, input, pipeline, record};
use crate::cli::{ScoreArgs, ScoreFormat, ScoreInput};
use crate::rubric::library;
use crate::score::Scorecard;
use crate::style::Style;
use crate::transcript::Transcript;

/// One call's output, rendered by a worker, with what the summary needs.
struct Done {
    rendered: String,
    tally: Tally,
    bytes: u64,
}

pub fn run(args: &ScoreArgs) -> Result<ExitCode> {
    let lexicon = load_lexicon()?;
    let packs = match args.rubric.is_empty() {
        true => library::load_packs(&lexicon, Some(Path::new(LOCAL_RUBRICS)))?,
        false => args.rubric.iter().map(|p| library::load_path(p, &lexicon)).collect::<Result<_>>()?,
    };
    let scorer = Scorer::new(&lexicon, packs, !args.rubric.is_empty())?;
    let input_format = match args.input {
        ScoreInput::Text => InputFormat::Text,
        ScoreInput::Jsonl => InputFormat::Jsonl,
    };
    let inputs = input::expand(&args.inputs, input_format)?;
    let summary = score_all(args, &scorer, &inputs, input_format)?;
    report_summary(&summary, args.summary.as_deref(), inputs.len() > 1 || input_format == InputFormat::Jsonl)?;
    Ok(if summary.unreadable > 0 {
        ExitCode::from(2)
    } else if summary.failed > 0 && !args.exit_zero {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

fn score_all(args: &ScoreArgs, scorer: &Scorer, inputs: &[PathBuf], input_format: InputFormat) -> Result<Summary> {
    let format = output_format(args.format);
    let style = Style::stdout();
    let workers = args.jobs.map_or_else(all_cores, usize::from);
    let mut out = BufWriter::with_capacity(1 << 16, std::io::stdout().lock());
    let mut summary = Summary::default();
    let mut progress = Progress::new(input::total_bytes(inputs));
    let started = Instant::now();
    // The first write error stops the run; it is reported (or, for a closed pipe, not) below.
    let mut failure = out.write_all(output::header(format).as_bytes()).err();
    pipeline::ordered(
        workers,
        |feed| input::produce(inputs, input_format, feed),
        |job| {
            let (bytes, loaded) = record::load(job);
            let mut result = loaded.and_then(|transcript| score_or_report(&scorer, transcript));
            if args.redact {
                redact(&mut result);
            }
            Done { rendered: output::render(&result, format, &style), tally: Tally::of(&result), bytes }
        },
        |done| {
            if failure.is_some() {
                return false;
            }
            let separator = if summary.transcripts > 0 { output::separator(format) } else { "" };
            let written = out.write_all(separator.as_bytes()).and_then(|_| out.write_all(done.rendered.as_bytes()));
            summary.add(&done.tally, done.bytes);
            progress.advance(done.bytes);
            failure = written.err();
            failure.is_none()
        },
    );
    progress.finish();
    let footer = output::footer(format, summary.transcripts);
    let finished = match failure {
        Some(error) => Err(error),
        None => out.write_all(footer.as_bytes()).and_then(|_| out.flush()),
    };
    match finished {
        // The reader of our output has gone (`| head`): not a failure of ours.
        Err(e) if e.kind() == ErrorKind::BrokenPipe => {}
        other => other.context("cannot write the scorecards")?,
    }
    summary.finish(started.elapsed().as_secs_f64());
    Ok(summary)
}

fn redact(result: &mut Result<crate::score::Scorecard, record::Unreadable>) {
    match result {
        Ok(card) => crate::redact::scorecard(card),
        Err(bad) => bad.error = crate::redact::redact(&bad.error),
    }
}

fn all_cores() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get())
}

fn output_format(format: ScoreFormat) -> OutputFormat {
    match format {
        ScoreFormat::Text => OutputFormat::Text,
        ScoreFormat::Md => OutputFormat::Markdown,
        ScoreFormat::Json => OutputFormat::Json,
        ScoreFormat::Jsonl => OutputFormat::Jsonl,
        ScoreFormat::Csv => OutputFormat::Csv,
    }
}

/// The summary goes to `--summary FILE` when given (JSON for `.json`), else to
/// stderr for a batch (a single call's card is its own summary).
fn report_summary(summary: &Summary, file: Option<&Path>, batch: bool) -> Result<()> {
    let Some(file) = file else {
        if batch {
            eprint!("{}", summary.text());
        }
        return Ok(());
    };
    let text = match file.extension().and_then(|e| e.to_str()) {
        Some("json") => serde_json::to_string_pretty(summary)? + "\n",
        _ => summary.text(),
    };
    crate::store::write_atomically(file, text.as_bytes())
        .with_context(|| format!("cannot write the summary to {}", file.display()))
}

/// Scores one call; a bug that panics on this call becomes an error card in its
/// place, so the rest of the batch is still scored.
fn score_or_report(scorer: &Scorer, transcript: Transcript) -> Result<Scorecard, Unreadable> {
    let source = transcript.source.clone();
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| scorer.score(transcript))).map_err(|payload| {
        let error = format!(
            "collectsim failed on this call (a bug; please report it): {}",
            super::panic_message(payload.as_ref())
        );
        Unreadable { source, error }
    })
}
