//! Two processes racing to append to one journal file: each opens it, appends a few batches and
//! lets go, over and over, for a few seconds (`PENDAMPING_RACE_SECS`, 3 by default). The file
//! lock lets one appender in at a time, so the file must verify at the end and hold every
//! acknowledged append exactly once.

#![cfg(feature = "journal")]

mod journal_case;

use chrono::TimeDelta;
use pendamping::{Engagement, FileJournal, JournalError, JournalOptions};
use std::collections::HashMap;
use std::io::{BufRead, BufReader, Write};
use std::process::{Command as Process, Stdio};
use std::time::{Duration, Instant};

/// Set in a child's environment to the journal's path.
const CHILD: &str = "PENDAMPING_JOURNAL_RACE_CHILD";
/// The child's name, written into the notes of its activities.
const NAME: &str = "PENDAMPING_JOURNAL_RACE_NAME";

fn race_time() -> Duration {
    let secs = std::env::var("PENDAMPING_RACE_SECS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(3);
    Duration::from_secs(secs)
}

/// One racer: until its time is up, open the journal (waiting while the other has it), append
/// one to three activities, each its own append, reporting `ack <name> <n>` on stderr after it
/// returns, and close it again.
#[test]
fn race_child() {
    let (Ok(path), Ok(name)) = (std::env::var(CHILD), std::env::var(NAME)) else {
        return; // an ordinary test run: nothing to do
    };
    let options = JournalOptions::default();
    let worker = journal_case::worker();
    let deadline = Instant::now() + race_time();
    let (mut n, mut locked) = (0u64, 0u64);
    while Instant::now() < deadline {
        let (mut journal, case) = match FileJournal::open(&path, &options) {
            Ok(opened) => opened,
            Err(JournalError::Locked { .. }) => {
                locked += 1;
                std::thread::sleep(Duration::from_micros(100));
                continue;
            }
            Err(e) => panic!("{name}: {e}"),
        };
        let mut case: Engagement = case.unwrap();
        for _ in 0..=(n % 3) {
            n += 1;
            let mut command = journal_case::consultation(n);
            if let pendamping::Command::RecordActivity { note, .. } = &mut command {
                *note = Some(format!("{name} {n}"));
            }
            let at = case.last_at() + TimeDelta::minutes(1);
            case.execute(&worker, at, command).unwrap();
            journal.append_pending(&mut case).unwrap();
            std::io::stderr()
                .write_all(format!("ack {name} {n}\n").as_bytes())
                .unwrap();
        }
        drop(journal);
        std::thread::yield_now();
    }
    std::io::stderr()
        .write_all(format!("locked {name} {locked}\n").as_bytes())
        .unwrap();
}

#[test]
fn two_processes_append_one_at_a_time() {
    if std::env::var_os(CHILD).is_some() {
        return;
    }
    let path = std::env::temp_dir().join(format!("pendamping-race-{}.jsonl", std::process::id()));
    let _ = std::fs::remove_file(&path);
    let options = JournalOptions::default();
    let mut case = journal_case::open("race-1");
    FileJournal::create(&path, &options)
        .unwrap()
        .append_pending(&mut case)
        .unwrap();

    let exe = std::env::current_exe().unwrap();
    let children: Vec<_> = ["a", "b"]
        .into_iter()
        .map(|name| {
            let mut child = Process::new(&exe)
                .args(["--exact", "race_child", "--nocapture", "--test-threads=1"])
                .env(CHILD, &path)
                .env(NAME, name)
                .stdout(Stdio::null())
                .stderr(Stdio::piped())
                .spawn()
                .unwrap();
            let stderr = child.stderr.take().unwrap();
            let reader = std::thread::spawn(move || {
                BufReader::new(stderr)
                    .lines()
                    .map_while(Result::ok)
                    .collect::<Vec<String>>()
            });
            (child, reader)
        })
        .collect();

    // Bounded: a racer that does not finish in time is killed and the test fails.
    let limit = Instant::now() + race_time() + Duration::from_secs(30);
    let mut acked: HashMap<String, usize> = HashMap::new();
    let mut locked = Vec::new();
    for (mut child, reader) in children {
        let status = loop {
            if let Some(status) = child.try_wait().unwrap() {
                break status;
            }
            if Instant::now() > limit {
                child.kill().unwrap();
                panic!("a racer did not finish in time");
            }
            std::thread::sleep(Duration::from_millis(20));
        };
        let lines = reader.join().unwrap();
        assert!(status.success(), "a racer failed: {lines:?}");
        for line in lines {
            if let Some(ack) = line.strip_prefix("ack ") {
                *acked.entry(ack.to_owned()).or_default() += 1;
            } else if let Some(count) = line.strip_prefix("locked ") {
                locked.push(count.to_owned());
            }
        }
    }

    let (_, stored) = FileJournal::open(&path, &options).unwrap();
    let stored = stored.unwrap();
    let mut notes: HashMap<String, usize> = HashMap::new();
    for activity in stored.activities() {
        if let Some(note) = &activity.note {
            *notes.entry(note.clone()).or_default() += 1;
        }
    }
    for (ack, count) in &acked {
        assert_eq!(*count, 1, "{ack} acknowledged twice");
        assert_eq!(
            notes.get(ack),
            Some(&1),
            "acknowledged {ack} is not stored once"
        );
    }
    assert!(
        acked.keys().any(|a| a.starts_with("a ")),
        "racer a never got in"
    );
    assert!(
        acked.keys().any(|a| a.starts_with("b ")),
        "racer b never got in"
    );
    assert_eq!(
        notes.len(),
        acked.len(),
        "an append was stored but not acknowledged"
    );
    eprintln!(
        "{} appends acknowledged and stored once each; waits on the lock: {locked:?}",
        acked.len()
    );
    let _ = std::fs::remove_file(&path);
}
