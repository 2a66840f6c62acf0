//! The only module that touches a YAML library.
//!
//! A file is read once, by yaml-rust2's event parser, into a tree of values that
//! remember where they start ([`tree`]). Our raw serde structs are deserialized
//! from that tree ([`de`]), so a problem of shape is reported at the node where it
//! was found, with its path, and a misspelt key comes with the names allowed there
//! as data, not recovered from a message. Semantic errors found later ("goto names
//! no node") ask the same tree for a position through [`Locator`], with a path such
//! as `nodes[3].on[0].goto`. The tree also catches duplicate mapping keys.

mod de;
mod tree;

use serde::de::DeserializeOwned;

use crate::diagnostic::{Diagnostic, Pos};
use crate::source::SourceFile;
use crate::suggest;
use tree::Node;
pub use tree::{MAX_DEPTH, MAX_EXPANDED_BYTES};

/// One step of a path into a YAML document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Seg<'a> {
    /// A mapping key.
    Key(&'a str),
    /// A sequence index.
    Index(usize),
}

impl<'a> From<&'a str> for Seg<'a> {
    fn from(key: &'a str) -> Self {
        Seg::Key(key)
    }
}

impl From<usize> for Seg<'_> {
    fn from(index: usize) -> Self {
        Seg::Index(index)
    }
}

/// Builds a `[Seg; N]` path from keys and indexes: `ypath!["nodes", 3, "goto"]`.
#[macro_export]
macro_rules! ypath {
    ($($seg:expr),* $(,)?) => { [$($crate::yaml::Seg::from($seg)),*] };
}

/// Finds the line and column of any path in a parsed file.
#[derive(Debug, Clone)]
pub struct Locator {
    root: Option<Node>,
}

impl Locator {
    /// Position of the value at `path`; falls back to the deepest ancestor found,
    /// so a message about a missing key points at the mapping that lacks it.
    pub fn value(&self, path: &[Seg]) -> Pos {
        self.walk(path).1
    }

    /// Position of the key of the last path step (for "unknown field" messages).
    pub fn key(&self, path: &[Seg]) -> Pos {
        self.walk(path).0
    }

    fn walk(&self, path: &[Seg]) -> (Pos, Pos) {
        let Some(mut node) = self.root.as_ref() else {
            return (Pos { line: 1, column: 1 }, Pos { line: 1, column: 1 });
        };
        let mut key_pos = node.pos();
        for seg in path {
            let next = match (seg, node) {
                (Seg::Key(key), Node::Map { entries, .. }) => {
                    entries.iter().find(|entry| entry.key == *key).map(|entry| (entry.key_pos, &entry.value))
                }
                (Seg::Index(index), Node::Seq { items, .. }) => items.get(*index).map(|item| (item.pos(), item)),
                _ => None,
            };
            match next {
                Some((pos, value)) => {
                    key_pos = pos;
                    node = value;
                }
                None => return (key_pos, node.pos()),
            }
        }
        (key_pos, node.pos())
    }
}

/// Parses `file` into `T`, returning the value and a locator, or every problem found.
pub fn parse<T: DeserializeOwned>(file: &SourceFile) -> Result<(T, Locator), Vec<Diagnostic>> {
    let locator = read(file)?;
    let value = deserialize(file, &locator.root).map_err(|d| vec![d])?;
    Ok((value, locator))
}

/// The file's tree, or its syntax error, passed limit or duplicate keys.
fn read(file: &SourceFile) -> Result<Locator, Vec<Diagnostic>> {
    let (root, duplicates) = tree::build(file).map_err(|d| vec![d])?;
    if !duplicates.is_empty() {
        return Err(duplicates);
    }
    Ok(Locator { root })
}

fn deserialize<T: DeserializeOwned>(file: &SourceFile, root: &Option<Node>) -> Result<T, Diagnostic> {
    let null = Node::null();
    de::from_node(root.as_ref().unwrap_or(&null)).map_err(|error| diagnostic(file, error))
}

/// Which keys a mapping at a path may have: `[Key("nodes"), AnyIndex, Key("on"), AnyIndex]`.
#[derive(Debug, Clone, Copy)]
pub enum Step {
    /// This key.
    Key(&'static str),
    /// Any index of a sequence.
    AnyIndex,
    /// Any key of a mapping whose keys are names the author chooses.
    AnyKey,
}

/// Path patterns and the keys allowed in mappings found there.
pub type Schema = Vec<(Vec<Step>, &'static [&'static str])>;

/// Like [`parse`], but first checks every mapping's keys against `schema`, so all
/// misspelt keys in a file are reported in one run (serde stops at the first).
pub fn parse_with_schema<T: DeserializeOwned>(
    file: &SourceFile,
    schema: &Schema,
) -> Result<(T, Locator), Vec<Diagnostic>> {
    match parse_past_unknown_keys(file, schema)? {
        (value, locator, problems) if problems.is_empty() => Ok((value, locator)),
        (_, _, problems) => Err(problems),
    }
}

/// Like [`parse_with_schema`], but a misspelt key does not hide the rest of the
/// file: the unknown keys are reported and left out, and the file is read without
/// them, so `validate` can go on to report a dangling `goto` or an unknown signal
/// in the same run. Any other problem of shape still stops here.
pub fn parse_past_unknown_keys<T: DeserializeOwned>(
    file: &SourceFile,
    schema: &Schema,
) -> Result<(T, Locator, Vec<Diagnostic>), Vec<Diagnostic>> {
    if file.text.trim().is_empty() {
        let start = Pos { line: 1, column: 1 };
        return Err(vec![
            Diagnostic::error(file, start, "the file is empty")
                .with_help("start from a working file, e.g. a copy of scenarios/hardship-job-loss.yaml"),
        ]);
    }
    // The unknown keys leave the one tree: later messages only locate keys the
    // schema knows, so the locator needs no copy that keeps them.
    let mut locator = read(file)?;
    let mut problems = Vec::new();
    if let Some(root) = locator.root.as_mut() {
        drop_unknown_keys(file, root, &mut Vec::new(), schema, &mut problems);
    }
    match deserialize(file, &locator.root) {
        Ok(value) => Ok((value, locator, problems)),
        Err(_) if !problems.is_empty() => Err(problems),
        Err(problem) => Err(vec![problem]),
    }
}

/// Reports every key the schema does not allow, and removes it, so the document
/// can be read without them.
fn drop_unknown_keys(
    file: &SourceFile,
    node: &mut Node,
    path: &mut Vec<OwnedSeg>,
    schema: &Schema,
    out: &mut Vec<Diagnostic>,
) {
    match node {
        Node::Scalar { .. } => {}
        Node::Seq { items, .. } => {
            for (index, item) in items.iter_mut().enumerate() {
                path.push(OwnedSeg::Index(index));
                drop_unknown_keys(file, item, path, schema, out);
                path.pop();
            }
        }
        Node::Map { entries, .. } => {
            let allowed = schema.iter().find(|(pattern, _)| matches_path(pattern, path)).map(|(_, keys)| *keys);
            if let Some(allowed) = allowed {
                entries.retain(|entry| {
                    let known = allowed.contains(&entry.key.as_str());
                    if !known {
                        out.push(unknown_key(file, entry.key_pos, &entry.key, allowed, path));
                    }
                    known
                });
            }
            for entry in entries.iter_mut() {
                path.push(OwnedSeg::Key(entry.key.clone()));
                drop_unknown_keys(file, &mut entry.value, path, schema, out);
                path.pop();
            }
        }
    }
}

/// A step of a path being walked, owned.
#[derive(Clone)]
enum OwnedSeg {
    Key(String),
    Index(usize),
}

fn matches_path(pattern: &[Step], path: &[OwnedSeg]) -> bool {
    pattern.len() == path.len()
        && pattern.iter().zip(path).all(|(step, seg)| match (step, seg) {
            (Step::Key(want), OwnedSeg::Key(have)) => want == have,
            (Step::AnyIndex, OwnedSeg::Index(_)) | (Step::AnyKey, OwnedSeg::Key(_)) => true,
            _ => false,
        })
}

/// Worded like serde's own message, so both paths read the same to an author.
fn unknown_key(file: &SourceFile, pos: Pos, key: &str, allowed: &[&str], path: &[OwnedSeg]) -> Diagnostic {
    let expected: Vec<String> = allowed.iter().map(|k| format!("`{k}`")).collect();
    let mut message = format!("unknown field `{key}`, expected one of {}", expected.join(", "));
    if !path.is_empty() {
        message += &format!(" (at `{}`)", path_text(path));
    }
    Diagnostic::error(file, pos, message).with_help(suggest::help_for(key, allowed.iter().copied(), "keys here"))
}

fn path_text(path: &[OwnedSeg]) -> String {
    let mut text = String::new();
    for seg in path {
        match seg {
            OwnedSeg::Key(key) if text.is_empty() => text += key,
            OwnedSeg::Key(key) => text += &format!(".{key}"),
            OwnedSeg::Index(index) => text += &format!("[{index}]"),
        }
    }
    text
}

/// Parses a YAML fragment (a transcript's front matter), with the 1-based line of
/// any error within it.
pub fn from_str_located<T: DeserializeOwned>(text: &str) -> Result<T, (usize, String)> {
    let file = SourceFile::new("", text);
    let locator = read(&file).map_err(|problems| {
        let first = &problems[0];
        (first.line, first.message.clone())
    })?;
    deserialize(&file, &locator.root).map_err(|problem| (problem.line, problem.message))
}

/// A deserializing error as a diagnostic at its node, in the author's terms: our
/// raw struct names mean nothing to them, and a misspelt key gets a did-you-mean.
fn diagnostic(file: &SourceFile, error: de::Error) -> Diagnostic {
    let (pos, path) = error.at.clone().unwrap_or((Pos { line: 1, column: 1 }, String::new()));
    let message = RAW_STRUCT.replace_all(&error.message, "a mapping of keys");
    let where_ = if path.is_empty() { String::new() } else { format!(" (at `{path}`)") };
    let diagnostic = Diagnostic::error(file, pos, format!("{message}{where_}"));
    if let Some((name, expected)) = &error.unknown {
        diagnostic.with_help(suggest::help_for(name, expected.iter().copied(), "keys here"))
    } else if error.missing_field {
        diagnostic.with_help("add the missing key")
    } else {
        diagnostic
    }
}

static RAW_STRUCT: std::sync::LazyLock<regex::Regex> =
    std::sync::LazyLock::new(|| regex::Regex::new(r"struct Raw\w+").expect("valid regex"));

/// The keys of the top-level mapping (empty when the file is not a mapping or does
/// not parse), for telling scenario files from lexicon files.
pub fn top_level_keys(text: &str) -> Vec<String> {
    let file = SourceFile::new("", text);
    match tree::build(&file) {
        Ok((Some(Node::Map { entries, .. }), _)) => entries.into_iter().map(|entry| entry.key).collect(),
        _ => Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(serde::Deserialize, Debug)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Doc {
        nodes: Vec<Node>,
    }

    #[derive(serde::Deserialize, Debug)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Node {
        id: String,
        goto: Option<String>,
    }

    const TEXT: &str = "nodes:\n  - id: a\n    goto: b\n  - id: b\n";

    #[test]
    fn locates_values_and_keys() {
        let file = SourceFile::new("t.yaml", TEXT);
        let (_, locator): (Doc, _) = parse(&file).unwrap();
        assert_eq!(locator.value(&ypath!["nodes", 0, "goto"]), Pos { line: 3, column: 11 });
        assert_eq!(locator.key(&ypath!["nodes", 1, "id"]), Pos { line: 4, column: 5 });
        assert_eq!(locator.value(&ypath!["nodes", 1, "missing"]), Pos { line: 4, column: 5 });
    }

    #[test]
    fn unknown_field_points_at_the_key_with_a_suggestion() {
        let file = SourceFile::new("t.yaml", "nodes:\n  - id: a\n    gotto: b\n");
        let errors = parse::<Doc>(&file).unwrap_err();
        assert_eq!((errors[0].line, errors[0].column), (3, 5));
        assert!(errors[0].message.starts_with("unknown field `gotto`"), "{}", errors[0].message);
        assert_eq!(errors[0].help.as_deref(), Some("did you mean `goto`?"));
    }

    #[test]
    fn a_value_of_the_wrong_kind_is_reported_at_the_value_with_its_path() {
        let file = SourceFile::new("t.yaml", "nodes:\n  - id: a\n  - id: [b]\n");
        let errors = parse::<Doc>(&file).unwrap_err();
        assert_eq!((errors[0].line, errors[0].column), (3, 9));
        assert_eq!(errors[0].message, "invalid type: sequence, expected a string (at `nodes[1].id`)");
    }

    #[test]
    fn a_missing_key_is_reported_at_the_mapping_that_lacks_it() {
        let file = SourceFile::new("t.yaml", "nodes:\n  - id: a\n  - goto: a\n");
        let errors = parse::<Doc>(&file).unwrap_err();
        assert_eq!((errors[0].line, errors[0].column), (3, 5));
        assert_eq!(errors[0].message, "missing field `id` (at `nodes[1]`)");
        assert_eq!(errors[0].help.as_deref(), Some("add the missing key"));
    }

    #[test]
    fn duplicate_keys_are_errors() {
        let file = SourceFile::new("t.yaml", "nodes: []\nnodes: []\n");
        let errors = parse::<Doc>(&file).unwrap_err();
        assert_eq!(errors[0].message, "duplicate key `nodes`");
        assert_eq!(errors[0].line, 2);
    }

    #[test]
    fn syntax_errors_have_positions() {
        let file = SourceFile::new("t.yaml", "nodes:\n  - id: \"a\n");
        let errors = parse::<Doc>(&file).unwrap_err();
        assert!(errors[0].message.starts_with("YAML syntax"), "{}", errors[0].message);
        assert!(errors[0].line >= 2);
    }
}

/// The reader against serde_yaml (kept as a dev-dependency for this): every shipped
/// scenario, rubric, lexicon and labelled set reads to the same values both ways.
#[cfg(test)]
mod same_as_serde_yaml {
    use super::*;

    fn shipped_files() -> Vec<std::path::PathBuf> {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut files = Vec::new();
        for dir in ["scenarios", "rubrics", "tests/data"] {
            for entry in std::fs::read_dir(root.join(dir)).unwrap() {
                let path = entry.unwrap().path();
                if path.extension().is_some_and(|e| e == "yaml") {
                    files.push(path);
                }
            }
        }
        files
    }

    #[test]
    fn every_shipped_file_reads_as_serde_yaml_reads_it() {
        let files = shipped_files();
        assert!(files.len() >= 20, "found {} files", files.len());
        for path in files {
            let text = std::fs::read_to_string(&path).unwrap();
            let theirs: serde_json::Value = serde_yaml::from_str(&text).unwrap();
            let file = SourceFile::new(path.display().to_string(), text);
            let (ours, _): (serde_json::Value, _) =
                parse(&file).unwrap_or_else(|e| panic!("{}: {e:?}", path.display()));
            assert_eq!(ours, theirs, "{}", path.display());
        }
    }

    #[test]
    fn awkward_scalars_anchors_and_styles_read_as_serde_yaml_reads_them() {
        let text = "a: &x\n  n: 1\n  f: 2.50\n  neg: -3\n  hex: 0x1f\n  q: '12'\n  t: True\n  nul: ~\n  empty:\n\
                    b: *x\n\
                    c: [yes, no, 1e3, .5, '', \"two\\nlines\", !!str 7]\n\
                    d: |\n  kept\n  lines\n\
                    e: >\n  folded\n  text\n";
        let theirs: serde_json::Value = serde_yaml::from_str(text).unwrap();
        let (ours, _): (serde_json::Value, _) = parse(&SourceFile::new("t.yaml", text)).unwrap();
        assert_eq!(ours, theirs);
    }
}
