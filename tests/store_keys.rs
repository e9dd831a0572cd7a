//! A folder store opened with a keyring: lines sealed as they are appended, seals checked on
//! every load, the head of each append checked by `check`; without the key, the chain only,
//! and the answer says so.

#![cfg(feature = "journal")]

mod journal_case;

use journal_case::{TempDir, case, one_more, rehash};
use pendamping::journal::{JournalOptions, Reader};
use pendamping::protect::{AuthError, Authenticity, Key, Keyring, read_seals};
use pendamping::store::{FolderStore, Store, StoreError};
use pendamping::{Engagement, Recorded};

fn keys() -> Keyring {
    Keyring::new(Key::new("pkh-2026-03", &[0x5a; 32]).unwrap())
}

/// The case stored in a keyed folder, in two appends; the store and the case.
fn stored(dir: &TempDir) -> (FolderStore, Engagement) {
    let mut store = FolderStore::open(&dir.0).unwrap().with_keyring(keys());
    let mut e = case();
    assert_eq!(store.append_pending(&mut e).unwrap(), 13);
    one_more(&mut e, 1);
    assert_eq!(store.append_pending(&mut e).unwrap(), 14);
    (store, e)
}

fn events_of(store: &FolderStore, e: &Engagement) -> Vec<Recorded> {
    let bytes = std::fs::read(store.path(e.id())).unwrap();
    Reader::new(bytes.as_slice(), &JournalOptions::default())
        .map(Result::unwrap)
        .collect()
}

/// The error's own message and its source's, as an app would log them.
fn messages(err: &StoreError) -> String {
    let source = std::error::Error::source(err).map_or(String::new(), |s| format!(": {s}"));
    format!("{err}{source}")
}

#[test]
fn appended_lines_are_sealed_and_check_with_the_head() {
    let dir = TempDir::new("keys-ok");
    let (store, e) = stored(&dir);
    assert_eq!(store.load(e.id()).unwrap(), e);
    let seals = read_seals(std::fs::read(store.seals_path(e.id())).unwrap().as_slice()).unwrap();
    assert_eq!(
        seals.iter().map(|s| s.seq).collect::<Vec<_>>(),
        (1..=14).collect::<Vec<_>>()
    );
    assert!(dir.0.join("pkh-3273-0142.seals").is_file());
    // The seal file is not a journal: the store lists one engagement.
    assert_eq!(store.ids().unwrap(), [e.id().clone()]);

    let head = store.head(e.id()).unwrap().clone();
    assert_eq!(head.seq, 14);
    let (loaded, authenticity) = store.check(e.id(), &head).unwrap();
    assert_eq!(loaded, e);
    assert_eq!(authenticity, Authenticity::Authentic { head: head.clone() });
    assert_eq!(store.read_from(e.id(), 14).unwrap().len(), 1);
}

#[test]
fn a_rehashed_forgery_loads_without_the_key_and_is_named_with_it() {
    let dir = TempDir::new("keys-forged");
    let (mut store, e) = stored(&dir);
    let head = store.head(e.id()).unwrap().clone();
    store.release(e.id());
    // Line 5 moved by a second, which the rules allow, and every hash after it recomputed.
    let mut events = events_of(&store, &e);
    events[4].at += chrono::TimeDelta::seconds(1);
    std::fs::write(store.path(e.id()), rehash("pkh-3273-0142", &events)).unwrap();

    let err = store.load(e.id()).unwrap_err();
    assert_eq!(
        messages(&err),
        "engagement pkh-3273-0142 could not be shown authentic: journal line 5 is not the one \
         key pkh-2026-03 sealed: it was changed or re-hashed"
    );
    assert!(matches!(
        err,
        StoreError::Auth {
            source: AuthError::Forged { line: 5, .. },
            ..
        }
    ));
    assert!(store.check(e.id(), &head).is_err());

    // Without the key the forged chain verifies, and the answer says authenticity was not
    // checked.
    let plain = FolderStore::open(&dir.0).unwrap();
    let (_, authenticity) = plain.check(e.id(), &head).unwrap();
    assert_eq!(authenticity, Authenticity::NotChecked);
}

#[test]
fn lines_cut_from_the_end_are_found() {
    let dir = TempDir::new("keys-cut");
    let (mut store, e) = stored(&dir);
    let head = store.head(e.id()).unwrap().clone();
    store.release(e.id());
    let path = store.path(e.id());
    let bytes = std::fs::read(&path).unwrap();
    let cut = bytes[..bytes.len() - 1]
        .iter()
        .rposition(|&b| b == b'\n')
        .unwrap();
    std::fs::write(&path, &bytes[..=cut]).unwrap();
    // Seals left over say so on any load; the head says so on a check.
    assert_eq!(
        messages(&store.load(e.id()).unwrap_err()),
        "engagement pkh-3273-0142 could not be shown authentic: there are 14 seals for 13 \
         journal lines: lines were cut from the end"
    );
    // The seals cut too: only the head the app kept apart finds it.
    let seals = std::fs::read(store.seals_path(e.id())).unwrap();
    let cut = seals[..seals.len() - 1]
        .iter()
        .rposition(|&b| b == b'\n')
        .unwrap();
    std::fs::write(store.seals_path(e.id()), &seals[..=cut]).unwrap();
    assert_eq!(store.load(e.id()).unwrap().last_seq(), 13);
    assert_eq!(
        messages(&store.check(e.id(), &head).unwrap_err()),
        "engagement pkh-3273-0142 could not be shown authentic: the journal ends at line 13, \
         but its head is at line 14: lines were cut from the end"
    );
}

#[test]
fn keys_rotate_and_old_lines_check_with_the_old_key() {
    let dir = TempDir::new("keys-rotate");
    let (mut store, mut e) = stored(&dir);
    store.release(e.id());
    let mut rotated = keys();
    rotated
        .rotate(Key::new("pkh-2026-09", &[0x33; 32]).unwrap())
        .unwrap();
    let mut store = FolderStore::open(&dir.0).unwrap().with_keyring(rotated);
    one_more(&mut e, 2);
    store.append_pending(&mut e).unwrap();
    let head = store.head(e.id()).unwrap().clone();
    assert_eq!(head.key.as_str(), "pkh-2026-09");
    let (_, authenticity) = store.check(e.id(), &head).unwrap();
    assert!(matches!(authenticity, Authenticity::Authentic { .. }));
    let seals = read_seals(std::fs::read(store.seals_path(e.id())).unwrap().as_slice()).unwrap();
    let keys_used: Vec<&str> = seals.iter().map(|s| s.key.as_str()).collect();
    assert_eq!(keys_used[..14], ["pkh-2026-03"; 14]);
    assert_eq!(keys_used[14], "pkh-2026-09");

    // Retiring the old key before sealing again: the old lines no longer check.
    store.release(e.id());
    let mut retired = keys();
    retired
        .rotate(Key::new("pkh-2026-09", &[0x33; 32]).unwrap())
        .unwrap();
    retired.retire(&"pkh-2026-03".parse().unwrap()).unwrap();
    let store = FolderStore::open(&dir.0).unwrap().with_keyring(retired);
    assert_eq!(
        messages(&store.load(e.id()).unwrap_err()),
        "engagement pkh-3273-0142 could not be shown authentic: journal line 1 is sealed with \
         key pkh-2026-03, which the keyring does not hold"
    );
}

#[test]
fn a_wrong_key_or_a_journal_never_sealed_is_refused_by_line() {
    let dir = TempDir::new("keys-wrong");
    let (mut store, e) = stored(&dir);
    store.release(e.id());
    let other = Keyring::new(Key::new("pkh-2026-03", &[0x07; 32]).unwrap());
    let wrong = FolderStore::open(&dir.0).unwrap().with_keyring(other);
    assert!(matches!(
        wrong.load(e.id()).unwrap_err(),
        StoreError::Auth {
            source: AuthError::Forged { line: 1, .. },
            ..
        }
    ));

    // Written without a key, opened with one: nothing is sealed.
    let dir = TempDir::new("keys-unsealed");
    let mut plain = FolderStore::open(&dir.0).unwrap();
    let mut e = case();
    plain.append_pending(&mut e).unwrap();
    drop(plain);
    let keyed = FolderStore::open(&dir.0).unwrap().with_keyring(keys());
    assert_eq!(
        messages(&keyed.load(e.id()).unwrap_err()),
        "engagement pkh-3273-0142 could not be shown authentic: journal line 1 has no seal"
    );
    assert!(keyed.head(e.id()).is_none());
}
