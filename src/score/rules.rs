//! How each rule kind judges a call. Every outcome says whether the rule applied
//! and carries findings and strengths pointing at turns and words.

use std::sync::LazyLock;

use regex::Regex;

use super::call::{Match, ScoredCall};
use super::metrics;
use super::scorecard::{Finding, Strength};
use crate::facts::Facts;
use crate::rubric::{Check, FactCheck, Rule};

#[derive(Default)]
pub struct Outcome {
    pub applicable: bool,
    pub findings: Vec<Finding>,
    pub strengths: Vec<Strength>,
}

impl Outcome {
    pub(super) fn not_applicable() -> Self {
        Outcome::default()
    }

    pub(super) fn applies() -> Self {
        Outcome { applicable: true, ..Outcome::default() }
    }
}

pub fn evaluate(rule: &Rule, call: &ScoredCall, facts: &Facts, notes: &[String]) -> Outcome {
    if call.collector.is_empty() || !preconditions_hold(rule, call, facts) {
        return Outcome::not_applicable();
    }
    match &rule.check {
        Check::Forbidden(triggers) => {
            let mut out = Outcome::applies();
            for m in call.matches_from(triggers, 0) {
                out.findings.push(finding(rule, Some(&m), m.turn));
            }
            out
        }
        Check::Required { triggers, by_turn, before } => required(rule, call, triggers, *by_turn, before),
        Check::Conditional {
            events,
            within,
            must,
            must_not,
            must_not_within,
            until,
            must_reference,
            prompt_counts,
        } => {
            let flags = (*must_reference, *prompt_counts);
            conditional(rule, call, events, (*within, *must_not_within), (must, must_not), until, flags)
        }
        Check::Sequence { first, then } => {
            let Some(m) = call.matches_from(then, 0).into_iter().next() else { return Outcome::not_applicable() };
            let mut out = Outcome::applies();
            if call.said_before(first, &m) {
                let earlier = call.first_signal(first).unwrap_or(m);
                out.strengths.extend(strength(rule, Some(&earlier), earlier.turn));
            } else {
                out.findings.push(finding(rule, Some(&m), m.turn));
            }
            out
        }
        Check::FactCheck(FactCheck::Balance) => balance(rule, call, facts),
        Check::FactCheck(FactCheck::Fees) => fees(rule, call, facts),
        Check::FactCheck(FactCheck::Affordability) => affordability(rule, call),
        Check::FactCheck(FactCheck::CallTime) => call_time(rule, call, facts),
        Check::FactCheck(FactCheck::Creditor) => creditor(rule, call, facts),
        Check::FactCheck(FactCheck::Concession) => concession(rule, call, facts),
        Check::FactCheck(FactCheck::Agency) => super::agency::agency(rule, call, facts),
        Check::FactCheck(FactCheck::LumpShare) => super::lump::lump_share(rule, call, facts),
        Check::Metric { metric, min, max } => metrics::judge(rule, call, *metric, *min, *max),
        Check::Note(triggers) => note(rule, call, triggers, notes),
    }
}

/// `when:` facts must all match and no `unless:` fact may (a missing fact takes its
/// default, see [`Facts::get_or_default`], or else does not match), and the event
/// conditions must hold.
fn preconditions_hold(rule: &Rule, call: &ScoredCall, facts: &Facts) -> bool {
    let facts_match = rule.when.iter().all(|(name, want)| facts.matches(name, want))
        && !rule.unless.iter().any(|(name, off)| facts.matches(name, off));
    let if_event = rule.if_event.is_empty() || rule.if_event.iter().any(|e| call.happened(e));
    let unless_event = !rule.unless_event.iter().any(|e| call.happened(e));
    facts_match && if_event && unless_event
}

fn required(
    rule: &Rule,
    call: &ScoredCall,
    triggers: &crate::rubric::Triggers,
    by_turn: Option<usize>,
    before: &[String],
) -> Outcome {
    let anchor = (!before.is_empty())
        .then(|| call.collector.iter().copied().find(|&i| call.turn(i).signals.iter().any(|h| before.contains(&h.id))))
        .flatten();
    // In a call still going, "by turn N" is not due until turn N has been spoken.
    let due_yet = |n: usize| call.transcript.finished || call.collector.len() >= n;
    let by = by_turn.filter(|&n| due_yet(n)).map(|n| call.collector[n.clamp(1, call.collector.len()) - 1]);
    let due = match (anchor, by) {
        (Some(a), Some(b)) => a.min(b),
        (Some(a), None) => a,
        (None, Some(b)) => b,
        (None, None) => return Outcome::not_applicable(),
    };
    let mut out = Outcome::applies();
    match call.collector.iter().filter(|&&i| i <= due).find_map(|&i| call.find(triggers, i)) {
        Some(m) => out.strengths.extend(strength(rule, Some(&m), m.turn)),
        None => out.findings.push(finding(rule, None, due)),
    }
    out
}

fn conditional(
    rule: &Rule,
    call: &ScoredCall,
    events: &[String],
    (within, must_not_within): (usize, Option<usize>),
    (must, must_not): (&crate::rubric::Triggers, &crate::rubric::Triggers),
    until: &[String],
    (must_reference, prompt_counts): (bool, bool),
) -> Outcome {
    let Some(event_turn) = call.first_event(events) else { return Outcome::not_applicable() };
    let after: Vec<usize> = call.collector.iter().copied().filter(|&i| i > event_turn).collect();
    if after.is_empty() {
        return Outcome::not_applicable();
    }
    let mut out = Outcome::applies();
    // `until_event` lifts the rule: a debtor who proposes an amount before any
    // options were offered has moved the call past needing them.
    let lifted = call
        .transcript
        .turns
        .iter()
        .enumerate()
        .skip(event_turn)
        .find(|(_, t)| t.events.iter().any(|e| until.contains(e)));
    let end = lifted.map_or(usize::MAX, |(i, _)| i);
    let prompt = call.collector.iter().copied().rev().find(|&i| i < event_turn);
    let prompted = prompt.filter(|_| prompt_counts).and_then(|i| call.find(must, i));
    if let Some(m) = prompted {
        out.strengths.extend(strength(rule, Some(&m), m.turn));
    } else if !must.signals.is_empty() || !must.patterns.is_empty() {
        let window = &after[..within.max(1).min(after.len())];
        let hit = window.iter().filter(|&&i| i < end).find_map(|&i| call.find(must, i));
        let window_open = !call.transcript.finished && after.len() < within.max(1);
        let lapsed = window.last().is_some_and(|&last| end < last);
        match hit {
            None if window_open || lapsed => {}
            Some(m) if !must_reference || references(&call.turn(event_turn).text, &call.turn(m.turn).text) => {
                out.strengths.extend(strength(rule, Some(&m), m.turn));
            }
            _ => out.findings.push(finding(rule, None, *window.last().expect("window is not empty"))),
        }
    }
    let window = must_not_within.unwrap_or(usize::MAX);
    for &i in after.iter().take(window).filter(|&&i| i < end) {
        if let Some(m) = call.find(must_not, i) {
            out.findings.push(finding(rule, Some(&m), i));
        }
    }
    out
}

/// Words of three letters or more that carry meaning: "job", "hospital", "laid".
fn content_words(text: &str) -> Vec<String> {
    const FILLER: &[&str] = &[
        "the", "and", "you", "for", "are", "was", "but", "not", "can", "had", "has", "her", "his", "him", "she", "our",
        "out", "all", "get", "got", "one", "too", "now", "yes", "yet", "how", "why", "who", "its", "any", "did", "may",
        "way", "see", "say", "let", "that", "this", "have", "with", "just", "been", "they", "what", "your", "from",
        "about", "know", "like", "really", "there", "would", "could", "can't", "don't", "it's", "i've", "i'm", "right",
        "yeah", "okay", "sorry", "hear", "sounds", "must", "very", "much", "well", "here", "then", "than", "will",
    ];
    text.split(|c: char| !c.is_alphanumeric() && c != '\'')
        .map(str::to_lowercase)
        .filter(|w| w.len() >= 3 && !FILLER.contains(&w.as_str()))
        .collect()
}

/// Whether a reply reuses something specific from what the debtor said (a shared
/// content word, or the same stem: "laid off" / "layoff").
fn references(debtor: &str, reply: &str) -> bool {
    // Stems of four for words of five or more ("laid off" / "layoff").
    let said = crate::signals::words::WordSet::from_words(content_words(debtor), 4);
    content_words(reply).iter().any(|w| said.has(w))
}

static BALANCE_WORDS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:balance|owe[sd]?|owing|total|outstanding|due|debt|arrears|shows|comes to|stands at|account is|account has|amount is)\b").expect("valid regex")
});
/// Words after an amount that make it the balance ("$1,640 as of today").
static BALANCE_AFTER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^[^.?!]{0,12}\b(?:as of (?:today|now)|in total|all together|altogether|owing|outstanding|overdue|past due|to clear it)\b").expect("valid regex")
});
static INSTALMENT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?:a|per|each|every) (?:month|week|fortnight)|monthly|weekly").expect("valid regex")
});

/// Amounts stated as the balance (a balance word shortly before, not an
/// instalment such as "$40 a month") must match the account's balance. So must
/// the first amount said in answer to "how much is it?": the answer to what they
/// owe is the balance (round 271: "It's fifteen hundred and twenty dollars today"
/// to a $1,320 account passed unseen).
fn balance(rule: &Rule, call: &ScoredCall, facts: &Facts) -> Outcome {
    let Some(balance) = facts.number("balance") else { return Outcome::not_applicable() };
    let mut out = Outcome::not_applicable();
    for &i in &call.collector {
        let text = &call.turn(i).text;
        if !crate::signals::amounts::may_name_amount(text) {
            continue;
        }
        let mut answers_amount = answers_how_much(call, i) && !names_amount(text, balance);
        for (start, end) in clauses(text) {
            let clause = &text[start..end];
            for (value, [from, to]) in crate::signals::amounts::amounts(clause) {
                let before = slice(clause, from.saturating_sub(40), from);
                let after = slice(clause, from, to + 12);
                let said_after = slice(clause, to, to + 30);
                let names_balance =
                    BALANCE_WORDS.is_match(before) || BALANCE_AFTER.is_match(said_after) || answers_amount;
                answers_amount = false;
                if !names_balance || INSTALMENT.is_match(after) {
                    continue;
                }
                let span = [start + from, start + to];
                let m = Match { turn: i, span, evidence: text[span[0]..span[1]].to_string() };
                out.applicable = true;
                if (value - balance).abs() > 0.005 {
                    out.findings.push(finding(rule, Some(&m), i));
                } else {
                    out.strengths.extend(strength(rule, Some(&m), i));
                }
            }
        }
    }
    out
}

/// Whether the debtor's lines just before collector turn `i` asked how much they owe.
fn answers_how_much(call: &ScoredCall, i: usize) -> bool {
    i > 0
        && crate::transcript::exchange::debtor_run(&call.transcript.turns, i - 1)
            .iter()
            .any(|t| t.events.iter().any(|e| e == "asks_amount"))
}

/// Whether `text` names `amount` anywhere: "the original was $900; now it's $640"
/// answers "how much is it?" rightly.
fn names_amount(text: &str, amount: f64) -> bool {
    crate::signals::amounts::amounts(text).iter().any(|(v, _)| (v - amount).abs() <= 0.005)
}

/// `text[start..end]`, widened to character boundaries and clamped to the text.
fn slice(text: &str, start: usize, end: usize) -> &str {
    let mut start = start.min(text.len());
    let mut end = end.min(text.len());
    while !text.is_char_boundary(start) {
        start -= 1;
    }
    while !text.is_char_boundary(end) {
        end += 1;
    }
    &text[start..end]
}

/// Byte ranges of the clauses (split at sentence and clause punctuation).
fn clauses(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = 0;
    for (i, c) in text.char_indices() {
        if matches!(c, '.' | '!' | '?' | ';') && !text[i + 1..].starts_with(|d: char| d.is_ascii_digit()) {
            out.push((start, i));
            start = i + 1;
        }
    }
    out.push((start, text.len()));
    out
}

static FEE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(late|processing|convenience|service|collection|admin(?:istration)?|phone|card)? ?(?:fees?|surcharges?|charges?)\b")
        .expect("valid regex")
});
/// What makes a bare "charge" a fee: an amount, or words of adding one ("you ran up
/// charges" and "criminal charges" are no fee; "a charge of $35", "there's a charge
/// on top" are).
static FEE_SENSE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)[$£€]\s?\d|\d\s?(?:dollars|pounds|bucks|quid)\b|\b(?:add|adds|added|adding|on top|plus|apply|applies|applied|carr(?:y|ies)|incur\w*|we charge|there(?:'s| is| will be| would be|'ll be) an?|includes?|including)\b")
        .expect("valid regex")
});
static NO_FEE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?:\b(?:no|not|nothing|none|never|without|free of|waive[ds]?)\b|n't\b)[^.?!]{0,30}$")
        .expect("valid regex")
});

/// A fee mentioned as added to the account must be one the creditor may charge;
/// with no `fees_authorized` list, none may be (FDCPA §1692f(1): only amounts the
/// agreement or the law allows).
fn fees(rule: &Rule, call: &ScoredCall, facts: &Facts) -> Outcome {
    let allowed: Vec<String> = facts
        .get("fees_authorized")
        .and_then(|v| v.as_array())
        .map(|list| list.iter().filter_map(|v| v.as_str()).map(|s| s.replace('_', " ").to_lowercase()).collect())
        .unwrap_or_default();
    let mut out = Outcome::applies();
    for &i in &call.collector {
        let text = &call.turn(i).text;
        for m in FEE.find_iter(text) {
            let words = m.as_str().trim().to_lowercase();
            let kind = words.split_whitespace().next().unwrap_or("");
            let negated = NO_FEE.is_match(&text[..m.start()]);
            if kind.starts_with("charge") && !has_fee_sense(text, m.start()) {
                continue;
            }
            let authorised = allowed.iter().any(|a| a == &words || a.starts_with(kind) && !kind.is_empty());
            if !negated && !authorised && (kind != "fee" && kind != "fees" || allowed.is_empty()) {
                let found = Match { turn: i, span: [m.start(), m.end()], evidence: m.as_str().trim().to_string() };
                out.findings.push(finding(rule, Some(&found), i));
            }
        }
    }
    out
}

/// Whether the clause around byte `at` speaks of a fee being added (see [`FEE_SENSE`]).
/// ("nothing added" says the opposite).
fn has_fee_sense(text: &str, at: usize) -> bool {
    let Some((start, end)) = clauses(text).into_iter().find(|&(start, end)| start <= at && at <= end) else {
        return false;
    };
    let clause = &text[start..end];
    FEE_SENSE.find_iter(clause).any(|m| !NO_FEE.is_match(slice(clause, m.start().saturating_sub(20), m.start())))
}

static PERCENT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(\d+(?:\.\d+)?) ?(?:%|per ?cent)|\b(half|fifty per ?cent)\b").expect("valid regex")
});

/// The percentage in words like "40% off", "half off" or "up to 40% off".
fn percent_in(text: &str) -> Option<f64> {
    let caps = PERCENT.captures(text)?;
    match caps.get(1) {
        Some(number) => number.as_str().parse().ok(),
        None => Some(50.0),
    }
}

/// The discount the creditor authorised, in percent: `settlement_authorised_pct:
/// 20` (the dev set's name) or `authorized_options: {settlement: "up to 40% off"}`.
pub(crate) fn authorised_discount(facts: &Facts) -> Option<f64> {
    facts.number("settlement_authorised_pct").or_else(|| {
        facts
            .get("authorized_options")
            .and_then(|options| options.get("settlement"))
            .and_then(|settlement| settlement.as_str())
            .and_then(percent_in)
    })
}

/// Whether a concession ("40% off") is within the settlement the creditor
/// authorised (see [`authorised_discount`]). A write-off, or any discount with no
/// authorised settlement, is not.
pub(crate) fn within_authorised_discount(facts: &Facts, concession: &str) -> bool {
    percent_in(concession).zip(authorised_discount(facts)).is_some_and(|(given, allowed)| given <= allowed)
}

/// A discount is the collector's to give only up to the settlement the creditor
/// authorised; a bigger one, or a write-off, is not.
fn concession(rule: &Rule, call: &ScoredCall, facts: &Facts) -> Outcome {
    let mut out = Outcome::applies();
    for &i in &call.collector {
        for hit in call.turn(i).signals.iter().filter(|h| h.id == "concession") {
            if !within_authorised_discount(facts, &hit.evidence) {
                let found = Match { turn: i, span: hit.span, evidence: hit.evidence.clone() };
                out.findings.push(finding(rule, Some(&found), i));
            }
        }
    }
    out
}

static PLAN_WORDS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)\b(?:a|per|each|every) (?:month|week|fortnight)\b|\bmonthly\b|\bweekly\b|\binstal(?:l)?ments?\b|\bplan\b",
    )
    .expect("valid regex")
});

/// After the debtor names what they can pay, every plan amount the collector
/// proposes must be at or below it.
fn affordability(rule: &Rule, call: &ScoredCall) -> Outcome {
    let stated =
        call.transcript.turns.iter().enumerate().filter(|(_, t)| t.events.iter().any(|e| e == "proposes_amount"));
    let Some((said_at, affordable)) =
        stated.rev().find_map(|(i, t)| crate::signals::amounts::amounts(&t.text).last().map(|(v, _)| (i, *v)))
    else {
        return Outcome::not_applicable();
    };
    let mut out = Outcome::not_applicable();
    for &i in call.collector.iter().filter(|&&i| i > said_at) {
        let text = &call.turn(i).text;
        if !PLAN_WORDS.is_match(text) {
            continue;
        }
        // Each amount over what they can pay is a finding; a turn earns the
        // credit once, however many times it says the affordable amount.
        let mut credited = false;
        for (value, span) in crate::signals::amounts::amounts(text) {
            out.applicable = true;
            let m = Match { turn: i, span, evidence: text[span[0]..span[1]].to_string() };
            if value > affordable + 0.005 {
                out.findings.push(finding(rule, Some(&m), i));
            } else if !credited {
                credited = true;
                out.strengths.extend(strength(rule, Some(&m), i));
            }
        }
    }
    out
}

static CLOCK: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(\d{1,2})(?::(\d\d))?\s?([ap])\.?m\b|\b(\d{1,2}):(\d\d)\b").expect("valid regex")
});

/// Minutes after midnight from "10:45 PM", "9pm" or "21:30".
fn clock_minutes(text: &str) -> Option<u32> {
    let c = CLOCK.captures(text)?;
    if let Some(hour) = c.get(1) {
        let hour: u32 = hour.as_str().parse().ok()?;
        let minute: u32 = c.get(2).map_or(Some(0), |m| m.as_str().parse().ok())?;
        let pm = c[3].eq_ignore_ascii_case("p");
        let hour = match (hour % 12, pm) {
            (h, true) => h + 12,
            (h, false) => h,
        };
        return (hour < 24 && minute < 60).then_some(hour * 60 + minute);
    }
    let (hour, minute): (u32, u32) = (c[4].parse().ok()?, c[5].parse().ok()?);
    (hour < 24 && minute < 60).then_some(hour * 60 + minute)
}

/// The consumer's local time comes from the facts (`local_time`), or else from a
/// stage note before the first words (`[Phone rings at 10:45 PM]`). A time the
/// consumer asked for (`callback_requested`) is theirs to choose: Reg F presumes an
/// hour inconvenient only without their consent.
fn call_time(rule: &Rule, call: &ScoredCall, facts: &Facts) -> Outcome {
    if facts.flag("callback_requested") == Some(true) {
        return Outcome::applies();
    }
    let from_facts = facts.text("local_time").and_then(clock_minutes);
    let from_note = || {
        call.transcript.stage_notes.iter().filter(|(before, _)| *before == 0).find_map(|(_, note)| clock_minutes(note))
    };
    let Some(minutes) = from_facts.or_else(from_note) else { return Outcome::not_applicable() };
    let mut out = Outcome::applies();
    if !(8 * 60..21 * 60).contains(&minutes) {
        let first = call.collector[0];
        let mut found = finding(rule, None, first);
        found.evidence = format!("call at {:02}:{:02} consumer time", minutes / 60, minutes % 60);
        out.findings.push(found);
    }
    out
}

/// Once the debt is discussed, the creditor (current or original) is named.
fn creditor(rule: &Rule, call: &ScoredCall, facts: &Facts) -> Outcome {
    // Plain ASCII-case-insensitive search: compiling a regex per call cost more
    // than scoring it (profiled), and lowering ASCII keeps byte offsets.
    let names: Vec<String> = ["creditor", "original_creditor"]
        .iter()
        .filter_map(|f| facts.text(f))
        .filter(|n| !n.trim().is_empty())
        .map(str::to_ascii_lowercase)
        .collect();
    let debt_talk = crate::rubric::Triggers {
        signals: vec!["discloses_debt".into(), "states_amount".into()],
        ..Default::default()
    };
    let (Some(first), false) = (call.matches_from(&debt_talk, 0).into_iter().next(), names.is_empty()) else {
        return Outcome::not_applicable();
    };
    let mut out = Outcome::applies();
    let named = call.collector.iter().find_map(|&i| {
        let text = &call.turn(i).text;
        let lowered = text.to_ascii_lowercase();
        names.iter().find_map(|n| lowered.find(n.as_str()).map(|at| (i, at, at + n.len())))
    });
    match named {
        Some((i, start, end)) => {
            let text = &call.turn(i).text;
            let m = Match { turn: i, span: [start, end], evidence: text[start..end].to_string() };
            out.strengths.extend(strength(rule, Some(&m), i));
        }
        None if !call.transcript.finished => return Outcome::not_applicable(),
        None => out.findings.push(finding(rule, None, first.turn)),
    }
    out
}

/// The account note must mention what the rule asks. With no note at all, only a
/// rule that asks for no particular event applies, and only to a finished call
/// that owed a note (a played call, not a phone system's transcript): it reports
/// the missing note once; the others have nothing to read.
fn note(rule: &Rule, call: &ScoredCall, triggers: &crate::rubric::Triggers, notes: &[String]) -> Outcome {
    if notes.is_empty() {
        if !rule.if_event.is_empty() || !call.transcript.finished || !call.transcript.note_expected {
            return Outcome::not_applicable();
        }
        let mut out = Outcome::applies();
        let last = *call.collector.last().expect("collector turns exist");
        out.findings.push(finding(rule, None, last));
        return out;
    }
    let text = notes.join("\n");
    let signal_words = triggers.signals.iter().any(|s| text.to_lowercase().contains(&s.replace('_', " ")));
    let mut out = Outcome::applies();
    let last = *call.collector.last().expect("collector turns exist");
    if signal_words || triggers.patterns.iter().any(|p| p.is_match(&text)) || notes_what_they_told(rule, call, &text) {
        out.strengths.extend(strength(rule, None, last));
    } else {
        out.findings.push(finding(rule, None, last));
    }
    out
}

/// Words every money conversation shares: a note that has them records nothing of
/// what the debtor told.
const ACCOUNT_WORDS: &[&str] = &[
    "money", "payment", "payments", "month", "months", "week", "weeks", "afford", "balance", "account", "card", "bill",
    "bills", "paid", "pays", "paying", "days", "today", "next", "first",
];

/// Whether the note takes up the debtor's own words from a line that carried one of
/// the rule's events ("car repair, needs car for work" after "my car broke down... I
/// need it for work"): a note in the collector's shorthand records it as surely as
/// the rule's own words do.
fn notes_what_they_told(rule: &Rule, call: &ScoredCall, note: &str) -> bool {
    if rule.if_event.is_empty() {
        return false;
    }
    let note_words: Vec<String> =
        crate::signals::words::content_words(note).filter(|w| !ACCOUNT_WORDS.contains(&w.as_str())).collect();
    call.transcript
        .turns
        .iter()
        .filter(|t| {
            t.speaker == crate::transcript::Speaker::Debtor && t.events.iter().any(|e| rule.if_event.contains(e))
        })
        .any(|t| {
            let told = crate::signals::words::WordSet::of(&t.text);
            note_words.iter().any(|w| told.has(w))
        })
}

pub fn finding(rule: &Rule, at: Option<&Match>, turn: usize) -> Finding {
    Finding {
        rule: rule.id.clone(),
        dimension: rule.dimension.name().to_string(),
        severity: rule.severity.name().to_string(),
        turn: turn + 1,
        span: at.map(|m| m.span),
        evidence: at.map(|m| m.evidence.clone()).unwrap_or_default(),
        message: rule.message.clone(),
        better: rule.better.clone(),
        citation: rule.citation.clone(),
        violation: rule.violation.clone(),
        label: rule.label.clone(),
        time: None,
    }
}

/// A strength, if the rule says what doing it right looks like.
pub fn strength(rule: &Rule, at: Option<&Match>, turn: usize) -> Option<Strength> {
    let message = rule.strength.clone()?;
    Some(Strength {
        rule: rule.id.clone(),
        dimension: rule.dimension.name().to_string(),
        turn: turn + 1,
        span: at.map(|m| m.span),
        evidence: at.map(|m| m.evidence.clone()).unwrap_or_default(),
        message,
        time: None,
    })
}
