//! `collectsim config`: show or change what collectsim remembers (who is playing).

use std::process::ExitCode;

use anyhow::{Result, bail};

use crate::cli::ConfigArgs;
use collectsim::settings::{self, Settings};

pub fn run(args: &ConfigArgs) -> Result<ExitCode> {
    let data = collectsim::store::data_dir(args.data_dir.as_deref())?;
    let mut settings = Settings::load(&data)?;
    if let Some(name) = &args.trainee {
        let name = name.trim();
        if name.is_empty() {
            bail!("give a name, e.g. `collectsim config --trainee \"Dana Lee\"`");
        }
        settings.trainee = Some(name.to_string());
        settings.save(&data)?;
        println!("Calls will be saved under {name} (in {}).", settings::path(&data).display());
        return Ok(ExitCode::SUCCESS);
    }
    match &settings.trainee {
        Some(name) => println!("trainee: {name}"),
        None => println!("trainee: not set (your login name is used; `collectsim config --trainee NAME` sets it)"),
    }
    println!("settings: {}", settings::path(&data).display());
    Ok(ExitCode::SUCCESS)
}
