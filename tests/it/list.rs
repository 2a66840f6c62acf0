//! `collectsim list`: the built-in library, and files in ./scenarios overriding it.

use crate::common::*;

#[test]
fn json_lists_each_scenario_with_the_contract_fields() {
    let dir = temp_dir("list-json");
    let output = run(&dir, &["list", "--format", "json"], "");
    assert!(output.status.success());
    let list: Vec<serde_json::Value> = serde_json::from_str(&stdout(&output)).unwrap();
    assert!(list.len() >= collectsim::scenario::library::BUILTIN.len() + 4, "files plus their levels");
    let hard = list.iter().find(|e| e["id"] == "hostile-swearing-hard").expect("the hard level is listed");
    assert_eq!((hard["difficulty"].as_str(), hard["persona"].as_str()), (Some("hard"), Some("hostile")));
    assert_eq!(hard["after"], serde_json::json!(["hostile-swearing"]));
    let first = list[0].as_object().unwrap();
    let keys: Vec<&str> = first.keys().map(String::as_str).collect();
    for contract in ["difficulty", "id", "jurisdiction", "persona", "persona_name", "title"] {
        assert!(keys.contains(&contract), "missing {contract} in {keys:?}");
    }
    assert_eq!((list[0]["step"].as_u64(), list[0]["assessment"].as_bool()), (Some(1), Some(true)));
    let hostile = list.iter().find(|e| e["id"] == "hostile-swearing").unwrap();
    assert_eq!(hostile["after"], serde_json::json!(["evasive-tell-my-wife", "disputing-not-my-debt"]));
    assert_eq!(list[0]["id"], "hardship-job-loss");
    assert_eq!(list[0]["persona"], "hardship");
    assert_eq!(list[0]["persona_name"], "Maria Alvarez");
    assert_eq!(list[0]["jurisdiction"], "US");
    let steps: Vec<u64> = list.iter().filter_map(|s| s["step"].as_u64()).collect();
    assert_eq!(steps, (1..=steps.len() as u64).collect::<Vec<_>>(), "listed in curriculum order");
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
    assert!(out.lines().filter(|l| l.contains(" hardship-job-loss ")).count() == 1, "{out}");
    assert!(stderr(&output).contains("skipping scenarios/broken.yaml: it has errors"), "{}", stderr(&output));
}

#[test]
fn the_curriculum_orders_the_list_and_a_local_one_replaces_it() {
    let dir = temp_dir("list-curriculum");
    let out = stdout(&run(&dir, &["list"], ""));
    assert!(out.starts_with("Collector onboarding\n"), "{out}");
    let row = |id: &str| out.lines().position(|l| l.contains(&format!(" {id} "))).unwrap();
    assert!(
        row("hardship-job-loss") < row("evasive-tell-my-wife") && row("evasive-tell-my-wife") < row("hostile-swearing")
    );
    let step = |id: &str| {
        out.lines().find(|l| l.contains(&format!(" {id} "))).unwrap().split_whitespace().next().unwrap().to_string()
    };
    let after = format!("(after {}, {})", step("evasive-tell-my-wife"), step("disputing-not-my-debt"));
    assert!(out.contains(&after) && out.contains("[assessment]"), "{out}");
    std::fs::create_dir_all(dir.join("scenarios")).unwrap();
    let ours = "format: 1\ntitle: Our team's path\nsteps:\n  - scenario: hostile-swearing\n  - scenario: hardship-job-loss\n    \
                after: [hostile-swearing]\nassessment: [hardship-job-loss]\n";
    std::fs::write(dir.join("scenarios/curriculum.yaml"), ours).unwrap();
    let output = run(&dir, &["list"], "");
    let out = stdout(&output);
    assert_eq!(stderr(&output), "", "a curriculum is not mistaken for a scenario");
    assert!(out.starts_with("Our team's path\n"), "{out}");
    let first = out.lines().nth(2).unwrap();
    assert!(first.trim_start().starts_with("1  hostile-swearing"), "{out}");
    assert!(out.contains("Not in the curriculum"), "the other built-ins are still listed: {out}");
}
