//! Applying a recorded event: (state, event) → next state. A stored event is first checked
//! by the rulebook ([`decide::replay`](super::decide::replay)); one `decide` just made is applied
//! as it is. Nothing changes unless the event fits.

use crate::engagement::decide::replay;
use crate::engagement::erasure::{TextSlot, slots_of};
use crate::engagement::{
    Agreement, Approval, Correction, CorrectionKind, Engagement, Event, GoalStatus, Hold,
    NeedStatus, Plan, Problem, RecordRef, Recorded, ReferralChange, ReferralStatus, Termination,
};
use crate::lifecycle::{Status, TransitionKind};
use crate::{ReplayError, ReplayErrorKind};

impl Engagement {
    /// Applies one stored event after the rulebook accepts it at this moment (team and
    /// permission, the status and stage gate, requirements, bounds, text rules, ids, seq and
    /// time), or says where it does not fit and changes nothing.
    // The journal and the stores apply events they keep; replay gives its own away.
    #[cfg(any(feature = "journal", test))]
    pub(crate) fn apply(&mut self, recorded: &Recorded) -> Result<(), ReplayError> {
        let seq = recorded.seq;
        replay::check(self, recorded).map_err(|kind| ReplayError { seq, kind })?;
        self.record(recorded)
            .map_err(|problem| refused(seq, problem))
    }

    /// As [`apply`](Self::apply), for an event the caller gives up: the records it carries move
    /// into the state instead of being copied (replay's path; no payload is cloned or dropped).
    pub(crate) fn apply_owned(&mut self, recorded: Recorded) -> Result<(), ReplayError> {
        let seq = recorded.seq;
        replay::check(self, &recorded).map_err(|kind| ReplayError { seq, kind })?;
        self.take(recorded).map_err(|problem| refused(seq, problem))
    }

    /// Applies an event the rules accepted: the state changes, with the event's seq and time.
    /// Only a lifecycle move could fail here, and it fails before anything changes.
    pub(super) fn record(&mut self, recorded: &Recorded) -> Result<(), Problem> {
        self.record_with(recorded, slots_of(recorded))
    }

    /// As [`record`](Self::record), with the event's text slots already taken.
    fn record_with(&mut self, recorded: &Recorded, slots: Vec<TextSlot>) -> Result<(), Problem> {
        self.change(recorded)?;
        self.last_record = dated_record(&recorded.event).map(|r| (r, self.last_at));
        self.index_slots(recorded, slots);
        self.seq = recorded.seq;
        self.last_at = recorded.at;
        Ok(())
    }

    /// As [`record`](Self::record), moving the records an event carries into the state; the
    /// events that carry none (or only small values) take the by-reference path.
    fn take(&mut self, recorded: Recorded) -> Result<(), Problem> {
        // Issue 12: the event's texts are indexed from the event, before it moves.
        let slots = slots_of(&recorded);
        let Recorded { seq, at, by, event } = recorded;
        // Issue 14: the dated record this event makes, before the event moves.
        let made = dated_record(&event);
        match event {
            Event::MemberAdded { member } => self.team.push(member),
            Event::NeedRecorded { need } => self.needs.push(need),
            Event::ResourceRecorded { resource } => self.resources.push(resource),
            Event::GoalAdded { goal, .. } => self.add_goal(goal),
            Event::InterventionAdded { intervention, .. } => self.add_intervention(intervention),
            Event::ActivityRecorded { activity } => self.activities.push(activity),
            Event::ContributionAdded {
                activity,
                contribution,
            } => self.add_contribution(activity, contribution),
            Event::ReferralMade { referral, activity } => {
                self.referrals.push(referral);
                self.activities.push(activity);
            }
            Event::EvaluationRecorded { evaluation } => self.evaluations.push(evaluation),
            event => return self.record_with(&Recorded { seq, at, by, event }, slots),
        }
        self.texts.extend(slots);
        self.last_record = made.map(|r| (r, self.last_at));
        self.seq = seq;
        self.last_at = at;
        Ok(())
    }

    fn add_goal(&mut self, goal: crate::engagement::Goal) {
        if let Some(plan) = self.plans.last_mut() {
            plan.goals.push(goal.id);
        }
        self.goals.push(goal);
    }

    fn add_intervention(&mut self, intervention: crate::engagement::Intervention) {
        if let Some(plan) = self.plans.last_mut() {
            plan.interventions.push(intervention.id);
        }
        self.interventions.push(intervention);
    }

    fn add_contribution(
        &mut self,
        activity: crate::ActivityId,
        contribution: crate::engagement::Contribution,
    ) {
        if let Some(a) = activity.index().and_then(|i| self.activities.get_mut(i)) {
            a.contributions.push(contribution);
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
                // Issue 14: the lead worker handed on is the new one's lead.
                if self.lead().is_some_and(|m| &m.id == from) {
                    self.lead = Some(to.id.clone());
                }
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
            Event::GoalAdded { goal, .. } => self.add_goal(goal.clone()),
            Event::GoalStatusSet { goal, status } => {
                if let Some(g) = goal.index().and_then(|i| self.goals.get_mut(i)) {
                    g.status = *status;
                }
            }
            Event::InterventionAdded { intervention, .. } => {
                self.add_intervention(intervention.clone());
            }
            Event::PlanRevised { plan, reason } => {
                let previous = self.plan();
                let goals = previous
                    .goals
                    .iter()
                    .copied()
                    .filter(|&g| {
                        self.goal(g)
                            .is_some_and(|g| g.status != GoalStatus::Cancelled)
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
                    // The client system agreeing to a plan agrees the goals that count in it;
                    // a member's proposal the worker has not accepted stays proposed.
                    for id in &plan.goals {
                        if let Some(g) = id.index().and_then(|i| self.goals.get_mut(i))
                            && g.counts()
                            && g.status == GoalStatus::Proposed
                        {
                            g.status = GoalStatus::Accepted;
                        }
                    }
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
            } => self.add_contribution(*activity, contribution.clone()),
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
                self.after_status_change(
                    (by, at),
                    *to,
                    *kind,
                    reason.as_deref(),
                    *termination,
                    *review_on,
                );
            }
            Event::TerminationSummaryRecorded { summary } => {
                if let Some(t) = self.termination.as_mut() {
                    t.summary = Some(summary.clone());
                    // What the approver saw is gone: an approval asked for or given lapses.
                    if let Approval::Requested { by: who, .. }
                    | Approval::Approved { by: who, .. } = &t.closure_approval
                    {
                        t.closure_approval = Approval::Lapsed {
                            by: who.clone(),
                            at,
                        };
                    }
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
            Event::FollowUpRecorded {
                note,
                confidentiality,
            } => {
                self.follow_ups.push(crate::engagement::FollowUp {
                    at,
                    by: by.clone(),
                    note: note.clone(),
                    confidentiality: *confidentiality,
                });
            }
            Event::ScopedConsentGiven { scope, member } => {
                self.consents.push(crate::engagement::Consent {
                    member: member.clone(),
                    scope: scope.clone(),
                    given_by: by.clone(),
                    given_at: at,
                    withdrawn: None,
                });
            }
            Event::ScopedConsentWithdrawn { scope, member } => {
                if let Some(c) = self
                    .consents
                    .iter_mut()
                    .find(|c| c.in_force() && c.member == *member && c.scope == *scope)
                {
                    c.withdrawn = Some((by.clone(), at));
                }
            }
            Event::EvaluationViewAdded { evaluation, view } => {
                if let Some(v) = evaluation.index().and_then(|i| self.evaluations.get_mut(i)) {
                    v.views.push(view.clone());
                }
            }

            // Issue 14: the everyday record.
            Event::NoteRecorded { note } => self.notes.push(note.clone()),
            Event::Amended {
                record,
                from,
                to,
                reason,
            } => {
                self.set_member(*record, to);
                self.corrections.push(Correction {
                    record: *record,
                    kind: CorrectionKind::Amended {
                        from: from.clone(),
                        to: to.clone(),
                    },
                    reason: reason.clone(),
                    at,
                    by: by.clone(),
                });
            }
            Event::DueDateSet { record, due_on } => self.set_due_on(*record, *due_on),
            Event::TransferRequested { from, to, reason } => {
                self.transfer = Some(Box::new(crate::engagement::Transfer {
                    from: from.clone(),
                    to: to.clone(),
                    reason: reason.clone(),
                    at,
                    by: by.clone(),
                    consent: Vec::new(),
                }));
            }
            Event::TransferAccepted { to, .. } => {
                if let Some(transfer) = self.transfer.take()
                    && !self.team.iter().any(|m| m.id == transfer.to.id)
                {
                    self.team.push(transfer.to);
                }
                self.lead = Some(to.clone());
            }
            Event::TransferDeclined { .. } => self.transfer = None,
            Event::TransferConsented { member } => {
                if let Some(t) = self.transfer.as_mut()
                    && !t.consent.contains(member)
                {
                    t.consent.push(member.clone());
                }
            }
            Event::Imported {
                stage,
                needs,
                resources,
                goals,
                interventions,
                referrals,
                ..
            } => {
                // The moves to the stage reached are recorded at the import's time, on a copy
                // first, so a move that does not fit changes nothing.
                let mut lifecycle = self.lifecycle.clone();
                for &next in &crate::engagement::import::IMPORT_STAGES[1..] {
                    if next > *stage {
                        break;
                    }
                    lifecycle.transition(Status::Active(next), at)?;
                }
                self.lifecycle = lifecycle;
                self.needs.extend(needs.iter().cloned());
                self.resources.extend(resources.iter().cloned());
                self.goals.extend(goals.iter().cloned());
                self.interventions.extend(interventions.iter().cloned());
                self.referrals.extend(referrals.iter().cloned());
                if let Some(plan) = self.plans.last_mut() {
                    plan.goals.extend(goals.iter().map(|g| g.id));
                    plan.interventions
                        .extend(interventions.iter().map(|i| i.id));
                }
            }
            Event::DocumentAttached { record, document } => {
                self.documents.push(crate::engagement::Attachment {
                    record: *record,
                    document: document.clone(),
                    at,
                    by: by.clone(),
                });
            }
            Event::Retracted { record, reason } => {
                self.retracted.insert(*record);
                self.corrections.push(Correction {
                    record: *record,
                    kind: CorrectionKind::Retracted,
                    reason: reason.clone(),
                    at,
                    by: by.clone(),
                });
            }
            // Issue 12: erasure; its state change is in `index_texts`, which every event runs.
            Event::Erased { .. } => {}
        }
        Ok(())
    }

    fn after_status_change(
        &mut self,
        (by, at): (&crate::ActorId, chrono::DateTime<chrono::Utc>),
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
            // Drafts never sent end with the engagement, saying why.
            TransitionKind::Close => self.cancel_drafts(by, at),
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

/// A change the rules accepted that could not be made, at `seq`.
fn refused(seq: u64, problem: Problem) -> ReplayError {
    ReplayError {
        seq,
        kind: ReplayErrorKind::Refused {
            command: "apply",
            problems: vec![problem],
        },
    }
}

impl Engagement {
    /// Cancels every draft referral when the engagement closes, noting the ending's reason.
    fn cancel_drafts(&mut self, by: &crate::ActorId, at: chrono::DateTime<chrono::Utc>) {
        let why = self
            .termination
            .as_ref()
            .map_or("closed", |t| t.reason.as_str());
        for r in &mut self.referrals {
            if r.status == ReferralStatus::Draft {
                r.status = ReferralStatus::Cancelled;
                r.history.push(ReferralChange {
                    status: ReferralStatus::Cancelled,
                    by: by.clone(),
                    at,
                    note: Some(format!("{DRAFT_CANCELLED}: {why}")),
                });
            }
        }
    }
}

/// The note on a draft referral cancelled because the engagement closed, before the ending's
/// reason (`cancelled on closing: moved`).
pub(crate) const DRAFT_CANCELLED: &str = "cancelled on closing";

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

/// The dated record an event makes, whose `at` a correction may set back (see
/// `decide::corrections::clock_floor`).
fn dated_record(event: &Event) -> Option<RecordRef> {
    match event {
        Event::NoteRecorded { note } => Some(RecordRef::Note(note.id)),
        Event::ActivityRecorded { activity } | Event::ReferralMade { activity, .. } => {
            Some(RecordRef::Activity(activity.id))
        }
        _ => None,
    }
}
