//! The summary projection: one row per engagement in `engagement_summary`, holding its
//! [`EngagementSummary`] (written in the same statement as the journal rows of every append)
//! and its last seq, the gate appends check.

use chrono::{DateTime, Utc};
use tokio_postgres::Row;
use tokio_postgres::types::{ToSql, Type};

use super::PgError;
use crate::caseload::EngagementSummary;
use crate::{EngagementId, Function, Role, RoleMix, Stage, Status};

/// The summary's column names after `engagement_id`, in [`SummaryRow::params`] order (see
/// `v1.sql`).
pub(crate) const COLUMNS: [&str; 16] = [
    "last_seq",
    "last_event_at",
    "status",
    "stage",
    "status_since",
    "stage_entered",
    "next_review",
    "stage_spent_ns",
    "needs",
    "open_needs",
    "goals",
    "referrals_in_flight",
    "evaluations",
    "activities_by_role",
    "activities_by_function",
    "latest_t_score",
];

/// The status column's word for a status.
pub(crate) const fn status_word(status: Status) -> &'static str {
    match status {
        Status::Active(_) => "active",
        Status::OnHold(_) => "on_hold",
        Status::Closed => "closed",
    }
}

/// A summary's values in the SQL types of its row, in [`COLUMNS`] order.
#[derive(Debug)]
pub(crate) struct SummaryRow<'a> {
    last_seq: i64,
    summary: &'a EngagementSummary,
    spent: &'a [Option<i64>],
    status: &'static str,
    stage: Option<&'static str>,
    counts: [i32; 5],
    roles: Vec<i32>,
    functions: Vec<i32>,
}

/// A count as the table's `integer`, saturating.
fn int(n: impl TryInto<i32>) -> i32 {
    n.try_into().unwrap_or(i32::MAX)
}

impl<'a> SummaryRow<'a> {
    /// The row of `summary` for an engagement whose last event has seq `last_seq`.
    pub(crate) fn new(summary: &'a EngagementSummary, last_seq: u64) -> Self {
        let s = summary;
        Self {
            last_seq: i64::try_from(last_seq).unwrap_or(i64::MAX),
            summary,
            spent: &s.spent_nanos,
            status: status_word(s.status),
            stage: s.status.stage().map(Stage::as_str),
            counts: [
                s.needs,
                s.open_needs,
                s.goals,
                s.referrals_in_flight,
                s.evaluations,
            ]
            .map(int),
            roles: s.role_mix.by_role().map(|(_, n)| int(n)).collect(),
            functions: s.role_mix.by_function().map(|(_, n)| int(n)).collect(),
        }
    }

    /// The values with their types, in [`COLUMNS`] order.
    pub(crate) fn params(&self) -> [(&(dyn ToSql + Sync), Type); 16] {
        let s = self.summary;
        let [needs, open_needs, goals, referrals, evaluations] = &self.counts;
        [
            (&self.last_seq, Type::INT8),
            (&s.last_event_at, Type::TIMESTAMPTZ),
            (&self.status, Type::TEXT),
            (&self.stage, Type::TEXT),
            (&s.since, Type::TIMESTAMPTZ),
            (&s.stage_entered, Type::TIMESTAMPTZ),
            (&s.next_review, Type::TIMESTAMPTZ),
            (&self.spent, Type::INT8_ARRAY),
            (needs, Type::INT4),
            (open_needs, Type::INT4),
            (goals, Type::INT4),
            (referrals, Type::INT4),
            (evaluations, Type::INT4),
            (&self.roles, Type::INT4_ARRAY),
            (&self.functions, Type::INT4_ARRAY),
            (&s.t_score, Type::FLOAT8),
        ]
    }
}

/// The summary a row selected with [`COLUMNS`] holds.
pub(crate) fn read(id: &EngagementId, row: &Row) -> Result<EngagementSummary, PgError> {
    let action = || format!("read the summary of engagement {id}");
    let bad = |column: &'static str, value: String| PgError::BadSummary {
        engagement: id.clone(),
        column,
        value: crate::vocab::shorten(&value),
    };
    macro_rules! get {
        ($column:literal) => {
            row.try_get($column).map_err(PgError::query(action()))?
        };
    }
    let word: String = get!("status");
    let stage: Option<String> = get!("stage");
    let parsed = stage.as_deref().map(str::parse::<Stage>).transpose();
    let status = match (word.as_str(), parsed) {
        ("active", Ok(Some(stage))) => Status::Active(stage),
        ("on_hold", Ok(Some(stage))) => Status::OnHold(stage),
        ("closed", Ok(None)) => Status::Closed,
        _ => {
            return Err(bad(
                "status",
                format!("{word} {}", stage.unwrap_or_default()),
            ));
        }
    };
    let count =
        |column: &'static str, n: i32| u32::try_from(n).map_err(|_| bad(column, n.to_string()));
    let spent: Vec<Option<i64>> = get!("stage_spent_ns");
    let spent_nanos = <[Option<i64>; 5]>::try_from(spent.as_slice())
        .map_err(|_| bad("stage_spent_ns", format!("{spent:?}")))?;
    let counts = |column: &'static str, values: Vec<i32>| -> Result<Vec<usize>, PgError> {
        values
            .iter()
            .map(|&n| usize::try_from(n).map_err(|_| bad(column, format!("{values:?}"))))
            .collect()
    };
    let roles = counts("activities_by_role", get!("activities_by_role"))?;
    let functions = counts("activities_by_function", get!("activities_by_function"))?;
    let roles = <[usize; Role::ALL.len()]>::try_from(roles.as_slice())
        .map_err(|_| bad("activities_by_role", format!("{roles:?}")))?;
    let functions = <[usize; Function::ALL.len()]>::try_from(functions.as_slice())
        .map_err(|_| bad("activities_by_function", format!("{functions:?}")))?;
    let since: DateTime<Utc> = get!("status_since");
    Ok(EngagementSummary {
        status,
        since,
        stage_entered: get!("stage_entered"),
        spent_nanos,
        next_review: get!("next_review"),
        role_mix: RoleMix::from_counts(roles, functions),
        t_score: get!("latest_t_score"),
        last_event_at: get!("last_event_at"),
        needs: count("needs", get!("needs"))?,
        open_needs: count("open_needs", get!("open_needs"))?,
        goals: count("goals", get!("goals"))?,
        referrals_in_flight: count("referrals_in_flight", get!("referrals_in_flight"))?,
        evaluations: count("evaluations", get!("evaluations"))?,
    })
}
