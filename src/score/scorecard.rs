//! The scorecard, exactly the contract in README.md (*The scorecard*): fields may be added,
//! never renamed.

use serde::{Deserialize, Serialize};

pub use super::grade::{Component, Grade, TurnGrade};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Scorecard {
    pub source: String,
    pub rubrics: Vec<RubricRef>,
    pub scores: Scores,
    pub passed: bool,
    /// `passed`, `failed`, or `incomplete` (left before its end, or ended before the account was
    /// discussed, so there was too little to pass).
    #[serde(default = "verdict_unknown")]
    pub verdict: String,
    /// One line that says why: "Failed: threatened arrest (turn 6)".
    #[serde(default)]
    pub headline: String,
    pub findings: Vec<Finding>,
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

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RubricRef {
    pub id: String,
    pub version: u32,
    pub sha256: String,
}

/// 0–100 with one decimal; null when the call gave the dimension nothing to judge.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Scores {
    pub empathy: Option<f64>,
    pub clarity: Option<f64>,
    pub negotiation: Option<f64>,
    pub compliance: Option<f64>,
    pub documentation: Option<f64>,
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
    pub rule: String,
    pub dimension: String,
    pub severity: String,
    /// 1-based over all turns; for something missing, where it was due.
    pub turn: usize,
    /// Byte range in that turn's text; null for something missing.
    pub span: Option<[usize; 2]>,
    pub evidence: String,
    pub message: String,
    pub better: String,
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
    pub rule: String,
    pub dimension: String,
    pub turn: usize,
    pub span: Option<[usize; 2]>,
    pub evidence: String,
    pub message: String,
    /// When the turn began in the recording, as for a finding.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub time: Option<String>,
}
