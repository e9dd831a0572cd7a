//! Importing a case (issue 14): the state reached elsewhere brought in right after the
//! opening, from which the engagement continues and replays.

mod fixtures;

use chrono::NaiveDate;
use fixtures::*;
use pendamping::*;

fn register() -> ImportedCase {
    ImportedCase {
        source: ImportSource {
            system: "Buku register PKH Kelurahan Sukamaju".into(),
            reference: Some("REG-2025-0142".into()),
            as_of: NaiveDate::from_ymd_opt(2026, 2, 20).unwrap(),
        },
        stage: Stage::Implementation,
        needs: vec![ImportedNeed {
            domain: "schooling".into(),
            description: " Ani stopped going to school ".into(),
            priority: Priority::High,
            confidentiality: None,
        }],
        resources: vec![
            ImportedResource {
                kind: ResourceKind::Personal,
                description: "The mother keeps a careful household budget".into(),
                holder: None,
                barriers: vec![],
                confidentiality: None,
            },
            ImportedResource {
                kind: ResourceKind::Social,
                description: "Free health checks".into(),
                holder: Some("Puskesmas Sukamaju".into()),
                barriers: vec![Barrier::Schedule],
                confidentiality: None,
            },
        ],
        goals: vec![ImportedGoal {
            description: "Ani is back at school".into(),
            addresses: vec![NeedId(1)],
            status: GoalStatus::Active,
            due_on: NaiveDate::from_ymd_opt(2026, 6, 30),
        }],
        interventions: vec![ImportedIntervention {
            description: "Talk it through with the family".into(),
            serves: vec![GoalId(1)],
            function: Function::ProblemSolvingConsultation,
            role: Role::Enabler,
            responsible: Responsible::Joint,
            uses: vec![ResourceId(1)],
            due_on: None,
        }],
        referrals: vec![ImportedReferral {
            resource: ResourceId(2),
            provider: Provider::External {
                name: "Puskesmas Sukamaju".into(),
            },
            mode: ManagementMode::Coordinating,
            status: ReferralStatus::Requested,
            consent: vec![ActorId::new("c:sari").unwrap()],
            due_on: None,
            confidentiality: None,
        }],
    }
}

#[test]
fn an_imported_case_continues_from_its_stage_and_replays() {
    let team = Team::new();
    let w = &team.worker;
    let mut case =
        Engagement::import(w, day(0), team.opening(Policy::default()), register()).unwrap();
    assert_eq!(case.stage(), Some(Stage::Implementation));
    assert_eq!(
        case.need(NeedId(1)).unwrap().description,
        "Ani stopped going to school"
    );
    assert_eq!(case.open_needs().count(), 1);
    assert_eq!(case.strengths().count(), 1);
    assert_eq!(case.plan().goals, [GoalId(1)]);
    assert_eq!(case.plan().interventions, [InterventionId(1)]);
    assert_eq!(case.referrals_in_flight().count(), 1);
    assert_eq!(case.follow_up_work().len(), 1, "the goal's due date");
    // It goes on as if the work had been done here: the next ids follow the imported ones.
    ok(&mut case, w, day(1), consultation(&[1]));
    ok(
        &mut case,
        w,
        day(1),
        referral_status(1, ReferralStatus::Accepted),
    );
    ok(&mut case, w, day(2), need("health", "Missed immunisations"));
    assert!(case.need(NeedId(2)).is_some());
    ok(&mut case, w, day(2), move_to(Stage::Evaluation));
    let events = case.pending().to_vec();
    assert_eq!(events[1].event.name(), "imported");
    assert_eq!(Engagement::replay(events).unwrap(), case);
}

#[test]
fn an_import_is_checked_like_the_records_it_brings() {
    let team = Team::new();
    let w = &team.worker;
    let mut bad = register();
    bad.stage = Stage::Termination;
    bad.goals[0].addresses = vec![NeedId(4)];
    bad.referrals[0].resource = ResourceId(1);
    bad.referrals[0].status = ReferralStatus::Completed;
    bad.source.system = "".into();
    let err = Engagement::import(w, day(0), team.opening(Policy::default()), bad).unwrap_err();
    assert_eq!(
        err.to_string(),
        "cannot import: a case is imported into needs_assessment, planning, implementation or \
         evaluation, not termination; system is empty; there is no need 4; resource 1 is the \
         client system's own: no referral is needed; referral 1 is closed: only referrals still \
         open are imported"
    );
    assert_eq!(
        err.message(Lang::Id),
        "tidak bisa mengimpor kasus: kasus diimpor ke tahap pemahaman kebutuhan, perencanaan \
         dan penyeleksian program, penerapan program, evaluasi, bukan pengakhiran; sistem asal \
         kosong; kebutuhan 4 tidak \
         ada; sumber 1 milik sistem klien sendiri: tidak perlu rujukan; rujukan 1 sudah \
         selesai: hanya rujukan yang masih berjalan yang diimpor"
    );
    // Only right after the opening.
    let mut case = assessed(&team, Policy::default());
    assert_eq!(
        refused(&mut case, w, day(2), Command::Import { case: register() }),
        "cannot import: a case is imported right after its opening, before anything else is \
         recorded"
    );
}

#[test]
fn a_forged_import_does_not_load() {
    let team = Team::new();
    let w = &team.worker;
    let mut case =
        Engagement::import(w, day(0), team.opening(Policy::default()), register()).unwrap();
    let mut events = case.take_pending();
    if let Event::Imported { needs, .. } = &mut events[1].event {
        needs[0].status = NeedStatus::Met { note: None };
    }
    assert_eq!(
        replay_error(events),
        "event 2: needs.0.status.status is not what its command records"
    );
}
