//! `collectsim play` driven through pipes and scripts, as a trainee or a test would.

use crate::common::*;
use collectsim::scenario::{self, library::BUILTIN};
use collectsim::signals::Lexicon;
use collectsim::source::SourceFile;

/// A playthrough of every shipped scenario piped through the real binary, one to
/// a success ending and one to a failure where the scenario has both: the call
/// reaches the ending, exits 0 and saves that outcome. (Every playthrough and
/// every ending is checked in-process in tests/it/scenarios.rs; these prove the
/// piped binary plays them the same, without a binary start per playthrough.)
#[test]
fn piped_playthroughs_reach_their_endings() {
    let lexicon = Lexicon::builtin();
    for (name, text) in BUILTIN {
        let (compiled, _) = scenario::load(&SourceFile::new(*name, *text), &lexicon);
        let compiled = compiled.unwrap();
        let mut kinds_seen = std::collections::HashSet::new();
        for (i, test) in compiled.tests.iter().enumerate() {
            let Some(ending) = &test.expect_ending else { continue };
            if !kinds_seen.insert(test.expect_success) {
                continue;
            }
            let dir = temp_dir(&format!("pipe-{}-{i}", compiled.id));
            let input = test.say.join("\n") + "\n";
            let output =
                run(&dir, &["play", &compiled.id, "--seed", "3", "--data-dir", "data", "--trainee", "pat"], &input);
            assert!(output.status.success(), "{} / {}: {}", compiled.id, test.name, stderr(&output));
            let session = only_session(&dir.join("data"));
            assert_eq!(session["outcome"], ending.as_str(), "{} / {}\n{}", compiled.id, test.name, stdout(&output));
            assert!(stdout(&output).contains("Session saved:"), "the path is printed");
        }
    }
}

#[test]
fn the_session_file_has_what_a_supervisor_needs() {
    let dir = temp_dir("session-fields");
    let lines = "Hi, this is Sam from Ridgeline Recovery. Am I speaking with Maria Alvarez?\n:note right party confirmed\nIf you don't pay today you'll be arrested.\n";
    let output =
        run(&dir, &["play", "hardship-job-loss", "--seed", "11", "--data-dir", "data", "--trainee", "Dana Lee"], lines);
    assert!(output.status.success());
    let s = only_session(&dir.join("data"));
    assert_eq!(s["format"], 1);
    assert_eq!(s["scenario"]["id"], "hardship-job-loss");
    assert_eq!(s["scenario"]["sha256"].as_str().unwrap().len(), 64);
    assert_eq!((s["seed"].as_u64(), s["rng"].as_str()), (Some(11), Some("chacha8")));
    assert_eq!((s["mode"].as_str(), s["trainee"].as_str()), (Some("practice"), Some("Dana Lee")));
    assert!(s["started_at"].as_str().unwrap().ends_with('Z') && s["ended_at"].is_string());
    assert_eq!(s["facts"]["creditor"], "Summit Bank");
    assert_eq!(s["notes"][0]["text"], "right party confirmed");
    assert_eq!((s["outcome"].as_str(), s["success"].as_bool()), (Some("complaint_threatened"), Some(false)));
    let turns = s["turns"].as_array().unwrap();
    let threat = &turns[3];
    assert_eq!(threat["speaker"], "collector");
    let arrest = threat["signals"].as_array().unwrap().iter().find(|h| h["id"] == "threatens_arrest").unwrap();
    assert_eq!(arrest["evidence"], "arrested");
    let reasons: Vec<&str> =
        threat["meter_changes"].as_array().unwrap().iter().map(|c| c["reason"].as_str().unwrap()).collect();
    assert!(reasons.contains(&"she was threatened with something that will not happen"), "{reasons:?}");
    assert_eq!(turns[4]["node"], "complaint");
}

/// Same scenario, seed and lines: the same call, word for word.
#[test]
fn the_same_seed_and_lines_replay_the_same_call() {
    let lines = "Hello.\nAm I speaking with Janet Pruitt?\nThis is an attempt to collect a debt and any information obtained will be used for that purpose.\nWhat's going on?\n";
    let turns = |seed: &str, name: &str| {
        let dir = temp_dir(name);
        run(&dir, &["play", "disputing-not-my-debt", "--seed", seed, "--data-dir", "data"], lines);
        only_session(&dir.join("data"))["turns"].clone()
    };
    assert_eq!(turns("42", "det-a"), turns("42", "det-b"));
    let differs = (1..20).any(|seed| turns(&seed.to_string(), "det-c") != turns("42", "det-d"));
    assert!(differs, "different seeds should vary the debtor's lines");
}

#[test]
fn blank_lines_are_ignored_and_long_lines_accepted() {
    let dir = temp_dir("blank-long");
    let long = format!("Am I speaking with Maria Alvarez? {}", "I really do want to help you with this. ".repeat(400));
    let input = format!("\n   \n\t\n{long}\n");
    let output = run(&dir, &["play", "hardship-job-loss", "--data-dir", "data"], &input);
    assert!(output.status.success(), "{}", stderr(&output));
    let s = only_session(&dir.join("data"));
    let turns = s["turns"].as_array().unwrap();
    assert_eq!(turns.len(), 3, "opening, the long line, one reply");
    assert_eq!(turns[1]["text"].as_str().unwrap().len(), long.trim().len());
    assert_eq!(turns[2]["node"], "confirms_identity");
    assert_eq!(s["outcome"], "abandoned");
}

#[test]
fn an_unknown_scenario_lists_the_known_ones() {
    let dir = temp_dir("unknown-id");
    let output = run(&dir, &["play", "hardshp-job-loss"], "");
    assert_eq!(output.status.code(), Some(2));
    let err = stderr(&output);
    assert!(err.contains("no scenario `hardshp-job-loss`; did you mean `hardship-job-loss`?"), "{err}");
    assert!(err.contains("evasive-tell-my-wife") && err.contains("hostile-swearing"), "{err}");
}

#[test]
fn a_malformed_scenario_file_is_a_clear_error() {
    let dir = temp_dir("malformed");
    std::fs::write(dir.join("bad.yaml"), "format: 1\nid: bad\ntitle: [unclosed\n").unwrap();
    let output = run(&dir, &["play", "bad.yaml", "--data-dir", "data"], "");
    assert_eq!(output.status.code(), Some(2));
    let err = stderr(&output);
    assert!(err.contains("bad.yaml has errors") && err.contains("bad.yaml:"), "{err}");
    assert!(!err.contains("panicked"), "{err}");
}

#[test]
fn assessment_mode_refuses_hints_undo_and_restart() {
    let dir = temp_dir("assessment");
    let input = "Am I speaking with Ray Kowalski?\n:hint\n:undo\n:restart\n";
    let output = run(&dir, &["play", "hostile-swearing", "--mode", "assessment", "--data-dir", "data"], input);
    let out = stdout(&output);
    for command in [":hint", ":undo", ":restart"] {
        assert!(out.contains(&format!("{command} is not available in assessment mode.")), "{out}");
    }
    let s = only_session(&dir.join("data"));
    assert_eq!(s["hints"].as_array().unwrap().len(), 0);
    assert_eq!(s["turns"].as_array().unwrap().len(), 3);
}

#[test]
fn practice_mode_records_hints_undo_and_restart() {
    let dir = temp_dir("practice");
    let input = "Am I speaking with Ray Kowalski?\n:hint\nWatch your damn mouth.\n:undo\n:restart\nAm I speaking with Ray Kowalski?\n:end\n";
    // The swearing line ends the call; in practice mode :undo takes it back.
    let output = run(&dir, &["play", "hostile-swearing", "--data-dir", "data"], input);
    let out = stdout(&output);
    assert!(out.contains("Hint: This is a follow-up call"), "{out}");
    assert!(out.contains("Took back: \"Watch your damn mouth.\""), "{out}");
    let s = only_session(&dir.join("data"));
    assert_eq!(s["hints"][0]["node"], "confirms_angry");
    assert_eq!(s["undos"][0]["text"], "Watch your damn mouth.");
    assert_eq!(s["restarts"], 1);
    assert_eq!(s["turns"].as_array().unwrap().len(), 3);
    assert_eq!((s["outcome"].as_str(), s["success"].as_bool()), (Some("collector_ended"), Some(false)));
    // Hanging up is not a bad ending: the summary and the debrief say what happened.
    assert!(out.contains("you hung up before the story reached an ending"), "{out}");
    assert!(!out.contains("(not a success)"), "{out}");
    let id = s["id"].as_str().unwrap();
    let report = run(&dir, &["report", id, "--data-dir", "data"], "");
    let text = stdout(&report);
    assert!(text.contains("(story: ended by you before an ending)"), "{text}");
}

#[test]
fn an_unfinished_call_can_be_resumed() {
    let dir = temp_dir("resume");
    let first = "Good morning, this is Sam Ortiz from Ridgeline Recovery. May I speak with Janet Pruitt?\nThank you. I'm a debt collector. This is an attempt to collect a debt and any information obtained will be used for that purpose.\n";
    let output = run(&dir, &["play", "disputing-not-my-debt", "--seed", "5", "--data-dir", "data"], first);
    assert!(stdout(&output).contains("Resume with: collectsim play --resume"));
    let path = session_path(&dir.join("data"));
    let path = path.to_str().unwrap();
    let rest = "The original creditor was Crestline Wireless.\nYou have the right to dispute it, and I'll send you the details in writing.\nI'll send you a letter with the details.\nWe'll pause collection while we verify it.\n";
    let output = run(&dir, &["play", "--resume", path, "--data-dir", "data"], rest);
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(stdout(&output).contains("You: Thank you. I'm a debt collector."), "the call so far is shown again");
    let s = only_session(&dir.join("data"));
    assert_eq!(s["outcome"], "dispute_recorded");
    let again = run(&dir, &["play", "--resume", path, "--data-dir", "data"], "");
    assert_eq!(again.status.code(), Some(2));
    assert!(stderr(&again).contains("is a finished call"), "{}", stderr(&again));
}

#[test]
fn a_script_file_plays_the_call() {
    let dir = temp_dir("script");
    std::fs::write(
        dir.join("lines.txt"),
        "Is this Janet Pruitt?\nIf you don't pay, this goes on your credit report.\n",
    )
    .unwrap();
    let output = run(&dir, &["play", "disputing-not-my-debt", "--script", "lines.txt", "--data-dir", "data"], "");
    assert!(output.status.success());
    assert!(stdout(&output).contains("You: Is this Janet Pruitt?"), "script lines are echoed");
    assert_eq!(only_session(&dir.join("data"))["outcome"], "complaint_filed");
}

#[test]
fn unknown_commands_suggest_the_right_one() {
    let dir = temp_dir("unknown-command");
    let output = run(&dir, &["play", "hardship-job-loss", "--data-dir", "data"], ":hnit\n:help\n:note\n");
    let out = stdout(&output);
    assert!(out.contains("Unknown command :hnit. Did you mean :hint?"), "{out}");
    assert!(out.contains(":restart") && out.contains("Usage: :note"), "{out}");
}

#[test]
fn no_arguments_starts_the_onboarding_call() {
    let dir = temp_dir("no-args");
    let output = bin()
        .current_dir(&dir)
        .env("COLLECTSIM_HOME", dir.join("home"))
        .stdin(std::process::Stdio::null())
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(stdout(&output).contains("Maria lost her job"));
    assert!(dir.join("home/sessions").read_dir().unwrap().next().is_some(), "saved under COLLECTSIM_HOME");
}

#[test]
fn practice_coaches_live_and_the_scorecard_is_shown_and_stored() {
    let dir = temp_dir("coached");
    let lines = "Hi, this is Sam Ortiz from Ridgeline Recovery. Am I speaking with Maria Alvarez?\n\
                 Thanks. This is an attempt to collect a debt and any information obtained will be used for that purpose.\n\
                 What's been going on?\n\
                 I'm sorry to hear that. Anyway, the full balance is due.\n\
                 :score\n\
                 If you don't pay, you'll be arrested.\n\
                 \n\
                 threatened arrest; consumer laid off in August\n";
    let output = run(&dir, &["play", "hardship-job-loss", "--seed", "7", "--data-dir", "data"], lines);
    let out = stdout(&output);
    assert!(out.contains("Coach: ✓ Gave the mini-Miranda before discussing the debt."), "{out}");
    assert!(out.contains("Coach (minor empathy):\n    Turning to payment in the same breath"), "{out}");
    assert!(out.contains("Coach (critical compliance) [12 CFR 1006.18(b)(3); 15 U.S.C. 1692e(4)]"), "{out}");
    assert!(out.contains("Note: threatened arrest"), "the wrap-up note is asked for: {out}");
    let s = only_session(&dir.join("data"));
    assert_eq!(s["score_checks"], 1);
    assert_eq!(s["notes"][0]["text"], "threatened arrest; consumer laid off in August");
    let card = &s["scorecard"];
    assert_eq!(card["passed"], false);
    assert!(card["findings"].as_array().unwrap().iter().any(|f| f["rule"] == "us-fdcpa.false-threat-arrest"));
    assert!(card["scores"]["documentation"].is_number(), "the note is scored: {card:#}");
}

#[test]
fn assessment_mode_does_not_coach_but_scores_at_the_end() {
    let dir = temp_dir("assessed");
    let lines = "Am I speaking with Ray Kowalski?\n:score\nWatch your damn mouth.\n\n";
    let output = run(&dir, &["play", "hostile-swearing", "--mode", "assessment", "--data-dir", "data"], lines);
    let out = stdout(&output);
    assert!(!out.contains("Coach"), "{out}");
    assert!(out.contains(":score is not available in assessment mode."), "{out}");
    assert!(out.contains("FAILED") && out.contains("us-fdcpa.profanity"), "the final scorecard is shown: {out}");
    assert!(only_session(&dir.join("data"))["scorecard"]["findings"].is_array());
}

/// After `:undo` the coach speaks of the new line only: what it said about the
/// lines kept is not said again, and the taken-back line's faults are gone.
#[test]
fn after_undo_the_coach_speaks_of_the_new_line_only() {
    let dir = temp_dir("coach-undo");
    let lines = "Hi, this is Sam Ortiz from Ridgeline Recovery. Am I speaking with Maria Alvarez?\n\
                 If you don't pay, you'll be arrested.\n\
                 :undo\n\
                 This is an attempt to collect a debt and any information obtained will be used for that purpose.\n\
                 :quit\n";
    let out = stdout(&run(&dir, &["play", "hardship-job-loss", "--seed", "7", "--data-dir", "data"], lines));
    let coached = &out[..out.find("Result:").expect("a final scorecard")];
    assert_eq!(coached.matches("1006.18(b)(3)").count(), 1, "the threat is coached once, when it is said: {coached}");
    let after_threat = &coached[coached.find("Took back").unwrap()..];
    assert!(
        !after_threat.contains("Gave their name before discussing the debt"),
        "the coach speaks of the line just said, not of the greeting before it: {after_threat}"
    );
    assert!(!coached.contains("No account note"), "the note is judged after the call, not mid-call: {coached}");
    let after_undo = &coached[coached.find("attempt to collect a debt").unwrap()..];
    assert!(after_undo.contains("Gave the mini-Miranda"), "{after_undo}");
    assert!(!after_undo.contains("1006.18(b)(3)"), "the taken-back threat is not coached again: {after_undo}");
}

/// The id the end of a call prints (and `:score` shows) and `last` name a session
/// for every command that takes one.
#[test]
fn a_session_is_named_by_its_file_its_id_or_last() {
    let dir = temp_dir("session-names");
    let lines = "Hi, this is Sam from Ridgeline Recovery. Am I speaking with Maria Alvarez?\n:quit\n";
    let played = run(&dir, &["play", "hardship-job-loss", "--seed", "5", "--data-dir", "data"], lines);
    assert!(played.status.success(), "{}", stderr(&played));
    let id = only_session(&dir.join("data"))["id"].as_str().unwrap().to_string();
    assert!(stdout(&played).contains(&format!("collectsim report {id} --format html")), "{}", stdout(&played));
    for session in [id.as_str(), "last"] {
        for command in ["report", "replay"] {
            let output = run(&dir, &[command, session, "--data-dir", "data"], "");
            assert!(output.status.success(), "{command} {session}: {}", stderr(&output));
            assert!(stdout(&output).contains("Sam from Ridgeline Recovery"), "{command} {session}");
        }
    }
    let unknown = run(&dir, &["report", "no-such-call", "--data-dir", "data"], "");
    assert_eq!(unknown.status.code(), Some(2));
    let message = stderr(&unknown);
    assert!(message.contains("no session `no-such-call`"), "{message}");
    assert!(message.contains(&format!("the newest: `{id}`")), "{message}");
}

/// `collectsim config --trainee` names every later call; `--trainee` still
/// decides for one call.
#[test]
fn config_remembers_who_is_playing() {
    let dir = temp_dir("config-trainee");
    let set = run(&dir, &["config", "--trainee", "Dana Lee", "--data-dir", "data"], "");
    assert!(set.status.success(), "{}", stderr(&set));
    let shown = run(&dir, &["config", "--data-dir", "data"], "");
    assert!(stdout(&shown).contains("trainee: Dana Lee"), "{}", stdout(&shown));
    let lines = "Hi, this is Sam from Ridgeline Recovery. Am I speaking with Maria Alvarez?\n:quit\n";
    assert!(run(&dir, &["play", "hardship-job-loss", "--data-dir", "data"], lines).status.success());
    assert_eq!(only_session(&dir.join("data"))["trainee"], "Dana Lee");
    std::fs::remove_dir_all(dir.join("data/sessions")).unwrap();
    let one_call = run(&dir, &["play", "hardship-job-loss", "--data-dir", "data", "--trainee", "Pat"], lines);
    assert!(one_call.status.success());
    assert_eq!(only_session(&dir.join("data"))["trainee"], "Pat");
    std::fs::write(dir.join("data/settings.json"), "{\"trainee\": 7}").unwrap();
    let broken = run(&dir, &["play", "hardship-job-loss", "--data-dir", "data"], lines);
    assert_eq!(broken.status.code(), Some(2));
    assert!(stderr(&broken).contains("settings.json is not collectsim settings"), "{}", stderr(&broken));
}

/// Debtor lines agree with what the trainee said: Gary does not name a person the
/// trainee never asked for, the roommate does not ask what the call is about
/// right after being told, and Janet does not ask what happens next right after
/// hearing it.
#[test]
fn debtor_lines_agree_with_what_was_said() {
    let cases = [
        ("wrong-number", "Hi, this is Sam Ortiz from Ridgeline Recovery. May I speak with Priya Shah?\n", "Denise"),
        (
            "evasive-tell-my-wife",
            "Hi, this is Sam Ortiz from Ridgeline Recovery.\nI'm calling about a debt on Derek's Summit Bank card.\n",
            "What's it about",
        ),
    ];
    for (scenario, lines, never) in cases {
        for seed in 1..=6 {
            let dir = temp_dir(&format!("agree-{scenario}-{seed}"));
            let seed = seed.to_string();
            let output =
                run(&dir, &["play", scenario, "--seed", &seed, "--data-dir", "data"], &format!("{lines}:quit\n"));
            let said: Vec<String> = only_session(&dir.join("data"))["turns"]
                .as_array()
                .unwrap()
                .iter()
                .filter(|t| t["speaker"] == "debtor")
                .map(|t| t["text"].as_str().unwrap().to_string())
                .collect();
            assert!(
                said.iter().all(|line| !line.contains(never)),
                "{scenario} seed {seed}: {said:?}\n{}",
                stdout(&output)
            );
        }
    }
    let scenario = collectsim::scenario::library::BUILTIN
        .iter()
        .find(|(name, _)| name.contains("disputing-not-my-debt"))
        .unwrap()
        .1;
    assert!(
        !scenario.to_lowercase().contains("\"so what happens next?\""),
        "the calmed debtor asks what she was just told"
    );
}

/// One call, one scorecard: the live coach (saved in the session), `score` on the
/// session file and `report` agree finding for finding. The debtor's "What would
/// settling it look like?" carries no scenario tag; only the lexicon hears it ask
/// for the options, and every path must hear it.
#[test]
fn the_coach_report_and_score_give_one_scorecard_for_a_call() {
    let dir = temp_dir("one-card");
    let lines = "Hi, this is Sam Ortiz from Ridgeline Recovery. Am I speaking with Harold Price?\n\
        Thanks, Harold. I'm calling from Ridgeline Recovery, a debt collector. This is an attempt to collect a debt, and any information obtained will be used for that purpose. It's about your old Pioneer Bank card.\n\
        That's a fair question. Because of its age, we will not sue you for it. Paying anything is your choice.\n\
        There's a monthly plan from $25, or one payment of $1,185, which is 40% off. No deadline at all.\n\
        To confirm: one payment of $1,185 on the 15th by debit card, and I'll send you a letter confirming the settlement.\n\
        \n\
        Settlement agreed, letter to follow.\n";
    let played =
        run(&dir, &["play", "time-barred-old-card", "--seed", "3", "--trainee", "t", "--data-dir", "data"], lines);
    let out = stdout(&played);
    assert!(out.contains("voluntary settlement"), "the call reaches its ending: {out}");
    assert!(!out.contains("Ask what the debtor can afford"), "asked for the options, giving them is right: {out}");
    assert!(!out.contains("Don't push me"), "a settlement for less is no demand for the whole balance: {out}");
    let reported = assert_one_scorecard(&dir);

    // The grades behind the scores judge this call's turns for what they were.
    let grade_lines = |turn: usize| reported["turns"][turn - 1]["grades"].to_string();
    let greeted = grade_lines(2);
    assert!(!greeted.contains("leaves the question unanswered"), "'Hello?' is no question: {greeted}");
    let told = grade_lines(4);
    assert!(told.contains("gives them what they asked for"), "'What's this about?' was answered: {told}");
    let options = grade_lines(8);
    assert!(!options.contains("more than is authorised"), "40% off was authorised: {options}");
    assert!(!options.contains("without asking"), "asked for the options, the figures answer: {options}");
}

/// A call the trainee walked away from is judged as far as it went, and alike by
/// the coach, `score` and `report` (the coach and `report` used to judge it as
/// finished, flagging what there had been no time to say).
#[test]
fn an_abandoned_call_gets_one_scorecard_too() {
    let dir = temp_dir("one-card-abandoned");
    let lines = "Hi, this is Sam Ortiz from Ridgeline Recovery. Am I speaking with Harold Price?\n";
    let played =
        run(&dir, &["play", "time-barred-old-card", "--seed", "3", "--trainee", "t", "--data-dir", "data"], lines);
    assert!(stdout(&played).contains("abandoned"), "{}", stdout(&played));
    assert_one_scorecard(&dir);
}

/// A trainee who quits after discussing the account well has not passed the call:
/// `score` and `report` call it incomplete, scored as far as it went.
#[test]
fn a_call_left_before_its_end_is_incomplete_not_passed() {
    let dir = temp_dir("left-early");
    let lines = "Hi, is this Maria Alvarez?\n\
                 This is Sam from Granite Recovery. This is an attempt to collect a debt and any information obtained will be used for that purpose.\n\
                 That sounds like a lot to carry. How are you managing since the job went?\n\
                 :quit\n";
    run(&dir, &["play", "hardship-job-loss", "--seed", "7", "--trainee", "t", "--data-dir", "data"], lines);
    let path = session_path(&dir.join("data"));
    let scored: serde_json::Value =
        serde_json::from_str(&stdout(&run(&dir, &["score", path.to_str().unwrap(), "--format", "json"], ""))).unwrap();
    assert_eq!(scored[0]["verdict"], "incomplete", "{}", scored[0]);
    assert_eq!(scored[0]["passed"], false);
    assert!(scored[0]["headline"].as_str().unwrap().starts_with("Incomplete: the call was left before its end"));
    let report = stdout(&run(&dir, &["report", path.to_str().unwrap(), "--data-dir", "data"], ""));
    assert!(!report.contains("PASSED"), "{report}");
    assert_one_scorecard(&dir);
}

/// The session's saved scorecard (the coach's), `score` on the session and `report`
/// agree finding for finding and on the scores; returns the report's JSON.
fn assert_one_scorecard(dir: &std::path::Path) -> serde_json::Value {
    let session = only_session(&dir.join("data"));
    let path = session_path(&dir.join("data"));
    let path = path.to_str().unwrap();
    let key = |f: &serde_json::Value| format!("{} {} {}", f["rule"], f["turn"], f["evidence"]);
    let keys = |findings: &[serde_json::Value]| findings.iter().map(key).collect::<Vec<_>>();
    let coached = keys(session["scorecard"]["findings"].as_array().unwrap());

    let scored: serde_json::Value =
        serde_json::from_str(&stdout(&run(dir, &["score", path, "--format", "json"], ""))).unwrap();
    assert_eq!(coached, keys(scored[0]["findings"].as_array().unwrap()), "the coach and `score` differ");
    assert_eq!(session["scorecard"]["scores"], scored[0]["scores"]);

    let report = run(dir, &["report", path, "--format", "json", "--data-dir", "data"], "");
    let reported: serde_json::Value = serde_json::from_str(&stdout(&report)).unwrap();
    let mut findings: Vec<serde_json::Value> =
        reported["turns"].as_array().unwrap().iter().flat_map(|t| t["findings"].as_array().unwrap().clone()).collect();
    findings.extend(reported["note_findings"].as_array().unwrap().iter().cloned());
    let mut from_report = keys(&findings);
    let mut sorted = coached.clone();
    from_report.sort();
    sorted.sort();
    assert_eq!(sorted, from_report, "the coach and `report` differ");
    assert_eq!(session["scorecard"]["scores"]["overall"], reported["overall"]);
    reported
}
