//! The kinds of rule, each with the keys only it may carry: THE list the rubric
//! compiler, the schema and did-you-mean help all read.

/// What kind of check a rule makes (`kind:` in a rubric file).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Never say this.
    Forbidden,
    /// Say this by a turn, or before something else is said.
    Required,
    /// After a debtor event, do (or never do) something.
    Conditional,
    /// One thing before another.
    Sequence,
    /// What is said must match the account's facts.
    FactCheck,
    /// A measure of the collector's words.
    Metric,
    /// The account note must mention something.
    Note,
}

impl Kind {
    /// Every kind, in the order the docs list them.
    pub const ALL: [Kind; 7] =
        [Kind::Forbidden, Kind::Required, Kind::Conditional, Kind::Sequence, Kind::FactCheck, Kind::Metric, Kind::Note];

    /// The kind's name as rubric files spell it.
    pub fn name(self) -> &'static str {
        match self {
            Kind::Forbidden => "forbidden",
            Kind::Required => "required",
            Kind::Conditional => "conditional",
            Kind::Sequence => "sequence",
            Kind::FactCheck => "fact_check",
            Kind::Metric => "metric",
            Kind::Note => "note",
        }
    }

    /// Every kind's name, in order.
    pub fn names() -> [&'static str; 7] {
        Kind::ALL.map(Kind::name)
    }

    /// The kind with this name.
    pub fn parse(name: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.name() == name)
    }

    /// The keys only this kind may carry (every kind takes the common ones:
    /// `signals`, `patterns`, `when`, messages, examples...).
    pub fn keys(self) -> &'static [&'static str] {
        match self {
            Kind::Required => &["by_turn", "before"],
            Kind::Conditional => &[
                "event",
                "within",
                "must",
                "must_not",
                "must_not_within",
                "until_event",
                "must_reference",
                "prompt_counts",
            ],
            Kind::Sequence => &["first"],
            Kind::FactCheck => &["check"],
            Kind::Metric => &["metric", "min", "max"],
            Kind::Forbidden | Kind::Note => &[],
        }
    }

    /// The kinds that take `key`, for help text ("`required`").
    pub fn using(key: &str) -> String {
        let kinds: Vec<String> =
            Kind::ALL.iter().filter(|k| k.keys().contains(&key)).map(|k| format!("`{}`", k.name())).collect();
        kinds.join(" or ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_reads_back_from_its_name() {
        for kind in Kind::ALL {
            assert_eq!(Kind::parse(kind.name()), Some(kind));
        }
        assert_eq!(Kind::using("within"), "`conditional`");
        assert_eq!(Kind::using("max"), "`metric`");
    }
}
