//! Loading and checking the signal lexicon.

use serde::Deserialize;

use crate::diagnostic::Diagnostic;
use crate::source::SourceFile;
use crate::yaml::{self, Seg};
use crate::ypath;

/// The lexicon shipped in the binary; `rubrics/signals.yaml` on disk overrides it.
pub const BUILTIN_SIGNALS: &str = include_str!("../../rubrics/signals.yaml");

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawLexicon {
    format: u32,
    negators: String,
    conditionals: String,
    signals: Vec<RawEntry>,
    events: Vec<RawEntry>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawEntry {
    id: String,
    description: String,
    #[serde(default)]
    negatable: bool,
    patterns: Vec<String>,
}

/// One named signal or event with its patterns.
#[derive(Debug, Clone)]
pub struct Entry {
    pub id: String,
    pub description: String,
    pub negatable: bool,
    pub patterns: Vec<String>,
}

/// The checked lexicon, ready to compile into a [`crate::signals::Detector`].
#[derive(Debug, Clone)]
pub struct Lexicon {
    pub negators: String,
    pub conditionals: String,
    pub signals: Vec<Entry>,
    pub events: Vec<Entry>,
}

impl Lexicon {
    /// Parses and checks a lexicon file, collecting every problem.
    pub fn load(file: &SourceFile) -> Result<Lexicon, Vec<Diagnostic>> {
        let (raw, locator) = yaml::parse::<RawLexicon>(file)?;
        let mut problems = Vec::new();
        if raw.format != 1 {
            problems.push(
                Diagnostic::error(file, locator.value(&ypath!["format"]), "unsupported lexicon format")
                    .with_help("this version of collectsim reads `format: 1`"),
            );
        }
        for (key, pattern) in [("negators", &raw.negators), ("conditionals", &raw.conditionals)] {
            if let Err(error) = regex::Regex::new(pattern) {
                let pos = locator.value(&ypath![key]);
                problems.push(Diagnostic::error(file, pos, regex_message(&error)));
            }
        }
        let signals = check_entries(file, &locator, "signals", raw.signals, &mut problems);
        let events = check_entries(file, &locator, "events", raw.events, &mut problems);
        if problems.is_empty() {
            Ok(Lexicon { negators: raw.negators, conditionals: raw.conditionals, signals, events })
        } else {
            Err(problems)
        }
    }

    /// The lexicon built into the binary.
    pub fn builtin() -> Lexicon {
        Lexicon::load(&SourceFile::new("builtin:rubrics/signals.yaml", BUILTIN_SIGNALS))
            .expect("the built-in lexicon is checked by the test suite")
    }

    pub fn signal_ids(&self) -> impl Iterator<Item = &str> + Clone {
        self.signals.iter().map(|e| e.id.as_str())
    }

    pub fn event_ids(&self) -> impl Iterator<Item = &str> + Clone {
        self.events.iter().map(|e| e.id.as_str())
    }

    pub fn has_signal(&self, id: &str) -> bool {
        self.signals.iter().any(|e| e.id == id)
    }

    pub fn has_event(&self, id: &str) -> bool {
        self.events.iter().any(|e| e.id == id)
    }
}

fn check_entries(
    file: &SourceFile,
    locator: &yaml::Locator,
    section: &str,
    raw: Vec<RawEntry>,
    problems: &mut Vec<Diagnostic>,
) -> Vec<Entry> {
    let mut seen: Vec<String> = Vec::new();
    for (index, entry) in raw.iter().enumerate() {
        let id_path = [Seg::Key(section), Seg::Index(index), Seg::Key("id")];
        if seen.contains(&entry.id) {
            problems.push(
                Diagnostic::error(file, locator.value(&id_path), format!("duplicate id `{}`", entry.id))
                    .with_help("give each signal and event its own id"),
            );
        }
        seen.push(entry.id.clone());
        if entry.patterns.is_empty() {
            problems.push(Diagnostic::error(file, locator.value(&id_path), format!("`{}` has no patterns", entry.id)));
        }
        for (p, pattern) in entry.patterns.iter().enumerate() {
            // Parsed, not compiled: the detector compiles every pattern into one
            // automaton later, and compiling each here as well was a third of
            // start-up (profiled). Only a size limit shows at compile time alone.
            if let Err(error) = regex_syntax::Parser::new().parse(pattern) {
                let path = [Seg::Key(section), Seg::Index(index), Seg::Key("patterns"), Seg::Index(p)];
                problems.push(Diagnostic::error(file, locator.value(&path), regex_message(&error)));
            }
        }
    }
    raw.into_iter()
        .map(|e| Entry { id: e.id, description: e.description, negatable: e.negatable, patterns: e.patterns })
        .collect()
}

/// The regex crate's (or its parser's) message, kept to its last line ("error:
/// unclosed group").
pub fn regex_message(error: &impl std::fmt::Display) -> String {
    let text = error.to_string();
    let last = text.lines().rev().find(|l| !l.trim().is_empty()).unwrap_or(&text);
    format!("bad regular expression: {}", last.trim().trim_start_matches("error: "))
}
