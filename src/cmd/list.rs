//! `collectsim list`: the scenarios a trainee can play.

use std::process::ExitCode;

use anyhow::Result;
use serde::Serialize;

use super::Workspace;
use crate::cli::{ListArgs, ListFormat};
use crate::style::Style;

#[derive(Serialize)]
struct Entry<'a> {
    id: &'a str,
    title: &'a str,
    persona: &'a str,
    persona_name: &'a str,
    difficulty: &'a str,
    jurisdiction: &'a str,
}

pub fn run(args: &ListArgs) -> Result<ExitCode> {
    let workspace = Workspace::load()?;
    let entries: Vec<Entry> = workspace
        .library
        .scenarios
        .iter()
        .map(|s| Entry {
            id: &s.id,
            title: &s.title,
            persona: &s.persona.kind,
            persona_name: &s.persona.name,
            difficulty: &s.difficulty.label,
            jurisdiction: s.jurisdiction(),
        })
        .collect();
    match args.format {
        ListFormat::Json => println!("{}", serde_json::to_string_pretty(&entries)?),
        ListFormat::Text => print_table(&entries, &Style::stdout()),
    }
    Ok(ExitCode::SUCCESS)
}

fn print_table(entries: &[Entry], style: &Style) {
    let width = entries.iter().map(|e| e.id.len()).max().unwrap_or(2).max(2);
    println!("{}", style.bold(&format!("{:<width$}  {:<10} {:<9} {:<3} TITLE", "ID", "PERSONA", "LEVEL", "LAW")));
    for e in entries {
        println!("{:<width$}  {:<10} {:<9} {:<3} {}", e.id, e.persona, e.difficulty, e.jurisdiction, e.title);
    }
    println!();
    println!("{}", style.dim("Play one with: collectsim play ID"));
}
