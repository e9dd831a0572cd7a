//! Due dates and follow-up work (issue 14): due dates on goals, interventions and referrals,
//! the policy's referral response timeframe, and what is due or overdue on a day.

mod fixtures;

use chrono::NaiveDate;
use fixtures::*;
use pendamping::*;

/// Day `n` of the case's calendar, as a date.
fn date(n: i64) -> NaiveDate {
    day(n).date_naive()
}

fn due(record: RecordRef, n: i64) -> Command {
    Command::SetDueDate {
        record,
        due_on: Some(date(n)),
    }
}

#[test]
fn due_dates_are_set_listed_and_overdue_until_the_work_is_done() {
    let team = Team::new();
    let w = &team.worker;
    let mut case = implementing(&team, Policy::default());
    let goal = RecordRef::Goal(GoalId(1));
    let intervention = RecordRef::Intervention(InterventionId(1));
    ok(&mut case, w, day(4), due(goal, 30));
    ok(&mut case, w, day(4), due(intervention, 10));
    assert_eq!(case.goal(GoalId(1)).unwrap().due_on, Some(date(30)));
    let on = |case: &Engagement, n| -> Vec<RecordRef> {
        case.due_on(date(n)).iter().map(|d| d.record).collect()
    };
    let late = |case: &Engagement, n| -> Vec<RecordRef> {
        case.overdue(date(n)).iter().map(|d| d.record).collect()
    };
    assert_eq!(on(&case, 10), [intervention]);
    assert_eq!(on(&case, 30), [goal]);
    assert!(late(&case, 10).is_empty());
    assert_eq!(late(&case, 31), [intervention, goal], "soonest first");
    // A goal completed is no longer due; a due date cleared is gone.
    ok(
        &mut case,
        w,
        day(5),
        Command::SetGoalStatus {
            goal: GoalId(1),
            status: GoalStatus::Completed,
        },
    );
    ok(
        &mut case,
        w,
        day(5),
        Command::SetDueDate {
            record: intervention,
            due_on: None,
        },
    );
    assert!(case.follow_up_work().is_empty());
    let events = case.pending().to_vec();
    assert_eq!(Engagement::replay(events).unwrap(), case);
}

#[test]
fn a_requested_referral_is_due_an_answer_within_the_policys_timeframe() {
    let team = Team::new();
    let w = &team.worker;
    let mut policy = Policy::default();
    policy.referral_response_days = Some(14);
    let mut case = implementing(&team, policy);
    ok(&mut case, w, day(5), refer(2, partner(&team.agency)));
    ok(&mut case, &team.mother, day(5), consent(1, None));
    assert!(case.follow_up_work().is_empty(), "a draft awaits no answer");
    ok(
        &mut case,
        w,
        day(6),
        referral_status(1, ReferralStatus::Requested),
    );
    let work = case.follow_up_work();
    assert_eq!(work.len(), 1);
    assert_eq!(
        (work[0].record, work[0].due_on, work[0].by_policy),
        (RecordRef::Referral(ReferralId(1)), date(20), true)
    );
    assert_eq!(case.overdue(date(21)).len(), 1);
    // The provider's answer ends the wait; the worker's own due date comes first.
    ok(
        &mut case,
        &team.agency,
        day(7),
        referral_status(1, ReferralStatus::Accepted),
    );
    assert!(case.follow_up_work().is_empty());
    ok(
        &mut case,
        w,
        day(7),
        due(RecordRef::Referral(ReferralId(1)), 40),
    );
    let work = case.follow_up_work();
    assert_eq!((work[0].due_on, work[0].by_policy), (date(40), false));
    // Retracted, or closed, nothing is due.
    ok(
        &mut case,
        w,
        day(8),
        Command::Retract {
            record: RecordRef::Referral(ReferralId(1)),
            reason: "Sent for the wrong family".into(),
        },
    );
    assert!(case.follow_up_work().is_empty());
    let events = case.pending().to_vec();
    assert_eq!(Engagement::replay(events).unwrap(), case);
}

#[test]
fn bad_due_dates_are_refused_naming_the_record() {
    let team = Team::new();
    let w = &team.worker;
    let mut case = planned(&team, Policy::default());
    let cases = [
        (
            due(RecordRef::Need(NeedId(1)), 9),
            "cannot set_due_date: need 1 takes no due date: goals, interventions and referrals do",
            "tidak bisa menetapkan tenggat: kebutuhan 1 tidak memiliki tenggat: hanya tujuan, \
             intervensi, dan rujukan yang memilikinya",
        ),
        (
            due(RecordRef::Goal(GoalId(4)), 9),
            "cannot set_due_date: there is no goal 4",
            "tidak bisa menetapkan tenggat: tujuan 4 tidak ada",
        ),
        (
            due(RecordRef::Goal(GoalId(1)), 2),
            "cannot set_due_date: the due date 2026-03-04 of goal 1 is before the day it is set, \
             2026-03-06",
            "tidak bisa menetapkan tenggat: tenggat 2026-03-04 untuk tujuan 1 lebih awal dari \
             hari penetapannya, 2026-03-06",
        ),
        (
            Command::SetDueDate {
                record: RecordRef::Goal(GoalId(1)),
                due_on: None,
            },
            "cannot set_due_date: goal 1 already has this due_on",
            "tidak bisa menetapkan tenggat: tujuan 1 sudah memiliki tenggat ini",
        ),
    ];
    for (command, en, id) in cases {
        let json: Command =
            serde_json::from_value(serde_json::to_value(&command).unwrap()).unwrap();
        let err = decide(&case, w, day(4), &command).unwrap_err();
        assert_eq!(err.message(Lang::Id), id);
        let refusal = wire::Refusal::of_command(&err, &json, Lang::En);
        assert!(refusal.problems[0].path.is_some(), "{en}");
        assert_eq!(refused(&mut case, w, day(4), command), en);
    }
    // The day it is set is allowed.
    ok(&mut case, w, day(4), due(RecordRef::Goal(GoalId(1)), 4));
}

#[test]
fn a_stored_policy_without_the_new_members_loads() {
    let json = r#"{"plan_approval_required":true,"closure_approval_required":false,
                   "review_interval_days":30,"grants":[],"revocations":[]}"#;
    let policy: Policy = serde_json::from_str(json).unwrap();
    assert_eq!(policy.referral_response_days, None);
    assert_eq!(policy.clock_skew_minutes, 5);
    let goal = r#"{"id":1,"description":"x","addresses":[1],"scale":null,"status":"proposed"}"#;
    let goal: Goal = serde_json::from_str(goal).unwrap();
    assert_eq!(goal.due_on, None);
    assert!(!serde_json::to_string(&goal).unwrap().contains("due_on"));
}
