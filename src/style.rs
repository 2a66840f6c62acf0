//! Terminal colour that honours `NO_COLOR` (https://no-color.org) and is off when the
//! output is not a terminal, so piped output and saved logs stay plain.

use std::io::IsTerminal;

/// Terminal colour, on only where it should be (a terminal, no `NO_COLOR`).
#[derive(Debug, Clone, Copy)]
pub struct Style {
    enabled: bool,
}

impl Style {
    /// Colour for stdout when it is a terminal and `NO_COLOR` is unset or empty.
    pub fn stdout() -> Self {
        Style { enabled: std::io::stdout().is_terminal() && !no_color() }
    }

    /// Colour for stderr when it is a terminal and `NO_COLOR` is unset or empty.
    pub fn stderr() -> Self {
        Style { enabled: std::io::stderr().is_terminal() && !no_color() }
    }

    /// No colour.
    pub fn plain() -> Self {
        Style { enabled: false }
    }

    /// Whether colour is on.
    pub fn is_coloured(&self) -> bool {
        self.enabled
    }

    fn paint(&self, code: &str, text: &str) -> String {
        if self.enabled { format!("\x1b[{code}m{text}\x1b[0m") } else { text.to_string() }
    }

    /// Bold.
    pub fn bold(&self, text: &str) -> String {
        self.paint("1", text)
    }
    /// Dim.
    pub fn dim(&self, text: &str) -> String {
        self.paint("2", text)
    }
    /// Red (errors, failures).
    pub fn red(&self, text: &str) -> String {
        self.paint("31", text)
    }
    /// Green (passes).
    pub fn green(&self, text: &str) -> String {
        self.paint("32", text)
    }
    /// Yellow (warnings).
    pub fn yellow(&self, text: &str) -> String {
        self.paint("33", text)
    }
    /// Cyan.
    pub fn cyan(&self, text: &str) -> String {
        self.paint("36", text)
    }
    /// Magenta.
    pub fn magenta(&self, text: &str) -> String {
        self.paint("35", text)
    }
}

fn no_color() -> bool {
    std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty())
}
