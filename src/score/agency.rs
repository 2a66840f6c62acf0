//! The company a collector names as their own must be the agency on the account:
//! "Sam from Apex Recovery" when the account is Ridgeline Recovery's is a false
//! business name (15 U.S.C. 1692e(14); 12 CFR 1006.18(d)), however truthful the
//! rest of the call. Only self-introductions count ("this is Sam from...",
//! "calling from...", "we're..."), so a company the collector mentions ("a letter
//! from Apex Collections") is not taken for their own.

use std::sync::LazyLock;

use regex::Regex;

use super::call::{Match, ScoredCall};
use super::rules::{Outcome, finding, strength};
use crate::facts::Facts;
use crate::rubric::Rule;

/// A self-introduction naming a company: the name is the capture, ending in a
/// word companies in this trade are named with.
static NAMED_SELF: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)\b(?:(?:this is|i'm|i am|it's|my name is)\b[^.?!,;]{0,25}?\b(?:from|with|at)|(?:calling|ringing|phoning)(?: you)? (?:from|with)|(?:we're|we are))\s+((?:[a-z0-9&'-]+\s+){0,3}?(?:recovery|recoveries|collections?|solutions|services|financial|credit|associates|group|partners|agency|management|capital|receivables|llc|ltd|inc))\b",
    )
    .expect("valid regex")
});

/// Words that make the capture a description, not a name ("from the collections team").
const NOT_A_NAME: &[&str] = &["the", "a", "an", "our", "your", "their", "his", "her", "this", "that", "debt"];

/// Lowercased words of a name, so "Ridgeline  Recovery" and "ridgeline recovery" agree.
fn words(name: &str) -> Vec<String> {
    name.split_whitespace().map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()).to_lowercase()).collect()
}

/// Whether the named company is the agency: one name's words run inside the other's
/// ("Ridgeline" for "Ridgeline Recovery LLC").
fn same_company(named: &[String], agency: &[String]) -> bool {
    let (short, long) = if named.len() <= agency.len() { (named, agency) } else { (agency, named) };
    !short.is_empty() && long.windows(short.len()).any(|w| w == short)
}

/// Every company the collector introduces themselves as, checked against `agency`.
pub fn agency(rule: &Rule, call: &ScoredCall, facts: &Facts) -> Outcome {
    let Some(agency) = facts.text("agency").map(words).filter(|w| !w.is_empty()) else {
        return Outcome::not_applicable();
    };
    let mut out = Outcome::not_applicable();
    for &i in &call.collector {
        let text = &call.turn(i).text;
        for captures in NAMED_SELF.captures_iter(text) {
            let Some(name) = captures.get(1) else { continue };
            let named = words(name.as_str());
            if named.first().is_some_and(|w| NOT_A_NAME.contains(&w.as_str())) {
                continue;
            }
            let m = Match { turn: i, span: [name.start(), name.end()], evidence: name.as_str().to_string() };
            out.applicable = true;
            // The same brand with another ending ("Ridgeline Collections") is not a false name.
            if same_company(&named, &agency) || named.first() == agency.first() {
                out.strengths.extend(strength(rule, Some(&m), i));
            } else {
                out.findings.push(finding(rule, Some(&m), i));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(text: &str) -> Vec<String> {
        NAMED_SELF.captures_iter(text).filter_map(|c| c.get(1)).map(|m| m.as_str().to_string()).collect()
    }

    #[test]
    fn only_a_self_introduction_names_the_collectors_company() {
        assert_eq!(names("Hi, this is Sam from Apex Recovery."), ["Apex Recovery"]);
        assert_eq!(names("i'm calling from lakeshore recovery about your card"), ["lakeshore recovery"]);
        assert!(names("You had a letter from Apex Collections last year.").is_empty());
        assert_eq!(names("This is Sam from the collections team."), ["the collections"]);
    }

    #[test]
    fn a_shortened_or_differently_spaced_name_is_the_same_company() {
        let agency = words("Ridgeline Recovery LLC");
        assert!(same_company(&words("Ridgeline  Recovery"), &agency));
        assert!(!same_company(&words("Apex Recovery"), &agency));
    }
}
