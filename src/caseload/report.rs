//! The report of a caseload: counts and distributions, in numbers and as a table in either
//! language.

use std::fmt::{self, Write as _};

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::caseload::{T_BAND_EDGES, percentiles};
use crate::{Lang, RoleMix, Stage};

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
    /// The distribution of `values`, selected in `scratch` (one buffer for every list of a
    /// report, so ten million values are not copied into fresh memory again and again).
    pub(crate) fn of(values: &[i64], scratch: &mut Vec<i64>) -> Self {
        scratch.clear();
        scratch.extend_from_slice(values);
        let [median_secs, p90_secs] = percentiles(scratch, [50, 90], Ord::cmp);
        Self {
            count: values.len(),
            median_secs,
            p90_secs,
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
    pub(crate) fn of(values: &[f64]) -> Self {
        let mut values = values.to_vec();
        let mut bands: Vec<TScoreBand> = core::iter::once(None)
            .chain(T_BAND_EDGES.iter().copied().map(Some))
            .zip(T_BAND_EDGES.iter().copied().map(Some).chain([None]))
            .map(|(from, below)| TScoreBand {
                from,
                below,
                count: 0,
            })
            .collect();
        for &t in &values {
            let band = T_BAND_EDGES
                .iter()
                .take_while(|&&edge| t >= f64::from(edge))
                .count();
            if let Some(b) = bands.get_mut(band) {
                b.count = b.count.saturating_add(1);
            }
        }
        let [p10, median, p90] = percentiles(&mut values, [10, 50, 90], f64::total_cmp);
        Self {
            count: values.len(),
            p10,
            median,
            p90,
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
