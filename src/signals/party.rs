//! Who the collector is talking to, turn by turn: the consumer, or someone else.
//!
//! Naming the debt is the point of a call with the consumer and a disclosure to
//! anyone else, so several acts depend on this. It starts from the account's facts
//! (`on_line`: who answers) and follows what the other party says ("I'm her
//! roommate", "yes, speaking").
//!
//! In the US, Regulation F §1006.6(a) counts the consumer's spouse, the parent of a
//! minor, a guardian, an executor or administrator and a confirmed successor in
//! interest as the consumer, and the consumer's attorney may be told about the
//! debt (§1006.6(d)(1)). In the UK a spouse or relative is a third party unless the
//! customer's authority is on file (`third_party_authority: true`).

use crate::facts::Facts;

/// People the collector may discuss the debt with, wherever the call is.
const ALWAYS_PERMITTED: &[&str] = &[
    "consumer",
    "debtor",
    "customer",
    "executor",
    "administrator",
    "guardian",
    "parent_of_minor",
    "successor",
    "successor_in_interest",
    "consumer_attorney",
    "consumer_with_consenting_listener",
];

/// Whether the person on the line is someone other than the consumer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OnTheLine {
    third_party: bool,
    uk: bool,
    authority: bool,
    /// The consumer has said it is them: "my son's at work" after that is about
    /// their family, not a sign that someone else answered.
    confirmed: bool,
}

impl OnTheLine {
    /// Who answers, from the facts (`on_line`); the consumer when they do not say.
    pub fn at_start(facts: &Facts) -> OnTheLine {
        let uk = facts.text("jurisdiction").is_some_and(|j| j.eq_ignore_ascii_case("UK"));
        let authority = facts.flag("third_party_authority").unwrap_or(false);
        let mut line = OnTheLine { third_party: false, uk, authority, confirmed: false };
        if let Some(who) = facts.text("on_line") {
            line.third_party = !line.permitted(&who.to_ascii_lowercase());
        }
        line
    }

    fn permitted(&self, who: &str) -> bool {
        let spouse = matches!(who, "spouse" | "wife" | "husband" | "civil_partner");
        ALWAYS_PERMITTED.contains(&who) || (spouse && (!self.uk || self.authority))
    }

    /// Updates who is on the line from the events of what they just said. Saying
    /// who they are outweighs a "yes" in the same breath ("Yeah, I'm his roommate"),
    /// and a spouse saying so outweighs "he's out".
    pub fn hear(&mut self, events: &[String]) {
        let said = |id: &str| events.iter().any(|e| e == id);
        // "He's at work. This is his wife": the spouse is who is speaking.
        if said("spouse_answering") {
            self.third_party = self.uk && !self.authority;
        } else if said("third_party_answering") || said("wrong_party") || (said("consumer_absent") && !self.confirmed) {
            self.third_party = true;
        } else if said("right_party_confirmed") {
            self.third_party = false;
            self.confirmed = true;
        }
    }

    /// Whether the person on the line is someone other than the consumer.
    pub fn is_third_party(&self) -> bool {
        self.third_party
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn facts(json: &str) -> Facts {
        Facts(serde_json::from_str(json).unwrap())
    }

    #[test]
    fn a_spouse_is_the_consumer_in_the_us_but_not_in_the_uk_without_authority() {
        assert!(!OnTheLine::at_start(&facts(r#"{"on_line": "spouse", "jurisdiction": "US"}"#)).is_third_party());
        assert!(OnTheLine::at_start(&facts(r#"{"on_line": "spouse", "jurisdiction": "UK"}"#)).is_third_party());
        let with_authority = r#"{"on_line": "spouse", "jurisdiction": "UK", "third_party_authority": true}"#;
        assert!(!OnTheLine::at_start(&facts(with_authority)).is_third_party());
        assert!(OnTheLine::at_start(&facts(r#"{"on_line": "roommate"}"#)).is_third_party());
        assert!(!OnTheLine::at_start(&facts(r#"{"on_line": "executor"}"#)).is_third_party());
    }

    #[test]
    fn what_the_other_party_says_moves_who_is_on_the_line() {
        let mut line = OnTheLine::at_start(&Facts::default());
        assert!(!line.is_third_party());
        line.hear(&["third_party_answering".into()]);
        assert!(line.is_third_party());
        line.hear(&["right_party_confirmed".into()]);
        assert!(!line.is_third_party());
    }

    #[test]
    fn an_absent_family_member_means_a_third_party_only_before_the_consumer_is_confirmed() {
        let mut before = OnTheLine::at_start(&Facts::default());
        before.hear(&["consumer_absent".into()]);
        assert!(before.is_third_party(), "\"she's not home\" from whoever answered");
        let mut after = OnTheLine::at_start(&Facts::default());
        after.hear(&["right_party_confirmed".into()]);
        after.hear(&["consumer_absent".into()]);
        assert!(!after.is_third_party(), "the consumer speaking of their son at work");
    }
}
