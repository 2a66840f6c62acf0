//! Whole-graph checks on a compiled scenario: can every node be reached, can every
//! node get to an ending, is there an ending at all. These are the mistakes a
//! supervisor cannot see by reading one node at a time.

use std::collections::VecDeque;

use super::model::{Condition, Scenario};
use crate::diagnostic::Diagnostic;
use crate::source::SourceFile;
use crate::yaml::Locator;
use crate::ypath;

/// Warnings for a scenario that loads but probably does not work as meant.
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
    problems.extend(unread_meters(scenario, file, locator));
    problems.extend(unused_traits(scenario, file, locator));
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

/// A meter that no condition reads moves in the debrief ("trust +10: you
/// listened") but never changes the call: the trainee is shown a lever that does
/// nothing. Meters read only by the debrief therefore count as unread.
fn unread_meters(scenario: &Scenario, file: &SourceFile, locator: &Locator) -> Vec<Diagnostic> {
    let transitions = scenario.every_turn.iter().chain(scenario.nodes.iter().flat_map(|n| n.on.iter()));
    let read: Vec<&str> = transitions
        .flat_map(|t| t.conditions.iter())
        .filter_map(|c| match c {
            Condition::Meter(name, _) => Some(name.as_str()),
            _ => None,
        })
        .collect();
    scenario
        .meters
        .iter()
        .filter(|(name, _)| !read.contains(&name.as_str()))
        .map(|(name, _)| {
            Diagnostic::warning(
                file,
                locator.key(&ypath!["meters", name.as_str()]),
                format!("meter `{name}` is never read: it moves in the debrief but no transition depends on it"),
            )
            .with_help(format!(
                "make it matter, e.g. a transition with `meters: {{{name}: \">= 60\"}}`, or remove the meter"
            ))
        })
        .collect()
}

/// A persona trait is shown to the trainee through what the scenario says: the
/// debtor's lines, the reasons meters move, hints, model answers, summaries. A
/// trait none of those mentions (by any of its words of four letters or more)
/// exists only in the author's head.
fn unused_traits(scenario: &Scenario, file: &SourceFile, locator: &Locator) -> Vec<Diagnostic> {
    let written = author_words(scenario);
    scenario
        .persona
        .traits
        .iter()
        .enumerate()
        .filter(|(_, t)| {
            let words: Vec<String> =
                t.split(|c: char| !c.is_alphanumeric()).filter(|w| w.len() >= 4).map(str::to_lowercase).collect();
            !words.is_empty() && !words.iter().any(|w| written.contains(w.as_str()))
        })
        .map(|(i, t)| {
            Diagnostic::warning(
                file,
                locator.value(&ypath!["persona", "traits", i]),
                format!("trait `{t}` is never shown: no line, reason, hint or model answer mentions it"),
            )
            .with_help("let the persona show it: a line in that voice, or a `because:` that names it")
        })
        .collect()
}

/// Everything a trainee can read in the scenario, lower-cased.
fn author_words(scenario: &Scenario) -> String {
    let data = crate::template::context(&super::template_data(scenario));
    let mut text: Vec<String> = scenario.summary.iter().cloned().collect();
    text.extend(scenario.persona.background.iter().cloned());
    text.extend(scenario.reactions.iter().map(|r| r.because.clone()));
    let transitions = scenario.every_turn.iter().chain(scenario.nodes.iter().flat_map(|n| n.on.iter()));
    text.extend(transitions.filter_map(|t| t.because.clone()));
    for node in &scenario.nodes {
        text.extend(node.hint.iter().chain(&node.model).cloned());
        text.extend(node.end.as_ref().and_then(|e| e.summary.clone()));
        for line in node.say.iter().chain(&node.again) {
            text.extend(scenario.templates.render_in(&line.template, &data).ok());
        }
    }
    text.join("\n").to_lowercase()
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
