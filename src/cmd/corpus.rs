//! `collectsim corpus`: writes N generated calls as JSON Lines or transcript files.

use std::io::{BufWriter, ErrorKind, Write};
use std::path::Path;
use std::process::ExitCode;
use std::sync::Arc;

use anyhow::{Context, Result, bail};

use crate::cli::CorpusArgs;
use collectsim::corpus;
use collectsim::scenario::Library;
use collectsim::signals::{Detector, Lexicon};

pub fn run(args: &CorpusArgs) -> Result<ExitCode> {
    // Built-ins only: the same --count and --seed give the same corpus anywhere.
    let lexicon = Lexicon::builtin();
    let library = Library::load(&lexicon, None)?;
    let detector = Arc::new(Detector::new(&lexicon)?);
    let make = |index| corpus::call(&library.scenarios, &detector, args.seed, index);
    match &args.dir {
        Some(dir) => write_files(dir, args.count, make)?,
        None => {
            let mut out = BufWriter::new(std::io::stdout().lock());
            for index in 0..args.count {
                match out.write_all(make(index).to_jsonl().as_bytes()) {
                    Err(e) if e.kind() == ErrorKind::BrokenPipe => return Ok(ExitCode::SUCCESS),
                    other => other.context("cannot write the corpus")?,
                }
            }
            match out.flush() {
                Err(e) if e.kind() == ErrorKind::BrokenPipe => {}
                other => other.context("cannot write the corpus")?,
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// One `call-NNNNNNN.txt` per call; never overwrites a file already there.
fn write_files(dir: &Path, count: u64, make: impl Fn(u64) -> corpus::GeneratedCall) -> Result<()> {
    std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
    for index in 0..count {
        let call = make(index);
        let path = dir.join(format!("{}.txt", call.id));
        if path.exists() {
            bail!("{} already exists; choose an empty directory (nothing was overwritten)", path.display());
        }
        std::fs::write(&path, call.to_text()).with_context(|| format!("cannot write {}", path.display()))?;
    }
    eprintln!("Wrote {count} calls to {}", dir.display());
    Ok(())
}
