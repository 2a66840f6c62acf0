//! `collectsim calibrate`: the scorer against a QA team's own labelled calls.

use std::path::Path;
use std::process::ExitCode;

use anyhow::{Result, bail};

use super::{LOCAL_RUBRICS, load_lexicon};
use crate::cli::{CalibrateArgs, CalibrateFormat, CalibratePart};
use collectsim::batch::Scorer;
use collectsim::calibrate::{self, Gates, Part, dataset};
use collectsim::rubric::library;
use collectsim::source::SourceFile;
use collectsim::style::Style;

pub fn run(args: &CalibrateArgs) -> Result<ExitCode> {
    let file = SourceFile::read(&args.file)?;
    let dataset = match dataset::load(&file) {
        Ok(dataset) => dataset,
        Err(problems) => {
            let style = Style::stderr();
            for problem in &problems {
                eprint!("{}", problem.render(&style));
            }
            bail!("{} could not be read ({} problem{})", args.file.display(), problems.len(), plural(problems.len()));
        }
    };
    let lexicon = load_lexicon()?;
    let packs = match args.rubric.is_empty() {
        true => library::load_packs(&lexicon, Some(Path::new(LOCAL_RUBRICS)))?,
        false => args.rubric.iter().map(|p| library::load_path(p, &lexicon)).collect::<Result<_, _>>()?,
    };
    let scorer = Scorer::new(&lexicon, packs, !args.rubric.is_empty())?;
    let part = match args.part {
        CalibratePart::All => Part::All,
        CalibratePart::Tune => Part::Tune,
        CalibratePart::Check => Part::Check,
    };
    let result = calibrate::run(&dataset, &scorer, part);
    match args.format {
        CalibrateFormat::Text => print!("{}", calibrate::report::text(&result, args.misses)),
        CalibrateFormat::Json => println!("{}", serde_json::to_string_pretty(&result)?),
    }
    if !args.gate {
        return Ok(ExitCode::SUCCESS);
    }
    let failures = Gates::default().failures(&result);
    if failures.is_empty() {
        return Ok(ExitCode::SUCCESS);
    }
    let style = Style::stderr();
    eprintln!("{} {} measure{} below the bar:", style.red("calibration:"), failures.len(), plural(failures.len()));
    for failure in &failures {
        eprintln!("  {failure}");
    }
    Ok(ExitCode::from(1))
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}
