//! The hash chain row by row: what the next line must follow, how one line is written, and how
//! one stored line is checked against the one before it.

use super::format::{
    BOM, HASH_CLOSE, HASH_OPEN, LineIn, LineOut, Probe, is_hex64, sha256_hex, split_hash,
};
use super::format_v2::{self, Salts};
use super::{
    DEFAULT_MAX_LINE_BYTES, FORMAT_V2, FORMAT_VERSION, GENESIS, JournalError, JournalOptions,
};
use super::{LineErrorKind, shorten};
use crate::{EngagementId, Event, Recorded, ReplayError, ReplayErrorKind};
use chrono::{DateTime, Utc};
use std::borrow::Cow;

/// One journal line: its exact bytes without the trailing LF, and its hash.
///
/// A store that keeps lines as rows (a database) stores `bytes` as they are; the rows' bytes,
/// each followed by one LF, are a journal file that [`verify`](super::verify) accepts.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Line {
    /// The event's sequence number, which is also the line's number.
    pub seq: u64,
    /// The line's bytes, without the LF that ends it in a file.
    pub bytes: Vec<u8>,
    /// The line's hash: 64 lowercase hex digits, the `prev` of the next line.
    pub hash: String,
}

impl Line {
    /// The hash a stored line's own `hash` member holds (of a version 1 or 2 line), without
    /// checking the line: how a store resumes the chain from its last row without reading the
    /// rows before it. `None` when the bytes hold no such member where the format puts it.
    #[must_use]
    pub fn stored_hash(bytes: &[u8]) -> Option<&str> {
        let digits = if bytes.starts_with(format_v2::V2_START) {
            format_v2::split(bytes).map(|(_, digits, _)| digits)
        } else {
            split_hash(bytes).map(|(_, digits)| digits)
        }?;
        std::str::from_utf8(digits).ok()
    }

    /// The format version of a stored line: 2 for a line that starts as version 2 lines do,
    /// else 1.
    #[must_use]
    pub fn format_of(bytes: &[u8]) -> u64 {
        if bytes.starts_with(format_v2::V2_START) {
            FORMAT_V2
        } else {
            FORMAT_VERSION
        }
    }
}

/// The chain's state between lines: the engagement, the last sequence number and the last
/// line's hash (and, when known, the last event's time).
///
/// [`Chain::encode`] writes the next line and [`Chain::verify`] checks a stored one; both
/// advance the chain only when they succeed, so a refused line leaves it where it was. They
/// check what the format says of a line (hash, `prev`, engagement, sequence, time); whether the
/// event fits the engagement is the rulebook's question, which stores ask by applying it to the
/// engagement they keep.
///
/// ```
/// use chrono::{TimeZone, Utc};
/// use pendamping::journal::{Chain, GENESIS};
/// use pendamping::{Actor, ActorKind, ClientSystem, ClientSystemLevel, Engagement, EngagementId};
/// use pendamping::{Opening, Policy, TeamMember};
///
/// let siti = Actor::new("w:siti", ActorKind::SocialWorker)?;
/// let at = Utc.with_ymd_and_hms(2026, 3, 2, 9, 0, 0).unwrap();
/// let id = EngagementId::new("pkh-0142")?;
/// let mut case = Engagement::open(&siti, at, Opening {
///     id: id.clone(),
///     client: ClientSystem { level: ClientSystemLevel::Family, name: "Keluarga Sari".into() },
///     team: vec![TeamMember { id: siti.id.clone(), kind: ActorKind::SocialWorker, name: "Siti".into() }],
///     policy: Policy::default(),
/// })?;
///
/// // Writing: one row per event.
/// let mut writer = Chain::new(id.clone());
/// assert_eq!((writer.seq(), writer.hash()), (0, GENESIS));
/// let line = writer.encode(&case.take_pending()[0])?;
/// assert_eq!((line.seq, writer.hash()), (1, line.hash.as_str()));
///
/// // Reading a stored row back, from a state kept elsewhere (a database's last row).
/// let mut reader = Chain::resume(id, 0, GENESIS)?;
/// let event = reader.verify(&line.bytes)?;
/// assert_eq!(event.seq, 1);
/// assert_eq!(reader, writer);
///
/// // The same row again does not follow.
/// let err = reader.verify(&line.bytes).unwrap_err();
/// assert_eq!(err.line(), Some(2));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Chain {
    /// The engagement; `None` only for a journal that learns it from its opening line.
    id: Option<EngagementId>,
    seq: u64,
    hash: [u8; 64],
    at: Option<DateTime<Utc>>,
    limit: usize,
    /// The format version of the lines: 1 unless set, or learnt from line 1 when reading.
    format: u64,
}

impl Chain {
    /// The chain of an engagement before its first line: seq 0, hash [`GENESIS`].
    #[must_use]
    pub fn new(engagement: EngagementId) -> Self {
        Self {
            id: Some(engagement),
            ..Self::unbound(DEFAULT_MAX_LINE_BYTES)
        }
    }

    /// A chain that takes its engagement from the opening on line 1: how a journal file is read.
    pub(super) const fn unbound(limit: usize) -> Self {
        Self {
            id: None,
            seq: 0,
            hash: [b'0'; 64],
            at: None,
            limit,
            format: FORMAT_VERSION,
        }
    }

    /// The same chain writing and expecting lines of another format version: 1 (the default)
    /// or 2 ([`FORMAT_V2`], erasable personal text). A chain reading a journal from its start
    /// takes the version of line 1.
    ///
    /// # Errors
    ///
    /// [`JournalError::Refused`] with [`LineErrorKind::UnsupportedVersion`] for another number.
    pub fn with_format(mut self, format: u64) -> Result<Self, JournalError> {
        if format != FORMAT_VERSION && format != FORMAT_V2 {
            return Err(JournalError::Refused {
                seq: self.seq.saturating_add(1),
                kind: LineErrorKind::UnsupportedVersion { found: format },
            });
        }
        self.format = format;
        Ok(self)
    }

    /// Sets a version this crate knows.
    pub(super) fn set_format(&mut self, format: u64) {
        self.format = format;
    }

    /// The format version of the chain's lines.
    #[must_use]
    pub fn format(&self) -> u64 {
        self.format
    }

    /// The chain after the line with sequence number `seq` and hash `hash`, as a store kept
    /// them. The last event's time is not known, so the next line's time is not checked against
    /// it (see [`Chain::with_last_at`]).
    ///
    /// # Errors
    ///
    /// [`JournalError::BadChainState`] unless `hash` is 64 lowercase hex digits, and
    /// [`GENESIS`] exactly when `seq` is 0.
    pub fn resume(engagement: EngagementId, seq: u64, hash: &str) -> Result<Self, JournalError> {
        let bytes = hash.as_bytes();
        let genesis = hash == GENESIS;
        match <[u8; 64]>::try_from(bytes) {
            Ok(digits) if is_hex64(bytes) && (seq == 0) == genesis => Ok(Self {
                seq,
                hash: digits,
                ..Self::new(engagement)
            }),
            _ => Err(JournalError::BadChainState {
                seq,
                hash: shorten(hash),
            }),
        }
    }

    /// The same chain, knowing the last event's time, so that a next line earlier than it is
    /// refused ([`LineErrorKind::TimeWentBack`]).
    #[must_use]
    pub fn with_last_at(mut self, at: DateTime<Utc>) -> Self {
        self.at = Some(at);
        self
    }

    /// The same chain with another line limit (by default [`DEFAULT_MAX_LINE_BYTES`]).
    #[must_use]
    pub fn with_options(mut self, options: &JournalOptions) -> Self {
        self.limit = options.max_line_bytes;
        self
    }

    /// The engagement, once known (always, for a chain made with [`Chain::new`] or
    /// [`Chain::resume`]).
    #[must_use]
    pub fn engagement(&self) -> Option<&EngagementId> {
        self.id.as_ref()
    }

    /// The last sequence number: 0 before the first line.
    #[must_use]
    pub fn seq(&self) -> u64 {
        self.seq
    }

    /// The last line's hash, or [`GENESIS`] before the first line.
    #[must_use]
    pub fn hash(&self) -> &str {
        std::str::from_utf8(&self.hash).unwrap_or_default()
    }

    /// The last event's time, when known.
    #[must_use]
    pub fn last_at(&self) -> Option<DateTime<Utc>> {
        self.at
    }

    /// Writes the line of the next event and advances the chain to it.
    ///
    /// # Errors
    ///
    /// [`JournalError::Refused`] when the event does not follow (its sequence number is not the
    /// next, its time goes back, line 1 is not an opening of this engagement, a later line is
    /// an opening) or its line would be over the limit; the chain does not move.
    pub fn encode(&mut self, recorded: &Recorded) -> Result<Line, JournalError> {
        self.encode_salted(recorded, &mut format_v2::os_salt)
    }

    /// [`Chain::encode`], with the salts of a version 2 line's personal texts from `salts`
    /// instead of the operating system's random number generator. Salts must be unpredictable
    /// (see the [module](super) docs): a source other than a cryptographic random number
    /// generator is for tests.
    ///
    /// # Errors
    ///
    /// As [`Chain::encode`].
    pub fn encode_with(
        &mut self,
        recorded: &Recorded,
        mut salts: impl FnMut() -> [u8; 32],
    ) -> Result<Line, JournalError> {
        self.encode_salted(recorded, &mut || Ok(salts()))
    }

    fn encode_salted(
        &mut self,
        recorded: &Recorded,
        salts: Salts<'_>,
    ) -> Result<Line, JournalError> {
        let mut bytes = Vec::with_capacity(512);
        let hash = self
            .write_line(recorded, &mut bytes, 0, salts)
            .map_err(|kind| JournalError::Refused {
                seq: recorded.seq,
                kind,
            })?;
        self.advance(recorded, hash);
        Ok(Line {
            seq: recorded.seq,
            bytes,
            hash: self.hash().to_owned(),
        })
    }

    /// Checks one stored line (without its LF) against the chain, and advances the chain to it.
    /// Returns the line's event.
    ///
    /// # Errors
    ///
    /// [`JournalError::Line`] at line `seq() + 1` with the first check that fails, in the order
    /// the [module](super) lists; the chain does not move.
    pub fn verify(&mut self, bytes: &[u8]) -> Result<Recorded, JournalError> {
        let line = self.seq.saturating_add(1);
        let bad = |kind| JournalError::Line { line, kind };
        if bytes.len() > self.limit {
            return Err(bad(LineErrorKind::TooLong { limit: self.limit }));
        }
        if let Some(at) = bytes.iter().position(|&b| b == b'\n') {
            return Err(bad(LineErrorKind::Malformed {
                detail: format!("a line end (LF) inside the line, at column {}", at + 1),
            }));
        }
        let (recorded, hash) = self.check(bytes).map_err(bad)?;
        self.learn_format(bytes);
        self.advance(&recorded, hash);
        Ok(recorded)
    }

    /// Checks the envelope of the next event: its engagement, sequence number and time, and
    /// that only line 1 opens. Returns the engagement's id.
    fn follow<'t>(
        &'t self,
        seq: u64,
        at: DateTime<Utc>,
        event: &'t Event,
    ) -> Result<&'t str, LineErrorKind> {
        let replay = |kind| LineErrorKind::Replay(ReplayError { seq, kind });
        let id = match (&self.id, event) {
            (_, Event::Opened { .. }) if self.seq > 0 => {
                return Err(replay(ReplayErrorKind::OpenedTwice));
            }
            (_, _) if self.seq == 0 && !matches!(event, Event::Opened { .. }) => {
                return Err(replay(ReplayErrorKind::NotOpened));
            }
            (Some(id), Event::Opened { id: opened, .. }) if opened != id => {
                return Err(LineErrorKind::WrongEngagement {
                    expected: id.as_str().to_owned(),
                    found: opened.as_str().to_owned(),
                });
            }
            (Some(id), _) => id.as_str(),
            (None, Event::Opened { id, .. }) => id.as_str(),
            (None, _) => return Err(replay(ReplayErrorKind::NotOpened)),
        };
        let expected = self.seq.saturating_add(1);
        if seq != expected {
            return Err(LineErrorKind::Sequence {
                expected,
                found: seq,
            });
        }
        if let Some(last) = self.at
            && at < last
        {
            return Err(LineErrorKind::TimeWentBack { at, last });
        }
        Ok(id)
    }

    /// Appends the next event's line, without its LF, to `out`, and returns its hash; on error
    /// `out` is as it was. The chain does not move.
    pub(super) fn encode_into(
        &self,
        recorded: &Recorded,
        out: &mut Vec<u8>,
    ) -> Result<[u8; 64], LineErrorKind> {
        let start = out.len();
        let result = self.write_line(recorded, out, start, &mut format_v2::os_salt);
        if result.is_err() {
            out.truncate(start);
        }
        result
    }

    fn write_line(
        &self,
        recorded: &Recorded,
        out: &mut Vec<u8>,
        start: usize,
        salts: Salts<'_>,
    ) -> Result<[u8; 64], LineErrorKind> {
        let id = self.follow(recorded.seq, recorded.at, &recorded.event)?;
        let v2 = self.format == FORMAT_V2;
        let committed = if v2 {
            Some(format_v2::commit(
                &recorded.event,
                &recorded.by,
                id,
                recorded.seq,
                salts,
            )?)
        } else if matches!(recorded.event, Event::Erased { .. }) {
            return Err(LineErrorKind::ErasureNeedsV2);
        } else {
            None
        };
        let line = LineOut {
            v: self.format,
            engagement: id,
            seq: recorded.seq,
            at: &recorded.at,
            by: &recorded.by,
            event: committed
                .as_ref()
                .map_or(&recorded.event, |(event, _)| event),
            prev: self.hash(),
        };
        serde_json::to_writer(&mut *out, &line).map_err(|e| LineErrorKind::Malformed {
            detail: e.to_string(),
        })?;
        // The serialised object ends with `}`; the hash member goes before it.
        if out.pop() != Some(b'}') {
            return Err(LineErrorKind::Malformed {
                detail: "the event did not serialise to a JSON object".to_owned(),
            });
        }
        let hash = sha256_hex(out.get(start..).unwrap_or_default());
        if let Some((_, part)) = committed {
            format_v2::finish(out, &hash, &part);
        } else {
            out.extend_from_slice(HASH_OPEN);
            out.extend_from_slice(&hash);
            out.extend_from_slice(HASH_CLOSE);
        }
        if out.len().saturating_sub(start) > self.limit {
            return Err(LineErrorKind::TooLong { limit: self.limit });
        }
        Ok(hash)
    }

    /// Checks a stored line (without its LF, within the limit) against the chain, in the
    /// documented order. Returns its event and hash; the chain does not move.
    pub(super) fn check(&self, raw: &[u8]) -> Result<(Recorded, [u8; 64]), LineErrorKind> {
        self.format_fits(raw)?;
        self.link(parse(raw)?)
    }

    /// A version 2 line in a version 1 journal is named before its parts are read (the
    /// pipelined reader asks this too, before it looks at what the other thread parsed).
    pub(super) fn format_fits(&self, raw: &[u8]) -> Result<(), LineErrorKind> {
        if raw.starts_with(format_v2::V2_START) && self.seq > 0 && self.format != FORMAT_V2 {
            return Err(LineErrorKind::FormatChanged {
                expected: self.format,
                found: FORMAT_V2,
            });
        }
        Ok(())
    }

    /// The checks of a parsed line that need the chain, in the documented order after those
    /// [`parse`] makes: the journal's format version, then it follows the last line, in
    /// sequence and time, for this engagement.
    pub(super) fn link(&self, line: Parsed<'_>) -> Result<(Recorded, [u8; 64]), LineErrorKind> {
        if self.seq > 0 && line.v != self.format {
            return Err(LineErrorKind::FormatChanged {
                expected: self.format,
                found: line.v,
            });
        }
        if line.prev.as_bytes() != self.hash {
            return Err(LineErrorKind::BrokenChain {
                expected: self.hash().to_owned(),
                found: shorten(&line.prev),
            });
        }
        let id = self.follow(line.recorded.seq, line.recorded.at, &line.recorded.event)?;
        if line.engagement != id {
            return Err(LineErrorKind::WrongEngagement {
                expected: id.to_owned(),
                found: shorten(&line.engagement),
            });
        }
        if line.v != FORMAT_V2 && matches!(line.recorded.event, Event::Erased { .. }) {
            return Err(LineErrorKind::ErasureNeedsV2);
        }
        Ok((line.recorded, line.hash))
    }

    /// Moves the chain past a line that was checked or written.
    pub(super) fn advance(&mut self, recorded: &Recorded, hash: [u8; 64]) {
        if self.id.is_none()
            && let Event::Opened { id, .. } = &recorded.event
        {
            self.id = Some(id.clone());
        }
        self.seq = recorded.seq;
        self.at = Some(recorded.at);
        self.hash = hash;
    }

    /// Takes the format version of line 1, when reading a journal from its start.
    pub(super) fn learn_format(&mut self, raw: &[u8]) {
        if self.seq == 0 {
            self.format = Line::format_of(raw);
        }
    }

    /// Where the chain stands, to go back to with [`rewind`](Self::rewind): a reader that
    /// moves the chain before it gives the event away to be applied goes back if that fails.
    pub(super) fn position(&self) -> Position {
        Position {
            seq: self.seq,
            at: self.at,
            hash: self.hash,
            bound: self.id.is_some(),
        }
    }

    /// Goes back to a position this chain stood at.
    pub(super) fn rewind(&mut self, to: Position) {
        self.seq = to.seq;
        self.at = to.at;
        self.hash = to.hash;
        if !to.bound {
            self.id = None;
        }
    }
}

/// A [`Chain`]'s place, without its engagement's id (only whether it had one).
#[derive(Clone, Copy, Debug)]
pub(super) struct Position {
    seq: u64,
    at: Option<DateTime<Utc>>,
    hash: [u8; 64],
    bound: bool,
}

/// A stored line as the checks that need no chain leave it: parsed, its version and hash
/// checked (the hash by [`sealed`], which may run apart from [`read_fields`]). Lines are independent up to here, so a reader may make these ahead, in parallel.
#[derive(Debug)]
pub(super) struct Parsed<'a> {
    /// The line's format version.
    v: u64,
    recorded: Recorded,
    engagement: Cow<'a, str>,
    prev: Cow<'a, str>,
    hash: [u8; 64],
}

impl Parsed<'_> {
    /// The same, with the hash [`sealed`] computed.
    pub(super) fn with_hash(self, hash: [u8; 64]) -> Self {
        Self { hash, ..self }
    }

    /// The same, owning its text, to be handed to another thread.
    pub(super) fn owned(self) -> Parsed<'static> {
        Parsed {
            v: self.v,
            recorded: self.recorded,
            engagement: Cow::Owned(self.engagement.into_owned()),
            prev: Cow::Owned(self.prev.into_owned()),
            hash: self.hash,
        }
    }
}

/// The checks of a stored line that need no chain, in the documented order: no byte order mark
/// or CR, UTF-8, JSON of this format's version, and a hash that is the line's.
pub(super) fn parse(raw: &[u8]) -> Result<Parsed<'_>, LineErrorKind> {
    let mut line = read_fields(raw)?;
    line.hash = sealed(raw)?;
    Ok(line)
}

/// The first part of [`parse`]: everything up to the hash itself (its member is checked to be
/// the line's last, in lowercase hex). The hash is [`sealed`]'s to compute.
pub(super) fn read_fields(raw: &[u8]) -> Result<Parsed<'_>, LineErrorKind> {
    if raw.starts_with(BOM) {
        return Err(LineErrorKind::ByteOrderMark);
    }
    if raw.last() == Some(&b'\r') {
        return Err(LineErrorKind::CarriageReturn);
    }
    let text = std::str::from_utf8(raw).map_err(|e| LineErrorKind::NotUtf8 {
        column: e.valid_up_to().saturating_add(1),
    })?;
    if raw.starts_with(format_v2::V2_START) {
        return parse_v2(raw);
    }
    let line: LineIn<'_> = match serde_json::from_str(text) {
        Ok(line) => line,
        Err(e) => {
            return Err(match serde_json::from_str::<Probe>(text) {
                Ok(Probe { v: FORMAT_V2 }) => LineErrorKind::Malformed {
                    detail: "a version 2 line starts with {\"v\":2,".to_owned(),
                },
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
    if split_hash(raw).is_none_or(|(_, digits)| digits != line.hash.as_bytes()) {
        return Err(LineErrorKind::BadHashField {
            found: shorten(&line.hash),
        });
    }
    Ok(Parsed {
        v: FORMAT_VERSION,
        recorded: Recorded {
            seq: line.seq,
            at: line.at,
            by: line.by,
            event: line.event,
        },
        engagement: line.engagement,
        prev: line.prev,
        hash: [0; 64],
    })
}

/// The second part of [`parse`], for a line [`read_fields`] accepted: the SHA-256 of the bytes
/// before the hash member, which must be the stored one.
pub(super) fn sealed(raw: &[u8]) -> Result<[u8; 64], LineErrorKind> {
    if raw.starts_with(format_v2::V2_START) {
        // [`parse_v2`] checked it already (before the text part, as the documented order
        // asks); the hash is computed again here, where a version 1 line's is.
        let (body, stored, _) = format_v2::split(raw).unwrap_or_default();
        let computed = format_v2::hash_of(body);
        return if computed == stored {
            Ok(computed)
        } else {
            Err(LineErrorKind::HashMismatch {
                stored: String::from_utf8_lossy(stored).into_owned(),
                computed: String::from_utf8_lossy(&computed).into_owned(),
            })
        };
    }
    let (body, stored) = split_hash(raw).unwrap_or_default();
    let computed = sha256_hex(body);
    if computed != stored {
        return Err(LineErrorKind::HashMismatch {
            stored: String::from_utf8_lossy(stored).into_owned(),
            computed: String::from_utf8_lossy(&computed).into_owned(),
        });
    }
    Ok(computed)
}

/// [`read_fields`] of a version 2 line: the hashed part parsed and its hash checked, then the
/// text part against the commitments (so a line damaged in both is named by its hash).
fn parse_v2(raw: &[u8]) -> Result<Parsed<'_>, LineErrorKind> {
    let (body, stored, part) =
        format_v2::split(raw).ok_or_else(|| LineErrorKind::BadHashField {
            found: String::new(),
        })?;
    let mut object = Vec::with_capacity(body.len() + 1);
    object.extend_from_slice(body);
    object.push(b'}');
    let mut line: format_v2::BodyIn<'_> =
        serde_json::from_slice(&object).map_err(|e| LineErrorKind::Malformed {
            detail: e.to_string(),
        })?;
    let computed = format_v2::hash_of(body);
    if computed != stored {
        return Err(LineErrorKind::HashMismatch {
            stored: String::from_utf8_lossy(stored).into_owned(),
            computed: String::from_utf8_lossy(&computed).into_owned(),
        });
    }
    format_v2::open(&mut line, part)?;
    Ok(Parsed {
        v: line.v,
        recorded: Recorded {
            seq: line.seq,
            at: line.at,
            by: line.by,
            event: line.event,
        },
        // The body borrows from `object`, which ends here.
        engagement: Cow::Owned(line.engagement.into_owned()),
        prev: Cow::Owned(line.prev.into_owned()),
        hash: computed,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_new_chain_starts_at_genesis() {
        let id = EngagementId::new("pkh-1").unwrap();
        let chain = Chain::new(id.clone());
        assert_eq!((chain.seq(), chain.hash()), (0, GENESIS));
        assert_eq!(Chain::resume(id, 0, GENESIS).unwrap(), chain);
        assert_eq!(Chain::unbound(DEFAULT_MAX_LINE_BYTES).hash(), GENESIS);
    }
}
