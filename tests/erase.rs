//! Issue 12: erasable personal text. Journal format 2, the erase command, erasure on the stored
//! bytes (which still verify, seals included), migration from version 1, subject access.

use chrono::{DateTime, TimeDelta, TimeZone, Utc};
use pendamping::journal::{self, Journal, JournalOptions};
use pendamping::protect::{self, Authenticity, Key, Keyring, Proof};
use pendamping::*;

fn day(n: i64) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 3, 2, 9, 0, 0).unwrap() + TimeDelta::days(n)
}

fn actor(id: &str, kind: ActorKind) -> Actor {
    Actor::new(id, kind).unwrap()
}

fn member(id: &str, kind: ActorKind, name: &str) -> TeamMember {
    TeamMember {
        id: id.parse().unwrap(),
        kind,
        name: name.into(),
    }
}

const NAME: &str = "Budi Santoso";
const WORDS: &str = "I want to open a workshop";
const NEED: &str = "Owes Pak Joko three million rupiah";
const STRENGTH: &str = "Repairs motorbikes for the neighbours";

struct Case {
    e: Engagement,
    worker: Actor,
    supervisor: Actor,
    budi: Actor,
}

/// A case with a worker, a supervisor and a client member who spoke in a consultation.
fn case() -> Case {
    let worker = actor("w:siti", ActorKind::SocialWorker);
    let supervisor = actor("s:ani", ActorKind::Supervisor);
    let budi = actor("c:budi", ActorKind::ClientMember);
    let mut e = Engagement::open(
        &worker,
        day(0),
        Opening {
            id: EngagementId::new("pkh-0142").unwrap(),
            client: ClientSystem {
                level: ClientSystemLevel::Family,
                name: "Keluarga Santoso".into(),
            },
            team: vec![
                member("w:siti", ActorKind::SocialWorker, "Siti Rahayu"),
                member("s:ani", ActorKind::Supervisor, "Ani Wijaya"),
                member("c:budi", ActorKind::ClientMember, NAME),
            ],
            policy: Policy::default(),
        },
    )
    .unwrap();
    let commands = [
        Command::RecordNeed {
            domain: "income".into(),
            description: NEED.into(),
            priority: Priority::High,
            confidentiality: None,
        },
        Command::RecordResource {
            kind: ResourceKind::Personal,
            description: STRENGTH.into(),
            holder: None,
            barriers: vec![],
            service: None,
            confidentiality: None,
        },
        Command::RecordActivity {
            function: Function::ProblemSolvingConsultation,
            role: Role::Enabler,
            interventions: vec![],
            detail: ActivityDetail::Consultation {
                participants: vec!["Budi".into(), "Siti".into()],
                worker_contribution: "Options for a small loan".into(),
                client_contribution: "Knows the local repair trade".into(),
                options: vec!["Cooperative loan".into()],
                action_steps: vec!["Visit the cooperative".into()],
            },
            note: Some("Budi was worried about the debt".into()),
            confidentiality: None,
        },
    ];
    for command in commands {
        e.execute(&worker, day(1), command).unwrap();
    }
    e.execute(
        &budi,
        day(2),
        Command::AddContribution {
            activity: ActivityId(1),
            text: WORDS.into(),
        },
    )
    .unwrap();
    Case {
        e,
        worker,
        supervisor,
        budi,
    }
}

fn v2() -> JournalOptions {
    JournalOptions::default().with_erasable(true)
}

fn has(bytes: &[u8], text: &str) -> bool {
    bytes.windows(text.len()).any(|w| w == text.as_bytes())
}

fn erase(target: ErasureTarget, reason: &str) -> Command {
    Command::Erase {
        target,
        reason: reason.into(),
    }
}

fn budi() -> ErasureTarget {
    ErasureTarget::Person("c:budi".parse().unwrap())
}

#[test]
fn a_version_2_journal_commits_to_personal_text_and_reads_back_the_same() {
    let mut c = case();
    let mut journal = Journal::with_options(v2());
    journal.append_pending(&mut c.e).unwrap();
    let bytes = journal.as_bytes();
    assert!(bytes.starts_with(b"{\"v\":2,"));
    // The texts are in the text part, after the hash; the hashed part holds commitments.
    let first = bytes.split(|&b| b == b'\n').next().unwrap();
    let hash_at = first.windows(8).position(|w| w == b",\"hash\":").unwrap();
    assert!(!has(&first[..hash_at], NAME));
    assert!(has(&first[..hash_at], "\"c:"));
    assert!(has(&first[hash_at..], NAME));
    assert_eq!(journal::load(bytes, &v2()).unwrap(), c.e);
}

#[test]
fn erasing_a_person_removes_their_texts_from_the_journal_which_still_verifies() {
    let mut c = case();
    let mut journal = Journal::with_options(v2());
    journal.append_pending(&mut c.e).unwrap();
    let keys = Keyring::new(Key::new("k1", &[7; 32]).unwrap());
    let (seals_before, _) = protect::seal_journal(journal.as_bytes(), &v2(), &keys).unwrap();

    let recorded =
        c.e.execute(
            &c.supervisor,
            day(9),
            erase(budi(), "subject's request, PDP art. 8"),
        )
        .unwrap();
    assert!(matches!(recorded[0].event, Event::Erased { texts: 2, .. }));
    journal.append_pending(&mut c.e).unwrap();
    let bytes = journal.as_bytes();

    // Their name and their own words are gone from the bytes; what is not theirs stays.
    assert!(!has(bytes, NAME));
    assert!(!has(bytes, WORDS));
    assert!(has(bytes, NEED));
    assert!(has(bytes, "Siti Rahayu"));
    assert!(has(bytes, "subject's request"));

    // The journal verifies line by line and replays to the live state, texts shown as erased.
    let loaded = journal::load(bytes, &v2()).unwrap();
    assert_eq!(loaded, c.e);
    let name = &loaded
        .team()
        .iter()
        .find(|m| m.id.as_str() == "c:budi")
        .unwrap()
        .name;
    assert!(is_erased(name));
    assert_eq!(loaded.activities()[0].contributions[0].text, ERASED);
    assert_eq!(loaded.needs()[0].description, NEED);

    // The seals cover the hashed part only, so the erased lines keep theirs.
    let (seals, head) = protect::seal_journal(bytes, &v2(), &keys).unwrap();
    assert_eq!(seals[..seals_before.len()], seals_before[..]);
    let proof = Proof {
        keyring: &keys,
        seals: &seals,
        head: &head,
    };
    let checked = protect::check(bytes, &v2(), Some(proof)).unwrap();
    assert!(matches!(
        checked.authenticity,
        Authenticity::Authentic { .. }
    ));
}

#[test]
fn erasing_a_record_removes_its_texts_and_nothing_else() {
    let mut c = case();
    let need = ErasureTarget::Record(RecordRef::Need(NeedId(1)));
    c.e.execute(&c.supervisor, day(9), erase(need, "recorded in error"))
        .unwrap();
    assert_eq!(c.e.needs()[0].description, ERASED);
    assert_eq!(c.e.needs()[0].domain, "income");
    assert_eq!(c.e.resources()[0].description, STRENGTH);
    let mut journal = Journal::with_options(v2());
    journal.append_pending(&mut c.e).unwrap();
    assert!(!has(journal.as_bytes(), NEED));
    assert!(has(journal.as_bytes(), STRENGTH));
    assert_eq!(journal::load(journal.as_bytes(), &v2()).unwrap(), c.e);
}

#[test]
fn an_erasure_of_nothing_that_exists_is_refused_naming_it() {
    let mut c = case();
    let refused = |e: &mut Engagement, by: &Actor, command| {
        e.execute(by, day(9), command).unwrap_err().to_string()
    };
    let sup = c.supervisor.clone();
    assert_eq!(
        refused(
            &mut c.e,
            &sup,
            erase(
                ErasureTarget::Person("c:nobody".parse().unwrap()),
                "request"
            )
        ),
        "cannot erase: no text of c:nobody was ever recorded in this engagement"
    );
    assert_eq!(
        refused(
            &mut c.e,
            &sup,
            erase(ErasureTarget::Record(RecordRef::Need(NeedId(9))), "x")
        ),
        "cannot erase: there is no need 9"
    );
    assert_eq!(
        refused(&mut c.e, &sup, erase(budi(), "  ")),
        "cannot erase: reason is empty"
    );
    c.e.execute(&sup, day(9), erase(budi(), "request")).unwrap();
    assert_eq!(
        refused(&mut c.e, &sup, erase(budi(), "again")),
        "cannot erase: person c:budi has no text left to erase"
    );
    // A worker may not erase by default; a supervisor may.
    let worker = c.worker.clone();
    let err =
        c.e.execute(&worker, day(9), erase(budi(), "x"))
            .unwrap_err();
    assert!(matches!(err, Rejection::NotPermitted { .. }), "{err}");
    // Nobody may give the erased marker as a text.
    let err =
        c.e.execute(
            &worker,
            day(9),
            Command::RecordFollowUp {
                note: ERASED.into(),
                confidentiality: None,
            },
        )
        .unwrap_err();
    assert!(err.to_string().contains(
        "a text is the erased marker \u{27E6}erased\u{27E7}, which only an erased text may hold"
    ));
    let budi = c.budi.clone();
    let err =
        c.e.execute(
            &budi,
            day(9),
            Command::AddContribution {
                activity: ActivityId(1),
                text: ERASED.into(),
            },
        )
        .unwrap_err();
    assert!(matches!(err, Rejection::Refused { .. }));
}

#[test]
fn a_damaged_text_part_is_found_and_located() {
    let mut c = case();
    let mut journal = Journal::with_options(v2());
    journal.append_pending(&mut c.e).unwrap();
    let bytes = journal.into_bytes();
    let at = bytes
        .windows(NEED.len())
        .position(|w| w == NEED.as_bytes())
        .unwrap();
    let mut changed = bytes.clone();
    changed[at] = b'o';
    let err = journal::verify(changed.as_slice(), &v2()).unwrap_err();
    assert_eq!(
        err.to_string(),
        "journal line 2: personal text 0 does not match its commitment"
    );
    // A text part that is not a list.
    let text = String::from_utf8(bytes.clone()).unwrap();
    let line2 = text.lines().nth(1).unwrap();
    let texts_at = line2.find(",\"texts\":").unwrap();
    let broken = format!("{},\"texts\":{{}}}}", &line2[..texts_at]);
    let damaged = text.replacen(line2, &broken, 1);
    let err = journal::verify(damaged.as_bytes(), &v2()).unwrap_err();
    assert_eq!(err.line(), Some(2));
    assert!(
        err.to_string().starts_with(
            "journal line 2: the text part is not a list of texts with salts or erasures"
        ),
        "{err}"
    );
    // One entry too few.
    let none = format!("{},\"texts\":[]}}", &line2[..texts_at]);
    let damaged = text.replacen(line2, &none, 1);
    let err = journal::verify(damaged.as_bytes(), &v2()).unwrap_err();
    assert_eq!(
        err.to_string(),
        "journal line 2: the text part holds 0 entries for the 1 texts the line commits to"
    );
    // An erasure that would come before the line it erases.
    let early = format!("{},\"texts\":[{{\"erased\":2}}]}}", &line2[..texts_at]);
    let damaged = text.replacen(line2, &early, 1);
    let err = journal::verify(damaged.as_bytes(), &v2()).unwrap_err();
    assert_eq!(
        err.to_string(),
        "journal line 2: personal text 0 is erased by seq 2, which is not after the line"
    );
}

#[test]
fn a_version_1_journal_is_read_refuses_erasure_and_migrates_to_version_2() {
    let mut c = case();
    let mut old = Journal::new();
    old.append_pending(&mut c.e).unwrap();
    assert!(old.as_bytes().starts_with(b"{\"v\":1,"));
    let loaded = journal::load(old.as_bytes(), &JournalOptions::default()).unwrap();
    assert_eq!(loaded, c.e);

    // An erasure cannot be carried out on version 1 lines.
    c.e.execute(&c.supervisor, day(9), erase(budi(), "request"))
        .unwrap();
    let err = old.append_pending(&mut c.e).unwrap_err();
    assert_eq!(
        err.to_string(),
        "cannot append event 6: an erasure needs a journal of format version 2: migrate the journal first"
    );

    // Migrated, it verifies, builds the same engagement, and takes the erasure.
    let migrated = journal::migrate(old.as_bytes(), &JournalOptions::default()).unwrap();
    assert!(migrated.starts_with(b"{\"v\":2,"));
    let (mut new, engagement) = Journal::from_bytes(migrated, &JournalOptions::default()).unwrap();
    let mut e = engagement.unwrap();
    assert_eq!(e, loaded);
    e.execute(&c.supervisor, day(9), erase(budi(), "request"))
        .unwrap();
    new.append_pending(&mut e).unwrap();
    assert!(!has(new.as_bytes(), NAME));
    assert_eq!(journal::load(new.as_bytes(), &v2()).unwrap(), e);

    // A version 2 journal is not migrated again.
    let err = journal::migrate(new.as_bytes(), &JournalOptions::default()).unwrap_err();
    assert_eq!(
        err.to_string(),
        "only a journal of format version 1 can be migrated; this one is version 2"
    );
}

#[test]
fn a_file_journal_erases_in_the_file() {
    let dir = std::env::temp_dir().join(format!("pendamping-erase-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("pkh-0142.jsonl");
    let _ = std::fs::remove_file(&path);
    let mut c = case();
    let mut file = FileJournal::create(&path, &v2()).unwrap();
    file.append_pending(&mut c.e).unwrap();
    assert!(has(&std::fs::read(&path).unwrap(), WORDS));
    c.e.execute(&c.supervisor, day(9), erase(budi(), "request"))
        .unwrap();
    file.append_pending(&mut c.e).unwrap();
    let bytes = std::fs::read(&path).unwrap();
    assert!(!has(&bytes, WORDS));
    assert!(!has(&bytes, NAME));
    assert_eq!(file.len(), bytes.len() as u64);
    // The handle still appends to the file at the path.
    c.e.execute(
        &c.worker,
        day(10),
        Command::RecordFollowUp {
            note: "Visited".into(),
            confidentiality: None,
        },
    )
    .unwrap_err();
    c.e.execute(
        &c.worker,
        day(10),
        Command::MarkNeedMet {
            need: NeedId(1),
            note: Some("Loan repaid".into()),
        },
    )
    .unwrap();
    file.append_pending(&mut c.e).unwrap();
    drop(file);
    let (_file, reopened) = FileJournal::open(&path, &v2()).unwrap();
    assert_eq!(reopened.unwrap(), c.e);
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn subject_access_exports_what_is_recorded_by_or_about_a_person_and_what_was_erased() {
    let mut c = case();
    c.e.execute(&c.supervisor, day(9), erase(budi(), "request"))
        .unwrap();
    let mut journal = Journal::with_options(v2());
    journal.append_pending(&mut c.e).unwrap();
    let person = "c:budi".parse().unwrap();
    let export = journal::subject_access(journal.as_bytes(), &v2(), &person).unwrap();
    // The opening (names them), their contribution, the erasure.
    assert_eq!(
        export.events.iter().map(|r| r.seq).collect::<Vec<_>>(),
        [1, 5, 6]
    );
    assert_eq!(export.texts.len(), 2);
    assert!(
        export
            .texts
            .iter()
            .all(|t| t.erased.as_ref().is_some_and(|e| e.seq == 6))
    );
    assert_eq!(export.erasures.len(), 1);
    assert_eq!(export.erasures[0].erasure.at, day(9));
    let json = serde_json::to_string(&export).unwrap();
    assert!(!json.contains(NAME) && !json.contains(WORDS));
    assert!(json.contains("\"erasures\""));
}

/// Every place where two JSON values differ, as (path, before, after).
fn diff(
    path: String,
    a: &serde_json::Value,
    b: &serde_json::Value,
    out: &mut Vec<(String, serde_json::Value, serde_json::Value)>,
) {
    use serde_json::Value as V;
    match (a, b) {
        (V::Object(x), V::Object(y)) => {
            for (k, va) in x {
                match y.get(k) {
                    Some(vb) => diff(format!("{path}/{k}"), va, vb, out),
                    None => out.push((format!("{path}/{k}"), va.clone(), V::Null)),
                }
            }
            for (k, vb) in y {
                if !x.contains_key(k) {
                    out.push((format!("{path}/{k}"), V::Null, vb.clone()));
                }
            }
        }
        (V::Array(x), V::Array(y)) if x.len() == y.len() => {
            for (i, (va, vb)) in x.iter().zip(y).enumerate() {
                diff(format!("{path}/{i}"), va, vb, out);
            }
        }
        _ if a != b => out.push((path, a.clone(), b.clone())),
        _ => {}
    }
}

fn targets() -> Vec<ErasureTarget> {
    vec![
        budi(),
        ErasureTarget::Person("w:siti".parse().unwrap()),
        ErasureTarget::Person("s:ani".parse().unwrap()),
        ErasureTarget::Record(RecordRef::Need(NeedId(1))),
        ErasureTarget::Record(RecordRef::Resource(ResourceId(1))),
        ErasureTarget::Record(RecordRef::Activity(ActivityId(1))),
    ]
}

use proptest::strategy::Strategy as _;

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(48))]

    /// Erasing any set of texts, in any order, changes those texts and nothing else: in the
    /// state, in the index, and in the stored lines, whose hashed parts stay byte for byte.
    #[test]
    fn erasing_any_set_of_texts_changes_only_those_texts(
        order in proptest::sample::subsequence((0..6_usize).collect::<Vec<_>>(), 0..=6)
            .prop_shuffle()
    ) {
        use proptest::prelude::*;
        let mut c = case();
        let mut journal = Journal::with_options(v2());
        journal.append_pending(&mut c.e).unwrap();
        let before_bytes = journal.as_bytes().to_vec();
        let before = serde_json::to_value(&c.e).unwrap();
        let all = targets();
        let mut applied = Vec::new();
        for (n, &i) in order.iter().enumerate() {
            let target = all[i].clone();
            let at = day(9) + TimeDelta::minutes(n as i64);
            match c.e.execute(&c.supervisor, at, erase(target.clone(), "request")) {
                Ok(_) => applied.push(target),
                Err(Rejection::Refused { problems, .. }) => {
                    prop_assert!(matches!(problems[..], [Problem::NothingToErase { .. }]), "{problems:?}");
                }
                Err(e) => prop_assert!(false, "{e}"),
            }
        }
        journal.append_pending(&mut c.e).unwrap();

        // The index: a text is erased exactly when an applied erasure names it.
        for slot in c.e.text_slots() {
            let named = applied.iter().any(|t: &ErasureTarget| match t {
                ErasureTarget::Person(id) => slot.person.as_ref() == Some(id),
                ErasureTarget::Record(r) => slot.record == Some(*r),
                _ => false,
            });
            prop_assert_eq!(slot.erased.is_some(), named, "{:?}", slot);
        }
        // The state: every other difference is an erased text.
        let after = serde_json::to_value(&c.e).unwrap();
        let mut changes = Vec::new();
        diff(String::new(), &before, &after, &mut changes);
        for (path, _, now) in changes {
            let bookkeeping = path == "/seq" || path == "/last_at" || path.starts_with("/texts");
            prop_assert!(bookkeeping || now == serde_json::json!(ERASED), "{path}: {now}");
        }
        // The lines: the hashed parts of the lines stored before are unchanged, and the whole
        // journal replays to the live state.
        let hashed = |line: &[u8]| line[..line.windows(9).position(|w| w == b",\"hash\":\"").unwrap() + 75].to_vec();
        for (old, new) in before_bytes.split(|&b| b == b'\n').zip(journal.as_bytes().split(|&b| b == b'\n')) {
            if !old.is_empty() {
                prop_assert_eq!(hashed(old), hashed(new));
            }
        }
        prop_assert_eq!(journal::load(journal.as_bytes(), &v2()).unwrap(), c.e);
    }
}

#[test]
fn a_text_erased_without_an_erasure_is_found_at_its_line() {
    let mut c = case();
    let mut journal = Journal::with_options(v2());
    journal.append_pending(&mut c.e).unwrap();
    let text = String::from_utf8(journal.into_bytes()).unwrap();
    let line2 = text.lines().nth(1).unwrap();
    let texts_at = line2.find(",\"texts\":").unwrap();
    // Someone with the store removes the need's text, as if an erasure at seq 9 had.
    let removed = format!("{},\"texts\":[{{\"erased\":9}}]}}", &line2[..texts_at]);
    let damaged = text.replacen(line2, &removed, 1);
    let err = journal::verify(damaged.as_bytes(), &v2()).unwrap_err();
    assert_eq!(
        err.to_string(),
        "journal line 2: personal text 0 is erased, but no erasure in the journal names it"
    );
}

#[test]
fn erasing_the_client_system_removes_its_name_and_the_texts_of_no_record() {
    let mut c = case();
    c.e.execute(
        &c.worker,
        day(3),
        Command::Hold {
            reason: "The family moved to the grandmother's house".into(),
            review_on: None,
        },
    )
    .unwrap();
    c.e.execute(
        &c.supervisor,
        day(9),
        erase(ErasureTarget::ClientSystem, "closed case, retention over"),
    )
    .unwrap();
    assert_eq!(c.e.client().name, ERASED);
    let mut journal = Journal::with_options(v2());
    journal.append_pending(&mut c.e).unwrap();
    let bytes = journal.as_bytes();
    assert!(!has(bytes, "Keluarga Santoso"));
    assert!(!has(bytes, "grandmother"));
    assert!(has(bytes, NAME) && has(bytes, NEED));
    assert_eq!(journal::load(bytes, &v2()).unwrap(), c.e);
    assert_eq!(
        c.e.execute(
            &c.supervisor,
            day(9),
            erase(ErasureTarget::ClientSystem, "again")
        )
        .unwrap_err()
        .to_string(),
        "cannot erase: the client system has no text left to erase"
    );
}

#[test]
fn opening_a_file_finishes_an_erasure_a_crash_interrupted() {
    let dir = std::env::temp_dir().join(format!("pendamping-erase-crash-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("pkh-0142.jsonl");
    let mut c = case();
    let mut journal = Journal::with_options(v2());
    journal.append_pending(&mut c.e).unwrap();
    let before = journal.as_bytes().to_vec();
    c.e.execute(&c.supervisor, day(9), erase(budi(), "request"))
        .unwrap();
    journal.append_pending(&mut c.e).unwrap();
    // The erasure's line reached the disk, the rewrite of the lines before it did not.
    let last = journal
        .as_bytes()
        .split_inclusive(|&b| b == b'\n')
        .next_back()
        .unwrap();
    let mut interrupted = before;
    interrupted.extend_from_slice(last);
    std::fs::write(&path, &interrupted).unwrap();
    assert!(has(&interrupted, NAME));
    let (file, engagement) = FileJournal::open(&path, &v2()).unwrap();
    assert_eq!(engagement.unwrap(), c.e);
    let bytes = std::fs::read(&path).unwrap();
    assert!(!has(&bytes, NAME) && !has(&bytes, WORDS));
    assert_eq!(bytes, journal.as_bytes());
    drop(file);
    std::fs::remove_dir_all(&dir).unwrap();
}
