//! Speech-to-text and contact-centre JSON, read from the fields each vendor
//! documents: Amazon Transcribe (`results.items` with `speaker_label`, or
//! `results.audio_segments`, or `channel_labels`), Amazon Connect Contact Lens
//! (`Participants` and `Transcript`), Whisper/whisperX (`segments` with
//! `speaker`) and Deepgram (`results.utterances`, else words with `speaker`).
//! Every error names the JSON path of what is missing or wrong.

use serde_json::Value;

use super::format::{Failure, Format};
use super::{Speaker, Transcript, Utterance};

pub fn read(format: Format, source: &str, value: &Value) -> Result<Transcript, Failure> {
    let utterances = match format {
        Format::Transcribe => transcribe(value),
        Format::ContactLens => contact_lens(value),
        Format::Whisper => whisper(value),
        Format::Deepgram => deepgram(value),
        _ => unreachable!("only vendor formats are read here"),
    }
    .map_err(|message| Failure::Error(format!("{source}: {message}")))?;
    if utterances.iter().all(|u| u.text.trim().is_empty()) {
        return Err(Failure::Error(format!("{source}: the transcript is empty (no words in it)")));
    }
    Ok(Transcript::from_utterances(source, utterances))
}

type Read<T> = Result<T, String>;

fn array<'a>(value: &'a Value, path: &str) -> Read<&'a Vec<Value>> {
    value.as_array().ok_or_else(|| format!("`{path}` should be a list"))
}

fn text_at<'a>(value: &'a Value, key: &str, path: &str) -> Read<&'a str> {
    value.get(key).and_then(Value::as_str).ok_or_else(|| format!("`{path}.{key}` is missing or not text"))
}

/// A time in seconds given as a number or as text (`"4.87"`, Transcribe's way).
fn seconds_at(value: &Value, key: &str) -> Option<f64> {
    match value.get(key)? {
        Value::Number(n) => n.as_f64(),
        Value::String(s) => s.parse().ok(),
        _ => None,
    }
    .filter(|s: &f64| s.is_finite() && *s >= 0.0)
}

/// A speaker id given as text or as a number (`"spk_0"`, `0`).
fn speaker_at(value: &Value, key: &str) -> Option<String> {
    match value.get(key)? {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(format!("Speaker {n}")),
        _ => None,
    }
}

/// Amazon Transcribe batch output.
fn transcribe(value: &Value) -> Read<Vec<Utterance>> {
    let results = value.get("results").ok_or("`results` is missing")?;
    if let Some(segments) = results.get("audio_segments").and_then(Value::as_array).filter(|s| !s.is_empty()) {
        return segments
            .iter()
            .enumerate()
            .map(|(i, segment)| {
                let path = format!("results.audio_segments[{i}]");
                let label = speaker_at(segment, "speaker_label")
                    .or_else(|| speaker_at(segment, "channel_label"))
                    .ok_or_else(|| no_transcribe_speakers(&format!("{path}.speaker_label")))?;
                let text = text_at(segment, "transcript", &path)?.to_string();
                Ok(Utterance { label, side: None, start: seconds_at(segment, "start_time"), text })
            })
            .collect();
    }
    if let Some(channels) = results.get("channel_labels").and_then(|c| c.get("channels")) {
        let mut words = Vec::new();
        for (c, channel) in array(channels, "results.channel_labels.channels")?.iter().enumerate() {
            let label = speaker_at(channel, "channel_label").unwrap_or_else(|| format!("ch_{c}"));
            let path = format!("results.channel_labels.channels[{c}].items");
            words.extend(transcribe_items(channel.get("items").unwrap_or(&Value::Null), &path, &|_| {
                Some(label.clone())
            })?);
        }
        words.sort_by(|a, b| a.start.partial_cmp(&b.start).unwrap_or(std::cmp::Ordering::Equal));
        return Ok(words);
    }
    let segments = results.get("speaker_labels").and_then(|s| s.get("segments")).and_then(Value::as_array);
    let speaker_of = |item: &Value| {
        speaker_at(item, "speaker_label").or_else(|| {
            let start = seconds_at(item, "start_time")?;
            segments?.iter().find_map(|s| {
                let inside = seconds_at(s, "start_time")? <= start && start <= seconds_at(s, "end_time")?;
                inside.then(|| speaker_at(s, "speaker_label")).flatten()
            })
        })
    };
    let items = results.get("items").ok_or("`results.items` is missing")?;
    transcribe_items(items, "results.items", &speaker_of)
}

/// Words and punctuation into utterances: punctuation joins the word before it.
fn transcribe_items(items: &Value, path: &str, speaker_of: &dyn Fn(&Value) -> Option<String>) -> Read<Vec<Utterance>> {
    let mut out: Vec<Utterance> = Vec::new();
    for (i, item) in array(items, path)?.iter().enumerate() {
        let here = format!("{path}[{i}]");
        let content = item
            .get("alternatives")
            .and_then(|a| a.get(0))
            .and_then(|a| a.get("content"))
            .and_then(Value::as_str)
            .ok_or_else(|| format!("`{here}.alternatives[0].content` is missing or not text"))?;
        if item.get("type").and_then(Value::as_str) == Some("punctuation") {
            if let Some(last) = out.last_mut() {
                last.text.push_str(content);
            }
            continue;
        }
        let label = speaker_of(item).ok_or_else(|| no_transcribe_speakers(&format!("{here}.speaker_label")))?;
        match out.last_mut() {
            Some(last) if last.label == label => {
                last.text.push(' ');
                last.text.push_str(content);
            }
            _ => out.push(Utterance {
                label,
                side: None,
                start: seconds_at(item, "start_time"),
                text: content.to_string(),
            }),
        }
    }
    Ok(out)
}

fn no_transcribe_speakers(path: &str) -> String {
    format!(
        "no speaker for a word (`{path}` is missing): run the Transcribe job with speaker partitioning \
         (ShowSpeakerLabels) or channel identification so collectsim can tell the collector from the consumer"
    )
}

/// Amazon Connect Contact Lens output: roles from `Participants`.
fn contact_lens(value: &Value) -> Read<Vec<Utterance>> {
    let mut roles = std::collections::HashMap::new();
    if let Some(participants) = value.get("Participants").and_then(Value::as_array) {
        for p in participants {
            if let (Some(id), Some(role)) =
                (p.get("ParticipantId").and_then(Value::as_str), p.get("ParticipantRole").and_then(Value::as_str))
            {
                roles.insert(id.to_string(), role.to_ascii_uppercase());
            }
        }
    }
    let side = |id: &str| match roles.get(id).map(String::as_str).unwrap_or(id) {
        "AGENT" => Some(Speaker::Collector),
        "CUSTOMER" => Some(Speaker::Debtor),
        _ => None,
    };
    array(&value["Transcript"], "Transcript")?
        .iter()
        .enumerate()
        .map(|(i, line)| {
            let path = format!("Transcript[{i}]");
            let id = text_at(line, "ParticipantId", &path)?;
            let text = text_at(line, "Content", &path)?.to_string();
            let start = seconds_at(line, "BeginOffsetMillis").map(|ms| ms / 1000.0);
            Ok(Utterance { label: id.to_string(), side: side(id), start, text })
        })
        .collect()
}

/// Whisper or whisperX segments; a segment without a speaker continues the one before.
fn whisper(value: &Value) -> Read<Vec<Utterance>> {
    let segments = array(&value["segments"], "segments")?;
    if !segments.iter().any(|s| s.get("speaker").is_some()) {
        return Err("Whisper JSON without speakers (no segment has `speaker`): diarize it first, e.g. with \
                    whisperX's assign_word_speakers, so collectsim can tell the collector from the consumer"
            .into());
    }
    let mut out: Vec<Utterance> = Vec::new();
    for (i, segment) in segments.iter().enumerate() {
        let path = format!("segments[{i}]");
        let text = text_at(segment, "text", &path)?.trim().to_string();
        let label = match speaker_at(segment, "speaker").or_else(|| out.last().map(|u| u.label.clone())) {
            Some(label) => label,
            None => return Err(format!("`{path}.speaker` is missing on the first segment")),
        };
        out.push(Utterance { label, side: None, start: seconds_at(segment, "start"), text });
    }
    Ok(out)
}

/// Deepgram: utterances when requested (`utterances=true`), else the words of the
/// first alternative of each channel, grouped by speaker (or by channel).
fn deepgram(value: &Value) -> Read<Vec<Utterance>> {
    let results = &value["results"];
    if let Some(utterances) = results.get("utterances") {
        return array(utterances, "results.utterances")?
            .iter()
            .enumerate()
            .map(|(i, u)| {
                let path = format!("results.utterances[{i}]");
                let label = speaker_at(u, "speaker")
                    .or_else(|| speaker_at(u, "channel").map(|c| c.replace("Speaker", "Channel")))
                    .ok_or_else(|| format!("`{path}.speaker` is missing: request diarization (diarize=true)"))?;
                let text = text_at(u, "transcript", &path)?.to_string();
                Ok(Utterance { label, side: None, start: seconds_at(u, "start"), text })
            })
            .collect();
    }
    let mut out: Vec<Utterance> = Vec::new();
    for (c, channel) in array(&results["channels"], "results.channels")?.iter().enumerate() {
        let path = format!("results.channels[{c}].alternatives[0].words");
        let words = channel.get("alternatives").and_then(|a| a.get(0)).and_then(|a| a.get("words"));
        for (w, word) in array(words.unwrap_or(&Value::Null), &path)?.iter().enumerate() {
            let here = format!("{path}[{w}]");
            let text =
                word.get("punctuated_word").and_then(Value::as_str).map_or_else(|| text_at(word, "word", &here), Ok)?;
            let label = speaker_at(word, "speaker").unwrap_or_else(|| format!("Channel {c}"));
            out.push(Utterance { label, side: None, start: seconds_at(word, "start"), text: text.to_string() });
        }
    }
    out.sort_by(|a, b| a.start.partial_cmp(&b.start).unwrap_or(std::cmp::Ordering::Equal));
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn turns(format: Format, value: Value) -> Vec<(String, Option<f64>, String)> {
        let t = read(format, "t.json", &value).map_err(Failure::message).unwrap();
        t.turns.into_iter().map(|t| (t.label.unwrap(), t.start, t.text)).collect()
    }

    fn word(content: &str, start: &str, kind: &str) -> Value {
        json!({"start_time": start, "end_time": start, "alternatives": [{"content": content}], "type": kind})
    }

    #[test]
    fn transcribe_items_without_labels_take_them_from_the_speaker_segments() {
        let value = json!({"results": {
            "speaker_labels": {"segments": [
                {"start_time": "0.5", "end_time": "1.5", "speaker_label": "spk_0"},
                {"start_time": "2.0", "end_time": "3.0", "speaker_label": "spk_1"}]},
            "items": [word("Hello", "0.5", "pronunciation"), {"alternatives": [{"content": "."}], "type": "punctuation"},
                      word("Who", "2.0", "pronunciation"), word("?", "2.1", "punctuation")]}});
        assert_eq!(
            turns(Format::Transcribe, value),
            vec![("spk_0".into(), Some(0.5), "Hello.".into()), ("spk_1".into(), Some(2.0), "Who?".into())]
        );
    }

    #[test]
    fn transcribe_channels_and_audio_segments() {
        let channels = json!({"results": {"channel_labels": {"channels": [
            {"channel_label": "ch_0", "items": [word("Hi", "0.1", "pronunciation")]},
            {"channel_label": "ch_1", "items": [word("Yes", "1.0", "pronunciation")]}]}, "items": []}});
        let by_channel = turns(Format::Transcribe, channels);
        assert_eq!(by_channel.iter().map(|t| t.0.as_str()).collect::<Vec<_>>(), ["ch_0", "ch_1"]);
        let segments = json!({"results": {"audio_segments": [
            {"speaker_label": "spk_1", "start_time": "0.4", "transcript": "Hello?"},
            {"speaker_label": "spk_0", "start_time": "1.2", "transcript": "Hi, Ridgeline Recovery."}]}});
        assert_eq!(
            turns(Format::Transcribe, segments)[1],
            ("spk_0".into(), Some(1.2), "Hi, Ridgeline Recovery.".into())
        );
        let unlabelled = json!({"results": {"items": [word("Hi", "0.1", "pronunciation")]}});
        let error = read(Format::Transcribe, "t.json", &unlabelled).err().unwrap().message();
        assert!(
            error.contains("`results.items[0].speaker_label` is missing") && error.contains("ShowSpeakerLabels"),
            "{error}"
        );
    }

    #[test]
    fn deepgram_words_contact_lens_roles_and_whisper_without_speakers() {
        let words = json!({"results": {"channels": [{"alternatives": [{"words": [
            {"word": "hi", "punctuated_word": "Hi.", "start": 0.2, "speaker": 0},
            {"word": "who", "punctuated_word": "Who", "start": 1.0, "speaker": 1},
            {"word": "is", "start": 1.2, "speaker": 1}]}]}]}});
        assert_eq!(turns(Format::Deepgram, words)[1], ("Speaker 1".into(), Some(1.0), "Who is".into()));
        let lens = json!({"Participants": [{"ParticipantId": "A1", "ParticipantRole": "AGENT"}],
            "Transcript": [{"ParticipantId": "A1", "Content": "Hello.", "BeginOffsetMillis": 1500},
                           {"ParticipantId": "CUSTOMER", "Content": "Hi.", "BeginOffsetMillis": 3000}]});
        let call = read(Format::ContactLens, "c.json", &lens).map_err(Failure::message).unwrap();
        assert_eq!(call.turns[0].speaker, Speaker::Collector);
        assert_eq!((call.turns[1].speaker, call.turns[1].start), (Speaker::Debtor, Some(3.0)));
        let plain = json!({"text": "hi", "segments": [{"start": 0.0, "end": 1.0, "text": "hi"}]});
        assert!(read(Format::Whisper, "w.json", &plain).err().unwrap().message().contains("without speakers"));
    }
}
