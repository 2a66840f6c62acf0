//! The turn-by-turn grades as a report shows them: under each of the trainee's
//! lines, the grade of every dimension it was judged for and the components that
//! made it (points and words), and a chart of those grades over the call.

use serde::Serialize;

use super::palette;
use crate::rubric::Dimension;
use crate::score::{Grade, Scorecard, TurnGrade};

/// One dimension's grade for one turn, ready to print.
#[derive(Debug, Serialize)]
pub struct GradeView {
    /// The dimension's name.
    pub dimension: String,
    /// `83.4`
    pub shown: String,
    /// `good`, `fair` or `poor` (80 and over, 60 and over, under 60), for colour.
    pub band: &'static str,
    /// What earned or cost points, largest first.
    pub components: Vec<ComponentView>,
}

/// Something a turn did that earned or cost points.
#[derive(Debug, Serialize)]
pub struct ComponentView {
    /// `+2.0` or `−1.5` (a true minus sign).
    pub points: String,
    /// Whether it earned points.
    pub gain: bool,
    /// What it was, in words.
    pub what: String,
    /// The words that did it.
    pub evidence: String,
    /// The whole component on one line, for the text report:
    /// `+2.0 asks about the person: "what's been happening?"`.
    pub line: String,
}

/// A dimension's grades over the trainee's turns, as SVG polyline points in the
/// same 600×214 box as the meters chart.
#[derive(Debug, Serialize)]
pub struct GradeLine {
    /// The dimension's name.
    pub dimension: String,
    /// Its colour, from [`crate::report::palette`].
    pub colour: &'static str,
    /// SVG polyline points.
    pub points: String,
    /// A dot per graded turn, with its grade for a tooltip.
    pub dots: Vec<Dot>,
    /// Where the legend names this line, right of the chart.
    pub label_y: f64,
    /// For the chart's text alternative: "turn 2: 83.4, turn 4: 51.0".
    pub described: String,
}

/// One graded turn on the grades chart.
#[derive(Debug, Serialize)]
pub struct Dot {
    /// Its x coordinate.
    pub x: String,
    /// Its y coordinate.
    pub y: String,
    /// The tooltip: "turn 4: 51.0".
    pub title: String,
}

/// The grades of turn `number` (1-based), in dimension order; empty for a turn
/// that was not graded (the debtor's, or one that gave nothing to judge).
pub fn for_turn(card: &Scorecard, number: usize) -> Vec<GradeView> {
    let Some(turn) = card.turns.iter().find(|t| t.turn == number) else { return Vec::new() };
    Dimension::SKILLS.iter().filter_map(|d| turn.get(*d).map(|grade| view(d.name(), grade))).collect()
}

fn view(dimension: &str, grade: &Grade) -> GradeView {
    GradeView {
        dimension: dimension.to_string(),
        shown: format!("{:.1}", grade.score),
        band: band(grade.score),
        components: grade.components.iter().map(component).collect(),
    }
}

/// A component worth nothing was heard, but the words of feeling before it had
/// already earned all that words alone can: "+0.0" read like a mistake (found in
/// a played call's debrief), so it says why.
const COUNTED: &str = " (already counted: words alone earn only so much)";

fn component(c: &crate::score::Component) -> ComponentView {
    let sign = if c.points < 0.0 { '−' } else { '+' };
    let points = format!("{sign}{:.1}", c.points.abs());
    let words = if c.evidence.is_empty() { String::new() } else { format!(": \"{}\"", c.evidence) };
    let counted = if c.points.abs() < 0.05 { COUNTED } else { "" };
    ComponentView {
        line: format!("{points} {}{counted}{words}", c.what),
        points,
        gain: c.points >= 0.0,
        what: format!("{}{counted}", c.what),
        evidence: c.evidence.clone(),
    }
}

/// A turn's colour. Its grade is its points on a curve that puts nothing either
/// way at 50, so a turn is red only when it lost more than it earned: a lone "+1
/// adjusts to them" (59.9) in red read as a mistake (found in a played call's
/// HTML debrief). A skill's call score keeps the 60/80 bands.
fn band(score: f64) -> &'static str {
    if score >= 80.0 {
        "good"
    } else if score >= 50.0 {
        "fair"
    } else {
        "poor"
    }
}

/// Where each graded turn sits on the grades chart's x-axis: (turn, x).
pub fn positions(card: &Scorecard) -> impl Iterator<Item = (usize, f64)> + '_ {
    let step = 480.0 / card.turns.len().max(2).saturating_sub(1) as f64;
    card.turns.iter().enumerate().map(move |(i, turn)| (turn.turn, 40.0 + step * i as f64))
}

/// One line per dimension that was graded at least once; x spreads the graded
/// turns across the chart in call order, y is the grade.
pub fn lines(card: &Scorecard) -> Vec<GradeLine> {
    let graded: Vec<&TurnGrade> = card.turns.iter().collect();
    let step = 480.0 / graded.len().max(2).saturating_sub(1) as f64;
    Dimension::SKILLS
        .iter()
        .filter_map(|dimension| {
            let dots: Vec<(usize, f64, f64)> = graded
                .iter()
                .enumerate()
                .filter_map(|(i, turn)| turn.get(*dimension).map(|g| (turn.turn, 40.0 + step * i as f64, g.score)))
                .collect();
            (!dots.is_empty()).then(|| line(dimension.name(), palette::colour(*dimension), &dots))
        })
        .enumerate()
        .map(|(i, line)| GradeLine { label_y: 24.0 + 18.0 * i as f64, ..line })
        .collect()
}

fn line(dimension: &str, colour: &'static str, dots: &[(usize, f64, f64)]) -> GradeLine {
    let y = |score: f64| 190.0 - score * 1.8;
    GradeLine {
        dimension: dimension.to_string(),
        colour,
        points: dots.iter().map(|(_, x, s)| format!("{x:.1},{:.1}", y(*s))).collect::<Vec<_>>().join(" "),
        dots: dots
            .iter()
            .map(|(turn, x, s)| Dot {
                x: format!("{x:.1}"),
                y: format!("{:.1}", y(*s)),
                title: format!("{dimension}, turn {turn}: {s:.1}"),
            })
            .collect(),
        label_y: 0.0,
        described: dots.iter().map(|(turn, _, s)| format!("turn {turn}: {s:.1}")).collect::<Vec<_>>().join(", "),
    }
}
