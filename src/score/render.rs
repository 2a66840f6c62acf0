//! A scorecard for a person: plain text for the terminal and Markdown for a code
//! host. (The full debrief, with charts and the call turn by turn, is `report`.)

use serde_json::{Value, json};

use super::scorecard::{Finding, Scorecard, Strength};
use crate::error::Result;
use crate::render::{Format, View};
use crate::rubric::Dimension;
use crate::style::Style;

/// `passed`, `failed` or `incomplete`; a card saved before verdicts has only `passed`.
pub fn verdict(card: &Scorecard) -> &str {
    match card.verdict.as_str() {
        "" if card.passed => "passed",
        "" => "failed",
        verdict => verdict,
    }
}

/// A score as printed: one decimal, or a dash when there was nothing to judge.
pub fn shown(value: Option<f64>) -> String {
    value.map_or("—".to_string(), |v| format!("{v:.1}"))
}

/// A scorecard as the few lines `score` prints for a call.
pub fn text(card: &Scorecard, style: &Style) -> String {
    crate::render::render(card, Format::Text, None, *style).expect("the built-in scorecard template renders")
}

/// Markdown that renders well on a code-hosting site; user text is escaped.
pub fn markdown(card: &Scorecard) -> String {
    crate::render::render(card, Format::Markdown, None, Style::plain())
        .expect("the built-in scorecard template renders")
}

const TEXT: &str = include_str!("templates/scorecard.txt.hbs");
const MARKDOWN: &str = include_str!("templates/scorecard.md.hbs");

/// A scorecard is its own view: JSON is the scorecard (the contract in
/// docs/scorecard.md); the text and Markdown templates get its figures as printed.
impl View for Scorecard {
    const NAME: &'static str = "scorecard";

    fn template(format: Format) -> Option<&'static str> {
        match format {
            Format::Text => Some(TEXT),
            Format::Markdown => Some(MARKDOWN),
            Format::Html | Format::Json => None,
        }
    }

    fn data(&self, format: Format) -> Result<Value> {
        if format == Format::Json {
            return Ok(serde_json::to_value(self)?);
        }
        let dimensions: Vec<Value> =
            Dimension::ALL.iter().map(|d| json!({"name": d.name(), "shown": shown(self.scores.get(*d))})).collect();
        Ok(json!({
            "source": self.source,
            "passed": self.passed,
            "verdict": verdict(self),
            "verdict_word": verdict(self).to_uppercase(),
            "overall": shown(self.scores.overall),
            "headline": if self.passed { "" } else { self.headline.as_str() },
            "dimensions": dimensions,
            "findings": self.findings.iter().map(finding).collect::<Vec<_>>(),
            "strengths": self.strengths.iter().map(strength).collect::<Vec<_>>(),
        }))
    }
}

fn finding(f: &Finding) -> Value {
    json!({
        "severity": f.severity,
        "turn_at": turn_at(f.turn, f.time.as_deref()),
        "rule": f.rule,
        "citation": f.citation,
        "evidence": f.evidence,
        "message": f.message,
        "better": f.better,
    })
}

fn strength(s: &Strength) -> Value {
    json!({"turn_at": turn_at(s.turn, s.time.as_deref()), "evidence": s.evidence, "message": s.message})
}

/// `turn 6`, or `turn 6, 00:01:42` where the transcript had times.
pub fn turn_at(turn: usize, time: Option<&str>) -> String {
    match time {
        Some(time) => format!("turn {turn}, {time}"),
        None => format!("turn {turn}"),
    }
}
