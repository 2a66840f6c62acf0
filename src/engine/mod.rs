//! The persona engine. A [`Session`] is a plain value stepped by its caller (the
//! REPL, a script, a test): it never reads input itself, in the manner of ink and
//! Yarn Spinner runtimes. Each trainee line is detected once for signals, moves the
//! debtor's meters through the scenario's reactions, takes the first transition whose
//! conditions hold, and yields the debtor's reply.

pub mod rng;
mod state;

use std::sync::Arc;

use rng::CallRng;
pub use state::State;

use crate::scenario::{Ending, Line, Node, Scenario, Transition, template_data};
use crate::signals::{Context, Detector, OnTheLine};
use crate::transcript::{MeterChange, Speaker, Turn, exchange};

/// What the debtor says when no transition matched and the node has no `again:` lines.
const FALLBACK_LINES: [&str; 3] = ["Mm-hm.", "Sorry, what are you asking me?", "Okay...?"];

/// A call in progress: the scenario, where the debtor is, and every turn so far.
pub struct Session {
    scenario: Arc<Scenario>,
    detector: Arc<Detector>,
    context: handlebars::Context,
    seed: u64,
    rng: CallRng,
    state: State,
    turns: Vec<Turn>,
    /// Where this call began (the scenario's start, or `play --from NODE`).
    start: usize,
}

impl Session {
    /// Starts a call: the debtor picks up and says the start node's line.
    pub fn new(scenario: Arc<Scenario>, detector: Arc<Detector>, seed: u64) -> Session {
        let start = scenario.start;
        Session::starting_at(scenario, detector, seed, start)
    }

    /// Starts a call at any node (an author trying one part of a scenario).
    pub fn starting_at(scenario: Arc<Scenario>, detector: Arc<Detector>, seed: u64, start: usize) -> Session {
        let state = State::new(&scenario);
        let context = crate::template::context(&template_data(&scenario));
        let rng = CallRng::new(seed);
        let mut session = Session { scenario, detector, context, seed, rng, state, turns: Vec::new(), start };
        session.enter(start);
        session
    }

    /// Re-creates a call from its seed and the trainee's lines, in order.
    pub fn replay<'a>(
        scenario: Arc<Scenario>,
        detector: Arc<Detector>,
        seed: u64,
        lines: impl IntoIterator<Item = &'a str>,
    ) -> Session {
        let start = scenario.start;
        Session::replay_from(scenario, detector, seed, start, lines)
    }

    /// Like [`Session::replay`], for a call that began at node `start`.
    pub fn replay_from<'a>(
        scenario: Arc<Scenario>,
        detector: Arc<Detector>,
        seed: u64,
        start: usize,
        lines: impl IntoIterator<Item = &'a str>,
    ) -> Session {
        let mut session = Session::starting_at(scenario, detector, seed, start);
        for line in lines {
            session.respond(line);
        }
        session
    }

    /// The node this call began at.
    pub fn start(&self) -> usize {
        self.start
    }

    /// The trainee says `text`; returns the debtor's reply, or `None` when the line
    /// is blank (nothing is sent) or the call is already over.
    pub fn respond(&mut self, text: &str) -> Option<&Turn> {
        let text = text.trim();
        if text.is_empty() || self.state.ended {
            return None;
        }
        self.state.trainee_turns += 1;
        let node_id = self.node().id.clone();
        let mut turn = Turn::collector(text, &node_id);
        turn.signals = self.hear_reply(text);
        let signals: Vec<&str> = turn.signals.iter().map(|h| h.id.as_str()).collect();
        let mut changes = self.react(&signals);
        let chosen = self.choose(&signals);
        if let Some((transition, index)) = chosen {
            changes.extend(self.apply(transition, index));
        }
        turn.meter_changes = changes;
        self.turns.push(turn);
        match chosen.and_then(|(t, i)| self.transition(t, i).goto) {
            Some(next) => self.enter(next),
            None => self.stay(),
        }
        self.turns.last()
    }

    /// What the trainee's line does, read in what it answers: the debtor's last
    /// lines (since the trainee last spoke), and who is on the line after
    /// everything the debtor has said so far.
    fn hear_reply(&self, text: &str) -> Vec<crate::signals::Hit> {
        let facts = &self.scenario.facts;
        let mut on_the_line = OnTheLine::at_start(facts);
        for turn in self.turns.iter().filter(|t| t.speaker == Speaker::Debtor) {
            on_the_line.hear(&turn.events);
        }
        let last = self.turns.iter().rposition(|t| t.speaker == Speaker::Debtor);
        let said = last.and_then(|i| exchange::said_up_to(&self.turns, i));
        let context = Context {
            debtor_text: said.as_ref().map_or("", |t| t.text.as_str()),
            debtor_events: said.as_ref().map_or(&[], |t| t.events.as_slice()),
            third_party: on_the_line.is_third_party(),
            facts,
        };
        self.detector.signals(text, &context)
    }

    /// Applies the scenario's reactions to the signals in the trainee's line.
    fn react(&mut self, signals: &[&str]) -> Vec<MeterChange> {
        let scenario = Arc::clone(&self.scenario);
        let mut changes = Vec::new();
        for (i, reaction) in scenario.reactions.iter().enumerate() {
            if !signals.contains(&reaction.signal.as_str()) || (reaction.once && self.state.reactions_fired[i]) {
                continue;
            }
            self.state.reactions_fired[i] = true;
            for (meter, delta) in &reaction.adjust {
                changes.extend(self.state.adjust(&scenario, meter, *delta, &reaction.because));
            }
        }
        changes
    }

    /// The first transition whose conditions hold: `every_turn` first, then the
    /// node's own. Returned as (which list, index) to keep borrows simple.
    fn choose(&self, signals: &[&str]) -> Option<(TransitionList, usize)> {
        let holds = |t: &Transition| t.conditions.iter().all(|c| self.state.holds(&self.scenario, c, signals));
        if let Some(i) = self.scenario.every_turn.iter().position(holds) {
            return Some((TransitionList::EveryTurn, i));
        }
        self.node().on.iter().position(holds).map(|i| (TransitionList::Node(self.state.node), i))
    }

    fn transition(&self, list: TransitionList, index: usize) -> &Transition {
        list.get(&self.scenario, index)
    }

    fn apply(&mut self, list: TransitionList, index: usize) -> Vec<MeterChange> {
        let scenario = Arc::clone(&self.scenario);
        let transition = list.get(&scenario, index);
        let reason = transition.because.clone().unwrap_or_else(|| {
            let from = &scenario.nodes[self.state.node].id;
            match transition.goto {
                Some(to) => format!("{from} → {}", scenario.nodes[to].id),
                None => format!("at {from}"),
            }
        });
        for flag in &transition.set {
            self.state.flags.insert(flag.clone());
        }
        for flag in &transition.clear {
            self.state.flags.remove(flag);
        }
        transition
            .adjust
            .iter()
            .filter_map(|(meter, delta)| self.state.adjust(&scenario, meter, *delta, &reason))
            .collect()
    }

    /// Moves to `node` and says one of its lines.
    fn enter(&mut self, node: usize) {
        self.state.node = node;
        self.state.visits[node] += 1;
        let scenario = Arc::clone(&self.scenario);
        let target = &scenario.nodes[node];
        self.say(target, &target.say);
        if target.end.is_some() {
            self.state.ended = true;
        }
    }

    /// Nothing moved the call on: the debtor answers from the node's `again:` lines.
    fn stay(&mut self) {
        let scenario = Arc::clone(&self.scenario);
        let node = &scenario.nodes[self.state.node];
        if node.again.is_empty() {
            let pick = self.rng.pick(&[1; FALLBACK_LINES.len()]);
            self.push_debtor(FALLBACK_LINES[pick].to_string(), node, Vec::new());
        } else {
            self.say(node, &node.again);
        }
    }

    fn say(&mut self, node: &Node, lines: &[Line]) {
        let weights: Vec<u32> = lines.iter().map(|l| l.weight).collect();
        let line = &lines[self.rng.pick(&weights)];
        let text = self
            .scenario
            .templates
            .render_in(&line.template, &self.context)
            .unwrap_or_else(|error| format!("[this line could not be rendered: {error}]"));
        self.push_debtor(text, node, line.events.clone());
    }

    fn push_debtor(&mut self, text: String, node: &Node, line_events: Vec<String>) {
        let mut events = node.events.clone();
        events.extend(line_events);
        events.dedup();
        for event in &events {
            self.state.flags.insert(event.clone());
        }
        self.turns.push(Turn::debtor(text, &node.id, events));
    }

    /// The scenario being played.
    pub fn scenario(&self) -> &Arc<Scenario> {
        &self.scenario
    }

    /// The lexicon's detector the call hears lines with.
    pub fn detector(&self) -> Arc<Detector> {
        Arc::clone(&self.detector)
    }

    /// The seed that replays the call.
    pub fn seed(&self) -> u64 {
        self.seed
    }

    /// The turns so far.
    pub fn turns(&self) -> &[Turn] {
        &self.turns
    }

    /// The node the debtor is at.
    pub fn node(&self) -> &Node {
        &self.scenario.nodes[self.state.node]
    }

    /// Meters, flags and visits now.
    pub fn state(&self) -> &State {
        &self.state
    }

    /// The ending reached, once the call is over.
    pub fn ending(&self) -> Option<&Ending> {
        if self.state.ended { self.node().end.as_ref() } else { None }
    }

    /// Whether the call has reached an ending.
    pub fn is_over(&self) -> bool {
        self.state.ended
    }

    /// Current meter values in the scenario's order.
    pub fn meters(&self) -> Vec<(String, f64)> {
        self.scenario.meters.iter().map(|(n, _)| n.clone()).zip(self.state.meters.iter().copied()).collect()
    }

    /// Everything the trainee has said, in order (what `replay` needs).
    pub fn trainee_lines(&self) -> Vec<String> {
        self.turns.iter().filter(|t| t.speaker == Speaker::Collector).map(|t| t.text.clone()).collect()
    }
}

#[derive(Debug, Clone, Copy)]
enum TransitionList {
    EveryTurn,
    Node(usize),
}

impl TransitionList {
    fn get(self, scenario: &Scenario, index: usize) -> &Transition {
        match self {
            TransitionList::EveryTurn => &scenario.every_turn[index],
            TransitionList::Node(node) => &scenario.nodes[node].on[index],
        }
    }
}
