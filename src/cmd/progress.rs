//! `collectsim progress`: a supervisor's table of every trainee, or one trainee's
//! calls over time, trends, most-broken rules, scenarios and readiness.

use std::path::Path;
use std::process::ExitCode;

use anyhow::{Result, bail};

use crate::cli::{ProgressArgs, ProgressFormat};
use collectsim::progress::{self, TeamView, TraineeView};
use collectsim::render::{Format, render};
use collectsim::store;
use collectsim::style::Style;

pub fn run(args: &ProgressArgs) -> Result<ExitCode> {
    let data = store::data_dir(args.data_dir.as_deref())?;
    let (sessions, skipped) = progress::load_sessions(&data);
    let style = Style::stderr();
    for problem in &skipped {
        eprintln!("{} skipped: {problem}", style.yellow("warning:"));
    }
    // The curriculum (for readiness) and the packs' pass mark (for the charts): no
    // detector to compile.
    let lexicon = super::load_lexicon()?;
    let library = collectsim::scenario::Library::load(&lexicon, Some(Path::new(super::LOCAL_SCENARIOS)))?;
    let required = progress::required_kinds(&library);
    let packs = collectsim::rubric::library::load_packs(&lexicon, Some(Path::new(super::LOCAL_RUBRICS)))?;
    let pass_mark = packs.iter().map(|p| p.pass_mark).fold(0.0, f64::max);
    let out = match &args.trainee {
        Some(name) => {
            if !sessions.iter().any(|s| &s.trainee == name) {
                let known: Vec<&str> = sessions.iter().map(|s| s.trainee.as_str()).collect();
                bail!("no sessions for trainee `{name}` in {}; trainees: {}", data.display(), dedup(known).join(", "));
            }
            let view = TraineeView { detail: progress::detail(name, &sessions, &required), pass_mark };
            render(&view, format_of(args.format), None, Style::plain())?
        }
        None => {
            let trainees = progress::table(&sessions, &required);
            let view = TeamView { trainees, sessions: &sessions, required: &required, pass_mark };
            render(&view, format_of(args.format), None, Style::plain())?
        }
    };
    print!("{out}");
    Ok(ExitCode::SUCCESS)
}

fn dedup(mut names: Vec<&str>) -> Vec<&str> {
    names.sort_unstable();
    names.dedup();
    names
}

/// The render format for a `--format` value.
fn format_of(format: ProgressFormat) -> Format {
    match format {
        ProgressFormat::Text => Format::Text,
        ProgressFormat::Json => Format::Json,
        ProgressFormat::Html => Format::Html,
    }
}
