//! What the debtor feels and remembers at this point of the call.

use std::collections::BTreeSet;

use crate::scenario::{Comparison, Condition, Scenario};
use crate::transcript::MeterChange;

#[derive(Debug, Clone)]
pub struct State {
    pub node: usize,
    pub meters: Vec<f64>,
    pub flags: BTreeSet<String>,
    pub visits: Vec<u32>,
    pub trainee_turns: u32,
    pub reactions_fired: Vec<bool>,
    pub ended: bool,
}

impl State {
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
