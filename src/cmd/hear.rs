//! `collectsim hear`: what the lexicon hears in one line, for authors checking a
//! phrasing against the signals, acts and events their scenarios and rules use.

use std::process::ExitCode;

use anyhow::{Result, bail};
use serde_json::Value;

use super::load_lexicon;
use crate::cli::HearArgs;
use collectsim::facts::Facts;
use collectsim::signals::{Detector, Hit};
use collectsim::source::SourceFile;
use collectsim::style::Style;
use collectsim::transcript::{Speaker, parse_text};

pub fn run(args: &HearArgs) -> Result<ExitCode> {
    let lexicon = load_lexicon()?;
    let detector = Detector::new(&lexicon)?;
    let style = Style::stdout();
    if args.debtor {
        print_hits("events", &detector.events(&args.text), &style);
        return Ok(ExitCode::SUCCESS);
    }
    let mut text = String::new();
    if let Some(before) = &args.after {
        text.push_str(&format!("Debtor: {}\n", before.replace('\n', " ")));
    }
    text.push_str(&format!("Collector: {}\n", args.text.replace('\n', " ")));
    let mut transcript = parse_text(&SourceFile::new("line", text)).map_err(|d| anyhow::anyhow!(d.headline()))?;
    transcript.facts = facts(&args.facts)?;
    transcript.detect(&detector);
    if let Some(debtor) = transcript.turns.iter().find(|t| t.speaker == Speaker::Debtor) {
        println!(
            "{} {}",
            style.bold("debtor events:"),
            if debtor.events.is_empty() { "none".into() } else { debtor.events.join(", ") }
        );
    }
    let said = transcript.turns.iter().find(|t| t.speaker == Speaker::Collector).expect("the collector's line");
    let (acts, cues): (Vec<Hit>, Vec<Hit>) = said.signals.iter().cloned().partition(|h| h.level.is_some());
    print_hits("acts", &acts, &style);
    print_hits("cues", &cues, &style);
    Ok(ExitCode::SUCCESS)
}

fn print_hits(title: &str, hits: &[Hit], style: &Style) {
    println!("{}", style.bold(&format!("{title}:")));
    if hits.is_empty() {
        println!("  none");
    }
    for hit in hits {
        let level = hit.level.map(|l| format!(" ({})", format!("{l:?}").to_lowercase())).unwrap_or_default();
        println!("  {}{level}  \"{}\"", hit.id, hit.evidence);
    }
}

fn facts(pairs: &[String]) -> Result<Facts> {
    let mut facts = Facts::default();
    for pair in pairs {
        let Some((name, value)) = pair.split_once('=') else {
            bail!("--fact takes NAME=VALUE, e.g. --fact legal_action_intended=true (got `{pair}`)");
        };
        let value = match value {
            "true" => Value::Bool(true),
            "false" => Value::Bool(false),
            v => v
                .parse::<f64>()
                .ok()
                .and_then(serde_json::Number::from_f64)
                .map_or(Value::String(v.into()), Value::Number),
        };
        facts.0.insert(name.trim().to_string(), value);
    }
    Ok(facts)
}
