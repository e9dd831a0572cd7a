//! The engagement's rules as an embedding app meets them: every stage requirement, who may do
//! what, text and id checks, time, closed and paused engagements, and replaying a damaged
//! record. Every refusal is checked to change nothing (see `fixtures::refused`).

mod fixtures;

use chrono::{DateTime, TimeDelta, TimeZone, Utc};
use fixtures::*;
use pendamping::gas::Level;
use pendamping::{
    Achievement, ActivityDetail, ActivityId, Actor, ActorKind, ClientSystem, ClientSystemLevel,
    Command, Decision, Engagement, Event, Function, GoalEvaluation, GoalId, GoalStatus,
    InterventionId, ManagementMode, NeedId, NotPermittedBecause, Opening, Permission, PlanVersion,
    Policy, Problem, Provider, Recorded, ReferralId, ReferralStatus, Rejection, ResourceId,
    Responsible, Role, Stage, Status, TeamMember, TerminationReason, TransitionKind, decide,
};
use std::collections::BTreeSet;

fn approvals() -> Policy {
    let mut policy = Policy::default();
    policy.plan_approval_required = true;
    policy.closure_approval_required = true;
    policy
}

fn reason_move(to: Stage, reason: &str) -> Command {
    Command::MoveToStage {
        to,
        reason: Some(reason.into()),
        termination: None,
    }
}

fn evaluation(goals: &[u32], decision: Decision) -> Command {
    Command::RecordEvaluation {
        scores: goals
            .iter()
            .map(|&g| GoalEvaluation {
                goal: GoalId(g),
                level: Level::Expected,
                achievement: Achievement::InProgress,
            })
            .collect(),
        notes: None,
        decision,
    }
}

fn summary() -> Command {
    Command::RecordTerminationSummary {
        summary: "What was reached, and what the family carries on".into(),
    }
}

// ===================================================================== stage requirements

#[test]
fn leaving_needs_assessment_needs_an_open_need_and_a_strength() {
    let team = Team::new();
    let w = &team.worker;

    let mut case = team.open(Policy::default());
    assert_eq!(
        refused(&mut case, w, day(1), move_to(Stage::Planning)),
        "cannot move_to_stage: record at least one open need; \
         record at least one strength: a resource of the client system's own"
    );

    // A need alone.
    ok(&mut case, w, day(1), need("income", "No steady income"));
    // A resource held by someone else is not a strength.
    ok(
        &mut case,
        w,
        day(1),
        external("Dinas Sosial", "Job training", vec![]),
    );
    assert_eq!(
        refused(&mut case, w, day(1), move_to(Stage::Planning)),
        "cannot move_to_stage: record at least one strength: a resource of the client system's own"
    );

    // A strength alone: the only need is met, so none is open.
    let mut case = team.open(Policy::default());
    ok(&mut case, w, day(1), need("income", "No steady income"));
    ok(
        &mut case,
        w,
        day(1),
        strength("The father is a skilled carpenter"),
    );
    ok(
        &mut case,
        w,
        day(1),
        Command::MarkNeedMet {
            need: NeedId(1),
            note: None,
        },
    );
    assert_eq!(
        refused(&mut case, w, day(1), move_to(Stage::Planning)),
        "cannot move_to_stage: record at least one open need"
    );
    ok(&mut case, w, day(2), need("housing", "The roof leaks"));
    ok(&mut case, w, day(2), move_to(Stage::Planning));
}

#[test]
fn leaving_planning_needs_the_whole_plan_all_named_at_once() {
    let team = Team::new();
    let (w, sup) = (&team.worker, &team.supervisor);
    let mut case = assessed(&team, approvals());
    ok(&mut case, w, day(2), move_to(Stage::Planning));

    // Everything missing at once.
    assert_eq!(
        refused(&mut case, w, day(2), move_to(Stage::Implementation)),
        "cannot move_to_stage: add at least one goal to plan version 1; \
         add at least one intervention serving a goal of plan version 1; \
         need 1 is open with no goal: add a goal for it or defer it; \
         the client system has not agreed to plan version 1; plan version 1 is not approved"
    );

    ok(
        &mut case,
        w,
        day(2),
        need("health", "The baby missed immunisations"),
    );
    ok(
        &mut case,
        w,
        day(3),
        goal("Ani is back at school", &[1], None),
    );
    assert_eq!(
        refused(&mut case, w, day(3), move_to(Stage::Implementation)),
        "cannot move_to_stage: add at least one intervention serving a goal of plan version 1; \
         need 2 is open with no goal: add a goal for it or defer it; \
         the client system has not agreed to plan version 1; plan version 1 is not approved"
    );

    // Each requirement alone: the intervention...
    let mut no_intervention = case.clone();
    ok(
        &mut no_intervention,
        w,
        day(3),
        Command::DeferNeed {
            need: NeedId(2),
            reason: "The puskesmas follows it already".into(),
        },
    );
    ok(&mut no_intervention, &team.mother, day(3), agree(1, None));
    ok(
        &mut no_intervention,
        w,
        day(3),
        Command::RequestPlanApproval { comment: None },
    );
    ok(
        &mut no_intervention,
        sup,
        day(3),
        Command::DecidePlanApproval {
            approve: true,
            comment: None,
        },
    );
    assert_eq!(
        refused(
            &mut no_intervention,
            w,
            day(3),
            move_to(Stage::Implementation)
        ),
        "cannot move_to_stage: add at least one intervention serving a goal of plan version 1"
    );

    ok(
        &mut case,
        w,
        day(3),
        intervention(
            "Talk it through",
            &[1],
            Function::ProblemSolvingConsultation,
            Role::Enabler,
            Responsible::Joint,
        ),
    );
    ok(&mut case, &team.mother, day(3), agree(1, None));
    ok(
        &mut case,
        w,
        day(3),
        Command::RequestPlanApproval { comment: None },
    );
    ok(
        &mut case,
        sup,
        day(3),
        Command::DecidePlanApproval {
            approve: true,
            comment: None,
        },
    );
    // ...the open need without a goal...
    assert_eq!(
        refused(&mut case, w, day(3), move_to(Stage::Implementation)),
        "cannot move_to_stage: need 2 is open with no goal: add a goal for it or defer it"
    );
    ok(
        &mut case,
        w,
        day(3),
        Command::DeferNeed {
            need: NeedId(2),
            reason: "The puskesmas follows it already".into(),
        },
    );
    let mut ready = case.clone();
    ok(&mut ready, w, day(4), move_to(Stage::Implementation));

    // ...a cancelled goal does not count...
    ok(
        &mut case,
        w,
        day(4),
        Command::SetGoalStatus {
            goal: GoalId(1),
            status: GoalStatus::Cancelled,
        },
    );
    assert_eq!(
        refused(&mut case, w, day(4), move_to(Stage::Implementation)),
        "cannot move_to_stage: add at least one goal to plan version 1; \
         add at least one intervention serving a goal of plan version 1; \
         need 1 is open with no goal: add a goal for it or defer it"
    );
}

#[test]
fn leaving_planning_needs_agreement_and_approval_each_alone() {
    let team = Team::new();
    let (w, sup) = (&team.worker, &team.supervisor);
    let mut case = assessed(&team, approvals());
    ok(&mut case, w, day(2), move_to(Stage::Planning));
    ok(
        &mut case,
        w,
        day(3),
        goal("Ani is back at school", &[1], None),
    );
    ok(
        &mut case,
        w,
        day(3),
        intervention(
            "Talk it through",
            &[1],
            Function::ProblemSolvingConsultation,
            Role::Enabler,
            Responsible::Joint,
        ),
    );
    ok(
        &mut case,
        w,
        day(3),
        Command::RequestPlanApproval { comment: None },
    );
    // A version waiting for a decision does not change under the approver's eyes.
    assert_eq!(
        refused(&mut case, w, day(3), goal("Ani reads well", &[1], None)),
        "cannot add_goal: plan version 1 is waiting for approval: \
         it cannot change until the approval is decided"
    );
    ok(
        &mut case,
        sup,
        day(3),
        Command::DecidePlanApproval {
            approve: false,
            comment: Some("Add how the school is involved".into()),
        },
    );
    // Rejected: editable again, and still not approved.
    ok(
        &mut case,
        w,
        day(3),
        goal("The school follows Ani up", &[1], None),
    );
    ok(
        &mut case,
        w,
        day(3),
        Command::RequestPlanApproval { comment: None },
    );
    ok(
        &mut case,
        sup,
        day(3),
        Command::DecidePlanApproval {
            approve: true,
            comment: None,
        },
    );
    // An approved version is what is carried out: it does not change either.
    assert_eq!(
        refused(
            &mut case,
            w,
            day(3),
            intervention(
                "Something the supervisor never saw",
                &[2],
                Function::Education,
                Role::Enabler,
                Responsible::Worker,
            )
        ),
        "cannot add_intervention: plan version 1 was approved: revise the plan to change it"
    );
    assert_eq!(
        refused(&mut case, w, day(4), move_to(Stage::Implementation)),
        "cannot move_to_stage: the client system has not agreed to plan version 1"
    );
    ok(&mut case, &team.father, day(4), agree(1, None));
    ok(&mut case, w, day(4), move_to(Stage::Implementation));

    // Approval alone.
    let mut case = planned(&team, approvals());
    assert_eq!(
        refused(&mut case, w, day(4), move_to(Stage::Implementation)),
        "cannot move_to_stage: plan version 1 is not approved"
    );
    assert_eq!(
        refused(
            &mut case,
            sup,
            day(4),
            Command::DecidePlanApproval {
                approve: true,
                comment: None
            }
        ),
        "cannot decide_plan_approval: no approval was requested"
    );
    ok(
        &mut case,
        w,
        day(4),
        Command::RequestPlanApproval { comment: None },
    );
    assert_eq!(
        refused(
            &mut case,
            w,
            day(4),
            Command::RequestPlanApproval { comment: None }
        ),
        "cannot request_plan_approval: approval was already requested"
    );
}

#[test]
fn leaving_implementation_needs_an_activity_since_it_began() {
    let team = Team::new();
    let w = &team.worker;
    let mut case = assessed(&team, Policy::default());
    // An activity during assessment does not count for implementation.
    ok(&mut case, w, day(1), consultation(&[]));
    let mut case = {
        let mut c = case;
        ok(&mut c, w, day(2), move_to(Stage::Planning));
        ok(&mut c, w, day(3), goal("Ani is back at school", &[1], None));
        ok(
            &mut c,
            w,
            day(3),
            intervention(
                "Talk it through",
                &[1],
                Function::ProblemSolvingConsultation,
                Role::Enabler,
                Responsible::Joint,
            ),
        );
        ok(&mut c, &team.mother, day(3), agree(1, None));
        ok(&mut c, w, day(4), move_to(Stage::Implementation));
        c
    };
    assert_eq!(
        refused(&mut case, w, day(5), move_to(Stage::Evaluation)),
        "cannot move_to_stage: record at least one activity since implementation began"
    );
    ok(&mut case, w, day(5), consultation(&[1]));
    ok(&mut case, w, day(6), move_to(Stage::Evaluation));
    ok(&mut case, w, day(7), evaluation(&[1], Decision::Continue));
    ok(&mut case, w, day(7), move_to(Stage::Implementation));
    assert_eq!(
        case.history().last().unwrap().kind,
        TransitionKind::Continue
    );
    // A new round of implementation needs a new activity.
    assert_eq!(
        refused(&mut case, w, day(8), move_to(Stage::Evaluation)),
        "cannot move_to_stage: record at least one activity since implementation began"
    );
    // A hold and resume do not restart the count.
    ok(&mut case, w, day(8), refer(2, partner(&team.agency)));
    ok(
        &mut case,
        w,
        day(8),
        Command::Hold {
            reason: "The family is away".into(),
            review_on: None,
        },
    );
    ok(&mut case, w, day(9), Command::Resume { note: None });
    ok(&mut case, w, day(9), move_to(Stage::Evaluation));

    // Going back to planning needs a reason.
    let mut case = implementing(&team, Policy::default());
    assert_eq!(
        refused(&mut case, w, day(5), move_to(Stage::Planning)),
        "cannot move_to_stage: give a reason"
    );
    // A blank reason, as a form sends it, counts as none.
    assert_eq!(
        refused(&mut case, w, day(5), reason_move(Stage::Planning, " ")),
        "cannot move_to_stage: give a reason"
    );
    ok(
        &mut case,
        w,
        day(5),
        reason_move(Stage::Planning, "The school closed"),
    );
}

#[test]
fn leaving_evaluation_needs_an_evaluation_of_this_round_and_its_decision() {
    let team = Team::new();
    let w = &team.worker;
    let mut case = implementing(&team, Policy::default());
    ok(&mut case, w, day(5), consultation(&[1]));
    ok(&mut case, w, day(6), move_to(Stage::Evaluation));
    for to in [
        Stage::Implementation,
        Stage::Planning,
        Stage::NeedsAssessment,
    ] {
        assert_eq!(
            refused(&mut case, w, day(6), move_to(to)),
            "cannot move_to_stage: record an evaluation in this evaluation stage"
        );
    }
    assert_eq!(
        refused(
            &mut case,
            w,
            day(6),
            end(Stage::Termination, TerminationReason::GoalsAchieved)
        ),
        "cannot move_to_stage: record an evaluation in this evaluation stage"
    );
    ok(&mut case, w, day(7), evaluation(&[1], Decision::Reassess));
    assert_eq!(
        refused(&mut case, w, day(7), move_to(Stage::Planning)),
        "cannot move_to_stage: the evaluation decided to reassess, not to move to planning"
    );
    assert_eq!(
        refused(&mut case, w, day(7), move_to(Stage::Termination)),
        "cannot move_to_stage: the evaluation decided to reassess, not to move to termination; \
         give a termination reason"
    );
    // The latest evaluation of the round is the one that counts.
    ok(&mut case, w, day(7), evaluation(&[1], Decision::Continue));
    ok(&mut case, w, day(8), move_to(Stage::Implementation));
    ok(&mut case, w, day(8), consultation(&[1]));
    ok(&mut case, w, day(9), move_to(Stage::Evaluation));
    // The evaluation of the last round does not count for this one.
    assert_eq!(
        refused(&mut case, w, day(9), move_to(Stage::Implementation)),
        "cannot move_to_stage: record an evaluation in this evaluation stage"
    );
    ok(&mut case, w, day(9), evaluation(&[1], Decision::Terminate));
    assert_eq!(
        refused(&mut case, w, day(9), move_to(Stage::Termination)),
        "cannot move_to_stage: give a termination reason"
    );
    assert_eq!(
        refused(
            &mut case,
            w,
            day(9),
            end(Stage::Termination, TerminationReason::Deceased)
        ),
        "cannot move_to_stage: deceased is not a planned ending: an evaluation leads to \
         goals_achieved or partially_achieved"
    );
    ok(
        &mut case,
        w,
        day(9),
        end(Stage::Termination, TerminationReason::GoalsAchieved),
    );
}

#[test]
fn ending_early_needs_an_unplanned_reason_and_only_termination_takes_one() {
    let team = Team::new();
    let w = &team.worker;
    for stage in [
        Stage::NeedsAssessment,
        Stage::Planning,
        Stage::Implementation,
    ] {
        let mut case = match stage {
            Stage::NeedsAssessment => assessed(&team, Policy::default()),
            Stage::Planning => planned(&team, Policy::default()),
            _ => implementing(&team, Policy::default()),
        };
        assert_eq!(case.stage(), Some(stage));
        assert_eq!(
            refused(&mut case, w, day(5), move_to(Stage::Termination)),
            "cannot move_to_stage: give a termination reason"
        );
        assert_eq!(
            refused(
                &mut case,
                w,
                day(5),
                end(Stage::Termination, TerminationReason::GoalsAchieved)
            ),
            "cannot move_to_stage: goals_achieved is a planned ending, reached through evaluation"
        );
        ok(
            &mut case,
            w,
            day(5),
            end(Stage::Termination, TerminationReason::ClientWithdrew),
        );
        assert_eq!(
            case.history().last().unwrap().kind,
            TransitionKind::EndEarly
        );
        assert_eq!(
            case.termination().unwrap().reason,
            TerminationReason::ClientWithdrew
        );
    }
    let mut case = assessed(&team, Policy::default());
    ok(&mut case, w, day(2), strength("Arisan"));
    assert_eq!(
        refused(
            &mut case,
            w,
            day(2),
            end(Stage::Planning, TerminationReason::Moved)
        ),
        "cannot move_to_stage: a termination reason belongs only to a move to termination"
    );
    // A move the table does not have, with its allowed targets.
    assert_eq!(
        refused(&mut case, w, day(2), move_to(Stage::Evaluation)),
        "cannot move_to_stage: cannot move from active(needs_assessment) to active(evaluation): \
         allowed targets are active(planning), active(termination), on_hold(needs_assessment)"
    );
    assert_eq!(
        refused(&mut case, w, day(2), move_to(Stage::NeedsAssessment)),
        "cannot move_to_stage: cannot move from active(needs_assessment) to \
         active(needs_assessment): allowed targets are active(planning), active(termination), \
         on_hold(needs_assessment)"
    );
}

/// A case in termination after ending early, with referral 1 in flight.
fn terminating_with_a_referral_in_flight(team: &Team, policy: Policy) -> Engagement {
    let w = &team.worker;
    let mut case = implementing(team, policy);
    ok(&mut case, w, day(5), refer(2, partner(&team.agency)));
    ok(&mut case, &team.mother, day(5), consent(1, None));
    ok(
        &mut case,
        w,
        day(5),
        referral_status(1, ReferralStatus::Requested),
    );
    ok(
        &mut case,
        w,
        day(6),
        end(Stage::Termination, TerminationReason::Moved),
    );
    case
}

#[test]
fn closing_needs_a_summary_a_closed_loop_and_approval() {
    let team = Team::new();
    let (w, sup) = (&team.worker, &team.supervisor);
    let mut case = terminating_with_a_referral_in_flight(&team, approvals());
    assert_eq!(
        refused(&mut case, w, day(7), Command::Close),
        "cannot close: write the termination summary; \
         referrals are still in flight: referral 1; closing is not approved"
    );
    ok(&mut case, w, day(7), summary());
    assert_eq!(
        refused(&mut case, w, day(7), Command::Close),
        "cannot close: referrals are still in flight: referral 1; closing is not approved"
    );
    ok(
        &mut case,
        w,
        day(7),
        referral_status(1, ReferralStatus::Cancelled),
    );
    assert_eq!(
        refused(&mut case, w, day(7), Command::Close),
        "cannot close: closing is not approved"
    );
    ok(
        &mut case,
        w,
        day(7),
        Command::RequestClosureApproval { comment: None },
    );
    ok(
        &mut case,
        sup,
        day(8),
        Command::DecideClosureApproval {
            approve: false,
            comment: Some("Call the family once more".into()),
        },
    );
    assert_eq!(
        refused(&mut case, w, day(8), Command::Close),
        "cannot close: closing is not approved"
    );
    ok(
        &mut case,
        w,
        day(9),
        Command::RequestClosureApproval { comment: None },
    );
    ok(
        &mut case,
        sup,
        day(9),
        Command::DecideClosureApproval {
            approve: true,
            comment: None,
        },
    );
    ok(&mut case, w, day(9), Command::Close);

    // Each alone, without approval required: the summary...
    let mut case = terminating_with_a_referral_in_flight(&team, Policy::default());
    ok(
        &mut case,
        &team.agency,
        day(7),
        referral_status(1, ReferralStatus::Rejected),
    );
    assert_eq!(
        refused(&mut case, w, day(7), Command::Close),
        "cannot close: write the termination summary"
    );
    // ...and the loop.
    let mut case = terminating_with_a_referral_in_flight(&team, Policy::default());
    ok(&mut case, w, day(7), summary());
    assert_eq!(
        refused(&mut case, w, day(7), Command::Close),
        "cannot close: referrals are still in flight: referral 1"
    );
    // Closing from another stage is not a move the table has.
    let mut case = implementing(&team, Policy::default());
    assert_eq!(
        refused(&mut case, w, day(7), Command::Close),
        "cannot close: cannot move from active(implementation) to closed: allowed targets are \
         active(evaluation), active(planning), active(termination), on_hold(implementation); \
         write the termination summary"
    );
    // Termination-stage commands belong to termination.
    assert_eq!(
        refused(&mut case, w, day(7), summary()),
        "cannot record_termination_summary: this is done in termination, \
         and the engagement is in implementation"
    );
}

#[test]
fn reopening_and_follow_ups_need_a_closed_engagement() {
    let team = Team::new();
    let w = &team.worker;
    let mut case = assessed(&team, Policy::default());
    assert_eq!(
        refused(
            &mut case,
            w,
            day(2),
            Command::RecordFollowUp {
                note: "Visited".into()
            }
        ),
        "cannot record_follow_up: the engagement is not closed"
    );
    assert_eq!(
        refused(&mut case, w, day(2), Command::Reopen { reason: "".into() }),
        "cannot reopen: the engagement is not closed; reason is empty"
    );
    ok(
        &mut case,
        w,
        day(2),
        end(Stage::Termination, TerminationReason::Ineligible),
    );
    ok(&mut case, w, day(2), summary());
    ok(&mut case, w, day(2), Command::Close);
    assert_eq!(
        refused(
            &mut case,
            w,
            day(3),
            Command::Reopen {
                reason: "\t".into()
            }
        ),
        "cannot reopen: reason is empty"
    );
    ok(
        &mut case,
        w,
        day(3),
        Command::Reopen {
            reason: "Eligible again after the new survey".into(),
        },
    );
}

// ===================================================================== who may do what

/// One representative instance of every command, named for the matrix.
fn every_command(team: &Team) -> Vec<(&'static str, Command)> {
    let mother = Some(&team.mother);
    let mut policy = Policy::default();
    policy.review_interval_days = Some(30);
    vec![
        (
            "reassign_worker",
            Command::ReassignWorker {
                from: team.worker.id.clone(),
                to: TeamMember {
                    id: id("w:rina"),
                    kind: ActorKind::SocialWorker,
                    name: "Rina".into(),
                },
            },
        ),
        (
            "add_member",
            Command::AddMember {
                member: TeamMember {
                    id: id("c:ani"),
                    kind: ActorKind::ClientMember,
                    name: "Ani".into(),
                },
            },
        ),
        (
            "add_member staff",
            Command::AddMember {
                member: TeamMember {
                    id: id("w:rudi"),
                    kind: ActorKind::SocialWorker,
                    name: "Rudi".into(),
                },
            },
        ),
        (
            "remove_member",
            Command::RemoveMember {
                id: team.community.id.clone(),
            },
        ),
        (
            "remove_member staff",
            Command::RemoveMember {
                id: team.supervisor.id.clone(),
            },
        ),
        ("change_policy", Command::ChangePolicy { policy }),
        ("record_need", need("documents", "No birth certificate")),
        ("record_resource", strength("A supportive grandmother")),
        (
            "mark_need_met",
            Command::MarkNeedMet {
                need: NeedId(1),
                note: None,
            },
        ),
        (
            "defer_need",
            Command::DeferNeed {
                need: NeedId(1),
                reason: "Later".into(),
            },
        ),
        ("add_goal", goal("Ani reads well", &[1], None)),
        (
            "set_goal_status",
            Command::SetGoalStatus {
                goal: GoalId(1),
                status: GoalStatus::Active,
            },
        ),
        (
            "add_intervention",
            intervention(
                "Reading club",
                &[1],
                Function::Education,
                Role::Enabler,
                Responsible::Client,
            ),
        ),
        (
            "revise_plan",
            Command::RevisePlan {
                reason: "New school".into(),
            },
        ),
        ("agree_to_plan", agree(1, None)),
        ("agree_to_plan on behalf", agree(1, mother)),
        (
            "request_plan_approval",
            Command::RequestPlanApproval { comment: None },
        ),
        (
            "decide_plan_approval",
            Command::DecidePlanApproval {
                approve: true,
                comment: None,
            },
        ),
        ("record_activity", consultation(&[1])),
        (
            "add_contribution",
            Command::AddContribution {
                activity: ActivityId(1),
                text: "My words".into(),
            },
        ),
        ("refer", refer(2, partner(&team.agency))),
        ("give_consent", consent(1, None)),
        ("give_consent on behalf", consent(1, mother)),
        (
            "withdraw_consent",
            Command::WithdrawConsent {
                referral: ReferralId(1),
                on_behalf_of: None,
            },
        ),
        (
            "withdraw_consent on behalf",
            Command::WithdrawConsent {
                referral: ReferralId(1),
                on_behalf_of: Some(team.mother.id.clone()),
            },
        ),
        (
            "set_referral_status requested",
            referral_status(1, ReferralStatus::Requested),
        ),
        (
            "set_referral_status cancelled",
            referral_status(1, ReferralStatus::Cancelled),
        ),
        (
            "set_referral_status accepted, partner",
            referral_status(1, ReferralStatus::Accepted),
        ),
        (
            "set_referral_status completed, other partner",
            referral_status(2, ReferralStatus::Completed),
        ),
        (
            "set_referral_status accepted, external",
            referral_status(3, ReferralStatus::Accepted),
        ),
        ("record_evaluation", evaluation(&[1], Decision::Continue)),
        ("move_to_stage", move_to(Stage::Evaluation)),
        (
            "hold",
            Command::Hold {
                reason: "Away".into(),
                review_on: None,
            },
        ),
        ("resume", Command::Resume { note: None }),
        ("record_termination_summary", summary()),
        (
            "request_closure_approval",
            Command::RequestClosureApproval { comment: None },
        ),
        (
            "decide_closure_approval",
            Command::DecideClosureApproval {
                approve: true,
                comment: None,
            },
        ),
        ("close", Command::Close),
        (
            "reopen",
            Command::Reopen {
                reason: "Back".into(),
            },
        ),
        (
            "record_follow_up",
            Command::RecordFollowUp {
                note: "Fine".into(),
            },
        ),
    ]
}

#[test]
fn the_catalogue_has_every_command() {
    let team = Team::new();
    let names: BTreeSet<&str> = every_command(&team).iter().map(|(_, c)| c.name()).collect();
    let all: BTreeSet<&str> = [
        "reassign_worker",
        "add_member",
        "remove_member",
        "change_policy",
        "record_need",
        "record_resource",
        "mark_need_met",
        "defer_need",
        "add_goal",
        "set_goal_status",
        "add_intervention",
        "revise_plan",
        "agree_to_plan",
        "request_plan_approval",
        "decide_plan_approval",
        "record_activity",
        "add_contribution",
        "refer",
        "give_consent",
        "withdraw_consent",
        "set_referral_status",
        "record_evaluation",
        "move_to_stage",
        "hold",
        "resume",
        "record_termination_summary",
        "request_closure_approval",
        "decide_closure_approval",
        "close",
        "reopen",
        "record_follow_up",
    ]
    .into_iter()
    .collect();
    assert_eq!(all.len(), 31);
    assert_eq!(names, all);
    // Every label is its command's name, with what distinguishes the instance after it.
    for (label, command) in every_command(&team) {
        assert!(label.starts_with(command.name()), "{label}");
    }
}

/// The family case in implementation, with three referrals: to the partner agency, to a second
/// agency, and to a provider outside the system; and a second agency on the team.
fn matrix_case(team: &Team) -> (Engagement, Actor) {
    let dinsos = actor("a:dinsos", ActorKind::Agency);
    let mut case = implementing(team, Policy::default());
    ok(
        &mut case,
        &team.supervisor,
        day(5),
        Command::AddMember {
            member: member(&dinsos, "Dinas Sosial"),
        },
    );
    ok(&mut case, &team.worker, day(5), consultation(&[1]));
    ok(
        &mut case,
        &team.worker,
        day(5),
        refer(2, partner(&team.agency)),
    );
    ok(&mut case, &team.worker, day(5), refer(2, partner(&dinsos)));
    ok(
        &mut case,
        &team.worker,
        day(5),
        refer(
            2,
            Provider::External {
                name: "Klinik Sehat".into(),
            },
        ),
    );
    (case, dinsos)
}

/// DESIGN's default matrix, written out: which kinds may give each catalogued command.
fn permitted_by_default(label: &str) -> &'static [ActorKind] {
    use ActorKind::*;
    match label {
        // Workers add and remove the people they meet; staff changes are the supervisor's.
        "reassign_worker"
        | "add_member staff"
        | "remove_member staff"
        | "change_policy"
        | "decide_plan_approval"
        | "decide_closure_approval" => &[Supervisor],
        "agree_to_plan" | "add_contribution" | "give_consent" | "withdraw_consent" => {
            &[ClientMember]
        }
        "set_referral_status accepted, partner" => &[Agency],
        // Addressed to a:dinsos: the first agency may not answer for it.
        "set_referral_status completed, other partner" => &[],
        _ => &[SocialWorker, Supervisor],
    }
}

#[test]
fn the_default_permission_matrix() {
    let team = Team::new();
    let (case, dinsos) = matrix_case(&team);
    let outsider = actor("w:other", ActorKind::SocialWorker);
    let wrong_kind = actor("w:siti", ActorKind::Supervisor);
    let actors = [
        &team.worker,
        &team.supervisor,
        &team.mother,
        &team.community,
        &team.donor,
        &team.agency,
        &outsider,
        &wrong_kind,
    ];
    let mut cells = 0;
    for (label, command) in every_command(&team) {
        for by in actors {
            let result = decide(&case, by, day(6), &command);
            let on_team = by.id != outsider.id && *by != wrong_kind;
            let expected = on_team && permitted_by_default(label).contains(&by.kind);
            match result {
                Err(Rejection::NotPermitted {
                    actor,
                    command: name,
                    why,
                }) => {
                    assert!(!expected, "{label} by {by} was not permitted: {why}");
                    assert_eq!(actor, *by);
                    assert_eq!(name, command.name());
                    let want = if !on_team {
                        NotPermittedBecause::NotOnTeam
                    } else if label == "set_referral_status completed, other partner"
                        && by.kind == ActorKind::Agency
                    {
                        NotPermittedBecause::OtherProvider
                    } else {
                        let NotPermittedBecause::Policy { kind, .. } = &why else {
                            panic!("{label} by {by}: {why}");
                        };
                        assert_eq!(*kind, by.kind);
                        why.clone()
                    };
                    assert_eq!(why, want, "{label} by {by}");
                }
                other => assert!(expected, "{label} by {by} was permitted: {other:?}"),
            }
            cells += 1;
        }
    }
    assert_eq!(cells, 40 * 8);

    // The second agency answers for its own referral only.
    let accepted = referral_status(2, ReferralStatus::Accepted);
    assert!(!matches!(
        decide(&case, &dinsos, day(6), &accepted),
        Err(Rejection::NotPermitted { .. })
    ));
    let mut case = case;
    assert_eq!(
        refused(
            &mut case,
            &dinsos,
            day(6),
            referral_status(1, ReferralStatus::Accepted)
        ),
        "a:dinsos (agency) may not set_referral_status: the referral is addressed to another \
         provider"
    );
    assert_eq!(
        refused(&mut case, &outsider, day(6), need("x", "y")),
        "w:other (social_worker) may not record_need: not on the team"
    );
    assert_eq!(
        refused(&mut case, &wrong_kind, day(6), need("x", "y")),
        "w:siti (supervisor) may not record_need: not on the team"
    );
    assert_eq!(
        refused(&mut case, &team.agency, day(6), need("x", "y")),
        "a:puskesmas (agency) may not record_need: \
         the policy does not give an agency the practice permission"
    );
    assert_eq!(
        refused(
            &mut case,
            &team.worker,
            day(6),
            Command::DecidePlanApproval {
                approve: true,
                comment: None
            }
        ),
        "w:siti (social_worker) may not decide_plan_approval: \
         the policy does not give a social_worker the approve permission"
    );
    assert_eq!(
        refused(
            &mut case,
            &team.mother,
            day(6),
            agree(1, Some(&team.father))
        ),
        "c:sari (client_member) may not agree_to_plan: \
         the policy does not give a client_member the practice permission"
    );
}

#[test]
fn a_policy_grant_or_revocation_changes_the_matrix() {
    let team = Team::new();
    let (w, sup) = (&team.worker, &team.supervisor);
    let mut case = assessed(&team, Policy::default());
    let record = need("water", "The well is dry");
    assert!(matches!(
        decide(&case, &team.donor, day(2), &record),
        Err(Rejection::NotPermitted { .. })
    ));

    // Only the supervisor changes the policy.
    let mut policy = Policy::default();
    policy.grants.push((ActorKind::Donor, Permission::Practice));
    policy
        .revocations
        .push((ActorKind::SocialWorker, Permission::Practice));
    assert_eq!(
        refused(
            &mut case,
            w,
            day(2),
            Command::ChangePolicy {
                policy: policy.clone()
            }
        ),
        "w:siti (social_worker) may not change_policy: \
         the policy does not give a social_worker the manage_team permission"
    );
    ok(
        &mut case,
        sup,
        day(2),
        Command::ChangePolicy {
            policy: policy.clone(),
        },
    );
    assert_eq!(case.policy(), &policy);
    ok(&mut case, &team.donor, day(2), record.clone());
    assert_eq!(
        refused(&mut case, w, day(2), record.clone()),
        "w:siti (social_worker) may not record_need: \
         the policy does not give a social_worker the practice permission"
    );
    // A revocation wins over a grant of the same pair.
    let mut policy = Policy::default();
    policy
        .grants
        .push((ActorKind::Supervisor, Permission::ClientVoice));
    policy
        .revocations
        .push((ActorKind::Supervisor, Permission::ClientVoice));
    policy
        .revocations
        .push((ActorKind::Supervisor, Permission::Approve));
    ok(&mut case, sup, day(3), Command::ChangePolicy { policy });
    ok(&mut case, w, day(3), record);
    assert_eq!(
        refused(&mut case, sup, day(3), agree(1, None)),
        "s:budi (supervisor) may not agree_to_plan: \
         the policy does not give a supervisor the client_voice permission"
    );

    // The policy is part of the record: a replay decides with the same one.
    let events = case.take_pending();
    let replayed = Engagement::replay(events).unwrap();
    assert_eq!(replayed, case);
    assert!(
        replayed
            .policy()
            .revocations
            .contains(&(ActorKind::Supervisor, Permission::Approve))
    );
}

// ===================================================================== text

fn long(n: usize) -> String {
    "é".repeat(n)
}

#[test]
fn text_is_checked_with_pinned_messages() {
    let team = Team::new();
    let w = &team.worker;
    let mut case = team.open(Policy::default());
    let record = |domain: &str, description: &str| Command::RecordNeed {
        domain: domain.into(),
        description: description.into(),
        priority: pendamping::Priority::Low,
    };
    let cases: Vec<(String, String, &str)> = vec![
        (
            "".into(),
            "ok".into(),
            "cannot record_need: domain is empty",
        ),
        (
            " \t\n ".into(),
            "  ".into(),
            "cannot record_need: domain is empty; description is empty",
        ),
        (
            long(201),
            "ok".into(),
            "cannot record_need: domain has 201 characters, more than 200",
        ),
        (
            "ok".into(),
            long(4001),
            "cannot record_need: description has 4001 characters, more than 4000",
        ),
        (
            "in\u{0}come".into(),
            "ok".into(),
            "cannot record_need: domain contains control character U+0000",
        ),
        (
            "in\u{7}come".into(),
            "be\u{7}ll".into(),
            "cannot record_need: domain contains control character U+0007; \
             description contains control character U+0007",
        ),
        (
            "in\rcome".into(),
            "line\rone".into(),
            "cannot record_need: domain contains control character U+000D; \
             description contains control character U+000D",
        ),
        (
            "in\ncome".into(),
            "ok".into(),
            "cannot record_need: domain contains control character U+000A",
        ),
        (
            "in\tcome".into(),
            "ok".into(),
            "cannot record_need: domain contains control character U+0009",
        ),
        (
            "x".into(),
            "\u{1b}[31mred".into(),
            "cannot record_need: description contains control character U+001B",
        ),
        (
            "x".into(),
            "c1 \u{85} control".into(),
            "cannot record_need: description contains control character U+0085",
        ),
    ];
    for (domain, description, message) in cases {
        assert_eq!(
            refused(&mut case, w, day(1), record(&domain, &description)),
            message,
            "{domain:?} / {description:?}"
        );
    }

    // At the limits, line breaks and tabs in long text, trimmed on the way in.
    ok(&mut case, w, day(1), record(&long(200), &long(4000)));
    ok(
        &mut case,
        w,
        day(1),
        record("  income ", "\n First line\n\tsecond line  \n"),
    );
    let need = case.need(NeedId(2)).unwrap();
    assert_eq!(need.domain, "income");
    assert_eq!(need.description, "First line\n\tsecond line");
    assert_eq!(case.need(NeedId(1)).unwrap().domain.chars().count(), 200);

    // Names at opening and in the team.
    let bad = Opening {
        client: ClientSystem {
            level: ClientSystemLevel::Family,
            name: "Keluarga\u{0}Sari".into(),
        },
        team: vec![
            member(w, " "),
            member(&team.mother, &long(201)),
            member(&team.mother, "Ibu Sari"),
        ],
        ..team.opening(Policy::default())
    };
    assert_eq!(
        Engagement::open(w, day(0), bad).unwrap_err().to_string(),
        "cannot open: client name contains control character U+0000; member name is empty; \
         member name has 201 characters, more than 200; c:sari is on the team already"
    );
    let add = |name: &str| Command::AddMember {
        member: TeamMember {
            id: id("c:ani"),
            kind: ActorKind::ClientMember,
            name: name.into(),
        },
    };
    assert_eq!(
        refused(&mut case, &team.supervisor, day(1), add("A\rni")),
        "cannot add_member: member name contains control character U+000D"
    );
    // A trailing line break is whitespace, and trimmed.
    ok(&mut case, &team.supervisor, day(1), add("Ani\r\n"));
    assert_eq!(case.team().last().unwrap().name, "Ani");
}

// ===================================================================== ids

#[test]
fn every_id_reference_is_checked() {
    let team = Team::new();
    let w = &team.worker;
    let mut case = assessed(&team, Policy::default());
    assert_eq!(
        refused(
            &mut case,
            w,
            day(2),
            Command::MarkNeedMet {
                need: NeedId(9),
                note: None
            }
        ),
        "cannot mark_need_met: there is no need 9"
    );
    assert_eq!(
        refused(
            &mut case,
            w,
            day(2),
            Command::DeferNeed {
                need: NeedId(0),
                reason: "later".into()
            }
        ),
        "cannot defer_need: there is no need 0"
    );
    ok(
        &mut case,
        w,
        day(2),
        Command::DeferNeed {
            need: NeedId(1),
            reason: "The school year is over; look again in July".into(),
        },
    );
    assert_eq!(
        refused(
            &mut case,
            w,
            day(2),
            Command::MarkNeedMet {
                need: NeedId(1),
                note: None
            }
        ),
        "cannot mark_need_met: need 1 is not open"
    );
    ok(
        &mut case,
        w,
        day(2),
        need("health", "The baby missed immunisations"),
    );
    ok(&mut case, w, day(2), move_to(Stage::Planning));

    assert_eq!(
        refused(&mut case, w, day(3), goal("Ani reads", &[1, 7, 1], None)),
        "cannot add_goal: there is no need 7; need 1 is named twice"
    );
    assert_eq!(
        refused(&mut case, w, day(3), goal("Ani reads", &[], None)),
        "cannot add_goal: addresses needs at least one entry"
    );
    let mut zero = scale(0);
    zero.levels[1] = "  ".into();
    assert_eq!(
        refused(
            &mut case,
            w,
            day(3),
            Command::AddGoal {
                description: "Ani reads".into(),
                addresses: vec![NeedId(1)],
                scale: Some(zero),
            }
        ),
        "cannot add_goal: a goal's attainment scale needs a weight of at least 1; \
         level -1 of the attainment scale is empty"
    );
    ok(
        &mut case,
        w,
        day(3),
        goal("Ani is back at school", &[1], None),
    );
    ok(
        &mut case,
        w,
        day(3),
        goal("The baby is immunised", &[2], None),
    );
    assert_eq!(
        refused(
            &mut case,
            w,
            day(3),
            Command::AddIntervention {
                description: "Talk".into(),
                serves: vec![GoalId(1), GoalId(5), GoalId(1)],
                function: Function::ProblemSolvingConsultation,
                role: Role::Enabler,
                responsible: Responsible::Partner(team.mother.id.clone()),
                uses: vec![ResourceId(2), ResourceId(2), ResourceId(8)],
            }
        ),
        "cannot add_intervention: there is no goal 5; goal 1 is named twice; \
         resource 2 is named twice; there is no resource 8; \
         c:sari is a client_member, not an agency"
    );
    assert_eq!(
        refused(
            &mut case,
            w,
            day(3),
            intervention(
                "Talk",
                &[],
                Function::ProblemSolvingConsultation,
                Role::Enabler,
                Responsible::Partner(id("a:nobody")),
            )
        ),
        "cannot add_intervention: serves needs at least one entry; a:nobody is not on the team"
    );
    assert_eq!(
        refused(
            &mut case,
            w,
            day(3),
            Command::SetGoalStatus {
                goal: GoalId(3),
                status: GoalStatus::Accepted
            }
        ),
        "cannot set_goal_status: there is no goal 3"
    );
    ok(
        &mut case,
        w,
        day(3),
        intervention(
            "Talk",
            &[1, 2],
            Function::ProblemSolvingConsultation,
            Role::Enabler,
            Responsible::Joint,
        ),
    );
    assert_eq!(
        refused(&mut case, &team.mother, day(3), agree(2, None)),
        "cannot agree_to_plan: plan version 2 is not the current plan (plan version 1)"
    );
    assert_eq!(
        refused(&mut case, w, day(3), agree(1, Some(&team.agency))),
        "cannot agree_to_plan: a:puskesmas is an agency, not a client_member"
    );
    ok(&mut case, &team.mother, day(3), agree(1, None));
    assert_eq!(
        refused(&mut case, w, day(3), agree(1, Some(&team.mother))),
        "cannot agree_to_plan: c:sari has already agreed to plan version 1"
    );
    ok(&mut case, w, day(4), move_to(Stage::Implementation));

    assert_eq!(
        refused(&mut case, w, day(5), consultation(&[1, 4, 1])),
        "cannot record_activity: there is no intervention 4; intervention 1 is named twice"
    );
    assert_eq!(
        refused(
            &mut case,
            w,
            day(5),
            Command::RecordActivity {
                function: Function::ResourceManagement,
                role: Role::Broker,
                interventions: vec![],
                detail: ActivityDetail::Linkage {
                    referral: ReferralId(1)
                },
                note: None,
            }
        ),
        "cannot record_activity: record a linkage with the refer command"
    );
    assert_eq!(
        refused(
            &mut case,
            &team.mother,
            day(5),
            Command::AddContribution {
                activity: ActivityId(1),
                text: "Mine".into()
            }
        ),
        "cannot add_contribution: there is no activity 1"
    );
    assert_eq!(
        refused(&mut case, w, day(5), refer(9, partner(&team.agency))),
        "cannot refer: there is no resource 9"
    );
    assert_eq!(
        refused(&mut case, w, day(5), refer(1, partner(&team.donor))),
        "cannot refer: resource 1 is the client system's own: no referral is needed; \
         d:zakat is a donor, not an agency"
    );
    assert_eq!(
        refused(
            &mut case,
            w,
            day(5),
            Command::Refer {
                resource: ResourceId(2),
                provider: Provider::External { name: "".into() },
                mode: ManagementMode::Integrating,
                function: Function::ResourceManagement,
                role: Role::Advocate,
                interventions: vec![InterventionId(3)],
                note: None,
            }
        ),
        "cannot refer: provider name is empty; there is no intervention 3"
    );
    ok(&mut case, w, day(5), refer(2, partner(&team.agency)));
    // The referral made activity 1, a linkage: no contributions there.
    assert_eq!(
        refused(
            &mut case,
            &team.mother,
            day(5),
            Command::AddContribution {
                activity: ActivityId(1),
                text: "Mine".into()
            }
        ),
        "cannot add_contribution: activity 1 is not a consultation or an education session"
    );
    assert_eq!(
        refused(&mut case, &team.mother, day(5), consent(2, None)),
        "cannot give_consent: there is no referral 2"
    );
    assert_eq!(
        refused(
            &mut case,
            &team.mother,
            day(5),
            Command::WithdrawConsent {
                referral: ReferralId(1),
                on_behalf_of: None
            }
        ),
        "cannot withdraw_consent: c:sari has not consented to referral 1"
    );
    assert_eq!(
        refused(
            &mut case,
            w,
            day(5),
            referral_status(1, ReferralStatus::Requested)
        ),
        "cannot set_referral_status: no client-system member has consented to referral 1"
    );
    assert_eq!(
        refused(
            &mut case,
            w,
            day(5),
            referral_status(3, ReferralStatus::Cancelled)
        ),
        "cannot set_referral_status: there is no referral 3"
    );
    ok(&mut case, &team.mother, day(5), consent(1, None));
    assert_eq!(
        refused(&mut case, w, day(5), consent(1, Some(&team.mother))),
        "cannot give_consent: c:sari has already consented to referral 1"
    );
    // Consent withdrawn before the referral leaves: it may not leave.
    ok(
        &mut case,
        w,
        day(5),
        Command::WithdrawConsent {
            referral: ReferralId(1),
            on_behalf_of: Some(team.mother.id.clone()),
        },
    );
    assert_eq!(
        refused(
            &mut case,
            w,
            day(5),
            referral_status(1, ReferralStatus::Requested)
        ),
        "cannot set_referral_status: no client-system member has consented to referral 1"
    );
    assert_eq!(
        refused(
            &mut case,
            &team.agency,
            day(5),
            referral_status(1, ReferralStatus::Completed)
        ),
        "cannot set_referral_status: referral 1 cannot move from draft to completed"
    );
    ok(&mut case, w, day(6), consultation(&[1]));
    ok(&mut case, w, day(6), move_to(Stage::Evaluation));
    assert_eq!(
        refused(
            &mut case,
            w,
            day(7),
            evaluation(&[1, 3, 1], Decision::Continue)
        ),
        "cannot record_evaluation: there is no goal 3; goal 1 is named twice"
    );
    assert_eq!(
        refused(&mut case, w, day(7), evaluation(&[], Decision::Continue)),
        "cannot record_evaluation: scores needs at least one entry"
    );
}

#[test]
fn goals_of_an_earlier_plan_version_are_not_in_the_current_one() {
    let team = Team::new();
    let w = &team.worker;
    let mut case = planned(&team, Policy::default());
    ok(
        &mut case,
        w,
        day(4),
        Command::SetGoalStatus {
            goal: GoalId(1),
            status: GoalStatus::Cancelled,
        },
    );
    ok(
        &mut case,
        w,
        day(4),
        Command::RevisePlan {
            reason: "Ani changes school".into(),
        },
    );
    assert_eq!(case.plan().version, PlanVersion(2));
    // The cancelled goal did not come along.
    assert!(case.plan().goals.is_empty());
    assert_eq!(
        refused(
            &mut case,
            w,
            day(4),
            intervention(
                "Talk",
                &[1],
                Function::ProblemSolvingConsultation,
                Role::Enabler,
                Responsible::Joint,
            )
        ),
        "cannot add_intervention: goal 1 is not in plan version 2"
    );
    assert_eq!(
        refused(&mut case, &team.mother, day(4), agree(2, None)),
        "cannot agree_to_plan: add at least one goal to plan version 2"
    );
}

// ===================================================================== time

#[test]
fn time_does_not_go_back() {
    let team = Team::new();
    let w = &team.worker;
    let mut case = assessed(&team, Policy::default());
    assert_eq!(case.last_at(), day(1));
    assert_eq!(
        refused(&mut case, w, day(0), need("x", "y")),
        "cannot record_need: time 2026-03-02 09:00:00 UTC is before the last record at \
         2026-03-03 09:00:00 UTC"
    );
    // Every problem at once: time, stage and text.
    assert_eq!(
        refused(
            &mut case,
            w,
            day(1) - TimeDelta::seconds(1),
            goal("", &[], None)
        ),
        "cannot add_goal: time 2026-03-03 08:59:59 UTC is before the last record at \
         2026-03-03 09:00:00 UTC; this is done in planning, and the engagement is in \
         needs_assessment; addresses needs at least one entry; description is empty"
    );
    // The same instant is fine.
    ok(&mut case, w, day(1), need("x", "y"));
}

/// Runs one scenario from `start`, returning what the app would see, with times as offsets.
fn scenario_from(start: DateTime<Utc>) -> (Vec<String>, Engagement) {
    let team = Team::new();
    let w = &team.worker;
    let at = |days: i64| start + TimeDelta::days(days);
    let mut case = Engagement::open(w, at(0), team.opening(Policy::default())).unwrap();
    let mut seen = Vec::new();
    for (n, command) in [
        need("income", "No income"),
        strength("Carpentry skills"),
        move_to(Stage::Planning),
        goal("Steady income", &[1], Some(2)),
        intervention(
            "Carpentry cooperative",
            &[1],
            Function::ResourceManagement,
            Role::Broker,
            Responsible::Client,
        ),
        agree(1, Some(&team.mother)),
        move_to(Stage::Implementation),
        consultation(&[1]),
        Command::Hold {
            reason: "Harvest".into(),
            review_on: None,
        },
    ]
    .into_iter()
    .enumerate()
    {
        ok(&mut case, w, at(n as i64 + 1), command);
    }
    seen.push(format!("{:?}", case.status()));
    seen.push(format!("{:?}", case.next_review().map(|d| d - start)));
    seen.push(format!("{}", case.review_overdue(at(100))));
    seen.push(format!("{}", case.review_overdue(at(99))));
    seen.push(format!("{:?}", case.time_in_stage(at(20))));
    seen.push(format!(
        "{:?}",
        case.history()
            .iter()
            .map(|c| (c.to, c.kind, c.at - start))
            .collect::<Vec<_>>()
    ));
    seen.push(format!(
        "{:?}",
        case.lifecycle().time_per_stage(at(20)).unwrap()
    ));
    let back = case.execute(w, start, need("x", "y")).unwrap_err();
    seen.push(back.problems().len().to_string());
    (seen, case)
}

#[test]
fn the_crate_never_reads_the_clock() {
    let past = Utc.with_ymd_and_hms(1970, 1, 1, 0, 0, 0).unwrap();
    let future = Utc.with_ymd_and_hms(2999, 12, 1, 0, 0, 0).unwrap();
    let (seen_past, mut case_past) = scenario_from(past);
    let (seen_future, mut case_future) = scenario_from(future);
    assert_eq!(seen_past, seen_future);
    assert_eq!(seen_past[0], "OnHold(Implementation)");
    assert_eq!(
        Engagement::replay(case_past.take_pending()).unwrap(),
        case_past
    );
    assert_eq!(
        Engagement::replay(case_future.take_pending()).unwrap(),
        case_future
    );
}

// ===================================================================== status gates

#[test]
fn a_closed_engagement_takes_only_follow_ups_and_reopening() {
    let team = Team::new();
    let (w, sup) = (&team.worker, &team.supervisor);
    let mut case = assessed(&team, Policy::default());
    ok(
        &mut case,
        w,
        day(2),
        end(Stage::Termination, TerminationReason::Transferred),
    );
    ok(&mut case, w, day(2), summary());
    ok(&mut case, w, day(2), Command::Close);
    for (label, command) in every_command(&team) {
        let by = if matches!(
            command.permission(),
            Permission::Practice | Permission::Approve | Permission::ManageTeam
        ) {
            sup
        } else if command.permission() == Permission::ClientVoice {
            &team.mother
        } else {
            &team.agency
        };
        let result = decide(&case, by, day(3), &command);
        if matches!(label, "record_follow_up" | "reopen") {
            assert!(result.is_ok(), "{label}: {result:?}");
        } else {
            let err = result.unwrap_err();
            assert!(err.problems().contains(&Problem::Closed), "{label}: {err}");
            assert_eq!(
                err.problems()
                    .iter()
                    .filter(|p| **p == Problem::Closed)
                    .count(),
                1
            );
        }
    }
    assert_eq!(
        refused(&mut case, w, day(3), Command::Close),
        "cannot close: the engagement is closed: only follow-ups and reopening are possible"
    );
}

#[test]
fn an_engagement_on_hold_takes_only_resuming_team_business_and_answers() {
    let team = Team::new();
    let w = &team.worker;
    let (mut case, dinsos) = matrix_case(&team);
    ok(&mut case, &team.mother, day(5), consent(1, None));
    ok(
        &mut case,
        w,
        day(5),
        referral_status(1, ReferralStatus::Requested),
    );
    ok(
        &mut case,
        w,
        day(6),
        Command::Hold {
            reason: "The family travels to a funeral".into(),
            review_on: None,
        },
    );
    let allowed_on_hold = [
        "reassign_worker",
        "add_member",
        "add_member staff",
        "remove_member",
        "remove_member staff",
        "change_policy",
        "withdraw_consent",
        "withdraw_consent on behalf",
        "set_referral_status accepted, partner",
        "set_referral_status completed, other partner",
        "set_referral_status accepted, external",
        "resume",
    ];
    for (label, command) in every_command(&team) {
        let by = match command.permission() {
            Permission::ClientVoice => &team.mother,
            Permission::ProviderUpdate if label.contains("other partner") => &dinsos,
            Permission::ProviderUpdate => &team.agency,
            _ => &team.supervisor,
        };
        let Err(err) = decide(&case, by, day(7), &command) else {
            assert!(
                allowed_on_hold.contains(&label),
                "{label} was accepted on hold"
            );
            continue;
        };
        if matches!(label, "reopen" | "record_follow_up") {
            assert_eq!(err.problems(), [Problem::NotClosed], "{label}");
            continue;
        }
        let on_hold = err.problems().contains(&Problem::OnHold);
        assert_eq!(on_hold, !allowed_on_hold.contains(&label), "{label}: {err}");
    }
    // A member may withdraw consent while the work is paused; the referral may not be sent.
    ok(
        &mut case,
        &team.mother,
        day(7),
        Command::WithdrawConsent {
            referral: ReferralId(1),
            on_behalf_of: None,
        },
    );
    ok(
        &mut case,
        &team.agency,
        day(7),
        referral_status(1, ReferralStatus::Accepted),
    );
    assert_eq!(
        refused(
            &mut case,
            w,
            day(7),
            referral_status(3, ReferralStatus::Cancelled)
        ),
        "cannot set_referral_status: the engagement is on hold: resume it first"
    );
    assert_eq!(
        refused(
            &mut case,
            w,
            day(7),
            Command::Hold {
                reason: "again".into(),
                review_on: None
            }
        ),
        "cannot hold: the engagement is on hold: resume it first"
    );
    assert_eq!(
        refused(&mut case, w, day(7), move_to(Stage::Evaluation)),
        "cannot move_to_stage: the engagement is on hold: resume it first"
    );
    ok(&mut case, w, day(8), Command::Resume { note: None });
    assert_eq!(
        refused(&mut case, w, day(8), Command::Resume { note: None }),
        "cannot resume: the engagement is not on hold"
    );
}

#[test]
fn practice_commands_belong_to_their_stages() {
    let team = Team::new();
    let w = &team.worker;
    let mut case = implementing(&team, Policy::default());
    assert_eq!(
        refused(&mut case, w, day(5), goal("Later", &[1], None)),
        "cannot add_goal: this is done in planning, and the engagement is in implementation; \
         plan version 1 was agreed to: revise the plan to change it"
    );
    assert_eq!(
        refused(&mut case, w, day(5), evaluation(&[1], Decision::Continue)),
        "cannot record_evaluation: this is done in evaluation, and the engagement is in \
         implementation"
    );
    let mut case = implementing(&team, Policy::default());
    ok(
        &mut case,
        w,
        day(5),
        end(Stage::Termination, TerminationReason::Other),
    );
    assert_eq!(
        refused(&mut case, w, day(5), need("x", "y")),
        "cannot record_need: this is done in needs_assessment or planning or implementation or \
         evaluation, and the engagement is in termination"
    );
}

#[test]
fn the_team_keeps_a_worker() {
    let team = Team::new();
    let sup = &team.supervisor;
    let mut case = team.open(Policy::default());
    assert_eq!(
        refused(
            &mut case,
            sup,
            day(1),
            Command::RemoveMember {
                id: team.worker.id.clone()
            }
        ),
        "cannot remove_member: w:siti is the only social worker: add or assign another first"
    );
    assert_eq!(
        refused(
            &mut case,
            sup,
            day(1),
            Command::RemoveMember { id: id("x:nobody") }
        ),
        "cannot remove_member: x:nobody is not on the team"
    );
    assert_eq!(
        refused(
            &mut case,
            sup,
            day(1),
            Command::ReassignWorker {
                from: team.mother.id.clone(),
                to: member(&team.father, "Pak Joko"),
            }
        ),
        "cannot reassign_worker: c:sari is a client_member, not a social_worker; \
         c:joko is on the team already; c:joko is a client_member, not a social_worker"
    );
    let rina = actor("w:rina", ActorKind::SocialWorker);
    ok(
        &mut case,
        sup,
        day(1),
        Command::ReassignWorker {
            from: team.worker.id.clone(),
            to: member(&rina, "Rina"),
        },
    );
    assert_eq!(
        case.workers().map(|m| m.id.as_str()).collect::<Vec<_>>(),
        ["w:rina"]
    );
    // The worker who left no longer acts on the case.
    assert_eq!(
        refused(&mut case, &team.worker, day(1), need("x", "y")),
        "w:siti (social_worker) may not record_need: not on the team"
    );
    ok(&mut case, &rina, day(1), need("x", "y"));

    // Opening: only a worker or supervisor on the team, and the team needs a worker.
    let opening = team.opening(Policy::default());
    assert_eq!(
        Engagement::open(&team.mother, day(0), opening.clone())
            .unwrap_err()
            .to_string(),
        "c:sari (client_member) may not open: \
         only a social worker or a supervisor on its team opens an engagement"
    );
    let no_worker = Opening {
        team: vec![member(sup, "Budi")],
        ..opening
    };
    assert_eq!(
        Engagement::open(sup, day(0), no_worker)
            .unwrap_err()
            .to_string(),
        "cannot open: the team needs a social worker"
    );
}

// ===================================================================== replay

fn stream() -> Vec<Recorded> {
    let team = Team::new();
    let mut case = planned(&team, Policy::default());
    case.take_pending()
}

fn replay_error(events: Vec<Recorded>) -> String {
    Engagement::replay(events).unwrap_err().to_string()
}

#[test]
fn replay_locates_events_that_do_not_fit() {
    let good = stream();
    // seq: 1 opened, 2 need, 3 strength, 4 external, 5 to planning, 6 goal, 7 intervention,
    // 8 agreed.
    assert!(matches!(good[4].event, Event::StatusChanged { .. }));
    assert!(Engagement::replay(good.clone()).is_ok());

    assert_eq!(replay_error(vec![]), "event 1: there are no events");
    assert_eq!(
        replay_error(good[1..].to_vec()),
        "event 2: the first event is not an opening"
    );
    let mut late_opening = good.clone();
    late_opening[0].seq = 2;
    assert_eq!(
        replay_error(late_opening),
        "event 2: expected sequence number 1, found 2"
    );
    let mut twice = good.clone();
    twice.insert(1, good[0].clone());
    twice[1].seq = 2;
    assert_eq!(
        replay_error(twice),
        "event 2: the engagement is already open"
    );

    // A gap, a repeat.
    let mut gap = good.clone();
    gap.remove(2);
    assert_eq!(
        replay_error(gap),
        "event 4: expected sequence number 3, found 4"
    );
    let mut repeat = good.clone();
    repeat.insert(3, good[2].clone());
    assert_eq!(
        replay_error(repeat),
        "event 3: expected sequence number 4, found 3"
    );

    // Time going back.
    let mut back = good.clone();
    back[3].at = day(0) - TimeDelta::hours(1);
    assert_eq!(
        replay_error(back),
        "event 4: time 2026-03-02 08:00:00 UTC is before the last record at \
         2026-03-03 09:00:00 UTC"
    );

    // A record id that is not the next one.
    let mut wrong_id = good.clone();
    let Event::NeedRecorded { need } = &mut wrong_id[1].event else {
        panic!("event 2 is {:?}", wrong_id[1].event);
    };
    need.id = NeedId(5);
    assert_eq!(
        replay_error(wrong_id),
        "event 2: expected need 1, found need 5"
    );

    // A reference to a record that does not exist.
    let mut unknown = good.clone();
    let Event::GoalAdded { goal, .. } = &mut unknown[5].event else {
        panic!("event 6 is {:?}", unknown[5].event);
    };
    goal.addresses = vec![NeedId(4)];
    assert_eq!(replay_error(unknown), "event 6: there is no need 4");
    let mut unknown = good.clone();
    let Event::InterventionAdded { intervention, .. } = &mut unknown[6].event else {
        panic!("event 7 is {:?}", unknown[6].event);
    };
    intervention.serves = vec![GoalId(2)];
    assert_eq!(replay_error(unknown), "event 7: there is no goal 2");
    let mut met = good.clone();
    met.push(Recorded {
        seq: 9,
        at: day(5),
        by: good[1].by.clone(),
        event: Event::NeedMet {
            need: NeedId(3),
            note: None,
        },
    });
    assert_eq!(replay_error(met), "event 9: there is no need 3");
    let mut wrong_plan = good.clone();
    let Event::PlanAgreed { plan, .. } = &mut wrong_plan[7].event else {
        panic!("event 8 is {:?}", wrong_plan[7].event);
    };
    *plan = PlanVersion(2);
    assert_eq!(
        replay_error(wrong_plan),
        "event 8: plan version 2 is not the current plan (plan version 1)"
    );

    // A status change that is not in the table, or does not leave the current status.
    let status_change = |from: Status, to: Status, kind: TransitionKind| Event::StatusChanged {
        from,
        to,
        kind,
        reason: None,
        termination: None,
        review_on: None,
    };
    let mut illegal = good.clone();
    illegal[4].event = status_change(
        Status::Active(Stage::NeedsAssessment),
        Status::Active(Stage::Evaluation),
        TransitionKind::Advance,
    );
    assert_eq!(
        replay_error(illegal),
        "event 5: cannot move from active(needs_assessment) to active(evaluation): allowed \
         targets are active(planning), active(termination), on_hold(needs_assessment)"
    );
    let mut wrong_from = good.clone();
    wrong_from[4].event = status_change(
        Status::Active(Stage::Evaluation),
        Status::Active(Stage::Planning),
        TransitionKind::Revise,
    );
    assert_eq!(
        replay_error(wrong_from),
        "event 5: the recorded move from active(evaluation) to active(planning) as revise does \
         not match the lifecycle"
    );
    let mut wrong_kind = good.clone();
    wrong_kind[4].event = status_change(
        Status::Active(Stage::NeedsAssessment),
        Status::Active(Stage::Planning),
        TransitionKind::Reassess,
    );
    assert_eq!(
        replay_error(wrong_kind),
        "event 5: the recorded move from active(needs_assessment) to active(planning) as \
         reassess does not match the lifecycle"
    );

    // An opening without a worker.
    let mut no_worker = good.clone();
    let Event::Opened { team, .. } = &mut no_worker[0].event else {
        panic!("event 1 is {:?}", no_worker[0].event);
    };
    team.retain(|m| m.kind != ActorKind::SocialWorker);
    // The worker who opened it is gone with the team's workers: the opening names its opener.
    assert_eq!(
        replay_error(no_worker.clone()),
        "event 1: w:siti (social_worker) may not open: only a social worker or a supervisor on \
         its team opens an engagement"
    );
    no_worker[0].by = Team::new().supervisor;
    assert_eq!(
        replay_error(no_worker),
        "event 1: the team needs a social worker"
    );

    // The ReplayError is located and structured, not only words.
    let mut gap = good;
    gap.remove(2);
    let err = Engagement::replay(gap).unwrap_err();
    assert_eq!(err.seq, 4);
    assert_eq!(
        err.kind,
        pendamping::ReplayErrorKind::Sequence {
            expected: 3,
            found: 4
        }
    );
}

#[test]
fn forms_and_field_work_details() {
    let team = Team::new();
    let w = &team.worker;
    let mut case = team.open(Policy::default());

    // A blank optional field, as a form sends it, is recorded as absent.
    ok(
        &mut case,
        w,
        day(1),
        need("documents", "No birth certificate"),
    );
    ok(
        &mut case,
        w,
        day(1),
        Command::MarkNeedMet {
            need: NeedId(1),
            note: Some("   ".into()),
        },
    );
    assert_eq!(
        case.need(NeedId(1)).map(|n| n.status.clone()),
        Some(pendamping::NeedStatus::Met { note: None })
    );

    // A name may not carry a Unicode line separator; a long text may not carry a
    // right-to-left override.
    assert_eq!(
        refused(
            &mut case,
            w,
            day(1),
            need("school\u{2028}fees", "Fees\u{202E}")
        ),
        "cannot record_need: domain contains control character U+2028; description contains \
         control character U+202E"
    );

    // A worker adds a family member met on a visit; staff changes are the supervisor's.
    let add = |id_: &str, kind| Command::AddMember {
        member: TeamMember {
            id: id(id_),
            kind,
            name: "Someone".into(),
        },
    };
    ok(&mut case, w, day(2), add("c:rina", ActorKind::ClientMember));
    assert_eq!(
        decide(&case, w, day(2), &add("w:rudi", ActorKind::SocialWorker))
            .unwrap_err()
            .to_string(),
        "w:siti (social_worker) may not add_member: the policy does not give a social_worker \
         the manage_team permission"
    );
    ok(
        &mut case,
        &team.supervisor,
        day(2),
        add("w:rudi", ActorKind::SocialWorker),
    );

    // A hold's review date cannot come before the hold.
    assert_eq!(
        refused(
            &mut case,
            w,
            day(3),
            Command::Hold {
                reason: "The family is away".into(),
                review_on: day(2).date_naive().into(),
            },
        ),
        "cannot hold: the review date 2026-03-04 is before the hold begins"
    );
}

#[test]
fn replay_refuses_what_commands_refuse() {
    let team = Team::new();
    let mut case = team.open(Policy::default());
    let mut events = case.take_pending();
    let by = team.supervisor.clone();

    // Removing the only social worker.
    let removal = Recorded {
        seq: 2,
        at: day(1),
        by: by.clone(),
        event: Event::MemberRemoved {
            id: team.worker.id.clone(),
        },
    };
    assert_eq!(
        Engagement::replay(events.iter().cloned().chain([removal]))
            .unwrap_err()
            .to_string(),
        "event 2: w:siti is the only social worker: add or assign another first"
    );

    // Entering termination without a reason.
    events.push(Recorded {
        seq: 2,
        at: day(1),
        by,
        event: Event::StatusChanged {
            from: Status::Active(Stage::NeedsAssessment),
            to: Status::Active(Stage::Termination),
            kind: TransitionKind::EndEarly,
            reason: None,
            termination: None,
            review_on: None,
        },
    });
    assert_eq!(
        Engagement::replay(events).unwrap_err().to_string(),
        "event 2: give a termination reason"
    );
}

#[test]
fn lists_are_bounded_before_they_are_walked() {
    let team = Team::new();
    let w = &team.worker;
    let mut case = planned(&team, Policy::default());
    // A hostile front end sends a goal addressing a million needs: refused at once, by count.
    let huge = Command::AddGoal {
        description: "Everything".into(),
        addresses: (1..=1_000_000).map(NeedId).collect(),
        scale: None,
    };
    let before = case.clone();
    assert_eq!(
        refused(&mut case, w, day(9), huge),
        "cannot add_goal: plan version 1 was agreed to: revise the plan to change it; addresses \
         has 1000000 entries, more than 500"
    );
    assert_eq!(case, before);

    let mut case = implementing(&team, Policy::default());
    let crowd = Command::RecordActivity {
        function: Function::Education,
        role: Role::Enabler,
        interventions: vec![],
        detail: ActivityDetail::Education {
            topic: "Handwashing".into(),
            learners: vec!["Resident".to_owned(); 501],
            educators: vec!["Siti".into()],
            prevention_focus: None,
        },
        note: None,
    };
    assert_eq!(
        refused(&mut case, w, day(9), crowd),
        "cannot record_activity: learners has 501 entries, more than 500"
    );

    let mut opening = team.opening(Policy::default());
    opening.team.extend((0..1_000).map(|i| TeamMember {
        id: id(&format!("c:{i}")),
        kind: ActorKind::ClientMember,
        name: format!("Resident {i}"),
    }));
    assert_eq!(
        Engagement::open(w, day(0), opening)
            .unwrap_err()
            .to_string(),
        "cannot open: team has 1007 entries, more than 1000"
    );
}

#[test]
fn an_outside_resource_carries_its_service_details() {
    let team = Team::new();
    let w = &team.worker;
    let mut case = team.open(Policy::default());

    // As a front end sends it: blank fields are dropped, languages deduplicated.
    let json = r#"{"type":"record_resource","kind":"social","description":"Child immunisation",
        "holder":"Puskesmas Cibeunying","barriers":["information"],
        "service":{"organisation":"Puskesmas Cibeunying","location":"Jl. Cibeunying 12",
                   "schedule":"Tue and Thu 08:00-12:00","cost":"Free with KIS","eligibility":"",
                   "languages":["Bahasa Indonesia","Sunda","Sunda"]}}"#;
    ok(&mut case, w, day(1), serde_json::from_str(json).unwrap());
    let service = case
        .resource(ResourceId(1))
        .unwrap()
        .service
        .clone()
        .unwrap();
    assert_eq!(service.location.as_deref(), Some("Jl. Cibeunying 12"));
    assert_eq!(service.eligibility, None);
    assert_eq!(service.languages, ["Bahasa Indonesia", "Sunda"]);

    // Without details, a resource's JSON has no `service` member: stored journals keep
    // their bytes.
    ok(&mut case, w, day(1), strength("A supportive grandmother"));
    let plain = serde_json::to_string(case.resource(ResourceId(2)).unwrap()).unwrap();
    assert!(!plain.contains("service"), "{plain}");

    // Details of a strength, or an overlong location, are refused.
    let mut details = pendamping::ServiceDetails::default();
    details.location = Some("x".repeat(201));
    assert_eq!(
        refused(
            &mut case,
            w,
            day(2),
            Command::RecordResource {
                kind: pendamping::ResourceKind::Personal,
                description: "Can sew".into(),
                holder: None,
                barriers: vec![],
                service: Some(details),
            },
        ),
        "cannot record_resource: service details belong to a resource held outside the client \
         system; location has 201 characters, more than 200"
    );
    assert_eq!(Engagement::replay(case.take_pending()).unwrap(), case);
}
