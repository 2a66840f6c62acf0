//! `collectsim new`: a small, commented scenario for each persona kind that passes
//! `validate` and `test` as it stands, so a supervisor starts from something that
//! works and changes it one step at a time.

/// What makes each kind of call different: the debtor's twist, the event it
/// raises, what a good reply does (signals) and a line that does it (for the test).
struct Twist {
    kind: &'static str,
    line: &'static str,
    event: &'static str,
    good: &'static str,
    good_line: &'static str,
    hint: &'static str,
}

const TWISTS: &[Twist] = &[
    Twist {
        kind: "hardship",
        line: "I lost my job last month. I can't pay what I used to.",
        event: "hardship_disclosed",
        good: "acknowledges_feelings, validates",
        good_line: "I'm so sorry about your job, that sounds really hard.",
        hint: "Acknowledge what they just told you before any numbers.",
    },
    Twist {
        kind: "evasive",
        line: "Look, I'm at work right now. I can't talk.",
        event: "inconvenient_time",
        good: "asks_callback_time",
        good_line: "No problem. When would be a better time to call you?",
        hint: "They said this is a bad time: ask when is better.",
    },
    Twist {
        kind: "hostile",
        line: "You people are vultures. What the hell do you want?",
        event: "debtor_abusive",
        good: "acknowledges_feelings, validates",
        good_line: "I can hear how frustrating this has been.",
        hint: "Stay calm and acknowledge the anger; never match it.",
    },
    Twist {
        kind: "disputing",
        line: "I don't owe this. I never had that account.",
        event: "disputes_debt",
        good: "offers_validation, explains_debt_origin",
        good_line: "You have the right to dispute it, and I'll send you the details in writing.",
        hint: "Explain how to dispute it and offer to verify it in writing.",
    },
    Twist {
        kind: "third-party",
        line: "Actually, this is her roommate. She's not home.",
        event: "third_party_answering",
        good: "location_inquiry, asks_callback_time",
        good_line: "No problem. What's the best number to reach her?",
        hint: "A third party: say nothing about a debt, only ask how to reach the consumer.",
    },
    Twist {
        kind: "attorney",
        line: "My lawyer is handling this. Talk to my attorney.",
        event: "attorney_represented",
        good: "asks_attorney_contact",
        good_line: "Thank you for telling me. What's your attorney's name and number?",
        hint: "Ask for the attorney's details and stop discussing the debt.",
    },
    Twist {
        kind: "time-barred",
        line: "This is from over seven years ago. It's too old.",
        event: "time_barred_claim",
        good: "offers_validation, acknowledges_feelings",
        good_line: "I understand. I can send you the details of the account in writing.",
        hint: "The debt is time-barred: never threaten to sue; offer the details.",
    },
    Twist {
        kind: "cease",
        line: "Stop calling me. I mean it.",
        event: "cease_request",
        good: "respects_cease",
        good_line: "Understood, we will stop calling you.",
        hint: "Acknowledge the request; explain that a written request stops contact.",
    },
    Twist {
        kind: "vulnerable",
        line: "I've been struggling with depression and I can't cope with this.",
        event: "vulnerability_disclosed",
        good: "acknowledges_feelings, validates, thanks",
        good_line: "Thank you for telling me, that sounds really hard.",
        hint: "Thank them for telling you, acknowledge it, and adapt the call.",
    },
    Twist {
        kind: "wrong-number",
        line: "Wait, you've got the wrong number. No one by that name lives here.",
        event: "wrong_party",
        good: "thanks, location_inquiry",
        good_line: "Thank you, sorry to have bothered you.",
        hint: "Wrong person: apologise and end the call without mentioning a debt.",
    },
    Twist {
        kind: "broken-promise",
        line: "I know I said I'd pay on the first. My hours got cut.",
        event: "hardship_disclosed",
        good: "acknowledges_feelings, open_question, offers_plan",
        good_line: "I'm sorry your hours were cut. What's changed since we last spoke?",
        hint: "Find out what changed before setting a new date.",
    },
];

/// The kinds `new` can scaffold.
pub fn kinds() -> Vec<&'static str> {
    TWISTS.iter().map(|t| t.kind).collect()
}

/// The scaffold for `id` and `kind`, or None for an unknown kind. `path` is the
/// file as the author will type it from where they ran `new`, so the commands in
/// the header work when pasted.
pub fn scaffold(id: &str, kind: &str, path: &str) -> Option<String> {
    let t = TWISTS.iter().find(|t| t.kind == kind)?;
    let uk = kind == "vulnerable";
    let (jurisdiction, currency) = if uk { ("UK", "GBP") } else { ("US", "USD") };
    let time_barred = kind == "time-barred";
    let followup = kind == "broken-promise";
    let (line, event, good, good_line, hint) = (t.line, t.event, t.good, t.good_line, t.hint);
    let disclosure = if followup {
        "This call is from a debt collector. This is an attempt to collect a debt and any information obtained will be used for that purpose."
    } else {
        "This is an attempt to collect a debt and any information obtained will be used for that purpose."
    };
    Some(format!(
        r#"# yaml-language-server: $schema=scenario.schema.json
# A new {kind} scenario, ready to run: change it one step at a time.
#   collectsim validate {path}   finds mistakes, with line and column
#   collectsim graph {path}      draws it (pipe into `dot -Tsvg`)
#   collectsim test {path}       runs the playthroughs at the bottom
#   collectsim play {path}       plays it
# The format is described in the README ("Writing a scenario"); signal and event
# names are in rubrics/signals.yaml.
format: 1
id: {id}
title: A {kind} call                    # what the trainee sees in `collectsim list`
summary: >
  Who the trainee is calling and why: the briefing before the call.
persona:
  name: Pat Doe
  kind: {kind}
  traits: [worried]                     # how they come across; let a line or a `because:` show each
difficulty:
  label: standard
  patience: 12                          # trainee turns before the debtor has to go

facts:                                  # what the collector sees on screen
  consumer: Pat Doe
  agency: Ridgeline Recovery
  jurisdiction: {jurisdiction}                      # picks the compliance rules: US or UK
  creditor: Summit Bank
  balance: 500.00
  currency: {currency}
  local_time: "18:00"
  followup_call: {followup}
  legal_action_intended: false
  time_barred: {time_barred}
  credit_reporting: false
  fees_authorized: []

meters:                                 # how the debtor feels, 0-100; a transition reads each
  frustration: 30

reactions:                              # meter moves whenever a signal is heard
  - signal: acknowledges_feelings
    adjust: {{frustration: -10}}
    because: they felt heard and less worried
  - signal: pressure_or_false_urgency
    adjust: {{frustration: +25}}
    because: they were pushed

every_turn:                             # checked before each node's own transitions
  - any: [threatens_arrest, threatens_legal_action, insults]
    goto: complaint
  - meters: {{frustration: ">= 80"}}      # the meter matters: push too often and they hang up
    goto: hangs_up
  - turn: "> patience"
    goto: out_of_time

nodes:                                  # the first node starts the call
  - id: opening
    say:
      - "Hello?"
      - text: "Yes, who is this?"
        weight: 2                       # said twice as often
    again: ["Sorry, who did you want?"] # said when no transition matches
    hint: Say who you are and ask for Pat Doe by name.
    model: "Hi, this is Sam from Ridgeline Recovery. May I speak with Pat Doe?"
    on:
      - if: verifies_identity
        goto: confirms

  - id: confirms
    say: ["Speaking. What's this about?"]
    events: [right_party_confirmed]
    again: ["Yes? What is it?"]
    hint: Give the required disclosure before discussing the account.
    model: "{disclosure}"
    on:
      - any: [mini_miranda, debt_collector_disclosure]
        goto: twist

  - id: twist                           # what makes this a {kind} call
    say: ["{line}"]
    events: [{event}]
    again: ["So?"]
    hint: "{hint}"
    model: "{good_line}"
    on:
      - any: [{good}]
        goto: agreed
      - any: [pressure_or_false_urgency, demands_full_payment]
        goto: hangs_up

  - id: agreed
    say: ["Okay. Thank you for handling it that way."]
    end: {{outcome: handled_well, success: true}}

  - id: hangs_up
    say: ["I'm not doing this. Goodbye."]
    events: [wants_to_end_call]
    end: {{outcome: debtor_hung_up, success: false}}

  - id: complaint
    say: ["You can't talk to me like that. I'm reporting this call."]
    events: [wants_to_end_call]
    end: {{outcome: complaint, success: false}}

  - id: out_of_time
    say: ["I have to go."]
    events: [wants_to_end_call]
    end: {{outcome: ran_out_of_time, success: false}}

tests:                                  # one playthrough per ending; `collectsim test` runs them
  - name: handled well
    say:
      - "Hi, this is Sam from Ridgeline Recovery. May I speak with Pat Doe?"
      - "{disclosure}"
      - "{good_line}"
    expect: {{ending: handled_well, success: true}}
  - name: pressure
    say:
      - "May I speak with Pat Doe?"
      - "{disclosure}"
      - "You need to pay the full balance right now."
    expect: {{ending: debtor_hung_up}}
  - name: a threat
    say: ["May I speak with Pat Doe?", "If you don't pay, you'll be arrested."]
    expect: {{ending: complaint}}
  - name: going nowhere
    say: ["Hello.", "Okay.", "Right.", "Sure.", "Okay.", "Right.", "Sure.", "Okay.", "Right.", "Sure.", "Okay.", "Right.", "Sure."]
    expect: {{ending: ran_out_of_time}}
"#
    ))
}
