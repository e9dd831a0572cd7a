//! Deciding a command: (state, actor, time, command) → one event, or a rejection. Pure.

use crate::engagement::team::{check_members, member};
use crate::engagement::text::{MAX_LIST_LEN, name, optional_text, text};
use crate::engagement::{
    Activity, ActivityDetail, ActivityId, Actor, ActorId, Approval, Command, Contribution,
    Engagement, Evaluation, EvaluationId, Event, GasScale, Goal, GoalId, GoalStatus, Holder,
    Intervention, InterventionId, Need, NeedId, NeedStatus, Opening, Permission, Plan, PlanVersion,
    Problem, Provider, RecordRef, Referral, ReferralId, ReferralSide, ReferralStatus, Resource,
    ResourceId, Responsible, ServiceDetails, TeamMember,
};
use crate::error::NotPermittedBecause;
use crate::lifecycle::{self, Status, TransitionKind};
use crate::{ActorKind, Function, Rejection, Role, Stage};
use chrono::{DateTime, Utc};

/// Decides a command against an engagement without changing it: the event it would record, or
/// why not.
///
/// [`Engagement::execute`] calls this and applies the event; an app may call it to preview
/// (for example, to show a worker every requirement still missing before they press a button).
///
/// # Errors
///
/// [`Rejection::NotPermitted`] when the actor is not on the team or the policy does not give
/// their kind the permission the command needs; [`Rejection::Refused`] listing every problem
/// with the input and every requirement the state does not meet.
pub fn decide(
    engagement: &Engagement,
    by: &Actor,
    at: DateTime<Utc>,
    command: &Command,
) -> Result<Event, Rejection> {
    permit(engagement, by, command)?;
    let mut problems = Vec::new();
    if at < engagement.last_at {
        problems.push(Problem::TimeWentBack {
            at,
            last: engagement.last_at,
        });
    }
    gate(engagement, command, &mut problems);
    let event = Decider {
        e: engagement,
        by,
        at,
        problems: &mut problems,
    }
    .event(command);
    if problems.is_empty() {
        Ok(event)
    } else {
        Err(Rejection::Refused {
            command: command.name(),
            problems,
        })
    }
}

/// Decides an opening: the first event of an engagement.
pub(crate) fn decide_opening(by: &Actor, opening: &Opening) -> Result<Event, Rejection> {
    let on_team = opening
        .team
        .iter()
        .any(|m| m.id == by.id && m.kind == by.kind);
    if !on_team || !matches!(by.kind, ActorKind::SocialWorker | ActorKind::Supervisor) {
        return Err(Rejection::NotPermitted {
            actor: by.clone(),
            command: "open",
            why: NotPermittedBecause::NotAnOpener,
        });
    }
    let mut problems = Vec::new();
    let client_name = name("client name", &opening.client.name, &mut problems);
    let team = check_members(&opening.team, &mut problems);
    if !opening
        .team
        .iter()
        .any(|m| m.kind == ActorKind::SocialWorker)
    {
        problems.push(Problem::NoWorker);
    }
    if !problems.is_empty() {
        return Err(Rejection::Refused {
            command: "open",
            problems,
        });
    }
    Ok(Event::Opened {
        id: opening.id.clone(),
        client: crate::engagement::ClientSystem {
            level: opening.client.level,
            name: client_name,
        },
        team,
        policy: opening.policy.clone(),
    })
}

/// The actor must be on the team with their kind, and hold the permission the command needs.
fn permit(e: &Engagement, by: &Actor, command: &Command) -> Result<(), Rejection> {
    let refuse = |why| Rejection::NotPermitted {
        actor: by.clone(),
        command: command.name(),
        why,
    };
    if !e.team.iter().any(|m| m.id == by.id && m.kind == by.kind) {
        return Err(refuse(NotPermittedBecause::NotOnTeam));
    }
    let mut permission = command.permission();
    // A partner answers only for the referrals addressed to it.
    let mut answers_for_another = false;
    match command {
        Command::SetReferralStatus {
            referral, status, ..
        } if status.set_by() == ReferralSide::Provider => {
            match e.referral(*referral).map(|r| &r.provider) {
                // A provider outside the system has no account: the worker records its answers.
                Some(Provider::External { .. }) => permission = Permission::Practice,
                Some(Provider::Partner { id }) => {
                    answers_for_another = is_partner(by.kind) && *id != by.id;
                }
                None => {}
            }
        }
        // A worker adds and removes the people they meet (family members, partners); workers
        // and supervisors come and go with whoever manages the team.
        Command::AddMember { member: m } if !is_staff(m.kind) => permission = Permission::Practice,
        Command::RemoveMember { id } if member(&e.team, id).is_some_and(|m| !is_staff(m.kind)) => {
            permission = Permission::Practice;
        }
        _ => {}
    }
    if !e.policy.allows(by.kind, permission) {
        return Err(refuse(NotPermittedBecause::Policy {
            kind: by.kind,
            permission,
        }));
    }
    if answers_for_another {
        return Err(refuse(NotPermittedBecause::OtherProvider));
    }
    Ok(())
}

/// What the engagement's status allows at all: a closed engagement only follow-ups and
/// reopening; one on hold only resuming, team business, providers' answers and a member
/// withdrawing consent (which is theirs to withdraw at any time); each practice command its
/// stages.
fn gate(e: &Engagement, command: &Command, problems: &mut Vec<Problem>) {
    use Command as C;
    let closed_only = matches!(command, C::RecordFollowUp { .. } | C::Reopen { .. });
    let status = e.status();
    let stage = match status {
        Status::Closed => {
            if !closed_only {
                problems.push(Problem::Closed);
            }
            return;
        }
        _ if closed_only => {
            problems.push(Problem::NotClosed);
            return;
        }
        Status::OnHold(_) => {
            let allowed_on_hold = matches!(
                command,
                C::Resume { .. }
                    | C::ReassignWorker { .. }
                    | C::AddMember { .. }
                    | C::RemoveMember { .. }
                    | C::ChangePolicy { .. }
                    | C::WithdrawConsent { .. }
            ) || matches!(
                command,
                C::SetReferralStatus { status, .. } if status.set_by() == ReferralSide::Provider
            );
            if !allowed_on_hold {
                problems.push(Problem::OnHold);
            }
            return;
        }
        Status::Active(stage) => stage,
    };
    let allowed: &[Stage] = match command {
        C::Resume { .. } => {
            problems.push(Problem::NotOnHold);
            return;
        }
        C::RecordNeed { .. } | C::RecordResource { .. } => &[
            Stage::NeedsAssessment,
            Stage::Planning,
            Stage::Implementation,
            Stage::Evaluation,
        ],
        C::AddGoal { .. }
        | C::AddIntervention { .. }
        | C::RevisePlan { .. }
        | C::AgreeToPlan { .. }
        | C::RequestPlanApproval { .. }
        | C::DecidePlanApproval { .. } => &[Stage::Planning],
        C::RecordEvaluation { .. } => &[Stage::Evaluation],
        C::RecordTerminationSummary { .. }
        | C::RequestClosureApproval { .. }
        | C::DecideClosureApproval { .. } => &[Stage::Termination],
        _ => return,
    };
    if !allowed.contains(&stage) {
        problems.push(Problem::WrongStage {
            allowed: allowed.to_vec(),
            current: stage,
        });
    }
}

/// Builds the event for a command, noting every problem on the way.
struct Decider<'a> {
    e: &'a Engagement,
    by: &'a Actor,
    at: DateTime<Utc>,
    problems: &'a mut Vec<Problem>,
}

impl Decider<'_> {
    fn event(&mut self, command: &Command) -> Event {
        use Command as C;
        let e = self.e;
        match command {
            C::ReassignWorker { from, to } => {
                self.member_of_kind(from, ActorKind::SocialWorker);
                let to = self.new_member(to);
                if to.kind != ActorKind::SocialWorker {
                    self.problems.push(Problem::WrongMemberKind {
                        id: to.id.clone(),
                        expected: ActorKind::SocialWorker,
                        found: to.kind,
                    });
                }
                Event::WorkerReassigned {
                    from: from.clone(),
                    to,
                }
            }
            C::AddMember { member } => Event::MemberAdded {
                member: self.new_member(member),
            },
            C::RemoveMember { id } => {
                match member(&e.team, id) {
                    None => self.problems.push(Problem::NotOnTeam { id: id.clone() }),
                    Some(m) if m.kind == ActorKind::SocialWorker && e.workers().count() == 1 => {
                        self.problems.push(Problem::LastWorker { id: id.clone() });
                    }
                    Some(_) => {}
                }
                Event::MemberRemoved { id: id.clone() }
            }
            C::ChangePolicy { policy } => Event::PolicyChanged {
                policy: policy.clone(),
            },

            C::RecordNeed {
                domain,
                description,
                priority,
            } => Event::NeedRecorded {
                need: Need {
                    id: NeedId::at_index(e.needs.len()),
                    domain: name("domain", domain, self.problems),
                    description: text("description", description, self.problems),
                    priority: *priority,
                    status: NeedStatus::Open,
                },
            },
            C::RecordResource {
                kind,
                description,
                holder,
                barriers,
                service,
            } => Event::ResourceRecorded {
                resource: Resource {
                    id: ResourceId::at_index(e.resources.len()),
                    kind: *kind,
                    description: text("description", description, self.problems),
                    holder: match holder {
                        None => Holder::Client,
                        Some(h) => Holder::External {
                            name: name("holder", h, self.problems),
                        },
                    },
                    barriers: if self.bounded("barriers", barriers.len()) {
                        dedup(barriers)
                    } else {
                        Vec::new()
                    },
                    reached: false,
                    service: service
                        .as_ref()
                        .map(|s| Box::new(self.service(s, holder.is_none()))),
                },
            },
            C::MarkNeedMet { need, note } => {
                self.open_need(*need);
                Event::NeedMet {
                    need: *need,
                    note: optional_text("note", note.as_deref(), self.problems),
                }
            }
            C::DeferNeed { need, reason } => {
                self.open_need(*need);
                Event::NeedDeferred {
                    need: *need,
                    reason: text("reason", reason, self.problems),
                }
            }

            C::AddGoal {
                description,
                addresses,
                scale,
            } => {
                let plan = self.draft_plan();
                if addresses.is_empty() {
                    self.problems
                        .push(Problem::EmptyList { field: "addresses" });
                }
                self.known(
                    "addresses",
                    addresses,
                    |id| e.need(id).is_some(),
                    RecordRef::Need,
                );
                let goal = Goal {
                    id: GoalId::at_index(e.goals.len()),
                    description: text("description", description, self.problems),
                    addresses: addresses.clone(),
                    scale: scale.as_ref().map(|s| self.scale(s)),
                    status: GoalStatus::Proposed,
                };
                Event::GoalAdded { plan, goal }
            }
            C::SetGoalStatus { goal, status } => {
                if e.goal(*goal).is_none() {
                    self.problems.push(Problem::Unknown(RecordRef::Goal(*goal)));
                }
                Event::GoalStatusSet {
                    goal: *goal,
                    status: *status,
                }
            }
            C::AddIntervention {
                description,
                serves,
                function,
                role,
                responsible,
                uses,
            } => {
                let plan = self.draft_plan();
                if serves.is_empty() {
                    self.problems.push(Problem::EmptyList { field: "serves" });
                }
                let current = e.plan();
                if self.known("serves", serves, |id| e.goal(id).is_some(), RecordRef::Goal) {
                    for &goal in serves {
                        if e.goal(goal).is_some() && !current.has_goal(goal) {
                            self.problems.push(Problem::GoalNotInPlan {
                                goal,
                                plan: current.version,
                            });
                        }
                    }
                }
                self.known(
                    "uses",
                    uses,
                    |id| e.resource(id).is_some(),
                    RecordRef::Resource,
                );
                if let Responsible::Partner(id) = responsible {
                    match member(&e.team, id) {
                        None => self.problems.push(Problem::NotOnTeam { id: id.clone() }),
                        Some(m) if !is_partner(m.kind) => {
                            self.problems.push(Problem::WrongMemberKind {
                                id: id.clone(),
                                expected: ActorKind::Agency,
                                found: m.kind,
                            });
                        }
                        Some(_) => {}
                    }
                }
                Event::InterventionAdded {
                    plan,
                    intervention: Intervention {
                        id: InterventionId::at_index(e.interventions.len()),
                        description: text("description", description, self.problems),
                        serves: dedup(serves),
                        function: *function,
                        role: *role,
                        responsible: responsible.clone(),
                        uses: dedup(uses),
                    },
                }
            }
            C::RevisePlan { reason } => Event::PlanRevised {
                plan: PlanVersion(e.plan().version.0.saturating_add(1)),
                reason: text("reason", reason, self.problems),
            },
            C::AgreeToPlan {
                version,
                on_behalf_of,
            } => {
                let member = self.client_voice(on_behalf_of.as_ref());
                let plan = e.plan();
                if *version != plan.version {
                    self.problems.push(Problem::NotCurrentPlan {
                        given: *version,
                        current: plan.version,
                    });
                } else if !plan.goals.iter().any(|&g| counts(e, g)) {
                    self.problems.push(Problem::NoGoal { plan: plan.version });
                } else if plan.agreements.iter().any(|a| a.member == member) {
                    self.problems.push(Problem::AlreadyAgreed {
                        member: member.clone(),
                        plan: plan.version,
                    });
                }
                Event::PlanAgreed {
                    plan: *version,
                    member,
                }
            }
            C::RequestPlanApproval { comment } => {
                self.can_request(&e.plan().approval);
                Event::PlanApprovalRequested {
                    plan: e.plan().version,
                    comment: optional_text("comment", comment.as_deref(), self.problems),
                }
            }
            C::DecidePlanApproval { approve, comment } => {
                self.can_decide(&e.plan().approval);
                Event::PlanApprovalDecided {
                    plan: e.plan().version,
                    approved: *approve,
                    comment: optional_text("comment", comment.as_deref(), self.problems),
                }
            }

            C::RecordActivity {
                function,
                role,
                interventions,
                detail,
                note,
            } => {
                let detail = self.detail(detail);
                Event::ActivityRecorded {
                    activity: self.activity(
                        *function,
                        *role,
                        interventions,
                        detail,
                        note.as_deref(),
                    ),
                }
            }
            C::AddContribution {
                activity,
                text: words,
            } => {
                match e.activity(*activity).map(|a| &a.detail) {
                    None => self
                        .problems
                        .push(Problem::Unknown(RecordRef::Activity(*activity))),
                    Some(
                        ActivityDetail::Consultation { .. } | ActivityDetail::Education { .. },
                    ) => {}
                    Some(_) => self.problems.push(Problem::NoContributionHere {
                        activity: *activity,
                    }),
                }
                Event::ContributionAdded {
                    activity: *activity,
                    contribution: Contribution {
                        member: self.by.id.clone(),
                        text: text("text", words, self.problems),
                    },
                }
            }
            C::Refer {
                resource,
                provider,
                mode,
                function,
                role,
                interventions,
                note,
            } => {
                match e.resource(*resource) {
                    None => self
                        .problems
                        .push(Problem::Unknown(RecordRef::Resource(*resource))),
                    Some(r) if r.is_strength() => {
                        self.problems.push(Problem::OwnResource {
                            resource: *resource,
                        });
                    }
                    Some(_) => {}
                }
                let provider = match provider {
                    Provider::Partner { id } => {
                        self.member_of_kind(id, ActorKind::Agency);
                        Provider::Partner { id: id.clone() }
                    }
                    Provider::External { name: n } => Provider::External {
                        name: name("provider name", n, self.problems),
                    },
                };
                let referral = ReferralId::at_index(e.referrals.len());
                Event::ReferralMade {
                    referral: Referral {
                        id: referral,
                        resource: *resource,
                        provider,
                        mode: *mode,
                        status: ReferralStatus::Draft,
                        consent: Vec::new(),
                        history: Vec::new(),
                    },
                    activity: self.activity(
                        *function,
                        *role,
                        interventions,
                        ActivityDetail::Linkage { referral },
                        note.as_deref(),
                    ),
                }
            }
            C::GiveConsent {
                referral,
                on_behalf_of,
            }
            | C::WithdrawConsent {
                referral,
                on_behalf_of,
            } => {
                let give = matches!(command, C::GiveConsent { .. });
                let member = self.client_voice(on_behalf_of.as_ref());
                match e.referral(*referral) {
                    None => self
                        .problems
                        .push(Problem::Unknown(RecordRef::Referral(*referral))),
                    Some(r) if r.consent.contains(&member) == give => {
                        self.problems.push(Problem::ConsentState {
                            member: member.clone(),
                            referral: *referral,
                            given: give,
                        });
                    }
                    Some(_) => {}
                }
                if give {
                    Event::ConsentGiven {
                        referral: *referral,
                        member,
                    }
                } else {
                    Event::ConsentWithdrawn {
                        referral: *referral,
                        member,
                    }
                }
            }
            C::SetReferralStatus {
                referral,
                status,
                note,
            } => {
                match e.referral(*referral) {
                    None => self
                        .problems
                        .push(Problem::Unknown(RecordRef::Referral(*referral))),
                    Some(r) => {
                        if !r.status.can_move_to(*status) {
                            self.problems.push(Problem::ReferralMove {
                                referral: *referral,
                                from: r.status,
                                to: *status,
                            });
                        }
                        if *status == ReferralStatus::Requested && r.consent.is_empty() {
                            self.problems.push(Problem::NoConsent {
                                referral: *referral,
                            });
                        }
                    }
                }
                Event::ReferralStatusSet {
                    referral: *referral,
                    status: *status,
                    note: optional_text("note", note.as_deref(), self.problems),
                }
            }

            C::RecordEvaluation {
                scores,
                notes,
                decision,
            } => {
                let plan = e.plan();
                if scores.is_empty() {
                    self.problems.push(Problem::EmptyList { field: "scores" });
                }
                let mut seen = std::collections::BTreeSet::new();
                let bounded = self.bounded("scores", scores.len());
                for score in scores.iter().filter(|_| bounded) {
                    if !seen.insert(score.goal) {
                        self.problems
                            .push(Problem::Repeated(RecordRef::Goal(score.goal)));
                    } else if e.goal(score.goal).is_none() {
                        self.problems
                            .push(Problem::Unknown(RecordRef::Goal(score.goal)));
                    } else if !plan.has_goal(score.goal) {
                        self.problems.push(Problem::GoalNotInPlan {
                            goal: score.goal,
                            plan: plan.version,
                        });
                    }
                }
                Event::EvaluationRecorded {
                    evaluation: Evaluation {
                        id: EvaluationId::at_index(e.evaluations.len()),
                        at: self.at,
                        plan: plan.version,
                        scores: scores.clone(),
                        notes: optional_text("notes", notes.as_deref(), self.problems),
                        decision: *decision,
                    },
                }
            }

            C::MoveToStage {
                to,
                reason,
                termination,
            } => {
                let reason = optional_text("reason", reason.as_deref(), self.problems);
                self.stage_move(*to, reason, *termination)
            }
            C::Hold { reason, review_on } => {
                let reason = text("reason", reason, self.problems);
                if let Some(date) = review_on.filter(|d| *d < self.at.date_naive()) {
                    self.problems
                        .push(Problem::ReviewBeforeHold { review_on: date });
                }
                let to = match e.status() {
                    Status::Active(stage) => Status::OnHold(stage),
                    other => other,
                };
                let kind = self.transition(to);
                self.status_change(to, kind, Some(reason), None, *review_on)
            }
            C::Resume { note } => {
                let note = optional_text("note", note.as_deref(), self.problems);
                let to = match e.status() {
                    Status::OnHold(stage) => Status::Active(stage),
                    other => other,
                };
                let kind = self.transition(to);
                self.status_change(to, kind, note, None, None)
            }
            C::RecordTerminationSummary { summary } => Event::TerminationSummaryRecorded {
                summary: text("summary", summary, self.problems),
            },
            C::RequestClosureApproval { comment } => {
                self.can_request(&closure_approval(e));
                Event::ClosureApprovalRequested {
                    comment: optional_text("comment", comment.as_deref(), self.problems),
                }
            }
            C::DecideClosureApproval { approve, comment } => {
                self.can_decide(&closure_approval(e));
                Event::ClosureApprovalDecided {
                    approved: *approve,
                    comment: optional_text("comment", comment.as_deref(), self.problems),
                }
            }
            C::Close => {
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
            C::Reopen { reason } => {
                let reason = text("reason", reason, self.problems);
                let to = Status::Active(Stage::NeedsAssessment);
                let kind = self.transition(to);
                self.status_change(to, kind, Some(reason), None, None)
            }
            C::RecordFollowUp { note } => Event::FollowUpRecorded {
                note: text("note", note, self.problems),
            },
        }
    }

    /// A move between stages, with the requirements of the lifecycle table's row.
    fn stage_move(
        &mut self,
        to: Stage,
        reason: Option<String>,
        termination: Option<crate::engagement::TerminationReason>,
    ) -> Event {
        let e = self.e;
        let target = Status::Active(to);
        let kind = self.transition(target);
        let from = e.stage();
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
            (Some(Stage::Implementation), Some(TransitionKind::Advance))
                if e.activities.len() <= e.stage_marks.0 =>
            {
                self.problems.push(Problem::NoActivity);
            }
            (Some(Stage::Evaluation), Some(_)) => {
                match e.evaluations.get(e.stage_marks.1..).and_then(<[_]>::last) {
                    None => self.problems.push(Problem::NoEvaluation),
                    Some(evaluation) if evaluation.decision.target() != to => {
                        self.problems.push(Problem::DecisionMismatch {
                            decision: evaluation.decision,
                            to,
                        });
                    }
                    Some(_) => {}
                }
            }
            _ => {}
        }
        // DESIGN's table asks a reason of the revision out of implementation; out of
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
            (Stage::Termination, Some(r)) if planned && !r.is_planned() => {
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

    /// DESIGN's requirements for leaving planning for implementation.
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
    fn transition(&mut self, to: Status) -> Option<TransitionKind> {
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

    fn status_change(
        &mut self,
        to: Status,
        kind: Option<TransitionKind>,
        reason: Option<String>,
        termination: Option<crate::engagement::TerminationReason>,
        review_on: Option<chrono::NaiveDate>,
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

    /// The current plan version, if it may still change.
    fn draft_plan(&mut self) -> PlanVersion {
        let plan: &Plan = self.e.plan();
        if plan.is_agreed() {
            self.problems
                .push(Problem::PlanFrozen { plan: plan.version });
        }
        // What the approver sees is what is carried out: a version waiting for a decision, or
        // approved, does not change.
        match plan.approval {
            Approval::Requested { .. } => self
                .problems
                .push(Problem::AwaitingApproval { plan: plan.version }),
            Approval::Approved { .. } => self
                .problems
                .push(Problem::PlanApproved { plan: plan.version }),
            _ => {}
        }
        plan.version
    }

    fn open_need(&mut self, id: NeedId) {
        match self.e.need(id) {
            None => self.problems.push(Problem::Unknown(RecordRef::Need(id))),
            Some(need) if need.status != NeedStatus::Open => {
                self.problems.push(Problem::NeedNotOpen { need: id });
            }
            Some(_) => {}
        }
    }

    /// Notes a list longer than [`MAX_LIST_LEN`]; whether the list is within bounds. Every
    /// list is checked before it is walked, so no command costs more than its bound.
    fn bounded(&mut self, field: &'static str, count: usize) -> bool {
        if count > MAX_LIST_LEN {
            self.problems.push(Problem::TooMany {
                field,
                count,
                max: MAX_LIST_LEN,
            });
            false
        } else {
            true
        }
    }

    /// Checks a list of ids: within bounds, each existing, none repeated. Whether it was
    /// within bounds.
    fn known<T: Copy + Ord>(
        &mut self,
        field: &'static str,
        ids: &[T],
        exists: impl Fn(T) -> bool,
        as_ref: fn(T) -> RecordRef,
    ) -> bool {
        if !self.bounded(field, ids.len()) {
            return false;
        }
        let mut seen = std::collections::BTreeSet::new();
        for &id in ids {
            if !exists(id) {
                self.problems.push(Problem::Unknown(as_ref(id)));
            } else if !seen.insert(id) {
                self.problems.push(Problem::Repeated(as_ref(id)));
            }
        }
        true
    }

    /// The next activity, with its interventions checked.
    fn activity(
        &mut self,
        function: Function,
        role: Role,
        interventions: &[InterventionId],
        detail: ActivityDetail,
        note: Option<&str>,
    ) -> Activity {
        let e = self.e;
        self.known(
            "interventions",
            interventions,
            |id| e.intervention(id).is_some(),
            RecordRef::Intervention,
        );
        Activity {
            id: ActivityId::at_index(e.activities.len()),
            at: self.at,
            function,
            role,
            interventions: dedup(interventions),
            detail,
            note: optional_text("note", note, self.problems),
            contributions: Vec::new(),
        }
    }

    /// Checks the details of an outside service; a strength has none.
    fn service(&mut self, details: &ServiceDetails, own: bool) -> ServiceDetails {
        if own {
            self.problems.push(Problem::ServiceOnStrength);
        }
        let mut short = |field, value: &Option<String>| {
            crate::engagement::text::optional_name(field, value.as_deref(), self.problems)
        };
        let mut checked = ServiceDetails {
            organisation: short("organisation", &details.organisation),
            service: short("service", &details.service),
            location: short("location", &details.location),
            eligibility: None,
            cost: short("cost", &details.cost),
            languages: Vec::new(),
            accessibility: None,
            schedule: short("schedule", &details.schedule),
            capacity: short("capacity", &details.capacity),
        };
        checked.eligibility =
            optional_text("eligibility", details.eligibility.as_deref(), self.problems);
        checked.accessibility = optional_text(
            "accessibility",
            details.accessibility.as_deref(),
            self.problems,
        );
        if self.bounded("languages", details.languages.len()) {
            checked.languages = dedup(&details.languages)
                .iter()
                .filter(|l| !l.trim().is_empty())
                .map(|l| name("languages", l, self.problems))
                .collect();
        }
        checked
    }

    fn scale(&mut self, scale: &GasScale) -> GasScale {
        if scale.weight == 0 {
            self.problems.push(Problem::ZeroWeight);
        }
        let mut levels = scale.levels.clone();
        for (level, description) in (-2_i8..=2).zip(levels.iter_mut()) {
            if description.trim().is_empty() {
                self.problems.push(Problem::EmptyScaleLevel { level });
            } else {
                *description = text("scale level", description, self.problems);
            }
        }
        GasScale {
            levels,
            weight: scale.weight,
        }
    }

    fn detail(&mut self, detail: &ActivityDetail) -> ActivityDetail {
        use ActivityDetail as D;
        match detail {
            D::Consultation {
                participants,
                worker_contribution,
                client_contribution,
                options,
                action_steps,
            } => D::Consultation {
                participants: self.names("participants", participants),
                worker_contribution: text(
                    "worker contribution",
                    worker_contribution,
                    self.problems,
                ),
                client_contribution: text(
                    "client contribution",
                    client_contribution,
                    self.problems,
                ),
                options: self.texts("options", options),
                action_steps: self.texts("action steps", action_steps),
            },
            D::Linkage { referral } => {
                self.problems.push(Problem::LinkageNotRecordedHere);
                D::Linkage {
                    referral: *referral,
                }
            }
            D::Education {
                topic,
                learners,
                educators,
                prevention_focus,
            } => D::Education {
                topic: name("topic", topic, self.problems),
                learners: self.names("learners", learners),
                educators: self.names("educators", educators),
                prevention_focus: optional_text(
                    "prevention focus",
                    prevention_focus.as_deref(),
                    self.problems,
                ),
            },
            D::Mediation { parties, outcome } => D::Mediation {
                parties: self.names("parties", parties),
                outcome: text("outcome", outcome, self.problems),
            },
            D::Advocacy {
                scope,
                target_system,
                outcome,
            } => D::Advocacy {
                scope: *scope,
                target_system: name("target system", target_system, self.problems),
                outcome: text("outcome", outcome, self.problems),
            },
            D::Protection { risk, action } => D::Protection {
                risk: text("risk", risk, self.problems),
                action: text("action", action, self.problems),
            },
        }
    }

    /// A non-empty list of short texts.
    fn names(&mut self, field: &'static str, values: &[String]) -> Vec<String> {
        if values.is_empty() {
            self.problems.push(Problem::EmptyList { field });
        }
        if !self.bounded(field, values.len()) {
            return Vec::new();
        }
        values
            .iter()
            .map(|v| name(field, v, self.problems))
            .collect()
    }

    /// A list (possibly empty) of long texts.
    fn texts(&mut self, field: &'static str, values: &[String]) -> Vec<String> {
        if !self.bounded(field, values.len()) {
            return Vec::new();
        }
        values
            .iter()
            .map(|v| text(field, v, self.problems))
            .collect()
    }

    fn new_member(&mut self, m: &TeamMember) -> TeamMember {
        let size = self.e.team.len().saturating_add(1);
        if size > crate::engagement::text::MAX_TEAM {
            self.problems.push(Problem::TooMany {
                field: "team",
                count: size,
                max: crate::engagement::text::MAX_TEAM,
            });
        }
        if member(&self.e.team, &m.id).is_some() {
            self.problems
                .push(Problem::DuplicateMember { id: m.id.clone() });
        }
        TeamMember {
            id: m.id.clone(),
            kind: m.kind,
            name: name("member name", &m.name, self.problems),
        }
    }

    fn member_of_kind(&mut self, id: &ActorId, kind: ActorKind) {
        match member(&self.e.team, id) {
            None => self.problems.push(Problem::NotOnTeam { id: id.clone() }),
            Some(m) if m.kind != kind => self.problems.push(Problem::WrongMemberKind {
                id: id.clone(),
                expected: kind,
                found: m.kind,
            }),
            Some(_) => {}
        }
    }

    /// The client-system member speaking: the actor, or the member a worker records for.
    fn client_voice(&mut self, on_behalf_of: Option<&ActorId>) -> ActorId {
        match on_behalf_of {
            Some(id) => {
                self.member_of_kind(id, ActorKind::ClientMember);
                id.clone()
            }
            None => self.by.id.clone(),
        }
    }

    fn can_request(&mut self, approval: &Approval) {
        match approval {
            Approval::Requested { .. } => self
                .problems
                .push(Problem::ApprovalAlready { state: "requested" }),
            Approval::Approved { .. } => self
                .problems
                .push(Problem::ApprovalAlready { state: "approved" }),
            _ => {}
        }
    }

    fn can_decide(&mut self, approval: &Approval) {
        if !matches!(approval, Approval::Requested { .. }) {
            self.problems.push(Problem::NoApprovalRequested);
        }
    }
}

/// Whether a goal counts: it exists and is not cancelled.
fn counts(e: &Engagement, goal: GoalId) -> bool {
    e.goal(goal)
        .is_some_and(|g| g.status != GoalStatus::Cancelled)
}

fn closure_approval(e: &Engagement) -> Approval {
    e.termination
        .as_ref()
        .map(|t| t.closure_approval.clone())
        .unwrap_or_default()
}

/// Workers and supervisors: the agency's own staff on the team.
fn is_staff(kind: ActorKind) -> bool {
    matches!(kind, ActorKind::SocialWorker | ActorKind::Supervisor)
}

fn is_partner(kind: ActorKind) -> bool {
    matches!(
        kind,
        ActorKind::Agency | ActorKind::Donor | ActorKind::CommunityRepresentative
    )
}

/// The list without repeats, in first-seen order.
fn dedup<T: Clone + Ord>(items: &[T]) -> Vec<T> {
    let mut seen = std::collections::BTreeSet::new();
    let mut out: Vec<T> = Vec::with_capacity(items.len());
    for item in items {
        if seen.insert(item) {
            out.push(item.clone());
        }
    }
    out
}
