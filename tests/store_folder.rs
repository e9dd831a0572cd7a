//! The folder store: one journal file per engagement in a directory, behind the `Store`
//! interface an app programs against.

#![cfg(feature = "journal")]

mod journal_case;

use journal_case::{TempDir, case, one_more};
use pendamping::store::{FolderStore, Store, StoreError};
use pendamping::{Engagement, EngagementId, JournalError};

fn id(text: &str) -> EngagementId {
    EngagementId::new(text).unwrap()
}

#[test]
fn engagements_round_trip_through_the_folder() {
    let dir = TempDir::new("round");
    let mut store = FolderStore::open(&dir.0).unwrap();
    let mut e = case();
    assert_eq!(store.append_pending(&mut e).unwrap(), 13);
    let mut other = journal_case::open("pkh:3273:0200");
    store.append_pending(&mut other).unwrap();

    assert_eq!(store.load(e.id()).unwrap(), e);
    assert_eq!(store.load(other.id()).unwrap(), other);
    assert_eq!(
        store.ids().unwrap(),
        [id("pkh-3273-0142"), id("pkh:3273:0200")]
    );
    // Plain file names: a `:` is written `+`.
    assert!(dir.0.join("pkh-3273-0142.jsonl").is_file());
    assert!(dir.0.join("pkh+3273+0200.jsonl").is_file());
    assert_eq!(store.path(other.id()), dir.0.join("pkh+3273+0200.jsonl"));

    let from_ten = store.read_from(e.id(), 10).unwrap();
    assert_eq!(
        from_ten.iter().map(|r| r.seq).collect::<Vec<_>>(),
        [10, 11, 12, 13]
    );
    assert_eq!(store.read_from(e.id(), 0).unwrap().len(), 13);
    assert!(store.read_from(e.id(), 14).unwrap().is_empty());

    // Another store on the folder later sees the same.
    drop(store);
    let store = FolderStore::open(&dir.0).unwrap();
    assert_eq!(store.load(e.id()).unwrap(), e);
}

#[test]
fn a_stale_append_is_a_conflict_and_writes_nothing() {
    let dir = TempDir::new("conflict");
    let mut store = FolderStore::open(&dir.0).unwrap();
    let mut e = case();
    store.append_pending(&mut e).unwrap();
    let mut stale = e.clone();
    one_more(&mut e, 1);
    store.append_pending(&mut e).unwrap();
    let before = std::fs::read(store.path(e.id())).unwrap();

    one_more(&mut stale, 2);
    let err = store.append_pending(&mut stale).unwrap_err();
    assert!(
        matches!(&err, StoreError::Conflict { engagement, expected: 13, current: 14 } if engagement == e.id()),
        "{err}"
    );
    assert_eq!(
        err.to_string(),
        "engagement pkh-3273-0142 ends at seq 14, not at the expected seq 13: nothing was written"
    );
    assert!(err.should_reload());
    assert_eq!(stale.pending().len(), 1);
    assert_eq!(std::fs::read(store.path(e.id())).unwrap(), before);
    // A second opening of the same id conflicts too.
    let err = store.append_pending(&mut case()).unwrap_err();
    assert!(
        matches!(
            err,
            StoreError::Conflict {
                expected: 0,
                current: 14,
                ..
            }
        ),
        "{err}"
    );
}

#[test]
fn a_missing_engagement_is_not_found() {
    let dir = TempDir::new("missing");
    let mut store = FolderStore::open(&dir.0).unwrap();
    let absent = id("pkh-0000");
    let err = store.load(&absent).unwrap_err();
    assert!(matches!(&err, StoreError::NotFound(i) if *i == absent));
    assert_eq!(err.to_string(), "no engagement pkh-0000 in the store");
    assert!(matches!(
        store.read_from(&absent, 1),
        Err(StoreError::NotFound(_))
    ));
    let mut e = case();
    let events = e.take_pending();
    let err = store.append(&absent, 3, &events[3..]).unwrap_err();
    assert!(matches!(err, StoreError::NotFound(_)), "{err}");
    assert!(store.ids().unwrap().is_empty(), "nothing was created");
}

#[test]
fn an_engagement_is_stored_only_under_its_own_id() {
    let dir = TempDir::new("own-id");
    let mut store = FolderStore::open(&dir.0).unwrap();
    let events = case().take_pending();
    let err = store.append(&id("pkh-9999"), 0, &events).unwrap_err();
    assert_eq!(err.to_string(), "the journal of engagement pkh-9999");
    assert_eq!(
        err.journal_error().unwrap().to_string(),
        r#"cannot append event 1: engagement "pkh-3273-0142" where "pkh-9999" was expected"#
    );
    assert!(matches!(
        store.load(&id("pkh-9999")),
        Err(StoreError::NotFound(_))
    ));
}

#[test]
fn files_that_are_not_journals_are_skipped_or_named() {
    let dir = TempDir::new("names");
    let mut store = FolderStore::open(&dir.0).unwrap();
    store.append_pending(&mut case()).unwrap();
    std::fs::write(dir.0.join("notes.txt"), "not a journal").unwrap();
    assert_eq!(store.ids().unwrap(), [id("pkh-3273-0142")]);
    std::fs::write(dir.0.join("bad name!.jsonl"), "").unwrap();
    let err = store.ids().unwrap_err();
    assert_eq!(
        err.to_string(),
        format!(
            "{} is not an engagement's journal: its name is not an engagement id",
            dir.0.join("bad name!.jsonl").display()
        )
    );
}

#[test]
fn a_folder_that_is_a_file_is_refused() {
    let dir = TempDir::new("file");
    std::fs::write(&dir.0, "").unwrap();
    let err = FolderStore::open(&dir.0).unwrap_err();
    assert!(
        matches!(
            err,
            StoreError::Folder {
                action: "create",
                ..
            }
        ),
        "{err}"
    );
    assert_eq!(
        err.to_string(),
        format!("cannot create the store at {}", dir.0.display())
    );
    let _ = std::fs::remove_file(&dir.0);
}

#[test]
fn two_stores_on_one_folder_take_turns_on_an_engagement() {
    let dir = TempDir::new("two");
    let mut first = FolderStore::open(&dir.0).unwrap();
    let mut second = FolderStore::open(&dir.0).unwrap();
    let mut e = case();
    first.append_pending(&mut e).unwrap();
    let mut theirs = second.load(e.id()).unwrap();
    one_more(&mut theirs, 1);
    let err = second.append_pending(&mut theirs).unwrap_err();
    assert!(
        matches!(err.journal_error(), Some(JournalError::Locked { .. })),
        "{err}"
    );
    assert!(!err.should_reload());
    assert!(first.release(e.id()));
    assert_eq!(second.append_pending(&mut theirs).unwrap(), 14);
    assert_eq!(first.load(e.id()).unwrap(), theirs);
}

#[test]
fn a_journal_replaced_under_the_store_is_reloaded_and_retried() {
    let dir = TempDir::new("replaced");
    let mut store = FolderStore::open(&dir.0).unwrap();
    let mut e = case();
    store.append_pending(&mut e).unwrap();
    let path = store.path(e.id());
    let copy = dir.0.join("copy");
    std::fs::copy(&path, &copy).unwrap();
    std::fs::rename(&copy, &path).unwrap();

    one_more(&mut e, 1);
    let err = store.append_pending(&mut e).unwrap_err();
    assert!(
        matches!(err.journal_error(), Some(JournalError::NotAtPath { .. })),
        "{err}"
    );
    assert!(err.should_reload());
    // The app's loop: drop the engagement, load, execute again, append.
    let mut reloaded = store.load(e.id()).unwrap();
    one_more(&mut reloaded, 1);
    assert_eq!(store.append_pending(&mut reloaded).unwrap(), 14);
    assert_eq!(store.load(e.id()).unwrap(), reloaded);
}

#[test]
fn many_engagements_stay_appendable_past_the_open_file_limit() {
    let dir = TempDir::new("many");
    let mut store = FolderStore::open(&dir.0).unwrap();
    let mut cases: Vec<Engagement> = (0..70)
        .map(|n| journal_case::open(&format!("pkh-{n:04}")))
        .collect();
    for e in &mut cases {
        store.append_pending(e).unwrap();
    }
    // The first ones' files were closed to stay under the limit; they open again.
    for (n, e) in cases.iter_mut().enumerate() {
        one_more(e, n as u64);
        store.append_pending(e).unwrap();
    }
    assert_eq!(store.ids().unwrap().len(), 70);
    assert_eq!(store.load(cases[0].id()).unwrap(), cases[0]);
}

#[test]
fn the_store_and_its_errors_cross_threads() {
    fn send_sync<T: Send + Sync>() {}
    send_sync::<FolderStore>();
    send_sync::<StoreError>();
    send_sync::<pendamping::journal::Chain>();
    send_sync::<pendamping::journal::Line>();
    send_sync::<pendamping::journal::Repair>();
}
