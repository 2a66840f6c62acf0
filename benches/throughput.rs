//! Batch scoring throughput against the practical ceiling (issue 6).
//!
//! `cargo bench --bench throughput` generates a corpus of at least 100 MB
//! (`collectsim corpus`), scores it with `collectsim score --input jsonl --format
//! jsonl` on one job and on all cores, and scans the same bytes once with ripgrep
//! using the same lexicon (every signal and event pattern, case-insensitive, ASCII
//! word boundaries, every match counted): the fastest any tool could look for those
//! words. It prints MB/s, transcripts/s and peak memory, and the ratios. Each of
//! the three runs `COLLECTSIM_BENCH_RUNS` times (default 3), interleaved, and the
//! best time counts: the machines we share vary from minute to minute.
//!
//! Needs `rg` (Debian package `ripgrep`) for the ceiling and GNU `/usr/bin/time`
//! (package `time`) for peak memory; without them those columns say so.
//! Environment: `COLLECTSIM_BENCH_MB` (corpus size, default 100);
//! `COLLECTSIM_BENCH_STREAM_MB` (also pipe a stream of that many MB straight from
//! the generator into `score`, never touching disk: the flat-memory check).

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Instant;

use collectsim::signals::Lexicon;

const BIN: &str = env!("CARGO_BIN_EXE_collectsim");
/// Bytes per generated call, measured; used only to pick the count.
const BYTES_PER_CALL: u64 = 2000;

struct Run {
    seconds: f64,
    peak_mb: Option<f64>,
}

fn main() {
    let megabytes: u64 = env_number("COLLECTSIM_BENCH_MB").unwrap_or(100);
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("throughput");
    std::fs::create_dir_all(&dir).expect("bench directory");
    let (corpus, calls) = generate(&dir, megabytes);
    let bytes = std::fs::metadata(&corpus).expect("corpus written").len();
    let mb = bytes as f64 / 1e6;
    println!("corpus: {calls} calls, {mb:.1} MB ({})", corpus.display());
    println!("{:<34} {:>9} {:>9} {:>12} {:>9} {:>9}", "", "seconds", "MB/s", "calls/s", "peak MB", "vs rg");
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    // Interleaved, so that a slow spell on a shared machine hits all three alike;
    // the best time of each counts.
    let (mut ceiling, mut one, mut all) = (None, None, None);
    for _ in 0..env_number("COLLECTSIM_BENCH_RUNS").unwrap_or(3).max(1) {
        ceiling = best(ceiling, ripgrep(&dir, &corpus));
        one = best(one, Some(score(&corpus, 1)));
        all = best(all, Some(score(&corpus, cores)));
    }
    let (one, all) = (one.expect("scored"), all.expect("scored"));
    let line = |name: &str, run: &Run| {
        let ratio = ceiling.as_ref().map_or("n/a".to_string(), |c| format!("{:.2}", c.seconds / run.seconds));
        let peak = run.peak_mb.map_or("n/a".to_string(), |p| format!("{p:.1}"));
        println!(
            "{name:<34} {:>9.2} {:>9.1} {:>12.0} {peak:>9} {ratio:>9}",
            run.seconds,
            mb / run.seconds,
            calls as f64 / run.seconds
        );
    };
    match &ceiling {
        Some(run) => line("ripgrep, same lexicon (ceiling)", run),
        None => println!("ripgrep: not found (install the Debian package `ripgrep` for the ceiling)"),
    }
    line("collectsim score --jobs 1", &one);
    line(&format!("collectsim score --jobs {cores}"), &all);
    println!("scaling: {:.2}x on {cores} cores", one.seconds / all.seconds);
    if let Some(stream_mb) = env_number("COLLECTSIM_BENCH_STREAM_MB") {
        stream(stream_mb);
    }
}

/// The faster of two runs, with the larger peak memory of the two.
fn best(a: Option<Run>, b: Option<Run>) -> Option<Run> {
    match (a, b) {
        (Some(a), Some(b)) => {
            let peak_mb = match (a.peak_mb, b.peak_mb) {
                (Some(x), Some(y)) => Some(x.max(y)),
                (x, y) => x.or(y),
            };
            Some(Run { seconds: a.seconds.min(b.seconds), peak_mb })
        }
        (a, b) => a.or(b),
    }
}

fn env_number(name: &str) -> Option<u64> {
    std::env::var(name).ok().and_then(|v| v.parse().ok())
}

/// A corpus of at least `megabytes` MB, reused when already there.
fn generate(dir: &Path, megabytes: u64) -> (PathBuf, u64) {
    let calls = megabytes * 1_000_000 / BYTES_PER_CALL + 1;
    let path = dir.join(format!("corpus-{megabytes}mb.jsonl"));
    let mut count = calls;
    loop {
        if !path.exists() || std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0) < megabytes * 1_000_000 {
            let file = std::fs::File::create(&path).expect("corpus file");
            let status = Command::new(BIN)
                .args(["corpus", "--count", &count.to_string()])
                .stdout(file)
                .status()
                .expect("corpus");
            assert!(status.success(), "collectsim corpus failed");
        }
        let size = std::fs::metadata(&path).expect("corpus").len();
        if size >= megabytes * 1_000_000 {
            let lines = std::fs::read(&path).expect("corpus").iter().filter(|&&b| b == b'\n').count();
            return (path, lines as u64);
        }
        count += count / 10 + 1;
    }
}

/// Runs a command, timing it, with GNU time's peak resident set when available.
fn timed(mut command: Command) -> Run {
    let gnu_time = Path::new("/usr/bin/time").exists();
    let report = std::env::temp_dir().join(format!("collectsim-bench-time-{}", std::process::id()));
    if gnu_time {
        let program = command.get_program().to_owned();
        let args: Vec<_> = command.get_args().map(|a| a.to_owned()).collect();
        let mut wrapped = Command::new("/usr/bin/time");
        wrapped.arg("-f").arg("%M").arg("-o").arg(&report).arg(program).args(args);
        command = wrapped;
    }
    let started = Instant::now();
    let status = command.stdout(Stdio::null()).stderr(Stdio::null()).status().expect("command runs");
    let seconds = started.elapsed().as_secs_f64();
    assert!(status.code().is_some_and(|c| c <= 1), "command failed: {status}");
    let peak_mb = gnu_time
        .then(|| std::fs::read_to_string(&report).ok())
        .flatten()
        .and_then(|t| t.trim().lines().last()?.parse::<f64>().ok())
        .map(|kb| kb / 1024.0);
    Run { seconds, peak_mb }
}

fn score(corpus: &Path, jobs: usize) -> Run {
    let mut command = Command::new(BIN);
    command.args(["score", "--input", "jsonl", "--format", "jsonl", "--jobs", &jobs.to_string()]).arg(corpus);
    timed(command)
}

/// ripgrep over the same bytes with every lexicon pattern as the detector compiles it.
fn ripgrep(dir: &Path, corpus: &Path) -> Option<Run> {
    Command::new("rg").arg("--version").stdout(Stdio::null()).status().ok()?;
    let lexicon = Lexicon::builtin();
    let patterns: Vec<String> = lexicon
        .signals
        .iter()
        .chain(&lexicon.events)
        .flat_map(|e| e.patterns.iter())
        .map(|p| p.replace(r"\b", r"(?-u:\b)"))
        .collect();
    let file = dir.join("lexicon-patterns.txt");
    std::fs::write(&file, patterns.join("\n") + "\n").expect("patterns file");
    let mut command = Command::new("rg");
    // the lexicon compiles past ripgrep's default 100 MB regex limit (it did at stop 30)
    command
        .args(["--ignore-case", "--count-matches", "--no-config", "--regex-size-limit", "1G", "-f"])
        .arg(&file)
        .arg(corpus);
    Some(timed(command))
}

/// Generator piped straight into `score` on all cores: memory must stay flat.
fn stream(megabytes: u64) {
    let calls = megabytes * 1_000_000 / BYTES_PER_CALL;
    let mut generator = Command::new(BIN)
        .args(["corpus", "--count", &calls.to_string()])
        .stdout(Stdio::piped())
        .spawn()
        .expect("generator");
    let mut scorer = Command::new("/usr/bin/time");
    scorer.args(["-f", "%M", "-o"]).arg(std::env::temp_dir().join("collectsim-bench-stream"));
    scorer.args([BIN, "score", "--input", "jsonl", "--format", "jsonl"]);
    let started = Instant::now();
    let status = scorer
        .stdin(generator.stdout.take().expect("pipe"))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .expect("score runs");
    let _ = generator.wait();
    let peak = std::fs::read_to_string(std::env::temp_dir().join("collectsim-bench-stream")).unwrap_or_default();
    let peak_mb = peak.trim().lines().last().and_then(|l| l.parse::<f64>().ok()).map_or(0.0, |kb| kb / 1024.0);
    println!(
        "stream: {calls} calls (~{megabytes} MB) piped from the generator: {:.1} s, peak {peak_mb:.1} MB ({status})",
        started.elapsed().as_secs_f64()
    );
}
