//! The REPL in a real pseudo-terminal (rustyline, colour, Ctrl-C and Ctrl-D), as a
//! trainee meets it.
#![cfg(unix)]

use std::process::Command;

use crate::common::*;
use rexpect::session::{PtySession, spawn_command};

fn start(dir: &std::path::Path, no_color: bool) -> PtySession {
    let mut command = Command::new(env!("CARGO_BIN_EXE_collectsim"));
    command.args(["play", "hardship-job-loss", "--seed", "7", "--trainee", "tty"]);
    command.arg("--data-dir").arg(dir.join("data")).current_dir(dir).env("TERM", "xterm");
    command.env_remove("NO_COLOR").env_remove("COLLECTSIM_HOME");
    if no_color {
        command.env("NO_COLOR", "1");
    }
    spawn_command(command, Some(15_000)).expect("spawn in a pty")
}

#[test]
fn a_call_in_a_terminal_ends_cleanly_on_ctrl_d() {
    let dir = temp_dir("tty-ctrl-d");
    let mut call = start(&dir, false);
    let briefing = call.exp_string("You: ").unwrap();
    assert!(briefing.contains("Calling:"), "{briefing}");
    assert!(briefing.contains("\x1b[35mMaria:"), "the debtor's name is in colour at a terminal: {briefing:?}");
    call.send_line("Hi, this is Sam Ortiz from Ridgeline Recovery. Am I speaking with Maria Alvarez?").unwrap();
    call.exp_string("Maria:").unwrap();
    call.send_line(":hint").unwrap();
    call.exp_string("Hint: Now she is verified").unwrap();
    // Wait for the prompt, as a person would: a Ctrl-D typed while output is still
    // printing reaches the terminal before the line editor is listening.
    call.exp_string("You: ").unwrap();
    call.send_control('d').unwrap();
    call.exp_string("Session saved:").unwrap();
    call.exp_eof().unwrap();
    let session = only_session(&dir.join("data"));
    assert_eq!(session["outcome"], "abandoned");
    assert_eq!(session["turns"].as_array().unwrap().len(), 3);
    assert!(dir.join("data/history.txt").exists(), "rustyline history is kept");
}

#[test]
fn ctrl_c_keeps_the_session_and_no_color_is_honoured() {
    let dir = temp_dir("tty-ctrl-c");
    let mut call = start(&dir, true);
    let briefing = call.exp_string("You: ").unwrap();
    let colour = regex::Regex::new("\x1b\\[[0-9;]*m").unwrap();
    assert!(!colour.is_match(&briefing), "NO_COLOR means no colour codes: {briefing:?}");
    call.send_line("Am I speaking with Maria Alvarez?").unwrap();
    call.exp_string("Maria:").unwrap();
    call.exp_string("You: ").unwrap();
    call.send_control('c').unwrap();
    call.exp_string("Resume with: collectsim play --resume").unwrap();
    call.exp_eof().unwrap();
    assert_eq!(only_session(&dir.join("data"))["turns"].as_array().unwrap().len(), 3);
}

#[test]
fn a_batch_shows_a_progress_bar_at_a_terminal_and_keeps_stdout_clean() {
    let dir = temp_dir("tty-progress");
    let corpus = run(&dir, &["corpus", "--count", "300"], "");
    std::fs::write(dir.join("calls.jsonl"), corpus.stdout).unwrap();
    let mut command = Command::new("sh");
    let binary = env!("CARGO_BIN_EXE_collectsim");
    command.args(["-c", &format!("'{binary}' score --input jsonl calls.jsonl --format jsonl > cards.jsonl")]);
    command.current_dir(&dir).env("TERM", "xterm").env_remove("COLLECTSIM_HOME");
    // Everything the terminal showed, read to the end: no assertion depends on how
    // far the batch had got when some part of it was read (a loaded machine is slow).
    let mut batch = spawn_command(command, Some(300_000)).expect("spawn in a pty");
    let shown = batch.exp_eof().unwrap();
    let (drawn, _summary) = shown.split_once("Scored 300 transcripts").expect("the summary follows the bar");
    let first_bar = drawn.split("\r\x1b[2K").nth(1).expect("a bar was drawn");
    assert!(first_bar.contains(" call") && first_bar.contains("B/s"), "count and rate: {first_bar:?}");
    assert!(first_bar.contains("% ") && first_bar.contains(" KB of "), "a bar towards the file's size: {first_bar:?}");
    assert!(drawn.ends_with("\r\x1b[2K"), "the bar is cleared before the summary: {drawn:?}");
    let cards = std::fs::read_to_string(dir.join("cards.jsonl")).unwrap();
    assert_eq!(cards.lines().count(), 300);
    assert!(!cards.contains('█'), "the bar never reaches stdout");
}

/// At a terminal, with no --trainee and nothing remembered, the first call asks
/// who is playing and keeps the answer - a sentence typed there is asked again,
/// not kept as a name; the next call does not ask again.
#[test]
fn the_first_call_asks_who_is_playing_once() {
    let dir = temp_dir("tty-who");
    let spawn = || {
        let mut command = Command::new(env!("CARGO_BIN_EXE_collectsim"));
        command.args(["play", "hardship-job-loss", "--seed", "7", "--data-dir"]).arg(dir.join("data"));
        command.current_dir(&dir).env("TERM", "xterm").env("NO_COLOR", "1").env_remove("COLLECTSIM_HOME");
        spawn_command(command, Some(15_000)).expect("spawn in a pty")
    };
    let mut call = spawn();
    call.exp_string("Who is playing?").unwrap();
    // the call's first line typed too soon is no name: it is asked again
    call.send_line("Hello, this is Sam from Northway. Am I speaking with Margaret?").unwrap();
    call.exp_string("not a name").unwrap();
    call.exp_string("Who is playing?").unwrap();
    call.send_line("Dana Lee").unwrap();
    call.exp_string("You: ").unwrap();
    call.send_line(":quit").unwrap();
    call.exp_eof().unwrap();
    let settings = std::fs::read_to_string(dir.join("data/settings.json")).unwrap();
    assert!(settings.contains("\"trainee\": \"Dana Lee\""), "{settings}");
    assert_eq!(only_session(&dir.join("data"))["trainee"], "Dana Lee");
    let mut again = spawn();
    let before_prompt = again.exp_string("You: ").unwrap();
    assert!(!before_prompt.contains("Who is playing?"), "asked twice: {before_prompt}");
    again.send_line(":quit").unwrap();
    again.exp_eof().unwrap();
}
