//! The library's one error type. A program using collectsim as a library gets a
//! value it can match on — a file that could not be read, a user file with located
//! problems, a document that is not what it claims, a request that cannot be met —
//! rather than a string; `anyhow` stays in the binary, which adds its own context.
//!
//! `Display` says what went wrong in one line (the way `anyhow` shows an error's
//! outermost context); `{:#}` adds the underlying cause, as `anyhow` does, and
//! `source()` returns it, so an `anyhow` chain prints each part once.

use std::fmt;

use crate::diagnostic::Diagnostic;

/// What can go wrong in the library.
#[derive(Debug)]
#[non_exhaustive]
pub enum Error {
    /// Reading, writing, listing or creating a file failed: `doing` says what
    /// ("cannot read rubrics/core.yaml"), `source` why.
    Io {
        /// What was being done, with the path.
        doing: String,
        /// The operating system's reason.
        source: std::io::Error,
    },
    /// A user file (scenario, rubric, lexicon) has problems, each with its file,
    /// line and column.
    Invalid {
        /// The file, as it was named.
        file: String,
        /// What to run next, said after the file name ("; run `collectsim validate x`").
        advice: String,
        /// The problems found, errors first as the validator reports them.
        problems: Vec<Diagnostic>,
    },
    /// A document is not what it should be (not JSON, not a session, from a newer
    /// collectsim).
    Unrecognised {
        /// What is wrong with which file.
        what: String,
        /// The parser's reason, when there is one.
        source: Option<Box<dyn std::error::Error + Send + Sync + 'static>>,
    },
    /// collectsim's own data could not be written as JSON (a bug: please report it).
    Serialise(serde_json::Error),
    /// A lexicon pattern that does not compile.
    Pattern(String),
    /// A value in a user's file that does not read (a comparison such as `>= 40`,
    /// a debtor line's template); the caller places it in the file.
    Malformed(String),
    /// A request that cannot be met (an unknown scenario, a URL that is not one),
    /// with what to do instead.
    Refused(String),
}

/// The library's `Result`.
pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    /// An I/O failure while `doing` something.
    pub fn io(doing: impl Into<String>, source: std::io::Error) -> Error {
        Error::Io { doing: doing.into(), source }
    }

    /// A document that is not what it should be, with no deeper cause.
    pub fn unrecognised(what: impl Into<String>) -> Error {
        Error::Unrecognised { what: what.into(), source: None }
    }

    /// A document that is not what it should be, and the parser's reason.
    pub fn unrecognised_because(
        what: impl Into<String>,
        source: impl std::error::Error + Send + Sync + 'static,
    ) -> Error {
        Error::Unrecognised { what: what.into(), source: Some(Box::new(source)) }
    }

    /// The located problems of a user file, if that is what this is.
    pub fn problems(&self) -> &[Diagnostic] {
        match self {
            Error::Invalid { problems, .. } => problems,
            _ => &[],
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Io { doing, .. } => f.write_str(doing)?,
            Error::Invalid { file, advice, problems } => {
                let shown: Vec<String> = problems.iter().map(Diagnostic::headline).collect();
                write!(f, "{file} has errors{advice}:\n{}", shown.join("\n"))?
            }
            Error::Unrecognised { what, .. } => f.write_str(what)?,
            Error::Serialise(_) => f.write_str("cannot write collectsim's data as JSON")?,
            Error::Pattern(message) | Error::Malformed(message) | Error::Refused(message) => f.write_str(message)?,
        }
        if f.alternate()
            && let Some(cause) = std::error::Error::source(self)
        {
            write!(f, ": {cause}")?;
        }
        Ok(())
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::Io { source, .. } => Some(source),
            Error::Unrecognised { source: Some(source), .. } => Some(source.as_ref()),
            Error::Serialise(source) => Some(source),
            _ => None,
        }
    }
}

impl From<serde_json::Error> for Error {
    fn from(error: serde_json::Error) -> Error {
        Error::Serialise(error)
    }
}

impl From<regex::Error> for Error {
    fn from(error: regex::Error) -> Error {
        Error::Pattern(error.to_string())
    }
}

impl From<regex_syntax::Error> for Error {
    fn from(error: regex_syntax::Error) -> Error {
        Error::Pattern(error.to_string())
    }
}

impl From<regex_automata::nfa::thompson::BuildError> for Error {
    fn from(error: regex_automata::nfa::thompson::BuildError) -> Error {
        Error::Pattern(error.to_string())
    }
}

impl From<regex_automata::hybrid::BuildError> for Error {
    fn from(error: regex_automata::hybrid::BuildError) -> Error {
        Error::Pattern(error.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_cause_shows_once_whether_printed_alone_or_through_anyhow() {
        let missing = std::io::Error::new(std::io::ErrorKind::NotFound, "No such file");
        let error = Error::io("cannot read x.yaml", missing);
        assert_eq!(error.to_string(), "cannot read x.yaml");
        assert_eq!(format!("{error:#}"), "cannot read x.yaml: No such file");
        assert_eq!(format!("{:#}", anyhow::Error::new(error)), "cannot read x.yaml: No such file");
    }
}
