//! Who may do what: the catalogue of every command against DESIGN's default matrix, and a
//! policy's grants and revocations. Every refusal is checked to change
//! nothing (see `fixtures::refused`).

mod fixtures;

use fixtures::*;
use pendamping::*;
use std::collections::BTreeSet;

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
        "add_evaluation_view",
        "record_surrounding_resource",
        "give_scoped_consent",
        "withdraw_scoped_consent",
        "record_note",
        "amend",
        "retract",
        "set_due_date",
        "attach_document",
        "request_transfer",
        "accept_transfer",
        "decline_transfer",
        "consent_to_transfer",
        "import",
        "erase",
    ]
    .into_iter()
    .collect();
    assert_eq!(all.len(), 46);
    assert_eq!(names, all);
    // Every label is its command's name, with what distinguishes the instance after it.
    for (label, command) in every_command(&team) {
        assert!(label.starts_with(command.name()), "{label}");
    }
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
        | "decide_closure_approval"
        | "erase" => &[Supervisor],
        // With no transfer waiting there is no receiving worker: a supervisor answers.
        "accept_transfer" | "decline_transfer" => &[Supervisor],
        "agree_to_plan"
        | "give_consent"
        | "withdraw_consent"
        | "give_scoped_consent"
        | "withdraw_scoped_consent"
        | "consent_to_transfer" => &[ClientMember],
        // The client system and the community propose (marked as theirs).
        "record_need" | "record_resource" | "add_goal" | "record_surrounding_resource" => &[
            SocialWorker,
            Supervisor,
            ClientMember,
            CommunityRepresentative,
        ],
        // Partners and the community put in the plan what they carry out themselves.
        "add_intervention" => &[
            SocialWorker,
            Supervisor,
            CommunityRepresentative,
            Donor,
            Agency,
        ],
        "add_contribution" | "add_evaluation_view" => {
            &[ClientMember, CommunityRepresentative, Donor, Agency]
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
    assert_eq!(cells, 56 * 8);

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
         the policy does not give an agency the propose_need permission"
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
