//! The bounds every free-text field and every list of a command is held to, so that no input
//! costs more than its bound to check.

use crate::engagement::Problem;

/// The longest short text (a name, a domain, a topic), in characters.
pub const MAX_NAME_CHARS: usize = 200;
/// The longest long text (a description, a note, a summary), in characters.
pub const MAX_TEXT_CHARS: usize = 4_000;
/// The most entries a list in a command may have (participants, learners, ids, scores, ...).
pub const MAX_LIST_LEN: usize = 500;
/// The most members a team may have.
pub const MAX_TEAM: usize = 1_000;

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
        .filter(|v| !v.trim().is_empty())
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
        .filter(|v| !v.trim().is_empty())
        .map(|v| text(field, v, problems))
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
    if trimmed.is_empty() {
        problems.push(Problem::EmptyText { field });
        return String::new();
    }
    let chars = trimmed.chars().count();
    if chars > max {
        problems.push(Problem::TextTooLong { field, chars, max });
    }
    if let Some(c) = trimmed.chars().find(|&c| forbidden(c, multiline)) {
        problems.push(Problem::ControlCharacter {
            field,
            code: u32::from(c),
        });
    }
    trimmed.to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

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
