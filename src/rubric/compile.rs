//! Raw rubric → checked rules, every problem a located diagnostic.

use regex::{Regex, RegexBuilder};

use super::kind::Kind;
use super::raw::{RawRubric, RawRule, schema};
use super::*;
use crate::diagnostic::Diagnostic;
use crate::scenario::{OneOrMany, sha256_hex};
use crate::signals::{Lexicon, Scanner};
use crate::source::SourceFile;
use crate::suggest::help_for;
use crate::yaml::{self, Locator, Seg};
use crate::ypath;

/// Loads one pack: the rubric (if it has no errors) and every problem found.
pub fn load(file: &SourceFile, lexicon: &Lexicon) -> (Option<Rubric>, Vec<Diagnostic>) {
    // A misspelt key is reported and read past, so the rest of the pack is checked too.
    let (raw, locator, problems) = match yaml::parse_past_unknown_keys::<RawRubric>(file, &schema()) {
        Ok(parsed) => parsed,
        Err(problems) => return (None, problems),
    };
    let read_past = !problems.is_empty();
    let mut compiler = Compiler { file, locator: &locator, lexicon, problems };
    let rubric = compiler.rubric(raw);
    if read_past {
        // As for scenarios: later warnings may be about the gap a misspelt key left.
        compiler.problems.retain(Diagnostic::is_error);
    }
    let failed = compiler.problems.iter().any(Diagnostic::is_error);
    (if failed { None } else { Some(rubric) }, compiler.problems)
}

/// Runs every rule's examples and reports each that misbehaves at its `examples:`.
pub fn check_examples(file: &SourceFile, rubric: &Rubric, lexicon: &Lexicon) -> Vec<Diagnostic> {
    let Ok((_, locator)) = yaml::parse::<RawRubric>(file) else { return Vec::new() };
    let Ok(detector) = crate::signals::Detector::new(lexicon) else { return Vec::new() };
    let failures = super::examples::check(rubric, &detector);
    let mut problems = Vec::new();
    for (i, rule) in rubric.rules.iter().enumerate() {
        let prefix = format!("{}: ", rule.id);
        let pos = locator.key(&ypath!["rules", i, "examples"]);
        for failure in failures.iter().filter(|f| f.starts_with(&prefix)) {
            problems
                .push(Diagnostic::error(file, pos, failure[prefix.len()..].to_string()).with_help(
                    "fix the rule or the example; `collectsim test` shows the signals each example carries",
                ));
        }
    }
    problems
}

struct Compiler<'a> {
    file: &'a SourceFile,
    locator: &'a Locator,
    lexicon: &'a Lexicon,
    problems: Vec<Diagnostic>,
}

impl Compiler<'_> {
    fn error(&mut self, path: &[Seg], message: impl Into<String>, help: impl Into<String>) {
        let pos = self.locator.value(path);
        self.problems.push(Diagnostic::error(self.file, pos, message).with_help(help));
    }

    fn rubric(&mut self, raw: RawRubric) -> Rubric {
        if raw.format != 1 {
            self.error(&ypath!["format"], "unsupported rubric format", "this version of collectsim reads `format: 1`");
        }
        let weights = raw
            .weights
            .iter()
            .filter_map(|(name, weight)| {
                let dimension = self.dimension(name, &ypath!["weights", name.as_str()]);
                dimension.map(|d| (d, *weight))
            })
            .collect();
        let mut rules: Vec<Rule> = Vec::new();
        for (i, rule) in raw.rules.iter().enumerate() {
            let full_id = format!("{}.{}", raw.id, rule.id);
            if rules.iter().any(|r| r.id == full_id) {
                self.error(
                    &ypath!["rules", i, "id"],
                    format!("duplicate rule id `{}`", rule.id),
                    "give each rule its own id",
                );
            }
            if let Some(rule) = self.rule(rule, full_id, i) {
                rules.push(rule);
            }
        }
        let turn_patterns = self.turn_patterns(&mut rules);
        Rubric {
            turn_patterns,
            id: raw.id,
            version: raw.version,
            title: raw.title,
            jurisdiction: raw.jurisdiction,
            pass_mark: raw.pass_mark,
            weights,
            example_facts: raw.example_facts.into_iter().collect(),
            rules,
            source: self.file.name.clone(),
            sha256: sha256_hex(self.file.text.as_bytes()),
        }
    }

    fn dimension(&mut self, name: &str, path: &[Seg]) -> Option<Dimension> {
        let found = Dimension::parse(name);
        if found.is_none() {
            let help = help_for(name, Dimension::names(), "dimensions");
            self.error(path, format!("unknown dimension `{name}`"), help);
        }
        found
    }

    fn rule(&mut self, raw: &RawRule, id: String, i: usize) -> Option<Rule> {
        let at = |key: &'static str| [Seg::Key("rules"), Seg::Index(i), Seg::Key(key)];
        let dimension = self.dimension(&raw.dimension, &at("dimension"));
        let severity = match Severity::parse(&raw.severity) {
            Some(severity) => Some(severity),
            None => {
                let other = raw.severity.as_str();
                self.error(
                    &at("severity"),
                    format!("unknown severity `{other}`"),
                    help_for(other, Severity::ALL.map(Severity::name), "severities"),
                );
                None
            }
        };
        for (key, names) in [
            ("if_event", &raw.if_event),
            ("unless_event", &raw.unless_event),
            ("event", &raw.event),
            ("until_event", &raw.until_event),
        ] {
            self.events(names, &at(key));
        }
        let check = self.check(raw, i)?;
        Some(Rule {
            id,
            dimension: dimension?,
            severity: severity?,
            check,
            when: raw.when.iter().map(|(k, v)| (k.clone(), v.clone())).collect(),
            unless: raw.unless.iter().map(|(k, v)| (k.clone(), v.clone())).collect(),
            if_event: raw.if_event.0.clone(),
            unless_event: raw.unless_event.0.clone(),
            message: raw.message.trim().to_string(),
            strength: raw.strength.as_ref().map(|s| s.trim().to_string()),
            better: raw.better.trim().to_string(),
            citation: raw.citation.clone(),
            violation: raw.violation.clone(),
            label: raw.label.clone(),
            pass_examples: raw.examples.pass.clone(),
            fail_examples: raw.examples.fail.clone(),
        })
    }

    /// Keys that mean something only for some kinds of rule: one set on another
    /// kind is a mistake the author should hear about, not a silent no-op.
    fn kind_keys(&mut self, raw: &RawRule, kind: Kind, i: usize) {
        let set: [(&'static str, bool); 14] = [
            ("by_turn", raw.by_turn.is_some()),
            ("before", !raw.before.0.is_empty()),
            ("event", !raw.event.0.is_empty()),
            ("within", raw.within.is_some()),
            ("must", !raw.must.0.is_empty()),
            ("must_not", !raw.must_not.0.is_empty()),
            ("must_not_within", raw.must_not_within.is_some()),
            ("until_event", !raw.until_event.0.is_empty()),
            ("must_reference", raw.must_reference),
            ("prompt_counts", raw.prompt_counts),
            ("first", !raw.first.0.is_empty()),
            ("check", raw.check.is_some()),
            ("metric", raw.metric.is_some()),
            ("min", raw.min.is_some() || raw.max.is_some()),
        ];
        for (key, present) in set {
            let key = if key == "min" && raw.min.is_none() { "max" } else { key };
            if present && !kind.keys().contains(&key) {
                self.error(
                    &[Seg::Key("rules"), Seg::Index(i), Seg::Key(key)],
                    format!("`{key}` does not apply to a `{}` rule", raw.kind),
                    format!("remove it, or change `kind:` to a kind that uses it ({})", Kind::using(key)),
                );
            }
        }
    }

    fn check(&mut self, raw: &RawRule, i: usize) -> Option<Check> {
        let kind = Kind::parse(&raw.kind);
        if let Some(kind) = kind {
            self.kind_keys(raw, kind, i);
        }
        let at = |key: &'static str| [Seg::Key("rules"), Seg::Index(i), Seg::Key(key)];
        let triggers = self.triggers(&raw.signals, &raw.patterns, i, "signals", "patterns");
        let Some(kind) = kind else {
            self.error(
                &at("kind"),
                format!("unknown rule kind `{}`", raw.kind),
                help_for(&raw.kind, Kind::names(), "kinds"),
            );
            return None;
        };
        let check = match kind {
            Kind::Forbidden => Check::Forbidden(triggers),
            Kind::Required => {
                self.signals(&raw.before, &at("before"));
                if raw.by_turn.is_none() && raw.before.0.is_empty() {
                    self.error(
                        &at("kind"),
                        "a `required` rule needs `by_turn:` or `before:`",
                        "e.g. `by_turn: 1`, or `before: [states_amount]`",
                    );
                }
                Check::Required { triggers, by_turn: raw.by_turn, before: raw.before.0.clone() }
            }
            Kind::Conditional => {
                if raw.event.0.is_empty() {
                    self.error(
                        &at("kind"),
                        "a `conditional` rule needs `event:`",
                        "name the debtor event that starts it, e.g. `event: disputes_debt`",
                    );
                }
                let must = self.triggers(&raw.must, &OneOrMany::default(), i, "must", "patterns");
                let must_not = self.triggers(&raw.must_not, &raw.patterns, i, "must_not", "patterns");
                Check::Conditional {
                    events: raw.event.0.clone(),
                    within: raw.within.unwrap_or(2),
                    must,
                    must_not,
                    must_not_within: raw.must_not_within,
                    until: raw.until_event.0.clone(),
                    must_reference: raw.must_reference,
                    prompt_counts: raw.prompt_counts,
                }
            }
            Kind::Sequence => {
                self.signals(&raw.first, &at("first"));
                Check::Sequence { first: raw.first.0.clone(), then: triggers }
            }
            Kind::FactCheck => match raw.check.as_deref().and_then(FactCheck::parse) {
                Some(check) => Check::FactCheck(check),
                None => {
                    let other = raw.check.as_deref();
                    self.error(
                        &at("check"),
                        format!("unknown fact check `{}`", other.unwrap_or("")),
                        "use `check: balance`, `fees`, `affordability`, `call_time`, `creditor` or `concession`",
                    );
                    return None;
                }
            },
            Kind::Metric => {
                let metric = match raw.metric.as_deref().and_then(Metric::parse) {
                    Some(metric) => metric,
                    None => {
                        let other = raw.metric.as_deref();
                        let help = "use reading_grade, sentence_length or question_ratio";
                        self.error(&at("metric"), format!("unknown metric `{}`", other.unwrap_or("")), help);
                        return None;
                    }
                };
                Check::Metric { metric, min: raw.min, max: raw.max }
            }
            Kind::Note => Check::Note(triggers),
        };
        Some(check)
    }

    /// Gathers the patterns of every trigger looked for in collector turns into one
    /// scanner, telling each trigger where its patterns sit.
    fn turn_patterns(&mut self, rules: &mut [Rule]) -> Option<Scanner> {
        let mut sources = Vec::new();
        for rule in rules {
            let triggers = match &mut rule.check {
                Check::Forbidden(t) | Check::Required { triggers: t, .. } | Check::Sequence { then: t, .. } => vec![t],
                Check::Conditional { must, must_not, .. } => vec![must, must_not],
                Check::FactCheck(_) | Check::Metric { .. } | Check::Note(_) => vec![],
            };
            for t in triggers {
                t.scan_ids = (sources.len()..sources.len() + t.patterns.len()).collect();
                sources.extend(t.patterns.iter().map(|p| p.as_str().to_string()));
            }
        }
        if sources.is_empty() {
            return None;
        }
        Scanner::new(&sources)
            .inspect_err(|error| {
                self.error(&ypath!["rules"], format!("the rules' patterns could not be compiled together: {error}"), "")
            })
            .ok()
    }

    fn triggers(
        &mut self,
        signals: &OneOrMany,
        patterns: &OneOrMany,
        i: usize,
        skey: &'static str,
        pkey: &'static str,
    ) -> Triggers {
        self.signals(signals, &[Seg::Key("rules"), Seg::Index(i), Seg::Key(skey)]);
        let compiled = patterns
            .0
            .iter()
            .enumerate()
            .filter_map(|(p, pattern)| {
                let built = RegexBuilder::new(&pattern.replace(r"\b", r"(?-u:\b)")).case_insensitive(true).build();
                match built {
                    Ok(regex) => Some(regex),
                    Err(error) => {
                        let path = [Seg::Key("rules"), Seg::Index(i), Seg::Key(pkey), Seg::Index(p)];
                        let message = crate::signals::regex_message(&error);
                        self.error(
                            &path,
                            message,
                            "check the brackets and escapes; YAML single quotes keep backslashes as they are",
                        );
                        None
                    }
                }
            })
            .collect::<Vec<Regex>>();
        Triggers { signals: signals.0.clone(), patterns: compiled, scan_ids: Vec::new() }
    }

    /// Checks names against the lexicon, pointing at the offending item (a single
    /// name written without brackets is found too: the locator stops at it).
    fn signals(&mut self, names: &OneOrMany, path: &[Seg]) {
        for (j, name) in names.0.iter().enumerate() {
            if !self.lexicon.has_signal(name) {
                let help = help_for(name, self.lexicon.doing_ids(), "signals");
                self.error(&[path, &[Seg::Index(j)]].concat(), format!("unknown signal `{name}`"), help);
            }
        }
    }

    fn events(&mut self, names: &OneOrMany, path: &[Seg]) {
        for (j, name) in names.0.iter().enumerate() {
            if !self.lexicon.has_event(name) {
                let help = help_for(name, self.lexicon.event_ids(), "events");
                self.error(&[path, &[Seg::Index(j)]].concat(), format!("unknown debtor event `{name}`"), help);
            }
        }
    }
}
