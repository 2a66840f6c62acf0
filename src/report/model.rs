//! Everything a report shows, computed once from the session (and its scenario,
//! when available) into plain data that every template renders: the header, the
//! scores with chart geometry, the top three things to work on, the call turn by
//! turn with findings and strengths attached to their words, the debtor's meters
//! over the call with every reason, model answers, and the next scenario to try.

use serde::Serialize;

use super::grades::{self, GradeLine, GradeView};
use crate::rubric::Dimension;
use crate::scenario::Scenario;
use crate::score::{Finding, Scorecard, Strength, render};
use crate::store::SessionRecord;
use crate::transcript::Speaker;

/// Everything one report shows, as plain data for the text, Markdown, HTML and JSON templates.
#[derive(Debug, Serialize)]
pub struct Report {
    /// Who played the call.
    pub trainee: String,
    /// The scenario's id.
    pub scenario_id: String,
    /// The scenario's title.
    pub scenario_title: String,
    /// The debtor's name.
    pub persona: String,
    /// The persona kind (`hardship`, `hostile`...).
    pub persona_kind: String,
    /// The difficulty level played.
    pub difficulty: String,
    /// When the call started (RFC 3339).
    pub date: String,
    /// `practice`, `assessment` or another session mode, in lower case.
    pub mode: String,
    /// Whether any help was used (hints, undos, restarts, score checks).
    pub assisted: bool,
    /// What made it assisted, counted in words: "1 hint, 2 undos".
    pub assisted_by: String,
    /// How many hints were shown.
    pub hints_used: usize,
    /// The seed that replays the call exactly.
    pub seed: u64,
    /// The ending reached, in words (`plan agreed`).
    pub outcome: String,
    /// Whether the story's ending was a good one; none when the call did not end.
    pub story_success: Option<bool>,
    /// The story's ending in words: `success`, `not a success`, or that the
    /// collector hung up (`:end`) before any ending was reached.
    pub story: String,
    /// Whether the scorecard passed the call.
    pub passed: bool,
    /// `passed`, `failed` or `incomplete`.
    pub verdict: String,
    /// `PASSED`, `FAILED` or `INCOMPLETE`, as the text report prints it.
    pub verdict_word: String,
    /// One line that says why: "Failed: threatened arrest (turn 6)".
    pub headline: String,
    /// The headline without its verdict ("threatened arrest (turn 6)"); empty for
    /// a pass, whose reason is its overall score.
    pub reason: String,
    /// The overall score (0–100), when anything was judged.
    pub overall: Option<f64>,
    /// One bar per dimension, with chart geometry.
    pub scores: Vec<ScoreBar>,
    /// The trainee's turn grades over the call, for a chart.
    pub grade_lines: Vec<GradeLine>,
    /// The three findings most worth working on.
    pub work_on: Vec<Finding>,
    /// Their heading, counted: "Three things to work on", "One thing to work on".
    pub work_on_title: String,
    /// What went well, with the words that did it.
    pub strengths: Vec<Strength>,
    /// The call turn by turn.
    pub turns: Vec<TurnView>,
    /// The debtor's meters over the call, as chart lines.
    pub meters: Vec<MeterLine>,
    /// The x-axis of the meter chart: a tick per turn, numbered (every few on a long call).
    pub meter_ticks: Vec<Tick>,
    /// The x-axis of the grades chart: the graded turns' numbers.
    pub grade_ticks: Vec<Tick>,
    /// Every meter change with its turn and reason.
    pub meter_changes: Vec<ChangeView>,
    /// The trainee's line beside the supervisor's model reply, where one is written.
    pub model_answers: Vec<ModelAnswer>,
    /// The trainee's account notes.
    pub notes: Vec<String>,
    /// What the account note missed: documentation findings, shown with the note
    /// rather than under the last turn.
    pub note_findings: Vec<Finding>,
    /// The scenario suggested next, if any.
    pub next_scenario: Option<String>,
    /// The rubric packs that scored the call, with their versions.
    pub rubrics: String,
    /// Set for a call scored from a transcript (not played): who was who.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub call: Option<CallInfo>,
}

/// One dimension's score, ready to draw.
#[derive(Debug, Serialize)]
pub struct ScoreBar {
    /// The dimension's name.
    pub dimension: String,
    /// The score (0–100); none when the call gave it nothing to judge.
    pub score: Option<f64>,
    /// The score as printed (`72.5` or `—`).
    pub shown: String,
    /// Bar width in the SVG chart (0–300) and a text bar for the terminal.
    pub width: f64,
    /// The bar as block characters, for the text report.
    pub text_bar: String,
    /// The bar's y coordinate in the SVG chart.
    pub y: f64,
    /// The label's y coordinate in the SVG chart.
    pub label_y: f64,
}

/// One turn of the call as the report shows it.
#[derive(Debug, Serialize)]
pub struct TurnView {
    /// The turn's number (1-based).
    pub number: usize,
    /// `You [4]:` or `Maria [5]:`, the text report's speaker column.
    pub label: String,
    /// Whether the trainee (the collector) said it.
    pub collector: bool,
    /// The speaker's name.
    pub speaker: String,
    /// What was said.
    pub text: String,
    /// The text cut into pieces, with the words findings and strengths point at marked.
    pub segments: Vec<Segment>,
    /// Findings raised on this turn.
    pub findings: Vec<Finding>,
    /// Strengths shown on this turn.
    pub strengths: Vec<Strength>,
    /// The turn's grades and what made them (the trainee's turns only).
    pub grades: Vec<GradeView>,
    /// When the turn began in the recording (`00:01:42`), for a transcript with times.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub time: Option<String>,
}

/// A call scored from a transcript: the file, the collector's and the customer's
/// labels, and how the collector was told apart when the labels did not say.
#[derive(Debug, Serialize)]
pub struct CallInfo {
    /// The transcript file scored.
    pub source: String,
    /// The collector's label in it.
    pub collector: String,
    /// The customer's label in it.
    pub customer: String,
    /// "inferred: introduced themselves for a company (turn 1), …" or "named with --agent".
    #[serde(skip_serializing_if = "Option::is_none")]
    pub agent: Option<String>,
}

/// A piece of a turn's text; marked pieces are the words a finding or strength points at.
#[derive(Debug, Serialize)]
pub struct Segment {
    /// The words.
    pub text: String,
    /// Whether a finding points at them.
    pub finding: bool,
    /// Whether a strength points at them.
    pub strength: bool,
    /// The finding's or strength's message, for a tooltip.
    pub note: String,
}

/// One meter's line on the chart.
#[derive(Debug, Serialize)]
pub struct MeterLine {
    /// The meter's name.
    pub name: String,
    /// Its colour (`#2b6cb0`).
    pub colour: String,
    /// SVG polyline points.
    pub points: String,
    /// The value at the end of the call.
    pub last: f64,
    /// Where its end label sits on the chart.
    pub label_y: f64,
}

/// A meter change, listed under the chart.
#[derive(Debug, Serialize)]
pub struct ChangeView {
    /// The turn that moved it.
    pub turn: usize,
    /// The meter.
    pub meter: String,
    /// The change, signed (`+10`).
    pub delta: String,
    /// The value it moved to.
    pub to: f64,
    /// Why, in the author's words.
    pub reason: String,
}

/// A trainee line beside the reply a supervisor wrote for that point.
#[derive(Debug, Serialize)]
pub struct ModelAnswer {
    /// The turn.
    pub turn: usize,
    /// What the trainee said.
    pub said: String,
    /// The model reply.
    pub model: String,
}

const COLOURS: [&str; 5] = ["#2b6cb0", "#c53030", "#2f855a", "#b7791f", "#6b46c1"];

/// Computes a report from a saved call and its scorecard (and its scenario, when found, for model replies).
pub fn build(record: &SessionRecord, card: &Scorecard, scenario: Option<&Scenario>, next: Option<String>) -> Report {
    let work_on = top_three(&card.findings);
    Report {
        trainee: record.trainee.clone(),
        scenario_id: record.scenario.id.clone(),
        scenario_title: record.scenario.title.clone(),
        persona: record.persona.name.clone(),
        persona_kind: record.persona.kind.clone(),
        difficulty: record.persona.difficulty.clone(),
        date: record.started_at.clone(),
        mode: format!("{:?}", record.mode).to_lowercase(),
        assisted: !record.hints.is_empty()
            || !record.undos.is_empty()
            || record.restarts > 0
            || record.score_checks > 0,
        hints_used: record.hints.len(),
        assisted_by: assisted_by(record),
        seed: record.seed,
        outcome: record.outcome.replace('_', " "),
        story_success: record.success,
        story: story_in_words(record).to_string(),
        passed: card.passed,
        verdict: render::verdict(card).to_string(),
        verdict_word: render::verdict(card).to_uppercase(),
        headline: card.headline.clone(),
        reason: reason_of(card),
        overall: card.scores.overall,
        scores: score_bars(card),
        grade_lines: grades::lines(card),
        work_on_title: work_on_title(work_on.len()),
        work_on,
        strengths: card.strengths.clone(),
        turns: turns(record, card),
        meters: meter_lines(record, scenario),
        meter_ticks: ticks(&meter_positions(record.turns.len()), TICK_GAP, TICK_GAP),
        grade_ticks: ticks(&grades::positions(card).collect::<Vec<_>>(), TICK_GAP, TICK_GAP),
        meter_changes: changes(record),
        model_answers: model_answers(record, card, scenario),
        notes: record.notes.iter().map(|n| n.text.clone()).collect(),
        note_findings: card.findings.iter().filter(|f| is_about_the_note(f)).cloned().collect(),
        next_scenario: next,
        rubrics: card.rubrics.iter().map(|r| format!("{} v{}", r.id, r.version)).collect::<Vec<_>>().join(", "),
        call: None,
    }
}

/// Documentation findings are about the account note written after the call,
/// not about the turn they are numbered with.
fn is_about_the_note(finding: &Finding) -> bool {
    finding.dimension == "documentation"
}

/// "1 hint, 2 undos, 1 look at the score": the help a practice call had.
fn assisted_by(record: &SessionRecord) -> String {
    let counted = |n: usize, one: &str, many: &str| match n {
        0 => None,
        1 => Some(format!("1 {one}")),
        n => Some(format!("{n} {many}")),
    };
    [
        counted(record.hints.len(), "hint", "hints"),
        counted(record.undos.len(), "undo", "undos"),
        counted(record.restarts as usize, "restart", "restarts"),
        counted(record.score_checks, "look at the score", "looks at the score"),
    ]
    .into_iter()
    .flatten()
    .collect::<Vec<_>>()
    .join(", ")
}

/// The headline without its verdict, and without the overall score every report
/// already shows beside it ("below the pass mark of 70; weakest: empathy 41.0").
fn reason_of(card: &Scorecard) -> String {
    if card.passed {
        return String::new();
    }
    let why = card.headline.split_once(": ").map_or("", |(_, why)| why);
    match why.strip_prefix("overall ").and_then(|rest| rest.split_once(" is ")) {
        Some((_, below)) => below.to_string(),
        None => why.to_string(),
    }
}

fn score_bars(card: &Scorecard) -> Vec<ScoreBar> {
    let s = &card.scores;
    let dims: Vec<(&str, Option<f64>)> =
        Dimension::ALL.iter().map(|d| (d.name(), s.get(*d))).chain([("overall", s.overall)]).collect();
    dims.iter()
        .enumerate()
        .map(|(i, (name, score))| ScoreBar {
            dimension: name.to_string(),
            score: *score,
            shown: render::shown(*score),
            width: score.unwrap_or(0.0) * 3.0,
            text_bar: "█".repeat((score.unwrap_or(0.0) / 5.0).round() as usize),
            y: 10.0 + i as f64 * 34.0,
            label_y: 28.0 + i as f64 * 34.0,
        })
        .collect()
}

/// The heading over the findings to work on, saying how many there are.
fn work_on_title(count: usize) -> String {
    match count {
        1 => "One thing to work on".into(),
        2 => "Two things to work on".into(),
        _ => "Three things to work on".into(),
    }
}

/// The three most important findings: critical before major before minor, then by
/// turn, one per rule.
fn top_three(findings: &[Finding]) -> Vec<Finding> {
    let rank = |s: &str| match s {
        "critical" => 0,
        "major" => 1,
        _ => 2,
    };
    let mut sorted: Vec<&Finding> = findings.iter().collect();
    sorted.sort_by_key(|f| (rank(&f.severity), f.turn));
    let mut seen = Vec::new();
    sorted
        .into_iter()
        .filter(|f| {
            let fresh = !seen.contains(&f.rule);
            seen.push(f.rule.clone());
            fresh
        })
        .take(3)
        .cloned()
        .collect()
}

fn turns(record: &SessionRecord, card: &Scorecard) -> Vec<TurnView> {
    let debtor = record.persona.name.split_whitespace().next().unwrap_or("Debtor").to_string();
    record
        .turns
        .iter()
        .enumerate()
        .map(|(i, turn)| {
            let number = i + 1;
            let findings: Vec<Finding> =
                card.findings.iter().filter(|f| f.turn == number && !is_about_the_note(f)).cloned().collect();
            let strengths: Vec<Strength> = card.strengths.iter().filter(|s| s.turn == number).cloned().collect();
            let collector = turn.speaker == Speaker::Collector;
            let who = if collector { "You".to_string() } else { debtor.clone() };
            TurnView {
                number,
                label: format!("{who} [{number}]:"),
                collector,
                speaker: if collector { record.trainee.clone() } else { debtor.clone() },
                text: turn.text.clone(),
                segments: segments(&turn.text, &findings, &strengths),
                findings,
                strengths,
                grades: grades::for_turn(card, number),
                time: turn.start.map(crate::transcript::label::clock),
            }
        })
        .collect()
}

/// Splits a turn's text at the spans findings and strengths point to (findings win
/// where they overlap), so templates can highlight exactly those words.
fn segments(text: &str, findings: &[Finding], strengths: &[Strength]) -> Vec<Segment> {
    let mut marks: Vec<(usize, usize, bool, String)> = Vec::new();
    marks.extend(findings.iter().filter_map(|f| f.span.map(|s| (s[0], s[1], true, f.message.clone()))));
    marks.extend(strengths.iter().filter_map(|s| s.span.map(|sp| (sp[0], sp[1], false, s.message.clone()))));
    marks.sort_by_key(|m| (m.0, !m.2));
    let mut out = Vec::new();
    let mut at = 0;
    for (start, end, is_finding, note) in marks {
        let (start, end) = (start.max(at).min(text.len()), end.min(text.len()));
        if start >= end || !text.is_char_boundary(start) || !text.is_char_boundary(end) {
            continue;
        }
        if start > at {
            out.push(Segment {
                text: text[at..start].to_string(),
                finding: false,
                strength: false,
                note: String::new(),
            });
        }
        out.push(Segment { text: text[start..end].to_string(), finding: is_finding, strength: !is_finding, note });
        at = end;
    }
    if at < text.len() {
        out.push(Segment { text: text[at..].to_string(), finding: false, strength: false, note: String::new() });
    }
    out
}

/// Each meter's value after every turn, as SVG polyline points in a 600×200 box.
fn meter_lines(record: &SessionRecord, scenario: Option<&Scenario>) -> Vec<MeterLine> {
    let mut names: Vec<(String, f64)> = match scenario {
        Some(s) => s.meters.clone(),
        None => record.final_meters.iter().map(|(n, _)| (n.clone(), f64::NAN)).collect(),
    };
    for (name, start) in &mut names {
        if start.is_nan() {
            *start = first_from(record, name).unwrap_or(0.0);
        }
    }
    let steps = record.turns.len().max(1) as f64;
    let mut lines: Vec<MeterLine> = names
        .iter()
        .enumerate()
        .map(|(m, (name, start))| {
            let mut value = *start;
            let mut points = vec![format!("40,{:.1}", y_of(value))];
            for (i, turn) in record.turns.iter().enumerate() {
                for change in turn.meter_changes.iter().filter(|c| &c.meter == name) {
                    value = change.to;
                }
                points.push(format!("{:.1},{:.1}", 40.0 + 480.0 * (i + 1) as f64 / steps, y_of(value)));
            }
            MeterLine {
                name: name.clone(),
                colour: COLOURS[m % COLOURS.len()].to_string(),
                points: points.join(" "),
                last: value,
                label_y: y_of(value) + 4.0,
            }
        })
        .collect();
    spread_labels(&mut lines);
    lines
}

/// A numbered tick on a chart's x-axis.
#[derive(Debug, Clone, Serialize)]
pub struct Tick {
    /// Its x coordinate.
    pub x: String,
    /// Its number, or empty for an unnumbered tick.
    pub label: String,
}

/// Ticks for (number, x) pairs, numbered only `gap` units or more after the last
/// number shown (`last_gap` for the final tick), so numbers never run into each
/// other; a tick without a number still marks its place.
pub fn ticks(at: &[(usize, f64)], gap: f64, last_gap: f64) -> Vec<Tick> {
    let mut last_label = f64::NEG_INFINITY;
    at.iter()
        .enumerate()
        .map(|(i, &(number, x))| {
            let room = if i + 1 == at.len() { gap.min(last_gap) } else { gap };
            let labelled = x - last_label >= room;
            if labelled {
                last_label = x;
            }
            Tick { x: format!("{x:.1}"), label: if labelled { number.to_string() } else { String::new() } }
        })
        .collect()
}

/// Room for a turn number on the report's charts.
const TICK_GAP: f64 = 24.0;

/// Where each turn sits on the meter chart's x-axis: (turn, x).
fn meter_positions(turns: usize) -> Vec<(usize, f64)> {
    (1..=turns).map(|n| (n, 40.0 + 480.0 * n as f64 / turns.max(1) as f64)).collect()
}

/// Room for one meter name (15-unit type) at the end of its line.
const LABEL_GAP: f64 = 17.0;

/// Keeps the meter names at the line ends at least [`LABEL_GAP`] units apart, so lines that
/// end close together still have readable labels.
fn spread_labels(lines: &mut [MeterLine]) {
    let mut order: Vec<usize> = (0..lines.len()).collect();
    order.sort_by(|&a, &b| lines[a].label_y.total_cmp(&lines[b].label_y));
    for pair in order.windows(2) {
        let (above, below) = (pair[0], pair[1]);
        if lines[below].label_y - lines[above].label_y < LABEL_GAP {
            lines[below].label_y = lines[above].label_y + LABEL_GAP;
        }
    }
}

fn first_from(record: &SessionRecord, name: &str) -> Option<f64> {
    record.turns.iter().flat_map(|t| &t.meter_changes).find(|c| c.meter == name).map(|c| c.from)
}

fn y_of(value: f64) -> f64 {
    190.0 - value * 1.8
}

fn changes(record: &SessionRecord) -> Vec<ChangeView> {
    record
        .turns
        .iter()
        .enumerate()
        .flat_map(|(i, turn)| {
            turn.meter_changes.iter().map(move |c| ChangeView {
                turn: i + 1,
                meter: c.meter.clone(),
                delta: format!("{:+.0}", c.delta),
                to: c.to,
                reason: c.reason.clone(),
            })
        })
        .collect()
}

/// For each collector turn that drew a finding, the scenario's model answer for
/// the moment it was said.
fn model_answers(record: &SessionRecord, card: &Scorecard, scenario: Option<&Scenario>) -> Vec<ModelAnswer> {
    let Some(scenario) = scenario else { return Vec::new() };
    let mut turns: Vec<usize> = card.findings.iter().map(|f| f.turn).collect();
    turns.sort_unstable();
    turns.dedup();
    turns
        .into_iter()
        .filter_map(|number| {
            let turn = record.turns.get(number - 1)?;
            if turn.speaker != Speaker::Collector {
                return None;
            }
            let node = scenario.nodes.iter().find(|n| Some(&n.id) == turn.node.as_ref())?;
            Some(ModelAnswer { turn: number, said: turn.text.clone(), model: node.model.clone()?.trim().to_string() })
        })
        .collect()
}

/// What became of the story: `:end` is a hang-up before any ending, not a bad one.
fn story_in_words(record: &SessionRecord) -> &'static str {
    match record.success {
        Some(true) => "success",
        Some(false) if record.hung_up_early() => "ended by you before an ending",
        _ => "not a success",
    }
}

#[cfg(test)]
mod tests {
    /// Found reading the report of an abandoned call: "Three things to work on"
    /// stood over two.
    #[test]
    fn the_heading_counts_what_is_listed() {
        assert_eq!(super::work_on_title(1), "One thing to work on");
        assert_eq!(super::work_on_title(2), "Two things to work on");
        assert_eq!(super::work_on_title(3), "Three things to work on");
    }
}
