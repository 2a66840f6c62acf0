//! The scorecard, exactly DESIGN.md's contract: fields may be added, never renamed.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Scorecard {
    pub source: String,
    pub rubrics: Vec<RubricRef>,
    pub scores: Scores,
    pub passed: bool,
    pub findings: Vec<Finding>,
    pub strengths: Vec<Strength>,
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
}
