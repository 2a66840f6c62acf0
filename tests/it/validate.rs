//! `collectsim validate` on files with one mistake each: every problem is reported
//! as `file:line:col: level: message` with a fix, all in one run.

use crate::common::*;

const BROKEN: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/broken");

fn validate(args: &[&str]) -> (Option<i32>, String) {
    let output = run(std::path::Path::new(env!("CARGO_MANIFEST_DIR")), args, "");
    (output.status.code(), stdout(&output))
}

/// (file, the exact headline, the fix line)
const EXPECTED: &[(&str, &str, &str)] = &[
    (
        "syntax.yaml",
        "14:11: error: YAML syntax: invalid indentation in quoted scalar",
        "check the indentation and quoting",
    ),
    ("unknown-field.yaml", "17:9: error: unknown field `gotto`, expected one of", "did you mean `goto`?"),
    (
        "duplicate-node.yaml",
        "23:9: error: duplicate node id `agreed`",
        "the first `agreed` is on line 20; rename one of them",
    ),
    ("unknown-goto.yaml", "19:15: error: `hang_up` is not a node in this scenario", "did you mean `hangs_up`?"),
    ("unknown-signal.yaml", "18:13: error: unknown signal `threatens_arest`", "did you mean `threatens_arrest`?"),
    ("unknown-event.yaml", "25:14: error: unknown debtor event `dispute_debt`", "did you mean `disputes_debt`?"),
    (
        "missing-fact.yaml",
        "21:11: error: the line uses `facts.creditr`, which this scenario does not set",
        "did you mean `creditor`?",
    ),
    ("unreachable.yaml", "21:9: warning: node `hangs_up` can never be reached", "add `goto: hangs_up` to a transition"),
    ("no-way-out.yaml", "20:9: error: node `stuck` has no way out", "make it an ending with `end:`"),
    ("no-ending.yaml", "12:1: error: the scenario has no ending", "add a node with `end:"),
    ("duplicate-key.yaml", "10:3: error: duplicate key `creditor`", "`creditor` is already set on line 8"),
];

#[test]
fn each_mistake_is_located_and_explained() {
    for (file, headline, fix) in EXPECTED {
        let path = format!("tests/data/broken/{file}");
        let (code, out) = validate(&["validate", &path]);
        let expected = format!("{path}:{headline}");
        assert!(out.lines().any(|l| l.starts_with(&expected)), "{file}: expected `{expected}` in\n{out}");
        assert!(out.contains(fix), "{file}: expected fix `{fix}` in\n{out}");
        let is_warning = headline.contains(": warning:");
        assert_eq!(code, Some(if is_warning { 0 } else { 1 }), "{file}\n{out}");
    }
}

#[test]
fn the_source_line_is_quoted_with_a_caret() {
    let (_, out) = validate(&["validate", "tests/data/broken/unknown-goto.yaml"]);
    assert!(out.contains("19 |         goto: hang_up\n   |               ^^^^^^^\n"), "{out}");
}

#[test]
fn a_directory_reports_every_problem_in_one_run() {
    let (code, out) = validate(&["validate", BROKEN]);
    assert_eq!(code, Some(1));
    for (file, _, _) in EXPECTED {
        assert!(out.contains(&format!("{file}:")), "{file} missing from\n{out}");
    }
    assert!(out.contains("checked 11 files: 11 errors, 14 warnings"), "{out}");
}

#[test]
fn warnings_fail_only_when_denied() {
    let (code, _) = validate(&["validate", "tests/data/broken/unreachable.yaml", "--deny-warnings"]);
    assert_eq!(code, Some(1));
}

#[test]
fn the_shipped_scenarios_and_lexicon_are_clean() {
    let (code, out) = validate(&["validate", "scenarios", "rubrics", "--deny-warnings"]);
    assert_eq!(code, Some(0), "{out}");
    assert!(out.contains("0 errors, 0 warnings"), "{out}");
    // The minimal base of the broken fixtures: no errors (it lacks hints on purpose).
    let (code, out) = validate(&["validate", "tests/data/valid-tiny.yaml"]);
    assert_eq!(code, Some(0), "{out}");
    assert!(out.contains("0 errors"), "{out}");
}

#[test]
fn json_output_is_for_editors_and_ci() {
    let (code, out) = validate(&["validate", "tests/data/broken/unknown-signal.yaml", "--format", "json"]);
    assert_eq!(code, Some(1));
    let report: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(report["errors"], 1);
    let d = &report["diagnostics"][0];
    assert_eq!((d["line"].as_u64(), d["column"].as_u64()), (Some(18), Some(13)));
    assert_eq!(d["severity"], "error");
    assert_eq!(d["help"], "did you mean `threatens_arrest`?");
}

#[test]
fn a_broken_lexicon_is_located_too() {
    let dir = temp_dir("bad-lexicon");
    let lexicon = collectsim::signals::BUILTIN_SIGNALS.replacen("'\\b(?:hello|hi|hey", "'\\b(?:hello|hi|hey(", 1);
    std::fs::write(dir.join("signals.yaml"), &lexicon).unwrap();
    let output = run(&dir, &["validate", "signals.yaml"], "");
    let out = stdout(&output);
    assert_eq!(output.status.code(), Some(1));
    let line = lexicon.lines().position(|l| l.contains("'\\b(?:hello|hi|hey(")).unwrap() + 1;
    let expected = format!("signals.yaml:{line}:9: error: bad regular expression: unclosed group");
    assert!(out.contains(&expected), "{out}");
}

/// Found by this check: 31 shipped patterns had `word (?:is|'s)`, which needs
/// "word 's" and so never heard "what's" - validate now says so, with the fix.
#[test]
fn a_contraction_that_can_never_match_is_an_error_with_its_fix() {
    let dir = temp_dir("deaf-contraction");
    let fixed = "'\\bhow much(?: is|''s) (?:usually";
    let deaf = "'\\bhow much (?:is|''s) (?:usually";
    assert!(collectsim::signals::BUILTIN_SIGNALS.contains(fixed), "the shipped pattern moved");
    let lexicon = collectsim::signals::BUILTIN_SIGNALS.replacen(fixed, deaf, 1);
    std::fs::write(dir.join("signals.yaml"), &lexicon).unwrap();
    let output = run(&dir, &["validate", "signals.yaml"], "");
    let out = stdout(&output);
    assert_eq!(output.status.code(), Some(1));
    let line = lexicon.lines().position(|l| l.contains(deaf)).unwrap() + 1;
    let expected = format!("signals.yaml:{line}:9: error: `(?:is|'s)` never hears a contraction");
    assert!(out.contains(&expected), "{out}");
    assert!(out.contains("fix: move the space into the other alternatives"), "{out}");
}

#[test]
fn every_misspelt_key_in_a_file_is_reported_at_once() {
    let (code, out) = validate(&["validate", "tests/data/typos.yaml"]);
    assert_eq!(code, Some(1));
    for expected in [
        "tests/data/typos.yaml:5:42: error: unknown field `trait`",
        "tests/data/typos.yaml:17:9: error: unknown field `gotto`",
        "tests/data/typos.yaml:25:11: error: unknown field `outcom`",
    ] {
        assert!(out.contains(expected), "expected `{expected}` in\n{out}");
    }
    assert!(out.contains("did you mean `traits`?") && out.contains("did you mean `outcome`?"), "{out}");
    assert!(out.contains("checked 1 file: 3 errors"), "{out}");
}

#[test]
fn odd_files_get_clear_errors_and_the_run_goes_on() {
    let dir = temp_dir("odd-files");
    std::fs::write(dir.join("empty.yaml"), "").unwrap();
    std::fs::write(dir.join("list.yaml"), "- a\n- b\n").unwrap();
    std::fs::write(dir.join("binary.yaml"), [0xff, 0xfe, 0x00, 0x81]).unwrap();
    std::fs::write(dir.join("partial.yaml"), "format: 1\n").unwrap();
    let output = run(&dir, &["validate", "."], "");
    let out = stdout(&output);
    assert_eq!(output.status.code(), Some(1), "{out}");
    for expected in [
        "empty.yaml:1:1: error: the file is empty",
        "list.yaml:1:1: error: invalid type: sequence, expected a mapping of keys",
        "binary.yaml:1:1: error: cannot read this file",
        "partial.yaml:1:1: error: missing field `id`",
        "checked 4 files: 4 errors",
    ] {
        assert!(out.contains(expected), "expected `{expected}` in\n{out}");
    }
    let missing = run(&dir, &["validate", "nothere.yaml"], "");
    assert_eq!(missing.status.code(), Some(2));
    assert!(stderr(&missing).contains("nothere.yaml does not exist"));
}

#[test]
fn rubric_mistakes_are_located() {
    let (code, out) = validate(&["validate", "tests/data/broken-rubric/pack.yaml"]);
    assert_eq!(code, Some(1), "{out}");
    for expected in [
        "pack.yaml:12:16: error: bad regular expression: unclosed group",
        "pack.yaml:17:16: error: unknown dimension `empathie`",
        "pack.yaml:28:13: error: unknown debtor event `dispute_debt`",
    ] {
        assert!(out.contains(expected), "expected `{expected}` in\n{out}");
    }
    assert!(out.contains("did you mean `empathy`?") && out.contains("did you mean `disputes_debt`?"), "{out}");
}

#[test]
fn authoring_warnings_and_examples_that_fail_their_rule() {
    let (code, out) = validate(&["validate", "tests/data/valid-tiny.yaml"]);
    assert_eq!(code, Some(0));
    assert!(out.contains("valid-tiny.yaml:12:9: warning: node `opening` has no hint or model"), "{out}");
    assert!(out.contains("valid-tiny.yaml:10:3: warning: meter `trust` is never read: it moves in the debrief but no transition depends on it"), "{out}");
    assert!(
        out.contains("fix: make it matter, e.g. a transition with `meters: {trust: \">= 60\"}`, or remove the meter"),
        "{out}"
    );
    assert!(out.contains("valid-tiny.yaml:4:51: warning: trait `stubborn` is never shown"), "{out}");
    assert!(!out.contains("trait `honest`"), "a trait a line shows is used: {out}");
    assert!(out.contains("warning: the debtor never confirms who they are, so the trainee never gets the chance to give the mini-Miranda"), "{out}");
    let dir = temp_dir("bad-example");
    let pack = "format: 1\nid: mine\nversion: 1\ntitle: Mine\npass_mark: 70\nrules:\n  - id: no-sorry\n    dimension: empathy\n    severity: minor\n    kind: forbidden\n    patterns: ['\\bsorry\\b']\n    message: m\n    better: b\n    examples: {pass: [\"I'm sorry to hear that.\"], fail: [\"Sorry.\"]}\n";
    std::fs::write(dir.join("pack.yaml"), pack).unwrap();
    let output = run(&dir, &["validate", "pack.yaml"], "");
    let out = stdout(&output);
    assert_eq!(output.status.code(), Some(1), "{out}");
    assert!(out.contains("pack.yaml:14:5: error: pass example \"I'm sorry to hear that.\" raised a finding"), "{out}");
}

#[test]
fn a_curriculum_is_checked_against_the_scenarios() {
    let (code, out) = validate(&["validate", "tests/data/broken-curriculum/curriculum.yaml"]);
    assert_eq!(code, Some(1), "{out}");
    for expected in [
        "curriculum.yaml:4:15: error: unknown scenario `hardship-job-los`",
        "fix: did you mean `hardship-job-loss`?",
        "curriculum.yaml:6:13: error: `evasive-tell-my-wife` needs `hostile-swearing` first, but `hostile-swearing` comes later",
        "fix: move the `hostile-swearing` step above this one",
        "curriculum.yaml:8:33: error: the assessment names `disputing-not-my-debt`, which is not a step",
        "curriculum.yaml:3:1: warning: scenario `disputing-not-my-debt` is not in the curriculum",
    ] {
        assert!(out.contains(expected), "missing {expected:?} in\n{out}");
    }
    let (code, out) = validate(&["validate", "scenarios/curriculum.yaml", "--deny-warnings"]);
    assert_eq!(code, Some(0), "the shipped curriculum lists every shipped scenario: {out}");
}

/// A misspelt key no longer hides the rest of the file: one run reports it, a
/// dangling `goto` and an unknown signal, each with its fix.
#[test]
fn a_key_typo_does_not_hide_a_dangling_goto_or_an_unknown_signal() {
    let dir = temp_dir("validate-stages");
    let scenario = collectsim::scenario::library::BUILTIN
        .iter()
        .find(|(name, _)| name.contains("hardship-job-loss"))
        .unwrap()
        .1
        .replacen("  traits:", "  trait:", 1)
        .replacen("goto: ", "goto: nowhere_", 1)
        .replacen("if: verifies_identity", "if: verifies_identiti", 1);
    std::fs::write(dir.join("three.yaml"), scenario).unwrap();
    let output = run(&dir, &["validate", "three.yaml"], "");
    let out = stdout(&output);
    assert_eq!(output.status.code(), Some(1), "{out}");
    assert!(out.contains("error: unknown field `trait`"), "{out}");
    assert!(out.contains("is not a node in this scenario"), "{out}");
    assert!(out.contains("error: unknown signal `verifies_identiti`"), "{out}");
    assert!(out.contains("checked 1 file: 3 errors, 0 warnings"), "{out}");
}
