//! Planning and programme selection: goals, interventions, plan versions, the client system's
//! agreement and the supervisor's approval.

use super::Decider;
use super::lists::dedup;
use super::permit::is_partner;
use crate::engagement::team::member;
use crate::engagement::text::{blank, optional_text, text};
use crate::engagement::{
    ActorId, Approval, Engagement, Event, GasScale, Goal, GoalId, GoalStatus, Intervention,
    InterventionId, NeedId, Plan, PlanVersion, Problem, RecordRef, ResourceId, Responsible,
};
use crate::{ActorKind, Function, Role};

impl Decider<'_> {
    pub(super) fn add_goal(
        &mut self,
        description: &str,
        addresses: &[NeedId],
        scale: Option<&GasScale>,
    ) -> Event {
        let e = self.e;
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
            addresses: addresses.to_vec(),
            scale: scale.map(|s| self.scale(s)),
            status: GoalStatus::Proposed,
            proposed_by: self.proposer(),
            due_on: None,
        };
        Event::GoalAdded { plan, goal }
    }

    pub(super) fn set_goal_status(&mut self, goal: GoalId, status: GoalStatus) -> Event {
        match self.e.goal(goal) {
            None => self.problems.push(Problem::Unknown(RecordRef::Goal(goal))),
            Some(g) if !g.status.can_move_to(status) => self.problems.push(Problem::GoalMove {
                goal,
                from: g.status,
                to: status,
            }),
            // Accepting a member's proposal puts it in its plan: only while that plan may change.
            Some(g) if !g.counts() && status == GoalStatus::Accepted => {
                if self.e.plan().has_goal(goal) {
                    self.draft_plan();
                }
            }
            Some(_) => {}
        }
        Event::GoalStatusSet { goal, status }
    }

    pub(super) fn add_intervention(
        &mut self,
        description: &str,
        serves: &[GoalId],
        (function, role): (Function, Role),
        responsible: &Responsible,
        uses: &[ResourceId],
    ) -> Event {
        let e = self.e;
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
        let proposed_by = self.proposer();
        if let Some(by) = &proposed_by {
            self.own_commitment(by, responsible);
        }
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
                function,
                role,
                responsible: responsible.clone(),
                uses: dedup(uses),
                proposed_by,
                due_on: None,
            },
        }
    }

    pub(super) fn revise_plan(&mut self, reason: &str) -> Event {
        Event::PlanRevised {
            plan: PlanVersion(self.e.plan().version.0.saturating_add(1)),
            reason: text("reason", reason, self.problems),
        }
    }

    pub(super) fn agree_to_plan(
        &mut self,
        version: PlanVersion,
        on_behalf_of: Option<&ActorId>,
    ) -> Event {
        let e = self.e;
        let member = self.client_voice(on_behalf_of);
        let plan = e.plan();
        // Agreeing agrees the plan's goals (see apply): what the client system agrees to is
        // what counts in it.
        if version != plan.version {
            self.problems.push(Problem::NotCurrentPlan {
                given: version,
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
            plan: version,
            member,
        }
    }

    pub(super) fn request_plan_approval(&mut self, comment: Option<&str>) -> Event {
        self.can_request(&self.e.plan().approval);
        Event::PlanApprovalRequested {
            plan: self.e.plan().version,
            comment: optional_text("comment", comment, self.problems),
        }
    }

    pub(super) fn decide_plan_approval(&mut self, approve: bool, comment: Option<&str>) -> Event {
        self.can_decide(&self.e.plan().approval, self.e.policy.four_eyes_plan);
        Event::PlanApprovalDecided {
            plan: self.e.plan().version,
            approved: approve,
            comment: optional_text("comment", comment, self.problems),
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

    fn scale(&mut self, scale: &GasScale) -> GasScale {
        if scale.weight == 0 {
            self.problems.push(Problem::ZeroWeight);
        }
        let mut levels = scale.levels.clone();
        for (level, description) in (-2_i8..=2).zip(levels.iter_mut()) {
            if blank(description) {
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

    /// Notes an approval that is already waiting or given.
    pub(super) fn can_request(&mut self, approval: &Approval) {
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

    /// Notes an approval that is not waiting for a decision, or, with four eyes, one the
    /// actor asked for themselves.
    pub(super) fn can_decide(&mut self, approval: &Approval, four_eyes: bool) {
        match approval {
            Approval::Requested { by, .. } if four_eyes && *by == self.by.id => {
                self.problems.push(Problem::FourEyes { id: by.clone() });
            }
            Approval::Requested { .. } => {}
            _ => self.problems.push(Problem::NoApprovalRequested),
        }
    }
}

/// Whether a goal counts: it exists, is not cancelled, and is not a proposal waiting for the
/// worker.
pub(super) fn counts(e: &Engagement, goal: GoalId) -> bool {
    e.goal(goal).is_some_and(Goal::counts)
}
