//! [`TransitionError`]: a move the table does not allow, or a time that went back.

use chrono::{DateTime, Utc};

use super::{Status, allowed_from};

/// A move that was refused. The lifecycle or status it was tried on is unchanged.
///
/// The error is two statuses and a time at most: refusing a move allocates nothing, and the
/// allowed targets are read from the table when asked for ([`TransitionError::allowed`]).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum TransitionError {
    /// [`TRANSITIONS`](super::TRANSITIONS) has no move from `from` to `to`.
    #[error("cannot move from {} to {}: allowed targets are {}", from.as_str(), to.as_str(), names(*from))]
    Illegal {
        /// The current status.
        from: Status,
        /// The status asked for.
        to: Status,
    },
    /// The time given is earlier than the last change (or the start) of the lifecycle.
    #[error("time went back: {at} is before the last change at {last}")]
    TimeWentBack {
        /// The time given.
        at: DateTime<Utc>,
        /// When the current status began.
        last: DateTime<Utc>,
    },
}

impl TransitionError {
    /// For an illegal move, the statuses that could be reached instead, in table order; empty
    /// for a move refused because time went back.
    ///
    /// ```
    /// use pendamping::{Stage, Status, lifecycle};
    ///
    /// let err = lifecycle::check(Status::Closed, Status::Active(Stage::Planning)).unwrap_err();
    /// assert_eq!(err.allowed().collect::<Vec<_>>(), [Status::Active(Stage::NeedsAssessment)]);
    /// ```
    pub fn allowed(&self) -> impl Iterator<Item = Status> {
        let from = match self {
            Self::Illegal { from, .. } => Some(*from),
            Self::TimeWentBack { .. } => None,
        };
        from.into_iter().flat_map(|f| allowed_from(f).map(|t| t.to))
    }
}

/// `a, b, c`: the names of the statuses reachable from `from`, or `none`.
fn names(from: Status) -> String {
    let names: Vec<&str> = allowed_from(from).map(|t| t.to.as_str()).collect();
    if names.is_empty() {
        "none".to_owned()
    } else {
        names.join(", ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Stage;

    #[test]
    fn names_read_the_table() {
        assert_eq!(names(Status::Closed), "active(needs_assessment)");
        assert_eq!(names(Status::OnHold(Stage::Planning)), "active(planning)");
    }
}
