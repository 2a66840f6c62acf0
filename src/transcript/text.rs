//! The plain-text transcript format QA teams paste from anywhere (DESIGN.md):
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

use std::collections::{HashMap, HashSet};

use serde_json::Value;

use super::{Speaker, Transcript, Turn};
use crate::diagnostic::{Diagnostic, Pos};
use crate::facts::{Facts, check_fact};
use crate::source::SourceFile;

/// Labels that mark the collector's side; any other label is the other party.
pub const COLLECTOR_LABELS: &[&str] = &["collector", "agent", "trainee", "rep", "representative"];

/// Splits a speaker label — one to three words, then a colon, at the start of a
/// line — from what was said. Hand-written rather than a regex with captures: it
/// runs on every line of every transcript and was a tenth of batch scoring time.
fn split_label(line: &str) -> Option<(&str, &str)> {
    let trimmed = line.trim_start();
    let colon = trimmed.find(':')?;
    let label = trimmed[..colon].trim_end();
    let word_ok = |word: &str| {
        let mut chars = word.chars();
        chars.next().is_some_and(|c| c.is_ascii_alphabetic())
            && chars.all(|c| c.is_alphanumeric() || matches!(c, '_' | '\'' | '\u{2019}' | '.' | '-'))
    };
    let words = label.split(' ').count();
    (words <= 3 && label.split(' ').all(word_ok)).then(|| (label, &trimmed[colon + 1..]))
}

/// Parses a transcript, or explains (with file and line) why it cannot be read.
pub fn parse_text(file: &SourceFile) -> Result<Transcript, Diagnostic> {
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
    };
    // Looked up per line, so a transcript with 100,000 distinct labels (or a map of
    // that many) stays linear; `labels_seen` keeps first-seen order for messages.
    let speakers: HashMap<String, Speaker> =
        speakers.into_iter().map(|(name, side)| (name.to_ascii_lowercase(), side)).collect();
    let mut labels_seen: (Vec<String>, HashSet<String>) = Default::default();
    for (index, line) in file.text.lines().enumerate().skip(body_start) {
        read_line(file, index + 1, line, &speakers, &mut transcript, &mut labels_seen)?;
    }
    check_speakers(file, &transcript, &labels_seen.0)?;
    Ok(transcript)
}

fn read_line(
    file: &SourceFile,
    number: usize,
    line: &str,
    speakers: &HashMap<String, Speaker>,
    transcript: &mut Transcript,
    labels_seen: &mut (Vec<String>, HashSet<String>),
) -> Result<(), Diagnostic> {
    let trimmed = line.trim();
    if trimmed.is_empty() || trimmed.starts_with('#') {
        return Ok(());
    }
    if trimmed.starts_with('[') && trimmed.ends_with(']') {
        transcript.stage_notes.push((transcript.turns.len(), trimmed.to_string()));
        return Ok(());
    }
    if let Some((label, said)) = split_label(line) {
        let said = said.trim();
        if said.starts_with('[') && said.ends_with(']') {
            transcript.stage_notes.push((transcript.turns.len(), said.to_string()));
            return Ok(());
        }
        let speaker = speaker_for(label, speakers);
        let mut turn = Turn::spoken(speaker, said);
        if speaker == Speaker::Debtor {
            turn.events.extend(relation_event(label));
        }
        if labels_seen.1.insert(label.to_string()) {
            labels_seen.0.push(label.to_string());
        }
        transcript.turns.push(turn);
        return Ok(());
    }
    match transcript.turns.last_mut() {
        Some(turn) => {
            if !turn.text.is_empty() {
                turn.text.push(' ');
            }
            turn.text.push_str(trimmed);
            Ok(())
        }
        None => Err(at(file, number, "text before the first speaker label")
            .with_help("start each turn with a label such as `Agent:` or `Debtor:`")),
    }
}

/// A label such as `Consumer's Neighbor` or `Wife` says who answered: a third
/// party, or a spouse (who counts as the consumer under Reg F 1006.6(a)).
fn relation_event(label: &str) -> Option<String> {
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

fn speaker_for(label: &str, speakers: &HashMap<String, Speaker>) -> Speaker {
    if !speakers.is_empty()
        && let Some(speaker) = speakers.get(&label.to_ascii_lowercase())
    {
        return *speaker;
    }
    if COLLECTOR_LABELS.iter().any(|c| c.eq_ignore_ascii_case(label)) { Speaker::Collector } else { Speaker::Debtor }
}

/// A transcript must have turns, and someone on the collector's side.
fn check_speakers(file: &SourceFile, transcript: &Transcript, labels: &[String]) -> Result<(), Diagnostic> {
    if transcript.turns.is_empty() {
        return Err(at(file, 1, "no speaker labels found")
            .with_help("start each turn with a label such as `Agent:` or `Debtor:`"));
    }
    if !transcript.turns.iter().any(|t| t.speaker == Speaker::Collector) {
        let mut found = labels.iter().take(10).map(|l| format!("`{l}`")).collect::<Vec<_>>().join(", ");
        if labels.len() > 10 {
            found += &format!(" and {} more", labels.len() - 10);
        }
        return Err(at(file, 1, format!("no collector turns: none of the speakers ({found}) is on the collector's side"))
            .with_help(format!(
                "label the collector's turns `Agent:` (or Collector, Trainee, Rep), or map the label in front matter: `speakers: {{{}: collector}}`",
                labels.first().map_or("Sam", String::as_str)
            )));
    }
    Ok(())
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
    fn bad_transcripts_name_the_line() {
        let err = |text: &str| {
            let d = parse(text).unwrap_err();
            (d.line, d.message)
        };
        assert_eq!(err(""), (1, "the transcript is empty".into()));
        assert_eq!(err("hello there\n"), (1, "text before the first speaker label".into()));
        assert_eq!(err("\n\n# only comments\n").1, "no speaker labels found");
        assert!(
            err("Sam: hi\nDana: hello\n").1.starts_with("no collector turns: none of the speakers (`Sam`, `Dana`)")
        );
        let (line, message) = err("---\nbalance: [1,\n---\nAgent: hi\n");
        assert!(message.starts_with("front matter:") && line >= 2, "{line} {message}");
        assert_eq!(err("---\nbalance: 1\nAgent: hi\n"), (1, "front matter is not closed".into()));
        assert!(err("---\nspeakers: {Sam: boss}\n---\nSam: hi\n").1.contains("unknown side `boss`"));
    }
}
