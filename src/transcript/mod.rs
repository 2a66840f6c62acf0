//! The turns of a call, as the engine records them and as the session file stores
//! them: what was said, at which node, what it did (signals), what the debtor
//! revealed (events), and how the debtor's meters moved and why.

use serde::{Deserialize, Serialize};

use crate::signals::Hit;

/// Who said a line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Speaker {
    /// The collector (the trainee in a played call).
    Collector,
    /// The debtor, or whoever answered.
    Debtor,
}

/// Debtor events that come from a line's form, not its meaning: heard even in a
/// scenario line its author tagged. Whether a line asks a question, and for what
/// (an amount, a date, a yes or a no...), is how it is put.
const FORM_EVENTS: &[&str] = &[
    "asks_question",
    "asks_purpose",
    "asks_amount",
    "asks_date",
    "asks_explanation",
    "asks_how_to_pay",
    "asks_who",
    "asks_yes_no",
    "asks_choice",
];

/// The largest single call transcript (a file, standard input or one JSON Lines
/// record) that is read; anything bigger is refused, so memory stays bounded.
pub const MAX_RECORD_BYTES: usize = 10 * 1024 * 1024;

/// One line of a call.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Turn {
    /// Who said it.
    pub speaker: Speaker,
    /// What was said.
    pub text: String,
    /// For a debtor turn, the node that said it; for a collector turn, the node the
    /// debtor was at when the collector spoke.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub node: Option<String>,
    /// What the lexicon heard in a collector line (played calls keep it).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub signals: Vec<Hit>,
    /// Debtor events the line carries.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub events: Vec<String>,
    /// Meter moves the line caused (played calls).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub meter_changes: Vec<MeterChange>,
    /// Seconds from the start of the recording, where the transcript gave a time.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start: Option<f64>,
    /// The speaker as the transcript named them (`Sam Ortiz (Agent)`, `spk_1`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
    /// Where in a debtor line the lexicon heard what they told (a hardship, a
    /// feeling, a complaint), so the coach quotes that sentence back and not the
    /// one before it. Worked out whenever the call is read; never saved.
    #[serde(skip)]
    pub told_at: Option<usize>,
}

/// Debtor events whose sentence the coach quotes back (`{{debtor.said}}`).
const TOLD_EVENTS: &[&str] =
    &["vulnerability_disclosed", "hardship_disclosed", "expresses_emotion", "complains", "fears_consequence"];

/// One move of one meter, with the reason the scenario gives for it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MeterChange {
    /// The meter.
    pub meter: String,
    /// The change.
    pub delta: f64,
    /// Its value before.
    pub from: f64,
    /// Its value after.
    pub to: f64,
    /// Why, in the scenario author's words.
    pub reason: String,
}

impl Turn {
    /// A trainee's line said while the debtor was at `node`.
    pub fn collector(text: &str, node: &str) -> Turn {
        Turn {
            speaker: Speaker::Collector,
            text: text.to_string(),
            node: Some(node.to_string()),
            signals: Vec::new(),
            events: Vec::new(),
            meter_changes: Vec::new(),
            start: None,
            label: None,
            told_at: None,
        }
    }

    /// A turn read from a transcript: no node, nothing detected yet.
    pub fn spoken(speaker: Speaker, text: &str) -> Turn {
        Turn {
            speaker,
            text: text.to_string(),
            node: None,
            signals: Vec::new(),
            events: Vec::new(),
            meter_changes: Vec::new(),
            start: None,
            label: None,
            told_at: None,
        }
    }

    /// A debtor's line said at `node`, carrying `events`.
    pub fn debtor(text: String, node: &str, events: Vec<String>) -> Turn {
        Turn {
            speaker: Speaker::Debtor,
            text,
            node: Some(node.to_string()),
            signals: Vec::new(),
            events,
            meter_changes: Vec::new(),
            start: None,
            label: None,
            told_at: None,
        }
    }
}

mod captions;
pub mod exchange;
pub mod format;
pub mod label;
mod roles;
mod text;
mod vendor;

pub use format::{Failure, Format, ReadOptions, TRANSCRIPT_EXTENSIONS};
pub use label::COLLECTOR_LABELS;
pub use roles::{AgentChoice, Roles, Utterance};
pub(crate) use text::relation_event;
pub use text::{parse_text, parse_text_with};

use crate::facts::Facts;

/// The outcome a call is saved with while it is under way (and keeps if it is
/// never finished), so a crash leaves an honest file.
pub const ABANDONED: &str = "abandoned";

/// Whether a call saved with `outcome` was played to an ending.
pub fn is_finished_outcome(outcome: &str) -> bool {
    outcome != ABANDONED
}

/// The part of a session file that is a transcript: what the scorer reads from a
/// call saved by `collectsim play`. The store owns the rest of the file (seed,
/// meters, hints); reading only these keys keeps the transcript floor below it.
#[derive(Debug, Clone)]
pub struct SavedCall {
    /// The account facts the call was played with.
    pub facts: Facts,
    /// Every line, with the events and signals recorded as it was played.
    pub turns: Vec<Turn>,
    /// The collector's account notes, in order.
    pub notes: Vec<String>,
    /// The ending's outcome id, or [`ABANDONED`].
    pub outcome: String,
}

impl<'de> Deserialize<'de> for SavedCall {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<SavedCall, D::Error> {
        #[derive(Deserialize)]
        struct Note {
            text: String,
        }
        #[derive(Deserialize)]
        struct Shape {
            facts: Facts,
            turns: Vec<Turn>,
            #[serde(default)]
            notes: Vec<Note>,
            outcome: String,
        }
        let shape = Shape::deserialize(deserializer)?;
        Ok(SavedCall {
            facts: shape.facts,
            turns: shape.turns,
            notes: shape.notes.into_iter().map(|n| n.text).collect(),
            outcome: shape.outcome,
        })
    }
}
use crate::signals::{Context, Detector, OnTheLine};

/// A whole call to score: from a saved session or from a plain-text transcript.
#[derive(Debug, Clone, PartialEq)]
pub struct Transcript {
    /// What it came from: a session id, a transcript path.
    pub source: String,
    /// The account facts.
    pub facts: Facts,
    /// The lines, in order.
    pub turns: Vec<Turn>,
    /// Stage notes (`[Phone rings at 10:45 PM]`), kept with the number of turns
    /// before them, never scored.
    pub stage_notes: Vec<(usize, String)>,
    /// The collector's account notes, for the documentation score.
    pub notes: Vec<String>,
    /// False while a call is still going: obligations not yet due are not missed.
    pub finished: bool,
    /// Whether the collector owed an account note (a played call does; a transcript
    /// from a phone system carries one only if its front matter gives it).
    pub note_expected: bool,
    /// Whether the turns' sides were given, chosen, or are still to be inferred.
    pub roles: Roles,
}

impl Transcript {
    /// Detects what each turn does: signals for collector turns, and debtor events
    /// for debtor turns that no script tagged.
    /// Each collector turn is read in its context: the debtor's line before it and
    /// who is on the line (see [`Context`]).
    pub fn detect(&mut self, detector: &Detector) {
        let mut on_the_line = OnTheLine::at_start(&self.facts);
        let mut last_debtor: Option<usize> = None;
        for index in 0..self.turns.len() {
            match self.turns[index].speaker {
                Speaker::Collector => {
                    let (before, rest) = self.turns.split_at_mut(index);
                    let previous = last_debtor.and_then(|i| exchange::said_up_to(before, i));
                    let context = Context {
                        debtor_text: previous.as_ref().map_or("", |t| t.text.as_str()),
                        debtor_events: previous.as_ref().map_or(&[], |t| t.events.as_slice()),
                        third_party: on_the_line.is_third_party(),
                        facts: &self.facts,
                    };
                    rest[0].signals = detector.signals(&rest[0].text, &context);
                }
                Speaker::Debtor => {
                    let turn = &mut self.turns[index];
                    // Scenario lines carry the author's tags; transcript lines get what
                    // the lexicon hears, added to anything their label implied. Whether
                    // a line asks a question (and for what) is its form, which no author
                    // tags, so a tagged line still gets that.
                    let tagged = turn.node.is_some() && !turn.events.is_empty();
                    let heard = detector.events(&turn.text);
                    turn.told_at =
                        TOLD_EVENTS.iter().find_map(|id| heard.iter().find(|hit| hit.id == *id)).map(|hit| hit.span[0]);
                    for hit in heard {
                        if (!tagged || FORM_EVENTS.contains(&hit.id.as_str())) && !turn.events.contains(&hit.id) {
                            turn.events.push(hit.id);
                        }
                    }
                    if last_debtor.is_none() {
                        add_events_from_facts(turn, &self.facts);
                    }
                    on_the_line.hear(&turn.events);
                    last_debtor = Some(index);
                }
            }
        }
    }
}

/// The person who answers, when the facts say (`on_line`) and their words do not:
/// the first debtor turn gets the event a scenario author would have tagged.
fn add_events_from_facts(turn: &mut Turn, facts: &Facts) {
    let Some(who) = facts.text("on_line").map(str::to_ascii_lowercase) else { return };
    let event = match who.as_str() {
        "wrong_number" | "wrong_person" => "wrong_party",
        "spouse" | "wife" | "husband" | "civil_partner" => "spouse_answering",
        _ if !OnTheLine::at_start(facts).is_third_party() => return,
        _ => "third_party_answering",
    };
    let said = ["wrong_party", "third_party_answering", "consumer_absent", "spouse_answering"];
    if !turn.events.iter().any(|e| said.contains(&e.as_str())) {
        turn.events.push(event.to_string());
    }
}

impl Transcript {
    /// A call from speech-to-text or captions: no facts, no notes; the sides of
    /// its speakers are settled by the reader (see `roles`).
    pub fn from_utterances(source: &str, utterances: Vec<Utterance>) -> Transcript {
        Transcript {
            source: source.to_string(),
            facts: Facts::default(),
            turns: roles::turns_from(utterances),
            stage_notes: Vec::new(),
            notes: Vec::new(),
            finished: true,
            note_expected: false,
            roles: Roles::Given,
        }
    }

    /// A saved call as a transcript: its facts, turns (tagged events kept), the
    /// collector's account notes, and whether it ended or was abandoned.
    pub fn from_saved(call: SavedCall, source: &str) -> Transcript {
        Transcript {
            source: source.to_string(),
            finished: is_finished_outcome(&call.outcome),
            facts: call.facts,
            turns: call.turns,
            stage_notes: Vec::new(),
            notes: call.notes,
            note_expected: true,
            roles: Roles::Given,
        }
    }
}

/// Reads a transcript from a file in any format collectsim knows (see [`Format`]).
/// The error says what is wrong and where, for the `{source, error}` record.
pub fn load(path: &std::path::Path, options: &ReadOptions) -> crate::error::Result<Transcript> {
    Ok(load_classified(path, options)?)
}

/// Reads a transcript from a file, telling a broken transcript from a file that
/// is not one (binary, a scorecard, text with no speaker labels).
pub fn load_classified(path: &std::path::Path, options: &ReadOptions) -> Result<Transcript, Failure> {
    let limit = MAX_RECORD_BYTES as u64;
    let text = crate::source::read_text(path, limit).map_err(|e| {
        let message = format!("cannot read {}: {e}", path.display());
        match e.kind() {
            std::io::ErrorKind::InvalidData => Failure::NotATranscript(message),
            _ => Failure::Error(message),
        }
    })?;
    let extension = path.extension().and_then(|e| e.to_str());
    format::read_classified(&path.display().to_string(), text, extension, options)
}

/// A transcript from text in any format collectsim knows, told apart by its
/// content: a session document, vendor JSON, captions or the plain format.
/// Text given as a `String` is used in place (batch scoring hands over every
/// record's text), a `&str` is copied.
pub fn from_text(source: &str, text: impl AsRef<str> + Into<String>) -> crate::error::Result<Transcript> {
    format::read(source, text.into(), None, &ReadOptions::default())
}
