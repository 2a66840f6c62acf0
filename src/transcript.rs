//! The turns of a call, as the engine records them and as the session file stores
//! them: what was said, at which node, what it did (signals), what the debtor
//! revealed (events), and how the debtor's meters moved and why.

use serde::{Deserialize, Serialize};

use crate::signals::Hit;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Speaker {
    Collector,
    Debtor,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Turn {
    pub speaker: Speaker,
    pub text: String,
    /// For a debtor turn, the node that said it; for a collector turn, the node the
    /// debtor was at when the collector spoke.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub node: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub signals: Vec<Hit>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub events: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub meter_changes: Vec<MeterChange>,
}

/// One move of one meter, with the reason the scenario gives for it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MeterChange {
    pub meter: String,
    pub delta: f64,
    pub from: f64,
    pub to: f64,
    pub reason: String,
}

impl Turn {
    pub fn collector(text: &str, node: &str) -> Turn {
        Turn {
            speaker: Speaker::Collector,
            text: text.to_string(),
            node: Some(node.to_string()),
            signals: Vec::new(),
            events: Vec::new(),
            meter_changes: Vec::new(),
        }
    }

    pub fn debtor(text: String, node: &str, events: Vec<String>) -> Turn {
        Turn {
            speaker: Speaker::Debtor,
            text,
            node: Some(node.to_string()),
            signals: Vec::new(),
            events,
            meter_changes: Vec::new(),
        }
    }
}
