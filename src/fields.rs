//! The field names a `#[derive(Deserialize)]` struct accepts, read from serde itself
//! (the derive passes them to `deserialize_struct`), so the key checker in `yaml.rs`
//! and the raw structs can never disagree.

use serde::de::{self, Deserialize, Deserializer, Visitor};

/// The keys `T` accepts, e.g. `fields_of::<RawNode>()` → `["id", "say", …]`.
pub fn fields_of<'de, T: Deserialize<'de>>() -> &'static [&'static str] {
    let mut spy = FieldSpy { fields: &[] };
    let _ = T::deserialize(&mut spy);
    spy.fields
}

struct FieldSpy {
    fields: &'static [&'static str],
}

#[derive(Debug)]
struct Stop;

impl std::fmt::Display for Stop {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("field names captured")
    }
}

impl std::error::Error for Stop {}

impl de::Error for Stop {
    fn custom<M: std::fmt::Display>(_: M) -> Self {
        Stop
    }
}

impl<'de> Deserializer<'de> for &mut FieldSpy {
    type Error = Stop;

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        fields: &'static [&'static str],
        _visitor: V,
    ) -> Result<V::Value, Stop> {
        self.fields = fields;
        Err(Stop)
    }

    fn deserialize_any<V: Visitor<'de>>(self, _visitor: V) -> Result<V::Value, Stop> {
        Err(Stop)
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf option unit
        unit_struct newtype_struct seq tuple tuple_struct map enum identifier ignored_any
    }
}

#[cfg(test)]
mod tests {
    #[derive(serde::Deserialize)]
    #[allow(dead_code)]
    struct Example {
        id: String,
        #[serde(rename = "if")]
        condition: Option<String>,
    }

    #[test]
    fn reads_the_names_serde_accepts() {
        assert_eq!(super::fields_of::<Example>(), ["id", "if"]);
    }
}
