//! The transition table: every allowed move between statuses, once, and the questions answered
//! by reading it.

use serde::{Deserialize, Serialize};

use super::status::STATUSES;
use super::{Status, TransitionError};
use crate::Stage;
use crate::vocab::vocabulary;

vocabulary! {
    /// The kind of a move between statuses: what the worker is doing when the status changes.
    ///
    /// The same kind can label several moves (`advance` leads out of four stages); which kind
    /// a given move has is read from [`TRANSITIONS`] by [`kind_of`].
    ///
    /// ```
    /// use pendamping::{Lang, TransitionKind};
    ///
    /// assert_eq!(TransitionKind::EndEarly.as_str(), "end_early");
    /// assert_eq!(TransitionKind::Hold.label(Lang::Id), "Tunda");
    /// assert_eq!("kaji ulang".parse::<TransitionKind>()?, TransitionKind::Reassess);
    /// # Ok::<(), pendamping::ParseError>(())
    /// ```
    pub enum TransitionKind ("transition kind") {
        /// On to the next stage in the seed's order.
        Advance = "advance", en "Advance to the next stage", id "Lanjut ke tahap berikutnya";
        /// Back to needs assessment, to understand the situation again.
        Reassess = "reassess", en "Reassess", id "Kaji ulang";
        /// Back to planning, to change the plan.
        Revise = "revise", en "Revise the plan", id "Revisi rencana";
        /// From evaluation back to implementation, carrying on with the same plan.
        Continue = "continue", en "Continue implementation", id "Lanjutkan penerapan";
        /// Straight to termination before the work has run its planned course.
        EndEarly = "end_early", en "End early", id "Akhiri lebih awal";
        /// Pause the work in the current stage.
        Hold = "hold", en "Put on hold", id "Tunda";
        /// Take paused work up again in the stage it was paused in.
        Resume = "resume", en "Resume", id "Lanjutkan kembali";
        /// Close the engagement after termination.
        Close = "close", en "Close", id "Tutup";
        /// Open a closed engagement again, starting from needs assessment.
        Reopen = "reopen", en "Reopen", id "Buka kembali";
    }
}

impl Status {
    /// Checks the move to `to` against [`TRANSITIONS`] and, when it is allowed, makes it: the
    /// history-free counterpart of [`Lifecycle::transition`](super::Lifecycle::transition).
    ///
    /// ```
    /// use pendamping::{Stage, Status, TransitionKind};
    ///
    /// let mut status = Status::Active(Stage::Termination);
    /// assert_eq!(status.transition(Status::Closed), Ok(TransitionKind::Close));
    /// assert!(status.transition(Status::Active(Stage::Planning)).is_err());
    /// assert_eq!(status, Status::Closed);
    /// ```
    ///
    /// # Errors
    ///
    /// [`TransitionError::Illegal`] when the table has no such move; `self` is left as it was.
    // Inlined into the caller's crate: across crates a plain call costs more than the lookup.
    #[inline]
    pub fn transition(&mut self, to: Self) -> Result<TransitionKind, TransitionError> {
        match kind_of(*self, to) {
            Some(kind) => {
                *self = to;
                Ok(kind)
            }
            None => Err(TransitionError::Illegal { from: *self, to }),
        }
    }

    /// The position in [`Status::ALL`], which is also the row and column in [`MATRIX`].
    ///
    /// Written as the variant's number times five plus the stage (none for `Closed`), two
    /// matches the compiler turns into a multiply and a conditional move: one `match` with an
    /// arm per variant compiles to branches, which a walk over the table mispredicts.
    #[inline]
    const fn index(self) -> usize {
        let variant = match self {
            Self::Active(_) => 0,
            Self::OnHold(_) => 1,
            Self::Closed => 2,
        };
        let stage = match self {
            Self::Active(stage) | Self::OnHold(stage) => stage as usize,
            Self::Closed => 0,
        };
        variant * 5 + stage
    }
}

/// One row of the transition table: a move from one status to another, and its kind.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Transition {
    /// The status the move leaves.
    pub from: Status,
    /// The status the move reaches.
    pub to: Status,
    /// What the move is.
    pub kind: TransitionKind,
}

/// Shorthand for the rows of [`TRANSITIONS`].
const fn row(from: Status, to: Status, kind: TransitionKind) -> Transition {
    Transition { from, to, kind }
}

/// The stage machine: every allowed move, once. A pair of statuses appears at most once (checked
/// when the crate compiles), so a move has exactly one kind.
///
/// The rows are the table in the [module docs](super), in the same order.
pub const TRANSITIONS: &[Transition] = {
    use Stage::{Evaluation, Implementation, NeedsAssessment, Planning, Termination};
    use Status::{Active, Closed, OnHold};
    use TransitionKind::{
        Advance, Close, Continue, EndEarly, Hold, Reassess, Reopen, Resume, Revise,
    };
    &[
        row(Active(NeedsAssessment), Active(Planning), Advance),
        row(Active(Planning), Active(NeedsAssessment), Reassess),
        row(Active(Planning), Active(Implementation), Advance),
        row(Active(Implementation), Active(Evaluation), Advance),
        row(Active(Implementation), Active(Planning), Revise),
        row(Active(Evaluation), Active(Implementation), Continue),
        row(Active(Evaluation), Active(Planning), Revise),
        row(Active(Evaluation), Active(NeedsAssessment), Reassess),
        row(Active(Evaluation), Active(Termination), Advance),
        row(Active(NeedsAssessment), Active(Termination), EndEarly),
        row(Active(Planning), Active(Termination), EndEarly),
        row(Active(Implementation), Active(Termination), EndEarly),
        row(Active(NeedsAssessment), OnHold(NeedsAssessment), Hold),
        row(Active(Planning), OnHold(Planning), Hold),
        row(Active(Implementation), OnHold(Implementation), Hold),
        row(Active(Evaluation), OnHold(Evaluation), Hold),
        row(Active(Termination), OnHold(Termination), Hold),
        row(OnHold(NeedsAssessment), Active(NeedsAssessment), Resume),
        row(OnHold(Planning), Active(Planning), Resume),
        row(OnHold(Implementation), Active(Implementation), Resume),
        row(OnHold(Evaluation), Active(Evaluation), Resume),
        row(OnHold(Termination), Active(Termination), Resume),
        row(Active(Termination), Closed, Close),
        row(Closed, Active(NeedsAssessment), Reopen),
    ]
};

/// [`TRANSITIONS`] as a lookup matrix indexed by [`Status::index`], computed from the table when
/// the crate compiles: [`kind_of`] answers in constant time without a second copy of the rules.
/// Rows and columns are padded to [`SIDE`], a power of two, so an index masked to it is known to
/// be in range and the lookup needs no bounds check (the padding is never reached).
const MATRIX: [[Option<TransitionKind>; SIDE]; SIDE] = matrix();

/// The side of [`MATRIX`]: the first power of two not below the number of statuses.
const SIDE: usize = STATUSES.next_power_of_two();

// Evaluated only at compile time: an index out of range or a repeated pair stops the build.
#[allow(clippy::indexing_slicing)]
const fn matrix() -> [[Option<TransitionKind>; SIDE]; SIDE] {
    let mut matrix = [[None; SIDE]; SIDE];
    let mut i = 0;
    while i < TRANSITIONS.len() {
        let t = TRANSITIONS[i];
        let cell = &mut matrix[t.from.index()][t.to.index()];
        assert!(cell.is_none(), "TRANSITIONS holds a pair of statuses twice");
        *cell = Some(t.kind);
        i += 1;
    }
    matrix
}

/// The kind of the move from `from` to `to`, or `None` when [`TRANSITIONS`] has no such move.
///
/// ```
/// use pendamping::{Stage, Status, TransitionKind, lifecycle::kind_of};
///
/// let evaluation = Status::Active(Stage::Evaluation);
/// assert_eq!(kind_of(evaluation, Status::Active(Stage::Implementation)), Some(TransitionKind::Continue));
/// assert_eq!(kind_of(evaluation, Status::Closed), None);
/// ```
#[must_use]
#[inline]
pub fn kind_of(from: Status, to: Status) -> Option<TransitionKind> {
    // `index` is below STATUSES ≤ SIDE, so the masks change nothing but tell the compiler so.
    let row = MATRIX.get(from.index() & (SIDE - 1))?;
    row.get(to.index() & (SIDE - 1)).copied().flatten()
}

/// Like [`kind_of`], with an error that says what would have been allowed.
///
/// ```
/// use pendamping::{Stage, Status, TransitionKind, lifecycle::check};
///
/// assert_eq!(check(Status::Closed, Status::Active(Stage::NeedsAssessment)), Ok(TransitionKind::Reopen));
/// assert_eq!(
///     check(Status::Closed, Status::Active(Stage::Planning)).unwrap_err().to_string(),
///     "cannot move from closed to active(planning): allowed targets are active(needs_assessment)"
/// );
/// ```
///
/// # Errors
///
/// [`TransitionError::Illegal`] when the table has no move from `from` to `to`.
#[inline]
pub fn check(from: Status, to: Status) -> Result<TransitionKind, TransitionError> {
    kind_of(from, to).ok_or(TransitionError::Illegal { from, to })
}

/// The rows of [`TRANSITIONS`] that leave `from`, in table order.
///
/// ```
/// use pendamping::{Stage, Status, lifecycle::allowed_from};
///
/// let targets: Vec<Status> = allowed_from(Status::OnHold(Stage::Planning)).map(|t| t.to).collect();
/// assert_eq!(targets, [Status::Active(Stage::Planning)]);
/// ```
pub fn allowed_from(from: Status) -> impl Iterator<Item = &'static Transition> {
    TRANSITIONS.iter().filter(move |t| t.from == from)
}

/// Whether the work has ended at `status`: every move out of it is a reopening. True for
/// [`Status::Closed`] only; a closed engagement keeps its history and can be reopened, but
/// nothing else happens to it.
///
/// ```
/// use pendamping::{Stage, Status, lifecycle::is_terminal};
///
/// assert!(is_terminal(Status::Closed));
/// assert!(!is_terminal(Status::Active(Stage::Termination)));
/// ```
#[must_use]
pub fn is_terminal(status: Status) -> bool {
    allowed_from(status).all(|t| t.kind == TransitionKind::Reopen)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn index_follows_all() {
        for (i, status) in Status::ALL.into_iter().enumerate() {
            assert_eq!(status.index(), i, "{status:?}");
        }
        let mut sorted = Status::ALL;
        sorted.sort();
        assert_eq!(sorted, Status::ALL);
    }

    #[test]
    fn matrix_is_the_table() {
        let mut cells = 0;
        for from in Status::ALL {
            for to in Status::ALL {
                let rows: Vec<_> = TRANSITIONS
                    .iter()
                    .filter(|t| t.from == from && t.to == to)
                    .collect();
                assert!(rows.len() <= 1);
                assert_eq!(
                    MATRIX[from.index()][to.index()],
                    rows.first().map(|t| t.kind)
                );
                cells += usize::from(rows.len() == 1);
            }
        }
        assert_eq!(cells, TRANSITIONS.len());
    }
}
