//! The verdict a trainee can trust: a critical finding fails the call and says so
//! in the headline ("Failed: threatened arrest (turn 6)"); a call left before its end,
//! or that ended before the account was discussed, is incomplete, not passed;
//! otherwise the overall score against the pass mark decides.

use super::scorecard::{Finding, Scores};
use crate::transcript::{Speaker, Transcript};

/// Compliance with one critical finding is held to this; with two or more, to half.
const COMPLIANCE_CAP_CRITICAL: f64 = 40.0;
/// The overall score of a call with a critical finding is held below this.
const OVERALL_CAP_CRITICAL: f64 = 50.0;

pub struct Judged {
    pub passed: bool,
    pub verdict: String,
    pub headline: String,
}

/// Decides the verdict and caps the scores a critical finding must lower.
/// `collecting` says whether the conversation is a collection call (judged under a
/// jurisdiction's pack, or with a balance on file): only a collection call can end
/// before its account was discussed.
pub fn judge(
    scores: &mut Scores,
    findings: &[Finding],
    transcript: &Transcript,
    pass_mark: f64,
    collecting: bool,
) -> Judged {
    let critical: Vec<&Finding> = findings.iter().filter(|f| f.severity == "critical").collect();
    if let Some(first) = critical.first() {
        let cap = if critical.len() > 1 { COMPLIANCE_CAP_CRITICAL / 2.0 } else { COMPLIANCE_CAP_CRITICAL };
        scores.compliance = Some(scores.compliance.map_or(cap, |c| c.min(cap)));
        scores.overall = scores.overall.map(|o| o.min(OVERALL_CAP_CRITICAL));
        let more = match critical.len() {
            1 => String::new(),
            n => format!(", and {} more critical finding{}", n - 1, if n == 2 { "" } else { "s" }),
        };
        return Judged {
            passed: false,
            verdict: "failed".into(),
            headline: format!("Failed: {} (turn {}){more}", label(first), first.turn),
        };
    }
    if !transcript.finished {
        // Left before its ending (a trainee's `:quit`, a crash): what was said is
        // scored, but a call nobody finished is not a pass.
        return Judged {
            passed: false,
            verdict: "incomplete".into(),
            headline: "Incomplete: the call was left before its end (scored as far as it went)".into(),
        };
    }
    if is_incomplete(transcript, collecting) {
        return Judged {
            passed: false,
            verdict: "incomplete".into(),
            headline: "Incomplete: the call ended before the account was discussed".into(),
        };
    }
    let overall = scores.overall.unwrap_or(0.0);
    if overall >= pass_mark {
        return Judged { passed: true, verdict: "passed".into(), headline: format!("Passed: overall {overall:.1}") };
    }
    let weakest =
        weakest_dimension(scores).map(|(name, value)| format!("; weakest: {name} {value:.1}")).unwrap_or_default();
    let major = findings.iter().find(|f| f.severity == "major").map(|f| format!("; {} (turn {})", label(f), f.turn));
    Judged {
        passed: false,
        verdict: "failed".into(),
        headline: format!(
            "Failed: overall {overall:.1} is below the pass mark of {pass_mark:.0}{}",
            major.unwrap_or(weakest)
        ),
    }
}

/// A finding as a short phrase: its rule's label, else the rule's name in words.
pub fn label(finding: &Finding) -> String {
    if let Some(label) = finding.label.as_deref().filter(|l| !l.is_empty()) {
        return label.to_string();
    }
    let rule = finding.rule.split_once('.').map_or(finding.rule.as_str(), |(_, r)| r);
    rule.replace('-', " ")
}

fn weakest_dimension(scores: &Scores) -> Option<(&'static str, f64)> {
    crate::rubric::Dimension::ALL
        .into_iter()
        .filter_map(|d| scores.get(d).map(|v| (d.name(), v)))
        .min_by(|a, b| a.1.total_cmp(&b.1))
}

/// Events after which a call rightly ends without discussing the account.
const ENDS_WITHOUT_THE_ACCOUNT: &[&str] = &[
    "wrong_party",
    "third_party_answering",
    "consumer_absent",
    "attorney_represented",
    "cease_request",
    "inconvenient_time",
    "workplace_prohibits",
    "medium_opt_out",
    "wants_to_end_call",
    "disputes_debt",
];

/// Signals and acts that discuss the account.
const DISCUSSES_THE_ACCOUNT: &[&str] = &[
    "discloses_debt",
    "states_amount",
    "mini_miranda",
    "states_collection_purpose",
    "debt_collector_disclosure",
    "offers_plan",
    "asks_ability_to_pay",
    "payment_demand",
    "demands_full_payment",
    "confirms_terms",
    "explains_debt_origin",
];

/// Signals of a collection call's opening: asking for the consumer, naming the agency.
const OPENS_A_COLLECTION_CALL: &[&str] = &["verifies_identity", "identifies_company", "collector_company_named"];

/// A conversation shorter than this many helper turns is judged as a call cut short
/// whatever it was about.
const TURNS_TO_BE_A_CONVERSATION: usize = 3;

/// Whether the call stopped before the account was discussed, with nothing that
/// would make stopping right (a third party, an attorney, a bad time...).
/// A conversation that never was a collection call - a counselling session a QA
/// team scores for its listening, with no account, no money and no collection
/// opening - had no account to reach: it is judged on its scores (a rated
/// counselling session, stop 37, was "Incomplete: ended before the account was
/// discussed"). One cut short after a line or two stays incomplete.
pub fn is_incomplete(transcript: &Transcript, collecting: bool) -> bool {
    let collector: Vec<_> = transcript.turns.iter().filter(|t| t.speaker == Speaker::Collector).collect();
    let opens_a_call =
        collector.iter().any(|t| t.signals.iter().any(|h| OPENS_A_COLLECTION_CALL.contains(&h.id.as_str())));
    if !collecting && !opens_a_call && collector.len() >= TURNS_TO_BE_A_CONVERSATION {
        return false;
    }
    let discussed = collector.iter().any(|t| t.signals.iter().any(|h| DISCUSSES_THE_ACCOUNT.contains(&h.id.as_str())));
    let excused =
        transcript.turns.iter().any(|t| t.events.iter().any(|e| ENDS_WITHOUT_THE_ACCOUNT.contains(&e.as_str())))
            || transcript.facts.text("on_line").is_some_and(|who| who != "consumer");
    !discussed && !excused
}
