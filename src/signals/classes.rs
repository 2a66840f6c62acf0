//! Word classes: named lists of words and phrases that patterns compose by name.
//!
//! A lexicon pattern writes `<feeling>` where any member of the `feeling` class may
//! stand, so one pattern such as `that (?:sounds|must be) <hardness>` hears every
//! word of the class instead of the one sentence it was written for. A class may
//! name other classes. Expansion happens once, when the lexicon loads: the scanner
//! only ever sees plain regular expressions.

use std::collections::BTreeMap;

/// How deep classes may name classes; deeper is a cycle or a mistake.
const MAX_DEPTH: usize = 8;

/// A class reference that could not be expanded, with the name as written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ClassError {
    Unknown(String),
    Cycle(String),
}

/// Every `<name>` in `pattern` replaced by its class as a non-capturing group.
/// `(?P<x>` and `(?<x>` (named groups) are left alone.
pub fn expand(pattern: &str, classes: &BTreeMap<String, Vec<String>>) -> Result<String, ClassError> {
    expand_at(pattern, classes, 0, &mut Vec::new())
}

fn expand_at(
    pattern: &str,
    classes: &BTreeMap<String, Vec<String>>,
    depth: usize,
    trail: &mut Vec<String>,
) -> Result<String, ClassError> {
    let mut out = String::with_capacity(pattern.len());
    let mut rest = pattern;
    while let Some((before, name, after)) = next_reference(rest) {
        out.push_str(before);
        if trail.iter().any(|t| t == name) || depth >= MAX_DEPTH {
            return Err(ClassError::Cycle(name.to_string()));
        }
        let members = classes.get(name).ok_or_else(|| ClassError::Unknown(name.to_string()))?;
        trail.push(name.to_string());
        let mut expanded = Vec::with_capacity(members.len());
        for member in members {
            expanded.push(expand_at(member, classes, depth + 1, trail)?);
        }
        trail.pop();
        out.push_str("(?:");
        out.push_str(&expanded.join("|"));
        out.push(')');
        rest = after;
    }
    out.push_str(rest);
    Ok(out)
}

/// The text before the next `<name>`, the name, and the text after it.
fn next_reference(text: &str) -> Option<(&str, &str, &str)> {
    let bytes = text.as_bytes();
    let mut from = 0;
    while let Some(offset) = text[from..].find('<') {
        let open = from + offset;
        let before = &text[..open];
        let named_group = before.ends_with("(?") || before.ends_with("(?P");
        let escaped = open > 0 && bytes[open - 1] == b'\\';
        let name_len =
            text[open + 1..].bytes().take_while(|b| b.is_ascii_lowercase() || *b == b'_' || b.is_ascii_digit()).count();
        let closes = text.as_bytes().get(open + 1 + name_len) == Some(&b'>');
        if !named_group && !escaped && name_len > 0 && closes {
            return Some((&text[..open], &text[open + 1..open + 1 + name_len], &text[open + 2 + name_len..]));
        }
        from = open + 1;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn classes(pairs: &[(&str, &[&str])]) -> BTreeMap<String, Vec<String>> {
        pairs.iter().map(|(k, v)| (k.to_string(), v.iter().map(|s| s.to_string()).collect())).collect()
    }

    #[test]
    fn a_class_stands_for_any_of_its_members() {
        let c = classes(&[("hard", &["hard", "tough", "a lot"]), ("feeling", &["scared", "<hard>"])]);
        assert_eq!(expand(r"that (?:is|sounds) <hard>\b", &c).unwrap(), r"that (?:is|sounds) (?:hard|tough|a lot)\b");
        assert_eq!(expand("<feeling>", &c).unwrap(), "(?:scared|(?:hard|tough|a lot))");
        let re = regex::Regex::new(&expand(r"^that sounds <hard>$", &c).unwrap()).unwrap();
        assert!(re.is_match("that sounds a lot") && !re.is_match("that sounds fine"));
    }

    #[test]
    fn named_groups_and_escapes_are_not_classes() {
        let c = classes(&[]);
        assert_eq!(expand(r"(?P<amount>\d+) (?<x>y) \<z>", &c).unwrap(), r"(?P<amount>\d+) (?<x>y) \<z>");
        let c = classes(&[("day", &["monday"])]);
        assert_eq!(expand("(?:on )?<day>", &c).unwrap(), "(?:on )?(?:monday)", "an optional group before a class");
    }

    #[test]
    fn unknown_classes_and_cycles_are_reported() {
        let c = classes(&[("a", &["<b>"]), ("b", &["<a>"])]);
        assert_eq!(expand("<nope>", &c), Err(ClassError::Unknown("nope".into())));
        assert!(matches!(expand("<a>", &c), Err(ClassError::Cycle(_))));
    }
}
