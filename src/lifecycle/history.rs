//! [`Lifecycle`]: a status with its dated history, and the time spent in each stage.

use std::collections::BTreeMap;

use chrono::{DateTime, TimeDelta, Utc};
use serde::{Deserialize, Serialize};

use super::{Status, TransitionError, TransitionKind, check};
use crate::Stage;

/// One recorded move of a [`Lifecycle`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Change {
    /// The status left.
    pub from: Status,
    /// The status reached.
    pub to: Status,
    /// The kind of the move, as [`kind_of`](super::kind_of) gives it.
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
/// reads [`TRANSITIONS`](super::TRANSITIONS) and refuses time going backwards; a refused move changes nothing. The
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
    /// [`TransitionError::Illegal`] when [`TRANSITIONS`](super::TRANSITIONS) has no move from the current status
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
        let times = self.stage_times(at)?;
        Ok(Stage::ALL
            .iter()
            .copied()
            .zip(times)
            .filter_map(|(stage, time)| Some((stage, time?)))
            .collect())
    }

    /// [`time_per_stage`](Self::time_per_stage) by [`Stage`] number, without the map (the
    /// caseload summary asks this of every engagement); `None` for a stage never entered.
    pub(crate) fn stage_times(
        &self,
        at: DateTime<Utc>,
    ) -> Result<[Option<StageTime>; 5], TransitionError> {
        self.not_before_last(at)?;
        let mut times = [None; 5];
        // Each status holds from its start to the next change (or `at`); the spans partition
        // `started..at`, so their sums cannot overflow.
        let mut status = Status::Active(Stage::NeedsAssessment);
        let mut from = self.started;
        let ends = self.history.iter().map(|c| (c.at, Some(c.to)));
        for (until, next) in ends.chain([(at, None)]) {
            let span = until - from;
            let (stage, active) = match status {
                Status::Active(stage) => (Some(stage), true),
                Status::OnHold(stage) => (Some(stage), false),
                Status::Closed => (None, false),
            };
            if let Some(slot) = stage.and_then(|s| times.get_mut(s as usize)) {
                let t = slot.get_or_insert_with(StageTime::default);
                if active {
                    t.active += span;
                } else {
                    t.on_hold += span;
                }
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
