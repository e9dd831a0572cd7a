//! Mermaid: labels inside `"..."` and after `:`.

use std::fmt::Write as _;

/// `text` safe inside a Mermaid label: the characters Mermaid reads as syntax as numeric
/// `#code;` entities (`#quot;` for the quote), line breaks as `<br/>`, tabs as spaces, other
/// control characters dropped.
pub(crate) fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '"' => out.push_str("#quot;"),
            '#' | ';' | '<' | '>' | '{' | '}' | '[' | ']' | '(' | ')' | '|' | '%' | '&' | '`'
            | '\\' => {
                let _ = write!(out, "#{};", u32::from(c));
            }
            '\n' => out.push_str("<br/>"),
            '\t' => out.push(' '),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// `text` as a Mermaid `"..."` string, quotes included.
pub(crate) fn quoted(text: &str) -> String {
    format!("\"{}\"", escape(text))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_every_syntax_character() {
        assert_eq!(
            escape("\"]; x [y|z] {w} <b> %% #1 & `k`\nq\r\u{1b}\tz"),
            "#quot;#93;#59; x #91;y#124;z#93; #123;w#125; #60;b#62; #37;#37; #35;1 #38; #96;k#96;<br/>q z"
        );
        assert_eq!(quoted("(a)"), "\"#40;a#41;\"");
    }
}
