//! The interactive call: reads trainee lines from a [`input::LineSource`], runs
//! `:` commands, feeds speech to the engine and prints the debtor's replies. The
//! same loop serves the keyboard, scripts and pipes.

pub mod call;
pub mod coach;
pub mod input;
pub mod ui;

use anyhow::Result;

use call::Call;
use input::{Input, LineSource};

use collectsim::store::Mode;
use collectsim::style::Style;
use collectsim::suggest::did_you_mean;

/// What the loop does after a line.
enum Next {
    Continue,
    Stop(Exit),
}

/// How a call stopped, which decides what happens after it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exit {
    /// The story reached an ending.
    Ended,
    /// The collector hung up with `:end`.
    EndedByCollector,
    /// `:quit`: left to resume later.
    Left,
    /// Ctrl-C, Ctrl-D or the end of the script.
    Interrupted,
}

/// Runs the call until it ends, the trainee leaves, or input runs out. In practice
/// mode a call that reached an ending can still be taken back with `:undo`.
pub fn run(call: &mut Call, source: &mut dyn LineSource, style: &Style) -> Result<Exit> {
    let name = ui::speaker_name(call.session.scenario());
    loop {
        let exit = converse(call, source, &name, style)?;
        let practice = call.record.mode == Mode::Practice;
        if !(exit == Exit::Ended && practice && try_again(call, source, &name, style)?) {
            return Ok(exit);
        }
    }
}

/// After an ending in practice mode: `:undo` or `:restart` go back into the call.
fn try_again(call: &mut Call, source: &mut dyn LineSource, name: &str, style: &Style) -> Result<bool> {
    println!(
        "{}",
        style.dim("The call has ended. :undo takes back your last line, :restart tries again, Enter finishes.")
    );
    let text = match source.read("> ") {
        Input::Line(text) => text,
        Input::Interrupted | Input::Eof => return Ok(false),
    };
    if !source.echoes() {
        println!("{text}");
    }
    match text.trim() {
        ":undo" => undo(call, name, style)?,
        ":restart" => {
            call.restart()?;
            println!("{}", style.dim("Starting the call again from the top."));
            print_last_debtor_line(call, name, style);
        }
        "" => return Ok(false),
        _ => {
            // Not a command: the account note a script wrote next, not a reply.
            source.unread(text);
            return Ok(false);
        }
    }
    Ok(true)
}

fn converse(call: &mut Call, source: &mut dyn LineSource, name: &str, style: &Style) -> Result<Exit> {
    let name = name.to_string();
    while !call.session.is_over() {
        let text = match source.read("You: ") {
            Input::Line(text) => text,
            Input::Interrupted | Input::Eof => return Ok(Exit::Interrupted),
        };
        if !source.echoes() {
            println!("{text}");
        }
        let text = text.trim();
        if text.is_empty() {
            continue;
        }
        let next = match text.strip_prefix(':') {
            Some(command) => command_line(call, command, &name, style)?,
            None => speak(call, text, &name, style)?,
        };
        if let Next::Stop(exit) = next {
            return Ok(exit);
        }
    }
    Ok(Exit::Ended)
}

fn speak(call: &mut Call, text: &str, name: &str, style: &Style) -> Result<Next> {
    if let Some(reply) = call.say(text)? {
        if call.record.mode == Mode::Practice {
            let card = call.coach.card(&call.record, &call.session.detector(), call.session.is_over());
            // The line just said is the last collector turn (the debtor's reply follows it).
            let said = call.record.turns.iter().rposition(|t| t.speaker == collectsim::transcript::Speaker::Collector);
            let (findings, strengths) = call.coach.fresh(&card, said.map_or(0, |i| i + 1));
            coach::print_coaching(&findings, &strengths, style);
        }
        ui::debtor_line(name, &reply, style);
    }
    Ok(Next::Continue)
}

fn command_line(call: &mut Call, command: &str, name: &str, style: &Style) -> Result<Next> {
    let (word, rest) = command.split_once(char::is_whitespace).unwrap_or((command, ""));
    let assessment = call.record.mode == Mode::Assessment;
    match word {
        "help" => ui::help(style),
        "facts" => facts(call),
        "note" => note(call, rest.trim(), style)?,
        "hint" | "undo" | "restart" | "score" | "reload" if assessment => {
            println!("{}", style.yellow(&format!(":{word} is not available in assessment mode.")));
        }
        "hint" => hint(call, style)?,
        "score" => {
            call.record.score_checks += 1;
            call.save()?;
            coach::print_card(&call.coach.card(&call.record, &call.session.detector(), false), style);
        }
        "undo" => undo(call, name, style)?,
        "restart" => {
            call.restart()?;
            println!("{}", style.dim("Starting the call again from the top."));
            print_last_debtor_line(call, name, style);
        }
        "reload" => reload(call, name, style)?,
        "end" => {
            call.end_early()?;
            return Ok(Next::Stop(Exit::EndedByCollector));
        }
        "quit" => return Ok(Next::Stop(Exit::Left)),
        other => {
            let words = ui::COMMANDS.iter().map(|(c, _)| c.trim_start_matches(':').split(' ').next().unwrap_or(""));
            let tip = did_you_mean(other, words).map(|w| format!(" Did you mean :{w}?")).unwrap_or_default();
            println!("{}", style.yellow(&format!("Unknown command :{other}.{tip} Type :help for the list.")));
        }
    }
    Ok(Next::Continue)
}

/// Re-reads the scenario file (an author edited it mid-call) and replays the call
/// so far into it. A file with errors is reported and the call goes on unchanged.
fn reload(call: &mut Call, name: &str, style: &Style) -> Result<()> {
    let source = call.session.scenario().source.clone();
    let path = std::path::PathBuf::from(source.trim_start_matches("builtin:"));
    if !path.is_file() {
        println!(
            "{}",
            style.yellow(&format!("Nothing to reload: {source} is built in and there is no {} here.", path.display()))
        );
        return Ok(());
    }
    let file = collectsim::source::SourceFile::read(&path)?;
    let lexicon = collectsim::local::load_lexicon()?;
    let (scenario, problems) = collectsim::scenario::load(&file, &lexicon);
    let Some(scenario) = scenario else {
        println!(
            "{}",
            style.red(&format!("{} has errors; the call goes on with the previous version:", path.display()))
        );
        for problem in problems.iter().filter(|p| p.is_error()) {
            print!("{}", problem.render(style));
        }
        return Ok(());
    };
    let lines = call.trainee_turns();
    call.reload(std::sync::Arc::new(scenario))?;
    println!("{}", style.dim(&format!("Reloaded {}; replayed your {lines} lines.", path.display())));
    print_last_debtor_line(call, name, style);
    Ok(())
}

fn facts(call: &Call) {
    for (label, value) in call.session.scenario().facts.briefing_lines() {
        println!("  {:<26} {value}", format!("{label}:"));
    }
}

fn note(call: &mut Call, text: &str, style: &Style) -> Result<()> {
    if text.is_empty() {
        println!("{}", style.yellow("Usage: :note what you want on the account, e.g. :note promised $50 on the 15th"));
    } else {
        call.add_note(text)?;
        println!("{}", style.dim("Noted on the account."));
    }
    Ok(())
}

fn hint(call: &mut Call, style: &Style) -> Result<()> {
    let node = call.session.node();
    let mut text =
        node.hint.clone().unwrap_or_else(|| "No tip for this moment: listen to what the debtor just said.".into());
    if let Some(model) = &node.model {
        text = format!("{text}\nYou could say: \"{}\"", model.trim());
    }
    let shown: Vec<String> = format!("Hint: {text}").lines().map(|line| ui::wrap(line, 2)).collect();
    println!("{}", style.cyan(&shown.join("\n")));
    call.record_hint(&text)
}

fn undo(call: &mut Call, name: &str, style: &Style) -> Result<()> {
    match call.undo()? {
        Some(line) => {
            println!("{}", style.dim(&format!("Took back: \"{line}\"")));
            print_last_debtor_line(call, name, style);
        }
        None => println!("{}", style.yellow("Nothing to undo yet.")),
    }
    Ok(())
}

fn print_last_debtor_line(call: &Call, name: &str, style: &Style) {
    if let Some(last) = call.session.turns().last() {
        ui::debtor_line(name, last, style);
    }
}
