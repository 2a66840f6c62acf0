//! What the trainee sees: the briefing, the debtor's lines, command help and the
//! end-of-call summary. Plain `println!` tables in the style of small REPLs.

use crate::repl::call::Call;
use collectsim::scenario::Scenario;
use collectsim::store::Mode;
use collectsim::style::Style;
use collectsim::transcript::Turn;

pub const COMMANDS: &[(&str, &str)] = &[
    (":help", "show these commands"),
    (":hint", "a tip for this moment of the call (practice mode)"),
    (":facts", "show the account on your screen again"),
    (":score", "the scorecard so far (practice mode)"),
    (":note TEXT", "add to the account note (document every call)"),
    (":undo", "take back your last line (practice mode)"),
    (":restart", "start the call again from the top (practice mode)"),
    (":reload", "re-read the scenario file after editing it (authors)"),
    (":end", "hang up now and finish the call"),
    (":quit", "leave without finishing; resume later with --resume"),
];

/// The collector's screen before dialling: who, what account, which rules.
pub fn briefing(scenario: &Scenario, call: &Call, style: &Style) {
    println!("{}", style.bold(&format!("── {} ──", scenario.title)));
    if let Some(summary) = &scenario.summary {
        println!("{}", wrap(summary.trim(), 0));
    }
    println!();
    println!("{} {}", style.bold("Calling:"), scenario.facts.text("consumer").unwrap_or(&scenario.persona.name));
    for (label, value) in scenario.facts.briefing_lines() {
        println!("  {:<26} {value}", format!("{label}:"));
    }
    let mode = match call.record.mode {
        Mode::Practice => "practice (hints, undo and restart allowed)",
        Mode::Assessment => "assessment (no hints, no undo)",
    };
    println!();
    println!(
        "{} {mode}   {} {}   {} {}",
        style.dim("Mode:"),
        style.dim("Seed:"),
        call.record.seed,
        style.dim("Trainee:"),
        call.record.trainee
    );
    println!("{}", style.dim("Type what you would say. Commands start with ':' (:help lists them)."));
    println!();
}

pub fn help(style: &Style) {
    for (command, what) in COMMANDS {
        println!("  {:<12} {what}", style.cyan(command));
    }
}

pub fn debtor_line(name: &str, turn: &Turn, style: &Style) {
    let body = wrap(&turn.text, name.chars().count() + 2);
    println!("{} {body}", style.magenta(&format!("{name}:")));
}

/// Prose width: `$COLUMNS` when the shell exports it, else 80, within 40..=100.
fn width() -> usize {
    std::env::var("COLUMNS").ok().and_then(|c| c.parse().ok()).unwrap_or(80).clamp(40, 100)
}

/// Word-wraps `text` whose first line starts after `indent` columns of prefix;
/// later lines are indented to match, so a long reply reads as one block.
pub fn wrap(text: &str, indent: usize) -> String {
    collectsim::text::wrap_to(text, indent, width())
}

/// The first name of the persona, as the debtor's speaker label.
pub fn speaker_name(scenario: &Scenario) -> String {
    scenario.persona.name.split_whitespace().next().unwrap_or("Debtor").to_string()
}

pub fn summary(call: &Call, style: &Style) {
    println!();
    let record = &call.record;
    let verdict = match record.success {
        Some(true) => style.green("success"),
        // `:end` stops the call before the story reaches an ending: that is not a
        // bad ending, and a plan agreed before it is still in the scorecard.
        Some(false) if record.hung_up_early() => style.yellow("you hung up before the story reached an ending"),
        Some(false) => style.red("not a success"),
        None => style.yellow("unfinished"),
    };
    println!("{} {} ({verdict})", style.bold("Call over:"), record.outcome.replace('_', " "));
    if let Some(ending) = call.session.ending() {
        if let Some(text) = &ending.summary {
            println!("{}", wrap(text.trim(), 0));
        }
    }
    let meters: Vec<String> = record.final_meters.iter().map(|(m, v)| format!("{m} {v:.0}")).collect();
    if !meters.is_empty() {
        println!("{} {}", style.dim("How the debtor felt at the end:"), meters.join(", "));
    }
    if !call.session.is_over() && !record.hung_up_early() {
        println!("Resume with: collectsim play --resume {}", call.path.display());
    }
    println!("Session saved: {}", call.path.display());
    println!("{} collectsim report {} --format html -o debrief.html", style.dim("Debrief again:"), record.id);
}
