//! `collectsim graph`: a scenario as DOT or Mermaid, optionally with coverage.

use std::collections::BTreeSet;
use std::process::ExitCode;
use std::sync::Arc;

use anyhow::Result;

use super::Workspace;
use crate::cli::{GraphArgs, GraphFormat};
use collectsim::engine::Session;
use collectsim::graph::{self, Format};
use collectsim::playthrough::DEFAULT_SEED;
use collectsim::scenario::Scenario;
use collectsim::signals::Detector;
use collectsim::store;
use collectsim::style::Style;

pub fn run(args: &GraphArgs) -> Result<ExitCode> {
    let workspace = Workspace::load()?;
    let scenario = workspace.library.resolve(&args.scenario, &workspace.lexicon)?;
    let format = match args.format {
        GraphFormat::Dot => Format::Dot,
        GraphFormat::Mermaid => Format::Mermaid,
    };
    let visited = if args.coverage {
        let (visited, calls) = coverage(&scenario, &workspace.detector, args.data_dir.as_deref())?;
        report(&scenario, &visited, calls);
        Some(visited)
    } else {
        None
    };
    print!("{}", graph::render(&scenario, format, visited.as_ref()));
    Ok(ExitCode::SUCCESS)
}

/// Nodes reached by the scenario's playthroughs and by saved calls of it.
fn coverage(
    scenario: &Arc<Scenario>,
    detector: &Arc<Detector>,
    data: Option<&std::path::Path>,
) -> Result<(BTreeSet<String>, usize)> {
    let mut visited = BTreeSet::new();
    for test in &scenario.tests {
        let session = Session::replay(
            Arc::clone(scenario),
            Arc::clone(detector),
            test.seed.unwrap_or(DEFAULT_SEED),
            test.say.iter().map(String::as_str),
        );
        visited.extend(session.turns().iter().filter_map(|t| t.node.clone()));
    }
    let (sessions, _) = collectsim::progress::load_sessions(&store::data_dir(data)?);
    let saved: Vec<_> = sessions.iter().filter(|s| s.scenario.id == scenario.id).collect();
    for record in &saved {
        visited.extend(record.turns.iter().filter_map(|t| t.node.clone()));
    }
    Ok((visited, saved.len()))
}

fn report(scenario: &Scenario, visited: &BTreeSet<String>, calls: usize) {
    let style = Style::stderr();
    let never: Vec<&str> = scenario.nodes.iter().map(|n| n.id.as_str()).filter(|id| !visited.contains(*id)).collect();
    let reached = scenario.nodes.len() - never.len();
    eprintln!(
        "coverage: {reached} of {} nodes visited by {} playthroughs and {calls} saved calls{}",
        scenario.nodes.len(),
        scenario.tests.len(),
        if never.is_empty() {
            String::new()
        } else {
            format!("; {} {}", style.yellow("never visited:"), never.join(", "))
        }
    );
}
