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

use std::fmt::{self, Write as _};

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::{Engagement, Lang, RoleMix, Stage, Status};

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
    let n = sorted.len() as u128;
    let p = u128::from(percent.min(100));
    let rank = (p * n).div_ceil(100).max(1);
    let index = usize::try_from(rank - 1).ok()?;
    sorted.get(index).copied()
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

    /// Counts one engagement.
    ///
    /// An engagement whose lifecycle changed after the caseload's instant (a report made for a
    /// past day from today's records) is counted by its current status, but its times cannot
    /// be measured at that instant: it is left out of the time distributions and counted as
    /// [`CaseloadReport::untimed`].
    pub fn add(&mut self, engagement: &Engagement) {
        self.engagements = self.engagements.saturating_add(1);
        let status = engagement.status();
        if let Some(index) = Status::ALL.iter().position(|&s| s == status)
            && let Some(n) = self.statuses.get_mut(index)
        {
            *n = n.saturating_add(1);
        }
        if engagement.review_overdue(self.at) {
            self.overdue = self.overdue.saturating_add(1);
        }
        self.mix.merge(&engagement.role_mix());
        if let Some(t) = latest_t_score(engagement) {
            self.t_scores.push(t);
        }
        self.add_times(engagement);
    }

    fn add_times(&mut self, engagement: &Engagement) {
        let lifecycle = engagement.lifecycle();
        let Ok(times) = lifecycle.time_per_stage(self.at) else {
            self.untimed = self.untimed.saturating_add(1);
            return;
        };
        for (stage, time) in times {
            if let Some(list) = self.spent.get_mut(stage as usize) {
                list.push(time.total().num_seconds());
            }
        }
        // Time since the current stage was entered (a hold inside it does not restart it).
        if let (Some(stage), Some(entered)) =
            (lifecycle.status().stage(), lifecycle.stage_entered())
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
            Status::ALL
                .iter()
                .position(|&s| s == status)
                .and_then(|i| self.statuses.get(i))
                .copied()
                .unwrap_or(0)
        };
        let stages = Stage::ALL
            .iter()
            .map(|&stage| StageReport {
                stage,
                active: count(Status::Active(stage)),
                on_hold: count(Status::OnHold(stage)),
                time_spent: Durations::of(self.spent.get(stage as usize)),
                time_in_current: Durations::of(self.current.get(stage as usize)),
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

impl<'a> Extend<&'a Engagement> for Caseload {
    fn extend<I: IntoIterator<Item = &'a Engagement>>(&mut self, engagements: I) {
        for engagement in engagements {
            self.add(engagement);
        }
    }
}

/// The T-score of the most recent evaluation that has one (an evaluation whose scored goals
/// have no attainment scale has none).
fn latest_t_score(engagement: &Engagement) -> Option<f64> {
    engagement
        .evaluations()
        .iter()
        .rev()
        .find_map(|e| engagement.t_score(e.id)?.ok())
}

/// A caseload's summary: counts and distributions, no names and no free text.
///
/// `Display` prints it as an English table; [`CaseloadReport::table`] in either language.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct CaseloadReport {
    /// The instant summed up at.
    pub at: DateTime<Utc>,
    /// How many engagements.
    pub engagements: usize,
    /// One row per stage, in the stages' order.
    pub stages: Vec<StageReport>,
    /// How many are closed.
    pub closed: usize,
    /// How many have a review past due at the instant.
    pub reviews_overdue: usize,
    /// How many changed status after the instant and are left out of the time distributions.
    pub untimed: usize,
    /// Activities per role and per function, over the whole caseload.
    pub role_mix: RoleMix,
    /// The engagements' latest GAS T-scores.
    pub t_scores: TScores,
}

/// One stage's row of a [`CaseloadReport`].
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct StageReport {
    /// The stage.
    pub stage: Stage,
    /// Engagements active in it.
    pub active: usize,
    /// Engagements on hold in it.
    pub on_hold: usize,
    /// Time spent in the stage so far (active and on hold), over every engagement that has been
    /// in it, closed ones included.
    pub time_spent: Durations,
    /// Time since entering the stage, over the engagements in it now.
    pub time_in_current: Durations,
}

/// A distribution of durations: how many, the median and the 90th percentile (nearest rank),
/// in whole seconds.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Durations {
    /// How many durations.
    pub count: usize,
    /// The median, `None` when there are none.
    pub median_secs: Option<i64>,
    /// The 90th percentile, `None` when there are none.
    pub p90_secs: Option<i64>,
}

impl Durations {
    fn of(values: Option<&Vec<i64>>) -> Self {
        let mut sorted = values.cloned().unwrap_or_default();
        sorted.sort_unstable();
        Self {
            count: sorted.len(),
            median_secs: nearest_rank(&sorted, 50),
            p90_secs: nearest_rank(&sorted, 90),
        }
    }
}

/// The distribution of the engagements' latest GAS T-scores.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct TScores {
    /// How many engagements have a T-score.
    pub count: usize,
    /// The 10th percentile (nearest rank).
    pub p10: Option<f64>,
    /// The median (nearest rank).
    pub median: Option<f64>,
    /// The 90th percentile (nearest rank).
    pub p90: Option<f64>,
    /// Counts in 10-point bands: below 30, 30 up to 40, ..., 70 and above ([`T_BAND_EDGES`]).
    pub bands: Vec<TScoreBand>,
}

/// How many T-scores fall in `from..below`.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct TScoreBand {
    /// The lowest score in the band; `None` for the first band.
    pub from: Option<u8>,
    /// The first score above the band; `None` for the last band.
    pub below: Option<u8>,
    /// How many scores fall in it.
    pub count: usize,
}

impl TScores {
    fn of(values: &[f64]) -> Self {
        let mut sorted = values.to_vec();
        sorted.sort_unstable_by(f64::total_cmp);
        let mut bands: Vec<TScoreBand> = core::iter::once(None)
            .chain(T_BAND_EDGES.iter().copied().map(Some))
            .zip(T_BAND_EDGES.iter().copied().map(Some).chain([None]))
            .map(|(from, below)| TScoreBand {
                from,
                below,
                count: 0,
            })
            .collect();
        for &t in &sorted {
            let band = T_BAND_EDGES
                .iter()
                .take_while(|&&edge| t >= f64::from(edge))
                .count();
            if let Some(b) = bands.get_mut(band) {
                b.count = b.count.saturating_add(1);
            }
        }
        Self {
            count: sorted.len(),
            p10: nearest_rank(&sorted, 10),
            median: nearest_rank(&sorted, 50),
            p90: nearest_rank(&sorted, 90),
            bands,
        }
    }
}

/// The words of the table.
struct Words {
    title: &'static str,
    engagements: &'static str,
    closed: &'static str,
    overdue: &'static str,
    untimed: &'static str,
    stage: &'static str,
    active: &'static str,
    on_hold: &'static str,
    spent: &'static str,
    current: &'static str,
    days: &'static str,
    role: &'static str,
    function: &'static str,
    activities: &'static str,
    gas: &'static str,
    none: &'static str,
    below: &'static str,
    and_above: &'static str,
}

const fn words(lang: Lang) -> Words {
    match lang {
        Lang::Id => Words {
            title: "Beban kasus per",
            engagements: "Pendampingan",
            closed: "ditutup",
            overdue: "tinjauan terlambat",
            untimed: "Tanpa ukuran waktu (berubah setelah waktu laporan)",
            stage: "Tahap",
            active: "Aktif",
            on_hold: "Ditunda",
            spent: "Lama di tahap",
            current: "Sejak masuk tahap",
            days: "hari: n, median, p90",
            role: "Peranan",
            function: "Fungsi",
            activities: "Kegiatan",
            gas: "Skor T GAS terakhir",
            none: "belum ada",
            below: "di bawah",
            and_above: "ke atas",
        },
        Lang::En => Words {
            title: "Caseload at",
            engagements: "Engagements",
            closed: "closed",
            overdue: "reviews overdue",
            untimed: "Not timed (changed after the report's instant)",
            stage: "Stage",
            active: "Active",
            on_hold: "On hold",
            spent: "Time in stage",
            current: "Since entering",
            days: "days: n, median, p90",
            role: "Role",
            function: "Function",
            activities: "Activities",
            gas: "Latest GAS T-scores",
            none: "none yet",
            below: "below",
            and_above: "and above",
        },
    }
}

/// Whole seconds as days with one decimal, or `-`.
fn days(secs: Option<i64>) -> String {
    #[allow(
        clippy::cast_precision_loss,
        reason = "durations far below 2^52 seconds"
    )]
    secs.map_or_else(|| "-".to_owned(), |s| format!("{:.1}", s as f64 / 86_400.0))
}

fn spread(d: &Durations) -> String {
    format!("{}, {}, {}", d.count, days(d.median_secs), days(d.p90_secs))
}

impl CaseloadReport {
    /// The report as a plain-text table in `lang`.
    #[must_use]
    pub fn table(&self, lang: Lang) -> String {
        let w = words(lang);
        let mut out = String::new();
        let _ = writeln!(
            out,
            "{} {}\n{}: {}, {}: {}, {}: {}",
            w.title,
            self.at.format("%Y-%m-%d %H:%M UTC"),
            w.engagements,
            self.engagements,
            w.closed,
            self.closed,
            w.overdue,
            self.reviews_overdue
        );
        if self.untimed > 0 {
            let _ = writeln!(out, "{}: {}", w.untimed, self.untimed);
        }
        out.push('\n');
        let width = Stage::ALL
            .iter()
            .map(|s| s.label(lang).chars().count())
            .chain([w.stage.chars().count()])
            .max()
            .unwrap_or(0);
        let _ = writeln!(
            out,
            "{:<width$}  {:>7}  {:>7}  {:<24}  {}",
            w.stage, w.active, w.on_hold, w.spent, w.current
        );
        let _ = writeln!(
            out,
            "{:<width$}  {:>7}  {:>7}  {:<24}  {}",
            "", "", "", w.days, w.days
        );
        for row in &self.stages {
            let _ = writeln!(
                out,
                "{:<width$}  {:>7}  {:>7}  {:<24}  {}",
                row.stage.label(lang),
                row.active,
                row.on_hold,
                spread(&row.time_spent),
                spread(&row.time_in_current)
            );
        }
        out.push('\n');
        let _ = writeln!(out, "{:<14}  {:>10}", w.role, w.activities);
        for (role, n) in self.role_mix.by_role() {
            let _ = writeln!(out, "{:<14}  {n:>10}", role.label(lang));
        }
        out.push('\n');
        let _ = writeln!(out, "{:<30}  {:>10}", w.function, w.activities);
        for (function, n) in self.role_mix.by_function() {
            let _ = writeln!(out, "{:<30}  {n:>10}", function.label(lang));
        }
        out.push('\n');
        let t = &self.t_scores;
        let one = |v: Option<f64>| v.map_or_else(|| "-".to_owned(), |v| format!("{v:.1}"));
        if t.count == 0 {
            let _ = writeln!(out, "{}: {}", w.gas, w.none);
        } else {
            let _ = writeln!(
                out,
                "{}: n {}, p10 {}, median {}, p90 {}",
                w.gas,
                t.count,
                one(t.p10),
                one(t.median),
                one(t.p90)
            );
            for band in &t.bands {
                let name = match (band.from, band.below) {
                    (None, Some(b)) => format!("{} {b}", w.below),
                    (Some(a), Some(b)) => format!("{a}–<{b}"),
                    (Some(a), None) => format!("{a} {}", w.and_above),
                    (None, None) => String::new(),
                };
                let _ = writeln!(out, "  {name:<12}  {:>8}", band.count);
            }
        }
        out
    }
}

impl fmt::Display for CaseloadReport {
    /// The English table.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.table(Lang::En))
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

    #[test]
    fn bands_split_at_the_edges() {
        let t = TScores::of(&[29.99, 30.0, 49.99, 50.0, 69.9, 70.0, 85.0]);
        let counts: Vec<usize> = t.bands.iter().map(|b| b.count).collect();
        assert_eq!(counts, [1, 1, 1, 1, 1, 2]);
        assert_eq!(
            t.bands.first().map(|b| (b.from, b.below)),
            Some((None, Some(30)))
        );
        assert_eq!(
            t.bands.last().map(|b| (b.from, b.below)),
            Some((Some(70), None))
        );
    }
}
