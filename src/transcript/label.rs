//! What starts a transcript line: an optional timestamp (`[00:00:01]`, `00:01`,
//! `(0:01:42.5)`), a speaker label (`Agent`, `Sam Ortiz (Agent)`, `Agent (Sam)`,
//! `Speaker 0`), and the side a label names when it names one.

use super::Speaker;

/// Words that put a label on the collector's side (`Agent`, `Sam (Rep)`), and the
/// helper's roles in the peer-support and counselling conversations QA teams
/// calibrate listening against (`Helper`, `Counsellor`, `Therapist`, a crisis
/// line's `Volunteer`, a chat log's `Assistant`).
pub const COLLECTOR_LABELS: &[&str] = &[
    "collector",
    "agent",
    "trainee",
    "rep",
    "representative",
    "helper",
    "listener",
    "supporter",
    "counsellor",
    "counselor",
    "therapist",
    "coach",
    "operator",
    "advisor",
    "adviser",
    "volunteer",
    "caseworker",
    "assistant",
];

/// `Caller` is the collector on an outbound call, but the customer in an inbound
/// queue's export (`Agent:` and `Caller:`): it names the collector only when no
/// other label does (see `roles::settle`).
pub fn is_caller(label: &str) -> bool {
    label.split(|c: char| c.is_whitespace() || matches!(c, '(' | ')')).any(|w| w.eq_ignore_ascii_case("caller"))
}

/// Words that put a label on the consumer's side (`Customer`, `Debtor (Maria)`),
/// and the person helped in peer-support and counselling conversations (`Seeker`).
pub const CONSUMER_LABELS: &[&str] =
    &["debtor", "customer", "consumer", "client", "borrower", "cardholder", "seeker", "patient", "texter", "user"];

/// A timestamp at the start of a line and the rest of the line, e.g. `[00:01:42]`
/// or `00:01` followed by a space. Seconds from the start of the call.
pub fn split_timestamp(line: &str) -> Option<(f64, &str)> {
    let trimmed = line.trim_start();
    let (inner, rest) = match trimmed.as_bytes().first() {
        Some(b'[') => bracketed(trimmed, ']')?,
        Some(b'(') => bracketed(trimmed, ')')?,
        _ => {
            let end = trimmed.find(char::is_whitespace).unwrap_or(trimmed.len());
            (&trimmed[..end], &trimmed[end..])
        }
    };
    let seconds = clock_seconds(inner)?;
    Some((seconds, rest.trim_start()))
}

fn bracketed(text: &str, close: char) -> Option<(&str, &str)> {
    let end = text.find(close)?;
    Some((&text[1..end], &text[end + 1..]))
}

/// `h:mm:ss`, `mm:ss` or either with a fraction (`.250` or `,250`), as seconds.
pub fn clock_seconds(text: &str) -> Option<f64> {
    let (clock, fraction) = match text.find(['.', ',']) {
        Some(i) => (&text[..i], Some(&text[i + 1..])),
        None => (text, None),
    };
    let parts: Vec<&str> = clock.split(':').collect();
    let digits = |p: &&str| !p.is_empty() && p.len() <= 2 && p.bytes().all(|b| b.is_ascii_digit());
    if !(2..=3).contains(&parts.len()) || !parts.iter().all(digits) || parts[1..].iter().any(|p| p.len() != 2) {
        return None;
    }
    let mut seconds = parts.iter().fold(0.0, |total, p| total * 60.0 + p.parse::<f64>().unwrap_or(0.0));
    if let Some(fraction) = fraction {
        if fraction.is_empty() || fraction.len() > 3 || !fraction.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        seconds += fraction.parse::<f64>().unwrap_or(0.0) / 10f64.powi(fraction.len() as i32);
    }
    Some(seconds)
}

/// Seconds as a clock a QA analyst can seek to: `00:01:42`.
pub fn clock(seconds: f64) -> String {
    let whole = seconds.max(0.0).floor() as u64;
    format!("{:02}:{:02}:{:02}", whole / 3600, whole / 60 % 60, whole % 60)
}

/// Splits a speaker label from what was said: one to three words (or `Name (Role)`)
/// then a colon — or, after a timestamp, a spaced dash (`00:01 Agent - Hi`).
/// Hand-written rather than a regex: it runs on every line of every transcript.
pub fn split_label(line: &str, after_timestamp: bool) -> Option<(&str, &str)> {
    let trimmed = line.trim_start();
    if let Some(colon) = trimmed.find(':') {
        let label = trimmed[..colon].trim_end();
        if is_label(label) {
            return Some((label, &trimmed[colon + 1..]));
        }
    }
    if after_timestamp {
        for dash in [" - ", " – ", " — "] {
            if let Some(at) = trimmed.find(dash) {
                let label = trimmed[..at].trim_end();
                if is_label(label) {
                    return Some((label, &trimmed[at + dash.len()..]));
                }
            }
        }
    }
    None
}

fn is_label(label: &str) -> bool {
    let (name, role) = name_and_role(label);
    words_ok(name, 3) && role.is_none_or(|r| words_ok(r, 3))
}

fn words_ok(text: &str, most: usize) -> bool {
    let word_ok = |word: &str| {
        let mut chars = word.chars();
        chars.next().is_some_and(|c| c.is_ascii_alphanumeric())
            && chars.all(|c| c.is_alphanumeric() || matches!(c, '_' | '\'' | '\u{2019}' | '.' | '-'))
    };
    let first_alpha = text.chars().next().is_some_and(|c| c.is_ascii_alphabetic());
    first_alpha && text.split(' ').count() <= most && text.split(' ').all(word_ok)
}

/// `Sam Ortiz (Agent)` → (`Sam Ortiz`, `Agent`); a label without brackets has no role part.
fn name_and_role(label: &str) -> (&str, Option<&str>) {
    match (label.find('('), label.strip_suffix(')')) {
        (Some(open), Some(inner)) => (label[..open].trim_end(), Some(inner[open + 1..].trim())),
        _ => (label, None),
    }
}

/// The side a label names, if it names one: a role word anywhere in it
/// (`Agent`, `Sam (Rep)`, `Customer (Maria)`); names and diarization labels
/// (`Speaker 0`, `spk_1`) name none.
pub fn side_named(label: &str) -> Option<Speaker> {
    let has = |list: &[&str]| {
        label
            .split(|c: char| c.is_whitespace() || matches!(c, '(' | ')'))
            .map(|w| w.trim_end_matches("'s").trim_end_matches("\u{2019}s"))
            .any(|w| list.iter().any(|l| l.eq_ignore_ascii_case(w)))
    };
    if has(COLLECTOR_LABELS) {
        Some(Speaker::Collector)
    } else if has(CONSUMER_LABELS) {
        Some(Speaker::Debtor)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn helping_conversations_name_their_sides() {
        assert_eq!(side_named("Helper"), Some(Speaker::Collector));
        assert_eq!(side_named("Counsellor (Jo)"), Some(Speaker::Collector));
        assert_eq!(side_named("Therapist"), Some(Speaker::Collector));
        assert_eq!(side_named("Seeker"), Some(Speaker::Debtor));
        assert_eq!(side_named("Client"), Some(Speaker::Debtor));
        assert_eq!(side_named("Speaker 1"), None);
        // a crisis text line, a debt-advice line, a chat log
        assert_eq!(side_named("Volunteer"), Some(Speaker::Collector));
        assert_eq!(side_named("Texter"), Some(Speaker::Debtor));
        assert_eq!(side_named("Debt Adviser"), Some(Speaker::Collector));
        assert_eq!(side_named("Assistant"), Some(Speaker::Collector));
        assert_eq!(side_named("User"), Some(Speaker::Debtor));
    }

    #[test]
    fn timestamps_in_the_forms_phone_systems_write() {
        assert_eq!(split_timestamp("[00:00:01] Agent: Hi"), Some((1.0, "Agent: Hi")));
        assert_eq!(split_timestamp("00:01 Agent - Hi"), Some((1.0, "Agent - Hi")));
        assert_eq!(split_timestamp("(1:01:42.5) Rep: Hi"), Some((3702.5, "Rep: Hi")));
        assert_eq!(split_timestamp("[Phone rings at 10:45 PM]"), None);
        assert_eq!(split_timestamp("Agent: at 10:45 then"), None);
        assert_eq!(split_timestamp("10:5 Agent: hi"), None);
        assert_eq!(clock(102.9), "00:01:42");
    }

    #[test]
    fn labels_with_names_and_roles() {
        assert_eq!(split_label("Sam Ortiz (Agent): Hi", false), Some(("Sam Ortiz (Agent)", " Hi")));
        assert_eq!(split_label("Agent - Hi", true), Some(("Agent", "Hi")));
        assert_eq!(split_label("Agent - Hi", false), None);
        assert_eq!(split_label("Note: the thing is - what", true), Some(("Note", " the thing is - what")));
        assert_eq!(split_label("Well I said that: no", false), None);
        assert_eq!(side_named("Sam Ortiz (Agent)"), Some(Speaker::Collector));
        assert_eq!(side_named("Customer (Maria)"), Some(Speaker::Debtor));
        assert_eq!(side_named("Consumer's Neighbor"), Some(Speaker::Debtor));
        assert_eq!(side_named("SPEAKER_01"), None);
        assert_eq!(side_named("Speaker 0"), None);
    }
}
