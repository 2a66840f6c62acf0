//! The plain-text transcript format QA teams paste from anywhere (docs/transcripts.md):
//!
//! ```text
//! ---
//! creditor: Summit Bank        # optional YAML front matter: the account facts
//! balance: 1240.50
//! speakers: {Sam: collector}   # labels that are not the usual ones
//! ---
//! # a comment
//! [Phone rings at 10:45 PM]    (a stage note: kept, never scored)
//! Agent: Hi, this is Sam from Ridgeline Recovery.
//! Debtor: Who?
//!   a line without a label continues the previous turn
//! ```

use std::collections::HashMap;

use serde_json::Value;

use super::format::Failure;
use super::label::{side_named, split_label, split_timestamp};
use super::{Roles, Speaker, Transcript, Turn, roles};
use crate::diagnostic::{Diagnostic, Pos};
use crate::facts::{Facts, check_fact};
use crate::source::SourceFile;

/// Reads plain text (control characters shown as pictures) for `format::read`;
/// a file with no speaker label at all is not a transcript (a README in a folder).
pub fn read(source: &str, text: String, agent: Option<&str>) -> Result<Transcript, Failure> {
    let text = match crate::controls::visible(&text) {
        std::borrow::Cow::Owned(clean) => clean,
        std::borrow::Cow::Borrowed(_) => text,
    };
    parse_text_with(&SourceFile::new(source, text), agent).map_err(|d| {
        let unlabelled = d.message == NO_LABELS || d.message == TEXT_BEFORE_LABEL;
        let message = format!("{}: {}", d.headline(), d.help.unwrap_or_default());
        if unlabelled { Failure::NotATranscript(message) } else { Failure::Error(message) }
    })
}

const NO_LABELS: &str = "no speaker labels found";
const TEXT_BEFORE_LABEL: &str = "text before the first speaker label";

/// Parses a transcript, or explains (with file and line) why it cannot be read.
pub fn parse_text(file: &SourceFile) -> Result<Transcript, Diagnostic> {
    parse_text_with(file, None)
}

/// Parses a transcript whose collector may be named by `agent` (`--agent`).
pub fn parse_text_with(file: &SourceFile, agent: Option<&str>) -> Result<Transcript, Diagnostic> {
    if file.text.trim().is_empty() {
        return Err(at(file, 1, "the transcript is empty")
            .with_help("a transcript has lines like `Agent: Hello` and `Debtor: Hi`"));
    }
    let (front, body_start) = front_matter(file)?;
    let (facts, speakers, notes) = split_front_matter(file, front)?;
    let mut transcript = Transcript {
        source: file.name.clone(),
        facts,
        turns: Vec::new(),
        stage_notes: Vec::new(),
        notes,
        finished: true,
        note_expected: false,
        roles: Roles::Given,
    };
    // Looked up per line, so a transcript with 100,000 distinct labels (or a map of
    // that many) stays linear.
    let speakers: HashMap<String, Speaker> =
        speakers.into_iter().map(|(name, side)| (name.to_ascii_lowercase(), side)).collect();
    let mut lines = Lines::default();
    for (index, line) in file.text.lines().enumerate().skip(body_start) {
        read_line(file, index + 1, line, &speakers, &mut transcript, &mut lines)?;
    }
    if transcript.turns.is_empty() {
        return Err(at(file, 1, NO_LABELS).with_help("start each turn with a label such as `Agent:` or `Debtor:`"));
    }
    transcript.roles = roles::settle(&mut transcript.turns, &lines.named, agent).map_err(|message| {
        let (headline, help) = message.split_once("; ").unwrap_or((&message, ""));
        at(file, 1, headline).with_help(help)
    })?;
    Ok(transcript)
}

/// What reading the lines so far has gathered beside the turns.
#[derive(Default)]
struct Lines {
    /// Per turn: whether its side came from its label or the front matter.
    named: Vec<bool>,
    /// A time on a line of its own, for the turn that follows.
    pending_start: Option<f64>,
}

fn read_line(
    file: &SourceFile,
    number: usize,
    line: &str,
    speakers: &HashMap<String, Speaker>,
    transcript: &mut Transcript,
    lines: &mut Lines,
) -> Result<(), Diagnostic> {
    let trimmed = line.trim();
    if trimmed.is_empty() || trimmed.starts_with('#') {
        return Ok(());
    }
    let (start, rest) = match split_timestamp(trimmed) {
        Some((seconds, rest)) => (Some(seconds), rest),
        None => (None, trimmed),
    };
    if start.is_some() && rest.is_empty() {
        lines.pending_start = start;
        return Ok(());
    }
    if rest.starts_with('[') && rest.ends_with(']') {
        transcript.stage_notes.push((transcript.turns.len(), rest.to_string()));
        return Ok(());
    }
    if let Some((label, said)) = split_label(rest, start.is_some()) {
        let said = said.trim();
        if said.starts_with('[') && said.ends_with(']') {
            transcript.stage_notes.push((transcript.turns.len(), said.to_string()));
            return Ok(());
        }
        let (speaker, named) = speaker_for(label, speakers);
        let mut turn = Turn::spoken(speaker, said);
        if speaker == Speaker::Debtor {
            turn.events.extend(relation_event(label));
        }
        turn.start = start.or(lines.pending_start.take());
        turn.label = Some(label.to_string());
        lines.named.push(named);
        transcript.turns.push(turn);
        return Ok(());
    }
    match transcript.turns.last_mut() {
        Some(turn) => {
            if !turn.text.is_empty() {
                turn.text.push(' ');
            }
            turn.text.push_str(rest);
            Ok(())
        }
        None => {
            Err(at(file, number, TEXT_BEFORE_LABEL)
                .with_help("start each turn with a label such as `Agent:` or `Debtor:`"))
        }
    }
}

/// A label such as `Consumer's Neighbor` or `Wife` says who answered: a third
/// party, or a spouse (who counts as the consumer under Reg F 1006.6(a)).
pub(crate) fn relation_event(label: &str) -> Option<String> {
    const THIRD: &[&str] = &[
        "neighbor",
        "neighbour",
        "roommate",
        "flatmate",
        "coworker",
        "co-worker",
        "colleague",
        "friend",
        "mother",
        "father",
        "mom",
        "mum",
        "dad",
        "son",
        "daughter",
        "brother",
        "sister",
        "boss",
        "landlord",
        "employer",
        "housemate",
        "girlfriend",
        "boyfriend",
        "partner",
        "aunt",
        "uncle",
        "cousin",
        "grandmother",
        "grandfather",
        "lodger",
        "carer",
        "hr",
        "receptionist",
        "reception",
    ];
    const SPOUSE: &[&str] = &["wife", "husband", "spouse"];
    // Runs on every debtor line: compared in place rather than lowercased copies.
    let has = |list: &[&str]| label.split_whitespace().any(|w| list.iter().any(|l| l.eq_ignore_ascii_case(w)));
    if has(SPOUSE) {
        Some("spouse_answering".to_string())
    } else if has(THIRD) {
        Some("third_party_answering".to_string())
    } else {
        None
    }
}

/// The side a label is on and whether the label (or the front matter) said so;
/// a label that names no side is the other party until roles are settled.
fn speaker_for(label: &str, speakers: &HashMap<String, Speaker>) -> (Speaker, bool) {
    if !speakers.is_empty()
        && let Some(speaker) = speakers.get(&label.to_ascii_lowercase())
    {
        return (*speaker, true);
    }
    match side_named(label) {
        Some(side) => (side, true),
        None => (Speaker::Debtor, relation_event(label).is_some()),
    }
}

/// The YAML between a leading `---` and the next `---`, and the line index after it.
fn front_matter(file: &SourceFile) -> Result<(Option<(usize, String)>, usize), Diagnostic> {
    let mut lines = file.text.lines().enumerate().skip_while(|(_, l)| l.trim().is_empty());
    let Some((start, first)) = lines.next() else { return Ok((None, 0)) };
    if first.trim() != "---" {
        return Ok((None, 0));
    }
    for (index, line) in lines {
        if line.trim() == "---" {
            let yaml: Vec<&str> = file.text.lines().skip(start + 1).take(index - start - 1).collect();
            return Ok((Some((start + 2, yaml.join("\n"))), index + 1));
        }
    }
    Err(at(file, start + 1, "front matter is not closed").with_help("end the facts block with a line `---`"))
}

/// Facts, speaker mapping and account notes (`note:` or `notes:`) from the front
/// matter text, whose first line number is given.
fn split_front_matter(file: &SourceFile, front: Option<(usize, String)>) -> Result<FrontMatter, Diagnostic> {
    let Some((first_line, text)) = front else { return Ok((Facts::default(), Vec::new(), Vec::new())) };
    if text.trim().is_empty() {
        return Ok((Facts::default(), Vec::new(), Vec::new()));
    }
    let mut map: std::collections::BTreeMap<String, Value> =
        crate::yaml::from_str_located(&text).map_err(|(line, message)| {
            at(file, first_line + line.saturating_sub(1), format!("front matter: {message}"))
                .with_help("front matter is YAML: `key: value` lines, e.g. `balance: 1240.50`")
        })?;
    let speakers = match map.remove("speakers") {
        None => Vec::new(),
        Some(value) => speaker_map(file, first_line, &value)?,
    };
    let notes: Vec<String> = ["note", "notes"]
        .iter()
        .filter_map(|key| map.remove(*key))
        .flat_map(|v| match v {
            Value::Array(items) => items.iter().map(crate::facts::plain).collect(),
            other => vec![crate::facts::plain(&other)],
        })
        .collect();
    if let Some(facts) = map.remove("facts").and_then(|v| v.as_object().cloned()) {
        map.extend(facts);
    }
    // The same checks as a JSON Lines record's facts: a balance of "lots" once
    // switched the wrong-balance rule off without a word.
    if let Some((name, problem)) = map.iter().find_map(|(name, value)| Some((name, check_fact(name, value)?))) {
        let line = text.lines().position(|l| l.trim_start().starts_with(&format!("{name}:"))).unwrap_or(0);
        return Err(at(file, first_line + line, format!("front matter: {problem}"))
            .with_help("facts are checked as in a JSON Lines record; see `collectsim score --help`"));
    }
    Ok((Facts(map), speakers, notes))
}

/// Facts, speaker mapping and the collector's account notes.
type FrontMatter = (Facts, Vec<(String, Speaker)>, Vec<String>);

fn speaker_map(file: &SourceFile, line: usize, value: &Value) -> Result<Vec<(String, Speaker)>, Diagnostic> {
    let Some(map) = value.as_object() else {
        return Err(at(file, line, "front matter: `speakers` should map labels to sides")
            .with_help("e.g. `speakers: {Sam: collector, Dana: debtor}`"));
    };
    map.iter()
        .map(|(label, side)| match side.as_str() {
            Some("collector" | "agent") => Ok((label.clone(), Speaker::Collector)),
            Some("debtor" | "consumer" | "customer" | "other") => Ok((label.clone(), Speaker::Debtor)),
            _ => Err(at(
                file,
                line,
                format!("front matter: unknown side `{}` for speaker `{label}`", crate::facts::plain(side)),
            )
            .with_help("use `collector` or `debtor`")),
        })
        .collect()
}

fn at(file: &SourceFile, line: usize, message: impl Into<String>) -> Diagnostic {
    Diagnostic::error(file, Pos { line, column: 1 }, message)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<Transcript, Diagnostic> {
        parse_text(&SourceFile::new("call.txt", text))
    }

    #[test]
    fn reads_labels_continuations_stage_notes_and_front_matter() {
        let t = parse(
            "---\ncreditor: Summit Bank\nbalance: 1240.5\nspeakers: {Sam: collector}\n---\n# comment\n\
             [Phone rings at 10:45 PM]\nSam: Hi, this is Sam\n  from Ridgeline Recovery.\nConsumer's Neighbor: Who?\nAgent: Hello.\n",
        )
        .unwrap();
        assert_eq!(t.facts.text("creditor"), Some("Summit Bank"));
        assert_eq!(t.turns.len(), 3);
        assert_eq!(t.turns[0].speaker, Speaker::Collector);
        assert_eq!(t.turns[0].text, "Hi, this is Sam from Ridgeline Recovery.");
        assert_eq!(t.turns[1].speaker, Speaker::Debtor);
        assert_eq!(t.stage_notes, vec![(0, "[Phone rings at 10:45 PM]".to_string())]);
    }

    #[test]
    fn timestamps_names_with_roles_and_agent() {
        let t =
            parse("[00:00:01] Sam Ortiz (Agent): Hi.\n00:00:04\nMaria (Customer): Who?\n01:02 Agent - Me.\n").unwrap();
        let starts: Vec<Option<f64>> = t.turns.iter().map(|t| t.start).collect();
        assert_eq!(starts, vec![Some(1.0), Some(4.0), Some(62.0)]);
        assert_eq!(t.turns[1].speaker, Speaker::Debtor);
        assert_eq!(t.turns[2].speaker, Speaker::Collector);
        // `Caller` is the customer beside `Agent`, the collector beside `Customer`.
        let inbound = parse("Agent: Ridgeline Recovery.\nCaller: Hi.\n").unwrap();
        assert_eq!(inbound.turns[1].speaker, Speaker::Debtor);
        let outbound = parse("Caller: Hi, Ridgeline here.\nCustomer: Yes?\n").unwrap();
        assert_eq!((outbound.turns[0].speaker, outbound.turns[1].speaker), (Speaker::Collector, Speaker::Debtor));
        let file = SourceFile::new("c.txt", "Speaker 0: Hello?\nSpeaker 1: Hi, Ridgeline here.\n");
        let chosen = parse_text_with(&file, Some("speaker 1")).unwrap();
        assert_eq!(chosen.turns[1].speaker, Speaker::Collector);
        assert!(matches!(chosen.roles, Roles::Chosen(ref c) if c.speaker == "Speaker 1" && c.by == "--agent"));
        let missing = parse_text_with(&file, Some("Speaker 2")).unwrap_err();
        assert!(missing.message.contains("--agent `Speaker 2`: no speaker of that name"), "{}", missing.message);
    }

    #[test]
    fn bad_transcripts_name_the_line() {
        let err = |text: &str| {
            let d = parse(text).unwrap_err();
            (d.line, d.message)
        };
        assert_eq!(err(""), (1, "the transcript is empty".into()));
        assert_eq!(err("hello there\n"), (1, "text before the first speaker label".into()));
        assert_eq!(err("\n\n# only comments\n").1, "no speaker labels found");
        assert!(
            err("Debtor: hi\nCustomer: hello\n")
                .1
                .starts_with("no collector turns: none of the speakers (`Debtor`, `Customer`)")
        );
        assert!(err("Sam: hi\nSam: hello\n").1.starts_with("only one speaker (`Sam`)"));
        // Labels that name no side wait for `--agent` or inference.
        let unroled = parse("Sam: hi\nDana: hello\n").unwrap();
        assert_eq!(unroled.roles, Roles::Pending(vec!["Sam".into(), "Dana".into()]));
        let (line, message) = err("---\nbalance: [1,\n---\nAgent: hi\n");
        assert!(message.starts_with("front matter:") && line >= 2, "{line} {message}");
        assert_eq!(err("---\nbalance: 1\nAgent: hi\n"), (1, "front matter is not closed".into()));
        assert!(err("---\nspeakers: {Sam: boss}\n---\nSam: hi\n").1.contains("unknown side `boss`"));
    }
}
