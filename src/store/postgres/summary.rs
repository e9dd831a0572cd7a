//! The summary projection: one row per engagement in `engagement_summary`, written in the same
//! statement as the journal rows of every append.

use chrono::{DateTime, Utc};
use tokio_postgres::types::{ToSql, Type};

use crate::{Engagement, Stage, Status};

/// The values of one engagement's summary row, in the table's column order after
/// `engagement_id` (see `v1.sql`).
#[derive(Debug)]
pub(crate) struct Summary {
    last_seq: i64,
    opened_at: DateTime<Utc>,
    last_event_at: DateTime<Utc>,
    status: &'static str,
    stage: Option<&'static str>,
    status_since: DateTime<Utc>,
    stage_entered: Option<DateTime<Utc>>,
    next_review: Option<DateTime<Utc>>,
    stage_spent_us: Vec<Option<i64>>,
    needs: i32,
    open_needs: i32,
    goals: i32,
    activities: i32,
    referrals_in_flight: i32,
    evaluations: i32,
    activities_by_role: Vec<i32>,
    activities_by_function: Vec<i32>,
    latest_t_score: Option<f64>,
}

/// The summary's column names after `engagement_id`, in [`Summary::params`] order.
pub(crate) const COLUMNS: [&str; 18] = [
    "last_seq",
    "opened_at",
    "last_event_at",
    "status",
    "stage",
    "status_since",
    "stage_entered",
    "next_review",
    "stage_spent_us",
    "needs",
    "open_needs",
    "goals",
    "activities",
    "referrals_in_flight",
    "evaluations",
    "activities_by_role",
    "activities_by_function",
    "latest_t_score",
];

/// A count as the table's `integer`, saturating (no engagement comes near 2^31 records).
fn count(n: usize) -> i32 {
    i32::try_from(n).unwrap_or(i32::MAX)
}

/// The status column's word for a status.
pub(crate) const fn status_word(status: Status) -> &'static str {
    match status {
        Status::Active(_) => "active",
        Status::OnHold(_) => "on_hold",
        Status::Closed => "closed",
    }
}

impl Summary {
    /// The summary of an engagement as it stands after its last event.
    pub(crate) fn of(engagement: &Engagement) -> Self {
        let lifecycle = engagement.lifecycle();
        let since = lifecycle.since();
        // Up to the current status's start every span is over; the one since then grows with
        // the report's instant and is added by the report query.
        let spent = lifecycle.time_per_stage(since).unwrap_or_default();
        let mix = engagement.role_mix();
        Self {
            last_seq: i64::try_from(engagement.last_seq()).unwrap_or(i64::MAX),
            opened_at: engagement.opened_at(),
            last_event_at: engagement.last_at(),
            status: status_word(engagement.status()),
            stage: engagement.stage().map(Stage::as_str),
            status_since: since,
            stage_entered: lifecycle.stage_entered(),
            next_review: engagement.next_review(),
            stage_spent_us: Stage::ALL
                .iter()
                .map(|stage| {
                    let total = spent.get(stage)?.total();
                    Some(total.num_microseconds().unwrap_or(i64::MAX))
                })
                .collect(),
            needs: count(engagement.needs().len()),
            open_needs: count(engagement.open_needs().count()),
            goals: count(engagement.goals().len()),
            activities: count(engagement.activities().len()),
            referrals_in_flight: count(engagement.referrals_in_flight().count()),
            evaluations: count(engagement.evaluations().len()),
            activities_by_role: mix.by_role().map(|(_, n)| count(n)).collect(),
            activities_by_function: mix.by_function().map(|(_, n)| count(n)).collect(),
            latest_t_score: latest_t_score(engagement),
        }
    }

    /// The values with their types, in [`COLUMNS`] order.
    pub(crate) fn params(&self) -> [(&(dyn ToSql + Sync), Type); 18] {
        [
            (&self.last_seq, Type::INT8),
            (&self.opened_at, Type::TIMESTAMPTZ),
            (&self.last_event_at, Type::TIMESTAMPTZ),
            (&self.status, Type::TEXT),
            (&self.stage, Type::TEXT),
            (&self.status_since, Type::TIMESTAMPTZ),
            (&self.stage_entered, Type::TIMESTAMPTZ),
            (&self.next_review, Type::TIMESTAMPTZ),
            (&self.stage_spent_us, Type::INT8_ARRAY),
            (&self.needs, Type::INT4),
            (&self.open_needs, Type::INT4),
            (&self.goals, Type::INT4),
            (&self.activities, Type::INT4),
            (&self.referrals_in_flight, Type::INT4),
            (&self.evaluations, Type::INT4),
            (&self.activities_by_role, Type::INT4_ARRAY),
            (&self.activities_by_function, Type::INT4_ARRAY),
            (&self.latest_t_score, Type::FLOAT8),
        ]
    }
}

/// The T-score of the most recent evaluation that has one, as the caseload report counts it.
fn latest_t_score(engagement: &Engagement) -> Option<f64> {
    engagement
        .evaluations()
        .iter()
        .rev()
        .find_map(|e| engagement.t_score(e.id)?.ok())
}
