//! The rubric packs: built into the binary, overridden by files with the same id in
//! `./rubrics`, or given with `--rubric`.

use super::Rubric;

/// Built-in packs: `core` for every call, then one compliance pack per jurisdiction.
pub const BUILTIN: &[(&str, &str)] = &[
    ("rubrics/core.yaml", include_str!("../../rubrics/core.yaml")),
    ("rubrics/us-fdcpa.yaml", include_str!("../../rubrics/us-fdcpa.yaml")),
    ("rubrics/uk-fca.yaml", include_str!("../../rubrics/uk-fca.yaml")),
];

/// The packs that apply to a call in `jurisdiction` (US when unknown).
pub fn for_jurisdiction<'a>(packs: &'a [Rubric], jurisdiction: Option<&str>) -> Vec<&'a Rubric> {
    packs.iter().filter(|r| r.applies_to(jurisdiction)).collect()
}
