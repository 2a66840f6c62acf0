//! `collectsim list`: the scenarios a trainee can play, in the order of the
//! onboarding curriculum, with what each needs first and the assessment set.

use std::process::ExitCode;

use anyhow::Result;
use serde::Serialize;

use super::Workspace;
use crate::cli::{ListArgs, ListFormat};
use collectsim::scenario::curriculum::Curriculum;
use collectsim::style::Style;

#[derive(Serialize)]
struct Entry<'a> {
    id: &'a str,
    title: &'a str,
    persona: &'a str,
    persona_name: &'a str,
    difficulty: &'a str,
    jurisdiction: &'a str,
    /// 1-based place in the curriculum; null for a scenario it does not list.
    step: Option<usize>,
    /// Scenarios to pass first.
    after: Vec<&'a str>,
    /// Part of the assessment that makes a trainee ready.
    assessment: bool,
    why: Option<&'a str>,
}

pub fn run(args: &ListArgs) -> Result<ExitCode> {
    let workspace = Workspace::load()?;
    let curriculum = &workspace.library.curriculum;
    let ordered = workspace.library.in_curriculum_order();
    let entries: Vec<Entry> = ordered
        .iter()
        .map(|s| {
            let place = curriculum.steps.iter().position(|step| step.scenario == s.id);
            let step = place.map(|i| &curriculum.steps[i]);
            Entry {
                id: &s.id,
                title: &s.title,
                persona: &s.persona.kind,
                persona_name: &s.persona.name,
                difficulty: &s.difficulty.label,
                jurisdiction: s.jurisdiction(),
                step: place.map(|i| i + 1),
                after: step.map(|st| st.after.iter().map(String::as_str).collect()).unwrap_or_default(),
                assessment: curriculum.assessment.contains(&s.id),
                why: step.and_then(|st| st.why.as_deref()),
            }
        })
        .collect();
    match args.format {
        ListFormat::Json => println!("{}", serde_json::to_string_pretty(&entries)?),
        ListFormat::Text => print_table(&entries, curriculum, &Style::stdout()),
    }
    Ok(ExitCode::SUCCESS)
}

fn print_table(entries: &[Entry], curriculum: &Curriculum, style: &Style) {
    let width = entries.iter().map(|e| e.id.len()).max().unwrap_or(2).max(2);
    let kind = entries.iter().map(|e| e.persona.len()).max().unwrap_or(7).max(7);
    println!("{}", style.bold(&curriculum.title));
    println!(
        "{}",
        style.bold(&format!("{:>3}  {:<width$}  {:<kind$}  {:<9} {:<3} TITLE", "#", "ID", "PERSONA", "LEVEL", "LAW"))
    );
    let mut outside_shown = false;
    for e in entries {
        if e.step.is_none() && !outside_shown {
            println!("\n{}", style.bold("Not in the curriculum"));
            outside_shown = true;
        }
        let number = e.step.map_or(String::new(), |n| n.to_string());
        let marker = if e.assessment { style.yellow(" [assessment]") } else { String::new() };
        println!(
            "{number:>3}  {:<width$}  {:<kind$}  {:<9} {:<3} {}{marker}",
            e.id, e.persona, e.difficulty, e.jurisdiction, e.title
        );
        let numbers: Vec<String> = e
            .after
            .iter()
            .map(|id| {
                entries.iter().find(|x| x.id == *id).and_then(|x| x.step).map_or(id.to_string(), |n| n.to_string())
            })
            .collect();
        let after = if numbers.is_empty() { String::new() } else { format!(" (after {})", numbers.join(", ")) };
        if e.why.is_some() || !after.is_empty() {
            println!("     {}", style.dim(format!("{}{after}", e.why.unwrap_or_default()).trim_start()));
        }
    }
    println!();
    println!(
        "{}",
        style.dim("Play one with: collectsim play ID. Pass the [assessment] calls with --mode assessment to be ready.")
    );
}
