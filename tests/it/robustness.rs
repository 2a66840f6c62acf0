//! Nothing a file, a stream or a colleague does can hang, crash or corrupt
//! collectsim: each test is a reproducer from the reliability probe, run through
//! the real binary.

use std::time::Duration;

use crate::common::*;

/// Far beyond what any input here needs in a debug build; a hang or quadratic time
/// would need minutes to hours.
const HANG: Duration = Duration::from_secs(120);

/// The shipped scenario several tests edit one line of.
fn shipped_scenario() -> String {
    std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/scenarios/hardship-job-loss.yaml")).unwrap()
}

/// Plays a short call into `dir/data`, lets `edit` change its session file as a
/// colleague or an attacker could, and returns the session's path.
fn edited_session(dir: &std::path::Path, edit: impl FnOnce(&mut serde_json::Value)) -> std::path::PathBuf {
    run(dir, &["play", "hardship-job-loss", "--seed", "7", "--data-dir", "data", "--trainee", "t"], "Hello?\n");
    let session = session_path(&dir.join("data"));
    let mut record: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&session).unwrap()).unwrap();
    edit(&mut record);
    std::fs::write(&session, serde_json::to_string(&record).unwrap()).unwrap();
    session
}

#[test]
fn scoring_is_linear_on_long_runs_of_accents_cjk_digits_and_unpunctuated_words() {
    // Each turn took from minutes to hours when scanning was quadratic (a run from
    // every position to the end of the stretch); together they now take seconds.
    let turns = [
        "é".repeat(500_000),
        "中".repeat(330_000),
        "7".repeat(200_000),
        "please pay the balance today ".repeat(35_000),
        "a\u{301}\u{301}".repeat(200_000),
        "$1,".repeat(100_000),
    ];
    let mut transcript = String::new();
    for turn in &turns {
        transcript.push_str(&format!("Agent: {turn}\nDebtor: ok\n"));
    }
    let dir = temp_dir("linear");
    std::fs::write(dir.join("long.txt"), &transcript).unwrap();
    let output = run_within(&dir, &["score", "long.txt", "--format", "json"], b"", HANG);
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    let cards: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(cards[0]["turns"].as_array().unwrap().len(), turns.len());
}

#[test]
fn a_name_with_an_accent_is_scored_not_a_crash() {
    let dir = temp_dir("jose");
    let output =
        run_within(&dir, &["score", "-"], "Debtor: I was laid off. Ask José.\nAgent: I understand.\n".as_bytes(), HANG);
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    assert!(stderr(&output).is_empty(), "{}", stderr(&output));
}

#[test]
fn yaml_nested_without_end_is_refused_with_its_line_in_every_command() {
    let dir = temp_dir("deep-yaml");
    std::fs::create_dir_all(dir.join("scenarios")).unwrap();
    let deep = format!("facts:\n  deep:\n    {}x\n", "- ".repeat(20_000));
    std::fs::write(dir.join("scenarios/deep.yaml"), deep).unwrap();
    let output = run_within(&dir, &["validate", "scenarios/deep.yaml"], b"", HANG);
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    let text = stdout(&output) + &stderr(&output);
    assert!(text.contains("scenarios/deep.yaml:3:") && text.contains("nested more than 64 levels deep"), "{text}");
    assert!(text.lines().all(|line| line.chars().count() < 200), "a long line is quoted in part:\n{text}");
    let listed = run_within(&dir, &["list"], b"", HANG);
    assert_eq!(listed.status.code(), Some(0), "one bad file does not stop `list`: {}", stderr(&listed));
    assert!(stdout(&listed).contains("hardship-job-loss"));
}

#[test]
fn aliases_that_would_expand_to_gigabytes_are_refused_at_once() {
    let dir = temp_dir("alias-bomb");
    let big = "x".repeat(1 << 20);
    let aliases = vec!["*a"; 1000].join(", ");
    let bomb = format!("id: bomb\ntitle: Bomb\nfacts:\n  a: &a \"{big}\"\n  b: [{aliases}]\n");
    std::fs::write(dir.join("bomb.yaml"), &bomb).unwrap();
    let output = run_within(&dir, &["validate", "bomb.yaml"], b"", HANG);
    assert_eq!(output.status.code(), Some(1));
    assert!(stdout(&output).contains("bomb.yaml:5:") && stdout(&output).contains("expand the file beyond 16 MB"));
    let front_matter =
        format!("---\njurisdiction: US\na: &a \"{}\"\nb: [{aliases}]\n---\nAgent: Hi.\n", &big[..100_000]);
    std::fs::write(dir.join("call.txt"), front_matter).unwrap();
    let scored = run_within(&dir, &["score", "call.txt"], b"", HANG);
    assert_eq!(scored.status.code(), Some(2));
    assert!(stdout(&scored).contains("expand the file beyond 16 MB"), "{}", stdout(&scored));
}

#[cfg(unix)]
#[test]
fn devices_fifos_and_links_back_into_the_tree_are_never_read() {
    let dir = temp_dir("special-files");
    for args in [
        &["score", "/dev/zero"][..],
        &["validate", "/dev/zero"],
        &["play", "hardship-job-loss", "--script", "/dev/zero"],
    ] {
        let output = run_within(&dir, args, b"", HANG);
        assert!(matches!(output.status.code(), Some(1 | 2)), "{args:?}");
        assert!(
            stderr(&output).contains("not a regular file") || stdout(&output).contains("not a regular file"),
            "{args:?}: {}",
            stderr(&output)
        );
    }
    // Standard input that never ends a line ends the script, not memory.
    let zeros = vec![0u8; 3 << 20];
    // (its own data folder: a test must not leave sessions in the user's real one)
    let played = run_within(
        &dir,
        &["play", "hardship-job-loss", "--script", "-", "--trainee", "t", "--data-dir", "zeros-data"],
        &zeros,
        HANG,
    );
    assert!(stderr(&played).contains("script line is over 1 MB"), "{}", stderr(&played));
    // A FIFO among the sessions is skipped with a warning, not waited on for ever.
    let data = dir.join("data");
    std::fs::create_dir_all(data.join("sessions")).unwrap();
    let fifo = std::process::Command::new("mkfifo").arg(data.join("sessions/stuck.json")).status().unwrap();
    assert!(fifo.success());
    let progress = run_within(&dir, &["progress", "--data-dir", "data"], b"", HANG);
    assert!(stderr(&progress).contains("not a regular file"), "{}", stderr(&progress));
    // Links to folders are not followed: each call is scored once.
    std::fs::create_dir_all(dir.join("calls")).unwrap();
    std::fs::write(dir.join("calls/a.txt"), "Agent: Hi, is this Maria?\nDebtor: Yes.\n").unwrap();
    std::os::unix::fs::symlink(".", dir.join("calls/self")).unwrap();
    std::os::unix::fs::symlink("..", dir.join("calls/up")).unwrap();
    let scored = run_within(&dir, &["score", "calls", "--format", "json"], b"", HANG);
    let cards: serde_json::Value = serde_json::from_slice(&scored.stdout).unwrap();
    assert_eq!(cards.as_array().unwrap().len(), 1, "{cards:#}");
}

#[cfg(unix)]
#[test]
fn a_reader_that_goes_away_ends_play_quietly_and_the_call_is_saved() {
    let dir = temp_dir("closed-pipe");
    let shell = format!(
        "{} play hardship-job-loss --trainee t --seed 7 --data-dir data | head -1",
        env!("CARGO_BIN_EXE_collectsim")
    );
    let output = std::process::Command::new("sh")
        .args(["-c", &shell])
        .current_dir(&dir)
        .env("NO_COLOR", "1")
        .stdin(std::process::Stdio::null())
        .output()
        .unwrap();
    assert!(!stderr(&output).contains("panicked"), "{}", stderr(&output));
    assert_eq!(stdout(&output).lines().count(), 1);
}

#[test]
fn a_class_playing_the_same_call_at_once_keeps_every_call() {
    // Eight trainees told to use the README's seed once lost a quarter of their calls:
    // same second, same name, same temporary file.
    let dir = temp_dir("concurrent");
    let lines = "Hi, this is Sam from Ridgeline Recovery. Am I speaking with Maria Alvarez?\n\
                 I'm a debt collector. This is an attempt to collect a debt.\n";
    let players: Vec<_> = (0..8)
        .map(|_| {
            let dir = dir.clone();
            std::thread::spawn(move || {
                run_within(
                    &dir,
                    &["play", "hardship-job-loss", "--trainee", "dana", "--seed", "7", "--data-dir", "data"],
                    lines.as_bytes(),
                    HANG,
                )
            })
        })
        .collect();
    for player in players {
        let output = player.join().unwrap();
        assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    }
    let sessions: Vec<_> = std::fs::read_dir(dir.join("data/sessions")).unwrap().map(|e| e.unwrap().path()).collect();
    assert_eq!(sessions.len(), 8, "every call saved, no temporary file left: {sessions:?}");
    for path in sessions {
        let session: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
        assert_eq!(
            session["turns"].as_array().unwrap().len(),
            5,
            "opening, two lines, two replies: {}",
            path.display()
        );
    }
}

#[test]
fn a_report_never_replaces_the_session_it_reads() {
    let dir = temp_dir("report-overwrite");
    let lines = "Hi, am I speaking with Maria Alvarez?\n";
    run(&dir, &["play", "hardship-job-loss", "--seed", "7", "--data-dir", "data", "--trainee", "t"], lines);
    let session = session_path(&dir.join("data"));
    let before = std::fs::read(&session).unwrap();
    let session_arg = session.to_str().unwrap();
    let output = run(&dir, &["report", session_arg, "-o", session_arg, "--format", "html"], "");
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("write the report to another file"), "{}", stderr(&output));
    assert_eq!(std::fs::read(&session).unwrap(), before, "the session is untouched");
}

#[test]
fn numbers_that_are_not_finite_are_refused_where_they_are_written() {
    let dir = temp_dir("nan");
    let shipped = shipped_scenario();
    let nan = shipped.replacen("adjust: {trust: +8,", "adjust: {trust: .nan,", 1);
    assert_ne!(nan, shipped, "the shipped scenario still has the line this test edits");
    std::fs::write(dir.join("nan.yaml"), &nan).unwrap();
    let output = run(&dir, &["validate", "nan.yaml"], "");
    assert_eq!(output.status.code(), Some(1));
    assert!(stdout(&output).contains("nan.yaml:56:21: error: not a finite number"), "{}", stdout(&output));
    let condition = shipped.replacen("frustration: \">= 90\"", "frustration: \">= nan\"", 1);
    std::fs::write(dir.join("nan-condition.yaml"), condition).unwrap();
    let output = run(&dir, &["validate", "nan-condition.yaml"], "");
    assert_eq!(output.status.code(), Some(1), "{}", stdout(&output));
}

#[test]
fn front_matter_facts_are_checked_as_json_lines_facts_are() {
    let dir = temp_dir("front-matter-facts");
    for (balance, says) in [("lots", "`balance` should be a number"), ("1e400", "not a finite number")] {
        let call = format!("---\njurisdiction: US\nbalance: {balance}\n---\nAgent: Is this Maria?\nDebtor: Yes.\n");
        std::fs::write(dir.join("call.txt"), call).unwrap();
        let output = run(&dir, &["score", "call.txt"], "");
        assert_eq!(output.status.code(), Some(2), "{balance}");
        assert!(stdout(&output).contains("call.txt:3:") && stdout(&output).contains(says), "{}", stdout(&output));
    }
}

#[test]
fn a_byte_order_mark_is_read_past() {
    let dir = temp_dir("bom");
    std::fs::write(dir.join("bom.yaml"), format!("\u{feff}{}", shipped_scenario())).unwrap();
    let output = run(&dir, &["validate", "bom.yaml"], "");
    assert_eq!(output.status.code(), Some(0), "{}", stdout(&output));
    let call = "\u{feff}---\njurisdiction: US\n---\nAgent: Hi, is this Maria Alvarez?\nDebtor: Yes.\n";
    std::fs::write(dir.join("call.txt"), call).unwrap();
    for args in [&["score", "call.txt"][..], &["score", "-"]] {
        let output = run(&dir, args, call);
        assert!(!stdout(&output).contains("error"), "{args:?}: {}", stdout(&output));
    }
    let record = "\u{feff}{\"id\": \"a\", \"text\": \"Agent: Hi, is this Maria?\\nDebtor: Yes.\"}\n";
    let output = run(&dir, &["score", "--input", "jsonl", "--format", "json"], record);
    assert!(stdout(&output).contains("\"source\": \"a\""), "{}", stdout(&output));
}

#[test]
fn escapes_in_names_lines_and_ids_never_reach_the_terminal() {
    let dir = temp_dir("escapes");
    let session = edited_session(&dir, |record| {
        record["trainee"] = "dana\u{1b}[2J\u{1b}]0;owned\u{7}".into();
        record["turns"][1]["text"] = "hello \u{1b}]8;;http://evil\u{1b}\\link\u{1b}]8;;\u{1b}\\ \u{9b}31m".into();
    });
    let path = session.to_str().unwrap();
    let call = "Agent: Hi \u{1b}]52;c;aGVsbG8=\u{7}, is this Maria?\nDebtor: Yes.\n";
    std::fs::write(dir.join("call.txt"), call).unwrap();
    let record = "{\"id\": \"a\\u001b[2J\", \"text\": \"Agent: Hi\\nDebtor: Yes.\"}\n";
    let commands: [(&[&str], &str); 6] = [
        (&["progress", "--data-dir", "data"], ""),
        (&["replay", path], ""),
        (&["report", path], ""),
        (&["report", path, "--format", "md"], ""),
        (&["score", "call.txt"], ""),
        (&["score", "--input", "jsonl"], record),
    ];
    for (args, stdin) in commands {
        let output = run(&dir, args, stdin);
        let shown = stdout(&output) + &stderr(&output);
        assert!(!shown.contains(['\u{1b}', '\u{7}', '\u{9b}']), "{args:?} printed a control character:\n{shown:?}");
    }
}

#[test]
fn export_keeps_passwords_off_plain_http_and_out_of_its_output() {
    let dir = temp_dir("export-http");
    let output = run(&dir, &["export", "--lrs", "http://u:hunter2@lrs.example.com/xAPI", "--data-dir", "data"], "");
    assert_eq!(output.status.code(), Some(2));
    let shown = stdout(&output) + &stderr(&output);
    assert!(shown.contains("--allow-http") && !shown.contains("hunter2"), "{shown}");
}

#[test]
fn a_session_naming_a_path_as_its_scenario_does_not_make_resume_read_it() {
    let dir = temp_dir("crafted-session");
    std::fs::write(dir.join("secret.yaml"), "id: secret\ntoken: do-not-show\n").unwrap();
    let secret = dir.join("secret.yaml").to_str().unwrap().to_string();
    let session = edited_session(&dir, |record| record["scenario"]["id"] = secret.into());
    let output = run(&dir, &["play", "--resume", session.to_str().unwrap(), "--data-dir", "data"], "");
    assert_eq!(output.status.code(), Some(2));
    let shown = stdout(&output) + &stderr(&output);
    assert!(shown.contains("is not in the library") && !shown.contains("do-not-show"), "{shown}");
}

#[test]
fn a_debtor_line_that_cannot_be_shown_fails_validate() {
    let dir = temp_dir("partials");
    let shipped = shipped_scenario();
    for (line, says) in [("Hello? {{> /etc/passwd}}", "uses a partial"), ("Hello? {{nohelper 1}}", "cannot be shown")] {
        let edited = shipped.replacen("      - \"Hello?\"", &format!("      - \"{line}\""), 1);
        assert_ne!(edited, shipped);
        std::fs::write(dir.join("s.yaml"), edited).unwrap();
        let output = run(&dir, &["validate", "s.yaml"], "");
        assert_eq!(output.status.code(), Some(1), "{line}");
        assert!(stdout(&output).contains(says), "{}", stdout(&output));
    }
}

#[test]
fn validating_large_files_is_linear_in_their_size() {
    // Each took minutes when checks compared every key or node with every other.
    let dir = temp_dir("large-yaml");
    let keys: String = (0..60_000).map(|i| format!("  k: {i}\n")).collect();
    std::fs::write(dir.join("dups.yaml"), format!("id: dups\ntitle: Dups\nfacts:\n{keys}")).unwrap();
    let output = run_within(&dir, &["validate", "dups.yaml"], b"", HANG);
    assert!(stdout(&output).contains("59999 errors"), "{}", stdout(&output).lines().last().unwrap_or(""));
    let mut nodes = String::from(
        "format: 1\nid: many\ntitle: Many\nsummary: s\npersona: {name: P, kind: hardship}\n\
         difficulty: {label: standard}\nfacts: {jurisdiction: US, balance: 100}\nmeters: {trust: 50}\nstart: n0\nnodes:\n",
    );
    for i in (0..50_000).rev() {
        nodes += &format!("  - id: n{i}\n    say: [\"Hi {i}\"]\n");
        nodes += &match i {
            49_999 => "    end: {outcome: done, success: true}\n".to_string(),
            _ => format!("    on:\n      - {{turn: \">= 0\", goto: n{}}}\n", i + 1),
        };
    }
    std::fs::write(dir.join("nodes.yaml"), nodes).unwrap();
    let output = run_within(&dir, &["validate", "nodes.yaml"], b"", HANG);
    assert!(stdout(&output).contains("0 errors"), "{}", stdout(&output).lines().last().unwrap_or(""));
}

#[test]
fn a_scripts_account_note_after_a_natural_ending_is_kept() {
    // The note line used to be read by the "Enter finishes" prompt and lost.
    let dir = temp_dir("note-after-ending");
    let lines = "Hi, this is Sam Ortiz from Ridgeline Recovery. Am I speaking with Maria Alvarez?\n\
                 This is an attempt to collect a debt and any information obtained will be used for that purpose.\n\
                 If you don't pay, you'll be arrested.\n\
                 threatened arrest; consumer hung up\n";
    let output = run(&dir, &["play", "hardship-job-loss", "--seed", "7", "--data-dir", "data"], lines);
    assert!(stdout(&output).contains("The call has ended"), "{}", stdout(&output));
    let session = only_session(&dir.join("data"));
    assert_eq!(session["notes"][0]["text"], "threatened arrest; consumer hung up", "{}", stdout(&output));
}

#[test]
fn a_transcript_with_a_hundred_thousand_speakers_is_read_in_linear_time() {
    let dir = temp_dir("many-labels");
    let mut text = String::from("Agent: Hi, is this Maria?\n");
    text.extend((0..100_000).map(|i| format!("Person{i}: hello\n")));
    std::fs::write(dir.join("labels.txt"), text).unwrap();
    let output = run_within(&dir, &["score", "labels.txt", "--format", "json"], b"", HANG);
    let cards: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(cards[0]["turns"].as_array().unwrap().len(), 1, "one collector turn");
}

#[test]
fn csv_cells_that_a_spreadsheet_would_run_are_defused() {
    let dir = temp_dir("csv");
    let record = "{\"id\": \"\\t=HYPERLINK(1)\", \"text\": \"Agent: Is this Maria?\\nDebtor: Yes.\\nAgent: You'll be arrested.\"}\n";
    let output = run(&dir, &["score", "--input", "jsonl", "--format", "csv"], record);
    let rows = stdout(&output);
    assert!(rows.contains("'\t=HYPERLINK(1)"), "{rows}");
    assert!(!rows.lines().skip(1).any(|row| row.starts_with(['\t', '='])), "{rows}");
}
