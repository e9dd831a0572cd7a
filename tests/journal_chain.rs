//! The chain row by row, as a database store uses it: lines encoded one at a time are the
//! journal's bytes, a stored row verifies against the row before it, and a chain resumed from a
//! stored (seq, hash) goes on as if it had read every row.

#![cfg(feature = "journal")]

mod journal_case;

use journal_case::{at, case};
use pendamping::journal::{Chain, GENESIS, Line};
use pendamping::{
    EngagementId, Journal, JournalError, JournalOptions, LineErrorKind, Recorded, ReplayErrorKind,
};

fn id() -> EngagementId {
    EngagementId::new("pkh-3273-0142").unwrap()
}

fn events() -> Vec<Recorded> {
    case().take_pending()
}

/// The case's lines, encoded one at a time.
fn lines() -> Vec<Line> {
    let mut chain = Chain::new(id());
    events().iter().map(|r| chain.encode(r).unwrap()).collect()
}

#[test]
fn lines_encoded_one_at_a_time_are_the_journal() {
    let mut journal = Journal::new();
    journal.append(0, &events()).unwrap();
    let rows: Vec<u8> = lines()
        .into_iter()
        .flat_map(|line| [line.bytes, b"\n".to_vec()].concat())
        .collect();
    assert_eq!(rows, journal.as_bytes());
    let last = lines().pop().unwrap();
    assert_eq!((last.seq, last.hash.as_str()), (13, journal.last_hash()));
    assert_eq!(journal.chain().hash(), last.hash);
}

#[test]
fn each_row_verifies_against_the_one_before() {
    let mut chain = Chain::new(id());
    for (line, event) in lines().iter().zip(events()) {
        assert_eq!(chain.verify(&line.bytes).unwrap(), event);
        assert_eq!((chain.seq(), chain.hash()), (line.seq, line.hash.as_str()));
    }
    assert_eq!(chain.last_at(), Some(at(51)));
}

#[test]
fn a_refused_row_leaves_the_chain_where_it_was() {
    let lines = lines();
    let mut chain = Chain::new(id());
    chain.verify(&lines[0].bytes).unwrap();
    let before = chain.clone();
    // Skipping a row breaks the chain at the row expected.
    let err = chain.verify(&lines[2].bytes).unwrap_err();
    assert!(matches!(
        err,
        JournalError::Line {
            line: 2,
            kind: LineErrorKind::BrokenChain { .. }
        }
    ));
    // An edited row.
    let mut edited = lines[1].bytes.clone();
    let at = edited.iter().position(|&b| b == b'T').unwrap();
    edited[at] = b't';
    let err = chain.verify(&edited).unwrap_err();
    assert!(matches!(
        err.kind(),
        Some(LineErrorKind::HashMismatch { .. })
    ));
    // A row with its LF, or two rows in one.
    let mut with_lf = lines[1].bytes.clone();
    with_lf.push(b'\n');
    let err = chain.verify(&with_lf).unwrap_err();
    assert_eq!(
        err.to_string(),
        format!(
            "journal line 2: not a journal line: a line end (LF) inside the line, at column {}",
            with_lf.len()
        )
    );
    // A row over the limit.
    let mut small = before
        .clone()
        .with_options(&JournalOptions::default().with_max_line_bytes(100));
    let err = small.verify(&lines[1].bytes).unwrap_err();
    assert!(matches!(
        err.kind(),
        Some(LineErrorKind::TooLong { limit: 100 })
    ));
    assert_eq!(chain, before);
    chain.verify(&lines[1].bytes).unwrap();
}

#[test]
fn a_chain_resumed_from_a_stored_row_goes_on() {
    let lines = lines();
    let events = events();
    let mut chain = Chain::resume(id(), 6, &lines[5].hash).unwrap();
    for (line, event) in lines[6..].iter().zip(&events[6..]) {
        assert_eq!(&chain.verify(&line.bytes).unwrap(), event);
    }
    // Encoding from a resumed chain gives the same line as encoding all along.
    let mut chain = Chain::resume(id(), 12, &lines[11].hash).unwrap();
    assert_eq!(chain.encode(&events[12]).unwrap(), lines[12]);
}

#[test]
fn a_resumed_chain_knows_the_last_time_only_when_told() {
    let lines = lines();
    let mut late = events()[12].clone();
    late.at = at(0);
    let mut chain = Chain::resume(id(), 12, &lines[11].hash).unwrap();
    assert!(chain.clone().encode(&late).is_ok());
    chain = chain.with_last_at(at(50));
    let err = chain.encode(&late).unwrap_err();
    assert!(matches!(
        err,
        JournalError::Refused {
            seq: 13,
            kind: LineErrorKind::TimeWentBack { .. }
        }
    ));
}

#[test]
fn a_chain_cannot_resume_from_a_state_that_is_not_one() {
    let hash = "ab".repeat(32);
    for (seq, bad) in [
        (0, hash.as_str()),
        (3, GENESIS),
        (3, "AB"),
        (3, &hash[..63]),
        (3, &hash.to_uppercase()),
    ] {
        let err = Chain::resume(id(), seq, bad).unwrap_err();
        assert!(
            matches!(&err, JournalError::BadChainState { seq: s, hash: h } if *s == seq && h == bad),
            "{err}"
        );
    }
    let err = Chain::resume(id(), 3, "AB").unwrap_err();
    assert_eq!(
        err.to_string(),
        "cannot resume a journal chain at seq 3 with hash \"AB\": expected 64 lowercase hex \
         digits, the genesis value at seq 0"
    );
    assert_eq!(Chain::resume(id(), 3, &hash).unwrap().hash(), hash);
}

#[test]
fn a_chain_holds_one_engagement_opened_on_line_one() {
    let events = events();
    // Line 1 must be the opening, of this engagement.
    let err = Chain::new(id()).encode(&events[1]).unwrap_err();
    assert!(matches!(
        err.kind(),
        Some(LineErrorKind::Replay(r)) if r.kind == ReplayErrorKind::NotOpened
    ));
    let other = journal_case::open("pkh-other").take_pending();
    let err = Chain::new(id()).encode(&other[0]).unwrap_err();
    assert_eq!(
        err.to_string(),
        r#"cannot append event 1: engagement "pkh-other" where "pkh-3273-0142" was expected"#
    );
    // A later opening.
    let mut chain = Chain::new(id());
    chain.encode(&events[0]).unwrap();
    let mut again = events[0].clone();
    again.seq = 2;
    let err = chain.encode(&again).unwrap_err();
    assert!(matches!(
        err.kind(),
        Some(LineErrorKind::Replay(r)) if r.kind == ReplayErrorKind::OpenedTwice
    ));
    // Another engagement's rows do not verify in this chain.
    let mut theirs = Chain::new(EngagementId::new("pkh-other").unwrap());
    let row = theirs.encode(&other[0]).unwrap();
    let err = Chain::new(id()).verify(&row.bytes).unwrap_err();
    assert!(
        matches!(err.kind(), Some(LineErrorKind::WrongEngagement { .. })),
        "{err}"
    );
}

/// However the rows are split between what a store has read and what it reads next, the
/// resumed chain hands out the same events and ends at the same hash.
#[test]
fn resuming_anywhere_reads_the_same() {
    let lines = lines();
    let events = events();
    for split in 0..=lines.len() {
        let mut chain = match split {
            0 => Chain::resume(id(), 0, GENESIS).unwrap(),
            k => Chain::resume(id(), k as u64, &lines[k - 1].hash).unwrap(),
        };
        for (line, event) in lines[split..].iter().zip(&events[split..]) {
            assert_eq!(
                &chain.verify(&line.bytes).unwrap(),
                event,
                "split at {split}"
            );
        }
        assert_eq!(chain.hash(), lines[12].hash);
    }
}
