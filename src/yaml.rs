//! The only module that touches YAML libraries.
//!
//! serde_yaml (deprecated upstream, so kept behind this one file) turns a file into
//! our raw serde structs and reports shape errors with a line and column. It keeps no
//! positions for values it parsed successfully, so semantic errors found later ("goto
//! names no node") need a locator of our own: yaml-rust2's marked parser events give a
//! tree of positions that we walk with a path such as `nodes[3].on[0].goto`. The same
//! tree catches duplicate mapping keys, which serde_yaml silently collapses.

use serde::de::DeserializeOwned;
use yaml_rust2::parser::{Event, MarkedEventReceiver, Parser};
use yaml_rust2::scanner::{Marker, ScanError, TScalarStyle};

use crate::diagnostic::{Diagnostic, Pos};
use crate::source::SourceFile;
use crate::suggest;

/// One step of a path into a YAML document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Seg<'a> {
    Key(&'a str),
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

/// A YAML node with the position where it starts.
#[derive(Debug, Clone)]
enum Located {
    Scalar(Pos),
    Seq(Pos, Vec<Located>),
    Map(Pos, Vec<(String, Pos, Located)>),
}

impl Located {
    fn pos(&self) -> Pos {
        match self {
            Located::Scalar(pos) | Located::Seq(pos, _) | Located::Map(pos, _) => *pos,
        }
    }
}

/// Finds the line and column of any path in a parsed file.
#[derive(Debug, Clone)]
pub struct Locator {
    root: Option<Located>,
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
                (Seg::Key(key), Located::Map(_, entries)) => {
                    entries.iter().find(|(name, _, _)| name == key).map(|(_, pos, value)| (*pos, value))
                }
                (Seg::Index(index), Located::Seq(_, items)) => items.get(*index).map(|item| (item.pos(), item)),
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
    let (locator, duplicates) = build_locator(file).map_err(|d| vec![d])?;
    if !duplicates.is_empty() {
        return Err(duplicates);
    }
    match serde_yaml::from_str::<T>(&file.text) {
        Ok(value) => Ok((value, locator)),
        Err(error) => Err(vec![serde_error(file, &locator, &error)]),
    }
}

/// Which keys a mapping at a path may have: `[Key("nodes"), AnyIndex, Key("on"), AnyIndex]`.
#[derive(Debug, Clone, Copy)]
pub enum Step {
    Key(&'static str),
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
    let (locator, duplicates) = build_locator(file).map_err(|d| vec![d])?;
    if !duplicates.is_empty() {
        return Err(duplicates);
    }
    let mut problems = Vec::new();
    let mut unknown = Vec::new();
    if let Some(root) = &locator.root {
        check_keys(file, root, &mut Vec::new(), schema, &mut problems, &mut unknown);
    }
    if unknown.is_empty() {
        return match serde_yaml::from_str::<T>(&file.text) {
            Ok(value) => Ok((value, locator, problems)),
            Err(error) => Err(vec![serde_error(file, &locator, &error)]),
        };
    }
    match without_keys(&file.text, &unknown) {
        Some(value) => Ok((value, locator, problems)),
        None => Err(problems),
    }
}

/// The document read with the given keys removed (each a path to its map and the
/// key), or None when it still does not read.
fn without_keys<T: DeserializeOwned>(text: &str, keys: &[(Vec<OwnedSeg>, String)]) -> Option<T> {
    let mut value: serde_yaml::Value = serde_yaml::from_str(text).ok()?;
    for (path, key) in keys {
        let mut node = &mut value;
        for segment in path {
            node = match segment {
                OwnedSeg::Key(k) => node.get_mut(k.as_str())?,
                OwnedSeg::Index(i) => node.get_mut(*i)?,
            };
        }
        node.as_mapping_mut()?.remove(key.as_str());
    }
    serde_yaml::from_value(value).ok()
}

/// Reports every key the schema does not allow, and where it is (its map's path
/// and the key), so the document can be read without them.
fn check_keys(
    file: &SourceFile,
    node: &Located,
    path: &mut Vec<OwnedSeg>,
    schema: &Schema,
    out: &mut Vec<Diagnostic>,
    unknown: &mut Vec<(Vec<OwnedSeg>, String)>,
) {
    match node {
        Located::Scalar(_) => {}
        Located::Seq(_, items) => {
            for (index, item) in items.iter().enumerate() {
                path.push(OwnedSeg::Index(index));
                check_keys(file, item, path, schema, out, unknown);
                path.pop();
            }
        }
        Located::Map(_, entries) => {
            let allowed = schema.iter().find(|(pattern, _)| matches_path(pattern, path)).map(|(_, keys)| *keys);
            for (key, key_pos, value) in entries {
                if let Some(allowed) = allowed.filter(|keys| !keys.contains(&key.as_str())) {
                    out.push(unknown_key(file, *key_pos, key, allowed, path));
                    unknown.push((path.clone(), key.clone()));
                    continue;
                }
                path.push(OwnedSeg::Key(key.clone()));
                check_keys(file, value, path, schema, out, unknown);
                path.pop();
            }
        }
    }
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

/// Parses a YAML fragment, with the 1-based line of any error within it.
pub fn from_str_located<T: DeserializeOwned>(text: &str) -> Result<T, (usize, String)> {
    within_limits(text)?;
    serde_yaml::from_str(text).map_err(|e| {
        let line = e.location().map_or(1, |l| l.line());
        let message = RAW_STRUCT.replace_all(strip_location(&e.to_string()), "a mapping of keys").into_owned();
        (line, message)
    })
}

/// Parses a YAML fragment (a playthrough line list, a front matter block) with no locator.
pub fn from_str<T: DeserializeOwned>(text: &str) -> Result<T, String> {
    within_limits(text).map_err(|(line, message)| format!("line {line}: {message}"))?;
    serde_yaml::from_str(text).map_err(|e| e.to_string())
}

/// Refuses a fragment nested beyond [`MAX_DEPTH`] or expanding beyond
/// [`MAX_EXPANDED_BYTES`] before serde expands it, with the line where it happens.
/// (Syntax errors are left for serde to report as it always has.)
fn within_limits(text: &str) -> Result<(), (usize, String)> {
    let mut builder = TreeBuilder::default();
    let mut parser = Parser::new_from_str(text);
    if read_first_document(&mut parser, &mut builder).is_ok()
        && let Some((pos, limit)) = builder.refused
    {
        return Err((pos.line, limit.message()));
    }
    Ok(())
}

/// Turns a serde_yaml error into a diagnostic pointing at the offending key or value.
fn serde_error(file: &SourceFile, locator: &Locator, error: &serde_yaml::Error) -> Diagnostic {
    let full = error.to_string();
    // Our raw struct names mean nothing to an author.
    let full = RAW_STRUCT.replace_all(&full, "a mapping of keys").into_owned();
    let message = strip_location(&full);
    let (path_text, detail) = match message.split_once(": ") {
        Some((path, detail)) if looks_like_path(path) => (path.to_string(), detail.to_string()),
        _ => (String::new(), message.to_string()),
    };
    let segs = parse_path(&path_text);
    let path: Vec<Seg> = segs.iter().map(|s| s.as_seg()).collect();
    let mut pos =
        error.location().map(|l| Pos { line: l.line(), column: l.column() }).unwrap_or_else(|| locator.value(&path));
    let mut help = None;
    if let Some((field, expected)) = unknown_name(&detail) {
        let mut key_path = path.clone();
        key_path.push(Seg::Key(&field));
        pos = locator.key(&key_path);
        help = Some(suggest::help_for(&field, expected.iter().map(String::as_str), "keys here"));
    } else if detail.starts_with("missing field") {
        help = Some("add the missing key".to_string());
    }
    let where_ = if path_text.is_empty() { String::new() } else { format!(" (at `{path_text}`)") };
    let diagnostic = Diagnostic::error(file, pos, format!("{detail}{where_}"));
    match help {
        Some(help) => diagnostic.with_help(help),
        None => diagnostic,
    }
}

static RAW_STRUCT: std::sync::LazyLock<regex::Regex> =
    std::sync::LazyLock::new(|| regex::Regex::new(r"struct Raw\w+").expect("valid regex"));

fn strip_location(message: &str) -> &str {
    match message.rfind(" at line ") {
        Some(index) => &message[..index],
        None => message,
    }
}

fn looks_like_path(text: &str) -> bool {
    !text.is_empty() && !text.contains(' ') && !text.contains('`')
}

/// Owned path step parsed from serde_yaml's `nodes[2].on[0]` notation.
#[derive(Clone)]
enum OwnedSeg {
    Key(String),
    Index(usize),
}

impl OwnedSeg {
    fn as_seg(&self) -> Seg<'_> {
        match self {
            OwnedSeg::Key(key) => Seg::Key(key),
            OwnedSeg::Index(index) => Seg::Index(*index),
        }
    }
}

fn parse_path(text: &str) -> Vec<OwnedSeg> {
    let mut segs = Vec::new();
    for part in text.split('.').filter(|p| !p.is_empty()) {
        let mut pieces = part.split('[');
        if let Some(key) = pieces.next().filter(|k| !k.is_empty()) {
            segs.push(OwnedSeg::Key(key.to_string()));
        }
        for index in pieces {
            if let Ok(index) = index.trim_end_matches(']').parse() {
                segs.push(OwnedSeg::Index(index));
            }
        }
    }
    segs
}

/// From "unknown field `gotto`, expected one of `goto`, `if`", the field and the
/// allowed names (also for unknown variants).
fn unknown_name(detail: &str) -> Option<(String, Vec<String>)> {
    let rest = detail.strip_prefix("unknown field `").or_else(|| detail.strip_prefix("unknown variant `"))?;
    let (name, expected) = rest.split_once('`')?;
    let allowed = expected.split('`').skip(1).step_by(2).map(str::to_string).collect();
    Some((name.to_string(), allowed))
}

/// Builds the position tree; a syntax error becomes one diagnostic, duplicate keys
/// become one diagnostic each.
fn build_locator(file: &SourceFile) -> Result<(Locator, Vec<Diagnostic>), Diagnostic> {
    let mut builder = TreeBuilder::default();
    let mut parser = Parser::new_from_str(&file.text);
    if let Err(error) = read_first_document(&mut parser, &mut builder) {
        let marker = error.marker();
        return Err(Diagnostic::error(file, to_pos(marker), format!("YAML syntax: {}", error.info()))
            .with_help("check the indentation and quoting on this line and the one above"));
    }
    if let Some((pos, limit)) = builder.refused {
        return Err(limit.diagnostic(file, pos));
    }
    let duplicates = builder
        .duplicates
        .iter()
        .map(|(key, pos, first)| {
            Diagnostic::error(file, *pos, format!("duplicate key `{key}`"))
                .with_help(format!("`{key}` is already set on line {}; keep one of them", first.line))
        })
        .collect();
    Ok((Locator { root: builder.root }, duplicates))
}

/// Whether a plain YAML scalar reads as a number that is not finite: `.nan`,
/// `.inf`, `-.Inf`... or digits too large for a float (`1e400`).
fn is_non_finite_number(text: &str) -> bool {
    let unsigned = text.strip_prefix(['-', '+']).unwrap_or(text);
    let special = matches!(unsigned, ".nan" | ".NaN" | ".NAN" | ".inf" | ".Inf" | ".INF");
    let numeric = unsigned.starts_with(|c: char| c.is_ascii_digit() || c == '.');
    special || (numeric && text.parse::<f64>().is_ok_and(|n| !n.is_finite()))
}

/// Feeds the parser's events for the first document to `builder`, one at a time:
/// the parser's own `load` recurses once per level of nesting, and a file of
/// 20,000 nested `- ` overflowed the stack. Stops as soon as a limit is passed.
fn read_first_document(parser: &mut Parser<std::str::Chars>, builder: &mut TreeBuilder) -> Result<(), ScanError> {
    loop {
        let (event, marker) = parser.next_token()?;
        let done = matches!(event, Event::StreamEnd | Event::DocumentEnd);
        builder.on_event(event, marker);
        if done || builder.refused.is_some() {
            return Ok(());
        }
    }
}

fn to_pos(marker: &Marker) -> Pos {
    Pos { line: marker.line(), column: marker.col() + 1 }
}

/// How deeply collections may nest in a scenario, rubric or front matter. The
/// deepest shipped file nests 6; serde_yaml's own limit is 128, and deeper still
/// once overflowed the stack.
pub const MAX_DEPTH: usize = 64;

/// How large a file may become once its aliases (`*name`) are expanded, in bytes
/// of scalar text. Without a bound, one string aliased a thousand times took 4.8 GB.
pub const MAX_EXPANDED_BYTES: usize = 16 << 20;

/// A bound on what a YAML file may be, found while it is read.
#[derive(Debug, Clone, Copy)]
enum Limit {
    Depth,
    Expansion,
    /// `.nan`, `.inf` or a number too large for a float: no meter, weight or fact
    /// can use it, and a session saved with one could never be loaded again.
    NotFinite,
    /// An escape or other control character, which a terminal would act on when
    /// a persona name or a line is shown.
    ControlCharacter,
}

impl Limit {
    fn message(self) -> String {
        match self {
            Limit::Depth => format!("nested more than {MAX_DEPTH} levels deep"),
            Limit::Expansion => format!("aliases here expand the file beyond {} MB", MAX_EXPANDED_BYTES >> 20),
            Limit::NotFinite => "not a finite number (`.nan`, `.inf` or too large)".to_string(),
            Limit::ControlCharacter => "a control character (such as ESC, `\\e`) in a value".to_string(),
        }
    }

    fn diagnostic(self, file: &SourceFile, pos: Pos) -> Diagnostic {
        let help = match self {
            Limit::Depth => "scenario and rubric files need a few levels; look for a run of `- ` or `[` here",
            Limit::Expansion => "write the value out where it is needed, or alias something smaller",
            Limit::NotFinite => "write an ordinary number such as 5 or -2.5; if this is text, put it in quotes",
            Limit::ControlCharacter => "remove it: a terminal would run it as a command when the text is shown",
        };
        Diagnostic::error(file, pos, self.message()).with_help(help)
    }
}

/// Collects parser events into a `Located` tree, refusing a file at the first event
/// past a [`Limit`] (nesting beyond [`MAX_DEPTH`], expansion beyond
/// [`MAX_EXPANDED_BYTES`], a non-finite number, a control character): all are
/// checked before serde ever expands anything.
#[derive(Default)]
struct TreeBuilder {
    stack: Vec<Frame>,
    root: Option<Located>,
    duplicates: Vec<(String, Pos, Pos)>,
    /// For each open collection, its anchor id (0 for none) and the expanded bytes
    /// of what it holds so far.
    sizes: Vec<(usize, usize)>,
    /// Expanded bytes of every anchored node, by anchor id.
    anchored: std::collections::HashMap<usize, usize>,
    /// Expanded bytes of the whole document so far.
    expanded: usize,
    refused: Option<(Pos, Limit)>,
}

enum Frame {
    Seq(Pos, Vec<Located>),
    /// Entries, the key waiting for its value, and where each key was first seen
    /// (a lookup per key: 20,000 duplicate keys once took 17 s).
    Map(Pos, Vec<(String, Pos, Located)>, Option<(String, Pos)>, std::collections::HashMap<String, Pos>),
}

impl TreeBuilder {
    fn open(&mut self, frame: Frame, anchor: usize, pos: Pos) {
        if self.stack.len() >= MAX_DEPTH {
            self.refused = Some((pos, Limit::Depth));
            return;
        }
        self.stack.push(frame);
        self.sizes.push((anchor, 0));
    }

    /// A scalar or alias of `bytes` expanded bytes.
    fn leaf(&mut self, bytes: usize, anchor: usize, pos: Pos) {
        if anchor != 0 {
            self.anchored.insert(anchor, bytes);
        }
        self.expanded = self.expanded.saturating_add(bytes);
        if let Some((_, held)) = self.sizes.last_mut() {
            *held = held.saturating_add(bytes);
        }
        if self.expanded > MAX_EXPANDED_BYTES {
            self.refused = Some((pos, Limit::Expansion));
        }
    }

    /// A collection ended: its size counts towards the one holding it.
    fn close(&mut self) {
        if let Some((anchor, bytes)) = self.sizes.pop() {
            if anchor != 0 {
                self.anchored.insert(anchor, bytes);
            }
            if let Some((_, held)) = self.sizes.last_mut() {
                *held = held.saturating_add(bytes);
            }
        }
    }

    fn push_value(&mut self, value: Located, scalar: Option<&str>) {
        match self.stack.last_mut() {
            None => self.root = Some(value),
            Some(Frame::Seq(_, items)) => items.push(value),
            Some(Frame::Map(_, entries, pending, first_seen)) => match pending.take() {
                Some((key, key_pos)) => {
                    match first_seen.get(&key) {
                        Some(first) => self.duplicates.push((key.clone(), key_pos, *first)),
                        None => {
                            first_seen.insert(key.clone(), key_pos);
                        }
                    }
                    entries.push((key, key_pos, value));
                }
                None => *pending = Some((scalar.unwrap_or("").to_string(), value.pos())),
            },
        }
    }
}

impl MarkedEventReceiver for TreeBuilder {
    fn on_event(&mut self, event: Event, marker: Marker) {
        if self.refused.is_some() {
            return;
        }
        let pos = to_pos(&marker);
        match event {
            Event::Scalar(text, style, anchor, _) => {
                if style == TScalarStyle::Plain && is_non_finite_number(&text) {
                    self.refused = Some((pos, Limit::NotFinite));
                    return;
                }
                if text.chars().any(crate::controls::is_hazard) {
                    self.refused = Some((pos, Limit::ControlCharacter));
                    return;
                }
                // Every node counts for at least a byte, so a flood of empty ones does too.
                self.leaf(text.len().max(1), anchor, pos);
                self.push_value(Located::Scalar(pos), Some(&text))
            }
            Event::Alias(id) => {
                self.leaf(self.anchored.get(&id).copied().unwrap_or(1), 0, pos);
                self.push_value(Located::Scalar(pos), Some("*alias"))
            }
            Event::SequenceStart(anchor, _) => self.open(Frame::Seq(pos, Vec::new()), anchor, pos),
            Event::MappingStart(anchor, _) => {
                self.open(Frame::Map(pos, Vec::new(), None, std::collections::HashMap::new()), anchor, pos)
            }
            Event::SequenceEnd => {
                self.close();
                if let Some(Frame::Seq(start, items)) = self.stack.pop() {
                    self.push_value(Located::Seq(start, items), None);
                }
            }
            Event::MappingEnd => {
                self.close();
                if let Some(Frame::Map(start, entries, _, _)) = self.stack.pop() {
                    // The parser marks a block mapping at its first `:`; its first key
                    // is where a person sees it begin.
                    let start = entries.first().map_or(start, |(_, key, _)| *key);
                    self.push_value(Located::Map(start, entries), None);
                }
            }
            _ => {}
        }
    }
}

/// The keys of the top-level mapping (empty when the file is not a mapping or does
/// not parse), for telling scenario files from lexicon files.
pub fn top_level_keys(text: &str) -> Vec<String> {
    let file = SourceFile::new("", text);
    match build_locator(&file) {
        Ok((Locator { root: Some(Located::Map(_, entries)) }, _)) => entries.into_iter().map(|(k, _, _)| k).collect(),
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
