//! One read of a YAML document into a tree of values that remember where they
//! start. The same tree answers "where is `nodes[3].goto`?" for later messages,
//! finds duplicate keys, and is what [`super::de`] deserializes: positions come
//! from this one parse, never from an error message.
//!
//! It is built from yaml-rust2's parser events one at a time, refusing a file at
//! the first event past a [`Limit`] (nesting, alias expansion, a non-finite number,
//! a control character) before anything is expanded.

use std::collections::HashMap;

use yaml_rust2::parser::{Event, MarkedEventReceiver, Parser};
use yaml_rust2::scanner::{Marker, ScanError, TScalarStyle};

use crate::diagnostic::{Diagnostic, Pos};
use crate::source::SourceFile;

/// A YAML value with the position where it starts.
#[derive(Debug, Clone)]
pub enum Node {
    /// A scalar's text; `plain` when it was written unquoted, so it may read as a
    /// number, a boolean or null.
    Scalar {
        pos: Pos,
        text: String,
        plain: bool,
    },
    Seq {
        pos: Pos,
        items: Vec<Node>,
    },
    Map {
        pos: Pos,
        entries: Vec<Entry>,
    },
}

/// One key of a mapping, where the key is written, and its value.
#[derive(Debug, Clone)]
pub struct Entry {
    pub key: String,
    pub key_pos: Pos,
    pub value: Node,
}

impl Node {
    pub fn pos(&self) -> Pos {
        match self {
            Node::Scalar { pos, .. } | Node::Seq { pos, .. } | Node::Map { pos, .. } => *pos,
        }
    }

    /// An empty document reads as a null at its start.
    pub fn null() -> Node {
        Node::Scalar { pos: Pos { line: 1, column: 1 }, text: String::new(), plain: true }
    }
}

/// The document's tree (None when it holds no value) and a diagnostic for each
/// duplicate key; a syntax error or a passed limit is one diagnostic.
pub fn build(file: &SourceFile) -> Result<(Option<Node>, Vec<Diagnostic>), Diagnostic> {
    let mut builder = TreeBuilder::default();
    let mut parser = Parser::new_from_str(&file.text);
    if let Err(error) = read_first_document(&mut parser, &mut builder) {
        return Err(Diagnostic::error(file, to_pos(error.marker()), format!("YAML syntax: {}", error.info()))
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
    Ok((builder.root, duplicates))
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
/// deepest shipped file nests 6; deeper than this once overflowed the stack.
pub const MAX_DEPTH: usize = 64;

/// How large a file may become once its aliases (`*name`) are expanded, in bytes
/// of scalar text. Without a bound, one string aliased a thousand times took 4.8 GB.
pub const MAX_EXPANDED_BYTES: usize = 16 << 20;

/// A bound on what a YAML file may be, found while it is read.
#[derive(Debug, Clone, Copy)]
pub enum Limit {
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
    pub fn message(self) -> String {
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

/// Collects parser events into a [`Node`] tree.
#[derive(Default)]
struct TreeBuilder {
    stack: Vec<Frame>,
    root: Option<Node>,
    duplicates: Vec<(String, Pos, Pos)>,
    /// For each open collection, its anchor id (0 for none) and the expanded bytes
    /// of what it holds so far.
    sizes: Vec<(usize, usize)>,
    /// Every anchored node, by anchor id, with its expanded bytes: an alias is a
    /// copy of it, and counts for its size.
    anchored: HashMap<usize, (Node, usize)>,
    /// Expanded bytes of the whole document so far.
    expanded: usize,
    refused: Option<(Pos, Limit)>,
}

enum Frame {
    Seq(Pos, Vec<Node>),
    /// Entries, the key waiting for its value, and where each key was first seen
    /// (a lookup per key: 20,000 duplicate keys once took 17 s).
    Map(Pos, Vec<Entry>, Option<(String, Pos)>, HashMap<String, Pos>),
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
    fn leaf(&mut self, bytes: usize, pos: Pos) {
        self.expanded = self.expanded.saturating_add(bytes);
        if let Some((_, held)) = self.sizes.last_mut() {
            *held = held.saturating_add(bytes);
        }
        if self.expanded > MAX_EXPANDED_BYTES {
            self.refused = Some((pos, Limit::Expansion));
        }
    }

    /// A collection ended: its anchor (0 for none) and size, which counts towards
    /// the one holding it.
    fn close(&mut self) -> (usize, usize) {
        let (anchor, bytes) = self.sizes.pop().unwrap_or((0, 0));
        if let Some((_, held)) = self.sizes.last_mut() {
            *held = held.saturating_add(bytes);
        }
        (anchor, bytes)
    }

    fn remember(&mut self, anchor: usize, node: &Node, bytes: usize) {
        if anchor != 0 {
            self.anchored.insert(anchor, (node.clone(), bytes));
        }
    }

    fn push_value(&mut self, value: Node) {
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
                    entries.push(Entry { key, key_pos, value });
                }
                None => {
                    let key = match &value {
                        Node::Scalar { text, .. } => text.clone(),
                        _ => String::new(),
                    };
                    *pending = Some((key, value.pos()))
                }
            },
        }
    }

    fn scalar(&mut self, text: String, style: TScalarStyle, anchor: usize, plain_tag: bool, pos: Pos) {
        let plain = style == TScalarStyle::Plain && plain_tag;
        if plain && is_non_finite_number(&text) {
            self.refused = Some((pos, Limit::NotFinite));
            return;
        }
        if text.chars().any(crate::controls::is_hazard) {
            self.refused = Some((pos, Limit::ControlCharacter));
            return;
        }
        // Every node counts for at least a byte, so a flood of empty ones does too.
        let bytes = text.len().max(1);
        self.leaf(bytes, pos);
        let node = Node::Scalar { pos, text, plain };
        self.remember(anchor, &node, bytes);
        self.push_value(node)
    }

    fn alias(&mut self, id: usize, pos: Pos) {
        let (node, bytes) = self.anchored.get(&id).cloned().unwrap_or((Node::null(), 1));
        self.leaf(bytes, pos);
        if self.refused.is_none() {
            self.push_value(relocate(node, pos));
        }
    }
}

/// An alias's copy starts where the alias is written, so a message about it
/// points there; what it holds keeps the anchor's positions.
fn relocate(node: Node, at: Pos) -> Node {
    match node {
        Node::Scalar { text, plain, .. } => Node::Scalar { pos: at, text, plain },
        Node::Seq { items, .. } => Node::Seq { pos: at, items },
        Node::Map { entries, .. } => Node::Map { pos: at, entries },
    }
}

impl MarkedEventReceiver for TreeBuilder {
    fn on_event(&mut self, event: Event, marker: Marker) {
        if self.refused.is_some() {
            return;
        }
        let pos = to_pos(&marker);
        match event {
            Event::Scalar(text, style, anchor, tag) => {
                // `!!str 12` is text however it is written.
                let plain_tag = tag.is_none_or(|t| t.suffix != "str");
                self.scalar(text, style, anchor, plain_tag, pos)
            }
            Event::Alias(id) => self.alias(id, pos),
            Event::SequenceStart(anchor, _) => self.open(Frame::Seq(pos, Vec::new()), anchor, pos),
            Event::MappingStart(anchor, _) => self.open(Frame::Map(pos, Vec::new(), None, HashMap::new()), anchor, pos),
            Event::SequenceEnd => {
                let (anchor, bytes) = self.close();
                if let Some(Frame::Seq(start, items)) = self.stack.pop() {
                    let node = Node::Seq { pos: start, items };
                    self.remember(anchor, &node, bytes);
                    self.push_value(node);
                }
            }
            Event::MappingEnd => {
                let (anchor, bytes) = self.close();
                if let Some(Frame::Map(start, entries, _, _)) = self.stack.pop() {
                    // The parser marks a block mapping at its first `:`; its first key
                    // is where a person sees it begin.
                    let start = entries.first().map_or(start, |entry| entry.key_pos);
                    let node = Node::Map { pos: start, entries };
                    self.remember(anchor, &node, bytes);
                    self.push_value(node);
                }
            }
            _ => {}
        }
    }
}
