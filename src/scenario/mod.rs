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
/// problem found, warnings included.
pub fn load(file: &SourceFile, lexicon: &Lexicon) -> (Option<Scenario>, Vec<Diagnostic>) {
    let (raw, locator) = match crate::yaml::parse_with_schema::<raw::RawScenario>(file, &raw::schema()) {
        Ok(parsed) => parsed,
        Err(problems) => return (None, problems),
    };
    let mut compiler = compile::Compiler::new(file, &locator, lexicon);
    let scenario = compiler.compile(raw);
    (scenario, compiler.problems)
}
