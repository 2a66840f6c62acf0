//! `collectsim replay`: a saved call again, turn by turn with its findings (a
//! supervisor's review); `--verify` re-runs the engine on the recorded seed and
//! trainee lines and fails if any debtor line differs.

use std::process::ExitCode;
use std::sync::Arc;

use anyhow::Result;

use super::Workspace;
use crate::cli::ReplayArgs;
use collectsim::engine::Session;
use collectsim::store::SessionRecord;
use collectsim::style::Style;
use collectsim::transcript::Speaker;

pub fn run(args: &ReplayArgs) -> Result<ExitCode> {
    let workspace = Workspace::load()?;
    let record = SessionRecord::load(&collectsim::store::find_session(&args.session, args.data_dir.as_deref())?)?;
    let style = Style::stdout();
    let model = super::report::build(&workspace, &record)?;
    println!(
        "{} — {} · trainee {} · seed {}",
        style.bold(&model.scenario_title),
        model.persona,
        model.trainee,
        model.seed
    );
    for turn in &model.turns {
        let who = if turn.collector { "You".to_string() } else { turn.speaker.clone() };
        println!("{} {}", style.bold(&format!("[{}] {who}:", turn.number)), crate::repl::ui::wrap(&turn.text, 6));
        for f in &turn.findings {
            let cite = f.citation.as_ref().map(|c| format!(" [{c}]")).unwrap_or_default();
            println!("      {} {}{cite}", style.red("✗"), crate::repl::ui::wrap(&f.message, 8));
        }
        for s in &turn.strengths {
            println!("      {} {}", style.green("✓"), crate::repl::ui::wrap(&s.message, 8));
        }
    }
    println!("Outcome: {}", model.outcome);
    if args.verify {
        return verify(&workspace, &record, &style);
    }
    Ok(ExitCode::SUCCESS)
}

fn verify(workspace: &Workspace, record: &SessionRecord, style: &Style) -> Result<ExitCode> {
    let scenario = workspace.library.resolve(&record.scenario.id, &workspace.lexicon)?;
    if scenario.sha256 != record.scenario.sha256 {
        println!("{} the scenario file has changed since this call was recorded", style.yellow("note:"));
    }
    let lines = record.turns.iter().filter(|t| t.speaker == Speaker::Collector).map(|t| t.text.as_str());
    let start = crate::repl::call::start_of(&scenario, record);
    let replayed = Session::replay_from(scenario, Arc::clone(&workspace.detector), record.seed, start, lines);
    let recorded = record.turns.iter().enumerate().filter(|(_, t)| t.speaker == Speaker::Debtor);
    let again: Vec<&str> =
        replayed.turns().iter().filter(|t| t.speaker == Speaker::Debtor).map(|t| t.text.as_str()).collect();
    for (n, ((turn, was), now)) in recorded.zip(again.iter().map(Some).chain(std::iter::repeat(None))).enumerate() {
        if now.copied() != Some(was.text.as_str()) {
            println!("{} debtor line {} (turn {}) differs", style.red("verify failed:"), n + 1, turn + 1);
            println!("  recorded: {}", was.text);
            println!("  replayed: {}", now.map_or("(nothing)", |s| s));
            return Ok(ExitCode::from(1));
        }
    }
    println!("{} every debtor line replays identically from seed {}", style.green("verified:"), record.seed);
    Ok(ExitCode::SUCCESS)
}
