//! Control characters that came from a file or a record, made visible before they
//! can reach a terminal. A trainee name, a collector's line or a JSON Lines id
//! holding `ESC [2J` once cleared a supervisor's screen in `progress`; OSC
//! sequences can set window titles, plant links and write to the clipboard.
//! Everything read from a transcript, a session or a record passes through here;
//! YAML files refuse such characters outright (see `yaml.rs`).

use std::borrow::Cow;

/// Whether `c` would be acted on by a terminal rather than shown: C0 controls
/// other than tab and line feed, DEL, and the C1 range (`\u{9b}` is a CSI on its own).
pub fn is_hazard(c: char) -> bool {
    (c.is_control() && c != '\t' && c != '\n') || ('\u{80}'..='\u{9f}').contains(&c)
}

/// `text` with each hazardous character replaced by its visible picture (`␛` for
/// ESC, `␍` for a carriage return that does not end a line), or `\u{fffd}` for C1.
pub fn visible(text: &str) -> Cow<'_, str> {
    if !text.chars().any(is_hazard) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        out.push(match c {
            '\r' if chars.peek() == Some(&'\n') => '\r',
            c if !is_hazard(c) => c,
            c if (c as u32) < 0x20 => char::from_u32(0x2400 + c as u32).unwrap_or('\u{fffd}'),
            '\u{7f}' => '\u{2421}',
            _ => '\u{fffd}',
        });
    }
    Cow::Owned(out)
}

/// Parses JSON read from a file or a record with every string in it made visible.
pub fn json_value(text: &str) -> serde_json::Result<serde_json::Value> {
    let mut value = serde_json::from_str(text)?;
    visible_in_value(&mut value);
    Ok(value)
}

/// Makes every string in a JSON value (keys included) visible, in place.
pub fn visible_in_value(value: &mut serde_json::Value) {
    use serde_json::Value;
    match value {
        Value::String(text) => {
            if let Cow::Owned(clean) = visible(text) {
                *text = clean;
            }
        }
        Value::Array(items) => items.iter_mut().for_each(visible_in_value),
        Value::Object(map) => {
            if map.keys().any(|k| k.chars().any(is_hazard)) {
                let entries = std::mem::take(map);
                map.extend(entries.into_iter().map(|(k, v)| (visible(&k).into_owned(), v)));
            }
            map.values_mut().for_each(visible_in_value);
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_and_osc_sequences_become_pictures_but_text_and_line_ends_stay() {
        assert_eq!(visible("Dana\u{1b}[2J"), "Dana\u{241b}[2J");
        assert_eq!(visible("\u{1b}]52;c;aGk=\u{7}"), "\u{241b}]52;c;aGk=\u{2407}");
        assert_eq!(visible("a\u{9b}31m"), "a\u{fffd}31m");
        assert_eq!(visible("over\rwrite"), "over\u{240d}write");
        assert_eq!(visible("José said\r\nthen\tthis"), "José said\r\nthen\tthis");
        assert!(matches!(visible("José said\nthen\tthis"), Cow::Borrowed(_)));
        let mut value = serde_json::json!({"trainee": "x\u{1b}[31m", "turns": [{"text": "\u{7f}"}]});
        visible_in_value(&mut value);
        assert_eq!(value, serde_json::json!({"trainee": "x\u{241b}[31m", "turns": [{"text": "\u{2421}"}]}));
    }
}
