//! `report`: the debrief of one call, a [`View`] rendered through
//! [`crate::render`] from templates built into the binary
//! (`src/report/templates/`) or given with `--template`.

pub mod grades;
pub mod lrs;
pub mod model;
pub mod palette;
mod transcript;
pub mod trend;
pub mod xapi;

use crate::error::Result;
use crate::render::{Format, View};
use crate::style::Style;
pub use model::{Report, build};
pub use transcript::build_for_transcript;

/// The text report's template.
pub const TEXT: &str = include_str!("templates/report.txt.hbs");
/// The Markdown report's template.
pub const MARKDOWN: &str = include_str!("templates/report.md.hbs");
/// The self-contained HTML report's template.
pub const HTML: &str = include_str!("templates/report.html.hbs");

/// The report as data for `--format json`: the same model without what only
/// draws it (chart coordinates, colours, bar glyphs), which the templates use.
pub fn as_data(report: &Report) -> Result<serde_json::Value> {
    let mut value = serde_json::to_value(report)?;
    let layout: [(&str, &[&str]); 3] = [
        ("scores", &["width", "y", "label_y", "text_bar"]),
        ("meters", &["colour", "points", "label_y"]),
        ("grade_lines", &["colour", "points", "dots", "label_y"]),
    ];
    if let Some(map) = value.as_object_mut() {
        map.remove("meter_ticks");
        map.remove("grade_ticks");
    }
    for (list, keys) in layout {
        for item in value.get_mut(list).and_then(|v| v.as_array_mut()).into_iter().flatten() {
            if let Some(item) = item.as_object_mut() {
                keys.iter().for_each(|key| {
                    item.remove(*key);
                });
            }
        }
    }
    Ok(value)
}

impl View for Report {
    const NAME: &'static str = "report";
    const TIDY: bool = true;

    fn template(format: Format) -> Option<&'static str> {
        match format {
            Format::Text => Some(TEXT),
            Format::Markdown => Some(MARKDOWN),
            Format::Html => Some(HTML),
            Format::Json => None,
        }
    }

    fn data(&self, format: Format) -> Result<serde_json::Value> {
        match format {
            Format::Json => as_data(self),
            _ => Ok(serde_json::to_value(self)?),
        }
    }
}

/// Renders a report; `template` replaces the built-in one for that format.
pub fn render(report: &Report, format: Format, template: Option<&str>, style: Style) -> Result<String> {
    crate::render::render(report, format, template, style)
}
