//! Nothing a file, a stream or a colleague does can hang, crash or corrupt
//! collectsim: each test is a reproducer from the reliability probe, run through
//! the real binary.

mod common;

use std::time::Duration;

use common::*;

/// Far beyond what any input here needs in a debug build; a hang or quadratic time
/// would need minutes to hours.
const HANG: Duration = Duration::from_secs(120);

#[test]
fn scoring_is_linear_on_long_runs_of_accents_cjk_digits_and_unpunctuated_words() {
    // Each turn took from minutes to hours when scanning was quadratic (a run from
    // every position to the end of the stretch); together they now take seconds.
    let turns = [
        "é".repeat(500_000),
        "中".repeat(330_000),
        "7".repeat(200_000),
        "please pay the balance today ".repeat(35_000),
        "a\u{301}\u{301}".repeat(200_000),
        "$1,".repeat(100_000),
    ];
    let mut transcript = String::new();
    for turn in &turns {
        transcript.push_str(&format!("Agent: {turn}\nDebtor: ok\n"));
    }
    let dir = temp_dir("linear");
    std::fs::write(dir.join("long.txt"), &transcript).unwrap();
    let output = run_within(&dir, &["score", "long.txt", "--format", "json"], b"", HANG);
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    let cards: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(cards[0]["turns"].as_array().unwrap().len(), turns.len());
}
