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

/// Facts only an account being collected has.
const ACCOUNT_FACTS: &[&str] = &[
    "balance",
    "creditor",
    "original_creditor",
    "agency",
    "account_number",
    "first_contact",
    "due_date",
    "last_payment",
];

/// Words a collector uses of collecting: paying, a balance, what is owed, a creditor.
static COLLECTING: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
    regex::Regex::new(
        r"(?i)\b(?:owe[sd]?|owing|balance|(?:your|the|this) account|arrears|payments?|pay|paying|paid|instal+ments?|creditor|settle\w*|overdue|outstanding|collect\w*|recover(?:y|ies)|bailiffs?|garnish\w*)\b|[$£]\d",
    )
    .expect("valid regex")
});

/// The packs for a transcript: `core`, and the compliance pack of the jurisdiction
/// its facts name. With none named, a conversation is a US collection call when it
/// reads as one (account facts, or a collector who speaks of paying, a balance or
/// what is owed); one that never does - a counselling session a QA team scores for
/// its listening - gets `core` alone, and is not failed for a mini-Miranda that
/// nobody in it needed.
pub fn for_transcript<'a>(packs: &'a [Rubric], transcript: &crate::transcript::Transcript) -> Vec<&'a Rubric> {
    let facts = &transcript.facts;
    if let Some(jurisdiction) = facts.text("jurisdiction") {
        return for_jurisdiction(packs, Some(jurisdiction));
    }
    let collecting = ACCOUNT_FACTS.iter().any(|name| facts.get(name).is_some())
        || transcript
            .turns
            .iter()
            .any(|t| t.speaker == crate::transcript::Speaker::Collector && COLLECTING.is_match(&t.text));
    if collecting { for_jurisdiction(packs, None) } else { packs.iter().filter(|r| r.jurisdiction.is_none()).collect() }
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
