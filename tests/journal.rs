//! The journal as an embedding app uses it: the fixed format, appending with optimistic
//! concurrency, and files.

#![cfg(feature = "journal")]

mod journal_case;

use journal_case::{at, case, worker};
use pendamping::journal::{self, GENESIS};
use pendamping::{
    Command, Engagement, EngagementId, FileJournal, Journal, JournalError, JournalOptions,
    LineErrorKind, Priority, Recorded, ReplayErrorKind, ResourceKind,
};
use std::path::PathBuf;

/// A three-line journal as this crate writes it. The hashes were computed outside the crate,
/// with `printf '%s' "<line without its last 75 bytes>" | sha256sum`.
const FIXED: [&str; 3] = [
    r#"{"v":1,"engagement":"pkh-1","seq":1,"at":"2026-03-02T09:00:00Z","by":{"id":"w:siti","kind":"social_worker"},"event":{"type":"opened","id":"pkh-1","client":{"level":"family","name":"Keluarga Ibu Sari"},"team":[{"id":"w:siti","kind":"social_worker","name":"Siti Rahmawati"},{"id":"c:sari","kind":"client_member","name":"Ibu Sari"}],"policy":{"plan_approval_required":false,"closure_approval_required":false,"review_interval_days":90,"grants":[],"revocations":[],"four_eyes_closure":true}},"prev":"0000000000000000000000000000000000000000000000000000000000000000","hash":"75a7942ff95804500d360f58d033830ef35eecb237de474ecb177b0d1a319e4d"}"#,
    r#"{"v":1,"engagement":"pkh-1","seq":2,"at":"2026-03-02T10:00:00Z","by":{"id":"w:siti","kind":"social_worker"},"event":{"type":"need_recorded","need":{"id":1,"domain":"income","description":"No steady income","priority":"high","status":{"status":"open"}}},"prev":"75a7942ff95804500d360f58d033830ef35eecb237de474ecb177b0d1a319e4d","hash":"7416e7d758aaec155242d7b6598f21a4388c707fb15e6a11c6484f646a18fbc8"}"#,
    r#"{"v":1,"engagement":"pkh-1","seq":3,"at":"2026-03-02T11:00:00Z","by":{"id":"w:siti","kind":"social_worker"},"event":{"type":"resource_recorded","resource":{"id":1,"kind":"personal","description":"Sews well","holder":{"holder":"client"},"barriers":[],"reached":false}},"prev":"7416e7d758aaec155242d7b6598f21a4388c707fb15e6a11c6484f646a18fbc8","hash":"05a5af912d005d1b8eb2877489b57e8a99e6041a1e600fc2e12a215bf42fbf36"}"#,
];

/// The same journal as the crate wrote it before policies had four eyes: it still verifies,
/// and its policy reads with four eyes off, so it decides as it did.
const FIXED_BEFORE_FOUR_EYES: [&str; 3] = [
    r#"{"v":1,"engagement":"pkh-1","seq":1,"at":"2026-03-02T09:00:00Z","by":{"id":"w:siti","kind":"social_worker"},"event":{"type":"opened","id":"pkh-1","client":{"level":"family","name":"Keluarga Ibu Sari"},"team":[{"id":"w:siti","kind":"social_worker","name":"Siti Rahmawati"},{"id":"c:sari","kind":"client_member","name":"Ibu Sari"}],"policy":{"plan_approval_required":false,"closure_approval_required":false,"review_interval_days":90,"grants":[],"revocations":[]}},"prev":"0000000000000000000000000000000000000000000000000000000000000000","hash":"722e026d5ebe735819553321966a57452e07ff2cd6deba77429fb7c8e03cc91d"}"#,
    r#"{"v":1,"engagement":"pkh-1","seq":2,"at":"2026-03-02T10:00:00Z","by":{"id":"w:siti","kind":"social_worker"},"event":{"type":"need_recorded","need":{"id":1,"domain":"income","description":"No steady income","priority":"high","status":{"status":"open"}}},"prev":"722e026d5ebe735819553321966a57452e07ff2cd6deba77429fb7c8e03cc91d","hash":"50f94cc67e1406e1ce508c7ead508471d98fa2d603ba3979a7e6bb4c892f90b5"}"#,
    r#"{"v":1,"engagement":"pkh-1","seq":3,"at":"2026-03-02T11:00:00Z","by":{"id":"w:siti","kind":"social_worker"},"event":{"type":"resource_recorded","resource":{"id":1,"kind":"personal","description":"Sews well","holder":{"holder":"client"},"barriers":[],"reached":false}},"prev":"50f94cc67e1406e1ce508c7ead508471d98fa2d603ba3979a7e6bb4c892f90b5","hash":"208ccb23c2337248c581157a0964ff821621ef93a11efdde940baca040fde614"}"#,
];

const FIXED_HASHES: [&str; 3] = [
    "75a7942ff95804500d360f58d033830ef35eecb237de474ecb177b0d1a319e4d",
    "7416e7d758aaec155242d7b6598f21a4388c707fb15e6a11c6484f646a18fbc8",
    "05a5af912d005d1b8eb2877489b57e8a99e6041a1e600fc2e12a215bf42fbf36",
];

fn fixed_bytes() -> Vec<u8> {
    FIXED
        .iter()
        .flat_map(|l| format!("{l}\n").into_bytes())
        .collect()
}

fn options() -> JournalOptions {
    JournalOptions::default()
}

/// The three events of [`FIXED`], recorded live.
fn three_events() -> Engagement {
    let mut e = journal_case::open("pkh-1");
    let w = worker();
    e.execute(
        &w,
        at(1),
        Command::RecordNeed {
            domain: "income".into(),
            description: "No steady income".into(),
            priority: Priority::High,
            confidentiality: None,
        },
    )
    .unwrap();
    e.execute(
        &w,
        at(2),
        Command::RecordResource {
            kind: ResourceKind::Personal,
            description: "Sews well".into(),
            holder: None,
            barriers: vec![],
            service: None,
            confidentiality: None,
        },
    )
    .unwrap();
    e
}

/// A fresh path in the temp dir, removed when dropped.
struct TempPath(PathBuf);

impl TempPath {
    fn new(name: &str) -> Self {
        let path = std::env::temp_dir().join(format!(
            "pendamping-test-{}-{name}.jsonl",
            std::process::id()
        ));
        let _ = std::fs::remove_file(&path);
        Self(path)
    }
}

impl Drop for TempPath {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.0);
    }
}

#[test]
fn the_crate_writes_the_fixed_journal_byte_for_byte() {
    let mut e = three_events();
    let mut journal = Journal::new();
    assert_eq!(journal.append_pending(&mut e).unwrap(), 3);
    assert_eq!(
        String::from_utf8(journal.as_bytes().to_vec()).unwrap(),
        String::from_utf8(fixed_bytes()).unwrap()
    );
    assert_eq!(journal.last_hash(), FIXED_HASHES[2]);
    assert_eq!(
        journal.engagement_id().map(EngagementId::as_str),
        Some("pkh-1")
    );
}

#[test]
fn the_fixed_journal_verifies_with_independently_computed_hashes() {
    let verified = journal::verify(fixed_bytes().as_slice(), &options()).unwrap();
    assert_eq!(verified.lines, 3);
    assert_eq!(verified.len, fixed_bytes().len() as u64);
    assert_eq!(verified.last_hash, FIXED_HASHES[2]);
    assert_eq!(verified.engagement, Some(three_events()));
    // Each line carries the previous line's hash and ends with its own.
    let mut prev = GENESIS;
    for (line, hash) in FIXED.iter().zip(FIXED_HASHES) {
        assert!(line.contains(&format!(r#","prev":"{prev}","hash":"{hash}"}}"#)));
        assert!(line.ends_with(&format!(r#","hash":"{hash}"}}"#)));
        prev = hash;
    }
}

#[test]
fn a_journal_from_before_four_eyes_still_loads_with_them_off() {
    let bytes: Vec<u8> = FIXED_BEFORE_FOUR_EYES
        .iter()
        .flat_map(|l| format!("{l}\n").into_bytes())
        .collect();
    let verified = journal::verify(bytes.as_slice(), &options()).unwrap();
    assert_eq!(verified.lines, 3);
    let engagement = verified.engagement.unwrap();
    assert!(!engagement.policy().four_eyes_closure);
    assert_eq!(engagement.needs().len(), 1);
}

#[test]
fn reader_hands_out_the_events_in_order() {
    let events: Vec<Recorded> = journal::Reader::new(fixed_bytes().as_slice(), &options())
        .collect::<Result<_, _>>()
        .unwrap();
    let mut e = three_events();
    assert_eq!(events, e.take_pending());
}

#[test]
fn an_empty_journal_verifies_but_does_not_load() {
    let verified = journal::verify(&b""[..], &options()).unwrap();
    assert_eq!((verified.lines, verified.len), (0, 0));
    assert_eq!(verified.last_hash, GENESIS);
    assert!(verified.engagement.is_none());
    let err = journal::load(&b""[..], &options()).unwrap_err();
    assert!(matches!(err, JournalError::Empty));
    assert_eq!(
        err.to_string(),
        "the journal is empty: it records no engagement yet"
    );
}

#[test]
fn appends_follow_in_batches_and_reload_equal() {
    let mut e = case();
    let mut journal = Journal::new();
    journal.append_pending(&mut e).unwrap();
    let w = worker();
    for i in 1..=5 {
        e.execute(&w, at(60 + i), journal_case::consultation(i.unsigned_abs()))
            .unwrap();
        if i % 2 == 1 {
            journal.append_pending(&mut e).unwrap();
        }
    }
    journal.append_pending(&mut e).unwrap();
    assert_eq!(journal.last_seq(), e.last_seq());
    let (reopened, loaded) = Journal::from_bytes(journal.as_bytes().to_vec(), &options()).unwrap();
    assert_eq!(loaded, Some(e.clone()));
    assert_eq!(reopened, journal);
    // Nothing pending: appending nothing is fine and writes nothing.
    let len = journal.as_bytes().len();
    assert_eq!(journal.append_pending(&mut e).unwrap(), e.last_seq());
    assert_eq!(journal.as_bytes().len(), len);
}

#[test]
fn a_stale_writer_gets_a_conflict_and_writes_nothing() {
    let mut e = case();
    let mut journal = Journal::new();
    journal.append_pending(&mut e).unwrap();
    let mut stale = e.clone();
    // Another writer gets there first.
    e.execute(&worker(), at(70), journal_case::consultation(1))
        .unwrap();
    journal.append(13, e.pending()).unwrap();
    let before = journal.clone();

    stale
        .execute(&worker(), at(71), journal_case::consultation(2))
        .unwrap();
    let err = journal.append_pending(&mut stale).unwrap_err();
    assert!(matches!(
        err,
        JournalError::Conflict {
            expected: 13,
            found: 14
        }
    ));
    assert_eq!(
        err.to_string(),
        "the journal ends at seq 14, not at the expected seq 13"
    );
    assert_eq!(stale.pending().len(), 1, "the events stay pending on error");
    assert_eq!(journal, before);
}

#[test]
fn appends_that_do_not_follow_are_refused_whole() {
    let mut e = case();
    let events = e.take_pending();
    let mut journal = Journal::new();

    // Not starting with the opening.
    let err = journal.append(0, &events[1..]).unwrap_err();
    assert!(matches!(
        err.kind(),
        Some(LineErrorKind::Replay(r)) if r.kind == ReplayErrorKind::NotOpened
    ));
    // A gap in the batch: nothing of it is written.
    let gappy = [events[0].clone(), events[2].clone()];
    let err = journal.append(0, &gappy).unwrap_err();
    assert!(matches!(
        err,
        JournalError::Refused {
            seq: 3,
            kind: LineErrorKind::Sequence {
                expected: 2,
                found: 3
            }
        }
    ));
    assert_eq!(
        err.to_string(),
        "cannot append event 3: expected seq 2, found seq 3"
    );
    assert!(journal.as_bytes().is_empty());
    assert_eq!(journal.last_seq(), 0);

    journal.append(0, &events).unwrap();
    // Time going back.
    let mut back = events[12].clone();
    back.seq = 14;
    back.at = at(0);
    let err = journal.append(13, &[back]).unwrap_err();
    assert!(matches!(
        err.kind(),
        Some(LineErrorKind::TimeWentBack { .. })
    ));
    // A second opening.
    let mut again = events[0].clone();
    again.seq = 14;
    again.at = at(100);
    let err = journal.append(13, &[again]).unwrap_err();
    assert!(matches!(
        err.kind(),
        Some(LineErrorKind::Replay(r)) if r.kind == ReplayErrorKind::OpenedTwice
    ));
    // Another engagement's events.
    let mut other = journal_case::open("pkh-other");
    other
        .execute(&worker(), at(200), journal_case::consultation(1))
        .ok();
    let err = journal.append_pending(&mut other).unwrap_err();
    assert_eq!(
        err.to_string(),
        r#"cannot append event 1: engagement "pkh-other" where "pkh-3273-0142" was expected"#
    );
    assert_eq!(other.pending().len(), 2);
    assert_eq!(journal.last_seq(), 13);
}

#[test]
fn a_line_over_the_limit_is_not_written() {
    let mut e = case();
    let mut journal = Journal::with_options(JournalOptions::default().with_max_line_bytes(600));
    let err = journal.append_pending(&mut e).unwrap_err();
    assert!(matches!(
        err,
        JournalError::Refused {
            seq: 1,
            kind: LineErrorKind::TooLong { limit: 600 }
        }
    ));
    assert!(journal.as_bytes().is_empty());
    assert_eq!(e.pending().len(), 13);
}

#[test]
fn a_file_journal_appends_durably_and_reopens() {
    let tmp = TempPath::new("reopen");
    let mut e = case();
    let mut file = FileJournal::create(&tmp.0, &options()).unwrap();
    assert!(file.is_empty());
    file.append_pending(&mut e).unwrap();
    e.execute(&worker(), at(70), journal_case::consultation(1))
        .unwrap();
    file.append_pending(&mut e).unwrap();
    assert_eq!(file.len(), std::fs::metadata(&tmp.0).unwrap().len());
    assert_eq!(file.path(), tmp.0.as_path());
    drop(file);

    let (mut file, loaded) = FileJournal::open(&tmp.0, &options()).unwrap();
    assert_eq!(loaded.as_ref(), Some(&e));
    assert_eq!(file.last_seq(), 14);
    e.execute(&worker(), at(71), journal_case::consultation(2))
        .unwrap();
    file.append_pending(&mut e).unwrap();
    let bytes = std::fs::read(&tmp.0).unwrap();
    assert_eq!(journal::load(bytes.as_slice(), &options()).unwrap(), e);

    // Creating over it is refused.
    let err = FileJournal::create(&tmp.0, &options()).unwrap_err();
    assert!(matches!(
        err,
        JournalError::File {
            action: "create",
            ..
        }
    ));
}

#[test]
fn a_second_handle_is_locked_out() {
    let tmp = TempPath::new("locked");
    let mut e = case();
    let mut file = FileJournal::create(&tmp.0, &options()).unwrap();
    file.append_pending(&mut e).unwrap();
    let err = FileJournal::open(&tmp.0, &options()).unwrap_err();
    assert!(matches!(err, JournalError::Locked { .. }), "{err}");
    assert_eq!(
        err.to_string(),
        format!(
            "{} is locked by another journal handle (this or another process)",
            tmp.0.display()
        )
    );
    // Repairs take the lock too.
    let recovery = FileJournal::recover(&tmp.0, &options()).unwrap();
    let err = FileJournal::truncate_to(&tmp.0, recovery.valid_len, &options()).unwrap_err();
    assert!(matches!(err, JournalError::Locked { .. }), "{err}");
    drop(file);
    let (_, reopened) = FileJournal::open(&tmp.0, &options()).unwrap();
    assert_eq!(reopened, Some(e));
}

#[test]
fn a_file_changed_behind_the_journals_back_is_not_appended_to() {
    let tmp = TempPath::new("changed");
    let mut e = case();
    let mut file = FileJournal::create(&tmp.0, &options()).unwrap();
    file.append_pending(&mut e).unwrap();
    // A tool that ignores the lock appends a line of its own.
    let before = std::fs::read(&tmp.0).unwrap();
    let mut other = std::fs::OpenOptions::new()
        .append(true)
        .open(&tmp.0)
        .unwrap();
    std::io::Write::write_all(&mut other, b"{}\n").unwrap();
    e.execute(&worker(), at(70), journal_case::consultation(1))
        .unwrap();
    let err = file.append_pending(&mut e).unwrap_err();
    assert!(matches!(err, JournalError::ChangedOnDisk { .. }), "{err}");
    assert_eq!(
        err.to_string(),
        format!(
            "the journal file is {} bytes long, not the {} bytes this journal wrote",
            before.len() + 3,
            before.len()
        )
    );
    assert_eq!(e.pending().len(), 1);
    let mut expected = before;
    expected.extend_from_slice(b"{}\n");
    assert_eq!(std::fs::read(&tmp.0).unwrap(), expected);
}

#[test]
fn a_torn_file_is_recovered_only_on_the_apps_word() {
    let tmp = TempPath::new("torn");
    let mut e = case();
    let mut file = FileJournal::create(&tmp.0, &options()).unwrap();
    file.append_pending(&mut e).unwrap();
    let good = file.len();
    drop(file);
    // A crash cut the next line short.
    let mut bytes = std::fs::read(&tmp.0).unwrap();
    bytes.extend_from_slice(br#"{"v":1,"engagement":"pkh-3273-0142","seq":14,"at":"2026-03"#);
    std::fs::write(&tmp.0, &bytes).unwrap();

    let err = FileJournal::open(&tmp.0, &options()).unwrap_err();
    assert_eq!(
        err.to_string(),
        "journal line 14: cut off: the file ends after 58 bytes of this line, without a line end"
    );
    let recovery = FileJournal::recover(&tmp.0, &options()).unwrap();
    assert!(recovery.is_torn_tail() && !recovery.is_clean());
    assert_eq!(recovery.valid_len, good);
    assert_eq!(recovery.events.len(), 13);
    assert_eq!(recovery.engagement.as_ref(), Some(&e));
    let damage = recovery.damage.as_ref().unwrap();
    assert_eq!((damage.line, damage.rest_len), (14, 58));
    assert_eq!(
        damage.to_string(),
        "line 14: cut off: the file ends after 58 bytes of this line, without a line end \
         (58 bytes from there to the end)"
    );
    // Recovering changed nothing.
    assert_eq!(std::fs::read(&tmp.0).unwrap(), bytes);

    // Cutting anywhere but the end of a verified line is refused.
    for len in [good - 1, good + 1, bytes.len() as u64 + 1] {
        let err = FileJournal::truncate_to(&tmp.0, len, &options()).unwrap_err();
        assert!(
            matches!(err, JournalError::BadTruncation { len: l } if l == len),
            "{err}"
        );
    }
    assert_eq!(std::fs::read(&tmp.0).unwrap(), bytes);

    let (mut file, loaded) =
        FileJournal::truncate_to(&tmp.0, recovery.valid_len, &options()).unwrap();
    assert_eq!(loaded.as_ref(), Some(&e));
    e.execute(&worker(), at(70), journal_case::consultation(1))
        .unwrap();
    file.append_pending(&mut e).unwrap();
    drop(file);
    let (_, reopened) = FileJournal::open(&tmp.0, &options()).unwrap();
    assert_eq!(reopened, Some(e));
}

#[test]
fn a_missing_file_is_named() {
    let tmp = TempPath::new("missing");
    let err = FileJournal::open(&tmp.0, &options()).unwrap_err();
    // The system's error is the source, not repeated in the message.
    assert_eq!(err.to_string(), format!("cannot open {}", tmp.0.display()));
    let source = std::error::Error::source(&err).unwrap();
    let io = source.downcast_ref::<std::io::Error>().unwrap();
    assert_eq!(io.kind(), std::io::ErrorKind::NotFound);
}
