//! What the debtor feels and remembers at this point of the call.

use std::collections::BTreeSet;

use crate::scenario::{Comparison, Condition, Scenario};
use crate::transcript::MeterChange;

/// Where a call stands: node, meters, flags, visits.
#[derive(Debug, Clone)]
pub struct State {
    /// The node the debtor is at.
    pub node: usize,
    /// Meter values in the scenario's order.
    pub meters: Vec<f64>,
    /// Flags set.
    pub flags: BTreeSet<String>,
    /// Times each node has been visited.
    pub visits: Vec<u32>,
    /// Trainee turns so far.
    pub trainee_turns: u32,
    /// Which `once` reactions have fired.
    pub reactions_fired: Vec<bool>,
    /// Whether an ending was reached.
    pub ended: bool,
}

impl State {
    /// The state at the scenario's start.
    pub fn new(scenario: &Scenario) -> State {
        State {
            node: scenario.start,
            meters: scenario.meters.iter().map(|(_, v)| *v).collect(),
            flags: BTreeSet::new(),
            visits: vec![0; scenario.nodes.len()],
            trainee_turns: 0,
            reactions_fired: vec![false; scenario.reactions.len()],
            ended: false,
        }
    }

    /// A meter's value by name (0 for an unknown name).
    pub fn meter(&self, scenario: &Scenario, name: &str) -> f64 {
        scenario.meters.iter().position(|(n, _)| n == name).map_or(0.0, |i| self.meters[i])
    }

    /// Moves a meter (clamped to 0–100) and returns the change, if it moved.
    pub fn adjust(&mut self, scenario: &Scenario, name: &str, delta: f64, reason: &str) -> Option<MeterChange> {
        let index = scenario.meters.iter().position(|(n, _)| n == name)?;
        let from = self.meters[index];
        let to = (from + delta).clamp(0.0, 100.0);
        self.meters[index] = to;
        (to != from).then(|| MeterChange {
            meter: name.to_string(),
            delta: to - from,
            from,
            to,
            reason: reason.to_string(),
        })
    }

    /// Does this condition hold for the trainee's latest line?
    pub fn holds(&self, scenario: &Scenario, condition: &Condition, signals: &[&str]) -> bool {
        let said = |name: &str| signals.contains(&name);
        match condition {
            Condition::Signal(name) => said(name),
            Condition::AnySignal(names) => names.iter().any(|n| said(n)),
            Condition::NoSignal(name) => !said(name),
            Condition::Meter(name, cmp) => cmp.holds(self.meter(scenario, name)),
            Condition::Flag(name) => self.flags.contains(name),
            Condition::NotFlag(name) => !self.flags.contains(name),
            Condition::Visits(node, cmp) => cmp.holds(f64::from(self.visits[*node])),
            Condition::Turn(cmp) => Self::turn_holds(cmp, self.trainee_turns),
        }
    }

    fn turn_holds(cmp: &Comparison, turns: u32) -> bool {
        cmp.holds(f64::from(turns))
    }
}
