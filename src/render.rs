//! The one rendering layer, in the spirit of mdBook's renderers: every artefact
//! (a call's debrief, a trainee's progress, the team table) is a view model that
//! implements [`View`], and one function turns it into any [`Format`]: JSON by
//! serde, the others by a handlebars template built into the binary (or given
//! with `--template`). Adding a format to an artefact is one template and a
//! snapshot test.
//!
//! HTML is escaped by handlebars everywhere; Markdown escapes user text with the
//! `md` helper; text wraps to 80 columns, with colour that honours `NO_COLOR`.

use handlebars::{Context as HbContext, Handlebars, Helper, HelperDef, HelperResult, Output, RenderContext};
use serde::Serialize;

use crate::error::{Error, Result};
use crate::style::Style;

/// The formats an artefact can be rendered in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Format {
    /// For a terminal: plain text, wrapped, coloured where the style allows.
    Text,
    /// For a wiki, a ticket or a pull request.
    Markdown,
    /// A self-contained page for a browser, charts included.
    Html,
    /// Data for other programs.
    Json,
}

impl Format {
    /// Every format, in the order help text lists them.
    pub const ALL: [Format; 4] = [Format::Text, Format::Markdown, Format::Html, Format::Json];
}

/// An artefact's view model: the data its templates lay out.
pub trait View: Serialize {
    /// The artefact's name in messages ("report", "progress").
    const NAME: &'static str;

    /// The built-in template for `format`; None when the artefact has no such
    /// format (JSON needs none).
    fn template(format: Format) -> Option<&'static str>;

    /// What a template (or JSON) is given: the view itself unless the artefact
    /// says otherwise (the JSON of a report leaves out chart coordinates).
    fn data(&self, _format: Format) -> Result<serde_json::Value> {
        Ok(serde_json::to_value(self)?)
    }

    /// The JSON document: the JSON data, pretty-printed. An artefact whose JSON
    /// keeps its fields in declaration order (a map would sort them) writes it here.
    fn json(&self) -> Result<String> {
        Ok(serde_json::to_string_pretty(&self.data(Format::Json)?)? + "\n")
    }

    /// Whether blank-line runs left by template sections are collapsed and line
    /// ends trimmed (for templates with many optional sections).
    const TIDY: bool = false;
}

/// Whether `V` can be rendered in `format`.
pub fn supports<V: View>(format: Format) -> bool {
    format == Format::Json || V::template(format).is_some()
}

/// Renders `view` in `format`; `template` replaces the built-in template for it.
pub fn render<V: View>(view: &V, format: Format, template: Option<&str>, style: Style) -> Result<String> {
    if format == Format::Json {
        return view.json();
    }
    let data = view.data(format)?;
    let out = match template {
        Some(source) => render_with(&compiled::<V>(format, style, source)?, V::NAME, &data)?,
        None => {
            let source = V::template(format)
                .ok_or_else(|| Error::Refused(format!("{} has no {format:?} format; choose another", V::NAME)))?;
            // A built-in template is compiled once per thread, format and colour:
            // `score` renders a scorecard per call, thousands a second.
            let key = (V::NAME, format, style.is_coloured());
            COMPILED.with(|cache| -> Result<String> {
                let mut cache = cache.borrow_mut();
                let registry = match cache.entry(key) {
                    std::collections::hash_map::Entry::Occupied(entry) => entry.into_mut(),
                    std::collections::hash_map::Entry::Vacant(entry) => {
                        entry.insert(compiled::<V>(format, style, source)?)
                    }
                };
                render_with(registry, V::NAME, &data)
            })?
        }
    };
    Ok(if V::TIDY { tidy(&out) } else { out })
}

type Key = (&'static str, Format, bool);

thread_local! {
    static COMPILED: std::cell::RefCell<std::collections::HashMap<Key, Handlebars<'static>>> =
        std::cell::RefCell::new(std::collections::HashMap::new());
}

/// A registry holding `source` compiled as the artefact's template.
fn compiled<V: View>(format: Format, style: Style, source: &str) -> Result<Handlebars<'static>> {
    let mut registry = registry(format, style);
    registry
        .register_template_string(V::NAME, source)
        .map_err(|e| Error::unrecognised_because(format!("the {} template does not compile", V::NAME), e))?;
    Ok(registry)
}

fn render_with(registry: &Handlebars<'static>, name: &str, data: &serde_json::Value) -> Result<String> {
    registry
        .render(name, data)
        .map_err(|e| Error::unrecognised_because(format!("the {name} template failed to render"), e))
}

/// A registry with every helper the templates use; HTML escapes, the others do not.
fn registry(format: Format, style: Style) -> Handlebars<'static> {
    let mut registry = Handlebars::new();
    if format != Format::Html {
        registry.register_escape_fn(handlebars::no_escape);
    }
    registry.register_helper("wrap", Box::new(helpers::wrap));
    registry.register_helper("lead", Box::new(helpers::lead));
    registry.register_helper("pad", Box::new(helpers::pad));
    registry.register_helper("rpad", Box::new(helpers::rpad));
    registry.register_helper("md", Box::new(helpers::md));
    registry.register_helper("add", Box::new(helpers::add));
    let paints = [
        ("bold", Paint::Bold),
        ("red", Paint::Red),
        ("green", Paint::Green),
        ("yellow", Paint::Yellow),
        ("cyan", Paint::Cyan),
        ("dim", Paint::Dim),
    ];
    for (name, paint) in paints {
        registry.register_helper(name, Box::new(Painter { style, paint }));
    }
    registry
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

/// The templates' helpers (the macro makes a unit struct for each; kept in a
/// private module, they are not part of the library's interface).
mod helpers {
    use handlebars::handlebars_helper;

    handlebars_helper!(wrap: |text: str, indent: u64| crate::text::wrap_to(text, indent as usize, 80));
    // `{{lead "You [4]:" text 6}}`: the prefix, then the text wrapped after it.
    handlebars_helper!(lead: |prefix: str, text: str, indent: u64| {
        let start = prefix.chars().count() + 1;
        format!("{prefix} {}", crate::text::wrap_from(text, start, indent as usize, 80))
    });
    handlebars_helper!(add: |a: u64, b: u64| a + b);
    // `{{pad name 20}}` fills to 20 characters on the right, `{{rpad n 5}}` on the left.
    handlebars_helper!(pad: |value: Json, width: u64| format!("{:<width$}", plain(value), width = width as usize));
    handlebars_helper!(rpad: |value: Json, width: u64| format!("{:>width$}", plain(value), width = width as usize));
    handlebars_helper!(md: |text: str| crate::text::escape_markdown(text));

    use crate::facts::plain;
}

#[derive(Clone, Copy)]
enum Paint {
    Bold,
    Red,
    Green,
    Yellow,
    Cyan,
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
            Paint::Yellow => self.style.yellow(text),
            Paint::Cyan => self.style.cyan(text),
            Paint::Dim => self.style.dim(text),
        };
        out.write(&painted)?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Serialize)]
    struct Rows {
        rows: Vec<(String, u32)>,
    }

    impl View for Rows {
        const NAME: &'static str = "rows";

        fn template(format: Format) -> Option<&'static str> {
            (format == Format::Text).then_some("{{#each rows}}{{pad this.[0] 6}}|{{rpad this.[1] 4}}\n{{/each}}")
        }
    }

    fn rows() -> Rows {
        Rows { rows: vec![("ana".into(), 4), ("ben <b>".into(), 12)] }
    }

    #[test]
    fn text_comes_from_the_template_with_the_shared_helpers() {
        let text = render(&rows(), Format::Text, None, Style::plain()).unwrap();
        assert_eq!(text, "ana   |   4\nben <b>|  12\n");
    }

    #[test]
    fn json_needs_no_template_and_a_missing_format_is_refused() {
        let json = render(&rows(), Format::Json, None, Style::plain()).unwrap();
        assert!(json.starts_with("{\n  \"rows\": [") && json.ends_with("}\n"), "{json}");
        assert!(supports::<Rows>(Format::Json) && !supports::<Rows>(Format::Html));
        let refused = render(&rows(), Format::Html, None, Style::plain()).unwrap_err();
        assert_eq!(refused.to_string(), "rows has no Html format; choose another");
    }

    #[test]
    fn a_template_given_in_place_of_the_built_in_one_is_used_and_checked() {
        let custom =
            render(&rows(), Format::Text, Some("{{#each rows}}{{this.[0]}};{{/each}}"), Style::plain()).unwrap();
        assert_eq!(custom, "ana;ben <b>;");
        let broken = render(&rows(), Format::Text, Some("{{#each rows}}"), Style::plain()).unwrap_err();
        assert!(format!("{broken:#}").starts_with("the rows template does not compile"), "{broken:#}");
    }
}
