//! The text rules, as [`Command`](crate::Command)'s docs state them (the one place they are
//! written for users): trimmed, not empty once the invisible is set aside, within bounds, no
//! control characters or bidirectional overrides.

use crate::engagement::Problem;
use crate::engagement::bounds::{MAX_NAME_CHARS, MAX_TEXT_CHARS};

/// Checks a short, single-line text and returns it trimmed, or records what is wrong.
pub(crate) fn name(field: &'static str, value: &str, problems: &mut Vec<Problem>) -> String {
    checked(field, value, MAX_NAME_CHARS, false, problems)
}

/// Checks a long text (line breaks and tabs allowed) and returns it trimmed, or records what is
/// wrong.
pub(crate) fn text(field: &'static str, value: &str, problems: &mut Vec<Problem>) -> String {
    checked(field, value, MAX_TEXT_CHARS, true, problems)
}

/// Like [`name`], for a field that may be left out; a blank value counts as left out.
pub(crate) fn optional_name(
    field: &'static str,
    value: Option<&str>,
    problems: &mut Vec<Problem>,
) -> Option<String> {
    value
        .filter(|v| !blank(v))
        .map(|v| name(field, v, problems))
}

/// Like [`text`], for a field that may be left out. A blank value counts as left out: forms
/// send empty strings for fields nobody filled in.
pub(crate) fn optional_text(
    field: &'static str,
    value: Option<&str>,
    problems: &mut Vec<Problem>,
) -> Option<String> {
    value
        .filter(|v| !blank(v))
        .map(|v| text(field, v, problems))
}

/// Whether nothing visible is left once whitespace, control and invisible format characters
/// are set aside.
pub(crate) fn blank(value: &str) -> bool {
    value
        .chars()
        .all(|c| c.is_whitespace() || c.is_control() || invisible(c))
}

/// Whether a character shows nothing by itself: Unicode's format characters (general category
/// Cf: zero-width space, joiners, word joiner, byte order mark, soft hyphen, bidirectional
/// marks, invisible operators, tag characters, ...), variation selectors, the combining
/// grapheme joiner, the Hangul fillers and the blank Braille pattern.
pub(crate) fn invisible(c: char) -> bool {
    matches!(
        c,
        '\u{00AD}'
            | '\u{034F}'
            | '\u{0600}'..='\u{0605}'
            | '\u{061C}'
            | '\u{06DD}'
            | '\u{070F}'
            | '\u{0890}'..='\u{0891}'
            | '\u{08E2}'
            | '\u{115F}'..='\u{1160}'
            | '\u{17B4}'..='\u{17B5}'
            | '\u{180B}'..='\u{180F}'
            | '\u{200B}'..='\u{200F}'
            | '\u{202A}'..='\u{202E}'
            | '\u{2060}'..='\u{206F}'
            | '\u{2800}'
            | '\u{3164}'
            | '\u{FE00}'..='\u{FE0F}'
            | '\u{FEFF}'
            | '\u{FFA0}'
            | '\u{FFF9}'..='\u{FFFB}'
            | '\u{110BD}'
            | '\u{110CD}'
            | '\u{13430}'..='\u{1343F}'
            | '\u{1BCA0}'..='\u{1BCA3}'
            | '\u{1D173}'..='\u{1D17A}'
            | '\u{E0001}'
            | '\u{E0020}'..='\u{E007F}'
            | '\u{E0100}'..='\u{E01EF}'
    )
}

/// Whether a character may not stand in a record: control characters and Unicode line and
/// paragraph separators (line breaks and tabs aside, in long text) and the bidirectional overrides that make text display other than it
/// reads (the "Trojan Source" characters), which an audited record must not carry.
fn forbidden(c: char, multiline: bool) -> bool {
    let bidi = matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}');
    let line_break = matches!(c, '\n' | '\u{2028}' | '\u{2029}');
    bidi || (!multiline && line_break)
        || (c.is_control() && !(multiline && matches!(c, '\n' | '\t')))
}

fn checked(
    field: &'static str,
    value: &str,
    max: usize,
    multiline: bool,
    problems: &mut Vec<Problem>,
) -> String {
    let trimmed = value.trim();
    // Most text is printable ASCII, which one branch-free pass over the bytes tells (no ASCII
    // character is invisible or a bidirectional control, and trimmed text then starts with a
    // visible one). Otherwise a pass over the bytes, or the passes over the characters.
    let unusual = trimmed
        .bytes()
        .fold(false, |acc, b| acc | !(0x20..0x7F).contains(&b));
    let (empty, chars, bad) = if !unusual {
        (trimmed.is_empty(), trimmed.len(), None)
    } else if trimmed.is_ascii() {
        let (visible, bad) = ascii_scan(trimmed.as_bytes(), multiline);
        (!visible, trimmed.len(), bad.map(char::from))
    } else {
        let empty = blank(trimmed);
        let bad = trimmed.chars().find(|&c| forbidden(c, multiline));
        (empty, trimmed.chars().count(), bad)
    };
    if empty {
        problems.push(Problem::EmptyText { field });
        return String::new();
    }
    if chars > max {
        problems.push(Problem::TextTooLong { field, chars, max });
    }
    if let Some(c) = bad {
        problems.push(Problem::ControlCharacter {
            field,
            code: u32::from(c),
        });
    }
    trimmed.to_owned()
}

/// For ASCII text: whether a byte shows something (not whitespace or control), and the first
/// byte [`forbidden`] refuses.
fn ascii_scan(bytes: &[u8], multiline: bool) -> (bool, Option<u8>) {
    let (mut visible, mut bad) = (false, None);
    for &b in bytes {
        let control = b < 0x20 || b == 0x7F;
        if control && bad.is_none() && !(multiline && (b == b'\n' || b == b'\t')) {
            bad = Some(b);
        }
        visible |= !control && b != b' ';
    }
    (visible, bad)
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        /// The ASCII pass answers as the passes over characters do.
        #[test]
        fn the_ascii_pass_is_the_char_passes(bytes in proptest::collection::vec(0u8..0x80, 0..12), multiline: bool) {
            let text = String::from_utf8(bytes).unwrap_or_default();
            let (visible, bad) = ascii_scan(text.as_bytes(), multiline);
            proptest::prop_assert_eq!(!visible, blank(&text));
            proptest::prop_assert_eq!(bad.map(char::from), text.chars().find(|&c| forbidden(c, multiline)));
        }
    }

    #[test]
    fn text_is_trimmed_and_checked() {
        let mut problems = Vec::new();
        assert_eq!(
            text("note", "  line one\n\tline two  ", &mut problems),
            "line one\n\tline two"
        );
        assert_eq!(name("domain", " health ", &mut problems), "health");
        assert!(problems.is_empty());

        name("domain", "a\nb", &mut problems);
        text("note", "bell\u{7}", &mut problems);
        // A right-to-left override would make an audited note display other than it reads.
        text("note", "paid \u{202E}0001\u{202C}", &mut problems);
        name("domain", &"x".repeat(MAX_NAME_CHARS + 1), &mut problems);
        text("note", "   ", &mut problems);
        assert_eq!(
            problems.iter().map(ToString::to_string).collect::<Vec<_>>(),
            [
                "domain contains control character U+000A",
                "note contains control character U+0007",
                "note contains control character U+202E",
                "domain has 201 characters, more than 200",
                "note is empty",
            ]
        );
    }
}
