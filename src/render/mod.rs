//! Diagram text: Graphviz DOT and Mermaid, written so that no user text can change the drawing.
//!
//! The eco-map and the lifecycle draw themselves through this module. Each format has one way
//! to write a label ([`dot::quoted`], [`dot::html`], [`mermaid::quoted`]), one way to break a
//! long label into lines ([`wrap`]), and one way to draw a legend ([`Legend`]), so a fix to one
//! of them reaches every diagram.
//!
//! What "cannot break out" means, per format (the property tests check it on any text):
//!
//! - **DOT quoted string**: `"` and `\` are escaped, so the string ends only where it is meant
//!   to and no Graphviz escape (`\N`, `\G`, `\l`) is read from user text; line breaks become
//!   `\n`, tabs spaces, other control characters are dropped.
//! - **DOT HTML-like label**: `&`, `<`, `>`, `"` and `'` become entities, so user text cannot
//!   open or close a tag; line breaks become `<br/>`.
//! - **Mermaid label**: every character Mermaid reads as syntax (`"`, `#`, `;`, `<`, `>`, `{`,
//!   `}`, `[`, `]`, `(`, `)`, `|`, `%`, `&`, `` ` ``, `\`) becomes a numeric `#code;` entity;
//!   line breaks become `<br/>`, tabs spaces, other control characters are dropped.

// Legends, wrapping and HTML-like labels are drawn by the eco-map only.
#![cfg_attr(
    not(feature = "ecomap"),
    allow(dead_code, unused_imports, reason = "used by the eco-map")
)]

pub(crate) mod dot;
mod legend;
pub(crate) mod mermaid;

pub(crate) use legend::{Legend, LegendEntry};

/// Breaks `text` into lines of at most `width` characters at spaces (a longer word keeps a line
/// of its own); line breaks already in the text are kept.
pub(crate) fn wrap(text: &str, width: usize) -> String {
    let mut out = String::with_capacity(text.len());
    for (n, line) in text.split('\n').enumerate() {
        if n > 0 {
            out.push('\n');
        }
        let mut used = 0;
        for word in line.split(' ').filter(|w| !w.is_empty()) {
            let len = word.chars().count();
            if used > 0 && used + 1 + len > width {
                out.push('\n');
                used = 0;
            } else if used > 0 {
                out.push(' ');
                used += 1;
            }
            out.push_str(word);
            used += len;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::wrap;

    #[test]
    fn wrap_breaks_at_spaces() {
        assert_eq!(
            wrap("Keluarga Bapak Sutrisno", 10),
            "Keluarga\nBapak\nSutrisno"
        );
        assert_eq!(wrap("Keluarga Sari", 16), "Keluarga Sari");
        assert_eq!(
            wrap("Pusat-kesehatan-masyarakat x", 8),
            "Pusat-kesehatan-masyarakat\nx"
        );
        assert_eq!(wrap("a  b\nc", 3), "a b\nc");
        assert_eq!(wrap("", 5), "");
    }
}

#[cfg(test)]
mod props;
