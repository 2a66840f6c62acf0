//! Reads our raw serde structs straight from the [`Node`] tree, so a problem is
//! reported at the node where serde found it, with its path (`nodes[2].on[0]`)
//! and, for a misspelt key, the key and the names allowed there as data: nothing
//! is recovered from an English message.
//!
//! Plain scalars resolve as YAML 1.2's core schema does (null, booleans, integers,
//! floats, else text); a quoted scalar is always text, and a field that wants text
//! takes any scalar but null as written (`version: 1` into a string is "1").

use std::fmt;

use serde::de::{self, DeserializeSeed, IntoDeserializer, Unexpected, Visitor};

use super::tree::{Entry, Node};
use crate::diagnostic::Pos;

/// What went wrong, where, and (for a key serde does not know) which key and
/// what it expected.
#[derive(Debug)]
pub struct Error {
    pub message: String,
    /// The node where it was found and its path; set by the innermost node.
    pub at: Option<(Pos, String)>,
    /// An unknown field or variant and the names allowed in its place.
    pub unknown: Option<(String, Vec<&'static str>)>,
    pub missing_field: bool,
}

impl Error {
    fn located(mut self, pos: Pos, path: &Path) -> Error {
        if self.at.is_none() {
            self.at = Some((pos, path.text()));
        }
        self
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Error {}

impl de::Error for Error {
    fn custom<T: fmt::Display>(message: T) -> Error {
        Error { message: message.to_string(), at: None, unknown: None, missing_field: false }
    }

    fn unknown_field(field: &str, expected: &'static [&'static str]) -> Error {
        let message = match expected {
            [] => format!("unknown field `{field}`, there are no fields"),
            _ => format!("unknown field `{field}`, expected {}", one_of(expected)),
        };
        Error { unknown: Some((field.to_string(), expected.to_vec())), ..Error::custom(message) }
    }

    fn unknown_variant(variant: &str, expected: &'static [&'static str]) -> Error {
        let message = match expected {
            [] => format!("unknown variant `{variant}`, there are no variants"),
            _ => format!("unknown variant `{variant}`, expected {}", one_of(expected)),
        };
        Error { unknown: Some((variant.to_string(), expected.to_vec())), ..Error::custom(message) }
    }

    fn missing_field(field: &'static str) -> Error {
        Error { missing_field: true, ..Error::custom(format!("missing field `{field}`")) }
    }
}

/// serde's own wording: "`a`", "`a` or `b`", "one of `a`, `b`, `c`".
fn one_of(names: &[&str]) -> String {
    let quoted: Vec<String> = names.iter().map(|n| format!("`{n}`")).collect();
    match quoted.as_slice() {
        [one] => one.clone(),
        [a, b] => format!("{a} or {b}"),
        _ => format!("one of {}", quoted.join(", ")),
    }
}

/// The path of the node being read, as people write it: `nodes[2].on[0].goto`.
#[derive(Clone, Default)]
pub struct Path(Vec<Step>);

#[derive(Clone)]
enum Step {
    Key(String),
    Index(usize),
}

impl Path {
    fn key(&self, key: &str) -> Path {
        let mut steps = self.0.clone();
        steps.push(Step::Key(key.to_string()));
        Path(steps)
    }

    fn index(&self, index: usize) -> Path {
        let mut steps = self.0.clone();
        steps.push(Step::Index(index));
        Path(steps)
    }

    fn text(&self) -> String {
        let mut text = String::new();
        for step in &self.0 {
            match step {
                Step::Key(key) if text.is_empty() => text += key,
                Step::Key(key) => text += &format!(".{key}"),
                Step::Index(index) => text += &format!("[{index}]"),
            }
        }
        text
    }
}

/// Deserializes `T` from `node`.
pub fn from_node<T: de::DeserializeOwned>(node: &Node) -> Result<T, Error> {
    T::deserialize(NodeDe { node, path: Path::default() })
}

/// A plain scalar as YAML's core schema reads it.
enum Plain<'a> {
    Null,
    Bool(bool),
    Unsigned(u64),
    Signed(i64),
    Float(f64),
    Text(&'a str),
}

fn resolve(text: &str, plain: bool) -> Plain<'_> {
    if !plain {
        return Plain::Text(text);
    }
    match text {
        "" | "~" | "null" | "Null" | "NULL" => return Plain::Null,
        "true" | "True" | "TRUE" => return Plain::Bool(true),
        "false" | "False" | "FALSE" => return Plain::Bool(false),
        _ => {}
    }
    if let Some(n) = integer(text) {
        return n;
    }
    if is_float(text)
        && let Ok(f) = text.parse::<f64>()
    {
        return Plain::Float(f);
    }
    Plain::Text(text)
}

fn integer(text: &str) -> Option<Plain<'_>> {
    let (negative, digits) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text.strip_prefix('+').unwrap_or(text)),
    };
    let (radix, digits) = if let Some(hex) = digits.strip_prefix("0x") {
        (16, hex)
    } else if let Some(octal) = digits.strip_prefix("0o") {
        (8, octal)
    } else {
        (10, digits)
    };
    if digits.is_empty() || !digits.chars().all(|c| c.is_digit(radix)) {
        return None;
    }
    let magnitude = u64::from_str_radix(digits, radix).ok()?;
    if !negative {
        return Some(Plain::Unsigned(magnitude));
    }
    0i64.checked_sub_unsigned(magnitude).map(Plain::Signed)
}

/// `1.5`, `-2.`, `.5`, `3e4`, `1.0E-2`: digits with a point or an exponent.
fn is_float(text: &str) -> bool {
    let body = text.strip_prefix(['-', '+']).unwrap_or(text);
    let (mantissa, exponent) = match body.split_once(['e', 'E']) {
        Some((m, e)) => (m, Some(e.strip_prefix(['-', '+']).unwrap_or(e))),
        None => (body, None),
    };
    let digits = mantissa.chars().filter(char::is_ascii_digit).count();
    let points = mantissa.chars().filter(|c| *c == '.').count();
    let mantissa_ok = digits > 0 && points <= 1 && digits + points == mantissa.len();
    let exponent_ok = exponent.is_none_or(|e| !e.is_empty() && e.chars().all(|c| c.is_ascii_digit()));
    mantissa_ok && exponent_ok && (points == 1 || exponent.is_some())
}

/// The node as serde's error messages name it ("a string", "a sequence").
fn unexpected(node: &Node) -> Unexpected<'_> {
    match node {
        Node::Seq { .. } => Unexpected::Seq,
        Node::Map { .. } => Unexpected::Map,
        Node::Scalar { text, plain, .. } => match resolve(text, *plain) {
            Plain::Null => Unexpected::Unit,
            Plain::Bool(b) => Unexpected::Bool(b),
            Plain::Unsigned(n) => Unexpected::Unsigned(n),
            Plain::Signed(n) => Unexpected::Signed(n),
            Plain::Float(f) => Unexpected::Float(f),
            Plain::Text(t) => Unexpected::Str(t),
        },
    }
}

struct NodeDe<'a> {
    node: &'a Node,
    path: Path,
}

impl<'a> NodeDe<'a> {
    fn is_null(&self) -> bool {
        matches!(self.node, Node::Scalar { text, plain, .. } if matches!(resolve(text, *plain), Plain::Null))
    }

    fn mismatch<T>(&self, visitor: &dyn de::Expected) -> Result<T, Error> {
        Err(de::Error::invalid_type(unexpected(self.node), visitor))
    }

    fn locate<T>(&self, result: Result<T, Error>) -> Result<T, Error> {
        result.map_err(|e| e.located(self.node.pos(), &self.path))
    }

    fn any<'de, V: Visitor<'de>>(&self, visitor: V) -> Result<V::Value, Error> {
        match self.node {
            Node::Scalar { text, plain, .. } => match resolve(text, *plain) {
                Plain::Null => visitor.visit_unit(),
                Plain::Bool(b) => visitor.visit_bool(b),
                Plain::Unsigned(n) => visitor.visit_u64(n),
                Plain::Signed(n) => visitor.visit_i64(n),
                Plain::Float(f) => visitor.visit_f64(f),
                Plain::Text(t) => visitor.visit_str(t),
            },
            // A collection's reader builds its children's paths from this one.
            Node::Seq { items, .. } => {
                visitor.visit_seq(SeqDe { items: items.iter(), index: 0, path: self.path.clone() })
            }
            Node::Map { entries, .. } => visitor.visit_map(MapDe::new(entries, self.path.clone())),
        }
    }

    fn text<'de, V: Visitor<'de>>(&self, visitor: V) -> Result<V::Value, Error> {
        match self.node {
            Node::Scalar { text, .. } if !self.is_null() => visitor.visit_str(text),
            _ => self.mismatch(&visitor),
        }
    }
}

/// Every request serde can make of a node, each located at the node on error.
macro_rules! located {
    ($($method:ident => $how:ident),* $(,)?) => {
        $(fn $method<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
            self.locate(self.$how(visitor))
        })*
    };
}

impl<'de> de::Deserializer<'de> for NodeDe<'_> {
    type Error = Error;

    located! {
        deserialize_any => any, deserialize_bool => any, deserialize_i8 => any, deserialize_i16 => any,
        deserialize_i32 => any, deserialize_i64 => any, deserialize_i128 => any, deserialize_u8 => any,
        deserialize_u16 => any, deserialize_u32 => any, deserialize_u64 => any, deserialize_u128 => any,
        deserialize_f32 => any, deserialize_f64 => any, deserialize_char => text, deserialize_str => text,
        deserialize_string => text, deserialize_identifier => text, deserialize_bytes => any,
        deserialize_byte_buf => any,
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        if self.is_null() { visitor.visit_none() } else { visitor.visit_some(self) }
    }

    fn deserialize_unit<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        let result = if self.is_null() { visitor.visit_unit() } else { self.mismatch(&visitor) };
        self.locate(result)
    }

    fn deserialize_unit_struct<V: Visitor<'de>>(self, _name: &'static str, visitor: V) -> Result<V::Value, Error> {
        self.deserialize_unit(visitor)
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(self, _name: &'static str, visitor: V) -> Result<V::Value, Error> {
        visitor.visit_newtype_struct(self)
    }

    fn deserialize_seq<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        let result = match self.node {
            Node::Seq { .. } => self.any(visitor),
            _ => self.mismatch(&visitor),
        };
        self.locate(result)
    }

    fn deserialize_tuple<V: Visitor<'de>>(self, _len: usize, visitor: V) -> Result<V::Value, Error> {
        self.deserialize_seq(visitor)
    }

    fn deserialize_tuple_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _len: usize,
        visitor: V,
    ) -> Result<V::Value, Error> {
        self.deserialize_seq(visitor)
    }

    fn deserialize_map<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        let result = match self.node {
            Node::Map { .. } => self.any(visitor),
            _ => self.mismatch(&visitor),
        };
        self.locate(result)
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        self.deserialize_map(visitor)
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        let result = match self.node {
            Node::Scalar { text, .. } if !self.is_null() => visitor.visit_enum(text.as_str().into_deserializer()),
            Node::Map { entries, .. } if entries.len() == 1 => {
                let entry = &entries[0];
                visitor.visit_enum(EnumDe { entry, path: self.path.key(&entry.key) })
            }
            _ => self.mismatch(&visitor),
        };
        self.locate(result)
    }

    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        visitor.visit_unit()
    }
}

struct SeqDe<'a> {
    items: std::slice::Iter<'a, Node>,
    index: usize,
    path: Path,
}

impl<'de> de::SeqAccess<'de> for SeqDe<'_> {
    type Error = Error;

    fn next_element_seed<T: DeserializeSeed<'de>>(&mut self, seed: T) -> Result<Option<T::Value>, Error> {
        let Some(node) = self.items.next() else { return Ok(None) };
        let path = self.path.index(self.index);
        self.index += 1;
        seed.deserialize(NodeDe { node, path }).map(Some)
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.items.len())
    }
}

struct MapDe<'a> {
    entries: std::slice::Iter<'a, Entry>,
    current: Option<&'a Entry>,
    path: Path,
}

impl<'a> MapDe<'a> {
    fn new(entries: &'a [Entry], path: Path) -> MapDe<'a> {
        MapDe { entries: entries.iter(), current: None, path }
    }
}

impl<'de> de::MapAccess<'de> for MapDe<'_> {
    type Error = Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(&mut self, seed: K) -> Result<Option<K::Value>, Error> {
        let Some(entry) = self.entries.next() else { return Ok(None) };
        self.current = Some(entry);
        // A key serde does not know is reported where the key is written, in the
        // path of the mapping that holds it.
        let key: de::value::StrDeserializer<Error> = entry.key.as_str().into_deserializer();
        seed.deserialize(key).map(Some).map_err(|e| e.located(entry.key_pos, &self.path))
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, Error> {
        let entry = self.current.take().ok_or_else(|| de::Error::custom("a value was asked for before its key"))?;
        seed.deserialize(NodeDe { node: &entry.value, path: self.path.key(&entry.key) })
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.entries.len())
    }
}

/// `variant: value`, an externally tagged enum written as a one-key mapping.
struct EnumDe<'a> {
    entry: &'a Entry,
    path: Path,
}

impl<'de, 'a> de::EnumAccess<'de> for EnumDe<'a> {
    type Error = Error;
    type Variant = NodeDe<'a>;

    fn variant_seed<V: DeserializeSeed<'de>>(self, seed: V) -> Result<(V::Value, NodeDe<'a>), Error> {
        let key: de::value::StrDeserializer<Error> = self.entry.key.as_str().into_deserializer();
        let variant = seed.deserialize(key).map_err(|e| e.located(self.entry.key_pos, &self.path))?;
        Ok((variant, NodeDe { node: &self.entry.value, path: self.path }))
    }
}

impl<'de> de::VariantAccess<'de> for NodeDe<'_> {
    type Error = Error;

    fn unit_variant(self) -> Result<(), Error> {
        de::Deserialize::deserialize(self)
    }

    fn newtype_variant_seed<T: DeserializeSeed<'de>>(self, seed: T) -> Result<T::Value, Error> {
        seed.deserialize(self)
    }

    fn tuple_variant<V: Visitor<'de>>(self, _len: usize, visitor: V) -> Result<V::Value, Error> {
        de::Deserializer::deserialize_seq(self, visitor)
    }

    fn struct_variant<V: Visitor<'de>>(self, _fields: &'static [&'static str], visitor: V) -> Result<V::Value, Error> {
        de::Deserializer::deserialize_map(self, visitor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_scalars_resolve_as_yaml_core_schema() {
        assert!(matches!(resolve("12", true), Plain::Unsigned(12)));
        assert!(matches!(resolve("-3", true), Plain::Signed(-3)));
        assert!(matches!(resolve("0x1f", true), Plain::Unsigned(31)));
        assert!(matches!(resolve("2.5", true), Plain::Float(f) if f == 2.5));
        assert!(matches!(resolve("1e3", true), Plain::Float(f) if f == 1000.0));
        assert!(matches!(resolve("~", true), Plain::Null));
        assert!(matches!(resolve("True", true), Plain::Bool(true)));
        assert!(matches!(resolve("yes", true), Plain::Text("yes")));
        assert!(matches!(resolve("1.2.3", true), Plain::Text(_)));
        assert!(matches!(resolve("12", false), Plain::Text("12")));
    }
}
