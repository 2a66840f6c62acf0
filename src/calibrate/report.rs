//! A calibration run as text a QA lead reads top to bottom: the figures first,
//! then what was missed, item by item.

use std::fmt::Write;

use super::{ActResult, Calibration};

fn ratio(value: Option<f64>) -> String {
    value.map_or_else(|| "  -  ".to_string(), |v| format!("{v:.2}"))
}

/// The figures, then up to `misses` missed items of each kind (0: none).
pub fn text(run: &Calibration, misses: usize) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "Calibration ({} items)\n", run.part);
    labelled(&mut out, "Acts", &run.acts, misses);
    pairs(&mut out, run, misses);
    calls(&mut out, run, misses);
    labelled(&mut out, "Bids", &run.bids, misses);
    out
}

/// Precision and recall per act (collector turns) or bid (debtor lines).
fn labelled(out: &mut String, title: &str, results: &[ActResult], misses: usize) {
    if results.is_empty() {
        return;
    }
    let _ = writeln!(out, "{title:<34}precision  recall   tp  fp  fn  tn");
    for act in results {
        if !act.known {
            let _ = writeln!(out, "  {:<32} (not an act, signal or event of this lexicon)", act.act);
            continue;
        }
        let _ = writeln!(
            out,
            "  {:<32} {:>9}  {:>6}  {:>3} {:>3} {:>3} {:>3}",
            act.act,
            ratio(act.precision),
            ratio(act.recall),
            act.true_positives,
            act.false_positives,
            act.false_negatives,
            act.true_negatives
        );
    }
    out.push('\n');
    if misses == 0 {
        return;
    }
    for act in results.iter().filter(|a| !a.misses.is_empty()) {
        let _ = writeln!(out, "  missed, {}:", act.act);
        for miss in act.misses.iter().take(misses) {
            let what = if miss.expected { "not heard" } else { "false alarm" };
            let _ = writeln!(out, "    {} ({what})  {} → {}", miss.id, miss.context, miss.text);
        }
    }
    out.push('\n');
}

fn pairs(out: &mut String, run: &Calibration, misses: usize) {
    if run.pairs.is_empty() {
        return;
    }
    let _ = writeln!(out, "Pairs: better reply scored above the worse one (a tie is wrong)");
    for pair in &run.pairs {
        let _ =
            writeln!(out, "  {:<14} {:>5}  ({} of {})", pair.dimension, ratio(pair.accuracy), pair.correct, pair.total);
    }
    if misses > 0 {
        for pair in run.pairs.iter().filter(|p| !p.misses.is_empty()) {
            let _ = writeln!(out, "  missed, {}:", pair.dimension);
            for m in pair.misses.iter().take(misses) {
                let score = |v: Option<f64>| v.map_or_else(|| "-".to_string(), |v| format!("{v:.1}"));
                let _ = writeln!(out, "    {}  better {} [{}]", m.id, score(m.better), m.better_why.join("; "));
                let _ = writeln!(
                    out,
                    "    {}  worse  {} [{}]",
                    " ".repeat(m.id.len()),
                    score(m.worse),
                    m.worse_why.join("; ")
                );
            }
        }
    }
    out.push('\n');
}

fn calls(out: &mut String, run: &Calibration, misses: usize) {
    if run.violations.is_empty() && run.clean_calls == 0 {
        return;
    }
    let _ = writeln!(out, "Violations: recall by kind");
    for kind in &run.violations {
        let missed = if kind.missed_in.is_empty() {
            String::new()
        } else {
            format!("  missed in {}", kind.missed_in.join(", "))
        };
        let _ = writeln!(
            out,
            "  {:<32} {:>5}  ({} of {}){missed}",
            kind.kind,
            ratio(kind.recall),
            kind.found,
            kind.expected
        );
    }
    let _ = writeln!(
        out,
        "  all kinds {:>28}\n  marked turns found {:>19}  ({} of {})",
        ratio(run.violation_recall()),
        ratio((run.marks > 0).then(|| run.marks_found as f64 / run.marks as f64)),
        run.marks_found,
        run.marks
    );
    let _ = writeln!(out, "\nClean calls: {} of {} with a false alarm", run.clean_calls_alarmed(), run.clean_calls);
    for alarm in run.false_alarms.iter().take(if misses == 0 { usize::MAX } else { misses.max(20) }) {
        let _ = writeln!(out, "  {} turn {}  {}  \"{}\"", alarm.call, alarm.turn, alarm.rule, alarm.evidence);
    }
    if misses > 0 && !run.unexpected.is_empty() {
        let _ = writeln!(out, "\nFound in violation calls but not labelled ({}):", run.unexpected.len());
        for alarm in run.unexpected.iter().take(misses) {
            let _ = writeln!(out, "  {} turn {}  {}  \"{}\"", alarm.call, alarm.turn, alarm.rule, alarm.evidence);
        }
    }
}
