//! Moving through the lifecycle: stage moves with the requirements of the lifecycle table's
//! rows, holding and resuming.

use super::Decider;
use crate::Stage;
use crate::engagement::text::{optional_text, text};
use crate::engagement::{Approval, ConsentScope, Event, Problem, TerminationReason};
use crate::lifecycle::{self, Status, TransitionKind};
use chrono::NaiveDate;

impl Decider<'_> {
    pub(super) fn move_to_stage(
        &mut self,
        to: Stage,
        reason: Option<&str>,
        termination: Option<TerminationReason>,
    ) -> Event {
        let reason = optional_text("reason", reason, self.problems);
        self.stage_move(to, reason, termination)
    }

    pub(super) fn hold(&mut self, reason: &str, review_on: Option<NaiveDate>) -> Event {
        let reason = text("reason", reason, self.problems);
        if let Some(date) = review_on.filter(|d| *d < self.at.date_naive()) {
            self.problems
                .push(Problem::ReviewBeforeHold { review_on: date });
        }
        let to = match self.e.status() {
            Status::Active(stage) => Status::OnHold(stage),
            other => other,
        };
        let kind = self.transition(to);
        self.status_change(to, kind, Some(reason), None, review_on)
    }

    pub(super) fn resume(&mut self, note: Option<&str>) -> Event {
        let note = optional_text("note", note, self.problems);
        let to = match self.e.status() {
            Status::OnHold(stage) => Status::Active(stage),
            other => other,
        };
        let kind = self.transition(to);
        self.status_change(to, kind, note, None, None)
    }

    /// A move between stages, with the requirements of the lifecycle table's row.
    fn stage_move(
        &mut self,
        to: Stage,
        reason: Option<String>,
        termination: Option<TerminationReason>,
    ) -> Event {
        let e = self.e;
        let target = Status::Active(to);
        let kind = self.transition(target);
        let from = e.stage();
        // The work may end early out of evaluation too (the family moved while the results
        // were being weighed): an unplanned reason needs no evaluation deciding it, unless
        // this round's evaluation decided the planned ending.
        // Issue 14: a retracted evaluation is no evaluation.
        let round = (e
            .evaluations
            .get(e.stage_marks.1..)
            .unwrap_or_default()
            .iter())
        .rev()
        .find(|v| !e.is_retracted(crate::engagement::RecordRef::Evaluation(v.id)));
        let early_from_evaluation = from == Some(Stage::Evaluation)
            && to == Stage::Termination
            && termination.is_some_and(|r| !r.is_planned())
            && round.is_none_or(|v| v.decision != crate::engagement::Decision::Terminate);
        let advancing = kind == Some(TransitionKind::Advance)
            && matches!(from, Some(Stage::NeedsAssessment | Stage::Planning));
        if advancing
            && e.policy.engagement_consent_required
            && !e
                .consents
                .iter()
                .any(|c| c.in_force() && c.scope == ConsentScope::Engagement)
        {
            self.problems.push(Problem::NoEngagementConsent);
        }
        match (from, kind) {
            (Some(Stage::NeedsAssessment), Some(TransitionKind::Advance)) => {
                if e.open_needs().next().is_none() {
                    self.problems.push(Problem::NoOpenNeed);
                }
                if e.strengths().next().is_none() {
                    self.problems.push(Problem::NoStrength);
                }
            }
            (Some(Stage::Planning), Some(TransitionKind::Advance)) => self.plan_ready(),
            // Retracted activities and evaluations count for nothing.
            (Some(Stage::Implementation), Some(TransitionKind::Advance))
                if !e
                    .activities
                    .get(e.stage_marks.0..)
                    .unwrap_or_default()
                    .iter()
                    .any(|a| !e.is_retracted(crate::engagement::RecordRef::Activity(a.id))) =>
            {
                self.problems.push(Problem::NoActivity);
            }
            (Some(Stage::Evaluation), Some(_)) if !early_from_evaluation => match round {
                None => self.problems.push(Problem::NoEvaluation),
                Some(evaluation) if evaluation.decision.target() != to => {
                    self.problems.push(Problem::DecisionMismatch {
                        decision: evaluation.decision,
                        to,
                    });
                }
                Some(_) => {}
            },
            _ => {}
        }
        // The lifecycle table asks a reason of the revision out of implementation; out of
        // evaluation, the evaluation's decision is the reason.
        if from == Some(Stage::Implementation)
            && kind == Some(TransitionKind::Revise)
            && reason.is_none()
        {
            self.problems.push(Problem::ReasonRequired);
        }
        let planned = kind == Some(TransitionKind::Advance);
        match (to, termination) {
            (Stage::Termination, None) if kind.is_some() => {
                self.problems.push(Problem::TerminationReasonRequired);
            }
            (Stage::Termination, Some(r))
                if planned && !r.is_planned() && !early_from_evaluation =>
            {
                self.problems.push(Problem::NotPlannedEnding { reason: r });
            }
            (Stage::Termination, Some(r)) if !planned && r.is_planned() => {
                self.problems.push(Problem::NotEarlyEnding { reason: r });
            }
            (Stage::Termination, _) => {}
            (_, Some(_)) => self.problems.push(Problem::TerminationReasonUnexpected),
            (_, None) => {}
        }
        self.status_change(target, kind, reason, termination, None)
    }

    /// The lifecycle table's requirements for leaving planning for implementation.
    fn plan_ready(&mut self) {
        use crate::engagement::coverage;
        let e = self.e;
        let plan = e.plan();
        let goals = coverage::counted_goals(e, plan);
        if goals.is_empty() {
            self.problems.push(Problem::NoGoal { plan: plan.version });
        }
        // Each goal addresses a recorded need by construction: `add_goal` refuses one that
        // does not, and needs are never removed.
        if !coverage::plan_has_served_goal(e, plan) {
            self.problems
                .push(Problem::NoIntervention { plan: plan.version });
        }
        for need in coverage::needs_without_goal(e, &goals) {
            self.problems.push(Problem::NeedWithoutGoal { need });
        }
        if !plan.is_agreed() {
            self.problems
                .push(Problem::NotAgreed { plan: plan.version });
        }
        if e.policy.plan_approval_required && !matches!(plan.approval, Approval::Approved { .. }) {
            self.problems
                .push(Problem::NotApproved { plan: plan.version });
        }
    }

    /// Asks the lifecycle table for the move; notes the problem if it has none.
    pub(super) fn transition(&mut self, to: Status) -> Option<TransitionKind> {
        match lifecycle::check(self.e.status(), to) {
            Ok(kind) => Some(kind),
            Err(error) => {
                // When the gate already said why the status cannot move, once is enough.
                let gated = self.problems.iter().any(|p| {
                    matches!(
                        p,
                        Problem::Closed | Problem::NotClosed | Problem::OnHold | Problem::NotOnHold
                    )
                });
                if !gated {
                    self.problems.push(Problem::Transition(error));
                }
                None
            }
        }
    }

    pub(super) fn status_change(
        &mut self,
        to: Status,
        kind: Option<TransitionKind>,
        reason: Option<String>,
        termination: Option<TerminationReason>,
        review_on: Option<NaiveDate>,
    ) -> Event {
        Event::StatusChanged {
            from: self.e.status(),
            to,
            kind: kind.unwrap_or(TransitionKind::Advance),
            reason,
            termination,
            review_on,
        }
    }
}
