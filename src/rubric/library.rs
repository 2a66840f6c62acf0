//! The rubric packs: built into the binary, overridden by files with the same id in
//! `./rubrics`, or given with `--rubric`.

use super::Rubric;

/// Built-in packs: `core` for every call, then one compliance pack per jurisdiction.
pub const BUILTIN: &[(&str, &str)] = &[
    ("rubrics/core.yaml", include_str!("../../rubrics/core.yaml")),
    ("rubrics/us-fdcpa.yaml", include_str!("../../rubrics/us-fdcpa.yaml")),
    ("rubrics/uk-fca.yaml", include_str!("../../rubrics/uk-fca.yaml")),
];

/// The packs that apply to a call in `jurisdiction` (US when unknown).
pub fn for_jurisdiction<'a>(packs: &'a [Rubric], jurisdiction: Option<&str>) -> Vec<&'a Rubric> {
    packs.iter().filter(|r| r.applies_to(jurisdiction)).collect()
}

use std::path::Path;

use crate::error::{Error, Result};

use crate::diagnostic::Diagnostic;
use crate::signals::Lexicon;
use crate::source::SourceFile;

/// Built-in packs, each replaced by a file with the same id in `dir` (if any).
pub fn load_packs(lexicon: &Lexicon, dir: Option<&Path>) -> Result<Vec<Rubric>> {
    let mut packs = Vec::new();
    for (name, text) in BUILTIN {
        packs.push(load_one(&SourceFile::new(format!("builtin:{name}"), *text), lexicon)?);
    }
    if let Some(dir) = dir.filter(|d| d.is_dir()) {
        for path in crate::scenario::library::yaml_files(dir)? {
            let file = SourceFile::read(&path)?;
            let keys = crate::yaml::top_level_keys(&file.text);
            if !keys.iter().any(|k| k == "rules") {
                continue;
            }
            let pack = load_one(&file, lexicon)?;
            match packs.iter().position(|p| p.id == pack.id) {
                Some(i) => packs[i] = pack,
                None => packs.push(pack),
            }
        }
    }
    Ok(packs)
}

/// One pack from a file named on the command line; its errors stop the run.
pub fn load_path(path: &Path, lexicon: &Lexicon) -> Result<Rubric> {
    load_one(&SourceFile::read(path)?, lexicon)
}

fn load_one(file: &SourceFile, lexicon: &Lexicon) -> Result<Rubric> {
    let (pack, problems) = super::load(file, lexicon);
    match pack {
        Some(pack) => Ok(pack),
        None => Err(Error::Invalid {
            file: file.name.clone(),
            advice: format!("; run `collectsim validate {}`", file.name),
            problems: problems.into_iter().filter(Diagnostic::is_error).collect(),
        }),
    }
}
