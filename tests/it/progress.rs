//! `collectsim progress` over a data directory with several trainees, one corrupt
//! file and one foreign file: both reported and skipped, never fatal.

use std::path::Path;

use crate::common::*;
use serde_json::Value;

fn fixture() -> Value {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/sessions/maria.json");
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

/// A copy of the fixture session as another trainee's call.
fn session(dir: &Path, file: &str, trainee: &str, kind: &str, mode: &str, passed: bool, day: u32) {
    let mut s = fixture();
    s["trainee"] = trainee.into();
    s["persona"]["kind"] = kind.into();
    s["scenario"]["id"] = format!("{kind}-scenario").into();
    s["mode"] = mode.into();
    s["started_at"] = format!("2026-11-{day:02}T10:00:00Z").into();
    s["scorecard"]["passed"] = passed.into();
    std::fs::write(dir.join("sessions").join(file), serde_json::to_string(&s).unwrap()).unwrap();
}

fn data_dir() -> std::path::PathBuf {
    let dir = temp_dir("progress");
    std::fs::create_dir_all(dir.join("sessions")).unwrap();
    for (i, kind) in ["hardship", "evasive", "disputing", "hostile"].iter().enumerate() {
        session(&dir, &format!("ana-{i}.json"), "ana", kind, "assessment", true, 10 + i as u32);
    }
    session(&dir, "ben-1.json", "ben", "hardship", "practice", true, 11);
    session(&dir, "ben-2.json", "ben", "hostile", "assessment", false, 12);
    std::fs::write(dir.join("sessions/corrupt.json"), "{ this is not json").unwrap();
    std::fs::write(dir.join("sessions/foreign.json"), "{\"name\": \"some other tool\"}").unwrap();
    dir
}

#[test]
fn the_supervisor_table_covers_every_trainee() {
    let dir = data_dir();
    let output = run(&dir, &["progress", "--data-dir", ".", "--format", "json"], "");
    assert!(output.status.success(), "{}", stderr(&output));
    let err = stderr(&output);
    assert!(err.contains("corrupt.json is not a collectsim session (not JSON)"), "{err}");
    assert!(err.contains("foreign.json is not a collectsim session (no `format`)"), "{err}");
    let table: Value = serde_json::from_str(&stdout(&output)).unwrap();
    let rows = table["trainees"].as_array().unwrap();
    assert_eq!(rows.len(), 2);
    let ana = &rows[0];
    assert_eq!(
        (ana["trainee"].as_str(), ana["sessions"].as_u64(), ana["passed"].as_u64()),
        (Some("ana"), Some(4), Some(4))
    );
    assert_eq!(ana["last_session"], "2026-11-13T10:00:00Z");
    assert_eq!(ana["averages"]["overall"], 75.7);
    assert_eq!(ana["readiness"]["ready"], true);
    let ben = &rows[1];
    assert_eq!(ben["readiness"]["ready"], false);
    assert_eq!(ben["readiness"]["missing"], serde_json::json!(["hardship", "evasive", "disputing", "hostile"]));
    let text = stdout(&run(&dir, &["progress", "--data-dir", "."], ""));
    assert!(text.contains("ana") && text.contains("ready") && text.contains("needs hardship"), "{text}");
}

#[test]
fn one_trainee_in_detail() {
    let dir = data_dir();
    let text = stdout(&run(&dir, &["progress", "--data-dir", ".", "--trainee", "ben"], ""));
    assert!(text.starts_with("ben — 2 calls, 1 passed — not ready"), "{text}");
    assert!(text.contains("Rules broken most often") && text.contains("core.acknowledges-hardship"), "{text}");
    assert!(
        text.contains("Scenarios passed: hardship-scenario") && text.contains("Scenarios not passed: hostile-scenario"),
        "{text}"
    );
    let html = stdout(&run(&dir, &["progress", "--data-dir", ".", "--trainee", "ben", "--format", "html"], ""));
    assert!(html.contains("role=\"img\"") && html.contains("<polyline"), "a trend chart");
    let missing = run(&dir, &["progress", "--data-dir", ".", "--trainee", "zoe"], "");
    assert_eq!(missing.status.code(), Some(2));
    assert!(stderr(&missing).contains("trainees: ana, ben"));
}

/// A scenario failed once and passed later is passed, named by the call that passed
/// it, and not also "not passed"; an abandoned call never counts as a pass.
#[test]
fn a_scenario_is_passed_once_any_finished_call_of_it_passed() {
    let dir = temp_dir("progress-passed");
    std::fs::create_dir_all(dir.join("sessions")).unwrap();
    session(&dir, "dana-1.json", "dana", "hardship", "practice", false, 3);
    session(&dir, "dana-2.json", "dana", "hardship", "assessment", true, 5);
    session(&dir, "dana-3.json", "dana", "hostile", "assessment", true, 6);
    let mut abandoned: Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("sessions/dana-3.json")).unwrap()).unwrap();
    abandoned["outcome"] = "abandoned".into();
    std::fs::write(dir.join("sessions/dana-3.json"), abandoned.to_string()).unwrap();
    let output = run(&dir, &["progress", "--data-dir", ".", "--trainee", "dana", "--format", "json"], "");
    assert!(output.status.success(), "{}", stderr(&output));
    let detail: Value = serde_json::from_str(&stdout(&output)).unwrap();
    let detail = if detail.get("detail").is_some() { &detail["detail"] } else { &detail };
    assert_eq!(detail["scenarios_passed"], serde_json::json!(["hardship-scenario (2026-11-05, assessment mode)"]));
    assert_eq!(detail["scenarios_failed"], serde_json::json!(["hostile-scenario"]));
    let text = stdout(&run(&dir, &["progress", "--data-dir", ".", "--trainee", "dana"], ""));
    assert!(text.contains("Scenarios passed: hardship-scenario (2026-11-05, assessment mode)"), "{text}");
    assert!(text.contains("Scenarios not passed: hostile-scenario\n"), "{text}");
}

/// The team page links each row to that trainee's section, and the trends are one
/// small chart per dimension with numbered calls and the pass mark.
#[test]
fn the_team_page_links_trainees_and_charts_each_dimension() {
    let dir = data_dir();
    let output = run(&dir, &["progress", "--data-dir", ".", "--format", "html"], "");
    assert!(output.status.success(), "{}", stderr(&output));
    let html = stdout(&output);
    for trainee in ["ana", "ben"] {
        assert!(html.contains(&format!("<a href=\"#trainee-{trainee}\">{trainee}</a>")), "{trainee} row not linked");
        assert!(html.contains(&format!("<section id=\"trainee-{trainee}\">")), "{trainee} has no section");
    }
    // The team table has a column for every dimension and the overall score, filled.
    for title in ["Empathy", "Clarity", "Negotiation", "Compliance", "Documentation", "Overall"] {
        assert!(html.contains(&format!("<th class=\"num\">{title}</th>")), "no {title} column");
    }
    let row = &html[html.find("<a href=\"#trainee-ana\">").unwrap()..];
    let row = &row[..row.find("</tr>").unwrap()];
    assert_eq!(row.matches("<td class=\"num\">").count(), 2 + 6, "calls, passed and six scores: {row}");
    assert!(row.contains("<td class=\"num\">75.7</td>"), "ana's overall average: {row}");
    let ana =
        &html[html.find("<section id=\"trainee-ana\">").unwrap()..html.find("<section id=\"trainee-ben\">").unwrap()];
    assert_eq!(ana.matches("<svg").count(), 6, "one chart per dimension");
    assert_eq!(ana.matches(">pass mark</text>").count(), 6);
    assert!(ana.contains("text-anchor=\"middle\" fill=\"#4a5568\">4</text>"), "calls numbered on the x-axis");
    assert!(ana.contains("aria-label=\"overall over the calls: call 1: 76, call 2: 76"), "{ana}");
}
