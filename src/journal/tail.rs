//! Where a journal ends, and the checks every append makes before it writes: the expected
//! sequence number, the envelope of each event, and the rulebook, by applying each event to the
//! engagement the stored lines build.

use super::{Chain, JournalError, LineErrorKind};
use crate::{Engagement, Recorded, ReplayError};

/// Where a journal ends: what the next line must follow, and what the lines build.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) struct Tail {
    pub(super) chain: Chain,
    /// The bytes of the lines so far, line ends included.
    pub(super) len: u64,
    /// The engagement the lines build; `None` before the first.
    pub(super) engagement: Option<Engagement>,
    /// Issue 12: the texts the lines hold erased (seq, index), each to be named by an erasure
    /// by the end of the journal.
    pub(super) erased: Vec<(u64, u32)>,
}

/// A batch that passed every check, encoded and waiting to be written.
pub(super) struct Checked {
    pub(super) chain: Chain,
    pub(super) len: u64,
}

/// A refused batch, and whether the engagement took some of its events before the refusal (it
/// must then be rebuilt from the stored lines).
pub(super) struct Refusal {
    pub(super) error: JournalError,
    pub(super) dirty: bool,
}

impl Tail {
    pub(super) const fn new(limit: usize) -> Self {
        Self {
            chain: Chain::unbound(limit),
            len: 0,
            engagement: None,
            erased: Vec::new(),
        }
    }

    /// Notes the texts a line read holds erased.
    pub(super) fn note_erased(&mut self, recorded: &Recorded) {
        let texts = crate::engagement::personal::event_texts(&recorded.event, &recorded.by.id);
        for (index, (text, _)) in (0_u32..).zip(texts) {
            if crate::engagement::is_erased(text) {
                self.erased.push((recorded.seq, index));
            }
        }
    }

    /// Checks, at the end of a journal, that every text its lines hold erased was named by an
    /// erasure the journal records: a text removed without one is refused at its line.
    pub(super) fn check_erased(&self) -> Result<(), JournalError> {
        let Some(engagement) = &self.engagement else {
            return Ok(());
        };
        let slots = engagement.text_slots();
        for &(seq, index) in &self.erased {
            let found = slots
                .binary_search_by_key(&(seq, index), |s| (s.seq, s.index))
                .ok()
                .and_then(|i| slots.get(i));
            if found.is_none_or(|s| s.erased.is_none()) {
                return Err(JournalError::Line {
                    line: seq,
                    kind: LineErrorKind::TextPart {
                        index: usize::try_from(index).ok(),
                        detail: "is erased, but no erasure in the journal names it".to_owned(),
                    },
                });
            }
        }
        Ok(())
    }

    /// The tail of a new journal, in the format the options ask for.
    pub(super) fn for_new(options: &super::JournalOptions) -> Self {
        let mut tail = Self::new(options.max_line_bytes);
        if options.erasable {
            tail.chain.set_format(super::FORMAT_V2);
        }
        tail
    }

    /// Checks `events` to follow the tail and encodes them, each line with its LF, into `out`.
    /// Each event is applied to the engagement as it is checked, so the rulebook sees each on
    /// the state the ones before it built. The chain and length are returned, not taken:
    /// the caller commits them once the bytes are stored.
    pub(super) fn check(
        &mut self,
        expected_last_seq: u64,
        events: &[Recorded],
        out: &mut Vec<u8>,
    ) -> Result<Checked, Refusal> {
        let refuse = |error, dirty| Refusal { error, dirty };
        if expected_last_seq != self.chain.seq() {
            return Err(refuse(
                JournalError::Conflict {
                    expected: expected_last_seq,
                    found: self.chain.seq(),
                },
                false,
            ));
        }
        let mut chain = self.chain.clone();
        let start = out.len();
        for (n, recorded) in events.iter().enumerate() {
            let refused = |kind| JournalError::Refused {
                seq: recorded.seq,
                kind,
            };
            let line_start = out.len();
            let hash = chain
                .encode_into(recorded, out)
                .map_err(|kind| refuse(refused(kind), n > 0))?;
            out.push(b'\n');
            if let Err(e) = apply(&mut self.engagement, recorded) {
                out.truncate(line_start);
                return Err(refuse(refused(LineErrorKind::Replay(e)), n > 0));
            }
            chain.advance(recorded, hash);
        }
        let written = u64::try_from(out.len().saturating_sub(start)).unwrap_or(u64::MAX);
        Ok(Checked {
            chain,
            len: self.len.saturating_add(written),
        })
    }

    /// Moves past a line the chain checked (`len` bytes without its LF), giving its event
    /// away to the engagement; if the rulebook refuses it, the tail is left as it was.
    pub(super) fn take_line(
        &mut self,
        recorded: Recorded,
        hash: [u8; 64],
        raw: &[u8],
    ) -> Result<(), LineErrorKind> {
        let len = raw.len();
        let before = self.chain.position();
        self.chain.learn_format(raw);
        if self.chain.format() == super::FORMAT_V2 {
            self.note_erased(&recorded);
        }
        self.chain.advance(&recorded, hash);
        if let Err(e) = apply_owned(&mut self.engagement, recorded) {
            self.chain.rewind(before);
            return Err(e.into());
        }
        self.len = self.len.saturating_add(len as u64).saturating_add(1);
        Ok(())
    }

    /// Takes a batch as stored.
    pub(super) fn commit(&mut self, checked: Checked) {
        self.chain = checked.chain;
        self.len = checked.len;
    }
}

/// Applies one event to the engagement the lines before it build (or opens it), by the
/// rulebook; on error the engagement is unchanged.
pub(super) fn apply(
    engagement: &mut Option<Engagement>,
    recorded: &Recorded,
) -> Result<(), ReplayError> {
    match engagement {
        Some(engagement) => engagement.apply(recorded),
        None => {
            *engagement = Some(Engagement::replay([recorded.clone()])?);
            Ok(())
        }
    }
}

/// As [`apply`], giving the event away: its records move into the engagement.
pub(super) fn apply_owned(
    engagement: &mut Option<Engagement>,
    recorded: Recorded,
) -> Result<(), ReplayError> {
    match engagement {
        Some(engagement) => engagement.apply_owned(recorded),
        None => {
            *engagement = Some(Engagement::replay([recorded])?);
            Ok(())
        }
    }
}

/// The sequence number an engagement's pending events follow.
pub(super) fn pending_base(engagement: &Engagement) -> u64 {
    engagement
        .pending()
        .first()
        .map_or(engagement.last_seq(), |r| r.seq.saturating_sub(1))
}

/// Refuses pending events of another engagement than the journal's.
pub(super) fn same_engagement(chain: &Chain, engagement: &Engagement) -> Result<(), JournalError> {
    match chain.engagement() {
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

/// What both journals (in memory and in a file) offer on top of their own `append`: appending an
/// engagement's pending events, and where the journal ends. Written once, for their `tail`.
macro_rules! journal_common {
    () => {
        /// Appends the engagement's pending events and, once they are stored, takes them from
        /// it. Returns the new last sequence number.
        ///
        /// # Errors
        ///
        /// As [`Self::append`], and [`JournalError::Refused`] when the engagement is not the
        /// journal's. On error the events stay pending in the engagement.
        pub fn append_pending(&mut self, engagement: &mut Engagement) -> Result<u64, JournalError> {
            super::tail::same_engagement(&self.tail.chain, engagement)?;
            let expected = super::tail::pending_base(engagement);
            let last = self.append(expected, engagement.pending())?;
            engagement.take_pending();
            Ok(last)
        }

        /// The last sequence number; 0 when empty.
        #[must_use]
        pub fn last_seq(&self) -> u64 {
            self.tail.chain.seq()
        }

        /// The last line's hash, or [`GENESIS`](super::GENESIS) when empty.
        #[must_use]
        pub fn last_hash(&self) -> &str {
            self.tail.chain.hash()
        }

        /// The chain where the journal ends: what its next line must follow.
        #[must_use]
        pub fn chain(&self) -> &Chain {
            &self.tail.chain
        }

        /// The engagement's id, once its opening is stored.
        #[must_use]
        pub fn engagement_id(&self) -> Option<&EngagementId> {
            self.tail.chain.engagement()
        }

        /// The engagement the stored events build, which the next append is checked against;
        /// `None` when empty.
        #[must_use]
        pub fn engagement(&self) -> Option<&Engagement> {
            self.tail.engagement.as_ref()
        }
    };
}

pub(super) use journal_common;
