//! `collectsim report` and `replay` on a fixed session: snapshot tests for every
//! format (set UPDATE_SNAPSHOTS=1 to accept a deliberate change), escaping of what
//! people said, self-contained HTML, and replay verification.

use crate::common;

use std::path::{Path, PathBuf};

use crate::common::*;

fn fixture() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/sessions/maria.json")
}

fn report(format: &str) -> String {
    let dir = temp_dir(&format!("report-{format}"));
    let output = run(&dir, &["report", fixture().to_str().unwrap(), "--format", format], "");
    assert!(output.status.success(), "{}", stderr(&output));
    stdout(&output)
}

fn snapshot(name: &str, actual: &str) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/snapshots").join(name);
    if std::env::var_os("UPDATE_SNAPSHOTS").is_some() {
        std::fs::write(&path, actual).unwrap();
        return;
    }
    let expected = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(expected == actual, "{name} changed; rerun with UPDATE_SNAPSHOTS=1 if intended.\n--- got ---\n{actual}");
}

#[test]
fn every_format_matches_its_snapshot() {
    for (format, file) in [
        ("text", "report.txt"),
        ("md", "report.md"),
        ("html", "report.html"),
        ("json", "report.json"),
        ("xapi", "report.xapi.json"),
    ] {
        snapshot(file, &report(format));
    }
}

#[test]
fn what_people_said_is_escaped() {
    let html = report("html");
    assert!(
        html.contains("&lt;script&gt;alert(1)&lt;&#x2F;script&gt;")
            || html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
        "escaped"
    );
    assert!(!html.contains("<script"), "no script element in the report");
    assert!(report("md").contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
}

#[test]
fn html_is_self_contained_and_accessible() {
    let html = report("html");
    assert!(
        !html.contains("http://") && !html.contains("https://") && !html.contains("<link") && !html.contains(" src=")
    );
    assert!(html.contains("<style>") && html.contains("@media print"));
    assert_eq!(html.matches("role=\"img\"").count(), 3, "three charts with text alternatives");
    assert!(html.contains("<desc id=\"scores-desc\">empathy 46.3. clarity 70.4."));
    assert!(html.contains("<desc id=\"grades-desc\">empathy: turn 2: 45.0,"), "the turn grades chart is described");
    assert!(html.contains("<mark class=\"f\""), "findings are highlighted in the call");
}

#[test]
fn text_fits_an_80_column_terminal() {
    let text = report("text");
    let wide: Vec<&str> = text.lines().filter(|l| l.chars().count() > 80).collect();
    assert!(wide.is_empty(), "{wide:#?}");
    assert!(!text.contains('\x1b'), "no colour when not a terminal");
    for part in
        ["Three things to work on", "Done well", "The call", "What the debtor was thinking", "Next: collectsim play"]
    {
        assert!(text.contains(part), "missing {part}");
    }
}

/// Under each of the trainee's lines, every grade it earned and the points and
/// words behind it; a failed call says why next to the verdict.
#[test]
fn every_grade_shows_the_points_and_words_behind_it() {
    let text = report("text");
    let demand = &text[text.find("You [8]:").unwrap()..text.find("Maria [9]:").unwrap()];
    assert!(demand.contains("negotiation 26.9  −2.5 asks for it all at once: \"the full balance is"), "{demand}");
    assert!(demand.contains("−2.0 turns to payment in the same breath"), "{demand}");
    let md = report("md");
    assert!(md.contains("- empathy **64.6**: +1.5 asks about the person (“What's been going on”)"), "{md}");

    let dir = temp_dir("report-failed");
    let lines = "Hi, this is Sam Ortiz from Ridgeline Recovery. Am I speaking with Maria Alvarez?\n\
                 If you don't pay today you'll be arrested.\n";
    let played = run(&dir, &["play", "hardship-job-loss", "--seed", "7", "--data-dir", "data"], lines);
    assert!(played.status.success(), "{}", stderr(&played));
    let session = std::fs::read_dir(dir.join("data/sessions")).unwrap().next().unwrap().unwrap().path();
    let text = stdout(&run(&dir, &["report", session.to_str().unwrap()], ""));
    assert!(text.contains("Result:  FAILED") && text.contains("threatened arrest (turn 4)"), "{text}");
    let html = stdout(&run(&dir, &["report", session.to_str().unwrap(), "--format", "html"], ""));
    assert!(html.contains("<p class=\"reason\">threatened arrest (turn 4)</p>"), "the reason stands under the verdict");
}

#[test]
fn output_file_and_template_override() {
    let dir = temp_dir("report-out");
    std::fs::write(dir.join("mine.hbs"), "{{trainee}} scored {{overall}} on {{scenario_id}}\n").unwrap();
    let output = run(&dir, &["report", fixture().to_str().unwrap(), "--template", "mine.hbs", "-o", "out.txt"], "");
    assert!(output.status.success(), "{}", stderr(&output));
    assert_eq!(std::fs::read_to_string(dir.join("out.txt")).unwrap(), "Dana Lee scored 75.7 on hardship-job-loss\n");
}

#[test]
fn replay_verifies_the_call_and_catches_a_change() {
    let dir = temp_dir("replay");
    let output = run(&dir, &["replay", fixture().to_str().unwrap(), "--verify"], "");
    assert_eq!(output.status.code(), Some(0), "{}", stdout(&output));
    assert!(stdout(&output).contains("verified: every debtor line replays identically from seed 7"));
    assert!(stdout(&output).contains("[8] You:"), "the call is shown turn by turn");
    let tampered =
        std::fs::read_to_string(fixture()).unwrap().replace("Speaking. What's this regarding?", "Who is it?");
    std::fs::write(dir.join("tampered.json"), tampered).unwrap();
    let output = run(&dir, &["replay", "tampered.json", "--verify"], "");
    assert_eq!(output.status.code(), Some(1));
    assert!(stdout(&output).contains("verify failed: debtor line 2 (turn 3) differs"), "{}", stdout(&output));
}

#[test]
fn play_writes_the_html_report_on_request() {
    let dir = temp_dir("play-report");
    let lines = "Am I speaking with Maria Alvarez?\nIf you don't pay, you'll be arrested.\n\n\n";
    let output = run(&dir, &["play", "hardship-job-loss", "--data-dir", "data", "--report", "html"], lines);
    let out = stdout(&output);
    assert!(out.contains(" to work on") && out.contains("Report written:"), "{out}");
    let html = std::fs::read_dir(dir.join("data/sessions"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.extension().is_some_and(|e| e == "html"));
    assert!(std::fs::read_to_string(html.expect("html written")).unwrap().contains("false threat"));
}

/// An assisted call says what helped, counted in words with the right plurals.
#[test]
fn assisted_calls_count_their_help_in_words() {
    let dir = common::temp_dir("assisted");
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/sessions/maria.json");
    let mut session: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    session["hints"] = serde_json::json!([{"before_turn": 1, "node": "opening", "text": "Say who you are."}]);
    let undo = serde_json::json!({"text": "Pay now.", "at": "2026-11-22T10:01:46Z"});
    session["undos"] = serde_json::json!([undo.clone(), undo]);
    std::fs::write(dir.join("s.json"), session.to_string()).unwrap();
    for (format, expected) in [
        ("text", "(assisted: 1 hint, 2 undos)"),
        ("html", "(assisted: 1 hint, 2 undos)"),
        ("md", "(assisted: 1 hint, 2 undos)"),
    ] {
        let output = common::run(&dir, &["report", "s.json", "--format", format], "");
        assert!(common::stdout(&output).contains(expected), "{format}: {}", common::stdout(&output));
    }
}

/// What the account note missed is shown with the note, not under the last turn.
#[test]
fn note_findings_sit_with_the_account_note() {
    let dir = common::temp_dir("note-findings");
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/sessions/maria.json");
    let mut session: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    session["notes"] = serde_json::json!([{"after_turn": 14, "text": "Called.", "at": "2026-11-22T10:01:46Z"}]);
    session.as_object_mut().unwrap().remove("scorecard");
    std::fs::write(dir.join("s.json"), session.to_string()).unwrap();
    let text = common::stdout(&common::run(&dir, &["report", "s.json"], ""));
    let note = text.find("Account note").unwrap_or_else(|| panic!("no account-note section:\n{text}"));
    let call = text.find("The call").unwrap();
    let missed = "The note should record the hardship";
    assert!(text[note..].contains("Called.") && text[note..].contains(missed), "{text}");
    assert!(!text[call..note].contains(missed), "a note finding is shown under a turn:\n{text}");
    let html = common::stdout(&common::run(&dir, &["report", "s.json", "--format", "html"], ""));
    let section = &html[html.find("<h2>Account note</h2>").unwrap()..];
    assert!(section.contains(missed), "{section}");
}

/// `report --format json` is data (ids, numbers, text), not the charts' layout.
#[test]
fn report_json_is_data_not_layout() {
    let report: serde_json::Value = serde_json::from_str(&report("json")).unwrap();
    for (list, layout) in [("scores", ["width", "label_y", "text_bar"]), ("meters", ["points", "colour", "label_y"])] {
        let first = &report[list][0];
        assert!(first.is_object(), "{list}: {report}");
        for key in layout {
            assert!(first.get(key).is_none(), "{list} carries layout `{key}`: {first}");
        }
    }
    assert!(report["scores"][0]["score"].is_number() && report["meters"][0]["last"].is_number());
}

/// The charts' x-axes have numbered ticks: a turn per tick on the meter chart,
/// the graded turns on the grades chart.
#[test]
fn the_charts_number_their_turns() {
    let html = report("html");
    let ticks = |chart: &str| {
        let start = html.find(chart).unwrap();
        let end = start + html[start..].find("</svg>").unwrap();
        html[start..end].matches("text-anchor=\"middle\"").count()
    };
    assert!(ticks("meters-title") >= 10, "the meter chart numbers its turns");
    assert!(ticks("grades-title") >= 5, "the grades chart numbers the graded turns");
}
