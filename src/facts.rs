//! Account facts: the one flat vocabulary shared by scenarios, transcript front
//! matter and JSON Lines records (docs/transcripts.md). Unknown facts are kept and available to
//! templates; known ones are type-checked so a typo in a value is caught early.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use serde_json::Value;

/// What a known fact must look like.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum FactKind {
    /// Any text.
    Text,
    /// A number.
    Number,
    /// `true` or `false`.
    Bool,
    /// A local time of day (`21:30`).
    Time,
    /// `US` or `UK`.
    Jurisdiction,
    /// A list of texts.
    List,
    /// Anything.
    Any,
}

/// The known facts, with their kinds and what a collector's screen calls them.
pub const KNOWN_FACTS: &[(&str, FactKind, &str)] = &[
    ("consumer", FactKind::Text, "Consumer"),
    ("jurisdiction", FactKind::Jurisdiction, "Jurisdiction"),
    ("creditor", FactKind::Text, "Creditor"),
    ("original_creditor", FactKind::Text, "Original creditor"),
    ("balance", FactKind::Number, "Balance"),
    ("currency", FactKind::Text, "Currency"),
    ("due_date", FactKind::Text, "Due date"),
    ("local_time", FactKind::Time, "Their local time"),
    ("followup_call", FactKind::Bool, "Follow-up call"),
    ("legal_action_intended", FactKind::Bool, "Legal action intended"),
    ("legal_action_lawful", FactKind::Bool, "Legal action lawful"),
    ("time_barred", FactKind::Bool, "Time-barred"),
    ("credit_reporting", FactKind::Bool, "Reports to bureaus"),
    ("attorney_on_file", FactKind::Any, "Attorney on file"),
    ("fees_authorized", FactKind::List, "Fees authorised"),
    ("authorized_options", FactKind::Any, "Authorised options"),
    ("agency", FactKind::Text, "Your agency"),
    ("account_number", FactKind::Text, "Account"),
    ("last_payment", FactKind::Text, "Last payment"),
    ("notes", FactKind::Text, "Account notes"),
    ("on_line", FactKind::Text, "Who answers"),
    ("third_party_authority", FactKind::Bool, "Third-party authority"),
    ("cease_letter_received", FactKind::Bool, "Written cease received"),
    ("collector_is_attorney", FactKind::Bool, "Collector is an attorney"),
    ("settlement_authorised_pct", FactKind::Number, "Settlement authorised (%)"),
    ("settlement_offer_expires", FactKind::Text, "Settlement offer expires"),
    ("validation_period_end", FactKind::Text, "Validation period ends"),
    ("breathing_space_ends", FactKind::Text, "Breathing space ends"),
    ("lawsuit_filed", FactKind::Bool, "Lawsuit filed"),
    ("judgment_exists", FactKind::Bool, "Judgment obtained"),
    ("claim_issued", FactKind::Bool, "Court claim issued"),
    ("callback_requested", FactKind::Bool, "They asked for this call time"),
    ("last_conversation_days_ago", FactKind::Number, "Last spoke (days ago)"),
    ("creditor_will_not_sue_if_plan_kept", FactKind::Bool, "No suit while a plan is kept"),
    ("forbearance_authorised", FactKind::List, "Forbearance authorised"),
    ("creditor_attorney", FactKind::Text, "Creditor's attorney"),
];

/// Facts another fact implies when it is present and not false: a filed suit, a
/// judgment, an issued claim or a creditor's word that it will not sue while a plan
/// is kept means legal action is intended; an earlier conversation makes this a
/// follow-up call; a real expiry or
/// end date on file means the call has a true deadline to state
/// (`deadline_on_file`, which a rubric's `lawful_when` can ask for).
const IMPLIED_BY: &[(&str, &str)] = &[
    ("legal_action_intended", "lawsuit_filed"),
    ("legal_action_intended", "judgment_exists"),
    ("legal_action_intended", "claim_issued"),
    ("legal_action_intended", "court_action_started"),
    ("legal_action_intended", "creditor_will_not_sue_if_plan_kept"),
    ("followup_call", "last_conversation_days_ago"),
    ("legal_action_lawful", "lawsuit_filed"),
    ("legal_action_lawful", "judgment_exists"),
    ("legal_action_lawful", "claim_issued"),
    ("deadline_on_file", "settlement_offer_expires"),
    ("deadline_on_file", "validation_period_end"),
    ("deadline_on_file", "breathing_space_ends"),
    ("deadline_on_file", "offer_expires"),
];

/// Other names a fact goes by (QA teams' own vocabularies), and whether the alias
/// means the opposite: `first_contact: false` is `followup_call: true`.
const ALIASES: &[(&str, &str, bool)] = &[
    ("followup_call", "first_contact", true),
    ("local_time", "consumer_local_time", false),
    ("credit_reporting", "credit_reporting_furnished", false),
    ("third_party_authority", "authority_on_file", false),
    ("collector_is_attorney", "collector_is_solicitor", false),
    ("agency", "collector_company", false),
    ("callback_requested", "callback_requested_by_consumer", false),
];

/// What a rule assumes when a call's facts do not say: no legal action is intended
/// or lawful, and the debt is within its limitation period. A threat of suit on an
/// account whose facts are silent is therefore a false threat.
const DEFAULTS: &[(&str, bool)] =
    &[("legal_action_intended", false), ("legal_action_lawful", false), ("time_barred", false)];

/// The account facts of a call, by name (`balance`, `creditor`, `consumer`...).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Facts(pub BTreeMap<String, Value>);

impl Facts {
    /// A fact's value, by its name or by an alias (see [`ALIASES`]); null is absent.
    pub fn get(&self, name: &str) -> Option<&Value> {
        self.0.get(name).filter(|v| !v.is_null()).or_else(|| self.by_alias(name)).or_else(|| self.implied(name))
    }

    fn by_alias(&self, name: &str) -> Option<&Value> {
        let (_, alias, opposite) = ALIASES.iter().find(|(known, _, _)| *known == name)?;
        let value = self.0.get(*alias).filter(|v| !v.is_null())?;
        match (opposite, value) {
            (true, Value::Bool(b)) => Some(if *b { &FALSE } else { &TRUE }),
            (true, _) => None,
            (false, v) => Some(v),
        }
    }

    /// `true` when a fact that implies `name` is given (see [`IMPLIED_BY`]).
    fn implied(&self, name: &str) -> Option<&Value> {
        let given = |source: &str| {
            self.0.get(source).is_some_and(|v| !matches!(v, Value::Null | Value::Bool(false)) && v != "")
        };
        IMPLIED_BY.iter().any(|(implied, source)| *implied == name && given(source)).then_some(&TRUE)
    }

    /// A fact's value, or what rules assume when the call does not say (see
    /// [`DEFAULTS`]).
    pub fn get_or_default(&self, name: &str) -> Option<&Value> {
        self.get(name)
            .or_else(|| DEFAULTS.iter().find(|(known, _)| *known == name).map(|(_, b)| if *b { &TRUE } else { &FALSE }))
    }

    /// Whether a fact has the value a rule asks for; `"*"` asks only that it is
    /// there (not null, not false, not empty).
    pub fn matches(&self, name: &str, want: &Value) -> bool {
        match want.as_str() {
            Some("*") => self
                .get(name)
                .is_some_and(|v| !matches!(v, Value::Bool(false)) && v != "" && v != &Value::Array(vec![])),
            _ => self.get_or_default(name).is_some_and(|have| have == want),
        }
    }

    /// A fact as text, when it is text.
    pub fn text(&self, name: &str) -> Option<&str> {
        self.get(name).and_then(Value::as_str)
    }

    /// The names the facts give - the agency, the creditors, the consumer - which a
    /// collector must say whatever their length, and which repeat the debtor's own
    /// words without reflecting anything.
    pub fn names(&self) -> impl Iterator<Item = &str> {
        ["agency", "creditor", "original_creditor", "consumer"].into_iter().filter_map(|n| self.text(n))
    }

    /// A fact as a number, when it is one.
    pub fn number(&self, name: &str) -> Option<f64> {
        self.get(name).and_then(Value::as_f64)
    }

    /// A fact as a flag, when it is `true` or `false`.
    pub fn flag(&self, name: &str) -> Option<bool> {
        self.get(name).and_then(Value::as_bool)
    }

    /// The account's currency: the `currency` fact, else the jurisdiction's own (a
    /// UK call without one is in pounds, not dollars), else US dollars.
    pub fn currency(&self) -> &str {
        self.text("currency").unwrap_or_else(|| {
            match self.text("jurisdiction").map(str::to_ascii_uppercase).as_deref() {
                Some("UK" | "GB") => "GBP",
                Some("AU") => "AUD",
                _ => "USD",
            }
        })
    }

    /// The balance written as money in the account's currency, e.g. `$1,240.50`.
    pub fn money(&self, amount: f64) -> String {
        format_money(amount, self.currency())
    }

    /// The facts a collector sees on screen before the call, in a fixed order.
    pub fn briefing_lines(&self) -> Vec<(String, String)> {
        KNOWN_FACTS
            .iter()
            .filter(|(name, _, _)| !matches!(*name, "currency" | "consumer"))
            .filter_map(|(name, _, label)| {
                let value = self.get(name)?;
                let shown = match (*name, value) {
                    ("balance", Value::Number(n)) => self.money(n.as_f64().unwrap_or(0.0)),
                    (_, Value::Bool(b)) => if *b { "yes" } else { "no" }.to_string(),
                    (_, Value::String(s)) => s.clone(),
                    (_, Value::Array(items)) if items.is_empty() => "none".to_string(),
                    (_, Value::Array(items)) => items.iter().map(plain).collect::<Vec<_>>().join(", "),
                    (_, other) => plain(other),
                };
                Some((label.to_string(), shown))
            })
            .collect()
    }
}

static TRUE: Value = Value::Bool(true);
static FALSE: Value = Value::Bool(false);

/// A JSON value as a person would write it (strings unquoted).
pub fn plain(value: &Value) -> String {
    match value {
        Value::String(s) => s.clone(),
        Value::Object(map) => map.iter().map(|(k, v)| format!("{k}: {}", plain(v))).collect::<Vec<_>>().join("; "),
        other => other.to_string(),
    }
}

/// `1240.5` in `USD` → `$1,240.50`; unknown currencies get their code as a suffix.
pub fn format_money(amount: f64, currency: &str) -> String {
    let cents = (amount.abs() * 100.0).round() as u64;
    let whole = (cents / 100).to_string();
    let mut grouped = String::new();
    for (i, digit) in whole.chars().enumerate() {
        if i > 0 && (whole.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(digit);
    }
    let sign = if amount < 0.0 { "-" } else { "" };
    let number = format!("{grouped}.{:02}", cents % 100);
    match currency.to_ascii_uppercase().as_str() {
        "" | "USD" => format!("{sign}${number}"),
        "GBP" => format!("{sign}£{number}"),
        "EUR" => format!("{sign}€{number}"),
        "AUD" => format!("{sign}A${number}"),
        code => format!("{sign}{number} {code}"),
    }
}

/// Checks a known fact's value; `None` when fine, else what is wrong.
pub fn check_fact(name: &str, value: &Value) -> Option<String> {
    let (_, kind, _) = KNOWN_FACTS.iter().find(|(known, _, _)| *known == name)?;
    let ok = match kind {
        FactKind::Text => value.is_string(),
        FactKind::Number => value.is_number(),
        FactKind::Bool => value.is_boolean(),
        FactKind::List => value.is_array(),
        FactKind::Any => true,
        FactKind::Jurisdiction => matches!(value.as_str(), Some("US" | "UK")),
        FactKind::Time => value.as_str().is_some_and(is_clock_time),
    };
    if ok {
        return None;
    }
    Some(match kind {
        FactKind::Text => format!("`{name}` should be text"),
        FactKind::Number => format!("`{name}` should be a number, like 1240.50 (no currency sign)"),
        FactKind::Bool => format!("`{name}` should be true or false"),
        FactKind::List => format!("`{name}` should be a list, like [late_fee]"),
        FactKind::Jurisdiction => format!("`{name}` should be US or UK"),
        FactKind::Time => format!("`{name}` should be a 24-hour time in quotes, like \"18:30\""),
        FactKind::Any => unreachable!("any value is accepted"),
    })
}

fn is_clock_time(text: &str) -> bool {
    let Some((h, m)) = text.split_once(':') else { return false };
    matches!((h.parse::<u32>(), m.parse::<u32>()), (Ok(h), Ok(m)) if h < 24 && m < 60)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn money_is_grouped_with_the_currency_sign() {
        assert_eq!(format_money(1240.5, "USD"), "$1,240.50");
        assert_eq!(format_money(1234567.0, "GBP"), "£1,234,567.00");
        assert_eq!(format_money(12.0, "CAD"), "12.00 CAD");
    }

    /// A UK call whose facts name no currency is in pounds: the better phrasing
    /// "The balance on the account is {{money facts.balance}}" once said "$1,860.00".
    #[test]
    fn a_call_without_a_currency_takes_its_jurisdictions() {
        let facts = |yaml: &str| Facts(serde_yaml::from_str(yaml).unwrap());
        assert_eq!(facts("{jurisdiction: UK}").money(1860.0), "£1,860.00");
        assert_eq!(facts("{jurisdiction: US}").money(1860.0), "$1,860.00");
        assert_eq!(facts("{jurisdiction: UK, currency: EUR}").money(5.0), "€5.00");
        assert_eq!(facts("{}").money(5.0), "$5.00");
    }

    #[test]
    fn aliases_and_defaults_answer_for_missing_facts() {
        let facts = Facts(
            serde_json::from_str(
                r#"{"first_contact": false, "consumer_local_time": "07:10", "attorney_on_file": "D. Cho"}"#,
            )
            .unwrap(),
        );
        assert_eq!(facts.get("followup_call"), Some(&Value::Bool(true)));
        assert_eq!(facts.text("local_time"), Some("07:10"));
        assert!(
            facts.matches("legal_action_intended", &Value::Bool(false)),
            "a silent account intends no legal action"
        );
        assert!(facts.matches("attorney_on_file", &Value::from("*")));
        assert!(!Facts::default().matches("attorney_on_file", &Value::from("*")));
    }

    #[test]
    fn known_facts_are_type_checked() {
        assert!(check_fact("jurisdiction", &Value::from("FR")).is_some());
        assert!(check_fact("local_time", &Value::from("18:30")).is_none());
        assert!(check_fact("local_time", &Value::from("6pm")).is_some());
        assert!(check_fact("balance", &Value::from("$12")).is_some());
        assert!(check_fact("favourite_colour", &Value::from(3)).is_none());
    }

    /// The dev set's own facts: a filed suit means legal action is intended, a real
    /// expiry on file is a deadline a collector may state; a `false` implies nothing.
    #[test]
    fn a_filed_suit_or_a_real_expiry_implies_what_the_rules_ask_for() {
        let facts = |json: &str| Facts(serde_json::from_str(json).unwrap());
        let filed = facts(r#"{"lawsuit_filed": true}"#);
        assert_eq!(filed.get("legal_action_intended"), Some(&TRUE));
        let not_filed = facts(r#"{"lawsuit_filed": false}"#);
        assert_eq!(not_filed.get_or_default("legal_action_intended"), Some(&FALSE));
        let stated = facts(r#"{"legal_action_intended": false, "judgment_exists": true}"#);
        assert_eq!(stated.get("legal_action_intended"), Some(&FALSE), "what the call says wins");
        assert!(facts(r#"{"settlement_offer_expires": "30 June"}"#).matches("deadline_on_file", &Value::from("*")));
        assert!(!facts("{}").matches("deadline_on_file", &Value::from("*")));
        let spoken = facts(r#"{"last_conversation_days_ago": 12}"#);
        assert_eq!(spoken.get("followup_call"), Some(&TRUE), "an earlier conversation makes a follow-up call");
        let first = facts(r#"{"last_conversation_days_ago": 12, "first_contact": true}"#);
        assert_eq!(first.get("followup_call"), Some(&FALSE), "what the call says wins");
        let company = facts(r#"{"collector_company": "Ridgeline Recovery"}"#);
        assert_eq!(company.text("agency"), Some("Ridgeline Recovery"), "the dev set's name for the agency");
    }
}
