//! Ending, closing and after: early endings, the termination reason, closing's requirements,
//! reopening and follow-ups. Every refusal is checked to change
//! nothing (see `fixtures::refused`).

mod fixtures;

use fixtures::*;
use pendamping::*;

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
                note: "Visited".into(),
                confidentiality: None,
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
