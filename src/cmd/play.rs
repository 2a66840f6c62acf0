//! `collectsim play`: one call against a debtor persona, from the keyboard, a
//! script or a pipe. Also what plain `collectsim` runs (with a short menu).

use std::io::IsTerminal;
use std::path::Path;
use std::process::ExitCode;
use std::sync::Arc;

use anyhow::Result;

use super::{LOCAL_RUBRICS, Workspace};
use crate::cli::ReportFormat;
use crate::cli::{ModeArg, PlayArgs};
use crate::repl::call::Call;
use crate::repl::coach::Coach;
use crate::repl::input::{Input, LineSource, Script, Terminal};
use crate::repl::{self, Exit, ui};
use collectsim::engine::rng::fresh_seed;
use collectsim::rubric::library;
use collectsim::scenario::Scenario;
use collectsim::store::{self, SessionRecord};
use collectsim::style::Style;

pub fn run(args: &PlayArgs) -> Result<ExitCode> {
    let workspace = Workspace::load()?;
    let data = store::data_dir(args.data_dir.as_deref())?;
    let style = Style::stdout();
    let trainee = trainee(args, &data)?;
    let mut source = line_source(args.script.as_deref(), &data)?;
    let mut call = match &args.resume {
        Some(given) => resume(&workspace, &collectsim::store::find_session(given, args.data_dir.as_deref())?, &style)?,
        None => start(&workspace, args, &data, &trainee)?,
    };
    play_call(&mut call, source.as_mut(), &style)?;
    debrief(&workspace, &call, args.report, &style)?;
    Ok(ExitCode::SUCCESS)
}

/// `collectsim` with no arguments: a short menu at a terminal, else the first call.
pub fn run_default() -> Result<ExitCode> {
    let workspace = Workspace::load()?;
    let interactive = std::io::stdin().is_terminal();
    let chosen =
        if interactive { menu(&workspace)? } else { workspace.library.scenarios.first().map(|s| s.id.clone()) };
    let Some(scenario) = chosen else { return Ok(ExitCode::SUCCESS) };
    let args = PlayArgs {
        scenario: Some(scenario),
        seed: None,
        mode: ModeArg::Practice,
        trainee: None,
        script: None,
        data_dir: None,
        report: None,
        from: None,
        resume: None,
    };
    run(&args)
}

fn menu(workspace: &Workspace) -> Result<Option<String>> {
    let style = Style::stdout();
    println!("{}", style.bold("collectsim: practise a collection call"));
    for (i, s) in workspace.library.scenarios.iter().enumerate() {
        println!("  {}. {}  {}", i + 1, s.title, style.dim(&format!("({}, {})", s.persona.kind, s.id)));
    }
    let mut terminal = Terminal::new(None)?;
    loop {
        let answer = match terminal.read("Pick a call [1]: ") {
            Input::Line(line) => line.trim().to_string(),
            Input::Interrupted | Input::Eof => return Ok(None),
        };
        let scenarios = &workspace.library.scenarios;
        if answer.is_empty() {
            return Ok(scenarios.first().map(|s| s.id.clone()));
        }
        let by_number = answer.parse::<usize>().ok().and_then(|n| n.checked_sub(1)).and_then(|i| scenarios.get(i));
        match by_number.or_else(|| scenarios.iter().find(|s| s.id == answer)) {
            Some(s) => return Ok(Some(s.id.clone())),
            None => println!("Type a number from 1 to {}, or press Enter for the first.", scenarios.len()),
        }
    }
}

fn line_source(script: Option<&Path>, data: &Path) -> Result<Box<dyn LineSource>> {
    Ok(match script {
        Some(path) => Box::new(Script::file(path)?),
        None if std::io::stdin().is_terminal() => {
            std::fs::create_dir_all(data).ok();
            Box::new(Terminal::new(Some(&data.join("history.txt")))?)
        }
        None => Box::new(Script::stdin()),
    })
}

/// Who is playing: `--trainee`, else the name `config` keeps, else — at a
/// terminal, once — the name the trainee gives (then kept), else the login name.
fn trainee(args: &PlayArgs, data: &Path) -> Result<String> {
    if let Some(name) = &args.trainee {
        return Ok(name.clone());
    }
    let mut settings = collectsim::settings::Settings::load(data)?;
    if let Some(name) = &settings.trainee {
        return Ok(name.clone());
    }
    let login = store::login_name();
    if args.resume.is_some() || args.script.is_some() || !std::io::stdin().is_terminal() {
        return Ok(login);
    }
    let mut terminal = Terminal::new(None)?;
    let prompt = format!("Who is playing? Your calls and progress are kept under this name [{login}]: ");
    let mut name = login.clone();
    for _ in 0..2 {
        match terminal.read(&prompt) {
            Input::Line(line) if looks_like_a_name(&line) => {
                name = line.trim().to_string();
                break;
            }
            Input::Line(line) if !line.trim().is_empty() => {
                println!("That reads like a line of the call, not a name. Your name, or Enter for {login}:");
            }
            _ => break,
        }
    }
    settings.trainee = Some(name.clone());
    settings.save(data)?;
    println!("Saved. `collectsim config --trainee NAME` changes it.");
    Ok(name)
}

/// A name, not the first line of a call typed at the name prompt ("Hello, this is
/// Sam from Northway. Am I speaking with Margaret?" was once kept as a trainee's
/// name, and every session after was filed under it).
fn looks_like_a_name(line: &str) -> bool {
    let line = line.trim();
    !line.is_empty()
        && line.chars().count() <= 40
        && line.split_whitespace().count() <= 4
        && !line.contains(['?', '!', ',', ':', ';'])
}

fn start(workspace: &Workspace, args: &PlayArgs, data: &Path, trainee: &str) -> Result<Call> {
    let wanted = match &args.scenario {
        Some(id) => id.clone(),
        None => workspace.library.scenarios.first().map(|s| s.id.clone()).unwrap_or_default(),
    };
    let scenario = workspace.library.resolve(&wanted, &workspace.lexicon)?;
    let seed = args.seed.unwrap_or_else(fresh_seed);
    let coach = coach_for(workspace, &scenario)?;
    let from = match &args.from {
        None => None,
        Some(node) => Some(scenario.node_index(node).ok_or_else(|| {
            let ids: Vec<&str> = scenario.nodes.iter().map(|n| n.id.as_str()).collect();
            anyhow::anyhow!(
                "no node `{node}` in {}; {}",
                scenario.id,
                collectsim::suggest::help_for(node, ids.iter().copied(), "nodes")
            )
        })?),
    };
    Call::start(scenario, Arc::clone(&workspace.detector), (seed, args.mode.into(), trainee, from), data, coach)
}

fn resume(workspace: &Workspace, path: &Path, style: &Style) -> Result<Call> {
    let record = SessionRecord::load(path)?;
    let scenario = workspace.library.for_session(&record.scenario.id, &record.scenario.source, &workspace.lexicon)?;
    if scenario.sha256 != record.scenario.sha256 {
        eprintln!(
            "{} scenario `{}` has changed since this call began; the debtor may answer differently",
            style.yellow("warning:"),
            scenario.id
        );
    }
    let coach = coach_for(workspace, &scenario)?;
    let (call, matches) = Call::resume(path, scenario, Arc::clone(&workspace.detector), coach)?;
    if !matches {
        eprintln!(
            "{} replaying the recorded lines did not give the recorded call; continuing from the replay",
            style.yellow("warning:")
        );
    }
    Ok(call)
}

/// The scoring for a call: `core` and the scenario's jurisdiction pack, built in or
/// overridden in `./rubrics`.
fn coach_for(workspace: &Workspace, scenario: &Scenario) -> Result<Coach> {
    let packs = library::load_packs(&workspace.lexicon, Some(Path::new(LOCAL_RUBRICS)))?;
    Ok(Coach::new(packs, scenario.jurisdiction()))
}

/// After a call that really ended, collectors write their account note.
fn wrap_up_note(call: &mut Call, source: &mut dyn LineSource, style: &Style) -> Result<()> {
    println!();
    println!("{}", style.dim("Write the account note for this call, as you would on the system (Enter to skip)."));
    if let Input::Line(text) = source.read("Note: ") {
        if !source.echoes() {
            println!("{text}");
        }
        if !text.trim().is_empty() {
            call.add_note(text.trim())?;
        }
    }
    Ok(())
}

/// Briefing, the call so far (when resuming), the conversation, the summary.
fn play_call(call: &mut Call, source: &mut dyn LineSource, style: &Style) -> Result<()> {
    let scenario = Arc::clone(call.session.scenario());
    ui::briefing(&scenario, call, style);
    let name = ui::speaker_name(&scenario);
    for turn in call.session.turns() {
        match turn.speaker {
            collectsim::transcript::Speaker::Debtor => ui::debtor_line(&name, turn, style),
            collectsim::transcript::Speaker::Collector => println!("You: {}", turn.text),
        }
    }
    let exit = repl::run(call, source, style)?;
    let spoke = call.trainee_turns() > 0;
    if spoke && matches!(exit, Exit::Ended | Exit::EndedByCollector) {
        wrap_up_note(call, source, style)?;
    }
    call.save()?;
    if spoke {
        call.finish_scoring()?;
    }
    Ok(())
}

/// The end of a call: the text debrief, the HTML one on request, then where the
/// session is.
fn debrief(workspace: &Workspace, call: &Call, format: Option<ReportFormat>, style: &Style) -> Result<()> {
    if call.record.scorecard.is_some() {
        let model = super::report::build(workspace, &call.record)?;
        println!();
        print!("{}", super::report::render(&model, ReportFormat::Text, None, *style)?);
        if let Some(format) = format.filter(|f| *f != ReportFormat::Text) {
            let extension = match format {
                ReportFormat::Html => "html",
                ReportFormat::Md => "md",
                _ => "report.json",
            };
            let path = call.path.with_extension(extension);
            collectsim::store::write_atomically(
                &path,
                super::report::render(&model, format, None, Style::plain())?.as_bytes(),
            )?;
            println!("Report written: {}", path.display());
        }
    }
    ui::summary(call, style);
    Ok(())
}
