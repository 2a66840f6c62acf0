//! Which format a transcript is in — chosen by `--input`, else by the file's
//! extension, else by its content — and the reader for each. Every reader ends in
//! the same [`Transcript`]; speakers without roles are settled in `roles`.

use serde_json::Value;

use super::{Transcript, captions, roles, text, vendor};

/// The transcript formats collectsim reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// `Agent: …` lines, with optional timestamps and YAML front matter.
    Text,
    /// A call saved by `collectsim play`.
    Session,
    /// WebVTT captions, speakers from `<v Name>` or `Name:`.
    Vtt,
    /// SubRip captions, speakers from `Name:`.
    Srt,
    /// Amazon Transcribe batch output with speaker labels.
    Transcribe,
    /// Amazon Connect Contact Lens output (`Transcript` with `ParticipantId`).
    ContactLens,
    /// Whisper or whisperX JSON (`segments` with `speaker`).
    Whisper,
    /// Deepgram pre-recorded response (`results.utterances`).
    Deepgram,
}

/// How to read a transcript: its format when the user named it, and the speaker
/// the user says is the collector.
#[derive(Debug, Clone, Default)]
pub struct ReadOptions {
    /// The format, when the user named it with `--format`.
    pub format: Option<Format>,
    /// The speaker who is the collector, when the user named them with `--agent`.
    pub agent: Option<String>,
}

/// A transcript, an error for this call, or (for files found in a folder) a
/// file that is not a transcript at all.
#[derive(Debug, Clone, PartialEq)]
pub enum Failure {
    /// The transcript could not be read, and why.
    Error(String),
    /// A file found in a folder is not a transcript at all, and why.
    NotATranscript(String),
}

impl Failure {
    /// The reason, whichever it is.
    pub fn message(self) -> String {
        match self {
            Failure::Error(message) | Failure::NotATranscript(message) => message,
        }
    }
}

/// Extensions read as transcripts when a folder is scored; others are skipped.
pub const TRANSCRIPT_EXTENSIONS: &[&str] = &["txt", "text", "json", "vtt", "srt", "jsonl"];

/// Reads a transcript in any supported format into turns.
pub fn read(
    source: &str,
    text: String,
    extension: Option<&str>,
    options: &ReadOptions,
) -> crate::error::Result<Transcript> {
    Ok(read_classified(source, text, extension, options)?)
}

impl From<Failure> for crate::error::Error {
    /// A transcript that cannot be read is a document that is not what it should
    /// be; the message says what is wrong and where.
    fn from(failure: Failure) -> crate::error::Error {
        crate::error::Error::unrecognised(failure.message())
    }
}

/// Reads a transcript, telling a broken transcript from something that is not one.
pub fn read_classified(
    source: &str,
    text: String,
    extension: Option<&str>,
    options: &ReadOptions,
) -> Result<Transcript, Failure> {
    let extension = extension.map(str::to_ascii_lowercase);
    let format = options.format.unwrap_or_else(|| sniff(extension.as_deref(), &text));
    let error = |message: String| Failure::Error(format!("{source}: {message}"));
    let mut transcript = match format {
        Format::Text if options.format.is_none() && looks_like_json(&text) => json(source, &text)?,
        Format::Session => session(source, &text)?,
        Format::Text => return text::read(source, text, options.agent.as_deref()),
        Format::Vtt => captions::vtt(source, &text)?,
        Format::Srt => captions::srt(source, &text)?,
        vendor_format => vendor::read(vendor_format, source, &parse_json(source, &text)?)?,
    };
    // Captions and vendor JSON: a side is named by the vendor's role or a role
    // word in the label; the rest wait for `--agent` or inference.
    if transcript.turns.iter().any(|t| t.label.is_some()) {
        let named: Vec<bool> = transcript
            .turns
            .iter()
            .map(|t| t.speaker == super::Speaker::Collector || super::label::side_named(label_of(t)).is_some())
            .collect();
        transcript.roles = roles::settle(&mut transcript.turns, &named, options.agent.as_deref()).map_err(error)?;
    }
    Ok(transcript)
}

fn label_of(turn: &super::Turn) -> &str {
    turn.label.as_deref().unwrap_or("")
}

/// The format a text is in, by extension, then by its first line or JSON shape.
fn sniff(extension: Option<&str>, text: &str) -> Format {
    let start = text.trim_start();
    match extension {
        Some("vtt") => return Format::Vtt,
        Some("srt") => return Format::Srt,
        _ => {}
    }
    if start.starts_with("WEBVTT") {
        Format::Vtt
    } else if looks_like_srt(start) {
        Format::Srt
    } else {
        Format::Text
    }
}

/// An object, or an array that parses (`[00:00:01] Agent:` starts with `[` too).
fn looks_like_json(text: &str) -> bool {
    let start = text.trim_start();
    start.starts_with('{') || (start.starts_with('[') && serde_json::from_str::<serde::de::IgnoredAny>(start).is_ok())
}

/// `1` then `00:00:01,000 --> …`: the first cue of a SubRip file.
fn looks_like_srt(text: &str) -> bool {
    let mut lines = text.lines();
    let first = lines.next().unwrap_or("").trim();
    !first.is_empty() && first.bytes().all(|b| b.is_ascii_digit()) && lines.next().is_some_and(|l| l.contains("-->"))
}

fn parse_json(source: &str, text: &str) -> Result<Value, Failure> {
    crate::controls::json_value(text).map_err(|e| Failure::NotATranscript(format!("{source}: not valid JSON: {e}")))
}

/// A document that must be a saved session (`--input session`).
fn session(source: &str, text: &str) -> Result<Transcript, Failure> {
    let value = parse_json(source, text)?;
    if json_shape(&value) != Some(Format::Session) {
        return Err(Failure::Error(format!("{source}: not a collectsim session (it has no `turns` and `seed`)")));
    }
    json(source, text)
}

/// A JSON document whose shape says what it is: a session, one of the vendor
/// outputs, or something else (a scorecard, another tool's file).
fn json(source: &str, text: &str) -> Result<Transcript, Failure> {
    let value = parse_json(source, text)?;
    match json_shape(&value) {
        Some(Format::Session) => {
            let call: super::SavedCall = serde_json::from_value(value)
                .map_err(|e| Failure::Error(format!("{source}: not a collectsim session: {e}")))?;
            Ok(Transcript::from_saved(call, source))
        }
        Some(format) => vendor::read(format, source, &value),
        None => Err(Failure::NotATranscript(format!("{source}: {}", unknown_json(&value)))),
    }
}

/// Whether a text is a call saved by `collectsim play` (which `report` reads as a
/// session, with its scenario and meters, rather than as a transcript).
pub fn is_session_document(text: &str) -> bool {
    text.trim_start().starts_with('{')
        && serde_json::from_str::<Value>(text).is_ok_and(|v| json_shape(&v) == Some(Format::Session))
}

/// Which format a JSON document is, from the keys each vendor documents.
fn json_shape(value: &Value) -> Option<Format> {
    let has = |path: &[&str]| path.iter().try_fold(value, |v, key| v.get(key)).is_some();
    if has(&["turns"]) && has(&["seed"]) {
        Some(Format::Session)
    } else if has(&["Transcript"]) && value["Transcript"].is_array() {
        Some(Format::ContactLens)
    } else if has(&["results", "items"]) || has(&["results", "audio_segments"]) || has(&["results", "speaker_labels"]) {
        Some(Format::Transcribe)
    } else if has(&["results", "utterances"]) || has(&["results", "channels"]) {
        Some(Format::Deepgram)
    } else if value.get("segments").is_some_and(Value::is_array) {
        Some(Format::Whisper)
    } else {
        None
    }
}

fn unknown_json(value: &Value) -> String {
    let scorecard = |v: &Value| v.get("scores").is_some() && v.get("findings").is_some();
    if scorecard(value) || value.as_array().and_then(|a| a.first()).is_some_and(scorecard) {
        return "collectsim scorecards, not a transcript".into();
    }
    if value.get("transcripts").is_some() && value.get("calls_per_second").is_some() {
        return "a collectsim run summary, not a transcript".into();
    }
    let keys: Vec<String> = match value {
        Value::Object(map) => map.keys().take(6).map(|k| format!("`{k}`")).collect(),
        Value::Array(_) => vec!["a JSON array".into()],
        _ => vec!["a single value".into()],
    };
    format!(
        "JSON of a shape collectsim does not know (top level: {}); it reads collectsim sessions, Amazon Transcribe, \
         Amazon Connect Contact Lens, Whisper/whisperX and Deepgram JSON (see `collectsim score --help`; for one call \
         per line use --input jsonl)",
        keys.join(", ")
    )
}
