//! The journal: an engagement's recorded events as tamper-evident JSON Lines, the crate's own
//! store for apps that do not bring one.
//!
//! One engagement is one journal: one line per [`Recorded`](crate::Recorded) event, each line
//! carrying the hash of the line before it, so an edited, removed, inserted or reordered line
//! breaks the chain at a line number that can be reported. [`FileJournal`] keeps a journal in a
//! file, locked while it is open, and makes every append durable (`fsync`) before it returns;
//! [`Journal`] keeps one in memory (for tests, or an app that stores the bytes elsewhere);
//! [`Chain`] works row by row, for a database that keeps one line per row. Reading is streaming, with a bounded line length, and
//! never panics on any input.
//!
//! ```
//! use chrono::{TimeZone, Utc};
//! use pendamping::journal::{self, Journal, JournalOptions};
//! use pendamping::{
//!     Actor, ActorKind, ClientSystem, ClientSystemLevel, Command, Engagement, EngagementId,
//!     JournalError, LineErrorKind, Opening, Policy, Priority, TeamMember,
//! };
//!
//! let siti = Actor::new("w:siti", ActorKind::SocialWorker)?;
//! let at = Utc.with_ymd_and_hms(2026, 3, 2, 9, 0, 0).unwrap();
//! let mut case = Engagement::open(&siti, at, Opening {
//!     id: EngagementId::new("pkh-0142")?,
//!     client: ClientSystem { level: ClientSystemLevel::Family, name: "Keluarga Sari".into() },
//!     team: vec![TeamMember { id: siti.id.clone(), kind: ActorKind::SocialWorker, name: "Siti".into() }],
//!     policy: Policy::default(),
//! })?;
//! case.execute(&siti, at, Command::RecordNeed {
//!     domain: "income".into(),
//!     description: "No steady income".into(),
//!     priority: Priority::High,
//!     confidentiality: None,
//! })?;
//!
//! // Store what was recorded; the engagement's pending events are taken only on success.
//! let mut journal = Journal::new();
//! assert_eq!(journal.append_pending(&mut case)?, 2);
//! assert!(case.pending().is_empty());
//!
//! // Reading it back verifies every line and replays the events.
//! let options = JournalOptions::default();
//! assert_eq!(journal::load(journal.as_bytes(), &options)?, case);
//!
//! // Any change is found and located.
//! let mut bytes = journal.into_bytes();
//! let at = bytes.iter().position(|&b| b == b'N').unwrap(); // "No steady income"
//! bytes[at] = b'n';
//! let err = journal::verify(bytes.as_slice(), &options).unwrap_err();
//! assert_eq!(err.line(), Some(2));
//! assert!(matches!(err, JournalError::Line { kind: LineErrorKind::HashMismatch { .. }, .. }));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! # The format, version 1
//!
//! A journal is UTF-8 text without a byte order mark. Each line ends with one LF byte (0x0A),
//! never CR LF; the last line too. Line *n* records the event with sequence number *n*, so the
//! lines run 1, 2, 3, ... without gaps, and an empty file is a journal of no events.
//!
//! Each line is one JSON object with these members, which this crate writes in this order,
//! without spaces:
//!
//! | member | value |
//! |---|---|
//! | `v` | the format version, the number `1` ([`FORMAT_VERSION`]) |
//! | `engagement` | the engagement's id, the same on every line; on line 1 it equals the `id` of the opening event |
//! | `seq` | the event's sequence number (equal to the line number) |
//! | `at` | the event's time, RFC 3339 (the crate writes UTC, `Z`) |
//! | `by` | the actor, `{"id":…,"kind":…}` |
//! | `event` | the event, an object tagged by `"type"` (see [`Event`](crate::Event)) |
//! | `prev` | the previous line's `hash`; on line 1 the genesis value [`GENESIS`], 64 `0` digits |
//! | `hash` | this line's hash, always the last member |
//!
//! **The hash.** A line always ends with exactly these 75 bytes: `,"hash":"`, 64 lowercase hex
//! digits (`0-9a-f`), `"}`. The 64 digits are the SHA-256 digest, in lowercase hex, of all the
//! bytes of the line before those 75 bytes: from the opening `{` to the closing `"` of the
//! `prev` value, exactly as stored. Nothing is re-serialised, so a verifier in any language:
//!
//! 1. splits the file at LF bytes; a last piece that does not end with LF is not a line (a
//!    crash cut it short, or only its LF is missing);
//! 2. for each line, checks the 75-byte suffix and compares the SHA-256 of the bytes before it
//!    with the digits in it;
//! 3. parses the line as JSON and checks that `v` is 1, `prev` is the previous line's hash
//!    (or [`GENESIS`]), `engagement` is the journal's id, `seq` is the line number and `at` is
//!    not earlier than the previous line's `at`.
//!
//! This crate then also replays each event on the engagement built from the lines before it, so
//! an event that does not fit (a need that was never recorded, a stage move the lifecycle does
//! not allow) is reported at its line too.
//!
//! # The format, version 2
//!
//! Version 2 ([`FORMAT_V2`], written when [`JournalOptions::erasable`] is set, or by
//! [`migrate`]) makes the personal text of an event erasable while every line still verifies.
//! A line is the version 1 line with three changes:
//!
//! 1. `v` is `2`, and the line starts with exactly `{"v":2,`;
//! 2. in `event`, each personal text (the list and its order are
//!    [`Event`](crate::Event)'s, documented in `engagement/personal.rs`: names, descriptions,
//!    notes, comments, reasons, activity texts, contributions, scale levels, summaries; not a
//!    need's `domain`, a resource's service details or an erasure's reason) is replaced by its
//!    **commitment**: `c:` and the lowercase hex SHA-256 of the bytes `pendamping/text/v2`, one
//!    NUL, the text's 32-byte salt, the ASCII place `<engagement>/<seq>/<index>` (the index
//!    from 0 in the event's list of personal texts), one NUL, and the text's UTF-8 bytes;
//! 3. after the 64 hash digits the line goes on with `","texts":`, the **text part**, and `}`.
//!    The text part is a JSON array with one entry per commitment, in order: either
//!    `{"salt":"<64 hex digits>","text":"…"}` or, once erased, `{"erased":<seq>}`, the seq of
//!    the erasure that removed it (later than the line's own).
//!
//! The hash is the SHA-256 of the bytes before `,"hash":"` (its first occurrence: a JSON
//! string cannot hold it unescaped, and no member of a line's hashed part is named `hash`), as
//! in version 1. The text part is outside the hashed bytes, so erasing an entry changes no hash:
//! the chain, and the keyed [`protect`](crate::protect) seals, which cover the hash, verify as
//! before. A reader checks, after the hash, each entry against its commitment; a text that
//! does not match, a part that is not such a list or holds another number of entries, and an
//! erasure not later than the line are refused ([`LineErrorKind::TextPart`], naming the text's
//! index). An erased text reads [`ERASED`](crate::ERASED) in the event handed on. Once the
//! last line is read, every text read as erased must be one that an erasure in the journal
//! named, or it is refused at its line: text removed from the store without a recorded
//! erasure is found (by [`Reader`] and what reads through it; a store checking rows one by
//! one with [`Chain::verify`] does not see this). A journal
//! has one version throughout ([`LineErrorKind::FormatChanged`]); version 1 journals are read
//! as before, and refuse an erasure ([`LineErrorKind::ErasureNeedsV2`]).
//!
//! **Why salted commitments, not encryption keys destroyed to erase.** A commitment is erased
//! by deleting bytes the store already holds, with no key to keep, back up or lose: an app that
//! loses a crypto-shredding key loses the record, and one that keeps a backup of the key has not
//! erased anything. The salt is what makes the commitment safe to keep: without it, a short
//! text (a name, "yes") could be found by hashing guesses. The salt is 32 bytes from the
//! operating system's random number generator (or the caller's, with [`Chain::encode_with`]),
//! stored beside its text and erased with it.
//!
//! **What someone with the store but not a salt learns** about an erased text: that a text was
//! there, in which member of which event (the event's type, seq, time, actor and ids stay in
//! the clear, as do the texts that are not personal), which erasure removed it, when and why,
//! and nothing of its words or its length: the commitment is a 256-bit hash of 32 unguessable
//! bytes and the text. About a text not erased they learn everything: the text part holds it in
//! the clear, as version 1 does; a store's own access control and encryption at rest are still
//! the app's. Erasure removes the text from the journal's bytes, not from copies taken before
//! (backups, exports, the app's own caches): those are the app's to erase.
//!
//! **Erasing.** [`Command::Erase`](crate::Command::Erase) records who erased which person's or
//! record's texts, when and why; the engagement shows them as erased from then on. A journal
//! carries it out on its lines when the erasure's line is appended: [`Journal`] rewrites its
//! bytes, [`FileJournal`] writes the erased file beside the old one and renames it over it
//! (and finishes an erasure a crash interrupted when it is opened again). [`erase`] and
//! [`erase_line`] do the same for bytes a store keeps elsewhere.
//!
//! # What a reader reports
//!
//! Reading stops at the first bad line and reports it as [`JournalError::Line`], with the line
//! number and a [`LineErrorKind`]. A line is checked in this order, and the first failing check
//! names it: length within [`JournalOptions::max_line_bytes`] ([`TooLong`]); a line end present
//! (see below); no byte order mark, no CR before the LF, UTF-8 ([`ByteOrderMark`],
//! [`CarriageReturn`], [`NotUtf8`]); JSON of the line's shape with a known version
//! ([`Malformed`], [`UnsupportedVersion`]); the hash suffix and the hash ([`BadHashField`],
//! [`HashMismatch`]); in version 2, the text part ([`TextPart`]) and the version of line 1
//! ([`FormatChanged`]); `prev` ([`BrokenChain`]); an opening on line 1 and only there, of the
//! journal's engagement ([`Replay`], [`WrongEngagement`]); the sequence number ([`Sequence`]);
//! the time ([`TimeWentBack`]); the engagement id ([`WrongEngagement`]); the replay
//! ([`Replay`]).
//!
//! [`TooLong`]: LineErrorKind::TooLong
//! [`TextPart`]: LineErrorKind::TextPart
//! [`FormatChanged`]: LineErrorKind::FormatChanged
//! [`Torn`]: LineErrorKind::Torn
//! [`ByteOrderMark`]: LineErrorKind::ByteOrderMark
//! [`CarriageReturn`]: LineErrorKind::CarriageReturn
//! [`NotUtf8`]: LineErrorKind::NotUtf8
//! [`Malformed`]: LineErrorKind::Malformed
//! [`UnsupportedVersion`]: LineErrorKind::UnsupportedVersion
//! [`BadHashField`]: LineErrorKind::BadHashField
//! [`HashMismatch`]: LineErrorKind::HashMismatch
//! [`BrokenChain`]: LineErrorKind::BrokenChain
//! [`WrongEngagement`]: LineErrorKind::WrongEngagement
//! [`Sequence`]: LineErrorKind::Sequence
//! [`TimeWentBack`]: LineErrorKind::TimeWentBack
//! [`Replay`]: LineErrorKind::Replay
//!
//! A piece at the end of the file without its LF (or longer than the limit without one) is told
//! apart three ways: a piece with carriage returns in it, as a file whose lines end with CR alone
//! has ([`CarriageReturnLineEnds`]); a complete line that verifies, maybe followed by NUL bytes
//! ([`MissingLineEnd`]); or else a torn line ([`Torn`]).
//!
//! [`MissingLineEnd`]: LineErrorKind::MissingLineEnd
//! [`CarriageReturnLineEnds`]: LineErrorKind::CarriageReturnLineEnds
//!
//! # Appending
//!
//! Every append checks, before it writes anything, that the batch follows the journal (the
//! sequence number the app expects, each event's envelope) and that each event fits the
//! engagement the stored lines build, by the rulebook: the journal keeps that engagement and
//! applies each event to it. A forged or stale event is refused ([`JournalError::Refused`]),
//! never acknowledged. A [`FileJournal`] also holds an exclusive lock on its file while it
//! lives, and checks before each append that the file at its path is still the one it opened.
//!
//! # Row by row
//!
//! A store that keeps one line per row (a database) uses the [`Chain`] directly: resume it from
//! the last stored row's seq and hash, [`Chain::encode`] the next event into a [`Line`] (its
//! exact bytes and hash), or [`Chain::verify`] one stored row against the one before it. The
//! rows' bytes, each followed by one LF, are a journal file.
//!
//! # Crashes and recovery
//!
//! An append writes all its lines with one `write_all` and then syncs the file; it returns `Ok`
//! only after the sync. A crash during an append can leave a prefix of the batch: whole lines,
//! which verify (each event is one complete command, so any prefix is a valid history), and at
//! most one torn last line, or a complete one without its LF. [`recover`] and
//! [`FileJournal::recover`] find the longest verified prefix and describe what follows it; they
//! never change anything. [`Recovery::repair`] proposes the repair for a crash's damage (add the
//! LF, or cut the torn line; never cut a line that verifies), and [`FileJournal::repair`]
//! carries it out on the app's word. Other damage gets no proposal: it needs a person.

mod chain;
mod erase;
mod error;
mod file;
mod format;
mod format_v2;
mod memory;
mod pipeline;
mod reader;
mod recovery;
mod subject;
mod tail;

pub use chain::{Chain, Line};
pub use erase::{erase, erase_line, migrate};
pub use error::{JournalError, LineErrorKind};
pub use file::FileJournal;
pub use memory::Journal;
pub use pipeline::{load_pipelined, verify_pipelined};
pub use reader::{Reader, Verified, load, verify};
pub use recovery::{Damage, Recovery, Repair, recover};
pub use subject::{SubjectAccess, SubjectErasure, subject_access};

use crate::vocab::shorten;

/// Format version 1, which this crate writes unless asked for version 2 (and reads).
pub const FORMAT_VERSION: u64 = 1;

/// Format version 2: personal text committed to in the hashed part and kept in an erasable
/// part (see [the format, version 2](self#the-format-version-2)).
pub const FORMAT_V2: u64 = 2;

/// The `prev` of the first line: 64 `0` digits.
pub const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// The default longest line, line end not counted: 1 MiB.
pub const DEFAULT_MAX_LINE_BYTES: usize = 1 << 20;

/// How journals are read and written.
///
/// ```
/// use pendamping::JournalOptions;
///
/// let options = JournalOptions::default().with_max_line_bytes(64 * 1024);
/// assert_eq!(options.max_line_bytes, 64 * 1024);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct JournalOptions {
    /// The longest line read or written, line end not counted; longer lines are refused
    /// ([`LineErrorKind::TooLong`]). Reading holds at most this many bytes (plus one) at once.
    pub max_line_bytes: usize,
    /// Whether a new journal is written in format version 2 ([`FORMAT_V2`]), whose personal
    /// text can be erased; by default `false`, version 1. A journal that has lines keeps the
    /// version of its first line whatever this says.
    pub erasable: bool,
}

impl JournalOptions {
    /// The defaults: lines up to [`DEFAULT_MAX_LINE_BYTES`].
    #[must_use]
    pub const fn new() -> Self {
        Self {
            max_line_bytes: DEFAULT_MAX_LINE_BYTES,
            erasable: false,
        }
    }

    /// The same options, writing new journals in format version 2 (`true`) or 1.
    #[must_use]
    pub const fn with_erasable(mut self, erasable: bool) -> Self {
        self.erasable = erasable;
        self
    }

    /// The same options with another line limit.
    #[must_use]
    pub const fn with_max_line_bytes(mut self, max_line_bytes: usize) -> Self {
        self.max_line_bytes = max_line_bytes;
        self
    }
}

impl Default for JournalOptions {
    fn default() -> Self {
        Self::new()
    }
}
