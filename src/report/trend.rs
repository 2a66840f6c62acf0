//! The progress page's trend charts: one small chart per dimension (small
//! multiples, not six lines on one chart), a dot per scored call, the calls
//! numbered on the x-axis and the pass mark drawn across.

use serde::Serialize;

use super::grades::Dot;
use super::model::{Tick, ticks};
use super::palette;
use crate::progress::Detail;
use crate::rubric::Dimension;

/// The overall score first, then every dimension, each with its colour.
fn charted() -> impl Iterator<Item = (&'static str, &'static str)> {
    std::iter::once(("overall", palette::OVERALL)).chain(Dimension::ALL.map(|d| (d.name(), palette::colour(d))))
}
const LEFT: f64 = 36.0;
const WIDTH: f64 = 250.0;

/// One small chart of a trainee's scores over their calls, for the progress report.
#[derive(Debug, Serialize)]
pub struct TrendChart {
    /// The dimension, or `overall`.
    pub name: String,
    /// Its colour.
    pub colour: &'static str,
    /// SVG polyline points.
    pub points: String,
    /// A dot per call.
    pub dots: Vec<Dot>,
    /// The x-axis ticks.
    pub ticks: Vec<Tick>,
    /// The y coordinate of the pass mark line.
    pub pass_y: String,
    /// For the chart's text alternative: "call 1: 62, call 2: 71".
    pub described: String,
}

fn y_of(value: f64) -> f64 {
    130.0 - value * 1.08
}

/// One chart per dimension the trainee's calls were scored on, calls numbered
/// in the order they were played.
pub fn charts(detail: &Detail, pass_mark: f64) -> Vec<TrendChart> {
    let scored: Vec<_> = detail.calls.iter().filter(|c| c.scores["overall"].is_some()).collect();
    let step = WIDTH / (scored.len().max(2) - 1) as f64;
    let x_of = |n: usize| LEFT + step * n as f64;
    // Calls numbered at most every 22 units; the last one still gets its number 14 on.
    let ticks = ticks(&(0..scored.len()).map(|n| (n + 1, x_of(n))).collect::<Vec<_>>(), 22.0, 14.0);
    charted()
        .filter_map(|(name, colour)| {
            let values: Vec<(usize, f64, &str)> = scored
                .iter()
                .enumerate()
                .filter_map(|(n, c)| c.scores[name].map(|v| (n, v, c.date.get(..10).unwrap_or(&c.date))))
                .collect();
            (!values.is_empty()).then(|| TrendChart {
                name: name.to_string(),
                colour,
                points: values
                    .iter()
                    .map(|(n, v, _)| format!("{:.1},{:.1}", x_of(*n), y_of(*v)))
                    .collect::<Vec<_>>()
                    .join(" "),
                dots: values
                    .iter()
                    .map(|(n, v, date)| Dot {
                        x: format!("{:.1}", x_of(*n)),
                        y: format!("{:.1}", y_of(*v)),
                        title: format!("call {} ({date}): {v:.1}", n + 1),
                    })
                    .collect(),
                ticks: ticks.clone(),
                pass_y: format!("{:.1}", y_of(pass_mark)),
                described: values
                    .iter()
                    .map(|(n, v, _)| format!("call {}: {v:.0}", n + 1))
                    .collect::<Vec<_>>()
                    .join(", "),
            })
        })
        .collect()
}
