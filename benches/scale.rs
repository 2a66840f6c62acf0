//! Time against input size, for the inputs that once made collectsim quadratic: one
//! turn of accented letters, CJK, digits or words with no punctuation, a call of many
//! turns, and scenario files with many keys or nodes. Each is timed at three sizes,
//! four times apart; the last column is the time per byte relative to the smallest
//! size, which stays near 1 when growth is linear (it was 4 and 16 when quadratic).
//! Run with `cargo bench --bench scale`.

use std::hint::black_box;
use std::time::{Duration, Instant};

use collectsim::batch::Scorer;
use collectsim::signals::Lexicon;
use collectsim::source::SourceFile;

const SIZES: [usize; 3] = [100_000, 400_000, 1_600_000];

fn one_turn(unit: &str) -> impl Fn(usize) -> String + '_ {
    move |bytes| format!("Agent: {}\nDebtor: ok\n", unit.repeat(bytes / unit.len() + 1))
}

fn many_turns(bytes: usize) -> String {
    let turn = "Agent: Hello, the balance is $40.00, can you pay today?\nDebtor: I lost my job, I can't pay.\n";
    turn.repeat(bytes / turn.len() + 1)
}

fn duplicate_keys(bytes: usize) -> String {
    let keys: String = (0..bytes / 12).map(|i| format!("  k: {i}\n")).collect();
    format!("id: dups\ntitle: Dups\nfacts:\n{keys}")
}

fn many_nodes(bytes: usize) -> String {
    let count = bytes / 70;
    let mut text = String::from(
        "format: 1\nid: many\ntitle: Many\nsummary: s\npersona: {name: P, kind: hardship}\n\
         difficulty: {label: standard}\nfacts: {jurisdiction: US, balance: 100}\nmeters: {trust: 50}\nstart: n0\nnodes:\n",
    );
    for i in (0..count).rev() {
        text += &format!("  - id: n{i}\n    say: [\"Hi\"]\n");
        text += &match i + 1 == count {
            true => "    end: {outcome: done, success: true}\n".to_string(),
            false => format!("    on:\n      - {{turn: \">= 0\", goto: n{}}}\n", i + 1),
        };
    }
    text
}

fn time(run: &dyn Fn(&str), input: &str) -> Duration {
    let started = Instant::now();
    run(input);
    started.elapsed()
}

fn main() {
    let scorer = Scorer::builtin().unwrap();
    let lexicon = Lexicon::builtin();
    let score = |text: &str| {
        black_box(scorer.score_text("bench.txt", text).unwrap());
    };
    let validate = |text: &str| {
        black_box(collectsim::scenario::load(&SourceFile::new("bench.yaml", text), &lexicon));
    };
    type Make<'a> = Box<dyn Fn(usize) -> String + 'a>;
    type Case<'a> = (&'a str, Make<'a>, &'a dyn Fn(&str));
    let cases: Vec<Case> = vec![
        ("score: one turn of é", Box::new(one_turn("é")), &score),
        ("score: one turn of CJK", Box::new(one_turn("中")), &score),
        ("score: one turn of digits", Box::new(one_turn("7")), &score),
        ("score: one turn, no punctuation", Box::new(one_turn("please pay the balance today ")), &score),
        ("score: many turns", Box::new(many_turns), &score),
        ("validate: duplicate keys", Box::new(duplicate_keys), &validate),
        ("validate: nodes in reverse order", Box::new(many_nodes), &validate),
    ];
    println!("{:<34} {:>10} {:>10} {:>10}   per byte vs smallest", "input", "100 KB", "400 KB", "1.6 MB");
    for (name, make, run) in cases {
        let times: Vec<Duration> = SIZES.iter().map(|&size| time(run, &make(size))).collect();
        let per_byte: Vec<f64> = times.iter().zip(SIZES).map(|(t, size)| t.as_secs_f64() / size as f64).collect();
        let ratios: Vec<String> = per_byte.iter().map(|p| format!("{:.2}", p / per_byte[0])).collect();
        let shown: Vec<String> = times.iter().map(|t| format!("{:.0} ms", t.as_secs_f64() * 1000.0)).collect();
        println!("{name:<34} {:>10} {:>10} {:>10}   {}", shown[0], shown[1], shown[2], ratios.join(" / "));
    }
}
