//! What collectsim remembers for the person at this machine, in
//! `<data>/settings.json`: for now, who is playing, asked once at a terminal (or
//! set with `collectsim config --trainee`), so calls do not land under `trainee`
//! when the login name is empty or shared.

use std::path::{Path, PathBuf};

use crate::error::{Error, Result};
use serde::{Deserialize, Serialize};

/// What collectsim remembers between calls (`<data>/settings.json`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Settings {
    /// The name calls are saved under when `--trainee` is not given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub trainee: Option<String>,
}

/// Where the settings live in the data folder.
pub fn path(data: &Path) -> PathBuf {
    data.join("settings.json")
}

impl Settings {
    /// The saved settings; none saved yet is the default. A file that cannot be
    /// read is an error that names it, never silently replaced.
    pub fn load(data: &Path) -> Result<Settings> {
        let path = path(data);
        if !path.exists() {
            return Ok(Settings::default());
        }
        let text = crate::source::read_text(&path, 1 << 20)
            .map_err(|e| Error::io(format!("cannot read {}", path.display()), e))?;
        serde_json::from_str(&text).map_err(|e| {
            let what = format!(
                "{} is not collectsim settings; fix it or delete it (collectsim config rewrites it)",
                path.display()
            );
            Error::unrecognised_because(what, e)
        })
    }

    /// Writes the settings.
    pub fn save(&self, data: &Path) -> Result<()> {
        std::fs::create_dir_all(data).map_err(|e| Error::io(format!("cannot create {}", data.display()), e))?;
        let text = serde_json::to_string_pretty(self)? + "\n";
        crate::store::write_atomically(&path(data), text.as_bytes())
    }
}
