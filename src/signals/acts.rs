//! Speech acts: what a collector's turn does, read from the cues its words carry
//! and from the line it answers.
//!
//! Cues are lexicon signals (surface words, built from word classes); an act
//! composes them. "I'm sorry" is a cue; *acknowledging the debtor's feelings* is an
//! act, and whether a turn performs it depends on more than the cue: on what the
//! debtor had just said (a generic "I understand" answers a disclosure, not a
//! question about fees), on what else the turn does ("I understand, but the balance
//! is still due" takes it back), on whom the collector is talking to (the debt named
//! to a roommate is a disclosure, to the consumer it is the point) and on the
//! account's facts (a lawsuit the creditor really intends, stated plainly, is no
//! false threat). Each act is declared in the lexicon's `acts:` section with the
//! keys below; this module evaluates them.

use super::sentences::{reads_as_question, sentences};
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::facts::Facts;

/// How strongly a turn performs an act (EPITOME's weak and strong levels).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ActLevel {
    /// Performed, but weakly (EPITOME's "weak").
    Weak,
    /// Performed fully (EPITOME's "strong").
    Strong,
}

/// An act as the lexicon declares it, with cue and event names resolved to indexes.
#[derive(Debug, Clone, Default)]
pub struct ActDef {
    pub id: String,
    /// Any of these cues performs the act strongly.
    pub strong: Vec<usize>,
    /// Any of these performs it weakly.
    pub weak: Vec<usize>,
    /// Every group must have a cue somewhere in the turn (the act is then strong).
    pub all: Vec<Vec<usize>>,
    /// A cue of these in the same sentence cancels a candidate.
    pub not: Vec<usize>,
    /// A cue of these anywhere in the turn cancels the act.
    pub not_in_turn: Vec<usize>,
    /// A cue of these sharing a candidate's words cancels that candidate only.
    pub not_overlapping: Vec<usize>,
    /// An act followed later in the turn by one of these is taken back ("I
    /// understand. Now, can you pay today?").
    pub pivot: Vec<usize>,
    /// Cues that keep a pivot cue they overlap from counting.
    pub pivot_unless: Vec<usize>,
    /// The act exists only right after one of these debtor events.
    pub after: Vec<String>,
    /// Weak cues count only right after one of these debtor events.
    pub weak_after: Vec<String>,
    /// The act does not exist right after one of these debtor events.
    pub not_after: Vec<String>,
    /// Only when the person on the line is not the consumer.
    pub to_third_party: bool,
    /// Strong only when the sentence is about what the debtor said (a shared topic
    /// or word); otherwise weak.
    pub reference: bool,
    /// No amount beyond those the debtor named (a confirmation adds no terms).
    pub terms_agreed: bool,
    /// A statement taking up two or more of the debtor's own content words counts
    /// as the act (strong) without a cue: a reflection needs no "so you're...".
    pub echo: bool,
    /// A cue whose words the debtor said in the line before, in a statement, does
    /// not count: "Six cards and a loan..." reflects their debts, it does not
    /// suggest a loan.
    pub not_echo: bool,
    /// With all of these facts, the `lawful` cues do not count.
    pub lawful_when: Vec<(String, Value)>,
    pub lawful: Vec<usize>,
}

/// What a collector's turn answers: the debtor's line before it, who is on the
/// line, and the account's facts.
#[derive(Debug, Clone, Copy)]
pub struct Context<'a> {
    /// The debtor's line before the turn.
    pub debtor_text: &'a str,
    /// The debtor events heard in it.
    pub debtor_events: &'a [String],
    /// Whether the person on the line is not the consumer.
    pub third_party: bool,
    /// The account facts.
    pub facts: &'a Facts,
}

impl Context<'_> {
    /// No debtor line yet, the consumer on the line, no facts.
    pub fn opening(facts: &Facts) -> Context<'_> {
        Context { debtor_text: "", debtor_events: &[], third_party: false, facts }
    }

    fn debtor_said_any(&self, events: &[String]) -> bool {
        events.iter().any(|e| self.debtor_events.contains(e))
    }
}

/// One cue found in a turn: which cue, and where (bytes of the original text).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CueHit {
    pub cue: usize,
    pub start: usize,
    pub end: usize,
}

/// What the evaluation of one act found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ActFound {
    pub level: ActLevel,
    pub start: usize,
    pub end: usize,
}

/// Shared judgements the acts need about a turn and its context. A reader is made
/// for one turn, with the debtor's line already read, so each sentence costs only
/// its own length.
pub trait Reader {
    /// Whether the words of `sentence` take up something the debtor said (the same
    /// topic, or the same word).
    fn references(&self, sentence: &str) -> bool;
    /// Amounts of money named in a text.
    fn amounts(&self, text: &str) -> Vec<f64>;
    /// How many content words of `sentence` the debtor also said.
    fn shared_words(&self, sentence: &str) -> usize;
    /// The sentences of the turn's `text` (a reader made for one turn splits it once
    /// for all its acts).
    fn sentences(&self, text: &str) -> Vec<(usize, usize)> {
        sentences(text)
    }
}

impl ActDef {
    /// Whether and how strongly `text` performs this act, given its cues.
    pub fn evaluate(&self, text: &str, hits: &[CueHit], ctx: &Context, reader: &dyn Reader) -> Option<ActFound> {
        if (self.to_third_party && !ctx.third_party)
            || (!self.after.is_empty() && !ctx.debtor_said_any(&self.after))
            || ctx.debtor_said_any(&self.not_after)
        {
            return None;
        }
        if hits.iter().any(|h| self.not_in_turn.contains(&h.cue)) {
            return None;
        }
        let sentences = reader.sentences(text);
        let sentence_of = |at: usize| sentence_at(&sentences, at);
        // A cue whose pattern begins at the full stop before it ("(?:^|[.!?] )do you...")
        // belongs to the sentence its first word is in.
        let sentence_of_hit = |hit: &CueHit| {
            let first_word = text.get(hit.start..hit.end).and_then(|t| t.find(char::is_alphanumeric));
            sentence_of(hit.start + first_word.unwrap_or(0))
        };
        let mut has_canceller = vec![false; sentences.len()];
        for hit in hits.iter().filter(|h| self.not.contains(&h.cue)) {
            has_canceller[sentence_of_hit(hit)] = true;
        }
        let overlappers = Overlappers::new(hits, &self.not_overlapping);
        let cancelled = |hit: &CueHit| has_canceller[sentence_of_hit(hit)] || overlappers.cover(hit);
        let mut references: Vec<Option<bool>> = vec![None; sentences.len()];
        let lawful_now =
            !self.lawful_when.is_empty() && self.lawful_when.iter().all(|(name, want)| ctx.facts.matches(name, want));
        let mut best: Option<ActFound> = None;
        for hit in hits {
            let mut level = if self.strong.contains(&hit.cue) {
                ActLevel::Strong
            } else if self.weak.contains(&hit.cue) {
                ActLevel::Weak
            } else {
                continue;
            };
            if (lawful_now && self.lawful.contains(&hit.cue)) || cancelled(hit) {
                continue;
            }
            if self.not_echo && echoes_debtor(text, &sentences[sentence_of_hit(hit)], hit, ctx) {
                continue;
            }
            if level == ActLevel::Weak && !self.weak_after.is_empty() && !ctx.debtor_said_any(&self.weak_after) {
                continue;
            }
            if level == ActLevel::Strong && self.reference {
                let own = sentence_of_hit(hit);
                let (s, e) = sentences[own];
                if !*references[own].get_or_insert_with(|| reader.references(&text[s..e])) {
                    level = ActLevel::Weak;
                }
            }
            let found = ActFound { level, start: hit.start, end: hit.end };
            if best.is_none_or(|b| level > b.level) {
                best = Some(found);
            }
        }
        if !self.all.is_empty() {
            best = self.all_groups(hits, &cancelled).or(best);
        }
        if self.echo && best.is_none_or(|b| b.level < ActLevel::Strong) {
            best = self.echo_of(text, &sentences, &has_canceller, ctx, reader).or(best);
        }
        let found = best?;
        let defused =
            |p: &CueHit| hits.iter().any(|h| self.pivot_unless.contains(&h.cue) && h.start < p.end && p.start < h.end);
        if hits.iter().any(|h| self.pivot.contains(&h.cue) && h.start > found.start && !defused(h)) {
            return None;
        }
        if self.terms_agreed && !self.within_agreed_terms(text, ctx, reader) {
            return None;
        }
        Some(found)
    }

    /// Strong when every group has an uncancelled cue; the evidence runs from the
    /// first to the last of them.
    fn all_groups(&self, hits: &[CueHit], cancelled: &dyn Fn(&CueHit) -> bool) -> Option<ActFound> {
        let mut start = usize::MAX;
        let mut end = 0;
        for group in &self.all {
            let hit = hits.iter().find(|h| group.contains(&h.cue) && !cancelled(h))?;
            start = start.min(hit.start);
            end = end.max(hit.end);
        }
        Some(ActFound { level: ActLevel::Strong, start, end })
    }

    /// The first statement (not a question) with no cancelling cue that repeats two
    /// or more of the debtor's content words.
    fn echo_of(
        &self,
        text: &str,
        sentences: &[(usize, usize)],
        has_canceller: &[bool],
        ctx: &Context,
        reader: &dyn Reader,
    ) -> Option<ActFound> {
        if ctx.debtor_text.is_empty() {
            return None;
        }
        sentences.iter().zip(has_canceller).find_map(|(&(s, e), &cancelled)| {
            let sentence = &text[s..e];
            let question = reads_as_question(sentence);
            let instruction = IMPERATIVE_STARTS.iter().any(|w| starts_with_word(sentence, w));
            // The names are checked only for a sentence that would otherwise echo.
            let echoes = !cancelled
                && !question
                && !instruction
                && !about_the_speaker(sentence)
                && says_back(sentence, ctx, reader);
            echoes.then(|| ActFound {
                level: ActLevel::Strong,
                start: s + (sentence.len() - sentence.trim_start().len()),
                end: e,
            })
        })
    }

    /// Every amount the turn names was named by the debtor, when the debtor named any.
    fn within_agreed_terms(&self, text: &str, ctx: &Context, reader: &dyn Reader) -> bool {
        let agreed = reader.amounts(ctx.debtor_text);
        agreed.is_empty() || reader.amounts(text).iter().all(|a| agreed.iter().any(|b| (a - b).abs() < 0.005))
    }
}

/// How many words of the call's names (the consumer's, the agency's, the
/// creditor's) both the sentence and the debtor's line say: "Hello Margaret
/// Hughes" after "Margaret Hughes speaking" greets her, it reflects nothing.
fn names_shared(sentence: &str, ctx: &Context) -> usize {
    let (sentence, debtor) = (sentence.to_lowercase(), ctx.debtor_text.to_lowercase());
    let has = |text: &str, word: &str| text.split(|c: char| !c.is_alphanumeric()).any(|w| w == word);
    let mut words: Vec<String> =
        ctx.facts.names().flat_map(str::split_whitespace).map(str::to_lowercase).filter(|w| w.len() >= 4).collect();
    words.sort();
    words.dedup();
    words.iter().filter(|w| has(&sentence, w) && has(&debtor, w)).count()
}

/// Whether a cue's words are the debtor's own, repeated in a statement (not a
/// question or an instruction, which would put them to new use).
fn echoes_debtor(text: &str, (start, end): &(usize, usize), hit: &CueHit, ctx: &Context) -> bool {
    let sentence = &text[*start..*end];
    let said = text[hit.start..hit.end].trim().to_lowercase();
    let question = reads_as_question(sentence);
    let instruction = IMPERATIVE_STARTS.iter().any(|w| starts_with_word(sentence, w));
    !said.is_empty() && !question && !instruction && ctx.debtor_text.to_lowercase().contains(&said)
}

/// Whether a statement says the debtor's situation back: it repeats two of their
/// words (not counting the call's names), or opens on their state and repeats one
/// word or topic ("You're paying for a car you don't even have anymore" after "my ex
/// took the car and left me with the loan").
fn says_back(sentence: &str, ctx: &Context, reader: &dyn Reader) -> bool {
    let own = |text: &str| reader.shared_words(text).saturating_sub(names_shared(text, ctx));
    if own(sentence) >= 2 {
        return true;
    }
    if !opens_on_their_state(sentence) {
        return false;
    }
    // one word is enough only if it is not a date: "you're behind by three payments
    // since March" after "I lost my job in March" shares the month, not the story
    let untimed: String = sentence.split_whitespace().filter(|w| !is_time_word(w)).collect::<Vec<_>>().join(" ");
    own(&untimed) >= 1 || reader.references(&untimed)
}

/// Months, days and spans of time: shared, they show no story taken up.
const TIME_WORDS: &[&str] = &[
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "week",
    "weeks",
    "month",
    "months",
    "year",
    "years",
    "day",
    "days",
    "today",
    "tomorrow",
    "yesterday",
    "since",
    "last",
    "next",
];

fn is_time_word(word: &str) -> bool {
    let bare: String = word.chars().filter(|c| c.is_alphanumeric()).collect::<String>().to_lowercase();
    TIME_WORDS.contains(&bare.as_str())
}

/// Openers before the subject that change nothing ("so", "and", "oh"...).
const LEAD_INS: &[&str] = &["so", "and", "oh", "right", "okay", "ok", "yeah", "well", "honestly"];

/// "You're ...", "you've been ...", "you were ..." - but not "you're going to have
/// to", which tells them what comes.
fn opens_on_their_state(sentence: &str) -> bool {
    let all = super::words::words_of(sentence);
    let words: Vec<&str> = all.iter().map(String::as_str).skip_while(|w| LEAD_INS.contains(w)).take(3).collect();
    let state = match words.as_slice() {
        // "youre", "youve": speech-to-text drops the apostrophe
        ["you're" | "you've" | "you'd" | "youre" | "youve", next, ..] | ["you", "are" | "were" | "had", next, ..] => {
            next
        }
        _ => return false,
    };
    !["going", "gonna", "able", "welcome", "required", "obliged", "free", "to", "got"].contains(state)
}

/// Sentences that tell rather than restate ("Don't be embarrassed...", "Let's...").
const IMPERATIVE_STARTS: &[&str] = &["don't", "do", "please", "let's", "just", "make", "try", "stop", "now"];

/// Words a speaker opens on to talk about themselves.
const FIRST_PERSON: &[&str] = &["i", "i'm", "i've", "i'd", "i'll", "im", "ive", "my", "me", "mine", "myself"];
/// Openers before a speaker's own subject, beyond [`LEAD_INS`] ("Personally I hate Christmas").
const OWN_LEAD_INS: &[&str] = &["personally", "but", "like", "tbh", "lol"];

/// Whether a sentence is about the speaker, not the person they answer: it opens
/// on "I" or "my" and never says "you". Repeating their words to tell your own
/// story ("Personally I hate Christmas and all the Christmas spirit crap", "I was
/// like this at 16") says nothing of theirs back (EPITOME peer support, stop 38);
/// "I can hear how tired you are" still can.
fn about_the_speaker(sentence: &str) -> bool {
    let words = super::words::words_of(sentence);
    let lead_in = |w: &str| LEAD_INS.contains(&w) || OWN_LEAD_INS.contains(&w);
    let Some(subject) = words.iter().find(|w| !lead_in(w)) else {
        return false;
    };
    let says_you = words.iter().any(|w| w.starts_with("you") || w == "ur" || w == "u");
    FIRST_PERSON.contains(&subject.as_str()) && !says_you
}

fn starts_with_word(sentence: &str, word: &str) -> bool {
    let first = sentence.trim_start().split(|c: char| !c.is_alphanumeric() && c != '\'').next().unwrap_or("");
    first.eq_ignore_ascii_case(word)
}

/// The spans of a turn's `not_overlapping` cues, sorted by start, so that asking
/// whether one shares a candidate's words looks only at its neighbours: a turn of
/// a hundred thousand cues stays linear.
struct Overlappers {
    spans: Vec<(usize, usize)>,
    longest: usize,
}

impl Overlappers {
    fn new(hits: &[CueHit], cues: &[usize]) -> Self {
        let mut spans: Vec<(usize, usize)> = if cues.is_empty() {
            Vec::new()
        } else {
            hits.iter().filter(|h| cues.contains(&h.cue)).map(|h| (h.start, h.end)).collect()
        };
        spans.sort_unstable();
        let longest = spans.iter().map(|&(s, e)| e - s).max().unwrap_or(0);
        Overlappers { spans, longest }
    }

    /// Whether a span shares a byte with `hit`.
    fn cover(&self, hit: &CueHit) -> bool {
        let before_end = self.spans.partition_point(|&(start, _)| start < hit.end);
        self.spans[..before_end]
            .iter()
            .rev()
            .take_while(|&&(start, _)| start + self.longest > hit.start)
            .any(|&(_, end)| end > hit.start)
    }
}

/// The index of the sentence holding byte `at` (sentences are in order and do not
/// overlap; a byte between two belongs to the one before).
fn sentence_at(sentences: &[(usize, usize)], at: usize) -> usize {
    sentences.partition_point(|&(start, _)| start <= at).saturating_sub(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Reads the debtor's line (its field) by plain substring search.
    struct Plain<'a>(&'a str);
    impl Reader for Plain<'_> {
        fn references(&self, sentence: &str) -> bool {
            sentence.split_whitespace().any(|w| w.len() > 3 && self.0.contains(w))
        }
        fn amounts(&self, text: &str) -> Vec<f64> {
            text.split(|c: char| !c.is_ascii_digit()).filter_map(|w| w.parse().ok()).collect()
        }
        fn shared_words(&self, sentence: &str) -> usize {
            sentence.split_whitespace().filter(|w| w.len() > 3 && self.0.contains(*w)).count()
        }
    }

    fn hit(cue: usize, text: &str, words: &str) -> CueHit {
        let start = text.find(words).unwrap();
        CueHit { cue, start, end: start + words.len() }
    }

    #[test]
    fn an_acknowledgement_followed_by_a_demand_is_taken_back() {
        // cue 0: "I understand" (weak); cue 1: a payment demand (pivot); cue 2: "that sounds hard" (strong)
        let act = ActDef { strong: vec![2], weak: vec![0], pivot: vec![1], ..ActDef::default() };
        let facts = Facts::default();
        let ctx = Context { debtor_text: "I lost my job.", debtor_events: &[], third_party: false, facts: &facts };
        let text = "I understand. Can you pay today?";
        let hits = [hit(0, text, "I understand"), hit(1, text, "Can you pay today")];
        assert_eq!(act.evaluate(text, &hits, &ctx, &Plain(ctx.debtor_text)), None);
        let text = "I understand, that sounds hard.";
        let hits = [hit(0, text, "I understand"), hit(2, text, "that sounds hard")];
        assert_eq!(act.evaluate(text, &hits, &ctx, &Plain(ctx.debtor_text)).map(|f| f.level), Some(ActLevel::Strong));
    }

    #[test]
    fn cancellers_work_within_their_sentence_and_facts_make_cues_lawful() {
        let act = ActDef { strong: vec![0], not: vec![1], lawful: vec![0], ..ActDef::default() };
        let mut facts = Facts::default();
        let ctx = Context::opening(&facts);
        let text = "We will sue. That is not true.";
        assert!(
            act.evaluate(text, &[hit(0, text, "sue"), hit(1, text, "not true")], &ctx, &Plain(ctx.debtor_text))
                .is_some()
        );
        let text = "We will sue, that is not true.";
        assert!(
            act.evaluate(text, &[hit(0, text, "sue"), hit(1, text, "not true")], &ctx, &Plain(ctx.debtor_text))
                .is_none()
        );
        facts.0.insert("legal_action_intended".into(), Value::Bool(true));
        let lawful = ActDef { lawful_when: vec![("legal_action_intended".into(), Value::Bool(true))], ..act };
        let ctx = Context::opening(&facts);
        assert!(
            lawful.evaluate("We will sue.", &[hit(0, "We will sue.", "sue")], &ctx, &Plain(ctx.debtor_text)).is_none()
        );
    }

    #[test]
    fn an_overlapping_canceller_cancels_only_the_words_it_shares() {
        // cue 0: an introduction; cue 1: "I'm" before a state, not a name
        let act = ActDef { strong: vec![0], not_overlapping: vec![1], ..ActDef::default() };
        let facts = Facts::default();
        let ctx = Context::opening(&facts);
        let text = "I'm happy with that.";
        let hits = [hit(0, text, "I'm happy with"), hit(1, text, "I'm happy")];
        assert!(act.evaluate(text, &hits, &ctx, &Plain(ctx.debtor_text)).is_none());
        let text = "This is Sam from Apex, I'm calling about your card.";
        let hits = [hit(0, text, "This is Sam from"), hit(1, text, "I'm calling")];
        assert!(act.evaluate(text, &hits, &ctx, &Plain(ctx.debtor_text)).is_some());
    }

    #[test]
    fn a_cue_repeating_the_debtors_words_in_a_statement_does_not_count() {
        let act = ActDef { strong: vec![0], not_echo: true, ..ActDef::default() };
        let facts = Facts::default();
        let ctx = Context {
            debtor_text: "I've got six cards and a loan.",
            debtor_events: &[],
            third_party: false,
            facts: &facts,
        };
        let found = |text: &str| act.evaluate(text, &[hit(0, text, "a loan")], &ctx, &Plain(ctx.debtor_text));
        assert!(found("Six cards and a loan, that's a lot to juggle.").is_none());
        assert!(found("Could you get a loan to clear it?").is_some());
        assert!(found("Just take out a loan.").is_some());
        let ctx = Context { debtor_text: "I'm stuck.", ..ctx };
        let text = "Then get a loan.";
        assert!(act.evaluate(text, &[hit(0, text, "a loan")], &ctx, &Plain(ctx.debtor_text)).is_some());
    }

    #[test]
    fn confirmations_add_no_terms_the_debtor_did_not_agree() {
        let act = ActDef { all: vec![vec![0], vec![1]], terms_agreed: true, ..ActDef::default() };
        let facts = Facts::default();
        let ctx =
            Context { debtor_text: "I'll do 100 by card.", debtor_events: &[], third_party: false, facts: &facts };
        let text = "So 100 by card, and 900 later.";
        let hits = [hit(0, text, "100"), hit(1, text, "card")];
        assert!(act.evaluate(text, &hits, &ctx, &Plain(ctx.debtor_text)).is_none());
        let text = "So 100 by card.";
        let hits = [hit(0, text, "100"), hit(1, text, "card")];
        assert!(act.evaluate(text, &hits, &ctx, &Plain(ctx.debtor_text)).is_some());
    }

    #[test]
    fn a_statement_that_opens_on_their_state_says_it_back() {
        assert!(super::opens_on_their_state("You're paying for a car you don't even have."));
        assert!(super::opens_on_their_state("so youre putting in all those hours"));
        assert!(super::opens_on_their_state("You've had the house and the kids on you."));
        assert!(!super::opens_on_their_state("You're going to need to show us the letter."));
        assert!(!super::opens_on_their_state("You'll have to pay it."));
        assert!(!super::opens_on_their_state("The car is paid for."));
        assert!(super::is_time_word("March,") && !super::is_time_word("car"));
    }

    /// A helper's own story in the seeker's words says nothing of theirs back.
    #[test]
    fn a_sentence_about_the_speaker_is_not_about_them() {
        assert!(about_the_speaker("Personally I hate Christmas and all the Christmas spirit crap."));
        assert!(about_the_speaker("My mum went through the same thing."));
        assert!(!about_the_speaker("I can hear how tired you are."));
        assert!(!about_the_speaker("So you're on your own with the kids."));
        assert!(!about_the_speaker("Christmas with two kids is a lot."));
    }
}
