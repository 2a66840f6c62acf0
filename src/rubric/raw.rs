//! A rubric pack exactly as written (`rubrics/*.yaml`). Every struct refuses unknown
//! keys; `compile.rs` checks names against the lexicon and builds the rules.

use std::collections::BTreeMap;

use serde::Deserialize;

use crate::fields::fields_of;
use crate::scenario::OneOrMany;
use crate::yaml::{Schema, Step};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawRubric {
    pub format: u32,
    pub id: String,
    pub version: u32,
    pub title: String,
    /// `US` or `UK`: the pack is picked for calls in that jurisdiction. None: always.
    #[serde(default)]
    pub jurisdiction: Option<String>,
    /// Overall score a call needs to pass (with no critical finding).
    pub pass_mark: f64,
    /// Weights of this pack's dimensions in the overall score.
    #[serde(default)]
    pub weights: BTreeMap<String, f64>,
    /// Facts every example runs with (a rule's `when:` facts are added).
    #[serde(default)]
    pub example_facts: BTreeMap<String, serde_json::Value>,
    pub rules: Vec<RawRule>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawRule {
    pub id: String,
    pub dimension: String,
    pub severity: String,
    pub kind: String,
    /// Signals that trigger (forbidden), satisfy (required) or start (sequence `then`).
    #[serde(default)]
    pub signals: OneOrMany,
    /// Extra regular expressions, matched case-insensitively like the lexicon's.
    #[serde(default)]
    pub patterns: OneOrMany,
    /// Facts the call must have for the rule to apply; a missing fact: no rule.
    #[serde(default)]
    pub when: BTreeMap<String, serde_json::Value>,
    /// Facts that switch the rule off when present with these values.
    #[serde(default)]
    pub unless: BTreeMap<String, serde_json::Value>,
    /// The rule applies only if one of these debtor events happened.
    #[serde(default)]
    pub if_event: OneOrMany,
    /// The rule does not apply if one of these debtor events happened.
    #[serde(default)]
    pub unless_event: OneOrMany,
    /// required: due by this collector turn (1-based).
    #[serde(default)]
    pub by_turn: Option<usize>,
    /// required: due before the first collector turn carrying one of these signals.
    #[serde(default)]
    pub before: OneOrMany,
    /// conditional: the debtor event that starts the obligation.
    #[serde(default)]
    pub event: OneOrMany,
    /// conditional: within this many collector turns after the event.
    #[serde(default)]
    pub within: Option<usize>,
    /// conditional: one of these signals must follow the event.
    #[serde(default)]
    pub must: OneOrMany,
    /// conditional: none of these signals may follow the event.
    #[serde(default)]
    pub must_not: OneOrMany,
    /// conditional: `must_not` holds only for this many collector turns after the
    /// event (by default, for the rest of the call).
    #[serde(default)]
    pub must_not_within: Option<usize>,
    /// conditional: `must_not` lifts once one of these debtor events happens.
    #[serde(default)]
    pub until_event: OneOrMany,
    /// conditional: the reply must reuse a word from what the debtor disclosed.
    #[serde(default)]
    pub must_reference: bool,
    /// conditional: `must` in the collector turn just before the event counts too
    /// (the open question that drew the disclosure out has already explored it).
    #[serde(default)]
    pub prompt_counts: bool,
    /// sequence: these must come before `signals`.
    #[serde(default)]
    pub first: OneOrMany,
    /// fact_check: `balance`, `fees`, `affordability`, `call_time` or `creditor`.
    #[serde(default)]
    pub check: Option<String>,
    /// metric: `reading_grade`, `sentence_length` or `question_ratio`.
    #[serde(default)]
    pub metric: Option<String>,
    #[serde(default)]
    pub min: Option<f64>,
    #[serde(default)]
    pub max: Option<f64>,
    pub message: String,
    /// What the trainee did well when a required, conditional or sequence rule holds.
    #[serde(default)]
    pub strength: Option<String>,
    pub better: String,
    #[serde(default)]
    pub citation: Option<String>,
    /// The kind of violation this rule reports (`false_threat`, `third_party_disclosure`).
    #[serde(default)]
    pub violation: Option<String>,
    /// The finding in a few words, for a failed call's headline ("threatened arrest").
    #[serde(default)]
    pub label: Option<String>,
    pub examples: RawExamples,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawExamples {
    #[serde(default)]
    pub pass: Vec<String>,
    #[serde(default)]
    pub fail: Vec<String>,
}

pub fn schema() -> Schema {
    use Step::{AnyIndex as I, Key as K};
    vec![
        (vec![], fields_of::<RawRubric>()),
        (vec![K("rules"), I], fields_of::<RawRule>()),
        (vec![K("rules"), I, K("examples")], fields_of::<RawExamples>()),
    ]
}
