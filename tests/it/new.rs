//! `collectsim new`: each kind's scaffold validates with no warnings and passes its
//! own playthroughs; nothing is ever overwritten.

use crate::common::*;

#[test]
fn every_kind_scaffolds_a_working_scenario() {
    for kind in collectsim::scaffold::kinds() {
        let dir = temp_dir(&format!("new-{kind}"));
        let id = format!("my-{kind}");
        let made = run(&dir, &["new", &id, "--persona", kind], "");
        assert!(made.status.success(), "{kind}: {}", stderr(&made));
        let file = format!("scenarios/{id}.yaml");
        let validated = run(&dir, &["validate", &file, "--deny-warnings"], "");
        assert_eq!(validated.status.code(), Some(0), "{kind}: {}", stdout(&validated));
        let tested = run(&dir, &["test", &file], "");
        assert_eq!(tested.status.code(), Some(0), "{kind}: {}", stdout(&tested));
        assert!(stdout(&tested).contains("6 passed, 0 failed"), "{kind}: {}", stdout(&tested));
    }
}

#[test]
fn nothing_is_overwritten_and_mistakes_are_explained() {
    let dir = temp_dir("new-refuse");
    assert!(run(&dir, &["new", "mine", "--persona", "hostile"], "").status.success());
    std::fs::write(dir.join("scenarios/mine.yaml"), "my edits").unwrap();
    let again = run(&dir, &["new", "mine", "--persona", "hostile"], "");
    assert_eq!(again.status.code(), Some(2));
    assert!(stderr(&again).contains("already exists"));
    assert_eq!(std::fs::read_to_string(dir.join("scenarios/mine.yaml")).unwrap(), "my edits");
    let kind = run(&dir, &["new", "other", "--persona", "hostle"], "");
    assert!(stderr(&kind).contains("did you mean `hostile`?"), "{}", stderr(&kind));
    let id = run(&dir, &["new", "Bad Id", "--persona", "hostile"], "");
    assert!(stderr(&id).contains("is not a scenario id"));
}

/// The commands in the scaffold's header work pasted into the folder where `new`
/// ran, and the schema its first line names is there beside it.
#[test]
fn the_header_commands_work_from_where_new_ran_and_the_schema_exists() {
    let dir = temp_dir("new-header");
    let made = run(&dir, &["new", "late-payer", "--persona", "broken-promise", "--dir", "calls/new"], "");
    assert!(made.status.success(), "{}", stderr(&made));
    let text = std::fs::read_to_string(dir.join("calls/new/late-payer.yaml")).unwrap();
    assert!(text.starts_with("# yaml-language-server: $schema=scenario.schema.json\n"));
    let schema: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("calls/new/scenario.schema.json")).unwrap()).unwrap();
    assert!(schema["allOf"][0]["properties"]["nodes"].is_object(), "a scenario schema: {schema}");
    let commands: Vec<&str> = text.lines().filter_map(|l| l.strip_prefix("#   collectsim ")).collect();
    assert_eq!(commands.len(), 4, "{text}");
    for command in commands.iter().filter(|c| c.starts_with("validate") || c.starts_with("test")) {
        let words: Vec<&str> = command.split_whitespace().take(2).collect();
        let output = run(&dir, &words, "");
        assert_eq!(
            output.status.code(),
            Some(0),
            "collectsim {}: {}{}",
            words.join(" "),
            stdout(&output),
            stderr(&output)
        );
    }
    // A schema of the author's own is kept.
    std::fs::write(dir.join("calls/new/scenario.schema.json"), "{}").unwrap();
    assert!(run(&dir, &["new", "second", "--persona", "hostile", "--dir", "calls/new"], "").status.success());
    assert_eq!(std::fs::read_to_string(dir.join("calls/new/scenario.schema.json")).unwrap(), "{}");
}
