//! Follow-up work: what is due, and what is overdue, on a given day.
//!
//! Goals, interventions and referrals may carry a due date
//! ([`Command::SetDueDate`](crate::Command::SetDueDate)); a requested referral without one is
//! due when the policy's [`referral_response_days`](crate::Policy::referral_response_days)
//! run out. Something due stays open until its work is done: a goal until it is completed or
//! cancelled, an intervention while it is in the plan in force, a referral until its loop
//! closes (for the policy's response date, until the provider answers). Retracted records and
//! closed engagements have nothing due.

use crate::engagement::{Engagement, GoalStatus, RecordRef, ReferralStatus};
use crate::lifecycle::Status;
use chrono::{NaiveDate, TimeDelta};

/// One piece of follow-up work and the day it is due.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub struct Due {
    /// The day it is due.
    pub due_on: NaiveDate,
    /// The goal, intervention or referral.
    pub record: RecordRef,
    /// Whether the date is the policy's response timeframe rather than one set on the record.
    pub by_policy: bool,
}

impl Engagement {
    /// Every open piece of follow-up work with its due day, soonest first.
    #[must_use]
    pub fn follow_up_work(&self) -> Vec<Due> {
        if self.status() == Status::Closed {
            return Vec::new();
        }
        let counted = |r: RecordRef| !self.is_retracted(r);
        let set = |record, due_on: Option<NaiveDate>| {
            due_on.map(|due_on| Due {
                due_on,
                record,
                by_policy: false,
            })
        };
        let plan = self.plan();
        let goals = self
            .goals
            .iter()
            .filter(|g| !matches!(g.status, GoalStatus::Completed | GoalStatus::Cancelled))
            .filter_map(|g| set(RecordRef::Goal(g.id), g.due_on));
        let interventions = self
            .interventions
            .iter()
            .filter(|i| plan.interventions.contains(&i.id))
            .filter_map(|i| set(RecordRef::Intervention(i.id), i.due_on));
        let days = self.policy.referral_response_days;
        let referrals = self
            .referrals
            .iter()
            .filter(|r| !r.status.is_closed())
            .filter_map(|r| {
                let record = RecordRef::Referral(r.id);
                set(record, r.due_on).or_else(|| {
                    // The provider's answer is due a number of days after the request.
                    let requested = r
                        .history
                        .iter()
                        .rev()
                        .find(|c| c.status == ReferralStatus::Requested)
                        .filter(|_| r.status == ReferralStatus::Requested)?;
                    let due_on = requested
                        .at
                        .date_naive()
                        .checked_add_signed(TimeDelta::days(i64::from(days?)))?;
                    Some(Due {
                        due_on,
                        record,
                        by_policy: true,
                    })
                })
            });
        let mut all: Vec<Due> = goals
            .chain(interventions)
            .chain(referrals)
            .filter(|d| counted(d.record))
            .collect();
        all.sort();
        all
    }

    /// The open follow-up work due on `day`.
    #[must_use]
    pub fn due_on(&self, day: NaiveDate) -> Vec<Due> {
        let mut all = self.follow_up_work();
        all.retain(|d| d.due_on == day);
        all
    }

    /// The open follow-up work whose day is before `day`, soonest first.
    #[must_use]
    pub fn overdue(&self, day: NaiveDate) -> Vec<Due> {
        let mut all = self.follow_up_work();
        all.retain(|d| d.due_on < day);
        all
    }

    /// Sets the due date an accepted event names; the rulebook checked the record.
    pub(super) fn set_due_on(&mut self, record: RecordRef, due_on: Option<NaiveDate>) {
        let index = |n: u32| usize::try_from(n).ok()?.checked_sub(1);
        let slot = match record {
            RecordRef::Goal(id) => index(id.0)
                .and_then(|i| self.goals.get_mut(i))
                .map(|g| &mut g.due_on),
            RecordRef::Intervention(id) => index(id.0)
                .and_then(|i| self.interventions.get_mut(i))
                .map(|g| &mut g.due_on),
            RecordRef::Referral(id) => index(id.0)
                .and_then(|i| self.referrals.get_mut(i))
                .map(|g| &mut g.due_on),
            _ => None,
        };
        if let Some(slot) = slot {
            *slot = due_on;
        }
    }
}
