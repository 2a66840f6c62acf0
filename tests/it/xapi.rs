//! `report --format xapi`: statements that satisfy the xAPI 1.0.3 statement rules
//! we rely on, with deterministic ids so re-sending is idempotent.

use std::path::Path;

use crate::common::*;
use serde_json::Value;

fn fixture() -> String {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/sessions/maria.json").display().to_string()
}

fn statements(args: &[&str]) -> Vec<Value> {
    let dir = temp_dir("xapi");
    let mut all = vec!["report", args[0], "--format", "xapi"];
    all.extend(&args[1..]);
    let output = run(&dir, &all, "");
    assert!(output.status.success(), "{}", stderr(&output));
    serde_json::from_str(&stdout(&output)).unwrap()
}

fn is_uuid(text: &str, version: char) -> bool {
    let parts: Vec<&str> = text.split('-').collect();
    parts.iter().map(|p| p.len()).collect::<Vec<_>>() == [8, 4, 4, 4, 12]
        && text.chars().all(|c| c == '-' || c.is_ascii_hexdigit())
        && parts[2].starts_with(version)
        && matches!(parts[3].chars().next(), Some('8' | '9' | 'a' | 'b'))
}

#[test]
fn statements_follow_the_xapi_rules() {
    let fixture = fixture();
    let all = statements(&[
        &fixture,
        "--home-page",
        "https://lms.example.com",
        "--iri-base",
        "https://acme.example.com/xapi/",
    ]);
    let verbs: Vec<&str> = all.iter().map(|s| s["verb"]["display"]["en-US"].as_str().unwrap()).collect();
    assert_eq!(verbs, ["attempted", "completed", "passed"]);
    for s in &all {
        assert!(is_uuid(s["id"].as_str().unwrap(), '5'), "{}", s["id"]);
        let actor = &s["actor"];
        assert_eq!(actor["objectType"], "Agent");
        assert_eq!(actor["account"]["homePage"], "https://lms.example.com");
        assert_eq!(actor["account"]["name"], "Dana Lee");
        let ifis = ["mbox", "mbox_sha1sum", "openid", "account"].iter().filter(|k| actor.get(**k).is_some()).count();
        assert_eq!(ifis, 1, "exactly one inverse functional identifier");
        assert!(s["verb"]["id"].as_str().unwrap().starts_with("http://adlnet.gov/expapi/verbs/"));
        assert_eq!(s["object"]["id"], "https://acme.example.com/xapi/scenarios/hardship-job-loss");
        assert!(is_uuid(s["context"]["registration"].as_str().unwrap(), '5'));
        assert_eq!(s["context"]["extensions"]["https://acme.example.com/xapi/extensions/seed"], 7);
        let timestamp = s["timestamp"].as_str().unwrap();
        assert!(timestamp.len() == 20 && timestamp.ends_with('Z') && timestamp.as_bytes()[10] == b'T', "{timestamp}");
    }
    let passed = &all[2]["result"];
    assert_eq!(passed["success"], true);
    assert_eq!(passed["completion"], true);
    let scaled = passed["score"]["scaled"].as_f64().unwrap();
    assert!((-1.0..=1.0).contains(&scaled) && (scaled - 0.757).abs() < 1e-9);
    assert!(passed["duration"].as_str().unwrap().starts_with("PT"));
    assert!(all[0].get("result").is_none(), "attempted carries no result");
}

#[test]
fn ids_are_deterministic_and_distinct() {
    let fixture = fixture();
    let first: Vec<Value> = statements(&[&fixture]).iter().map(|s| s["id"].clone()).collect();
    let second: Vec<Value> = statements(&[&fixture]).iter().map(|s| s["id"].clone()).collect();
    assert_eq!(first, second);
    assert!(first[0] != first[1] && first[1] != first[2]);
}

#[test]
fn an_abandoned_call_is_only_attempted() {
    let dir = temp_dir("xapi-abandoned");
    run(&dir, &["play", "hardship-job-loss", "--data-dir", "data"], "Am I speaking with Maria Alvarez?\n");
    let session = session_path(&dir.join("data"));
    let all = statements(&[session.to_str().unwrap()]);
    assert_eq!(all.len(), 1);
    assert_eq!(all[0]["verb"]["display"]["en-US"], "attempted");
}
