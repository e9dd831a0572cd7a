//! A caseload: many engagements summed up in numbers a supervisor or a donor can read.
//!
//! A [`Caseload`] is built for one instant (the day of the report) and takes engagements one by
//! one, or from an iterator. It keeps no engagement and no text, only counts and, for the
//! distributions, one number per engagement and stage: an app can stream a hundred thousand
//! engagements from its store through it. [`Caseload::report`] turns the numbers into a
//! [`CaseloadReport`]:
//!
//! - engagements by stage, active or on hold, and how many are closed;
//! - reviews overdue at the instant ([`Engagement::review_overdue`]);
//! - per stage, the time engagements have spent in it ([`Lifecycle::time_per_stage`], active
//!   and on hold together) and, for those in it now, the time since they entered it (a hold
//!   inside the stage does not restart that clock): count, median and 90th percentile;
//! - the practice mix: activities per role and per function, summed over the caseload;
//! - Goal Attainment Scaling: each engagement's latest T-score, as the 10th, 50th and 90th
//!   percentiles and as counts in 10-point bands.
//!
//! The report holds no names, ids or free text, so it can be handed to a donor as it is.
//!
//! **Percentiles** are by the *nearest-rank* method ([`nearest_rank`]): the p-th percentile of
//! n sorted values is the value at rank ⌈p·n/100⌉ (counting from 1). Every percentile reported
//! is a value that occurred; the median of an even count is the lower of the two middle values.
//!
//! ```
//! use chrono::{TimeZone, Utc};
//! use pendamping::caseload::Caseload;
//! # use pendamping::*;
//! # let worker = Actor::new("w:siti", ActorKind::SocialWorker)?;
//! # let open = |id: &str, day| Engagement::open(&worker, Utc.with_ymd_and_hms(2026, 1, day, 9, 0, 0).unwrap(), Opening {
//! #     id: EngagementId::new(id).unwrap(),
//! #     client: ClientSystem { level: ClientSystemLevel::Family, name: "Keluarga".into() },
//! #     team: vec![TeamMember { id: worker.id.clone(), kind: ActorKind::SocialWorker, name: "Siti".into() }],
//! #     policy: Policy::default(),
//! # });
//! // Three engagements opened on 1, 5 and 21 January, all still in needs assessment.
//! let cases = [open("a", 1)?, open("b", 5)?, open("c", 21)?];
//!
//! let at = Utc.with_ymd_and_hms(2026, 1, 31, 9, 0, 0).unwrap();
//! let report = Caseload::from_engagements(at, &cases).report();
//! let assessment = &report.stages[0];
//! assert_eq!((assessment.stage, assessment.active), (Stage::NeedsAssessment, 3));
//! assert_eq!(assessment.time_in_current.median_secs, Some(26 * 86_400));
//! assert_eq!(assessment.time_in_current.p90_secs, Some(30 * 86_400));
//! println!("{}", report.table(Lang::Id));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! [`Lifecycle::time_per_stage`]: crate::Lifecycle::time_per_stage

use chrono::{DateTime, Utc};

mod report;
mod summary;

pub use report::{CaseloadReport, Durations, StageReport, TScoreBand, TScores};
pub use summary::EngagementSummary;

use crate::{Engagement, RoleMix, Stage, Status};

/// The lower edges of the T-score bands after the first: below 30, 30 up to 40, ..., 70 and
/// above. A T-score of 50 (every goal at its expected outcome) opens the 50 band.
pub const T_BAND_EDGES: [u8; 5] = [30, 40, 50, 60, 70];

/// How many stages there are.
const STAGES: usize = 5;

/// The nearest-rank percentile of values sorted in ascending order: the value at rank
/// ⌈`percent`·n/100⌉, counting from 1 (and at least 1). `percent` above 100 counts as 100.
/// `None` when there are no values.
///
/// ```
/// use pendamping::caseload::nearest_rank;
///
/// let sorted = [15, 20, 35, 40, 50];
/// assert_eq!(nearest_rank(&sorted, 30), Some(20)); // rank ⌈1.5⌉ = 2
/// assert_eq!(nearest_rank(&sorted, 50), Some(35)); // rank ⌈2.5⌉ = 3
/// assert_eq!(nearest_rank(&sorted, 100), Some(50));
/// assert_eq!(nearest_rank(&[1, 2, 3, 4], 50), Some(2)); // the lower middle value
/// assert_eq!(nearest_rank::<u8>(&[], 50), None);
/// ```
#[must_use]
pub fn nearest_rank<T: Copy>(sorted: &[T], percent: u8) -> Option<T> {
    sorted.get(rank_index(sorted.len(), percent)?).copied()
}

/// The 0-based position of the nearest-rank `percent`-th percentile among `n` sorted values;
/// `None` when there are none.
fn rank_index(n: usize, percent: u8) -> Option<usize> {
    let p = u128::from(percent.min(100));
    let rank = (p * n as u128).div_ceil(100).max(1);
    usize::try_from(rank - 1).ok().filter(|&i| i < n)
}

/// The nearest-rank percentiles of `values` (in any order) for each of `percents`, by selection
/// instead of sorting: each is found in linear time, so ten million values take a fraction of a
/// second. Fastest with `percents` ascending; `values` is left partly reordered.
pub(crate) fn percentiles<T: Copy, const N: usize>(
    values: &mut [T],
    percents: [u8; N],
    order: impl Fn(&T, &T) -> core::cmp::Ordering,
) -> [Option<T>; N] {
    let n = values.len();
    // After a selection at `start`, the values from there on are no smaller than those before,
    // so a higher percentile is looked for only there and a lower one only before.
    let mut start = 0;
    percents.map(|percent| {
        let index = rank_index(n, percent)?;
        let (part, k) = if index >= start {
            (values.get_mut(start..)?, index - start)
        } else {
            (values.get_mut(..=start)?, index)
        };
        let (_, found, _) = part.select_nth_unstable_by(k, &order);
        let found = *found;
        start = start.max(index);
        Some(found)
    })
}

/// Many engagements summed up at one instant, keeping only numbers.
///
/// ```
/// use chrono::{TimeZone, Utc};
/// use pendamping::caseload::Caseload;
///
/// let at = Utc.with_ymd_and_hms(2026, 6, 30, 0, 0, 0).unwrap();
/// let mut caseload = Caseload::new(at);
/// // for engagement in store.engagements() { caseload.add(&engagement); }
/// assert!(caseload.is_empty());
/// assert_eq!(caseload.report().engagements, 0);
/// ```
#[derive(Clone, Debug, PartialEq)]
pub struct Caseload {
    at: DateTime<Utc>,
    engagements: usize,
    statuses: [usize; Status::ALL.len()],
    overdue: usize,
    untimed: usize,
    /// Per stage: seconds each engagement that has been in it spent there.
    spent: [Vec<i64>; STAGES],
    /// Per stage: seconds since each engagement now in it entered it.
    current: [Vec<i64>; STAGES],
    mix: RoleMix,
    t_scores: Vec<f64>,
}

/// Two caseloads for different instants cannot be merged.
///
/// ```
/// use chrono::{TimeZone, Utc};
/// use pendamping::caseload::{Caseload, CaseloadError};
///
/// let june = Utc.with_ymd_and_hms(2026, 6, 30, 0, 0, 0).unwrap();
/// let july = Utc.with_ymd_and_hms(2026, 7, 31, 0, 0, 0).unwrap();
/// let err = Caseload::new(june).merge(Caseload::new(july)).unwrap_err();
/// assert_eq!(
///     err.to_string(),
///     "cannot merge a caseload at 2026-07-31 00:00:00 UTC into one at 2026-06-30 00:00:00 UTC"
/// );
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum CaseloadError {
    /// The caseloads were built for different instants.
    #[error("cannot merge a caseload at {other} into one at {at}")]
    DifferentInstants {
        /// The instant of the caseload merged into.
        at: DateTime<Utc>,
        /// The instant of the caseload given.
        other: DateTime<Utc>,
    },
}

impl Caseload {
    /// An empty caseload, to be summed up at `at`.
    #[must_use]
    pub fn new(at: DateTime<Utc>) -> Self {
        Self {
            at,
            engagements: 0,
            statuses: [0; Status::ALL.len()],
            overdue: 0,
            untimed: 0,
            spent: Default::default(),
            current: Default::default(),
            mix: RoleMix::default(),
            t_scores: Vec::new(),
        }
    }

    /// A caseload of the given engagements, summed up at `at`.
    pub fn from_engagements<'a>(
        at: DateTime<Utc>,
        engagements: impl IntoIterator<Item = &'a Engagement>,
    ) -> Self {
        let mut caseload = Self::new(at);
        caseload.extend(engagements);
        caseload
    }

    /// The instant the caseload is summed up at.
    #[must_use]
    pub fn at(&self) -> DateTime<Utc> {
        self.at
    }

    /// How many engagements were added.
    #[must_use]
    pub fn len(&self) -> usize {
        self.engagements
    }

    /// Whether no engagement was added.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.engagements == 0
    }

    /// Counts one engagement, by its [`EngagementSummary`].
    ///
    /// An engagement whose lifecycle changed after the caseload's instant (a report made for a
    /// past day from today's records) is counted by its current status, but its times cannot
    /// be measured at that instant: it is left out of the time distributions and counted as
    /// [`CaseloadReport::untimed`].
    pub fn add(&mut self, engagement: &Engagement) {
        self.add_summary(&EngagementSummary::of(engagement));
    }

    /// Counts one engagement from its summary, as a store's projection keeps it: the same
    /// numbers as [`Caseload::add`] with the engagement.
    pub fn add_summary(&mut self, summary: &EngagementSummary) {
        self.engagements = self.engagements.saturating_add(1);
        if let Some(n) = self.statuses.get_mut(status_index(summary.status)) {
            *n = n.saturating_add(1);
        }
        if summary.review_overdue(self.at) {
            self.overdue = self.overdue.saturating_add(1);
        }
        self.mix.merge(&summary.role_mix);
        if let Some(t) = summary.t_score {
            self.t_scores.push(t);
        }
        let Some(times) = summary.time_per_stage(self.at) else {
            self.untimed = self.untimed.saturating_add(1);
            return;
        };
        for (list, secs) in self.spent.iter_mut().zip(times) {
            if let Some(secs) = secs {
                list.push(secs);
            }
        }
        // Time since the current stage was entered (a hold inside it does not restart it).
        if let (Some(stage), Some(entered)) = (summary.status.stage(), summary.stage_entered)
            && let Some(list) = self.current.get_mut(stage as usize)
        {
            list.push((self.at - entered).num_seconds());
        }
    }

    /// Adds another caseload's numbers to this one (for summing up in parallel).
    ///
    /// # Errors
    ///
    /// [`CaseloadError::DifferentInstants`] when `other` was built for another instant; this
    /// caseload is then unchanged.
    pub fn merge(&mut self, other: Self) -> Result<(), CaseloadError> {
        if other.at != self.at {
            return Err(CaseloadError::DifferentInstants {
                at: self.at,
                other: other.at,
            });
        }
        self.engagements = self.engagements.saturating_add(other.engagements);
        for (a, b) in self.statuses.iter_mut().zip(other.statuses) {
            *a = a.saturating_add(b);
        }
        self.overdue = self.overdue.saturating_add(other.overdue);
        self.untimed = self.untimed.saturating_add(other.untimed);
        for (a, b) in self.spent.iter_mut().zip(other.spent) {
            a.extend(b);
        }
        for (a, b) in self.current.iter_mut().zip(other.current) {
            a.extend(b);
        }
        self.mix.merge(&other.mix);
        self.t_scores.extend(other.t_scores);
        Ok(())
    }

    /// The summary of the caseload.
    #[must_use]
    pub fn report(&self) -> CaseloadReport {
        let count = |status: Status| {
            self.statuses
                .get(status_index(status))
                .copied()
                .unwrap_or(0)
        };
        let longest = self.spent.iter().chain(&self.current).map(Vec::len).max();
        let mut scratch = Vec::with_capacity(longest.unwrap_or(0));
        let mut durations = |lists: &[Vec<i64>; STAGES], stage: Stage| {
            let values = lists.get(stage as usize).map_or(&[][..], Vec::as_slice);
            Durations::of(values, &mut scratch)
        };
        let stages = Stage::ALL
            .iter()
            .map(|&stage| StageReport {
                stage,
                active: count(Status::Active(stage)),
                on_hold: count(Status::OnHold(stage)),
                time_spent: durations(&self.spent, stage),
                time_in_current: durations(&self.current, stage),
            })
            .collect();
        CaseloadReport {
            at: self.at,
            engagements: self.engagements,
            stages,
            closed: count(Status::Closed),
            reviews_overdue: self.overdue,
            untimed: self.untimed,
            role_mix: self.mix.clone(),
            t_scores: TScores::of(&self.t_scores),
        }
    }
}

/// The position of a status in [`Status::ALL`].
fn status_index(status: Status) -> usize {
    match status {
        Status::Active(stage) => stage as usize,
        Status::OnHold(stage) => STAGES + stage as usize,
        Status::Closed => 2 * STAGES,
    }
}

impl<'a> Extend<&'a EngagementSummary> for Caseload {
    fn extend<I: IntoIterator<Item = &'a EngagementSummary>>(&mut self, summaries: I) {
        for summary in summaries {
            self.add_summary(summary);
        }
    }
}

impl<'a> Extend<&'a Engagement> for Caseload {
    fn extend<I: IntoIterator<Item = &'a Engagement>>(&mut self, engagements: I) {
        for engagement in engagements {
            self.add(engagement);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nearest_rank_edges() {
        let v = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
        assert_eq!(nearest_rank(&v, 0), Some(1));
        assert_eq!(nearest_rank(&v, 10), Some(1));
        assert_eq!(nearest_rank(&v, 11), Some(2));
        assert_eq!(nearest_rank(&v, 90), Some(9));
        assert_eq!(nearest_rank(&v, 91), Some(10));
        assert_eq!(nearest_rank(&v, 255), Some(10));
        assert_eq!(nearest_rank(&[7], 50), Some(7));
    }

    proptest::proptest! {
        /// Selection finds what sorting finds, for any values and percents in any order.
        #[test]
        fn percentiles_are_the_sorted_ranks(
            values in proptest::collection::vec(-50_i64..50, 0..200),
            percents in proptest::array::uniform4(0_u8..=120),
        ) {
            let mut sorted = values.clone();
            sorted.sort_unstable();
            let mut shuffled = values;
            let found = percentiles(&mut shuffled, percents, Ord::cmp);
            proptest::prop_assert_eq!(found, percents.map(|p| nearest_rank(&sorted, p)));
        }
    }
}
