//! Reading a term or an id from text: the error, and how much of the text it repeats.

/// How much of a rejected input an error message repeats: enough to recognise it, never a
/// megabyte of someone's paste.
const SHOWN_INPUT: usize = 64;

/// A text did not name a term of a vocabulary.
///
/// ```
/// use pendamping::{ParseError, Role};
///
/// let err = "healer".parse::<Role>().unwrap_err();
/// assert_eq!(
///     err.to_string(),
///     r#"unknown role "healer": expected one of enabler, broker, mediator, advocate, protector"#
/// );
/// assert_eq!("  ".parse::<Role>().unwrap_err(), ParseError::Empty { vocabulary: "role" });
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ParseError {
    /// Nothing but whitespace was given.
    #[error("empty {vocabulary} name")]
    Empty {
        /// The vocabulary asked for (`"role"`, `"stage"`, ...).
        vocabulary: &'static str,
    },
    /// The text names no term of the vocabulary.
    #[error("unknown {vocabulary} {input:?}: expected one of {expected}")]
    Unknown {
        /// The vocabulary asked for.
        vocabulary: &'static str,
        /// The text given (its first 64 characters, marked with `…` when cut).
        input: String,
        /// The accepted `snake_case` names, comma separated.
        expected: String,
    },
    /// An id given by the app breaks the id rules.
    #[error("invalid {what} {input:?}: use 1 to 64 of A-Z a-z 0-9 . _ : -")]
    InvalidId {
        /// Which kind of id (`"engagement id"`, `"actor id"`).
        what: &'static str,
        /// The text given (shortened like [`ParseError::Unknown`]'s).
        input: String,
    },
}

impl ParseError {
    pub(crate) fn unknown<'a>(
        vocabulary: &'static str,
        input: &str,
        names: impl Iterator<Item = &'a str>,
    ) -> Self {
        Self::Unknown {
            vocabulary,
            input: shorten(input),
            expected: names.collect::<Vec<_>>().join(", "),
        }
    }
}

/// The first [`SHOWN_INPUT`] characters of `text`, with `…` when it was longer.
pub(crate) fn shorten(text: &str) -> String {
    match text.char_indices().nth(SHOWN_INPUT) {
        Some((cut, _)) => format!("{}…", text.get(..cut).unwrap_or_default()),
        None => text.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::shorten;

    #[test]
    fn shorten_cuts_on_char_boundaries() {
        let long = "é".repeat(100);
        let short = shorten(&long);
        assert_eq!(short.chars().count(), 65);
        assert!(short.ends_with('…'));
        assert_eq!(shorten("abc"), "abc");
    }
}
