//! The persona engine's rules, each pinned on a small scenario: reactions (and
//! `once`), transition order, meters, flags set by transitions and by debtor events,
//! visit and turn counts, difficulty parameters, `again:` lines, templates, blank
//! lines and the end of a call.

use std::sync::Arc;

use collectsim::engine::Session;
use collectsim::scenario::{self, Scenario};
use collectsim::signals::{Detector, Lexicon};
use collectsim::source::SourceFile;

const SCENARIO: &str = r#"
format: 1
id: rules
title: Engine rules
persona: {name: Kim Lee, kind: hardship}
difficulty: {label: test, patience: 6, objections: 2}
facts: {jurisdiction: US, creditor: Summit Bank, balance: 1240.5, currency: USD}
meters: {trust: 50, frustration: 10}
reactions:
  - signal: acknowledges_feelings
    adjust: {trust: +10}
    because: felt heard
    once: true
  - signal: pressure
    adjust: {frustration: +30}
    because: pushed
every_turn:
  - turn: "> patience"
    goto: timeout
  - meters: {frustration: ">= 70"}
    goto: hangup
nodes:
  - id: start
    say: ["Hi, I owe {{facts.creditor}} {{money facts.balance}}."]
    again: ["Go on."]
    on:
      - if: offers_plan
        set: [plan_offered]
        goto: objection
      - if: thanks
        adjust: {trust: -5}
        because: thanked for nothing
  - id: objection
    say: ["I'm not sure."]
    events: [hardship_disclosed]
    on:
      - visits: {objection: "< objections"}
        if: offers_plan
        goto: objection
      - flags: [plan_offered, hardship_disclosed]
        not_flags: [wants_to_end_call]
        if: confirms_terms
        goto: done
      - if: recaps
        clear: [plan_offered]
  - id: done
    say: ["Deal."]
    end: {outcome: agreed, success: true}
  - id: hangup
    say: ["Bye."]
    end: {outcome: hung_up, success: false}
  - id: timeout
    say: ["Out of time."]
    end: {outcome: timeout, success: false}
"#;

fn session() -> Session {
    let lexicon = Lexicon::builtin();
    let (compiled, problems) = scenario::load(&SourceFile::new("rules.yaml", SCENARIO), &lexicon);
    let shown: Vec<String> = problems.iter().map(|p| p.headline()).collect();
    let compiled: Scenario = compiled.unwrap_or_else(|| panic!("{}", shown.join("\n")));
    Session::new(Arc::new(compiled), Arc::new(Detector::new(&lexicon).unwrap()), 1)
}

fn meter(session: &Session, name: &str) -> f64 {
    session.meters().into_iter().find(|(n, _)| n == name).unwrap().1
}

#[test]
fn templates_render_facts_and_money() {
    assert_eq!(session().turns()[0].text, "Hi, I owe Summit Bank $1,240.50.");
}

#[test]
fn reactions_move_meters_with_reasons_and_once_fires_once() {
    let mut s = session();
    s.respond("I'm so sorry, that sounds really hard.");
    s.respond("I'm so sorry, that sounds really hard.");
    assert_eq!(meter(&s, "trust"), 60.0);
    let change = &s.turns()[1].meter_changes[0];
    assert_eq!((change.meter.as_str(), change.delta, change.reason.as_str()), ("trust", 10.0, "felt heard"));
}

#[test]
fn unmatched_lines_stay_and_use_again_lines_and_blank_lines_are_ignored() {
    let mut s = session();
    assert!(s.respond("   ").is_none());
    let reply = s.respond("The weather is nice.").unwrap();
    assert_eq!((reply.text.as_str(), reply.node.as_deref()), ("Go on.", Some("start")));
    assert_eq!(s.turns().len(), 3);
}

#[test]
fn a_transition_without_goto_applies_its_effects_and_stays() {
    let mut s = session();
    s.respond("Thank you.");
    assert_eq!(meter(&s, "trust"), 45.0);
    assert_eq!(s.turns()[1].meter_changes[0].reason, "thanked for nothing");
    assert_eq!(s.node().id, "start");
}

#[test]
fn visit_counts_against_a_difficulty_parameter_give_objections() {
    let mut s = session();
    s.respond("We can set up a payment plan.");
    assert_eq!(s.node().id, "objection");
    s.respond("We can set up a payment plan.");
    assert_eq!(s.state().visits[1], 2, "a second objection while visits < objections");
    s.respond("We can set up a payment plan.");
    assert_eq!(s.state().visits[1], 2, "no third objection");
}

#[test]
fn flags_come_from_set_and_from_debtor_events_and_can_be_cleared() {
    let mut s = session();
    s.respond("We can set up a payment plan.");
    assert!(s.state().flags.contains("plan_offered") && s.state().flags.contains("hardship_disclosed"));
    s.respond("To recap, that's the plan.");
    assert!(!s.state().flags.contains("plan_offered"));
    s.respond("So to confirm, $50 on the 1st of each month by debit card.");
    assert!(!s.is_over(), "the flag was cleared, so the confirmation does not close the deal");
    let mut s = session();
    s.respond("We can set up a payment plan.");
    s.respond("So to confirm, $50 on the 1st of each month by debit card.");
    assert_eq!(s.ending().map(|e| e.outcome.as_str()), Some("agreed"));
    assert!(s.respond("Anything else?").is_none(), "an ended call takes no more lines");
}

#[test]
fn every_turn_transitions_come_first_meters_then_turn_count() {
    let mut s = session();
    s.respond("You need to pay right now.");
    s.respond("You need to pay right now.");
    assert_eq!(s.ending().map(|e| e.outcome.as_str()), Some("hung_up"));
    let mut s = session();
    for _ in 0..7 {
        s.respond("Hmm.");
    }
    assert_eq!(s.ending().map(|e| e.outcome.as_str()), Some("timeout"));
    assert_eq!(s.trainee_lines().len(), 7);
}

#[test]
fn replaying_the_lines_gives_the_same_call() {
    let mut s = session();
    for line in ["Hello.", "We can set up a payment plan.", "I'm sorry to hear that."] {
        s.respond(line);
    }
    let lines = s.trainee_lines();
    let again = Session::replay(Arc::clone(s.scenario()), s.detector(), s.seed(), lines.iter().map(String::as_str));
    assert_eq!(again.turns(), s.turns());
}
