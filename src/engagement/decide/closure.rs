//! Termination and after: the summary, the closure approval, closing, reopening and
//! follow-ups.

use super::Decider;
use crate::Stage;
use crate::engagement::text::{optional_text, text};
use crate::engagement::{Approval, Engagement, Event, Problem, ReferralId};
use crate::lifecycle::Status;

impl Decider<'_> {
    pub(super) fn record_termination_summary(&mut self, summary: &str) -> Event {
        Event::TerminationSummaryRecorded {
            summary: text("summary", summary, self.problems),
        }
    }

    pub(super) fn request_closure_approval(&mut self, comment: Option<&str>) -> Event {
        self.can_request(&closure_approval(self.e));
        Event::ClosureApprovalRequested {
            comment: optional_text("comment", comment, self.problems),
        }
    }

    pub(super) fn decide_closure_approval(
        &mut self,
        approve: bool,
        comment: Option<&str>,
    ) -> Event {
        self.can_decide(&closure_approval(self.e), self.e.policy.four_eyes_closure);
        Event::ClosureApprovalDecided {
            approved: approve,
            comment: optional_text("comment", comment, self.problems),
        }
    }

    pub(super) fn close(&mut self) -> Event {
        let e = self.e;
        let kind = self.transition(Status::Closed);
        let termination = e.termination.as_ref();
        if termination.and_then(|t| t.summary.as_ref()).is_none() {
            self.problems.push(Problem::NoSummary);
        }
        let in_flight: Vec<ReferralId> = e.referrals_in_flight().map(|r| r.id).collect();
        if !in_flight.is_empty() {
            self.problems.push(Problem::ReferralsInFlight {
                referrals: in_flight,
            });
        }
        if e.policy.closure_approval_required
            && !matches!(closure_approval(e), Approval::Approved { .. })
        {
            self.problems.push(Problem::ClosureNotApproved);
        }
        self.status_change(Status::Closed, kind, None, None, None)
    }

    pub(super) fn reopen(&mut self, reason: &str) -> Event {
        let reason = text("reason", reason, self.problems);
        let to = Status::Active(Stage::NeedsAssessment);
        let kind = self.transition(to);
        self.status_change(to, kind, Some(reason), None, None)
    }

    pub(super) fn record_follow_up(&mut self, note: &str) -> Event {
        Event::FollowUpRecorded {
            note: text("note", note, self.problems),
            confidentiality: None,
        }
    }
}

/// The closure approval in force: none before termination.
fn closure_approval(e: &Engagement) -> Approval {
    e.termination
        .as_ref()
        .map(|t| t.closure_approval.clone())
        .unwrap_or_default()
}
