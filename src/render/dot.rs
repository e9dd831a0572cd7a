//! Graphviz DOT: quoted strings and HTML-like labels.

use std::fmt::Write as _;

/// `text` as a DOT double-quoted string, quotes included: `"` and `\` escaped, line breaks
/// written `\n`, tabs as spaces, other control characters dropped.
pub(crate) fn quoted(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push(' '),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// `text` for the inside of an HTML-like label (`<...>`): markup characters as entities, line
/// breaks as `<br/>`, tabs as spaces, other control characters dropped.
pub(crate) fn html(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            '\n' => out.push_str("<br/>"),
            '\t' => out.push(' '),
            c if c.is_control() => {}
            // Graphviz reads `]` and `[` in HTML-like text fine; nothing else needs care.
            c => out.push(c),
        }
    }
    out
}

/// A left-aligned HTML-like table with one row per line: a bold title, then each line
/// (escaped) after `bullet`. `None` when there are no lines.
pub(crate) fn list(title: &str, bullet: &str, lines: &[String]) -> Option<String> {
    if lines.is_empty() {
        return None;
    }
    let mut out = String::from(
        "<<table border=\"0\" cellborder=\"0\" cellspacing=\"0\" cellpadding=\"1\" bgcolor=\"white\">",
    );
    let _ = write!(
        out,
        "<tr><td align=\"left\"><b>{}</b></td></tr>",
        html(title)
    );
    for line in lines {
        let _ = write!(
            out,
            "<tr><td align=\"left\" balign=\"left\">{}{}</td></tr>",
            html(bullet),
            html(line)
        );
    }
    out.push_str("</table>>");
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoted_escapes() {
        assert_eq!(
            quoted("a \"b\" \\N c\r\nd\te"),
            "\"a \\\"b\\\" \\\\N c\\nd e\""
        );
    }

    #[test]
    fn html_escapes() {
        assert_eq!(html("<b>&\"x'\n\u{7}y"), "&lt;b&gt;&amp;&quot;x&#39;<br/>y");
    }

    #[test]
    fn list_is_a_table_or_nothing() {
        assert_eq!(list("T", "+ ", &[]), None);
        assert_eq!(
            list("Kekuatan", "+ ", &["<a>".to_owned()]).as_deref(),
            Some(
                "<<table border=\"0\" cellborder=\"0\" cellspacing=\"0\" cellpadding=\"1\" bgcolor=\"white\">\
                 <tr><td align=\"left\"><b>Kekuatan</b></td></tr>\
                 <tr><td align=\"left\" balign=\"left\">+ &lt;a&gt;</td></tr></table>>"
            )
        );
    }
}
