//! A scenario as a graph a supervisor can look at: Graphviz DOT or Mermaid (which
//! code hosts render), edges labelled by what the trainee must say or what must
//! hold, endings coloured by success, and optionally the nodes never visited.

use std::collections::BTreeSet;

use crate::scenario::{Comparison, Condition, Op, Scenario, Transition};

/// How `graph` draws a scenario.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Graphviz DOT.
    Dot,
    /// Mermaid, for Markdown that renders it.
    Mermaid,
}

/// One edge: from a node (None: any node, for `every_turn`), to a node, a label.
struct Edge {
    from: Option<usize>,
    to: usize,
    label: String,
}

fn edges(scenario: &Scenario) -> Vec<Edge> {
    let mut out: Vec<Edge> = scenario
        .every_turn
        .iter()
        .filter_map(|t| Some(Edge { from: None, to: t.goto?, label: label(scenario, t) }))
        .collect();
    for (i, node) in scenario.nodes.iter().enumerate() {
        out.extend(node.on.iter().filter_map(|t| Some(Edge { from: Some(i), to: t.goto?, label: label(scenario, t) })));
    }
    out
}

/// "verifies_identity", "offers_plan + trust >= 45", "else".
pub fn label(scenario: &Scenario, transition: &Transition) -> String {
    let parts: Vec<String> = transition.conditions.iter().map(|c| condition(scenario, c)).collect();
    if parts.is_empty() { "else".to_string() } else { parts.join(" + ") }
}

fn condition(scenario: &Scenario, condition: &Condition) -> String {
    match condition {
        Condition::Signal(s) => s.clone(),
        Condition::AnySignal(names) => names.join(" | "),
        Condition::NoSignal(s) => format!("not {s}"),
        Condition::Meter(m, c) => format!("{m} {}", comparison(c)),
        Condition::Flag(f) => format!("flag {f}"),
        Condition::NotFlag(f) => format!("not flag {f}"),
        Condition::Visits(n, c) => format!("visits({}) {}", scenario.nodes[*n].id, comparison(c)),
        Condition::Turn(c) => format!("turn {}", comparison(c)),
    }
}

fn comparison(c: &Comparison) -> String {
    let op = match c.op {
        Op::Lt => "<",
        Op::Le => "<=",
        Op::Gt => ">",
        Op::Ge => ">=",
        Op::Eq => "==",
        Op::Ne => "!=",
    };
    format!("{op} {}", c.value)
}

/// Renders the graph; `visited` (when given) marks the nodes never reached.
pub fn render(scenario: &Scenario, format: Format, visited: Option<&BTreeSet<String>>) -> String {
    match format {
        Format::Dot => dot(scenario, visited),
        Format::Mermaid => mermaid(scenario, visited),
    }
}

fn dot_quote(text: &str) -> String {
    format!("\"{}\"", text.replace('\\', "\\\\").replace('"', "\\\""))
}

fn dot(scenario: &Scenario, visited: Option<&BTreeSet<String>>) -> String {
    let mut out = format!(
        "digraph {} {{\n  rankdir=TB;\n  node [shape=box, style=\"rounded,filled\", fillcolor=\"#edf2f7\", fontname=\"Helvetica\"];\n  edge [fontname=\"Helvetica\", fontsize=10];\n",
        dot_quote(&scenario.id)
    );
    for (i, node) in scenario.nodes.iter().enumerate() {
        let mut attrs = Vec::new();
        let mut text = node.id.clone();
        if let Some(end) = &node.end {
            text += &format!("\\n{} {}", if end.success { "✓" } else { "✗" }, end.outcome);
            attrs.push(format!("fillcolor=\"{}\"", if end.success { "#c6f6d5" } else { "#fed7d7" }));
            attrs.push("shape=doubleoctagon".to_string());
        }
        if i == scenario.start {
            attrs.push("penwidth=2".to_string());
        }
        if visited.is_some_and(|v| !v.contains(&node.id)) {
            attrs.push("style=\"rounded,filled,dashed\"".to_string());
            attrs.push("color=\"#c53030\"".to_string());
            text += "\\n(never visited)";
        }
        attrs.insert(0, format!("label={}", dot_quote(&text).replace("\\\\n", "\\n")));
        out += &format!("  {} [{}];\n", dot_quote(&node.id), attrs.join(", "));
    }
    if !scenario.every_turn.is_empty() {
        out += "  \"(any node)\" [shape=plaintext, style=\"\"];\n";
    }
    for e in edges(scenario) {
        let from = e.from.map_or("(any node)".to_string(), |f| scenario.nodes[f].id.clone());
        let style = if e.from.is_none() { ", style=dashed" } else { "" };
        out += &format!(
            "  {} -> {} [label={}{style}];\n",
            dot_quote(&from),
            dot_quote(&scenario.nodes[e.to].id),
            dot_quote(&e.label)
        );
    }
    out + "}\n"
}

/// Mermaid ids must be plain; labels go in quotes with `"` replaced.
fn mermaid(scenario: &Scenario, visited: Option<&BTreeSet<String>>) -> String {
    let id = |i: usize| format!("n{i}");
    let text = |t: &str| t.replace('"', "'");
    let mut out = String::from("flowchart TB\n");
    for (i, node) in scenario.nodes.iter().enumerate() {
        let shape = match &node.end {
            Some(end) => format!(
                "{}([\"{} {} {}\"])",
                id(i),
                text(&node.id),
                if end.success { "✓" } else { "✗" },
                text(&end.outcome)
            ),
            None => format!("{}[\"{}\"]", id(i), text(&node.id)),
        };
        out += &format!("  {shape}\n");
    }
    if !scenario.every_turn.is_empty() {
        out += "  any{{\"any node\"}}\n";
    }
    for e in edges(scenario) {
        let from = e.from.map_or("any".to_string(), id);
        let arrow = if e.from.is_none() { "-.->" } else { "-->" };
        out += &format!("  {from} {arrow}|\"{}\"| {}\n", text(&e.label), id(e.to));
    }
    out += "  classDef success fill:#c6f6d5,stroke:#2f855a\n  classDef failure fill:#fed7d7,stroke:#c53030\n  classDef unvisited stroke:#c53030,stroke-dasharray:5 5\n";
    for (i, node) in scenario.nodes.iter().enumerate() {
        if let Some(end) = &node.end {
            out += &format!("  class {} {}\n", id(i), if end.success { "success" } else { "failure" });
        }
        if visited.is_some_and(|v| !v.contains(&node.id)) {
            out += &format!("  class {} unvisited\n", id(i));
        }
    }
    out
}
