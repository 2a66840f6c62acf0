//! Rubric packs: rules over signals, debtor events, facts and metrics, each with one
//! dimension, a severity that follows the law, a message, a better phrasing, a
//! citation and examples the test suite runs.

mod compile;
pub mod examples;
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
    Empathy,
    Clarity,
    Negotiation,
    Compliance,
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

    pub fn parse(name: &str) -> Option<Dimension> {
        Dimension::ALL.into_iter().find(|d| d.name() == name)
    }
}

/// `critical` fails the call; `major` and `minor` cost points.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Critical,
    Major,
    Minor,
}

impl Severity {
    /// THE list of severities, most serious first.
    pub const ALL: [Severity; 3] = [Severity::Critical, Severity::Major, Severity::Minor];

    pub fn name(self) -> &'static str {
        match self {
            Severity::Critical => "critical",
            Severity::Major => "major",
            Severity::Minor => "minor",
        }
    }

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

#[derive(Debug)]
pub struct Rubric {
    pub id: String,
    pub version: u32,
    pub title: String,
    pub jurisdiction: Option<String>,
    pub pass_mark: f64,
    pub weights: Vec<(Dimension, f64)>,
    pub example_facts: serde_json::Map<String, Value>,
    pub rules: Vec<Rule>,
    pub source: String,
    pub sha256: String,
    /// Every pattern the rules look for in collector turns, in one scanner, so a
    /// turn is read once for all of them (see [`Triggers::scan_ids`]).
    pub(crate) turn_patterns: Option<crate::signals::Scanner>,
}

#[derive(Debug)]
pub struct Rule {
    /// `pack.rule`, e.g. `us-fdcpa.false-threat-arrest`.
    pub id: String,
    pub dimension: Dimension,
    pub severity: Severity,
    pub check: Check,
    pub when: Vec<(String, Value)>,
    pub unless: Vec<(String, Value)>,
    pub if_event: Vec<String>,
    pub unless_event: Vec<String>,
    pub message: String,
    pub strength: Option<String>,
    pub better: String,
    pub citation: Option<String>,
    /// The kind of violation a finding of this rule reports (`false_threat`), so QA
    /// teams can label calls by kind rather than by rule id.
    pub violation: Option<String>,
    /// The finding in a few words, for headlines ("threatened arrest").
    pub label: Option<String>,
    pub pass_examples: Vec<String>,
    pub fail_examples: Vec<String>,
}

/// Signals and extra patterns; either kind of match triggers.
#[derive(Debug, Default)]
pub struct Triggers {
    pub signals: Vec<String>,
    pub patterns: Vec<Regex>,
    /// Where each of `patterns` sits in the rubric's `turn_patterns`, for triggers
    /// looked for in collector turns.
    pub(crate) scan_ids: Vec<usize>,
}

#[derive(Debug)]
pub enum Check {
    /// Never say this.
    Forbidden(Triggers),
    /// Say this by collector turn N, or before the first turn carrying an anchor.
    Required { triggers: Triggers, by_turn: Option<usize>, before: Vec<String> },
    /// After a debtor event: do `must` within `within` turns; never `must_not` after.
    Conditional {
        events: Vec<String>,
        within: usize,
        must: Triggers,
        must_not: Triggers,
        /// How many collector turns after the event `must_not` holds for (None: all).
        must_not_within: Option<usize>,
        until: Vec<String>,
        must_reference: bool,
        /// `must` in the collector turn that drew the event out counts too.
        prompt_counts: bool,
    },
    /// `first` must come before `then`.
    Sequence { first: Vec<String>, then: Triggers },
    /// What the collector states must match the account facts.
    FactCheck(FactCheck),
    /// A measure of the collector's own words.
    Metric { metric: Metric, min: Option<f64>, max: Option<f64> },
    /// The account note must mention this.
    Note(Triggers),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FactCheck {
    Balance,
    Fees,
    /// No plan above what the debtor said they can pay.
    Affordability,
    /// The call falls between 8 a.m. and 9 p.m. at the consumer.
    CallTime,
    /// Whoever discusses the debt says whom it is owed to.
    Creditor,
    /// No discount beyond the settlement the creditor authorised.
    Concession,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Metric {
    ReadingGrade,
    SentenceLength,
    QuestionRatio,
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
