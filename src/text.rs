//! Plain-text helpers both the terminal and the reports use: word wrapping and
//! escaping user text for Markdown. They sit below both so that neither borrows
//! from the other.

/// Word-wraps to `width` columns; later lines get `indent` spaces.
pub fn wrap_to(text: &str, indent: usize, width: usize) -> String {
    wrap_from(text, indent, indent, width)
}

/// Word-wraps text whose first line starts at column `first`; later lines are
/// indented by `indent` spaces, none longer than `width`.
pub fn wrap_from(text: &str, first: usize, indent: usize, width: usize) -> String {
    let mut out = String::new();
    let mut column = first;
    let mut line_has_words = false;
    for word in text.split_whitespace() {
        let len = word.chars().count();
        if line_has_words && column + 1 + len > width {
            out.push('\n');
            out.push_str(&" ".repeat(indent));
            column = indent;
        } else if line_has_words {
            out.push(' ');
            column += 1;
        }
        out.push_str(word);
        column += len;
        line_has_words = true;
    }
    out
}

/// Escapes Markdown and HTML-significant characters in user text.
pub fn escape_markdown(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '*' | '_' | '`' | '[' | ']' | '|' | '#' | '\\' => {
                out.push('\\');
                out.push(c);
            }
            other => out.push(other),
        }
    }
    out
}
