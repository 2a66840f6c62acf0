//! What `score` reads: files, directories, standard input, as whole transcripts or
//! as JSON Lines records. The reader only splits input into [`Job`]s (cheap); the
//! workers read files and parse records, so that work runs on every core.

use std::io::{BufRead, BufReader, IsTerminal, Read};
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};

use super::MAX_RECORD_BYTES;
use super::pipeline::Feed;
use crate::transcript::{Format, TRANSCRIPT_EXTENSIONS};

/// How inputs are split into calls.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InputFormat {
    /// One call per file (stdin is one call), in the format given, else the one its
    /// extension or content shows; `*.jsonl` files are read as records.
    Files(Option<Format>),
    /// One call per line: `{"id": …, "text": …, "facts": {…}}`.
    Jsonl,
}

/// One input to read: a path named on the command line, or found in a folder
/// (where a file that is not a transcript is skipped, not an error).
#[derive(Debug, Clone, PartialEq)]
pub struct Input {
    /// The file or folder named.
    pub path: PathBuf,
    /// True when found inside a folder named on the command line.
    pub found_in_folder: bool,
}

/// One call to score, as the reader found it.
#[derive(Debug)]
pub enum Job {
    /// A transcript file; the worker reads it.
    File {
        /// The file.
        path: PathBuf,
        /// True when found inside a folder named on the command line.
        found_in_folder: bool,
    },
    /// A file in a folder that is not a transcript, and why.
    Skip {
        /// The file.
        source: String,
        /// Why it is not a transcript.
        reason: String,
    },
    /// A whole transcript already read (standard input).
    Text {
        /// Where it came from (`-` for standard input).
        source: String,
        /// The transcript.
        text: String,
    },
    /// One JSON Lines record: the input it came from and its 1-based line number.
    Record {
        /// The JSON Lines file.
        input: String,
        /// The record's line.
        line: usize,
        /// The record as read.
        bytes: Vec<u8>,
    },
    /// Something that could not be read, reported in its place.
    Unreadable {
        /// What could not be read.
        source: String,
        /// Why.
        error: String,
        /// Bytes read before it failed, for the throughput figure.
        bytes: u64,
    },
}

/// The inputs named on the command line, folders expanded (sorted, so runs are
/// repeatable) to every file but hidden ones, or to `*.jsonl` with `--input jsonl`.
/// No inputs means standard input, when it is not a terminal.
pub fn expand(given: &[PathBuf], format: InputFormat) -> Result<Vec<Input>> {
    if given.is_empty() {
        if std::io::stdin().is_terminal() {
            return Err(Error::Refused(
                "give a transcript file, a directory or `-` for standard input (see `collectsim score --help`)".into(),
            ));
        }
        return Ok(vec![Input { path: PathBuf::from("-"), found_in_folder: false }]);
    }
    let wanted = |path: &Path| match format {
        InputFormat::Files(_) => !path.file_name().and_then(|n| n.to_str()).is_some_and(|n| n.starts_with('.')),
        InputFormat::Jsonl => extension(path).as_deref() == Some("jsonl"),
    };
    let mut inputs = Vec::new();
    for path in given {
        if path.is_dir() {
            let found = crate::source::files_in_tree(path, &wanted)?;
            inputs.extend(found.into_iter().map(|path| Input { path, found_in_folder: true }));
        } else {
            inputs.push(Input { path: path.clone(), found_in_folder: false });
        }
    }
    Ok(inputs)
}

fn extension(path: &Path) -> Option<String> {
    path.extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase)
}

/// The total size of the inputs in bytes, when it can be known up front (regular
/// files, and standard input redirected from a file): the progress bar's 100 %.
pub fn total_bytes(inputs: &[Input]) -> Option<u64> {
    inputs.iter().map(|input| size_of(&input.path)).sum()
}

/// Whether an input is a JSON Lines file of calls: always with `--input jsonl`,
/// and by its `.jsonl` extension when the format is told by the file (named on
/// the command line or found in a folder).
pub fn is_records(input: &Input, format: InputFormat) -> bool {
    format == InputFormat::Jsonl
        || (format == InputFormat::Files(None) && extension(&input.path).as_deref() == Some("jsonl"))
}

fn size_of(path: &Path) -> Option<u64> {
    let shown = if path == Path::new("-") { Path::new("/dev/stdin") } else { path };
    std::fs::metadata(shown).ok().filter(|m| m.is_file()).map(|m| m.len())
}

/// Feeds each job in input order until the inputs run out or the run is stopped.
pub fn produce(inputs: &[Input], format: InputFormat, feed: &mut Feed<Job>) {
    for input in inputs {
        let path = &input.path;
        let stdin = path == Path::new("-");
        let records_file = is_records(input, format);
        let keep_going = match (records_file, stdin) {
            (false, false) => push(feed, file_job(input)),
            (false, true) => push(feed, read_stdin_whole()),
            (true, true) => records("stdin", BufReader::with_capacity(1 << 16, std::io::stdin().lock()), feed),
            (true, false) => match std::fs::File::open(path) {
                Ok(file) => records(&path.display().to_string(), BufReader::with_capacity(1 << 16, file), feed),
                Err(e) => {
                    push(feed, unreadable(path.display().to_string(), format!("cannot read {}: {e}", path.display())))
                }
            },
        };
        if !keep_going {
            return;
        }
    }
}

/// A file to read, or one found in a folder whose extension says it is no
/// transcript (an image, a recording, a spreadsheet).
fn file_job(input: &Input) -> Job {
    let known = extension(&input.path).is_some_and(|e| TRANSCRIPT_EXTENSIONS.contains(&e.as_str()));
    if input.found_in_folder && !known {
        let kind = extension(&input.path).map_or("a file without an extension".to_string(), |e| format!("a .{e} file"));
        let reason = format!(
            "not a transcript ({kind}; collectsim reads {} files)",
            TRANSCRIPT_EXTENSIONS.iter().map(|e| format!(".{e}")).collect::<Vec<_>>().join(", ")
        );
        return Job::Skip { source: input.path.display().to_string(), reason };
    }
    Job::File { path: input.path.clone(), found_in_folder: input.found_in_folder }
}

/// Hands a job to the workers, weighed by the bytes it holds.
fn push(feed: &mut Feed<Job>, job: Job) -> bool {
    let bytes = match &job {
        Job::Record { bytes, .. } => bytes.len(),
        Job::Text { text, .. } => text.len(),
        _ => 0,
    };
    feed.push(job, bytes)
}

fn unreadable(source: String, error: String) -> Job {
    Job::Unreadable { source, error, bytes: 0 }
}

fn read_stdin_whole() -> Job {
    let mut bytes = Vec::new();
    let limit = MAX_RECORD_BYTES as u64 + 1;
    if let Err(e) = std::io::stdin().lock().take(limit).read_to_end(&mut bytes) {
        return unreadable("-".into(), format!("cannot read standard input: {e}"));
    }
    if bytes.len() > MAX_RECORD_BYTES {
        let error = format!(
            "standard input is over {} MB, too big for one call; for many calls use --input jsonl",
            MAX_RECORD_BYTES >> 20
        );
        return Job::Unreadable { source: "-".into(), error, bytes: bytes.len() as u64 };
    }
    crate::source::drop_byte_order_mark(&mut bytes);
    match String::from_utf8(bytes) {
        Ok(text) => Job::Text { source: "-".into(), text },
        Err(e) => Job::Unreadable {
            source: "-".into(),
            error: "standard input is not UTF-8 text".into(),
            bytes: e.into_bytes().len() as u64,
        },
    }
}

/// Splits a JSON Lines stream into records without ever holding more than one
/// record (at most [`MAX_RECORD_BYTES`]) of it; blank lines are skipped. When no
/// more input is buffered, the records so far go to the workers at once, so a
/// trickling stream is answered as it comes.
fn records<R: Read>(input: &str, mut reader: BufReader<R>, feed: &mut Feed<Job>) -> bool {
    let mut line = 0;
    loop {
        line += 1;
        let mut bytes = Vec::new();
        let read = (&mut reader).take(MAX_RECORD_BYTES as u64 + 1).read_until(b'\n', &mut bytes);
        let job = match read {
            Ok(0) => return true,
            Err(e) => return push(feed, unreadable(format!("{input}:{line}"), format!("cannot read {input}: {e}"))),
            Ok(_) if bytes.len() > MAX_RECORD_BYTES && bytes.last() != Some(&b'\n') => {
                oversized(input, line, bytes.len() as u64 + skip_rest_of_line(&mut reader))
            }
            Ok(_) if bytes.iter().all(u8::is_ascii_whitespace) => continue,
            Ok(_) => {
                if line == 1 {
                    crate::source::drop_byte_order_mark(&mut bytes);
                }
                Job::Record { input: input.to_string(), line, bytes }
            }
        };
        if !push(feed, job) || (reader.buffer().is_empty() && !feed.idle()) {
            return false;
        }
    }
}

fn skip_rest_of_line(reader: &mut impl BufRead) -> u64 {
    let mut skipped = 0u64;
    loop {
        let Ok(available) = reader.fill_buf() else { return skipped };
        if available.is_empty() {
            return skipped;
        }
        let (used, done) = match available.iter().position(|&b| b == b'\n') {
            Some(i) => (i + 1, true),
            None => (available.len(), false),
        };
        reader.consume(used);
        skipped += used as u64;
        if done {
            return skipped;
        }
    }
}

fn oversized(input: &str, line: usize, bytes: u64) -> Job {
    let error = format!(
        "line {line}: the record is {:.1} MB, over the {} MB limit for one call; split the call or check that \
         the records are separated by newlines",
        bytes as f64 / (1 << 20) as f64,
        MAX_RECORD_BYTES >> 20
    );
    Job::Unreadable { source: format!("{input}:{line}"), error, bytes }
}
