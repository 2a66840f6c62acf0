//! `collectsim graph`: DOT and Mermaid a supervisor can render, with coverage from
//! playthroughs and saved calls.

use crate::common::*;

#[test]
fn dot_shows_edges_labelled_and_endings_coloured() {
    let dir = temp_dir("graph-dot");
    let out = stdout(&run(&dir, &["graph", "hostile-swearing"], ""));
    assert!(out.starts_with("digraph \"hostile-swearing\" {"), "{out}");
    assert!(out.contains("\"opening\" -> \"confirms_angry\" [label=\"verifies_identity\"];"), "{out}");
    assert!(out.contains("\"agrees\" [label=\"agrees\\n✓ payment_plan_agreed\", fillcolor=\"#c6f6d5\""), "{out}");
    assert!(out.contains("\"escalates\" [label=\"escalates\\n✗ call_escalated\", fillcolor=\"#fed7d7\""), "{out}");
    assert!(out.contains("\"(any node)\" -> \"out_of_time\" [label=\"turn > 12\", style=dashed];"), "{out}");
    assert!(out.trim_end().ends_with('}'));
}

#[test]
fn mermaid_renders_on_code_hosts() {
    let dir = temp_dir("graph-mermaid");
    let out = stdout(&run(&dir, &["graph", "disputing-not-my-debt", "--format", "mermaid"], ""));
    assert!(out.starts_with("flowchart TB\n"));
    assert!(out.contains("n0 -->|\"verifies_identity\"| n3"), "{out}");
    assert!(out.contains("classDef success") && out.contains("class n13 success"), "{out}");
}

#[test]
fn coverage_marks_what_nothing_visited_and_saved_calls_count() {
    let dir = temp_dir("graph-coverage");
    let output = run(&dir, &["graph", "hardship-job-loss", "--coverage", "--data-dir", "data"], "");
    assert!(stderr(&output).contains("never visited: asks_if_collector"), "{}", stderr(&output));
    assert!(stdout(&output).contains("\"asks_if_collector\" [label=\"asks_if_collector\\n(never visited)\""));
    let lines = "Hi, this is Sam from Ridgeline Recovery. Am I speaking with Maria Alvarez?\nI'm calling about the $1,240.50 balance on your card.\n";
    run(&dir, &["play", "hardship-job-loss", "--data-dir", "data"], lines);
    let output = run(&dir, &["graph", "hardship-job-loss", "--coverage", "--data-dir", "data"], "");
    assert!(stderr(&output).contains("and 1 saved calls"), "{}", stderr(&output));
    assert!(!stderr(&output).contains("asks_if_collector"), "{}", stderr(&output));
}
