//! Due dates of goals, interventions and referrals.

use super::Decider;
use crate::engagement::{Event, Problem, RecordRef};
use chrono::NaiveDate;

impl Decider<'_> {
    pub(super) fn set_due_date(&mut self, record: RecordRef, due_on: Option<NaiveDate>) -> Event {
        let e = self.e;
        let current = match record {
            RecordRef::Goal(id) => e.goal(id).map(|g| g.due_on),
            RecordRef::Intervention(id) => e.intervention(id).map(|i| i.due_on),
            RecordRef::Referral(id) => e.referral(id).map(|r| r.due_on),
            _ => {
                self.problems.push(if e.holds(record) {
                    Problem::NoDueDate { record }
                } else {
                    Problem::Unknown(record)
                });
                return Event::DueDateSet { record, due_on };
            }
        };
        let today = self.at.date_naive();
        match current {
            None => self.problems.push(Problem::Unknown(record)),
            Some(_) if e.is_retracted(record) => {
                self.problems.push(Problem::AlreadyRetracted { record });
            }
            Some(now) if now == due_on => self.problems.push(Problem::Unchanged {
                record,
                member: "due_on",
            }),
            Some(_) => {}
        }
        if let Some(day) = due_on
            && day < today
        {
            self.problems.push(Problem::DueBeforeToday {
                record,
                due_on: day,
                today,
            });
        }
        Event::DueDateSet { record, due_on }
    }
}
