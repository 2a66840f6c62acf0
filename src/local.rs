//! The files in the working directory that override the built-in lexicon, packs
//! and scenarios: an author's edits take effect where they work. Shared by the
//! commands and the REPL (which reloads a scenario mid-call), so neither reaches
//! into the other.

use std::path::Path;

use crate::error::{Error, Result};

use crate::signals::Lexicon;
use crate::source::SourceFile;

/// On-disk lexicon that overrides the built-in one when present.
pub const LOCAL_LEXICON: &str = "rubrics/signals.yaml";
/// On-disk rubric packs that override built-ins with the same id.
pub const LOCAL_RUBRICS: &str = "rubrics";
/// On-disk scenarios that override built-ins with the same id.
pub const LOCAL_SCENARIOS: &str = "scenarios";

/// `./rubrics/signals.yaml` if it exists (it must then be valid), else the built-in.
pub fn load_lexicon() -> Result<Lexicon> {
    let path = Path::new(LOCAL_LEXICON);
    if !path.is_file() {
        return Ok(Lexicon::builtin());
    }
    match Lexicon::load(&SourceFile::read(path)?) {
        Ok(lexicon) => Ok(lexicon),
        Err(problems) => Err(Error::Invalid { file: path.display().to_string(), advice: String::new(), problems }),
    }
}
