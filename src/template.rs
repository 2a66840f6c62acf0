//! Debtor lines are handlebars templates over the account facts, the persona and the
//! difficulty (`{{facts.creditor}}`, `{{money facts.balance}}`, `{{persona.name}}`).
//! Each scenario compiles its lines once into its own registry, with a `money` helper
//! that knows the account's currency. Output is plain text, so nothing is escaped here;
//! HTML reports escape at their own boundary.

use std::sync::LazyLock;

use handlebars::{Context, Handlebars, Helper, HelperDef, HelperResult, Output, RenderContext, RenderErrorReason};
use regex::Regex;
use serde_json::Value;

use crate::error::{Error, Result};
use crate::facts::format_money;

/// The debtor's lines, compiled once as Handlebars templates over the call's facts.
pub struct Templates {
    registry: Handlebars<'static>,
}

impl std::fmt::Debug for Templates {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Templates")
    }
}

impl Templates {
    /// An empty set of templates; money is shown with `currency`.
    pub fn new(currency: &str) -> Self {
        let mut registry = Handlebars::new();
        registry.set_strict_mode(true);
        registry.register_escape_fn(handlebars::no_escape);
        registry.register_helper("money", Box::new(Money { currency: currency.to_string() }));
        Templates { registry }
    }

    /// Compiles one line; the error says what is wrong and where in the line.
    pub fn add(&mut self, name: &str, text: &str) -> Result<()> {
        self.registry.register_template_string(name, text).map_err(|error| {
            let reason = error.reason().to_string();
            Error::Malformed(match error.pos() {
                Some((line, column)) => format!("template error at line {line}, column {column} of the text: {reason}"),
                None => format!("template error: {reason}"),
            })
        })
    }

    /// Whether a compiled line calls a partial (`{{> name}}`), anywhere in it:
    /// debtor lines have no partials to call, and one named like a path must never
    /// be looked for.
    pub fn uses_partial(&self, name: &str) -> bool {
        self.registry.get_template(name).is_some_and(has_partial)
    }

    /// Renders a compiled line; fails only when a fact is missing at run time.
    pub fn render(&self, name: &str, data: &Value) -> Result<String> {
        self.registry.render(name, data).map_err(|e| Error::Malformed(e.to_string()))
    }

    /// Renders with a context built once per call, so a turn does not re-serialise
    /// the facts (the engine's hot path).
    pub fn render_in(&self, name: &str, context: &Context) -> Result<String> {
        self.registry.render_with_context(name, context).map_err(|e| Error::Malformed(e.to_string()))
    }
}

fn has_partial(template: &handlebars::Template) -> bool {
    use handlebars::template::TemplateElement::*;
    template.elements.iter().any(|element| match element {
        PartialExpression(_) | PartialBlock(_) => true,
        HelperBlock(helper) => helper.template.iter().chain(&helper.inverse).any(has_partial),
        DecoratorBlock(decorator) => decorator.template.as_ref().is_some_and(has_partial),
        _ => false,
    })
}

/// The data every line of one call is rendered with, prepared once.
pub fn context(data: &Value) -> Context {
    Context::wraps(data).unwrap_or_else(|_| Context::null())
}

struct Money {
    currency: String,
}

impl HelperDef for Money {
    fn call<'reg: 'rc, 'rc>(
        &self,
        helper: &Helper<'rc>,
        _: &'reg Handlebars<'reg>,
        _: &'rc Context,
        _: &mut RenderContext<'reg, 'rc>,
        out: &mut dyn Output,
    ) -> HelperResult {
        let amount = helper
            .param(0)
            .and_then(|p| p.value().as_f64())
            .ok_or_else(|| RenderErrorReason::Other("`money` needs a number, e.g. {{money facts.balance}}".into()))?;
        out.write(&format_money(amount, &self.currency))?;
        Ok(())
    }
}

static FACT_REFERENCE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\{\{[^}]*?\bfacts\.([A-Za-z_][A-Za-z0-9_]*)").expect("valid regex"));

/// The fact names a template uses, so `validate` can name a missing one.
pub fn fact_references(text: &str) -> Vec<String> {
    FACT_REFERENCE.captures_iter(text).map(|c| c[1].to_string()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn renders_facts_and_money_without_escaping() {
        let mut t = Templates::new("USD");
        t.add("a", "{{facts.creditor}} says I owe {{money facts.balance}}?").unwrap();
        let data = json!({"facts": {"creditor": "Smith & Sons", "balance": 1240.5}});
        assert_eq!(t.render("a", &data).unwrap(), "Smith & Sons says I owe $1,240.50?");
    }

    #[test]
    fn finds_fact_references_and_bad_syntax() {
        assert_eq!(fact_references("{{facts.a}} and {{money facts.b_c}}"), vec!["a", "b_c"]);
        assert!(Templates::new("").add("b", "{{#if x}}unclosed").is_err());
    }
}
