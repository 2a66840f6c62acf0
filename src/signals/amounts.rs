//! Sums of money as people say them: "$40", "40 dollars", "forty a month",
//! "seventy-five", "a hundred and twenty".

use std::sync::LazyLock;

use regex::Regex;

static DIGITS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)[$£€]\s?(\d[\d,]*(?:\.\d{1,2})?)|\b(\d[\d,]*(?:\.\d{1,2})?)\s?(?:dollars|bucks|pounds|euros|a month|a week|per month|per week|each month|monthly)\b")
        .expect("valid regex")
});
static WORDS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b((?:(?:one|two|three|four|five|six|seven|eight|nine|a) hundred(?: and)? )?(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|ten|eleven|twelve|fifteen)(?:[- ](?:one|two|three|four|five|six|seven|eight|nine))?|(?:one|two|three|four|five|six|seven|eight|nine|a) hundred)\b")
        .expect("valid regex")
});

/// Whether `text` could name an amount at all. Most of what a collector says
/// names none: a digit test and one match-only scan settle that before the slower
/// searches with captures.
pub fn may_name_amount(text: &str) -> bool {
    text.bytes().any(|b| b.is_ascii_digit()) || WORDS.is_match(text)
}

/// Every amount in `text`, with its byte span.
pub fn amounts(text: &str) -> Vec<(f64, [usize; 2])> {
    if !may_name_amount(text) {
        return Vec::new();
    }
    let mut found: Vec<(f64, [usize; 2])> = DIGITS
        .captures_iter(text)
        .filter_map(|c| {
            let whole = c.get(0)?;
            let number = c.get(1).or(c.get(2))?.as_str().replace(',', "");
            Some((number.parse().ok()?, [whole.start(), whole.end()]))
        })
        .collect();
    for m in WORDS.find_iter(text) {
        if !found.iter().any(|(_, s)| s[0] <= m.start() && m.end() <= s[1]) {
            found.push((word_number(m.as_str()), [m.start(), m.end()]));
        }
    }
    found.sort_by_key(|(_, span)| span[0]);
    found
}

fn word_number(text: &str) -> f64 {
    let unit = |w: &str| match w {
        "a" | "one" => 1.0,
        "two" => 2.0,
        "three" => 3.0,
        "four" => 4.0,
        "five" => 5.0,
        "six" => 6.0,
        "seven" => 7.0,
        "eight" => 8.0,
        "nine" => 9.0,
        "ten" => 10.0,
        "eleven" => 11.0,
        "twelve" => 12.0,
        "fifteen" => 15.0,
        "twenty" => 20.0,
        "thirty" => 30.0,
        "forty" => 40.0,
        "fifty" => 50.0,
        "sixty" => 60.0,
        "seventy" => 70.0,
        "eighty" => 80.0,
        "ninety" => 90.0,
        _ => 0.0,
    };
    let lower = text.to_lowercase();
    let (hundreds, rest) = match lower.split_once("hundred") {
        Some((h, r)) => (unit(h.trim()) * 100.0, r.trim().trim_start_matches("and").trim().to_string()),
        None => (0.0, lower.clone()),
    };
    hundreds + rest.split(['-', ' ']).map(unit).sum::<f64>()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_digits_and_words() {
        let values = |t: &str| amounts(t).into_iter().map(|(v, _)| v).collect::<Vec<_>>();
        assert_eq!(values("I could do forty a month, maybe $45.50."), vec![40.0, 45.5]);
        assert_eq!(values("Seventy-five on the first"), vec![75.0]);
        assert_eq!(values("a hundred and twenty dollars"), vec![120.0]);
        assert_eq!(values("50 dollars"), vec![50.0]);
    }
}
