//! After a crash: the longest verified prefix of a journal, what follows it, and the repair a
//! crash's damage calls for. Finding changes nothing; repairing is the app's call.

use super::reader::Reader;
use super::{JournalError, JournalOptions, LineErrorKind};
use crate::{Engagement, Recorded};
use std::io::BufRead;

/// The verified prefix of a journal and what follows it, as found by [`recover`].
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct Recovery {
    /// The events of the verified lines, in order.
    pub events: Vec<Recorded>,
    /// The length in bytes of the verified lines, line ends included: where the damage starts.
    pub valid_len: u64,
    /// The last verified line's hash, or [`GENESIS`](super::GENESIS).
    pub last_hash: String,
    /// The engagement the verified lines build; `None` when there are none.
    pub engagement: Option<Engagement>,
    /// What follows the verified lines; `None` when the whole journal verified.
    pub damage: Option<Damage>,
}

/// The repair a crash's damage calls for, as [`Recovery::repair`] proposes it. Neither cuts a
/// line that verifies.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Repair {
    /// The last line is complete and verifies, only its LF is missing: keep the first `len`
    /// bytes (the lines and that last line, without any NUL bytes after it) and add the LF.
    AddLineEnd {
        /// The bytes kept before the LF.
        len: u64,
    },
    /// The last line is torn (it has no LF and does not verify): cut the file to the verified
    /// lines' `len` bytes.
    CutTornTail {
        /// The bytes kept: [`Recovery::valid_len`].
        len: u64,
    },
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

    /// The repair for a crash's damage at the end of the file: add a missing LF, or cut a torn
    /// last line. `None` when the journal is clean, and for any other damage (an edited,
    /// removed or reordered line, CR line ends, another format): that needs a person, not a
    /// repair, and nothing should be cut.
    #[must_use]
    pub fn repair(&self) -> Option<Repair> {
        let damage = self.damage.as_ref()?;
        match damage.kind {
            LineErrorKind::MissingLineEnd { len } => Some(Repair::AddLineEnd {
                len: self.valid_len.saturating_add(len as u64),
            }),
            LineErrorKind::Torn { .. } => Some(Repair::CutTornTail {
                len: self.valid_len,
            }),
            _ => None,
        }
    }

    /// The file's whole length, as recovered.
    pub(super) fn file_len(&self) -> u64 {
        self.valid_len
            .saturating_add(self.damage.as_ref().map_or(0, |d| d.rest_len))
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
