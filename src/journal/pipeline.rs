//! Reading a journal on two threads. Up to the chain check a line needs nothing from the lines
//! before it: finding it and its UTF-8 and JSON parse (the larger part of reading) are made by a
//! second thread, ahead, while this one hashes each parsed line, links it to the chain and
//! replays its event, in order. The hash, and the parse of one batch in
//! [`PARSED_HERE_ONE_IN`], are made here so that the two threads' shares are about equal.
//! The result and every error are those of [`verify`](super::verify), at the same line.

use super::chain::{Parsed, read_fields, sealed};
use super::reader::{Failure, Next, next_line, unended};
use super::tail::Tail;
use super::{JournalError, JournalOptions, Verified};
use crate::Engagement;
use std::io::BufRead;
use std::sync::mpsc::{SyncSender, sync_channel};

/// Lines a message carries: enough that handing them over costs little beside parsing them.
const BATCH: usize = 64;

/// One batch in this many is sent unparsed, for this thread to parse. Parsing a line costs
/// about 1.5 times what hashing, chaining and replaying it costs (3.2 against 2.2 µs a line in
/// `benches/journal.rs`), so with every line parsed ahead the reading thread is the slower; with
/// one batch in six parsed here the two take about as long.
const PARSED_HERE_ONE_IN: usize = 6;

/// Messages the reading thread may be ahead by, which bounds the memory the lines in flight
/// take (at most `BATCH × AHEAD` lines).
const AHEAD: usize = 8;

/// Lines the reading thread has read and parsed: their bytes one after the other, and what it
/// made of each.
struct Batch {
    bytes: Vec<u8>,
    items: Vec<Item>,
}

/// What the reading thread made of one line.
#[allow(
    clippy::large_enum_variant,
    reason = "nearly every item is a line; boxing it would allocate once more per line"
)]
enum Item {
    /// A line ending at `end` in the batch's bytes (its LF taken off), parsed, or what is
    /// wrong with it; `None` when it was left for this thread to parse.
    Line {
        end: usize,
        parsed: Option<Result<Parsed<'static>, super::LineErrorKind>>,
    },
    /// The last bytes, without a LF: only the chain can tell a complete line from a torn one.
    Unended(Vec<u8>),
    /// A line that could not be read.
    Failed(Failure),
}

impl Batch {
    fn new() -> Self {
        Self {
            bytes: Vec::with_capacity(BATCH * 1024),
            items: Vec::with_capacity(BATCH),
        }
    }
}

/// Reads and verifies a whole journal as [`verify`](super::verify) does, with most lines
/// parsed ahead on a second thread. It is for a machine with a core to spare: the two threads
/// cost about a sixth more processor time together than `verify` alone (measured with both on
/// one core), so where no core is free it is slower, not faster.
///
/// The input is read on the second thread, so it must be [`Send`] (a file, a byte slice, a
/// buffered socket); [`verify`](super::verify) reads any [`BufRead`] on the calling thread.
/// Memory stays bounded: at most a few hundred lines are in flight.
///
/// ```
/// use pendamping::journal::{self, JournalOptions};
///
/// let verified = journal::verify_pipelined(&b""[..], &JournalOptions::default())?;
/// assert_eq!(verified.lines, 0);
/// # Ok::<(), pendamping::JournalError>(())
/// ```
///
/// # Errors
///
/// As [`verify`](super::verify): [`JournalError::Line`] at the first bad line, or
/// [`JournalError::Read`].
pub fn verify_pipelined<R: BufRead + Send>(
    input: R,
    options: &JournalOptions,
) -> Result<Verified, JournalError> {
    let limit = options.max_line_bytes;
    let mut tail = Tail::new(limit);
    std::thread::scope(|scope| {
        let (send, receive) = sync_channel(AHEAD);
        scope.spawn(move || read_ahead(input, limit, &send));
        // Leaving on an error drops the receiver, which stops the reading thread at its next
        // message; the scope waits for it.
        for batch in receive {
            let mut start = 0;
            for item in batch.items {
                follow(&mut tail, &batch.bytes, &mut start, item)?;
            }
        }
        Ok::<(), JournalError>(())
    })?;
    // Issue 12: every text erased in the lines was named by an erasure.
    tail.check_erased()?;
    Ok(Verified {
        lines: tail.chain.seq(),
        len: tail.len,
        last_hash: tail.chain.hash().to_owned(),
        engagement: tail.engagement,
    })
}

/// Reads, verifies and replays a journal into its engagement, as [`verify_pipelined`].
///
/// # Errors
///
/// As [`verify_pipelined`], and [`JournalError::Empty`] when the journal has no events.
pub fn load_pipelined<R: BufRead + Send>(
    input: R,
    options: &JournalOptions,
) -> Result<Engagement, JournalError> {
    verify_pipelined(input, options)?
        .engagement
        .ok_or(JournalError::Empty)
}

/// The second thread: reads and parses lines in batches until the input ends, a line is bad
/// (nothing after it is needed), or the receiver has gone.
fn read_ahead<R: BufRead>(mut input: R, limit: usize, send: &SyncSender<Batch>) {
    let mut buf = Vec::new();
    let mut line_end = false;
    let mut batch = Batch::new();
    let mut batches = 0_usize;
    loop {
        let parse_here = batches % PARSED_HERE_ONE_IN == PARSED_HERE_ONE_IN - 1;
        let (item, last) = match next_line(&mut input, &mut buf, limit, &mut line_end) {
            Ok(Next::End) => break,
            Ok(Next::Line) => {
                let parsed = (!parse_here).then(|| read_fields(&buf).map(Parsed::owned));
                let last = parsed.as_ref().is_some_and(Result::is_err);
                batch.bytes.extend_from_slice(&buf);
                let end = batch.bytes.len();
                (Item::Line { end, parsed }, last)
            }
            Ok(Next::Unended) => (Item::Unended(std::mem::take(&mut buf)), true),
            Err(failure) => (Item::Failed(failure), true),
        };
        batch.items.push(item);
        if last {
            break;
        }
        if batch.items.len() == BATCH {
            batches = batches.wrapping_add(1);
            if send
                .send(std::mem::replace(&mut batch, Batch::new()))
                .is_err()
            {
                return;
            }
        }
    }
    // The receiver may have gone; then nobody needs these.
    let _ = send.send(batch);
}

/// This thread: hashes a line the other parsed, links it to the chain and applies its event,
/// in order. `start` is where the line begins in `bytes`, moved past it.
fn follow(
    tail: &mut Tail,
    bytes: &[u8],
    start: &mut usize,
    item: Item,
) -> Result<(), JournalError> {
    let line = tail.chain.seq().saturating_add(1);
    let bad = |kind| JournalError::Line { line, kind };
    match item {
        Item::Line { end, parsed } => {
            let raw = bytes.get(*start..end).unwrap_or_default();
            *start = end;
            tail.chain.format_fits(raw).map_err(bad)?;
            let parsed = match parsed {
                Some(parsed) => parsed,
                None => read_fields(raw),
            }
            .map_err(bad)?;
            let hash = sealed(raw).map_err(bad)?;
            let (recorded, hash) = tail.chain.link(parsed.with_hash(hash)).map_err(bad)?;
            tail.take_line(recorded, hash, raw).map_err(bad)
        }
        Item::Unended(bytes) => Err(bad(unended(tail, &bytes))),
        Item::Failed(Failure::Line(kind)) => Err(bad(kind)),
        Item::Failed(Failure::Read(e)) => Err(JournalError::Read(e)),
    }
}
