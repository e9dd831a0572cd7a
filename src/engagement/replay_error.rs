//! Why a recorded stream does not rebuild an engagement, located at the event that does not
//! fit.

use crate::engagement::Problem;

/// An event that does not fit the engagement it is applied to, located by its sequence number.
///
/// Replaying a stored record returns this when the record was damaged or forged; the events
/// before `seq` were fine.
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
    /// The event does not fit the state.
    #[error(transparent)]
    Misfit(#[from] Problem),
}
