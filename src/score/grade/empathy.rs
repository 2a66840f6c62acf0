//! Empathy, after EPITOME's three mechanisms — reacting to what the debtor feels,
//! interpreting what they said, exploring their situation — plus adjusting to it,
//! minus what undoes them: dismissal and blame, threats, pressure, an excuse or a
//! formula in place of an answer, and a turn to payment in the same breath.

use super::{Component, Grade, TurnView, answers_question, missing};
use crate::signals::ActLevel;

/// Debtor bids that ask for empathy: a disclosure, a feeling, a complaint, anger.
pub const EMOTIONAL_BIDS: &[&str] =
    &["hardship_disclosed", "vulnerability_disclosed", "expresses_emotion", "complains", "debtor_abusive"];

/// Debtor bids that tell a feeling, or blame themselves: they ask for more than a
/// fact-finding question, and make words of feeling worth their full points.
const FEELING_BIDS: &[&str] = &["expresses_emotion", "blames_self"];

/// Debtor bids that ask the collector to stop for now: a bad time, an end to the call.
const NOT_NOW_BIDS: &[&str] = &["inconvenient_time", "wants_to_end_call"];

/// Debtor bids that say they were wronged: only after one does "that's not okay"
/// own a failing; after nothing of the kind it judges them.
const WRONGED_BIDS: &[&str] = &["complains", "disputes_debt"];

/// The most points words of feeling alone earn in one turn, and with a question
/// about the person or something done for them.
const WORDS_CAP: f64 = 1.5;
const WORDS_CAP_WITH_DEED: f64 = 2.5;
/// The most words of feeling alone earn after a practical trouble told without feeling.
const WORDS_CAP_PRACTICAL: f64 = 1.0;

/// What words of feeling beyond the cap still earn, per point, and at most in all:
/// a reply that reacts, says it back and validates is fuller than one that only
/// reacts, but never worth a deed (2.0) or a plain question (1.5) after a practical
/// trouble.
const OVER_CAP_RATE: f64 = 0.25;
const OVER_CAP_MOST: f64 = 0.4;

/// Trims the components' points, in order, so they sum to at most `cap`, plus a
/// little for what goes over it.
fn cap_points(components: &mut [Component], cap: f64) {
    let mut left = cap;
    let mut bonus_left = OVER_CAP_MOST;
    for c in components.iter_mut() {
        let kept = c.points.min(left);
        let bonus = ((c.points - kept) * OVER_CAP_RATE).min(bonus_left);
        left -= kept;
        bonus_left -= bonus;
        c.points = kept + bonus;
    }
}

/// Words a debtor line needs to count as telling the collector something about
/// themselves, when no emotional bid is heard in it.
const TELLING_WORDS: usize = 6;

pub fn grade(view: &TurnView) -> Option<Grade> {
    let bid = view.any_bid(EMOTIONAL_BIDS);
    // A question asks for an answer, which empathy judges by whether it came; only a
    // line that tells something about the debtor asks to be taken up.
    let telling = !bid
        && !view.bid("asks_question")
        && view.debtor.is_some_and(|d| d.text.split_whitespace().count() >= TELLING_WORDS);
    let mut parts: Vec<Component> = Vec::new();
    let act = |id: &str, strong: (&str, f64), weak: (&str, f64)| {
        let (what, points) = match view.level(id)? {
            ActLevel::Strong => strong,
            ActLevel::Weak => weak,
        };
        view.component(id, what, points)
    };
    // Words of feeling: reacting, interpreting, validating. They are cheap, so
    // together they earn at most WORDS_CAP points, more only with something done.
    // "That's unacceptable." said back to abuse judges the debtor: it answers no feeling.
    let reprimand = view.hit("reprimand").filter(|_| view.bid("debtor_abusive")).map(|h| h.span);
    let acknowledges =
        act("acknowledges_feelings", ("responds to what they feel", 1.5), ("a brief acknowledgement", 0.5)).filter(
            |_| !reprimand.is_some_and(|r| view.hit("acknowledges_feelings").is_some_and(|h| overlaps(h.span, r))),
        );
    let mut words: Vec<Component> = [
        acknowledges,
        act("reflects_situation", ("puts their situation in its own words", 1.5), ("reflects what they said", 0.5)),
        act("validates_or_normalises", ("says their reaction makes sense", 1.0), ("reassures them", 0.5)),
        // EPITOME counts a like experience as interpretation; it is worth less than
        // saying theirs back, which keeps the call about them.
        view.component("own_experience", "tells of a like experience of their own", 1.0),
    ]
    .into_iter()
    .flatten()
    .collect();
    // Told they want to go or not to talk, a question about them is not listening.
    let not_now = view.any_bid(NOT_NOW_BIDS);
    let explores = act("explores_situation", ("asks about the person", 1.5), ("asks about the person", 0.5))
        .or_else(|| asks_about_what_they_told(view))
        .filter(|_| !not_now);
    // Doing something for them: adjusting, owning a failing, a next step, a choice.
    // "Maybe isn't good enough" shares owning's words but dismisses, so a turn
    // that dismisses owns nothing; nor does "That's unacceptable" said back to abuse.
    // Nor does sorry for making them repeat themselves, said while asking them to.
    let owns_nothing = view.has("dismissal") || reprimand.is_some() || view.has("asks_to_repeat");
    let deed = [
        ("accommodates", "does something for their situation"),
        ("payment_off_table", "takes payment off the table for now"),
        ("owns_failing", "owns the failing"),
        ("signposts_debt_advice", "points them to free help"),
        ("discourages_borrowing", "keeps them from borrowing to pay"),
        ("says_next_step", "says what will be done"),
        ("offers_options", "gives them a choice"),
    ]
    .into_iter()
    .filter(|(id, _)| *id != "owns_failing" || !owns_nothing)
    .find_map(|(id, what)| view.component(id, what, 2.0))
    .or_else(|| owns_what_wronged_them(view, owns_nothing))
    .or_else(|| lets_them_go(view))
    .or_else(|| view.component("gives_them_time", "gives them a moment", 1.5))
    .or_else(|| allays_fear(view))
    .or_else(|| view.component("commits_for_them", "undertakes to do something about it", 1.5))
    .or_else(|| view.component("arranges_what_they_asked", "undertakes to set up what they asked for", 1.5));
    // Told a practical trouble (a rent rise, a tax bill), words of feeling alone are
    // cheaper than a question about it or something done: recited sympathy.
    let practical_only = !view.any_bid(FEELING_BIDS) && !view.bid("vulnerability_disclosed");
    let cap = if deed.is_some() || explores.is_some() {
        WORDS_CAP_WITH_DEED
    } else if practical_only && view.bid("hardship_disclosed") {
        WORDS_CAP_PRACTICAL
    } else {
        WORDS_CAP
    };
    cap_points(&mut words, cap);
    let feeling_words_only = !words.is_empty() && explores.is_none() && deed.is_none();
    let mut positives: Vec<Component> = words.into_iter().chain(explores).chain(deed).collect();
    if (bid || telling) && positives.is_empty() && takes_up(view) {
        positives.push(Component { what: "takes up what they said".into(), points: 0.5, evidence: String::new() });
    }
    let warm = !positives.is_empty();
    parts.extend(positives);
    parts.extend(answers_what_they_asked(view, feeling_words_only));
    let needs = view
        .component("company_needs_first", "puts the company's account first in their life", -1.5)
        .or_else(|| view.component("company_needs", "speaks from the company's needs, not theirs", -1.0));
    if let Some(needs) = needs {
        parts.push(needs);
    }
    if (bid || telling)
        && let Some(advice) = unasked_advice(view)
    {
        parts.push(advice);
    }
    if let Some(stock) = stock_sympathy(&view.turn.text) {
        parts.push(stock);
    }
    let negatives = [
        view.component("dismisses_or_blames", "dismisses or blames them", -3.0),
        view.component("insults", "insults them", -4.0),
        view.component("profanity", "swears", -3.0),
        view.component("threatens_legal_or_arrest", "threatens them", -2.5),
        view.component("pressure_or_false_urgency", "puts them under pressure", -1.5),
        view.component("pressures_to_borrow_or_sell", "tells them to borrow or sell", -1.5),
        view.component("deflection", "an excuse or a formula instead of an answer", -1.5),
        view.bid("complains")
            .then(|| view.component("asks_to_repeat", "asks them to go over it all again", -1.5))
            .flatten(),
        (bid || telling).then(|| view.component("laughs_it_off", "laughs at what they told you", -1.5)).flatten(),
        not_now.then(|| view.component("presses_on", "keeps going after they said it's a bad time", -1.5)).flatten(),
        not_now
            .then(|| view.component("explores_situation", "asks them to talk when they said they won't", -1.5))
            .flatten(),
    ];
    parts.extend(negatives.into_iter().flatten());
    // Money going back to them ("the payment is going back to your account today") is no demand.
    let refund = view.has("money_back");
    let demand = view
        .component("payment_demand", "", 0.0)
        .or_else(|| view.component("demands_full_payment", "", 0.0))
        .filter(|_| !refund);
    match (bid, demand) {
        (true, Some(d)) => {
            parts.push(Component { what: "turns to payment in the same breath".into(), points: -2.0, ..d })
        }
        (false, Some(d)) if !warm => parts.push(Component { what: "a bare demand".into(), points: -1.0, ..d }),
        _ => {}
    }
    if bid && let Some(p) = view.component("procedure", "moves straight to procedure", -1.5) {
        parts.push(p);
    }
    if bid && !warm {
        parts.push(missing("leaves what they shared unanswered", -1.5));
    } else if telling && parts.is_empty() {
        parts.push(missing("answers without taking up what they said", -0.5));
    }
    if parts.is_empty() {
        return None;
    }
    let weight = if view.bid("vulnerability_disclosed") {
        4.0
    } else if bid {
        3.0
    } else if telling {
        1.5
    } else {
        1.0
    };
    Some(Grade::from_components(parts, weight))
}

/// A plain question about what they told ("when does the probation finish?",
/// "is your ex still paying towards it?") takes up a practical disclosure; told a
/// feeling, or blaming themselves, they need more than a fact-finding question.
fn asks_about_what_they_told(view: &TurnView) -> Option<Component> {
    let feeling_told = view.any_bid(FEELING_BIDS);
    let strong = view.level("asks_about_situation") == Some(ActLevel::Strong);
    (strong && !feeling_told).then(|| view.component("asks_about_situation", "asks about what they told you", 1.5))?
}

/// Whether two spans of a turn share any words.
fn overlaps(a: [usize; 2], b: [usize; 2]) -> bool {
    a[0] < b[1] && b[0] < a[1]
}

/// "That isn't good enough" said to a complaint or a dispute owns the failing.
fn owns_what_wronged_them(view: &TurnView, owns_nothing: bool) -> Option<Component> {
    (!owns_nothing && view.any_bid(WRONGED_BIDS)).then(|| view.component("calls_it_wrong", "owns the failing", 2.0))?
}

/// Told it is a bad time, offering to call back is doing what they asked.
fn lets_them_go(view: &TurnView) -> Option<Component> {
    view.any_bid(NOT_NOW_BIDS).then(|| view.component("asks_callback_time", "lets them go and asks when suits", 2.0))?
}

/// Debtor bids that can carry a fear of what will happen ("am I going to jail?",
/// "I'm scared they'll take the car").
const FEAR_BIDS: &[&str] =
    &["fears_consequence", "expresses_emotion", "asks_question", "vulnerability_disclosed", "hardship_disclosed"];

/// Afraid of a consequence, being told truthfully it will not happen ("Nobody is
/// taking your car", "You can't go to jail for this"), or what will ("it drops off
/// your file after six years"), is the reply they needed.
fn allays_fear(view: &TurnView) -> Option<Component> {
    let truth = |id| view.component(id, "tells them the truth about what they fear", 2.0);
    view.any_bid(FEAR_BIDS)
        .then(|| truth("legal_denial").or_else(|| truth("eases_worry")).or_else(|| truth("denies_consequence")))?
}

/// Asked for a fact (the amount, a date, who is calling), giving it is the
/// responsive reply; words of sympathy in its place answer a question nobody asked.
fn answers_what_they_asked(view: &TurnView, feeling_words_only: bool) -> Option<Component> {
    if !view.bid("asks_question") {
        return None;
    }
    let answer = answers_question(view);
    if !answer.factual {
        None
    } else if answer.answered {
        Some(Component { what: "gives them what they asked for".into(), points: 1.0, evidence: String::new() })
    } else if feeling_words_only {
        Some(missing("sympathy in place of the answer they asked for", -1.5))
    } else {
        Some(missing("leaves their question unanswered", -0.5))
    }
}

/// After a disclosure, telling them how to run their life ("have you tried a walk
/// in the mornings?") answers a question they did not ask; pointing them to free
/// debt advice, or changing something for them, is help they can use.
fn unasked_advice(view: &TurnView) -> Option<Component> {
    let helps = ["signposts_debt_advice", "accommodates", "offers_plan", "alternatives"].iter().any(|id| view.has(id));
    if helps {
        return None;
    }
    view.component("unasked_advice", "tells them what to do instead of hearing them", -1.0)
}

/// Three or more stock phrases of sympathy in one turn ("I completely understand
/// and I'm so sorry, I really do appreciate...") read as a script, not a response.
fn stock_sympathy(text: &str) -> Option<Component> {
    static STOCK: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        regex::Regex::new(
            r"(?i)\b(?:understand|sorry|apologi[sz]e|appreciate|hear you|imagine|get it|feel you|completely|totally)\b",
        )
        .expect("valid regex")
    });
    let count = STOCK.find_iter(text).count();
    (count >= 4).then(|| Component { what: "piles on stock sympathy".into(), points: -1.0, evidence: String::new() })
}

/// Whether the reply picks up two or more of the debtor's own words (not money or
/// account words, which every collector says anyway).
fn takes_up(view: &TurnView) -> bool {
    const IGNORED: &[&str] = &[
        "that", "this", "have", "with", "just", "been", "they", "what", "your", "from", "about", "know", "like",
        "really", "there", "would", "could", "it's", "i've", "i'm", "right", "yeah", "okay", "will", "when", "were",
        "them", "their", "some", "only", "even", "also", "still", "thing", "things", "you're", "that's", "want",
        "time", "pay", "paying", "payment", "payments", "money", "balance", "account", "debt", "owe", "amount",
        "month", "week", "today", "card",
    ];
    let words = |text: &str| -> Vec<String> {
        text.split(|c: char| !c.is_alphanumeric() && c != '\'')
            .map(str::to_lowercase)
            .filter(|w| w.len() >= 4 && !IGNORED.contains(&w.as_str()))
            .collect()
    };
    let Some(debtor) = view.debtor else { return false };
    let theirs = crate::signals::words::WordSet::from_words(words(&debtor.text), 5);
    let mut mine = words(&view.turn.text);
    mine.sort();
    mine.dedup();
    mine.iter().filter(|w| theirs.has(w)).count() >= 2
}
