//! Why a journal could not be read, verified or appended to.

use crate::ReplayError;
use std::path::PathBuf;

/// Why a journal could not be read, verified or appended to.
///
/// A damaged journal is reported at its first bad line, counted from 1, with what is wrong there
/// ([`LineErrorKind`]); the lines before it were fine. See [`journal`](crate::journal) for the
/// format and the order in which a line is checked.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum JournalError {
    /// A stored line is damaged, or does not follow the lines before it.
    #[error("journal line {line}: {kind}")]
    Line {
        /// The line, counted from 1.
        line: u64,
        /// What is wrong with it.
        kind: LineErrorKind,
    },
    /// An event given to append cannot follow the journal (the rulebook refuses it, or its
    /// envelope does not follow); nothing was written.
    #[error("cannot append event {seq}: {kind}")]
    Refused {
        /// The event's sequence number.
        seq: u64,
        /// Why it cannot follow.
        kind: LineErrorKind,
    },
    /// The journal does not end where the appender expected: someone else appended first, or
    /// the app's engagement is stale. Nothing was written.
    #[error("the journal ends at seq {found}, not at the expected seq {expected}")]
    Conflict {
        /// The last sequence number the appender expected.
        expected: u64,
        /// The journal's actual last sequence number.
        found: u64,
    },
    /// The journal records no event, so there is no engagement to load.
    #[error("the journal is empty: it records no engagement yet")]
    Empty,
    /// The file's length is not the one this journal last wrote: another writer or a tool
    /// changed it. Nothing was written.
    #[error("the journal file is {found} bytes long, not the {expected} bytes this journal wrote")]
    ChangedOnDisk {
        /// The length this journal expected.
        expected: u64,
        /// The length found.
        found: u64,
    },
    /// The file at the journal's path is no longer the file this handle has open: it was
    /// replaced (renamed over, restored), moved or deleted. Nothing was written.
    #[error(
        "{} is no longer the file this journal opened (replaced, moved or deleted): nothing was written; open it again",
        path.display()
    )]
    NotAtPath {
        /// The journal's path.
        path: PathBuf,
    },
    /// Another handle, in this process or another, holds the file's append lock.
    #[error("{} is locked by another journal handle (this or another process)", path.display())]
    Locked {
        /// The journal's path.
        path: PathBuf,
    },
    /// An earlier append failed while writing or syncing, so what reached the disk is unknown.
    #[error("an earlier append failed: open the journal again to see what reached the disk")]
    Poisoned,
    /// A length to truncate to is not the end of the verified lines of the file, or cutting
    /// there would drop a line that verifies.
    #[error("cannot cut the journal at byte {len}: not the end of its verified lines")]
    BadTruncation {
        /// The length asked for.
        len: u64,
    },
    /// A recovery's damage is not a crash's, so no automatic repair is proposed: a person has
    /// to look (keep a copy first).
    #[error("journal line {line} cannot be repaired automatically: {kind}")]
    CannotRepair {
        /// The damaged line.
        line: u64,
        /// What is wrong with it.
        kind: LineErrorKind,
    },
    /// A file changed between its recovery and the repair asked for it. Nothing was changed.
    #[error("{} changed since it was recovered: recover it again", path.display())]
    StaleRecovery {
        /// The journal's path.
        path: PathBuf,
    },
    /// A chain cannot be resumed from the state given.
    #[error(
        "cannot resume a journal chain at seq {seq} with hash {hash:?}: expected 64 lowercase hex digits, the genesis value at seq 0"
    )]
    BadChainState {
        /// The sequence number given.
        seq: u64,
        /// The hash given (shortened to 64 characters).
        hash: String,
    },
    /// Issue 12: only a version 1 journal is migrated to version 2.
    #[error("only a journal of format version 1 can be migrated; this one is version {found}")]
    MigrateFrom {
        /// Its version.
        found: u64,
    },
    /// Issue 12: the migrated journal does not build the engagement the old one builds (a bug:
    /// nothing is returned).
    #[error("the migrated journal does not build the same engagement as the original")]
    MigrationDiffers,
    /// Reading the journal failed.
    #[error("cannot read the journal")]
    Read(#[source] std::io::Error),
    /// A file operation failed.
    #[error("cannot {action} {}", path.display())]
    File {
        /// What was being done (`"open"`, `"create"`, `"read"`, `"write"`, `"sync"`, ...).
        action: &'static str,
        /// The file.
        path: PathBuf,
        /// The system's error.
        #[source]
        source: std::io::Error,
    },
}

impl JournalError {
    /// The damaged line's number, for [`JournalError::Line`].
    #[must_use]
    pub fn line(&self) -> Option<u64> {
        match self {
            Self::Line { line, .. } => Some(*line),
            _ => None,
        }
    }

    /// What is wrong, for [`JournalError::Line`], [`JournalError::Refused`] and
    /// [`JournalError::CannotRepair`].
    #[must_use]
    pub fn kind(&self) -> Option<&LineErrorKind> {
        match self {
            Self::Line { kind, .. }
            | Self::Refused { kind, .. }
            | Self::CannotRepair { kind, .. } => Some(kind),
            _ => None,
        }
    }
}

/// What is wrong with one line of a journal (or with an event given to append).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum LineErrorKind {
    /// The line is longer than the configured limit (the line end not counted).
    #[error("longer than the limit of {limit} bytes")]
    TooLong {
        /// The limit in force.
        limit: usize,
    },
    /// The file ends inside this line: it has no line end and does not verify, as when a write
    /// was cut short.
    #[error("cut off: the file ends after {len} bytes of this line, without a line end")]
    Torn {
        /// The bytes of the line that are there.
        len: usize,
    },
    /// The last line is complete and verifies, but the file ends without its line end (LF).
    #[error("complete ({len} bytes), but the file ends without its line end (LF)")]
    MissingLineEnd {
        /// The line's bytes (any NUL bytes after it, as a power cut can leave, not counted).
        len: usize,
    },
    /// The rest of the file has no LF but has carriage returns (CR): its lines end with CR
    /// alone, as some old editors save them. Journal lines end with LF.
    #[error("no line end (LF) but carriage returns (CR) from here on: lines must end with LF")]
    CarriageReturnLineEnds,
    /// The line starts with a byte order mark.
    #[error("starts with a byte order mark (EF BB BF)")]
    ByteOrderMark,
    /// The line ends with a carriage return: journal lines end with LF alone.
    #[error("ends with a carriage return: lines must end with LF, not CRLF")]
    CarriageReturn,
    /// The line is not UTF-8.
    #[error("not UTF-8: invalid byte at column {column}")]
    NotUtf8 {
        /// The first invalid byte, counted from 1.
        column: usize,
    },
    /// The line is not a JSON object of the journal's shape.
    #[error("not a journal line: {detail}")]
    Malformed {
        /// The parser's description, with its column.
        detail: String,
    },
    /// The line declares a format version this crate does not read.
    #[error("format version {found} is not supported: this crate reads versions 1 and 2")]
    UnsupportedVersion {
        /// The version found.
        found: u64,
    },
    /// The line does not end with its hash field: `,"hash":"` and 64 lowercase hex digits.
    #[error("the hash field {found:?} is not 64 lowercase hex digits ending the line")]
    BadHashField {
        /// The hash field's value (shortened to 64 characters).
        found: String,
    },
    /// The line's content does not hash to the hash it carries: it was edited.
    #[error("the content hashes to {computed}, not to the stored {stored}")]
    HashMismatch {
        /// The hash the line carries.
        stored: String,
        /// The hash of its content.
        computed: String,
    },
    /// The line's `prev` is not the previous line's hash: a line was removed, inserted,
    /// reordered or rewritten before it.
    #[error("prev is {found:?}, but the line before hashes to {expected}")]
    BrokenChain {
        /// The previous line's hash (the genesis value on line 1).
        expected: String,
        /// The `prev` found (shortened to 64 characters).
        found: String,
    },
    /// The line belongs to another engagement.
    #[error("engagement {found:?} where {expected:?} was expected")]
    WrongEngagement {
        /// The journal's engagement (on line 1, the id its opening event gives).
        expected: String,
        /// The id found (shortened to 64 characters).
        found: String,
    },
    /// The sequence number is not the next one: a gap or a repeat.
    #[error("expected seq {expected}, found seq {found}")]
    Sequence {
        /// The number expected.
        expected: u64,
        /// The number found.
        found: u64,
    },
    /// The time is before the previous event's.
    #[error("time goes back: {at} is before the previous event's {last}")]
    TimeWentBack {
        /// The event's time.
        at: chrono::DateTime<chrono::Utc>,
        /// The previous event's time.
        last: chrono::DateTime<chrono::Utc>,
    },
    /// The event does not fit the engagement the lines before it build.
    #[error("the event does not fit the engagement: {0}")]
    Replay(#[from] ReplayError),
    // Issue 12: erasable personal text (format version 2).
    /// A version 2 line's text part is damaged: an entry does not match its commitment, is not
    /// a text with a salt or an erasure, or the part does not hold one entry per committed text.
    #[error("{} {detail}", match index { Some(i) => format!("personal text {i}"), None => "the text part".to_owned() })]
    TextPart {
        /// The text's place among the line's personal texts, from 0, when one text is at fault.
        index: Option<usize>,
        /// What is wrong.
        detail: String,
    },
    /// A line's format version differs from line 1's: a journal has one version throughout.
    #[error("format version {found} in a journal of version {expected}")]
    FormatChanged {
        /// Line 1's version.
        expected: u64,
        /// This line's.
        found: u64,
    },
    /// An erasure in a version 1 journal, which keeps its texts in the hashed lines.
    #[error("an erasure needs a journal of format version 2: migrate the journal first")]
    ErasureNeedsV2,
}
