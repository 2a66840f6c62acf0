//! collectsim's integration tests, in one test binary: every file here is a
//! module, so the library and its dependencies are linked once, not once per file
//! (28 links took ≈ 27 s after touching the library; one takes a few), and the test
//! harness keeps both cores busy to the end instead of idling at each file's tail.
//!
//! Run one file's tests with its module path: `cargo test --test it play::`.

mod architecture;
mod author_loop;
mod common;
mod completions;
mod engine;
mod eval;
mod formats;
mod fuzz;
mod graph;
mod guides;
mod judgement;
mod list;
mod lrs;
mod new;
mod play;
mod progress;
mod report;
mod robustness;
mod rubrics;
mod scenarios;
mod schema;
mod score;
mod score_batch;
mod terminal;
mod test_command;
mod validate;
mod xapi;
