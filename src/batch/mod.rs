//! Scoring many calls: the engine behind `collectsim score`, usable from Rust too.
//!
//! Inputs are turned into [`Job`]s by one reader thread, scored by `--jobs` worker
//! threads and written in input order by the caller's thread ([`pipeline`]). Only a
//! bounded window of calls is ever in memory, so a stream of any size runs in flat
//! memory; a record that cannot be read becomes an error in its place and the run
//! goes on.
//!
//! For one call at a time, [`Scorer`] bundles the compiled lexicon and the packs:
//!
//! ```
//! use collectsim::batch::Scorer;
//!
//! let scorer = Scorer::builtin().unwrap();
//! let call = "Agent: Is this Maria Alvarez?\nDebtor: Yes.\nAgent: Pay today or you'll be arrested.\n";
//! let card = scorer.score_text("call-17", call).unwrap();
//! assert!(!card.passed);
//! assert!(card.findings.iter().any(|f| f.rule == "us-fdcpa.false-threat-arrest"));
//! ```

pub mod input;
pub mod output;
pub mod pipeline;
pub mod record;
pub mod summary;

use std::path::Path;

use crate::error::Result;

use crate::rubric::{Rubric, library};
use crate::score::{Scorecard, score};
use crate::signals::{Detector, Lexicon};
use crate::transcript::{self, Transcript};

pub use input::{InputFormat, Job};
pub use pipeline::panic_message;

pub use crate::transcript::MAX_RECORD_BYTES;

/// A compiled lexicon and rubric packs, ready to score any number of calls, from
/// any number of threads.
pub struct Scorer {
    detector: Detector,
    packs: Vec<Rubric>,
    /// Packs named explicitly apply to every call; otherwise the call's
    /// jurisdiction chooses (core plus its compliance pack).
    explicit: bool,
}

impl Scorer {
    /// The built-in lexicon and packs (`core`, `us-fdcpa`, `uk-fca`).
    pub fn builtin() -> Result<Scorer> {
        let lexicon = Lexicon::builtin();
        let packs = library::load_packs(&lexicon, None)?;
        Ok(Scorer { detector: Detector::new(&lexicon)?, packs, explicit: false })
    }

    /// `packs` chosen per call by jurisdiction, or all of them when `explicit`.
    pub fn new(lexicon: &Lexicon, packs: Vec<Rubric>, explicit: bool) -> Result<Scorer> {
        Ok(Scorer { detector: Detector::new(lexicon)?, packs, explicit })
    }

    /// Scores a transcript, detecting its signals and events first. The error is
    /// for a call whose collector cannot be told apart (speakers without roles
    /// and nothing only a collector says).
    pub fn score(&self, mut transcript: Transcript) -> Result<Scorecard> {
        self.prepare(&mut transcript)?;
        Ok(score(&self.packs_for(&transcript), &transcript))
    }

    /// Settles who the collector is (see [`Transcript::resolve_roles`]) and
    /// detects signals and events: what scoring and the report of a call read.
    pub fn prepare(&self, transcript: &mut Transcript) -> Result<()> {
        transcript
            .resolve_roles(&self.detector)
            .map_err(|e| crate::error::Error::unrecognised(format!("{}: {e}", transcript.source)))?;
        transcript.detect(&self.detector);
        Ok(())
    }

    /// Detects signals, acts and events in a transcript without scoring it.
    pub fn detect(&self, transcript: &mut Transcript) {
        transcript.detect(&self.detector);
    }

    /// Whether `name` is a signal, act or debtor event of this scorer's lexicon.
    pub fn knows_signal(&self, name: &str) -> bool {
        self.detector.knows(name)
    }

    /// Scores a plain-text transcript (or a saved session document); the error
    /// says what is wrong and on which line.
    pub fn score_text(&self, source: &str, text: &str) -> Result<Scorecard> {
        self.score(transcript::from_text(source, text)?)
    }

    /// The packs for this call: all of them when given explicitly, else `core` and
    /// the compliance pack of the call's jurisdiction (see [`library::for_transcript`]).
    pub fn packs_for(&self, transcript: &Transcript) -> Vec<&Rubric> {
        if self.explicit {
            return self.packs.iter().collect();
        }
        library::for_transcript(&self.packs, transcript)
    }
}

impl Rubric {
    /// Loads one rubric pack file against the built-in lexicon; its errors (with
    /// file, line and column) stop the load.
    pub fn load(path: &Path) -> Result<Rubric> {
        library::load_path(path, &Lexicon::builtin())
    }
}
