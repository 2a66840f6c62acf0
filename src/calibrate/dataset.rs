//! A calibration set as a QA team writes it (the format of the project's own
//! `tests/data/judgement.yaml`): single collector turns labelled by act, pairs of
//! replies where a trainer prefers one, and short calls with their violations
//! marked by turn; optionally, debtor lines labelled by the bid they make.

use std::collections::BTreeMap;

use serde::Deserialize;
use serde_json::Value;

use crate::diagnostic::Diagnostic;
use crate::source::SourceFile;
use crate::yaml::{self, Step};

/// A calibration file: labelled acts, reply pairs and calls (the format of `tests/data/judgement.yaml`).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Dataset {
    /// The format's version (1).
    pub version: u32,
    /// Act name → labelled turns.
    #[serde(default)]
    pub acts: BTreeMap<String, Vec<ActItem>>,
    /// Debtor event name → labelled debtor lines (a disclosure heard or not is what
    /// the empathy grade weighs first). `context` is the collector's line before.
    #[serde(default)]
    pub bids: BTreeMap<String, Vec<ActItem>>,
    /// Reply pairs, one preferred over the other.
    #[serde(default)]
    pub pairs: Vec<Pair>,
    /// Short calls with their violations marked.
    #[serde(default)]
    pub calls: Vec<LabelledCall>,
}

/// One collector turn, labelled for one act.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ActItem {
    /// A stable id; `--part` splits tune and check items by its number.
    pub id: String,
    /// The debtor's line before it; may start with who is speaking, "(roommate) ...".
    #[serde(default)]
    pub context: String,
    /// The collector's turn being judged.
    pub text: String,
    /// True when the turn performs the act.
    pub label: bool,
    /// Why a negative is negative.
    #[serde(default)]
    pub note: Option<String>,
    /// Tags such as `asr` (speech-to-text style).
    #[serde(default)]
    pub tags: Vec<String>,
    /// Account facts the turn is judged with.
    #[serde(default)]
    pub facts: BTreeMap<String, Value>,
}

/// Two replies to the same context; a trainer prefers `better` on `dimension`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Pair {
    /// A stable id.
    pub id: String,
    /// The dimension the pair is about (`empathy`, `clarity`, `negotiation`).
    pub dimension: String,
    /// Lines starting `Debtor:` or `Collector:`.
    #[serde(default)]
    pub context: String,
    /// The reply a trainer prefers.
    pub better: String,
    /// The other reply.
    pub worse: String,
    /// Why it is better.
    #[serde(default)]
    pub why: Option<String>,
    /// Account facts the replies are judged with.
    #[serde(default)]
    pub facts: BTreeMap<String, Value>,
}

/// A short call, with the violations a reviewer found in it.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LabelledCall {
    /// A stable id.
    pub id: String,
    /// What happens in the call.
    #[serde(default)]
    pub title: Option<String>,
    /// Account facts the call is scored with.
    #[serde(default)]
    pub facts: BTreeMap<String, Value>,
    /// Lines starting `Collector:` or `Debtor:`.
    pub lines: Vec<String>,
    /// Violation kinds (or rule ids) in the call; empty for a clean call.
    #[serde(default)]
    pub expect: Vec<String>,
    /// Where each violation happens.
    #[serde(default)]
    pub marks: Vec<Mark>,
    /// A reviewer's note.
    #[serde(default)]
    pub note: Option<String>,
    /// For a clean call, what makes it look like a violation.
    #[serde(default)]
    pub hard_because: Option<String>,
}

/// Where a violation happens: a kind (or rule id) and a 1-based line of the call.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Mark {
    /// The violation kind (`false_threat`) or rule id.
    pub kind: String,
    /// The 1-based line of the call.
    pub turn: usize,
}

fn schema() -> yaml::Schema {
    use Step::{AnyIndex as I, AnyKey as A, Key as K};
    vec![
        (vec![], crate::fields::fields_of::<Dataset>()),
        (vec![K("acts"), A, I], crate::fields::fields_of::<ActItem>()),
        (vec![K("bids"), A, I], crate::fields::fields_of::<ActItem>()),
        (vec![K("pairs"), I], crate::fields::fields_of::<Pair>()),
        (vec![K("calls"), I], crate::fields::fields_of::<LabelledCall>()),
        (vec![K("calls"), I, K("marks"), I], crate::fields::fields_of::<Mark>()),
    ]
}

/// Reads a calibration file; every problem is located in it.
pub fn load(file: &SourceFile) -> Result<Dataset, Vec<Diagnostic>> {
    let (dataset, locator) = yaml::parse_with_schema::<Dataset>(file, &schema())?;
    let mut problems = Vec::new();
    if dataset.version != 1 {
        let pos = locator.value(&crate::ypath!["version"]);
        problems.push(
            Diagnostic::error(file, pos, "unsupported calibration file version")
                .with_help("this version of collectsim reads `version: 1`"),
        );
    }
    for (i, pair) in dataset.pairs.iter().enumerate() {
        if crate::rubric::Dimension::parse(&pair.dimension).is_none() {
            let pos = locator.value(&crate::ypath!["pairs", i, "dimension"]);
            let names = crate::rubric::Dimension::ALL.map(|d| d.name());
            problems.push(
                Diagnostic::error(file, pos, format!("unknown dimension `{}`", pair.dimension))
                    .with_help(crate::suggest::help_for(&pair.dimension, names.iter().copied(), "dimensions")),
            );
        }
    }
    for (i, call) in dataset.calls.iter().enumerate() {
        for (m, mark) in call.marks.iter().enumerate() {
            if mark.turn == 0 || mark.turn > call.lines.len() {
                let pos = locator.value(&crate::ypath!["calls", i, "marks", m, "turn"]);
                problems.push(
                    Diagnostic::error(file, pos, format!("turn {} is not a line of `{}`", mark.turn, call.id))
                        .with_help(format!("turns count the call's lines from 1 to {}", call.lines.len())),
                );
            }
        }
    }
    if problems.is_empty() { Ok(dataset) } else { Err(problems) }
}

/// Which part of a file to use: the project splits its own set into a part that
/// patterns may be tuned on and a part kept unseen for checking them. An item is
/// in the check part when the number its id ends with is a multiple of four.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part {
    /// Every item.
    All,
    /// Items whose id's number is not a multiple of four (looked at while writing patterns).
    Tune,
    /// Items whose id's number is a multiple of four (kept unseen).
    Check,
}

impl Part {
    /// Whether the item with this id belongs to this part.
    pub fn includes(self, id: &str) -> bool {
        let digits: String = id.chars().rev().take_while(char::is_ascii_digit).collect();
        let number: u64 = digits.chars().rev().collect::<String>().parse().unwrap_or(1);
        match self {
            Part::All => true,
            Part::Check => number % 4 == 0,
            Part::Tune => number % 4 != 0,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Part;

    #[test]
    fn every_fourth_item_is_kept_for_checking() {
        assert!(Part::Check.includes("ack-p04") && Part::Check.includes("call-12"));
        assert!(Part::Tune.includes("ack-n01") && !Part::Tune.includes("emp-08"));
        assert!(Part::All.includes("anything"));
    }
}
