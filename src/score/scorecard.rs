//! The scorecard, exactly the contract in README.md (*The scorecard*): fields may be added,
//! never renamed.

use serde::{Deserialize, Serialize};

pub use super::grade::{Component, Grade, TurnGrade};

/// A call's scores, verdict, findings and strengths, as `score`, the coach and `report` give it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Scorecard {
    /// What was scored: a session id, a transcript path.
    pub source: String,
    /// The rubric packs used, with their versions and hashes.
    pub rubrics: Vec<RubricRef>,
    /// The score of each dimension and overall.
    pub scores: Scores,
    /// Whether the call passed.
    pub passed: bool,
    /// `passed`, `failed`, or `incomplete` (left before its end, or ended before the account was
    /// discussed, so there was too little to pass).
    #[serde(default = "verdict_unknown")]
    pub verdict: String,
    /// One line that says why: "Failed: threatened arrest (turn 6)".
    #[serde(default)]
    pub headline: String,
    /// What went wrong, most serious first.
    pub findings: Vec<Finding>,
    /// What went well.
    pub strengths: Vec<Strength>,
    /// Every collector turn's grades with the components behind them.
    #[serde(default)]
    pub turns: Vec<TurnGrade>,
    /// Which speaker was taken as the collector, when the transcript's labels did
    /// not say (`Speaker 0`, `spk_1`): chosen with `--agent` or inferred, and why.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub agent: Option<crate::transcript::AgentChoice>,
}

fn verdict_unknown() -> String {
    String::new()
}

/// A rubric pack as a scorecard records it, so a score can be traced to the rules that gave it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RubricRef {
    /// The pack's id.
    pub id: String,
    /// The pack's version.
    pub version: u32,
    /// SHA-256 of the pack's file.
    pub sha256: String,
}

/// 0–100 with one decimal; null when the call gave the dimension nothing to judge.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Scores {
    /// Empathy.
    pub empathy: Option<f64>,
    /// Clarity.
    pub clarity: Option<f64>,
    /// Negotiation.
    pub negotiation: Option<f64>,
    /// Compliance.
    pub compliance: Option<f64>,
    /// Documentation (the account note).
    pub documentation: Option<f64>,
    /// The dimensions weighted by the packs' weights.
    pub overall: Option<f64>,
}

impl Scores {
    /// The score of one dimension.
    pub fn get(&self, dimension: crate::rubric::Dimension) -> Option<f64> {
        use crate::rubric::Dimension;
        match dimension {
            Dimension::Empathy => self.empathy,
            Dimension::Clarity => self.clarity,
            Dimension::Negotiation => self.negotiation,
            Dimension::Compliance => self.compliance,
            Dimension::Documentation => self.documentation,
        }
    }
}

/// Something the collector did wrong (or failed to do), traced to its words.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Finding {
    /// The rule's id (`us-fdcpa.false-threat-arrest`).
    pub rule: String,
    /// The dimension it counts against.
    pub dimension: String,
    /// `critical`, `major` or `minor`.
    pub severity: String,
    /// 1-based over all turns; for something missing, where it was due.
    pub turn: usize,
    /// Byte range in that turn's text; null for something missing.
    pub span: Option<[usize; 2]>,
    /// The words that triggered it (empty for something missing).
    pub evidence: String,
    /// What went wrong, for the trainee.
    pub message: String,
    /// A better phrasing, filled from the call's facts.
    pub better: String,
    /// The law or guidance the rule follows.
    pub citation: Option<String>,
    /// The kind of violation, for compliance rules that name one (`false_threat`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub violation: Option<String>,
    /// The finding in a few words ("threatened arrest"), for headlines.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
    /// When the turn began in the recording (`00:01:42`), where the transcript
    /// had times, so a QA analyst can jump to the audio.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub time: Option<String>,
}

/// Something the collector did well, traced to its words.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Strength {
    /// The rule's id.
    pub rule: String,
    /// The dimension it counts for.
    pub dimension: String,
    /// 1-based over all turns.
    pub turn: usize,
    /// Byte range in that turn's text.
    pub span: Option<[usize; 2]>,
    /// The words that did it.
    pub evidence: String,
    /// What went well, for the trainee.
    pub message: String,
    /// When the turn began in the recording, as for a finding.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub time: Option<String>,
}
