//! Raw scenario → checked model. Every problem is collected as a diagnostic located
//! through the YAML locator, so one `validate` run reports all of them.

use std::collections::BTreeMap;

use serde_json::json;
use sha2::{Digest, Sha256};

use super::model::*;
use super::raw::*;
use crate::diagnostic::{Diagnostic, Pos};
use crate::facts::{Facts, KNOWN_FACTS, check_fact};
use crate::signals::Lexicon;
use crate::source::SourceFile;
use crate::suggest::help_for;
use crate::template::{Templates, fact_references};
use crate::yaml::{Locator, Seg};
use crate::ypath;

/// Persona kinds the shipped library and scaffolds know; others are allowed.
pub const KNOWN_KINDS: &[&str] = &[
    "evasive",
    "hardship",
    "hostile",
    "disputing",
    "third-party",
    "attorney",
    "time-barred",
    "cease",
    "vulnerable",
    "wrong-number",
    "broken-promise",
];

pub struct Compiler<'a> {
    file: &'a SourceFile,
    locator: &'a Locator,
    lexicon: &'a Lexicon,
    pub problems: Vec<Diagnostic>,
    node_ids: Vec<String>,
    /// Each node id's first index: looked up for every `goto`, so a scenario of
    /// 50,000 nodes is checked in linear time.
    node_index: std::collections::HashMap<String, usize>,
    meter_names: Vec<String>,
    flags: Vec<String>,
    params: Vec<(String, f64)>,
    /// The level being compiled (none: the scenario's own difficulty); only
    /// playthroughs for this level are kept.
    pub level: Option<String>,
}

impl<'a> Compiler<'a> {
    pub fn new(file: &'a SourceFile, locator: &'a Locator, lexicon: &'a Lexicon) -> Self {
        Compiler {
            file,
            locator,
            lexicon,
            problems: Vec::new(),
            node_ids: Vec::new(),
            node_index: std::collections::HashMap::new(),
            meter_names: Vec::new(),
            flags: Vec::new(),
            params: Vec::new(),
            level: None,
        }
    }

    fn at(&self, path: &[Seg]) -> Pos {
        self.locator.value(path)
    }

    fn error(&mut self, path: &[Seg], message: impl Into<String>, help: impl Into<String>) {
        let pos = self.at(path);
        self.problems.push(Diagnostic::error(self.file, pos, message).with_help(help));
    }

    fn warn(&mut self, path: &[Seg], message: impl Into<String>, help: impl Into<String>) {
        let pos = self.at(path);
        self.problems.push(Diagnostic::warning(self.file, pos, message).with_help(help));
    }

    /// Compiles the whole scenario. Returns `None` when any error was found.
    pub fn compile(&mut self, raw: RawScenario) -> Option<Scenario> {
        self.check_header(&raw);
        self.node_ids = raw.nodes.iter().map(|n| n.id.clone()).collect();
        for (index, id) in self.node_ids.iter().enumerate() {
            self.node_index.entry(id.clone()).or_insert(index);
        }
        self.meter_names = raw.meters.keys().cloned().collect();
        self.params = difficulty_params(&raw.difficulty);
        self.flags = declared_flags(&raw, self.lexicon);
        self.check_duplicate_nodes(&raw.nodes);
        let facts = self.compile_facts(&raw.facts);
        let meters = self.compile_meters(&raw.meters);
        let reactions = self.compile_reactions(&raw.reactions);
        let every_turn = self.compile_transitions(&raw.every_turn, &[Seg::Key("every_turn")]);
        let mut templates = Templates::new(facts.currency());
        let nodes: Vec<Node> =
            (0..raw.nodes.len()).map(|i| self.compile_node(&raw.nodes[i], i, &facts, &mut templates)).collect();
        let start = self.compile_start(raw.start.as_deref());
        let tests = self.compile_tests(&raw.tests);
        let scenario = Scenario {
            id: raw.id,
            title: raw.title,
            summary: raw.summary,
            persona: Persona {
                name: raw.persona.name,
                kind: raw.persona.kind,
                traits: raw.persona.traits,
                background: raw.persona.background,
            },
            difficulty: Difficulty { label: raw.difficulty.label, params: self.params.clone() },
            facts,
            meters,
            reactions,
            start,
            every_turn,
            nodes,
            tests,
            source: self.file.name.clone(),
            sha256: sha256_hex(self.file.text.as_bytes()),
            templates,
        };
        if !self.problems.iter().any(Diagnostic::is_error) {
            self.check_lines_render(&scenario);
        }
        // Graph checks on a graph with broken edges would only add noise.
        if !self.problems.iter().any(Diagnostic::is_error) {
            let lint = super::lint::lint(&scenario, self.file, self.locator);
            self.problems.extend(lint);
        }
        (!self.problems.iter().any(Diagnostic::is_error)).then_some(scenario)
    }

    /// Every debtor line renders with the scenario's own data, and none uses a
    /// partial (`{{> file}}`): a line that cannot be shown once passed `validate`
    /// and failed in the middle of a call.
    fn check_lines_render(&mut self, scenario: &Scenario) {
        let data = template_data(scenario);
        for (i, node) in scenario.nodes.iter().enumerate() {
            for (key, lines) in [("say", &node.say), ("again", &node.again)] {
                for (j, line) in lines.iter().enumerate() {
                    let partial = scenario.templates.uses_partial(&line.template);
                    let problem = match scenario.templates.render(&line.template, &data) {
                        _ if partial => "the line uses a partial (`{{> ...}}`), which debtor lines cannot".to_string(),
                        Err(error) => format!("the line cannot be shown: {error}"),
                        Ok(_) => continue,
                    };
                    let path = [Seg::Key("nodes"), Seg::Index(i), Seg::Key(key), Seg::Index(j)];
                    self.error(
                        &path,
                        problem,
                        "use `{{facts.NAME}}`, `{{persona.name}}`, `{{money facts.balance}}` and `{{#if}}` only",
                    );
                }
            }
        }
    }

    fn check_header(&mut self, raw: &RawScenario) {
        if raw.format != 1 {
            self.error(
                &ypath!["format"],
                format!("unsupported format {}", raw.format),
                "this version of collectsim reads `format: 1`",
            );
        }
        let valid_id =
            !raw.id.is_empty() && raw.id.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
        if !valid_id {
            self.error(
                &ypath!["id"],
                format!("scenario id `{}` is not a slug", raw.id),
                "use lowercase letters, digits and dashes, like `hardship-job-loss`",
            );
        }
        if !KNOWN_KINDS.contains(&raw.persona.kind.as_str()) {
            let help = help_for(&raw.persona.kind, KNOWN_KINDS.iter().copied(), "kinds");
            self.warn(
                &ypath!["persona", "kind"],
                format!("persona kind `{}` is not one collectsim knows", raw.persona.kind),
                help,
            );
        }
        if raw.nodes.is_empty() {
            self.error(&ypath!["nodes"], "the scenario has no nodes", "add at least an opening node and an ending");
        }
    }

    fn check_duplicate_nodes(&mut self, nodes: &[RawNode]) {
        for (i, node) in nodes.iter().enumerate() {
            let first = self.node_index.get(&node.id).copied().filter(|&first| first < i);
            if let Some(first) = first {
                let line = self.at(&ypath!["nodes", first, "id"]).line;
                self.error(
                    &ypath!["nodes", i, "id"],
                    format!("duplicate node id `{}`", node.id),
                    format!("the first `{}` is on line {line}; rename one of them", node.id),
                );
            }
        }
    }

    fn compile_facts(&mut self, raw: &BTreeMap<String, serde_json::Value>) -> Facts {
        for (name, value) in raw {
            if let Some(problem) = check_fact(name, value) {
                self.error(&ypath!["facts", name.as_str()], problem, "see the fact vocabulary in the README");
            }
        }
        if !raw.contains_key("jurisdiction") {
            self.error(
                &ypath!["facts"],
                "facts have no `jurisdiction`",
                "add `jurisdiction: US` or `jurisdiction: UK`; it selects the compliance rules",
            );
        }
        Facts(raw.clone())
    }

    fn compile_meters(&mut self, raw: &BTreeMap<String, f64>) -> Vec<(String, f64)> {
        let order = self.keys_in_file_order(&["meters"], raw.keys());
        order
            .into_iter()
            .map(|name| {
                let value = raw[&name];
                if !(0.0..=100.0).contains(&value) {
                    self.error(
                        &ypath!["meters", name.as_str()],
                        format!("meter `{name}` starts at {value}"),
                        "meters run from 0 to 100",
                    );
                }
                (name, value.clamp(0.0, 100.0))
            })
            .collect()
    }

    /// Map keys in the order the author wrote them (serde gives them sorted).
    fn keys_in_file_order<'k>(&self, path: &[&str], keys: impl Iterator<Item = &'k String>) -> Vec<String> {
        let mut keys: Vec<String> = keys.cloned().collect();
        keys.sort_by_key(|k| {
            let mut full: Vec<Seg> = path.iter().map(|p| Seg::Key(p)).collect();
            full.push(Seg::Key(k));
            let pos = self.locator.key(&full);
            (pos.line, pos.column)
        });
        keys
    }

    fn compile_reactions(&mut self, raw: &[RawReaction]) -> Vec<Reaction> {
        raw.iter()
            .enumerate()
            .map(|(i, r)| {
                self.check_signal(&r.signal, &ypath!["reactions", i, "signal"]);
                let adjust = self.compile_adjust(&r.adjust, &ypath!["reactions", i, "adjust"]);
                Reaction { signal: r.signal.clone(), adjust, because: r.because.clone(), once: r.once }
            })
            .collect()
    }

    fn compile_adjust(&mut self, raw: &BTreeMap<String, f64>, path: &[Seg]) -> Vec<(String, f64)> {
        for name in raw.keys() {
            self.check_meter(name, &[path, &[Seg::Key(name)]].concat());
        }
        raw.iter().map(|(k, v)| (k.clone(), *v)).collect()
    }

    fn check_signal(&mut self, name: &str, path: &[Seg]) {
        if !self.lexicon.has_signal(name) {
            let help = help_for(name, self.lexicon.doing_ids(), "signals");
            self.error(path, format!("unknown signal `{name}`"), help);
        }
    }

    fn check_event(&mut self, name: &str, path: &[Seg]) {
        if !self.lexicon.has_event(name) {
            let help = help_for(name, self.lexicon.event_ids(), "events");
            self.error(path, format!("unknown debtor event `{name}`"), help);
        }
    }

    fn check_meter(&mut self, name: &str, path: &[Seg]) {
        if !self.meter_names.iter().any(|m| m == name) {
            let names = self.meter_names.clone();
            let help = if names.is_empty() {
                "declare it under `meters:` with a starting value".to_string()
            } else {
                help_for(name, names.iter().map(String::as_str), "meters")
            };
            self.error(path, format!("unknown meter `{name}`"), help);
        }
    }

    fn check_flag(&mut self, name: &str, path: &[Seg]) {
        if !self.flags.iter().any(|f| f == name) {
            let flags = self.flags.clone();
            let help = help_for(name, flags.iter().map(String::as_str), "flags and events");
            self.error(
                path,
                format!("flag `{name}` is never set"),
                format!("{help} (flags come from `set:` or from debtor events)"),
            );
        }
    }

    fn node_target(&mut self, name: &str, path: &[Seg]) -> Option<usize> {
        let found = self.node_index.get(name).copied();
        if found.is_none() {
            let help = help_for(name, self.node_ids.iter().map(String::as_str), "nodes");
            self.error(path, format!("`{name}` is not a node in this scenario"), help);
        }
        found
    }

    fn comparison(&mut self, text: &str, path: &[Seg]) -> Option<Comparison> {
        match Comparison::parse(text, &self.params) {
            Ok(c) => Some(c),
            Err(problem) => {
                self.error(
                    path,
                    format!("cannot read comparison: {problem}"),
                    "write it like \">= 40\" or \"> patience\"",
                );
                None
            }
        }
    }

    fn compile_transitions(&mut self, raw: &[RawTransition], path: &[Seg]) -> Vec<Transition> {
        raw.iter().enumerate().map(|(i, t)| self.compile_transition(t, &[path, &[Seg::Index(i)]].concat())).collect()
    }

    fn compile_transition(&mut self, raw: &RawTransition, path: &[Seg]) -> Transition {
        let conditions = self.compile_conditions(raw, path);
        let adjust = self.compile_adjust(&raw.adjust, &[path, &[Seg::Key("adjust")]].concat());
        let goto = raw.goto.as_ref().and_then(|g| self.node_target(g, &[path, &[Seg::Key("goto")]].concat()));
        if raw.goto.is_none() && raw.adjust.is_empty() && raw.set.0.is_empty() && raw.clear.0.is_empty() {
            self.warn(path, "this transition does nothing", "add `goto:`, `adjust:` or `set:`");
        }
        Transition {
            conditions,
            adjust,
            because: raw.because.clone(),
            set: raw.set.0.clone(),
            clear: raw.clear.0.clone(),
            goto,
        }
    }

    fn compile_conditions(&mut self, raw: &RawTransition, path: &[Seg]) -> Vec<Condition> {
        let sub = |key: &'static str| [path, &[Seg::Key(key)]].concat();
        let mut conditions = Vec::new();
        for (key, names) in [("if", &raw.if_signals), ("any", &raw.any), ("unless", &raw.unless)] {
            for (j, name) in names.0.iter().enumerate() {
                let at = [sub(key), vec![Seg::Index(j)]].concat();
                self.check_signal(name, &at);
            }
        }
        conditions.extend(raw.if_signals.0.iter().cloned().map(Condition::Signal));
        if !raw.any.0.is_empty() {
            conditions.push(Condition::AnySignal(raw.any.0.clone()));
        }
        conditions.extend(raw.unless.0.iter().cloned().map(Condition::NoSignal));
        for (name, text) in &raw.meters {
            let at = [sub("meters"), vec![Seg::Key(name)]].concat();
            self.check_meter(name, &at);
            if let Some(c) = self.comparison(text, &at) {
                conditions.push(Condition::Meter(name.clone(), c));
            }
        }
        for (key, names, positive) in [("flags", &raw.flags, true), ("not_flags", &raw.not_flags, false)] {
            for name in &names.0 {
                self.check_flag(name, &sub(key));
                conditions.push(if positive {
                    Condition::Flag(name.clone())
                } else {
                    Condition::NotFlag(name.clone())
                });
            }
        }
        for (node, text) in &raw.visits {
            let at = [sub("visits"), vec![Seg::Key(node)]].concat();
            let target = self.node_target(node, &at);
            if let (Some(target), Some(c)) = (target, self.comparison(text, &at)) {
                conditions.push(Condition::Visits(target, c));
            }
        }
        if let Some(text) = &raw.turn {
            if let Some(c) = self.comparison(text, &sub("turn")) {
                conditions.push(Condition::Turn(c));
            }
        }
        conditions
    }

    fn compile_node(&mut self, raw: &RawNode, index: usize, facts: &Facts, templates: &mut Templates) -> Node {
        let path = ypath!["nodes", index];
        for (e, event) in raw.events.iter().enumerate() {
            self.check_event(event, &[&path[..], &ypath!["events", e][..]].concat());
        }
        if raw.say.is_empty() {
            self.error(
                &path,
                format!("node `{}` has no `say:` lines", raw.id),
                "give the debtor at least one line to say here",
            );
        }
        let say = self.compile_lines(&raw.say, &raw.id, "say", &path, facts, templates);
        let again = self.compile_lines(&raw.again, &raw.id, "again", &path, facts, templates);
        let on = self.compile_transitions(&raw.on, &[&path[..], &ypath!["on"][..]].concat());
        let end = raw.end.as_ref().map(|e| Ending {
            outcome: e.outcome.clone(),
            success: e.success,
            summary: e.summary.clone(),
        });
        if end.is_some() && !raw.on.is_empty() {
            self.warn(
                &[&path[..], &ypath!["on"][..]].concat(),
                format!("node `{}` is an ending, so its transitions are never taken", raw.id),
                "remove `on:` or `end:`",
            );
        }
        Node {
            id: raw.id.clone(),
            say,
            again,
            events: raw.events.clone(),
            hint: raw.hint.clone(),
            model: raw.model.clone(),
            on,
            end,
        }
    }

    fn compile_lines(
        &mut self,
        raw: &[RawLine],
        node: &str,
        key: &'static str,
        node_path: &[Seg],
        facts: &Facts,
        templates: &mut Templates,
    ) -> Vec<Line> {
        let mut lines = Vec::new();
        for (i, line) in raw.iter().enumerate() {
            let path = [node_path, &[Seg::Key(key), Seg::Index(i)]].concat();
            let name = format!("{node}/{key}/{i}");
            if let Err(problem) = templates.add(&name, &line.text) {
                self.error(&path, problem.to_string(), "close every `{{#if}}` with `{{/if}}` and every `{{` with `}}`");
            }
            for fact in fact_references(&line.text) {
                if facts.get(&fact).is_none() {
                    let known: Vec<&str> =
                        facts.0.keys().map(String::as_str).chain(KNOWN_FACTS.iter().map(|f| f.0)).collect();
                    let help = help_for(&fact, known.iter().copied(), "facts");
                    self.error(
                        &path,
                        format!("the line uses `facts.{fact}`, which this scenario does not set"),
                        format!("add `{fact}:` under `facts:`, or {help}"),
                    );
                }
            }
            for event in &line.events {
                self.check_event(event, &[&path[..], &ypath!["events"][..]].concat());
            }
            if line.weight == 0 {
                self.warn(&path, "a line with weight 0 is never said", "give it a weight of 1 or more, or delete it");
            }
            lines.push(Line { template: name, weight: line.weight, events: line.events.clone() });
        }
        lines
    }

    fn compile_start(&mut self, start: Option<&str>) -> usize {
        match start {
            Some(name) => self.node_target(name, &ypath!["start"]).unwrap_or(0),
            None => 0,
        }
    }

    fn compile_tests(&mut self, raw: &[RawPlaythrough]) -> Vec<Playthrough> {
        let level = self.level.clone();
        raw.iter()
            .enumerate()
            .filter(|(_, t)| t.level == level)
            .map(|(i, t)| {
                if !t.also_say.is_empty() && t.say.is_empty() {
                    self.error(
                        &ypath!["tests", i, "also_say"],
                        "`also_say` gives other wordings of the last `say` line, but `say` is empty".to_string(),
                        "put the line these are other wordings of under `say`",
                    );
                }
                let path = ypath!["tests", i, "expect"];
                if let Some(node) = &t.expect.node {
                    self.node_target(node, &[&path[..], &ypath!["node"][..]].concat());
                }
                let meters = t
                    .expect
                    .meters
                    .iter()
                    .filter_map(|(name, text)| {
                        let at = [&path[..], &ypath!["meters", name.as_str()][..]].concat();
                        self.check_meter(name, &at);
                        self.comparison(text, &at).map(|c| (name.clone(), c))
                    })
                    .collect();
                Playthrough {
                    name: t.name.clone(),
                    seed: t.seed,
                    say: t.say.clone(),
                    also_say: t.also_say.clone(),
                    expect_ending: t.expect.ending.clone(),
                    expect_success: t.expect.success,
                    expect_node: t.expect.node.clone(),
                    expect_meters: meters,
                    expect_flags: t.expect.flags.0.clone(),
                    expect_findings: t.expect.findings.0.clone(),
                    expect_no_findings: t.expect.no_findings.0.clone(),
                }
            })
            .collect()
    }
}

/// The scenario at one of its levels: its own id and title with the level's label,
/// and the level's parameters over the scenario's.
pub fn at_level(raw: &RawScenario, level: &RawDifficulty) -> RawScenario {
    let mut at = raw.clone();
    at.id = format!("{}-{}", raw.id, level.label);
    at.title = format!("{} ({})", raw.title, level.label);
    at.difficulty = RawDifficulty {
        label: level.label.clone(),
        patience: level.patience.or(raw.difficulty.patience),
        disclose_after: level.disclose_after.or(raw.difficulty.disclose_after),
        objections: level.objections.or(raw.difficulty.objections),
    };
    at.levels = Vec::new();
    at
}

/// Level labels are unique, differ from the scenario's own, make a valid id, and
/// every playthrough's `level` names one of them.
pub fn check_levels(file: &SourceFile, locator: &Locator, raw: &RawScenario) -> Vec<Diagnostic> {
    let mut problems = Vec::new();
    let labels: Vec<&str> = raw.levels.iter().map(|l| l.label.as_str()).collect();
    for (i, label) in labels.iter().enumerate() {
        let at = locator.value(&ypath!["levels", i, "label"]);
        let valid =
            !label.is_empty() && label.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
        if !valid {
            problems.push(
                Diagnostic::error(file, at, format!("level `{label}` cannot be part of an id"))
                    .with_help("use lower-case letters, digits and dashes, e.g. `hard`"),
            );
        } else if labels[..i].contains(label) || *label == raw.difficulty.label {
            problems.push(
                Diagnostic::error(file, at, format!("level `{label}` is defined twice"))
                    .with_help("give each level (and the scenario's own difficulty) a different label"),
            );
        }
    }
    for (i, test) in raw.tests.iter().enumerate() {
        if let Some(level) = test.level.as_deref().filter(|l| !labels.contains(l)) {
            problems.push(
                Diagnostic::error(
                    file,
                    locator.value(&ypath!["tests", i, "level"]),
                    format!("unknown level `{level}`"),
                )
                .with_help(crate::suggest::help_for(level, labels.iter().copied(), "levels")),
            );
        }
    }
    problems
}

fn difficulty_params(raw: &RawDifficulty) -> Vec<(String, f64)> {
    [("patience", raw.patience), ("disclose_after", raw.disclose_after), ("objections", raw.objections)]
        .into_iter()
        .filter_map(|(name, value)| value.map(|v| (name.to_string(), v)))
        .collect()
}

/// Flags a condition may test: those some transition sets, and every debtor event
/// (heard events become flags automatically).
fn declared_flags(raw: &RawScenario, lexicon: &Lexicon) -> Vec<String> {
    let transitions = raw.every_turn.iter().chain(raw.nodes.iter().flat_map(|n| n.on.iter()));
    let mut flags: Vec<String> = transitions.flat_map(|t| t.set.0.iter().cloned()).collect();
    flags.extend(lexicon.event_ids().map(str::to_string));
    flags.sort();
    flags.dedup();
    flags
}

/// SHA-256 of `bytes` as lower-case hex, as sessions and scorecards record files.
pub fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes).iter().map(|b| format!("{b:02x}")).collect()
}

/// The data every debtor line template sees.
pub fn template_data(scenario: &Scenario) -> serde_json::Value {
    json!({
        "facts": scenario.facts,
        "persona": {"name": scenario.persona.name, "kind": scenario.persona.kind, "traits": scenario.persona.traits},
        "difficulty": scenario.difficulty.params.iter().cloned().collect::<BTreeMap<String, f64>>(),
    })
}
