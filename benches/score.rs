//! Scoring speed on a 100-turn call: detection of every turn plus all three packs'
//! rules. Run with `cargo bench --bench score`.

use std::hint::black_box;
use std::time::Instant;

use collectsim::rubric::{self, library::BUILTIN};
use collectsim::score::score;
use collectsim::signals::{Detector, Lexicon};
use collectsim::source::SourceFile;
use collectsim::transcript::parse_text;

const LINES: &[(&str, &str)] = &[
    ("Agent", "Hi, this is Sam Ortiz calling from Ridgeline Recovery. Am I speaking with Maria Alvarez?"),
    ("Debtor", "Yes, this is Maria. What's this about?"),
    (
        "Agent",
        "I'm a debt collector. This is an attempt to collect a debt and any information obtained will be used for that purpose.",
    ),
    ("Debtor", "I know I'm behind. I lost my job in August and I can't afford much."),
    ("Agent", "I'm so sorry about your job, that sounds really stressful. What's been going on since then?"),
    ("Debtor", "I'm on unemployment, interviewing. I could do $40 a month."),
    (
        "Agent",
        "Forty a month works. So to confirm, $40 on the 15th of each month by debit card. I'll send you a letter.",
    ),
    ("Debtor", "Okay. Thank you for being decent about this."),
    ("Agent", "If you don't pay today you could be arrested, and we will take you to court."),
    ("Debtor", "That's not fair. Stop calling me."),
];

fn main() {
    let lexicon = Lexicon::builtin();
    let detector = Detector::new(&lexicon).unwrap();
    let packs: Vec<_> =
        BUILTIN.iter().filter_map(|(name, text)| rubric::load(&SourceFile::new(*name, *text), &lexicon).0).collect();
    let us: Vec<_> = packs.iter().filter(|p| p.id != "uk-fca").collect();
    let mut text =
        String::from("---\njurisdiction: US\nbalance: 1240.50\ncreditor: Summit Bank\nfees_authorized: []\n---\n");
    for i in 0..100 {
        let (who, line) = LINES[i % LINES.len()];
        text += &format!("{who}: {line}\n");
    }
    let parsed = parse_text(&SourceFile::new("bench.txt", text.as_str())).unwrap();
    let rounds = 300;
    let start = Instant::now();
    let mut findings = 0;
    for _ in 0..rounds {
        let mut transcript = parsed.clone();
        transcript.detect(&detector);
        findings += black_box(score(&us, &transcript)).findings.len();
    }
    let per_call = start.elapsed().as_secs_f64() / rounds as f64;
    println!(
        "score: {:.2} ms per 100-turn call = {:.1} µs per turn (detection + {} rules), {} findings per call",
        per_call * 1e3,
        per_call * 1e6 / 100.0,
        us.iter().map(|p| p.rules.len()).sum::<usize>(),
        findings / rounds
    );
}
