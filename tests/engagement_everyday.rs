//! The everyday record (issue 14): case notes and the timeline, corrections (amending and
//! retracting, the original kept), and the time sanity rule. Every refusal is checked to
//! change nothing (see `fixtures::refused`), and every accepted stream to replay to the live
//! state.

mod fixtures;

use chrono::{TimeDelta, TimeZone, Utc};
use fixtures::*;
use pendamping::*;

fn note(text: &str, concerns: Vec<RecordRef>) -> Command {
    Command::RecordNote {
        kind: ContactKind::HomeVisit,
        participants: vec!["Ibu Sari".into(), "Ani".into()],
        text: text.into(),
        concerns,
    }
}

fn amend(record: RecordRef, change: Amendment) -> Command {
    Command::Amend {
        record,
        change,
        reason: "Typed in the wrong row".into(),
    }
}

fn retract(record: RecordRef) -> Command {
    Command::Retract {
        record,
        reason: "Recorded for the wrong family".into(),
    }
}

/// The family case in needs assessment, with its team.
fn assessed_case() -> (Team, Engagement) {
    let team = Team::new();
    let case = assessed(&team, Policy::default());
    (team, case)
}

/// The family card, attached to the case as a whole.
fn family_card() -> Command {
    Command::AttachDocument {
        record: None,
        document: document("kk-0142", "application/pdf", &"0".repeat(64)),
    }
}

#[track_caller]
fn replays(case: &Engagement) {
    let events = case.pending().to_vec();
    assert_eq!(&Engagement::replay(events).unwrap(), case);
}

// ===================================================================== notes

#[test]
fn a_note_is_taken_in_every_active_stage_and_on_hold_and_listed_in_the_timeline() {
    let team = Team::new();
    let w = &team.worker;
    let mut case = team.open(Policy::default());
    ok(&mut case, w, day(0), note("First visit", vec![]));
    let mut case = implementing(&team, Policy::default());
    ok(
        &mut case,
        w,
        day(5),
        note("Ani went to school twice", vec![RecordRef::Need(NeedId(1))]),
    );
    ok(&mut case, w, day(5), consultation(&[1]));
    ok(
        &mut case,
        w,
        day(6),
        Command::Hold {
            reason: "The family travels to a funeral".into(),
            review_on: None,
        },
    );
    ok(
        &mut case,
        w,
        day(7),
        Command::RecordNote {
            kind: ContactKind::Phone,
            participants: vec!["Ibu Sari".into()],
            text: "They are back on Friday".into(),
            concerns: vec![],
        },
    );
    let n = case.note(NoteId(2)).unwrap();
    assert_eq!(n.kind, ContactKind::Phone);
    assert_eq!((n.at, n.by.as_str()), (day(7), "w:siti"));
    assert_eq!(case.notes().len(), 2);
    assert_eq!(
        case.note(NoteId(1)).unwrap().concerns,
        [RecordRef::Need(NeedId(1))]
    );

    let timeline: Vec<(chrono::DateTime<Utc>, &str)> = case
        .timeline()
        .iter()
        .map(|d| {
            let what = match d {
                Dated::Note(_) => "note",
                Dated::Activity(_) => "activity",
                Dated::Status(_) => "status",
                _ => "other",
            };
            (d.at(), what)
        })
        .collect();
    assert_eq!(
        timeline,
        [
            (day(2), "status"),
            (day(4), "status"),
            (day(5), "note"),
            (day(5), "activity"),
            (day(6), "status"),
            (day(7), "note"),
        ]
    );
    replays(&case);

    ok(&mut case, w, day(8), Command::Resume { note: None });
    ok(
        &mut case,
        w,
        day(8),
        end(Stage::Termination, TerminationReason::Transferred),
    );
    ok(&mut case, w, day(8), summary());
    ok(&mut case, w, day(8), Command::Close);
    assert_eq!(
        refused(&mut case, w, day(9), note("After closing", vec![])),
        "cannot record_note: the engagement is closed: only follow-ups and reopening are possible"
    );
}

#[test]
fn a_note_naming_what_does_not_exist_is_refused_naming_it() {
    let (team, mut case) = assessed_case();
    let w = &team.worker;
    let bad = Command::RecordNote {
        kind: ContactKind::Meeting,
        participants: vec![],
        text: "  ".into(),
        concerns: vec![
            RecordRef::Need(NeedId(9)),
            RecordRef::Resource(ResourceId(1)),
            RecordRef::Resource(ResourceId(1)),
        ],
    };
    let json = serde_json::to_value(&bad).unwrap();
    let err = case.decide_preview(w, &bad);
    assert_eq!(
        refused(&mut case, w, day(2), bad),
        "cannot record_note: participants needs at least one entry; text is empty; \
         there is no need 9; resource 1 is named twice"
    );
    assert_eq!(
        err.message(Lang::Id),
        "tidak bisa mencatat catatan kasus: peserta perlu diisi paling sedikit satu; teks \
         kosong; kebutuhan 9 tidak ada; sumber 1 disebut dua kali"
    );
    let refusal = wire::Refusal::of_command(&err, &serde_json::from_value(json).unwrap(), Lang::En);
    let paths: Vec<Option<&str>> = refusal.problems.iter().map(|p| p.path.as_deref()).collect();
    assert_eq!(
        paths,
        [
            Some("/participants"),
            Some("/text"),
            Some("/concerns/0/id"),
            Some("/concerns/2/id")
        ]
    );
}

trait Preview {
    fn decide_preview(&self, by: &Actor, command: &Command) -> Rejection;
}

impl Preview for Engagement {
    fn decide_preview(&self, by: &Actor, command: &Command) -> Rejection {
        decide(self, by, day(2), command).unwrap_err()
    }
}

// ===================================================================== corrections

#[test]
fn an_amendment_shows_the_current_form_and_keeps_the_original() {
    let (team, mut case) = assessed_case();
    let w = &team.worker;
    let need = RecordRef::Need(NeedId(1));
    ok(
        &mut case,
        w,
        day(2),
        amend(
            need,
            Amendment::Priority {
                priority: Priority::Urgent,
            },
        ),
    );
    ok(
        &mut case,
        w,
        day(2),
        amend(
            RecordRef::Resource(ResourceId(2)),
            Amendment::Barriers {
                barriers: vec![
                    Barrier::MissingDocuments,
                    Barrier::MissingDocuments,
                    Barrier::Economic,
                ],
            },
        ),
    );
    assert_eq!(case.need(NeedId(1)).unwrap().priority, Priority::Urgent);
    assert_eq!(
        case.resource(ResourceId(2)).unwrap().barriers,
        [Barrier::MissingDocuments, Barrier::Economic]
    );
    let history: Vec<&Correction> = case.corrections_of(need).collect();
    assert_eq!(history.len(), 1);
    assert_eq!(
        history[0].kind,
        CorrectionKind::Amended {
            from: Amendment::Priority {
                priority: Priority::High
            },
            to: Amendment::Priority {
                priority: Priority::Urgent
            },
        }
    );
    assert_eq!(history[0].reason, "Typed in the wrong row");
    assert_eq!((history[0].at, history[0].by.as_str()), (day(2), "w:siti"));
    assert_eq!(case.corrections().len(), 2);
    replays(&case);
}

#[test]
fn bad_corrections_are_refused_naming_the_record() {
    let (team, mut case) = assessed_case();
    let w = &team.worker;
    let need = RecordRef::Need(NeedId(1));
    let cases = [
        (
            amend(
                RecordRef::Need(NeedId(7)),
                Amendment::Priority {
                    priority: Priority::Low,
                },
            ),
            "cannot amend: there is no need 7",
            "tidak bisa mengoreksi catatan: kebutuhan 7 tidak ada",
        ),
        (
            amend(
                need,
                Amendment::Barriers {
                    barriers: vec![Barrier::Economic],
                },
            ),
            "cannot amend: need 1 has no barriers to amend",
            "tidak bisa mengoreksi catatan: kebutuhan 1 tidak punya hambatan untuk diubah",
        ),
        (
            amend(
                need,
                Amendment::Priority {
                    priority: Priority::High,
                },
            ),
            "cannot amend: need 1 already has this priority",
            "tidak bisa mengoreksi catatan: kebutuhan 1 sudah memiliki prioritas ini",
        ),
        (
            Command::Amend {
                record: need,
                change: Amendment::Domain { domain: "".into() },
                reason: " ".into(),
            },
            "cannot amend: reason is empty; domain is empty",
            "tidak bisa mengoreksi catatan: alasan kosong; bidang kosong",
        ),
        (
            retract(RecordRef::Plan(PlanVersion(1))),
            "cannot retract: plan version 1 cannot be corrected: revise the plan instead",
            "tidak bisa menarik catatan: rencana versi 1 tidak bisa dikoreksi: revisi rencananya",
        ),
        (
            retract(RecordRef::Note(NoteId(1))),
            "cannot retract: there is no note 1",
            "tidak bisa menarik catatan: catatan kasus 1 tidak ada",
        ),
    ];
    for (command, en, id) in cases {
        let err = decide(&case, w, day(2), &command).unwrap_err();
        assert_eq!(err.message(Lang::Id), id);
        assert_eq!(refused(&mut case, w, day(2), command), en);
    }
    ok(&mut case, w, day(2), retract(need));
    assert_eq!(
        refused(&mut case, w, day(2), retract(need)),
        "cannot retract: need 1 was retracted"
    );
    assert_eq!(
        refused(
            &mut case,
            w,
            day(2),
            amend(
                need,
                Amendment::Priority {
                    priority: Priority::Low
                }
            )
        ),
        "cannot amend: need 1 was retracted"
    );
    // The client system's members may not correct the record.
    assert!(matches!(
        decide(
            &case,
            &team.mother,
            day(2),
            &retract(RecordRef::Resource(ResourceId(1)))
        ),
        Err(Rejection::NotPermitted { .. })
    ));
}

#[test]
fn a_retracted_record_stops_counting_in_guards_reports_and_the_eco_map() {
    let (team, mut case) = assessed_case();
    let w = &team.worker;
    ok(&mut case, w, day(2), retract(RecordRef::Need(NeedId(1))));
    ok(
        &mut case,
        w,
        day(2),
        retract(RecordRef::Resource(ResourceId(1))),
    );
    assert_eq!(case.needs().len(), 1, "kept in its list");
    assert!(case.is_retracted(RecordRef::Need(NeedId(1))));
    assert_eq!(case.open_needs().count(), 0);
    assert_eq!(case.strengths().count(), 0);
    assert_eq!(
        refused(&mut case, w, day(2), move_to(Stage::Planning)),
        "cannot move_to_stage: record at least one open need; record at least one strength: \
         a resource of the client system's own, or one its community, a neighbour or a group \
         makes available to it"
    );
    let figures = caseload::EngagementSummary::of(&case);
    assert_eq!((figures.needs, figures.open_needs), (0, 0));
    #[cfg(feature = "ecomap")]
    {
        let map = ecomap::EcoMap::from_engagement(&case);
        assert!(map.centre().strengths.is_empty());
    }
    replays(&case);

    // A referral in flight that was a mistake no longer holds the closing up.
    let mut case = implementing(&team, Policy::default());
    ok(&mut case, w, day(5), refer(2, partner(&team.agency)));
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
        end(Stage::Termination, TerminationReason::Transferred),
    );
    ok(&mut case, w, day(6), summary());
    assert_eq!(
        refused(&mut case, w, day(6), Command::Close),
        "cannot close: referrals are still in flight: referral 1"
    );
    ok(
        &mut case,
        w,
        day(6),
        retract(RecordRef::Referral(ReferralId(1))),
    );
    ok(&mut case, w, day(6), Command::Close);
    replays(&case);
}

#[test]
fn a_retracted_activity_is_no_activity_and_leaves_the_role_mix() {
    let team = Team::new();
    let w = &team.worker;
    let mut case = implementing(&team, Policy::default());
    ok(&mut case, w, day(5), consultation(&[1]));
    ok(
        &mut case,
        w,
        day(5),
        retract(RecordRef::Activity(ActivityId(1))),
    );
    assert_eq!(case.role_mix().total(), 0);
    assert_eq!(
        refused(&mut case, w, day(5), move_to(Stage::Evaluation)),
        "cannot move_to_stage: record at least one activity since implementation began"
    );
    assert!(
        case.timeline()
            .iter()
            .all(|d| !matches!(d, Dated::Activity(_)))
    );
    replays(&case);
}

// ===================================================================== time

#[test]
fn an_at_correction_moves_a_record_and_stays_inside_the_engagement() {
    let (team, mut case) = assessed_case();
    let w = &team.worker;
    ok(&mut case, w, day(3), note("Visit", vec![]));
    let at = |n| amend(RecordRef::Note(NoteId(1)), Amendment::At { at: day(n) });
    ok(&mut case, w, day(4), at(2));
    assert_eq!(case.note(NoteId(1)).unwrap().at, day(2));
    assert_eq!(
        refused(&mut case, w, day(4), at(6)),
        "cannot amend: the corrected time 2026-03-08 09:00:00 UTC is not between the opening \
         at 2026-03-02 09:00:00 UTC and the correction at 2026-03-06 09:00:00 UTC"
    );
    assert_eq!(
        refused(&mut case, w, day(4), at(-1)),
        "cannot amend: the corrected time 2026-03-01 09:00:00 UTC is not between the opening \
         at 2026-03-02 09:00:00 UTC and the correction at 2026-03-06 09:00:00 UTC"
    );
    replays(&case);
}

#[test]
fn a_far_future_date_is_refused_against_the_apps_clock() {
    let (team, mut case) = assessed_case();
    let w = &team.worker;
    let far = Utc.with_ymd_and_hms(9999, 1, 1, 0, 0, 0).unwrap();
    let before = case.clone();
    let err = case
        .execute_now(w, far, day(2), note("Visit", vec![]))
        .unwrap_err();
    assert_eq!(case, before);
    assert_eq!(
        err.to_string(),
        "cannot record_note: time 9999-01-01 00:00:00 UTC is more than 5 minutes after the \
         app's clock at 2026-03-04 09:00:00 UTC"
    );
    assert_eq!(
        err.message(Lang::Id),
        "tidak bisa mencatat catatan kasus: waktu 9999-01-01 00:00:00 UTC lebih dari 5 menit \
         setelah jam aplikasi pada 2026-03-04 09:00:00 UTC"
    );
    assert_eq!(err.problems()[0].code(), "future_time");
    // Within the allowance, and with the command's own problems after the time's.
    let skewed = day(2) + TimeDelta::minutes(5);
    case.execute_now(w, skewed, day(2), note("Visit", vec![]))
        .unwrap();
    let err = case
        .execute_now(w, far, day(2), note("", vec![]))
        .unwrap_err();
    let codes: Vec<&str> = err.problems().iter().map(Problem::code).collect();
    assert_eq!(codes, ["future_time", "empty_text"]);
    // The allowance is the policy's.
    let mut policy = Policy::default();
    policy.clock_skew_minutes = 60;
    let mut case = assessed(&team, policy);
    case.execute_now(
        w,
        day(2) + TimeDelta::minutes(59),
        day(2),
        note("Visit", vec![]),
    )
    .unwrap();
}

#[test]
fn a_note_dated_by_a_wrong_clock_is_corrected_and_the_engagement_goes_on() {
    let (team, mut case) = assessed_case();
    let w = &team.worker;
    let far = Utc.with_ymd_and_hms(9999, 1, 1, 0, 0, 0).unwrap();
    // `execute` trusts the time it is given: this is what an app without a clock check did.
    ok(&mut case, w, far, note("Visit", vec![]));
    assert!(
        refused(&mut case, w, day(3), need("health", "Missed immunisations")).starts_with(
            "cannot record_need: time 2026-03-05 09:00:00 UTC is before the last record"
        )
    );
    // Only an `at` correction of that very record may be dated before it.
    assert!(
        refused(
            &mut case,
            w,
            day(3),
            amend(
                RecordRef::Need(NeedId(1)),
                Amendment::Domain {
                    domain: "income".into()
                }
            )
        )
        .starts_with("cannot amend: time 2026-03-05 09:00:00 UTC is before the last record")
    );
    ok(
        &mut case,
        w,
        day(3),
        amend(RecordRef::Note(NoteId(1)), Amendment::At { at: day(2) }),
    );
    assert_eq!(case.last_at(), day(3));
    assert_eq!(case.note(NoteId(1)).unwrap().at, day(2));
    ok(&mut case, w, day(3), need("health", "Missed immunisations"));
    replays(&case);
}

// ===================================================================== replay

#[test]
fn a_forged_correction_does_not_load() {
    let (team, mut case) = assessed_case();
    let w = &team.worker;
    ok(
        &mut case,
        w,
        day(2),
        amend(
            RecordRef::Need(NeedId(1)),
            Amendment::Priority {
                priority: Priority::Low,
            },
        ),
    );
    let mut events = case.take_pending();
    let good = events.clone();
    if let Event::Amended { from, .. } = &mut events.last_mut().unwrap().event {
        *from = Amendment::Priority {
            priority: Priority::Medium,
        };
    }
    assert_eq!(
        replay_error(events),
        "event 5: from.priority is not what its command records"
    );
    let retracted = with(
        &good,
        w,
        Event::Retracted {
            record: RecordRef::Goal(GoalId(1)),
            reason: "x".into(),
        },
    );
    assert_eq!(replay_error(retracted), "event 6: there is no goal 1");
    let json = serde_json::to_string(&good).unwrap();
    let back: Vec<Recorded> = serde_json::from_str(&json).unwrap();
    assert_eq!(back, good);
}

// ===================================================================== property

mod props {
    use super::*;
    use proptest::prelude::*;
    use serde_json::Value;

    /// The engagement as JSON, less what a correction may change: the target record, the
    /// corrections, the clock and the index of personal texts (which gains the correction's
    /// own; the property checks it only grows).
    fn others(case: &Engagement, target: RecordRef) -> Value {
        let mut json = serde_json::to_value(case).unwrap();
        let object = json.as_object_mut().unwrap();
        for key in [
            "corrections",
            "retracted",
            "last_record",
            "last_at",
            "seq",
            "texts",
        ] {
            object.remove(key);
        }
        if let Some(entry) = list(object, target) {
            *entry = Value::Null;
        }
        json
    }

    /// The target record's JSON in its engagement's list.
    fn list(object: &mut serde_json::Map<String, Value>, target: RecordRef) -> Option<&mut Value> {
        let key = match target {
            RecordRef::Need(_) => "needs",
            RecordRef::Resource(_) => "resources",
            RecordRef::Goal(_) => "goals",
            RecordRef::Intervention(_) => "interventions",
            RecordRef::Activity(_) => "activities",
            RecordRef::Referral(_) => "referrals",
            RecordRef::Evaluation(_) => "evaluations",
            RecordRef::Note(_) => "notes",
            _ => "plans",
        };
        let index = usize::try_from(target.number()).ok()?.checked_sub(1)?;
        object.get_mut(key)?.get_mut(index)
    }

    fn record(case: &Engagement, target: RecordRef) -> Value {
        let mut json = serde_json::to_value(case).unwrap();
        list(json.as_object_mut().unwrap(), target)
            .map(Value::take)
            .unwrap_or(Value::Null)
    }

    /// The case with one record of most kinds: a need, two resources, a goal, an
    /// intervention, a consultation, a referral with its linkage, and a note.
    fn rich() -> (Team, Engagement) {
        let team = Team::new();
        let mut case = implementing(&team, Policy::default());
        let w = team.worker.clone();
        ok(&mut case, &w, day(5), consultation(&[1]));
        ok(&mut case, &w, day(5), refer(2, partner(&team.agency)));
        ok(&mut case, &w, day(5), note("Visit", vec![]));
        (team, case)
    }

    fn targets() -> impl Strategy<Value = RecordRef> {
        prop_oneof![
            (1..=2_u32).prop_map(|n| RecordRef::Need(NeedId(n))),
            (1..=3_u32).prop_map(|n| RecordRef::Resource(ResourceId(n))),
            Just(RecordRef::Goal(GoalId(1))),
            Just(RecordRef::Intervention(InterventionId(1))),
            (1..=3_u32).prop_map(|n| RecordRef::Activity(ActivityId(n))),
            Just(RecordRef::Referral(ReferralId(1))),
            Just(RecordRef::Note(NoteId(1))),
            Just(RecordRef::Plan(PlanVersion(1))),
        ]
    }

    fn changes() -> impl Strategy<Value = Option<Amendment>> {
        prop_oneof![
            Just(None),
            "[a-z ]{0,12}".prop_map(|domain| Some(Amendment::Domain { domain })),
            "[a-z ]{0,12}".prop_map(|description| Some(Amendment::Description { description })),
            prop::sample::select(Priority::ALL)
                .prop_map(|priority| Some(Amendment::Priority { priority })),
            prop::collection::vec(prop::sample::select(Barrier::ALL), 0..4)
                .prop_map(|barriers| Some(Amendment::Barriers { barriers })),
            proptest::option::of("[a-z]{0,6}").prop_map(|note| Some(Amendment::Note { note })),
            "[a-z ]{0,12}".prop_map(|text| Some(Amendment::Text { text })),
            prop::collection::vec("[A-Za-z]{0,6}", 0..3)
                .prop_map(|participants| Some(Amendment::Participants { participants })),
            (-1..8_i64).prop_map(|d| Some(Amendment::At { at: day(d) })),
        ]
    }

    proptest! {
        #![proptest_config(config(64))]

        /// An accepted correction changes its target's one member (or retracts it) and
        /// nothing else; a refused one changes nothing; the result replays.
        #[test]
        fn corrections_never_change_anything_but_their_target(
            steps in prop::collection::vec((targets(), changes()), 1..8)
        ) {
            let (team, mut case) = rich();
            for (target, change) in steps {
                let before = case.clone();
                let command = match &change {
                    Some(change) => amend(target, change.clone()),
                    None => retract(target),
                };
                match case.execute(&team.worker, day(6), command) {
                    Err(_) => prop_assert_eq!(&case, &before),
                    Ok(_) => {
                        prop_assert_eq!(others(&case, target), others(&before, target));
                        prop_assert!(case.text_slots().starts_with(before.text_slots()));
                        let (mut was, mut is) = (record(&before, target), record(&case, target));
                        if let Some(change) = &change {
                            was.as_object_mut().unwrap().remove(change.member());
                            is.as_object_mut().unwrap().remove(change.member());
                        } else {
                            prop_assert!(case.is_retracted(target));
                        }
                        prop_assert_eq!(was, is);
                        prop_assert_eq!(case.corrections().len(), before.corrections().len() + 1);
                    }
                }
            }
            let events = case.pending().to_vec();
            prop_assert_eq!(Engagement::replay(events).unwrap(), case);
        }
    }
}

#[cfg(feature = "journal")]
#[test]
fn notes_and_corrections_go_through_a_journal() {
    let (team, mut case) = assessed_case();
    let w = &team.worker;
    ok(
        &mut case,
        w,
        day(2),
        note("Visit", vec![RecordRef::Need(NeedId(1))]),
    );
    ok(
        &mut case,
        w,
        day(2),
        amend(RecordRef::Note(NoteId(1)), Amendment::At { at: day(1) }),
    );
    ok(
        &mut case,
        w,
        day(2),
        retract(RecordRef::Resource(ResourceId(2))),
    );
    let mut journal = Journal::new();
    journal.append_pending(&mut case).unwrap();
    let bytes = journal.into_bytes();
    let text = String::from_utf8(bytes.clone()).unwrap();
    assert!(text.contains(r#""type":"note_recorded""#));
    assert!(text.contains(r#""record":{"record":"note","id":1}"#));
    let loaded =
        pendamping::journal::load(std::io::Cursor::new(bytes), &JournalOptions::default()).unwrap();
    assert_eq!(loaded, case);
}

// ===================================================================== documents

fn document(id: &str, media_type: &str, sha256: &str) -> DocumentRef {
    DocumentRef {
        id: DocumentId::new(id).unwrap(),
        media_type: media_type.into(),
        sha256: sha256.into(),
        title: "KIS card, front".into(),
        confidentiality: Confidentiality::Confidential,
    }
}

#[test]
fn a_document_is_attached_by_reference_to_the_case_or_a_record() {
    let (team, mut case) = assessed_case();
    let w = &team.worker;
    let digest = "9F86D081884C7D659A2FEAA0C55AD015A3BF4F1B2B0B822CD15D6C15B0F00A08";
    ok(
        &mut case,
        w,
        day(2),
        Command::AttachDocument {
            record: Some(RecordRef::Need(NeedId(1))),
            document: document("kis-0142-front", "Image/JPEG", digest),
        },
    );
    ok(&mut case, w, day(2), family_card());
    let kis: Vec<&Attachment> = case
        .documents_of(Some(RecordRef::Need(NeedId(1))))
        .collect();
    assert_eq!(kis.len(), 1);
    assert_eq!(kis[0].document.media_type, "image/jpeg");
    assert_eq!(kis[0].document.sha256, digest.to_ascii_lowercase());
    assert_eq!((kis[0].at, kis[0].by.as_str()), (day(2), "w:siti"));
    assert_eq!(case.documents_of(None).count(), 1);
    assert_eq!(case.documents().len(), 2);
    replays(&case);
}

#[test]
fn a_bad_document_reference_is_refused_naming_it() {
    let (team, mut case) = assessed_case();
    let w = &team.worker;
    ok(&mut case, w, day(2), family_card());
    let bad = Command::AttachDocument {
        record: Some(RecordRef::Goal(GoalId(3))),
        document: DocumentRef {
            title: "\u{202E}gpj.exe".into(),
            ..document("kk-0142", "jpeg", "abc")
        },
    };
    let err = decide(&case, w, day(2), &bad).unwrap_err();
    assert_eq!(
        err.message(Lang::Id),
        "tidak bisa melampirkan dokumen: tujuan 3 tidak ada; dokumen kk-0142 sudah dilampirkan; \
         \"jpeg\" bukan jenis media seperti image/jpeg; \"abc\" bukan ringkasan SHA-256 berupa \
         64 digit heksadesimal; judul berisi karakter kontrol U+202E"
    );
    let refusal = wire::Refusal::of_command(&err, &bad, Lang::En);
    let paths: Vec<Option<&str>> = refusal.problems.iter().map(|p| p.path.as_deref()).collect();
    assert_eq!(
        paths,
        [
            Some("/record/id"),
            Some("/document/id"),
            Some("/document/media_type"),
            Some("/document/sha256"),
            Some("/document/title")
        ]
    );
    assert_eq!(
        refused(&mut case, w, day(2), bad),
        "cannot attach_document: there is no goal 3; document kk-0142 is attached already; \
         \"jpeg\" is not a media type such as image/jpeg; \"abc\" is not a SHA-256 digest of 64 \
         hexadecimal digits; title contains control character U+202E"
    );
}

#[test]
fn an_activity_dated_by_a_wrong_clock_is_corrected_and_replays() {
    let team = Team::new();
    let w = &team.worker;
    let mut case = implementing(&team, Policy::default());
    let far = Utc.with_ymd_and_hms(9999, 1, 1, 0, 0, 0).unwrap();
    ok(&mut case, w, far, consultation(&[1]));
    ok(
        &mut case,
        w,
        day(5),
        amend(
            RecordRef::Activity(ActivityId(1)),
            Amendment::At { at: day(5) },
        ),
    );
    assert_eq!(case.activity(ActivityId(1)).unwrap().at, day(5));
    // Replay moves the activity into the state by value; the clock it may set back is the same.
    replays(&case);
}
