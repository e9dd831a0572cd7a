//! The stage lifecycle of an engagement: where the work stands and which moves are allowed.
//!
//! An engagement is always in one [`Status`]: *active* in one of the five [`Stage`]s, *on
//! hold* in one of them, or *closed*. The moves between statuses are one table of plain data,
//! [`TRANSITIONS`]; every question about the machine ([`kind_of`], [`check`], [`allowed_from`],
//! [`is_terminal`], the [`mermaid`] and [`dot`] diagrams) is answered by reading it, so the
//! rules exist exactly once.
//!
//! What a move *requires* (a recorded need before planning, an agreed plan before
//! implementation, ...) is checked by the engagement; this module only knows which moves exist.
//!
//! | from | to | kind |
//! |---|---|---|
//! | `active(needs_assessment)` | `active(planning)` | advance |
//! | `active(planning)` | `active(needs_assessment)` | reassess |
//! | `active(planning)` | `active(implementation)` | advance |
//! | `active(implementation)` | `active(evaluation)` | advance |
//! | `active(implementation)` | `active(planning)` | revise |
//! | `active(evaluation)` | `active(implementation)` | continue |
//! | `active(evaluation)` | `active(planning)` | revise |
//! | `active(evaluation)` | `active(needs_assessment)` | reassess |
//! | `active(evaluation)` | `active(termination)` | advance |
//! | `active(needs_assessment)` | `active(termination)` | end_early |
//! | `active(planning)` | `active(termination)` | end_early |
//! | `active(implementation)` | `active(termination)` | end_early |
//! | `active(needs_assessment)` | `on_hold(needs_assessment)` | hold |
//! | `active(planning)` | `on_hold(planning)` | hold |
//! | `active(implementation)` | `on_hold(implementation)` | hold |
//! | `active(evaluation)` | `on_hold(evaluation)` | hold |
//! | `active(termination)` | `on_hold(termination)` | hold |
//! | `on_hold(needs_assessment)` | `active(needs_assessment)` | resume |
//! | `on_hold(planning)` | `active(planning)` | resume |
//! | `on_hold(implementation)` | `active(implementation)` | resume |
//! | `on_hold(evaluation)` | `active(evaluation)` | resume |
//! | `on_hold(termination)` | `active(termination)` | resume |
//! | `active(termination)` | `closed` | close |
//! | `closed` | `active(needs_assessment)` | reopen |
//!
//! (A test checks that this rendering and [`TRANSITIONS`] agree.)
//!
//! A [`Lifecycle`] is a status with its dated history; the engagement keeps one. Where only the
//! rule matters (a hot path, a preview), [`check`] and [`Status::transition`] answer without
//! keeping history.
//!
//! ```
//! use chrono::{TimeZone, Utc};
//! use pendamping::{Lifecycle, Stage, Status, TransitionKind, lifecycle};
//!
//! let day = |d| Utc.with_ymd_and_hms(2025, 3, d, 9, 0, 0).unwrap();
//! let mut life = Lifecycle::new(day(1));
//! assert_eq!(life.status(), Status::Active(Stage::NeedsAssessment));
//!
//! assert_eq!(life.transition(Status::Active(Stage::Planning), day(3))?, TransitionKind::Advance);
//! assert_eq!(life.transition(Status::OnHold(Stage::Planning), day(4))?, TransitionKind::Hold);
//!
//! // Closing is only possible from termination; the error lists what is possible instead.
//! let err = life.transition(Status::Closed, day(5)).unwrap_err();
//! assert_eq!(
//!     err.to_string(),
//!     "cannot move from on_hold(planning) to closed: allowed targets are active(planning)"
//! );
//! assert_eq!(life.history().len(), 2); // the failed attempt changed nothing
//!
//! // The rule alone, without a lifecycle:
//! assert_eq!(
//!     lifecycle::kind_of(Status::Active(Stage::Evaluation), Status::Active(Stage::Planning)),
//!     Some(TransitionKind::Revise)
//! );
//! # Ok::<(), pendamping::TransitionError>(())
//! ```

use std::collections::BTreeMap;
use std::fmt::{self, Write as _};

use chrono::{DateTime, TimeDelta, Utc};
use serde::{Deserialize, Serialize};

use crate::vocab::vocabulary;
use crate::{Lang, ParseError, Stage};

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

/// Where an engagement stands: active in a stage, on hold in a stage, or closed.
///
/// `Ord` puts every active status first, then every on-hold status, then `Closed`, each group in
/// the stages' order; [`Status::ALL`] lists them that way.
///
/// Two text forms: [`Status::as_str`] is a stable one-word name for logs and messages
/// (`active(planning)`, `on_hold(evaluation)`, `closed`); serde uses the externally tagged
/// `snake_case` form, `{"active":"planning"}`, `{"on_hold":"evaluation"}`, `"closed"`. Both
/// are stable.
///
/// ```
/// use pendamping::{Lang, Stage, Status};
///
/// let status = Status::OnHold(Stage::Evaluation);
/// assert_eq!(status.stage(), Some(Stage::Evaluation));
/// assert_eq!(status.as_str(), "on_hold(evaluation)");
/// assert_eq!(status.label(Lang::Id), "Ditunda: Evaluasi");
/// assert_eq!(status.to_string(), "On hold: Evaluation");
/// assert_eq!(serde_json::to_string(&status)?, r#"{"on_hold":"evaluation"}"#);
/// assert_eq!(serde_json::to_string(&Status::Closed)?, r#""closed""#);
/// # Ok::<(), serde_json::Error>(())
/// ```
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// Work is going on in this stage.
    Active(Stage),
    /// Work is paused in this stage and resumes in it.
    OnHold(Stage),
    /// The engagement has ended; only reopening leads out.
    Closed,
}

/// How many statuses there are: five active, five on hold, closed.
const STATUSES: usize = 11;

impl Status {
    /// Every status, in `Ord` order.
    pub const ALL: [Self; STATUSES] = [
        Self::Active(Stage::NeedsAssessment),
        Self::Active(Stage::Planning),
        Self::Active(Stage::Implementation),
        Self::Active(Stage::Evaluation),
        Self::Active(Stage::Termination),
        Self::OnHold(Stage::NeedsAssessment),
        Self::OnHold(Stage::Planning),
        Self::OnHold(Stage::Implementation),
        Self::OnHold(Stage::Evaluation),
        Self::OnHold(Stage::Termination),
        Self::Closed,
    ];

    /// The stage the work is in (active or paused), or `None` when closed.
    #[must_use]
    pub const fn stage(self) -> Option<Stage> {
        match self {
            Self::Active(stage) | Self::OnHold(stage) => Some(stage),
            Self::Closed => None,
        }
    }

    /// The stable one-word name: `active(<stage>)`, `on_hold(<stage>)` or `closed`, with the
    /// stage's `snake_case` name. Error messages use it; [`FromStr`](core::str::FromStr) reads it.
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        use Stage::{Evaluation, Implementation, NeedsAssessment, Planning, Termination};
        match self {
            Self::Active(NeedsAssessment) => "active(needs_assessment)",
            Self::Active(Planning) => "active(planning)",
            Self::Active(Implementation) => "active(implementation)",
            Self::Active(Evaluation) => "active(evaluation)",
            Self::Active(Termination) => "active(termination)",
            Self::OnHold(NeedsAssessment) => "on_hold(needs_assessment)",
            Self::OnHold(Planning) => "on_hold(planning)",
            Self::OnHold(Implementation) => "on_hold(implementation)",
            Self::OnHold(Evaluation) => "on_hold(evaluation)",
            Self::OnHold(Termination) => "on_hold(termination)",
            Self::Closed => "closed",
        }
    }

    /// The words a worker reads: `Active: Evaluation`, `On hold: Evaluation`, `Closed` in
    /// English; `Aktif: Evaluasi`, `Ditunda: Evaluasi`, `Ditutup` in Indonesian.
    #[must_use]
    pub fn label(self, lang: Lang) -> String {
        let (en, id) = match self {
            Self::Active(_) => ("Active", "Aktif"),
            Self::OnHold(_) => ("On hold", "Ditunda"),
            Self::Closed => ("Closed", "Ditutup"),
        };
        let word = match lang {
            Lang::En => en,
            Lang::Id => id,
        };
        match self.stage() {
            Some(stage) => format!("{word}: {}", stage.label(lang)),
            None => word.to_owned(),
        }
    }

    /// Checks the move to `to` against [`TRANSITIONS`] and, when it is allowed, makes it: the
    /// history-free counterpart of [`Lifecycle::transition`].
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
    pub fn transition(&mut self, to: Self) -> Result<TransitionKind, TransitionError> {
        let kind = check(*self, to)?;
        *self = to;
        Ok(kind)
    }

    /// The position in [`Status::ALL`], which is also the row and column in [`MATRIX`].
    const fn index(self) -> usize {
        match self {
            Self::Active(stage) => stage as usize,
            Self::OnHold(stage) => 5 + stage as usize,
            Self::Closed => 10,
        }
    }

    /// An identifier safe in Mermaid and DOT: `active_planning`, `closed`.
    fn node_id(self) -> String {
        match self {
            Self::Active(stage) => format!("active_{}", stage.as_str()),
            Self::OnHold(stage) => format!("on_hold_{}", stage.as_str()),
            Self::Closed => "closed".to_owned(),
        }
    }
}

impl fmt::Display for Status {
    /// The English label.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(&self.label(Lang::En))
    }
}

impl core::str::FromStr for Status {
    type Err = ParseError;

    /// Reads the [`Status::as_str`] form, ignoring case and surrounding whitespace.
    ///
    /// ```
    /// use pendamping::{Stage, Status};
    ///
    /// assert_eq!(" On_Hold(planning) ".parse::<Status>()?, Status::OnHold(Stage::Planning));
    /// assert_eq!(
    ///     "paused".parse::<Status>().unwrap_err().to_string(),
    ///     "unknown status \"paused\": expected one of active(needs_assessment), \
    ///      active(planning), active(implementation), active(evaluation), \
    ///      active(termination), on_hold(needs_assessment), on_hold(planning), \
    ///      on_hold(implementation), on_hold(evaluation), on_hold(termination), closed"
    /// );
    /// # Ok::<(), pendamping::ParseError>(())
    /// ```
    fn from_str(input: &str) -> Result<Self, Self::Err> {
        let wanted = input.trim();
        if wanted.is_empty() {
            return Err(ParseError::Empty {
                vocabulary: "status",
            });
        }
        Self::ALL
            .into_iter()
            .find(|s| wanted.eq_ignore_ascii_case(s.as_str()))
            .ok_or_else(|| {
                ParseError::unknown("status", input, Self::ALL.iter().map(|s| s.as_str()))
            })
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
/// The rows are the table in the [module docs](self), in the same order.
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
const MATRIX: [[Option<TransitionKind>; STATUSES]; STATUSES] = matrix();

// Evaluated only at compile time: an index out of range or a repeated pair stops the build.
#[allow(clippy::indexing_slicing)]
const fn matrix() -> [[Option<TransitionKind>; STATUSES]; STATUSES] {
    let mut matrix = [[None; STATUSES]; STATUSES];
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
pub fn kind_of(from: Status, to: Status) -> Option<TransitionKind> {
    MATRIX
        .get(from.index())
        .and_then(|row| row.get(to.index()))
        .copied()
        .flatten()
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

/// A move that was refused. The lifecycle or status it was tried on is unchanged.
///
/// The error is two statuses and a time at most: refusing a move allocates nothing, and the
/// allowed targets are read from the table when asked for ([`TransitionError::allowed`]).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum TransitionError {
    /// [`TRANSITIONS`] has no move from `from` to `to`.
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

/// One recorded move of a [`Lifecycle`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Change {
    /// The status left.
    pub from: Status,
    /// The status reached.
    pub to: Status,
    /// The kind of the move, as [`kind_of`] gives it.
    pub kind: TransitionKind,
    /// When the move happened.
    pub at: DateTime<Utc>,
}

/// Time spent in one stage, split into working and paused time.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct StageTime {
    /// Time spent [`Status::Active`] in the stage.
    pub active: TimeDelta,
    /// Time spent [`Status::OnHold`] in the stage.
    pub on_hold: TimeDelta,
}

impl StageTime {
    /// Active and on-hold time together: how long the stage was the current one.
    #[must_use]
    pub fn total(self) -> TimeDelta {
        self.active + self.on_hold
    }
}

/// A status with its dated history: the engagement's position in the stage machine.
///
/// It starts `Active(NeedsAssessment)` and changes only through [`Lifecycle::transition`], which
/// reads [`TRANSITIONS`] and refuses time going backwards; a refused move changes nothing. The
/// history is kept in full (a reopened engagement keeps what came before).
///
/// Serialised as `{"started": ..., "status": ..., "history": [...]}`. Reading it back replays
/// the history against the table, so a stored lifecycle with an impossible move, a wrong kind,
/// time going back or a status that does not match its history is refused.
///
/// ```
/// use chrono::{TimeDelta, TimeZone, Utc};
/// use pendamping::{Lifecycle, Stage, Status};
///
/// let t0 = Utc.with_ymd_and_hms(2025, 1, 6, 8, 0, 0).unwrap();
/// let mut life = Lifecycle::new(t0);
/// life.transition(Status::Active(Stage::Planning), t0 + TimeDelta::days(7))?;
/// assert_eq!(life.time_in_current(t0 + TimeDelta::days(10))?, TimeDelta::days(3));
///
/// let json = serde_json::to_string(&life).unwrap();
/// assert_eq!(serde_json::from_str::<Lifecycle>(&json).unwrap(), life);
/// # Ok::<(), pendamping::TransitionError>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Lifecycle {
    started: DateTime<Utc>,
    status: Status,
    history: Vec<Change>,
}

impl Lifecycle {
    /// A lifecycle that starts `Active(NeedsAssessment)` at `at`, with no history.
    #[must_use]
    pub const fn new(at: DateTime<Utc>) -> Self {
        Self {
            started: at,
            status: Status::Active(Stage::NeedsAssessment),
            history: Vec::new(),
        }
    }

    /// The current status.
    #[must_use]
    pub const fn status(&self) -> Status {
        self.status
    }

    /// Every move made, oldest first.
    #[must_use]
    pub fn history(&self) -> &[Change] {
        &self.history
    }

    /// When the lifecycle started.
    #[must_use]
    pub const fn started(&self) -> DateTime<Utc> {
        self.started
    }

    /// When the current status began: the last change, or the start.
    #[must_use]
    pub fn since(&self) -> DateTime<Utc> {
        self.history.last().map_or(self.started, |c| c.at)
    }

    /// When the current stage was entered from another stage (or the start): a hold and a
    /// resume inside the stage do not restart it. `None` once closed.
    ///
    /// ```
    /// use chrono::{TimeZone, Utc};
    /// use pendamping::{Lifecycle, Stage, Status};
    ///
    /// let day = |d| Utc.with_ymd_and_hms(2026, 5, d, 9, 0, 0).unwrap();
    /// let mut life = Lifecycle::new(day(1));
    /// life.transition(Status::Active(Stage::Planning), day(4))?;
    /// life.transition(Status::OnHold(Stage::Planning), day(6))?;
    /// life.transition(Status::Active(Stage::Planning), day(9))?;
    /// assert_eq!(life.stage_entered(), Some(day(4)));
    /// assert_eq!(life.since(), day(9));
    /// # Ok::<(), pendamping::TransitionError>(())
    /// ```
    #[must_use]
    pub fn stage_entered(&self) -> Option<DateTime<Utc>> {
        let stage = self.status.stage()?;
        Some(
            self.history
                .iter()
                .rev()
                .find(|c| c.to.stage() == Some(stage) && c.from.stage() != Some(stage))
                .map_or(self.started, |c| c.at),
        )
    }

    /// Moves to `to` at `at` and records the change; returns the move's kind.
    ///
    /// Moves at the same instant as the last change are allowed (several quick steps entered
    /// together). When a move is both illegal and backdated, the illegality is reported.
    ///
    /// # Errors
    ///
    /// [`TransitionError::Illegal`] when [`TRANSITIONS`] has no move from the current status
    /// to `to`; [`TransitionError::TimeWentBack`] when `at` is before [`since`](Self::since).
    /// Either way the lifecycle is unchanged.
    pub fn transition(
        &mut self,
        to: Status,
        at: DateTime<Utc>,
    ) -> Result<TransitionKind, TransitionError> {
        let from = self.status;
        let kind = check(from, to)?;
        self.not_before_last(at)?;
        self.history.push(Change { from, to, kind, at });
        self.status = to;
        Ok(kind)
    }

    /// How long the current status has lasted at `at`.
    ///
    /// # Errors
    ///
    /// [`TransitionError::TimeWentBack`] when `at` is before the last change: a negative time
    /// in a status is a mistake in the caller's clock, and is not turned into zero.
    pub fn time_in_current(&self, at: DateTime<Utc>) -> Result<TimeDelta, TransitionError> {
        let since = self.not_before_last(at)?;
        Ok(at - since)
    }

    /// The time spent in each stage up to `at`, active and on hold counted apart (see
    /// [`StageTime::total`] for both together). A stage entered several times adds up; stages
    /// never entered are absent; time closed belongs to no stage.
    ///
    /// ```
    /// use chrono::{TimeDelta, TimeZone, Utc};
    /// use pendamping::{Lifecycle, Stage, Status};
    ///
    /// let t0 = Utc.with_ymd_and_hms(2025, 1, 6, 8, 0, 0).unwrap();
    /// let day = |n| t0 + TimeDelta::days(n);
    /// let mut life = Lifecycle::new(t0);
    /// life.transition(Status::OnHold(Stage::NeedsAssessment), day(2))?;
    /// life.transition(Status::Active(Stage::NeedsAssessment), day(5))?;
    /// life.transition(Status::Active(Stage::Planning), day(6))?;
    ///
    /// let times = life.time_per_stage(day(10))?;
    /// let assessment = times[&Stage::NeedsAssessment];
    /// assert_eq!((assessment.active, assessment.on_hold), (TimeDelta::days(3), TimeDelta::days(3)));
    /// assert_eq!(times[&Stage::Planning].total(), TimeDelta::days(4));
    /// assert!(!times.contains_key(&Stage::Evaluation));
    /// # Ok::<(), pendamping::TransitionError>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`TransitionError::TimeWentBack`] when `at` is before the last change.
    pub fn time_per_stage(
        &self,
        at: DateTime<Utc>,
    ) -> Result<BTreeMap<Stage, StageTime>, TransitionError> {
        self.not_before_last(at)?;
        let mut times = BTreeMap::new();
        // Each status holds from its start to the next change (or `at`); the spans partition
        // `started..at`, so their sums cannot overflow.
        let mut status = Status::Active(Stage::NeedsAssessment);
        let mut from = self.started;
        let ends = self.history.iter().map(|c| (c.at, Some(c.to)));
        for (until, next) in ends.chain([(at, None)]) {
            let span = until - from;
            match status {
                Status::Active(stage) => {
                    let t: &mut StageTime = times.entry(stage).or_default();
                    t.active += span;
                }
                Status::OnHold(stage) => {
                    let t: &mut StageTime = times.entry(stage).or_default();
                    t.on_hold += span;
                }
                Status::Closed => {}
            }
            if let Some(next) = next {
                status = next;
            }
            from = until;
        }
        Ok(times)
    }

    /// How many times `stage` was entered from another stage (resuming after a hold is not an
    /// entry). The start counts as entering needs assessment, and so does each reopening.
    #[must_use]
    pub fn times_entered(&self, stage: Stage) -> usize {
        let at_start = usize::from(stage == Stage::NeedsAssessment);
        at_start
            + self
                .history
                .iter()
                .filter(|c| c.to.stage() == Some(stage) && c.from.stage() != Some(stage))
                .count()
    }

    /// How many times evaluation was entered: the number of evaluation cycles so far.
    ///
    /// ```
    /// use chrono::{TimeZone, Utc};
    /// use pendamping::{Lifecycle, Stage, Status};
    ///
    /// let t = Utc.with_ymd_and_hms(2025, 1, 6, 8, 0, 0).unwrap();
    /// let mut life = Lifecycle::new(t);
    /// for stage in [Stage::Planning, Stage::Implementation, Stage::Evaluation,
    ///               Stage::Implementation, Stage::Evaluation] {
    ///     life.transition(Status::Active(stage), t)?;
    /// }
    /// assert_eq!(life.evaluation_cycles(), 2);
    /// # Ok::<(), pendamping::TransitionError>(())
    /// ```
    #[must_use]
    pub fn evaluation_cycles(&self) -> usize {
        self.times_entered(Stage::Evaluation)
    }

    /// `Ok(since)` when `at` is not before it.
    fn not_before_last(&self, at: DateTime<Utc>) -> Result<DateTime<Utc>, TransitionError> {
        let last = self.since();
        if at < last {
            Err(TransitionError::TimeWentBack { at, last })
        } else {
            Ok(last)
        }
    }

    /// Rebuilds a stored lifecycle by replaying its history against the table.
    fn replay(stored: StoredLifecycle) -> Result<Self, String> {
        let mut life = Self::new(stored.started);
        for (n, change) in stored.history.into_iter().enumerate() {
            if change.from != life.status {
                return Err(format!(
                    "history entry {n}: leaves {} but the status was {}",
                    change.from.as_str(),
                    life.status.as_str()
                ));
            }
            let kind = life
                .transition(change.to, change.at)
                .map_err(|e| format!("history entry {n}: {e}"))?;
            if kind != change.kind {
                return Err(format!(
                    "history entry {n}: recorded as {} but the move is {}",
                    change.kind.as_str(),
                    kind.as_str()
                ));
            }
        }
        if stored.status != life.status {
            return Err(format!(
                "status {} does not match the history, which ends at {}",
                stored.status.as_str(),
                life.status.as_str()
            ));
        }
        Ok(life)
    }
}

/// The serde form of [`Lifecycle`], read before it is checked.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct StoredLifecycle {
    started: DateTime<Utc>,
    status: Status,
    history: Vec<Change>,
}

impl<'de> Deserialize<'de> for Lifecycle {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let stored = StoredLifecycle::deserialize(deserializer)?;
        Self::replay(stored).map_err(serde::de::Error::custom)
    }
}

/// The stage machine as a Mermaid `stateDiagram-v2`, labelled in `lang`: one state per
/// [`Status`], one edge per row of [`TRANSITIONS`] labelled with its kind.
///
/// ```
/// use pendamping::{Lang, lifecycle::mermaid};
///
/// let diagram = mermaid(Lang::Id);
/// assert!(diagram.starts_with("stateDiagram-v2\n"));
/// assert!(diagram.contains("    active_termination --> closed : Tutup\n"));
/// ```
#[must_use]
pub fn mermaid(lang: Lang) -> String {
    let mut out = String::from("stateDiagram-v2\n");
    for status in Status::ALL {
        let label = mermaid_escape(&status.label(lang));
        let _ = writeln!(out, "    state \"{label}\" as {}", status.node_id());
    }
    let start = Status::Active(Stage::NeedsAssessment).node_id();
    let _ = writeln!(out, "    [*] --> {start}");
    for t in TRANSITIONS {
        let _ = writeln!(
            out,
            "    {} --> {} : {}",
            t.from.node_id(),
            t.to.node_id(),
            mermaid_escape(t.kind.label(lang))
        );
    }
    out
}

/// Makes `text` safe inside a Mermaid label: characters Mermaid reads as syntax become its
/// `#code;` entities, line breaks become spaces.
fn mermaid_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '"' => out.push_str("#quot;"),
            '#' => out.push_str("#35;"),
            ';' => out.push_str("#59;"),
            '<' => out.push_str("#lt;"),
            '>' => out.push_str("#gt;"),
            '{' => out.push_str("#123;"),
            '}' => out.push_str("#125;"),
            '\n' | '\r' => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// The stage machine as a Graphviz `digraph`, labelled in `lang`: one node per [`Status`]
/// (on-hold statuses dashed), one edge per row of [`TRANSITIONS`] labelled with its kind.
///
/// ```
/// use pendamping::{Lang, lifecycle::dot};
///
/// let graph = dot(Lang::En);
/// assert!(graph.starts_with("digraph lifecycle {\n"));
/// assert!(graph.contains("    closed -> active_needs_assessment [label=\"Reopen\"];\n"));
/// ```
#[must_use]
pub fn dot(lang: Lang) -> String {
    let mut out = String::from("digraph lifecycle {\n");
    out.push_str("    rankdir=LR;\n");
    out.push_str("    node [shape=box, style=rounded];\n");
    out.push_str("    start [shape=point, label=\"\"];\n");
    for status in Status::ALL {
        let style = match status {
            Status::OnHold(_) => ", style=\"rounded,dashed\"",
            Status::Active(_) | Status::Closed => "",
        };
        let _ = writeln!(
            out,
            "    {} [label=\"{}\"{style}];",
            status.node_id(),
            dot_escape(&status.label(lang))
        );
    }
    let start = Status::Active(Stage::NeedsAssessment).node_id();
    let _ = writeln!(out, "    start -> {start};");
    for t in TRANSITIONS {
        let _ = writeln!(
            out,
            "    {} -> {} [label=\"{}\"];",
            t.from.node_id(),
            t.to.node_id(),
            dot_escape(t.kind.label(lang))
        );
    }
    out.push_str("}\n");
    out
}

/// Makes `text` safe inside a DOT double-quoted string.
fn dot_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c => out.push(c),
        }
    }
    out
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

    #[test]
    fn as_str_is_built_from_the_stage_names() {
        for status in Status::ALL {
            let expected = match status {
                Status::Active(s) => format!("active({})", s.as_str()),
                Status::OnHold(s) => format!("on_hold({})", s.as_str()),
                Status::Closed => "closed".to_owned(),
            };
            assert_eq!(status.as_str(), expected);
        }
    }

    #[test]
    fn escapes() {
        assert_eq!(
            mermaid_escape("a \"b\" #1; <c>\n{d}"),
            "a #quot;b#quot; #35;1#59; #lt;c#gt; #123;d#125;"
        );
        assert_eq!(dot_escape("a \"b\" \\ c\r\nd"), "a \\\"b\\\" \\\\ c\\nd");
    }

    #[test]
    fn names_read_the_table() {
        assert_eq!(names(Status::Closed), "active(needs_assessment)");
        assert_eq!(names(Status::OnHold(Stage::Planning)), "active(planning)");
    }
}
