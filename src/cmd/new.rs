//! `collectsim new`: write a working, commented scenario to start from.

use std::process::ExitCode;

use anyhow::{Context, Result, bail};

use crate::cli::NewArgs;
use collectsim::scaffold;
use collectsim::suggest::help_for;

pub fn run(args: &NewArgs) -> Result<ExitCode> {
    let valid =
        !args.id.is_empty() && args.id.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
    if !valid {
        bail!("`{}` is not a scenario id: use lowercase letters, digits and dashes, like `roommate-answers`", args.id);
    }
    let kinds = scaffold::kinds();
    let path = args.dir.join(format!("{}.yaml", args.id));
    let Some(text) = scaffold::scaffold(&args.id, &args.persona, &path.display().to_string()) else {
        bail!("no persona kind `{}`; {}", args.persona, help_for(&args.persona, kinds.iter().copied(), "kinds"));
    };
    if path.exists() {
        bail!("{} already exists; choose another id or delete it first (nothing was overwritten)", path.display());
    }
    std::fs::create_dir_all(&args.dir).with_context(|| format!("cannot create {}", args.dir.display()))?;
    std::fs::write(&path, text).with_context(|| format!("cannot write {}", path.display()))?;
    println!("Wrote {}.", path.display());
    write_schema_beside(&args.dir)?;
    println!("Next:");
    println!("  collectsim validate {0}\n  collectsim test {0}\n  collectsim play {0}", path.display());
    Ok(ExitCode::SUCCESS)
}

/// The scaffold's first line points editors at `scenario.schema.json` beside it;
/// it is written there unless one already is (an author's own is kept).
fn write_schema_beside(dir: &std::path::Path) -> Result<()> {
    let path = dir.join("scenario.schema.json");
    if path.exists() {
        return Ok(());
    }
    let schema = collectsim::schema::scenario(&super::load_lexicon()?);
    let text = serde_json::to_string_pretty(&schema)? + "\n";
    std::fs::write(&path, text).with_context(|| format!("cannot write {}", path.display()))?;
    println!("Wrote {} too: editors that use the YAML language server check the scenario as you type.", path.display());
    Ok(())
}
