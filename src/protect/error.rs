//! Why a journal's authenticity could not be shown, or a key not made.

use super::KeyId;
use crate::EngagementId;
use crate::journal::JournalError;

/// Why a journal's authenticity could not be shown, or a key or keyring not made.
///
/// Errors about a line name it, counted from 1 like [`JournalError::Line`].
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum AuthError {
    /// The chain itself does not verify (checked before any seal).
    #[error(transparent)]
    Journal(#[from] JournalError),
    /// A line's seal does not match it: the line was changed, or the chain re-hashed from it on,
    /// after it was sealed, by someone without the key.
    #[error("journal line {line} is not the one key {key} sealed: it was changed or re-hashed")]
    Forged {
        /// The line, counted from 1.
        line: u64,
        /// The key its seal names.
        key: KeyId,
    },
    /// A line has no seal.
    #[error("journal line {line} has no seal")]
    Unsealed {
        /// The line.
        line: u64,
    },
    /// The seal in a line's place is for another line.
    #[error("journal line {line} has the seal of line {seal} in its place")]
    SealOutOfOrder {
        /// The line.
        line: u64,
        /// The seq the seal in its place names.
        seal: u64,
    },
    /// A line's seal names a key the keyring does not hold.
    #[error("journal line {line} is sealed with key {key}, which the keyring does not hold")]
    LineKeyUnknown {
        /// The line.
        line: u64,
        /// The key its seal names.
        key: KeyId,
    },
    /// A line's seal tag is not 64 lowercase hex digits.
    #[error("journal line {line}: seal tag {tag:?} is not 64 lowercase hex digits")]
    BadTag {
        /// The line.
        line: u64,
        /// The tag, shortened to 64 characters.
        tag: String,
    },
    /// There are more seals than lines: lines were cut from the end (a head kept apart would
    /// say so too).
    #[error("there are {seals} seals for {lines} journal lines: lines were cut from the end")]
    ExtraSeals {
        /// The lines that verify.
        lines: u64,
        /// The seals given.
        seals: u64,
    },
    /// The head names a key the keyring does not hold.
    #[error("the journal head is sealed with key {key}, which the keyring does not hold")]
    HeadKeyUnknown {
        /// The key the head names.
        key: KeyId,
    },
    /// The head's tag does not match it: it was changed, or made without the key.
    #[error(
        "the journal head is not the one key {key} sealed: it was changed or made without the key"
    )]
    HeadForged {
        /// The key the head names.
        key: KeyId,
    },
    /// The journal is another engagement's than the head's: a journal was put in its place.
    #[error(
        "the journal is engagement {journal}'s, but its head is engagement {head}'s: the journal was swapped"
    )]
    Swapped {
        /// The engagement the head names.
        head: EngagementId,
        /// The engagement the journal records.
        journal: EngagementId,
    },
    /// The journal ends before its head: lines were cut from the end.
    #[error(
        "the journal ends at line {lines}, but its head is at line {head}: lines were cut from the end"
    )]
    Truncated {
        /// The lines that verify.
        lines: u64,
        /// The head's seq.
        head: u64,
    },
    /// The journal goes on past its head: lines were added after the head the app kept (the
    /// app did not store the newest head, or someone else appended).
    #[error(
        "the journal has {lines} lines, past its head at line {head}: lines were added after the head"
    )]
    PastHead {
        /// The lines that verify.
        lines: u64,
        /// The head's seq.
        head: u64,
    },
    /// The journal's line at the head's seq is not the head's line: another journal of the
    /// same engagement (an older copy, or a rewritten one) was put in its place.
    #[error("journal line {line} has hash {hash}, not the head's {head}: the journal was swapped")]
    NotTheHead {
        /// The head's seq.
        line: u64,
        /// The hash of that line in the journal.
        hash: String,
        /// The head's hash.
        head: String,
    },
    /// A line of a seal file is not a seal.
    #[error("seal file line {line}: {reason}")]
    BadSealLine {
        /// The line of the seal file, counted from 1.
        line: u64,
        /// What is wrong with it.
        reason: String,
    },
    /// Reading a seal file failed.
    #[error("seal file line {line} could not be read: {reason}")]
    SealRead {
        /// The line being read, counted from 1.
        line: u64,
        /// The I/O error.
        reason: String,
    },
    /// A head was asked of a chain or journal that names no engagement yet (no lines).
    #[error("a journal of no lines names no engagement to seal a head for")]
    NoEngagement,
    /// A key name is empty, too long or has a character not allowed.
    #[error("key name {name:?} must be 1 to 64 ASCII letters, digits, '-', '_' or '.'")]
    BadKeyName {
        /// The name, shortened to 64 characters.
        name: String,
    },
    /// A key's secret is shorter than [`MIN_SECRET_BYTES`](super::MIN_SECRET_BYTES).
    #[error("key {key} has {len} secret bytes, fewer than the 32 needed")]
    ShortKey {
        /// The key.
        key: KeyId,
        /// How many bytes it has.
        len: usize,
    },
    /// A keyring already holds a key of that name.
    #[error("the keyring already holds a key named {key}")]
    DuplicateKey {
        /// The key.
        key: KeyId,
    },
    /// A keyring holds no older key of that name to retire.
    #[error("the keyring holds no older key named {key}")]
    UnknownKey {
        /// The key.
        key: KeyId,
    },
    /// The current key cannot be retired; rotate to a new one first.
    #[error("key {key} is the current key: rotate to a new key before retiring it")]
    RetireCurrent {
        /// The key.
        key: KeyId,
    },
}

impl AuthError {
    /// The journal line the error is about, counted from 1, when it is about one line (for a
    /// head that does not fit, the head's line).
    #[must_use]
    pub fn line(&self) -> Option<u64> {
        match self {
            Self::Journal(e) => e.line(),
            Self::Forged { line, .. }
            | Self::Unsealed { line }
            | Self::SealOutOfOrder { line, .. }
            | Self::LineKeyUnknown { line, .. }
            | Self::BadTag { line, .. }
            | Self::NotTheHead { line, .. } => Some(*line),
            _ => None,
        }
    }
}
