//! The shared signal layer: one lexicon (`rubrics/signals.yaml`) compiled once into a
//! detector that tells what one utterance does (trainee signals) or says (debtor
//! events), with the byte span of the words that triggered each.

mod detector;
mod lexicon;
mod normalize;
mod scan;

pub use detector::{Detector, Hit};
pub use lexicon::{BUILTIN_SIGNALS, Entry, Lexicon, regex_message};
pub(crate) use scan::Scanner;
