//! Curly quotes read as straight ones, with a map back to the original byte offsets
//! so evidence spans always point into the text the trainee actually typed.

/// Text prepared for matching and the original offset of every byte in it.
pub struct Normalized<'a> {
    pub text: std::borrow::Cow<'a, str>,
    offsets: Option<Vec<usize>>,
}

impl<'a> Normalized<'a> {
    pub fn new(original: &'a str) -> Self {
        if original.is_ascii() || !original.contains(['\u{2018}', '\u{2019}', '\u{201c}', '\u{201d}']) {
            return Normalized { text: original.into(), offsets: None };
        }
        let mut text = String::with_capacity(original.len());
        let mut offsets = Vec::with_capacity(original.len() + 1);
        for (at, c) in original.char_indices() {
            let c = match c {
                '\u{2018}' | '\u{2019}' => '\'',
                '\u{201c}' | '\u{201d}' => '"',
                other => other,
            };
            for _ in 0..c.len_utf8() {
                offsets.push(at);
            }
            text.push(c);
        }
        offsets.push(original.len());
        Normalized { text: text.into(), offsets: Some(offsets) }
    }

    /// The original byte offset for an offset into the normalized text.
    pub fn original(&self, offset: usize) -> usize {
        match &self.offsets {
            None => offset,
            Some(map) => map[offset.min(map.len() - 1)],
        }
    }
}
