//! collectsim: a training simulator for debt collectors.
//!
//! The pipeline (see docs/): scenario and lexicon files are loaded and compiled
//! once; a [`engine::Session`] plays the debtor, stepped one trainee line at a time by
//! the REPL, a script or a test; every turn is recorded with its signals, events and
//! meter changes and saved as a versioned session file.
//!
//! Scoring is a library call too, for QA pipelines in Rust:
//!
//! ```
//! use collectsim::rubric::library;
//! use collectsim::score::score;
//! use collectsim::signals::{Detector, Lexicon};
//! use collectsim::source::SourceFile;
//! use collectsim::transcript::parse_text;
//!
//! let lexicon = Lexicon::builtin();
//! let detector = Detector::new(&lexicon).unwrap();
//! let packs = library::load_packs(&lexicon, None).unwrap();
//! let call = "---\njurisdiction: US\n---\nAgent: Is this Maria Alvarez?\nDebtor: Yes.\n\
//!             Agent: If you don't pay, you could be arrested.\n";
//! let mut transcript = parse_text(&SourceFile::new("call.txt", call)).unwrap();
//! transcript.detect(&detector);
//! let card = score(&library::for_jurisdiction(&packs, Some("US")), &transcript);
//! assert!(!card.passed);
//! let threat = card.findings.iter().find(|f| f.rule == "us-fdcpa.false-threat-arrest").unwrap();
//! assert_eq!((threat.turn, threat.evidence.as_str()), (3, "arrested"));
//! ```
// Every public item says what it is for; an undocumented one does not build.
#![deny(missing_docs)]

pub mod batch;
pub mod calibrate;
pub mod controls;
pub mod corpus;
pub mod diagnostic;
pub mod engine;
pub mod error;
pub mod facts;
pub mod fields;
pub mod graph;
pub mod local;
pub mod playthrough;
pub mod progress;
pub mod redact;
pub mod render;
pub mod report;
pub mod rubric;
pub mod scaffold;
pub mod scenario;
pub mod schema;
pub mod score;
pub mod settings;
pub mod signals;
pub mod source;
pub mod store;
pub mod style;
pub mod suggest;
pub mod template;
pub mod text;
pub mod time;
pub mod transcript;
pub mod yaml;
