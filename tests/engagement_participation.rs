//! Participation as the practice means it: the default permission table cell by cell, the
//! client system's proposals marked as theirs and counted once the worker accepts them, the
//! community speaking for itself, partners' own records, four eyes and approvals that lapse,
//! the goal table, endings, and strengths in the surroundings. Every refusal is checked to
//! change nothing (see `fixtures::refused`), and every case replays to the live state.

mod fixtures;

use fixtures::*;
use pendamping::engagement::PERMISSIONS;
use pendamping::gas::Level;
use pendamping::*;

/// The actor kinds in the table's column order.
const KINDS: [ActorKind; 6] = [
    ActorKind::SocialWorker,
    ActorKind::Supervisor,
    ActorKind::ClientMember,
    ActorKind::CommunityRepresentative,
    ActorKind::Donor,
    ActorKind::Agency,
];

/// The seed's practice, written out apart from the data: for each permission, whether a
/// worker, a supervisor, a client-system member, a community representative, a donor and an
/// agency hold it by default.
const EXPECTED: &[(Permission, [bool; 6])] = {
    use Permission as P;
    &[
        (P::Practice, [true, true, false, false, false, false]),
        (P::Approve, [false, true, false, false, false, false]),
        (P::ManageTeam, [false, true, false, false, false, false]),
        (P::ClientVoice, [false, false, true, false, false, false]),
        (P::ProviderUpdate, [false, false, false, false, false, true]),
        (P::ProposeNeed, [false, false, true, true, false, false]),
        (
            P::RecordOwnStrength,
            [false, false, true, true, false, false],
        ),
        (P::ProposeGoal, [false, false, true, true, false, false]),
        (
            P::ContributeToDesign,
            [false, false, false, true, true, true],
        ),
        (
            P::ContributeToImplementation,
            [false, false, true, true, true, true],
        ),
        (
            P::ContributeToEvaluation,
            [false, false, true, true, true, true],
        ),
        (
            P::AgreeForCommunity,
            [false, false, false, true, false, false],
        ),
    ]
};

#[test]
fn every_cell_of_the_default_permission_table() {
    let mut cells = 0;
    for &(permission, row) in EXPECTED {
        for (kind, want) in KINDS.into_iter().zip(row) {
            assert_eq!(
                permission.default_for(kind),
                want,
                "{} for {}",
                permission.as_str(),
                kind.as_str()
            );
            assert_eq!(Policy::default().allows(kind, permission), want);
            cells += 1;
        }
    }
    assert_eq!(cells, 12 * 6);
    // Every permission this branch knows is a row, and every kind is a row of the data.
    for permission in EXPECTED.iter().map(|(p, _)| *p) {
        assert!(Permission::ALL.contains(&permission));
    }
    assert_eq!(PERMISSIONS.len(), KINDS.len());
    for (kind, _) in PERMISSIONS {
        assert!(KINDS.contains(kind));
    }
}

/// The table as the docs show it, rendered from [`PERMISSIONS`].
fn render() -> Vec<String> {
    let mut lines = vec![
        "| permission | social worker | supervisor | client-system member | community \
         representative | donor | agency |"
            .to_owned(),
        "|---|---|---|---|---|---|---|".to_owned(),
    ];
    for &permission in Permission::ALL {
        let cells: Vec<&str> = KINDS
            .iter()
            .map(|&k| {
                let held = PERMISSIONS
                    .iter()
                    .any(|(kind, ps)| *kind == k && ps.contains(&permission));
                if held { "yes" } else { "–" }
            })
            .collect();
        lines.push(format!(
            "| `{}` | {} |",
            permission.as_str(),
            cells.join(" | ")
        ));
    }
    lines
}

#[test]
fn the_docs_show_the_permission_table() {
    let rendered = render();
    let architecture = include_str!("../ARCHITECTURE.md");
    let engagement: String = include_str!("../src/engagement/mod.rs")
        .lines()
        .filter_map(|l| l.strip_prefix("//! ").or(l.strip_prefix("//!")))
        .collect::<Vec<_>>()
        .join("\n");
    for (name, text) in [
        ("ARCHITECTURE.md", architecture),
        ("engagement docs", &engagement),
    ] {
        let lines: Vec<&str> = text
            .lines()
            .skip_while(|l| !l.starts_with("| permission |"))
            .take_while(|l| l.starts_with('|'))
            .collect();
        assert_eq!(
            lines,
            rendered,
            "{name}: the table should read:\n{}",
            rendered.join("\n")
        );
    }
}

/// Replays everything the case recorded and checks it is the live state.
#[track_caller]
fn replays(case: &mut Engagement) {
    let replayed = Engagement::replay(case.take_pending()).unwrap();
    assert_eq!(&replayed, case);
}

#[test]
fn the_client_system_proposes_and_the_worker_accepts() {
    let team = Team::new();
    let (w, mother) = (&team.worker, &team.mother);
    let mut case = assessed(&team, Policy::default());

    // The mother records a need and a strength in her own voice: they are marked as hers.
    ok(
        &mut case,
        mother,
        day(1),
        need("documents", "No birth certificate for Ani"),
    );
    ok(
        &mut case,
        mother,
        day(1),
        strength("Her sister lives next door"),
    );
    assert_eq!(case.needs()[1].proposed_by, Some(mother.id.clone()));
    assert_eq!(case.resources()[2].proposed_by, Some(mother.id.clone()));
    assert_eq!(case.needs()[0].proposed_by, None);
    // A resource held outside the client system is the practice's to record.
    assert_eq!(
        refused(
            &mut case,
            mother,
            day(1),
            external("Dinas", "Job training", vec![])
        ),
        "c:sari (client_member) may not record_resource: \
         the policy does not give a client_member the practice permission"
    );
    // A donor contributes through its own records; a need is not one.
    assert_eq!(
        refused(&mut case, &team.donor, day(1), need("x", "y")),
        "d:zakat (donor) may not record_need: \
         the policy does not give a donor the propose_need permission"
    );
    // Nobody but the practice moves stages.
    assert_eq!(
        refused(&mut case, mother, day(1), move_to(Stage::Planning)),
        "c:sari (client_member) may not move_to_stage: \
         the policy does not give a client_member the practice permission"
    );
    ok(&mut case, w, day(2), move_to(Stage::Planning));

    // The worker's goal for need 1, the mother's proposal for need 2.
    ok(
        &mut case,
        w,
        day(3),
        goal("Ani is back at school", &[1], None),
    );
    ok(
        &mut case,
        mother,
        day(3),
        goal("Ani has a birth certificate", &[2], None),
    );
    let proposal = case.goal(GoalId(2)).unwrap();
    assert_eq!(proposal.proposed_by, Some(mother.id.clone()));
    assert_eq!(proposal.status, GoalStatus::Proposed);
    assert!(!proposal.counts());
    ok(
        &mut case,
        w,
        day(3),
        intervention(
            "Talk it through with the family",
            &[1, 2],
            Function::ProblemSolvingConsultation,
            Role::Enabler,
            Responsible::Joint,
        ),
    );
    // Not yet accepted, the proposal leaves need 2 without a goal.
    ok(&mut case, mother, day(3), agree(1, None));
    assert_eq!(
        refused(&mut case, w, day(3), move_to(Stage::Implementation)),
        "cannot move_to_stage: need 2 is open with no goal: add a goal for it or defer it"
    );
    // Agreeing agreed the goal that counts; the proposal stays proposed.
    assert_eq!(case.goal(GoalId(1)).unwrap().status, GoalStatus::Accepted);
    assert_eq!(case.goal(GoalId(2)).unwrap().status, GoalStatus::Proposed);
    // The member cannot accept her own proposal, and the agreed plan no longer takes it.
    let accept = Command::SetGoalStatus {
        goal: GoalId(2),
        status: GoalStatus::Accepted,
    };
    assert_eq!(
        refused(&mut case, mother, day(3), accept.clone()),
        "c:sari (client_member) may not set_goal_status: \
         the policy does not give a client_member the practice permission"
    );
    assert_eq!(
        refused(&mut case, w, day(3), accept.clone()),
        "cannot set_goal_status: plan version 1 was agreed to: revise the plan to change it"
    );
    ok(
        &mut case,
        w,
        day(4),
        Command::RevisePlan {
            reason: "Take up Ibu Sari's goal".into(),
        },
    );
    ok(&mut case, w, day(4), accept.clone());
    assert!(case.goal(GoalId(2)).unwrap().counts());
    // The goal table: accepted does not follow accepted.
    assert_eq!(
        refused(&mut case, w, day(4), accept),
        "cannot set_goal_status: goal 2 cannot move from accepted to accepted"
    );
    ok(&mut case, mother, day(4), agree(2, None));
    ok(&mut case, w, day(4), move_to(Stage::Implementation));
    replays(&mut case);
}

#[test]
fn partners_put_in_the_plan_only_what_they_carry_out() {
    let team = Team::new();
    let mut case = assessed(&team, Policy::default());
    ok(&mut case, &team.worker, day(2), move_to(Stage::Planning));
    ok(
        &mut case,
        &team.worker,
        day(3),
        goal("Ani is back at school", &[1], None),
    );
    let funded = |responsible| {
        intervention(
            "School fees for a year",
            &[1],
            Function::ResourceManagement,
            Role::Broker,
            responsible,
        )
    };
    assert_eq!(
        refused(&mut case, &team.donor, day(3), funded(Responsible::Worker)),
        "cannot add_intervention: d:zakat adds to the plan only what it carries out itself: \
         name it as responsible"
    );
    let message = decide(&case, &team.donor, day(3), &funded(Responsible::Worker))
        .unwrap_err()
        .message(Lang::Id);
    assert_eq!(
        message,
        "tidak bisa menambah intervensi: d:zakat hanya menambahkan ke rencana apa yang \
         dikerjakannya sendiri: sebut d:zakat sebagai penanggung jawab"
    );
    ok(
        &mut case,
        &team.donor,
        day(3),
        funded(Responsible::Partner(team.donor.id.clone())),
    );
    let added = &case.interventions()[0];
    assert_eq!(added.proposed_by, Some(team.donor.id.clone()));
    // The worker's own interventions are not marked.
    ok(
        &mut case,
        &team.worker,
        day(3),
        funded(Responsible::Partner(team.agency.id.clone())),
    );
    assert_eq!(case.interventions()[1].proposed_by, None);
    // A donor never moves stages nor closes.
    assert_eq!(
        refused(
            &mut case,
            &team.donor,
            day(3),
            move_to(Stage::Implementation)
        ),
        "d:zakat (donor) may not move_to_stage: \
         the policy does not give a donor the practice permission"
    );
    replays(&mut case);
}

/// On day 3, a goal for need 1 and a joint consultation serving it.
fn plan_one_goal(case: &mut Engagement, w: &Actor, description: &str) {
    ok(case, w, day(3), goal(description, &[1], None));
    ok(
        case,
        w,
        day(3),
        intervention(
            "Talk it through together",
            &[1],
            Function::ProblemSolvingConsultation,
            Role::Enabler,
            Responsible::Joint,
        ),
    );
}

/// A hamlet as the client system, with its head on the team.
fn hamlet() -> (Team, Engagement) {
    let team = Team::new();
    let mut opening = team.opening(Policy::default());
    opening.client = ClientSystem {
        level: ClientSystemLevel::Community,
        name: "Dusun Sukamaju".into(),
    };
    let case = Engagement::open(&team.worker, day(0), opening).unwrap();
    (team, case)
}

#[test]
fn only_the_client_system_agrees_and_consents_for_itself() {
    // On a family case the community's representative does not speak for the family.
    let team = Team::new();
    let mut case = planned(&team, Policy::default());
    ok(
        &mut case,
        &team.worker,
        day(4),
        move_to(Stage::Implementation),
    );
    ok(
        &mut case,
        &team.worker,
        day(5),
        refer(2, partner(&team.agency)),
    );
    assert_eq!(
        refused(&mut case, &team.community, day(5), consent(1, None)),
        "r:rt05 (community_representative) may not give_consent: \
         the policy does not give a community_representative the client_voice permission"
    );
    // A policy that grants a donor the client voice still does not make it the client.
    let mut policy = Policy::default();
    policy
        .grants
        .push((ActorKind::Donor, Permission::ClientVoice));
    ok(
        &mut case,
        &team.supervisor,
        day(5),
        Command::ChangePolicy { policy },
    );
    assert_eq!(
        refused(&mut case, &team.donor, day(5), consent(1, None)),
        "cannot give_consent: d:zakat is a donor, not part of the client system: only its \
         members agree or consent for it"
    );
    let message = decide(&case, &team.donor, day(5), &consent(1, None))
        .unwrap_err()
        .message(Lang::Id);
    assert_eq!(
        message,
        "tidak bisa memberi izin: d:zakat adalah lembaga donor, bukan bagian dari sistem klien: \
         hanya anggotanya yang menyepakati atau memberi izin atas namanya"
    );
    // Speaking for another member needs the practice.
    assert_eq!(
        refused(
            &mut case,
            &team.mother,
            day(5),
            consent(1, Some(&team.father))
        ),
        "c:sari (client_member) may not give_consent: \
         the policy does not give a client_member the practice permission"
    );
    replays(&mut case);

    // On a community-level client system its representative agrees and consents for it.
    let (team, mut case) = hamlet();
    let (w, head) = (&team.worker, &team.community);
    ok(
        &mut case,
        head,
        day(1),
        need("water", "The spring dries up in August"),
    );
    ok(
        &mut case,
        head,
        day(1),
        Command::RecordSurroundingResource {
            kind: ResourceKind::Social,
            description: "The mosque's work party digs on Fridays".into(),
            holder: "Masjid Al-Ikhlas".into(),
            around: Surrounding::Community,
            barriers: vec![],
            confidentiality: None,
        },
    );
    ok(&mut case, w, day(2), move_to(Stage::Planning));
    plan_one_goal(&mut case, w, "Water all year");
    ok(&mut case, head, day(3), agree(1, None));
    assert_eq!(case.plan().agreements[0].member, head.id);
    // The permission is the policy's to take away.
    let mut policy = Policy::default();
    policy.revocations.push((
        ActorKind::CommunityRepresentative,
        Permission::AgreeForCommunity,
    ));
    ok(
        &mut case,
        &team.supervisor,
        day(3),
        Command::ChangePolicy { policy },
    );
    ok(
        &mut case,
        w,
        day(4),
        Command::RevisePlan {
            reason: "Add the upper houses".into(),
        },
    );
    assert_eq!(
        refused(&mut case, head, day(4), agree(2, None)),
        "r:rt05 (community_representative) may not agree_to_plan: \
         the policy does not give a community_representative the agree_for_community permission"
    );
    replays(&mut case);
}

#[test]
fn four_eyes_on_closing_and_an_approval_that_lapses() {
    let team = Team::new();
    let (w, sup) = (&team.worker, &team.supervisor);
    let mut case = implementing(&team, approvals());
    ok(
        &mut case,
        w,
        day(5),
        end(Stage::Termination, TerminationReason::Moved),
    );
    ok(&mut case, w, day(5), summary());
    let request = Command::RequestClosureApproval { comment: None };
    let approve = Command::DecideClosureApproval {
        approve: true,
        comment: None,
    };
    // The supervisor asks and may not approve their own request.
    ok(&mut case, sup, day(6), request.clone());
    assert_eq!(
        refused(&mut case, sup, day(6), approve.clone()),
        "cannot decide_closure_approval: s:budi asked for this approval: with four eyes, \
         another person decides it"
    );
    let second = actor("s:rina", ActorKind::Supervisor);
    ok(
        &mut case,
        sup,
        day(6),
        Command::AddMember {
            member: member(&second, "Rina"),
        },
    );
    ok(&mut case, &second, day(6), approve.clone());
    // Rewriting the summary lapses the approval: closing needs it again.
    ok(
        &mut case,
        w,
        day(7),
        Command::RecordTerminationSummary {
            summary: "The family moved to Bekasi; the school there has Ani's records".into(),
        },
    );
    assert!(matches!(
        case.termination().unwrap().closure_approval,
        Approval::Lapsed { .. }
    ));
    assert_eq!(
        refused(&mut case, w, day(7), Command::Close),
        "cannot close: closing is not approved"
    );
    ok(&mut case, w, day(7), request);
    ok(&mut case, sup, day(7), approve);
    ok(&mut case, w, day(7), Command::Close);
    replays(&mut case);
}

#[test]
fn four_eyes_on_the_plan_when_the_policy_asks() {
    let team = Team::new();
    let sup = &team.supervisor;
    let request = Command::RequestPlanApproval { comment: None };
    let approve = Command::DecidePlanApproval {
        approve: true,
        comment: None,
    };
    // Off by default: a supervisor may approve the plan they sent.
    let mut case = planned(&team, approvals());
    ok(&mut case, sup, day(4), request.clone());
    ok(&mut case, sup, day(4), approve.clone());
    let mut policy = approvals();
    policy.four_eyes_plan = true;
    let mut case = planned(&team, policy);
    ok(&mut case, sup, day(4), request);
    assert_eq!(
        refused(&mut case, sup, day(4), approve),
        "cannot decide_plan_approval: s:budi asked for this approval: with four eyes, another \
         person decides it"
    );
    replays(&mut case);
}

#[test]
fn a_stored_policy_without_four_eyes_reads_as_off() {
    let policy: Policy = serde_json::from_str(r#"{"closure_approval_required":true}"#).unwrap();
    assert!(!policy.four_eyes_closure);
    assert!(!policy.four_eyes_plan);
    assert!(Policy::default().four_eyes_closure);
}

#[test]
fn the_goal_table_refuses_a_move_back() {
    let team = Team::new();
    let mut case = implementing(&team, Policy::default());
    let set = |status| Command::SetGoalStatus {
        goal: GoalId(1),
        status,
    };
    ok(&mut case, &team.worker, day(5), set(GoalStatus::Active));
    ok(&mut case, &team.worker, day(5), set(GoalStatus::Completed));
    assert_eq!(
        refused(&mut case, &team.worker, day(5), set(GoalStatus::Proposed)),
        "cannot set_goal_status: goal 1 cannot move from completed to proposed"
    );
    let message = decide(&case, &team.worker, day(5), &set(GoalStatus::Active))
        .unwrap_err()
        .message(Lang::Id);
    assert_eq!(
        message,
        "tidak bisa mengubah status tujuan: tujuan 1 tidak bisa berpindah dari selesai ke berjalan"
    );
    replays(&mut case);
}

#[test]
fn an_early_ending_out_of_evaluation_and_drafts_cancelled_on_closing() {
    let team = Team::new();
    let w = &team.worker;
    let mut case = implementing(&team, Policy::default());
    ok(&mut case, w, day(5), consultation(&[1]));
    ok(&mut case, w, day(5), refer(2, partner(&team.agency)));
    ok(&mut case, w, day(6), move_to(Stage::Evaluation));
    ok(&mut case, w, day(6), evaluation(&[1], Decision::Continue));
    // The family moves while the results are weighed: the work ends early.
    ok(
        &mut case,
        w,
        day(7),
        end(Stage::Termination, TerminationReason::Moved),
    );
    assert_eq!(case.termination().unwrap().reason, TerminationReason::Moved);
    ok(&mut case, w, day(7), summary());
    ok(&mut case, w, day(7), Command::Close);
    let draft = case.referral(ReferralId(1)).unwrap();
    assert_eq!(draft.status, ReferralStatus::Cancelled);
    let last = draft.history.last().unwrap();
    assert_eq!(last.note.as_deref(), Some("cancelled on closing: moved"));
    assert_eq!(last.by, w.id);
    assert_eq!(last.at, day(7));
    replays(&mut case);
}

#[test]
fn a_strength_in_the_surroundings_counts_when_nothing_bars_it() {
    let team = Team::new();
    let w = &team.worker;
    let mut case = team.open(Policy::default());
    ok(
        &mut case,
        w,
        day(1),
        need("care", "Nobody minds the children after school"),
    );
    let neighbours = |barriers| Command::RecordSurroundingResource {
        kind: ResourceKind::Interpersonal,
        description: "The neighbours take turns minding the children".into(),
        holder: "Bu Ani's neighbours".into(),
        around: Surrounding::Neighbour,
        barriers,
        confidentiality: None,
    };
    ok(&mut case, w, day(1), neighbours(vec![Barrier::Economic]));
    assert_eq!(
        refused(&mut case, w, day(1), move_to(Stage::Planning)),
        "cannot move_to_stage: record at least one strength: a resource of the client system's \
         own, or one its community, a neighbour or a group makes available to it"
    );
    ok(&mut case, w, day(1), neighbours(vec![]));
    assert!(case.resources()[1].is_strength());
    assert!(!case.resources()[0].is_strength());
    ok(&mut case, w, day(2), move_to(Stage::Planning));
    replays(&mut case);
}

#[test]
fn a_referral_entered_in_error() {
    let team = Team::new();
    let w = &team.worker;
    let mut case = implementing(&team, Policy::default());
    ok(&mut case, w, day(5), refer(2, partner(&team.agency)));
    let wrong = referral_status(1, ReferralStatus::EnteredInError);
    assert_eq!(
        refused(&mut case, &team.agency, day(5), wrong.clone()),
        "a:puskesmas (agency) may not set_referral_status: \
         the policy does not give an agency the practice permission"
    );
    ok(&mut case, w, day(5), wrong);
    assert!(ReferralStatus::EnteredInError.is_closed());
    assert_eq!(
        serde_json::to_value(ReferralStatus::EnteredInError).unwrap(),
        "entered_in_error"
    );
    replays(&mut case);
}

#[test]
fn the_others_add_their_view_of_an_evaluation() {
    let team = Team::new();
    let w = &team.worker;
    let mut case = implementing(&team, Policy::default());
    ok(&mut case, w, day(5), consultation(&[1]));
    ok(&mut case, w, day(6), move_to(Stage::Evaluation));
    ok(&mut case, w, day(6), evaluation(&[1], Decision::Continue));
    let view = |goal| Command::AddEvaluationView {
        evaluation: EvaluationId(1),
        text: "Ani goes, but only three days a week".into(),
        ratings: vec![GoalEvaluation {
            goal: GoalId(goal),
            level: Level::LessThanExpected,
            achievement: Achievement::Improving,
        }],
    };
    ok(&mut case, &team.mother, day(6), view(1));
    ok(&mut case, &team.donor, day(6), view(1));
    let views = &case.evaluation(EvaluationId(1)).unwrap().views;
    assert_eq!(views.len(), 2);
    assert_eq!(views[0].member, team.mother.id);
    assert_eq!(views[1].ratings[0].level, Level::LessThanExpected);
    // The worker's scores stay as recorded; the worker records evaluations, not views.
    assert_eq!(
        case.evaluation(EvaluationId(1)).unwrap().scores[0].level,
        Level::Expected
    );
    assert_eq!(
        refused(&mut case, w, day(6), view(1)),
        "w:siti (social_worker) may not add_evaluation_view: \
         the policy does not give a social_worker the contribute_to_evaluation permission"
    );
    assert_eq!(
        refused(&mut case, &team.mother, day(6), view(9)),
        "cannot add_evaluation_view: there is no goal 9"
    );
    replays(&mut case);
}

#[test]
fn a_proposal_stored_as_the_practice_s_does_not_load() {
    let team = Team::new();
    let mut case = assessed(&team, Policy::default());
    ok(
        &mut case,
        &team.mother,
        day(1),
        need("documents", "No birth certificate"),
    );
    let mut events = case.take_pending();
    let last = events.last_mut().unwrap();
    let Event::NeedRecorded { need } = &mut last.event else {
        panic!("{last:?}");
    };
    need.proposed_by = None;
    assert_eq!(
        replay_error(events),
        "event 5: need.proposed_by is not what its command records"
    );
}

#[test]
fn consent_withdrawn_after_sending_blocks_or_flags_the_referral() {
    let team = Team::new();
    let (w, mother, agency) = (&team.worker, &team.mother, &team.agency);
    let mut case = implementing(&team, Policy::default());
    let withdraw = |n| Command::WithdrawConsent {
        referral: ReferralId(n),
        on_behalf_of: None,
    };
    for n in 1..=2 {
        ok(&mut case, w, day(5), refer(2, partner(agency)));
        ok(&mut case, mother, day(5), consent(n, None));
        ok(
            &mut case,
            w,
            day(5),
            referral_status(n, ReferralStatus::Requested),
        );
    }
    // Withdrawn while requested: the provider may no longer accept it.
    ok(&mut case, mother, day(6), withdraw(1));
    assert_eq!(
        refused(
            &mut case,
            agency,
            day(6),
            referral_status(1, ReferralStatus::Accepted)
        ),
        "cannot set_referral_status: consent to referral 1 was withdrawn: it cannot be accepted"
    );
    let message = decide(
        &case,
        agency,
        day(6),
        &referral_status(1, ReferralStatus::Accepted),
    )
    .unwrap_err()
    .message(Lang::Id);
    assert_eq!(
        message,
        "tidak bisa memperbarui status rujukan: izin untuk rujukan 1 sudah ditarik: rujukan itu \
         tidak bisa diterima"
    );
    ok(
        &mut case,
        w,
        day(6),
        referral_status(1, ReferralStatus::Cancelled),
    );
    // Withdrawn once accepted: the referral is flagged for the worker.
    ok(
        &mut case,
        agency,
        day(7),
        referral_status(2, ReferralStatus::Accepted),
    );
    assert_eq!(case.referrals_without_consent().count(), 0);
    ok(&mut case, mother, day(8), withdraw(2));
    let flagged: Vec<ReferralId> = case.referrals_without_consent().map(|r| r.id).collect();
    assert_eq!(flagged, [ReferralId(2)]);
    replays(&mut case);
}

#[test]
fn consent_to_the_engagement_and_to_a_disclosure() {
    let team = Team::new();
    let (w, mother) = (&team.worker, &team.mother);
    let mut case = team.open(Policy::default());
    let engagement = ConsentScope::Engagement;
    let dinsos = ConsentScope::Disclosure {
        organisation: " Dinas Sosial ".into(),
    };
    let give = |scope: &ConsentScope, on_behalf_of: Option<&Actor>| Command::GiveScopedConsent {
        scope: scope.clone(),
        on_behalf_of: on_behalf_of.map(|a| a.id.clone()),
    };
    let withdraw =
        |scope: &ConsentScope, on_behalf_of: Option<&Actor>| Command::WithdrawScopedConsent {
            scope: scope.clone(),
            on_behalf_of: on_behalf_of.map(|a| a.id.clone()),
        };
    // At opening: the mother consents to the engagement; the worker records the father's.
    ok(&mut case, mother, day(0), give(&engagement, None));
    ok(&mut case, w, day(0), give(&engagement, Some(&team.father)));
    assert_eq!(
        refused(&mut case, mother, day(0), give(&engagement, None)),
        "cannot give_scoped_consent: c:sari has already consented to the engagement"
    );
    // Consent from someone outside the client system is refused, naming why.
    assert_eq!(
        refused(&mut case, w, day(0), give(&engagement, Some(&team.donor))),
        "cannot give_scoped_consent: d:zakat is a donor, not a client_member"
    );
    // Sharing with a named organisation, then withdrawn: the record keeps who and when.
    ok(&mut case, mother, day(1), give(&dinsos, None));
    let named = ConsentScope::Disclosure {
        organisation: "Dinas Sosial".into(),
    };
    assert!(case.consent_in_force(&mother.id, &named).is_some());
    assert_eq!(
        refused(
            &mut case,
            mother,
            day(2),
            withdraw(
                &ConsentScope::Disclosure {
                    organisation: "Puskesmas".into()
                },
                None
            )
        ),
        "cannot withdraw_scoped_consent: c:sari has not consented to disclosure to Puskesmas"
    );
    let message = decide(&case, mother, day(2), &give(&named, None))
        .unwrap_err()
        .message(Lang::Id);
    assert_eq!(
        message,
        "tidak bisa memberi izin pendampingan atau berbagi catatan: c:sari sudah memberi izin \
         untuk berbagi catatan dengan Dinas Sosial"
    );
    ok(&mut case, mother, day(2), withdraw(&named, None));
    assert!(case.consent_in_force(&mother.id, &named).is_none());
    let withdrawn = &case.consents()[2];
    assert_eq!(withdrawn.given_by, mother.id);
    assert_eq!(withdrawn.withdrawn, Some((mother.id.clone(), day(2))));
    assert_eq!(case.consents()[1].given_by, w.id);
    assert_eq!(case.consents()[1].member, team.father.id);
    // Given again, it is a new consent; the withdrawn one stays in the record.
    ok(&mut case, mother, day(3), give(&named, None));
    assert_eq!(case.consents().len(), 4);
    replays(&mut case);
}

#[test]
fn forged_views_and_consents_do_not_load() {
    let team = Team::new();
    let (w, mother) = (&team.worker, &team.mother);
    let mut case = implementing(&team, Policy::default());
    ok(&mut case, w, day(5), consultation(&[1]));
    ok(&mut case, w, day(6), move_to(Stage::Evaluation));
    ok(&mut case, w, day(6), evaluation(&[1], Decision::Continue));
    ok(
        &mut case,
        mother,
        day(6),
        Command::AddEvaluationView {
            evaluation: EvaluationId(1),
            text: "Better".into(),
            ratings: vec![],
        },
    );
    ok(
        &mut case,
        mother,
        day(6),
        Command::GiveScopedConsent {
            scope: ConsentScope::Engagement,
            on_behalf_of: None,
        },
    );
    let events = case.take_pending();
    let n = events.len();
    // A view put in another member's name.
    let mut forged = events[..n - 1].to_vec();
    if let Event::EvaluationViewAdded { view, .. } = &mut forged[n - 2].event {
        view.member = team.father.id.clone();
    }
    assert_eq!(
        replay_error(forged),
        format!(
            "event {}: view.member is not what its command records",
            n - 1
        )
    );
    // A consent recorded as given by the donor.
    let mut forged = events.clone();
    forged[n - 1].by = team.donor.clone();
    if let Event::ScopedConsentGiven { member, .. } = &mut forged[n - 1].event {
        *member = team.donor.id.clone();
    }
    assert_eq!(
        replay_error(forged),
        format!(
            "event {n}: d:zakat (donor) may not give_scoped_consent: the policy does not give a \
             donor the client_voice permission"
        )
    );
    assert!(Engagement::replay(events).is_ok());
}

#[test]
fn a_policy_may_ask_for_consent_to_the_engagement_before_the_work_moves_on() {
    let team = Team::new();
    let (w, mother) = (&team.worker, &team.mother);
    let mut policy = Policy::default();
    policy.engagement_consent_required = true;
    let mut case = assessed(&team, policy);
    assert_eq!(
        refused(&mut case, w, day(2), move_to(Stage::Planning)),
        "cannot move_to_stage: no client-system member's consent to the engagement is in force"
    );
    let message = decide(&case, w, day(2), &move_to(Stage::Planning))
        .unwrap_err()
        .message(Lang::Id);
    assert_eq!(
        message,
        "tidak bisa berpindah tahap: belum ada izin anggota sistem klien untuk pendampingan ini \
         yang berlaku"
    );
    let engagement = |give| {
        if give {
            Command::GiveScopedConsent {
                scope: ConsentScope::Engagement,
                on_behalf_of: None,
            }
        } else {
            Command::WithdrawScopedConsent {
                scope: ConsentScope::Engagement,
                on_behalf_of: None,
            }
        }
    };
    ok(&mut case, mother, day(2), engagement(true));
    ok(&mut case, w, day(2), move_to(Stage::Planning));
    plan_one_goal(&mut case, w, "Ani is back at school");
    ok(&mut case, mother, day(3), agree(1, None));
    // Withdrawn, it holds the work back again.
    ok(&mut case, mother, day(4), engagement(false));
    assert_eq!(
        refused(&mut case, w, day(4), move_to(Stage::Implementation)),
        "cannot move_to_stage: no client-system member's consent to the engagement is in force"
    );
    ok(&mut case, mother, day(5), engagement(true));
    ok(&mut case, w, day(5), move_to(Stage::Implementation));
    replays(&mut case);
}
