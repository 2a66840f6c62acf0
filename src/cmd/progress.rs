//! `collectsim progress`: a supervisor's table of every trainee, or one trainee's
//! calls over time, trends, most-broken rules, scenarios and readiness.

use std::path::Path;
use std::process::ExitCode;

use anyhow::{Result, bail};
use handlebars::Handlebars;
use serde::Serialize;
use serde_json::json;

use crate::cli::{ProgressArgs, ProgressFormat};
use crate::progress::{self, Detail, Summary};
use crate::store::{self, SessionRecord};
use crate::style::Style;

const TEMPLATE: &str = include_str!("../report/templates/progress.html.hbs");
const COLOURS: [&str; 6] = ["#2b6cb0", "#c53030", "#2f855a", "#b7791f", "#6b46c1", "#1a202c"];

pub fn run(args: &ProgressArgs) -> Result<ExitCode> {
    let data = store::data_dir(args.data_dir.as_deref())?;
    let (sessions, skipped) = progress::load_sessions(&data);
    let style = Style::stderr();
    for problem in &skipped {
        eprintln!("{} skipped: {problem}", style.yellow("warning:"));
    }
    // Only the curriculum is needed: no detector to compile.
    let library = crate::scenario::Library::load(&super::load_lexicon()?, Some(Path::new(super::LOCAL_SCENARIOS)))?;
    let required = progress::required_kinds(&library);
    let out = match &args.trainee {
        Some(name) => {
            if !sessions.iter().any(|s| &s.trainee == name) {
                let known: Vec<&str> = sessions.iter().map(|s| s.trainee.as_str()).collect();
                bail!("no sessions for trainee `{name}` in {}; trainees: {}", data.display(), dedup(known).join(", "));
            }
            one(&progress::detail(name, &sessions, &required), &sessions, args.format)?
        }
        None => all(&progress::table(&sessions, &required), args.format)?,
    };
    print!("{out}");
    Ok(ExitCode::SUCCESS)
}

fn dedup(mut names: Vec<&str>) -> Vec<&str> {
    names.sort_unstable();
    names.dedup();
    names
}

fn all(table: &[Summary], format: ProgressFormat) -> Result<String> {
    Ok(match format {
        ProgressFormat::Json => serde_json::to_string_pretty(&json!({"trainees": table}))? + "\n",
        ProgressFormat::Html => html(&json!({"trainees": table}))?,
        ProgressFormat::Text => {
            let mut out = format!(
                "{:<20} {:>5} {:>6}  {:>7} {:>7}  {}\n",
                "TRAINEE", "CALLS", "PASSED", "OVERALL", "COMPLY", "READY"
            );
            for row in table {
                let avg = |d: &str| row.averages[d].map_or("—".into(), |v| format!("{v:.1}"));
                let ready = if row.readiness.ready {
                    "ready".to_string()
                } else {
                    format!("needs {}", row.readiness.missing.join(", "))
                };
                out += &format!(
                    "{:<20} {:>5} {:>6}  {:>7} {:>7}  {ready}\n",
                    row.trainee,
                    row.sessions,
                    row.passed,
                    avg("overall"),
                    avg("compliance")
                );
            }
            out
        }
    })
}

#[derive(Serialize)]
struct Trend {
    name: String,
    colour: String,
    points: String,
    values: String,
    label_y: f64,
}

fn trends(detail: &Detail) -> Vec<Trend> {
    let scored: Vec<_> = detail.calls.iter().filter(|c| c.scores["overall"].is_some()).collect();
    let step = 540.0 / (scored.len().max(2) - 1) as f64;
    ["empathy", "clarity", "negotiation", "compliance", "documentation", "overall"]
        .iter()
        .enumerate()
        .map(|(i, d)| {
            let values: Vec<(usize, f64)> =
                scored.iter().enumerate().filter_map(|(n, c)| c.scores[*d].map(|v| (n, v))).collect();
            let y = |v: f64| 200.0 - v * 1.9;
            Trend {
                name: d.to_string(),
                colour: COLOURS[i].to_string(),
                points: values
                    .iter()
                    .map(|(n, v)| format!("{:.1},{:.1}", 40.0 + step * *n as f64, y(*v)))
                    .collect::<Vec<_>>()
                    .join(" "),
                values: values.iter().map(|(_, v)| format!("{v:.0}")).collect::<Vec<_>>().join(", "),
                label_y: 20.0 + i as f64 * 16.0,
            }
        })
        .collect()
}

fn one(detail: &Detail, _sessions: &[SessionRecord], format: ProgressFormat) -> Result<String> {
    Ok(match format {
        ProgressFormat::Json => serde_json::to_string_pretty(detail)? + "\n",
        ProgressFormat::Html => html(&json!({"detail": detail, "trends": trends(detail)}))?,
        ProgressFormat::Text => {
            let s = &detail.summary;
            let ready = if s.readiness.ready {
                "ready".to_string()
            } else {
                format!("not ready: still to pass in assessment mode: {}", s.readiness.missing.join(", "))
            };
            let mut out = format!("{} — {} calls, {} passed — {ready}\n\nCalls\n", s.trainee, s.sessions, s.passed);
            for c in &detail.calls {
                let overall = c.scores["overall"].map_or("—".into(), |v| format!("{v:.1}"));
                let result = if c.passed { "passed" } else { "not passed" };
                out += &format!(
                    "  {}  {:<24} {:<10} {:>5}  {result}\n",
                    &c.date[..10.min(c.date.len())],
                    c.scenario,
                    c.mode,
                    overall
                );
            }
            out += "\nAverages\n";
            for (d, v) in &s.averages {
                out += &format!("  {d:<14} {}\n", v.map_or("—".into(), |v| format!("{v:.1}")));
            }
            out += "\nRules broken most often\n";
            for (rule, n) in &detail.broken_most {
                out += &format!("  {n:>3} calls  {rule}\n");
            }
            out += &format!(
                "\nScenarios passed: {}\n",
                if detail.scenarios_passed.is_empty() { "none yet".into() } else { detail.scenarios_passed.join(", ") }
            );
            out += &format!(
                "Scenarios not passed: {}\n",
                if detail.scenarios_failed.is_empty() { "none".into() } else { detail.scenarios_failed.join(", ") }
            );
            out
        }
    })
}

fn html(data: &serde_json::Value) -> Result<String> {
    let mut registry = Handlebars::new();
    registry.register_template_string("progress", TEMPLATE)?;
    Ok(registry.render("progress", data)?)
}
