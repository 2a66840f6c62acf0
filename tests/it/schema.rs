//! The JSON Schemas shipped next to the scenarios and rubric packs are exactly what
//! `collectsim schema` prints, and every shipped file points editors at them.

use std::path::Path;

use crate::common::*;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn shipped_schemas_are_current() {
    for (kind, file) in [
        ("scenario", "scenarios/scenario.schema.json"),
        ("rubric", "rubrics/rubric.schema.json"),
        ("curriculum", "scenarios/curriculum.schema.json"),
    ] {
        let printed = stdout(&run(root(), &["schema", kind], ""));
        let shipped = std::fs::read_to_string(root().join(file)).unwrap();
        assert!(printed == shipped, "{file} is stale: run `cargo run -- schema {kind} > {file}`");
        let schema: serde_json::Value = serde_json::from_str(&printed).unwrap();
        if kind != "curriculum" {
            assert!(schema["definitions"]["signal"]["enum"].as_array().unwrap().iter().any(|s| s == "mini_miranda"));
        }
    }
}

#[test]
fn shipped_files_carry_the_modeline() {
    let files = collectsim::scenario::library::BUILTIN.iter().chain(collectsim::rubric::library::BUILTIN.iter());
    let curriculum = collectsim::scenario::curriculum::BUILTIN;
    for (name, text) in files.chain(std::iter::once(&curriculum)) {
        let schema = match name {
            n if n.ends_with("curriculum.yaml") => "curriculum.schema.json",
            n if n.starts_with("scenarios/") => "scenario.schema.json",
            _ => "rubric.schema.json",
        };
        let modeline = format!("# yaml-language-server: $schema={schema}");
        assert_eq!(text.lines().next(), Some(modeline.as_str()), "{name}");
    }
}
