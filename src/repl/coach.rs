//! Scoring inside a call: the packs for the scenario's jurisdiction, the running
//! scorecard, and which findings the trainee has already been coached on.

use std::collections::BTreeSet;

use collectsim::rubric::Rubric;
use collectsim::score::{Finding, Scorecard, Strength, render, score};
use collectsim::signals::Detector;
use collectsim::store::SessionRecord;
use collectsim::style::Style;

pub struct Coach {
    packs: Vec<Rubric>,
    shown: BTreeSet<(String, usize)>,
}

impl Coach {
    /// Keeps the packs that apply in `jurisdiction` (core, and its compliance pack).
    pub fn new(mut packs: Vec<Rubric>, jurisdiction: &str) -> Coach {
        packs.retain(|p| p.applies_to(Some(jurisdiction)));
        Coach { packs, shown: BTreeSet::new() }
    }

    /// The scorecard for the call so far, notes included; `finished` judges what
    /// is still missing as missed.
    pub fn card(&self, record: &SessionRecord, detector: &Detector, finished: bool) -> Scorecard {
        let mut transcript = record.transcript(detector);
        transcript.finished = finished;
        let packs: Vec<&Rubric> = self.packs.iter().collect();
        score(&packs, &transcript)
    }

    /// Findings and strengths about the line just said (turn `said`, 1-based) not
    /// yet shown: the coach speaks of that line only. What is learnt later about an
    /// earlier line (a name given before the debt was discussed) waits for the
    /// scorecard, and so do documentation findings, which are about the account
    /// note written after the call.
    pub fn fresh(&mut self, card: &Scorecard, said: usize) -> (Vec<Finding>, Vec<Strength>) {
        let findings: Vec<Finding> = card
            .findings
            .iter()
            .filter(|f| f.turn == said && f.dimension != "documentation")
            .filter(|f| self.shown.insert((f.rule.clone(), f.turn)))
            .cloned()
            .collect();
        let strengths: Vec<Strength> = card
            .strengths
            .iter()
            .filter(|s| s.turn == said && self.shown.insert((s.rule.clone(), s.turn)))
            .cloned()
            .collect();
        (findings, strengths)
    }

    /// Forget what was shown about turns after `turns` (1-based), which `:undo`
    /// took back: a line said again in their place is coached afresh, while the
    /// lines kept are not coached a second time.
    pub fn forget_after(&mut self, turns: usize) {
        self.shown.retain(|(_, turn)| *turn <= turns);
    }

    /// Forget everything shown (after :restart or :reload the call is different).
    pub fn reset(&mut self) {
        self.shown.clear();
    }
}

/// Live coaching lines: what the rule is, why, and a better phrasing.
pub fn print_coaching(findings: &[Finding], strengths: &[Strength], style: &Style) {
    for f in findings {
        let citation = f.citation.as_ref().map(|c| format!(" [{c}]")).unwrap_or_default();
        let head = format!("Coach ({} {}){citation}:", f.severity, f.dimension);
        println!("  {}", style.yellow(&head));
        println!("    {}", super::ui::wrap(&f.message, 4));
        println!("    {} {}", style.cyan("Try:"), super::ui::wrap(&f.better, 9));
    }
    for s in strengths {
        println!("  {} {}", style.green("Coach: ✓"), super::ui::wrap(&s.message, 12));
    }
}

pub fn print_card(card: &Scorecard, style: &Style) {
    print!("{}", render::text(card, style));
}
