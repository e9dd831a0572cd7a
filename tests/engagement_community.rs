//! A village clean-water project: a community as the client system, a donor and a government
//! agency as partners, a referral turned down and re-routed, a plan revised after evaluation,
//! a pause for the rainy season.

mod fixtures;

use chrono::NaiveDate;
use fixtures::*;
use pendamping::engagement::Hold;
use pendamping::gas::Level;
use pendamping::{
    Achievement, ActivityDetail, ActorKind, AdvocacyScope, Barrier, ClientSystem,
    ClientSystemLevel, Command, Decision, Engagement, EngagementId, Function, GoalEvaluation,
    GoalId, InterventionId, Opening, Permission, PlanVersion, Policy, Provider, ReferralId,
    ReferralStatus, ResourceKind, Responsible, Role, Stage, Status, TerminationReason,
    TransitionKind,
};

struct Village {
    worker: pendamping::Actor,
    supervisor: pendamping::Actor,
    chair: pendamping::Actor,
    hamlet_head: pendamping::Actor,
    donor: pendamping::Actor,
    pdam: pendamping::Actor,
}

fn village() -> (Village, Engagement) {
    let v = Village {
        worker: actor("w:dewi", ActorKind::SocialWorker),
        supervisor: actor("s:andi", ActorKind::Supervisor),
        chair: actor("c:pokmair", ActorKind::ClientMember),
        hamlet_head: actor("r:kadus", ActorKind::CommunityRepresentative),
        donor: actor("d:yayasan-air", ActorKind::Donor),
        pdam: actor("a:pdam", ActorKind::Agency),
    };
    let mut policy = Policy::default();
    // Here the hamlet head speaks for the community alongside the water users' group.
    policy
        .grants
        .push((ActorKind::CommunityRepresentative, Permission::ClientVoice));
    policy.review_interval_days = Some(60);
    let opening = Opening {
        id: EngagementId::new("pm:sukamaju:air-2026").unwrap(),
        client: ClientSystem {
            level: ClientSystemLevel::Community,
            name: "Dusun Sukamaju".into(),
        },
        team: vec![
            member(&v.worker, "Dewi Lestari"),
            member(&v.supervisor, "Andi Wijaya"),
            member(&v.chair, "Pokmair Sukamaju (water users' group)"),
            member(&v.hamlet_head, "Kepala Dusun"),
            member(&v.donor, "Yayasan Air Bersih"),
            member(&v.pdam, "PDAM Tirta Kabupaten"),
        ],
        policy,
    };
    let case = Engagement::open(&v.worker, day(0), opening).unwrap();
    (v, case)
}

#[test]
fn a_village_water_project_with_a_rerouted_referral_and_a_revised_plan() {
    let (v, mut case) = village();
    let w = &v.worker;
    assert_eq!(case.client().level, ClientSystemLevel::Community);

    // Donors contribute their own records; a need is the client system's to propose.
    assert_eq!(
        refused(&mut case, &v.donor, day(1), need("water", "No clean water")),
        "d:yayasan-air (donor) may not record_need: \
         the policy does not give a donor the propose_need permission"
    );

    // ----- needs assessment (a community meeting) -----
    ok(
        &mut case,
        w,
        day(1),
        need(
            "water",
            "Households walk 2 km to the river for water in the dry season",
        ),
    );
    ok(
        &mut case,
        w,
        day(1),
        need("health", "Children have diarrhoea every dry season"),
    );
    ok(
        &mut case,
        w,
        day(1),
        Command::RecordResource {
            kind: ResourceKind::Social,
            description: "A tradition of gotong royong: every household sends one person to \
                          communal work"
                .into(),
            holder: None,
            barriers: vec![],
            service: None,
            confidentiality: None,
        },
    );
    ok(
        &mut case,
        w,
        day(1),
        external(
            "Government water programmes",
            "A piped or drilled clean-water source for the hamlet",
            vec![Barrier::Bureaucratic, Barrier::Economic],
        ),
    );
    ok(
        &mut case,
        w,
        day(1),
        Command::RecordResource {
            kind: ResourceKind::Social,
            description: "A grant for pipes and a storage tank".into(),
            holder: Some("Yayasan Air Bersih".into()),
            barriers: vec![Barrier::Information],
            service: None,
            confidentiality: None,
        },
    );
    assert_eq!(case.strengths().count(), 1);
    ok(&mut case, w, day(2), move_to(Stage::Planning));

    // ----- planning: version 1 -----
    ok(
        &mut case,
        w,
        day(3),
        goal(
            "Every household has clean water within 200 m",
            &[1],
            Some(3),
        ),
    );
    ok(
        &mut case,
        w,
        day(3),
        goal("Fewer cases of diarrhoea among children", &[2], Some(1)),
    );
    ok(
        &mut case,
        w,
        day(3),
        intervention(
            "Secure a water source through the government programmes",
            &[1],
            Function::ResourceManagement,
            Role::Broker,
            Responsible::Worker,
        ),
    );
    ok(
        &mut case,
        w,
        day(3),
        Command::AddIntervention {
            description: "The foundation funds pipes and a tank".into(),
            serves: vec![GoalId(1), GoalId(2)],
            function: Function::ResourceManagement,
            role: Role::Broker,
            responsible: Responsible::Partner(v.donor.id.clone()),
            uses: vec![pendamping::ResourceId(3)],
        },
    );
    // The hamlet head agrees under the policy's grant; the worker records the group's agreement.
    ok(&mut case, &v.hamlet_head, day(4), agree(1, None));
    ok(&mut case, w, day(4), agree(1, Some(&v.chair)));
    assert_eq!(case.plan().agreements.len(), 2);
    ok(&mut case, w, day(5), move_to(Stage::Implementation));

    // ----- implementation: the agency turns the referral down -----
    ok(&mut case, w, day(6), refer(2, partner(&v.pdam)));
    ok(&mut case, &v.chair, day(6), consent(1, None));
    ok(
        &mut case,
        w,
        day(7),
        referral_status(1, ReferralStatus::Requested),
    );
    // The worker cannot answer for a partner agency that answers for itself.
    assert_eq!(
        refused(
            &mut case,
            w,
            day(8),
            referral_status(1, ReferralStatus::Rejected)
        ),
        "w:dewi (social_worker) may not set_referral_status: \
         the policy does not give a social_worker the provider_update permission"
    );
    ok(
        &mut case,
        &v.pdam,
        day(8),
        Command::SetReferralStatus {
            referral: ReferralId(1),
            status: ReferralStatus::Rejected,
            note: Some("The network does not reach the hamlet before 2028".into()),
        },
    );
    assert_eq!(case.referrals_in_flight().count(), 0);
    assert!(!case.resource(pendamping::ResourceId(2)).unwrap().reached);
    assert_eq!(
        refused(
            &mut case,
            &v.pdam,
            day(8),
            referral_status(1, ReferralStatus::Accepted)
        ),
        "cannot set_referral_status: referral 1 cannot move from rejected to accepted"
    );

    // Re-routed to a provider outside the system; the worker records its answers.
    ok(
        &mut case,
        w,
        day(9),
        refer(
            2,
            Provider::External {
                name: "Dinas PUPR Kabupaten (PAMSIMAS)".into(),
            },
        ),
    );
    ok(&mut case, w, day(9), consent(2, Some(&v.chair)));
    ok(&mut case, &v.hamlet_head, day(9), consent(2, None));
    assert_eq!(
        case.referral(ReferralId(2)).unwrap().consent,
        [v.chair.id.clone(), v.hamlet_head.id.clone()]
    );
    ok(
        &mut case,
        w,
        day(10),
        referral_status(2, ReferralStatus::Requested),
    );
    assert_eq!(
        refused(
            &mut case,
            &v.pdam,
            day(11),
            referral_status(2, ReferralStatus::Accepted)
        ),
        "a:pdam (agency) may not set_referral_status: \
         the policy does not give an agency the practice permission"
    );
    ok(
        &mut case,
        w,
        day(12),
        referral_status(2, ReferralStatus::Accepted),
    );
    ok(
        &mut case,
        w,
        day(20),
        referral_status(2, ReferralStatus::InProgress),
    );
    assert_eq!(
        case.referrals_in_flight().map(|r| r.id).collect::<Vec<_>>(),
        [ReferralId(2)]
    );
    ok(
        &mut case,
        w,
        day(25),
        Command::RecordActivity {
            function: Function::ResourceManagement,
            role: Role::Advocate,
            interventions: vec![InterventionId(1)],
            detail: ActivityDetail::Advocacy {
                scope: AdvocacyScope::Class,
                target_system: "Bappeda Kabupaten".into(),
                outcome: "The hamlet is on this year's PAMSIMAS list".into(),
            },
            note: None,
            confidentiality: None,
        },
    );

    // ----- evaluation: the plan goes back for revision -----
    ok(&mut case, w, day(30), move_to(Stage::Evaluation));
    ok(
        &mut case,
        w,
        day(31),
        Command::RecordEvaluation {
            scores: vec![
                GoalEvaluation {
                    goal: GoalId(1),
                    level: Level::LessThanExpected,
                    achievement: Achievement::Improving,
                },
                GoalEvaluation {
                    goal: GoalId(2),
                    level: Level::MuchLessThanExpected,
                    achievement: Achievement::NoChange,
                },
            ],
            notes: Some("Water is coming; hygiene was never addressed".into()),
            decision: Decision::RevisePlan,
            confidentiality: None,
        },
    );
    // T = 50 + 10·(3·(−1) + 1·(−2)) / sqrt(0.7·10 + 0.3·16)
    let t = case.t_score(pendamping::EvaluationId(1)).unwrap().unwrap();
    let expected = 50.0 - 50.0 / (0.7_f64 * 10.0 + 0.3 * 16.0).sqrt();
    assert!((t - expected).abs() < 1e-9, "t = {t}");
    assert_eq!(
        refused(&mut case, w, day(32), move_to(Stage::Implementation)),
        "cannot move_to_stage: the evaluation decided to revise_plan, not to move to implementation"
    );
    ok(&mut case, w, day(32), move_to(Stage::Planning));
    assert_eq!(case.status(), Status::Active(Stage::Planning));

    // Version 1 is frozen: goals go into version 2.
    assert_eq!(
        refused(
            &mut case,
            w,
            day(33),
            goal("Handwashing at every house", &[2], None)
        ),
        "cannot add_goal: plan version 1 was agreed to: revise the plan to change it"
    );
    ok(
        &mut case,
        w,
        day(33),
        Command::RevisePlan {
            reason: "Add hygiene education; the water source takes longer".into(),
        },
    );
    let plan = case.plan();
    assert_eq!(plan.version, PlanVersion(2));
    assert_eq!(plan.previous, Some(PlanVersion(1)));
    assert_eq!(
        plan.reason.as_deref(),
        Some("Add hygiene education; the water source takes longer")
    );
    assert_eq!(plan.goals, [GoalId(1), GoalId(2)]);
    assert_eq!(plan.interventions, [InterventionId(1), InterventionId(2)]);
    assert!(plan.agreements.is_empty());
    assert_eq!(case.plans().len(), 2);
    assert!(case.plans()[0].is_agreed());

    ok(
        &mut case,
        w,
        day(33),
        goal("Every household washes hands with soap", &[2], Some(2)),
    );
    ok(
        &mut case,
        w,
        day(33),
        intervention(
            "Hygiene sessions led by the posyandu cadres",
            &[3],
            Function::Education,
            Role::Enabler,
            Responsible::Client,
        ),
    );
    assert_eq!(case.plan().goals, [GoalId(1), GoalId(2), GoalId(3)]);
    // The move needs agreement to version 2; an agreement to version 1 does not count.
    assert_eq!(
        refused(&mut case, w, day(34), move_to(Stage::Implementation)),
        "cannot move_to_stage: the client system has not agreed to plan version 2"
    );
    assert_eq!(
        refused(&mut case, &v.chair, day(34), agree(1, None)),
        "cannot agree_to_plan: plan version 1 is not the current plan (plan version 2)"
    );
    ok(&mut case, &v.chair, day(34), agree(2, None));
    ok(&mut case, w, day(35), move_to(Stage::Implementation));

    // ----- a pause for the rainy season -----
    let review = NaiveDate::from_ymd_opt(2026, 5, 4).unwrap();
    ok(
        &mut case,
        w,
        day(36),
        Command::Hold {
            reason: "Roads are cut off in the rainy season".into(),
            review_on: Some(review),
        },
    );
    assert_eq!(case.status(), Status::OnHold(Stage::Implementation));
    assert_eq!(
        case.hold(),
        Some(&Hold {
            reason: "Roads are cut off in the rainy season".into(),
            review_on: Some(review),
        })
    );
    let due = review.and_hms_opt(0, 0, 0).unwrap().and_utc();
    assert_eq!(case.next_review(), Some(due));
    assert!(!case.review_overdue(due));
    assert!(case.review_overdue(due + chrono::TimeDelta::seconds(1)));
    assert_eq!(
        refused(&mut case, w, day(40), consultation(&[])),
        "cannot record_activity: the engagement is on hold: resume it first"
    );
    // The provider's answers still arrive during the pause.
    ok(
        &mut case,
        w,
        day(50),
        referral_status(2, ReferralStatus::Completed),
    );
    assert!(case.resource(pendamping::ResourceId(2)).unwrap().reached);
    ok(
        &mut case,
        w,
        day(63),
        Command::Resume {
            note: Some("The road is open again".into()),
        },
    );
    assert_eq!(case.status(), Status::Active(Stage::Implementation));
    assert_eq!(case.hold(), None);
    // Back to the policy's interval after the last status change.
    assert_eq!(case.next_review(), Some(day(123)));

    ok(
        &mut case,
        w,
        day(64),
        Command::RecordActivity {
            function: Function::Education,
            role: Role::Enabler,
            interventions: vec![InterventionId(3)],
            detail: ActivityDetail::Education {
                topic: "Handwashing and safe water storage".into(),
                learners: vec!["Mothers of the posyandu".into()],
                educators: vec!["Posyandu cadres".into(), "Dewi Lestari".into()],
                prevention_focus: Some("Diarrhoea in children".into()),
            },
            note: None,
            confidentiality: None,
        },
    );
    ok(&mut case, w, day(90), move_to(Stage::Evaluation));
    ok(
        &mut case,
        w,
        day(91),
        Command::RecordEvaluation {
            scores: vec![
                GoalEvaluation {
                    goal: GoalId(1),
                    level: Level::Expected,
                    achievement: Achievement::Achieved,
                },
                GoalEvaluation {
                    goal: GoalId(3),
                    level: Level::MoreThanExpected,
                    achievement: Achievement::Achieved,
                },
            ],
            notes: None,
            decision: Decision::Terminate,
            confidentiality: None,
        },
    );
    assert_eq!(
        case.evaluation(pendamping::EvaluationId(2)).unwrap().plan,
        PlanVersion(2)
    );
    ok(
        &mut case,
        w,
        day(92),
        end(Stage::Termination, TerminationReason::GoalsAchieved),
    );
    ok(
        &mut case,
        w,
        day(92),
        Command::RecordTerminationSummary {
            summary: "The hamlet has a borehole and a tank; the cadres carry on the sessions"
                .into(),
        },
    );
    ok(&mut case, w, day(93), Command::Close);
    assert_eq!(case.status(), Status::Closed);

    use Stage::*;
    let kinds: Vec<(Status, TransitionKind)> =
        case.history().iter().map(|c| (c.to, c.kind)).collect();
    assert_eq!(
        kinds,
        [
            (Status::Active(Planning), TransitionKind::Advance),
            (Status::Active(Implementation), TransitionKind::Advance),
            (Status::Active(Evaluation), TransitionKind::Advance),
            (Status::Active(Planning), TransitionKind::Revise),
            (Status::Active(Implementation), TransitionKind::Advance),
            (Status::OnHold(Implementation), TransitionKind::Hold),
            (Status::Active(Implementation), TransitionKind::Resume),
            (Status::Active(Evaluation), TransitionKind::Advance),
            (Status::Active(Termination), TransitionKind::Advance),
            (Status::Closed, TransitionKind::Close),
        ]
    );
    assert_eq!(case.lifecycle().evaluation_cycles(), 2);
    assert_eq!(case.lifecycle().times_entered(Planning), 2);

    let events = case.take_pending();
    assert_eq!(events.len() as u64, case.last_seq());
    assert_eq!(Engagement::replay(events).unwrap(), case);
}

#[test]
fn implementation_goes_back_to_planning_only_with_a_reason() {
    let (v, mut case) = village();
    let w = &v.worker;
    ok(&mut case, w, day(1), need("water", "No clean water"));
    ok(&mut case, w, day(1), strength("Gotong royong"));
    ok(&mut case, w, day(1), move_to(Stage::Planning));
    ok(&mut case, w, day(1), goal("Clean water", &[1], None));
    ok(
        &mut case,
        w,
        day(1),
        intervention(
            "Find a source",
            &[1],
            Function::ResourceManagement,
            Role::Broker,
            Responsible::Worker,
        ),
    );
    ok(&mut case, &v.chair, day(1), agree(1, None));
    ok(&mut case, w, day(2), move_to(Stage::Implementation));
    assert_eq!(
        refused(&mut case, w, day(3), move_to(Stage::Planning)),
        "cannot move_to_stage: give a reason"
    );
    ok(
        &mut case,
        w,
        day(3),
        Command::MoveToStage {
            to: Stage::Planning,
            reason: Some("The spring dried up".into()),
            termination: None,
        },
    );
    assert_eq!(case.history().last().unwrap().kind, TransitionKind::Revise);
    let events = case.take_pending();
    assert_eq!(Engagement::replay(events).unwrap(), case);
}
