//! Helpers for tests that drive the real binary as a user would.
#![allow(dead_code)]

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

pub fn bin() -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_collectsim"));
    command.env_remove("COLLECTSIM_HOME").env("NO_COLOR", "1");
    command
}

/// A fresh, empty directory for one test under cargo's per-target temp dir, named
/// after `name` and never shared with another call: tests, and helpers that several
/// tests use, run in parallel threads.
pub fn temp_dir(name: &str) -> PathBuf {
    static CALLS: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let call = CALLS.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("{name}-{call}"));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Starts the binary in `dir` with all three streams piped.
fn spawn(dir: &Path, args: &[&str]) -> std::process::Child {
    bin()
        .args(args)
        .current_dir(dir)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("binary runs")
}

/// Runs the binary in `dir` with `stdin` piped in.
pub fn run(dir: &Path, args: &[&str], stdin: &str) -> Output {
    let mut child = spawn(dir, args);
    child.stdin.take().unwrap().write_all(stdin.as_bytes()).unwrap();
    child.wait_with_output().unwrap()
}

pub fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

pub fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// The one session file written under `data/sessions`.
pub fn only_session(data: &Path) -> serde_json::Value {
    let files: Vec<PathBuf> = std::fs::read_dir(data.join("sessions"))
        .expect("sessions directory exists")
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    assert_eq!(files.len(), 1, "expected one session in {}: {files:?}", data.display());
    serde_json::from_str(&std::fs::read_to_string(&files[0]).unwrap()).unwrap()
}

pub fn session_path(data: &Path) -> PathBuf {
    std::fs::read_dir(data.join("sessions"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.extension().is_some_and(|e| e == "json"))
        .unwrap()
}

/// Runs the binary like [`run`], but kills it and fails the test if it has not
/// finished within `limit`: for inputs that once hung or took minutes. The limit
/// is generous (many times what a debug build needs on a loaded machine), so only
/// a hang or a return of quadratic time can reach it.
pub fn run_within(dir: &Path, args: &[&str], stdin: &[u8], limit: std::time::Duration) -> Output {
    let mut child = spawn(dir, args);
    let mut input = child.stdin.take().unwrap();
    let stdin = stdin.to_vec();
    let feeder = std::thread::spawn(move || {
        let _ = input.write_all(&stdin);
    });
    let drain = |mut pipe: Box<dyn std::io::Read + Send>| {
        std::thread::spawn(move || {
            let mut bytes = Vec::new();
            let _ = pipe.read_to_end(&mut bytes);
            bytes
        })
    };
    let out = drain(Box::new(child.stdout.take().unwrap()));
    let err = drain(Box::new(child.stderr.take().unwrap()));
    let started = std::time::Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if started.elapsed() > limit {
            let _ = child.kill();
            let _ = child.wait();
            panic!("`collectsim {}` still running after {} s: it hangs", args.join(" "), limit.as_secs());
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    };
    let _ = feeder.join();
    Output { status, stdout: out.join().unwrap(), stderr: err.join().unwrap() }
}
