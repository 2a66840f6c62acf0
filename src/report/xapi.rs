//! xAPI 1.0.3 statements for a call, for the learning-record systems training
//! departments already run. Statement ids are UUID v5 of the session and the verb,
//! so sending the same call twice is idempotent.

use serde_json::{Value, json};
use sha1::{Digest, Sha1};

use crate::score::Scorecard;
use crate::store::SessionRecord;
use crate::time::{iso_duration, parse_rfc3339};

/// Where actors and activities live; both configurable.
#[derive(Debug, Clone)]
pub struct XapiConfig {
    /// The actor account's `homePage` (the system that knows trainees by name).
    pub home_page: String,
    /// IRI base for activity and extension ids.
    pub iri_base: String,
}

impl XapiConfig {
    /// From the environment (`COLLECTSIM_XAPI_HOMEPAGE`, `COLLECTSIM_XAPI_BASE`),
    /// overridden by flags, with documented defaults.
    pub fn new(home_page: Option<String>, iri_base: Option<String>) -> XapiConfig {
        let env = |name: &str| std::env::var(name).ok().filter(|v| !v.trim().is_empty());
        XapiConfig {
            home_page: home_page
                .or_else(|| env("COLLECTSIM_XAPI_HOMEPAGE"))
                .unwrap_or_else(|| "https://collectsim.example.org".into()),
            iri_base: iri_base
                .or_else(|| env("COLLECTSIM_XAPI_BASE"))
                .unwrap_or_else(|| "https://collectsim.example.org/xapi".into())
                .trim_end_matches('/')
                .to_string(),
        }
    }
}

const ADL_VERBS: &str = "http://adlnet.gov/expapi/verbs";

/// The statements for one call: attempted; completed when it ended; passed or
/// failed when it was scored.
pub fn statements(record: &SessionRecord, card: Option<&Scorecard>, config: &XapiConfig) -> Vec<Value> {
    let finished = record.is_finished();
    let mut verbs = vec![("attempted", record.started_at.clone())];
    let ended = record.ended_at.clone().unwrap_or_else(|| record.started_at.clone());
    if finished {
        verbs.push(("completed", ended.clone()));
    }
    if let (true, Some(card)) = (finished, card) {
        verbs.push((if card.passed { "passed" } else { "failed" }, ended));
    }
    verbs.into_iter().map(|(verb, timestamp)| statement(record, card, config, verb, &timestamp)).collect()
}

fn statement(
    record: &SessionRecord,
    card: Option<&Scorecard>,
    config: &XapiConfig,
    verb: &str,
    timestamp: &str,
) -> Value {
    let base = &config.iri_base;
    let mut statement = json!({
        "id": uuid_v5(&format!("{base}/sessions/{}#{verb}", record.id)),
        "actor": {"objectType": "Agent", "name": record.trainee, "account": {"homePage": config.home_page, "name": record.trainee}},
        "verb": {"id": format!("{ADL_VERBS}/{verb}"), "display": {"en-US": verb}},
        "object": {
            "objectType": "Activity",
            "id": format!("{base}/scenarios/{}", record.scenario.id),
            "definition": {
                "name": {"en-US": record.scenario.title},
                "description": {"en-US": format!("{} ({}) debt-collection call simulation", record.persona.name, record.persona.kind)},
                "type": "http://adlnet.gov/expapi/activities/simulation"
            }
        },
        "context": {
            "registration": uuid_v5(&format!("{base}/sessions/{}", record.id)),
            "platform": "collectsim",
            "language": "en-US",
            "extensions": {
                format!("{base}/extensions/seed"): record.seed,
                format!("{base}/extensions/rng"): record.rng,
                format!("{base}/extensions/mode"): format!("{:?}", record.mode).to_lowercase(),
                format!("{base}/extensions/scenario-sha256"): record.scenario.sha256,
                format!("{base}/extensions/rubrics"): card.map(|c| c.rubrics.iter().map(|r| format!("{} v{}", r.id, r.version)).collect::<Vec<_>>()).unwrap_or_default(),
                format!("{base}/extensions/outcome"): record.outcome,
            }
        },
        "timestamp": timestamp,
    });
    if verb != "attempted" {
        statement["result"] = result(record, card);
    }
    statement
}

fn result(record: &SessionRecord, card: Option<&Scorecard>) -> Value {
    let mut result = json!({"completion": record.is_finished()});
    if let (Some(start), Some(end)) =
        (parse_rfc3339(&record.started_at), record.ended_at.as_deref().and_then(parse_rfc3339))
    {
        result["duration"] = iso_duration(end.saturating_sub(start)).into();
    }
    if let Some(card) = card {
        result["success"] = card.passed.into();
        if let Some(overall) = card.scores.overall {
            result["score"] =
                json!({"scaled": (overall / 100.0 * 1000.0).round() / 1000.0, "raw": overall, "min": 0, "max": 100});
        }
    }
    result
}

/// RFC 4122 name-based UUID (version 5, SHA-1) in the URL namespace.
pub fn uuid_v5(name: &str) -> String {
    const URL_NAMESPACE: [u8; 16] =
        [0x6b, 0xa7, 0xb8, 0x11, 0x9d, 0xad, 0x11, 0xd1, 0x80, 0xb4, 0x00, 0xc0, 0x4f, 0xd4, 0x30, 0xc8];
    let mut hasher = Sha1::new();
    hasher.update(URL_NAMESPACE);
    hasher.update(name.as_bytes());
    let digest = hasher.finalize();
    let mut bytes = [0u8; 16];
    bytes.copy_from_slice(&digest[..16]);
    bytes[6] = (bytes[6] & 0x0f) | 0x50;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    let hex: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
    format!("{}-{}-{}-{}-{}", &hex[..8], &hex[8..12], &hex[12..16], &hex[16..20], &hex[20..])
}

#[cfg(test)]
mod tests {
    #[test]
    fn uuid_v5_matches_the_rfc_example() {
        // Checked against Python: uuid.uuid5(uuid.NAMESPACE_URL, "http://python.org/")
        assert_eq!(super::uuid_v5("http://python.org/"), "4c565f0d-3f5a-5890-b41b-20cf47701c5e");
    }
}
