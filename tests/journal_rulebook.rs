//! Appends are checked by the rulebook before anything is written: a forged event, which
//! `execute` would never have recorded, is refused, not acknowledged, and a batch refused part
//! way leaves the journal as it was.

#![cfg(feature = "journal")]

mod journal_case;

use journal_case::{at, case, worker};
use pendamping::journal;
use pendamping::{
    Command, Event, FileJournal, Journal, JournalError, JournalOptions, LineErrorKind, NeedId,
    Priority, RecordRef, Recorded, ReplayErrorKind,
};

fn options() -> JournalOptions {
    JournalOptions::default()
}

/// A need recorded with id 5 as the case's next event, where the next need is number 3: what
/// `execute` records, with the id changed.
fn forged(seq: u64) -> Recorded {
    let mut e = case();
    e.take_pending();
    e.execute(
        &worker(),
        at(80),
        Command::RecordNeed {
            domain: "income".into(),
            description: "Forged".into(),
            priority: Priority::Low,
            confidentiality: None,
        },
    )
    .unwrap();
    let mut recorded = e.take_pending().remove(0);
    match &mut recorded.event {
        Event::NeedRecorded { need } => need.id = NeedId(5),
        other => panic!("not a need: {other:?}"),
    }
    recorded.seq = seq;
    recorded
}

#[test]
fn a_forged_event_is_refused_by_the_memory_journal() {
    let mut e = case();
    let mut journal = Journal::new();
    journal.append_pending(&mut e).unwrap();
    let before = journal.clone();
    let err = journal.append(13, &[forged(14)]).unwrap_err();
    assert!(
        matches!(
            &err,
            JournalError::Refused { seq: 14, kind: LineErrorKind::Replay(r) }
                if r.kind == ReplayErrorKind::RecordId {
                    expected: RecordRef::Need(NeedId(3)),
                    found: RecordRef::Need(NeedId(5)),
                }
        ),
        "{err}"
    );
    assert_eq!(journal, before);
    // The journal's engagement is the stored one, and still takes real events.
    assert_eq!(journal.engagement(), Some(&e));
    e.execute(&worker(), at(81), journal_case::consultation(1))
        .unwrap();
    assert_eq!(journal.append_pending(&mut e).unwrap(), 14);
}

#[test]
fn a_forged_event_after_a_good_one_refuses_the_whole_batch() {
    let mut e = case();
    let mut journal = Journal::new();
    journal.append_pending(&mut e).unwrap();
    let before = journal.clone();
    let mut ahead = e.clone();
    ahead
        .execute(&worker(), at(79), journal_case::consultation(1))
        .unwrap();
    let good = ahead.take_pending();
    let err = journal
        .append(13, &[good[0].clone(), forged(15)])
        .unwrap_err();
    assert!(
        matches!(err, JournalError::Refused { seq: 15, .. }),
        "{err}"
    );
    assert_eq!(journal, before, "the good event went with the batch");
    assert_eq!(journal.append(13, &good).unwrap(), 14);
}

#[test]
fn a_forged_event_is_refused_by_the_file_journal() {
    let path =
        std::env::temp_dir().join(format!("pendamping-rulebook-{}.jsonl", std::process::id()));
    let _ = std::fs::remove_file(&path);
    let mut e = case();
    let mut file = FileJournal::create(&path, &options()).unwrap();
    file.append_pending(&mut e).unwrap();
    let before = std::fs::read(&path).unwrap();

    let err = file.append(13, &[forged(14)]).unwrap_err();
    assert_eq!(
        err.to_string(),
        "cannot append event 14: the event does not fit the engagement: \
         event 14: expected need 3, found need 5"
    );
    let mut ahead = e.clone();
    ahead
        .execute(&worker(), at(79), journal_case::consultation(1))
        .unwrap();
    let good = ahead.take_pending();
    let err = file.append(13, &[good[0].clone(), forged(15)]).unwrap_err();
    assert!(
        matches!(err, JournalError::Refused { seq: 15, .. }),
        "{err}"
    );
    assert_eq!(std::fs::read(&path).unwrap(), before, "nothing was written");

    // The handle is not poisoned by a refusal, and its engagement is the stored one.
    assert_eq!(file.engagement(), Some(&e));
    assert_eq!(file.append(13, &good).unwrap(), 14);
    drop(file);
    let bytes = std::fs::read(&path).unwrap();
    assert_eq!(
        journal::verify(bytes.as_slice(), &options()).unwrap().lines,
        14
    );
    let _ = std::fs::remove_file(&path);
}
