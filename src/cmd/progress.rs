//! `collectsim progress`: a supervisor's table of every trainee, or one trainee's
//! calls over time, trends, most-broken rules, scenarios and readiness.

use std::path::Path;
use std::process::ExitCode;

use anyhow::{Result, bail};
use handlebars::Handlebars;
use serde_json::json;

use crate::cli::{ProgressArgs, ProgressFormat};
use collectsim::progress::{self, Detail, Summary};
use collectsim::report::trend;
use collectsim::store::{self, SessionRecord};
use collectsim::style::Style;

const TEMPLATE: &str = include_str!("../report/templates/progress.html.hbs");

pub fn run(args: &ProgressArgs) -> Result<ExitCode> {
    let data = store::data_dir(args.data_dir.as_deref())?;
    let (sessions, skipped) = progress::load_sessions(&data);
    let style = Style::stderr();
    for problem in &skipped {
        eprintln!("{} skipped: {problem}", style.yellow("warning:"));
    }
    // The curriculum (for readiness) and the packs' pass mark (for the charts): no
    // detector to compile.
    let lexicon = super::load_lexicon()?;
    let library = collectsim::scenario::Library::load(&lexicon, Some(Path::new(super::LOCAL_SCENARIOS)))?;
    let required = progress::required_kinds(&library);
    let packs = collectsim::rubric::library::load_packs(&lexicon, Some(Path::new(super::LOCAL_RUBRICS)))?;
    let pass_mark = packs.iter().map(|p| p.pass_mark).fold(0.0, f64::max);
    let out = match &args.trainee {
        Some(name) => {
            if !sessions.iter().any(|s| &s.trainee == name) {
                let known: Vec<&str> = sessions.iter().map(|s| s.trainee.as_str()).collect();
                bail!("no sessions for trainee `{name}` in {}; trainees: {}", data.display(), dedup(known).join(", "));
            }
            one(&progress::detail(name, &sessions, &required), pass_mark, args.format)?
        }
        None => all(&progress::table(&sessions, &required), &sessions, &required, pass_mark, args.format)?,
    };
    print!("{out}");
    Ok(ExitCode::SUCCESS)
}

fn dedup(mut names: Vec<&str>) -> Vec<&str> {
    names.sort_unstable();
    names.dedup();
    names
}

fn all(
    table: &[Summary],
    sessions: &[SessionRecord],
    required: &[String],
    pass_mark: f64,
    format: ProgressFormat,
) -> Result<String> {
    Ok(match format {
        ProgressFormat::Json => serde_json::to_string_pretty(&json!({"trainees": table}))? + "\n",
        ProgressFormat::Html => {
            // Each row links to its trainee's section further down the same page.
            let details: Vec<serde_json::Value> = table
                .iter()
                .map(|row| {
                    let detail = progress::detail(&row.trainee, sessions, required);
                    json!({"anchor": anchor(&row.trainee), "detail": detail, "trends": trend::charts(&detail, pass_mark)})
                })
                .collect();
            let rows: Vec<serde_json::Value> = table
                .iter()
                .map(|row| {
                    let mut value = serde_json::to_value(row).unwrap_or_default();
                    value["anchor"] = anchor(&row.trainee).into();
                    value
                })
                .collect();
            html(&json!({"trainees": rows, "details": details, "pass_mark": pass_mark, "columns": score_columns()}))?
        }
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

/// The score columns of the team table, in the order of `progress::columns`, with
/// their headings: the page draws one column per dimension from this list.
fn score_columns() -> Vec<serde_json::Value> {
    progress::columns()
        .map(|name| {
            let title = name[..1].to_uppercase() + &name[1..];
            json!({"name": name, "title": title})
        })
        .collect()
}

/// A page anchor for a trainee's section (`trainee-dana-lee`).
fn anchor(trainee: &str) -> String {
    format!("trainee-{}", store::slug(trainee))
}

fn one(detail: &Detail, pass_mark: f64, format: ProgressFormat) -> Result<String> {
    Ok(match format {
        ProgressFormat::Json => serde_json::to_string_pretty(detail)? + "\n",
        ProgressFormat::Html => {
            html(&json!({"detail": detail, "trends": trend::charts(detail, pass_mark), "pass_mark": pass_mark}))?
        }
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

handlebars::handlebars_helper!(add: |a: u64, b: u64| a + b);

fn html(data: &serde_json::Value) -> Result<String> {
    let mut registry = Handlebars::new();
    registry.register_helper("add", Box::new(add));
    registry.register_template_string("progress", TEMPLATE)?;
    Ok(registry.render("progress", data)?)
}
