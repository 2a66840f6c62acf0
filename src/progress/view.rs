//! The progress artefacts as views for [`crate::render`]: the team table (every
//! trainee) and one trainee's calls over time. JSON gives the plain totals and
//! calls; the text and HTML templates get them with what only lays them out
//! (figures as printed, page anchors, trend charts).

use serde::Serialize;
use serde_json::{Value, json};

use super::{Detail, Summary, columns, detail};
use crate::error::Result;
use crate::render::{Format, View};
use crate::report::trend;
use crate::score::render::shown;
use crate::store::{SessionRecord, slug};

const TEAM_TEXT: &str = include_str!("templates/team.txt.hbs");
const TRAINEE_TEXT: &str = include_str!("templates/trainee.txt.hbs");
const HTML: &str = include_str!("templates/progress.html.hbs");

/// Every trainee's totals, each linked to their own section on the HTML page.
#[derive(Debug, Serialize)]
pub struct TeamView<'a> {
    /// One row per trainee, in name order.
    pub trainees: Vec<Summary>,
    /// The sessions the rows came from: each trainee's calls, for the sections
    /// below the table, are drawn from them only for the HTML page.
    #[serde(skip)]
    pub sessions: &'a [SessionRecord],
    /// The core personas a trainee must pass to be ready.
    #[serde(skip)]
    pub required: &'a [String],
    /// The pass mark drawn on the trend charts.
    pub pass_mark: f64,
}

/// One trainee's calls over time.
#[derive(Debug, Serialize)]
pub struct TraineeView {
    /// The trainee's totals and calls.
    pub detail: Detail,
    /// The pass mark drawn on the trend charts.
    pub pass_mark: f64,
}

impl View for TeamView<'_> {
    const NAME: &'static str = "progress";

    fn template(format: Format) -> Option<&'static str> {
        match format {
            Format::Text => Some(TEAM_TEXT),
            Format::Html => Some(HTML),
            Format::Markdown | Format::Json => None,
        }
    }

    fn data(&self, format: Format) -> Result<Value> {
        Ok(match format {
            Format::Json => json!({"trainees": self.trainees}),
            Format::Html => {
                // Each row links to its trainee's section further down the same page.
                let rows: Vec<Value> = self
                    .trainees
                    .iter()
                    .map(|row| {
                        let mut value = serde_json::to_value(row).unwrap_or_default();
                        value["anchor"] = anchor(&row.trainee).into();
                        value
                    })
                    .collect();
                let details: Vec<Value> = self
                    .trainees
                    .iter()
                    .map(|row| {
                        let d = detail(&row.trainee, self.sessions, self.required);
                        let trends = trend::charts(&d, self.pass_mark);
                        json!({"anchor": anchor(&row.trainee), "detail": d, "trends": trends})
                    })
                    .collect();
                json!({"trainees": rows, "details": details, "pass_mark": self.pass_mark, "columns": score_columns()})
            }
            _ => json!({"rows": self.trainees.iter().map(team_row).collect::<Vec<_>>()}),
        })
    }
}

impl View for TraineeView {
    const NAME: &'static str = "progress";

    fn template(format: Format) -> Option<&'static str> {
        match format {
            Format::Text => Some(TRAINEE_TEXT),
            Format::Html => Some(HTML),
            Format::Markdown | Format::Json => None,
        }
    }

    fn json(&self) -> Result<String> {
        Ok(serde_json::to_string_pretty(&self.detail)? + "\n")
    }

    fn data(&self, format: Format) -> Result<Value> {
        Ok(match format {
            Format::Json => serde_json::to_value(&self.detail)?,
            Format::Html => json!({
                "detail": self.detail,
                "trends": trend::charts(&self.detail, self.pass_mark),
                "pass_mark": self.pass_mark,
            }),
            _ => trainee_lines(&self.detail),
        })
    }
}

/// One trainee's row of the team table, as printed.
fn team_row(row: &Summary) -> Value {
    let ready =
        if row.readiness.ready { "ready".to_string() } else { format!("needs {}", row.readiness.missing.join(", ")) };
    json!({
        "trainee": row.trainee,
        "calls": row.sessions,
        "passed": row.passed,
        "overall": shown(row.averages["overall"]),
        "compliance": shown(row.averages["compliance"]),
        "ready": ready,
    })
}

/// One trainee's page of text, figure by figure as printed.
fn trainee_lines(detail: &Detail) -> Value {
    let s = &detail.summary;
    let ready = if s.readiness.ready {
        "ready".to_string()
    } else {
        format!("not ready: still to pass in assessment mode: {}", s.readiness.missing.join(", "))
    };
    let calls: Vec<Value> = detail
        .calls
        .iter()
        .map(|c| {
            json!({
                "date": &c.date[..10.min(c.date.len())],
                "scenario": c.scenario,
                "mode": c.mode,
                "overall": shown(c.scores["overall"]),
                "result": if c.passed { "passed" } else { "not passed" },
            })
        })
        .collect();
    let averages: Vec<Value> = s.averages.iter().map(|(d, v)| json!({"name": d, "shown": shown(*v)})).collect();
    let broken: Vec<Value> = detail.broken_most.iter().map(|(rule, n)| json!({"rule": rule, "calls": n})).collect();
    let list = |names: &[String], none: &str| if names.is_empty() { none.to_string() } else { names.join(", ") };
    json!({
        "trainee": s.trainee,
        "sessions": s.sessions,
        "passed": s.passed,
        "ready": ready,
        "calls": calls,
        "averages": averages,
        "broken": broken,
        "scenarios_passed": list(&detail.scenarios_passed, "none yet"),
        "scenarios_failed": list(&detail.scenarios_failed, "none"),
    })
}

/// The score columns of the team table, in the order of [`columns`], with their
/// headings: the page draws one column per dimension from this list.
fn score_columns() -> Vec<Value> {
    columns()
        .map(|name| {
            let title = name[..1].to_uppercase() + &name[1..];
            json!({"name": name, "title": title})
        })
        .collect()
}

/// A page anchor for a trainee's section (`trainee-dana-lee`).
fn anchor(trainee: &str) -> String {
    format!("trainee-{}", slug(trainee))
}
