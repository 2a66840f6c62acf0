//! `collectsim list`: the built-in library, and files in ./scenarios overriding it.

mod common;

use common::*;

#[test]
fn json_lists_each_scenario_with_the_contract_fields() {
    let dir = temp_dir("list-json");
    let output = run(&dir, &["list", "--format", "json"], "");
    assert!(output.status.success());
    let list: Vec<serde_json::Value> = serde_json::from_str(&stdout(&output)).unwrap();
    assert_eq!(list.len(), 4);
    let first = list[0].as_object().unwrap();
    let keys: Vec<&str> = first.keys().map(String::as_str).collect();
    assert_eq!(keys, ["difficulty", "id", "jurisdiction", "persona", "persona_name", "title"]);
    assert_eq!(list[0]["id"], "hardship-job-loss");
    assert_eq!(list[0]["persona"], "hardship");
    assert_eq!(list[0]["persona_name"], "Maria Alvarez");
    assert_eq!(list[0]["jurisdiction"], "US");
    let kinds: Vec<&str> = list.iter().map(|s| s["persona"].as_str().unwrap()).collect();
    assert_eq!(kinds, ["hardship", "evasive", "disputing", "hostile"]);
}

#[test]
fn a_file_in_scenarios_overrides_the_built_in_with_the_same_id() {
    let dir = temp_dir("list-override");
    std::fs::create_dir_all(dir.join("scenarios")).unwrap();
    let text =
        collectsim::scenario::library::BUILTIN[0].1.replace("title: Maria lost her job", "title: Maria (our version)");
    std::fs::write(dir.join("scenarios/hardship-job-loss.yaml"), text).unwrap();
    std::fs::write(dir.join("scenarios/broken.yaml"), "format: 1\nid: [\n").unwrap();
    let output = run(&dir, &["list"], "");
    let out = stdout(&output);
    assert!(out.contains("Maria (our version)") && !out.contains("Maria lost her job"), "{out}");
    assert!(out.lines().filter(|l| l.starts_with("hardship-job-loss")).count() == 1, "{out}");
    assert!(stderr(&output).contains("skipping scenarios/broken.yaml: it has errors"), "{}", stderr(&output));
}
