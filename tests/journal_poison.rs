//! A write that fails half way poisons the journal handle: what reached the disk is unknown,
//! so further appends are refused until the app opens the file again, and the recovery then
//! finds the half line and nothing else. The failure is real: a child process appends with its
//! file size limit (`prlimit --fsize`) just above the journal, so the kernel refuses the rest
//! of the write (`EFBIG`; `SIGXFSZ` is ignored so that the child lives to see the error).

#![cfg(all(feature = "journal", target_os = "linux"))]

mod journal_case;

use journal_case::{at, case, worker};
use pendamping::journal::Repair;
use pendamping::{Command, FileJournal, JournalError, JournalOptions, Priority};
use std::process::Command as Process;

/// Set in the child's environment to the journal's path.
const CHILD: &str = "PENDAMPING_JOURNAL_POISON_CHILD";
/// How many bytes past the journal's end the child may write.
const ROOM: u64 = 300;

/// The child: one append too large for its file size limit, then one more try.
#[test]
fn poison_child() {
    let Ok(path) = std::env::var(CHILD) else {
        return; // an ordinary test run: nothing to do
    };
    let options = JournalOptions::default();
    let (mut journal, case) = FileJournal::open(&path, &options).unwrap();
    let mut case = case.unwrap();
    case.execute(
        &worker(),
        at(90),
        Command::RecordNeed {
            domain: "housing".into(),
            description: "The roof leaks over the children's corner; ".repeat(40),
            priority: Priority::High,
            confidentiality: None,
        },
    )
    .unwrap();
    let err = journal.append_pending(&mut case).unwrap_err();
    let JournalError::File { action, source, .. } = &err else {
        panic!("not a file error: {err}");
    };
    assert_eq!(*action, "write");
    assert_eq!(source.kind(), std::io::ErrorKind::FileTooLarge, "{source}");
    assert_eq!(case.pending().len(), 1, "the event stays pending");
    let err = journal.append_pending(&mut case).unwrap_err();
    assert!(matches!(err, JournalError::Poisoned), "{err}");
    assert_eq!(
        err.to_string(),
        "an earlier append failed: open the journal again to see what reached the disk"
    );
}

#[test]
fn a_failed_write_poisons_the_handle_and_loses_nothing_stored() {
    if std::env::var_os(CHILD).is_some() {
        return;
    }
    if Process::new("prlimit").arg("--version").output().is_err() {
        eprintln!("skipped: prlimit (util-linux) is not installed");
        return;
    }
    let path = std::env::temp_dir().join(format!("pendamping-poison-{}.jsonl", std::process::id()));
    let _ = std::fs::remove_file(&path);
    let options = JournalOptions::default();
    let mut e = case();
    let mut journal = FileJournal::create(&path, &options).unwrap();
    journal.append_pending(&mut e).unwrap();
    let stored = journal.len();
    drop(journal);

    let exe = std::env::current_exe().unwrap();
    let output = Process::new("sh")
        .arg("-c")
        .arg(r#"trap '' XFSZ; exec prlimit --fsize="$1" -- "$0" --exact poison_child --nocapture --test-threads=1"#)
        .arg(&exe)
        .arg((stored + ROOM).to_string())
        .env(CHILD, &path)
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "the child failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );

    // Part of the line reached the disk; the recovery finds it and only it.
    let len = std::fs::metadata(&path).unwrap().len();
    assert_eq!(len, stored + ROOM);
    let recovery = FileJournal::recover(&path, &options).unwrap();
    assert_eq!(recovery.valid_len, stored);
    assert_eq!(recovery.repair(), Some(Repair::CutTornTail { len: stored }));
    let (_, loaded) = FileJournal::repair(&path, &recovery, &options).unwrap();
    assert_eq!(loaded, Some(e));
    let _ = std::fs::remove_file(&path);
}
