//! Nothing a file, a stream or a colleague does can hang, crash or corrupt
//! collectsim: each test is a reproducer from the reliability probe, run through
//! the real binary.

mod common;

use std::time::Duration;

use common::*;

/// Far beyond what any input here needs in a debug build; a hang or quadratic time
/// would need minutes to hours.
const HANG: Duration = Duration::from_secs(120);

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
    let played = run_within(&dir, &["play", "hardship-job-loss", "--script", "-", "--trainee", "t"], &zeros, HANG);
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
