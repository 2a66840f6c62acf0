//! Empathy, after EPITOME's three mechanisms — reacting to what the debtor feels,
//! interpreting what they said, exploring their situation — plus adjusting to it,
//! minus what undoes them: dismissal and blame, threats, pressure, an excuse or a
//! formula in place of an answer, and a turn to payment in the same breath.

use super::{Component, Grade, TurnView, missing};
use crate::signals::ActLevel;

/// Debtor bids that ask for empathy: a disclosure, a feeling, a complaint, anger.
pub const EMOTIONAL_BIDS: &[&str] =
    &["hardship_disclosed", "vulnerability_disclosed", "expresses_emotion", "complains", "debtor_abusive"];

pub fn grade(view: &TurnView) -> Option<Grade> {
    let bid = view.any_bid(EMOTIONAL_BIDS);
    let mut parts: Vec<Component> = Vec::new();
    let act = |id: &str, strong: (&str, f64), weak: (&str, f64)| {
        let (what, points) = match view.level(id)? {
            ActLevel::Strong => strong,
            ActLevel::Weak => weak,
        };
        view.component(id, what, points)
    };
    let positives: Vec<Component> = [
        act("acknowledges_feelings", ("responds to what they feel", 2.0), ("a brief acknowledgement", 1.0)),
        act("reflects_situation", ("puts their situation in its own words", 2.0), ("reflects what they said", 1.0)),
        act("validates_or_normalises", ("says their reaction makes sense", 1.5), ("reassures them", 1.0)),
        act("explores_situation", ("asks about the person", 2.0), ("asks about the person", 1.0)),
        view.component("accommodates", "adjusts to their situation", 1.5),
        view.component("owns_failing", "owns the failing", 1.0),
    ]
    .into_iter()
    .flatten()
    .collect();
    let mut positives = positives;
    if bid {
        // Doing something about it answers a disclosure too.
        let help = [("says_next_step", "does something about it"), ("offers_options", "gives them a choice")]
            .into_iter()
            .find_map(|(id, what)| view.component(id, what, 1.0));
        positives.extend(help);
    }
    let warm = !positives.is_empty();
    parts.extend(positives);
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
    ];
    parts.extend(negatives.into_iter().flatten());
    let demand = view.component("payment_demand", "", 0.0).or_else(|| view.component("demands_full_payment", "", 0.0));
    match (bid, demand) {
        (true, Some(d)) => parts.push(Component { what: "turns to payment in the same breath".into(), points: -2.0, ..d }),
        (false, Some(d)) if !warm => parts.push(Component { what: "a bare demand".into(), points: -1.0, ..d }),
        _ => {}
    }
    if bid && let Some(p) = view.component("procedure", "moves straight to procedure", -1.5) {
        parts.push(p);
    }
    if bid && !warm {
        parts.push(missing("leaves what they shared unanswered", -1.5));
    }
    if parts.is_empty() {
        return None;
    }
    let weight = if view.bid("vulnerability_disclosed") { 4.0 } else if bid { 3.0 } else { 1.0 };
    Some(Grade::from_components(parts, weight))
}

/// Three or more stock phrases of sympathy in one turn ("I completely understand
/// and I'm so sorry, I really do appreciate...") read as a script, not a response.
fn stock_sympathy(text: &str) -> Option<Component> {
    static STOCK: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        regex::Regex::new(r"(?i)\b(?:understand|sorry|apologi[sz]e|appreciate|hear you|imagine|get it|feel you|completely|totally)\b")
            .expect("valid regex")
    });
    let count = STOCK.find_iter(text).count();
    (count >= 4).then(|| Component { what: "piles on stock sympathy".into(), points: -1.0, evidence: String::new() })
}
