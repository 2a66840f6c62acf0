//! A job becomes a transcript: files and standard input through the transcript
//! reader, JSON Lines records through their `{"id", "text", "facts"}` shape.

use serde::Deserialize;
use std::collections::BTreeMap;

use serde_json::Value;

use super::{Job, MAX_RECORD_BYTES};
use crate::facts::check_fact;
use crate::transcript::{self, Failure, ReadOptions, Transcript};

/// A JSON Lines record (docs/transcripts.md). Unknown keys are ignored on purpose: QA
/// exports carry their own fields (agent id, queue, timestamps) next to these.
#[derive(Deserialize)]
struct Record {
    #[serde(default)]
    id: Option<Value>,
    text: String,
    #[serde(default)]
    facts: Option<BTreeMap<String, Value>>,
}

/// Why a job produced no transcript, for the `{source, error}` line in its place,
/// or why a file found in a folder was skipped as no transcript at all.
#[derive(Debug, Clone, PartialEq)]
pub struct Unreadable {
    /// What could not be scored.
    pub source: String,
    /// Why.
    pub error: String,
    /// Not a transcript, found in a folder: reported, not counted as an error
    /// (unless `--strict`).
    pub skipped: bool,
}

impl Unreadable {
    /// A call that could not be scored, and why.
    pub fn new(source: impl Into<String>, error: impl Into<String>) -> Unreadable {
        Unreadable { source: source.into(), error: error.into(), skipped: false }
    }
}

/// Reads a job into a transcript, with the number of input bytes it covered.
pub fn load(job: Job, options: &ReadOptions) -> (u64, Result<Transcript, Unreadable>) {
    match job {
        Job::Skip { source, reason } => (0, Err(Unreadable { source, error: reason, skipped: true })),
        Job::File { path, found_in_folder } => {
            let bytes = std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0);
            let source = path.display().to_string();
            if bytes > MAX_RECORD_BYTES as u64 {
                let error = format!(
                    "{source} is {:.1} MB, too big for one call transcript (the limit is {} MB); \
                     for many calls in one file use --input jsonl",
                    bytes as f64 / (1 << 20) as f64,
                    MAX_RECORD_BYTES >> 20
                );
                return (bytes, Err(Unreadable::new(source, error)));
            }
            let loaded = transcript::load_classified(&path, options).map_err(|failure| match failure {
                Failure::NotATranscript(error) if found_in_folder => Unreadable { source, error, skipped: true },
                failure => Unreadable::new(source, failure.message()),
            });
            (bytes, loaded)
        }
        Job::Text { source, text } => {
            let bytes = text.len() as u64;
            let loaded = transcript::format::read(&source, text, None, options);
            (bytes, loaded.map_err(|error| Unreadable::new(source, error.to_string())))
        }
        Job::Record { input, line, bytes } => (bytes.len() as u64, from_record(&input, line, &bytes, options)),
        Job::Unreadable { source, error, bytes } => (bytes, Err(Unreadable::new(source, error))),
    }
}

fn from_record(input: &str, line: usize, bytes: &[u8], options: &ReadOptions) -> Result<Transcript, Unreadable> {
    let at_line = format!("{input}:{line}");
    let record: Record = serde_json::from_slice(bytes).map_err(|e| {
        Unreadable::new(
            at_line.clone(),
            format!("line {line}: not a transcript record ({e}); each line must be {{\"id\": …, \"text\": …}}"),
        )
    })?;
    let source = match &record.id {
        Some(Value::String(id)) => crate::controls::visible(id).into_owned(),
        Some(Value::Number(id)) => id.to_string(),
        _ => at_line,
    };
    let failed = |error: String| Unreadable::new(source.clone(), format!("line {line}: {error}"));
    let mut transcript =
        transcript::format::read(&source, record.text, None, options).map_err(|e| failed(e.to_string()))?;
    let mut facts = record.facts.unwrap_or_default();
    facts.values_mut().for_each(crate::controls::visible_in_value);
    if let Some(problem) = facts.iter().find_map(|(name, value)| check_fact(name, value)) {
        return Err(failed(format!("in `facts`: {problem}")));
    }
    // The record's facts override the transcript's own; most transcripts have none.
    if transcript.facts.0.is_empty() {
        transcript.facts.0 = facts;
    } else {
        transcript.facts.0.extend(facts);
    }
    Ok(transcript)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(json: &str) -> Result<Transcript, Unreadable> {
        let job = Job::Record { input: "calls.jsonl".into(), line: 7, bytes: json.as_bytes().to_vec() };
        load(job, &ReadOptions::default()).1
    }

    #[test]
    fn a_record_carries_its_id_and_facts_and_ignores_other_keys() {
        let call = record(
            r#"{"id": 42, "queue": "late", "text": "Agent: Hi\nDebtor: Hello", "facts": {"jurisdiction": "UK"}}"#,
        )
        .unwrap();
        assert_eq!(call.source, "42");
        assert_eq!(call.facts.text("jurisdiction"), Some("UK"));
        assert_eq!(call.turns.len(), 2);
    }

    #[test]
    fn a_bad_record_names_its_line_and_what_to_fix() {
        let broken = record("{\"id\": \"a\", \"txt\": \"Agent: Hi\"}").unwrap_err();
        assert_eq!(broken.source, "calls.jsonl:7");
        assert!(broken.error.starts_with("line 7: not a transcript record (missing field `text`"), "{}", broken.error);
        let bad_fact = record(r#"{"id": "a", "text": "Agent: Hi", "facts": {"balance": "$12"}}"#).unwrap_err();
        assert_eq!(bad_fact.source, "a");
        assert!(bad_fact.error.contains("`balance` should be a number"), "{}", bad_fact.error);
    }
}
