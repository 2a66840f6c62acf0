//! Negotiation by stage: discovery (why, and what they can afford), proposal
//! (anchored to the debtor's own figure, a choice, affordable), commitment (amount,
//! date and method said back) and the next step — less pressure, refusals,
//! borrowing, over-asking and asking for money on a disputed debt.

use super::{Component, Grade, TurnView, missing};

/// Debtor bids a negotiation answers.
/// (`mentions_credit` is one only when the line talks money or a debt: "my brother
/// could lend me it" offers a source, "I missed the last one cause my car needed
/// fixing" explains a missed payment, "she's got her own family" offers nothing.)
const BIDS: &[&str] = &[
    "proposes_amount",
    "promise_to_pay",
    "refuses_to_pay",
    "asks_about_options",
    "disputes_debt",
    "mentions_payday",
    "time_barred_claim",
    "asks_reduction",
];

/// Acts that answer the person rather than the payment.
const STAYS_WITH_THEM: &[&str] =
    &["acknowledges_feelings", "reflects_situation", "validates_or_normalises", "explores_situation"];

pub fn grade(view: &TurnView) -> Option<Grade> {
    // "Yeah" to a greeting is not a negotiation bid; agreeing to a proposal, or to
    // terms the debtor names ("yes, $100 on the 1st works"), is.
    let about_money = view.debtor.is_some_and(money_talk);
    // "Maybe..." hesitates over a payment only when one is on the table or named:
    // "maybe I should say something about the workload" asks nothing of a negotiator.
    // "Yeah, it's me" agrees to who they are, not to a payment - unless one was put.
    let on_the_table = view.proposal_pending || (about_money && !view.bid("right_party_confirmed"));
    let asked = view.any_bid(BIDS)
        || (view.bid("mentions_credit") && view.debtor.is_some_and(|d| debt_talk(d) || offers_help(d)))
        || ((view.bid("agrees") || view.bid("hesitates")) && on_the_table)
        // "Is this about the payment?" asks who is calling and why: the introduction
        // answers it, and no negotiation was asked for (found playing
        // broken-promise-followup, where the answer cost "does not take up").
        || (view.bid("asks_question") && !view.bid("asks_purpose") && about_money);
    // a trouble told with the debt it caused ("I missed the last one cause my car
    // needed fixing") asks what happens to the payments now
    let trouble = view.bid("hardship_disclosed") && view.debtor.is_some_and(debt_talk);
    let bid = asked || trouble;
    let mut parts: Vec<Component> = [
        view.component("asks_ability_to_pay", "asks what they can afford", 2.0),
        view.component("offers_options", "offers a choice", 2.0),
        view.component("confirms_terms", "confirms amount, date and method", 2.0),
        view.component("says_next_step", "says what happens next", 1.5),
        view.component("signposts_debt_advice", "points to free debt advice", 1.0),
        view.component("accommodates", "adjusts to them (a pause, a hold, a change they need)", 1.0),
        view.component("offers_plan", "offers a plan", 0.5),
        view.component("pressure_or_false_urgency", "pressure or a false deadline", -2.0),
        view.component("pressures_to_borrow_or_sell", "tells them to borrow or sell", -3.0),
        // a refusal needs something refused: "telling them what they should do - I don't
        // do that" describes a role when nothing was asked (a rated counselling session)
        view.component("refuses_options", "refuses what they ask for", -2.0)
            .filter(|_| bid || on_the_table || view.bid("asks_question") || BIDS.iter().any(|b| view.earlier(b))),
        view.component("ultimatum", "an ultimatum", -2.0),
        view.component("catch_up_demand", "asks them to make up a missed payment at once", -1.5),
        view.component("dismisses_or_blames", "blames them", -1.0),
        view.component("threatens_legal_or_arrest", "threatens them", -2.0),
        view.component("concession", "gives away more than is authorised", -1.5)
            .filter(|c| !crate::score::rules::within_authorised_discount(view.facts, &c.evidence)),
    ]
    .into_iter()
    .flatten()
    .collect();
    // Told of a hardship or a refusal, "there's nothing you need to do today" takes
    // the pressure off - what a negotiator owes them before any figure (found
    // playing uk-vulnerable-bereaved, where it cost "does not take up").
    // So does telling someone with a time-barred or disputed debt that paying is
    // their choice (found playing time-barred-old-card: "you can choose to pay it if
    // you want to but you don't have to" did "not take up what they asked").
    if view.any_bid(&[
        "hardship_disclosed",
        "vulnerability_disclosed",
        "refuses_to_pay",
        "hesitates",
        "time_barred_claim",
        "disputes_debt",
    ]) && !view.has("pressure_or_false_urgency")
        && let Some(eases) = view.component("reassurance", "takes the pressure off", 1.0)
    {
        parts.push(eases);
    }
    if view.any_bid(&["asks_about_options", "proposes_amount"])
        && let Some(no) = view.component("flat_no", "turns down what they asked for", -2.0)
    {
        parts.push(no);
    }
    let demanding =
        view.has("pressure_or_false_urgency") || view.has("demands_full_payment") || view.has("refuses_options");
    // A yes meets them only where something was asked or offered: "Of course you do"
    // to "I just want to eat a biscuit in peace" agrees to nothing.
    if !demanding && (bid || on_the_table) {
        parts.extend(view.component("flexibility", "meets them where they are", 1.5));
    }
    let agreed = (view.bid("promise_to_pay") || (view.bid("agrees") && on_the_table)) && !view.bid("hesitates");
    if (agreed || view.bid("proposes_amount")) && !view.has("confirms_terms") {
        parts.extend(view.component("payment_question", "pins down when and how much", 1.5));
    }
    // A settlement in one payment is what a debtor asking to settle asked for, and
    // one choice among others is no demand.
    let lump_sum_asked_for = view.bid("asks_reduction") || view.has("offers_options");
    if !lump_sum_asked_for && let Some(full) = view.component("demands_full_payment", "asks for it all at once", -1.5) {
        let after_hardship = view.earlier("hardship_disclosed") || view.earlier("refuses_to_pay");
        parts.push(Component { points: if after_hardship { -2.5 } else { -1.5 }, ..full });
    }
    parts.extend(anchoring(view));
    parts.extend(reduction_promised(view));
    if view.earlier("disputes_debt")
        && let Some(ask) = view.component("payment_demand", "asks for payment on a disputed debt", -2.0)
    {
        parts.push(ask);
    }
    if agreed
        && !view.has("confirms_terms")
        && !view.has("says_next_step")
        && !view.has("asks_ability_to_pay")
        && !view.has("payment_question")
    {
        parts.push(missing("leaves the agreement vague (no amount, date, method or next step)", -1.5));
    }
    // ... but a reply that stays with the person first ("I've never been in debt
    // before" met with "that's hard in itself") has not yet negotiated, and has
    // failed nothing: the payments can wait a turn (round 247).
    let stays_with_them = trouble && !asked && STAYS_WITH_THEM.iter().any(|act| view.has(act));
    if parts.is_empty() && (!bid || stays_with_them) {
        return None;
    }
    if parts.is_empty() {
        parts.push(missing("does not take up what they offered or asked", -1.0));
    }
    Some(Grade::from_components(parts, if bid { 2.0 } else { 1.0 }))
}

/// Asked to take less and call it done, a yes the creditor never authorised
/// ("Sure, that should be fine, just pay the half") promises what the collector
/// cannot give; checking with the creditor first earns, and a settlement the facts
/// authorise costs nothing.
fn reduction_promised(view: &TurnView) -> Option<Component> {
    if !view.bid("asks_reduction") {
        return None;
    }
    if let Some(checks) = view.component("defers_to_creditor", "checks what the creditor allows before promising", 1.0)
    {
        return Some(checks);
    }
    let authorised = view.facts.get("authorized_options").and_then(|o| o.get("settlement")).is_some()
        || crate::score::rules::authorised_discount(view.facts).is_some();
    if authorised || view.has("refuses_options") {
        return None;
    }
    let yes = view.hit("flexibility")?;
    Some(Component {
        what: "agrees to a reduction the creditor has not authorised".into(),
        points: -2.0,
        evidence: yes.evidence.clone(),
    })
}

/// Whether any word of the line starts with one of `stems` - words, not substrings:
/// "feel" holds "fee" and "someone" holds "one", but "I feel awful" says nothing
/// about money. Words that only share a stem with money ("a planner", "I'm
/// interested") are not it.
fn has_word_starting(text: &str, stems: &[&str]) -> bool {
    const LOOKALIKES: &[&str] = &[
        "planner",
        "planners",
        "planet",
        "planets",
        "plane",
        "planes",
        "plant",
        "plants",
        "interested",
        "interesting",
        "interestingly",
        "balanced",
        "charger",
        "chargers",
        "earnest",
        "billion",
        "billions",
    ];
    text.split(|c: char| !c.is_ascii_alphanumeric())
        .map(|w| w.to_ascii_lowercase())
        .filter(|w| !LOOKALIKES.contains(&w.as_str()))
        .any(|w| stems.iter().any(|stem| w.starts_with(stem)))
}

/// "fee" or "fees" as a word: as a stem it would hold "feel".
fn names_fees(text: &str) -> bool {
    text.split(|c: char| !c.is_ascii_alphanumeric())
        .any(|w| w.eq_ignore_ascii_case("fee") || w.eq_ignore_ascii_case("fees"))
}

/// Someone or something put forward to help pay ("my sister said she might help
/// with some of it", "I could sell the bike").
fn offers_help(turn: &crate::transcript::Turn) -> bool {
    has_word_starting(&turn.text, &["help", "lend", "give", "cover", "chip", "sell", "bail", "sub", "spot"])
}

/// Whether a debtor's line is about money: paying, affording, the plan, the
/// balance or its charges, what comes in, or a sum named ("What if I miss a
/// payment?", "Is there any way to stop the interest?" ask a negotiation question;
/// "I know I owe it" owns the debt, and is nothing a yes could agree to).
pub(crate) fn money_talk(turn: &crate::transcript::Turn) -> bool {
    const STEMS: &[&str] = &[
        "pay", "paid", "afford", "money", "month", "interest", "plan", "budget", "settle", "balance", "charge",
        "instal", "income", "overtime", "wage", "salary", "earn", "cash", "bill", "benefit", "loan", "borrow", "lend",
        "saving",
    ];
    names_fees(&turn.text) || has_word_starting(&turn.text, STEMS) || names_a_sum(&turn.text)
}

/// Whether a line speaks of a debt at all ("I know I owe it", "the account's
/// behind"): not an offer or a question a negotiator must take up, but enough to
/// make the conversation one about money.
pub(crate) fn debt_talk(turn: &crate::transcript::Turn) -> bool {
    const STEMS: &[&str] = &["owe", "owing", "debt", "account", "arrear", "creditor", "missed", "behind"];
    money_talk(turn) || has_word_starting(&turn.text, STEMS)
}

/// Words of paying and owing, heard the same from either side: the core that
/// [`speaks_of_money`] and [`owes_or_pays`] each widen.
const PAYING: &[&str] = &[
    "pay",
    "paid",
    "afford",
    "owe",
    "owing",
    "debt",
    "arrear",
    "creditor",
    "balance",
    "instal",
    "loan",
    "borrow",
    "lend",
    "overdraft",
    "interest",
    "charges",
    "budget",
];

/// Whether a collector's words are about money, paying or a debt: the money
/// words of [`debt_talk`] less those that also name a time or a plan of any kind
/// ("in a month", "what's your plan for the week?"), a sum, or a monthly sum
/// ("a monthly figure" - but "less than monthly you drank more than you intended"
/// is how often, in a rated counselling session, stop 37).
pub(crate) fn speaks_of_money(text: &str) -> bool {
    const MORE: &[&str] =
        &["money", "settlement", "income", "wage", "salary", "earn", "cash", "bill", "saving", "account", "lump"];
    has_word_starting(text, PAYING)
        || has_word_starting(text, MORE)
        || names_fees(text)
        || names_a_sum(text)
        || names_a_monthly_sum(text)
}

/// "a monthly figure", "monthly plans": the word before a money noun.
fn names_a_monthly_sum(text: &str) -> bool {
    const SUMS: &[&str] = &[
        "figure",
        "amount",
        "plan",
        "plans",
        "payment",
        "payments",
        "instalment",
        "instalments",
        "installment",
        "installments",
        "sum",
        "bill",
        "bills",
        "budget",
        "outgoings",
        "income",
        "rent",
        "repayment",
        "repayments",
        "cost",
        "costs",
        "fee",
        "fees",
        "charge",
        "charges",
        "direct",
        "arrangement",
        "arrangements",
    ];
    super::alphanumeric_words(text).windows(2).any(|pair| pair[0] == "monthly" && SUMS.contains(&pair[1].as_str()))
}

/// Whether a debtor's words speak of paying or of what they owe ("I know I owe
/// it", "I can't pay that", "the arrears") - not money as one worry among others
/// ("work, money, my mum's health").
pub(crate) fn owes_or_pays(text: &str) -> bool {
    const MORE: &[&str] = &["settle", "overtime", "commit"];
    const MISSED: &[&str] = &[
        "missed the last",
        "missed a payment",
        "missed my payment",
        "missed the payment",
        "missed last month",
        "missed one",
    ];
    let missed = || {
        let lower = text.to_lowercase();
        MISSED.iter().any(|m| lower.contains(m))
    };
    has_word_starting(text, PAYING)
        || has_word_starting(text, MORE)
        || names_fees(text)
        || names_a_sum(text)
        || missed()
}

/// Whether a debtor names what they live on ("I get social security and that's
/// it", "I'm on a pension"): phrases, since "the benefits of cutting down" and
/// "my salary's fine, it's my marriage" in a counselling session are not it -
/// only an affordability question after it makes a conversation about money.
pub(crate) fn names_income(text: &str) -> bool {
    const INCOME: &[&str] = &[
        "social security",
        "universal credit",
        "on benefits",
        "my benefits",
        "benefits come",
        "child benefit",
        "tax credits",
        "on disability",
        "disability check",
        "disability payment",
        "pension",
        "my wages",
        "my salary",
        "my paycheck",
        "my paycheque",
        "my income",
        "sick pay",
        "on unemployment",
        "unemployment check",
        "unemployment benefit",
        "minimum wage",
        "jobseeker",
    ];
    let lower = text.to_lowercase();
    INCOME.iter().any(|phrase| lower.contains(phrase))
}

/// A sum of money, not just a number: "$40", "forty quid", "fifty a month",
/// "twelve hundred" - not "what do you two talk about?".
fn names_a_sum(text: &str) -> bool {
    crate::signals::amounts::amounts(text).into_iter().any(|(value, [from, to])| {
        let said = &text[from..to];
        let after = text[to..].trim_start().to_ascii_lowercase();
        said.bytes().any(|b| b.is_ascii_digit() || !b.is_ascii())
            || value >= 100.0
            || ["dollar", "pound", "quid", "buck", "euro", "a month", "a week", "per ", "each ", "every "]
                .iter()
                .any(|w| after.starts_with(w))
    })
}

/// A plan amount the collector names, against what the debtor said they could pay;
/// or, with no new figure, a push above theirs ("can you not find a bit more?").
fn anchoring(view: &TurnView) -> Option<Component> {
    if let (Some(push), Some(_)) = (view.hit("asks_for_more"), view.least_offered) {
        let evidence = push.evidence.clone();
        return Some(Component { what: "asks for more than they offered".into(), points: -2.0, evidence });
    }
    let proposes = view.has("offers_plan") || view.has("payment_demand") || view.has("terms_amount");
    if !proposes || view.has("confirms_terms") {
        return None;
    }
    let text = &view.turn.text;
    let named: Vec<f64> = crate::signals::amounts::amounts(text)
        .into_iter()
        .filter(|(_, [start, _])| !stated_as_balance(text, *start))
        .map(|(v, _)| v)
        .collect();
    let largest = named.iter().copied().fold(f64::NAN, f64::max);
    if largest.is_nan() {
        return None;
    }
    let terms = view.hit("terms_amount");
    let evidence = terms.map_or_else(String::new, |h| h.evidence.clone());
    let balance = view.facts.number("balance");
    if balance.is_some_and(|b| (largest - b).abs() < 0.005) {
        return None;
    }
    match view.least_offered {
        Some(offered) if largest > offered + 0.005 => {
            Some(Component { what: "asks for more than they offered".into(), points: -2.0, evidence })
        }
        Some(offered) if largest < offered - 0.005 => {
            Some(Component { what: "leaves them room below their own figure".into(), points: 1.5, evidence })
        }
        Some(_) => Some(Component { what: "keeps to the figure they named".into(), points: 1.0, evidence }),
        // Asked what the options are, naming their figures is the answer; offering
        // two figures to choose from ("$40, or $25 if that's safer?") picks neither.
        None if !view.earlier("proposes_amount")
            && !view.has("asks_ability_to_pay")
            && !view.has("offers_options")
            && !view.bid("asks_about_options")
            && !terms.is_some_and(|h| put_as_question(text, h.span[0])) =>
        {
            Some(Component { what: "picks a figure for them without asking".into(), points: -1.0, evidence })
        }
        None => None,
    }
}

/// Words that, just before an amount, make it the debt rather than a proposal ("the
/// balance is £1,100, so £400 would be a big reduction").
const BALANCE_WORDS: &[&str] = &["balance", "owe", "owing", "total", "outstanding", "debt", "arrears"];

/// Whether the amount at `start` is said as what is owed: a balance word within the
/// few words before it, in the same clause.
pub(crate) fn stated_as_balance(text: &str, start: usize) -> bool {
    let before = text.get(..start).unwrap_or("");
    let clause = before.rsplit([',', '.', ';', '?', '!']).next().unwrap_or(before).to_lowercase();
    let last_words: Vec<&str> = clause.split_whitespace().rev().take(4).collect();
    last_words.iter().any(|w| BALANCE_WORDS.iter().any(|b| w.starts_with(b)))
}

/// Whether the sentence naming the figure at `at` asks them ("Would £40 work?"): a
/// figure put to them as a question is not picked for them.
fn put_as_question(text: &str, at: usize) -> bool {
    crate::signals::sentences(text)
        .into_iter()
        .find(|&(start, end)| start <= at && at < end)
        .is_some_and(|(start, end)| text[start..end].trim_end().ends_with('?'))
}
