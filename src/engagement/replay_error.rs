//! Why a recorded stream does not rebuild an engagement, located at the event that does not
//! fit.

use crate::engagement::rejection::join;
use crate::engagement::{Actor, NotPermittedBecause, Problem};

/// An event that does not fit the engagement it is applied to, located by its sequence number.
///
/// Replaying a stored record returns this when the record was damaged or forged, or was
/// written by rules that did not hold: each event is checked by the rules that decide a
/// command (see [`decide`](crate::decide)), at the moment it was recorded. The events before
/// `seq` were fine.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("event {seq}: {kind}")]
pub struct ReplayError {
    /// The sequence number of the event that does not fit (as stored, or as expected).
    pub seq: u64,
    /// What is wrong with it.
    pub kind: ReplayErrorKind,
}

/// What is wrong with an event that does not fit.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ReplayErrorKind {
    /// The stream is empty.
    #[error("there are no events")]
    Empty,
    /// The stream does not start with an opening.
    #[error("the first event is not an opening")]
    NotOpened,
    /// An opening comes after the first event.
    #[error("the engagement is already open")]
    OpenedTwice,
    /// A sequence number is out of order.
    #[error("expected sequence number {expected}, found {found}")]
    Sequence {
        /// The number expected.
        expected: u64,
        /// The number found.
        found: u64,
    },
    /// A record's id is not the next one the engagement would give.
    #[error("expected {expected}, found {found}")]
    RecordId {
        /// The id expected.
        expected: crate::engagement::RecordRef,
        /// The id found.
        found: crate::engagement::RecordRef,
    },
    /// A recorded status change does not match the engagement's status or the lifecycle table.
    #[error("the recorded move from {} to {} as {} does not match the lifecycle", from.as_str(), to.as_str(), kind.as_str())]
    MoveMismatch {
        /// The status the event says it leaves.
        from: crate::lifecycle::Status,
        /// The status it enters.
        to: crate::lifecycle::Status,
        /// The kind it records.
        kind: crate::lifecycle::TransitionKind,
    },
    /// The actor of the event could not have given its command: not on the team at that
    /// moment, or the policy in force did not give their kind the permission.
    #[error("{actor} may not {command}: {why}")]
    NotPermitted {
        /// Who the event says acted.
        actor: Actor,
        /// The command that records the event.
        command: &'static str,
        /// Why not.
        why: NotPermittedBecause,
    },
    /// The rules refuse the command that records the event, for every problem listed (the
    /// problems a [`Rejection::Refused`](crate::Rejection::Refused) would list).
    #[error("{}", join(problems))]
    Refused {
        /// The command that records the event.
        command: &'static str,
        /// Everything that stands in the way.
        problems: Vec<Problem>,
    },
    /// The rules accept the command, but it records another event: the member named (a dotted
    /// path into the event, like `need.status`) is not what the command records.
    #[error("{member} is not what its command records")]
    NotAsRecorded {
        /// The first member that differs.
        member: String,
    },
}

impl ReplayError {
    /// The problems the rules found with the event, in the vocabulary of a refusal; empty when
    /// the event is out of place for another reason (a sequence gap, a permission, ...).
    #[must_use]
    pub fn problems(&self) -> &[Problem] {
        match &self.kind {
            ReplayErrorKind::Refused { problems, .. } => problems,
            _ => &[],
        }
    }
}
