//! Replaying a stored record by the rulebook: every event is checked by the rules that accepted
//! its command, located by seq, with every problem named; each case of issue 9 pinned; and the
//! property that a mutated stream loads exactly when executing its commands one by one would
//! have recorded it.

mod fixtures;

use fixtures::streams::*;
use fixtures::*;
use pendamping::engagement::MAX_POLICY_ENTRIES;
use pendamping::*;
use proptest::prelude::*;

// ===================================================================== issue 9, case by case

#[test]
fn events_out_of_their_stage_or_status_do_not_load() {
    let team = Team::new();
    let w = &team.worker;
    let assessing = team.open(Policy::default()).take_pending();

    // A termination summary in needs assessment: it used to load, and be lost.
    let summarised = Event::TerminationSummaryRecorded {
        summary: "Done".into(),
    };
    assert_eq!(
        replay_error(with(&assessing, w, summarised)),
        "event 2: this is done in termination, and the engagement is in needs_assessment"
    );
    let decided = Event::ClosureApprovalDecided {
        approved: true,
        comment: None,
    };
    let err = Engagement::replay(with(&assessing, &team.supervisor, decided)).unwrap_err();
    assert_eq!(err.seq, 2);
    assert_eq!(
        err.problems(),
        [
            Problem::WrongStage {
                allowed: vec![Stage::Termination],
                current: Stage::NeedsAssessment
            },
            Problem::NoApprovalRequested
        ]
    );

    // An evaluation in needs assessment names the stage and the goal it scores.
    let evaluation = Event::EvaluationRecorded {
        evaluation: Evaluation {
            id: EvaluationId(1),
            at: day(1),
            plan: PlanVersion(1),
            scores: vec![],
            notes: None,
            decision: Decision::Continue,
            views: vec![],
            confidentiality: None,
        },
    };
    assert_eq!(
        replay_error(with(&assessing, w, evaluation)),
        "event 2: this is done in evaluation, and the engagement is in needs_assessment; scores \
         needs at least one entry"
    );

    // A follow-up while active; a need after closing.
    let follow_up = Event::FollowUpRecorded {
        note: "Fine".into(),
        confidentiality: None,
    };
    assert_eq!(
        replay_error(with(&assessing, w, follow_up)),
        "event 2: the engagement is not closed"
    );
    let mut case = assessed(&team, Policy::default());
    ok(
        &mut case,
        w,
        day(2),
        end(Stage::Termination, TerminationReason::Moved),
    );
    ok(&mut case, w, day(2), summary());
    ok(&mut case, w, day(2), Command::Close);
    let closed = case.take_pending();
    let need = Event::NeedRecorded {
        need: Need {
            id: NeedId(2),
            domain: "health".into(),
            description: "A cough".into(),
            priority: Priority::Low,
            status: NeedStatus::Open,
            proposed_by: None,
            confidentiality: None,
        },
    };
    assert_eq!(
        replay_error(with(&closed, w, need)),
        format!(
            "event {}: the engagement is closed: only follow-ups and reopening are possible",
            closed.len() + 1
        )
    );
}

#[test]
fn events_by_someone_the_team_or_policy_did_not_allow_do_not_load() {
    let team = Team::new();
    let events = team.open(Policy::default()).take_pending();
    let need = Event::NeedRecorded {
        need: Need {
            id: NeedId(1),
            domain: "income".into(),
            description: "No steady income".into(),
            priority: Priority::High,
            status: NeedStatus::Open,
            proposed_by: None,
            confidentiality: None,
        },
    };
    let stranger = actor("w:other", ActorKind::SocialWorker);
    let err = Engagement::replay(with(&events, &stranger, need.clone())).unwrap_err();
    assert_eq!(
        err.to_string(),
        "event 2: w:other (social_worker) may not record_need: not on the team"
    );
    assert!(matches!(
        err.kind,
        ReplayErrorKind::NotPermitted {
            why: NotPermittedBecause::NotOnTeam,
            ..
        }
    ));
    // The donor is on the team, but needs are the client system's to propose.
    assert_eq!(
        replay_error(with(&events, &team.donor, need.clone())),
        "event 2: d:zakat (donor) may not record_need: the policy does not give a donor the \
         propose_need permission"
    );
    // A grant recorded before the event makes it the donor's to record.
    let mut policy = Policy::default();
    policy.grants.push((ActorKind::Donor, Permission::Practice));
    let granted = with(&events, &team.supervisor, Event::PolicyChanged { policy });
    assert!(Engagement::replay(with(&granted, &team.donor, need)).is_ok());
}

#[test]
fn policies_are_bounded_at_opening_in_a_change_and_on_replay() {
    let team = Team::new();
    let mut flood = Policy::default();
    flood.grants = vec![(ActorKind::Donor, Permission::Practice); 100_000];
    let err = Engagement::open(&team.worker, day(0), team.opening(flood.clone())).unwrap_err();
    assert_eq!(
        err.to_string(),
        format!("cannot open: grants has 100000 entries, more than {MAX_POLICY_ENTRIES}")
    );
    assert_eq!(
        MAX_POLICY_ENTRIES,
        ActorKind::ALL.len() * Permission::ALL.len()
    );
    let mut case = team.open(Policy::default());
    let change = Command::ChangePolicy {
        policy: flood.clone(),
    };
    assert_eq!(
        refused(&mut case, &team.supervisor, day(1), change),
        format!("cannot change_policy: grants has 100000 entries, more than {MAX_POLICY_ENTRIES}")
    );
    let mut revoking = Policy::default();
    revoking.revocations = vec![(ActorKind::Donor, Permission::Practice); MAX_POLICY_ENTRIES + 1];
    assert_eq!(
        refused(
            &mut case,
            &team.supervisor,
            day(1),
            Command::ChangePolicy { policy: revoking }
        ),
        format!(
            "cannot change_policy: revocations has {} entries, more than {MAX_POLICY_ENTRIES}",
            MAX_POLICY_ENTRIES + 1
        )
    );
    // Stored, the same policies do not load.
    let events = case.take_pending();
    let changed = with(
        &events,
        &team.supervisor,
        Event::PolicyChanged {
            policy: flood.clone(),
        },
    );
    assert_eq!(
        replay_error(changed),
        format!("event 2: grants has 100000 entries, more than {MAX_POLICY_ENTRIES}")
    );
    let mut opened = events;
    let Event::Opened { policy, .. } = &mut opened[0].event else {
        panic!("{:?}", opened[0].event);
    };
    *policy = flood;
    assert_eq!(
        replay_error(opened),
        format!("event 1: grants has 100000 entries, more than {MAX_POLICY_ENTRIES}")
    );
}

#[test]
fn the_team_keeps_an_approver_while_the_policy_asks_for_approvals() {
    let team = Team::new();
    let sup = &team.supervisor;
    let mut case = team.open(approvals());
    // The only supervisor may not leave while approvals are required ...
    assert_eq!(
        refused(
            &mut case,
            sup,
            day(1),
            Command::RemoveMember { id: sup.id.clone() }
        ),
        "cannot remove_member: s:budi is the only member who may approve, and the policy asks \
         for approvals: add another first"
    );
    // ... nor may a policy take approval from everyone on the team while asking for it.
    let mut no_approvers = approvals();
    no_approvers
        .revocations
        .push((ActorKind::Supervisor, Permission::Approve));
    assert_eq!(
        refused(
            &mut case,
            sup,
            day(1),
            Command::ChangePolicy {
                policy: no_approvers.clone()
            }
        ),
        "cannot change_policy: the policy asks for approvals and no one on the team may approve: \
         add a supervisor first"
    );
    assert_eq!(
        Engagement::open(&team.worker, day(0), team.opening(no_approvers))
            .unwrap_err()
            .to_string(),
        "cannot open: the policy asks for approvals and no one on the team may approve: add a \
         supervisor first"
    );
    // With a second supervisor, one may leave; without approvals required, the last may too.
    let second = actor("s:rina", ActorKind::Supervisor);
    ok(
        &mut case,
        sup,
        day(1),
        Command::AddMember {
            member: member(&second, "Rina"),
        },
    );
    ok(
        &mut case,
        sup,
        day(1),
        Command::RemoveMember { id: sup.id.clone() },
    );
    let mut relaxed = team.open(Policy::default());
    ok(
        &mut relaxed,
        sup,
        day(1),
        Command::RemoveMember { id: sup.id.clone() },
    );
    // Stored, the removal of the last approver does not load.
    let events = team.open(approvals()).take_pending();
    assert_eq!(
        replay_error(with(
            &events,
            sup,
            Event::MemberRemoved { id: sup.id.clone() }
        )),
        "event 2: s:budi is the only member who may approve, and the policy asks for approvals: \
         add another first"
    );
}

#[test]
fn invisible_text_is_empty_text() {
    let team = Team::new();
    let w = &team.worker;
    let mut case = team.open(Policy::default());
    for blank in [
        "\u{200B}\u{2060}\u{FEFF}",
        "\u{00AD}",
        " \u{200D} \u{FE0F} ",
        "\u{3164}\u{2800}",
        "\u{E0020}",
    ] {
        assert_eq!(
            refused(&mut case, w, day(1), need("income", blank)),
            "cannot record_need: description is empty",
            "{blank:?}"
        );
        // An optional text made only of invisible characters counts as left out.
        let mut held = team.open(Policy::default());
        ok(
            &mut held,
            w,
            day(1),
            Command::Hold {
                reason: "Away".into(),
                review_on: None,
            },
        );
        ok(
            &mut held,
            w,
            day(1),
            Command::Resume {
                note: Some(blank.into()),
            },
        );
        assert!(matches!(
            held.pending().last().map(|r| &r.event),
            Some(Event::StatusChanged { reason: None, .. })
        ));
    }
    // Joiners inside visible text stay: they are part of how it is written.
    ok(
        &mut case,
        w,
        day(1),
        need("income", "Ibu \u{200D}Sari's stall 👩\u{200D}🍳"),
    );
    // Bidirectional overrides stay refused.
    assert_eq!(
        refused(&mut case, w, day(1), need("income", "paid \u{202E}0001")),
        "cannot record_need: description contains control character U+202E"
    );
    // Stored, an invisible description does not load.
    let events = team.open(Policy::default()).take_pending();
    let invisible = Event::NeedRecorded {
        need: Need {
            id: NeedId(1),
            domain: "income".into(),
            description: "\u{200B}\u{2060}\u{FEFF}".into(),
            priority: Priority::High,
            status: NeedStatus::Open,
            proposed_by: None,
            confidentiality: None,
        },
    };
    assert_eq!(
        replay_error(with(&events, w, invisible)),
        "event 2: description is empty"
    );
}

#[test]
fn a_forged_event_the_commands_could_not_record_does_not_load() {
    let team = Team::new();
    let w = &team.worker;
    let events = team.open(Policy::default()).take_pending();
    let need = |id, status, description: &str| Event::NeedRecorded {
        need: Need {
            id: NeedId(id),
            domain: "income".into(),
            description: description.into(),
            priority: Priority::High,
            status,
            proposed_by: None,
            confidentiality: None,
        },
    };
    // Need 5 after none.
    let err = Engagement::replay(with(&events, w, need(5, NeedStatus::Open, "x"))).unwrap_err();
    assert_eq!(err.to_string(), "event 2: expected need 1, found need 5");
    assert_eq!(
        err.kind,
        ReplayErrorKind::RecordId {
            expected: RecordRef::Need(NeedId(1)),
            found: RecordRef::Need(NeedId(5))
        }
    );
    // A need recorded as met already, an untrimmed text: not what `record_need` records.
    let met = need(1, NeedStatus::Met { note: None }, "x");
    let err = Engagement::replay(with(&events, w, met)).unwrap_err();
    assert_eq!(
        err.to_string(),
        "event 2: need.status.status is not what its command records"
    );
    assert_eq!(
        err.kind,
        ReplayErrorKind::NotAsRecorded {
            member: "need.status.status".into()
        }
    );
    assert_eq!(
        replay_error(with(&events, w, need(1, NeedStatus::Open, "  x "))),
        "event 2: need.description is not what its command records"
    );
    // A contribution in someone else's name.
    let mut case = matrix_case(&team).0;
    let events = case.take_pending();
    let contribution = Event::ContributionAdded {
        activity: ActivityId(1),
        contribution: Contribution {
            member: team.father.id.clone(),
            text: "We agree".into(),
        },
    };
    assert_eq!(
        replay_error(with(&events, &team.mother, contribution)),
        format!(
            "event {}: contribution.member is not what its command records",
            events.len() + 1
        )
    );
}

#[test]
fn unknown_json_members_are_named_in_commands_openings_and_events() {
    let err = |json: &str| {
        serde_json::from_str::<Command>(json)
            .unwrap_err()
            .to_string()
    };
    assert_eq!(
        err(r#"{"type":"hold","reason":"Away","review":"2026-06-01"}"#),
        "unknown field `review`, expected `reason` or `review_on`"
    );
    assert_eq!(
        err(r#"{"type":"close","reason":"done"}"#),
        "unknown field `reason`, there are no fields"
    );
    assert!(
        err(
            r#"{"type":"record_activity","function":"education","role":"enabler",
                "detail":{"kind":"protection","risk":"a","action":"b","urgent":true}}"#
        )
        .starts_with("unknown field `urgent`, expected `risk` or `action`")
    );
    assert!(
        err(r#"{"type":"change_policy","policy":{"grant":[]}}"#)
            .starts_with("unknown field `grant`, expected one of")
    );
    assert!(
        err(r#"{"type":"add_member","member":{"id":"c:ani","kind":"client_member","name":"Ani","age":9}}"#)
            .starts_with("unknown field `age`, expected one of `id`, `kind`, `name`")
    );
    let opening = r#"{"id":"case-1","client":{"level":"family","name":"Sari","village":"x"},
                      "team":[],"policy":{}}"#;
    assert!(
        serde_json::from_str::<Opening>(opening)
            .unwrap_err()
            .to_string()
            .starts_with("unknown field `village`, expected `level` or `name`")
    );
    // Inside a stored event: in the event, in a record, in `by`.
    let team = Team::new();
    let mut case = team.open(Policy::default());
    ok(
        &mut case,
        &team.worker,
        day(1),
        need("income", "No steady income"),
    );
    let line = serde_json::to_string(&case.take_pending()[1]).unwrap();
    let read = |json: String| serde_json::from_str::<Recorded>(&json).map_err(|e| e.to_string());
    assert!(read(line.clone()).is_ok());
    let cases = [
        (
            r#""type":"need_recorded","#,
            r#""type":"need_recorded","urgent":true,"#,
            "urgent",
        ),
        (
            r#""priority":"high""#,
            r#""priority":"high","owner":"x""#,
            "owner",
        ),
        (
            r#""kind":"social_worker""#,
            r#""kind":"social_worker","role":"x""#,
            "role",
        ),
        (
            r#""status":"open""#,
            r#""status":"open","since":1"#,
            "since",
        ),
    ];
    for (find, replace, member) in cases {
        assert!(line.contains(find), "{line}");
        let err = read(line.replacen(find, replace, 1)).unwrap_err();
        assert!(
            err.starts_with(&format!("unknown field `{member}`")),
            "{err}"
        );
    }
}

// ===================================================================== the property

fn mutation() -> impl Strategy<Value = Mutation> {
    let i = || 0..40usize;
    prop_oneof![
        (i(), i()).prop_map(|(a, b)| Mutation::Reorder(a, b)),
        i().prop_map(Mutation::Drop),
        i().prop_map(Mutation::Duplicate),
        (i(), 0..8usize).prop_map(|(a, b)| Mutation::Reattribute(a, b)),
        (i(), -72..72i64).prop_map(|(a, h)| Mutation::Redate(a, h)),
        (i(), 0..5usize).prop_map(|(a, s)| Mutation::Restage(a, s)),
        Just(Mutation::SwapId),
    ]
}

#[test]
fn the_script_runs_whole() {
    let (case, events) = execute(&script()).expect("every step of the script is accepted");
    assert_eq!(events.len(), script().len());
    assert_eq!(case.status(), Status::Active(Stage::NeedsAssessment));
    assert_eq!(Engagement::replay(events).unwrap(), case);
}

proptest! {
    #![proptest_config(config(256))]

    /// Reordered, dropped, duplicated, re-attributed, re-dated, re-staged or re-identified,
    /// with or without the seqs renumbered: replay accepts the stream exactly when executing
    /// its commands one by one records it, and then rebuilds that very engagement.
    #[test]
    fn replay_accepts_exactly_what_the_commands_record(
        mutations in prop::collection::vec(mutation(), 1..4),
        renumber in any::<bool>(),
    ) {
        let mut script = script();
        let (_, mut events) = execute(&script).unwrap();
        for m in &mutations {
            mutate(&mut script, &mut events, m);
        }
        if renumber {
            for (seq, recorded) in (1..).zip(events.iter_mut()) {
                recorded.seq = seq;
            }
        }
        let expected = execute(&script).filter(|(_, recorded)| *recorded == events);
        let replayed = Engagement::replay(events.clone());
        match (&expected, &replayed) {
            (Some((case, _)), Ok(rebuilt)) => prop_assert_eq!(rebuilt, case),
            (None, Err(_)) => {}
            _ => prop_assert!(
                false,
                "commands {} the stream, replay says {:?}",
                if expected.is_some() { "record" } else { "do not record" },
                replayed.map(|_| ())
            ),
        }
    }
}

/// Mutates the family script's stream, renumbers the seqs, and says whether it loads (and,
/// when it does, that executing the mutated commands records it).
fn loads_after(mutations: &[Mutation]) -> bool {
    let mut script = script();
    let (_, mut events) = execute(&script).unwrap();
    for m in mutations {
        mutate(&mut script, &mut events, m);
    }
    for (seq, recorded) in (1..).zip(events.iter_mut()) {
        recorded.seq = seq;
    }
    let executed = execute(&script).is_some_and(|(_, recorded)| recorded == events);
    let loads = Engagement::replay(events).is_ok();
    assert_eq!(loads, executed, "{mutations:?}");
    loads
}

#[test]
fn the_property_sees_streams_that_load_and_streams_that_do_not() {
    // Another engagement id, a later time for the last event, a duplicated follow-up, a
    // plan agreement recorded by the worker for the mother: commands would record these.
    assert!(loads_after(&[Mutation::SwapId]));
    assert!(loads_after(&[Mutation::Redate(29, 5)]));
    assert!(loads_after(&[Mutation::Duplicate(28)]));
    assert!(loads_after(&[Mutation::Reattribute(8, 0)]));
    // A need and a strength swapped: their ids are counted apart.
    assert!(loads_after(&[Mutation::Reorder(1, 2)]));
    // Two resources swapped, the opening dropped, a move to another stage, an approval
    // by the worker, an answer by the donor, time going back: they would not.
    assert!(!loads_after(&[Mutation::Reorder(2, 3)]));
    assert!(!loads_after(&[Mutation::Drop(0)]));
    assert!(!loads_after(&[Mutation::Drop(1)]));
    assert!(!loads_after(&[Mutation::Restage(5, 4)]));
    assert!(!loads_after(&[Mutation::Reattribute(10, 0)]));
    assert!(!loads_after(&[Mutation::Reattribute(17, 5)]));
    assert!(!loads_after(&[Mutation::Redate(3, -30)]));
    assert!(!loads_after(&[Mutation::Duplicate(0)]));
}

/// A journal never acknowledges an event it would not load: the append runs the rulebook.
#[cfg(feature = "journal")]
#[test]
fn a_journal_refuses_to_append_what_it_would_not_load() {
    let team = Team::new();
    let w = &team.worker;
    let events = team.open(Policy::default()).take_pending();
    let mut journal = Journal::new();
    journal.append(0, &events).unwrap();
    let forged = with(
        &events,
        w,
        Event::NeedRecorded {
            need: Need {
                id: NeedId(5),
                domain: "income".into(),
                description: "No steady income".into(),
                priority: Priority::High,
                status: NeedStatus::Open,
                proposed_by: None,
                confidentiality: None,
            },
        },
    );
    let before = journal.as_bytes().to_vec();
    let err = journal.append(1, &forged[1..]).unwrap_err();
    assert_eq!(
        err.to_string(),
        "cannot append event 2: the event does not fit the engagement: event 2: expected need 1, \
         found need 5"
    );
    assert_eq!(journal.as_bytes(), before);
    assert_eq!(journal.last_seq(), 1);
}
