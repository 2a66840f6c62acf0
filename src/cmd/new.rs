//! `collectsim new`: write a working, commented scenario to start from.

use std::process::ExitCode;

use anyhow::{Context, Result, bail};

use crate::cli::NewArgs;
use crate::scaffold;
use crate::suggest::help_for;

pub fn run(args: &NewArgs) -> Result<ExitCode> {
    let valid =
        !args.id.is_empty() && args.id.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
    if !valid {
        bail!("`{}` is not a scenario id: use lowercase letters, digits and dashes, like `roommate-answers`", args.id);
    }
    let kinds = scaffold::kinds();
    let Some(text) = scaffold::scaffold(&args.id, &args.persona) else {
        bail!("no persona kind `{}`; {}", args.persona, help_for(&args.persona, kinds.iter().copied(), "kinds"));
    };
    let path = args.dir.join(format!("{}.yaml", args.id));
    if path.exists() {
        bail!("{} already exists; choose another id or delete it first (nothing was overwritten)", path.display());
    }
    std::fs::create_dir_all(&args.dir).with_context(|| format!("cannot create {}", args.dir.display()))?;
    std::fs::write(&path, text).with_context(|| format!("cannot write {}", path.display()))?;
    println!("Wrote {}. Next:", path.display());
    println!("  collectsim validate {0}\n  collectsim test {0}\n  collectsim play {0}", path.display());
    Ok(ExitCode::SUCCESS)
}
