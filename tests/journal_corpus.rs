//! Hostile and damaged journals: each is built from a real one and must be refused at the right
//! line with the right kind, without a panic.

#![cfg(feature = "journal")]

mod journal_case;

use pendamping::journal::{self, GENESIS};
use pendamping::{Journal, JournalError, JournalOptions, LineErrorKind, ReplayErrorKind};
use proptest::prelude::*;
use sha2::{Digest, Sha256};

/// The case's journal, line by line, without line ends (13 lines).
fn real() -> Vec<String> {
    let mut e = journal_case::case();
    let mut journal = Journal::new();
    journal.append_pending(&mut e).unwrap();
    String::from_utf8(journal.into_bytes())
        .unwrap()
        .lines()
        .map(str::to_owned)
        .collect()
}

fn join(lines: &[String]) -> Vec<u8> {
    lines
        .iter()
        .flat_map(|l| format!("{l}\n").into_bytes())
        .collect()
}

/// SHA-256 in lowercase hex, computed here rather than by the crate.
fn sha256(text: &str) -> String {
    Sha256::digest(text.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// The line with its `prev` set and its hash recomputed, as a forger would.
fn seal(line: &str, prev: &str) -> String {
    let body = &line[..line.len() - 75];
    let cut = body.rfind(r#""prev":""#).unwrap();
    let body = format!(r#"{}"prev":"{prev}""#, &body[..cut]);
    let hash = sha256(&body);
    format!(r#"{body},"hash":"{hash}"}}"#)
}

/// Recomputes the chain from line index `from` on: the forger's best effort.
fn reseal(lines: &mut [String], from: usize) {
    for i in from..lines.len() {
        let prev = if i == 0 {
            GENESIS.to_owned()
        } else {
            lines[i - 1][lines[i - 1].len() - 66..lines[i - 1].len() - 2].to_owned()
        };
        lines[i] = seal(&lines[i], &prev);
    }
}

fn options() -> JournalOptions {
    JournalOptions::default()
}

/// Verifies bytes on one thread and on two (`verify_pipelined`), which must agree exactly.
fn verify(bytes: &[u8], options: &JournalOptions) -> Result<journal::Verified, JournalError> {
    let one = journal::verify(bytes, options);
    let two = journal::verify_pipelined(bytes, options);
    assert_eq!(
        format!("{one:?}"),
        format!("{two:?}"),
        "the two readers disagree"
    );
    one
}

/// Verifies bytes that must fail, checks the line, and returns the kind.
fn fails_at(bytes: &[u8], line: u64) -> LineErrorKind {
    let err = verify(bytes, &options()).unwrap_err();
    assert_eq!(err.line(), Some(line), "{err}");
    // Recovery agrees and keeps exactly the lines before.
    let recovery = journal::recover(bytes, &options()).unwrap();
    assert_eq!(recovery.events.len() as u64, line - 1);
    let damage = recovery.damage.unwrap();
    assert_eq!(damage.line, line);
    assert_eq!(Some(&damage.kind), err.kind());
    assert_eq!(recovery.valid_len + damage.rest_len, bytes.len() as u64);
    err.kind().unwrap().clone()
}

fn message(bytes: &[u8]) -> String {
    verify(bytes, &options()).unwrap_err().to_string()
}

#[test]
fn the_real_journal_verifies() {
    let lines = real();
    assert_eq!(lines.len(), 13);
    let verified = verify(join(&lines).as_slice(), &options()).unwrap();
    assert_eq!(verified.lines, 13);
    assert_eq!(verified.engagement, Some(journal_case::case()));
    // The forging helper is faithful: resealing an untouched journal changes nothing.
    let mut copy = lines.clone();
    reseal(&mut copy, 0);
    assert_eq!(copy, lines);
}

#[test]
fn an_edited_text_field_breaks_its_hash() {
    let mut lines = real();
    lines[1] = lines[1].replace("stopped going", "started going");
    let kind = fails_at(&join(&lines), 2);
    assert!(matches!(kind, LineErrorKind::HashMismatch { .. }));
    let stored = &real()[1][real()[1].len() - 66..real()[1].len() - 2];
    let computed = sha256(&lines[1][..lines[1].len() - 75]);
    assert_eq!(
        message(&join(&lines)),
        format!("journal line 2: the content hashes to {computed}, not to the stored {stored}")
    );
}

#[test]
fn an_edited_line_with_its_hash_recomputed_breaks_the_chain_downstream() {
    let mut lines = real();
    let prev = GENESIS;
    lines[0] = seal(
        &lines[0].replace("Keluarga Ibu Sari", "Keluarga Ibu Sri"),
        prev,
    );
    let kind = fails_at(&join(&lines), 2);
    let expected = lines[0][lines[0].len() - 66..lines[0].len() - 2].to_owned();
    assert_eq!(
        kind,
        LineErrorKind::BrokenChain {
            expected: expected.clone(),
            found: real()[0][real()[0].len() - 66..real()[0].len() - 2].to_owned(),
        }
    );
    assert!(message(&join(&lines)).starts_with("journal line 2: prev is \""));
    assert!(message(&join(&lines)).ends_with(&format!("but the line before hashes to {expected}")));
}

#[test]
fn a_deleted_middle_line_breaks_the_chain() {
    let mut lines = real();
    lines.remove(5);
    assert!(matches!(
        fails_at(&join(&lines), 6),
        LineErrorKind::BrokenChain { .. }
    ));
}

#[test]
fn a_deleted_middle_line_resealed_is_a_sequence_gap() {
    let mut lines = real();
    lines.remove(5);
    reseal(&mut lines, 5);
    assert_eq!(
        fails_at(&join(&lines), 6),
        LineErrorKind::Sequence {
            expected: 6,
            found: 7
        }
    );
    assert_eq!(
        message(&join(&lines)),
        "journal line 6: expected seq 6, found seq 7"
    );
}

#[test]
fn a_duplicated_line_breaks_the_chain() {
    let mut lines = real();
    lines.insert(4, lines[3].clone());
    assert!(matches!(
        fails_at(&join(&lines), 5),
        LineErrorKind::BrokenChain { .. }
    ));
}

#[test]
fn a_duplicated_line_resealed_is_a_repeated_seq() {
    let mut lines = real();
    lines.insert(4, lines[3].clone());
    reseal(&mut lines, 4);
    assert_eq!(
        fails_at(&join(&lines), 5),
        LineErrorKind::Sequence {
            expected: 5,
            found: 4
        }
    );
}

#[test]
fn a_swapped_pair_breaks_the_chain() {
    let mut lines = real();
    lines.swap(6, 7);
    assert!(matches!(
        fails_at(&join(&lines), 7),
        LineErrorKind::BrokenChain { .. }
    ));
}

#[test]
fn an_inserted_foreign_line_is_another_engagement() {
    let mut lines = real();
    lines[4] = lines[4].replace(
        r#""engagement":"pkh-3273-0142""#,
        r#""engagement":"pkh-9999""#,
    );
    reseal(&mut lines, 4);
    assert_eq!(
        fails_at(&join(&lines), 5),
        LineErrorKind::WrongEngagement {
            expected: "pkh-3273-0142".into(),
            found: "pkh-9999".into()
        }
    );
    assert_eq!(
        message(&join(&lines)),
        r#"journal line 5: engagement "pkh-9999" where "pkh-3273-0142" was expected"#
    );
}

#[test]
fn the_first_line_must_name_the_engagement_it_opens() {
    let mut lines = real();
    lines[0] = lines[0].replacen(
        r#""engagement":"pkh-3273-0142""#,
        r#""engagement":"pkh-1""#,
        1,
    );
    reseal(&mut lines, 0);
    assert!(matches!(
        fails_at(&join(&lines), 1),
        LineErrorKind::WrongEngagement { .. }
    ));
}

#[test]
fn a_journal_must_start_with_the_opening() {
    let mut lines = real();
    lines.remove(0);
    reseal(&mut lines, 0);
    assert!(matches!(
        fails_at(&join(&lines), 1),
        LineErrorKind::Replay(r) if r.kind == ReplayErrorKind::NotOpened
    ));
}

#[test]
fn time_going_back_is_refused() {
    let mut lines = real();
    // Line 6 (the move to planning) is a day after line 5; move it before the opening.
    lines[5] = lines[5].replace(
        r#""at":"2026-03-03T09:00:00Z""#,
        r#""at":"2026-03-01T09:00:00Z""#,
    );
    reseal(&mut lines, 5);
    assert!(matches!(
        fails_at(&join(&lines), 6),
        LineErrorKind::TimeWentBack { .. }
    ));
    assert_eq!(
        message(&join(&lines)),
        "journal line 6: time goes back: 2026-03-01 09:00:00 UTC is before the previous \
         event's 2026-03-02 11:00:00 UTC"
    );
}

#[test]
fn an_event_that_does_not_fit_is_located() {
    let mut lines = real();
    // The first goal addresses need 1; make it need 9, which was never recorded.
    assert!(lines[6].contains(r#""addresses":[1]"#));
    lines[6] = lines[6].replace(r#""addresses":[1]"#, r#""addresses":[9]"#);
    reseal(&mut lines, 6);
    let kind = fails_at(&join(&lines), 7);
    assert!(
        matches!(&kind, LineErrorKind::Replay(r) if r.seq == 7),
        "{kind}"
    );
    // A record id out of order.
    let mut lines = real();
    lines[2] = lines[2].replace(r#""need":{"id":2"#, r#""need":{"id":3"#);
    reseal(&mut lines, 2);
    assert!(matches!(
        fails_at(&join(&lines), 3),
        LineErrorKind::Replay(r) if matches!(r.kind, ReplayErrorKind::RecordId { .. })
    ));
}

#[test]
fn future_and_unknown_versions_are_named() {
    let mut lines = real();
    lines[3] = lines[3].replacen(r#"{"v":1,"#, r#"{"v":3,"#, 1);
    assert_eq!(
        fails_at(&join(&lines), 4),
        LineErrorKind::UnsupportedVersion { found: 3 }
    );
    assert_eq!(
        message(&join(&lines)),
        "journal line 4: format version 3 is not supported: this crate reads versions 1 and 2"
    );
    // A journal has one version throughout.
    let mut lines = real();
    lines[3] = lines[3].replacen(r#"{"v":1,"#, r#"{"v":2,"#, 1);
    assert_eq!(
        message(&join(&lines)),
        "journal line 4: format version 2 in a journal of version 1"
    );
    // A future line of another shape altogether.
    let mut lines = real();
    lines.push(r#"{"v":7,"blob":"x"}"#.to_owned());
    assert_eq!(
        fails_at(&join(&lines), 14),
        LineErrorKind::UnsupportedVersion { found: 7 }
    );
    let mut lines = real();
    lines[0] = lines[0].replacen(r#"{"v":1,"#, r#"{"v":0,"#, 1);
    assert_eq!(
        fails_at(&join(&lines), 1),
        LineErrorKind::UnsupportedVersion { found: 0 }
    );
}

#[test]
fn cut_json_inside_the_file_is_malformed() {
    let mut lines = real();
    lines[4].truncate(100);
    assert!(matches!(
        fails_at(&join(&lines), 5),
        LineErrorKind::Malformed { .. }
    ));
}

#[test]
fn a_blank_line_is_malformed() {
    let mut lines = real();
    lines.insert(3, String::new());
    assert!(matches!(
        fails_at(&join(&lines), 4),
        LineErrorKind::Malformed { .. }
    ));
}

#[test]
fn a_torn_last_line_is_reported_as_such() {
    let lines = real();
    let mut bytes = join(&lines);
    bytes.pop(); // the whole line is there, but not its line end: it is not torn
    let last = lines[12].len();
    assert_eq!(
        fails_at(&bytes, 13),
        LineErrorKind::MissingLineEnd { len: last }
    );
    assert_eq!(
        message(&bytes),
        format!(
            "journal line 13: complete ({last} bytes), but the file ends without its line end (LF)"
        )
    );
    // The same with the zeros a power cut can leave after it.
    bytes.extend_from_slice(&[0; 100]);
    assert_eq!(
        fails_at(&bytes, 13),
        LineErrorKind::MissingLineEnd { len: last }
    );
    // A whole line that does not verify is torn.
    let mut bytes = join(&lines);
    bytes.pop();
    let at = bytes.len() - 100;
    bytes[at] ^= 1;
    assert_eq!(fails_at(&bytes, 13), LineErrorKind::Torn { len: last });
    let mut bytes = join(&lines[..12]);
    bytes.extend_from_slice(&lines[12].as_bytes()[..40]);
    assert_eq!(fails_at(&bytes, 13), LineErrorKind::Torn { len: 40 });
    assert_eq!(
        message(&bytes),
        "journal line 13: cut off: the file ends after 40 bytes of this line, without a line end"
    );
    // What a power cut can leave: zeros past the last write.
    let mut bytes = join(&lines);
    bytes.extend_from_slice(&[0; 512]);
    assert_eq!(fails_at(&bytes, 14), LineErrorKind::Torn { len: 512 });
}

#[test]
fn an_over_long_line_is_refused_without_reading_it_whole() {
    let mut lines = real();
    let pad = "x".repeat(2 << 20);
    lines[2] = lines[2].replace("brickworks", &format!("brickworks{pad}"));
    assert_eq!(
        fails_at(&join(&lines), 3),
        LineErrorKind::TooLong { limit: 1 << 20 }
    );
    assert_eq!(
        message(&join(&lines)),
        "journal line 3: longer than the limit of 1048576 bytes"
    );
    // Also without a line end at all, and with a configured limit.
    let endless = vec![b'{'; 3 << 20];
    assert_eq!(
        fails_at(&endless, 1),
        LineErrorKind::TooLong { limit: 1 << 20 }
    );
    let small = JournalOptions::default().with_max_line_bytes(300);
    let err = verify(join(&real()).as_slice(), &small).unwrap_err();
    assert_eq!(err.line(), Some(1));
    assert_eq!(err.kind(), Some(&LineErrorKind::TooLong { limit: 300 }));
}

#[test]
fn invalid_utf8_is_located_by_column() {
    let mut bytes = join(&real());
    let at = bytes.iter().position(|&b| b == b'K').unwrap(); // "Keluarga"
    bytes[at] = 0xff;
    assert_eq!(
        fails_at(&bytes, 1),
        LineErrorKind::NotUtf8 { column: at + 1 }
    );
    assert_eq!(
        message(&bytes),
        format!(
            "journal line 1: not UTF-8: invalid byte at column {}",
            at + 1
        )
    );
}

#[test]
fn a_byte_order_mark_is_refused() {
    let mut bytes = b"\xEF\xBB\xBF".to_vec();
    bytes.extend(join(&real()));
    assert_eq!(fails_at(&bytes, 1), LineErrorKind::ByteOrderMark);
    assert_eq!(
        message(&bytes),
        "journal line 1: starts with a byte order mark (EF BB BF)"
    );
}

#[test]
fn crlf_line_ends_are_refused() {
    let bytes: Vec<u8> = real()
        .iter()
        .flat_map(|l| format!("{l}\r\n").into_bytes())
        .collect();
    assert_eq!(fails_at(&bytes, 1), LineErrorKind::CarriageReturn);
    assert_eq!(
        message(&bytes),
        "journal line 1: ends with a carriage return: lines must end with LF, not CRLF"
    );
    // Only the last line: an editor's doing.
    let mut lines = real();
    lines[12].push('\r');
    assert_eq!(fails_at(&join(&lines), 13), LineErrorKind::CarriageReturn);
}

#[test]
fn an_empty_file_verifies_with_no_events_and_does_not_load() {
    let verified = verify(&b""[..], &options()).unwrap();
    assert_eq!(verified.lines, 0);
    assert!(matches!(
        journal::load(&b""[..], &options()),
        Err(JournalError::Empty)
    ));
    let recovery = journal::recover(&b""[..], &options()).unwrap();
    assert!(recovery.is_clean() && recovery.events.is_empty());
}

#[test]
fn a_huge_number_is_malformed_and_a_huge_seq_out_of_order() {
    let mut lines = real();
    lines[5] = lines[5].replace(r#""seq":6,"#, r#""seq":99999999999999999999999,"#);
    let kind = fails_at(&join(&lines), 6);
    assert!(
        matches!(&kind, LineErrorKind::Malformed { detail } if detail.contains("expected u64")),
        "{kind}"
    );
    let mut lines = real();
    lines[5] = lines[5].replace(r#""seq":6,"#, &format!(r#""seq":{},"#, u64::MAX));
    reseal(&mut lines, 5);
    assert_eq!(
        fails_at(&join(&lines), 6),
        LineErrorKind::Sequence {
            expected: 6,
            found: u64::MAX
        }
    );
}

#[test]
fn a_truncated_hash_is_a_bad_hash_field() {
    let mut lines = real();
    let len = lines[7].len();
    lines[7].replace_range(len - 3..len - 2, "");
    let kind = fails_at(&join(&lines), 8);
    assert!(
        matches!(&kind, LineErrorKind::BadHashField { found } if found.len() == 63),
        "{kind}"
    );
}

#[test]
fn uppercase_hex_is_a_bad_hash_field() {
    let mut lines = real();
    let len = lines[7].len();
    let upper = lines[7][len - 66..len - 2].to_uppercase();
    lines[7].replace_range(len - 66..len - 2, &upper);
    assert_eq!(
        fails_at(&join(&lines), 8),
        LineErrorKind::BadHashField {
            found: upper.clone()
        }
    );
    assert_eq!(
        message(&join(&lines)),
        format!(
            r#"journal line 8: the hash field "{upper}" is not 64 lowercase hex digits ending the line"#
        )
    );
    // An uppercase prev no longer names the line before.
    let mut lines = real();
    let prev = lines[8][lines[8].len() - 66 - 74..lines[8].len() - 66 - 10].to_owned();
    lines[8] = seal(&lines[8], &prev.to_uppercase());
    assert!(matches!(
        fails_at(&join(&lines), 9),
        LineErrorKind::BrokenChain { .. }
    ));
}

#[test]
fn the_hash_must_be_the_last_member() {
    let mut lines = real();
    // Move the hash before prev: valid JSON, but the line no longer ends with its hash.
    let line = &lines[3];
    let hash = &line[line.len() - 66..line.len() - 2];
    let body = &line[..line.len() - 75];
    let cut = body.rfind(r#","prev":""#).unwrap();
    lines[3] = format!(r#"{},"hash":"{hash}"{}}}"#, &body[..cut], &body[cut..]);
    assert!(matches!(
        fails_at(&join(&lines), 4),
        LineErrorKind::BadHashField { .. }
    ));
    // A line with no hash at all.
    let mut lines = real();
    lines[3] = format!("{}}}", &lines[3][..lines[3].len() - 75]);
    let kind = fails_at(&join(&lines), 4);
    assert!(
        matches!(&kind, LineErrorKind::Malformed { detail } if detail.contains("hash")),
        "{kind}"
    );
}

#[test]
fn unknown_and_duplicate_members_are_malformed() {
    let mut lines = real();
    lines[2] = lines[2].replacen(r#"{"v":1,"#, r#"{"v":1,"note":"x","#, 1);
    reseal(&mut lines, 2);
    assert!(matches!(
        fails_at(&join(&lines), 3),
        LineErrorKind::Malformed { .. }
    ));
    let mut lines = real();
    lines[2] = lines[2].replacen(r#""seq":3,"#, r#""seq":3,"seq":3,"#, 1);
    reseal(&mut lines, 2);
    let kind = fails_at(&join(&lines), 3);
    assert!(
        matches!(&kind, LineErrorKind::Malformed { detail } if detail.contains("duplicate")),
        "{kind}"
    );
}

#[test]
fn trailing_bytes_after_the_object_are_malformed() {
    let mut lines = real();
    lines[2].push_str(" {}");
    assert!(matches!(
        fails_at(&join(&lines), 3),
        LineErrorKind::Malformed { .. }
    ));
}

#[test]
fn an_unknown_event_type_is_malformed() {
    let mut lines = real();
    lines[2] = lines[2].replace(r#""type":"need_recorded""#, r#""type":"need_invented""#);
    reseal(&mut lines, 2);
    let kind = fails_at(&join(&lines), 3);
    assert!(
        matches!(&kind, LineErrorKind::Malformed { detail } if detail.contains("need_invented")),
        "{kind}"
    );
}

#[test]
fn the_genesis_value_is_required_on_line_one() {
    let mut lines = real();
    lines[0] = seal(&lines[0], &"1".repeat(64));
    assert_eq!(
        fails_at(&join(&lines), 1),
        LineErrorKind::BrokenChain {
            expected: GENESIS.into(),
            found: "1".repeat(64)
        }
    );
}

/// What the fuzz target does with its bytes: nothing may panic.
fn exercise(bytes: &[u8]) {
    let small = JournalOptions::default().with_max_line_bytes(4096);
    let verified = verify(bytes, &small);
    let recovery = journal::recover(bytes, &small).unwrap();
    assert_eq!(verified.is_ok(), recovery.is_clean());
    assert!(recovery.valid_len <= bytes.len() as u64);
    let _ = journal::load(bytes, &small);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn any_bytes_are_refused_or_read_without_panic(bytes in proptest::collection::vec(any::<u8>(), 0..2048)) {
        exercise(&bytes);
    }

    /// One change anywhere in a real journal is caught, unless it only cut whole lines off the
    /// end; what is recovered is always a prefix of the real events.
    #[test]
    fn one_change_is_caught(pos in 0usize..100_000, byte in any::<u8>(), how in 0u8..4) {
        let original = join(&real());
        let pos = pos % original.len();
        let mut bytes = original.clone();
        match how {
            0 => { if bytes[pos] == byte { return Ok(()); } bytes[pos] = byte; }
            1 => bytes.insert(pos, byte),
            2 => { bytes.remove(pos); }
            _ => bytes.truncate(pos),
        }
        exercise(&bytes);
        let all = journal::recover(original.as_slice(), &options()).unwrap().events;
        let recovery = journal::recover(bytes.as_slice(), &options()).unwrap();
        prop_assert!(all.starts_with(&recovery.events));
        if recovery.is_clean() {
            prop_assert!(how == 3 && (pos == 0 || original[pos - 1] == b'\n'));
        }
    }
}

/// The journal's bytes, then a failing read.
struct FailsAfter(std::io::Cursor<Vec<u8>>);

impl std::io::Read for FailsAfter {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        match self.0.read(buf)? {
            0 => Err(std::io::Error::other("disk gone")),
            n => Ok(n),
        }
    }
}

#[test]
fn a_failing_read_is_reported_by_both_readers() {
    let bytes = join(&real());
    for reader in [journal::verify, journal::verify_pipelined] {
        let input =
            std::io::BufReader::with_capacity(64, FailsAfter(std::io::Cursor::new(bytes.clone())));
        let err = reader(input, &options()).unwrap_err();
        assert!(matches!(err, JournalError::Read(_)), "{err}");
    }
}

/// A journal long enough that the pipelined reader parses some of its batches on each thread
/// (1,000 lines: sixteen batches of 64).
fn long() -> Vec<u8> {
    let worker = journal_case::worker();
    let mut e = journal_case::open("pkh-long");
    for i in 0..999 {
        e.execute(
            &worker,
            journal_case::at(1 + i),
            pendamping::Command::RecordNeed {
                domain: "income".into(),
                description: format!("Need number {i}"),
                priority: pendamping::Priority::Medium,
                confidentiality: None,
            },
        )
        .unwrap();
    }
    let mut journal = Journal::new();
    journal.append_pending(&mut e).unwrap();
    journal.into_bytes()
}

#[test]
fn a_long_journal_reads_the_same_on_two_threads_wherever_it_is_damaged() {
    let bytes = long();
    assert_eq!(verify(&bytes, &options()).unwrap().lines, 1000);
    let starts: Vec<usize> = std::iter::once(0)
        .chain(
            bytes
                .iter()
                .enumerate()
                .filter(|(_, b)| **b == b'\n')
                .map(|(i, _)| i + 1),
        )
        .collect();
    // Lines in batches parsed ahead and in those parsed by the replaying thread (the sixth, from
    // line 321), damaged in the text, the hash or the line end, or cut off.
    for line in [1_usize, 64, 65, 200, 321, 350, 384, 385, 999, 1000] {
        let start = starts[line - 1];
        for damage in 0..4 {
            let mut copy = bytes.clone();
            match damage {
                0 => copy[start + 40] ^= 0x20,
                1 => copy[starts[line] - 3] = b'0',
                2 => copy.truncate(starts[line] - 1),
                _ => copy.truncate(start + 30),
            }
            let err = verify(&copy, &options());
            if damage < 2 {
                assert_eq!(err.unwrap_err().line(), Some(line as u64));
            }
        }
    }
}
