//! The end-of-run summary a QA lead reads first: how many calls, how many passed,
//! and which rules were broken how often.

use std::collections::BTreeMap;

use serde::Serialize;
use serde_json::{Value, json};

use super::record::Unreadable;
use crate::error::Result;
use crate::render::{Format, View};
use crate::score::Scorecard;

/// What one call adds to the summary (kept small: it crosses threads).
#[derive(Debug, Clone, PartialEq)]
pub enum Tally {
    /// A call that was read and scored.
    Scored {
        /// Whether it passed.
        passed: bool,
        /// Each finding's rule and severity.
        findings: Vec<(String, String)>,
    },
    /// A transcript that could not be read.
    Unreadable,
    /// A file in a folder that is not a transcript.
    Skipped,
}

impl Tally {
    /// What a call's result adds.
    pub fn of(result: &Result<Scorecard, Unreadable>) -> Tally {
        match result {
            Ok(card) => Tally::Scored {
                passed: card.passed,
                findings: card.findings.iter().map(|f| (f.rule.clone(), f.severity.clone())).collect(),
            },
            Err(_) => Tally::Unreadable,
        }
    }
}

/// A batch run in totals: calls passed and failed, throughput, findings by rule.
#[derive(Debug, Default, Serialize)]
pub struct Summary {
    /// Transcripts read (scored or not).
    pub transcripts: usize,
    /// Calls that passed.
    pub passed: usize,
    /// Calls that failed or were incomplete.
    pub failed: usize,
    /// Transcripts that could not be read.
    pub unreadable: usize,
    /// Files in folders that were not transcripts (not counted in `transcripts`).
    pub skipped: usize,
    /// Share of scored calls that passed, in percent (one decimal); null when none.
    pub pass_rate: Option<f64>,
    /// Bytes read.
    pub bytes: u64,
    /// Wall-clock seconds.
    pub seconds: f64,
    /// Findings by severity.
    pub findings_by_severity: BTreeMap<String, usize>,
    /// Rules by the calls they were found in, most first.
    pub findings_by_rule: Vec<RuleCount>,
}

/// How often one rule was broken in a batch.
#[derive(Debug, Clone, Serialize)]
pub struct RuleCount {
    /// The rule's id.
    pub rule: String,
    /// Its severity.
    pub severity: String,
    /// Findings in all.
    pub findings: usize,
    /// Calls with at least one.
    pub calls: usize,
}

impl Summary {
    /// Counts one call.
    pub fn add(&mut self, tally: &Tally, bytes: u64) {
        if *tally == Tally::Skipped {
            self.skipped += 1;
            return;
        }
        self.transcripts += 1;
        self.bytes += bytes;
        let Tally::Scored { passed, findings } = tally else {
            self.unreadable += 1;
            return;
        };
        if *passed {
            self.passed += 1;
        } else {
            self.failed += 1;
        }
        let mut rules_in_call: Vec<&str> = Vec::new();
        for (rule, severity) in findings {
            *self.findings_by_severity.entry(severity.clone()).or_default() += 1;
            let count = match self.findings_by_rule.iter_mut().find(|c| &c.rule == rule) {
                Some(count) => count,
                None => {
                    let fresh = RuleCount { rule: rule.clone(), severity: severity.clone(), findings: 0, calls: 0 };
                    self.findings_by_rule.push(fresh);
                    self.findings_by_rule.last_mut().expect("just pushed")
                }
            };
            count.findings += 1;
            if !rules_in_call.contains(&rule.as_str()) {
                count.calls += 1;
                rules_in_call.push(rule);
            }
        }
    }

    /// Sorts the rule counts (most calls first) and fills in the pass rate.
    pub fn finish(&mut self, seconds: f64) {
        self.seconds = (seconds * 1000.0).round() / 1000.0;
        let scored = self.passed + self.failed;
        self.pass_rate = (scored > 0).then(|| (self.passed as f64 * 1000.0 / scored as f64).round() / 10.0);
        self.findings_by_rule.sort_by(|a, b| b.calls.cmp(&a.calls).then_with(|| a.rule.cmp(&b.rule)));
    }

    /// The summary as the lines printed at the end of a run.
    pub fn text(&self) -> Result<String> {
        crate::render::render(self, Format::Text, None, crate::style::Style::plain())
    }
}

/// The summary as a view: JSON is the totals themselves; the text template gets
/// the figures as printed.
impl View for Summary {
    const NAME: &'static str = "summary";

    fn template(format: Format) -> Option<&'static str> {
        (format == Format::Text).then_some(TEXT)
    }

    fn data(&self, format: Format) -> Result<Value> {
        if format == Format::Json {
            return Ok(serde_json::to_value(self)?);
        }
        let severities: Vec<String> = crate::rubric::Severity::ALL
            .iter()
            .filter_map(|s| self.findings_by_severity.get(s.name()).map(|n| format!("{} {n}", s.name())))
            .collect();
        Ok(json!({
            "transcripts": self.transcripts,
            "size": megabytes(self.bytes),
            "seconds": format!("{:.1}", self.seconds),
            "passed": self.passed,
            "rate": self.pass_rate.map_or(String::new(), |r| format!(" ({r:.1}%)")),
            "failed": self.failed,
            "unreadable": self.unreadable,
            "skipped": self.skipped,
            "files": if self.skipped == 1 { "file" } else { "files" },
            "severities": severities.join(" · "),
            "rules": self.findings_by_rule.iter().take(RULES_SHOWN).collect::<Vec<_>>(),
            "more": self.findings_by_rule.len().saturating_sub(RULES_SHOWN),
        }))
    }
}

/// The text summary's template.
const TEXT: &str = include_str!("templates/summary.txt.hbs");

/// How many rules the text summary lists (the JSON summary has them all).
const RULES_SHOWN: usize = 10;

/// A byte count as people read it (`3.2 MB`).
pub fn megabytes(bytes: u64) -> String {
    match bytes {
        b if b < 1 << 20 => format!("{:.1} KB", b as f64 / 1024.0),
        b => format!("{:.1} MB", b as f64 / (1 << 20) as f64),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scored(passed: bool, rules: &[(&str, &str)]) -> Tally {
        Tally::Scored { passed, findings: rules.iter().map(|(r, s)| (r.to_string(), s.to_string())).collect() }
    }

    #[test]
    fn counts_calls_and_rules_most_common_first() {
        let mut summary = Summary::default();
        summary.add(&scored(true, &[("core.jargon", "minor")]), 100);
        summary.add(
            &scored(false, &[("us.threat", "critical"), ("us.threat", "critical"), ("core.jargon", "minor")]),
            100,
        );
        summary.add(&scored(false, &[("core.jargon", "minor")]), 100);
        summary.add(&Tally::Unreadable, 10);
        summary.finish(0.5);
        assert_eq!((summary.transcripts, summary.passed, summary.failed, summary.unreadable), (4, 1, 2, 1));
        assert_eq!(summary.pass_rate, Some(33.3));
        assert_eq!(summary.findings_by_rule[0].rule, "core.jargon");
        assert_eq!((summary.findings_by_rule[1].calls, summary.findings_by_rule[1].findings), (1, 2));
        let text = summary.text().unwrap();
        assert!(text.starts_with("Scored 4 transcripts (0.3 KB) in 0.5 s: 1 passed (33.3%), 2 failed, 1 could not"));
        assert!(text.contains("Findings by severity: critical 2 · minor 3"), "{text}");
    }
}
