//! The checked scenario the engine runs: node ids resolved to indexes, comparisons
//! parsed, difficulty parameters substituted, templates compiled.

use crate::facts::Facts;
use crate::template::Templates;

/// A scenario file checked and compiled: the debtor the engine plays.
#[derive(Debug)]
pub struct Scenario {
    /// The scenario's id (`hardship-job-loss`), used on the command line and in sessions.
    pub id: String,
    /// The title shown in lists and at the top of a call.
    pub title: String,
    /// A paragraph for the trainee before the call: who they are calling and why.
    pub summary: Option<String>,
    /// Who the debtor is.
    pub persona: Persona,
    /// The difficulty level chosen, with its parameters.
    pub difficulty: Difficulty,
    /// Facts of the account (consumer, creditor, balance...) the lines and rules read.
    pub facts: Facts,
    /// Meters in file order with their starting values (0–100).
    pub meters: Vec<(String, f64)>,
    /// Meter changes made whenever a signal is heard, wherever the call is.
    pub reactions: Vec<Reaction>,
    /// Index of the node the call starts at.
    pub start: usize,
    /// Transitions checked on every turn before the current node's own.
    pub every_turn: Vec<Transition>,
    /// The nodes of the call graph, in file order; transitions point at them by index.
    pub nodes: Vec<Node>,
    /// Playthrough tests that ship with the scenario (`collectsim test`).
    pub tests: Vec<Playthrough>,
    /// Where the scenario came from (a path, or `builtin:scenarios/x.yaml`).
    pub source: String,
    /// SHA-256 of the file's bytes, recorded in every session.
    pub sha256: String,
    /// The debtor's lines compiled as templates, by name.
    pub templates: Templates,
}

/// The debtor's identity and manner, as the author describes them.
#[derive(Debug, Clone)]
pub struct Persona {
    /// Full name, as the trainee must ask for it.
    pub name: String,
    /// The persona kind (`hardship`, `evasive`, `hostile`...).
    pub kind: String,
    /// A few words of manner (`anxious`, `honest`), shown to the trainee.
    pub traits: Vec<String>,
    /// The author's note on the debtor's life, shown before the call.
    pub background: Option<String>,
}

/// A difficulty level: its label and the parameters conditions may name.
#[derive(Debug, Clone)]
pub struct Difficulty {
    /// `standard`, `hard`...
    pub label: String,
    /// Parameters (`patience`, `disclose_after`) with their values at this level.
    pub params: Vec<(String, f64)>,
}

/// A meter change made whenever a signal is heard.
#[derive(Debug)]
pub struct Reaction {
    /// The signal or act that triggers it.
    pub signal: String,
    /// Meter changes, by meter name.
    pub adjust: Vec<(String, f64)>,
    /// Why, in words the trainee sees beside the meter.
    pub because: String,
    /// Only the first time the signal is heard in a call.
    pub once: bool,
}

/// One point in the call: what the debtor says there and where each reply leads.
#[derive(Debug)]
pub struct Node {
    /// The node's id in the file.
    pub id: String,
    /// What the debtor says on arriving (one variant is chosen by weight).
    pub say: Vec<Line>,
    /// What the debtor says on staying (when no transition matched).
    pub again: Vec<Line>,
    /// Debtor events this node's lines carry (a disclosure, a question...).
    pub events: Vec<String>,
    /// A coaching hint for the trainee at this point.
    pub hint: Option<String>,
    /// A model reply a supervisor wrote, shown in the debrief.
    pub model: Option<String>,
    /// Transitions, checked in order after the every-turn ones.
    pub on: Vec<Transition>,
    /// Set when the call ends here.
    pub end: Option<Ending>,
}

/// One debtor line variant; `template` names it in [`Templates`].
#[derive(Debug)]
pub struct Line {
    /// The template's name in [`Templates`].
    pub template: String,
    /// How often this variant is chosen relative to the others.
    pub weight: u32,
    /// Debtor events this variant carries beyond its node's.
    pub events: Vec<String>,
}

/// Where the debtor goes next and on what condition; the first that holds wins.
#[derive(Debug)]
pub struct Transition {
    /// Every condition must hold; none means always.
    pub conditions: Vec<Condition>,
    /// Meter changes made when it is taken.
    pub adjust: Vec<(String, f64)>,
    /// Why, in words the trainee sees beside the meter.
    pub because: Option<String>,
    /// Flags set when it is taken.
    pub set: Vec<String>,
    /// Flags cleared when it is taken.
    pub clear: Vec<String>,
    /// The node it leads to; none stays where the call is.
    pub goto: Option<usize>,
}

/// One test a transition makes of the turn.
#[derive(Debug, Clone)]
pub enum Condition {
    /// The trainee's line carries this signal or act.
    Signal(String),
    /// It carries any of these.
    AnySignal(Vec<String>),
    /// It does not carry this one.
    NoSignal(String),
    /// A meter compares so.
    Meter(String, Comparison),
    /// A flag is set.
    Flag(String),
    /// A flag is not set.
    NotFlag(String),
    /// The node at this index has been visited so many times.
    Visits(usize, Comparison),
    /// The turn number compares so.
    Turn(Comparison),
}

/// A comparison operator.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Op {
    /// `<`
    Lt,
    /// `<=`
    Le,
    /// `>`
    Gt,
    /// `>=`
    Ge,
    /// `==` (or `=`)
    Eq,
    /// `!=`
    Ne,
}

/// `>= 40`, with any difficulty parameter already replaced by its value.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Comparison {
    /// How to compare.
    pub op: Op,
    /// What with.
    pub value: f64,
}

impl Comparison {
    /// Whether `actual` compares with the value as required.
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
    pub fn parse(text: &str, params: &[(String, f64)]) -> crate::error::Result<Comparison> {
        use crate::error::Error::Malformed;
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
            .ok_or_else(|| Malformed(format!("`{text}` should start with one of >=, <=, >, <, ==, !=")))?;
        let value = match rest.parse::<f64>() {
            Ok(number) if number.is_finite() => number,
            Ok(_) => {
                return Err(Malformed(format!(
                    "`{rest}` is not a number a meter can be compared with; use a finite number"
                )));
            }
            Err(_) => params.iter().find(|(name, _)| name == rest).map(|(_, value)| *value).ok_or_else(|| {
                Malformed(format!("`{rest}` is neither a number nor a difficulty parameter set in this scenario"))
            })?,
        };
        Ok(Comparison { op, value })
    }
}

/// How a call ends at a node.
#[derive(Debug, Clone)]
pub struct Ending {
    /// The outcome's name (`plan_agreed`, `hung_up`), kept in the session.
    pub outcome: String,
    /// Whether the trainee reached a good ending.
    pub success: bool,
    /// What happened, for the end card.
    pub summary: Option<String>,
}

/// A scripted call: trainee lines and what must follow (`collectsim test`).
#[derive(Debug, Clone)]
pub struct Playthrough {
    /// The test's name, printed with its result.
    pub name: String,
    /// The seed; none uses the default, so the run is still fixed.
    pub seed: Option<u64>,
    /// The trainee lines, in order.
    pub say: Vec<String>,
    /// Other wordings of the last line, each played in its place.
    pub also_say: Vec<String>,
    /// The ending the call must reach.
    pub expect_ending: Option<String>,
    /// Whether that ending must be a success.
    pub expect_success: Option<bool>,
    /// The node the call must be at after the last line.
    pub expect_node: Option<String>,
    /// Meters that must compare so at the end.
    pub expect_meters: Vec<(String, Comparison)>,
    /// Flags that must be set at the end.
    pub expect_flags: Vec<String>,
    /// Rule ids that must be found when the call is scored.
    pub expect_findings: Vec<String>,
    /// Rule ids that must not be found.
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
    /// Index of the node with this id.
    pub fn node_index(&self, id: &str) -> Option<usize> {
        self.nodes.iter().position(|n| n.id == id)
    }

    /// Every ending in node order, with the node that holds it.
    pub fn endings(&self) -> impl Iterator<Item = (&Node, &Ending)> {
        self.nodes.iter().filter_map(|n| n.end.as_ref().map(|e| (n, e)))
    }

    /// `US` or `UK`, from the `jurisdiction` fact (US when unset).
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
        assert!(Comparison::parse("> stamina", &params).unwrap_err().to_string().contains("stamina"));
    }
}
