//! `report`: the debrief of one call, rendered with handlebars from templates built
//! into the binary (`src/report/templates/`) or given with `--template`. HTML is
//! escaped by handlebars everywhere; Markdown escapes user text with the `md`
//! helper; text wraps to 80 columns with colour that honours `NO_COLOR`.

pub mod grades;
pub mod lrs;
pub mod model;
pub mod palette;
mod transcript;
pub mod trend;
pub mod xapi;

use crate::error::{Error, Result};
use handlebars::{Context as HbContext, Handlebars, Helper, HelperDef, HelperResult, Output, RenderContext};

use crate::style::Style;
pub use model::{Report, build};
pub use transcript::build_for_transcript;

/// The text report's template.
pub const TEXT: &str = include_str!("templates/report.txt.hbs");
/// The Markdown report's template.
pub const MARKDOWN: &str = include_str!("templates/report.md.hbs");
/// The self-contained HTML report's template.
pub const HTML: &str = include_str!("templates/report.html.hbs");

/// Which built-in template renders a report.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// For a terminal.
    Text,
    /// For a wiki or a pull request.
    Markdown,
    /// For a browser, charts included.
    Html,
}

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

/// Renders a report; `template` replaces the built-in one for that format.
pub fn render(report: &Report, kind: Kind, template: Option<&str>, style: Style) -> Result<String> {
    let mut registry = Handlebars::new();
    if kind != Kind::Html {
        registry.register_escape_fn(handlebars::no_escape);
    }
    registry.register_helper("wrap", Box::new(wrap));
    registry.register_helper("lead", Box::new(lead));
    registry.register_helper("pad", Box::new(pad));
    registry.register_helper("md", Box::new(md));
    registry.register_helper("add", Box::new(add));
    for (name, paint) in [("bold", Paint::Bold), ("red", Paint::Red), ("green", Paint::Green), ("dim", Paint::Dim)] {
        registry.register_helper(name, Box::new(Painter { style, paint }));
    }
    let built_in = match kind {
        Kind::Text => TEXT,
        Kind::Markdown => MARKDOWN,
        Kind::Html => HTML,
    };
    registry
        .register_template_string("report", template.unwrap_or(built_in))
        .map_err(|e| Error::unrecognised_because("the report template does not compile", e))?;
    let out = registry
        .render("report", report)
        .map_err(|e| Error::unrecognised_because("the report template failed to render", e))?;
    Ok(tidy(&out))
}

/// Collapses the blank-line runs that template sections leave behind.
fn tidy(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut blanks = 0;
    for line in text.lines() {
        blanks = if line.trim().is_empty() { blanks + 1 } else { 0 };
        if blanks < 2 {
            out.push_str(line.trim_end());
            out.push('\n');
        }
    }
    out
}

/// The report templates' helpers (the macro makes a unit struct for each; kept in
/// a private module, they are not part of the library's interface).
mod helpers {
    use handlebars::handlebars_helper;

    handlebars_helper!(wrap: |text: str, indent: u64| crate::text::wrap_to(text, indent as usize, 80));
    // `{{lead "You [4]:" text 6}}`: the prefix, then the text wrapped after it.
    handlebars_helper!(lead: |prefix: str, text: str, indent: u64| {
        let start = prefix.chars().count() + 1;
        format!("{prefix} {}", crate::text::wrap_from(text, start, indent as usize, 80))
    });
    handlebars_helper!(add: |a: u64, b: u64| a + b);
    handlebars_helper!(pad: |value: Json, width: u64| {
        let text = match value { serde_json::Value::String(s) => s.clone(), other => other.to_string() };
        format!("{text:<width$}", width = width as usize)
    });
    handlebars_helper!(md: |text: str| crate::text::escape_markdown(text));
}
use helpers::{add, lead, md, pad, wrap};

#[derive(Clone, Copy)]
enum Paint {
    Bold,
    Red,
    Green,
    Dim,
}

struct Painter {
    style: Style,
    paint: Paint,
}

impl HelperDef for Painter {
    fn call<'reg: 'rc, 'rc>(
        &self,
        helper: &Helper<'rc>,
        _: &'reg Handlebars<'reg>,
        _: &'rc HbContext,
        _: &mut RenderContext<'reg, 'rc>,
        out: &mut dyn Output,
    ) -> HelperResult {
        let text = helper.param(0).and_then(|p| p.value().as_str()).unwrap_or("");
        let painted = match self.paint {
            Paint::Bold => self.style.bold(text),
            Paint::Red => self.style.red(text),
            Paint::Green => self.style.green(text),
            Paint::Dim => self.style.dim(text),
        };
        out.write(&painted)?;
        Ok(())
    }
}
