//! The caseload report from the summary projection, in one SQL statement: the same numbers
//! [`Caseload::report`](crate::caseload::Caseload::report) gives for the same engagements.
//!
//! Percentiles are nearest-rank, as in [`crate::caseload::nearest_rank`]: the rank
//! ⌈p·n/100⌉ is worked out in integers (`percentile_disc` would multiply floats).

use std::fmt::Write as _;

use chrono::{DateTime, Utc};
use tokio_postgres::Row;
use tokio_postgres::types::{ToSql, Type};

use super::PgError;
use super::summary::status_word;
use crate::caseload::{CaseloadReport, Durations, StageReport, T_BAND_EDGES, TScoreBand, TScores};
use crate::{EngagementId, Function, Role, RoleMix, Stage, Status};

/// Which engagements a report sums up.
#[derive(Clone, Copy, Debug)]
#[non_exhaustive]
pub enum Scope<'a> {
    /// Every engagement in the store.
    All,
    /// These engagements, each counted once however often it is named (ids not in the store
    /// are not counted).
    Only(&'a [EngagementId]),
}

/// The report statement for a schema. `$1` is the report's instant, `$2` the ids (NULL for all).
pub(crate) fn sql(schema: &str) -> String {
    let stages: Vec<String> = Stage::ALL
        .iter()
        .map(|s| format!("'{}'", s.as_str()))
        .collect();
    let stages = stages.join(",");
    let ns = |x: &str| format!("(extract(epoch FROM {x}) * 1000000000)::bigint");
    let mut status_counts = String::new();
    for status in Status::ALL {
        let stage = status
            .stage()
            .map_or_else(|| "IS NULL".to_owned(), |s| format!("= '{}'", s.as_str()));
        let _ = write!(
            status_counts,
            "count(*) FILTER (WHERE status = '{}' AND stage {stage}),",
            status_word(status)
        );
    }
    let mut bands = String::new();
    let mut from = None;
    for below in T_BAND_EDGES.iter().map(Some).chain([None]) {
        let low = from.map_or_else(|| "true".to_owned(), |f| format!("t >= {f}"));
        let high = below.map_or_else(|| "true".to_owned(), |b| format!("t < {b}"));
        let _ = write!(bands, "count(*) FILTER (WHERE {low} AND {high}),");
        from = below;
    }
    let rank = |p: u8| format!("rn = greatest(1, ({p} * n + 99) / 100)");
    let stats = |table: &str| {
        format!(
            "(SELECT array_agg(coalesce(n, 0) ORDER BY g), array_agg(m ORDER BY g), \
             array_agg(p ORDER BY g) FROM generate_series(0, 4) AS g LEFT JOIN \
             (SELECT i, max(n) AS n, max(secs) FILTER (WHERE {}) AS m, \
             max(secs) FILTER (WHERE {}) AS p FROM (SELECT i, secs, \
             row_number() OVER (PARTITION BY i ORDER BY secs) AS rn, \
             count(*) OVER (PARTITION BY i) AS n FROM {table}) AS r GROUP BY i) AS x ON x.i = g)",
            rank(50),
            rank(90)
        )
    };
    format!(
        "WITH s AS (SELECT * FROM {schema}.engagement_summary \
           WHERE $2::text[] IS NULL OR engagement_id = ANY($2::text[])), \
         timed AS (SELECT * FROM s WHERE status_since <= $1), \
         spent AS (SELECT u.i - 1 AS i, (u.ns + CASE WHEN timed.stage = (ARRAY[{stages}])[u.i] \
           THEN {now} - {since} ELSE 0 END) / 1000000000 AS secs \
           FROM timed, unnest(timed.stage_spent_ns) WITH ORDINALITY AS u(ns, i) \
           WHERE u.ns IS NOT NULL), \
         current AS (SELECT array_position(ARRAY[{stages}], stage) - 1 AS i, \
           ({now} - {entered}) / 1000000000 AS secs FROM timed WHERE stage_entered IS NOT NULL), \
         t AS (SELECT latest_t_score AS t FROM s WHERE latest_t_score IS NOT NULL), \
         ranked_t AS (SELECT t, row_number() OVER (ORDER BY t) AS rn, count(*) OVER () AS n FROM t) \
         SELECT (SELECT ARRAY[{status_counts} count(*), \
                   count(*) FILTER (WHERE next_review IS NOT NULL AND $1 > next_review), \
                   count(*) FILTER (WHERE $1 < status_since)] FROM s), \
                (SELECT ARRAY[{roles}, {functions}] FROM s), \
                spent_stats.*, current_stats.*, \
                (SELECT ARRAY[{bands} count(*)] FROM t), \
                (SELECT ARRAY[max(t) FILTER (WHERE {p10}), max(t) FILTER (WHERE {p50}), \
                   max(t) FILTER (WHERE {p90})] FROM ranked_t) \
         FROM {spent_stats} AS spent_stats, {current_stats} AS current_stats",
        now = ns("$1"),
        since = ns("timed.status_since"),
        entered = ns("stage_entered"),
        roles = (1..=Role::ALL.len())
            .map(|i| format!("coalesce(sum(activities_by_role[{i}]), 0)"))
            .collect::<Vec<_>>()
            .join(", "),
        functions = (1..=Function::ALL.len())
            .map(|i| format!("coalesce(sum(activities_by_function[{i}]), 0)"))
            .collect::<Vec<_>>()
            .join(", "),
        p10 = rank(10),
        p50 = rank(50),
        p90 = rank(90),
        spent_stats = stats("spent"),
        current_stats = stats("current"),
    )
}

/// The statement's parameters.
pub(crate) fn params<'a>(
    at: &'a DateTime<Utc>,
    ids: &'a Option<Vec<&'a str>>,
) -> [(&'a (dyn ToSql + Sync), Type); 2] {
    [(at, Type::TIMESTAMPTZ), (ids, Type::TEXT_ARRAY)]
}

/// A count from the database as a `usize` (counts are never negative).
fn size(n: i64) -> usize {
    usize::try_from(n).unwrap_or(0)
}

/// Reads the statement's one row into the report.
pub(crate) fn read(at: DateTime<Utc>, row: &Row) -> Result<CaseloadReport, PgError> {
    let get = |i| -> Result<Vec<Option<i64>>, PgError> {
        row.try_get(i)
            .map_err(PgError::query("read the caseload report"))
    };
    let counts = get(0)?;
    let count = |i: usize| size(counts.get(i).copied().flatten().unwrap_or(0));
    let statuses = Status::ALL.len();
    let status_count = |status: Status| {
        Status::ALL
            .iter()
            .position(|&s| s == status)
            .map_or(0, count)
    };
    let mix = get(1)?;
    let mix_at = |i: usize| size(mix.get(i).copied().flatten().unwrap_or(0));
    let roles = core::array::from_fn(mix_at);
    let functions = core::array::from_fn(|i| mix_at(Role::ALL.len() + i));
    let role_mix = RoleMix::from_counts(roles, functions);
    let durations = |first: usize| -> Result<Vec<Durations>, PgError> {
        let (n, median, p90) = (get(first)?, get(first + 1)?, get(first + 2)?);
        Ok((0..Stage::ALL.len())
            .map(|i| Durations {
                count: size(n.get(i).copied().flatten().unwrap_or(0)),
                median_secs: median.get(i).copied().flatten(),
                p90_secs: p90.get(i).copied().flatten(),
            })
            .collect())
    };
    let spent = durations(2)?;
    let current = durations(5)?;
    let stages = Stage::ALL
        .iter()
        .zip(spent.into_iter().zip(current))
        .map(|(&stage, (time_spent, time_in_current))| StageReport {
            stage,
            active: status_count(Status::Active(stage)),
            on_hold: status_count(Status::OnHold(stage)),
            time_spent,
            time_in_current,
        })
        .collect();
    let band_counts = get(8)?;
    let edges = T_BAND_EDGES.iter().copied().map(Some);
    let bands: Vec<TScoreBand> = core::iter::once(None)
        .chain(edges.clone())
        .zip(edges.chain([None]))
        .zip(band_counts.iter())
        .map(|((from, below), n)| TScoreBand {
            from,
            below,
            count: size(n.unwrap_or(0)),
        })
        .collect();
    let t: Vec<Option<f64>> = row
        .try_get(9)
        .map_err(PgError::query("read the caseload report"))?;
    let t_at = |i: usize| t.get(i).copied().flatten();
    Ok(CaseloadReport {
        at,
        engagements: count(statuses),
        stages,
        closed: status_count(Status::Closed),
        reviews_overdue: count(statuses + 1),
        untimed: count(statuses + 2),
        role_mix,
        t_scores: TScores {
            count: size(band_counts.last().copied().flatten().unwrap_or(0)),
            p10: t_at(0),
            median: t_at(1),
            p90: t_at(2),
            bands,
        },
    })
}
