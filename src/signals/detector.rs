//! What an utterance does or says: every pattern of every signal sits in one
//! automaton ([`Scanner`]) that finds where patterns start in a single pass; each
//! entry keeps its first match that a negation does not cancel.

use regex::{Regex, RegexBuilder, RegexSet, RegexSetBuilder};
use serde::{Deserialize, Serialize};

use super::acts::{ActDef, ActLevel, Context, CueHit, Reader};
use super::lexicon::{Entry, Lexicon, RawAct};
use super::normalize::Normalized;
use super::scan::Scanner;
use super::spans::KeptSpans;
use super::words::WordSet;

/// A signal, act or event found in an utterance, with the words that triggered it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Hit {
    /// The signal, act or event id.
    pub id: String,
    /// Byte range in the utterance.
    pub span: [usize; 2],
    /// The words that triggered it.
    pub evidence: String,
    /// For an act, how strongly the turn performs it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub level: Option<ActLevel>,
}

/// The compiled lexicon.
#[derive(Debug)]
pub struct Detector {
    signals: Matcher,
    events: Matcher,
    negators: Regex,
    conditionals: Regex,
    not_negations: Option<Regex>,
    /// Phrases that say the debtor's own view back ("you feel"): they govern what
    /// follows like a negation, reaching into the clause they introduce.
    reported_views: Option<Regex>,
    acts: Vec<ActDef>,
    /// One pattern per topic (job, health, money, ...), to tell what a line is about.
    topics: RegexSet,
}

#[derive(Debug)]
struct Matcher {
    scanner: Scanner,
    /// For each pattern, the index of the entry it belongs to.
    owner: Vec<usize>,
    ids: Vec<String>,
    negatable: Vec<bool>,
    /// For each entry, the entries that cancel it when they end just before it.
    not_just_after: Vec<Vec<usize>>,
    /// For each entry, the entries that cancel it when one of their matches holds it.
    not_inside: Vec<Vec<usize>>,
    /// For each entry, the entries that cancel it when one of their matches ends it.
    not_ending_in: Vec<Vec<usize>>,
}

impl Detector {
    /// Compiles every pattern of the lexicon.
    pub fn new(lexicon: &Lexicon) -> crate::error::Result<Detector> {
        let signals = Matcher::new(&lexicon.signals)?;
        let acts = lexicon.acts.iter().map(|act| resolve_act(act, &signals.ids)).collect();
        let topics = RegexSetBuilder::new(lexicon.topics.iter().map(|(_, p)| ascii_classes(p)))
            .case_insensitive(true)
            .build()?;
        Ok(Detector {
            signals,
            events: Matcher::new(&lexicon.events)?,
            negators: case_insensitive(&lexicon.negators)?,
            conditionals: case_insensitive(&lexicon.conditionals)?,
            not_negations: lexicon.not_negations.as_deref().map(case_insensitive).transpose()?,
            reported_views: lexicon.reported_views.as_deref().map(case_insensitive).transpose()?,
            acts,
            topics,
        })
    }

    /// What a collector's utterance does in its context: the first hit of each
    /// signal (cue) and every act it performs, in text order.
    pub fn signals(&self, text: &str, context: &Context) -> Vec<Hit> {
        let cues = self.detect(&self.signals, text);
        let mut hits = first_of_each(&cues, &self.signals.ids, text);
        let reader = TurnReader::new(self, context.debtor_text, text);
        for act in &self.acts {
            if let Some(found) = act.evaluate(text, &cues, context, &reader) {
                let span = quoted_span(text, found.start, found.end);
                hits.push(Hit {
                    id: act.id.clone(),
                    span,
                    evidence: text[span[0]..span[1]].to_string(),
                    level: Some(found.level),
                });
            }
        }
        hits.sort_by_key(|h| (h.span[0], h.span[1]));
        hits
    }

    /// What a debtor's utterance says, first hit per event, in text order.
    pub fn events(&self, text: &str) -> Vec<Hit> {
        first_of_each(&self.detect(&self.events, text), &self.events.ids, text)
    }

    /// Whether `id` names a signal, act or event.
    pub fn knows(&self, id: &str) -> bool {
        self.signals.ids.iter().chain(&self.events.ids).any(|s| s == id) || self.acts.iter().any(|a| a.id == id)
    }

    /// How often this thread's scanners (cues and events) have filled their
    /// caches and started again; see [`Scanner::cache_clears`].
    pub fn cache_clears(&self) -> usize {
        self.signals.scanner.cache_clears() + self.events.scanner.cache_clears()
    }

    /// The topics a text names (indexes into the lexicon's `topics`).
    pub fn topics_of(&self, text: &str) -> Vec<usize> {
        self.topics.matches(text).into_iter().collect()
    }

    /// Every match of every entry that no negation cancels, as cue hits in the
    /// original text's bytes, in text order.
    fn detect(&self, matcher: &Matcher, original: &str) -> Vec<CueHit> {
        let normalized = Normalized::new(original);
        let text = normalized.text.as_ref();
        let mut kept: Vec<(usize, usize, usize)> = Vec::new();
        // For each entry kept so far, where its furthest match ends: starts come in
        // order, so a start before that is inside one of them.
        let mut kept_until: Vec<(usize, usize)> = Vec::new();
        // Like a regex search resuming after a match: a match of a pattern hides
        // any other match of it that starts inside it.
        let mut resume_at: Vec<(usize, usize)> = Vec::new();
        matcher.scanner.starts(text, |start, found| {
            for candidate in found {
                let pattern = candidate.pattern;
                let entry = matcher.owner[pattern];
                let resumes = resume_at.iter().find(|(p, _)| *p == pattern).map_or(0, |(_, at)| *at);
                let inside_kept = kept_until.iter().any(|&(e, end)| e == entry && start < end);
                if start < resumes || inside_kept {
                    continue;
                }
                let Some((start, end)) = matcher.scanner.match_at(text, start, candidate) else { continue };
                resume_at.retain(|(p, _)| *p != pattern);
                resume_at.push((pattern, end));
                if !(matcher.negatable[entry] && self.is_negated(text, start, end)) {
                    kept.push((entry, start, end));
                    match kept_until.iter_mut().find(|(e, _)| *e == entry) {
                        Some((_, until)) => *until = (*until).max(end),
                        None => kept_until.push((entry, end)),
                    }
                }
            }
        });
        kept.sort_unstable_by_key(|&(entry, start, end)| (start, end, entry));
        let framed: Vec<bool> =
            kept.iter().map(|&(entry, start, _)| framed_by(matcher, &kept, entry, start, text)).collect();
        // only the entries some kept hit asks about are indexed: most turns have none
        let mut asked: Vec<usize> = kept
            .iter()
            .flat_map(|&(entry, _, _)| matcher.not_inside[entry].iter().chain(&matcher.not_ending_in[entry]))
            .copied()
            .collect();
        asked.sort_unstable();
        asked.dedup();
        let spans = KeptSpans::new(kept.iter().filter(|(entry, _, _)| asked.binary_search(entry).is_ok()));
        let held: Vec<bool> = kept
            .iter()
            .map(|&(entry, start, end)| {
                matcher.not_inside[entry].iter().any(|&holder| spans.covers(holder, start, end))
                    || matcher.not_ending_in[entry].iter().any(|&ender| spans.ends(ender, start, end))
            })
            .collect();
        kept.into_iter()
            .zip(framed)
            .zip(held)
            .filter(|&((_, framed), held)| !framed && !held)
            .map(|((hit, _), _)| hit)
            .map(|(cue, start, end)| CueHit { cue, start: normalized.original(start), end: normalized.original(end) })
            .collect()
    }

    /// The last reported view ("you feel") between `scope` and `start`, unless an
    /// idiom holds it: "we'll see how you feel when..." says the view only to
    /// threaten what follows. The idiom may begin before the five words a negation
    /// reaches back, so it is looked for from the clause's start - and only when
    /// there is a view to hold, as this runs for every negatable match.
    fn reported_view<'t>(
        &self,
        text: &'t str,
        clause_begins: usize,
        scope: usize,
        start: usize,
    ) -> Option<regex::Match<'t>> {
        let views: Vec<regex::Match<'t>> = self.reported_views.as_ref()?.find_iter(&text[scope..start]).collect();
        if views.is_empty() {
            return None;
        }
        let held: Vec<(usize, usize)> = match &self.not_negations {
            Some(idioms) => idioms.find_iter(&text[clause_begins..start]).map(|m| (m.start(), m.end())).collect(),
            None => Vec::new(),
        };
        let offset = scope - clause_begins;
        views.into_iter().rev().find(|m| !held.iter().any(|&(s, e)| m.start() + offset >= s && m.end() + offset <= e))
    }

    /// A negator earlier in the same clause cancels a match, unless the negator sits
    /// inside a condition ("if you don't pay, ...").
    fn is_negated(&self, text: &str, start: usize, end: usize) -> bool {
        let clause_begins = clause_start(text, start);
        // "Any" needs a negation and reaches back to it across the whole clause
        // ("nobody has asked us to take any legal action").
        let any_before = ANY_BEFORE.is_match(&text[clause_begins..start]);
        let scope = if any_before { clause_begins } else { negation_scope(text, clause_begins, start) };
        let clause = &text[scope..start];
        let idioms: Vec<(usize, usize)> = match &self.not_negations {
            Some(idioms) => idioms.find_iter(clause).map(|m| (m.start(), m.end())).collect(),
            None => Vec::new(),
        };
        let in_idiom = |m: &regex::Match| idioms.iter().any(|&(s, e)| m.start() >= s && m.end() <= e);
        let denial = self.negators.find_iter(clause).filter(|m| !in_idiom(m)).last();
        let view = self.reported_view(text, clause_begins, scope, start);
        // The debtor's own view said back ("makes you feel you're a burden") reaches
        // the clause it introduces, as "don't think" does.
        let (negator, reported_view) = match (denial, view) {
            (Some(d), Some(v)) if d.start() > v.start() => (d, false),
            (_, Some(v)) => (v, true),
            (Some(d), None) => (d, false),
            (None, None) => return false,
        };
        // A negation inside a condition does not negate the consequence that
        // follows it ("if you don't pay today you will be arrested" is still a
        // threat), but does negate what is inside the condition itself ("if you can
        // raise it without borrowing"). "Why don't we..." is a suggestion.
        let before_negator = &text[clause_begins..scope + negator.start()];
        let after_negator = &clause[negator.end()..];
        let suggestion = WHY_NOT.is_match(before_negator);
        // Without a comma the consequence may begin with the match itself: "if it's
        // not paid the police can come" (the match is the subject of a modal).
        let consequent = CONSEQUENT.is_match(after_negator) || MATCH_THEN_MODAL.is_match(&text[end..]);
        let inside_condition = suggestion || (self.conditionals.is_match(before_negator) && consequent);
        // Speech-to-text runs clauses together: "you don't need to do anything i'll
        // send it" starts a new clause at "i'll", which the negation does not reach
        // ("I don't think you'll be arrested" still negates: think, believe... raise it).
        let starts_with_subject = NEW_SUBJECT.find(&text[start..]).is_some_and(|m| m.start() == 0);
        // From the negator through the match: a subject may stand before the match and
        // its verb begin it ("you just | need to pay"), and a gerund's verb may be the
        // match itself ("not eating won't make it go away").
        let through_match = &text[scope + negator.end()..end];
        let subject_into_match = NEW_SUBJECT.is_match(through_match);
        let new_clause = (NEW_SUBJECT.is_match(after_negator) || starts_with_subject || subject_into_match)
            && !NEG_RAISING.is_match(after_negator)
            && !reported_view;
        // "People who don't pay end up with their wages taken": the negation is
        // inside the relative clause that names the subject, not on what follows.
        let relative_subject = RELATIVE_SUBJECT.is_match(before_negator);
        !inside_condition && !new_clause && !relative_subject && !GERUND_SUBJECT.is_match(through_match)
    }
}

/// "any" (or "any further", "any kind of") just before a match: a word that lives
/// under a negation, however far back in its clause the negation stands.
static ANY_BEFORE: std::sync::LazyLock<Regex> = std::sync::LazyLock::new(|| {
    Regex::new(r"(?i)\bany(?: further| more| kind of| sort of| form of)?\s+$").expect("valid regex")
});

/// A subject with a future or progressive verb, or "it's", "that's", or a subject
/// with a duty or a want ("you just need to", "we want"): the start of a new clause ("don't cry it's only
/// money", "its not complicated you just need to pay" - no negation reaches past it).
static NEW_SUBJECT: std::sync::LazyLock<Regex> = std::sync::LazyLock::new(|| {
    Regex::new(
        r"(?i)\b(?:(?:i|we|you|they|he|she)(?:'ll|'m|'re| will| am| are|(?: just| really| only| still| also)? (?:need|needs|have to|has to|must|should|got to|gotta|want|wants|expect|expects|require|requires))|(?:it|that)(?:'s|'ll))\b",
    )
    .expect("valid regex")
});

/// Verbs a negation rises over into the clause they introduce ("don't think you'll").
static NEG_RAISING: std::sync::LazyLock<Regex> = std::sync::LazyLock::new(|| {
    Regex::new(r"(?i)^\W*(?:\w+\s+)?(?:think|believe|expect|imagine|suppose|reckon|say|mean|want|see|know|promise|guarantee)\w*\b")
        .expect("valid regex")
});

/// Words that start the consequence of a condition ("... you'll be arrested",
/// "... we're taking you to court"), so speech-to-text without commas still reads.
static CONSEQUENT: std::sync::LazyLock<Regex> = std::sync::LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:you(?:'ll| will| could| can| may| might|'re going to| are going to)|we(?:'ll| will| can| could|'re going to)|they(?:'ll| will)|there(?:'ll| will)|i(?:'ll| will)|it(?:'ll| will)|then|that means|(?:we|you|they|i|it)(?:'re| are|'m| am|'s| is) (?:\w+ing|gonna)|(?:we|you|they|i)(?: wanna| gonna))\b")
        .expect("valid regex")
});

/// A match followed straight away by a modal verb is the subject of a new clause
/// ("the police can come", "bailiffs will").
static MATCH_THEN_MODAL: std::sync::LazyLock<Regex> = std::sync::LazyLock::new(|| {
    Regex::new(r"(?i)^\s+(?:can|could|will|would|may|might|are going to|is going to|are gonna|is gonna|gonna|'ll|will be|would be)\b")
        .expect("valid regex")
});

/// "Why don't we...", "why not...": a suggestion, not a negation.
static WHY_NOT: std::sync::LazyLock<Regex> =
    std::sync::LazyLock::new(|| Regex::new(r"(?i)\bwhy(?:\s+\w{1,6})?\s*$").expect("valid regex"));

/// A subject defined by a relative clause the negation sits in ("people who").
static RELATIVE_SUBJECT: std::sync::LazyLock<Regex> = std::sync::LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:people|those|anyone|anybody|customers|folks|someone|somebody|debtors|consumers|borrowers|everyone|everybody|accounts)\s+(?:who|that|which)(?:\s+(?:do|does|did|is|are|was|were|has|have|had|can|could|would|will|should|wo|ca))?\s*$")
        .expect("valid regex")
});

/// "Not paying (this) is theft": the negation belongs to a gerund that is the
/// subject of the clause, so it does not cancel what the clause goes on to say.
static GERUND_SUBJECT: std::sync::LazyLock<Regex> = std::sync::LazyLock::new(|| {
    Regex::new(r"(?i)^\s*\w+ing\b.*\b(?:is|was|will|would|could|can|means|counts|gets|leads|makes|won't|doesn't|isn't|wasn't|does|did)\b")
        .expect("valid regex")
});

/// How many words before a match a negation may stand and still negate it ("nobody
/// is going to take you to court": four; "no one's going to garnish your wages": four). Further back, in a long unpunctuated
/// speech-to-text run, it belongs to something else ("there's no time for that i
/// need a decision now").
const NEGATION_REACH_WORDS: usize = 5;

/// Where the words that can negate a match at `at` begin: the start of its clause
/// (`clause`), or five words back, whichever is nearer.
fn negation_scope(text: &str, clause: usize, at: usize) -> usize {
    let mut words = 0;
    let mut in_word = false;
    for (i, c) in text[clause..at].char_indices().rev() {
        let word_char = c.is_alphanumeric() || c == '\'';
        if word_char && !in_word {
            words += 1;
        }
        if !word_char && in_word && words == NEGATION_REACH_WORDS {
            return clause + i + c.len_utf8();
        }
        in_word = word_char;
    }
    clause
}

/// Byte offset where the clause containing `at` begins: after the last sentence or
/// clause punctuation, or after a clause-joining word such as "but".
/// Looks back no further than [`CLAUSE_REACH`] bytes, so a turn with no
/// punctuation at all costs the same per match however long it is.
fn clause_start(text: &str, at: usize) -> usize {
    let mut reach = at.saturating_sub(CLAUSE_REACH);
    while !text.is_char_boundary(reach) {
        reach += 1;
    }
    let before = &text[..at];
    let punctuation = before[reach..].rfind(['.', '!', '?', ';', ',', ':', '\n']).map_or(reach, |i| reach + i + 1);
    // Only the words since the punctuation can hold a later joiner.
    let lowered = before[punctuation..].to_ascii_lowercase();
    let joiner = [" but ", " however ", " otherwise ", " or else ", " though "]
        .iter()
        .filter_map(|word| lowered.rfind(word).map(|i| punctuation + i + word.len()))
        .max()
        .unwrap_or(0);
    punctuation.max(joiner)
}

/// How far back a clause is looked for: far more than any spoken clause runs.
const CLAUSE_REACH: usize = 400;

/// A hit's words without the stop a pattern anchored on (". Can you tell me...",
/// ", so you..."): quoted to a trainee, the sentence starts at its first word.
pub fn quoted_span(text: &str, start: usize, end: usize) -> [usize; 2] {
    let words = text.get(start..end).unwrap_or("");
    let lead =
        words.len() - words.trim_start_matches(['.', ',', ';', ':', '!', '?', ' ', '-', '\u{2013}', '\u{2014}']).len();
    if lead < words.len() { [start + lead, end] } else { [start, end] }
}

/// The first hit of each entry, as hits with their words.
fn first_of_each(hits: &[CueHit], ids: &[String], text: &str) -> Vec<Hit> {
    let mut seen = vec![false; ids.len()];
    let mut out = Vec::new();
    for hit in hits {
        if !std::mem::replace(&mut seen[hit.cue], true) {
            let span = quoted_span(text, hit.start, hit.end);
            out.push(Hit { id: ids[hit.cue].clone(), span, evidence: text[span[0]..span[1]].to_string(), level: None });
        }
    }
    out
}

/// An act with its cue names turned into indexes (the lexicon checked them).
fn resolve_act(act: &RawAct, cue_ids: &[String]) -> ActDef {
    let cues = |names: &[String]| names.iter().filter_map(|n| cue_ids.iter().position(|c| c == n)).collect();
    ActDef {
        id: act.id.clone(),
        strong: cues(&act.strong),
        weak: cues(&act.weak),
        all: act.all.iter().map(|g| cues(g)).collect(),
        not: cues(&act.not),
        not_in_turn: cues(&act.not_in_turn),
        not_overlapping: cues(&act.not_overlapping),
        pivot: cues(&act.pivot),
        pivot_unless: cues(&act.pivot_unless),
        after: act.after.clone(),
        weak_after: act.weak_after.clone(),
        not_after: act.not_after.clone(),
        to_third_party: act.to.as_deref() == Some("third_party"),
        reference: act.reference,
        terms_agreed: act.terms_agreed,
        echo: act.echo,
        not_echo: act.not_echo,
        lawful_when: act.lawful_when.iter().map(|(k, v)| (k.clone(), v.clone())).collect(),
        lawful: cues(&act.lawful),
    }
}

/// Reads a collector's sentences against one debtor line, read once; the turn's
/// own sentences are split once for all its acts.
struct TurnReader<'a> {
    detector: &'a Detector,
    topics: Vec<usize>,
    words: WordSet,
    turn: &'a str,
    sentences: Vec<(usize, usize)>,
}

impl<'a> TurnReader<'a> {
    fn new(detector: &'a Detector, debtor: &str, turn: &'a str) -> TurnReader<'a> {
        let sentences = super::sentences::sentences(turn);
        TurnReader { detector, topics: detector.topics_of(debtor), words: WordSet::of(debtor), turn, sentences }
    }
}

impl Reader for TurnReader<'_> {
    fn references(&self, sentence: &str) -> bool {
        self.detector.topics_of(sentence).iter().any(|t| self.topics.contains(t))
            || self.words.any_in(sentence)
            || super::words::points_back(sentence)
    }

    fn amounts(&self, text: &str) -> Vec<f64> {
        super::amounts::amounts(text).into_iter().map(|(value, _)| value).collect()
    }

    fn shared_words(&self, sentence: &str) -> usize {
        self.words.shared(sentence)
    }

    fn sentences(&self, text: &str) -> Vec<(usize, usize)> {
        if std::ptr::eq(text, self.turn) { self.sentences.clone() } else { super::sentences::sentences(text) }
    }
}

impl Matcher {
    fn new(entries: &[Entry]) -> crate::error::Result<Matcher> {
        let mut sources = Vec::new();
        let mut owner = Vec::new();
        for (index, entry) in entries.iter().enumerate() {
            for pattern in &entry.patterns {
                sources.push(ascii_classes(pattern));
                owner.push(index);
            }
        }
        Ok(Matcher {
            scanner: Scanner::new(&sources)?,
            owner,
            ids: entries.iter().map(|e| e.id.clone()).collect(),
            negatable: entries.iter().map(|e| e.negatable).collect(),
            not_just_after: indexes(entries, |e| &e.not_just_after),
            not_inside: indexes(entries, |e| &e.not_inside),
            not_ending_in: indexes(entries, |e| &e.not_ending_in),
        })
    }
}

/// For each entry, the positions of the entries a list of it names.
fn indexes(entries: &[Entry], list: impl Fn(&Entry) -> &Vec<String>) -> Vec<Vec<usize>> {
    let index = |id: &String| entries.iter().position(|other| &other.id == id);
    entries.iter().map(|e| list(e).iter().filter_map(index).collect()).collect()
}

fn case_insensitive(pattern: &str) -> crate::error::Result<Regex> {
    Ok(RegexBuilder::new(&ascii_classes(pattern)).case_insensitive(true).build()?)
}

/// Whether a cue that cancels `entry` ends just before it, in the same clause and
/// with nobody else taking it on between: "you just need to take it one step at a
/// time" tells the debtor what to do; "you need to go, we can stop" does not. A
/// "but" starts a clause of its own: "you feel stupid but you're an idiot".
fn framed_by(matcher: &Matcher, kept: &[(usize, usize, usize)], entry: usize, start: usize, text: &str) -> bool {
    const NEAR: usize = 30;
    let frames = &matcher.not_just_after[entry];
    !frames.is_empty()
        && kept.iter().any(|&(frame, _, frame_end)| {
            let between = text.get(frame_end..start).unwrap_or(".");
            frames.contains(&frame)
                && frame_end <= start
                && start - frame_end <= NEAR
                && !between.contains(['.', ',', '!', '?', ';', ':'])
                && !between.split(|c: char| !c.is_alphanumeric() && c != '\'').any(|w| {
                    ["we", "i", "we'll", "i'll", "i'm", "we're", "i've", "we've", "let's", "us", "me", "but"]
                        .contains(&w.to_lowercase().as_str())
                })
        })
}

/// A lexicon pattern with ASCII word boundaries (`\b`, `\B`) and ASCII digits
/// (`\d`; inside a class, `0-9`). The lexicon's words are English: Unicode word
/// boundaries make the lazy DFA give up and fall back to a slow NFA engine on any
/// non-ASCII text (profiled: most of the engine's time went there), a Unicode `\d`
/// let the money pattern run on over every accented letter, and the amounts
/// parser reads ASCII digits only.
fn ascii_classes(pattern: &str) -> String {
    let mut out = String::with_capacity(pattern.len() + 16);
    let mut chars = pattern.chars().peekable();
    let mut class_depth = 0usize;
    let mut class_just_opened = false;
    while let Some(c) = chars.next() {
        let opened = std::mem::take(&mut class_just_opened);
        match c {
            '\\' => match chars.next() {
                Some('d') if class_depth > 0 => out.push_str("0-9"),
                Some('d') => out.push_str("[0-9]"),
                Some(b @ ('b' | 'B')) if class_depth == 0 => out.push_str(&format!("(?-u:\\{b})")),
                Some(next) => {
                    out.push('\\');
                    out.push(next);
                }
                None => out.push('\\'),
            },
            '[' => {
                class_depth += 1;
                class_just_opened = true;
                out.push(c);
            }
            '^' if opened => {
                class_just_opened = true;
                out.push(c);
            }
            ']' if class_depth > 0 && !opened => {
                class_depth -= 1;
                out.push(c);
            }
            _ => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::LazyLock;

    static DETECTOR: LazyLock<Detector> = LazyLock::new(|| Detector::new(&Lexicon::builtin()).unwrap());

    #[test]
    fn a_negated_gerund_subject_does_not_cancel_its_own_verb() {
        let said = "Not eating won't make the bill go away.";
        assert!(signal_ids(said).contains(&"dismissal".to_string()), "{said}");
        let denial = "Not paying won't get you arrested.";
        assert!(!signal_ids(denial).contains(&"arrest_consequence".to_string()), "{denial}");
    }

    #[test]
    fn any_reaches_back_to_its_negation_across_the_clause() {
        let said = "No. Northgate hasn't asked us to take any legal action.";
        assert!(!signal_ids(said).contains(&"suit_consequence".to_string()), "{said}");
        let threat = "Northgate has asked us to take legal action.";
        assert!(signal_ids(threat).contains(&"suit_consequence".to_string()), "{threat}");
    }

    #[test]
    fn a_negation_inside_the_subjects_relative_clause_does_not_cancel_the_threat() {
        for said in
            ["Anyone who doesn't pay gets their wages garnished.", "People who won't pay get their wages garnished."]
        {
            assert!(signal_ids(said).contains(&"seizure_consequence".to_string()), "{said}: {:?}", signal_ids(said));
        }
    }

    #[test]
    fn an_accommodation_the_debtor_is_told_to_make_is_advice_not_a_deed() {
        for advice in ["You just need to take it one step at a time.", "you should take your time with it honestly"] {
            assert!(!signal_ids(advice).contains(&"accommodates".to_string()), "{advice}");
        }
        for deed in ["We'll take it one step at a time.", "If you need to go, we can stop and pick it up later."] {
            assert!(signal_ids(deed).contains(&"accommodates".to_string()), "{deed}");
        }
    }

    #[test]
    fn offering_to_call_back_when_it_suits_them_accommodates_but_booking_a_callback_does_not() {
        for offer in ["Would you rather I call back next week?", "Shall I ring you back another time?"] {
            assert!(signal_ids(offer).contains(&"accommodates".to_string()), "{offer}");
        }
        assert!(!signal_ids("Can I call you back on Friday?").contains(&"accommodates".to_string()));
    }

    /// "You want me to just forget it?" mocks; "Do you want me to try again
    /// tomorrow?" offers: the words after an auxiliary are an offer, not a jibe.
    #[test]
    fn offering_to_do_something_is_not_mocking_what_they_want() {
        for offer in ["Do you want me to try again tomorrow?", "If you want me to, I can send it in writing."] {
            assert!(!signal_ids(offer).contains(&"dismissal".to_string()), "{offer}");
        }
        for jibe in [
            "You want me to just forget the balance?",
            "So you want us to wait forever.",
            "You're saying you want us to wait?",
        ] {
            assert!(signal_ids(jibe).contains(&"dismissal".to_string()), "{jibe}");
        }
    }

    /// "Be realistic" told is a dismissal; "what would be realistic for you?" asked
    /// is the affordability question.
    #[test]
    fn asking_what_is_realistic_is_not_telling_them_to_be_realistic() {
        assert!(!signal_ids("What would be realistic for you?").contains(&"dismissal".to_string()));
        for told in ["Be realistic.", "Come on, be realistic.", "You need to be realistic about this."] {
            assert!(signal_ids(told).contains(&"dismissal".to_string()), "{told}");
        }
    }

    #[test]
    fn asking_what_stood_in_the_way_asks_the_reason() {
        for question in ["What got in the way?", "What stopped you paying last month?", "What's been in the way?"] {
            assert!(signal_ids(question).contains(&"asks_reason".to_string()), "{question}");
        }
    }

    #[test]
    fn boundaries_and_digits_are_ascii_inside_classes_and_out() {
        assert_eq!(ascii_classes(r"\bowe\b"), r"(?-u:\b)owe(?-u:\b)");
        assert_eq!(ascii_classes(r"\$\d[\d,]*"), r"\$[0-9][0-9,]*");
        assert_eq!(ascii_classes(r"[]\d][^]\d]\\d"), r"[]0-9][^]0-9]\\d");
    }

    fn signals(text: &str) -> Vec<Hit> {
        DETECTOR.signals(text, &Context::opening(&crate::facts::Facts::default()))
    }

    fn signal_ids(text: &str) -> Vec<String> {
        signals(text).into_iter().map(|h| h.id).collect()
    }

    fn event_ids(text: &str) -> Vec<String> {
        DETECTOR.events(text).into_iter().map(|h| h.id).collect()
    }

    /// Found playing uk-vulnerable-bereaved: "take a moment, I'm here when you're
    /// ready" was credited as a hold on the account (forbearance, a way forward),
    /// and "I wanted to check everything is okay with you" as a yes to a proposal.
    #[test]
    fn a_moment_given_is_no_hold_and_everything_okay_no_yes() {
        let moment = signal_ids("Please don't apologise - take a moment, I'm here when you're ready.");
        assert!(moment.contains(&"gives_them_time".into()) && !moment.contains(&"accommodates".into()), "{moment:?}");
        assert!(!signal_ids("I wanted to check everything is okay with you first.").contains(&"flexibility".into()));
        assert!(signal_ids("Friday is fine.").contains(&"flexibility".into()));
    }

    /// "it's only money at the end of the day" gives no name ("it's X at Y" read as
    /// "it's Sam at Apex"), and "don't bother with a debt charity" names no company:
    /// either could hide a caller who never said who they were.
    #[test]
    fn only_money_is_no_name_and_a_debt_charity_no_company() {
        let only = signal_ids("It's okay, don't cry, it's only money at the end of the day.");
        assert!(!only.contains(&"introduces_self".into()), "{only:?}");
        let charity = signal_ids("Honestly, don't bother with a debt charity.");
        assert!(!charity.contains(&"collector_company_named".into()), "{charity:?}");
        let intro = signal_ids("Hi, it's Sam from Apex Collections.");
        assert!(intro.contains(&"introduces_self".into()) && intro.contains(&"collector_company_named".into()));
    }

    /// Round 144: "its not complicated you just need to pay fifty pound a week" asks for
    /// payment - the "not" is the first clause's - while "you don't need to pay now"
    /// and "I don't think you need to pay today" do not press.
    #[test]
    fn a_negation_stops_at_a_new_subject_with_a_duty() {
        let said = signal_ids("ok well its not complicated you just need to pay fifty pound a week starting monday");
        assert!(said.contains(&"payment_demand".into()), "{said:?}");
        assert!(!signal_ids("you don't need to pay now").contains(&"payment_demand".into()));
        let think = signal_ids("I don't think you need to pay today.");
        assert!(!think.contains(&"pressure_or_false_urgency".into()), "{think:?}");
    }

    /// Round 141: asked "can I ask my sister to lend me it", welcoming the loan
    /// presses them to borrow; "that's a great idea" to "I've cut up my cards" does not.
    #[test]
    fn welcoming_the_loan_they_offered_presses_them_to_borrow() {
        let context = |debtor: &str, reply: &str| {
            let events: Vec<String> = event_ids(debtor);
            let facts = crate::facts::Facts::default();
            let ctx = Context { debtor_text: debtor, debtor_events: &events, third_party: false, facts: &facts };
            DETECTOR.signals(reply, &ctx).into_iter().map(|h| h.id).collect::<Vec<_>>()
        };
        let sister = "can i ring my sister and ask her to lend me it";
        let welcomed = context(sister, "yeah if she can lend you it that would be brilliant give her a ring");
        assert!(welcomed.contains(&"pressures_to_borrow_or_sell".into()), "{welcomed:?}");
        let cut_up = context("I've cut up all my credit cards.", "That's a great idea.");
        assert!(!cut_up.contains(&"pressures_to_borrow_or_sell".into()), "{cut_up:?}");
    }

    /// Round 138: "ok thats fine nobodys going to court over this" was a claim to be
    /// the court (a name's gap swallowed "going to") and pressure (the STT "nobodys"
    /// negated nothing); a claim in those words still is one.
    #[test]
    fn nobody_going_to_court_claims_nothing_and_presses_nothing() {
        let reply = signal_ids("ok thats fine nobodys going to court over this lets talk about what you can do");
        for act in ["impersonates_authority", "pressure_or_false_urgency", "threatens_legal_or_arrest"] {
            assert!(!reply.contains(&act.into()), "{act}: {reply:?}");
        }
        assert!(signal_ids("I'm an officer of the court.").contains(&"impersonates_authority".into()));
        assert!(signal_ids("It's going to court if you don't pay.").contains(&"threatens_legal_or_arrest".into()));
    }

    /// Round 136: "dont cry its only money" minimises: the "dont" is the first
    /// clause's, and "it's" starts a clause no negation reaches; "I don't think it's
    /// only money" still negates (think raises it).
    #[test]
    fn a_negation_does_not_reach_past_its_clause_into_its() {
        assert!(signal_ids("its ok dont cry its only money at the end of the day").contains(&"dismissal".into()));
        assert!(!signal_ids("I don't think it's only money to you.").contains(&"dismissal".into()));
    }

    /// Round 134: "calling about your Northway Bank loan" is the account the call is
    /// about, not a loan suggested (it was a critical borrow-or-sell finding); and
    /// a hold offered proposes no payment, so the balance need not come first.
    #[test]
    fn the_loan_called_about_is_no_loan_suggested_and_a_hold_is_no_plan() {
        let intro = signal_ids("Hello, it's Priya from Calder Collections, calling about your Northway Bank loan.");
        assert!(!intro.contains(&"pressures_to_borrow_or_sell".into()), "{intro:?}");
        let loan = signal_ids("You could take out a personal loan to clear it.");
        assert!(loan.contains(&"pressures_to_borrow_or_sell".into()), "{loan:?}");
        let hold = signal_ids("We can put the account on hold for 30 days and freeze the interest.");
        assert!(hold.contains(&"accommodates".into()) && !hold.contains(&"offers_plan".into()), "{hold:?}");
    }

    #[test]
    fn threats_are_found_with_their_words() {
        let hits = signals("If you don't pay today you will be arrested.");
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
    fn the_debtors_own_view_said_back_insults_nobody() {
        for text in [
            "What makes you feel you're a burden to them?",
            "It sounds like you feel useless since losing the job.",
            "You called yourself stupid earlier, and I don't agree.",
        ] {
            assert!(!signal_ids(text).contains(&"insults".to_string()), "{text:?} heard as an insult");
        }
        for text in ["You're a burden on the system.", "I think you're useless.", "Honestly, you're pathetic."] {
            assert!(signal_ids(text).contains(&"insults".to_string()), "{text:?} not heard as an insult");
        }
    }

    #[test]
    fn a_negation_reaches_a_few_words_not_a_whole_run_on_line() {
        assert!(
            !signal_ids("nobody is going to take you to court over this").contains(&"threatens_legal_action".into())
        );
        assert!(
            signal_ids("there's no time for that i really really need a decision now").contains(&"pressure".into())
        );
        assert!(signal_ids("If you don't pay today you will be arrested.").contains(&"threatens_arrest".into()));
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
    fn a_trouble_inside_someone_elses_settled_one_is_not_the_speakers() {
        let hardship = |t: &str| event_ids(t).contains(&"hardship_disclosed".to_string());
        assert!(!hardship("My sister lost her job but I'm okay."));
        assert!(!hardship("My brother's been off sick but I'm fine."));
        assert!(hardship("My sister lost her job and I'm struggling to help her."));
        assert!(hardship("I lost my job and my mum's ill, but I'm okay for now."), "the speaker's own loss stays");
    }

    #[test]
    fn spans_point_into_the_original_text_even_with_curly_quotes() {
        let text = "I\u{2019}m so sorry to hear that.";
        let hit = signals(text).into_iter().find(|h| h.id == "sympathy").unwrap();
        assert_eq!(&text[hit.span[0]..hit.span[1]], hit.evidence);
        assert!(hit.evidence.starts_with("I\u{2019}m so sorry"));
    }

    #[test]
    fn a_hit_is_quoted_from_its_first_word() {
        let text = "That's hard. Can you tell me more?";
        assert_eq!(super::quoted_span(text, 11, 34), [13, 34]);
        assert_eq!(super::quoted_span(text, 0, 6), [0, 6]);
        assert_eq!(super::quoted_span("...", 0, 3), [0, 3], "nothing but stops stays as it is");
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
