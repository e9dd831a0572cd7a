//! A journal file under the faults that lost acknowledged appends before: the file replaced by
//! a rename, moved or deleted under an open journal, a complete last line without its LF, and
//! a file with CR line ends. Every acknowledged append must stay, and no repair may cut a line
//! that verifies.

#![cfg(feature = "journal")]

mod journal_case;

use journal_case::{TempDir, case, one_more};
use pendamping::journal::{self, Repair};
use pendamping::{Engagement, FileJournal, JournalError, JournalOptions, LineErrorKind};
use std::path::PathBuf;

fn options() -> JournalOptions {
    JournalOptions::default()
}

/// A journal file holding the 13 events of the case, in a fresh directory.
struct Stored {
    dir: TempDir,
    path: PathBuf,
    case: Engagement,
}

impl Stored {
    fn new(name: &str) -> Self {
        let dir = TempDir::new(name);
        std::fs::create_dir_all(&dir.0).unwrap();
        let path = dir.0.join("case.jsonl");
        let mut case = case();
        FileJournal::create(&path, &options())
            .unwrap()
            .append_pending(&mut case)
            .unwrap();
        Self { dir, path, case }
    }

    /// The journal opened for appending.
    fn open(&self) -> FileJournal {
        FileJournal::open(&self.path, &options()).unwrap().0
    }

    fn bytes(&self) -> Vec<u8> {
        std::fs::read(&self.path).unwrap()
    }

    fn write(&self, bytes: &[u8]) {
        std::fs::write(&self.path, bytes).unwrap();
    }
}

#[test]
fn a_file_replaced_by_a_rename_is_not_appended_to() {
    let stored = Stored::new("rename");
    let (path, mut e, mut file) = (&stored.path, stored.case.clone(), stored.open());
    // What `sed -i`, an editor or a restore does: write a copy, rename it over the journal.
    let copy = stored.dir.0.join("case.jsonl.tmp");
    std::fs::copy(path, &copy).unwrap();
    std::fs::rename(&copy, path).unwrap();
    let before = stored.bytes();

    one_more(&mut e, 1);
    let err = file.append_pending(&mut e).unwrap_err();
    assert!(matches!(err, JournalError::NotAtPath { .. }), "{err}");
    assert_eq!(
        err.to_string(),
        format!(
            "{} is no longer the file this journal opened (replaced, moved or deleted): \
             nothing was written; open it again",
            path.display()
        )
    );
    assert_eq!(e.pending().len(), 1, "the event stays pending");
    assert_eq!(stored.bytes(), before);

    // Opening the file now at the path, and appending there, keeps the event.
    drop(file);
    let (mut file, loaded) = FileJournal::open(path, &options()).unwrap();
    assert_eq!(loaded.map(|l| l.last_seq()), Some(13));
    file.append_pending(&mut e).unwrap();
    let bytes = stored.bytes();
    assert_eq!(journal::load(bytes.as_slice(), &options()).unwrap(), e);
}

#[test]
fn a_deleted_file_is_not_appended_to() {
    let stored = Stored::new("delete");
    let (path, mut e, mut file) = (&stored.path, stored.case.clone(), stored.open());
    std::fs::remove_file(path).unwrap();
    one_more(&mut e, 1);
    let err = file.append_pending(&mut e).unwrap_err();
    assert!(matches!(err, JournalError::NotAtPath { .. }), "{err}");
    assert!(!path.exists(), "nothing was written anywhere");
    assert_eq!(e.pending().len(), 1);
}

#[test]
fn a_moved_file_is_not_appended_to_at_its_new_place_either() {
    let stored = Stored::new("move");
    let (path, mut e, mut file) = (&stored.path, stored.case.clone(), stored.open());
    std::fs::rename(path, stored.dir.0.join("elsewhere.jsonl")).unwrap();
    one_more(&mut e, 1);
    let err = file.append_pending(&mut e).unwrap_err();
    assert!(matches!(err, JournalError::NotAtPath { .. }), "{err}");
    // The lock went with the file: the moved file is still locked by the old handle.
    let err = FileJournal::open(stored.dir.0.join("elsewhere.jsonl"), &options()).unwrap_err();
    assert!(matches!(err, JournalError::Locked { .. }), "{err}");
}

#[test]
fn a_complete_last_line_without_its_lf_is_kept_by_the_repair() {
    let stored = Stored::new("nolf");
    let (path, e) = (&stored.path, stored.case.clone());
    let mut bytes = stored.bytes();
    bytes.pop();
    let line_len = bytes.len() - bytes.iter().rposition(|&b| b == b'\n').unwrap() - 1;
    stored.write(&bytes);

    let err = FileJournal::open(path, &options()).unwrap_err();
    assert_eq!(
        err.to_string(),
        format!(
            "journal line 13: complete ({line_len} bytes), but the file ends without its line end (LF)"
        )
    );
    let recovery = FileJournal::recover(path, &options()).unwrap();
    assert!(!recovery.is_torn_tail());
    assert_eq!(recovery.events.len(), 12);
    let len = bytes.len() as u64;
    assert_eq!(recovery.repair(), Some(Repair::AddLineEnd { len }));
    // Cutting there would drop a line that verifies: refused.
    let err = FileJournal::truncate_to(path, recovery.valid_len, &options()).unwrap_err();
    assert!(matches!(err, JournalError::BadTruncation { .. }), "{err}");
    assert_eq!(stored.bytes(), bytes);

    let (file, loaded) = FileJournal::repair(path, &recovery, &options()).unwrap();
    assert_eq!(loaded.as_ref(), Some(&e));
    assert_eq!(file.last_seq(), 13);
    bytes.push(b'\n');
    assert_eq!(stored.bytes(), bytes);
}

#[test]
fn nul_bytes_after_a_complete_last_line_go_and_the_line_stays() {
    let stored = Stored::new("nul");
    let (path, e) = (&stored.path, stored.case.clone());
    let mut bytes = stored.bytes();
    bytes.pop();
    let kept = bytes.clone();
    bytes.extend_from_slice(&[0; 4096]);
    stored.write(&bytes);
    let recovery = FileJournal::recover(path, &options()).unwrap();
    assert_eq!(
        recovery.repair(),
        Some(Repair::AddLineEnd {
            len: kept.len() as u64
        })
    );
    let (_, loaded) = FileJournal::repair(path, &recovery, &options()).unwrap();
    assert_eq!(loaded, Some(e));
    let mut expected = kept;
    expected.push(b'\n');
    assert_eq!(stored.bytes(), expected);
}

#[test]
fn a_torn_last_line_is_cut_by_the_repair_and_nothing_else() {
    let stored = Stored::new("torn");
    let (path, mut e) = (&stored.path, stored.case.clone());
    let good = stored.bytes().len() as u64;
    let mut bytes = stored.bytes();
    bytes.extend_from_slice(br#"{"v":1,"engagement":"pkh-3273-0142","seq":14,"#);
    stored.write(&bytes);
    let recovery = FileJournal::recover(path, &options()).unwrap();
    assert!(recovery.is_torn_tail());
    assert_eq!(recovery.repair(), Some(Repair::CutTornTail { len: good }));
    let (mut file, loaded) = FileJournal::repair(path, &recovery, &options()).unwrap();
    assert_eq!(loaded.as_ref(), Some(&e));
    assert_eq!(std::fs::metadata(path).unwrap().len(), good);
    one_more(&mut e, 1);
    file.append_pending(&mut e).unwrap();
}

#[test]
fn a_file_with_cr_line_ends_is_not_emptied() {
    let stored = Stored::new("cr");
    let path = &stored.path;
    let bytes: Vec<u8> = std::fs::read(path)
        .unwrap()
        .into_iter()
        .map(|b| if b == b'\n' { b'\r' } else { b })
        .collect();
    stored.write(&bytes);

    let err = FileJournal::open(path, &options()).unwrap_err();
    assert_eq!(
        err.to_string(),
        "journal line 1: no line end (LF) but carriage returns (CR) from here on: \
         lines must end with LF"
    );
    let recovery = FileJournal::recover(path, &options()).unwrap();
    assert_eq!(recovery.valid_len, 0);
    assert!(!recovery.is_torn_tail());
    assert_eq!(recovery.repair(), None, "no repair empties the file");
    let err = FileJournal::repair(path, &recovery, &options()).unwrap_err();
    assert!(
        matches!(
            err,
            JournalError::CannotRepair {
                line: 1,
                kind: LineErrorKind::CarriageReturnLineEnds
            }
        ),
        "{err}"
    );
    assert_eq!(stored.bytes(), bytes);

    // Over the line limit, the same: CR line ends, not a line too long to read.
    let small = options().with_max_line_bytes(1000);
    let recovery = FileJournal::recover(path, &small).unwrap();
    assert_eq!(
        recovery.damage.map(|d| d.kind),
        Some(LineErrorKind::CarriageReturnLineEnds)
    );

    // The same file after its line ends are mended by hand verifies again.
    let mended: Vec<u8> = bytes
        .iter()
        .map(|&b| if b == b'\r' { b'\n' } else { b })
        .collect();
    assert!(journal::verify(mended.as_slice(), &options()).is_ok());
}

#[test]
fn an_edited_line_gets_no_repair() {
    let stored = Stored::new("edited");
    let path = &stored.path;
    let mut bytes = stored.bytes();
    let at = bytes.windows(6).position(|w| w == b"eldest").unwrap();
    bytes[at] = b'E';
    stored.write(&bytes);
    let recovery = FileJournal::recover(path, &options()).unwrap();
    assert_eq!(recovery.repair(), None);
    let err = FileJournal::repair(path, &recovery, &options()).unwrap_err();
    assert!(
        err.to_string()
            .starts_with("journal line 2 cannot be repaired automatically: the content hashes to"),
        "{err}"
    );
    assert_eq!(stored.bytes(), bytes);
}

#[test]
fn a_repair_from_a_stale_recovery_changes_nothing() {
    let stored = Stored::new("stale");
    let path = &stored.path;
    let mut bytes = stored.bytes();
    bytes.extend_from_slice(b"{\"v\":1,");
    stored.write(&bytes);
    let recovery = FileJournal::recover(path, &options()).unwrap();
    bytes.extend_from_slice(b"\"engagement\"");
    stored.write(&bytes);
    let err = FileJournal::repair(path, &recovery, &options()).unwrap_err();
    assert_eq!(
        err.to_string(),
        format!(
            "{} changed since it was recovered: recover it again",
            path.display()
        )
    );
    assert_eq!(stored.bytes(), bytes);
}

#[test]
fn a_clean_journal_is_just_opened_by_the_repair() {
    let stored = Stored::new("clean");
    let (path, e) = (&stored.path, stored.case.clone());
    let recovery = FileJournal::recover(path, &options()).unwrap();
    assert_eq!(recovery.repair(), None);
    let (_, loaded) = FileJournal::repair(path, &recovery, &options()).unwrap();
    assert_eq!(loaded, Some(e));
}

mod any_cut {
    use super::*;
    use proptest::prelude::*;

    /// The case's journal bytes, made once.
    fn bytes() -> Vec<u8> {
        let mut e = case();
        let mut journal = pendamping::Journal::new();
        journal.append_pending(&mut e).unwrap();
        journal.into_bytes()
    }

    proptest! {
        /// Wherever a crash cuts the file, with or without NUL bytes after the cut, the
        /// proposed repair keeps every line that was whole before the cut (a line missing only
        /// its LF included) and leaves a journal that verifies.
        #[test]
        fn a_repair_keeps_every_whole_line(cut in 0usize..5000, zeros in 0usize..3, nul in 0usize..600) {
            let full = bytes();
            let cut = cut % (full.len() + 1);
            let mut data = full[..cut].to_vec();
            data.extend(std::iter::repeat_n(0u8, if zeros == 0 { 0 } else { nul }));
            let whole_lines = full[..cut].iter().filter(|&&b| b == b'\n').count();
            // A line cut just before its LF is whole too.
            let unended = full.get(cut) == Some(&b'\n') && cut > 0 && full[cut - 1] != b'\n';
            let recovery = journal::recover(data.as_slice(), &options()).unwrap();
            let kept = match recovery.repair() {
                None => {
                    prop_assert!(recovery.is_clean(), "no repair for {:?}", recovery.damage);
                    data
                }
                Some(Repair::CutTornTail { len }) => data[..len as usize].to_vec(),
                Some(Repair::AddLineEnd { len }) => [&data[..len as usize], b"\n"].concat(),
                Some(other) => panic!("unknown repair {other:?}"),
            };
            let verified = journal::verify(kept.as_slice(), &options()).unwrap();
            prop_assert_eq!(verified.lines as usize, whole_lines + usize::from(unended));
        }
    }
}
