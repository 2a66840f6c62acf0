//! The checked scenario the engine runs: node ids resolved to indexes, comparisons
//! parsed, difficulty parameters substituted, templates compiled.

use crate::facts::Facts;
use crate::template::Templates;

#[derive(Debug)]
pub struct Scenario {
    pub id: String,
    pub title: String,
    pub summary: Option<String>,
    pub persona: Persona,
    pub difficulty: Difficulty,
    pub facts: Facts,
    /// Meters in file order with their starting values (0–100).
    pub meters: Vec<(String, f64)>,
    pub reactions: Vec<Reaction>,
    pub start: usize,
    /// Transitions checked on every turn before the current node's own.
    pub every_turn: Vec<Transition>,
    pub nodes: Vec<Node>,
    pub tests: Vec<Playthrough>,
    /// Where the scenario came from (a path, or `builtin:scenarios/x.yaml`).
    pub source: String,
    /// SHA-256 of the file's bytes, recorded in every session.
    pub sha256: String,
    pub templates: Templates,
}

#[derive(Debug, Clone)]
pub struct Persona {
    pub name: String,
    pub kind: String,
    pub traits: Vec<String>,
    pub background: Option<String>,
}

#[derive(Debug, Clone)]
pub struct Difficulty {
    pub label: String,
    pub params: Vec<(String, f64)>,
}

#[derive(Debug)]
pub struct Reaction {
    pub signal: String,
    pub adjust: Vec<(String, f64)>,
    pub because: String,
    pub once: bool,
}

#[derive(Debug)]
pub struct Node {
    pub id: String,
    pub say: Vec<Line>,
    pub again: Vec<Line>,
    pub events: Vec<String>,
    pub hint: Option<String>,
    pub model: Option<String>,
    pub on: Vec<Transition>,
    pub end: Option<Ending>,
}

/// One debtor line variant; `template` names it in [`Templates`].
#[derive(Debug)]
pub struct Line {
    pub template: String,
    pub weight: u32,
    pub events: Vec<String>,
}

#[derive(Debug)]
pub struct Transition {
    pub conditions: Vec<Condition>,
    pub adjust: Vec<(String, f64)>,
    pub because: Option<String>,
    pub set: Vec<String>,
    pub clear: Vec<String>,
    pub goto: Option<usize>,
}

#[derive(Debug, Clone)]
pub enum Condition {
    Signal(String),
    AnySignal(Vec<String>),
    NoSignal(String),
    Meter(String, Comparison),
    Flag(String),
    NotFlag(String),
    Visits(usize, Comparison),
    Turn(Comparison),
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Op {
    Lt,
    Le,
    Gt,
    Ge,
    Eq,
    Ne,
}

/// `>= 40`, with any difficulty parameter already replaced by its value.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Comparison {
    pub op: Op,
    pub value: f64,
}

impl Comparison {
    pub fn holds(&self, actual: f64) -> bool {
        match self.op {
            Op::Lt => actual < self.value,
            Op::Le => actual <= self.value,
            Op::Gt => actual > self.value,
            Op::Ge => actual >= self.value,
            Op::Eq => actual == self.value,
            Op::Ne => actual != self.value,
        }
    }

    /// Parses `">= 40"` or `"> patience"`; parameters are looked up in `params`.
    pub fn parse(text: &str, params: &[(String, f64)]) -> Result<Comparison, String> {
        let text = text.trim();
        let ops = [
            (">=", Op::Ge),
            ("<=", Op::Le),
            ("!=", Op::Ne),
            ("==", Op::Eq),
            (">", Op::Gt),
            ("<", Op::Lt),
            ("=", Op::Eq),
        ];
        let (op, rest) = ops
            .iter()
            .find_map(|(symbol, op)| text.strip_prefix(symbol).map(|rest| (*op, rest.trim())))
            .ok_or_else(|| format!("`{text}` should start with one of >=, <=, >, <, ==, !="))?;
        let value = match rest.parse::<f64>() {
            Ok(number) if number.is_finite() => number,
            Ok(_) => return Err(format!("`{rest}` is not a number a meter can be compared with; use a finite number")),
            Err(_) => params.iter().find(|(name, _)| name == rest).map(|(_, value)| *value).ok_or_else(|| {
                format!("`{rest}` is neither a number nor a difficulty parameter set in this scenario")
            })?,
        };
        Ok(Comparison { op, value })
    }
}

#[derive(Debug, Clone)]
pub struct Ending {
    pub outcome: String,
    pub success: bool,
    pub summary: Option<String>,
}

#[derive(Debug, Clone)]
pub struct Playthrough {
    pub name: String,
    pub seed: Option<u64>,
    pub say: Vec<String>,
    /// Other wordings of the last line, each played in its place.
    pub also_say: Vec<String>,
    pub expect_ending: Option<String>,
    pub expect_success: Option<bool>,
    pub expect_node: Option<String>,
    pub expect_meters: Vec<(String, Comparison)>,
    pub expect_flags: Vec<String>,
    pub expect_findings: Vec<String>,
    pub expect_no_findings: Vec<String>,
}

impl Playthrough {
    /// The lines as written, then once with each `also_say` wording as the last
    /// line; each with the wording that replaced the last line, if any.
    pub fn variants(&self) -> Vec<(Option<&str>, Vec<String>)> {
        let mut variants = vec![(None, self.say.clone())];
        for other in &self.also_say {
            let mut say = self.say.clone();
            if let Some(last) = say.last_mut() {
                last.clone_from(other);
            }
            variants.push((Some(other.as_str()), say));
        }
        variants
    }
}

impl Scenario {
    pub fn node_index(&self, id: &str) -> Option<usize> {
        self.nodes.iter().position(|n| n.id == id)
    }

    /// Every ending in node order, with the node that holds it.
    pub fn endings(&self) -> impl Iterator<Item = (&Node, &Ending)> {
        self.nodes.iter().filter_map(|n| n.end.as_ref().map(|e| (n, e)))
    }

    pub fn jurisdiction(&self) -> &str {
        self.facts.text("jurisdiction").unwrap_or("US")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn comparisons_read_numbers_and_parameters() {
        let params = vec![("patience".to_string(), 12.0)];
        let c = Comparison::parse("> patience", &params).unwrap();
        assert!(c.holds(13.0) && !c.holds(12.0));
        assert!(Comparison::parse(">= 40", &params).unwrap().holds(40.0));
        assert!(Comparison::parse("about 40", &params).is_err());
        assert!(Comparison::parse("> stamina", &params).unwrap_err().contains("stamina"));
    }
}
