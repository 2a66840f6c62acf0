//! `collectsim score` as a QA analyst uses it: transcripts in, the scorecards of
//! docs/scorecard.md out, in input order, with the exit codes of docs/exit-codes.md.

use crate::common::*;

const GOOD: &str = "---\njurisdiction: US\nbalance: 1240.50\ncreditor: Summit Bank\n---\n\
Agent: Hi, this is Sam Ortiz from Ridgeline Recovery. Am I speaking with Maria Alvarez?\n\
Debtor: Yes, speaking.\n\
Agent: I'm a debt collector. This is an attempt to collect a debt and any information obtained will be used for that purpose. What's been going on with the account?\n\
Debtor: I lost my job in August.\n\
Agent: I'm so sorry about your job, that sounds really stressful. What could you manage each month?\n";

const THREAT: &str =
    "Agent: Is this Maria Alvarez?\nDebtor: Yes.\nAgent: If you don't pay today, you could be arrested.\n";

fn json(dir: &std::path::Path, args: &[&str]) -> (Option<i32>, serde_json::Value) {
    let output = run(dir, args, "");
    (output.status.code(), serde_json::from_str(&stdout(&output)).expect("JSON output"))
}

#[test]
fn json_follows_the_contract_in_input_order() {
    let dir = temp_dir("score-json");
    std::fs::write(dir.join("b-threat.txt"), THREAT).unwrap();
    std::fs::write(dir.join("a-good.txt"), GOOD).unwrap();
    let (code, cards) = json(&dir, &["score", "b-threat.txt", "a-good.txt", "--format", "json"]);
    assert_eq!(code, Some(1), "a failed call exits 1");
    let cards = cards.as_array().unwrap();
    assert_eq!(cards[0]["source"], "b-threat.txt");
    assert_eq!(cards[1]["source"], "a-good.txt");
    let card = &cards[0];
    for key in ["source", "rubrics", "scores", "passed", "findings", "strengths"] {
        assert!(card.get(key).is_some(), "missing {key}");
    }
    for key in ["empathy", "clarity", "negotiation", "compliance", "documentation", "overall"] {
        assert!(card["scores"].get(key).is_some(), "missing score {key}");
    }
    assert!(card["scores"]["documentation"].is_null(), "a transcript with no note has no documentation score");
    assert!(card["headline"].as_str().unwrap().starts_with("Failed: threatened arrest (turn 3)"), "{card:#}");
    assert!(card["turns"].as_array().unwrap().iter().all(|t| t["turn"].as_u64().unwrap() % 2 == 1));
    assert_eq!(card["rubrics"][0]["id"], "core");
    assert_eq!(card["rubrics"][1]["id"], "us-fdcpa");
    assert_eq!(card["rubrics"][1]["sha256"].as_str().unwrap().len(), 64);
    assert_eq!(card["passed"], false);
    let arrest =
        card["findings"].as_array().unwrap().iter().find(|f| f["rule"] == "us-fdcpa.false-threat-arrest").unwrap();
    assert_eq!(arrest["severity"], "critical");
    assert_eq!(arrest["dimension"], "compliance");
    assert_eq!(arrest["turn"], 3);
    assert_eq!(arrest["evidence"], "arrested");
    let span = arrest["span"].as_array().unwrap();
    let text = "If you don't pay today, you could be arrested.";
    assert_eq!(&text[span[0].as_u64().unwrap() as usize..span[1].as_u64().unwrap() as usize], "arrested");
    assert_eq!(arrest["citation"], "12 CFR 1006.18(b)(3); 15 U.S.C. 1692e(4)");
    let good = &cards[1];
    assert_eq!(good["passed"], true, "{good:#}");
    let acknowledged = good["strengths"].as_array().unwrap().iter().any(|s| s["rule"] == "core.acknowledges-hardship");
    assert!(acknowledged, "{good:#}");
}

/// A turn that says the agreed amount twice ("Forty a month... forty dollars on the
/// 15th") is credited once: the report listed the same strength twice.
#[test]
fn a_strength_is_listed_once_for_a_turn() {
    let dir = temp_dir("score-strength-once");
    let text = "Agent: Is this Maria Alvarez? This is Sam from Ridgeline Recovery.\nDebtor: Yes.\n\
Agent: What could you manage each month?\nDebtor: I could do forty a month.\n\
Agent: Forty a month works. To confirm: forty dollars on the 15th of each month by debit card.\n";
    std::fs::write(dir.join("call.txt"), text).unwrap();
    let (_, cards) = json(&dir, &["score", "call.txt", "--format", "json"]);
    let credited: Vec<&serde_json::Value> =
        cards[0]["strengths"].as_array().unwrap().iter().filter(|s| s["rule"] == "core.affordable-plan").collect();
    assert_eq!(credited.len(), 1, "{:#}", cards[0]["strengths"]);
    assert_eq!(credited[0]["turn"], 5);
}

/// The better phrasing quotes the sentence the debtor told their loss in, not the
/// small talk before it.
#[test]
fn the_better_phrasing_quotes_what_the_debtor_told() {
    let dir = temp_dir("score-told");
    let text = "Agent: Hi, this is Sam from Apex Recovery. Am I speaking with Maria?\n\
Debtor: Yes. I got your letter about the card. My husband died in March.\n\
Agent: Okay. Can you pay the balance today?\n";
    std::fs::write(dir.join("call.txt"), text).unwrap();
    let (_, cards) = json(&dir, &["score", "call.txt", "--format", "json"]);
    let betters: Vec<&str> =
        cards[0]["findings"].as_array().unwrap().iter().filter_map(|f| f["better"].as_str()).collect();
    assert!(betters.iter().any(|b| b.contains("your husband died in March")), "{betters:#?}");
    assert!(!betters.iter().any(|b| b.contains("got your letter")), "{betters:#?}");
}

#[test]
fn reassurances_are_not_threats() {
    let dir = temp_dir("score-reassure");
    let text = "---\njurisdiction: US\nlegal_action_intended: false\ncredit_reporting: false\n---\n\
Agent: Am I speaking with Ray Kowalski?\nDebtor: Yeah.\n\
Agent: You will not be arrested. There is no lawsuit. We do not report to the credit bureaus. I'm not an attorney.\n";
    std::fs::write(dir.join("call.txt"), text).unwrap();
    let (_, cards) = json(&dir, &["score", "call.txt", "--format", "json"]);
    let rules: Vec<&str> =
        cards[0]["findings"].as_array().unwrap().iter().map(|f| f["rule"].as_str().unwrap()).collect();
    for threat in ["false-threat-arrest", "false-threat-suit", "false-credit-threat", "impersonation"] {
        assert!(!rules.iter().any(|r| r.ends_with(threat)), "{threat} raised: {rules:?}");
    }
}

#[test]
fn an_unreadable_input_takes_its_place_and_exits_2() {
    let dir = temp_dir("score-bad");
    std::fs::write(dir.join("good.txt"), GOOD).unwrap();
    std::fs::write(dir.join("nolabels.txt"), "hello there\nnobody labelled this\n").unwrap();
    std::fs::write(dir.join("empty.txt"), "").unwrap();
    let (code, cards) =
        json(&dir, &["score", "good.txt", "nolabels.txt", "empty.txt", "missing.txt", "--format", "json"]);
    assert_eq!(code, Some(2));
    assert!(cards[0].get("scores").is_some());
    assert_eq!(cards[1]["source"], "nolabels.txt");
    assert!(
        cards[1]["error"].as_str().unwrap().contains("nolabels.txt:1:1: error: text before the first speaker label")
    );
    assert!(cards[2]["error"].as_str().unwrap().contains("the transcript is empty"));
    assert!(cards[3]["error"].as_str().unwrap().contains("cannot read missing.txt"));
}

#[test]
fn exit_zero_keeps_pipelines_going_and_jsonl_streams_one_per_line() {
    let dir = temp_dir("score-jsonl");
    std::fs::create_dir_all(dir.join("calls/sub")).unwrap();
    std::fs::write(dir.join("calls/1.txt"), THREAT).unwrap();
    std::fs::write(dir.join("calls/sub/2.txt"), GOOD).unwrap();
    std::fs::write(dir.join("calls/ignored.md"), "not a transcript").unwrap();
    let output = run(&dir, &["score", "calls", "--format", "jsonl", "--exit-zero"], "");
    assert_eq!(output.status.code(), Some(0));
    let lines: Vec<serde_json::Value> = stdout(&output).lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(lines.len(), 2);
    assert_eq!(lines[1]["source"], "calls/sub/2.txt");
}

#[test]
fn stdin_text_and_markdown() {
    let dir = temp_dir("score-stdin");
    let output = run(&dir, &["score", "-", "--format", "md"], THREAT);
    let out = stdout(&output);
    assert!(out.contains("**❌ failed**") && out.contains("us-fdcpa.false-threat-arrest"), "{out}");
    assert!(out.contains("Failed: threatened arrest (turn 3)"), "the headline says why: {out}");
    let text = stdout(&run(&dir, &["score", "-"], THREAT));
    assert!(text.contains("FAILED") && text.contains("Better:"), "{text}");
    assert!(text.lines().nth(1).unwrap().contains("Failed: threatened arrest (turn 3)"), "{text}");
}

#[test]
fn the_same_transcript_always_gives_the_same_scorecard() {
    let dir = temp_dir("score-same");
    std::fs::write(dir.join("call.txt"), GOOD).unwrap();
    let first = stdout(&run(&dir, &["score", "call.txt", "--format", "json"], ""));
    let second = stdout(&run(&dir, &["score", "call.txt", "--format", "json"], ""));
    assert_eq!(first, second);
}

#[test]
fn jurisdiction_picks_the_pack_and_rubric_overrides() {
    let dir = temp_dir("score-uk");
    let text = "---\njurisdiction: UK\n---\nAgent: Am I speaking with Mr Patel?\nDebtor: Yes. I lost my job.\nAgent: Can't you borrow it from family?\n";
    std::fs::write(dir.join("uk.txt"), text).unwrap();
    let (_, cards) = json(&dir, &["score", "uk.txt", "--format", "json"]);
    assert_eq!(cards[0]["rubrics"][1]["id"], "uk-fca");
    assert!(cards[0]["findings"].as_array().unwrap().iter().any(|f| f["rule"] == "uk-fca.borrow-or-sell"));
    let pack = concat!(env!("CARGO_MANIFEST_DIR"), "/rubrics/core.yaml");
    let (_, cards) = json(&dir, &["score", "uk.txt", "--rubric", pack, "--format", "json"]);
    assert_eq!(cards[0]["rubrics"].as_array().unwrap().len(), 1);
}

#[test]
fn a_saved_session_scores_too() {
    let dir = temp_dir("score-session");
    let lines = "Hi, this is Sam from Ridgeline Recovery. Am I speaking with Maria Alvarez?\nIf you don't pay, you'll be arrested.\n";
    run(&dir, &["play", "hardship-job-loss", "--data-dir", "data"], lines);
    let session = session_path(&dir.join("data"));
    let (code, cards) = json(&dir, &["score", session.to_str().unwrap(), "--format", "json"]);
    assert_eq!(code, Some(1));
    let finding =
        cards[0]["findings"].as_array().unwrap().iter().find(|f| f["rule"] == "us-fdcpa.false-threat-arrest").unwrap();
    assert_eq!(finding["turn"], 4);
}

#[test]
fn a_debtors_own_swearing_never_counts_against_the_collector() {
    let dir = temp_dir("score-debtor-swears");
    let text = "Agent: Hi, this is Sam from Ridgeline Recovery. Am I speaking with Ray Kowalski?\n\
Debtor: Yeah, what the fuck do you vultures want? This is bullshit.\n\
Agent: I can hear how frustrating this has been.\n";
    std::fs::write(dir.join("call.txt"), text).unwrap();
    let (_, cards) = json(&dir, &["score", "call.txt", "--format", "json"]);
    let rules: Vec<&str> =
        cards[0]["findings"].as_array().unwrap().iter().map(|f| f["rule"].as_str().unwrap()).collect();
    assert!(!rules.iter().any(|r| r.ends_with("profanity") || r.ends_with("abusive-language")), "{rules:?}");
    let calm = cards[0]["strengths"].as_array().unwrap().iter().any(|s| s["rule"] == "core.calm-under-abuse");
    assert!(calm, "{:#}", cards[0]);
}

fn rules_raised(dir: &std::path::Path, text: &str) -> Vec<String> {
    std::fs::write(dir.join("call.txt"), text).unwrap();
    let (_, cards) = json(dir, &["score", "call.txt", "--format", "json"]);
    cards[0]["findings"].as_array().unwrap().iter().map(|f| f["rule"].as_str().unwrap().to_owned()).collect()
}

#[test]
fn family_the_confirmed_consumer_mentions_is_not_someone_else_on_the_line() {
    let dir = temp_dir("score-family");
    let consumer = "---\njurisdiction: US\nbalance: 900\n---\n\
Agent: Hi, this is Sam from Ridgeline Recovery. Am I speaking with Maria Alvarez?\nDebtor: Yes, that's me.\n\
Agent: I'm a debt collector and this is an attempt to collect a debt. How are things?\n\
Debtor: Not great, my husband's at work all day and I'm on my own with the kids.\n\
Agent: I'm sorry to hear that. The balance on the account is $900.\n";
    let rules = rules_raised(&dir, consumer);
    assert!(!rules.iter().any(|r| r == "us-fdcpa.third-party-disclosure"), "{rules:?}");
    let someone_else = "---\njurisdiction: US\nbalance: 900\n---\n\
Agent: Hi, this is Sam from Ridgeline Recovery. Can I speak with Maria Alvarez?\nDebtor: She's not home.\n\
Agent: Can you tell her she owes $900 on her credit card?\n";
    let rules = rules_raised(&dir, someone_else);
    assert!(rules.iter().any(|r| r == "us-fdcpa.third-party-disclosure"), "{rules:?}");
}

/// Evidence quotes whole words: a rule whose pattern stops inside a word
/// ("what" of "what's") quotes the word, as a person would.
#[test]
fn evidence_is_whole_words() {
    let dir = temp_dir("whole-words");
    let call = "Agent: Hi, this is Sam from Ridgeline Recovery. Is this Mike Chen?\nDebtor: Yes.\n\
                Agent: I'm calling from Ridgeline Recovery, a debt collector. It's about the Harbor Dental bill.\n\
                Debtor: Money's been tight since my hours were cut at the plant.\n\
                Agent: I'm sorry to hear that. Tell me what's been going on.\n";
    std::fs::write(dir.join("call.txt"), call).unwrap();
    let output = run(&dir, &["score", "call.txt", "--format", "json"], "");
    let cards: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let quoted: Vec<&str> = ["findings", "strengths"]
        .iter()
        .flat_map(|k| cards[0][*k].as_array().unwrap())
        .filter_map(|x| x["evidence"].as_str())
        .collect();
    assert!(quoted.iter().any(|e| e.ends_with("what's")), "{quoted:?}");
    assert!(quoted.iter().all(|e| !e.starts_with(['.', ',', ' '])), "{quoted:?}");
    for evidence in quoted.iter().filter(|e| !e.is_empty()) {
        let at = call.find(evidence).unwrap_or_else(|| panic!("{evidence:?} is not in the call"));
        let before = call[..at].chars().next_back().unwrap_or(' ');
        let after = call[at + evidence.len()..].chars().next().unwrap_or(' ');
        let word = |c: char| c.is_alphanumeric();
        assert!(!(word(before) && evidence.starts_with(word)), "{evidence:?} starts mid-word");
        assert!(!(word(after) && evidence.ends_with(word)), "{evidence:?} ends mid-word");
    }
}
