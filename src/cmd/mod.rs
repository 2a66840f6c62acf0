//! One file per sub-command; this module dispatches and holds what they share:
//! loading the signal lexicon and the scenario library.

mod calibrate;
mod completions;
mod config;
mod corpus;
mod export;
mod graph;
mod hear;
mod list;
mod new;
mod play;
mod progress;
mod progress_bar;
mod replay;
mod report;
mod schema;
mod score;
mod test;
mod validate;

use std::path::Path;
use std::process::ExitCode;
use std::sync::Arc;

use anyhow::Result;

use crate::cli::{Cli, Command};
use collectsim::scenario::Library;
use collectsim::signals::{Detector, Lexicon};
use collectsim::style::Style;

pub fn run(cli: Cli) -> Result<ExitCode> {
    match cli.command {
        None => play::run_default(),
        Some(Command::List(args)) => list::run(&args),
        Some(Command::Play(args)) => play::run(&args),
        Some(Command::Validate(args)) => validate::run(&args),
        Some(Command::Score(args)) => score::run(&args),
        Some(Command::Test(args)) => test::run(&args),
        Some(Command::Report(args)) => report::run(&args),
        Some(Command::Replay(args)) => replay::run(&args),
        Some(Command::Progress(args)) => progress::run(&args),
        Some(Command::Export(args)) => export::run(&args),
        Some(Command::Graph(args)) => graph::run(&args),
        Some(Command::New(args)) => new::run(&args),
        Some(Command::Schema(args)) => schema::run(&args),
        Some(Command::Corpus(args)) => corpus::run(&args),
        Some(Command::Calibrate(args)) => calibrate::run(&args),
        Some(Command::Hear(args)) => hear::run(&args),
        Some(Command::Completions(args)) => completions::completions(&args),
        Some(Command::Config(args)) => config::run(&args),
        Some(Command::Man(args)) => completions::man(&args),
    }
}

/// The lexicon and scenarios every playing command needs.
pub struct Workspace {
    pub lexicon: Lexicon,
    pub detector: Arc<Detector>,
    pub library: Library,
}

pub use collectsim::local::{LOCAL_RUBRICS, LOCAL_SCENARIOS, load_lexicon};

impl Workspace {
    pub fn load() -> Result<Workspace> {
        let lexicon = load_lexicon()?;
        let detector = Arc::new(Detector::new(&lexicon)?);
        let library = Library::load(&lexicon, Some(Path::new(LOCAL_SCENARIOS)))?;
        if !library.problems.is_empty() {
            let style = Style::stderr();
            let files: std::collections::BTreeSet<&str> = library.problems.iter().map(|d| d.file.as_str()).collect();
            for file in files {
                eprintln!(
                    "{} skipping {file}: it has errors (run `collectsim validate {file}`)",
                    style.yellow("warning:")
                );
            }
        }
        Ok(Workspace { lexicon, detector, library })
    }
}
