//! What a caseload needs to know of one engagement: a fixed-size record of numbers and times,
//! naming nobody, that a store can keep beside each engagement (a projection updated on every
//! append) so a report over millions of engagements reads these and not their events.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::{Engagement, RecordRef, RoleMix, Stage, Status};

/// One engagement as a caseload counts it, independent of the report's instant: its status,
/// when that status and the current stage began, the time spent in each stage up to then, when
/// its next review is due, its practice mix and its latest GAS T-score; and, for a store's
/// projection to be queried by, when its last event happened and how many of its records there
/// are of each kind.
///
/// It holds no name, id or free text, so it can be stored, copied and handed on where the
/// engagement itself may not go. It is small and fixed in size (under 256 bytes, checked in
/// `tests/sizes.rs`). [`Caseload::add`](crate::caseload::Caseload::add) counts an engagement by
/// its summary, so a report from summaries is the report from the engagements.
///
/// ```
/// use chrono::{TimeZone, Utc};
/// use pendamping::caseload::{Caseload, EngagementSummary};
/// # use pendamping::*;
/// # let worker = Actor::new("w:siti", ActorKind::SocialWorker)?;
/// # let opened = Utc.with_ymd_and_hms(2026, 1, 5, 9, 0, 0).unwrap();
/// # let case = Engagement::open(&worker, opened, Opening {
/// #     id: EngagementId::new("pkh-1")?,
/// #     client: ClientSystem { level: ClientSystemLevel::Family, name: "Keluarga".into() },
/// #     team: vec![TeamMember { id: worker.id.clone(), kind: ActorKind::SocialWorker, name: "Siti".into() }],
/// #     policy: Policy::default(),
/// # })?;
/// let summary = EngagementSummary::of(&case);
/// assert_eq!(summary.status, Status::Active(Stage::NeedsAssessment));
///
/// // The store keeps the summary (as JSON here); the report reads it back.
/// let stored = serde_json::to_string(&summary)?;
/// let at = Utc.with_ymd_and_hms(2026, 1, 31, 9, 0, 0).unwrap();
/// let mut caseload = Caseload::new(at);
/// caseload.add_summary(&serde_json::from_str(&stored)?);
/// assert_eq!(caseload.report(), Caseload::from_engagements(at, [&case]).report());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct EngagementSummary {
    /// The status.
    pub status: Status,
    /// When the status began: the last status change, or the opening.
    pub since: DateTime<Utc>,
    /// When the current stage was entered from another (a hold and a resume inside it do not
    /// restart it); `None` once closed.
    pub stage_entered: Option<DateTime<Utc>>,
    /// Per stage, in [`Stage::ALL`] order, the nanoseconds spent in it (active and on hold)
    /// from the opening up to [`since`](Self::since); `None` for a stage never entered. Time in
    /// the current status after `since` is added at the report's instant. Nanoseconds, so the
    /// sum is exact whatever the clock's precision (they last 292 years).
    pub spent_nanos: [Option<i64>; 5],
    /// When the next review is due ([`Engagement::next_review`]).
    pub next_review: Option<DateTime<Utc>>,
    /// Activities per role and per function.
    pub role_mix: RoleMix,
    /// The T-score of the latest evaluation that has one.
    pub t_score: Option<f64>,
    /// When its last event happened ([`Engagement::last_at`]).
    pub last_event_at: DateTime<Utc>,
    /// Needs identified.
    pub needs: u32,
    /// Needs still open ([`Engagement::open_needs`]).
    pub open_needs: u32,
    /// Goals set.
    pub goals: u32,
    /// Referrals still in flight ([`Engagement::referrals_in_flight`]).
    pub referrals_in_flight: u32,
    /// Evaluations made.
    pub evaluations: u32,
}

/// A count as a summary keeps it, saturating (no engagement comes near 2^32 records).
fn count(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

impl EngagementSummary {
    /// The summary of an engagement as it stands.
    #[must_use]
    pub fn of(engagement: &Engagement) -> Self {
        // The short walks over the vectors the engagement points to come first, together: in a
        // large caseload each of their first reads waits for memory, and close together those
        // waits overlap instead of following each other between the longer sums below.
        let open_needs = count(engagement.open_needs().count());
        let role_mix = engagement.role_mix();
        let referrals_in_flight = count(engagement.referrals_in_flight().count());
        let lifecycle = engagement.lifecycle();
        let since = lifecycle.since();
        let mut spent_nanos = [None; 5];
        // Up to `since` itself the times are known, whatever instant a report picks later.
        if let Ok(times) = lifecycle.stage_times(since) {
            for (slot, time) in spent_nanos.iter_mut().zip(times) {
                *slot = time.map(|t| t.total().num_nanoseconds().unwrap_or(i64::MAX));
            }
        }
        Self {
            status: engagement.status(),
            since,
            stage_entered: lifecycle.stage_entered(),
            spent_nanos,
            next_review: engagement.next_review(),
            role_mix,
            t_score: latest_t_score(engagement),
            last_event_at: engagement.last_at(),
            needs: count(engagement.counted(engagement.needs(), |n| RecordRef::Need(n.id))),
            open_needs,
            goals: count(engagement.counted(engagement.goals(), |g| RecordRef::Goal(g.id))),
            referrals_in_flight,
            evaluations: count(
                engagement.counted(engagement.evaluations(), |v| RecordRef::Evaluation(v.id)),
            ),
        }
    }

    /// Whether the review is past due at `at`.
    #[must_use]
    pub fn review_overdue(&self, at: DateTime<Utc>) -> bool {
        self.next_review.is_some_and(|due| at > due)
    }

    /// The whole seconds spent in each stage entered, up to `at`; `None` when `at` is before
    /// [`since`](Self::since) (the status changed after it, so the time then is not known).
    #[must_use]
    pub fn time_per_stage(&self, at: DateTime<Utc>) -> Option<[Option<i64>; 5]> {
        if at < self.since {
            return None;
        }
        let now = (at - self.since).num_nanoseconds().unwrap_or(i64::MAX);
        let current = self
            .status
            .stage()
            .filter(|_| self.status != Status::Closed);
        let mut secs = [None; 5];
        for ((slot, spent), stage) in secs
            .iter_mut()
            .zip(self.spent_nanos)
            .zip(Stage::ALL.iter().copied())
        {
            *slot = spent.map(|nanos| {
                let nanos = if current == Some(stage) {
                    nanos.saturating_add(now)
                } else {
                    nanos
                };
                nanos / 1_000_000_000
            });
        }
        Some(secs)
    }
}

/// The T-score of the most recent evaluation that has one (an evaluation whose scored goals
/// have no attainment scale has none).
fn latest_t_score(engagement: &Engagement) -> Option<f64> {
    engagement
        .evaluations()
        .iter()
        .rev()
        .filter(|v| !engagement.is_retracted(RecordRef::Evaluation(v.id)))
        .find_map(|e| engagement.t_score(e.id)?.ok())
}
