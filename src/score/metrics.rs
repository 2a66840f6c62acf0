//! Measures of the collector's own words: Flesch–Kincaid grade, words per sentence,
//! and how often the collector asks. Mandated disclosures (the mini-Miranda and
//! "this is a debt collector") are left out: the trainee did not choose those words.

use super::call::{Match, ScoredCall};
use super::rules::{Outcome, finding};
use crate::rubric::{Metric, Rule};

const DISCLOSURES: &[&str] = &["mini_miranda", "states_collection_purpose", "debt_collector_disclosure"];

/// A collector turn's own words, with the mandated disclosures cut out.
fn own_words(call: &ScoredCall, index: usize) -> String {
    let turn = call.turn(index);
    let mut spans: Vec<[usize; 2]> =
        turn.signals.iter().filter(|h| DISCLOSURES.contains(&h.id.as_str())).map(|h| h.span).collect();
    spans.sort();
    let mut text = String::new();
    let mut at = 0;
    for [start, end] in spans {
        if start >= at {
            text.push_str(&turn.text[at..start]);
            at = end;
        }
    }
    text.push_str(&turn.text[at.min(turn.text.len())..]);
    plain_names(&text, &call.transcript.facts)
}

/// `text` with every name the call's facts give ("Ridgeline Recovery", "Northern
/// Energy", the consumer's name) counted as one plain word: an introduction that
/// names the agency and the creditor is not hard to read.
pub fn plain_names(text: &str, facts: &crate::facts::Facts) -> String {
    let lower = text.to_ascii_lowercase();
    let parts =
        facts.names().flat_map(|name| std::iter::once(name).chain(name.split_whitespace().filter(|w| w.len() > 3)));
    // Most turns name nobody: then the text is returned as it is, unscanned again.
    let said: Vec<&str> = parts.filter(|part| lower.contains(&part.to_ascii_lowercase())).collect();
    let mut out = text.to_string();
    for part in said {
        out = replace_ignoring_case(&out, part, "name");
    }
    out
}

/// Every whole-word, ASCII-case-insensitive occurrence of `what` replaced by `with`.
fn replace_ignoring_case(text: &str, what: &str, with: &str) -> String {
    if what.is_empty() || !text.is_ascii() || !what.is_ascii() {
        return text.to_string();
    }
    let (lower, needle) = (text.to_ascii_lowercase(), what.to_ascii_lowercase());
    let boundary = |at: Option<u8>| at.is_none_or(|b| !b.is_ascii_alphanumeric());
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    while let Some(found) = lower[at..].find(&needle).map(|i| i + at) {
        let end = found + needle.len();
        let whole =
            boundary(found.checked_sub(1).map(|i| lower.as_bytes()[i])) && boundary(lower.as_bytes().get(end).copied());
        out.push_str(&text[at..found]);
        out.push_str(if whole { with } else { &text[found..end] });
        at = end;
    }
    out.push_str(&text[at..]);
    out
}

/// Words, syllables and sentences of some text, counted once for every measure.
#[derive(Debug, Default, Clone, Copy)]
pub struct TextStats {
    words: usize,
    syllables: usize,
    sentences: usize,
    /// The last sentence has words but no end mark yet.
    open_sentence: bool,
    /// Speech-to-text with no end mark at all: its sentences are an estimate
    /// ([`SPOKEN_SENTENCE`] words each), good for the reading grade and not for
    /// sentence length.
    unmarked: bool,
}

/// The words taken as one sentence in a turn that has no punctuation at all
/// (speech-to-text): the length plain speech keeps to. Counting such a turn as one
/// sentence told a trainee who typed without stops that 47 words were one
/// sentence, and that their words read at grade 13 (found playing
/// time-barred-old-card).
const SPOKEN_SENTENCE: usize = 15;

impl TextStats {
    pub fn of(text: &str) -> TextStats {
        let mut stats = TextStats::default();
        stats.add(text);
        stats.close()
    }

    /// [`TextStats::of`] for a spoken turn: one without any end mark has its
    /// sentences estimated (see [`SPOKEN_SENTENCE`]).
    pub fn of_spoken(text: &str) -> TextStats {
        let stats = TextStats::of(text);
        if stats.words == 0 || text.contains(['.', '!', '?', ';']) {
            return stats;
        }
        TextStats { sentences: stats.words.div_ceil(SPOKEN_SENTENCE), unmarked: true, ..stats }
    }

    /// Counts `text` as if it followed what was added before, after a space. One
    /// pass over the bytes for ASCII text (most calls): this runs over every
    /// collector word of every call, and went by chars and words in turn before
    /// (profiled at a tenth of the time spent scoring a call).
    fn add(&mut self, text: &str) {
        if !text.is_ascii() {
            return self.add_unicode(text);
        }
        let mut word = Word::default();
        for &byte in text.as_bytes() {
            let class = ASCII_CLASS[usize::from(byte & 0x7f)];
            if class & SPACE != 0 {
                self.end_word(std::mem::take(&mut word));
                continue;
            }
            word.add(byte, class);
            // Without branches: which way they went was all but random.
            let end_mark = class & END_MARK != 0;
            self.sentences += usize::from(end_mark & self.open_sentence);
            self.open_sentence = !end_mark;
        }
        self.end_word(word);
    }

    fn end_word(&mut self, word: Word) {
        if word.has_alphanumeric {
            self.words += 1;
            self.syllables += word.syllables();
        }
    }

    /// [`TextStats::add`] for any text, by Unicode's whitespace and letters.
    fn add_unicode(&mut self, text: &str) {
        for word in words(text) {
            self.words += 1;
            self.syllables += syllables(word);
        }
        for c in text.chars() {
            if ends_sentence(c) {
                self.sentences += usize::from(self.open_sentence);
                self.open_sentence = false;
            } else if !c.is_whitespace() {
                self.open_sentence = true;
            }
        }
    }

    /// Adds the counts of a text counted on its own (from a fresh start, not
    /// closed), as [`TextStats::add`] would have counted it after what is here:
    /// only an end mark before any word can differ, by closing a sentence left open.
    fn append(&mut self, alone: TextStats, text: &str) {
        let first = text.chars().find(|c| !c.is_whitespace());
        if first.is_none() {
            return;
        }
        let closes_open_sentence = first.is_some_and(ends_sentence) && self.open_sentence;
        self.words += alone.words;
        self.syllables += alone.syllables;
        self.sentences += alone.sentences + usize::from(closes_open_sentence);
        self.open_sentence = alone.open_sentence;
    }

    /// These counts and a closed text's, as one: what came before ends its sentence.
    fn with(self, closed: TextStats) -> TextStats {
        TextStats {
            words: self.words + closed.words,
            syllables: self.syllables + closed.syllables,
            sentences: self.sentences + closed.sentences,
            ..self
        }
    }

    fn close(mut self) -> TextStats {
        self.sentences += usize::from(std::mem::take(&mut self.open_sentence));
        self
    }

    /// Flesch–Kincaid grade: 0.39 × words/sentence + 11.8 × syllables/word − 15.59.
    fn reading_grade(self) -> Option<f64> {
        let (words, sentences) = (self.words as f64, self.sentences.max(1) as f64);
        (self.words > 0).then(|| 0.39 * words / sentences + 11.8 * self.syllables as f64 / words - 15.59)
    }

    fn sentence_length(self) -> Option<f64> {
        (self.sentences > 0 && !self.unmarked).then(|| self.words as f64 / self.sentences as f64)
    }

    fn measure(self, metric: Metric) -> Option<f64> {
        match metric {
            Metric::ReadingGrade => self.reading_grade(),
            Metric::SentenceLength => self.sentence_length(),
            Metric::QuestionRatio => None,
        }
    }
}

fn words(text: &str) -> impl Iterator<Item = &str> {
    text.split_whitespace().filter(|w| w.chars().any(char::is_alphanumeric))
}

/// Syllables by vowel groups, with a silent final `e` (textstat's fallback rule),
/// counted over a word's ASCII letters as they come, without allocating.
#[derive(Default)]
struct Word {
    has_alphanumeric: bool,
    vowel_groups: usize,
    previous_vowel: bool,
    last: u8,
    before_last: u8,
}

impl Word {
    /// Adds an ASCII byte of the word, `class` being its [`ASCII_CLASS`].
    fn add(&mut self, byte: u8, class: u8) {
        self.has_alphanumeric |= class & ALPHANUMERIC != 0;
        if class & LETTER == 0 {
            return;
        }
        let vowel = class & VOWEL != 0;
        self.vowel_groups += usize::from(vowel & !self.previous_vowel);
        self.previous_vowel = vowel;
        (self.before_last, self.last) = (self.last, byte.to_ascii_lowercase());
    }

    fn syllables(&self) -> usize {
        if self.last == 0 {
            return 0;
        }
        let silent_e = self.last == b'e' && self.before_last != b'l' && self.vowel_groups > 1;
        (self.vowel_groups - usize::from(silent_e)).max(1)
    }
}

fn syllables(word: &str) -> usize {
    let mut counted = Word::default();
    word.bytes().filter(u8::is_ascii).for_each(|b| counted.add(b, ASCII_CLASS[usize::from(b)]));
    counted.syllables()
}

/// The marks that end a sentence (or a clause as long as one) for the measures.
const fn ends_sentence(c: char) -> bool {
    matches!(c, '.' | '!' | '?' | ';')
}

/// What an ASCII byte is to [`TextStats`], as bits: whitespace as
/// `char::is_whitespace` has it (vertical tab included), a sentence's end mark, a
/// letter or digit, a letter, a vowel (`y` included).
const SPACE: u8 = 1;
const END_MARK: u8 = 2;
const ALPHANUMERIC: u8 = 4;
const LETTER: u8 = 8;
const VOWEL: u8 = 16;

static ASCII_CLASS: [u8; 128] = {
    let mut table = [0u8; 128];
    let mut byte = 0u8;
    while byte < 128 {
        let lower = byte.to_ascii_lowercase();
        table[byte as usize] = match byte {
            b' ' | b'\t' | b'\n' | b'\x0b' | b'\x0c' | b'\r' => SPACE,
            _ if ends_sentence(byte as char) => END_MARK,
            b'0'..=b'9' => ALPHANUMERIC,
            _ if byte.is_ascii_alphabetic() => match lower {
                b'a' | b'e' | b'i' | b'o' | b'u' | b'y' => ALPHANUMERIC | LETTER | VOWEL,
                _ => ALPHANUMERIC | LETTER,
            },
            _ => 0,
        };
        byte += 1;
    }
    table
};

/// Flesch–Kincaid grade of `text`.
pub fn reading_grade(text: &str) -> Option<f64> {
    TextStats::of(text).reading_grade()
}

/// Flesch–Kincaid grade of a spoken turn: without punctuation, its sentences are
/// estimated rather than taken as one.
pub fn spoken_reading_grade(text: &str) -> Option<f64> {
    TextStats::of_spoken(text).reading_grade()
}

/// Words per sentence of `text`.
pub fn sentence_length(text: &str) -> Option<f64> {
    TextStats::of(text).sentence_length()
}

/// What the collector's own words measure, turn by turn and all together; counted
/// once per call for every metric rule.
pub struct OwnWords {
    per_turn: Vec<(usize, TextStats)>,
    /// All turns together, as if joined by spaces; a turn without punctuation
    /// with its sentences estimated.
    all: TextStats,
    /// The punctuated turns together: the only ones whose sentences can be measured.
    punctuated: TextStats,
}

impl OwnWords {
    fn of(call: &ScoredCall) -> OwnWords {
        let (mut all, mut punctuated) = (TextStats::default(), TextStats::default());
        let per_turn = call
            .collector
            .iter()
            .map(|&i| {
                let text = own_words(call, i);
                let spoken = TextStats::of_spoken(&text);
                if spoken.unmarked {
                    all = all.close().with(spoken);
                    return (i, spoken);
                }
                let mut alone = TextStats::default();
                alone.add(&text);
                all.append(alone, &text);
                punctuated.append(alone, &text);
                (i, alone.close())
            })
            .collect();
        OwnWords { per_turn, all: all.close(), punctuated: punctuated.close() }
    }
}

/// Judges a metric over the whole call; a finding points at the turn that pulls the
/// measure furthest out of its band.
pub fn judge(rule: &Rule, call: &ScoredCall, metric: Metric, min: Option<f64>, max: Option<f64>) -> Outcome {
    let OwnWords { per_turn, all, punctuated } = call.own_words.get_or_init(|| OwnWords::of(call));
    let value = match metric {
        Metric::ReadingGrade => all.measure(metric),
        Metric::SentenceLength => punctuated.measure(metric),
        Metric::QuestionRatio => {
            let asked = call.collector.iter().filter(|&&i| call.turn(i).text.contains('?')).count();
            Some(asked as f64 / call.collector.len() as f64)
        }
    };
    let Some(value) = value else { return Outcome::default() };
    let mut out = Outcome { applicable: true, ..Outcome::default() };
    let too_low = min.is_some_and(|m| value < m);
    let too_high = max.is_some_and(|m| value > m);
    if too_low || too_high {
        let worst = worst_turn(per_turn, metric, too_high).unwrap_or(*call.collector.last().expect("turns"));
        let mut found = finding(rule, None::<&Match>, worst);
        found.message = format!("{} (this call: {value:.1})", rule.message);
        found.evidence = call.turn(worst).text.chars().take(160).collect();
        out.findings.push(found);
    }
    out
}

fn worst_turn(per_turn: &[(usize, TextStats)], metric: Metric, too_high: bool) -> Option<usize> {
    let scored = per_turn.iter().filter_map(|(i, stats)| stats.measure(metric).map(|v| (*i, v)));
    if too_high {
        scored.max_by(|a, b| a.1.total_cmp(&b.1)).map(|(i, _)| i)
    } else {
        scored.min_by(|a, b| a.1.total_cmp(&b.1)).map(|(i, _)| i)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_calls_names_count_as_one_plain_word() {
        let mut facts = crate::facts::Facts::default();
        facts.0.insert("agency".into(), serde_json::json!("Ridgeline Recovery"));
        facts.0.insert("creditor".into(), serde_json::json!("Northern Energy"));
        let said = "Hello, it's Sam from RIDGELINE RECOVERY about your Northern Energy account. Ridgeline again.";
        assert_eq!(plain_names(said, &facts), "Hello, it's Sam from name about your name account. name again.");
        assert_eq!(plain_names("Energyco is not the creditor.", &facts), "Energyco is not the creditor.");
    }

    /// Speech-to-text with no stops is no single 47-word sentence: its sentences
    /// are estimated for the reading grade and not measured for length.
    #[test]
    fn a_turn_without_punctuation_is_not_one_long_sentence() {
        let spoken = "thanks harold its sam from ridgeline recovery a debt collector calling about an old \
                      pioneer bank card now owned by harbor point capital can we talk about it now";
        assert!(spoken_reading_grade(spoken).unwrap() < reading_grade(spoken).unwrap() - 4.0);
        assert_eq!(TextStats::of_spoken(spoken).sentence_length(), None);
        assert_eq!(TextStats::of_spoken("Thanks. Bye.").sentences, 2);
    }

    #[test]
    fn plain_words_read_easier_than_jargon() {
        let plain = reading_grade("We can set up a plan. You pay forty dollars a month.").unwrap();
        let jargon = reading_grade(
            "Pursuant to the aforementioned agreement, remittance of the outstanding indebtedness is necessitated.",
        )
        .unwrap();
        assert!(plain < 4.0 && jargon > 14.0, "{plain} {jargon}");
        assert_eq!(syllables("payment"), 2);
        assert_eq!(sentence_length("One two three. Four five."), Some(2.5));
        assert_eq!(TextStats::of("Yes. \u{a0}. Okay?! Fine; well").sentences, 4);
        assert_eq!(TextStats::of(" \n ").sentences, 0);
        let mut joined = TextStats::default();
        for part in ["We can help", "with that. Okay"] {
            joined.add(part);
        }
        let joined = joined.close();
        let whole = TextStats::of("We can help with that. Okay");
        assert_eq!((joined.words, joined.syllables, joined.sentences), (whole.words, whole.syllables, whole.sentences));
    }

    #[test]
    fn texts_counted_alone_join_as_if_counted_in_turn() {
        let counts = |s: TextStats| (s.words, s.syllables, s.sentences, s.open_sentence);
        let pieces = ["We can help", "  ", ". Okay then", "Sure. ", "! Right", "", "? ", "Fine", "; yes."];
        for start in 0..pieces.len() {
            let (mut in_turn, mut joined) = (TextStats::default(), TextStats::default());
            for piece in &pieces[start..] {
                in_turn.add(piece);
                let mut alone = TextStats::default();
                alone.add(piece);
                joined.append(alone, piece);
            }
            assert_eq!(counts(joined), counts(in_turn), "from {start}");
        }
    }

    #[test]
    fn ascii_text_counts_the_same_by_bytes_as_by_characters() {
        let counts = |s: TextStats| (s.words, s.syllables, s.sentences, s.open_sentence);
        for text in [
            "We can set up a plan. You pay forty dollars a month!",
            "  $40 -- on the 15th;\tok?\x0bFine\x0c\r\nthe table  people's  rhythm. . ",
            "... ?! 1234 a-b-c, e.g. etc",
            "",
        ] {
            // As if the text followed an unfinished sentence.
            let (mut fast, mut slow) = [TextStats { open_sentence: true, ..TextStats::default() }; 2].into();
            fast.add(text);
            slow.add_unicode(text);
            assert_eq!(counts(fast), counts(slow), "{text:?}");
        }
    }
}
