//! JSON Schemas for scenario, rubric and curriculum files, so editors that speak the YAML
//! language server's `$schema` modeline complete and check fields as a supervisor
//! types. Signal, event and fact names come from the built-in lexicon and the fact
//! vocabulary. A test keeps every object's properties equal to the fields the raw
//! serde structs accept, so the schema cannot drift from the loader.

use serde_json::{Map, Value, json};

use crate::facts::KNOWN_FACTS;
use crate::rubric::kind::Kind;
use crate::rubric::{Dimension, FactCheck, Metric, Severity};
use crate::signals::Lexicon;

/// A closed object: these properties, no others.
fn object(description: &str, required: &[&str], properties: &[(&str, Value)]) -> Value {
    let props: Map<String, Value> = properties.iter().map(|(k, v)| (k.to_string(), v.clone())).collect();
    json!({"type": "object", "description": description, "additionalProperties": false, "required": required, "properties": props})
}

fn text(description: &str) -> Value {
    json!({"type": "string", "description": description})
}

fn names(reference: &str, description: &str) -> Value {
    json!({"description": description, "oneOf": [{"$ref": reference}, {"type": "array", "items": {"$ref": reference}}]})
}

fn comparison() -> Value {
    json!({"type": "string", "pattern": "^\\s*(>=|<=|==|!=|>|<|=)\\s*\\S+\\s*$", "description": "e.g. \">= 40\" or \"> patience\""})
}

fn map_of(value: Value, description: &str) -> Value {
    json!({"type": "object", "description": description, "additionalProperties": value})
}

fn enum_of<'a>(values: impl Iterator<Item = &'a str>) -> Value {
    json!({"type": "string", "enum": values.collect::<Vec<_>>()})
}

/// The JSON Schema of a scenario file, with the lexicon's signals and events as names editors complete.
pub fn scenario(lexicon: &Lexicon) -> Value {
    let difficulty = object(
        "A label plus parameters transitions can compare against.",
        &[],
        &[
            ("label", text("easy, standard, hard, …")),
            ("patience", json!({"type": "number"})),
            ("disclose_after", json!({"type": "number"})),
            ("objections", json!({"type": "number"})),
        ],
    );
    let transition = object(
        "A transition: every condition given must hold; the first that holds is taken.",
        &[],
        &[
            ("if", names("#/definitions/signal", "Signals the trainee's line must all carry.")),
            ("any", names("#/definitions/signal", "At least one of these signals.")),
            ("unless", names("#/definitions/signal", "None of these signals.")),
            ("meters", map_of(comparison(), "Meter comparisons, e.g. trust: \">= 40\".")),
            ("flags", names("#/definitions/name", "Flags (or debtor events heard earlier) that must be set.")),
            ("not_flags", names("#/definitions/name", "Flags that must not be set.")),
            ("visits", map_of(comparison(), "Visit-count comparisons by node id.")),
            ("turn", comparison()),
            ("adjust", map_of(json!({"type": "number"}), "Meter changes, e.g. trust: +10.")),
            ("because", text("The reason shown for the meter changes.")),
            ("set", names("#/definitions/name", "Flags to set.")),
            ("clear", names("#/definitions/name", "Flags to clear.")),
            ("goto", text("The node to go to; none means stay.")),
        ],
    );
    let line = json!({"oneOf": [{"type": "string"}, object("A line with a weight and events.", &["text"], &[
        ("text", text("What the debtor says; handlebars over facts, e.g. {{facts.creditor}}.")),
        ("weight", json!({"type": "integer", "minimum": 0})),
        ("events", json!({"type": "array", "items": {"$ref": "#/definitions/event"}})),
    ])]});
    let node = object(
        "A node: what the debtor says and where the call can go next.",
        &["id"],
        &[
            ("id", text("Unique node id.")),
            ("say", json!({"type": "array", "items": {"$ref": "#/definitions/line"}})),
            ("again", json!({"type": "array", "items": {"$ref": "#/definitions/line"}})),
            ("events", json!({"type": "array", "items": {"$ref": "#/definitions/event"}})),
            ("hint", text("A tip shown by :hint in practice mode.")),
            ("model", text("A model answer for the debrief.")),
            ("on", json!({"type": "array", "items": {"$ref": "#/definitions/transition"}})),
            (
                "end",
                object(
                    "This node ends the call.",
                    &["outcome", "success"],
                    &[
                        ("outcome", text("The outcome id.")),
                        ("success", json!({"type": "boolean"})),
                        ("summary", text("What the ending means, shown after the call.")),
                    ],
                ),
            ),
        ],
    );
    let facts: Map<String, Value> =
        KNOWN_FACTS.iter().map(|(name, _, label)| (name.to_string(), json!({"description": label}))).collect();
    json!({
        "$schema": "http://json-schema.org/draft-07/schema#",
        "title": "collectsim scenario (format 1)",
        "definitions": {
            "signal": enum_of(lexicon.doing_ids()),
            "event": enum_of(lexicon.event_ids()),
            "name": {"type": "string"},
            "line": line,
            "transition": transition,
            "node": node,
        },
        "allOf": [object("A collectsim scenario.", &["format", "id", "title", "persona", "facts", "nodes"], &[
            ("format", json!({"const": 1})),
            ("id", json!({"type": "string", "pattern": "^[a-z0-9-]+$"})),
            ("title", text("Shown in `collectsim list`.")),
            ("summary", text("The briefing before the call.")),
            ("persona", object("Who the debtor is.", &["name", "kind"], &[
                ("name", text("The debtor's name.")),
                ("kind", json!({"type": "string", "examples": crate::scenario::KNOWN_KINDS})),
                ("traits", json!({"type": "array", "items": {"type": "string"}})),
                ("background", text("Notes for authors.")),
            ])),
            ("difficulty", difficulty.clone()),
            ("levels", json!({"type": "array", "description": "Other levels of the same call, each a scenario ID-LABEL.", "items": difficulty})),
            ("facts", json!({"type": "object", "description": "Account facts (unknown ones are kept for templates).", "properties": facts, "required": ["jurisdiction"]})),
            ("meters", map_of(json!({"type": "number", "minimum": 0, "maximum": 100}), "Starting meter values.")),
            ("reactions", json!({"type": "array", "items": object("A meter change whenever a signal is heard.", &["signal", "adjust", "because"], &[
                ("signal", json!({"$ref": "#/definitions/signal"})),
                ("adjust", map_of(json!({"type": "number"}), "Meter changes.")),
                ("because", text("The reason shown in the debrief.")),
                ("once", json!({"type": "boolean"})),
            ])})),
            ("start", text("The first node (default: the first in the list).")),
            ("every_turn", json!({"type": "array", "items": {"$ref": "#/definitions/transition"}})),
            ("nodes", json!({"type": "array", "items": {"$ref": "#/definitions/node"}})),
            ("tests", json!({"type": "array", "items": object("A playthrough test.", &["name", "say", "expect"], &[
                ("name", text("What the test shows.")),
                ("level", text("The level this playthrough is for; none means the scenario's own.")),
                ("seed", json!({"type": "integer", "minimum": 0})),
                ("say", json!({"type": "array", "items": {"type": "string"}})),
                ("also_say", json!({"type": "array", "items": {"type": "string"},
                    "description": "Other wordings of the last line; the test must pass with each in its place."})),
                ("expect", object("What must be true afterwards.", &[], &[
                    ("ending", text("The outcome id reached.")),
                    ("success", json!({"type": "boolean"})),
                    ("node", text("The node the call is at.")),
                    ("meters", map_of(comparison(), "Meter bounds.")),
                    ("flags", names("#/definitions/name", "Flags that must be set.")),
                    ("findings", names("#/definitions/name", "Rule ids (pack.rule) the scorer must find.")),
                    ("no_findings", names("#/definitions/name", "Rule ids the scorer must not find.")),
                ])),
            ])})),
        ])]
    })
}

/// The JSON Schema of a rubric pack.
pub fn rubric(lexicon: &Lexicon) -> Value {
    let list = |reference: &str, description: &str| names(reference, description);
    let rule = object(
        "A rule: one dimension, a severity, a message, a better phrasing, examples.",
        &["id", "dimension", "severity", "kind", "message", "better", "examples"],
        &[
            ("id", json!({"type": "string", "pattern": "^[a-z0-9-]+$"})),
            ("dimension", json!({"enum": Dimension::names()})),
            (
                "severity",
                json!({"enum": Severity::ALL.map(Severity::name), "description": "critical and major only for what the law requires or forbids"}),
            ),
            ("kind", json!({"enum": Kind::names()})),
            ("signals", list("#/definitions/signal", "Signals that trigger or satisfy the rule.")),
            ("patterns", names("#/definitions/pattern", "Extra regular expressions (case-insensitive).")),
            ("when", json!({"type": "object", "description": "Facts the call must have for the rule to apply."})),
            ("unless", json!({"type": "object", "description": "Facts that switch the rule off."})),
            ("if_event", list("#/definitions/event", "The rule applies only if one of these events happened.")),
            ("unless_event", list("#/definitions/event", "The rule does not apply if one of these events happened.")),
            ("by_turn", json!({"type": "integer", "minimum": 1})),
            ("before", list("#/definitions/signal", "required: before the first turn carrying one of these.")),
            ("event", list("#/definitions/event", "conditional: the event that starts the obligation.")),
            ("within", json!({"type": "integer", "minimum": 1})),
            ("must", list("#/definitions/signal", "conditional: one of these must follow.")),
            ("must_not", list("#/definitions/signal", "conditional: none of these may follow.")),
            (
                "must_not_within",
                json!({"type": "integer", "minimum": 1, "description": "conditional: must_not holds only this many turns after the event."}),
            ),
            ("until_event", list("#/definitions/event", "conditional: must_not lifts after this event.")),
            ("must_reference", json!({"type": "boolean"})),
            (
                "prompt_counts",
                json!({"type": "boolean", "description": "conditional: `must` in the collector turn that drew the event out counts too."}),
            ),
            ("first", list("#/definitions/signal", "sequence: these must come first.")),
            ("check", json!({"enum": FactCheck::ALL.map(|(_, name)| name)})),
            ("metric", json!({"enum": Metric::ALL.map(|(_, name)| name)})),
            ("min", json!({"type": "number"})),
            ("max", json!({"type": "number"})),
            ("message", text("What went wrong and why.")),
            ("strength", text("What doing it right looks like (shown as a strength).")),
            ("better", text("A better phrasing; may use {{facts.x}}.")),
            ("citation", text("The law, e.g. 12 CFR 1006.18(e)(1); 15 U.S.C. 1692e(11).")),
            ("label", text("The finding in a few words, for a failed call's headline, e.g. threatened arrest.")),
            ("violation", text("The kind of violation a finding reports, e.g. false_threat (for calibration).")),
            (
                "examples",
                object(
                    "Examples cargo test runs.",
                    &[],
                    &[
                        ("pass", json!({"type": "array", "items": {"type": "string"}})),
                        ("fail", json!({"type": "array", "items": {"type": "string"}})),
                    ],
                ),
            ),
        ],
    );
    let weights: Map<String, Value> =
        Dimension::names().iter().map(|d| (d.to_string(), json!({"type": "number"}))).collect();
    json!({
        "$schema": "http://json-schema.org/draft-07/schema#",
        "title": "collectsim rubric pack (format 1)",
        "definitions": {
            "signal": enum_of(lexicon.doing_ids()),
            "event": enum_of(lexicon.event_ids()),
            "pattern": {"type": "string", "format": "regex"},
            "rule": rule,
        },
        "allOf": [object("A collectsim rubric pack.", &["format", "id", "version", "title", "pass_mark", "rules"], &[
            ("format", json!({"const": 1})),
            ("id", json!({"type": "string", "pattern": "^[a-z0-9-]+$"})),
            ("version", json!({"type": "integer", "minimum": 1})),
            ("title", text("The pack's name.")),
            ("jurisdiction", json!({"enum": ["US", "UK"]})),
            ("pass_mark", json!({"type": "number", "minimum": 0, "maximum": 100})),
            ("weights", json!({"type": "object", "additionalProperties": false, "properties": weights})),
            ("example_facts", json!({"type": "object"})),
            ("rules", json!({"type": "array", "items": {"$ref": "#/definitions/rule"}})),
        ])]
    })
}

/// The curriculum file: steps in order, prerequisites, the assessment set.
pub fn curriculum() -> Value {
    let id = || json!({"type": "string", "pattern": "^[a-z0-9-]+$", "description": "A scenario id."});
    let step = object(
        "One step of the path.",
        &["scenario"],
        &[
            ("scenario", id()),
            (
                "after",
                json!({"description": "Scenarios to pass first (earlier steps).", "oneOf": [id(), {"type": "array", "items": id()}]}),
            ),
            ("why", text("What this call teaches, shown in `collectsim list`.")),
        ],
    );
    json!({
        "$schema": "http://json-schema.org/draft-07/schema#",
        "title": "collectsim curriculum (format 1)",
        "allOf": [object("The onboarding path.", &["format", "title", "steps"], &[
            ("format", json!({"const": 1})),
            ("title", text("The path's name, the heading of `collectsim list`.")),
            ("steps", json!({"type": "array", "items": step})),
            ("assessment", json!({"type": "array", "items": id(), "description": "Scenarios to pass in assessment mode to be ready."})),
        ])]
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fields::fields_of;
    use crate::rubric::raw as rr;
    use crate::scenario::raw as sr;

    fn keys(schema: &Value) -> Vec<String> {
        let mut keys: Vec<String> =
            schema["properties"].as_object().expect("an object schema").keys().cloned().collect();
        keys.sort();
        keys
    }

    fn fields(list: &[&str]) -> Vec<String> {
        let mut keys: Vec<String> = list.iter().map(|s| s.to_string()).collect();
        keys.sort();
        keys
    }

    #[test]
    fn the_scenario_schema_matches_the_loader() {
        let s = scenario(&Lexicon::builtin());
        let top = &s["allOf"][0];
        assert_eq!(keys(top), fields(fields_of::<sr::RawScenario>()));
        assert_eq!(keys(&top["properties"]["persona"]), fields(fields_of::<sr::RawPersona>()));
        assert_eq!(keys(&top["properties"]["difficulty"]), fields(fields_of::<sr::RawDifficulty>()));
        assert_eq!(keys(&top["properties"]["reactions"]["items"]), fields(fields_of::<sr::RawReaction>()));
        assert_eq!(keys(&top["properties"]["tests"]["items"]), fields(fields_of::<sr::RawPlaythrough>()));
        assert_eq!(
            keys(&top["properties"]["tests"]["items"]["properties"]["expect"]),
            fields(fields_of::<sr::RawExpect>())
        );
        let defs = &s["definitions"];
        assert_eq!(keys(&defs["node"]), fields(fields_of::<sr::RawNode>()));
        assert_eq!(keys(&defs["node"]["properties"]["end"]), fields(fields_of::<sr::RawEnding>()));
        assert_eq!(keys(&defs["transition"]), fields(fields_of::<sr::RawTransition>()));
        assert_eq!(keys(&defs["line"]["oneOf"][1]), fields(fields_of::<sr::RawLineMap>()));
    }

    #[test]
    fn the_curriculum_schema_matches_the_loader() {
        use crate::scenario::curriculum as c;
        let top = &curriculum()["allOf"][0];
        assert_eq!(keys(top), fields(fields_of::<c::RawCurriculum>()));
        assert_eq!(keys(&top["properties"]["steps"]["items"]), fields(fields_of::<c::RawStep>()));
    }

    #[test]
    fn the_rubric_schema_matches_the_loader() {
        let r = rubric(&Lexicon::builtin());
        assert_eq!(keys(&r["allOf"][0]), fields(fields_of::<rr::RawRubric>()));
        assert_eq!(keys(&r["definitions"]["rule"]), fields(fields_of::<rr::RawRule>()));
        assert_eq!(keys(&r["definitions"]["rule"]["properties"]["examples"]), fields(fields_of::<rr::RawExamples>()));
    }
}
