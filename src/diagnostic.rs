//! Problems found in user files, kept as data (in the style of Yarn Spinner's
//! diagnostics) so a run can report all of them at once, then render them as
//! `file:line:col: error: message` with the offending line quoted and a fix.

use serde::Serialize;

use crate::source::SourceFile;
use crate::style::Style;

/// How bad a problem in a user file is: an error stops the file loading, a warning
/// does not. (Named apart from `rubric::Severity`, which is how much a rule's finding
/// weighs in the law.)
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    /// The file cannot be used until it is fixed.
    Error,
    /// The file works, but probably not as meant.
    Warning,
}

/// One problem in one file, located by 1-based line and column.
#[derive(Debug, Clone, Serialize)]
pub struct Diagnostic {
    /// Error or warning.
    pub severity: Level,
    /// The file's path as the user named it.
    pub file: String,
    /// 1-based line.
    pub line: usize,
    /// 1-based column.
    pub column: usize,
    /// What is wrong, in the author's terms.
    pub message: String,
    /// A one-line fix or a did-you-mean, when we know one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub help: Option<String>,
    /// The source line quoted under the message.
    #[serde(skip)]
    pub snippet: String,
}

/// A position inside a file, as found by the YAML locator.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Pos {
    /// 1-based line.
    pub line: usize,
    /// 1-based column.
    pub column: usize,
}

impl Diagnostic {
    /// A problem at `pos` in `file`, with the line it is on kept for showing.
    pub fn new(severity: Level, file: &SourceFile, pos: Pos, message: impl Into<String>) -> Self {
        Diagnostic {
            severity,
            file: file.name.clone(),
            line: pos.line.max(1),
            column: pos.column.max(1),
            message: message.into(),
            help: None,
            snippet: file.line_text(pos.line.max(1)).to_string(),
        }
    }

    /// An error at `pos` in `file`.
    pub fn error(file: &SourceFile, pos: Pos, message: impl Into<String>) -> Self {
        Self::new(Level::Error, file, pos, message)
    }

    /// A warning at `pos` in `file`.
    pub fn warning(file: &SourceFile, pos: Pos, message: impl Into<String>) -> Self {
        Self::new(Level::Warning, file, pos, message)
    }

    /// Adds how to fix it (`did you mean ...?`).
    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// Whether it is an error, not a warning.
    pub fn is_error(&self) -> bool {
        self.severity == Level::Error
    }

    /// The grep-friendly first line, `file:line:col: error: message`.
    pub fn headline(&self) -> String {
        let level = match self.severity {
            Level::Error => "error",
            Level::Warning => "warning",
        };
        format!("{}:{}:{}: {level}: {}", self.file, self.line, self.column, self.message)
    }

    /// The headline, the quoted line with a caret under the column, and the fix.
    pub fn render(&self, style: &Style) -> String {
        let level = match self.severity {
            Level::Error => style.red("error"),
            Level::Warning => style.yellow("warning"),
        };
        let location = format!("{}:{}:{}", self.file, self.line, self.column);
        let mut out = format!("{}: {level}: {}\n", style.bold(&location), style.bold(&self.message));
        if !self.snippet.trim().is_empty() {
            let number = self.line.to_string();
            let gutter = " ".repeat(number.len());
            let (snippet, column) = window(&self.snippet, self.column);
            let caret_pad: String =
                snippet.chars().take(column - 1).map(|c| if c == '\t' { '\t' } else { ' ' }).collect();
            let width = token_width(&snippet, column);
            out += &format!("{gutter} |\n{number} | {snippet}\n");
            out += &format!("{gutter} | {caret_pad}{}\n", style.red(&"^".repeat(width)));
        }
        if let Some(help) = &self.help {
            out += &format!("  = {} {help}\n", style.cyan("fix:"));
        }
        out
    }
}

/// Longest quoted line shown whole, in characters.
const SNIPPET_CHARS: usize = 100;

/// The part of a long line around `column` (with `…` where it was cut) and the
/// column within it: a 40,000-character line buried the message.
fn window(line: &str, column: usize) -> (String, usize) {
    let count = line.chars().count();
    if count <= SNIPPET_CHARS {
        return (line.to_string(), column);
    }
    let start = column.saturating_sub(1 + SNIPPET_CHARS / 3).min(count.saturating_sub(SNIPPET_CHARS));
    let end = (start + SNIPPET_CHARS).min(count);
    let mut shown: String = line.chars().skip(start).take(end - start).collect();
    let mut column = column - start;
    if start > 0 {
        shown.insert(0, '…');
        column += 1;
    }
    if end < count {
        shown.push('…');
    }
    (shown, column)
}

/// Width of the token starting at `column`, so the caret underlines the whole word.
fn token_width(line: &str, column: usize) -> usize {
    let rest: String = line.chars().skip(column - 1).collect();
    let rest = rest.trim_end();
    let width = if rest.starts_with('"') || rest.starts_with('\'') {
        rest.chars().count()
    } else {
        rest.chars().take_while(|c| !c.is_whitespace() && *c != ',' && *c != ']').count()
    };
    width.max(1)
}

/// Counts and prints a list of diagnostics, errors first within each file.
pub fn sort(diagnostics: &mut [Diagnostic]) {
    diagnostics.sort_by(|a, b| (&a.file, a.line, a.column, a.severity).cmp(&(&b.file, b.line, b.column, b.severity)));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_long_line_is_quoted_around_the_column_only() {
        let line = format!("b: [{}*a]", "x, ".repeat(2000));
        let column = line.find("*a").unwrap() + 1;
        let (shown, at) = window(&line, column);
        assert!(shown.starts_with('…') && shown.chars().count() <= SNIPPET_CHARS + 2, "{shown}");
        assert_eq!(shown.chars().skip(at - 1).take(2).collect::<String>(), "*a");
        assert_eq!(window("short: line", 3), ("short: line".to_string(), 3));
    }

    #[test]
    fn renders_caret_under_the_token() {
        let file = SourceFile::new("s.yaml", "nodes:\n  - goto: greting\n");
        let d = Diagnostic::error(&file, Pos { line: 2, column: 11 }, "no node `greting`")
            .with_help("did you mean `greeting`?");
        let text = d.render(&Style::plain());
        assert!(text.starts_with("s.yaml:2:11: error: no node `greting`\n"), "{text}");
        assert!(text.contains("2 |   - goto: greting\n  |           ^^^^^^^\n"), "{text}");
        assert!(text.contains("= fix: did you mean `greeting`?"), "{text}");
    }
}
