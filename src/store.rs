//! Sessions on disk: one versioned JSON document per call under the data directory,
//! rewritten atomically (temp file + rename) after every turn so a closed terminal or
//! a crash loses at most the line being typed.

use std::path::{Path, PathBuf};

use crate::error::{Error, Result};
use serde::{Deserialize, Serialize};

use crate::facts::Facts;
use crate::transcript::Turn;

/// Bump when the session document changes shape; readers refuse newer formats.
pub const SESSION_FORMAT: u32 = 1;

pub use crate::transcript::ABANDONED;

/// The outcome of a call the collector ended early with `:end`, before the story
/// reached an ending.
pub const COLLECTOR_ENDED: &str = "collector_ended";

/// How a call is played; the command line's `--mode` (the binary's `ModeArg`) maps onto it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Mode {
    /// Hints, undo and restart allowed (their use is recorded).
    Practice,
    /// No hints, undo or restart: the call counts as it goes.
    Assessment,
}

/// A played call as saved: enough to replay it exactly, report on it and resume it (docs/session.md).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct SessionRecord {
    /// The session file format's version.
    pub format: u32,
    /// The session's id, by which `report`, `replay` and `export` find it.
    pub id: String,
    /// The scenario played.
    pub scenario: ScenarioRef,
    /// The debtor played.
    pub persona: PersonaRef,
    /// The account facts of the call.
    pub facts: Facts,
    /// The seed that fixes every random choice.
    pub seed: u64,
    /// The random generator's name, so a replay uses the same one.
    pub rng: String,
    /// Practice or assessment.
    pub mode: Mode,
    /// Who played.
    pub trainee: String,
    /// When the call started (RFC 3339).
    pub started_at: String,
    /// When it ended; none while it goes on.
    pub ended_at: Option<String>,
    /// The call's turns, both sides, with meters.
    pub turns: Vec<Turn>,
    /// Hints shown.
    #[serde(default)]
    pub hints: Vec<HintUse>,
    /// Lines taken back with `:undo`.
    #[serde(default)]
    pub undos: Vec<Undo>,
    /// Times the call was started again.
    #[serde(default)]
    pub restarts: u32,
    /// Account notes the trainee wrote.
    #[serde(default)]
    pub notes: Vec<Note>,
    /// The ending's outcome id, or `abandoned`.
    pub outcome: String,
    /// Whether the ending counts as a success in the story (null when abandoned).
    pub success: Option<bool>,
    /// The debtor's meters at the end.
    #[serde(default)]
    pub final_meters: Vec<(String, f64)>,
    /// Times the trainee looked at the running scorecard (practice mode).
    #[serde(default)]
    pub score_checks: usize,
    /// The node the call began at, when not the scenario's start (`play --from`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start_node: Option<String>,
    /// The scorecard at the end of the call.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scorecard: Option<crate::score::Scorecard>,
}

/// The scenario a session played, by id and file hash.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ScenarioRef {
    /// The scenario's id.
    pub id: String,
    /// Its title.
    pub title: String,
    /// SHA-256 of its file, so a replay can tell the scenario changed.
    pub sha256: String,
    /// Where it came from.
    pub source: String,
}

/// The debtor a session played.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct PersonaRef {
    /// The debtor's name.
    pub name: String,
    /// The persona kind.
    pub kind: String,
    /// The difficulty level.
    pub difficulty: String,
}

/// A hint shown in practice mode, with the trainee turn it came before (1-based).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct HintUse {
    /// The trainee turn it came before (1-based).
    pub before_turn: usize,
    /// The node it was shown at.
    pub node: String,
    /// The hint.
    pub text: String,
}

/// A trainee line taken back with `:undo`.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Undo {
    /// The line taken back.
    pub text: String,
    /// When (RFC 3339).
    pub at: String,
}

/// An account note, as collectors document every call.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Note {
    /// The turn it was written after.
    pub after_turn: usize,
    /// The note.
    pub text: String,
    /// When (RFC 3339).
    pub at: String,
}

impl SessionRecord {
    /// Whether the collector hung up with `:end` before the story reached an ending.
    pub fn hung_up_early(&self) -> bool {
        self.outcome == COLLECTOR_ENDED
    }

    /// Reads a session file, with a clear message for anything that is not one.
    pub fn load(path: &Path) -> Result<SessionRecord> {
        let text = crate::source::read_text(path, crate::source::MAX_FILE_BYTES)
            .map_err(|e| Error::io(format!("cannot read {}", path.display()), e))?;
        // Names and lines shown in `progress`, `replay` and reports: no terminal escapes.
        let value = crate::controls::json_value(&text).map_err(|e| {
            Error::unrecognised_because(format!("{} is not a collectsim session (not JSON)", path.display()), e)
        })?;
        let format = value.get("format").and_then(serde_json::Value::as_u64);
        match format {
            None => {
                return Err(Error::unrecognised(format!(
                    "{} is not a collectsim session (no `format`)",
                    path.display()
                )));
            }
            Some(f) if f > u64::from(SESSION_FORMAT) => {
                return Err(Error::unrecognised(format!(
                    "{} was written by a newer collectsim (session format {f}); upgrade to read it",
                    path.display()
                )));
            }
            Some(_) => {}
        }
        serde_json::from_value(value).map_err(|e| {
            Error::unrecognised_because(format!("{} is not a valid collectsim session", path.display()), e)
        })
    }

    /// Writes the file atomically: a temporary file next to it, then a rename.
    pub fn save(&self, path: &Path) -> Result<()> {
        let text = serde_json::to_string_pretty(self)?;
        write_atomically(path, (text + "\n").as_bytes())
    }

    /// Whether the call reached an ending (it was not abandoned or left).
    pub fn is_finished(&self) -> bool {
        crate::transcript::is_finished_outcome(&self.outcome)
    }

    /// The call as the scorer reads it, the same way `score` reads a saved
    /// session: the lexicon hears every line, including debtor lines the scenario
    /// left untagged. The live coach and `report` score through here, so a call
    /// gets one scorecard whichever command shows it.
    pub fn transcript(&self, detector: &crate::signals::Detector) -> crate::transcript::Transcript {
        let call = crate::transcript::SavedCall {
            facts: self.facts.clone(),
            turns: self.turns.clone(),
            notes: self.notes.iter().map(|n| n.text.clone()).collect(),
            outcome: self.outcome.clone(),
        };
        let mut transcript = crate::transcript::Transcript::from_saved(call, &self.id);
        transcript.detect(detector);
        transcript
    }
}

/// The data directory: `--data-dir`, else `$COLLECTSIM_HOME`, else the platform's
/// per-user data directory.
pub fn data_dir(explicit: Option<&Path>) -> Result<PathBuf> {
    if let Some(dir) = explicit {
        return Ok(dir.to_path_buf());
    }
    if let Some(home) = std::env::var_os("COLLECTSIM_HOME").filter(|v| !v.is_empty()) {
        return Ok(PathBuf::from(home));
    }
    platform_data_dir().map(|d| d.join("collectsim")).ok_or_else(|| {
        Error::Refused("cannot find a data directory: set COLLECTSIM_HOME or pass --data-dir".to_string())
    })
}

fn platform_data_dir() -> Option<PathBuf> {
    let env = |name: &str| std::env::var_os(name).filter(|v| !v.is_empty()).map(PathBuf::from);
    if cfg!(windows) {
        return env("APPDATA");
    }
    if cfg!(target_os = "macos") {
        return env("HOME").map(|h| h.join("Library/Application Support"));
    }
    env("XDG_DATA_HOME").or_else(|| env("HOME").map(|h| h.join(".local/share")))
}

/// Writes `bytes` to `path` through a temporary file of this process's own next to
/// it and a rename, so a reader never sees half a file and two processes never
/// write the same temporary file. On failure (a full disk) the temporary file is
/// removed and `path` keeps what it had.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> Result<()> {
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("file");
    let temp = path.with_file_name(format!(".{name}.{}.tmp", std::process::id()));
    let written =
        std::fs::write(&temp, bytes).map_err(|e| Error::io(format!("cannot write {}", temp.display()), e)).and_then(
            |()| std::fs::rename(&temp, path).map_err(|e| Error::io(format!("cannot save {}", path.display()), e)),
        );
    if written.is_err() {
        let _ = std::fs::remove_file(&temp);
    }
    written
}

/// A new session path under `<data>/sessions/`, claimed by creating it: two calls
/// started in the same second by a class told to use the same seed once got the
/// same name and overwrote each other. The file is empty until the first save.
pub fn new_session_path(data: &Path, stem: &str) -> Result<PathBuf> {
    let dir = data.join("sessions");
    std::fs::create_dir_all(&dir).map_err(|e| Error::io(format!("cannot create {}", dir.display()), e))?;
    for n in 1.. {
        let path = match n {
            1 => dir.join(format!("{stem}.json")),
            n => dir.join(format!("{stem}-{n}.json")),
        };
        match std::fs::OpenOptions::new().write(true).create_new(true).open(&path) {
            Ok(_) => return Ok(path),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => continue,
            Err(e) => return Err(Error::io(format!("cannot create {}", path.display()), e)),
        }
    }
    unreachable!("some suffix is free")
}

/// The session files under `<data>/sessions`, sorted (so reports are stable).
pub fn session_files(data: &Path) -> std::io::Result<Vec<PathBuf>> {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(data.join("sessions"))?
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    paths.sort();
    Ok(paths)
}

/// The session a command was given: a path as it is, else `last` (the newest call
/// in the data directory) or a session id (what `:score` and the end of a call
/// print), looked up under `<data>/sessions`.
pub fn find_session(given: &Path, data: Option<&Path>) -> Result<PathBuf> {
    if given.exists() || given.components().count() > 1 {
        return Ok(given.to_path_buf());
    }
    let name = given.to_string_lossy();
    let data = data_dir(data)?;
    let files = session_files(&data).unwrap_or_default();
    let found = if name == "last" {
        newest(&files)
    } else {
        let id = name.strip_suffix(".json").unwrap_or(&name);
        files
            .iter()
            .find(|p| p.file_stem().is_some_and(|s| s == id))
            .cloned()
            .or_else(|| files.iter().find(|p| SessionRecord::load(p).is_ok_and(|r| r.id == id)).cloned())
    };
    found.ok_or_else(|| {
        let newest: Vec<String> = newest_ids(&files, 3);
        let shown = if newest.is_empty() { "there are none yet".to_string() } else { format!("the newest: {}", newest.join(", ")) };
        Error::Refused(format!(
            "no session `{name}` in {}: give a session file, a session id (as the end of a call prints it) or `last`; {shown}",
            data.join("sessions").display()
        ))
    })
}

/// The session started last (by its start time, then its file name).
fn newest(files: &[PathBuf]) -> Option<PathBuf> {
    files
        .iter()
        .filter_map(|p| SessionRecord::load(p).ok().map(|r| (r.started_at, p.clone())))
        .max()
        .map(|(_, path)| path)
}

fn newest_ids(files: &[PathBuf], count: usize) -> Vec<String> {
    let mut records: Vec<(String, String)> =
        files.iter().filter_map(|p| SessionRecord::load(p).ok().map(|r| (r.started_at, r.id))).collect();
    records.sort();
    records.into_iter().rev().take(count).map(|(_, id)| format!("`{id}`")).collect()
}

/// The login name, used as the trainee when `--trainee` is not given.
pub fn login_name() -> String {
    ["USER", "USERNAME", "LOGNAME"]
        .iter()
        .find_map(|v| std::env::var(v).ok().filter(|s| !s.trim().is_empty()))
        .unwrap_or_else(|| "trainee".to_string())
}

/// A file-name-safe version of a name.
pub fn slug(text: &str) -> String {
    let slug: String =
        text.chars().map(|c| if c.is_ascii_alphanumeric() { c.to_ascii_lowercase() } else { '-' }).collect();
    let parts: Vec<&str> = slug.split('-').filter(|p| !p.is_empty()).collect();
    if parts.is_empty() { "x".to_string() } else { parts.join("-") }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_failed_write_leaves_no_temporary_file_and_the_old_file_whole() {
        let dir = std::env::temp_dir().join(format!("collectsim-atomic-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(dir.join("taken/inner")).unwrap();
        // Renaming over a non-empty folder fails, as a full disk fails the write.
        assert!(write_atomically(&dir.join("taken"), b"report").is_err());
        let left: Vec<_> = std::fs::read_dir(&dir).unwrap().map(|e| e.unwrap().file_name()).collect();
        assert_eq!(left, vec![std::ffi::OsString::from("taken")], "no temporary file left behind");
        write_atomically(&dir.join("file.json"), b"new").unwrap();
        assert_eq!(std::fs::read(dir.join("file.json")).unwrap(), b"new");
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
