//! Whole-graph checks on a compiled scenario: can every node be reached, can every
//! node get to an ending, is there an ending at all. These are the mistakes a
//! supervisor cannot see by reading one node at a time.

use std::collections::VecDeque;

use super::model::Scenario;
use crate::diagnostic::Diagnostic;
use crate::source::SourceFile;
use crate::yaml::Locator;
use crate::ypath;

pub fn lint(scenario: &Scenario, file: &SourceFile, locator: &Locator) -> Vec<Diagnostic> {
    let mut problems = Vec::new();
    if scenario.nodes.is_empty() {
        return problems;
    }
    let edges = edges(scenario);
    let reachable = walk(scenario.start, &edges);
    let ends_reachable = can_reach_an_ending(scenario, &edges);
    let at = |i: usize| locator.value(&ypath!["nodes", i, "id"]);
    let has_ending = scenario.endings().next().is_some();
    if !has_ending {
        problems.push(
            Diagnostic::error(file, locator.key(&ypath!["nodes"]), "the scenario has no ending")
                .with_help("add a node with `end: {outcome: ..., success: true}`"),
        );
    } else if !scenario.endings().any(|(_, e)| e.success) {
        problems.push(
            Diagnostic::warning(file, locator.key(&ypath!["nodes"]), "no ending counts as a success")
                .with_help("give the trainee a way to win: an ending with `success: true`"),
        );
    }
    problems.extend(authoring(scenario, file, locator));
    for (i, node) in scenario.nodes.iter().enumerate() {
        if !reachable[i] {
            problems.push(
                Diagnostic::warning(file, at(i), format!("node `{}` can never be reached", node.id))
                    .with_help(format!("add `goto: {}` to a transition, or delete the node", node.id)),
            );
        }
        if node.end.is_none() && node.on.is_empty() {
            problems.push(
                Diagnostic::error(file, at(i), format!("node `{}` has no way out", node.id))
                    .with_help("add `on:` transitions, or make it an ending with `end:`"),
            );
        } else if has_ending && node.end.is_none() && reachable[i] && !ends_reachable[i] {
            problems.push(
                Diagnostic::error(file, at(i), format!("no path leads from `{}` to any ending", node.id))
                    .with_help("add a transition from here (or a node after it) towards an ending"),
            );
        }
    }
    problems
}

/// What a careful author wants to know: nodes the trainee can get no help at, and a
/// US call in which the trainee never gets the chance to give the mini-Miranda.
fn authoring(scenario: &Scenario, file: &SourceFile, locator: &Locator) -> Vec<Diagnostic> {
    let mut problems = Vec::new();
    for (i, node) in scenario.nodes.iter().enumerate().filter(|(_, n)| n.end.is_none()) {
        let at = locator.value(&ypath!["nodes", i, "id"]);
        let missing: Vec<&str> = [("hint", node.hint.is_none()), ("model", node.model.is_none())]
            .iter()
            .filter(|(_, m)| *m)
            .map(|(k, _)| *k)
            .collect();
        if !missing.is_empty() {
            problems.push(
                Diagnostic::warning(file, at, format!("node `{}` has no {}", node.id, missing.join(" or ")))
                    .with_help("add `hint:` (shown by :hint) and `model:` (a model answer for the debrief)"),
            );
        }
    }
    let third_party = matches!(scenario.persona.kind.as_str(), "third-party" | "wrong-number");
    let confirms = scenario.nodes.iter().any(|n| {
        n.events
            .iter()
            .chain(n.say.iter().flat_map(|l| &l.events))
            .any(|e| e == "right_party_confirmed" || e == "spouse_answering")
    });
    if scenario.jurisdiction() == "US" && !third_party && !confirms {
        problems.push(
            Diagnostic::warning(
                file,
                locator.key(&ypath!["nodes"]),
                "the debtor never confirms who they are, so the trainee never gets the chance to give the mini-Miranda",
            )
            .with_help(
                "tag the line where the consumer confirms their identity with `events: [right_party_confirmed]`",
            ),
        );
    }
    problems
}

/// `edges[i]` lists the nodes reachable in one turn from node `i`.
pub fn edges(scenario: &Scenario) -> Vec<Vec<usize>> {
    let global: Vec<usize> = scenario.every_turn.iter().filter_map(|t| t.goto).collect();
    scenario
        .nodes
        .iter()
        .map(|node| {
            if node.end.is_some() {
                return Vec::new();
            }
            let mut next: Vec<usize> = node.on.iter().filter_map(|t| t.goto).chain(global.iter().copied()).collect();
            next.sort_unstable();
            next.dedup();
            next
        })
        .collect()
}

fn walk(start: usize, edges: &[Vec<usize>]) -> Vec<bool> {
    let mut seen = vec![false; edges.len()];
    let mut queue = VecDeque::from([start]);
    seen[start] = true;
    while let Some(node) = queue.pop_front() {
        for &next in &edges[node] {
            if !seen[next] {
                seen[next] = true;
                queue.push_back(next);
            }
        }
    }
    seen
}

fn can_reach_an_ending(scenario: &Scenario, edges: &[Vec<usize>]) -> Vec<bool> {
    let mut good: Vec<bool> = scenario.nodes.iter().map(|n| n.end.is_some()).collect();
    loop {
        let mut changed = false;
        for (i, next) in edges.iter().enumerate() {
            if !good[i] && next.iter().any(|&n| good[n]) {
                good[i] = true;
                changed = true;
            }
        }
        if !changed {
            return good;
        }
    }
}
