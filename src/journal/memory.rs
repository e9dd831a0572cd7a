//! A journal held in memory: the bytes of a journal file, and where they end.

use super::reader::Reader;
use super::tail::Tail;
use super::{Chain, JournalError, JournalOptions};
use crate::{Engagement, EngagementId, Recorded};

/// A journal held in memory: the bytes of a JSON Lines file and where it ends.
///
/// Useful in tests, and for apps that keep the bytes in their own storage. Appending checks
/// that each event follows the journal (engagement, sequence, time) and fits the engagement the
/// stored lines build, by the rulebook, before anything is added: a forged or stale event is
/// refused, never stored.
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
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Journal {
    bytes: Vec<u8>,
    tail: Tail,
    options: JournalOptions,
}

impl Default for Journal {
    fn default() -> Self {
        Self::with_options(JournalOptions::default())
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
            bytes: Vec::new(),
            tail: Tail::for_new(&options),
            options,
        }
    }

    /// Verifies stored bytes and takes them as a journal to append to, with the engagement they
    /// build (`None` when empty).
    ///
    /// # Errors
    ///
    /// [`JournalError::Line`] at the first bad line; a damaged journal is not taken (see
    /// [`recover`](super::recover)).
    pub fn from_bytes(
        bytes: Vec<u8>,
        options: &JournalOptions,
    ) -> Result<(Self, Option<Engagement>), JournalError> {
        let tail = read_tail(&bytes, options)?;
        let engagement = tail.engagement.clone();
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
    /// gap, time going back, no opening first, a second opening, a line over the limit) or the
    /// rulebook refuses it on the engagement the journal builds. Either way nothing is appended.
    pub fn append(
        &mut self,
        expected_last_seq: u64,
        events: &[Recorded],
    ) -> Result<u64, JournalError> {
        let start = self.bytes.len();
        match self.tail.check(expected_last_seq, events, &mut self.bytes) {
            Ok(checked) => {
                self.tail.commit(checked);
                // Issue 12: an erasure is carried out on the stored lines at once.
                if events
                    .iter()
                    .any(|r| matches!(r.event, crate::Event::Erased { .. }))
                    && let Some(engagement) = &self.tail.engagement
                    && let Some(erased) = super::erase(&self.bytes, engagement)?
                {
                    self.bytes = erased;
                    self.tail.len = self.bytes.len() as u64;
                }
                Ok(self.tail.chain.seq())
            }
            Err(refusal) => {
                self.bytes.truncate(start);
                if refusal.dirty {
                    // Some events of the batch were applied before one was refused: the stored
                    // bytes, which verified before, rebuild the engagement as it was.
                    self.tail = read_tail(&self.bytes, &self.options)?;
                }
                Err(refusal.error)
            }
        }
    }

    super::tail::journal_common!();

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

/// Verifies a whole journal's bytes into its tail.
fn read_tail(bytes: &[u8], options: &JournalOptions) -> Result<Tail, JournalError> {
    let mut reader = Reader::new(bytes, options);
    reader.drain()?;
    Ok(reader.tail)
}
