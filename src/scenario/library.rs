//! The scenarios a user can play: those built into the binary (so collectsim works
//! from any directory and after `cargo install`), overridden by files with the same id
//! in `./scenarios`, plus any file named on the command line.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::error::{Error, Result};

use super::curriculum::{self, Curriculum};
use super::model::Scenario;
use crate::diagnostic::Diagnostic;
use crate::signals::Lexicon;
use crate::source::SourceFile;

/// Built-in scenario files, in curriculum order; the first is the default call.
pub const BUILTIN: &[(&str, &str)] = &[
    ("scenarios/hardship-job-loss.yaml", include_str!("../../scenarios/hardship-job-loss.yaml")),
    ("scenarios/evasive-tell-my-wife.yaml", include_str!("../../scenarios/evasive-tell-my-wife.yaml")),
    ("scenarios/disputing-not-my-debt.yaml", include_str!("../../scenarios/disputing-not-my-debt.yaml")),
    ("scenarios/hostile-swearing.yaml", include_str!("../../scenarios/hostile-swearing.yaml")),
    ("scenarios/attorney-represented.yaml", include_str!("../../scenarios/attorney-represented.yaml")),
    ("scenarios/cease-stop-calling.yaml", include_str!("../../scenarios/cease-stop-calling.yaml")),
    ("scenarios/wrong-number.yaml", include_str!("../../scenarios/wrong-number.yaml")),
    ("scenarios/third-party-roommate.yaml", include_str!("../../scenarios/third-party-roommate.yaml")),
    ("scenarios/spouse-answers.yaml", include_str!("../../scenarios/spouse-answers.yaml")),
    ("scenarios/uk-vulnerable-bereaved.yaml", include_str!("../../scenarios/uk-vulnerable-bereaved.yaml")),
    ("scenarios/time-barred-old-card.yaml", include_str!("../../scenarios/time-barred-old-card.yaml")),
    ("scenarios/broken-promise-followup.yaml", include_str!("../../scenarios/broken-promise-followup.yaml")),
];

/// Every scenario available: the built-in ones and those in `./scenarios`.
pub struct Library {
    /// The scenarios, in id order.
    pub scenarios: Vec<Arc<Scenario>>,
    /// `./scenarios/curriculum.yaml` when there is one (and it has no errors),
    /// else the built-in onboarding path.
    pub curriculum: Curriculum,
    /// Problems in on-disk files that could not be loaded (built-ins are tested).
    pub problems: Vec<Diagnostic>,
}

impl Library {
    /// Built-ins, then every `*.yaml` in `dir` replacing a built-in of the same id.
    pub fn load(lexicon: &Lexicon, dir: Option<&Path>) -> Result<Library> {
        let builtin_curriculum = SourceFile::new(format!("builtin:{}", curriculum::BUILTIN.0), curriculum::BUILTIN.1);
        let mut library = Library { scenarios: Vec::new(), curriculum: Curriculum::default(), problems: Vec::new() };
        for (name, text) in BUILTIN {
            library.add(&SourceFile::new(format!("builtin:{name}"), *text), lexicon);
        }
        let mut curriculum_file = builtin_curriculum.clone();
        if let Some(dir) = dir.filter(|d| d.is_dir()) {
            for path in yaml_files(dir)? {
                let file = SourceFile::read(&path)?;
                if is_curriculum(&file) {
                    curriculum_file = file;
                } else {
                    library.add(&file, lexicon);
                }
            }
        }
        library.curriculum = library.load_curriculum(&curriculum_file, &builtin_curriculum);
        Ok(library)
    }

    /// The curriculum in `file`; if it has errors they are kept with the other
    /// problems and the built-in path is used instead.
    fn load_curriculum(&mut self, file: &SourceFile, builtin: &SourceFile) -> Curriculum {
        let known: Vec<&str> = self.scenarios.iter().map(|s| s.id.as_str()).collect();
        let (loaded, problems) = curriculum::load(file, &known);
        self.problems.extend(problems.into_iter().filter(Diagnostic::is_error));
        loaded.or_else(|| curriculum::load(builtin, &known).0).expect("the built-in curriculum is tested")
    }

    /// Scenarios in curriculum order, then any the curriculum does not list.
    pub fn in_curriculum_order(&self) -> Vec<Arc<Scenario>> {
        let mut ordered: Vec<Arc<Scenario>> =
            self.curriculum.steps.iter().filter_map(|step| self.get(&step.scenario)).collect();
        ordered.extend(self.scenarios.iter().filter(|s| self.curriculum.step_of(&s.id).is_none()).cloned());
        ordered
    }

    fn add(&mut self, file: &SourceFile, lexicon: &Lexicon) {
        let (scenarios, problems) = super::load_all(file, lexicon);
        self.problems.extend(problems.into_iter().filter(Diagnostic::is_error));
        for scenario in scenarios {
            let scenario = Arc::new(scenario);
            match self.scenarios.iter().position(|s| s.id == scenario.id) {
                Some(i) => self.scenarios[i] = scenario,
                None => self.scenarios.push(scenario),
            }
        }
    }

    /// The scenario with this id.
    pub fn get(&self, id: &str) -> Option<Arc<Scenario>> {
        self.scenarios.iter().find(|s| s.id == id).cloned()
    }

    /// The scenario a saved session names: by its id in the library, or from the
    /// `.yaml` file it was played from when that file still compiles to the same
    /// id. A session is a file anyone can edit: its scenario id is never taken as
    /// a path (a crafted id once made `--resume` read any file named there).
    pub fn for_session(&self, id: &str, source: &str, lexicon: &Lexicon) -> Result<Arc<Scenario>> {
        if let Some(scenario) = self.get(id) {
            return Ok(scenario);
        }
        let is_id = !id.is_empty() && id.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
        let path = Path::new(source);
        let yaml = path.extension().is_some_and(|e| e == "yaml" || e == "yml");
        if is_id && yaml && path.is_file() {
            let scenario = self.resolve(source, lexicon)?;
            if scenario.id == id {
                return Ok(scenario);
            }
        }
        Err(Error::Refused(format!(
            "the session's scenario `{}` is not in the library (nor in the .yaml file it was played from); \
             put that scenario's file in ./scenarios to resume",
            crate::controls::visible(id)
        )))
    }

    /// A scenario by id, or by path to a YAML file; an unknown id lists the known ones.
    pub fn resolve(&self, wanted: &str, lexicon: &Lexicon) -> Result<Arc<Scenario>> {
        if let Some(scenario) = self.get(wanted) {
            return Ok(scenario);
        }
        let path = Path::new(wanted);
        if path.is_file() {
            let file = SourceFile::read(path)?;
            let (scenario, problems) = super::load(&file, lexicon);
            return match scenario {
                Some(s) => Ok(Arc::new(s)),
                None => Err(Error::Invalid {
                    file: path.display().to_string(),
                    advice: format!("; run `collectsim validate {wanted}`"),
                    problems: problems.into_iter().filter(Diagnostic::is_error).collect(),
                }),
            };
        }
        let ids: Vec<&str> = self.scenarios.iter().map(|s| s.id.as_str()).collect();
        let hint = match crate::suggest::did_you_mean(wanted, ids.iter().copied()) {
            Some(best) => format!("did you mean `{best}`? "),
            None => String::new(),
        };
        Err(Error::Refused(format!("no scenario `{wanted}`; {hint}known scenarios: {}", ids.join(", "))))
    }
}

/// Whether a file is a curriculum (it has `steps:`) rather than a scenario.
pub fn is_curriculum(file: &SourceFile) -> bool {
    crate::yaml::top_level_keys(&file.text).iter().any(|k| k == curriculum::MARKER_KEY)
}

/// `*.yaml` and `*.yml` files in `dir` and every folder below it, sorted.
pub fn yaml_files_in_tree(dir: &Path) -> Result<Vec<PathBuf>> {
    crate::source::files_in_tree(dir, &|path| {
        path.extension().and_then(|e| e.to_str()).is_some_and(|e| matches!(e, "yaml" | "yml"))
    })
}

/// `*.yaml` and `*.yml` files directly in `dir`, sorted so runs are deterministic.
pub fn yaml_files(dir: &Path) -> Result<Vec<PathBuf>> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(|e| Error::io(format!("cannot list {}", dir.display()), e))?
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|p| p.is_file() && matches!(p.extension().and_then(|e| e.to_str()), Some("yaml" | "yml")))
        .collect();
    files.sort();
    Ok(files)
}
