//! `collectsim report`: the debrief of one saved call in text, Markdown, HTML or JSON.

use std::path::Path;
use std::process::ExitCode;

use anyhow::{Context, Result};

use super::{LOCAL_RUBRICS, Workspace};
use crate::cli::{ReportArgs, ReportFormat};
use collectsim::batch::Scorer;
use collectsim::render::Format;
use collectsim::report::xapi::{self, XapiConfig};
use collectsim::report::{self, Report};
use collectsim::rubric::library;
use collectsim::score::{Scorecard, score};
use collectsim::store::SessionRecord;
use collectsim::style::Style;
use collectsim::transcript::ReadOptions;
use collectsim::transcript::format::is_session_document;

pub fn run(args: &ReportArgs) -> Result<ExitCode> {
    let workspace = Workspace::load()?;
    let session = collectsim::store::find_session(&args.session, args.data_dir.as_deref())?;
    let args = &ReportArgs { session, ..args.clone() };
    if let Some(output) = &args.output {
        refuse_to_overwrite_an_input(output, &[Some(args.session.as_path()), args.template.as_deref()])?;
    }
    if !is_a_session(&args.session) {
        return report_transcript(&workspace, args);
    }
    let record = SessionRecord::load(&args.session)?;
    if args.format == ReportFormat::Xapi {
        let config = XapiConfig::new(args.xapi.home_page.clone(), args.xapi.iri_base.clone());
        let card = scorecard(&workspace, &record)?;
        let text = serde_json::to_string_pretty(&xapi::statements(&record, Some(&card), &config))? + "\n";
        return write(args.output.as_deref(), &text);
    }
    let model = build(&workspace, &record)?;
    render_and_write(model, args)
}

/// The report in the format asked for, redacted when asked, to `-o` or stdout.
fn render_and_write(mut model: Report, args: &ReportArgs) -> Result<ExitCode> {
    if args.redact {
        collectsim::redact::report(&mut model);
    }
    let template = match &args.template {
        Some(path) => Some(
            collectsim::source::read_text(path, collectsim::source::MAX_FILE_BYTES)
                .with_context(|| format!("cannot read {}", path.display()))?,
        ),
        None => None,
    };
    let style = if args.output.is_some() { Style::plain() } else { Style::stdout() };
    let text = render(&model, args.format, template.as_deref(), style)?;
    write(args.output.as_deref(), &text)
}

/// A saved session is read as one (its scenario, meters and hints); anything else
/// is a call transcript in a format `score` reads.
fn is_a_session(path: &Path) -> bool {
    let is_json = path.extension().is_some_and(|e| e.eq_ignore_ascii_case("json"));
    let read = || collectsim::source::read_text(path, collectsim::source::MAX_FILE_BYTES).ok();
    path.is_dir() || !path.exists() || (is_json && read().is_none_or(|text| is_session_document(&text)))
}

/// The debrief of a real call: scored as `score` scores it, reported with each
/// turn under its speaker's label and time.
fn report_transcript(workspace: &Workspace, args: &ReportArgs) -> Result<ExitCode> {
    if args.format == ReportFormat::Xapi {
        anyhow::bail!("xAPI statements are for played calls; {} is a transcript", args.session.display());
    }
    let options = ReadOptions { format: None, agent: args.agent.clone() };
    let mut transcript = collectsim::transcript::load(&args.session, &options)?;
    let packs = library::load_packs(&workspace.lexicon, Some(Path::new(LOCAL_RUBRICS)))?;
    let scorer = Scorer::new(&workspace.lexicon, packs, false)?;
    scorer.prepare(&mut transcript)?;
    let card = score(&scorer.packs_for(&transcript), &transcript);
    render_and_write(report::build_for_transcript(&transcript, &card), args)
}

fn write(output: Option<&Path>, text: &str) -> Result<ExitCode> {
    match output {
        Some(path) => collectsim::store::write_atomically(path, text.as_bytes())?,
        None => print!("{text}"),
    }
    Ok(ExitCode::SUCCESS)
}

/// `report S.json -o S.json` once replaced the session with HTML, silently. The
/// output may be neither an input of this run nor any saved session.
fn refuse_to_overwrite_an_input(output: &Path, inputs: &[Option<&Path>]) -> Result<()> {
    let Ok(target) = output.canonicalize() else { return Ok(()) };
    let is_an_input = inputs.iter().flatten().any(|input| input.canonicalize().is_ok_and(|i| i == target));
    if is_an_input || SessionRecord::load(&target).is_ok() {
        anyhow::bail!(
            "{} is a saved session or an input of this report; write the report to another file (nothing was written)",
            output.display()
        );
    }
    Ok(())
}

/// The session's scorecard, or one computed now for a session saved without it.
pub fn scorecard(workspace: &Workspace, record: &SessionRecord) -> Result<Scorecard> {
    match &record.scorecard {
        Some(card) => Ok(card.clone()),
        None => score_now(workspace, record),
    }
}

pub fn render(model: &Report, format: ReportFormat, template: Option<&str>, style: Style) -> Result<String> {
    let format = match format {
        ReportFormat::Json | ReportFormat::Xapi => Format::Json,
        ReportFormat::Text => Format::Text,
        ReportFormat::Md => Format::Markdown,
        ReportFormat::Html => Format::Html,
    };
    Ok(report::render(model, format, template, style)?)
}

/// The report model: the session's own scorecard (or one computed now for an
/// older session), its scenario if still known, and the next scenario to try.
pub fn build(workspace: &Workspace, record: &SessionRecord) -> Result<Report> {
    let scenario = workspace.library.get(&record.scenario.id);
    let card = scorecard(workspace, record)?;
    Ok(report::build(record, &card, scenario.as_deref(), next_scenario(workspace, record, &card)))
}

fn score_now(workspace: &Workspace, record: &SessionRecord) -> Result<Scorecard> {
    let packs = library::load_packs(&workspace.lexicon, Some(Path::new(LOCAL_RUBRICS)))?;
    // Finished or abandoned as the session says, as `score` reads it.
    let transcript = record.transcript(&workspace.detector);
    let chosen = library::for_jurisdiction(&packs, record.facts.text("jurisdiction"));
    Ok(score(&chosen, &transcript))
}

/// Failed: the same call again. Passed: the next step of the curriculum.
fn next_scenario(workspace: &Workspace, record: &SessionRecord, card: &Scorecard) -> Option<String> {
    let ordered = workspace.library.in_curriculum_order();
    let here = ordered.iter().position(|s| s.id == record.scenario.id)?;
    if !card.passed {
        return Some(record.scenario.id.clone());
    }
    ordered.get(here + 1).map(|s| s.id.clone())
}
