//! What an utterance does or says: every pattern of every signal sits in one
//! automaton ([`Scanner`]) that finds where patterns start in a single pass; each
//! entry keeps its first match that a negation does not cancel.

use regex::{Regex, RegexBuilder};
use serde::{Deserialize, Serialize};

use super::lexicon::{Entry, Lexicon};
use super::normalize::Normalized;
use super::scan::Scanner;

/// A signal or event found in an utterance, with the words that triggered it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Hit {
    pub id: String,
    /// Byte range in the utterance.
    pub span: [usize; 2],
    pub evidence: String,
}

/// The compiled lexicon.
#[derive(Debug)]
pub struct Detector {
    signals: Matcher,
    events: Matcher,
    negators: Regex,
    conditionals: Regex,
}

#[derive(Debug)]
struct Matcher {
    scanner: Scanner,
    /// For each pattern, the index of the entry it belongs to.
    owner: Vec<usize>,
    ids: Vec<String>,
    negatable: Vec<bool>,
}

impl Detector {
    pub fn new(lexicon: &Lexicon) -> anyhow::Result<Detector> {
        Ok(Detector {
            signals: Matcher::new(&lexicon.signals)?,
            events: Matcher::new(&lexicon.events)?,
            negators: case_insensitive(&lexicon.negators)?,
            conditionals: case_insensitive(&lexicon.conditionals)?,
        })
    }

    /// What a collector's utterance does, first hit per signal, in text order.
    pub fn signals(&self, text: &str) -> Vec<Hit> {
        self.detect(&self.signals, text)
    }

    /// What a debtor's utterance says, first hit per event, in text order.
    pub fn events(&self, text: &str) -> Vec<Hit> {
        self.detect(&self.events, text)
    }

    fn detect(&self, matcher: &Matcher, original: &str) -> Vec<Hit> {
        let normalized = Normalized::new(original);
        let text = normalized.text.as_ref();
        // Each entry's first kept match, as (entry, start, end): a few per utterance.
        let mut best: Vec<(usize, usize, usize)> = Vec::new();
        // Like a regex search resuming after a match: a negated match of a pattern
        // hides any other match of it that starts inside it.
        let mut resume_at: Vec<(usize, usize)> = Vec::new();
        matcher.scanner.starts(text, |start, found| {
            for candidate in found {
                let pattern = candidate.pattern;
                let entry = matcher.owner[pattern];
                let resumes = resume_at.iter().find(|(p, _)| *p == pattern).map_or(0, |(_, at)| *at);
                if best.iter().any(|b| b.0 == entry) || start < resumes {
                    continue;
                }
                let Some((start, end)) = matcher.scanner.match_at(text, start, candidate) else { continue };
                if matcher.negatable[entry] && self.is_negated(text, start) {
                    resume_at.retain(|(p, _)| *p != pattern);
                    resume_at.push((pattern, end));
                } else {
                    best.push((entry, start, end));
                }
            }
        });
        best.sort_unstable_by_key(|&(entry, start, end)| (start, end, entry));
        best.into_iter()
            .map(|(entry, start, end)| {
                let (start, end) = (normalized.original(start), normalized.original(end));
                Hit { id: matcher.ids[entry].clone(), span: [start, end], evidence: original[start..end].to_string() }
            })
            .collect()
    }

    /// A negator earlier in the same clause cancels a match, unless the negator sits
    /// inside a condition ("if you don't pay, ...").
    fn is_negated(&self, text: &str, start: usize) -> bool {
        let clause = &text[clause_start(text, start)..start];
        let Some(negator) = self.negators.find_iter(clause).last() else {
            return false;
        };
        let inside_condition = self.conditionals.is_match(&clause[..negator.start()]);
        !inside_condition && !GERUND_SUBJECT.is_match(&clause[negator.end()..])
    }
}

/// "Not paying (this) is theft": the negation belongs to a gerund that is the
/// subject of the clause, so it does not cancel what the clause goes on to say.
static GERUND_SUBJECT: std::sync::LazyLock<Regex> = std::sync::LazyLock::new(|| {
    Regex::new(r"(?i)^\s*\w+ing\b.*\b(?:is|was|will|would|could|can|means|counts|gets|leads|makes)\b")
        .expect("valid regex")
});

/// Byte offset where the clause containing `at` begins: after the last sentence or
/// clause punctuation, or after a clause-joining word such as "but".
fn clause_start(text: &str, at: usize) -> usize {
    let before = &text[..at];
    let punctuation = before.rfind(['.', '!', '?', ';', ',', ':', '\n']).map_or(0, |i| i + 1);
    // Only the words since the punctuation can hold a later joiner.
    let lowered = before[punctuation..].to_ascii_lowercase();
    let joiner = [" but ", " however ", " otherwise ", " or else ", " though "]
        .iter()
        .filter_map(|word| lowered.rfind(word).map(|i| punctuation + i + word.len()))
        .max()
        .unwrap_or(0);
    punctuation.max(joiner)
}

impl Matcher {
    fn new(entries: &[Entry]) -> anyhow::Result<Matcher> {
        let mut sources = Vec::new();
        let mut owner = Vec::new();
        for (index, entry) in entries.iter().enumerate() {
            for pattern in &entry.patterns {
                sources.push(ascii_word_boundaries(pattern));
                owner.push(index);
            }
        }
        Ok(Matcher {
            scanner: Scanner::new(&sources)?,
            owner,
            ids: entries.iter().map(|e| e.id.clone()).collect(),
            negatable: entries.iter().map(|e| e.negatable).collect(),
        })
    }
}

fn case_insensitive(pattern: &str) -> anyhow::Result<Regex> {
    Ok(RegexBuilder::new(&ascii_word_boundaries(pattern)).case_insensitive(true).build()?)
}

/// `\b` (and `\B`) as ASCII word boundaries: the lexicon's words are English, and Unicode
/// word boundaries make the lazy DFA give up and fall back to a slow NFA engine on
/// any non-ASCII text (profiled: most of the engine's time went there).
fn ascii_word_boundaries(pattern: &str) -> String {
    pattern.replace(r"\b", r"(?-u:\b)").replace(r"\B", r"(?-u:\B)")
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::LazyLock;

    static DETECTOR: LazyLock<Detector> = LazyLock::new(|| Detector::new(&Lexicon::builtin()).unwrap());

    fn signal_ids(text: &str) -> Vec<String> {
        DETECTOR.signals(text).into_iter().map(|h| h.id).collect()
    }

    fn event_ids(text: &str) -> Vec<String> {
        DETECTOR.events(text).into_iter().map(|h| h.id).collect()
    }

    #[test]
    fn threats_are_found_with_their_words() {
        let hits = DETECTOR.signals("If you don't pay today you will be arrested.");
        let arrest = hits.iter().find(|h| h.id == "threatens_arrest").expect("arrest threat");
        assert_eq!(arrest.evidence, "arrested");
        assert!(signal_ids("Pay now or we will sue you.").contains(&"threatens_legal_action".into()));
        assert!(signal_ids("You'll be arrested, but you won't be sued.").contains(&"threatens_arrest".into()));
        assert!(signal_ids("Not paying this is theft.").contains(&"accuses_crime".into()));
        assert!(signal_ids("Not paying means you could be arrested.").contains(&"threatens_arrest".into()));
        assert!(!signal_ids("We can't do instalments.").contains(&"offers_plan".into()));
        assert!(!signal_ids("I'm noting your dispute right now.").contains(&"pressure".into()));
        assert!(signal_ids("You need to make a payment right now.").contains(&"pressure".into()));
        assert!(signal_ids("Why don't we set up a payment plan?").contains(&"offers_plan".into()));
        assert!(signal_ids("When's a good time to call Mike?").contains(&"asks_callback_time".into()));
        assert!(
            signal_ids("This call is from Ridgeline Recovery, a debt collector.")
                .contains(&"debt_collector_disclosure".into())
        );
    }

    #[test]
    fn negations_and_reassurances_are_not_threats() {
        for text in [
            "You will not be arrested.",
            "There is no lawsuit.",
            "We do not report to the credit bureaus.",
            "I'm not an attorney.",
            "Nobody is going to take you to court over this.",
            "You won\u{2019}t be arrested for this, ever.",
            "Not paying is not a crime.",
        ] {
            let ids = signal_ids(text);
            for threat in
                ["threatens_arrest", "threatens_legal_action", "mentions_credit_reporting", "claims_authority"]
            {
                assert!(!ids.contains(&threat.to_string()), "{text:?} raised {threat}");
            }
        }
    }

    #[test]
    fn the_opening_of_a_good_call_is_recognised() {
        let ids = signal_ids(
            "Hi, this is Sam Ortiz calling from Ridgeline Recovery. Am I speaking with Maria Alvarez? \
             This is an attempt to collect a debt and any information obtained will be used for that purpose.",
        );
        for expected in ["greets", "identifies_self", "identifies_company", "verifies_identity", "mini_miranda"] {
            assert!(ids.contains(&expected.to_string()), "missing {expected} in {ids:?}");
        }
    }

    #[test]
    fn spans_point_into_the_original_text_even_with_curly_quotes() {
        let text = "I\u{2019}m so sorry to hear that.";
        let hit = DETECTOR.signals(text).into_iter().find(|h| h.id == "acknowledges_feelings").unwrap();
        assert_eq!(&text[hit.span[0]..hit.span[1]], hit.evidence);
        assert!(hit.evidence.starts_with("I\u{2019}m so sorry"));
    }

    #[test]
    fn debtor_events_are_detected_from_plain_speech() {
        assert!(event_ids("I don't owe this, it's not my account.").contains(&"disputes_debt".into()));
        assert!(event_ids("I lost my job in March.").contains(&"hardship_disclosed".into()));
        assert!(event_ids("Talk to my lawyer.").contains(&"attorney_represented".into()));
        assert!(event_ids("She's not home, I'm her roommate.").contains(&"third_party_answering".into()));
        assert!(event_ids("Stop calling me.").contains(&"cease_request".into()));
        assert!(!event_ids("I don't have a lawyer.").contains(&"attorney_represented".into()));
    }
}
