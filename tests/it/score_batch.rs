//! `collectsim score` at QA scale: JSON Lines in and out, parallel jobs that keep
//! input order, bad records reported in place, CSV, redaction and the summary.

use std::path::Path;
use std::process::Stdio;

use crate::common::*;
use serde_json::Value;

const THREAT: &str =
    "Agent: Is this Maria Alvarez?\nDebtor: Yes.\nAgent: If you don't pay today, you could be arrested.\n";

fn lines(text: &str) -> Vec<Value> {
    text.lines().map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}"))).collect()
}

/// A generated corpus of `count` calls as JSON Lines.
fn corpus(dir: &Path, count: u64, seed: u64) -> String {
    let output = run(dir, &["corpus", "--count", &count.to_string(), "--seed", &seed.to_string()], "");
    assert!(output.status.success(), "{}", stderr(&output));
    stdout(&output)
}

#[test]
fn jsonl_records_stream_in_order_with_bad_ones_in_place() {
    let dir = temp_dir("batch-jsonl");
    let records = [
        serde_json::json!({"id": "c1", "text": THREAT, "queue": "late-stage"}).to_string(),
        "{\"id\": \"c2\", \"text\": ".to_string(),
        String::new(),
        serde_json::json!({"text": THREAT, "facts": {"jurisdiction": "UK"}}).to_string(),
        serde_json::json!({"id": 4, "text": THREAT, "facts": {"balance": "$12"}}).to_string(),
    ];
    let output = run(&dir, &["score", "--input", "jsonl", "--format", "jsonl"], &records.join("\n"));
    assert_eq!(output.status.code(), Some(2), "an unreadable record exits 2");
    let cards = lines(&stdout(&output));
    assert_eq!(cards.len(), 4, "one line per record, blank lines skipped");
    assert_eq!(cards[0]["source"], "c1");
    assert_eq!(cards[0]["passed"], false);
    assert_eq!(cards[1]["source"], "stdin:2");
    assert!(cards[1]["error"].as_str().unwrap().starts_with("line 2: not a transcript record"), "{}", cards[1]);
    assert_eq!(cards[2]["source"], "stdin:4", "no id: the line names it");
    let packs: Vec<&str> = cards[2]["rubrics"].as_array().unwrap().iter().map(|r| r["id"].as_str().unwrap()).collect();
    assert_eq!(packs, ["core", "uk-fca"], "facts in the record choose the jurisdiction");
    assert_eq!(cards[3]["source"], "4");
    assert!(cards[3]["error"].as_str().unwrap().contains("`balance` should be a number"), "{}", cards[3]);
}

#[test]
fn parallel_jobs_keep_input_order_and_give_the_same_cards() {
    let dir = temp_dir("batch-order");
    let calls = corpus(&dir, 300, 5);
    std::fs::write(dir.join("calls.jsonl"), &calls).unwrap();
    let score = |jobs: &str| {
        let output = run(&dir, &["score", "--input", "jsonl", "calls.jsonl", "--format", "jsonl", "--jobs", jobs], "");
        assert_eq!(output.status.code(), Some(1), "the corpus has failing calls: {}", stderr(&output));
        stdout(&output)
    };
    let one = score("1");
    assert_eq!(one, score("2"), "the same cards in the same order on two jobs");
    let ids: Vec<String> = lines(&one).iter().map(|c| c["source"].as_str().unwrap().to_string()).collect();
    let expected: Vec<String> = (0..300).map(|i| format!("call-{i:07}")).collect();
    assert_eq!(ids, expected);
}

/// A QA analyst names the file: its `.jsonl` extension says it holds one call per
/// line, as `--input jsonl` does (it was once read as one JSON transcript and refused).
#[test]
fn a_jsonl_file_named_on_the_command_line_is_read_as_records() {
    let dir = temp_dir("batch-named-jsonl");
    std::fs::write(dir.join("calls.jsonl"), corpus(&dir, 5, 3)).unwrap();
    let output = run(&dir, &["score", "calls.jsonl", "--format", "jsonl"], "");
    let cards = lines(&stdout(&output));
    assert_eq!(cards.len(), 5, "{}", stderr(&output));
    assert!(cards.iter().all(|c| c["findings"].is_array()), "{}", stdout(&output));
    assert!(stderr(&output).contains("Scored 5 transcripts"), "a batch ends with its summary: {}", stderr(&output));
}

#[test]
fn a_record_over_ten_megabytes_is_refused_and_the_run_goes_on() {
    let dir = temp_dir("batch-oversized");
    let huge = serde_json::json!({"id": "huge", "text": format!("Agent: {}\n", "word ".repeat(2_200_000))}).to_string();
    let small = serde_json::json!({"id": "small", "text": THREAT}).to_string();
    std::fs::write(dir.join("calls.jsonl"), format!("{huge}\n{small}\n")).unwrap();
    let output = run(&dir, &["score", "--input", "jsonl", "calls.jsonl", "--format", "jsonl"], "");
    assert_eq!(output.status.code(), Some(2));
    let cards = lines(&stdout(&output));
    assert_eq!(cards[0]["source"], "calls.jsonl:1");
    let error = cards[0]["error"].as_str().unwrap();
    assert!(error.contains("over the 10 MB limit for one call"), "{error}");
    assert_eq!(cards[1]["source"], "small");
    assert!(cards[1]["findings"].is_array());
}

#[test]
fn directories_are_searched_for_jsonl_files_with_input_jsonl() {
    let dir = temp_dir("batch-dir");
    std::fs::create_dir_all(dir.join("day/b")).unwrap();
    let record = |id: &str| serde_json::json!({"id": id, "text": THREAT}).to_string() + "\n";
    std::fs::write(dir.join("day/b/two.jsonl"), record("second")).unwrap();
    std::fs::write(dir.join("day/a.jsonl"), record("first")).unwrap();
    std::fs::write(dir.join("day/notes.txt"), "not a record").unwrap();
    let output = run(&dir, &["score", "--input", "jsonl", "day", "--format", "jsonl", "--exit-zero"], "");
    assert_eq!(output.status.code(), Some(0), "--exit-zero: failed calls do not fail the run");
    let ids: Vec<Value> = lines(&stdout(&output)).iter().map(|c| c["source"].clone()).collect();
    assert_eq!(ids, ["first", "second"]);
}

#[test]
fn json_array_is_valid_and_ordered_on_many_jobs() {
    let dir = temp_dir("batch-json");
    std::fs::write(dir.join("calls.jsonl"), corpus(&dir, 70, 2)).unwrap();
    let output = run(&dir, &["score", "--input", "jsonl", "calls.jsonl", "--format", "json", "-j", "2"], "");
    let cards: Vec<Value> = serde_json::from_str(&stdout(&output)).expect("one JSON array");
    assert_eq!(cards.len(), 70);
    assert_eq!(cards[69]["source"], "call-0000069");
}

#[test]
fn csv_has_one_row_per_finding_and_quotes_what_needs_it() {
    let dir = temp_dir("batch-csv");
    std::fs::write(dir.join("threat.txt"), THREAT).unwrap();
    std::fs::write(dir.join("empty.txt"), "").unwrap();
    let output = run(&dir, &["score", "threat.txt", "empty.txt", "--format", "csv"], "");
    assert_eq!(output.status.code(), Some(2));
    let text = stdout(&output);
    let rows: Vec<&str> = text.split("\r\n").filter(|r| !r.is_empty()).collect();
    assert!(rows[0].starts_with("source,passed,overall,empathy,"), "{}", rows[0]);
    let threat_rows: Vec<&&str> = rows.iter().filter(|r| r.starts_with("threat.txt,false,")).collect();
    let json = run(&dir, &["score", "threat.txt", "--format", "json"], "");
    let findings = serde_json::from_str::<Value>(&stdout(&json)).unwrap()[0]["findings"].as_array().unwrap().len();
    assert_eq!(threat_rows.len(), findings, "one row per finding");
    assert!(threat_rows.iter().any(|r| r.contains(",us-fdcpa.false-threat-arrest,compliance,critical,3,")), "{text}");
    assert!(rows.iter().any(|r| r.starts_with("empty.txt,") && r.contains("the transcript is empty")), "{text}");
}

#[test]
fn redact_masks_numbers_and_addresses_in_the_output() {
    let dir = temp_dir("batch-redact");
    let pack = "format: 1\nid: pii\nversion: 1\ntitle: Reads back personal data\npass_mark: 70\n\
                weights: {compliance: 1}\nrules:\n  - id: reads-back\n    dimension: compliance\n    severity: minor\n    \
                kind: forbidden\n    patterns: ['(?:card|email|number) is \\S+(?: \\d{4}){0,3}']\n    \
                message: Do not read personal data back.\n    better: Confirm the last four digits only.\n    \
                examples:\n      pass: ['Can you confirm the last four digits?']\n      fail: ['Your card is 4111 1111 1111 1111.']\n";
    std::fs::write(dir.join("pii.yaml"), pack).unwrap();
    let call = "Agent: So your card is 4111 1111 1111 1111, right?\nDebtor: Yes.\n\
                Agent: And your email is maria@example.com?\nDebtor: Yes.\n";
    std::fs::write(dir.join("call.txt"), call).unwrap();
    let args = ["score", "call.txt", "--rubric", "pii.yaml", "--format", "json"];
    let plain = stdout(&run(&dir, &args, ""));
    assert!(plain.contains("4111 1111 1111 1111") && plain.contains("maria@example.com"), "{plain}");
    let redacted = stdout(&run(&dir, &[&args[..], &["--redact"]].concat(), ""));
    assert!(redacted.contains("card is [card]") && redacted.contains("email is [email]"), "{redacted}");
    assert!(!redacted.contains("4111") && !redacted.contains("maria@"), "{redacted}");
}

#[test]
fn a_batch_ends_with_a_summary_on_stderr_or_in_a_file() {
    let dir = temp_dir("batch-summary");
    std::fs::write(dir.join("calls.jsonl"), corpus(&dir, 40, 9)).unwrap();
    let output = run(&dir, &["score", "--input", "jsonl", "calls.jsonl", "--format", "jsonl"], "");
    let err = stderr(&output);
    assert!(err.starts_with("Scored 40 transcripts ("), "{err}");
    assert!(err.contains("Rules broken most often"), "{err}");
    assert!(!err.contains('\r') && !err.contains('█'), "no progress bar when stderr is not a terminal");
    let output =
        run(&dir, &["score", "--input", "jsonl", "calls.jsonl", "--format", "jsonl", "--summary", "sum.json"], "");
    assert_eq!(stderr(&output), "", "the summary went to the file");
    let summary: Value = serde_json::from_str(&std::fs::read_to_string(dir.join("sum.json")).unwrap()).unwrap();
    assert_eq!(summary["transcripts"], 40);
    let (passed, failed) = (summary["passed"].as_u64().unwrap(), summary["failed"].as_u64().unwrap());
    assert_eq!(passed + failed, 40);
    assert!(passed > 0 && failed > 0, "the corpus mixes passes and failures: {summary}");
    let cards = lines(&stdout(&output));
    let counted: usize = cards.iter().map(|c| c["findings"].as_array().unwrap().len()).sum();
    let by_severity: u64 =
        summary["findings_by_severity"].as_object().unwrap().values().map(|v| v.as_u64().unwrap()).sum();
    assert_eq!(by_severity as usize, counted);
}

#[test]
fn the_corpus_is_the_same_for_the_same_seed_and_can_be_written_as_files() {
    let dir = temp_dir("batch-corpus");
    assert_eq!(corpus(&dir, 25, 3), corpus(&dir, 25, 3));
    assert_ne!(corpus(&dir, 25, 3), corpus(&dir, 25, 4));
    let output = run(&dir, &["corpus", "--count", "12", "--dir", "calls"], "");
    assert!(output.status.success(), "{}", stderr(&output));
    let output = run(&dir, &["score", "calls", "--format", "jsonl", "--exit-zero"], "");
    assert_eq!(lines(&stdout(&output)).len(), 12, "{}", stderr(&output));
    let again = run(&dir, &["corpus", "--count", "12", "--dir", "calls"], "");
    assert_eq!(again.status.code(), Some(2));
    assert!(stderr(&again).contains("already exists"), "{}", stderr(&again));
}

#[test]
fn output_stops_quietly_when_the_reader_goes_away() {
    let dir = temp_dir("batch-pipe");
    std::fs::write(dir.join("calls.jsonl"), corpus(&dir, 400, 1)).unwrap();
    let mut child = bin()
        .args(["score", "--input", "jsonl", "calls.jsonl", "--format", "jsonl"])
        .current_dir(&dir)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = String::new();
    std::io::BufRead::read_line(&mut std::io::BufReader::new(child.stdout.take().unwrap()), &mut first).unwrap();
    let output = child.wait_with_output().unwrap();
    assert!(first.contains("call-0000000"));
    assert!(!stderr(&output).contains("panicked"), "{}", stderr(&output));
    assert_ne!(output.status.code(), Some(101));
}

/// README's Rust example is the library's doc example, which `cargo test` runs.
#[test]
fn the_readme_library_example_is_the_tested_doc_example() {
    let source = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/src/batch/mod.rs")).unwrap();
    let doc: Vec<&str> = source.lines().filter_map(|l| l.strip_prefix("//!")).map(|l| l.trim_start()).collect();
    let start = doc.iter().position(|l| *l == "```").expect("doc example") + 1;
    let end = start + doc[start..].iter().position(|l| *l == "```").unwrap();
    let example = doc[start..end].join("\n");
    let readme = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    let block = readme.split("```rust\n").nth(1).and_then(|b| b.split("\n```").next()).expect("README rust block");
    assert_eq!(block.trim(), example.trim(), "README's library example drifted from src/batch/mod.rs");
}

/// The scanner's lazy DFA builds its states as text needs them and throws them all
/// away when its cache is full. Too small a cache for the lexicon made batch
/// scoring rebuild states for more than half its time (2.5 times slower on the
/// throughput bench); on thousands of varied lines a big enough one never fills.
#[test]
fn the_scanner_keeps_its_states_across_thousands_of_varied_lines() {
    use collectsim::signals::{Context, Detector, Lexicon};
    let detector = Detector::new(&Lexicon::builtin()).unwrap();
    let facts = Default::default();
    let context = Context::opening(&facts);
    let data = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data");
    let mut scanned = 0;
    for file in ["judgement.yaml", "paraphrases.yaml"] {
        let text = std::fs::read_to_string(data.join(file)).unwrap();
        for line in text.lines().filter(|l| l.len() > 20) {
            detector.signals(line, &context);
            detector.events(line);
            scanned += 1;
        }
    }
    assert!(scanned > 4000, "only {scanned} lines to scan");
    assert_eq!(detector.cache_clears(), 0, "the DFA cache filled and was cleared while scanning {scanned} lines");
}
