//! Graded skill scores, turn by turn.
//!
//! Every collector turn is judged in its context — the debtor's line before it —
//! for empathy, clarity and negotiation. A judgement is a list of **components**,
//! each worth some points and traced to the words that earned or cost them ("asks
//! about the person +2: 'what's been happening?'", "turns to payment after a
//! disclosure −1.5: 'can you pay today?'"). A turn's grade is its points squashed
//! into 0–100 by a logistic curve, so no amount of one thing saturates a grade and
//! two different replies seldom tie:
//!
//! ```text
//! grade = 100 / (1 + e^(−points / 2.5))      0 points → 50, +4 → 83, −3 → 23
//! ```
//!
//! A turn is judged for a dimension only when it gives the dimension something to
//! judge: a debtor bid it answers (a disclosure, a feeling, a question, a proposal,
//! an agreement) or words of its own that bear on it (warmth or blame, plain or
//! tangled words, an offer or a demand). A dimension's score for the call is the
//! weighted mean of its judged turns; bids weigh more than turns that answer
//! nothing. A call that gives a dimension nothing at all to judge has no score for
//! it — never 100 by default.

mod clarity;
mod empathy;
pub(crate) mod negotiation;

use serde::{Deserialize, Serialize};

use crate::signals::{ActLevel, Hit};
use crate::transcript::{Speaker, Transcript, Turn, exchange};

/// One collector turn's grades; `turn` is 1-based over all turns, like findings.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TurnGrade {
    /// 1-based over all turns.
    pub turn: usize,
    /// The empathy grade, when the turn gave anything to judge.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub empathy: Option<Grade>,
    /// The clarity grade.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub clarity: Option<Grade>,
    /// The negotiation grade.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub negotiation: Option<Grade>,
}

impl TurnGrade {
    /// This turn's grade on `dimension` (only the skills are graded turn by turn).
    pub fn get(&self, dimension: crate::rubric::Dimension) -> Option<&Grade> {
        use crate::rubric::Dimension;
        match dimension {
            Dimension::Empathy => self.empathy.as_ref(),
            Dimension::Clarity => self.clarity.as_ref(),
            Dimension::Negotiation => self.negotiation.as_ref(),
            Dimension::Compliance | Dimension::Documentation => None,
        }
    }
}

/// A grade of one dimension for one turn, and why.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Grade {
    /// 0–100, one decimal.
    pub score: f64,
    /// How much this turn counts in the call's score for the dimension.
    pub weight: f64,
    /// What earned or cost points.
    pub components: Vec<Component>,
}

/// Something a turn did that earned or cost points.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Component {
    /// What it was, as a trainer would say it ("asks about the person").
    pub what: String,
    /// Points earned (positive) or lost (negative).
    pub points: f64,
    /// The words that did it; empty for something missing.
    pub evidence: String,
}

/// How many points move a grade how far: 2.5 points is about a quarter of the scale.
const POINTS_SCALE: f64 = 2.5;

impl Grade {
    fn from_components(components: Vec<Component>, weight: f64) -> Grade {
        let points: f64 = components.iter().map(|c| c.points).sum();
        let score = 100.0 / (1.0 + (-points / POINTS_SCALE).exp());
        Grade { score: (score * 10.0).round() / 10.0, weight, components }
    }
}

/// A collector turn as the graders see it: its words, what it does, and the
/// debtor's line it answers.
pub(crate) struct TurnView<'a> {
    pub turn: &'a Turn,
    pub debtor: Option<&'a Turn>,
    /// What the debtor has said anywhere before this turn (events, each once), for stage.
    pub earlier_events: &'a [&'a str],
    /// The least amount the debtor offered or promised before this turn: what is
    /// known to be affordable.
    pub least_offered: Option<f64>,
    /// Whether the collector's previous turn put an arrangement on the table (an
    /// amount, a plan, a choice), so a "yes" now agrees to something.
    pub proposal_pending: bool,
    pub facts: &'a crate::facts::Facts,
}

impl TurnView<'_> {
    pub fn hit(&self, id: &str) -> Option<&Hit> {
        self.turn.signals.iter().find(|h| h.id == id)
    }

    pub fn has(&self, id: &str) -> bool {
        self.hit(id).is_some()
    }

    pub fn level(&self, act: &str) -> Option<ActLevel> {
        self.hit(act).and_then(|h| h.level)
    }

    pub fn bid(&self, event: &str) -> bool {
        self.debtor.is_some_and(|d| d.events.iter().any(|e| e == event))
    }

    pub fn any_bid(&self, events: &[&str]) -> bool {
        events.iter().any(|e| self.bid(e))
    }

    pub fn earlier(&self, event: &str) -> bool {
        self.earlier_events.contains(&event)
    }

    /// A component for the words of `id`, when the turn carries it.
    pub fn component(&self, id: &str, what: &str, points: f64) -> Option<Component> {
        self.hit(id).map(|h| Component { what: what.to_string(), points, evidence: h.evidence.clone() })
    }
}

/// The runs of letters and digits in `text`, lower-cased ("bill's" is "bill", "s").
pub(crate) fn alphanumeric_words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).map(str::to_lowercase).collect()
}

/// "Hello?", "Yes?": answering the phone, not a question a reply must answer.
pub(crate) fn is_greeting(text: &str) -> bool {
    const GREETINGS: &[&str] =
        &["hello", "hi", "hey", "hiya", "yes", "yeah", "yep", "speaking", "good", "morning", "afternoon", "evening"];
    let words = alphanumeric_words(text);
    !words.is_empty() && words.len() <= 2 && words.iter().all(|w| GREETINGS.contains(&w.as_str()))
}

/// How a reply meets the debtor's question.
pub(crate) struct Answer {
    /// The question asked for a fact (an amount, a date, a way to pay, a name),
    /// which the reply must contain to answer it.
    pub factual: bool,
    pub answered: bool,
}

/// Whether a reply names someone or something: a capitalised word inside a
/// sentence ("It was Brightline Mobile"), not "I" ("I want you to know...") nor a
/// sentence's first word.
fn names_someone(text: &str) -> bool {
    let mut sentence_start = true;
    for word in text.split_whitespace() {
        let pronoun = word == "I" || word.starts_with("I'") || word.starts_with("I\u{2019}");
        if !sentence_start && !pronoun && word.starts_with(char::is_uppercase) {
            return true;
        }
        sentence_start = word.ends_with(['.', '!', '?']) || word == "-";
    }
    false
}

/// What the debtor asked for, and whether the reply gives it: a fact asked for
/// must be in the reply; a yes-or-no question wants a yes or a no; any other
/// question is answered by a reply that starts with a direct word or does not
/// itself end in a question. What a question asks for is heard by the lexicon's
/// `asks_*` events, tried in order.
pub(crate) fn answers_question(view: &TurnView) -> Answer {
    let reply = view.turn.text.to_lowercase();
    let has = |id: &str| view.has(id);
    let factual = |answered: bool| Answer { factual: true, answered };
    if view.bid("asks_purpose") {
        // Told to the consumer, not to whoever else picked up.
        factual(
            (has("discloses_debt")
                || has("states_collection_purpose")
                || has("explains_debt_origin")
                || has("states_amount"))
                && !has("discloses_debt_to_third_party"),
        )
    } else if view.bid("asks_amount") {
        factual(has("terms_amount") || has("states_amount") || has("explains_debt_origin") || has("fee_mention"))
    } else if view.bid("asks_date") {
        factual(has("terms_date") || reply.chars().any(|c| c.is_ascii_digit()) || has("terms_amount"))
    } else if view.bid("asks_explanation") {
        // Asked to explain: explaining, or offering to go through it, answers.
        factual(
            has("explains_debt_origin")
                || has("states_amount")
                || has("next_step")
                || has("discloses_debt")
                || has("accommodates"),
        )
    } else if view.bid("asks_how_to_pay") {
        factual(has("terms_method") || has("next_step") || reply.contains("online") || reply.contains("call"))
    } else if view.bid("asks_who") {
        factual(has("identifies_company") || has("explains_debt_origin") || names_someone(&view.turn.text))
    } else if view.bid("asks_yes_no") && !view.bid("asks_choice") {
        // "Could we do $40 a month?" - "Great, so that's $40 a month..." takes the
        // figure they asked about: a yes in other words.
        factual(says_yes_or_no(view) || takes_their_figure(view))
    } else {
        const DIRECT: &[&str] = &[
            "yes",
            "no",
            "yeah",
            "yep",
            "nope",
            "sure",
            "absolutely",
            "definitely",
            "only",
            "not",
            "of",
            "it",
            "that",
            "you",
            "because",
        ];
        let first_word = reply.split(|c: char| !c.is_alphanumeric()).find(|w| !w.is_empty()).unwrap_or("");
        Answer { factual: false, answered: DIRECT.contains(&first_word) || !reply.trim_end().ends_with('?') }
    }
}

/// Auxiliaries that answer one another: "Could we...?" is answered by "we can", not
/// by "we'll need your bank details".
const AUX_FAMILIES: &[&[&str]] = &[
    &["can", "could", "can't", "couldn't", "cannot"],
    &["will", "would", "won't", "wouldn't", "'ll", "'d"],
    &["is", "are", "am", "isn't", "aren't", "'s", "'re", "'m", "was", "were", "wasn't", "weren't"],
    &["do", "does", "did", "don't", "doesn't", "didn't"],
    &["should", "shouldn't", "must"],
    &["have", "has", "haven't", "hasn't", "'ve", "had", "hadn't"],
];

fn aux_family(word: &str) -> Option<usize> {
    AUX_FAMILIES.iter().position(|family| family.contains(&word))
}

/// Whether the reply opens with a yes or a no: a plain one ("yes", "no, it won't"),
/// or the question's own verb said back ("Will it...?" - "It will, I'm afraid").
fn says_yes_or_no(view: &TurnView) -> bool {
    let Some(hit) = view.hit("direct_answer") else { return false };
    let words = crate::signals::words::words_of(&hit.evidence);
    // "we'll" is one word here: its verb is what follows the apostrophe
    let verb = |w: &str| w.find('\'').map_or(w.to_string(), |at| w[at..].to_string());
    let said = words.iter().rev().find_map(|w| aux_family(&verb(w)).or_else(|| aux_family(w)));
    let Some(said) = said else { return true };
    let asked = view.debtor.and_then(|d| {
        // the question itself: the sentence that ends with the first question mark
        let upto = d.text.find('?').map_or(d.text.as_str(), |at| &d.text[..at]);
        let question = upto.rsplit(['.', '!', ';']).next().unwrap_or(upto);
        crate::signals::words::words_of(question).iter().find_map(|w| aux_family(w))
    });
    asked.is_none_or(|asked| asked == said)
}

/// Whether the reply names a figure the debtor's line named.
fn takes_their_figure(view: &TurnView) -> bool {
    use crate::signals::amounts::amounts;
    let Some(debtor) = view.debtor else { return false };
    let theirs: Vec<f64> = amounts(&debtor.text).into_iter().map(|(v, _)| v).collect();
    amounts(&view.turn.text).iter().any(|(v, _)| theirs.iter().any(|t| (t - v).abs() < 0.005))
}

/// A component for something the turn did not do (no words to show).
pub(crate) fn missing(what: &str, points: f64) -> Component {
    Component { what: what.to_string(), points, evidence: String::new() }
}

/// Grades every collector turn of a call (signals must be detected).
pub fn grade(transcript: &Transcript) -> Vec<TurnGrade> {
    let mut grades = Vec::new();
    let mut last_debtor: Option<usize> = None;
    // Kept as they grow, not copied per turn: a call of many turns stays linear.
    let mut earlier: Vec<&str> = Vec::new();
    let mut least_offered: Option<f64> = None;
    let mut proposal_pending = false;
    for (index, turn) in transcript.turns.iter().enumerate() {
        if turn.speaker == Speaker::Debtor {
            for event in &turn.events {
                if !earlier.contains(&event.as_str()) {
                    earlier.push(event);
                }
            }
            if turn.events.iter().any(|e| e == "proposes_amount" || e == "promise_to_pay") {
                for (value, _) in crate::signals::amounts::amounts(&turn.text) {
                    least_offered = Some(least_offered.map_or(value, |least| least.min(value)));
                }
            }
            last_debtor = Some(index);
            continue;
        }
        // the debtor's lines since the collector last spoke, read as one
        let said = last_debtor.take().and_then(|i| exchange::said_up_to(&transcript.turns, i));
        let view = TurnView {
            turn,
            debtor: said.as_deref(),
            earlier_events: &earlier,
            least_offered,
            proposal_pending,
            facts: &transcript.facts,
        };
        const PROPOSALS: &[&str] =
            &["offers_plan", "offers_options", "confirms_terms", "payment_demand", "asks_ability_to_pay"];
        // an amount said as the balance ("a balance of $1,240.50") proposes nothing: a
        // "yeah, I know I owe it" after it agrees to no arrangement
        let names_terms = turn
            .signals
            .iter()
            .any(|h| h.id == "terms_amount" && !negotiation::stated_as_balance(&turn.text, h.span[0]));
        proposal_pending = names_terms || turn.signals.iter().any(|h| PROPOSALS.contains(&h.id.as_str()));
        grades.push(TurnGrade {
            turn: index + 1,
            empathy: empathy::grade(&view),
            clarity: clarity::grade(&view),
            negotiation: negotiation::grade(&view),
        });
    }
    grades
}

/// Whether the conversation is about money: the account's facts name a balance,
/// the collector speaks of money, paying
/// or a debt, or asks for payment in any form, or the debtor asks or offers
/// something about paying or speaks of what they owe. One in which none of that
/// happens (a counselling session, a call about a bereavement that never reaches
/// the account) gives negotiation nothing to judge - its turns and its rules
/// alike: a blame in it is an empathy matter, and "offer options" has nothing to
/// offer. Words that only brush money do not make it so: a client "worrying about
/// money" tells a feeling, "what would feel manageable?" asks about any change,
/// "a follow-up in a month" books a time, and "you need to stop now" presses
/// about drinking (round 247: counselling sessions were graded on negotiation
/// when one of these turned up, and their pairs were not).
pub fn talks_money(transcript: &Transcript) -> bool {
    const MONEY_ACTS: &[&str] = &["seeks_payment", "offers_plan", "confirms_terms", "commit_now"];
    /// What a debtor asks or offers about paying, in any words ("can I have a week
    /// to think about it?").
    const MONEY_BIDS: &[&str] =
        &["asks_about_options", "asks_reduction", "proposes_amount", "promise_to_pay", "refuses_to_pay"];
    // an account with a balance on file is a collection call, whatever was said
    if transcript.facts.number("balance").is_some() {
        return true;
    }
    let mut income_named = false;
    transcript.turns.iter().any(|t| match t.speaker {
        Speaker::Collector => {
            t.signals.iter().any(|h| MONEY_ACTS.contains(&h.id.as_str()))
                || negotiation::speaks_of_money(&t.text)
                // "what's left after rent each month?" to "I get social security and that's it"
                // asks what they can pay; to a client's "I want to cut down" it asks about any change
                || (income_named && t.signals.iter().any(|h| h.id == "asks_ability_to_pay"))
        }
        Speaker::Debtor => {
            income_named |= negotiation::names_income(&t.text);
            t.events.iter().any(|e| MONEY_BIDS.contains(&e.as_str())) || negotiation::owes_or_pays(&t.text)
        }
    })
}

/// For each dimension in [`crate::rubric::Dimension`] order, the judged turns'
/// weighted grade sum and total weight (`None` where no turn was judged; always
/// `None` for compliance and documentation, which have no turn grades).
pub fn call_sums(grades: &[TurnGrade]) -> [Option<(f64, f64)>; 5] {
    let sum = |pick: fn(&TurnGrade) -> Option<&Grade>| {
        let (total, weights) =
            grades.iter().filter_map(pick).fold((0.0, 0.0), |(t, w), g| (t + g.score * g.weight, w + g.weight));
        (weights > 0.0).then_some((total, weights))
    };
    [sum(|g| g.empathy.as_ref()), sum(|g| g.clarity.as_ref()), sum(|g| g.negotiation.as_ref()), None, None]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn points_squash_into_a_grade_that_never_saturates() {
        let grade = |points: f64| Grade::from_components(vec![missing("x", points)], 1.0).score;
        assert_eq!(grade(0.0), 50.0);
        assert!(grade(4.0) > 80.0 && grade(4.0) < 85.0);
        assert!(grade(8.0) > grade(6.0) && grade(8.0) < 100.0);
        assert!(grade(-3.0) < 25.0 && grade(-6.0) < grade(-3.0) && grade(-6.0) > 0.0);
    }

    /// Asked who the creditor was, "I want you to know your feelings matter" names
    /// nobody: "I" and a sentence's first word are capitalised for other reasons.
    #[test]
    fn a_name_is_a_capital_inside_a_sentence_not_i() {
        assert!(names_someone("Yes - it was Brightline Mobile, for a phone contract."));
        assert!(names_someone("It's owed to Harlow Bank."));
        assert!(!names_someone("I can tell this has been worrying and I want you to know I'm here."));
        assert!(!names_someone("Sure. Let me check. Thanks for waiting."));
    }
}
