//! Engine speed: how long one trainee turn takes (signal detection, reactions,
//! transitions, line rendering), and one utterance through the detector alone.
//! Run with `cargo bench --bench engine`.

use std::hint::black_box;
use std::sync::Arc;
use std::time::Instant;

use collectsim::engine::Session;
use collectsim::scenario::{self, library::BUILTIN};
use collectsim::signals::{Detector, Lexicon};
use collectsim::source::SourceFile;

fn main() {
    let lexicon = Lexicon::builtin();
    let detector = Arc::new(Detector::new(&lexicon).unwrap());
    let mut turns = 0u64;
    let started = Instant::now();
    for round in 0..200u64 {
        for (name, text) in BUILTIN {
            let scenario = Arc::new(scenario::load(&SourceFile::new(*name, *text), &lexicon).0.unwrap());
            for test in &scenario.tests {
                let mut session = Session::new(Arc::clone(&scenario), Arc::clone(&detector), round);
                for line in &test.say {
                    black_box(session.respond(line));
                    turns += 1;
                }
            }
        }
    }
    // Scenario loading is included above; time the turns alone too.
    let scenarios: Vec<_> = BUILTIN
        .iter()
        .map(|(name, text)| Arc::new(scenario::load(&SourceFile::new(*name, *text), &lexicon).0.unwrap()))
        .collect();
    let mut turn_count = 0u64;
    let turn_clock = Instant::now();
    for round in 0..2_000u64 {
        for scenario in &scenarios {
            for test in &scenario.tests {
                let mut session = Session::new(Arc::clone(scenario), Arc::clone(&detector), round);
                for line in &test.say {
                    black_box(session.respond(line));
                    turn_count += 1;
                }
            }
        }
    }
    let per_turn = turn_clock.elapsed().as_secs_f64() * 1e6 / turn_count as f64;
    let utterance = "I'm so sorry to hear that. If you don't pay, you won't be arrested, but we can set up a payment plan of $40 a month starting on the 15th.";
    let facts = collectsim::facts::Facts::default();
    let after = ["hardship_disclosed".to_string()];
    let context = collectsim::signals::Context {
        debtor_text: "I lost my job in August and I can't pay all of it.",
        debtor_events: &after,
        third_party: false,
        facts: &facts,
    };
    let detect_clock = Instant::now();
    for _ in 0..100_000 {
        black_box(detector.signals(black_box(utterance), &context));
    }
    let per_detect = detect_clock.elapsed().as_secs_f64() * 1e6 / 100_000.0;
    println!("calls with scenario loading: {turns} turns in {:.2?}", started.elapsed());
    println!("engine: {per_turn:.1} µs per trainee turn (over {turn_count} turns, session set-up included)");
    println!("detector: {per_detect:.1} µs per {}-byte utterance", utterance.len());
}
