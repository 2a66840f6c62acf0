//! `score(&rubrics, &transcript)`: every applicable rule either holds or yields
//! findings, and every collector turn is graded for the skills it gives something
//! to judge (`grade`). Empathy, clarity and negotiation are the weighted mean of
//! their turn grades, with the rules that found something at a fifth of their
//! severity weight; compliance and documentation are the share, weighted by
//! severity, of their applicable rules that held; the overall score weighs the
//! dimensions as the rubric packs say. The verdict (`verdict`) fails any call with
//! a critical finding, calls a call that never reached the account incomplete, and
//! otherwise passes it at the pass mark. README.md, *How the numbers are made*.

mod agency;
mod better;
mod call;
pub mod grade;
mod lump;
pub(crate) mod metrics;
pub mod render;
mod rules;
mod scorecard;
mod verdict;

pub use better::fill;
pub use metrics::{reading_grade, sentence_length};
pub use scorecard::{Component, Finding, Grade, RubricRef, Scorecard, Scores, Strength, TurnGrade};

use crate::rubric::{Dimension, Rubric};
use crate::transcript::Transcript;
use call::ScoredCall;

/// Scores one call against the given packs. Deterministic: same input, same card.
///
/// Empathy, clarity and negotiation come from the graded turns (see [`grade`]) and
/// the outcomes of the packs' rules in those dimensions; compliance and
/// documentation from the rules alone. A critical finding fails the call and caps
/// compliance and the overall score (see [`verdict`]).
pub fn score(rubrics: &[&Rubric], transcript: &Transcript) -> Scorecard {
    let mut call = ScoredCall::new(transcript);
    let mut tally = Tally::default();
    let mut findings = Vec::new();
    let mut strengths = Vec::new();
    let talks_money = grade::talks_money(transcript);
    for rubric in rubrics {
        call.scan_patterns(rubric);
        for rule in &rubric.rules {
            if rule.dimension == Dimension::Negotiation && !talks_money {
                continue;
            }
            let outcome = rules::evaluate(rule, &call, &transcript.facts, &transcript.notes);
            if !outcome.applicable {
                continue;
            }
            // A skill rule that found nothing either way (a forbidden phrase not
            // said) says nothing about the skill: counting it would score silence.
            let said_something = !outcome.findings.is_empty() || !outcome.strengths.is_empty();
            if rule.dimension.is_legal_or_record() || said_something {
                tally.add(rule.dimension, rule.severity.weight(), outcome.findings.is_empty());
            }
            findings.extend(outcome.findings);
            strengths.extend(outcome.strengths);
        }
    }
    for finding in &mut findings {
        let said = better::debtor_before(transcript, finding.turn);
        let (line, told_at) = (said.map(|t| t.text.as_str()), said.and_then(|t| t.told_at));
        finding.better = better::fill_said(&fill(&finding.better, &transcript.facts), line, told_at);
        finding.message = fill(&finding.message, &transcript.facts);
    }
    findings.sort_by(|a, b| (a.turn, &a.rule).cmp(&(b.turn, &b.rule)));
    strengths.sort_by(|a, b| (a.turn, &a.rule).cmp(&(b.turn, &b.rule)));
    // Each finding and strength gets its turn's time, and evidence of whole words.
    let turn_of = |n: usize| transcript.turns.get(n.checked_sub(1)?);
    for (turn, span, evidence, time) in findings
        .iter_mut()
        .map(|f| (f.turn, &mut f.span, &mut f.evidence, &mut f.time))
        .chain(strengths.iter_mut().map(|s| (s.turn, &mut s.span, &mut s.evidence, &mut s.time)))
    {
        let Some(said) = turn_of(turn) else { continue };
        *time = said.start.map(crate::transcript::label::clock);
        if let Some(at) = span.as_mut() {
            let whole = whole_words(&said.text, *at);
            if whole != *at {
                *at = whole;
                *evidence = said.text[whole[0]..whole[1]].trim().to_string();
            }
        }
    }
    let mut turns = grade::grade(transcript);
    if !talks_money {
        for turn in &mut turns {
            turn.negotiation = None;
        }
    }
    let mut scores = tally.scores(rubrics, &turns);
    let pass_mark = rubrics.iter().map(|r| r.pass_mark).fold(0.0, f64::max);
    // a collection call is one judged under collection law, or one with a balance on file
    let collecting = rubrics.iter().any(|r| r.jurisdiction.is_some()) || transcript.facts.number("balance").is_some();
    let judged = verdict::judge(&mut scores, &findings, transcript, pass_mark, collecting);
    Scorecard {
        source: transcript.source.clone(),
        rubrics: rubrics
            .iter()
            .map(|r| RubricRef { id: r.id.clone(), version: r.version, sha256: r.sha256.clone() })
            .collect(),
        scores,
        passed: judged.passed,
        verdict: judged.verdict,
        headline: judged.headline,
        findings,
        strengths,
        turns,
        agent: match &transcript.roles {
            crate::transcript::Roles::Chosen(choice) => Some(choice.clone()),
            _ => None,
        },
    }
}

/// Rule outcomes per dimension: weight earned (rules that held) and possible.
#[derive(Default)]
struct Tally {
    earned: [f64; 5],
    possible: [f64; 5],
}

/// How much a rule counts next to a graded turn in a skill dimension: a fifth of
/// its severity weight, so the turns (weighted 1 to 4) carry the score and a rule
/// about the whole call only nudges it.
const RULE_WEIGHT_IN_SKILLS: f64 = 0.2;

impl Tally {
    fn add(&mut self, dimension: Dimension, weight: f64, held: bool) {
        let d = dimension as usize;
        self.possible[d] += weight;
        if held {
            self.earned[d] += weight;
        }
    }

    fn scores(&self, rubrics: &[&Rubric], turns: &[grade::TurnGrade]) -> Scores {
        let graded = grade::call_sums(turns);
        let dimension = |d: Dimension| {
            let i = d as usize;
            let (mut total, mut weights) = (100.0 * self.earned[i], self.possible[i]);
            if let Some((sum, weight)) = graded.get(i).copied().flatten() {
                total = total * RULE_WEIGHT_IN_SKILLS + sum;
                weights = weights * RULE_WEIGHT_IN_SKILLS + weight;
            }
            (weights > 0.0).then(|| round1(total / weights))
        };
        let weight = |d: Dimension| {
            rubrics.iter().rev().flat_map(|r| r.weights.iter()).find(|(w, _)| *w == d).map_or(1.0, |(_, w)| *w)
        };
        let mut scores = Scores {
            empathy: dimension(Dimension::Empathy),
            clarity: dimension(Dimension::Clarity),
            negotiation: dimension(Dimension::Negotiation),
            compliance: dimension(Dimension::Compliance),
            documentation: dimension(Dimension::Documentation),
            overall: None,
        };
        let (mut total, mut weights) = (0.0, 0.0);
        for d in Dimension::ALL {
            if let Some(value) = scores.get(d) {
                total += weight(d) * value;
                weights += weight(d);
            }
        }
        scores.overall = (weights > 0.0).then(|| round1(total / weights));
        scores
    }
}

/// A span widened to whole words, so evidence never shows part of a token: a
/// pattern that matched `$4` of `$40` or `arrest` of `arrested` quotes the word. A
/// pattern anchored on the stop before its sentence (". Can you tell me...") quotes
/// the sentence, not the stop.
fn whole_words(text: &str, [start, end]: [usize; 2]) -> [usize; 2] {
    if start > end || end > text.len() || !text.is_char_boundary(start) || !text.is_char_boundary(end) {
        return [start, end];
    }
    let [start, end] = crate::signals::quoted_span(text, start, end);
    let in_word = |c: char| c.is_alphanumeric() || c == '\'' || c == '\u{2019}';
    let (first, last) = (text[start..end].chars().next(), text[start..end].chars().next_back());
    let mut from = start;
    while let Some(c) = text[..from].chars().next_back().filter(|&c| in_word(c) && first.is_some_and(in_word)) {
        from -= c.len_utf8();
    }
    let mut to = end;
    // `$4` of `$40` ends in a digit, `arrest` of `arrested` in a letter; a span that
    // ends at a comma or space ends where it means to.
    while last.is_some_and(in_word) {
        let rest = &text[to..];
        let mut chars = rest.chars();
        match (chars.next(), chars.next()) {
            (Some(c), _) if in_word(c) => to += c.len_utf8(),
            // `$1,240.50` is one figure: a separator between digits belongs to it.
            (Some(c @ ('.' | ',')), Some(d))
                if d.is_ascii_digit() && text[..to].ends_with(|p: char| p.is_ascii_digit()) =>
            {
                to += c.len_utf8()
            }
            _ => break,
        }
    }
    [from, to]
}

fn round1(value: f64) -> f64 {
    (value * 10.0).round() / 10.0
}

/// What one rule of `rubric` finds in a call (for rule examples): findings, and
/// whether it applied.
pub fn judge_rule(rubric: &Rubric, rule: &crate::rubric::Rule, transcript: &Transcript) -> (bool, Vec<Finding>) {
    let mut call = ScoredCall::new(transcript);
    call.scan_patterns(rubric);
    let outcome = rules::evaluate(rule, &call, &transcript.facts, &transcript.notes);
    (outcome.applicable, outcome.findings)
}

#[cfg(test)]
mod tests {
    #[test]
    fn evidence_is_whole_words() {
        let text = "Pay $40 today or you'll be arrested, Maria.";
        assert_eq!(super::whole_words(text, [4, 6]), [4, 7], "$4 → $40");
        assert_eq!(super::whole_words(text, [27, 33]), [27, 35], "arrest → arrested");
        assert_eq!(super::whole_words("It is $1,240.50 now", [6, 8]), [6, 15]);
        assert_eq!(super::whole_words(text, [0, 3]), [0, 3], "whole already");
        assert_eq!(super::whole_words("café crème", [0, 3]), [0, 5]);
        let intro = "Ridgeline Recovery, a debt collector";
        assert_eq!(super::whole_words(intro, [18, 36]), [20, 36], "a leading comma is not quoted");
        let asked = "That's hard. Can you tell me more?";
        assert_eq!(super::whole_words(asked, [11, 34]), [13, 34], "the stop before a sentence is not quoted");
    }
}
