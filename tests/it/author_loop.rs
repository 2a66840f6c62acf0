//! The author loop: `play --from NODE` starts at a node; `:reload` re-reads the
//! scenario file mid-call and replays the lines so far into it.

use std::io::{BufRead, BufReader, Write};
use std::process::Stdio;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use crate::common::*;

#[test]
fn play_from_a_node_and_replay_it() {
    let dir = temp_dir("from-node");
    assert!(run(&dir, &["new", "ray", "--persona", "hostile"], "").status.success());
    let output = run(
        &dir,
        &["play", "scenarios/ray.yaml", "--from", "twist", "--data-dir", "data"],
        "I can hear how frustrating this has been.\n\n\n",
    );
    let out = stdout(&output);
    assert!(out.contains("Pat: You people are vultures."), "starts at the twist: {out}");
    let session = only_session(&dir.join("data"));
    assert_eq!(session["start_node"], "twist");
    assert_eq!(session["outcome"], "handled_well");
    let path = session_path(&dir.join("data"));
    let verified = run(&dir, &["replay", path.to_str().unwrap(), "--verify"], "");
    assert_eq!(verified.status.code(), Some(0), "{}", stdout(&verified));
    let bad = run(&dir, &["play", "scenarios/ray.yaml", "--from", "twst", "--data-dir", "data"], "");
    assert_eq!(bad.status.code(), Some(2));
    assert!(stderr(&bad).contains("no node `twst` in ray; did you mean `twist`?"), "{}", stderr(&bad));
}

#[test]
fn reload_picks_up_an_edit_mid_call() {
    let dir = temp_dir("reload");
    assert!(run(&dir, &["new", "pat", "--persona", "disputing"], "").status.success());
    let mut child = bin()
        .args(["play", "scenarios/pat.yaml", "--data-dir", "data", "--seed", "1"])
        .current_dir(&dir)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let seen = Arc::new(Mutex::new(String::new()));
    let reader = {
        let seen = Arc::clone(&seen);
        let stdout = child.stdout.take().unwrap();
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                seen.lock().unwrap().push_str(&(line + "\n"));
            }
        })
    };
    let mut stdin = child.stdin.take().unwrap();
    writeln!(stdin, "May I speak with Pat Doe?").unwrap();
    let started = Instant::now();
    while !seen.lock().unwrap().contains("Speaking. What's this about?") {
        assert!(started.elapsed() < Duration::from_secs(20), "no reply: {}", seen.lock().unwrap());
        std::thread::sleep(Duration::from_millis(50));
    }
    let file = dir.join("scenarios/pat.yaml");
    let edited =
        std::fs::read_to_string(&file).unwrap().replace("Speaking. What's this about?", "This is Pat. Who's asking?");
    std::fs::write(&file, edited).unwrap();
    writeln!(stdin, ":reload").unwrap();
    writeln!(stdin, ":quit").unwrap();
    drop(stdin);
    child.wait().unwrap();
    reader.join().unwrap();
    let out = seen.lock().unwrap().clone();
    assert!(out.contains("Reloaded scenarios/pat.yaml; replayed your 1 lines."), "{out}");
    assert!(out.contains("Pat: This is Pat. Who's asking?"), "{out}");
}

#[test]
fn reload_is_refused_in_assessment() {
    let dir = temp_dir("reload-assessment");
    let output = run(&dir, &["play", "hardship-job-loss", "--mode", "assessment", "--data-dir", "data"], ":reload\n");
    assert!(stdout(&output).contains(":reload is not available in assessment mode."));
}
