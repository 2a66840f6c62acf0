//! Scenarios: the YAML file a supervisor writes (`raw`), the checked model the engine
//! runs (`model`), the compiler between them, graph checks, and the library of
//! built-in and on-disk scenarios.

mod compile;
pub mod curriculum;
pub mod library;
pub mod lint;
pub mod model;
pub(crate) mod raw;

pub use compile::{KNOWN_KINDS, sha256_hex, template_data};
pub use library::Library;
pub use model::*;
pub use raw::OneOrMany;

use crate::diagnostic::Diagnostic;
use crate::signals::Lexicon;
use crate::source::SourceFile;

/// Loads one scenario file: the compiled scenario (if it has no errors) and every
/// problem found, warnings included. Its `levels` are left out; see [`load_all`].
pub fn load(file: &SourceFile, lexicon: &Lexicon) -> (Option<Scenario>, Vec<Diagnostic>) {
    let (scenarios, problems) = load_all(file, lexicon);
    (scenarios.into_iter().next(), problems)
}

/// Loads a scenario file with each of its `levels`: the scenario itself first,
/// then one scenario per level (`ID-LABEL`, "TITLE (LABEL)") with the level's
/// parameters over the scenario's own and only the playthroughs marked for it.
pub fn load_all(file: &SourceFile, lexicon: &Lexicon) -> (Vec<Scenario>, Vec<Diagnostic>) {
    // A misspelt key is reported and read past, so the rest of the file is checked too.
    let (raw, locator, mut problems) =
        match crate::yaml::parse_past_unknown_keys::<raw::RawScenario>(file, &raw::schema()) {
            Ok(parsed) => parsed,
            Err(problems) => return (Vec::new(), problems),
        };
    // With keys left out, the later stages' warnings ("this transition does
    // nothing") may be about the gap a misspelt key left: only their errors count.
    let read_past = !problems.is_empty();
    let mut compiler = compile::Compiler::new(file, &locator, lexicon);
    problems.extend(compile::check_levels(file, &locator, &raw));
    let base = compiler.compile(raw.clone());
    problems.extend(compiler.problems.into_iter().filter(|p| !read_past || p.is_error()));
    let Some(base) = base.filter(|_| !problems.iter().any(Diagnostic::is_error)) else {
        return (Vec::new(), problems);
    };
    let mut scenarios = vec![base];
    for level in &raw.levels {
        let mut compiler = compile::Compiler::new(file, &locator, lexicon);
        compiler.level = Some(level.label.clone());
        // Problems were reported for the scenario itself; a level only changes numbers.
        scenarios.extend(compiler.compile(compile::at_level(&raw, level)));
    }
    (scenarios, problems)
}
