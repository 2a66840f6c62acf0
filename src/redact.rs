//! `--redact`: masks what identifies a real customer — card, account and social
//! security numbers, phone numbers, e-mail addresses — in the evidence and messages
//! of a scorecard, so QA output can be shared. Spans still point into the original
//! transcript, which stays with whoever holds it.

use std::sync::LazyLock;

use regex::{Captures, Regex};

use crate::score::Scorecard;

/// One pass over the text; the alternation's order decides ties (an SSN is not
/// also a phone number).
static SENSITIVE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"(?P<email>[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,})",
        r"|(?P<ssn>\b\d{3}-\d{2}-\d{4}\b)",
        r"|(?P<digits>\b\d(?:[ -]?\d){12,18}\b)",
        r"|(?P<phone>(?:\+\d{1,3}[ .-]?)?(?:\(\d{2,5}\)|\b\d{2,5})[ .-]?\d{3,4}[ .-]?\d{3,4}\b)",
        r"|(?i:(?P<label>\b(?:account|acct|reference|ref)(?:\s+(?:number|no\.?))?(?:\s+is)?\s*[#:]?\s*)(?P<account>[A-Z0-9-]*\d[A-Z0-9-]{3,}))",
        r"|(?P<long>\b\d{6,}\b)",
    ))
    .expect("valid regex")
});

/// The text with every sensitive number or address replaced by a label such as
/// `[card]` or `[phone]`.
pub fn redact(text: &str) -> String {
    if !text.bytes().any(|b| b.is_ascii_digit() || b == b'@') {
        return text.to_string();
    }
    SENSITIVE.replace_all(text, |caps: &Captures| mask(caps)).into_owned()
}

fn mask(caps: &Captures) -> String {
    if caps.name("email").is_some() {
        "[email]".into()
    } else if caps.name("ssn").is_some() {
        "[ssn]".into()
    } else if let Some(digits) = caps.name("digits") {
        if luhn_valid(digits.as_str()) { "[card]".into() } else { "[account]".into() }
    } else if caps.name("phone").is_some() {
        "[phone]".into()
    } else if let Some(label) = caps.name("label") {
        format!("{}[account]", label.as_str())
    } else {
        "[account]".into()
    }
}

/// Card numbers carry a Luhn check digit; other long numbers are account numbers.
fn luhn_valid(number: &str) -> bool {
    let digits: Vec<u32> = number.chars().filter_map(|c| c.to_digit(10)).collect();
    let sum: u32 = digits
        .iter()
        .rev()
        .enumerate()
        .map(|(i, &d)| if i % 2 == 1 { if d * 2 > 9 { d * 2 - 9 } else { d * 2 } } else { d })
        .sum();
    sum % 10 == 0
}

/// Masks the scorecard's evidence, messages and better phrasings (which may quote
/// account facts).
pub fn scorecard(card: &mut Scorecard) {
    card.findings.iter_mut().for_each(redact_finding);
    for strength in &mut card.strengths {
        strength.evidence = redact(&strength.evidence);
        strength.message = redact(&strength.message);
    }
    card.headline = redact(&card.headline);
    for turn in &mut card.turns {
        for grade in [&mut turn.empathy, &mut turn.clarity, &mut turn.negotiation].into_iter().flatten() {
            for component in &mut grade.components {
                component.evidence = redact(&component.evidence);
            }
        }
    }
}

/// Masks a report: what was said (each highlighted piece on its own, so the
/// highlights still cover the words they did), the findings and strengths,
/// the grades' evidence, the notes and the model answers.
pub fn report(report: &mut crate::report::Report) {
    report.headline = redact(&report.headline);
    report.reason = redact(&report.reason);
    for finding in &mut report.work_on {
        redact_finding(finding);
    }
    for strength in &mut report.strengths {
        strength.evidence = redact(&strength.evidence);
        strength.message = redact(&strength.message);
    }
    for turn in &mut report.turns {
        turn.text = redact(&turn.text);
        let pieces = redact_pieces(&turn.segments.iter().map(|s| s.text.as_str()).collect::<Vec<_>>());
        turn.segments.iter_mut().zip(pieces).for_each(|(segment, piece)| segment.text = piece);
        turn.findings.iter_mut().for_each(redact_finding);
        for strength in &mut turn.strengths {
            strength.evidence = redact(&strength.evidence);
        }
        for component in turn.grades.iter_mut().flat_map(|g| &mut g.components) {
            component.evidence = redact(&component.evidence);
            component.line = redact(&component.line);
        }
    }
    report.notes.iter_mut().for_each(|n| *n = redact(n));
    for answer in &mut report.model_answers {
        answer.said = redact(&answer.said);
        answer.model = redact(&answer.model);
    }
}

/// Masks text that was cut into pieces (a turn split at its highlights): a number
/// that runs across two pieces is still found, and its label goes in the piece
/// where it starts.
pub fn redact_pieces(pieces: &[&str]) -> Vec<String> {
    let whole: String = pieces.concat();
    let hits: Vec<(usize, usize, String)> =
        SENSITIVE.captures_iter(&whole).map(|c| (c.get(0).map_or(0, |m| m.start()), c[0].len(), mask(&c))).collect();
    let mut out = Vec::with_capacity(pieces.len());
    let mut offset = 0;
    for piece in pieces {
        let (start, end) = (offset, offset + piece.len());
        let mut text = String::new();
        let mut at = start;
        for (hit_start, hit_len, label) in &hits {
            let hit_end = hit_start + hit_len;
            if hit_end <= at || *hit_start >= end {
                continue;
            }
            if *hit_start > at {
                text.push_str(&whole[at..*hit_start]);
            }
            if *hit_start >= start {
                text.push_str(label);
            }
            at = hit_end.min(end);
        }
        text.push_str(&whole[at..end]);
        out.push(text);
        offset = end;
    }
    out
}

fn redact_finding(finding: &mut crate::score::Finding) {
    finding.evidence = redact(&finding.evidence);
    finding.message = redact(&finding.message);
    finding.better = redact(&finding.better);
}

#[cfg(test)]
mod tests {
    use super::redact;

    #[test]
    fn identifying_numbers_and_addresses_are_masked() {
        let cases = [
            ("My card is 4111 1111 1111 1111.", "My card is [card]."),
            ("Card 4111-1111-1111-1112 declined", "Card [account] declined"),
            ("SSN 123-45-6789 on file", "SSN [ssn] on file"),
            ("Call me on (555) 123-4567 or 555.987.6543", "Call me on [phone] or [phone]"),
            ("UK mobile +44 7700 900123 works", "UK mobile [phone] works"),
            ("Write to maria.alvarez@example.com today", "Write to [email] today"),
            ("Your account number is AC-88412.", "Your account number is [account]."),
            ("Reference 20931847 please", "Reference [account] please"),
        ];
        for (text, expected) in cases {
            assert_eq!(redact(text), expected, "{text}");
        }
    }

    #[test]
    fn a_number_across_highlighted_pieces_is_still_masked_once() {
        let pieces = super::redact_pieces(&["reach me on 555-123-4", "567. Or ", "mail a@b.co"]);
        assert_eq!(pieces, ["reach me on [phone]", ". Or ", "mail [email]"]);
    }

    #[test]
    fn money_dates_and_times_are_left_alone() {
        for text in
            ["You owe $1,240.50 since 03/15/2024.", "I get paid on the 15th, about 2000 a month.", "Call at 10:45"]
        {
            assert_eq!(redact(text), text);
        }
    }
}
