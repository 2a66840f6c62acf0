//! A user file held in memory with its display name, so every diagnostic can quote
//! the line it points at. Built-in files carry a `builtin:` name so a supervisor can
//! tell which copy of a scenario produced a message.

use std::path::{Path, PathBuf};

use crate::error::{Error, Result};

/// The text of one scenario, rubric or transcript file and the name to show for it.
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// The path as the user named it (or `builtin:...`).
    pub name: String,
    /// The file's text.
    pub text: String,
    /// Where each line starts, found the first time a line is quoted: quoting each
    /// of 20,000 diagnostics by counting lines from the top took 13 s.
    line_starts: std::sync::OnceLock<Vec<usize>>,
}

impl SourceFile {
    /// A file already read.
    pub fn new(name: impl Into<String>, text: impl Into<String>) -> Self {
        SourceFile { name: name.into(), text: text.into(), line_starts: std::sync::OnceLock::new() }
    }

    /// Reads a file from disk; an unreadable file is a program failure, not a diagnostic.
    pub fn read(path: &Path) -> Result<Self> {
        let text =
            read_text(path, MAX_FILE_BYTES).map_err(|e| Error::io(format!("cannot read {}", path.display()), e))?;
        Ok(SourceFile::new(path.display().to_string(), text))
    }

    /// The 1-based line `line`, without its line ending (empty when out of range).
    pub fn line_text(&self, line: usize) -> &str {
        let starts = self
            .line_starts
            .get_or_init(|| std::iter::once(0).chain(self.text.match_indices('\n').map(|(i, _)| i + 1)).collect());
        let Some(&start) = starts.get(line.wrapping_sub(1)) else { return "" };
        let rest = &self.text[start..];
        let text = rest.split('\n').next().unwrap_or("");
        text.strip_suffix('\r').unwrap_or(text)
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

/// The largest scenario, rubric, lexicon, session, report template or script file
/// collectsim reads. The biggest shipped file is under 100 KB; a bound keeps
/// `validate /dev/zero`-like mistakes from reading until memory runs out.
pub const MAX_FILE_BYTES: u64 = 16 << 20;

/// Reads a regular file of at most `limit` bytes. Anything else is refused before
/// it is opened: opening a FIFO waits for a writer for ever, and a device such as
/// `/dev/zero` never ends.
pub fn read_bytes(path: &Path, limit: u64) -> std::io::Result<Vec<u8>> {
    use std::io::{Error, ErrorKind, Read};
    let metadata = std::fs::metadata(path)?;
    if !metadata.is_file() {
        let what = if metadata.is_dir() { "a folder" } else { "not a regular file (a device, pipe or socket)" };
        return Err(Error::new(ErrorKind::InvalidInput, format!("it is {what}; give a file")));
    }
    let too_big = |size: u64| {
        let message = format!("it is {:.1} MB, over the {} MB limit", size as f64 / (1 << 20) as f64, limit >> 20);
        Error::new(ErrorKind::InvalidData, message)
    };
    if metadata.len() > limit {
        return Err(too_big(metadata.len()));
    }
    let mut bytes = Vec::with_capacity(metadata.len() as usize);
    std::fs::File::open(path)?.take(limit + 1).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > limit {
        return Err(too_big(bytes.len() as u64));
    }
    Ok(bytes)
}

/// [`read_bytes`], as UTF-8 text, without the byte-order mark some Windows
/// editors put first (it once showed as an invisible character in "unknown field").
pub fn read_text(path: &Path, limit: u64) -> std::io::Result<String> {
    let mut bytes = read_bytes(path, limit)?;
    drop_byte_order_mark(&mut bytes);
    String::from_utf8(bytes).map_err(|_| std::io::Error::new(std::io::ErrorKind::InvalidData, "it is not UTF-8 text"))
}

/// Removes UTF-8's byte-order mark (U+FEFF) from the start of `bytes`, if there.
pub fn drop_byte_order_mark(bytes: &mut Vec<u8>) {
    const BYTE_ORDER_MARK: &[u8] = "\u{feff}".as_bytes();
    if bytes.starts_with(BYTE_ORDER_MARK) {
        bytes.drain(..BYTE_ORDER_MARK.len());
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
pub fn files_in_tree(dir: &Path, wanted: &dyn Fn(&Path) -> bool) -> Result<Vec<PathBuf>> {
    let listing = std::fs::read_dir(dir).map_err(|e| Error::io(format!("cannot list {}", dir.display()), e))?;
    let mut entries: Vec<PathBuf> = listing.filter_map(|e| e.ok().map(|e| e.path())).collect();
    entries.sort();
    let mut files = Vec::new();
    for entry in entries {
        // A link to a folder is not followed: `ln -s . calls/self` once made every
        // call count many times over, and two such links never finished.
        let linked = entry.symlink_metadata().is_ok_and(|m| m.file_type().is_symlink());
        if entry.is_dir() {
            if !linked {
                files.extend(files_in_tree(&entry, wanted)?);
            }
        } else if wanted(&entry) {
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
