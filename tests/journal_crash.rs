//! Crash safety: a child process appends to a journal file in a loop and reports each append
//! that returned; it is killed (SIGKILL) at random moments, and every time the file must verify,
//! or recover to a prefix (repaired only at a torn or unended last line) that holds every
//! reported append.
//!
//! The child reports on stderr, one `ack <seq>` line per append: its stdout is shared with the
//! test harness, whose `test child_appender ... ` has no line end and would swallow the first.
//!
//! A kill rarely lands inside a `write` (the kernel finishes a write to a regular file), so
//! every sixth round also tears the tail by hand, as a power cut could, to drive the repair
//! path: recover, repair on the app's word, and go on appending.

#![cfg(feature = "journal")]

mod journal_case;

use pendamping::{Command, FileJournal, JournalOptions, Priority, ResourceKind};
use std::io::{BufRead, BufReader};
use std::process::{Command as Process, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

/// Set in the child's environment to the journal's path.
const CHILD: &str = "PENDAMPING_JOURNAL_CRASH_CHILD";
const KILLS: usize = 60;

/// The child: opens the journal (the parent repaired it), then appends batches of one to three
/// events, and now and then a batch of 40 large ones (about 150 KB, so that a kill can land
/// inside the write), until killed, printing `ack <seq>` after each append returns.
#[test]
fn child_appender() {
    let Ok(path) = std::env::var(CHILD) else {
        return; // an ordinary test run: nothing to do
    };
    let options = JournalOptions::default();
    let (mut journal, engagement) = FileJournal::open(&path, &options).unwrap();
    let mut case = engagement.unwrap_or_else(|| journal_case::open("crash-1"));
    let worker = journal_case::worker();
    let mut n: u64 = case.last_seq();
    for batch in 0u64.. {
        let size = if batch % 8 == 7 { 40 } else { n % 3 + 1 };
        for _ in 0..size {
            n += 1;
            let hour = i64::try_from(n).unwrap();
            let command = match n % 4 {
                0 => Command::RecordNeed {
                    domain: "income".into(),
                    description: format!(
                        "Need noted on visit {n}: {}",
                        "rent arrears ".repeat((n % 50) as usize)
                    ),
                    priority: Priority::Medium,
                    confidentiality: None,
                },
                1 => Command::RecordResource {
                    kind: ResourceKind::Interpersonal,
                    description: format!("A neighbour who helps, visit {n}"),
                    holder: Some("Pak RT".into()),
                    barriers: vec![],
                    service: None,
                    confidentiality: None,
                },
                _ if size == 40 || n.is_multiple_of(7) => Command::RecordNeed {
                    domain: "health".into(),
                    description: "The father's leg still hurts; ".repeat(120),
                    priority: Priority::High,
                    confidentiality: None,
                },
                _ => journal_case::consultation(n),
            };
            case.execute(&worker, journal_case::at(hour), command)
                .unwrap();
        }
        let seq = journal.append_pending(&mut case).unwrap();
        // One write, so that a kill cannot leave half an acknowledgement.
        std::io::Write::write_all(&mut std::io::stderr(), format!("ack {seq}\n").as_bytes())
            .unwrap();
    }
}

/// A small xorshift generator: random enough for kill timing, without a dependency.
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 % n
    }
}

#[test]
fn appends_survive_sigkill() {
    if std::env::var_os(CHILD).is_some() {
        return;
    }
    let started = Instant::now();
    let path = std::env::temp_dir().join(format!("pendamping-crash-{}.jsonl", std::process::id()));
    let _ = std::fs::remove_file(&path);
    let options = JournalOptions::default();
    drop(FileJournal::create(&path, &options).unwrap());
    let seed = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(1, |d| d.as_nanos() as u64)
        | 1;
    let mut rng = Rng(seed);
    let exe = std::env::current_exe().unwrap();
    let (mut acked, mut torn, mut clean, mut simulated) = (0u64, 0usize, 0usize, 0usize);
    let mut acks = 0usize;

    for round in 0..KILLS {
        let mut child = Process::new(&exe)
            .args([
                "--exact",
                "child_appender",
                "--nocapture",
                "--test-threads=1",
            ])
            .env(CHILD, &path)
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let stderr = child.stderr.take().unwrap();
        let (tx, rx) = mpsc::channel();
        let reader = std::thread::spawn(move || {
            let mut seqs = Vec::new();
            let mut stderr = BufReader::new(stderr);
            let mut line = String::new();
            // Only whole lines count: a kill can cut the child's other output short.
            while stderr.read_line(&mut line).is_ok_and(|n| n > 0) && line.ends_with('\n') {
                let text = std::mem::take(&mut line);
                let text = text.trim_end();
                match text.strip_prefix("ack ") {
                    Some(seq) => {
                        seqs.push(seq.parse::<u64>().unwrap());
                        if seqs.len() == 1 {
                            let _ = tx.send(());
                        }
                    }
                    None => eprintln!("child: {text}"),
                }
            }
            seqs
        });
        // Most rounds let the child get going first; some kill it while it opens the journal.
        if rng.below(5) != 0 {
            let _ = rx.recv_timeout(Duration::from_secs(5));
        }
        std::thread::sleep(Duration::from_micros(rng.below(15_000)));
        child.kill().unwrap();
        let status = child.wait().unwrap();
        assert!(
            !status.success(),
            "round {round}: the child stopped by itself: {status}"
        );
        let seqs = reader.join().unwrap();
        assert!(
            seqs.windows(2).all(|w| w[0] < w[1]) && seqs.first().is_none_or(|&s| s > acked),
            "round {round}: acknowledgements out of order after seq {acked}: {seqs:?}"
        );
        acks += seqs.len();
        acked = seqs.last().copied().unwrap_or(acked);

        if round % 6 == 5 {
            // The first part of a copy of the last line, without its line end.
            let bytes = std::fs::read(&path).unwrap();
            let body = bytes.strip_suffix(b"\n").unwrap_or(&bytes);
            let start = body.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
            let line = &body[start..];
            let cut = 1 + rng.below(line.len().max(2) as u64 - 1) as usize;
            let piece = &line[..cut.min(line.len())];
            let mut file = std::fs::OpenOptions::new()
                .append(true)
                .open(&path)
                .unwrap();
            std::io::Write::write_all(&mut file, piece).unwrap();
            simulated += 1;
        }
        let recovery = FileJournal::recover(&path, &options).unwrap();
        let last = recovery.events.last().map_or(0, |r| r.seq);
        assert!(
            last >= acked,
            "round {round}: acknowledged seq {acked} but only {last} recovered"
        );
        match (&recovery.damage, recovery.repair()) {
            (None, _) => clean += 1,
            (Some(_), Some(_)) => {
                torn += 1;
                FileJournal::repair(&path, &recovery, &options).unwrap();
            }
            (Some(damage), None) => {
                panic!("round {round}: damage other than a crash's: {damage}")
            }
        }
    }
    let (_, engagement) = FileJournal::open(&path, &options).unwrap();
    let final_seq = engagement.map_or(0, |e| e.last_seq());
    let elapsed = started.elapsed();
    eprintln!(
        "{KILLS} kills in {elapsed:.1?}: {clean} clean, {torn} tails repaired \
         ({simulated} torn by hand); {acks} appends acknowledged up to seq {acked}, \
         {final_seq} events kept"
    );
    assert!(final_seq >= acked);
    assert!(acks > 0, "no append was ever acknowledged");
    assert!(elapsed < Duration::from_secs(30), "took {elapsed:?}");
    let _ = std::fs::remove_file(&path);
}
