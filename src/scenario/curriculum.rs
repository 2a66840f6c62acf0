//! The onboarding curriculum: which scenarios a new collector plays, in what order,
//! what each one needs first, and which calls make up the assessment that says a
//! trainee is ready. `collectsim list` shows it; `progress` judges readiness by it.
//!
//! ```yaml
//! format: 1
//! title: Collector onboarding
//! steps:
//!   - scenario: hardship-job-loss
//!     why: The gentlest call - verify, disclose, listen, agree a plan.
//!   - scenario: evasive-tell-my-wife
//!     after: [hardship-job-loss]
//! assessment: [hardship-job-loss, evasive-tell-my-wife]
//! ```

use serde::Deserialize;

use super::raw::OneOrMany;
use crate::diagnostic::Diagnostic;
use crate::fields::fields_of;
use crate::source::SourceFile;
use crate::suggest::help_for;
use crate::yaml::{Locator, Schema, Seg, Step as Path};
use crate::ypath;

/// The curriculum shipped in the binary; `scenarios/curriculum.yaml` on disk replaces it.
pub const BUILTIN: (&str, &str) = ("scenarios/curriculum.yaml", include_str!("../../scenarios/curriculum.yaml"));

/// The key that tells a curriculum file from a scenario or rubric file.
pub const MARKER_KEY: &str = "steps";

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawCurriculum {
    pub format: u32,
    pub title: String,
    pub steps: Vec<RawStep>,
    #[serde(default)]
    pub assessment: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawStep {
    pub scenario: String,
    #[serde(default)]
    pub after: OneOrMany,
    #[serde(default)]
    pub why: Option<String>,
}

pub(crate) fn schema() -> Schema {
    vec![(vec![], fields_of::<RawCurriculum>()), (vec![Path::Key("steps"), Path::AnyIndex], fields_of::<RawStep>())]
}

/// The order a team trains in: scenarios, what each needs first, and what counts as ready.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Curriculum {
    /// The curriculum's title.
    pub title: String,
    /// The steps, in order.
    pub steps: Vec<Step>,
    /// Scenario ids a trainee must pass in assessment mode to be ready.
    pub assessment: Vec<String>,
    /// Where it came from.
    pub source: String,
}

/// One scenario in a curriculum.
#[derive(Debug, Clone, PartialEq)]
pub struct Step {
    /// The scenario's id.
    pub scenario: String,
    /// Scenarios to pass first (each earlier in the curriculum).
    pub after: Vec<String>,
    /// Why it is here, for the trainee.
    pub why: Option<String>,
}

impl Curriculum {
    /// The 1-based step number of a scenario, if the curriculum has it.
    pub fn step_of(&self, scenario: &str) -> Option<usize> {
        self.steps.iter().position(|s| s.scenario == scenario).map(|i| i + 1)
    }
}

/// Loads a curriculum, checking every scenario id against `known` (the scenarios
/// that can be played). Returns the curriculum if it has no errors, and every
/// problem found.
pub fn load(file: &SourceFile, known: &[&str]) -> (Option<Curriculum>, Vec<Diagnostic>) {
    let (raw, locator) = match crate::yaml::parse_with_schema::<RawCurriculum>(file, &schema()) {
        Ok(parsed) => parsed,
        Err(problems) => return (None, problems),
    };
    let problems = check(file, &locator, &raw, known);
    let curriculum = Curriculum {
        title: raw.title,
        steps: raw.steps.into_iter().map(|s| Step { scenario: s.scenario, after: s.after.0, why: s.why }).collect(),
        assessment: raw.assessment,
        source: file.name.clone(),
    };
    let ok = !problems.iter().any(Diagnostic::is_error);
    (ok.then_some(curriculum), problems)
}

fn check(file: &SourceFile, locator: &Locator, raw: &RawCurriculum, known: &[&str]) -> Vec<Diagnostic> {
    let mut problems = Vec::new();
    let mut error = |path: &[Seg], message: String, help: String| {
        problems.push(Diagnostic::error(file, locator.value(path), message).with_help(help));
    };
    if raw.format != 1 {
        error(
            &ypath!["format"],
            "unsupported curriculum format".into(),
            "this version of collectsim reads `format: 1`".into(),
        );
    }
    let mut earlier: Vec<&str> = Vec::new();
    for (i, step) in raw.steps.iter().enumerate() {
        let id = step.scenario.as_str();
        let is_known = known.contains(&id);
        if !is_known {
            error(
                &ypath!["steps", i, "scenario"],
                format!("unknown scenario `{id}`"),
                help_for(id, known.iter().copied(), "scenarios"),
            );
        } else if earlier.contains(&id) {
            error(
                &ypath!["steps", i, "scenario"],
                format!("`{id}` is already a step"),
                "list each scenario once".into(),
            );
        }
        for (j, before) in step.after.0.iter().enumerate() {
            let path = ypath!["steps", i, "after", j];
            if earlier.contains(&before.as_str()) {
                continue;
            }
            let later = raw.steps.iter().skip(i).any(|s| &s.scenario == before);
            let (message, help) = match (later, known.contains(&before.as_str())) {
                (true, _) => (
                    format!("`{id}` needs `{before}` first, but `{before}` comes later"),
                    format!("move the `{before}` step above this one"),
                ),
                (false, true) => (
                    format!("`{id}` needs `{before}`, which is not a step"),
                    format!("add a step for `{before}` above this one, or drop it from `after`"),
                ),
                (false, false) => {
                    (format!("unknown scenario `{before}`"), help_for(before, earlier.iter().copied(), "earlier steps"))
                }
            };
            error(&path, message, help);
        }
        if is_known {
            earlier.push(id);
        }
    }
    for (i, id) in raw.assessment.iter().enumerate() {
        if !earlier.contains(&id.as_str()) {
            let help = match known.contains(&id.as_str()) {
                true => format!("add a `- scenario: {id}` step, or drop it from the assessment"),
                false => help_for(id, earlier.iter().copied(), "steps"),
            };
            error(&ypath!["assessment", i], format!("the assessment names `{id}`, which is not a step"), help);
        }
    }
    for id in known.iter().filter(|id| !earlier.contains(id)) {
        problems.push(
            Diagnostic::warning(
                file,
                locator.key(&ypath!["steps"]),
                format!("scenario `{id}` is not in the curriculum"),
            )
            .with_help(format!("add `- scenario: {id}` where it belongs, so trainees are guided to it")),
        );
    }
    problems
}
