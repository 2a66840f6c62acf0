//! The scenario file exactly as a supervisor writes it (format 1). Every struct
//! refuses unknown keys, so a typo is an error with a did-you-mean, never silently
//! ignored. `compile.rs` turns this into the checked model the engine runs.

use std::collections::BTreeMap;
use std::fmt;

use serde::Deserialize;

use crate::fields::fields_of;
use crate::yaml::{Schema, Step};

/// Where each raw struct sits in a scenario file, for reporting every unknown key.
pub fn schema() -> Schema {
    use Step::{AnyIndex as I, Key as K};
    vec![
        (vec![], fields_of::<RawScenario>()),
        (vec![K("persona")], fields_of::<RawPersona>()),
        (vec![K("difficulty")], fields_of::<RawDifficulty>()),
        (vec![K("levels"), I], fields_of::<RawDifficulty>()),
        (vec![K("reactions"), I], fields_of::<RawReaction>()),
        (vec![K("every_turn"), I], fields_of::<RawTransition>()),
        (vec![K("nodes"), I], fields_of::<RawNode>()),
        (vec![K("nodes"), I, K("on"), I], fields_of::<RawTransition>()),
        (vec![K("nodes"), I, K("say"), I], fields_of::<RawLineMap>()),
        (vec![K("nodes"), I, K("again"), I], fields_of::<RawLineMap>()),
        (vec![K("nodes"), I, K("end")], fields_of::<RawEnding>()),
        (vec![K("tests"), I], fields_of::<RawPlaythrough>()),
        (vec![K("tests"), I, K("expect")], fields_of::<RawExpect>()),
    ]
}
use serde::de::{self, Deserializer, MapAccess, SeqAccess, Visitor};

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawScenario {
    pub format: u32,
    pub id: String,
    pub title: String,
    #[serde(default)]
    pub summary: Option<String>,
    pub persona: RawPersona,
    #[serde(default)]
    pub difficulty: RawDifficulty,
    /// Harder (or easier) versions of the same call: each a label plus the
    /// parameters it changes; each becomes a scenario `ID-LABEL`.
    #[serde(default)]
    pub levels: Vec<RawDifficulty>,
    pub facts: BTreeMap<String, serde_json::Value>,
    #[serde(default)]
    pub meters: BTreeMap<String, f64>,
    #[serde(default)]
    pub reactions: Vec<RawReaction>,
    #[serde(default)]
    pub start: Option<String>,
    #[serde(default)]
    pub every_turn: Vec<RawTransition>,
    pub nodes: Vec<RawNode>,
    #[serde(default)]
    pub tests: Vec<RawPlaythrough>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawPersona {
    pub name: String,
    pub kind: String,
    #[serde(default)]
    pub traits: Vec<String>,
    #[serde(default)]
    pub background: Option<String>,
}

/// Difficulty as a label plus the parameters transitions can compare against.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawDifficulty {
    #[serde(default = "standard")]
    pub label: String,
    /// Trainee turns the debtor stays on the line.
    #[serde(default)]
    pub patience: Option<f64>,
    /// Trainee turns before the debtor opens up about their situation.
    #[serde(default)]
    pub disclose_after: Option<f64>,
    /// Objections the debtor raises before accepting a plan.
    #[serde(default)]
    pub objections: Option<f64>,
}

impl Default for RawDifficulty {
    fn default() -> Self {
        RawDifficulty { label: standard(), patience: None, disclose_after: None, objections: None }
    }
}

fn standard() -> String {
    "standard".to_string()
}

/// A meter change that happens whenever the trainee's words carry a signal.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawReaction {
    pub signal: String,
    pub adjust: BTreeMap<String, f64>,
    pub because: String,
    #[serde(default)]
    pub once: bool,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawNode {
    pub id: String,
    #[serde(default)]
    pub say: Vec<RawLine>,
    #[serde(default)]
    pub again: Vec<RawLine>,
    #[serde(default)]
    pub events: Vec<String>,
    #[serde(default)]
    pub hint: Option<String>,
    #[serde(default)]
    pub model: Option<String>,
    #[serde(default)]
    pub on: Vec<RawTransition>,
    #[serde(default)]
    pub end: Option<RawEnding>,
}

/// A debtor line: a plain string, or a map with a weight and extra events.
#[derive(Debug, Clone)]
pub struct RawLine {
    pub text: String,
    pub weight: u32,
    pub events: Vec<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawLineMap {
    text: String,
    #[serde(default = "one")]
    weight: u32,
    #[serde(default)]
    events: Vec<String>,
}

fn one() -> u32 {
    1
}

impl<'de> Deserialize<'de> for RawLine {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct LineVisitor;
        impl<'de> Visitor<'de> for LineVisitor {
            type Value = RawLine;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a line of text, or a map with `text`, `weight` and `events`")
            }
            fn visit_str<E: de::Error>(self, text: &str) -> Result<RawLine, E> {
                Ok(RawLine { text: text.to_string(), weight: 1, events: Vec::new() })
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<RawLine, A::Error> {
                let raw = RawLineMap::deserialize(de::value::MapAccessDeserializer::new(map))?;
                Ok(RawLine { text: raw.text, weight: raw.weight, events: raw.events })
            }
        }
        deserializer.deserialize_any(LineVisitor)
    }
}

/// Where the debtor goes next and on what condition. Every condition given must
/// hold; a transition with none always matches. The first match in order wins.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawTransition {
    /// Signals the trainee's line must all carry.
    #[serde(rename = "if", default)]
    pub if_signals: OneOrMany,
    /// At least one of these signals.
    #[serde(default)]
    pub any: OneOrMany,
    /// None of these signals.
    #[serde(default)]
    pub unless: OneOrMany,
    /// Meter comparisons, e.g. `trust: ">= 40"`.
    #[serde(default)]
    pub meters: BTreeMap<String, String>,
    /// Flags (or debtor events heard earlier in the call) that must be set.
    #[serde(default)]
    pub flags: OneOrMany,
    #[serde(default)]
    pub not_flags: OneOrMany,
    /// Visit-count comparisons, e.g. `objection: "< objections"`.
    #[serde(default)]
    pub visits: BTreeMap<String, String>,
    /// Trainee turn-count comparison, e.g. `"> patience"`.
    #[serde(default)]
    pub turn: Option<String>,
    #[serde(default)]
    pub adjust: BTreeMap<String, f64>,
    #[serde(default)]
    pub because: Option<String>,
    #[serde(default)]
    pub set: OneOrMany,
    #[serde(default)]
    pub clear: OneOrMany,
    #[serde(default)]
    pub goto: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawEnding {
    pub outcome: String,
    pub success: bool,
    #[serde(default)]
    pub summary: Option<String>,
}

/// A playthrough test: trainee lines and what must be true afterwards.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawPlaythrough {
    pub name: String,
    /// The level this playthrough is for (none: the scenario's own difficulty).
    #[serde(default)]
    pub level: Option<String>,
    #[serde(default)]
    pub seed: Option<u64>,
    pub say: Vec<String>,
    /// Other wordings of the last line: the test is played again with each in its
    /// place and must pass every time, so a key transition is reached by meaning,
    /// not by one phrasing.
    #[serde(default)]
    pub also_say: Vec<String>,
    pub expect: RawExpect,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawExpect {
    #[serde(default)]
    pub ending: Option<String>,
    #[serde(default)]
    pub success: Option<bool>,
    #[serde(default)]
    pub node: Option<String>,
    #[serde(default)]
    pub meters: BTreeMap<String, String>,
    #[serde(default)]
    pub flags: OneOrMany,
    /// Rule ids (`pack.rule`) the scorer must find in the call.
    #[serde(default)]
    pub findings: OneOrMany,
    /// Rule ids the scorer must not find.
    #[serde(default)]
    pub no_findings: OneOrMany,
}

/// A single string or a list of strings (`if: offers_plan` or `if: [a, b]`).
#[derive(Debug, Default, Clone)]
pub struct OneOrMany(pub Vec<String>);

impl<'de> Deserialize<'de> for OneOrMany {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct ListVisitor;
        impl<'de> Visitor<'de> for ListVisitor {
            type Value = OneOrMany;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a name or a list of names")
            }
            fn visit_str<E: de::Error>(self, name: &str) -> Result<OneOrMany, E> {
                Ok(OneOrMany(vec![name.to_string()]))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<OneOrMany, A::Error> {
                let mut names = Vec::new();
                while let Some(name) = seq.next_element::<String>()? {
                    names.push(name);
                }
                Ok(OneOrMany(names))
            }
        }
        deserializer.deserialize_any(ListVisitor)
    }
}
