//! `collectsim schema`: the JSON Schema of scenario, rubric or curriculum files.

use std::process::ExitCode;

use anyhow::Result;

use super::load_lexicon;
use crate::cli::{SchemaArgs, SchemaKind};
use collectsim::schema;

pub fn run(args: &SchemaArgs) -> Result<ExitCode> {
    let lexicon = load_lexicon()?;
    let value = match args.kind {
        SchemaKind::Scenario => schema::scenario(&lexicon),
        SchemaKind::Rubric => schema::rubric(&lexicon),
        SchemaKind::Curriculum => schema::curriculum(),
    };
    println!("{}", serde_json::to_string_pretty(&value)?);
    Ok(ExitCode::SUCCESS)
}
