//! A family in the conditional-cash-transfer programme (PKH), from the first home visit to the
//! follow-up after closing, as the facilitator's app would drive it.

mod fixtures;

use fixtures::*;
use pendamping::gas::Level;
use pendamping::{
    Achievement, ActivityDetail, ActivityId, Approval, Barrier, Command, Decision, Engagement,
    EvaluationId, Function, GoalEvaluation, GoalId, Holder, InterventionId, ManagementMode, NeedId,
    NeedStatus, PlanVersion, Policy, Priority, Provider, Recorded, ReferralId, ReferralStatus,
    ResourceId, ResourceKind, Responsible, Role, Stage, Status, TerminationReason, TransitionKind,
};

fn pkh_policy() -> Policy {
    let mut policy = Policy::default();
    policy.plan_approval_required = true;
    policy.closure_approval_required = true;
    policy.review_interval_days = Some(30);
    policy
}

fn need_ids(case: &Engagement) -> Vec<u32> {
    case.open_needs().map(|n| n.id.0).collect()
}

fn moves(case: &Engagement) -> Vec<(Status, Status, TransitionKind)> {
    case.history()
        .iter()
        .map(|c| (c.from, c.to, c.kind))
        .collect()
}

#[test]
fn a_pkh_family_from_assessment_to_follow_up() {
    let team = Team::new();
    let (w, sup, sari, joko, agency) = (
        &team.worker,
        &team.supervisor,
        &team.mother,
        &team.father,
        &team.agency,
    );
    let mut case = team.open(pkh_policy());
    let mut store: Vec<Recorded> = Vec::new();

    assert_eq!(case.status(), Status::Active(Stage::NeedsAssessment));
    assert_eq!(case.id().as_str(), "pkh-3273-000142");
    assert_eq!(case.client().name, "Keluarga Ibu Sari");
    assert_eq!(case.team().len(), 7);
    assert_eq!(
        case.workers().map(|m| m.id.as_str()).collect::<Vec<_>>(),
        ["w:siti"]
    );
    assert_eq!(case.last_seq(), 1);
    assert_eq!(case.next_review(), Some(day(30)));
    assert!(case.history().is_empty());

    // ----- needs assessment: four needs, two strengths, two external resources -----
    for (domain, description, priority) in [
        (
            "schooling",
            "Ani (13) stopped going to school in January",
            Priority::High,
        ),
        (
            "health",
            "The baby has missed two immunisations",
            Priority::Urgent,
        ),
        (
            "income",
            "No steady income since the father's injury",
            Priority::High,
        ),
        (
            "documents",
            "The baby has no birth certificate",
            Priority::Medium,
        ),
    ] {
        let events = case
            .execute(
                w,
                day(1),
                Command::RecordNeed {
                    domain: domain.into(),
                    description: description.into(),
                    priority,
                    confidentiality: None,
                },
            )
            .unwrap();
        assert_eq!(events.len(), 1);
    }
    assert_eq!(need_ids(&case), [1, 2, 3, 4]);
    assert_eq!(case.need(NeedId(2)).unwrap().priority, Priority::Urgent);
    assert_eq!(case.need(NeedId(4)).unwrap().domain, "documents");
    assert!(case.need(NeedId(5)).is_none());
    assert!(case.need(NeedId(0)).is_none());

    ok(
        &mut case,
        w,
        day(1),
        strength("  Ibu Sari keeps a careful household budget  "),
    );
    ok(
        &mut case,
        w,
        day(1),
        Command::RecordResource {
            kind: ResourceKind::Interpersonal,
            description: "The neighbours' savings group (arisan) helps in emergencies".into(),
            holder: None,
            barriers: vec![],
            service: None,
            confidentiality: None,
        },
    );
    ok(
        &mut case,
        w,
        day(2),
        external(
            "Puskesmas Sukamaju",
            "Free immunisation and health checks",
            vec![Barrier::DistanceOrTransport, Barrier::Information],
        ),
    );
    ok(
        &mut case,
        w,
        day(2),
        external(
            "Dukcapil Kota",
            "Birth certificates at the civil registry",
            vec![
                Barrier::Bureaucratic,
                Barrier::MissingDocuments,
                Barrier::Bureaucratic,
            ],
        ),
    );
    assert_eq!(case.resources().len(), 4);
    let strengths: Vec<&str> = case.strengths().map(|r| r.description.as_str()).collect();
    assert_eq!(
        strengths,
        [
            "Ibu Sari keeps a careful household budget",
            "The neighbours' savings group (arisan) helps in emergencies"
        ]
    );
    let registry = case.resource(ResourceId(4)).unwrap();
    assert_eq!(
        registry.holder,
        Holder::External {
            name: "Dukcapil Kota".into()
        }
    );
    assert_eq!(
        registry.barriers,
        [Barrier::Bureaucratic, Barrier::MissingDocuments]
    );
    assert!(!registry.is_strength() && !registry.reached);

    store.extend(case.take_pending());
    assert_eq!(store.len(), 9);
    assert!(case.pending().is_empty());

    ok(&mut case, w, day(3), move_to(Stage::Planning));
    assert_eq!(case.status(), Status::Active(Stage::Planning));
    assert_eq!(case.next_review(), Some(day(33)));

    // ----- planning: three goals with GAS scales, three interventions -----
    ok(
        &mut case,
        w,
        day(4),
        goal("Ani attends school at least 85% of days", &[1], Some(2)),
    );
    ok(
        &mut case,
        w,
        day(4),
        goal("The baby is immunised and registered", &[2, 4], Some(3)),
    );
    ok(
        &mut case,
        w,
        day(4),
        goal("A small trade brings steady income", &[3], Some(1)),
    );
    ok(
        &mut case,
        w,
        day(4),
        intervention(
            "Work out with the family how Ani can go back",
            &[1],
            Function::ProblemSolvingConsultation,
            Role::Enabler,
            Responsible::Joint,
        ),
    );
    ok(
        &mut case,
        w,
        day(4),
        Command::AddIntervention {
            description: "Link the family with the puskesmas and the civil registry".into(),
            serves: vec![GoalId(2)],
            function: Function::ResourceManagement,
            role: Role::Broker,
            responsible: Responsible::Partner(agency.id.clone()),
            uses: vec![ResourceId(3), ResourceId(4)],
        },
    );
    ok(
        &mut case,
        w,
        day(4),
        intervention(
            "Budgeting and small-trade sessions with the arisan",
            &[3],
            Function::Education,
            Role::Enabler,
            Responsible::Client,
        ),
    );
    let plan = case.plan();
    assert_eq!(plan.version, PlanVersion(1));
    assert_eq!(plan.previous, None);
    assert_eq!(plan.goals, [GoalId(1), GoalId(2), GoalId(3)]);
    assert_eq!(
        plan.interventions,
        [InterventionId(1), InterventionId(2), InterventionId(3)]
    );
    assert!(!plan.is_agreed());
    assert_eq!(
        case.goal(GoalId(2)).unwrap().addresses,
        [NeedId(2), NeedId(4)]
    );
    assert_eq!(
        case.goal(GoalId(2)).unwrap().scale.as_ref().unwrap().weight,
        3
    );
    assert_eq!(
        case.intervention(InterventionId(2)).unwrap().responsible,
        Responsible::Partner(agency.id.clone())
    );

    // Not agreed, not approved: both are named.
    assert_eq!(
        refused(&mut case, w, day(5), move_to(Stage::Implementation)),
        "cannot move_to_stage: the client system has not agreed to plan version 1; \
         plan version 1 is not approved"
    );

    // The mother agrees herself; the worker records the father's agreement on his behalf.
    ok(&mut case, sari, day(5), agree(1, None));
    ok(&mut case, w, day(5), agree(1, Some(joko)));
    let agreements: Vec<(&str, &str)> = case
        .plan()
        .agreements
        .iter()
        .map(|a| (a.member.as_str(), a.recorded_by.as_str()))
        .collect();
    assert_eq!(agreements, [("c:sari", "c:sari"), ("c:joko", "w:siti")]);
    assert!(case.plan().is_agreed());

    assert_eq!(
        refused(&mut case, w, day(5), move_to(Stage::Implementation)),
        "cannot move_to_stage: plan version 1 is not approved"
    );
    ok(
        &mut case,
        w,
        day(5),
        Command::RequestPlanApproval {
            comment: Some("Agreed with both parents at the home visit".into()),
        },
    );
    assert!(matches!(case.plan().approval, Approval::Requested { .. }));
    ok(
        &mut case,
        sup,
        day(6),
        Command::DecidePlanApproval {
            approve: true,
            comment: Some("Good plan; watch the immunisation dates".into()),
        },
    );
    assert_eq!(
        case.plan().approval,
        Approval::Approved {
            by: sup.id.clone(),
            at: day(6),
            comment: Some("Good plan; watch the immunisation dates".into()),
        }
    );
    ok(&mut case, w, day(6), move_to(Stage::Implementation));
    assert_eq!(case.status(), Status::Active(Stage::Implementation));
    store.extend(case.take_pending());

    // ----- implementation -----
    ok(
        &mut case,
        w,
        day(7),
        Command::RecordActivity {
            function: Function::ProblemSolvingConsultation,
            role: Role::Enabler,
            interventions: vec![InterventionId(1)],
            detail: ActivityDetail::Consultation {
                participants: vec![
                    "Siti Rahma".into(),
                    "Ibu Sari".into(),
                    "Ani".into(),
                    "Ibu Wati (homeroom teacher)".into(),
                ],
                worker_contribution: "The school's rules on readmission and the PKH attendance \
                                      condition"
                    .into(),
                client_contribution: "Ani's account of the bullying on the way to school".into(),
                options: vec![
                    "Walk with the neighbour's children".into(),
                    "Move to the nearer school".into(),
                ],
                action_steps: vec!["Ani walks with the neighbour's children from Monday".into()],
            },
            note: Some("Ani wants to go back".into()),
            confidentiality: None,
        },
    );
    ok(
        &mut case,
        sari,
        day(7),
        Command::AddContribution {
            activity: ActivityId(1),
            text: "I will walk Ani to the corner every morning.\nHer aunt fetches her.".into(),
        },
    );
    ok(
        &mut case,
        w,
        day(9),
        Command::RecordActivity {
            function: Function::Education,
            role: Role::Enabler,
            interventions: vec![InterventionId(3)],
            detail: ActivityDetail::Education {
                topic: "Keeping a small stall's books".into(),
                learners: vec!["Pak Joko".into(), "Siti Rahma".into()],
                educators: vec!["Ibu Sari".into(), "Siti Rahma".into()],
                prevention_focus: Some("Borrowing from moneylenders".into()),
            },
            note: None,
            confidentiality: None,
        },
    );
    ok(
        &mut case,
        joko,
        day(9),
        Command::AddContribution {
            activity: ActivityId(2),
            text: "Sari's notebook method works for the stall too".into(),
        },
    );
    let education = case.activity(ActivityId(2)).unwrap();
    let ActivityDetail::Education {
        learners,
        educators,
        ..
    } = &education.detail
    else {
        panic!("activity 2 is not an education session: {education:?}");
    };
    assert!(educators.contains(&"Ibu Sari".to_owned()));
    assert!(
        learners.contains(&"Siti Rahma".to_owned()) && educators.contains(&"Siti Rahma".to_owned())
    );
    assert_eq!(education.contributions.len(), 1);
    assert_eq!(education.contributions[0].member, joko.id);
    assert_eq!(
        case.activity(ActivityId(1)).unwrap().contributions[0].text,
        "I will walk Ani to the corner every morning.\nHer aunt fetches her."
    );

    // A referral to the partner agency: drafted, consented, sent, and followed by the agency.
    let events = case
        .execute(
            w,
            day(10),
            Command::Refer {
                resource: ResourceId(3),
                provider: Provider::Partner {
                    id: agency.id.clone(),
                },
                mode: ManagementMode::Coordinating,
                function: Function::ResourceManagement,
                role: Role::Broker,
                interventions: vec![InterventionId(2)],
                note: Some("Immunisation catch-up for the baby".into()),
                confidentiality: None,
            },
        )
        .unwrap()
        .to_vec();
    assert_eq!(events.len(), 1);
    assert_eq!(events[0].seq, case.last_seq());
    let referral = case.referral(ReferralId(1)).unwrap();
    assert_eq!(referral.status, ReferralStatus::Draft);
    assert_eq!(referral.resource, ResourceId(3));
    assert_eq!(
        case.activity(ActivityId(3)).unwrap().detail,
        ActivityDetail::Linkage {
            referral: ReferralId(1)
        }
    );
    assert_eq!(case.referrals_in_flight().count(), 0);

    ok(&mut case, sari, day(10), consent(1, None));
    assert_eq!(
        case.referral(ReferralId(1)).unwrap().consent,
        std::slice::from_ref(&sari.id)
    );
    ok(
        &mut case,
        w,
        day(10),
        referral_status(1, ReferralStatus::Requested),
    );
    assert_eq!(
        case.referrals_in_flight().map(|r| r.id).collect::<Vec<_>>(),
        [ReferralId(1)]
    );
    for (n, status) in [
        ReferralStatus::Accepted,
        ReferralStatus::InProgress,
        ReferralStatus::Completed,
    ]
    .into_iter()
    .enumerate()
    {
        ok(
            &mut case,
            agency,
            day(11 + n as i64),
            referral_status(1, status),
        );
    }
    let referral = case.referral(ReferralId(1)).unwrap();
    assert_eq!(referral.status, ReferralStatus::Completed);
    let trail: Vec<(ReferralStatus, &str)> = referral
        .history
        .iter()
        .map(|c| (c.status, c.by.as_str()))
        .collect();
    assert_eq!(
        trail,
        [
            (ReferralStatus::Requested, "w:siti"),
            (ReferralStatus::Accepted, "a:puskesmas"),
            (ReferralStatus::InProgress, "a:puskesmas"),
            (ReferralStatus::Completed, "a:puskesmas"),
        ]
    );
    assert!(case.resource(ResourceId(3)).unwrap().reached);
    assert!(!case.resource(ResourceId(4)).unwrap().reached);
    assert_eq!(case.referrals_in_flight().count(), 0);

    ok(
        &mut case,
        w,
        day(14),
        Command::MarkNeedMet {
            need: NeedId(2),
            note: Some("Both immunisations given at the puskesmas".into()),
        },
    );
    assert_eq!(need_ids(&case), [1, 3, 4]);
    assert_eq!(
        case.need(NeedId(2)).unwrap().status,
        NeedStatus::Met {
            note: Some("Both immunisations given at the puskesmas".into())
        }
    );

    // The practice mix.
    let ids = |it: &mut dyn Iterator<Item = &pendamping::Activity>| -> Vec<u32> {
        it.map(|a| a.id.0).collect()
    };
    assert_eq!(
        ids(&mut case.activities_by_function(Function::ProblemSolvingConsultation)),
        [1]
    );
    assert_eq!(
        ids(&mut case.activities_by_function(Function::Education)),
        [2]
    );
    assert_eq!(
        ids(&mut case.activities_by_function(Function::ResourceManagement)),
        [3]
    );
    assert_eq!(ids(&mut case.activities_by_role(Role::Enabler)), [1, 2]);
    assert_eq!(ids(&mut case.activities_by_role(Role::Broker)), [3]);
    assert!(ids(&mut case.activities_by_role(Role::Advocate)).is_empty());
    let mix = case.role_mix();
    assert_eq!(mix.total(), 3);
    assert_eq!(
        mix.by_role().collect::<Vec<_>>(),
        [
            (Role::Enabler, 2),
            (Role::Broker, 1),
            (Role::Mediator, 0),
            (Role::Advocate, 0),
            (Role::Protector, 0)
        ]
    );
    assert_eq!(
        mix.by_function().collect::<Vec<_>>(),
        [
            (Function::ProblemSolvingConsultation, 1),
            (Function::ResourceManagement, 1),
            (Function::Education, 1)
        ]
    );

    // Reviews: every 30 days after the last status change.
    assert_eq!(case.next_review(), Some(day(36)));
    assert!(!case.review_overdue(day(36)));
    assert!(case.review_overdue(day(37)));
    store.extend(case.take_pending());

    // ----- evaluation -----
    ok(&mut case, w, day(40), move_to(Stage::Evaluation));
    assert_eq!(case.next_review(), Some(day(70)));
    let scores = vec![
        GoalEvaluation {
            goal: GoalId(1),
            level: Level::MoreThanExpected,
            achievement: Achievement::Achieved,
        },
        GoalEvaluation {
            goal: GoalId(2),
            level: Level::Expected,
            achievement: Achievement::Achieved,
        },
        GoalEvaluation {
            goal: GoalId(3),
            level: Level::LessThanExpected,
            achievement: Achievement::Improving,
        },
    ];
    ok(
        &mut case,
        w,
        day(42),
        Command::RecordEvaluation {
            scores: scores.clone(),
            notes: Some("Ani attends; the baby is immunised; the stall is slow".into()),
            decision: Decision::Terminate,
            confidentiality: None,
        },
    );
    let evaluation = case.evaluation(EvaluationId(1)).unwrap();
    assert_eq!(evaluation.plan, PlanVersion(1));
    assert_eq!(evaluation.scores, scores);
    assert_eq!(evaluation.at, day(42));
    // The review clock restarts at the evaluation.
    assert_eq!(case.next_review(), Some(day(72)));
    // T = 50 + 10·Σwx / sqrt(0.7·Σw² + 0.3·(Σw)²) with w = 2, 3, 1 and x = +1, 0, −1.
    let expected = 50.0 + 10.0 * 1.0 / (0.7_f64 * 14.0 + 0.3 * 36.0).sqrt();
    let t = case.t_score(EvaluationId(1)).unwrap().unwrap();
    assert!((t - expected).abs() < 1e-9, "t = {t}, expected {expected}");
    assert!((t - 52.2033).abs() < 1e-4);
    assert!(case.t_score(EvaluationId(2)).is_none());

    // A planned ending needs a planned reason.
    assert_eq!(
        refused(
            &mut case,
            w,
            day(43),
            end(Stage::Termination, TerminationReason::Moved)
        ),
        "cannot move_to_stage: moved is not a planned ending: an evaluation leads to goals_achieved \
         or partially_achieved"
    );
    ok(
        &mut case,
        w,
        day(43),
        end(Stage::Termination, TerminationReason::PartiallyAchieved),
    );
    assert_eq!(case.status(), Status::Active(Stage::Termination));
    let termination = case.termination().unwrap();
    assert_eq!(termination.reason, TerminationReason::PartiallyAchieved);
    assert_eq!(termination.summary, None);

    // ----- termination and closing -----
    assert_eq!(
        refused(&mut case, w, day(44), Command::Close),
        "cannot close: write the termination summary; closing is not approved"
    );
    ok(
        &mut case,
        w,
        day(44),
        Command::RecordTerminationSummary {
            summary: "Ani is back at school and the baby is immunised.\n\
                      The birth certificate and the stall's income are left to the family, \
                      with the arisan's support."
                .into(),
        },
    );
    ok(
        &mut case,
        w,
        day(44),
        Command::RequestClosureApproval { comment: None },
    );
    assert_eq!(
        refused(&mut case, w, day(44), Command::Close),
        "cannot close: closing is not approved"
    );
    ok(
        &mut case,
        sup,
        day(45),
        Command::DecideClosureApproval {
            approve: true,
            comment: Some("Agreed".into()),
        },
    );
    ok(&mut case, w, day(45), Command::Close);
    assert_eq!(case.status(), Status::Closed);
    assert_eq!(case.stage(), None);
    assert_eq!(case.next_review(), None);
    assert!(!case.review_overdue(day(400)));
    assert!(matches!(
        case.termination().unwrap().closure_approval,
        Approval::Approved { .. }
    ));

    // ----- after closing: a follow-up, nothing else -----
    ok(
        &mut case,
        w,
        day(120),
        Command::RecordFollowUp {
            note: "Ani finished the school year; the stall pays for her uniform".into(),
            confidentiality: None,
        },
    );
    assert_eq!(case.follow_ups().len(), 1);
    assert_eq!(case.follow_ups()[0].by, w.id);
    assert_eq!(case.follow_ups()[0].at, day(120));
    assert_eq!(
        refused(&mut case, w, day(121), need("income", "The stall closed")),
        "cannot record_need: the engagement is closed: only follow-ups and reopening are possible"
    );

    use Stage::*;
    assert_eq!(
        moves(&case),
        [
            (
                Status::Active(NeedsAssessment),
                Status::Active(Planning),
                TransitionKind::Advance
            ),
            (
                Status::Active(Planning),
                Status::Active(Implementation),
                TransitionKind::Advance
            ),
            (
                Status::Active(Implementation),
                Status::Active(Evaluation),
                TransitionKind::Advance
            ),
            (
                Status::Active(Evaluation),
                Status::Active(Termination),
                TransitionKind::Advance
            ),
            (
                Status::Active(Termination),
                Status::Closed,
                TransitionKind::Close
            ),
        ]
    );
    assert_eq!(
        case.history().iter().map(|c| c.at).collect::<Vec<_>>(),
        [day(3), day(6), day(40), day(43), day(45)]
    );
    assert_eq!(case.lifecycle().evaluation_cycles(), 1);

    // ----- the store holds everything; a replay is the same engagement -----
    store.extend(case.take_pending());
    assert!(case.pending().is_empty());
    assert_eq!(store.len() as u64, case.last_seq());
    assert!(store.iter().enumerate().all(|(i, r)| r.seq == i as u64 + 1));
    assert_eq!(case.last_at(), day(120));
    let replayed = Engagement::replay(store.clone()).unwrap();
    assert_eq!(replayed, case);
    assert!(replayed.pending().is_empty());

    // The same through JSON, as an app's database would hold it.
    let json: Vec<String> = store
        .iter()
        .map(|r| serde_json::to_string(r).unwrap())
        .collect();
    let back: Vec<Recorded> = json
        .iter()
        .map(|line| serde_json::from_str(line).unwrap())
        .collect();
    assert_eq!(back, store);
    assert_eq!(Engagement::replay(back).unwrap(), case);
}

#[test]
fn reopening_keeps_history_and_clears_the_ending() {
    let team = Team::new();
    let w = &team.worker;
    let mut case = team.open(Policy::default());
    ok(&mut case, w, day(1), need("income", "No steady income"));
    ok(
        &mut case,
        w,
        day(1),
        end(Stage::Termination, TerminationReason::LostContact),
    );
    ok(
        &mut case,
        w,
        day(2),
        Command::RecordTerminationSummary {
            summary: "The family left the village without notice".into(),
        },
    );
    ok(&mut case, w, day(2), Command::Close);
    ok(
        &mut case,
        w,
        day(30),
        Command::Reopen {
            reason: "The family came back and asked for help".into(),
        },
    );
    assert_eq!(case.status(), Status::Active(Stage::NeedsAssessment));
    assert_eq!(case.termination(), None);
    assert_eq!(case.history().len(), 3);
    assert_eq!(case.history()[2].kind, TransitionKind::Reopen);
    assert_eq!(case.history()[2].at, day(30));
    assert_eq!(case.lifecycle().times_entered(Stage::NeedsAssessment), 2);
    assert_eq!(need_ids(&case), [1]);
    let events = case.take_pending();
    assert_eq!(Engagement::replay(events).unwrap(), case);
}
