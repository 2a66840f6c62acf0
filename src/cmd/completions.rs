//! `collectsim completions SHELL` and `collectsim man`: shell completions and
//! manual pages generated from the clap definitions, so they never drift from
//! what the binary accepts.

use std::path::Path;
use std::process::ExitCode;

use anyhow::{Context, Result};
use clap::CommandFactory;

use crate::cli::{Cli, CompletionsArgs, ManArgs};

pub fn completions(args: &CompletionsArgs) -> Result<ExitCode> {
    let mut command = Cli::command();
    clap_complete::generate(args.shell, &mut command, "collectsim", &mut std::io::stdout());
    Ok(ExitCode::SUCCESS)
}

/// The top page to stdout, or one page per command into `--dir`.
pub fn man(args: &ManArgs) -> Result<ExitCode> {
    let command = Cli::command();
    let Some(dir) = &args.dir else {
        let mut page = Vec::new();
        clap_mangen::Man::new(command).render(&mut page)?;
        print!("{}", String::from_utf8_lossy(&page));
        return Ok(ExitCode::SUCCESS);
    };
    std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
    write_page(dir, "collectsim", command.clone())?;
    for sub in command.get_subcommands().filter(|s| s.get_name() != "help") {
        // clap names commands with `&'static str`; one short string per command, once.
        let name: &'static str = format!("collectsim-{}", sub.get_name()).leak();
        write_page(dir, name, sub.clone().name(name))?;
    }
    println!("Wrote the manual pages to {} (try: man -l {}/collectsim.1)", dir.display(), dir.display());
    Ok(ExitCode::SUCCESS)
}

fn write_page(dir: &Path, name: &str, command: clap::Command) -> Result<()> {
    let mut page = Vec::new();
    clap_mangen::Man::new(command).render(&mut page)?;
    let path = dir.join(format!("{name}.1"));
    Ok(collectsim::store::write_atomically(&path, &page)?)
}
