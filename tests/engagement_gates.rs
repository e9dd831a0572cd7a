//! The status and stage gate: closed and paused engagements, practice commands in their stages,
//! the team keeping a worker, and the gate table the docs render. Every refusal is checked to change
//! nothing (see `fixtures::refused`).

mod fixtures;

use fixtures::*;
use pendamping::engagement::{GATES, Gate, OnHold, gate};
use pendamping::*;

// ===================================================================== status gates

#[test]
fn a_closed_engagement_takes_only_follow_ups_and_reopening() {
    let team = Team::new();
    let (w, sup) = (&team.worker, &team.supervisor);
    let mut case = assessed(&team, Policy::default());
    ok(
        &mut case,
        w,
        day(2),
        end(Stage::Termination, TerminationReason::Transferred),
    );
    ok(&mut case, w, day(2), summary());
    ok(&mut case, w, day(2), Command::Close);
    for (label, command) in every_command(&team) {
        let by = if matches!(
            command.permission(),
            Permission::Practice | Permission::Approve | Permission::ManageTeam | Permission::Erase
        ) {
            sup
        } else if command.permission() == Permission::ClientVoice {
            &team.mother
        } else {
            &team.agency
        };
        let result = decide(&case, by, day(3), &command);
        if matches!(label, "record_follow_up" | "reopen" | "erase") {
            assert!(result.is_ok(), "{label}: {result:?}");
        } else {
            let err = result.unwrap_err();
            assert!(err.problems().contains(&Problem::Closed), "{label}: {err}");
            assert_eq!(
                err.problems()
                    .iter()
                    .filter(|p| **p == Problem::Closed)
                    .count(),
                1
            );
        }
    }
    assert_eq!(
        refused(&mut case, w, day(3), Command::Close),
        "cannot close: the engagement is closed: only follow-ups and reopening are possible"
    );
}

#[test]
fn an_engagement_on_hold_takes_only_resuming_team_business_and_answers() {
    let team = Team::new();
    let w = &team.worker;
    let (mut case, dinsos) = matrix_case(&team);
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
        Command::Hold {
            reason: "The family travels to a funeral".into(),
            review_on: None,
        },
    );
    let allowed_on_hold = [
        "reassign_worker",
        "add_member",
        "add_member staff",
        "remove_member",
        "remove_member staff",
        "change_policy",
        "withdraw_consent",
        "withdraw_consent on behalf",
        "withdraw_scoped_consent",
        "set_referral_status accepted, partner",
        "set_referral_status completed, other partner",
        "set_referral_status accepted, external",
        "resume",
        // Issue 14: a contact and a correction need no resuming.
        "record_note",
        "amend",
        "retract",
        "set_due_date",
        "attach_document",
        "request_transfer",
        "accept_transfer",
        "decline_transfer",
        "consent_to_transfer",
        "consent_to_transfer on behalf",
        "erase",
    ];
    for (label, command) in every_command(&team) {
        let by = match command.permission() {
            Permission::ClientVoice | Permission::ContributeToEvaluation => &team.mother,
            Permission::ProviderUpdate if label.contains("other partner") => &dinsos,
            Permission::ProviderUpdate => &team.agency,
            _ => &team.supervisor,
        };
        let Err(err) = decide(&case, by, day(7), &command) else {
            assert!(
                allowed_on_hold.contains(&label),
                "{label} was accepted on hold"
            );
            continue;
        };
        if matches!(label, "reopen" | "record_follow_up") {
            assert_eq!(err.problems(), [Problem::NotClosed], "{label}");
            continue;
        }
        let on_hold = err.problems().contains(&Problem::OnHold);
        assert_eq!(on_hold, !allowed_on_hold.contains(&label), "{label}: {err}");
    }
    // A member may withdraw consent while the work is paused; the referral may not be sent.
    ok(
        &mut case,
        &team.mother,
        day(7),
        Command::WithdrawConsent {
            referral: ReferralId(1),
            on_behalf_of: None,
        },
    );
    // The provider still answers while the work is paused, but may not take on a referral
    // whose consent was withdrawn.
    assert_eq!(
        refused(
            &mut case,
            &team.agency,
            day(7),
            referral_status(1, ReferralStatus::Accepted)
        ),
        "cannot set_referral_status: consent to referral 1 was withdrawn: it cannot be accepted"
    );
    ok(
        &mut case,
        &team.agency,
        day(7),
        referral_status(1, ReferralStatus::Rejected),
    );
    assert_eq!(
        refused(
            &mut case,
            w,
            day(7),
            referral_status(3, ReferralStatus::Cancelled)
        ),
        "cannot set_referral_status: the engagement is on hold: resume it first"
    );
    assert_eq!(
        refused(
            &mut case,
            w,
            day(7),
            Command::Hold {
                reason: "again".into(),
                review_on: None
            }
        ),
        "cannot hold: the engagement is on hold: resume it first"
    );
    assert_eq!(
        refused(&mut case, w, day(7), move_to(Stage::Evaluation)),
        "cannot move_to_stage: the engagement is on hold: resume it first"
    );
    ok(&mut case, w, day(8), Command::Resume { note: None });
    assert_eq!(
        refused(&mut case, w, day(8), Command::Resume { note: None }),
        "cannot resume: the engagement is not on hold"
    );
}

#[test]
fn practice_commands_belong_to_their_stages() {
    let team = Team::new();
    let w = &team.worker;
    let mut case = implementing(&team, Policy::default());
    assert_eq!(
        refused(&mut case, w, day(5), goal("Later", &[1], None)),
        "cannot add_goal: this is done in planning, and the engagement is in implementation; \
         plan version 1 was agreed to: revise the plan to change it"
    );
    assert_eq!(
        refused(&mut case, w, day(5), evaluation(&[1], Decision::Continue)),
        "cannot record_evaluation: this is done in evaluation, and the engagement is in \
         implementation"
    );
    let mut case = implementing(&team, Policy::default());
    ok(
        &mut case,
        w,
        day(5),
        end(Stage::Termination, TerminationReason::Other),
    );
    assert_eq!(
        refused(&mut case, w, day(5), need("x", "y")),
        "cannot record_need: this is done in needs_assessment or planning or implementation or \
         evaluation, and the engagement is in termination"
    );
}

#[test]
fn the_team_keeps_a_worker() {
    let team = Team::new();
    let sup = &team.supervisor;
    let mut case = team.open(Policy::default());
    assert_eq!(
        refused(
            &mut case,
            sup,
            day(1),
            Command::RemoveMember {
                id: team.worker.id.clone()
            }
        ),
        "cannot remove_member: w:siti is the only social worker: add or assign another first"
    );
    assert_eq!(
        refused(
            &mut case,
            sup,
            day(1),
            Command::RemoveMember { id: id("x:nobody") }
        ),
        "cannot remove_member: x:nobody is not on the team"
    );
    assert_eq!(
        refused(
            &mut case,
            sup,
            day(1),
            Command::ReassignWorker {
                from: team.mother.id.clone(),
                to: member(&team.father, "Pak Joko"),
            }
        ),
        "cannot reassign_worker: c:sari is a client_member, not a social_worker; \
         c:joko is on the team already; c:joko is a client_member, not a social_worker"
    );
    let rina = actor("w:rina", ActorKind::SocialWorker);
    ok(
        &mut case,
        sup,
        day(1),
        Command::ReassignWorker {
            from: team.worker.id.clone(),
            to: member(&rina, "Rina"),
        },
    );
    assert_eq!(
        case.workers().map(|m| m.id.as_str()).collect::<Vec<_>>(),
        ["w:rina"]
    );
    // The worker who left no longer acts on the case.
    assert_eq!(
        refused(&mut case, &team.worker, day(1), need("x", "y")),
        "w:siti (social_worker) may not record_need: not on the team"
    );
    ok(&mut case, &rina, day(1), need("x", "y"));

    // Opening: only a worker or supervisor on the team, and the team needs a worker.
    let opening = team.opening(Policy::default());
    assert_eq!(
        Engagement::open(&team.mother, day(0), opening.clone())
            .unwrap_err()
            .to_string(),
        "c:sari (client_member) may not open: \
         only a social worker or a supervisor on its team opens an engagement"
    );
    let no_worker = Opening {
        team: vec![member(sup, "Budi")],
        ..opening
    };
    assert_eq!(
        Engagement::open(sup, day(0), no_worker)
            .unwrap_err()
            .to_string(),
        "cannot open: the team needs a social worker"
    );
}

// ===================================================================== the gate table

/// The docs' "commands at a glance" table, rendered from [`GATES`].
fn render(gates: &[Gate]) -> Vec<String> {
    let stages = |stages: &[Stage]| -> String {
        let names: Vec<&str> = stages.iter().map(|s| s.as_str()).collect();
        let contiguous =
            !stages.is_empty() && Stage::ALL.windows(stages.len()).any(|w| w == stages);
        match names.as_slice() {
            [] => "–".into(),
            _ if stages == Stage::ALL => "every stage".into(),
            [first, .., last] if contiguous && names.len() > 2 => format!("{first} to {last}"),
            _ => names.join(", "),
        }
    };
    let dash = |text: &str| {
        if text.is_empty() {
            "–".to_owned()
        } else {
            text.to_owned()
        }
    };
    let mut rows = vec![
        "| command | who | while active | on hold | closed | asks |".to_owned(),
        "|---|---|---|---|---|---|".to_owned(),
    ];
    for gate in gates {
        let on_hold = match gate.on_hold {
            OnHold::Yes => "yes",
            OnHold::ProviderAnswers => "the provider's answers",
            _ => "–",
        };
        rows.push(format!(
            "| `{}` | {} | {} | {} | {} | {} |",
            gate.command,
            gate.who,
            stages(gate.stages),
            on_hold,
            if gate.closed { "yes" } else { "–" },
            dash(gate.asks),
        ));
    }
    rows
}

#[test]
fn the_docs_table_is_the_gate_table() {
    let docs = include_str!("../src/engagement/mod.rs");
    let table: Vec<&str> = docs
        .lines()
        .filter_map(|l| l.strip_prefix("//! "))
        .skip_while(|l| !l.starts_with("## Commands at a glance"))
        .skip(1)
        .skip_while(|l| !l.starts_with('|'))
        .take_while(|l| l.starts_with('|'))
        .collect();
    let rendered = render(GATES);
    assert_eq!(
        table,
        rendered,
        "the docs' table should read:\n{}",
        rendered
            .iter()
            .map(|l| format!("//! {l}"))
            .collect::<Vec<_>>()
            .join("\n")
    );
}

#[test]
fn every_command_has_one_gate_in_command_order() {
    let team = Team::new();
    let mut names: Vec<&str> = every_command(&team).iter().map(|(_, c)| c.name()).collect();
    names.dedup();
    let gated: Vec<&str> = GATES.iter().map(|g| g.command).collect();
    assert_eq!(gated, names);
    for name in &names {
        assert_eq!(gate(name).map(|g| g.command), Some(*name));
    }
    assert_eq!(gate("open"), None);
}

#[test]
fn the_gate_table_decides_where_each_command_is_refused() {
    // Every catalogued command, in every status the family case passes through: the gate's
    // problem appears exactly when the table says the status does not take the command.
    let team = Team::new();
    let w = &team.worker;
    let implementing = matrix_case(&team).0;
    let mut held = implementing.clone();
    ok(
        &mut held,
        w,
        day(20),
        Command::Hold {
            reason: "Moving house".into(),
            review_on: None,
        },
    );
    let mut ending = assessed(&team, Policy::default());
    ok(
        &mut ending,
        w,
        day(20),
        end(Stage::Termination, TerminationReason::Transferred),
    );
    let mut closed = ending.clone();
    ok(&mut closed, w, day(20), summary());
    ok(&mut closed, w, day(20), Command::Close);
    let cases = [
        (
            team.open(Policy::default()),
            Status::Active(Stage::NeedsAssessment),
        ),
        (
            planned(&team, Policy::default()),
            Status::Active(Stage::Planning),
        ),
        (implementing, Status::Active(Stage::Implementation)),
        (held, Status::OnHold(Stage::Implementation)),
        (ending, Status::Active(Stage::Termination)),
        (closed, Status::Closed),
    ];
    let gate_problem = |p: &Problem| {
        matches!(
            p,
            Problem::Closed
                | Problem::NotClosed
                | Problem::OnHold
                | Problem::NotOnHold
                | Problem::WrongStage { .. }
        )
    };
    for (case, status) in cases {
        assert_eq!(case.status(), status);
        for (label, command) in every_command(&team) {
            let row = gate(command.name()).unwrap();
            let taken = match status {
                Status::Active(stage) => row.stages.contains(&stage),
                Status::OnHold(_) => match row.on_hold {
                    OnHold::Yes => true,
                    OnHold::ProviderAnswers => matches!(
                        &command,
                        Command::SetReferralStatus { status, .. }
                            if status.set_by() == ReferralSide::Provider
                    ),
                    _ => false,
                },
                Status::Closed => row.closed,
            };
            let by = [&team.supervisor, w, &team.mother, &team.agency]
                .into_iter()
                .find(|a| {
                    !matches!(
                        decide(&case, a, day(30), &command),
                        Err(Rejection::NotPermitted { .. })
                    )
                });
            let Some(by) = by else { continue };
            let gated = match decide(&case, by, day(30), &command) {
                Err(rejection) => rejection.problems().iter().any(gate_problem),
                Ok(_) => false,
            };
            assert_eq!(gated, !taken, "{label} in {status:?}");
        }
    }
}
