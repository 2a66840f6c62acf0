//! `collectsim export`: xAPI statements for saved calls, sent to a Learning Record
//! Store. The session files stay the source of truth; nothing is changed locally,
//! and because statement ids are fixed, running export again is safe.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Result, bail};

use super::Workspace;
use crate::cli::ExportArgs;
use collectsim::report::lrs::{Lrs, SendError, check_transport, without_userinfo};
use collectsim::report::xapi::{XapiConfig, statements};
use collectsim::store::{self, SessionRecord};
use collectsim::style::Style;

pub fn run(args: &ExportArgs) -> Result<ExitCode> {
    let workspace = Workspace::load()?;
    let config = XapiConfig::new(args.xapi.home_page.clone(), args.xapi.iri_base.clone());
    let password = std::env::var("COLLECTSIM_LRS_PASSWORD").ok();
    if args.user.is_some() && password.is_none() {
        bail!("set COLLECTSIM_LRS_PASSWORD to the LRS password for `{}`", args.user.as_deref().unwrap_or(""));
    }
    check_transport(&args.lrs, args.allow_http)?;
    let shown_lrs = without_userinfo(&args.lrs);
    let lrs = Lrs::new(&args.lrs, args.user.as_deref(), password.as_deref());
    let style = Style::stdout();
    let paths = session_paths(args)?;
    let mut all = Vec::new();
    for path in &paths {
        let record = SessionRecord::load(path)?;
        let card = super::report::scorecard(&workspace, &record)?;
        all.extend(statements(&record, Some(&card), &config));
    }
    let (mut sent, mut refused) = (0, 0);
    for batch in all.chunks(BATCH) {
        match lrs.post(batch) {
            Ok(()) => sent += batch.len(),
            Err(error @ SendError::Network(_)) => {
                println!("{} {}", style.red("error:"), error.to_string().replace(&args.lrs, &shown_lrs));
                println!("Nothing was lost: the sessions are unchanged; run export again when the LRS is reachable.");
                return Ok(ExitCode::from(2));
            }
            Err(error) => {
                refused += batch.len();
                let ids: Vec<&str> = batch.iter().filter_map(|s| s["id"].as_str()).collect();
                println!(
                    "{} {} statements ({}…): {error}",
                    style.red("refused:"),
                    batch.len(),
                    ids.first().unwrap_or(&"")
                );
            }
        }
    }
    let calls = paths.len();
    let refused_note = if refused > 0 { format!(", {refused} refused") } else { String::new() };
    println!("sent {sent} statements for {calls} call(s) to {shown_lrs}{refused_note}");
    Ok(if refused > 0 { ExitCode::from(1) } else { ExitCode::SUCCESS })
}

/// Statements per POST: one request (and one write) for a typical export.
const BATCH: usize = 500;

fn session_paths(args: &ExportArgs) -> Result<Vec<PathBuf>> {
    if !args.sessions.is_empty() {
        return Ok(args
            .sessions
            .iter()
            .map(|s| store::find_session(s, args.data_dir.as_deref()))
            .collect::<Result<_, _>>()?);
    }
    let data = store::data_dir(args.data_dir.as_deref())?;
    store::session_files(&data).map_err(|e| anyhow::anyhow!("cannot read {}: {e}", data.join("sessions").display()))
}
