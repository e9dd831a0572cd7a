//! Transfers (issue 14): a worker asks, the receiving worker (or a supervisor) accepts or
//! declines, and the engagement has one lead worker at every moment.

mod fixtures;

use fixtures::*;
use pendamping::*;

fn rina() -> Actor {
    actor("w:rina", ActorKind::SocialWorker)
}

fn to_rina() -> Command {
    Command::RequestTransfer {
        to: member(&rina(), "Rina Wulandari"),
        reason: "Siti moves to another district".into(),
    }
}

#[test]
fn the_receiving_worker_accepts_and_becomes_the_lead() {
    let team = Team::new();
    let w = &team.worker;
    let mut case = implementing(&team, Policy::default());
    assert_eq!(case.lead().unwrap().id, w.id);
    ok(&mut case, w, day(5), to_rina());
    // Until they answer, the lead is who it was; Rina is not on the team yet.
    assert_eq!(case.lead().unwrap().id, w.id);
    assert_eq!(case.transfer().unwrap().to.id, rina().id);
    assert!(case.team().iter().all(|m| m.id != rina().id));
    ok(
        &mut case,
        &rina(),
        day(6),
        Command::AcceptTransfer {
            note: Some("Met the family on Monday".into()),
        },
    );
    assert_eq!(case.lead().unwrap().id, rina().id);
    assert!(case.transfer().is_none());
    assert!(case.team().iter().any(|m| m.id == rina().id));
    // Rina is on the team now, and may hand it back.
    ok(
        &mut case,
        &rina(),
        day(7),
        Command::RequestTransfer {
            to: member(w, "Siti Rahma"),
            reason: "Back from leave".into(),
        },
    );
    ok(
        &mut case,
        w,
        day(7),
        Command::DeclineTransfer {
            reason: "Still on leave".into(),
        },
    );
    assert_eq!(case.lead().unwrap().id, rina().id);
    let events = case.pending().to_vec();
    assert_eq!(Engagement::replay(events).unwrap(), case);
}

#[test]
fn a_supervisor_may_answer_for_the_receiving_worker_and_nobody_else_may() {
    let team = Team::new();
    let w = &team.worker;
    let mut case = implementing(&team, Policy::default());
    ok(&mut case, w, day(5), to_rina());
    let decline = Command::DeclineTransfer {
        reason: "Rina's caseload is full".into(),
    };
    assert_eq!(
        decide(&case, w, day(5), &decline).unwrap_err().to_string(),
        "w:siti (social_worker) may not decline_transfer: the policy does not give a \
         social_worker the approve permission"
    );
    let stranger = actor("w:other", ActorKind::SocialWorker);
    assert_eq!(
        decide(&case, &stranger, day(5), &decline)
            .unwrap_err()
            .to_string(),
        "w:other (social_worker) may not decline_transfer: not on the team"
    );
    ok(&mut case, &team.supervisor, day(5), decline);
    assert!(case.transfer().is_none());
    assert_eq!(case.lead().unwrap().id, w.id);
}

#[test]
fn bad_transfers_are_refused_naming_who() {
    let team = Team::new();
    let w = &team.worker;
    let mut case = implementing(&team, Policy::default());
    let to = |a: &Actor| Command::RequestTransfer {
        to: member(a, "Someone"),
        reason: "Handover".into(),
    };
    assert_eq!(
        refused(&mut case, w, day(5), to(&team.supervisor)),
        "cannot request_transfer: s:budi is a supervisor, not a social_worker"
    );
    assert_eq!(
        refused(&mut case, w, day(5), to(w)),
        "cannot request_transfer: w:siti is the lead worker already"
    );
    assert_eq!(
        refused(
            &mut case,
            &team.supervisor,
            day(5),
            Command::AcceptTransfer { note: None }
        ),
        "cannot accept_transfer: no transfer is waiting for an answer"
    );
    ok(&mut case, w, day(5), to_rina());
    let other = actor("w:dewi", ActorKind::SocialWorker);
    let err = decide(&case, w, day(5), &to(&other)).unwrap_err();
    assert_eq!(
        err.message(Lang::Id),
        "tidak bisa meminta pengalihan kasus: pengalihan kepada w:rina masih menunggu jawaban"
    );
    assert_eq!(
        refused(&mut case, w, day(5), to(&other)),
        "cannot request_transfer: a transfer to w:rina is waiting for an answer"
    );
}

#[test]
fn reassigning_the_lead_hands_the_lead_on() {
    let team = Team::new();
    let mut case = implementing(&team, Policy::default());
    ok(
        &mut case,
        &team.supervisor,
        day(5),
        Command::ReassignWorker {
            from: team.worker.id.clone(),
            to: member(&rina(), "Rina Wulandari"),
        },
    );
    assert_eq!(case.lead().unwrap().id, rina().id);
}

#[test]
fn the_policy_may_ask_the_family_to_consent_before_a_transfer_is_accepted() {
    let team = Team::new();
    let w = &team.worker;
    let mut policy = Policy::default();
    policy.transfer_consent_required = true;
    let mut case = implementing(&team, policy);
    ok(&mut case, w, day(5), to_rina());
    let accept = || Command::AcceptTransfer { note: None };
    let err = decide(&case, &rina(), day(6), &accept()).unwrap_err();
    assert_eq!(
        err.message(Lang::Id),
        "tidak bisa menerima pengalihan kasus: belum ada anggota sistem klien yang memberi izin \
         pengalihan kasus"
    );
    assert_eq!(
        refused(&mut case, &rina(), day(6), accept()),
        "cannot accept_transfer: no client-system member has consented to the transfer"
    );
    // The mother consents in her own voice; the worker may not record it twice.
    ok(
        &mut case,
        &team.mother,
        day(6),
        Command::ConsentToTransfer { on_behalf_of: None },
    );
    assert_eq!(
        refused(
            &mut case,
            w,
            day(6),
            Command::ConsentToTransfer {
                on_behalf_of: Some(team.mother.id.clone())
            }
        ),
        "cannot consent_to_transfer: c:sari has already consented to the transfer"
    );
    assert_eq!(
        case.transfer().unwrap().consent,
        std::slice::from_ref(&team.mother.id)
    );
    ok(&mut case, &rina(), day(6), accept());
    assert_eq!(case.lead().unwrap().id, rina().id);
    let events = case.pending().to_vec();
    assert_eq!(Engagement::replay(events).unwrap(), case);
}
