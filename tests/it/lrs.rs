//! `collectsim export` to a Learning Record Store. The round trip needs a real LRS
//! (Ralph) on loopback, so it is ignored in plain `cargo test`; `.ci/run` installs
//! and starts Ralph and runs it with `--ignored`.

use std::path::Path;

use crate::common::*;
use serde_json::Value;

fn fixture() -> String {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/sessions/maria.json").display().to_string()
}

#[test]
fn an_unreachable_lrs_is_reported_and_nothing_is_lost() {
    let dir = temp_dir("lrs-down");
    std::fs::copy(fixture(), dir.join("call.json")).unwrap();
    let before = std::fs::read(dir.join("call.json")).unwrap();
    let output = run(&dir, &["export", "--lrs", "http://127.0.0.1:9/xAPI", "call.json"], "");
    assert_eq!(output.status.code(), Some(2));
    let out = stdout(&output);
    assert!(out.contains("could not reach the LRS") && out.contains("Nothing was lost"), "{out}");
    assert_eq!(std::fs::read(dir.join("call.json")).unwrap(), before);
}

#[test]
fn the_password_comes_from_the_environment_only() {
    let dir = temp_dir("lrs-password");
    let output = bin()
        .args(["export", "--lrs", "http://127.0.0.1:9/xAPI", "--user", "me", &fixture()])
        .current_dir(&dir)
        .env_remove("COLLECTSIM_LRS_PASSWORD")
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("set COLLECTSIM_LRS_PASSWORD"), "{}", stderr(&output));
    let help = stdout(&bin().args(["export", "--help"]).output().unwrap());
    assert!(!help.contains("--password"), "no password flag");
}

fn lrs() -> (String, String, String) {
    let var = |name: &str, default: &str| std::env::var(name).unwrap_or_else(|_| default.to_string());
    (
        var("COLLECTSIM_TEST_LRS", "http://127.0.0.1:8100/xAPI"),
        var("COLLECTSIM_TEST_LRS_USER", "collectsim"),
        var("COLLECTSIM_TEST_LRS_PASSWORD", "secret"),
    )
}

fn get(endpoint: &str, user: &str, password: &str, query: &str) -> Value {
    let lrs = collectsim::report::lrs::Lrs::new(endpoint, Some(user), Some(password));
    lrs.query(query).expect("the LRS answers").expect("the LRS has the statements")
}

#[test]
#[ignore = "needs a Ralph LRS on loopback; .ci/run starts one"]
fn statements_reach_a_real_lrs_and_come_back() {
    let (endpoint, user, password) = lrs();
    let dir = temp_dir("lrs-round-trip");
    let export = |label: &str| {
        let output = bin()
            .args(["export", "--lrs", &endpoint, "--user", &user, &fixture()])
            .current_dir(&dir)
            .env("COLLECTSIM_LRS_PASSWORD", &password)
            .output()
            .unwrap();
        assert_eq!(output.status.code(), Some(0), "{label}: {}{}", stdout(&output), stderr(&output));
        assert!(stdout(&output).contains("sent 3 statements for 1 call(s)"), "{label}: {}", stdout(&output));
    };
    export("first export");
    export("re-export (idempotent)");
    let report = run(&dir, &["report", &fixture(), "--format", "xapi"], "");
    let mine: Vec<Value> = serde_json::from_str(&stdout(&report)).unwrap();
    for sent in &mine {
        let id = sent["id"].as_str().unwrap();
        let back = get(&endpoint, &user, &password, &format!("statementId={id}"));
        let stored = back.get("statements").and_then(|s| s.get(0)).unwrap_or(&back);
        assert_eq!(stored["id"], sent["id"], "{back:#}");
        assert_eq!(stored["verb"]["id"], sent["verb"]["id"]);
        assert_eq!(stored["actor"]["account"]["name"], "Dana Lee");
    }
    let registration = mine[0]["context"]["registration"].as_str().unwrap();
    let listed = get(&endpoint, &user, &password, &format!("registration={registration}&limit=50"));
    assert_eq!(listed["statements"].as_array().unwrap().len(), 3, "sent twice, stored once: {listed:#}");
}
