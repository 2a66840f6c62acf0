//! The shared signal layer: one lexicon (`rubrics/signals.yaml`) compiled once into a
//! detector that tells what one utterance does (trainee signals) or says (debtor
//! events), with the byte span of the words that triggered each.

mod acts;
pub mod amounts;
mod classes;
mod detector;
mod lexicon;
mod normalize;
mod party;
mod scan;
mod sentences;
mod spans;
pub mod words;

pub use acts::{ActLevel, Context};
pub use detector::{Detector, Hit, quoted_span};
pub use lexicon::{BUILTIN_SIGNALS, Entry, Lexicon, RawAct, regex_message};
pub use party::OnTheLine;
pub(crate) use scan::Scanner;
pub use sentences::sentences;
