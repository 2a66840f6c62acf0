//! Caption files from speech-to-text: WebVTT (speakers as `<v Name>` voice tags or
//! `Name:` at the start of a cue) and SubRip (`Name:`). A cue without a speaker
//! continues the one before it. Cues must run forward in time: one that ends
//! before it starts, starts before the cue above, or overlaps it is an error that
//! names its line.

use super::format::Failure;
use super::label::{clock_seconds, split_label};
use super::{Transcript, Utterance};

struct Cue {
    line: usize,
    start: f64,
    end: f64,
    text: Vec<String>,
}

/// A WebVTT file as a transcript.
pub fn vtt(source: &str, text: &str) -> Result<Transcript, Failure> {
    if !text.trim_start().starts_with("WEBVTT") {
        return Err(Failure::NotATranscript(format!(
            "{source}:1:1: error: not a WebVTT file (it must start with `WEBVTT`)"
        )));
    }
    let cues = cues(source, text)?;
    utterances(source, cues, true)
}

/// A SubRip (.srt) file as a transcript.
pub fn srt(source: &str, text: &str) -> Result<Transcript, Failure> {
    let cues = cues(source, text)?;
    utterances(source, cues, false)
}

/// The cues of either format: a timing line `START --> END [settings]`, then text
/// lines up to a blank line. Headers, identifiers, `NOTE`, `STYLE` and `REGION`
/// blocks are read past.
fn cues(source: &str, text: &str) -> Result<Vec<Cue>, Failure> {
    let mut cues: Vec<Cue> = Vec::new();
    let mut current: Option<Cue> = None;
    for (index, line) in text.lines().enumerate() {
        let number = index + 1;
        let trimmed = line.trim();
        if trimmed.is_empty() {
            cues.extend(current.take());
            continue;
        }
        if let Some(cue) = current.as_mut() {
            cue.text.push(trimmed.to_string());
            continue;
        }
        if !trimmed.contains("-->") {
            continue; // header, cue identifier, NOTE/STYLE/REGION block
        }
        let (start, end) = timing(trimmed).ok_or_else(|| {
            at(source, number, format!("cannot read the cue timing `{trimmed}`; write `00:00:01.000 --> 00:00:04.000`"))
        })?;
        check_order(source, number, start, end, cues.last())?;
        current = Some(Cue { line: number, start, end, text: Vec::new() });
    }
    cues.extend(current);
    if cues.is_empty() {
        return Err(Failure::Error(format!("{source}: no cues (timed lines `00:00:01.000 --> 00:00:04.000`) found")));
    }
    Ok(cues)
}

fn timing(line: &str) -> Option<(f64, f64)> {
    let (start, rest) = line.split_once("-->")?;
    let end = rest.split_whitespace().next()?;
    Some((clock_seconds(start.trim())?, clock_seconds(end)?))
}

fn check_order(source: &str, line: usize, start: f64, end: f64, previous: Option<&Cue>) -> Result<(), Failure> {
    if end < start {
        return Err(at(source, line, "this cue ends before it starts; check the timing line".into()));
    }
    let Some(previous) = previous else { return Ok(()) };
    if start < previous.start {
        return Err(at(
            source,
            line,
            format!("this cue starts before the cue at line {} (cues must be in time order)", previous.line),
        ));
    }
    if start < previous.end {
        return Err(at(
            source,
            line,
            format!(
                "this cue overlaps the cue at line {}, which ends at {}; collectsim needs one speaker at a time",
                previous.line,
                super::label::clock(previous.end)
            ),
        ));
    }
    Ok(())
}

fn at(source: &str, line: usize, message: String) -> Failure {
    Failure::Error(format!("{source}:{line}:1: error: {message}"))
}

/// Cues as utterances: the speaker from a voice tag (WebVTT) or a `Name:` label;
/// a cue with neither continues the speaker before it.
fn utterances(source: &str, cues: Vec<Cue>, voices: bool) -> Result<Transcript, Failure> {
    let mut utterances: Vec<Utterance> = Vec::new();
    for cue in cues {
        let joined = cue.text.join(" ");
        let (voice, rest) = if voices { voice_tag(&joined) } else { (None, joined.as_str()) };
        let plain = strip_tags(rest);
        let (label, said) = match (voice, split_label(&plain, false)) {
            (Some(voice), _) => (Some(voice), plain.clone()),
            (None, Some((label, said))) => (Some(label.to_string()), said.trim().to_string()),
            (None, None) => (None, plain.clone()),
        };
        let label = match label.or_else(|| utterances.last().map(|u| u.label.clone())) {
            Some(label) => label,
            None => {
                return Err(at(
                    source,
                    cue.line,
                    "the first cue names no speaker; start cues with a voice tag `<v Agent>` (WebVTT) or `Agent:`"
                        .into(),
                ));
            }
        };
        utterances.push(Utterance { label, side: None, start: Some(cue.start), text: said });
    }
    Ok(Transcript::from_utterances(source, utterances))
}

/// `<v Sam Ortiz>Hello` → (`Sam Ortiz`, `Hello`); `<v.loud Agent>` keeps `Agent`.
fn voice_tag(text: &str) -> (Option<String>, &str) {
    let trimmed = text.trim_start();
    let Some(rest) = trimmed.strip_prefix("<v") else { return (None, text) };
    if !rest.starts_with([' ', '.']) {
        return (None, text);
    }
    let Some(close) = rest.find('>') else { return (None, text) };
    let inside = rest[..close].trim_start_matches(|c: char| c != ' ').trim();
    (Some(inside.to_string()).filter(|v| !v.is_empty()), &rest[close + 1..])
}

/// Cue text without markup (`<i>`, `</v>`, `<00:00:01.000>`) and with the
/// entities captions use decoded.
fn strip_tags(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut in_tag = false;
    for c in text.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => in_tag = false,
            _ if !in_tag => out.push(c),
            _ => {}
        }
    }
    let decoded = out.replace("&lt;", "<").replace("&gt;", ">").replace("&nbsp;", " ").replace("&amp;", "&");
    decoded.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::transcript::Speaker;

    fn message(result: Result<Transcript, Failure>) -> String {
        result.err().map(Failure::message).unwrap_or_default()
    }

    #[test]
    fn webvtt_voices_and_continuations() {
        let call = vtt(
            "call.vtt",
            "WEBVTT\n\nNOTE made by a recorder\n\n1\n00:00:01.000 --> 00:00:03.500\n<v Sam Ortiz (Agent)>Hi, this is Sam.</v>\n\n\
             00:00:03.600 --> 00:00:05.000 align:start\n<v Sam Ortiz (Agent)>From Ridgeline &amp; Co.\n\n\
             00:00:05.200 --> 00:00:06.000\n<v.loud Maria>Who <i>is</i> this?\n\n00:00:06.000 --> 00:00:07.000\nReally?\n",
        )
        .unwrap();
        assert_eq!(call.turns.len(), 2);
        assert_eq!(call.turns[0].text, "Hi, this is Sam. From Ridgeline & Co.");
        assert_eq!(call.turns[0].start, Some(1.0));
        assert_eq!(call.turns[1].label.as_deref(), Some("Maria"));
        assert_eq!(call.turns[1].text, "Who is this? Really?");
        assert_eq!(call.turns[1].speaker, Speaker::Debtor);
    }

    #[test]
    fn srt_labels_and_bad_timing() {
        let call = srt(
            "c.srt",
            "1\n00:00:01,000 --> 00:00:02,000\nAgent: Hello.\n\n2\n00:00:02,500 --> 00:00:04,000\nCustomer: Hi.\n",
        )
        .unwrap();
        assert_eq!(call.turns[1].start, Some(2.5));
        let reversed = srt("c.srt", "1\n00:00:05,000 --> 00:00:02,000\nAgent: Hello.\n");
        assert_eq!(message(reversed), "c.srt:2:1: error: this cue ends before it starts; check the timing line");
        let overlap = srt(
            "c.srt",
            "1\n00:00:01,000 --> 00:00:04,000\nAgent: Hi\n\n2\n00:00:03,000 --> 00:00:05,000\nCustomer: Yo\n",
        );
        assert!(message(overlap).starts_with("c.srt:6:1: error: this cue overlaps the cue at line 2"));
        let back = srt(
            "c.srt",
            "1\n00:00:05,000 --> 00:00:06,000\nAgent: Hi\n\n2\n00:00:01,000 --> 00:00:02,000\nCustomer: Yo\n",
        );
        assert!(message(back).contains("starts before the cue at line 2"));
        assert!(message(srt("c.srt", "1\n00:00:01,000 --> 00:00:02,000\nHello\n")).contains("names no speaker"));
    }
}
