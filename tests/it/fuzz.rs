//! A mutation fuzzer over everything collectsim reads, run in-process on the stable
//! toolchain: the scenario, rubric and lexicon parsers, the transcript and session
//! reader, JSON Lines records, and the scanner and scorer behind them. Inputs start
//! from the shipped files and grow by byte flips, splices, repeats and tokens that
//! once broke something (accents, escapes, aliases, `.nan`, deep nesting, BOMs).
//!
//! `cargo test` runs a short, seeded round (the same inputs every time) plus every
//! input in `tests/data/fuzz/`, the corpus of past crashes. A long run:
//!
//! ```text
//! FUZZ_EXECS=1000000 FUZZ_SEED=7 cargo test --release --test it fuzz:: -- --nocapture
//! ```
//!
//! A panic fails the test and writes the input to `target/fuzz-crashes/`; once fixed,
//! copy it into `tests/data/fuzz/` so it stays fixed.

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};
use std::sync::LazyLock;

use collectsim::batch::{Job, Scorer, record};
use collectsim::signals::Lexicon;
use collectsim::source::SourceFile;
use rand_chacha::ChaCha8Rng;
use rand_chacha::rand_core::{Rng, SeedableRng};

static LEXICON: LazyLock<Lexicon> = LazyLock::new(Lexicon::builtin);
static SCORER: LazyLock<Scorer> = LazyLock::new(|| Scorer::builtin().unwrap());

/// Executions per target in a plain `cargo test`: enough to cover every mutator on
/// every seed, a few seconds in a debug build.
const DEFAULT_EXECS: usize = 300;

/// Tokens that once broke something, or that every parser must treat with care.
const TOKENS: &[&str] = &[
    "é",
    "José",
    "中文",
    "😀",
    "a\u{301}\u{301}",
    "\u{1b}[2J",
    "\u{1b}]8;;x\u{7}",
    "\u{9b}",
    "\u{feff}",
    "\0",
    "\r\n",
    "\r",
    "\t",
    "---\n",
    "Agent: ",
    "Debtor: ",
    "Note: ",
    "[Phone rings]",
    "{",
    "}",
    "[",
    "]",
    "- ",
    "&a ",
    "*a",
    ".nan",
    ".inf",
    "1e400",
    "-0",
    "99999999999999999999",
    "$1,240.50",
    "£",
    "{{",
    "}}",
    "{{> x}}",
    "{{money facts.balance}}",
    ": ",
    "\"",
    "'",
    "#",
    "|",
    ">",
    "\\",
    "goto: ",
    "id: ",
    "speakers: {X: agent}\n",
];

fn shipped(dir: &str, extension: &str) -> Vec<Vec<u8>> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join(dir);
    let mut paths: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == extension))
        .collect();
    paths.sort();
    paths.into_iter().map(|p| std::fs::read(p).unwrap()).collect()
}

fn transcripts() -> Vec<Vec<u8>> {
    let session = include_bytes!("../data/sessions/maria.json").to_vec();
    let texts = [
        "---\njurisdiction: US\nbalance: 1240.50\ncreditor: Summit Bank\nnote: promised $40\n---\n\
         Agent: Hi, this is Sam Ortiz from Ridgeline Recovery. Am I speaking with Maria Alvarez?\n\
         Debtor: Yes, speaking. I lost my job in August.\n\
         Agent: I'm a debt collector. I'm so sorry about your job. What could you manage each month?\n\
         Debtor: Maybe $40 on the 1st.\nAgent: So $40 on the 1st by card. I'll send that in writing.\n",
        "---\njurisdiction: UK\nspeakers: {Sam: collector, Dana: debtor}\n---\n[Phone rings at 10:45 PM]\n\
         Sam: Is this Dana? If you don't pay today you'll be arrested.\nDana: She's not home, I'm her roommate.\n\
         Sam: Tell her she owes £900 and we'll take her to court.\n",
        "Agent: hello is this maria um uh i'm calling about the the account ill send you a letter\n\
         Debtor: yeah i cant pay its been hard since my mum died\nAgent: so what just pay something today\n",
    ];
    let mut seeds: Vec<Vec<u8>> = texts.iter().map(|t| t.as_bytes().to_vec()).collect();
    seeds.push(session);
    seeds
}

/// A number in `low..high` (`low` when the range is empty).
fn range(rng: &mut ChaCha8Rng, low: usize, high: usize) -> usize {
    if high <= low { low } else { low + (rng.next_u64() % (high - low) as u64) as usize }
}

/// One mutated input from the seeds.
fn mutate(rng: &mut ChaCha8Rng, seeds: &[Vec<u8>]) -> Vec<u8> {
    let mut input = seeds[range(rng, 0, seeds.len())].clone();
    for _ in 0..range(rng, 1, 6 + 1) {
        let at = range(rng, 0, input.len() + 1);
        match range(rng, 0, 8) {
            0 if !input.is_empty() => {
                let i = range(rng, 0, input.len());
                input[i] ^= 1u8 << range(rng, 0, 8);
            }
            1 => {
                let token = TOKENS[range(rng, 0, TOKENS.len())];
                input.splice(at..at, token.bytes());
            }
            2 => {
                let end = range(rng, at, input.len().min(at + 200) + 1);
                input.drain(at..end);
            }
            3 => {
                let end = range(rng, at, input.len().min(at + 200) + 1);
                let piece = input[at..end].repeat(range(rng, 2, 50));
                input.splice(at..at, piece);
            }
            4 => {
                let other = &seeds[range(rng, 0, seeds.len())];
                let from = range(rng, 0, other.len() + 1);
                input.splice(at..at, other[from..].iter().take(400).copied());
            }
            5 => input.truncate(at),
            6 => {
                let token = TOKENS[range(rng, 0, TOKENS.len())];
                input.splice(at..at, token.repeat(range(rng, 50, 3000)).into_bytes());
            }
            _ => {
                let nesting = ["- ", "[", "{a: "][range(rng, 0, 3)];
                input.splice(at..at, nesting.repeat(range(rng, 10, 200)).into_bytes());
            }
        }
    }
    input
}

fn scenario(input: &[u8]) {
    let file = SourceFile::new("fuzz.yaml", String::from_utf8_lossy(input));
    let _ = collectsim::scenario::load(&file, &LEXICON);
}

fn rubric(input: &[u8]) {
    let file = SourceFile::new("fuzz.yaml", String::from_utf8_lossy(input));
    let _ = collectsim::rubric::load(&file, &LEXICON);
}

fn lexicon(input: &[u8]) {
    let _ = Lexicon::load(&SourceFile::new("fuzz.yaml", String::from_utf8_lossy(input)));
}

fn transcript(input: &[u8]) {
    if let Ok(card) = SCORER.score_text("fuzz.txt", &String::from_utf8_lossy(input)) {
        serde_json::to_string(&card).unwrap();
    }
}

fn json_lines(input: &[u8]) {
    let text = String::from_utf8_lossy(input);
    let record = serde_json::json!({"id": "fuzz", "text": text, "facts": {"balance": 900, "jurisdiction": "US"}});
    let bytes = serde_json::to_vec(&record).unwrap();
    for bytes in [bytes, input.to_vec()] {
        let (_, loaded) = record::load(Job::Record { input: "fuzz.jsonl".into(), line: 1, bytes }, &Default::default());
        if let Ok(transcript) = loaded {
            let _ = SCORER.score(transcript);
        }
    }
}

/// Runs `target` on the corpus and on `FUZZ_EXECS` mutated inputs; panics with the
/// number of failures, after saving each failing input.
fn fuzz(name: &str, seeds: Vec<Vec<u8>>, target: fn(&[u8])) {
    let execs = std::env::var("FUZZ_EXECS").ok().and_then(|v| v.parse().ok()).unwrap_or(DEFAULT_EXECS);
    let seed = std::env::var("FUZZ_SEED").ok().and_then(|v| v.parse().ok()).unwrap_or(1);
    let mut rng = ChaCha8Rng::seed_from_u64(seed ^ name.len() as u64);
    let corpus = shipped("tests/data/fuzz", "txt");
    let inputs = corpus.into_iter().chain(seeds.clone()).chain((0..execs).map(|_| mutate(&mut rng, &seeds)));
    let mut crashes = Vec::new();
    let mut runs = 0;
    for input in inputs {
        runs += 1;
        if catch_unwind(AssertUnwindSafe(|| target(&input))).is_err() {
            let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/fuzz-crashes");
            std::fs::create_dir_all(&dir).unwrap();
            let path = dir.join(format!("{name}-{}.txt", crashes.len()));
            std::fs::write(&path, &input).unwrap();
            crashes.push(path);
        }
    }
    println!("fuzz {name}: {runs} executions, {} panics", crashes.len());
    assert!(crashes.is_empty(), "{name}: {} inputs panicked, saved as {crashes:?}", crashes.len());
}

#[test]
fn scenarios() {
    fuzz("scenario", shipped("scenarios", "yaml"), scenario);
}

#[test]
fn rubrics() {
    let mut seeds = shipped("rubrics", "yaml");
    seeds.retain(|s| !s.starts_with(b"# The lexicon") && s.len() < 200_000);
    fuzz("rubric", seeds, rubric);
}

#[test]
fn lexicons() {
    // Compiling a whole lexicon is slow, so mutate a small one.
    let seeds = vec![
        b"format: 1\nclasses:\n  now: ['today', 'now']\nsignals:\n  - id: demand\n    patterns: ['pay (?:<now>)']\n"
            .to_vec(),
    ];
    fuzz("lexicon", seeds, lexicon);
}

#[test]
fn transcripts_and_sessions() {
    fuzz("transcript", transcripts(), transcript);
}

/// Captions and speech-to-text JSON: every format `score` tells apart by content.
#[test]
fn captions_and_vendor_json() {
    let mut seeds: Vec<Vec<u8>> =
        ["vtt", "srt", "json"].iter().flat_map(|e| shipped("tests/data/formats", e)).collect();
    seeds.extend(shipped("tests/data/formats", "txt"));
    fuzz("formats", seeds, transcript);
}

#[test]
fn json_lines_records() {
    fuzz("jsonl", transcripts(), json_lines);
}
