//! Ids and time: every id a command names is checked, plan versions keep their goals, time never
//! goes back and the crate never reads the clock. Every refusal is checked to change
//! nothing (see `fixtures::refused`).

mod fixtures;

use chrono::{DateTime, TimeDelta, TimeZone, Utc};
use fixtures::*;
use pendamping::*;

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
                confidentiality: None,
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
                confidentiality: None,
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
