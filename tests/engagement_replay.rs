//! Replaying a damaged record: each kind of damage located at its event, with its message
//! pinned, and replay refusing what the commands refuse.

mod fixtures;

use chrono::TimeDelta;
use fixtures::*;
use pendamping::*;

// ===================================================================== replay

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
