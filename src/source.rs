//! A user file held in memory with its display name, so every diagnostic can quote
//! the line it points at. Built-in files carry a `builtin:` name so a supervisor can
//! tell which copy of a scenario produced a message.

use std::path::{Path, PathBuf};

use anyhow::{Context, Result};

/// The text of one scenario, rubric or transcript file and the name to show for it.
#[derive(Debug, Clone)]
pub struct SourceFile {
    pub name: String,
    pub text: String,
}

impl SourceFile {
    pub fn new(name: impl Into<String>, text: impl Into<String>) -> Self {
        SourceFile { name: name.into(), text: text.into() }
    }

    /// Reads a file from disk; an unreadable file is a program failure, not a diagnostic.
    pub fn read(path: &Path) -> Result<Self> {
        let text = std::fs::read_to_string(path).with_context(|| format!("cannot read {}", path.display()))?;
        Ok(SourceFile::new(path.display().to_string(), text))
    }

    /// The 1-based line `line`, without its line ending (empty when out of range).
    pub fn line_text(&self, line: usize) -> &str {
        self.text.lines().nth(line.saturating_sub(1)).unwrap_or("")
    }

    /// 1-based line and column (in characters) of a byte offset.
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        let offset = offset.min(self.text.len());
        let before = &self.text[..floor_char_boundary(&self.text, offset)];
        let line = before.matches('\n').count() + 1;
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        (line, before[line_start..].chars().count() + 1)
    }
}

fn floor_char_boundary(text: &str, mut offset: usize) -> usize {
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

/// Files in `dir` and every folder below it whose extension `wanted` accepts,
/// sorted so runs are repeatable: what `validate DIR`, `test DIR` and `score DIR`
/// read (teams keep calls and scenarios in folders).
pub fn files_in_tree(dir: &Path, wanted: &dyn Fn(&str) -> bool) -> Result<Vec<PathBuf>> {
    let listing = std::fs::read_dir(dir).with_context(|| format!("cannot list {}", dir.display()))?;
    let mut entries: Vec<PathBuf> = listing.filter_map(|e| e.ok().map(|e| e.path())).collect();
    entries.sort();
    let mut files = Vec::new();
    for entry in entries {
        if entry.is_dir() {
            files.extend(files_in_tree(&entry, wanted)?);
        } else if entry.extension().and_then(|e| e.to_str()).is_some_and(wanted) {
            files.push(entry);
        }
    }
    Ok(files)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_col_counts_from_one() {
        let file = SourceFile::new("f", "ab\ncdé\nx");
        assert_eq!(file.line_col(0), (1, 1));
        assert_eq!(file.line_col(4), (2, 2));
        assert_eq!(file.line_col(8), (3, 1));
        assert_eq!(file.line_text(2), "cdé");
    }
}
