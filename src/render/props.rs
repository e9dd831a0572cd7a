//! Property tests: whatever the text, a label written by this module reads back as that text
//! and leaves nothing raw that the format would read as syntax.

use proptest::prelude::*;

use super::{dot, mermaid};

/// The text a label should show: tabs as spaces, other control characters gone.
fn shown(text: &str) -> String {
    text.chars()
        .filter_map(|c| match c {
            '\t' => Some(' '),
            '\n' => Some('\n'),
            c if c.is_control() => None,
            c => Some(c),
        })
        .collect()
}

/// Reads a DOT quoted string back, failing on anything that would end it early or be read as
/// one of Graphviz's own escapes.
fn read_dot_quoted(quoted: &str) -> Result<String, String> {
    let inner = quoted
        .strip_prefix('"')
        .and_then(|q| q.strip_suffix('"'))
        .ok_or("not quoted")?;
    let mut out = String::new();
    let mut chars = inner.chars();
    while let Some(c) = chars.next() {
        match c {
            '"' => return Err(format!("raw quote in {quoted:?}")),
            '\\' => match chars.next() {
                Some('"') => out.push('"'),
                Some('\\') => out.push('\\'),
                Some('n') => out.push('\n'),
                other => return Err(format!("escape {other:?} in {quoted:?}")),
            },
            c if c.is_control() => return Err(format!("control character in {quoted:?}")),
            c => out.push(c),
        }
    }
    Ok(out)
}

/// Reads DOT HTML-like text back, failing on any raw markup character.
fn read_dot_html(html: &str) -> Result<String, String> {
    let mut out = String::new();
    let mut rest = html;
    while let Some(c) = rest.chars().next() {
        if let Some(after) = rest.strip_prefix("<br/>") {
            out.push('\n');
            rest = after;
            continue;
        }
        let entities = [
            ("&amp;", '&'),
            ("&lt;", '<'),
            ("&gt;", '>'),
            ("&quot;", '"'),
            ("&#39;", '\''),
        ];
        if let Some((after, c)) = entities
            .iter()
            .find_map(|(e, c)| Some((rest.strip_prefix(e)?, *c)))
        {
            out.push(c);
            rest = after;
            continue;
        }
        if matches!(c, '<' | '>' | '&' | '"') || c.is_control() {
            return Err(format!("raw {c:?} in {html:?}"));
        }
        out.push(c);
        rest = &rest[c.len_utf8()..];
    }
    Ok(out)
}

/// Reads a Mermaid label back, failing on any raw character Mermaid reads as syntax.
fn read_mermaid(label: &str) -> Result<String, String> {
    let mut out = String::new();
    let mut rest = label;
    while let Some(c) = rest.chars().next() {
        if let Some(after) = rest.strip_prefix("<br/>") {
            out.push('\n');
            rest = after;
        } else if let Some(after) = rest.strip_prefix("#quot;") {
            out.push('"');
            rest = after;
        } else if let Some(after) = rest.strip_prefix('#') {
            let end = after.find(';').ok_or(format!("bare # in {label:?}"))?;
            let code: u32 = after[..end]
                .parse()
                .map_err(|_| format!("entity in {label:?}"))?;
            out.push(char::from_u32(code).ok_or("bad code")?);
            rest = &after[end + 1..];
        } else if "\";<>{}[]()|%&`\\".contains(c) || c.is_control() {
            return Err(format!("raw {c:?} in {label:?}"));
        } else {
            out.push(c);
            rest = &rest[c.len_utf8()..];
        }
    }
    Ok(out)
}

/// Text that leans on every format's syntax, mixed with anything at all.
fn hostile() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("\"".to_owned()),
        Just("\\".to_owned()),
        Just("\\N".to_owned()),
        Just("<br/>".to_owned()),
        Just("</td></tr></table>>".to_owned()),
        Just("&amp;".to_owned()),
        Just("#quot;".to_owned()),
        Just("#35;".to_owned()),
        Just("]; n9 [label=x".to_owned()),
        Just("\"]\nn0 --> n1".to_owned()),
        Just("|x|".to_owned()),
        Just("%%{init}%%".to_owned()),
        Just("\r\n\t\u{0}\u{1b}\u{7f}\u{85}".to_owned()),
        any::<String>(),
    ];
    proptest::collection::vec(piece, 0..8).prop_map(|pieces| pieces.concat())
}

proptest! {
    #[test]
    fn dot_quoted_strings_hold_any_text(text in hostile()) {
        prop_assert_eq!(read_dot_quoted(&dot::quoted(&text)).map_err(TestCaseError::fail)?, shown(&text));
    }

    #[test]
    fn dot_html_labels_hold_any_text(text in hostile()) {
        prop_assert_eq!(read_dot_html(&dot::html(&text)).map_err(TestCaseError::fail)?, shown(&text));
    }

    #[test]
    fn mermaid_labels_hold_any_text(text in hostile()) {
        prop_assert_eq!(read_mermaid(&mermaid::escape(&text)).map_err(TestCaseError::fail)?, shown(&text));
        let quoted = mermaid::quoted(&text);
        let inner = quoted.strip_prefix('"').and_then(|q| q.strip_suffix('"'));
        prop_assert_eq!(read_mermaid(inner.unwrap_or("\"")).map_err(TestCaseError::fail)?, shown(&text));
    }
}
