//! collectsim: a training simulator for debt collectors.
//!
//! The pipeline (see DESIGN.md): scenario and lexicon files are loaded and compiled
//! once; a [`engine::Session`] plays the debtor, stepped one trainee line at a time by
//! the REPL, a script or a test; every turn is recorded with its signals, events and
//! meter changes and saved as a versioned session file.

pub mod cli;
pub mod cmd;
pub mod diagnostic;
pub mod engine;
pub mod facts;
pub mod fields;
pub mod playthrough;
pub mod repl;
pub mod rubric;
pub mod scenario;
pub mod score;
pub mod signals;
pub mod source;
pub mod store;
pub mod style;
pub mod suggest;
pub mod template;
pub mod time;
pub mod transcript;
pub mod yaml;
