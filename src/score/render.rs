//! A scorecard for a person: plain text for the terminal and Markdown for a code
//! host. (The full debrief, with charts and the call turn by turn, is `report`.)

use super::scorecard::{Finding, Scorecard, Strength};
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

fn shown(value: Option<f64>) -> String {
    value.map_or("—".to_string(), |v| format!("{v:.1}"))
}

/// A scorecard as the few lines `score` prints for a call.
pub fn text(card: &Scorecard, style: &Style) -> String {
    let word = verdict(card).to_uppercase();
    let verdict = if card.passed { style.green(&word) } else { style.red(&word) };
    let mut out = format!("{}  {verdict}  overall {}\n", style.bold(&card.source), shown(card.scores.overall));
    if !card.passed && !card.headline.is_empty() {
        out += &format!("  {}\n", card.headline);
    }
    let line: Vec<String> =
        Dimension::ALL.iter().map(|d| format!("{} {}", d.name(), shown(card.scores.get(*d)))).collect();
    out += &format!("  {}\n", line.join("   "));
    if !card.findings.is_empty() {
        out += &format!("\n  {}\n", style.bold("To work on"));
    }
    for finding in &card.findings {
        out += &text_finding(finding, style);
    }
    if !card.strengths.is_empty() {
        out += &format!("\n  {}\n", style.bold("Done well"));
    }
    for strength in &card.strengths {
        out += &text_strength(strength, style);
    }
    out
}

fn text_finding(f: &Finding, style: &Style) -> String {
    let severity = match f.severity.as_str() {
        "critical" => style.red("critical"),
        "major" => style.yellow("major"),
        other => style.dim(other),
    };
    let mut out = format!("  ✗ {severity}  {}  {}", turn_at(f.turn, f.time.as_deref()), style.dim(&f.rule));
    if let Some(citation) = &f.citation {
        out += &format!("  [{citation}]");
    }
    out += "\n";
    if !f.evidence.is_empty() {
        out += &format!("      \"{}\"\n", f.evidence);
    }
    out += &format!("      {}\n      {} {}\n", f.message, style.cyan("Better:"), f.better);
    out
}

fn text_strength(s: &Strength, style: &Style) -> String {
    let evidence = if s.evidence.is_empty() { String::new() } else { format!(" \"{}\"", s.evidence) };
    format!("  {} {}{evidence} — {}\n", style.green("✓"), turn_at(s.turn, s.time.as_deref()), s.message)
}

/// `turn 6`, or `turn 6, 00:01:42` where the transcript had times.
pub fn turn_at(turn: usize, time: Option<&str>) -> String {
    match time {
        Some(time) => format!("turn {turn}, {time}"),
        None => format!("turn {turn}"),
    }
}

/// Markdown that renders well on a code-hosting site; user text is escaped.
pub fn markdown(card: &Scorecard) -> String {
    let verdict = if card.passed { "✅ passed".to_string() } else { format!("❌ {}", verdict(card)) };
    let mut out = format!("## {}\n\n**{verdict}** — overall **{}**\n\n", md(&card.source), shown(card.scores.overall));
    if !card.passed && !card.headline.is_empty() {
        out += &format!("{}\n\n", md(&card.headline));
    }
    out += &format!("| {} |\n|{}\n|", Dimension::names().join(" | "), "---|".repeat(Dimension::ALL.len()));
    for d in Dimension::ALL {
        out += &format!(" {} |", shown(card.scores.get(d)));
    }
    out += "\n";
    if !card.findings.is_empty() {
        out += "\n### To work on\n\n";
    }
    for f in &card.findings {
        let citation = f.citation.as_ref().map(|c| format!(" — *{}*", md(c))).unwrap_or_default();
        out += &format!("- **{}** ({}, `{}`){citation}\n", f.severity, turn_at(f.turn, f.time.as_deref()), f.rule);
        if !f.evidence.is_empty() {
            out += &format!("  > {}\n", md(&f.evidence));
        }
        out += &format!("  {}  \n  **Better:** {}\n", md(&f.message), md(&f.better));
    }
    if !card.strengths.is_empty() {
        out += "\n### Done well\n\n";
    }
    for s in &card.strengths {
        let evidence = if s.evidence.is_empty() { String::new() } else { format!(" — “{}”", md(&s.evidence)) };
        out += &format!("- {}{evidence}: {}\n", turn_at(s.turn, s.time.as_deref()), md(&s.message));
    }
    out
}

/// User text made safe for Markdown (shared with the report's templates).
fn md(text: &str) -> String {
    crate::text::escape_markdown(text)
}
