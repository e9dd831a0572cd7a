//! The journal: an engagement's recorded events as tamper-evident JSON Lines, the crate's own
//! store for apps that do not bring one.
//!
//! One engagement is one journal: one line per [`Recorded`] event, each line carrying the hash
//! of the line before it, so an edited, removed, inserted or reordered line breaks the chain at a
//! line number that can be reported. [`FileJournal`] keeps a journal in a file and makes every
//! append durable (`fsync`) before it returns; [`Journal`] keeps one in memory (for tests, or an
//! app that stores the bytes elsewhere). Reading is streaming, with a bounded line length, and
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
//! | `event` | the event, an object tagged by `"type"` (see [`Event`]) |
//! | `prev` | the previous line's `hash`; on line 1 the genesis value [`GENESIS`], 64 `0` digits |
//! | `hash` | this line's hash, always the last member |
//!
//! **The hash.** A line always ends with exactly these 75 bytes: `,"hash":"`, 64 lowercase hex
//! digits (`0-9a-f`), `"}`. The 64 digits are the SHA-256 digest, in lowercase hex, of all the
//! bytes of the line before those 75 bytes: from the opening `{` to the closing `"` of the
//! `prev` value, exactly as stored. Nothing is re-serialised, so a verifier in any language:
//!
//! 1. splits the file at LF bytes; a last piece that does not end with LF is a torn line;
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
//! # What a reader reports
//!
//! Reading stops at the first bad line and reports it as [`JournalError::Line`], with the line
//! number and a [`LineErrorKind`]. A line is checked in this order, and the first failing check
//! names it: length within [`JournalOptions::max_line_bytes`] ([`TooLong`]); a line end present
//! ([`Torn`]); no byte order mark, no CR before the LF, UTF-8 ([`ByteOrderMark`],
//! [`CarriageReturn`], [`NotUtf8`]); JSON of the line's shape with a known version
//! ([`Malformed`], [`UnsupportedVersion`]); the hash suffix and the hash ([`BadHashField`],
//! [`HashMismatch`]); `prev` ([`BrokenChain`]); the engagement id ([`WrongEngagement`]); the
//! sequence number ([`Sequence`]); the time ([`TimeWentBack`]); the replay ([`Replay`]).
//!
//! [`TooLong`]: LineErrorKind::TooLong
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
//! # Crashes and recovery
//!
//! An append writes all its lines with one `write_all` and then syncs the file; it returns `Ok`
//! only after the sync. A crash during an append can leave a prefix of the batch: whole lines,
//! which verify (each event is one complete command, so any prefix is a valid history), and at
//! most one torn last line. [`recover`] and [`FileJournal::recover`] find the longest verified
//! prefix and describe what follows it; they never change anything. Cutting the damage off is
//! the app's decision, made explicitly with [`FileJournal::truncate_to`].

use crate::error::shorten;
use crate::{Actor, Engagement, EngagementId, Event, Recorded, ReplayError, ReplayErrorKind};
use crate::{JournalError, LineErrorKind};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::borrow::Cow;
use std::fs::{File, OpenOptions};
use std::io::{self, BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};

/// The format version this crate writes and reads.
pub const FORMAT_VERSION: u64 = 1;

/// The `prev` of the first line: 64 `0` digits.
pub const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// The default longest line, line end not counted: 1 MiB.
pub const DEFAULT_MAX_LINE_BYTES: usize = 1 << 20;

/// The bytes every line ends with, around its hash digits.
const HASH_OPEN: &[u8] = b",\"hash\":\"";
const HASH_CLOSE: &[u8] = b"\"}";
/// The length of the hash suffix: `,"hash":"` + 64 digits + `"}`.
const SUFFIX_LEN: usize = 75;
const BOM: &[u8] = b"\xEF\xBB\xBF";

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
}

impl JournalOptions {
    /// The defaults: lines up to [`DEFAULT_MAX_LINE_BYTES`].
    #[must_use]
    pub const fn new() -> Self {
        Self {
            max_line_bytes: DEFAULT_MAX_LINE_BYTES,
        }
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

/// Where a journal ends: what the next line must follow.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Tail {
    /// The last sequence number (0 before the first line).
    seq: u64,
    /// The last line's hash in hex, or the genesis value.
    hash: [u8; 64],
    /// The engagement's id, once the opening is recorded.
    id: Option<EngagementId>,
    /// The last event's time.
    at: Option<DateTime<Utc>>,
    /// The bytes of the lines so far, line ends included.
    len: u64,
}

impl Tail {
    const fn new() -> Self {
        Self {
            seq: 0,
            hash: [b'0'; 64],
            id: None,
            at: None,
            len: 0,
        }
    }

    fn hash_str(&self) -> &str {
        std::str::from_utf8(&self.hash).unwrap_or_default()
    }
}

/// The lowercase hex form of a SHA-256 digest.
fn sha256_hex(bytes: &[u8]) -> [u8; 64] {
    let digest = Sha256::digest(bytes);
    let mut out = [b'0'; 64];
    for (pair, byte) in out.chunks_exact_mut(2).zip(digest.iter()) {
        for (slot, nibble) in pair.iter_mut().zip([byte >> 4, byte & 0x0f]) {
            *slot = if nibble < 10 {
                b'0' + nibble
            } else {
                b'a' + nibble - 10
            };
        }
    }
    out
}

/// Splits a line (without its LF) into the hashed body and the 64 hash digits.
fn split_hash(line: &[u8]) -> Option<(&[u8], &[u8])> {
    let body_len = line.len().checked_sub(SUFFIX_LEN)?;
    let (body, suffix) = line.split_at_checked(body_len)?;
    let (open, rest) = suffix.split_at_checked(HASH_OPEN.len())?;
    let (digits, close) = rest.split_at_checked(64)?;
    let ok = open == HASH_OPEN
        && close == HASH_CLOSE
        && digits
            .iter()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(b));
    ok.then_some((body, digits))
}

/// A line as written: the members before `hash`, in the format's order.
#[derive(Serialize)]
struct LineOut<'a> {
    v: u64,
    engagement: &'a str,
    seq: u64,
    at: &'a DateTime<Utc>,
    by: &'a Actor,
    event: &'a Event,
    prev: &'a str,
}

/// A line as read.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct LineIn<'a> {
    v: u64,
    #[serde(borrow)]
    engagement: Cow<'a, str>,
    seq: u64,
    at: DateTime<Utc>,
    by: Actor,
    event: Event,
    #[serde(borrow)]
    prev: Cow<'a, str>,
    #[serde(borrow)]
    hash: Cow<'a, str>,
}

/// Just the version, to tell a future line from a broken one.
#[derive(Deserialize)]
struct Probe {
    v: u64,
}

/// Checks the envelope of the next event against the tail: the engagement id it belongs to,
/// its sequence number and its time. Returns the journal's engagement id.
fn follow<'t>(
    tail: &'t Tail,
    seq: u64,
    at: DateTime<Utc>,
    event: &'t Event,
) -> Result<&'t str, LineErrorKind> {
    let id = match (&tail.id, event) {
        (Some(id), _) => id.as_str(),
        (None, Event::Opened { id, .. }) => id.as_str(),
        (None, _) => {
            return Err(LineErrorKind::Replay(ReplayError {
                seq,
                kind: ReplayErrorKind::NotOpened,
            }));
        }
    };
    let expected = tail.seq.saturating_add(1);
    if seq != expected {
        return Err(LineErrorKind::Sequence {
            expected,
            found: seq,
        });
    }
    if let Some(last) = tail.at
        && at < last
    {
        return Err(LineErrorKind::TimeWentBack { at, last });
    }
    Ok(id)
}

/// Encodes `events` as lines following `tail` into `out`, and returns the tail after them.
/// Checks what a reader will check of the envelope, so a journal never refuses its own lines.
fn encode(
    tail: &Tail,
    events: &[Recorded],
    limit: usize,
    out: &mut Vec<u8>,
) -> Result<Tail, JournalError> {
    let mut next = tail.clone();
    for recorded in events {
        let refused = |kind| JournalError::Refused {
            seq: recorded.seq,
            kind,
        };
        let id = follow(&next, recorded.seq, recorded.at, &recorded.event).map_err(refused)?;
        if next.id.is_some() && matches!(recorded.event, Event::Opened { .. }) {
            return Err(refused(LineErrorKind::Replay(ReplayError {
                seq: recorded.seq,
                kind: ReplayErrorKind::OpenedTwice,
            })));
        }
        let start = out.len();
        let line = LineOut {
            v: FORMAT_VERSION,
            engagement: id,
            seq: recorded.seq,
            at: &recorded.at,
            by: &recorded.by,
            event: &recorded.event,
            prev: next.hash_str(),
        };
        serde_json::to_writer(&mut *out, &line).map_err(|e| {
            refused(LineErrorKind::Malformed {
                detail: e.to_string(),
            })
        })?;
        // The serialised object ends with `}`; the hash member goes before it.
        if out.pop() != Some(b'}') {
            return Err(refused(LineErrorKind::Malformed {
                detail: "the event did not serialise to a JSON object".to_owned(),
            }));
        }
        let hash = sha256_hex(out.get(start..).unwrap_or_default());
        out.extend_from_slice(HASH_OPEN);
        out.extend_from_slice(&hash);
        out.extend_from_slice(HASH_CLOSE);
        let line_len = out.len().saturating_sub(start);
        if line_len > limit {
            return Err(refused(LineErrorKind::TooLong { limit }));
        }
        out.push(b'\n');
        if next.id.is_none()
            && let Event::Opened { id, .. } = &recorded.event
        {
            next.id = Some(id.clone());
        }
        next.seq = recorded.seq;
        next.at = Some(recorded.at);
        next.hash = hash;
        next.len = next.len.saturating_add(line_len as u64 + 1);
    }
    Ok(next)
}

/// Reads a journal line by line, verifying each line and replaying its event: an iterator over
/// the verified events, which stops after the first error.
///
/// Memory is bounded by the line limit and the engagement's state; the events are handed out,
/// not kept. [`verify`], [`load`] and [`recover`] are built on it.
///
/// ```
/// use pendamping::journal::{Reader, JournalOptions};
///
/// let mut reader = Reader::new(&b""[..], &JournalOptions::default());
/// assert!(reader.next().is_none());
/// assert!(reader.engagement().is_none());
/// ```
#[derive(Debug)]
pub struct Reader<R> {
    input: R,
    buf: Vec<u8>,
    limit: usize,
    tail: Tail,
    engagement: Option<Engagement>,
    /// Whether the line in the buffer had a line end (taken off).
    line_end: bool,
    done: bool,
}

impl<R: BufRead> Reader<R> {
    /// A reader over a journal's bytes.
    pub fn new(input: R, options: &JournalOptions) -> Self {
        Self {
            input,
            buf: Vec::new(),
            limit: options.max_line_bytes,
            tail: Tail::new(),
            engagement: None,
            line_end: false,
            done: false,
        }
    }

    /// The engagement the verified lines build; `None` before the first.
    #[must_use]
    pub fn engagement(&self) -> Option<&Engagement> {
        self.engagement.as_ref()
    }

    /// The engagement the verified lines build.
    #[must_use]
    pub fn into_engagement(self) -> Option<Engagement> {
        self.engagement
    }

    /// How many lines have been verified.
    #[must_use]
    pub fn lines(&self) -> u64 {
        self.tail.seq
    }

    /// The length in bytes of the verified lines, line ends included.
    #[must_use]
    pub fn valid_len(&self) -> u64 {
        self.tail.len
    }

    /// The last verified line's hash, or [`GENESIS`].
    #[must_use]
    pub fn last_hash(&self) -> &str {
        self.tail.hash_str()
    }

    /// Reads the next line into the buffer; `Ok(None)` at the end of the input.
    fn read_line(&mut self) -> Result<Option<()>, JournalError> {
        self.buf.clear();
        let cap = u64::try_from(self.limit)
            .unwrap_or(u64::MAX)
            .saturating_add(1);
        let n = (&mut self.input)
            .take(cap)
            .read_until(b'\n', &mut self.buf)
            .map_err(JournalError::Read)?;
        if n == 0 {
            return Ok(None);
        }
        let line = self.tail.seq.saturating_add(1);
        let bad = |kind| JournalError::Line { line, kind };
        self.line_end = self.buf.last() == Some(&b'\n');
        if self.line_end {
            self.buf.pop();
            if self.buf.len() > self.limit {
                return Err(bad(LineErrorKind::TooLong { limit: self.limit }));
            }
        } else if self.buf.len() > self.limit {
            return Err(bad(LineErrorKind::TooLong { limit: self.limit }));
        } else {
            return Err(bad(LineErrorKind::Torn {
                len: self.buf.len(),
            }));
        }
        Ok(Some(()))
    }

    /// Checks the line in the buffer against the tail and applies its event.
    fn accept(&mut self) -> Result<Recorded, LineErrorKind> {
        let raw = self.buf.as_slice();
        if raw.starts_with(BOM) {
            return Err(LineErrorKind::ByteOrderMark);
        }
        if raw.last() == Some(&b'\r') {
            return Err(LineErrorKind::CarriageReturn);
        }
        let text = std::str::from_utf8(raw).map_err(|e| LineErrorKind::NotUtf8 {
            column: e.valid_up_to().saturating_add(1),
        })?;
        let line: LineIn<'_> = match serde_json::from_str(text) {
            Ok(line) => line,
            Err(e) => {
                return Err(match serde_json::from_str::<Probe>(text) {
                    Ok(Probe { v }) if v != FORMAT_VERSION => {
                        LineErrorKind::UnsupportedVersion { found: v }
                    }
                    _ => LineErrorKind::Malformed {
                        detail: e.to_string(),
                    },
                });
            }
        };
        if line.v != FORMAT_VERSION {
            return Err(LineErrorKind::UnsupportedVersion { found: line.v });
        }
        let (body, stored) = split_hash(raw)
            .filter(|(_, digits)| *digits == line.hash.as_bytes())
            .ok_or_else(|| LineErrorKind::BadHashField {
                found: shorten(&line.hash),
            })?;
        let computed = sha256_hex(body);
        if computed != stored {
            return Err(LineErrorKind::HashMismatch {
                stored: String::from_utf8_lossy(stored).into_owned(),
                computed: String::from_utf8_lossy(&computed).into_owned(),
            });
        }
        if line.prev.as_bytes() != self.tail.hash {
            return Err(LineErrorKind::BrokenChain {
                expected: self.tail.hash_str().to_owned(),
                found: shorten(&line.prev),
            });
        }
        let id = follow(&self.tail, line.seq, line.at, &line.event)?;
        if line.engagement != id {
            return Err(LineErrorKind::WrongEngagement {
                expected: id.to_owned(),
                found: shorten(&line.engagement),
            });
        }
        let recorded = Recorded {
            seq: line.seq,
            at: line.at,
            by: line.by,
            event: line.event,
        };
        match &mut self.engagement {
            Some(engagement) => engagement.apply(&recorded)?,
            None => {
                let engagement = Engagement::replay([recorded.clone()])?;
                self.tail.id = Some(engagement.id().clone());
                self.engagement = Some(engagement);
            }
        }
        self.tail.seq = recorded.seq;
        self.tail.at = Some(recorded.at);
        self.tail.hash = computed;
        self.tail.len = self
            .tail
            .len
            .saturating_add(raw.len() as u64)
            .saturating_add(1);
        Ok(recorded)
    }

    /// Hands out the rest of the input's length after a failure (for [`Recovery`]).
    fn rest_len(&mut self) -> Result<u64, JournalError> {
        let copied = io::copy(&mut self.input, &mut io::sink()).map_err(JournalError::Read)?;
        Ok(copied
            .saturating_add(self.buf.len() as u64)
            .saturating_add(u64::from(self.line_end)))
    }
}

impl<R: BufRead> Iterator for Reader<R> {
    type Item = Result<Recorded, JournalError>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.done {
            return None;
        }
        let result = match self.read_line() {
            Ok(None) => {
                self.done = true;
                return None;
            }
            Ok(Some(())) => self.accept().map_err(|kind| JournalError::Line {
                line: self.tail.seq.saturating_add(1),
                kind,
            }),
            Err(e) => Err(e),
        };
        if result.is_err() {
            self.done = true;
        }
        Some(result)
    }
}

/// What a verified journal holds.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct Verified {
    /// How many lines (events) it has.
    pub lines: u64,
    /// Its length in bytes.
    pub len: u64,
    /// The last line's hash, or [`GENESIS`] for an empty journal.
    pub last_hash: String,
    /// The engagement its events build; `None` for an empty journal.
    pub engagement: Option<Engagement>,
}

/// Reads and verifies a whole journal, replaying its events. An empty journal verifies, with
/// no engagement.
///
/// # Errors
///
/// [`JournalError::Line`] at the first bad line, or [`JournalError::Read`].
pub fn verify<R: BufRead>(input: R, options: &JournalOptions) -> Result<Verified, JournalError> {
    let mut reader = Reader::new(input, options);
    for event in reader.by_ref() {
        event?;
    }
    Ok(Verified {
        lines: reader.lines(),
        len: reader.valid_len(),
        last_hash: reader.last_hash().to_owned(),
        engagement: reader.into_engagement(),
    })
}

/// Reads, verifies and replays a journal into its engagement.
///
/// # Errors
///
/// As [`verify`], and [`JournalError::Empty`] when the journal has no events.
pub fn load<R: BufRead>(input: R, options: &JournalOptions) -> Result<Engagement, JournalError> {
    verify(input, options)?
        .engagement
        .ok_or(JournalError::Empty)
}

/// The verified prefix of a journal and what follows it, as found by [`recover`].
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct Recovery {
    /// The events of the verified lines, in order.
    pub events: Vec<Recorded>,
    /// The length in bytes of the verified lines, line ends included: where the damage starts.
    pub valid_len: u64,
    /// The last verified line's hash, or [`GENESIS`].
    pub last_hash: String,
    /// The engagement the verified lines build; `None` when there are none.
    pub engagement: Option<Engagement>,
    /// What follows the verified lines; `None` when the whole journal verified.
    pub damage: Option<Damage>,
}

impl Recovery {
    /// Whether the whole journal verified.
    #[must_use]
    pub fn is_clean(&self) -> bool {
        self.damage.is_none()
    }

    /// Whether the only damage is a torn last line, as a crash during an append leaves.
    #[must_use]
    pub fn is_torn_tail(&self) -> bool {
        self.damage
            .as_ref()
            .is_some_and(|d| matches!(d.kind, LineErrorKind::Torn { .. }))
    }
}

/// The first bad line of a journal and how much follows the verified prefix.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct Damage {
    /// The first bad line, counted from 1.
    pub line: u64,
    /// What is wrong with it.
    pub kind: LineErrorKind,
    /// How many bytes follow the verified prefix (the bad line and everything after it).
    pub rest_len: u64,
}

impl core::fmt::Display for Damage {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        write!(
            f,
            "line {}: {} ({} bytes from there to the end)",
            self.line, self.kind, self.rest_len
        )
    }
}

/// Finds the longest verified prefix of a journal and describes what follows it. Reads to the
/// end (streaming) and changes nothing.
///
/// # Errors
///
/// Only [`JournalError::Read`]: damage is described in [`Recovery::damage`].
pub fn recover<R: BufRead>(input: R, options: &JournalOptions) -> Result<Recovery, JournalError> {
    let mut reader = Reader::new(input, options);
    let mut events = Vec::new();
    let mut damage = None;
    while let Some(event) = reader.next() {
        match event {
            Ok(recorded) => events.push(recorded),
            Err(JournalError::Line { line, kind }) => {
                let rest_len = reader.rest_len()?;
                damage = Some(Damage {
                    line,
                    kind,
                    rest_len,
                });
            }
            Err(other) => return Err(other),
        }
    }
    Ok(Recovery {
        events,
        valid_len: reader.valid_len(),
        last_hash: reader.last_hash().to_owned(),
        engagement: reader.into_engagement(),
        damage,
    })
}

/// Checks the optimistic-concurrency expectation and the batch's first sequence number.
fn expect(tail: &Tail, expected_last_seq: u64) -> Result<(), JournalError> {
    if expected_last_seq == tail.seq {
        Ok(())
    } else {
        Err(JournalError::Conflict {
            expected: expected_last_seq,
            found: tail.seq,
        })
    }
}

/// The sequence number an engagement's pending events follow.
fn pending_base(engagement: &Engagement) -> u64 {
    engagement
        .pending()
        .first()
        .map_or(engagement.last_seq(), |r| r.seq.saturating_sub(1))
}

/// Refuses pending events of another engagement than the journal's.
fn same_engagement(tail: &Tail, engagement: &Engagement) -> Result<(), JournalError> {
    match &tail.id {
        Some(id) if id != engagement.id() => Err(JournalError::Refused {
            seq: pending_base(engagement).saturating_add(1),
            kind: LineErrorKind::WrongEngagement {
                expected: id.as_str().to_owned(),
                found: engagement.id().as_str().to_owned(),
            },
        }),
        _ => Ok(()),
    }
}

/// A journal held in memory: the bytes of a JSON Lines file and where it ends.
///
/// Useful in tests, and for apps that keep the bytes in their own storage. Appending checks
/// that the events follow the journal (engagement, sequence, time); the events themselves are
/// expected to come from [`Engagement::execute`], which is what [`Journal::append_pending`]
/// takes them from.
///
/// ```
/// use pendamping::Journal;
/// use pendamping::journal::GENESIS;
///
/// let journal = Journal::new();
/// assert_eq!(journal.last_seq(), 0);
/// assert_eq!(journal.last_hash(), GENESIS);
/// assert!(journal.as_bytes().is_empty());
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Journal {
    bytes: Vec<u8>,
    tail: Tail,
    options: JournalOptions,
}

impl Default for Tail {
    fn default() -> Self {
        Self::new()
    }
}

impl Journal {
    /// An empty journal with the default options.
    #[must_use]
    pub fn new() -> Self {
        Self::default()
    }

    /// An empty journal with these options.
    #[must_use]
    pub fn with_options(options: JournalOptions) -> Self {
        Self {
            options,
            ..Self::default()
        }
    }

    /// Verifies stored bytes and takes them as a journal to append to, with the engagement they
    /// build (`None` when empty).
    ///
    /// # Errors
    ///
    /// [`JournalError::Line`] at the first bad line; a damaged journal is not taken (see
    /// [`recover`]).
    pub fn from_bytes(
        bytes: Vec<u8>,
        options: &JournalOptions,
    ) -> Result<(Self, Option<Engagement>), JournalError> {
        let mut reader = Reader::new(bytes.as_slice(), options);
        for event in reader.by_ref() {
            event?;
        }
        let tail = reader.tail.clone();
        let engagement = reader.into_engagement();
        Ok((
            Self {
                bytes,
                tail,
                options: *options,
            },
            engagement,
        ))
    }

    /// Appends events after `expected_last_seq`, the sequence number the caller believes the
    /// journal ends at. Returns the new last sequence number.
    ///
    /// # Errors
    ///
    /// [`JournalError::Conflict`] when the journal does not end at `expected_last_seq`;
    /// [`JournalError::Refused`] when an event does not follow (another engagement, a sequence
    /// gap, time going back, no opening first, a second opening, a line over the limit). Either
    /// way nothing is appended.
    pub fn append(
        &mut self,
        expected_last_seq: u64,
        events: &[Recorded],
    ) -> Result<u64, JournalError> {
        expect(&self.tail, expected_last_seq)?;
        let start = self.bytes.len();
        match encode(
            &self.tail,
            events,
            self.options.max_line_bytes,
            &mut self.bytes,
        ) {
            Ok(tail) => {
                self.tail = tail;
                Ok(self.tail.seq)
            }
            Err(e) => {
                self.bytes.truncate(start);
                Err(e)
            }
        }
    }

    /// Appends the engagement's pending events and, once they are stored, takes them from it.
    /// Returns the new last sequence number.
    ///
    /// # Errors
    ///
    /// As [`Journal::append`], and [`JournalError::Refused`] when the engagement is not the
    /// journal's. On error the events stay pending in the engagement.
    pub fn append_pending(&mut self, engagement: &mut Engagement) -> Result<u64, JournalError> {
        same_engagement(&self.tail, engagement)?;
        let last = self.append(pending_base(engagement), engagement.pending())?;
        engagement.take_pending();
        Ok(last)
    }

    /// The last sequence number; 0 when empty.
    #[must_use]
    pub fn last_seq(&self) -> u64 {
        self.tail.seq
    }

    /// The last line's hash, or [`GENESIS`] when empty.
    #[must_use]
    pub fn last_hash(&self) -> &str {
        self.tail.hash_str()
    }

    /// The engagement's id, once its opening is stored.
    #[must_use]
    pub fn engagement_id(&self) -> Option<&EngagementId> {
        self.tail.id.as_ref()
    }

    /// The journal's bytes: JSON Lines.
    #[must_use]
    pub fn as_bytes(&self) -> &[u8] {
        &self.bytes
    }

    /// The journal's bytes.
    #[must_use]
    pub fn into_bytes(self) -> Vec<u8> {
        self.bytes
    }
}

/// A journal in a file, appended to durably: each append is synced to the disk before it
/// returns.
///
/// One writer per file: a `FileJournal` checks before each append that the file still has the
/// length it last wrote, and refuses ([`JournalError::ChangedOnDisk`]) otherwise, but it does
/// not lock the file.
///
/// ```
/// use pendamping::{FileJournal, JournalOptions};
///
/// let path = std::env::temp_dir().join(format!("pendamping-doc-{}.jsonl", std::process::id()));
/// let journal = FileJournal::create(&path, &JournalOptions::default())?;
/// assert_eq!(journal.last_seq(), 0);
/// let (journal, engagement) = FileJournal::open(&path, &JournalOptions::default())?;
/// assert!(engagement.is_none());
/// # drop(journal);
/// std::fs::remove_file(&path)?;
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug)]
pub struct FileJournal {
    file: File,
    path: PathBuf,
    tail: Tail,
    options: JournalOptions,
    scratch: Vec<u8>,
    poisoned: bool,
}

impl FileJournal {
    /// Creates a new, empty journal file, and syncs it and its directory.
    ///
    /// # Errors
    ///
    /// [`JournalError::File`] when the file exists already or cannot be created or synced.
    pub fn create(path: impl AsRef<Path>, options: &JournalOptions) -> Result<Self, JournalError> {
        let path = path.as_ref();
        let file = OpenOptions::new()
            .read(true)
            .append(true)
            .create_new(true)
            .open(path)
            .map_err(file_error("create", path))?;
        file.sync_all().map_err(file_error("sync", path))?;
        sync_dir(path)?;
        Ok(Self {
            file,
            path: path.to_owned(),
            tail: Tail::new(),
            options: *options,
            scratch: Vec::new(),
            poisoned: false,
        })
    }

    /// Opens a journal file for appending after verifying all of it, and returns the
    /// engagement it builds (`None` when it is empty).
    ///
    /// # Errors
    ///
    /// [`JournalError::Line`] when the file is damaged, even only by a torn last line: see
    /// [`FileJournal::recover`] and [`FileJournal::truncate_to`]. [`JournalError::File`] when it
    /// cannot be opened or read.
    pub fn open(
        path: impl AsRef<Path>,
        options: &JournalOptions,
    ) -> Result<(Self, Option<Engagement>), JournalError> {
        let path = path.as_ref();
        let file = OpenOptions::new()
            .read(true)
            .append(true)
            .open(path)
            .map_err(file_error("open", path))?;
        let mut reader = Reader::new(BufReader::with_capacity(1 << 16, &file), options);
        for event in reader.by_ref() {
            event.map_err(|e| read_error(e, path))?;
        }
        let tail = reader.tail.clone();
        let engagement = reader.into_engagement();
        Ok((
            Self {
                file,
                path: path.to_owned(),
                tail,
                options: *options,
                scratch: Vec::new(),
                poisoned: false,
            },
            engagement,
        ))
    }

    /// Finds the longest verified prefix of a journal file and describes what follows it.
    /// Changes nothing.
    ///
    /// # Errors
    ///
    /// [`JournalError::File`] when the file cannot be opened or read; damage is described in
    /// the [`Recovery`].
    pub fn recover(
        path: impl AsRef<Path>,
        options: &JournalOptions,
    ) -> Result<Recovery, JournalError> {
        let path = path.as_ref();
        let file = File::open(path).map_err(file_error("open", path))?;
        recover(BufReader::with_capacity(1 << 16, file), options).map_err(|e| read_error(e, path))
    }

    /// Cuts a journal file to its first `len` bytes, which must be exactly a verified prefix
    /// (as [`Recovery::valid_len`] reports), syncs it, and opens it for appending.
    ///
    /// This deletes everything after `len`: it is the app's explicit decision, typically after a
    /// crash left a torn last line ([`Recovery::is_torn_tail`]). Keep a copy first when the
    /// damage is anything else.
    ///
    /// # Errors
    ///
    /// [`JournalError::BadTruncation`] when the first `len` bytes are not whole verified lines
    /// or the file is shorter; then nothing is cut. [`JournalError::File`] on a file error.
    pub fn truncate_to(
        path: impl AsRef<Path>,
        len: u64,
        options: &JournalOptions,
    ) -> Result<(Self, Option<Engagement>), JournalError> {
        let path = path.as_ref();
        let file = OpenOptions::new()
            .read(true)
            .append(true)
            .open(path)
            .map_err(file_error("open", path))?;
        let file_len = file.metadata().map_err(file_error("read", path))?.len();
        if len > file_len {
            return Err(JournalError::BadTruncation { len });
        }
        let mut reader = Reader::new(
            BufReader::with_capacity(1 << 16, (&file).take(len)),
            options,
        );
        for event in reader.by_ref() {
            match event {
                Ok(_) => {}
                Err(JournalError::Line { .. }) => return Err(JournalError::BadTruncation { len }),
                Err(e) => return Err(read_error(e, path)),
            }
        }
        if reader.valid_len() != len {
            return Err(JournalError::BadTruncation { len });
        }
        let tail = reader.tail.clone();
        let engagement = reader.into_engagement();
        file.set_len(len).map_err(file_error("truncate", path))?;
        file.sync_all().map_err(file_error("sync", path))?;
        Ok((
            Self {
                file,
                path: path.to_owned(),
                tail,
                options: *options,
                scratch: Vec::new(),
                poisoned: false,
            },
            engagement,
        ))
    }

    /// Appends events after `expected_last_seq`, the sequence number the caller believes the
    /// journal ends at, with one write, and syncs the file before returning the new last
    /// sequence number.
    ///
    /// # Errors
    ///
    /// [`JournalError::Conflict`], [`JournalError::Refused`] and [`JournalError::ChangedOnDisk`]
    /// before anything is written. [`JournalError::File`] when the write or the sync fails; the
    /// journal then refuses further appends ([`JournalError::Poisoned`]) because what reached
    /// the disk is unknown: open it again.
    pub fn append(
        &mut self,
        expected_last_seq: u64,
        events: &[Recorded],
    ) -> Result<u64, JournalError> {
        if self.poisoned {
            return Err(JournalError::Poisoned);
        }
        expect(&self.tail, expected_last_seq)?;
        if events.is_empty() {
            return Ok(self.tail.seq);
        }
        self.scratch.clear();
        let tail = encode(
            &self.tail,
            events,
            self.options.max_line_bytes,
            &mut self.scratch,
        )?;
        let path = self.path.as_path();
        let found = self
            .file
            .metadata()
            .map_err(file_error("read", path))?
            .len();
        if found != self.tail.len {
            return Err(JournalError::ChangedOnDisk {
                expected: self.tail.len,
                found,
            });
        }
        if let Err(e) = self.file.write_all(&self.scratch) {
            self.poisoned = true;
            return Err(file_error("write", path)(e));
        }
        if let Err(e) = self.file.sync_data() {
            self.poisoned = true;
            return Err(file_error("sync", path)(e));
        }
        self.tail = tail;
        Ok(self.tail.seq)
    }

    /// Appends the engagement's pending events durably and, once they are synced, takes them
    /// from it. Returns the new last sequence number.
    ///
    /// # Errors
    ///
    /// As [`FileJournal::append`], and [`JournalError::Refused`] when the engagement is not the
    /// journal's. On error the events stay pending in the engagement.
    pub fn append_pending(&mut self, engagement: &mut Engagement) -> Result<u64, JournalError> {
        same_engagement(&self.tail, engagement)?;
        let last = self.append(pending_base(engagement), engagement.pending())?;
        engagement.take_pending();
        Ok(last)
    }

    /// The last sequence number; 0 when empty.
    #[must_use]
    pub fn last_seq(&self) -> u64 {
        self.tail.seq
    }

    /// The last line's hash, or [`GENESIS`] when empty.
    #[must_use]
    pub fn last_hash(&self) -> &str {
        self.tail.hash_str()
    }

    /// The engagement's id, once its opening is stored.
    #[must_use]
    pub fn engagement_id(&self) -> Option<&EngagementId> {
        self.tail.id.as_ref()
    }

    /// The file's length as this journal last wrote it.
    #[must_use]
    pub fn len(&self) -> u64 {
        self.tail.len
    }

    /// Whether the journal has no lines.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.tail.len == 0
    }

    /// The file's path.
    #[must_use]
    pub fn path(&self) -> &Path {
        &self.path
    }
}

fn file_error<'p>(action: &'static str, path: &'p Path) -> impl Fn(io::Error) -> JournalError + 'p {
    move |source| JournalError::File {
        action,
        path: path.to_owned(),
        source,
    }
}

/// Names the file in a read error; other errors pass.
fn read_error(e: JournalError, path: &Path) -> JournalError {
    match e {
        JournalError::Read(source) => file_error("read", path)(source),
        other => other,
    }
}

/// Syncs the directory holding `path`, so a new file's name survives a crash.
#[cfg(unix)]
fn sync_dir(path: &Path) -> Result<(), JournalError> {
    let dir = match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    };
    File::open(dir)
        .and_then(|d| d.sync_all())
        .map_err(file_error("sync the directory of", path))
}

/// Directories cannot be opened for syncing here; the file itself was synced.
#[cfg(not(unix))]
fn sync_dir(_path: &Path) -> Result<(), JournalError> {
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hex_matches_a_known_digest() {
        // SHA-256 of "abc", from FIPS 180-2.
        assert_eq!(
            &sha256_hex(b"abc"),
            b"ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
        assert_eq!(Tail::new().hash_str(), GENESIS);
    }

    #[test]
    fn split_hash_wants_the_exact_suffix() {
        let digits = "0123456789abcdef".repeat(4);
        let line = format!("{{\"v\":1,\"hash\":\"{digits}\"}}");
        let (body, found) = split_hash(line.as_bytes()).unwrap();
        assert_eq!(body, b"{\"v\":1");
        assert_eq!(found, digits.as_bytes());
        assert!(split_hash(line.to_uppercase().as_bytes()).is_none());
        assert!(split_hash(b"").is_none());
        assert!(split_hash(&line.as_bytes()[1..line.len() - 1]).is_none());
    }
}
