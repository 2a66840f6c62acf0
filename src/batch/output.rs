//! How each scored call is written: text or Markdown for people, a JSON array, JSON
//! Lines for pipelines, CSV (one row per finding) for spreadsheets. Workers render
//! each call to a string; the writer only adds what goes between and around them.

use serde_json::{Value, json};

use super::record::Unreadable;
use crate::rubric::Dimension;
use crate::score::{Scorecard, render};
use crate::style::Style;

/// How `score` writes its results.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OutputFormat {
    /// A few lines per call, for a terminal.
    Text,
    /// Markdown, for a wiki or a ticket.
    Markdown,
    /// One JSON array of scorecards.
    Json,
    /// One scorecard per line, streamed as calls finish.
    Jsonl,
    /// One row per call, for a spreadsheet.
    Csv,
}

/// The columns of `--format csv` after the call's scores: the finding.
const FINDING_COLUMNS: &[&str] = &[
    "rule",
    "dimension",
    "severity",
    "turn",
    "span_start",
    "span_end",
    "evidence",
    "message",
    "citation",
    "error",
    "time",
];

/// The columns of `--format csv`: the call, its overall score and each dimension's
/// (on every row), then the finding.
pub fn csv_columns() -> Vec<&'static str> {
    ["source", "passed", "overall"]
        .into_iter()
        .chain(Dimension::names())
        .chain(FINDING_COLUMNS.iter().copied())
        .collect()
}

/// What comes before the first call.
pub fn header(format: OutputFormat) -> String {
    match format {
        OutputFormat::Json => "[".to_string(),
        OutputFormat::Csv => csv_columns().join(",") + "\r\n",
        _ => String::new(),
    }
}

/// What goes between two calls.
pub fn separator(format: OutputFormat) -> &'static str {
    match format {
        OutputFormat::Json => ",",
        _ => "",
    }
}

/// What comes after the last call.
pub fn footer(format: OutputFormat, calls: usize) -> &'static str {
    match (format, calls) {
        (OutputFormat::Json, 0) => "]\n",
        (OutputFormat::Json, _) => "\n]\n",
        _ => "",
    }
}

/// One call in the chosen format.
pub fn render(result: &Result<Scorecard, Unreadable>, format: OutputFormat, style: &Style) -> String {
    match (format, result) {
        (OutputFormat::Json, _) => {
            let pretty = serde_json::to_string_pretty(&as_json(result)).unwrap_or_default();
            format!("\n  {}", pretty.replace('\n', "\n  "))
        }
        (OutputFormat::Jsonl, Ok(card)) => serde_json::to_string(card).unwrap_or_default() + "\n",
        (OutputFormat::Jsonl, Err(_)) => serde_json::to_string(&as_json(result)).unwrap_or_default() + "\n",
        (OutputFormat::Csv, Ok(card)) => csv_rows(card),
        (OutputFormat::Csv, Err(bad)) => csv_error(bad),
        (OutputFormat::Markdown, Ok(card)) => render::markdown(card) + "\n",
        (OutputFormat::Text, Ok(card)) => render::text(card, style) + "\n",
        (_, Err(bad)) => text_error(bad, style),
    }
}

/// `source: error: what`; an error that already begins `source:line:col: error:`
/// (from the transcript parser) is shown as it is, not as "a.txt: error: a.txt:3:1: error: …".
fn text_error(bad: &Unreadable, style: &Style) -> String {
    let located = bad.error.strip_prefix(bad.source.as_str()).and_then(|rest| rest.strip_prefix(':'));
    match located.and_then(|rest| rest.split_once(": error: ")) {
        Some((place, what)) => format!("{}:{place}: {} {what}\n\n", bad.source, style.red("error:")),
        None => {
            let what = bad.error.strip_prefix(&format!("{}: ", bad.source)).unwrap_or(&bad.error);
            format!("{}: {} {what}\n\n", bad.source, style.red("error:"))
        }
    }
}

fn as_json(result: &Result<Scorecard, Unreadable>) -> Value {
    match result {
        Ok(card) => serde_json::to_value(card).unwrap_or(Value::Null),
        Err(bad) => json!({"source": bad.source, "error": bad.error}),
    }
}

/// One row per finding; a call with none still gets a row, so every call shows.
fn csv_rows(card: &Scorecard) -> String {
    let s = &card.scores;
    let number = |v: Option<f64>| v.map_or(String::new(), |v| format!("{v:.1}"));
    let call: Vec<String> = [card.source.clone(), card.passed.to_string(), number(s.overall)]
        .into_iter()
        .chain(Dimension::ALL.map(|d| number(s.get(d))))
        .collect();
    if card.findings.is_empty() {
        return csv_row(call.iter().map(String::as_str).chain(std::iter::repeat_n("", FINDING_COLUMNS.len())));
    }
    let mut out = String::new();
    for f in &card.findings {
        let span = |i: usize| f.span.map_or(String::new(), |s| s[i].to_string());
        let finding = [
            f.rule.clone(),
            f.dimension.clone(),
            f.severity.clone(),
            f.turn.to_string(),
            span(0),
            span(1),
            f.evidence.clone(),
            f.message.clone(),
            f.citation.clone().unwrap_or_default(),
            String::new(),
            f.time.clone().unwrap_or_default(),
        ];
        out += &csv_row(call.iter().chain(&finding).map(String::as_str));
    }
    out
}

fn csv_error(bad: &Unreadable) -> String {
    let columns = csv_columns();
    let error_column = columns.iter().position(|c| *c == "error").expect("an error column");
    let mut fields = vec![""; columns.len()];
    fields[0] = bad.source.as_str();
    fields[error_column] = &bad.error;
    csv_row(fields.into_iter())
}

/// RFC 4180: fields with a comma, quote or line break are quoted, quotes doubled.
/// Fields that a spreadsheet would run as a formula are prefixed with `'`.
fn csv_row<'a>(fields: impl Iterator<Item = &'a str>) -> String {
    let quoted: Vec<String> = fields.map(csv_field).collect();
    quoted.join(",") + "\r\n"
}

fn csv_field(field: &str) -> String {
    // OWASP's list: a tab, carriage return or line feed first can start a formula too.
    let field = match field.starts_with(['=', '+', '-', '@', '\t', '\r', '\n']) && field.parse::<f64>().is_err() {
        true => format!("'{field}"),
        false => field.to_string(),
    };
    if field.contains([',', '"', '\n', '\r']) { format!("\"{}\"", field.replace('"', "\"\"")) } else { field }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_fields_are_quoted_and_formulas_defused() {
        assert_eq!(csv_field("plain"), "plain");
        assert_eq!(csv_field("a, b"), "\"a, b\"");
        assert_eq!(csv_field("she said \"no\""), "\"she said \"\"no\"\"\"");
        assert_eq!(csv_field("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
        assert_eq!(csv_field("\t=1+2"), "'\t=1+2");
        assert_eq!(csv_field("\r=1+2"), "\"'\r=1+2\"");
        assert_eq!(csv_field("-12.5"), "-12.5");
    }

    #[test]
    fn an_unreadable_input_is_one_row_with_its_error_last() {
        let row = csv_error(&Unreadable::new("a.txt", "empty, really"));
        assert_eq!(row.matches(',').count(), csv_columns().len());
        assert!(row.starts_with("a.txt,") && row.ends_with(",\"empty, really\",\r\n"));
    }
}
