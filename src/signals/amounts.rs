//! Sums of money as people say them: "$40", "40 dollars", "forty a month",
//! "seventy-five", "a hundred and twenty", "one thousand two hundred forty-seven",
//! "fifteen hundred", "twelve forty" (as a speech-to-text engine writes $12.40 or
//! $1,240 is left alone: only whole spelled-out numbers are read).

use std::sync::LazyLock;

use regex::Regex;

static DIGITS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)[$£€]\s?(\d[\d,]*(?:\.\d{1,2})?)(k\b)?|\b(\d[\d,]*(?:\.\d{1,2})?)\s?(?:dollars|bucks|pounds|quid|euros|a month|a week|per month|per week|each month|monthly)\b")
        .expect("valid regex")
});

/// An ordinal right after a number word makes it a date ("the twenty eighth").
static ORDINAL_AFTER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^[ -](?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth)\b").expect("valid regex")
});

/// "two thirty in the afternoon", "ten fifteen am": a time of day, not a sum.
static CLOCK_AFTER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^\s*(?:am\b|pm\b|a\.m\.|p\.m\.|o'clock|in the (?:morning|afternoon|evening)|tonight|tomorrow (?:morning|afternoon|evening))")
        .expect("valid regex")
});

/// A unit of time right after a number makes it a length of time ("two weeks").
static DURATION_AFTER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^[ -](?:weeks?|months?|days?|years?|hours?|minutes?|times|paydays|payments|instal(?:l)?ments|calls|letters)\b")
        .expect("valid regex")
});

/// One word of a spelled-out number.
#[derive(Clone, Copy)]
enum NumberWord {
    Unit(f64),
    Ten(f64),
    Hundred,
    Thousand,
    /// "and" or "a" inside a number ("a hundred and five").
    Joiner,
}

fn number_word(word: &str) -> Option<NumberWord> {
    const UNITS: [&str; 20] = [
        "zero",
        "one",
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "ten",
        "eleven",
        "twelve",
        "thirteen",
        "fourteen",
        "fifteen",
        "sixteen",
        "seventeen",
        "eighteen",
        "nineteen",
    ];
    const TENS: [&str; 8] = ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"];
    let lower = word.to_ascii_lowercase();
    if let Some(n) = UNITS.iter().position(|u| *u == lower) {
        return Some(NumberWord::Unit(n as f64));
    }
    if let Some(n) = TENS.iter().position(|t| *t == lower) {
        return Some(NumberWord::Ten(20.0 + 10.0 * n as f64));
    }
    match lower.as_str() {
        "hundred" => Some(NumberWord::Hundred),
        "thousand" | "grand" => Some(NumberWord::Thousand),
        "and" | "a" => Some(NumberWord::Joiner),
        _ => None,
    }
}

/// Whether `text` could name an amount at all. Most of what a collector says
/// names none: a digit test and a word test settle that before the slower searches.
pub fn may_name_amount(text: &str) -> bool {
    text.bytes().any(|b| b.is_ascii_digit()) || !spelled_numbers(text).is_empty()
}

/// Every amount in `text`, with its byte span.
pub fn amounts(text: &str) -> Vec<(f64, [usize; 2])> {
    let mut found: Vec<(f64, [usize; 2])> = Vec::new();
    if text.bytes().any(|b| b.is_ascii_digit()) {
        found.extend(DIGITS.captures_iter(text).filter_map(|c| {
            let whole = c.get(0)?;
            let number: f64 = c.get(1).or(c.get(3))?.as_str().replace(',', "").parse().ok()?;
            let thousands = if c.get(2).is_some() { 1000.0 } else { 1.0 };
            Some((number * thousands, [whole.start(), whole.end()]))
        }));
    }
    let spelled = spelled_numbers(text);
    let mut skip_next = false;
    for (i, &(value, span)) in spelled.iter().enumerate() {
        if std::mem::take(&mut skip_next) || found.iter().any(|(_, s)| s[0] <= span[0] && span[1] <= s[1]) {
            continue;
        }
        // "twelve dollars and fifty cents": the cents join the whole.
        let cents = spelled.get(i + 1).filter(|(_, next)| {
            let between = &text[span[1]..next[0]];
            CURRENCY_AND.is_match(between) && CENTS.is_match(&text[next[1]..])
        });
        match cents {
            Some(&(c, next)) => {
                skip_next = true;
                found.push((value + c / 100.0, [span[0], next[1]]));
            }
            None => found.push((value, span)),
        }
    }
    // "40% off", "forty percent" are shares, and "one payment", "one-off" a count.
    found.retain(|&(value, span)| {
        let after = &text[span[1]..];
        let count = value == 1.0 && text[span[0]..span[1]].eq_ignore_ascii_case("one") && COUNTED.is_match(after);
        !PERCENT_AFTER.is_match(after) && !count
    });
    found.sort_by_key(|(_, span)| span[0]);
    found
}

static PERCENT_AFTER: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)^\s*(?:%|per ?cent\b)").expect("valid regex"));
static COUNTED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:\s*-\s*off\b|\s+(?:payment|go|time|lump|month|week|day|more|of|last|thing|way|off)\b)")
        .expect("valid regex")
});

static CURRENCY_AND: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)^\s*(?:dollars?|pounds?|euros?)\s+and\s+$").expect("valid regex"));
static CENTS: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"(?i)^\s*(?:cents?|pence|p)\b").expect("valid regex"));

/// Runs of number words with their values: "one thousand two hundred forty-seven"
/// is 1247, "a hundred and twenty" 120, "fifteen hundred" 1500. A lone "a" or
/// "and" is not a number; "one" alone is (a caller may say "one payment"), but
/// callers filter by context.
fn spelled_numbers(text: &str) -> Vec<(f64, [usize; 2])> {
    let mut out = Vec::new();
    let mut run: Vec<(NumberWord, usize, usize)> = Vec::new();
    let mut flush = |run: &mut Vec<(NumberWord, usize, usize)>| {
        while matches!(run.last(), Some((NumberWord::Joiner, _, _))) {
            run.pop();
        }
        while matches!(run.first(), Some((NumberWord::Joiner, _, _)))
            && !matches!(run.get(1), Some((NumberWord::Hundred | NumberWord::Thousand, _, _)))
        {
            run.remove(0);
        }
        if run.iter().any(|(w, _, _)| !matches!(w, NumberWord::Joiner)) {
            let start = run.first().map_or(0, |r| r.1);
            let end = run.last().map_or(0, |r| r.2);
            let value = value_of(run);
            // "one payment", "zero": not sums; "the twenty eighth": a date; "two
            // weeks": a length of time; "six two": digits read out (a card number).
            let date = ORDINAL_AFTER.is_match(&text[end..]);
            let duration = DURATION_AFTER.is_match(&text[end..]) || CLOCK_AFTER.is_match(&text[end..]);
            let digits = run.len() > 1 && run.iter().all(|(w, _, _)| matches!(w, NumberWord::Unit(n) if *n < 10.0));
            if value >= 2.0 && !date && !duration && !digits {
                out.push((value, [start, end]));
            }
        }
        run.clear();
    };
    let mut at = 0;
    for piece in text.split_inclusive(|c: char| !c.is_ascii_alphabetic()) {
        let word_end = at + piece.trim_end_matches(|c: char| !c.is_ascii_alphabetic()).len();
        let word = &text[at..word_end];
        let separator = &text[word_end..at + piece.len()];
        match number_word(word) {
            Some(w) if !word.is_empty() => run.push((w, at, word_end)),
            _ => flush(&mut run),
        }
        // Numbers continue over spaces and hyphens only.
        if !separator.is_empty() && !separator.chars().all(|c| c == ' ' || c == '-') {
            flush(&mut run);
        }
        at += piece.len();
    }
    flush(&mut run);
    out
}

/// "one twenty" ($120), "twelve forty" ($1,240), "eight sixty-nine ninety-five"
/// ($869.95): a number word straight before a ten or a teen is said in hundreds,
/// the way people read out sums - English builds no number that way otherwise
/// ("twenty-one", never "one twenty"), which the plain reading took for 21.
fn said_in_hundreds(words: &[NumberWord]) -> Option<f64> {
    let (NumberWord::Unit(hundreds), rest) = words.split_first()? else { return None };
    if *hundreds < 1.0 {
        return None;
    }
    let (tens, rest) = two_digits(rest)?;
    let cents = match two_digits(rest) {
        None if rest.is_empty() => 0.0,
        Some((cents, [])) => cents / 100.0,
        _ => return None,
    };
    Some(hundreds * 100.0 + tens + cents)
}

/// A two-digit number said as one ("sixty-nine", "fifteen", "forty"), and what follows.
fn two_digits(words: &[NumberWord]) -> Option<(f64, &[NumberWord])> {
    match words {
        [NumberWord::Ten(t), NumberWord::Unit(u), rest @ ..] if (1.0..10.0).contains(u) => Some((t + u, rest)),
        [NumberWord::Ten(t), rest @ ..] => Some((*t, rest)),
        [NumberWord::Unit(u), rest @ ..] if (10.0..20.0).contains(u) => Some((*u, rest)),
        _ => None,
    }
}

fn value_of(run: &[(NumberWord, usize, usize)]) -> f64 {
    let words: Vec<NumberWord> = run.iter().map(|(w, _, _)| *w).collect();
    if let Some(value) = said_in_hundreds(&words) {
        return value;
    }
    let (mut total, mut current) = (0.0, 0.0);
    for word in words {
        match word {
            NumberWord::Unit(n) | NumberWord::Ten(n) => current += n,
            NumberWord::Hundred => current = current.max(1.0) * 100.0,
            NumberWord::Thousand => {
                total += current.max(1.0) * 1000.0;
                current = 0.0;
            }
            NumberWord::Joiner => {}
        }
    }
    total + current
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shares_and_counts_are_no_amounts() {
        assert!(amounts("Forty percent off, one payment?").is_empty());
        assert!(amounts("a one-off payment, 40% off").is_empty());
        assert_eq!(amounts("one hundred dollars").len(), 1);
    }

    fn values(t: &str) -> Vec<f64> {
        amounts(t).into_iter().map(|(v, _)| v).collect()
    }

    #[test]
    fn reads_digits_and_words() {
        assert_eq!(values("I could do forty a month, maybe $45.50."), vec![40.0, 45.5]);
        assert_eq!(values("Seventy-five on the first"), vec![75.0]);
        assert_eq!(values("a hundred and twenty dollars"), vec![120.0]);
        assert_eq!(values("50 dollars"), vec![50.0]);
    }

    #[test]
    fn reads_large_amounts_in_words() {
        assert_eq!(values("you owe one thousand two hundred forty-seven dollars"), vec![1247.0]);
        assert_eq!(values("about fifteen hundred, give or take"), vec![1500.0]);
        assert_eq!(values("two thousand and fifty pounds"), vec![2050.0]);
        assert_eq!(values("$2k or so"), vec![2000.0]);
        assert_eq!(values("twelve hundred forty dollars and fifty cents"), vec![1240.5]);
        assert_eq!(values("ok so one twenty on the fifteenth"), vec![120.0]);
        assert_eq!(values("it's twelve forty all in"), vec![1240.0]);
        assert_eq!(values("that's eight sixty-nine ninety-five in total"), vec![869.95]);
        assert_eq!(values("twenty one pounds"), vec![21.0]);
        assert!(values("call me at two thirty in the afternoon").is_empty());
        assert_eq!(values("one payment on the twenty eighth"), Vec::<f64>::new());
        assert_eq!(values("every two weeks on the card ending six two"), Vec::<f64>::new());
    }

    #[test]
    fn spans_cover_the_words() {
        let text = "the balance is one thousand two hundred forty-seven dollars.";
        let (value, [start, end]) = amounts(text)[0];
        assert_eq!(value, 1247.0);
        assert_eq!(&text[start..end], "one thousand two hundred forty-seven");
    }
}
