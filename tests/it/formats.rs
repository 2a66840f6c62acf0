//! The transcripts QA teams really have: timestamped text, `Name (Agent):`, captions
//! and speech-to-text JSON, speakers without roles, and folders holding other files.
//! Every fixture in tests/data/formats is the same call (written for these tests,
//! shaped as each vendor documents its output), so each must score the same.

use crate::common::{bin, run, stderr, stdout, temp_dir};
use serde_json::Value;
use std::path::Path;

const FORMATS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/formats");

fn score_json(args: &[&str]) -> (Value, String, i32) {
    let output = bin().current_dir(FORMATS).args(["score", "--format", "json"]).args(args).output().unwrap();
    let cards: Value = serde_json::from_slice(&output.stdout).unwrap_or(Value::Null);
    (cards, stderr(&output), output.status.code().unwrap_or(-1))
}

/// (rule, turn, time) of every finding.
fn findings(card: &Value) -> Vec<(String, u64, Option<String>)> {
    card["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (f["rule"].as_str().unwrap().to_string(), f["turn"].as_u64().unwrap(), f["time"].as_str().map(String::from))
        })
        .collect()
}

#[test]
fn every_format_of_one_call_scores_the_same_with_the_time_of_each_finding() {
    let (reference, _, code) = score_json(&["call.srt"]);
    assert_eq!(code, 1, "the call threatens arrest, so it fails");
    let expected = findings(&reference[0]);
    assert!(expected.contains(&("us-fdcpa.false-threat-arrest".into(), 5, Some("00:00:26".into()))), "{expected:?}");
    let files = [
        "timestamps.txt",
        "names-dash.txt",
        "call.vtt",
        "transcribe.json",
        "contact-lens.json",
        "whisperx.json",
        "deepgram.json",
    ];
    for file in files {
        let (cards, err, code) = score_json(&[file]);
        assert_eq!(code, 1, "{file}: {err}");
        assert_eq!(findings(&cards[0]), expected, "{file}");
        assert_eq!(cards[0]["scores"], reference[0]["scores"], "{file}");
    }
}

#[test]
fn a_collector_without_a_role_is_inferred_and_the_choice_said() {
    for (file, collector) in [
        ("diarized.txt", "Speaker 1"),
        ("call.vtt", "Speaker 1"),
        ("transcribe.json", "spk_0"),
        ("whisperx.json", "SPEAKER_01"),
        ("deepgram.json", "Speaker 0"),
    ] {
        let (cards, err, _) = score_json(&[file]);
        let agent = &cards[0]["agent"];
        assert_eq!(agent["speaker"], collector, "{file}: {agent}");
        assert_eq!(agent["by"], "inferred");
        assert!(agent["reason"].as_str().unwrap().contains("introduced themselves for a company (turn 1)"), "{agent}");
        assert!(err.contains(&format!("the collector is `{collector}` (inferred: ")), "{file}: {err}");
    }
    // Labelled calls say nothing about it.
    let (cards, err, _) = score_json(&["timestamps.txt"]);
    assert!(cards[0].get("agent").is_none() && !err.contains("inferred"), "{err}");
}

#[test]
fn agent_names_the_collector_and_an_unknown_name_is_an_error() {
    let (cards, err, _) = score_json(&["diarized.txt", "--agent", "speaker 0"]);
    assert_eq!(cards[0]["agent"]["speaker"], "Speaker 0", "{err}");
    assert_eq!(cards[0]["agent"]["by"], "--agent");
    assert!(!err.contains("inferred"));
    // With the consumer taken as the collector, the collector's turns are the even ones.
    assert!(findings(&cards[0]).iter().all(|(_, turn, _)| turn % 2 == 0), "{:?}", findings(&cards[0]));
    let (cards, _, code) = score_json(&["deepgram.json", "--agent", "Speaker 7"]);
    assert_eq!(code, 2);
    let error = cards[0]["error"].as_str().unwrap();
    assert!(
        error.contains(
            "--agent `Speaker 7`: no speaker of that name in this call; its speakers are `Speaker 0`, `Speaker 1`"
        ),
        "{error}"
    );
}

#[test]
fn speakers_that_cannot_be_told_apart_are_an_error_for_that_call_not_a_guess() {
    let dir = temp_dir("undecided");
    std::fs::write(dir.join("a.txt"), "Speaker 0: Hello?\nSpeaker 1: Hi there.\nSpeaker 0: Okay, bye.\n").unwrap();
    std::fs::write(dir.join("b.txt"), "Agent: Hi, is this Maria?\nDebtor: Yes.\n").unwrap();
    let output = bin().current_dir(&dir).args(["score", ".", "--format", "jsonl"]).output().unwrap();
    assert_eq!(output.status.code(), Some(2));
    let lines: Vec<Value> = stdout(&output).lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(lines.len(), 2, "the other call is still scored");
    let error = lines[0]["error"].as_str().unwrap();
    assert!(error.contains("cannot tell which speaker is the collector"), "{error}");
    assert!(error.contains("--agent 'Speaker 0'"), "{error}");
    assert!(lines[1]["scores"].is_object());
}

#[test]
fn bad_captions_and_json_name_the_file_and_the_place() {
    let dir = temp_dir("bad-formats");
    let overlap =
        "WEBVTT\n\n00:00:01.000 --> 00:00:05.000\n<v Agent>Hi.\n\n00:00:04.000 --> 00:00:06.000\n<v Customer>Who?\n";
    std::fs::write(dir.join("overlap.vtt"), overlap).unwrap();
    std::fs::write(dir.join("reversed.srt"), "1\n00:00:09,000 --> 00:00:02,000\nAgent: Hi.\n").unwrap();
    std::fs::write(
        dir.join("one-speaker.json"),
        r#"{"segments": [{"start": 0, "end": 1, "text": "Hi", "speaker": "SPEAKER_00"}]}"#,
    )
    .unwrap();
    std::fs::write(
        dir.join("items.json"),
        r#"{"results": {"items": [{"type": "pronunciation", "start_time": "0.1"}]}}"#,
    )
    .unwrap();
    std::fs::write(dir.join("empty.txt"), "").unwrap();
    std::fs::write(dir.join("good.txt"), "Agent: Hi, is this Maria?\nDebtor: Yes.\n").unwrap();
    let output = bin().current_dir(&dir).args(["score", "."]).output().unwrap();
    assert_eq!(output.status.code(), Some(2), "{}", stderr(&output));
    let text = stdout(&output);
    for expected in [
        "overlap.vtt:6:1: error: this cue overlaps the cue at line 3, which ends at 00:00:05",
        "reversed.srt:2:1: error: this cue ends before it starts",
        "only one speaker (`SPEAKER_00`)",
        "`results.items[0].alternatives[0].content` is missing or not text",
        "empty.txt:1:1: error: the transcript is empty",
        "good.txt  INCOMPLETE",
    ] {
        assert!(text.contains(expected), "missing {expected:?} in:\n{text}");
    }
    // Named on the command line, JSON of an unknown shape is an error, not a skip.
    std::fs::write(dir.join("other.json"), r#"{"conversation": []}"#).unwrap();
    let output = bin().current_dir(&dir).args(["score", "other.json"]).output().unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stdout(&output).contains("JSON of a shape collectsim does not know (top level: `conversation`)"),
        "{}",
        stdout(&output)
    );
}

#[test]
fn a_folder_skips_what_is_not_a_transcript_and_says_why() {
    let dir = temp_dir("folder");
    let calls = dir.join("calls");
    std::fs::create_dir_all(&calls).unwrap();
    std::fs::copy(Path::new(FORMATS).join("call.srt"), calls.join("call.srt")).unwrap();
    std::fs::write(calls.join("README.md"), "# Calls from March\n").unwrap();
    std::fs::write(calls.join("notes.txt"), "Remember to check the March batch.\n").unwrap();
    std::fs::write(calls.join("logo.png"), b"\x89PNG\r\n\x1a\n\0\0\0").unwrap();
    std::fs::write(calls.join(".DS_Store"), b"\0\0\0\x01Bud1").unwrap();
    // A scorecard saved next to the calls by an earlier run.
    let earlier = run(&dir, &["score", "calls/call.srt", "--format", "json"], "");
    std::fs::write(calls.join("cards.json"), &earlier.stdout).unwrap();
    let output = run(&dir, &["score", "calls", "--format", "jsonl"], "");
    assert_eq!(
        output.status.code(),
        Some(1),
        "one call scored (and failed); skips are not errors: {}",
        stderr(&output)
    );
    assert_eq!(stdout(&output).lines().count(), 1, "{}", stdout(&output));
    let err = stderr(&output);
    for expected in [
        "skipped calls/README.md: not a transcript (a .md file;",
        "skipped calls/logo.png: not a transcript (a .png file;",
        "skipped calls/notes.txt:",
        "skipped calls/cards.json: collectsim scorecards, not a transcript",
        "Scored 1 transcripts",
        "4 files skipped (not transcripts)",
    ] {
        assert!(err.contains(expected), "missing {expected:?} in:\n{err}");
    }
    assert!(!err.contains(".DS_Store"), "hidden files are not read: {err}");
    let strict = run(&dir, &["score", "calls", "--format", "jsonl", "--strict"], "");
    assert_eq!(strict.status.code(), Some(2));
    assert!(
        stdout(&strict).contains("with --strict a file that is not a transcript is an error"),
        "{}",
        stdout(&strict)
    );
}

#[test]
fn text_markdown_and_csv_show_when_each_finding_was_said() {
    let text = bin().current_dir(FORMATS).args(["score", "call.vtt"]).output().unwrap();
    assert!(stdout(&text).contains("critical  turn 5, 00:00:26  us-fdcpa.false-threat-arrest"), "{}", stdout(&text));
    let md = bin().current_dir(FORMATS).args(["score", "call.vtt", "--format", "md"]).output().unwrap();
    assert!(stdout(&md).contains("(turn 5, 00:00:26, `us-fdcpa.false-threat-arrest`)"), "{}", stdout(&md));
    let csv = bin().current_dir(FORMATS).args(["score", "call.vtt", "--format", "csv"]).output().unwrap();
    let csv = stdout(&csv);
    assert!(csv.lines().next().unwrap().ends_with(",error,time"), "{csv}");
    assert!(csv.lines().any(|row| row.contains("us-fdcpa.false-threat-arrest") && row.ends_with(",00:00:26")), "{csv}");
}

#[test]
fn input_names_the_format_whatever_the_extension() {
    let dir = temp_dir("forced");
    let vtt = std::fs::read_to_string(Path::new(FORMATS).join("call.vtt")).unwrap();
    std::fs::write(dir.join("captions.txt"), &vtt).unwrap();
    let output = run(&dir, &["score", "captions.txt", "--input", "vtt", "--format", "json"], "");
    let cards: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(cards[0]["agent"]["speaker"], "Speaker 1", "{}", stderr(&output));
    // Told by content alone, on standard input too.
    let output = run(&dir, &["score", "-", "--format", "json"], &vtt);
    let cards: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(
        cards[0]["findings"].as_array().unwrap().iter().filter(|f| f["time"].is_string()).count(),
        cards[0]["findings"].as_array().unwrap().len()
    );
    // A JSON Lines record may hold captions in its text.
    let record = serde_json::json!({"id": "call-9", "text": vtt}).to_string();
    let output = run(&dir, &["score", "--input", "jsonl", "--format", "jsonl"], &record);
    let card: Value = serde_json::from_str(stdout(&output).trim()).unwrap();
    assert_eq!(card["source"], "call-9");
    assert_eq!(card["agent"]["speaker"], "Speaker 1");
}

#[test]
fn report_debriefs_a_transcript_with_speakers_and_times() {
    let html = bin().current_dir(FORMATS).args(["report", "call.vtt", "--format", "html"]).output().unwrap();
    assert!(html.status.success(), "{}", stderr(&html));
    let html = stdout(&html);
    assert!(html.contains("<h1>call.vtt</h1>"), "{html}");
    assert!(html.contains("collector <strong>Speaker 1</strong> (inferred: "), "{html}");
    assert!(html.contains("<strong>Turn 5, 00:00:26</strong>"), "{html}");
    assert!(html.contains("Speaker 0 <small>#6 · 00:01:42</small>"), "{html}");
    assert!(!html.contains("meters-title"), "a transcript has no debtor meters to chart");
    let md = bin().current_dir(FORMATS).args(["report", "timestamps.txt", "--format", "md"]).output().unwrap();
    assert!(stdout(&md).contains("**Agent** (5, 00:00:26): If you don't pay today"), "{}", stdout(&md));
}

#[test]
fn report_redacts_like_score() {
    let dir = temp_dir("report-redact");
    let call = "Agent: Hi, this is Sam from Ridgeline Recovery, a debt collector. Is this Maria?\n\
                Debtor: Yes. Call me on 555-123-4567, or write to maria.alvarez@example.com.\n\
                Agent: Thanks. Your account number is AC-88412 and you'll be arrested if you don't pay.\n";
    std::fs::write(dir.join("call.txt"), call).unwrap();
    for format in ["text", "md", "html", "json"] {
        let plain = run(&dir, &["report", "call.txt", "--format", format], "");
        assert!(stdout(&plain).contains("555-123-4567"), "{format}: {}", stderr(&plain));
        let masked = run(&dir, &["report", "call.txt", "--format", format, "--redact"], "");
        let out = stdout(&masked).replace("\\[", "[").replace("\\]", "]");
        for secret in ["555-123-4567", "maria.alvarez@example.com", "AC-88412"] {
            assert!(!out.contains(secret), "{format} shows {secret}");
        }
        assert!(out.contains("[phone]") && out.contains("[email]"), "{format}: {out}");
    }
}

#[test]
fn report_redacts_a_saved_session_too() {
    let dir = temp_dir("session-redact");
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/sessions/maria.json");
    let mut session: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    session["turns"][1]["text"] = "You can reach me on 555-123-4567.".into();
    std::fs::write(dir.join("s.json"), session.to_string()).unwrap();
    let plain = run(&dir, &["report", "s.json"], "");
    assert!(stdout(&plain).contains("555-123-4567"), "{}", stderr(&plain));
    let masked = run(&dir, &["report", "s.json", "--redact", "--format", "html"], "");
    assert!(masked.status.success(), "{}", stderr(&masked));
    assert!(!stdout(&masked).contains("555-123-4567") && stdout(&masked).contains("[phone]"));
}
