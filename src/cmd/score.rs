//! `collectsim score`: scorecards for call transcripts from anywhere — plain text
//! with optional front matter, saved sessions, or JSON Lines records — streamed in
//! input order, scored on every core (see `batch`).

use std::io::{BufWriter, ErrorKind, Write};
use std::path::Path;
use std::process::ExitCode;
use std::time::Instant;

use anyhow::{Context, Result};

use super::progress_bar::Progress;
use super::{LOCAL_RUBRICS, load_lexicon};
use crate::cli::{ScoreArgs, ScoreFormat, ScoreInput};
use collectsim::batch::input::Input;
use collectsim::batch::output::{self, OutputFormat};
use collectsim::batch::record::Unreadable;
use collectsim::batch::summary::{Summary, Tally};
use collectsim::batch::{InputFormat, Scorer, input, pipeline, record};
use collectsim::rubric::library;
use collectsim::score::Scorecard;
use collectsim::style::Style;
use collectsim::transcript::{Format, ReadOptions, Transcript};

/// One call's output, rendered by a worker, with what the summary needs and
/// what to say on stderr (a skipped file, an inferred collector).
struct Done {
    rendered: String,
    tally: Tally,
    bytes: u64,
    note: Option<String>,
}

pub fn run(args: &ScoreArgs) -> Result<ExitCode> {
    let lexicon = load_lexicon()?;
    let packs = match args.rubric.is_empty() {
        true => library::load_packs(&lexicon, Some(Path::new(LOCAL_RUBRICS)))?,
        false => args.rubric.iter().map(|p| library::load_path(p, &lexicon)).collect::<Result<_, _>>()?,
    };
    let scorer = Scorer::new(&lexicon, packs, !args.rubric.is_empty())?;
    let input_format = input_format(args.input);
    let inputs = input::expand(&args.inputs, input_format)?;
    let summary = score_all(args, &scorer, &inputs, input_format)?;
    let batch = inputs.len() > 1 || inputs.iter().any(|i| i.found_in_folder || input::is_records(i, input_format));
    report_summary(&summary, args.summary.as_deref(), batch)?;
    Ok(if summary.unreadable > 0 {
        ExitCode::from(2)
    } else if summary.failed > 0 && !args.exit_zero {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

fn input_format(input: ScoreInput) -> InputFormat {
    let format = match input {
        ScoreInput::Jsonl => return InputFormat::Jsonl,
        ScoreInput::Auto => return InputFormat::Files(None),
        ScoreInput::Text => Format::Text,
        ScoreInput::Session => Format::Session,
        ScoreInput::Vtt => Format::Vtt,
        ScoreInput::Srt => Format::Srt,
        ScoreInput::Transcribe => Format::Transcribe,
        ScoreInput::ContactLens => Format::ContactLens,
        ScoreInput::Whisper => Format::Whisper,
        ScoreInput::Deepgram => Format::Deepgram,
    };
    InputFormat::Files(Some(format))
}

fn score_all(args: &ScoreArgs, scorer: &Scorer, inputs: &[Input], input_format: InputFormat) -> Result<Summary> {
    let options = ReadOptions {
        format: match input_format {
            InputFormat::Files(format) => format,
            InputFormat::Jsonl => None,
        },
        agent: args.agent.clone(),
    };
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
            let (bytes, loaded) = record::load(job, &options);
            let mut result = loaded.and_then(|transcript| score_or_report(scorer, transcript));
            if args.redact {
                redact(&mut result);
            }
            finish_call(result, bytes, args.strict, format, &style)
        },
        |done| {
            if failure.is_some() {
                return false;
            }
            if let Some(note) = &done.note {
                progress.say(note);
            }
            let mut written = Ok(());
            if !done.rendered.is_empty() {
                let separator = if summary.transcripts > 0 { output::separator(format) } else { "" };
                written = out.write_all(separator.as_bytes()).and_then(|_| out.write_all(done.rendered.as_bytes()));
            }
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

/// A call's rendered output and stderr note. A skipped file renders nothing (or,
/// with `--strict`, an error in its place).
fn finish_call(
    mut result: Result<Scorecard, Unreadable>,
    bytes: u64,
    strict: bool,
    format: OutputFormat,
    style: &Style,
) -> Done {
    let mut note = None;
    match &mut result {
        Err(bad) if bad.skipped && strict => {
            bad.skipped = false;
            bad.error += " (with --strict a file that is not a transcript is an error)";
        }
        Err(bad) if bad.skipped => {
            let why = bad.error.strip_prefix(&format!("{}: ", bad.source)).unwrap_or(&bad.error);
            let note = format!("skipped {}: {why}", bad.source);
            return Done { rendered: String::new(), tally: Tally::Skipped, bytes, note: Some(note) };
        }
        Ok(card) => {
            note = card.agent.as_ref().filter(|a| a.by == "inferred").map(|agent| {
                format!("{}: the collector is `{}` (inferred: {})", card.source, agent.speaker, agent.reason)
            })
        }
        Err(_) => {}
    }
    Done { rendered: output::render(&result, format, style), tally: Tally::of(&result), bytes, note }
}

fn redact(result: &mut Result<collectsim::score::Scorecard, record::Unreadable>) {
    match result {
        Ok(card) => collectsim::redact::scorecard(card),
        Err(bad) => bad.error = collectsim::redact::redact(&bad.error),
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
            eprint!("{}", summary.text()?);
        }
        return Ok(());
    };
    let text = match file.extension().and_then(|e| e.to_str()) {
        Some("json") => serde_json::to_string_pretty(summary)? + "\n",
        _ => summary.text()?,
    };
    collectsim::store::write_atomically(file, text.as_bytes())
        .with_context(|| format!("cannot write the summary to {}", file.display()))
}

/// Scores one call; a bug that panics on this call becomes an error card in its
/// place, so the rest of the batch is still scored.
fn score_or_report(scorer: &Scorer, transcript: Transcript) -> Result<Scorecard, Unreadable> {
    let source = transcript.source.clone();
    let scored = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| scorer.score(transcript)));
    match scored {
        Ok(card) => card.map_err(|error| Unreadable::new(source, error.to_string())),
        Err(payload) => {
            let error = format!(
                "collectsim failed on this call (a bug; please report it): {}",
                collectsim::batch::panic_message(payload.as_ref())
            );
            Err(Unreadable::new(source, error))
        }
    }
}
