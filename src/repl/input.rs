//! Where the trainee's lines come from: rustyline at a terminal, or a plain reader
//! for scripts and pipes (rustyline misbehaves without a tty; see reference/style.md).

use std::io::{BufRead, Read, Write};
use std::path::Path;

use anyhow::{Context, Result};
use rustyline::DefaultEditor;
use rustyline::error::ReadlineError;

pub enum Input {
    Line(String),
    /// Ctrl-C at the prompt.
    Interrupted,
    /// Ctrl-D, or the script ran out.
    Eof,
}

pub trait LineSource {
    fn read(&mut self, prompt: &str) -> Input;
    /// Whether the trainee's words are already on screen (false for scripts, so the
    /// REPL echoes them and the output reads as a transcript).
    fn echoes(&self) -> bool;
    /// Gives a line back to be read again by the next prompt. A script's account
    /// note that follows a natural ending was read by the "Enter finishes" prompt
    /// and lost; a person at a terminal is asked for the note anyway.
    fn unread(&mut self, _line: String) {}
}

/// Interactive input with history, saved in the data directory.
pub struct Terminal {
    editor: DefaultEditor,
    history: Option<std::path::PathBuf>,
}

impl Terminal {
    pub fn new(history: Option<&Path>) -> Result<Terminal> {
        let mut editor = DefaultEditor::new().context("cannot start the line editor")?;
        if let Some(path) = history {
            let _ = editor.load_history(path);
        }
        Ok(Terminal { editor, history: history.map(Path::to_path_buf) })
    }
}

impl LineSource for Terminal {
    fn read(&mut self, prompt: &str) -> Input {
        match self.editor.readline(prompt) {
            Ok(line) => {
                if !line.trim().is_empty() {
                    let _ = self.editor.add_history_entry(line.as_str());
                    if let Some(path) = &self.history {
                        let _ = self.editor.save_history(path);
                    }
                }
                Input::Line(line)
            }
            Err(ReadlineError::Interrupted) => Input::Interrupted,
            Err(_) => Input::Eof,
        }
    }

    fn echoes(&self) -> bool {
        true
    }
}

/// Lines from a file or a pipe.
pub struct Script {
    reader: Box<dyn BufRead>,
    /// A line given back with [`LineSource::unread`], read before the next one.
    pending: Option<String>,
}

impl Script {
    pub fn stdin() -> Script {
        Script { reader: Box::new(std::io::BufReader::new(std::io::stdin())), pending: None }
    }

    pub fn file(path: &Path) -> Result<Script> {
        if path == Path::new("-") {
            return Ok(Script::stdin());
        }
        let bytes = collectsim::source::read_bytes(path, collectsim::source::MAX_FILE_BYTES)
            .with_context(|| format!("cannot read script {}", path.display()))?;
        Ok(Script { reader: Box::new(std::io::Cursor::new(bytes)), pending: None })
    }
}

impl LineSource for Script {
    fn read(&mut self, prompt: &str) -> Input {
        print!("{prompt}");
        let _ = std::io::stdout().flush();
        if let Some(line) = self.pending.take() {
            return Input::Line(line);
        }
        let mut line = Vec::new();
        // `play --script -` fed from /dev/zero once tried to hold a line of a
        // gigabyte: a line longer than anyone speaks ends the script instead.
        match (&mut self.reader).take(MAX_LINE_BYTES).read_until(b'\n', &mut line) {
            Ok(0) | Err(_) => {
                println!();
                Input::Eof
            }
            Ok(_) if line.last() != Some(&b'\n') && line.len() as u64 == MAX_LINE_BYTES => {
                eprintln!("\ncollectsim: a script line is over {} MB; the script ends here", MAX_LINE_BYTES >> 20);
                Input::Eof
            }
            Ok(_) => {
                let line = String::from_utf8_lossy(&line);
                Input::Line(line.trim_end_matches(['\n', '\r']).to_string())
            }
        }
    }

    fn echoes(&self) -> bool {
        false
    }

    fn unread(&mut self, line: String) {
        self.pending = Some(line);
    }
}

/// The longest line a script may give: far more than anyone says in a turn.
const MAX_LINE_BYTES: u64 = 1 << 20;
