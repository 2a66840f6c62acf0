//! `collectsim new`: each kind's scaffold validates with no warnings and passes its
//! own playthroughs; nothing is ever overwritten.

mod common;

use common::*;

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
