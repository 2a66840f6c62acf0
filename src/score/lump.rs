//! A large part of the balance asked for at once. Under CONC 7.3.10 R a firm must
//! not press a customer to pay "in one or a few instalments ... or in unreasonably
//! large amounts": "if you can get £1,500 together by the end of the month, we'll
//! spread the rest" on a £2,100 balance asks for most of it in one go, though it
//! never says "in full". Which sums are large is known only from the balance, so
//! this is a fact check, not a pattern.

use std::sync::LazyLock;

use regex::Regex;

use super::call::{Match, ScoredCall};
use super::rules::{Outcome, finding};
use crate::facts::Facts;
use crate::rubric::Rule;
use crate::transcript::Speaker;

/// The share of the balance from which one sum is unreasonably large.
const LARGE_SHARE: f64 = 0.5;

/// Words that make a sum one payment by a time, not a monthly figure: "together",
/// "up front", "by the end of the month", "before we...", "first".
static AT_ONCE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)\b(?:together|up ?front|in one go|in one payment|as a lump sum|a lump sum|lump|first|straight away|today|now|tonight|by (?:the end of|(?:your |my |their |the )?(?:next )?pay ?day|friday|monday|tuesday|wednesday|thursday|saturday|sunday|tomorrow|next|the \d|\d)|within|before (?:we|i|a plan|any plan|an arrangement|the end))\b",
    )
    .expect("valid regex")
});

/// Words in the sentence that make a large sum a settlement for less.
static SETTLEMENT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:settle|settlement|off|discount|instead of|rather than)\b|%").expect("valid regex")
});

/// Words just after a sum that make it a regular payment ("£50 a month").
static REGULAR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^\W{0,3}(?:(?:a|per|each|every) (?:month|week|fortnight)|monthly|weekly|fortnightly)\b")
        .expect("valid regex")
});

/// Each collector sentence that asks for at least half the balance at once, unless
/// the debtor named that much themselves or asked to settle. The whole balance
/// named as its figure ("the six hundred and forty sorting by your next payday")
/// counts too: it says "in full" without the words the patterns hear.
pub fn lump_share(rule: &Rule, call: &ScoredCall, facts: &Facts) -> Outcome {
    let Some(balance) = facts.number("balance").filter(|b| *b > 0.0) else {
        return Outcome::not_applicable();
    };
    let mut out = Outcome::applies();
    let answered_after = first_offer_or_ask(call, balance);
    // Collector turns come in order: once the debtor has named that much or asked
    // to settle, every later large sum answers them.
    for &i in call.collector.iter().take_while(|&&i| answered_after.is_none_or(|d| i < d)) {
        let text = &call.turn(i).text;
        for (start, end) in crate::signals::sentences(text) {
            let sentence = &text[start..end];
            if !AT_ONCE.is_match(sentence) || SETTLEMENT.is_match(sentence) {
                continue;
            }
            let large = crate::signals::amounts::amounts(sentence).into_iter().find(|(value, [from, to])| {
                *value >= balance * LARGE_SHARE
                    && *value <= balance + 0.005
                    && !super::grade::negotiation::stated_as_balance(sentence, *from)
                    && !REGULAR.is_match(&sentence[*to..])
            });
            if let Some((_, [from, to])) = large {
                let span = [start + from, start + to];
                let m = Match { turn: i, span, evidence: text[span[0]..span[1]].to_string() };
                out.findings.push(finding(rule, Some(&m), i));
            }
        }
    }
    out
}

/// The first debtor turn that named a sum of this size or asked to settle or
/// reduce: a large sum after it answers them. Found once per call, not once per
/// collector turn.
fn first_offer_or_ask(call: &ScoredCall, balance: f64) -> Option<usize> {
    call.transcript.turns.iter().position(|t| {
        t.speaker == Speaker::Debtor
            && (t.events.iter().any(|e| e == "asks_reduction")
                || crate::signals::amounts::amounts(&t.text).iter().any(|(v, _)| *v >= balance * LARGE_SHARE))
    })
}
