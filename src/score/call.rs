//! A transcript seen the way rules ask about it: collector turns in order, where
//! each debtor event first happened, and where a rule's triggers match.

use crate::rubric::{Rubric, Triggers};
use crate::transcript::{Speaker, Transcript, Turn};

/// Where a trigger matched: turn index (0-based), byte span, the words.
#[derive(Debug, Clone)]
pub struct Match {
    pub turn: usize,
    pub span: [usize; 2],
    pub evidence: String,
}

/// A transcript as the rules read it: its collector turns indexed once, and the
/// pattern matches and word counts the rules share, computed at most once per call.
pub struct ScoredCall<'t> {
    pub transcript: &'t Transcript,
    /// Indexes of collector turns, in order.
    pub collector: Vec<usize>,
    /// Made by the first metric rule that needs them.
    pub own_words: std::cell::OnceCell<super::metrics::OwnWords>,
    /// For the rubric being scored, row by turn: the first match of each of its
    /// turn patterns (see [`ScoredCall::scan_patterns`]).
    pattern_hits: Vec<Option<[usize; 2]>>,
    pattern_count: usize,
}

impl<'t> ScoredCall<'t> {
    pub fn new(transcript: &'t Transcript) -> Self {
        let collector = transcript
            .turns
            .iter()
            .enumerate()
            .filter(|(_, t)| t.speaker == Speaker::Collector)
            .map(|(i, _)| i)
            .collect();
        ScoredCall {
            transcript,
            collector,
            own_words: std::cell::OnceCell::new(),
            pattern_hits: Vec::new(),
            pattern_count: 0,
        }
    }

    /// Reads every collector turn once for all of `rubric`'s turn patterns; its
    /// rules' [`ScoredCall::find`] then look the matches up.
    pub fn scan_patterns(&mut self, rubric: &Rubric) {
        let count = rubric.turn_patterns.as_ref().map_or(0, |s| s.pattern_count());
        self.pattern_count = count;
        self.pattern_hits.clear();
        self.pattern_hits.resize(self.transcript.turns.len() * count, None);
        let Some(scanner) = &rubric.turn_patterns else { return };
        for &i in &self.collector {
            let text = &self.transcript.turns[i].text;
            scanner.first_matches(text, &mut self.pattern_hits[i * count..(i + 1) * count]);
        }
    }

    pub fn turn(&self, index: usize) -> &Turn {
        &self.transcript.turns[index]
    }

    /// The first debtor turn carrying one of `events`.
    pub fn first_event(&self, events: &[String]) -> Option<usize> {
        self.transcript
            .turns
            .iter()
            .position(|t| t.speaker == Speaker::Debtor && t.events.iter().any(|e| events.contains(e)))
    }

    pub fn happened(&self, event: &str) -> bool {
        self.transcript.turns.iter().any(|t| t.speaker == Speaker::Debtor && t.events.iter().any(|e| e == event))
    }

    /// The first match of `triggers` in collector turn `index`.
    pub fn find(&self, triggers: &Triggers, index: usize) -> Option<Match> {
        let turn = self.turn(index);
        let by_signal =
            turn.signals.iter().find(|h| triggers.signals.contains(&h.id)).map(|h| (h.span, h.evidence.clone()));
        debug_assert_eq!(triggers.scan_ids.len(), triggers.patterns.len(), "turn triggers are scanned");
        let by_pattern = triggers
            .scan_ids
            .iter()
            .filter_map(|&p| self.pattern_hits.get(index * self.pattern_count + p).copied().flatten())
            .min_by_key(|span| span[0])
            .map(|span| (span, turn.text[span[0]..span[1]].to_string()));
        let best = match (by_signal, by_pattern) {
            (Some(a), Some(b)) => Some(if b.0[0] < a.0[0] { b } else { a }),
            (a, b) => a.or(b),
        };
        best.map(|(span, evidence)| Match { turn: index, span, evidence })
    }

    /// Every collector turn (from `from`, exclusive of earlier ones) where `triggers` match.
    pub fn matches_from(&self, triggers: &Triggers, from: usize) -> Vec<Match> {
        self.collector.iter().filter(|&&i| i >= from).filter_map(|&i| self.find(triggers, i)).collect()
    }

    /// The first collector turn carrying one of `signals`, with the words.
    pub fn first_signal(&self, signals: &[String]) -> Option<Match> {
        self.collector.iter().find_map(|&i| {
            let hit = self.turn(i).signals.iter().find(|h| signals.contains(&h.id))?;
            Some(Match { turn: i, span: hit.span, evidence: hit.evidence.clone() })
        })
    }

    /// Whether a collector turn before `until` (or at it, earlier in the text) carries one of `signals`.
    pub fn said_before(&self, signals: &[String], until: &Match) -> bool {
        self.collector.iter().filter(|&&i| i <= until.turn).any(|&i| {
            self.turn(i)
                .signals
                .iter()
                .any(|h| signals.contains(&h.id) && (i < until.turn || h.span[0] <= until.span[0]))
        })
    }
}
