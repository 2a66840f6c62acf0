//! `collectsim test` fails, naming what broke, when a playthrough or a rule
//! example no longer behaves.

use crate::common::*;

#[test]
fn the_shipped_files_pass() {
    let output = run(std::path::Path::new(env!("CARGO_MANIFEST_DIR")), &["test"], "");
    assert_eq!(output.status.code(), Some(0), "{}", stdout(&output));
    assert!(stdout(&output).contains(" passed, 0 failed"));
}

#[test]
fn a_broken_playthrough_and_a_broken_example_fail() {
    let dir = temp_dir("test-command");
    let scenario =
        collectsim::scenario::library::BUILTIN[0].1.replace("ending: payment_plan_agreed", "ending: debtor_hung_up");
    std::fs::write(dir.join("scenario.yaml"), scenario).unwrap();
    let pack = "format: 1\nid: mine\nversion: 1\ntitle: Mine\npass_mark: 70\nrules:\n  - id: no-sorry\n    dimension: empathy\n    severity: minor\n    kind: forbidden\n    patterns: ['\\bsorry\\b']\n    message: m\n    better: b\n    examples: {pass: [\"I'm sorry to hear that.\"], fail: [\"Sorry.\"]}\n";
    std::fs::write(dir.join("pack.yaml"), pack).unwrap();
    let output = run(&dir, &["test", "scenario.yaml", "pack.yaml"], "");
    let out = stdout(&output);
    assert_eq!(output.status.code(), Some(1), "{out}");
    assert!(out.contains("FAILED empathy and an affordable plan"), "{out}");
    assert!(out.contains("expected ending `debtor_hung_up`, got `payment_plan_agreed`"), "{out}");
    assert!(out.contains("FAILED mine.no-sorry"), "{out}");
    assert!(out.contains("3 failed"), "the playthrough, its hard-level copy and the example: {out}");
}

/// Each `also_say` wording is played in place of the last line; one that does not
/// reach the expected ending fails the test and is named.
#[test]
fn every_other_wording_of_a_key_line_is_played_and_a_miss_is_named() {
    let dir = temp_dir("test-also-say");
    let tiny = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/scenarios/README.md")).unwrap();
    let start = tiny.find("```yaml\n").unwrap() + 8;
    let example = &tiny[start..start + tiny[start..].find("```").unwrap()];
    let broken = example.replace("      - \"No worries. How can I reach him?\"", "      - \"Okay, thanks. Bye.\"");
    assert_ne!(broken, example, "the guide's example has the wording this test replaces");
    std::fs::write(dir.join("roommate.yaml"), broken).unwrap();
    let output = run(&dir, &["test", "roommate.yaml"], "");
    let out = stdout(&output);
    assert_eq!(output.status.code(), Some(1), "{out}");
    assert!(out.contains("FAILED asks only how to reach him"), "{out}");
    assert!(out.contains("with \"Okay, thanks. Bye.\" last: expected ending `contact_details`"), "{out}");
    assert!(!out.contains("with \"That's fine. Is there a better number for him?\" last"), "the others pass: {out}");

    let orphan = example.replacen("    say:\n      - \"Hi, this is Sam. Is Luis Reyes available?\"\n      - \"No problem. What's the best number to reach him?\"\n", "    say: []\n", 1);
    assert_ne!(orphan, example);
    std::fs::write(dir.join("orphan.yaml"), orphan).unwrap();
    let output = run(&dir, &["validate", "orphan.yaml"], "");
    let err = stdout(&output) + &stderr(&output);
    assert_eq!(output.status.code(), Some(1), "{err}");
    assert!(err.contains("`also_say` gives other wordings of the last `say` line, but `say` is empty"), "{err}");
}

#[test]
fn random_walkers_report_coverage_deterministically() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let first = stdout(&run(root, &["test", "scenarios/hostile-swearing.yaml"], ""));
    let second = stdout(&run(root, &["test", "scenarios/hostile-swearing.yaml"], ""));
    let coverage = |out: &str| out.lines().find(|l| l.contains("coverage:")).map(str::to_string);
    assert!(coverage(&first).is_some_and(|l| l.contains("200 random walkers: nodes never visited:")), "{first}");
    assert_eq!(coverage(&first), coverage(&second));
    assert!(first.contains("ok careless trainee") && first.contains("ok model trainee"), "{first}");
}

#[test]
fn folders_are_searched_like_validate_and_dead_ends_are_reported() {
    let dir = temp_dir("test-tree");
    std::fs::create_dir_all(dir.join("team/late-stage")).unwrap();
    let tiny = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/valid-tiny.yaml")).unwrap();
    std::fs::write(dir.join("team/late-stage/tiny.yaml"), tiny).unwrap();
    let output = run(&dir, &["test", "team"], "");
    let out = stdout(&output);
    assert!(out.contains("team/late-stage/tiny.yaml"), "a scenario two folders down is tested: {out}");
    assert!(
        out.contains("dead ends: opening (200 calls) (calls still going after 30 turns"),
        "a call nothing moves on is a dead end: {out}"
    );
    let shipped = stdout(&run(std::path::Path::new(env!("CARGO_MANIFEST_DIR")), &["test", "scenarios"], ""));
    assert_eq!(shipped.matches("dead ends: none").count(), shipped.matches("dead ends:").count(), "{shipped}");
    assert!(shipped.contains("dead ends: none"), "{shipped}");
}

#[test]
fn playthroughs_can_expect_findings_present_or_absent() {
    let dir = temp_dir("test-findings");
    let original =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/scenarios/attorney-represented.yaml")).unwrap();
    let broken = original
        .replace(
            "no_findings: [us-fdcpa.attorney-represented, us-fdcpa.false-threat-suit]",
            "findings: [us-fdcpa.false-threat-arest]",
        )
        .replace("findings: [us-fdcpa.attorney-represented]\n", "no_findings: [us-fdcpa.attorney-represented]\n");
    assert_ne!(broken, original);
    std::fs::write(dir.join("lawyer.yaml"), broken).unwrap();
    let output = run(&dir, &["test", "lawyer.yaml"], "");
    let out = stdout(&output);
    assert_eq!(output.status.code(), Some(1), "{out}");
    assert!(
        out.contains("unknown rule `us-fdcpa.false-threat-arest`; did you mean `us-fdcpa.false-threat-arrest`?"),
        "{out}"
    );
    assert!(out.contains("expected a `us-fdcpa.false-threat-arest` finding; found: "), "{out}");
    assert!(out.contains("expected no `us-fdcpa.attorney-represented` finding, but turn "), "{out}");
}

#[test]
fn a_file_that_is_neither_scenario_nor_rubric_is_an_error_not_zero_tests() {
    let dir = temp_dir("test-neither");
    std::fs::write(dir.join("broken.yaml"), "id: broken\ntitle: Broken\nnodez: {}\n").unwrap();
    let output = run(&dir, &["test", "broken.yaml"], "");
    assert_eq!(output.status.code(), Some(2), "{}", stdout(&output));
    let message = stderr(&output);
    assert!(message.contains("broken.yaml is neither a scenario (no `nodes:`) nor a rubric pack"), "{message}");
    assert!(message.contains("(`nodez:` — did you mean `nodes:`?)"), "{message}");
}
