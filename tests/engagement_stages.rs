//! The stage requirements of the lifecycle table, from needs assessment to evaluation, each named
//! with its pinned message. Every refusal is checked to change
//! nothing (see `fixtures::refused`).

mod fixtures;

use fixtures::*;
use pendamping::*;

// ===================================================================== stage requirements

#[test]
fn leaving_needs_assessment_needs_an_open_need_and_a_strength() {
    let team = Team::new();
    let w = &team.worker;

    let mut case = team.open(Policy::default());
    assert_eq!(
        refused(&mut case, w, day(1), move_to(Stage::Planning)),
        "cannot move_to_stage: record at least one open need; \
         record at least one strength: a resource of the client system's own, or one its \
         community, a neighbour or a group makes available to it"
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
        "cannot move_to_stage: record at least one strength: a resource of the client system's \
         own, or one its community, a neighbour or a group makes available to it"
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
