//! Rubric packs: rules over signals, debtor events, facts and metrics, each with one
//! dimension, a severity that follows the law, a message, a better phrasing, a
//! citation and examples the test suite runs.

mod compile;
pub mod examples;
pub mod kind;
pub mod library;
pub(crate) mod raw;

use regex::Regex;
use serde::Serialize;
use serde_json::Value;

pub use compile::{check_examples, load};

/// What a rule judges. Compliance is what the law requires or forbids in the call.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Dimension {
    /// Responding to what the debtor feels and is going through.
    Empathy,
    /// Plain, specific words the debtor can follow.
    Clarity,
    /// Finding out, proposing and agreeing an affordable way forward.
    Negotiation,
    /// What the law requires or forbids in the call.
    Compliance,
    /// The account note the collector leaves.
    Documentation,
}

impl Dimension {
    /// THE list of dimensions, in the order every scorecard, report, schema and table
    /// shows them: iterate this rather than spelling the names out.
    pub const ALL: [Dimension; 5] = [
        Dimension::Empathy,
        Dimension::Clarity,
        Dimension::Negotiation,
        Dimension::Compliance,
        Dimension::Documentation,
    ];

    /// The skills, graded turn by turn (the others are judged by rules alone).
    pub const SKILLS: [Dimension; 3] = [Dimension::Empathy, Dimension::Clarity, Dimension::Negotiation];

    /// Every dimension's name, in order (for schemas, did-you-mean and table headers).
    pub fn names() -> [&'static str; 5] {
        Dimension::ALL.map(Dimension::name)
    }

    /// The dimension's name as files and reports spell it (`empathy`).
    pub fn name(self) -> &'static str {
        match self {
            Dimension::Empathy => "empathy",
            Dimension::Clarity => "clarity",
            Dimension::Negotiation => "negotiation",
            Dimension::Compliance => "compliance",
            Dimension::Documentation => "documentation",
        }
    }

    /// Compliance and documentation are scored by their rules alone, a rule that
    /// held counting as held; the skills come from graded turns.
    pub fn is_legal_or_record(self) -> bool {
        matches!(self, Dimension::Compliance | Dimension::Documentation)
    }

    /// The dimension with this name.
    pub fn parse(name: &str) -> Option<Dimension> {
        Dimension::ALL.into_iter().find(|d| d.name() == name)
    }
}

/// `critical` fails the call; `major` and `minor` cost points.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Forbidden by law and serious: fails the call.
    Critical,
    /// Required or forbidden by law in this call.
    Major,
    /// Best practice.
    Minor,
}

impl Severity {
    /// THE list of severities, most serious first.
    pub const ALL: [Severity; 3] = [Severity::Critical, Severity::Major, Severity::Minor];

    /// The severity's name as files and reports spell it (`major`).
    pub fn name(self) -> &'static str {
        match self {
            Severity::Critical => "critical",
            Severity::Major => "major",
            Severity::Minor => "minor",
        }
    }

    /// The severity with this name.
    pub fn parse(name: &str) -> Option<Severity> {
        Severity::ALL.into_iter().find(|s| s.name() == name)
    }

    /// How much a rule of this severity counts in its dimension's score.
    pub fn weight(self) -> f64 {
        match self {
            Severity::Critical => 3.0,
            Severity::Major => 2.0,
            Severity::Minor => 1.0,
        }
    }
}

/// A rubric pack compiled: its rules, weights and pass mark.
#[derive(Debug)]
pub struct Rubric {
    /// The pack's id (`us-fdcpa`), the first part of its rule ids.
    pub id: String,
    /// The pack's version, recorded in every scorecard.
    pub version: u32,
    /// The pack's title.
    pub title: String,
    /// `US` or `UK`; none applies everywhere.
    pub jurisdiction: Option<String>,
    /// The overall score a call needs to pass.
    pub pass_mark: f64,
    /// How much each dimension counts towards the overall score.
    pub weights: Vec<(Dimension, f64)>,
    /// Facts the rules' examples are scored with.
    pub example_facts: serde_json::Map<String, Value>,
    /// The rules, in file order.
    pub rules: Vec<Rule>,
    /// Where the pack came from (a path, or `builtin:rubrics/x.yaml`).
    pub source: String,
    /// SHA-256 of the file's bytes, recorded in every scorecard.
    pub sha256: String,
    /// Every pattern the rules look for in collector turns, in one scanner, so a
    /// turn is read once for all of them (see [`Triggers::scan_ids`]).
    pub(crate) turn_patterns: Option<crate::signals::Scanner>,
}

/// One rule: what it checks, when it applies, and what to tell the trainee.
#[derive(Debug)]
pub struct Rule {
    /// `pack.rule`, e.g. `us-fdcpa.false-threat-arrest`.
    pub id: String,
    /// The dimension a finding counts against.
    pub dimension: Dimension,
    /// How much the law cares.
    pub severity: Severity,
    /// What the rule checks.
    pub check: Check,
    /// Facts that must hold for the rule to apply.
    pub when: Vec<(String, Value)>,
    /// Facts under which the rule does not apply.
    pub unless: Vec<(String, Value)>,
    /// Debtor events, any of which must have happened for the rule to apply.
    pub if_event: Vec<String>,
    /// Debtor events after which the rule no longer applies.
    pub unless_event: Vec<String>,
    /// What a finding tells the trainee.
    pub message: String,
    /// What a strength says when the rule is met well, if it gives credit.
    pub strength: Option<String>,
    /// A better phrasing, filled from the call's facts.
    pub better: String,
    /// The law or guidance the rule follows (`12 CFR 1006.14(b)`).
    pub citation: Option<String>,
    /// The kind of violation a finding of this rule reports (`false_threat`), so QA
    /// teams can label calls by kind rather than by rule id.
    pub violation: Option<String>,
    /// The finding in a few words, for headlines ("threatened arrest").
    pub label: Option<String>,
    /// Calls the rule must pass, run by `cargo test` and `collectsim validate`.
    pub pass_examples: Vec<String>,
    /// Calls the rule must fail.
    pub fail_examples: Vec<String>,
}

/// Signals and extra patterns; either kind of match triggers.
#[derive(Debug, Default)]
pub struct Triggers {
    /// Signal, act or cue ids from the lexicon.
    pub signals: Vec<String>,
    /// The rule's own patterns.
    pub patterns: Vec<Regex>,
    /// Where each of `patterns` sits in the rubric's `turn_patterns`, for triggers
    /// looked for in collector turns.
    pub(crate) scan_ids: Vec<usize>,
}

/// What a rule checks, one kind per variant with its own keys.
#[derive(Debug)]
pub enum Check {
    /// Never say this.
    Forbidden(Triggers),
    /// Say this by collector turn N, or before the first turn carrying an anchor.
    Required {
        /// What must be said.
        triggers: Triggers,
        /// The collector turn it must come by.
        by_turn: Option<usize>,
        /// Cues it must come before.
        before: Vec<String>,
    },
    /// After a debtor event: do `must` within `within` turns; never `must_not` after.
    Conditional {
        /// The debtor events that start the clock.
        events: Vec<String>,
        /// How many collector turns `must` has.
        within: usize,
        /// What the collector must do after the event.
        must: Triggers,
        /// What the collector must not do after the event.
        must_not: Triggers,
        /// How many collector turns after the event `must_not` holds for (None: all).
        must_not_within: Option<usize>,
        /// Collector cues that end the obligation.
        until: Vec<String>,
        /// `must` must also refer to what the debtor said.
        must_reference: bool,
        /// `must` in the collector turn that drew the event out counts too.
        prompt_counts: bool,
    },
    /// `first` must come before `then`.
    Sequence {
        /// What must come first.
        first: Vec<String>,
        /// What may only follow it.
        then: Triggers,
    },
    /// What the collector states must match the account facts.
    FactCheck(FactCheck),
    /// A measure of the collector's own words.
    Metric {
        /// Which measure.
        metric: Metric,
        /// The least it may be.
        min: Option<f64>,
        /// The most it may be.
        max: Option<f64>,
    },
    /// The account note must mention this.
    Note(Triggers),
}

/// A check of what the collector states against the account's facts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FactCheck {
    /// A balance said must be the balance.
    Balance,
    /// A fee said must be one the account allows.
    Fees,
    /// No plan above what the debtor said they can pay.
    Affordability,
    /// The call falls between 8 a.m. and 9 p.m. at the consumer.
    CallTime,
    /// Whoever discusses the debt says whom it is owed to.
    Creditor,
    /// No discount beyond the settlement the creditor authorised.
    Concession,
    /// A company the collector introduces themselves as must be the agency.
    Agency,
    /// No sum of half the balance or more asked for at once (CONC 7.3.10 R).
    LumpShare,
}

/// A measure of the collector's own words.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Metric {
    /// The reading grade of the collector's words.
    ReadingGrade,
    /// Words per sentence.
    SentenceLength,
    /// The share of collector turns that ask a question.
    QuestionRatio,
}

impl FactCheck {
    /// Every fact check, with its name as rubric files spell it (`check: balance`).
    pub const ALL: [(FactCheck, &'static str); 8] = [
        (FactCheck::Balance, "balance"),
        (FactCheck::Fees, "fees"),
        (FactCheck::Affordability, "affordability"),
        (FactCheck::CallTime, "call_time"),
        (FactCheck::Creditor, "creditor"),
        (FactCheck::Concession, "concession"),
        (FactCheck::Agency, "agency"),
        (FactCheck::LumpShare, "lump_share"),
    ];

    /// The fact check with this name.
    pub fn parse(name: &str) -> Option<FactCheck> {
        FactCheck::ALL.iter().find(|(_, n)| *n == name).map(|(check, _)| *check)
    }
}

impl Metric {
    /// Every metric, with its name as rubric files spell it (`metric: reading_grade`).
    pub const ALL: [(Metric, &'static str); 3] = [
        (Metric::ReadingGrade, "reading_grade"),
        (Metric::SentenceLength, "sentence_length"),
        (Metric::QuestionRatio, "question_ratio"),
    ];

    /// The metric with this name.
    pub fn parse(name: &str) -> Option<Metric> {
        Metric::ALL.iter().find(|(_, n)| *n == name).map(|(metric, _)| *metric)
    }
}

impl Rubric {
    /// Whether this pack applies to a call in `jurisdiction`.
    pub fn applies_to(&self, jurisdiction: Option<&str>) -> bool {
        match (&self.jurisdiction, jurisdiction) {
            (None, _) => true,
            (Some(mine), Some(theirs)) => mine.eq_ignore_ascii_case(theirs),
            (Some(mine), None) => mine == "US",
        }
    }
}
