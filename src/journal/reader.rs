//! Reading a journal: a streaming iterator that verifies each line and replays its event, and
//! the whole-journal checks built on it.

use super::tail::{Tail, apply};
use super::{Chain, JournalError, JournalOptions, LineErrorKind};
use crate::{Engagement, Recorded};
use std::io::{self, BufRead, Read};

/// Reads a journal line by line, verifying each line and replaying its event: an iterator over
/// the verified events, which stops after the first error.
///
/// Memory is bounded by the line limit and the engagement's state; the events are handed out,
/// not kept. [`verify`], [`load`] and [`recover`](super::recover) are built on it.
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
    pub(super) tail: Tail,
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
            tail: Tail::new(options.max_line_bytes),
            line_end: false,
            done: false,
        }
    }

    /// The engagement the verified lines build; `None` before the first.
    #[must_use]
    pub fn engagement(&self) -> Option<&Engagement> {
        self.tail.engagement.as_ref()
    }

    /// The engagement the verified lines build.
    #[must_use]
    pub fn into_engagement(self) -> Option<Engagement> {
        self.tail.engagement
    }

    /// How many lines have been verified.
    #[must_use]
    pub fn lines(&self) -> u64 {
        self.tail.chain.seq()
    }

    /// The length in bytes of the verified lines, line ends included.
    #[must_use]
    pub fn valid_len(&self) -> u64 {
        self.tail.len
    }

    /// The last verified line's hash, or [`GENESIS`](super::GENESIS).
    #[must_use]
    pub fn last_hash(&self) -> &str {
        self.tail.chain.hash()
    }

    /// The chain after the verified lines: what a next line must follow.
    #[must_use]
    pub fn chain(&self) -> &Chain {
        &self.tail.chain
    }

    /// Reads the next line into the buffer; `Ok(None)` at the end of the input.
    fn read_line(&mut self) -> Result<Option<()>, JournalError> {
        let line = self.tail.chain.seq().saturating_add(1);
        let bad = |kind| JournalError::Line { line, kind };
        match next_line(
            &mut self.input,
            &mut self.buf,
            self.limit,
            &mut self.line_end,
        ) {
            Ok(Next::End) => Ok(None),
            Ok(Next::Line) => Ok(Some(())),
            Ok(Next::Unended) => Err(bad(unended(&self.tail, &self.buf))),
            Err(Failure::Line(kind)) => Err(bad(kind)),
            Err(Failure::Read(e)) => Err(JournalError::Read(e)),
        }
    }

    /// Checks the line in the buffer against the tail and applies its event.
    fn accept(&mut self) -> Result<Recorded, LineErrorKind> {
        let raw = self.buf.as_slice();
        let (recorded, hash) = self.tail.chain.check(raw)?;
        apply(&mut self.tail.engagement, &recorded)?;
        self.tail.note_erased(&recorded);
        self.tail.chain.learn_format(raw);
        self.tail.chain.advance(&recorded, hash);
        self.tail.len = self
            .tail
            .len
            .saturating_add(raw.len() as u64)
            .saturating_add(1);
        Ok(recorded)
    }

    /// Hands out the rest of the input's length after a failure (for
    /// [`Recovery`](super::Recovery)).
    pub(super) fn rest_len(&mut self) -> Result<u64, JournalError> {
        let copied = io::copy(&mut self.input, &mut io::sink()).map_err(JournalError::Read)?;
        Ok(copied
            .saturating_add(self.buf.len() as u64)
            .saturating_add(u64::from(self.line_end)))
    }

    /// Reads to the end, or to the first error. Nobody sees the events, so each is given away
    /// to the engagement (its records move in, not copied).
    pub(super) fn drain(&mut self) -> Result<(), JournalError> {
        while !self.done {
            let line = self.tail.chain.seq().saturating_add(1);
            let read = self.read_line().and_then(|read| {
                let Some(()) = read else {
                    return Ok(false);
                };
                let (recorded, hash) = self
                    .tail
                    .chain
                    .check(&self.buf)
                    .map_err(|kind| JournalError::Line { line, kind })?;
                self.tail
                    .take_line(recorded, hash, &self.buf)
                    .map_err(|kind| JournalError::Line { line, kind })?;
                Ok(true)
            });
            match read {
                Ok(true) => {}
                Ok(false) => {
                    self.done = true;
                    // Issue 12: every text erased in the lines was named by an erasure.
                    return self.tail.check_erased();
                }
                Err(e) => {
                    self.done = true;
                    return Err(e);
                }
            }
        }
        Ok(())
    }
}

/// What reading a line found.
pub(super) enum Next {
    /// The end of the input.
    End,
    /// A line, its LF taken off, within the limit.
    Line,
    /// The last bytes of the input, without a LF, within the limit and with no CR: a complete
    /// last line or a torn one, which only the chain can tell ([`unended`]).
    Unended,
}

/// Why a line could not be read.
#[derive(Debug)]
pub(super) enum Failure {
    /// Too long, or lines ended by CR alone.
    Line(LineErrorKind),
    /// The input failed.
    Read(io::Error),
}

/// Reads the next line of `input` into `buf` (cleared first), at most `limit` bytes and its
/// LF; `line_end` says whether the bytes read ended with a LF (taken off).
pub(super) fn next_line<R: BufRead>(
    input: &mut R,
    buf: &mut Vec<u8>,
    limit: usize,
    line_end: &mut bool,
) -> Result<Next, Failure> {
    buf.clear();
    let cap = u64::try_from(limit).unwrap_or(u64::MAX).saturating_add(1);
    let n = (&mut *input)
        .take(cap)
        .read_until(b'\n', buf)
        .map_err(Failure::Read)?;
    if n == 0 {
        return Ok(Next::End);
    }
    let too_long = Failure::Line(LineErrorKind::TooLong { limit });
    *line_end = buf.last() == Some(&b'\n');
    if *line_end {
        buf.pop();
        if buf.len() > limit {
            return Err(too_long);
        }
        return Ok(Next::Line);
    }
    // No LF: the end of the file, or a line over the limit. Lines ended by CR alone are told
    // apart, so that nobody cuts a whole file of them as one torn line.
    if buf.contains(&b'\r') {
        return Err(Failure::Line(LineErrorKind::CarriageReturnLineEnds));
    }
    if buf.len() > limit {
        return Err(too_long);
    }
    Ok(Next::Unended)
}

/// Names a last piece without its LF: complete (it verifies and fits, maybe followed by the
/// NUL bytes a power cut can leave) or torn.
pub(super) fn unended(tail: &Tail, buf: &[u8]) -> LineErrorKind {
    let len = buf.iter().rposition(|&b| b != 0).map_or(0, |i| i + 1);
    let line = buf.get(..len).unwrap_or_default();
    let fits = tail.chain.check(line).is_ok_and(|(recorded, _)| {
        // Only a last line gets here, so cloning the engagement once is cheap enough.
        let mut engagement = tail.engagement.clone();
        apply(&mut engagement, &recorded).is_ok()
    });
    if fits {
        LineErrorKind::MissingLineEnd { len }
    } else {
        LineErrorKind::Torn { len: buf.len() }
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
                // Issue 12: every text erased in the lines was named by an erasure.
                return self.tail.check_erased().err().map(Err);
            }
            Ok(Some(())) => self.accept().map_err(|kind| JournalError::Line {
                line: self.tail.chain.seq().saturating_add(1),
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
    /// The last line's hash, or [`GENESIS`](super::GENESIS) for an empty journal.
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
    reader.drain()?;
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
