//! Applying a recorded event: (state, event) → next state. On replay, each event is checked to
//! fit the state it lands on, and nothing changes unless it fits.

use crate::engagement::team::member;
use crate::engagement::{
    Activity, Agreement, Approval, Engagement, Event, GoalId, Hold, InterventionId, NeedStatus,
    Plan, Problem, RecordRef, Recorded, ReferralChange, ReferralStatus, ResourceId, Termination,
};
use crate::lifecycle::{Status, TransitionKind};
use crate::{ReplayError, ReplayErrorKind};

impl Engagement {
    /// Applies one recorded event, or says where it does not fit and changes nothing.
    pub(crate) fn apply(&mut self, recorded: &Recorded) -> Result<(), ReplayError> {
        let seq = recorded.seq;
        let fail = |kind: ReplayErrorKind| ReplayError { seq, kind };
        let misfit = |problem: Problem| ReplayError {
            seq,
            kind: ReplayErrorKind::Misfit(problem),
        };
        let expected = self.seq.saturating_add(1);
        if seq != expected {
            return Err(fail(ReplayErrorKind::Sequence {
                expected,
                found: seq,
            }));
        }
        if recorded.at < self.last_at {
            return Err(misfit(Problem::TimeWentBack {
                at: recorded.at,
                last: self.last_at,
            }));
        }
        self.check(recorded)
            .map_err(|kind| ReplayError { seq, kind })?;
        self.change(recorded).map_err(misfit)?;
        self.seq = seq;
        self.last_at = recorded.at;
        Ok(())
    }

    /// Checks that an event's new ids are the next ones and the ids it names exist.
    fn check(&self, recorded: &Recorded) -> Result<(), ReplayErrorKind> {
        let next = |found: RecordRef, expected: RecordRef| {
            if found == expected {
                Ok(())
            } else {
                Err(ReplayErrorKind::RecordId { expected, found })
            }
        };
        let exists = |present: bool, what: RecordRef| {
            if present {
                Ok(())
            } else {
                Err(ReplayErrorKind::Misfit(Problem::Unknown(what)))
            }
        };
        match &recorded.event {
            Event::Opened { .. } => Err(ReplayErrorKind::OpenedTwice),
            Event::NeedRecorded { need } => next(
                RecordRef::Need(need.id),
                RecordRef::Need(crate::engagement::NeedId::at_index(self.needs.len())),
            ),
            Event::ResourceRecorded { resource } => next(
                RecordRef::Resource(resource.id),
                RecordRef::Resource(ResourceId::at_index(self.resources.len())),
            ),
            Event::NeedMet { need, .. } | Event::NeedDeferred { need, .. } => {
                exists(self.need(*need).is_some(), RecordRef::Need(*need))
            }
            Event::GoalAdded { plan, goal } => {
                self.current_plan(*plan)?;
                for n in &goal.addresses {
                    exists(self.need(*n).is_some(), RecordRef::Need(*n))?;
                }
                next(
                    RecordRef::Goal(goal.id),
                    RecordRef::Goal(GoalId::at_index(self.goals.len())),
                )
            }
            Event::GoalStatusSet { goal, .. } => {
                exists(self.goal(*goal).is_some(), RecordRef::Goal(*goal))
            }
            Event::InterventionAdded { plan, intervention } => {
                self.current_plan(*plan)?;
                for g in &intervention.serves {
                    exists(self.goal(*g).is_some(), RecordRef::Goal(*g))?;
                }
                for r in &intervention.uses {
                    exists(self.resource(*r).is_some(), RecordRef::Resource(*r))?;
                }
                next(
                    RecordRef::Intervention(intervention.id),
                    RecordRef::Intervention(InterventionId::at_index(self.interventions.len())),
                )
            }
            Event::PlanRevised { plan, .. } => next(
                RecordRef::Plan(*plan),
                RecordRef::Plan(crate::engagement::PlanVersion(
                    self.plan().version.0.saturating_add(1),
                )),
            ),
            Event::PlanAgreed { plan, .. }
            | Event::PlanApprovalRequested { plan, .. }
            | Event::PlanApprovalDecided { plan, .. } => self.current_plan(*plan),
            Event::ActivityRecorded { activity } => self.check_activity(activity),
            Event::ContributionAdded { activity, .. } => exists(
                self.activity(*activity).is_some(),
                RecordRef::Activity(*activity),
            ),
            Event::ReferralMade { referral, activity } => {
                exists(
                    self.resource(referral.resource).is_some(),
                    RecordRef::Resource(referral.resource),
                )?;
                next(
                    RecordRef::Referral(referral.id),
                    RecordRef::Referral(crate::engagement::ReferralId::at_index(
                        self.referrals.len(),
                    )),
                )?;
                self.check_activity(activity)
            }
            Event::ConsentGiven { referral, .. } | Event::ConsentWithdrawn { referral, .. } => {
                exists(
                    self.referral(*referral).is_some(),
                    RecordRef::Referral(*referral),
                )
            }
            Event::ReferralStatusSet {
                referral, status, ..
            } => {
                let Some(r) = self.referral(*referral) else {
                    return Err(ReplayErrorKind::Misfit(Problem::Unknown(
                        RecordRef::Referral(*referral),
                    )));
                };
                if r.status.can_move_to(*status) {
                    Ok(())
                } else {
                    Err(ReplayErrorKind::Misfit(Problem::ReferralMove {
                        referral: *referral,
                        from: r.status,
                        to: *status,
                    }))
                }
            }
            Event::EvaluationRecorded { evaluation } => {
                for score in &evaluation.scores {
                    exists(self.goal(score.goal).is_some(), RecordRef::Goal(score.goal))?;
                }
                next(
                    RecordRef::Evaluation(evaluation.id),
                    RecordRef::Evaluation(crate::engagement::EvaluationId::at_index(
                        self.evaluations.len(),
                    )),
                )
            }
            Event::StatusChanged {
                from,
                to,
                kind,
                termination,
                ..
            } => {
                let mismatch = || ReplayErrorKind::MoveMismatch {
                    from: *from,
                    to: *to,
                    kind: *kind,
                };
                if *from != self.status() {
                    return Err(mismatch());
                }
                let entering_termination = *to == Status::Active(crate::Stage::Termination)
                    && *kind != TransitionKind::Resume;
                if entering_termination && termination.is_none() {
                    return Err(ReplayErrorKind::Misfit(Problem::TerminationReasonRequired));
                }
                match crate::lifecycle::check(*from, *to) {
                    Ok(table_kind) if table_kind == *kind => Ok(()),
                    Ok(_) => Err(mismatch()),
                    Err(error) => Err(ReplayErrorKind::Misfit(Problem::Transition(error))),
                }
            }
            Event::WorkerReassigned { to, .. } if member(&self.team, &to.id).is_some() => {
                Err(ReplayErrorKind::Misfit(Problem::DuplicateMember {
                    id: to.id.clone(),
                }))
            }
            Event::MemberRemoved { id }
                if member(&self.team, id)
                    .is_some_and(|m| m.kind == crate::ActorKind::SocialWorker)
                    && self.workers().count() == 1 =>
            {
                Err(ReplayErrorKind::Misfit(Problem::LastWorker {
                    id: id.clone(),
                }))
            }
            Event::WorkerReassigned { from, .. } | Event::MemberRemoved { id: from } => {
                if member(&self.team, from).is_some() {
                    Ok(())
                } else {
                    Err(ReplayErrorKind::Misfit(Problem::NotOnTeam {
                        id: from.clone(),
                    }))
                }
            }
            Event::MemberAdded { member: new } => match member(&self.team, &new.id) {
                Some(_) => Err(ReplayErrorKind::Misfit(Problem::DuplicateMember {
                    id: new.id.clone(),
                })),
                None => Ok(()),
            },
            Event::PolicyChanged { .. }
            | Event::TerminationSummaryRecorded { .. }
            | Event::ClosureApprovalRequested { .. }
            | Event::ClosureApprovalDecided { .. }
            | Event::FollowUpRecorded { .. } => Ok(()),
        }
    }

    fn current_plan(&self, plan: crate::engagement::PlanVersion) -> Result<(), ReplayErrorKind> {
        let current = self.plan().version;
        if plan == current {
            Ok(())
        } else {
            Err(ReplayErrorKind::Misfit(Problem::NotCurrentPlan {
                given: plan,
                current,
            }))
        }
    }

    fn check_activity(&self, activity: &Activity) -> Result<(), ReplayErrorKind> {
        for i in &activity.interventions {
            if self.intervention(*i).is_none() {
                return Err(ReplayErrorKind::Misfit(Problem::Unknown(
                    RecordRef::Intervention(*i),
                )));
            }
        }
        let expected = crate::engagement::ActivityId::at_index(self.activities.len());
        if activity.id == expected {
            Ok(())
        } else {
            Err(ReplayErrorKind::RecordId {
                expected: RecordRef::Activity(expected),
                found: RecordRef::Activity(activity.id),
            })
        }
    }

    /// Changes the state. Only the lifecycle move can still fail here, and it fails before
    /// anything else changes.
    fn change(&mut self, recorded: &Recorded) -> Result<(), Problem> {
        let at = recorded.at;
        let by = &recorded.by.id;
        match &recorded.event {
            Event::Opened { .. } => {}
            Event::WorkerReassigned { from, to } => {
                self.team.retain(|m| &m.id != from);
                self.team.push(to.clone());
            }
            Event::MemberAdded { member } => self.team.push(member.clone()),
            Event::MemberRemoved { id } => self.team.retain(|m| &m.id != id),
            Event::PolicyChanged { policy } => self.policy = policy.clone(),
            Event::NeedRecorded { need } => self.needs.push(need.clone()),
            Event::ResourceRecorded { resource } => self.resources.push(resource.clone()),
            Event::NeedMet { need, note } => {
                if let Some(n) = need.index().and_then(|i| self.needs.get_mut(i)) {
                    n.status = NeedStatus::Met { note: note.clone() };
                }
            }
            Event::NeedDeferred { need, reason } => {
                if let Some(n) = need.index().and_then(|i| self.needs.get_mut(i)) {
                    n.status = NeedStatus::Deferred {
                        reason: reason.clone(),
                    };
                }
            }
            Event::GoalAdded { goal, .. } => {
                if let Some(plan) = self.plans.last_mut() {
                    plan.goals.push(goal.id);
                }
                self.goals.push(goal.clone());
            }
            Event::GoalStatusSet { goal, status } => {
                if let Some(g) = goal.index().and_then(|i| self.goals.get_mut(i)) {
                    g.status = *status;
                }
            }
            Event::InterventionAdded { intervention, .. } => {
                if let Some(plan) = self.plans.last_mut() {
                    plan.interventions.push(intervention.id);
                }
                self.interventions.push(intervention.clone());
            }
            Event::PlanRevised { plan, reason } => {
                let previous = self.plan();
                let goals = previous
                    .goals
                    .iter()
                    .copied()
                    .filter(|&g| {
                        self.goal(g)
                            .is_some_and(|g| g.status != crate::engagement::GoalStatus::Cancelled)
                    })
                    .collect();
                let next = Plan {
                    version: *plan,
                    previous: Some(previous.version),
                    reason: Some(reason.clone()),
                    goals,
                    interventions: previous.interventions.clone(),
                    agreements: Vec::new(),
                    approval: Approval::NotRequested,
                };
                self.plans.push(next);
            }
            Event::PlanAgreed { member, .. } => {
                if let Some(plan) = self.plans.last_mut() {
                    plan.agreements.push(Agreement {
                        member: member.clone(),
                        recorded_by: by.clone(),
                        at,
                    });
                }
            }
            Event::PlanApprovalRequested { comment, .. } => {
                if let Some(plan) = self.plans.last_mut() {
                    plan.approval = Approval::Requested {
                        by: by.clone(),
                        at,
                        comment: comment.clone(),
                    };
                }
            }
            Event::PlanApprovalDecided {
                approved, comment, ..
            } => {
                if let Some(plan) = self.plans.last_mut() {
                    plan.approval = decided(*approved, by, at, comment.as_ref());
                }
            }
            Event::ActivityRecorded { activity } => self.activities.push(activity.clone()),
            Event::ContributionAdded {
                activity,
                contribution,
            } => {
                if let Some(a) = activity.index().and_then(|i| self.activities.get_mut(i)) {
                    a.contributions.push(contribution.clone());
                }
            }
            Event::ReferralMade { referral, activity } => {
                self.referrals.push(referral.clone());
                self.activities.push(activity.clone());
            }
            Event::ConsentGiven { referral, member } => {
                if let Some(r) = referral.index().and_then(|i| self.referrals.get_mut(i))
                    && !r.consent.contains(member)
                {
                    r.consent.push(member.clone());
                }
            }
            Event::ConsentWithdrawn { referral, member } => {
                if let Some(r) = referral.index().and_then(|i| self.referrals.get_mut(i)) {
                    r.consent.retain(|m| m != member);
                }
            }
            Event::ReferralStatusSet {
                referral,
                status,
                note,
            } => {
                let mut reached = None;
                if let Some(r) = referral.index().and_then(|i| self.referrals.get_mut(i)) {
                    r.status = *status;
                    r.history.push(ReferralChange {
                        status: *status,
                        by: by.clone(),
                        at,
                        note: note.clone(),
                    });
                    if *status == ReferralStatus::Completed {
                        reached = Some(r.resource);
                    }
                }
                // Completing a linkage means the client reached the resource.
                if let Some(resource) = reached
                    .and_then(|r| r.index())
                    .and_then(|i| self.resources.get_mut(i))
                {
                    resource.reached = true;
                }
            }
            Event::EvaluationRecorded { evaluation } => self.evaluations.push(evaluation.clone()),
            Event::StatusChanged {
                to,
                kind,
                reason,
                termination,
                review_on,
                ..
            } => {
                // `check` found the move in the table and time was checked first, so this holds.
                self.lifecycle.transition(*to, at)?;
                self.after_status_change(*to, *kind, reason.as_deref(), *termination, *review_on);
            }
            Event::TerminationSummaryRecorded { summary } => {
                if let Some(t) = self.termination.as_mut() {
                    t.summary = Some(summary.clone());
                }
            }
            Event::ClosureApprovalRequested { comment } => {
                if let Some(t) = self.termination.as_mut() {
                    t.closure_approval = Approval::Requested {
                        by: by.clone(),
                        at,
                        comment: comment.clone(),
                    };
                }
            }
            Event::ClosureApprovalDecided { approved, comment } => {
                if let Some(t) = self.termination.as_mut() {
                    t.closure_approval = decided(*approved, by, at, comment.as_ref());
                }
            }
            Event::FollowUpRecorded { note } => {
                self.follow_ups.push(crate::engagement::FollowUp {
                    at,
                    by: by.clone(),
                    note: note.clone(),
                });
            }
        }
        Ok(())
    }

    fn after_status_change(
        &mut self,
        to: Status,
        kind: TransitionKind,
        reason: Option<&str>,
        termination: Option<crate::engagement::TerminationReason>,
        review_on: Option<chrono::NaiveDate>,
    ) {
        match kind {
            TransitionKind::Hold => {
                self.hold = Some(Hold {
                    reason: reason.unwrap_or_default().to_owned(),
                    review_on,
                });
            }
            TransitionKind::Resume => self.hold = None,
            TransitionKind::Close => {}
            TransitionKind::Reopen => {
                self.termination = None;
                self.stage_marks = (self.activities.len(), self.evaluations.len());
            }
            _ => {
                self.stage_marks = (self.activities.len(), self.evaluations.len());
                if to == Status::Active(crate::Stage::Termination)
                    && let Some(reason) = termination
                {
                    self.termination = Some(Termination {
                        reason,
                        summary: None,
                        closure_approval: Approval::NotRequested,
                    });
                }
            }
        }
    }
}

fn decided(
    approved: bool,
    by: &crate::ActorId,
    at: chrono::DateTime<chrono::Utc>,
    comment: Option<&String>,
) -> Approval {
    let (by, comment) = (by.clone(), comment.cloned());
    if approved {
        Approval::Approved { by, at, comment }
    } else {
        Approval::Rejected { by, at, comment }
    }
}
