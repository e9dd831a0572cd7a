//! Keyed authenticity: seals and heads find what a plain hash chain cannot (a chain re-hashed
//! after a forged line, lines cut from the end, a journal swapped for another) and name it.

#![cfg(feature = "journal")]

mod journal_case;

use journal_case::{case, open, rehash, worker};
use pendamping::journal::{Chain, Journal, JournalOptions, Reader};
use pendamping::protect::{
    self, AuthError, Authenticity, Head, Key, KeyId, Keyring, Proof, Seal, check, seal_journal,
};
use pendamping::{Actor, ActorKind, Engagement, EngagementId, Recorded};
use proptest::prelude::*;

fn options() -> JournalOptions {
    JournalOptions::default()
}

fn keys() -> Keyring {
    Keyring::new(Key::new("pkh-2026-03", &[0x5a; 32]).unwrap())
}

fn bytes_of(mut case: Engagement) -> Vec<u8> {
    let mut journal = Journal::new();
    journal.append_pending(&mut case).unwrap();
    journal.into_bytes()
}

/// The case's journal (13 lines), its seals and its head.
fn sealed() -> (Vec<u8>, Vec<Seal>, Head) {
    let bytes = bytes_of(case());
    let (seals, head) = seal_journal(bytes.as_slice(), &options(), &keys()).unwrap();
    (bytes, seals, head)
}

fn events(bytes: &[u8]) -> Vec<Recorded> {
    Reader::new(bytes, &options()).map(Result::unwrap).collect()
}

fn check_with(
    bytes: &[u8],
    keyring: &Keyring,
    seals: &[Seal],
    head: &Head,
) -> Result<(), AuthError> {
    let proof = Proof {
        keyring,
        seals,
        head,
    };
    check(bytes, &options(), Some(proof)).map(|checked| {
        assert!(matches!(
            checked.authenticity,
            Authenticity::Authentic { .. }
        ));
    })
}

#[test]
fn a_sealed_journal_is_authentic_and_loads_its_case() {
    let (bytes, seals, head) = sealed();
    assert_eq!(seals.len(), 13);
    assert_eq!((head.seq, head.key.as_str()), (13, "pkh-2026-03"));
    let proof = Proof {
        keyring: &keys(),
        seals: &seals,
        head: &head,
    };
    let checked = check(bytes.as_slice(), &options(), Some(proof)).unwrap();
    assert_eq!(
        checked.authenticity,
        Authenticity::Authentic { head: head.clone() }
    );
    let mut live = case();
    live.take_pending();
    assert_eq!(checked.verified.engagement, Some(live));
    assert_eq!(checked.verified.lines, 13);
}

#[test]
fn without_a_key_the_chain_is_checked_and_authenticity_is_not() {
    let (bytes, ..) = sealed();
    let checked = check(bytes.as_slice(), &options(), None).unwrap();
    assert_eq!(checked.authenticity, Authenticity::NotChecked);
    assert_eq!(checked.verified.lines, 13);
    // A damaged chain is still found without a key.
    let mut damaged = bytes.clone();
    let at = damaged.windows(6).position(|w| w == b"eldest").unwrap();
    damaged[at] = b'E';
    let err = check(damaged.as_slice(), &options(), None).unwrap_err();
    assert!(matches!(err, AuthError::Journal(_)));
    assert_eq!(err.line(), Some(2));
}

#[test]
fn a_rehashed_forgery_verifies_without_the_key_and_is_named_with_it() {
    let (bytes, seals, head) = sealed();
    let mut forged = events(&bytes);
    let text = serde_json::to_string(&forged[2]).unwrap().replace(
        "No steady income since the father's injury at the brickworks",
        "Father refuses to work",
    );
    forged[2] = serde_json::from_str(&text).unwrap();
    let forged = rehash("pkh-3273-0142", &forged);
    assert_ne!(forged, bytes);

    // The chain alone cannot tell: this is the attack the seals are for.
    assert!(check(forged.as_slice(), &options(), None).is_ok());

    let err = check_with(&forged, &keys(), &seals, &head).unwrap_err();
    assert_eq!(
        err.to_string(),
        "journal line 3 is not the one key pkh-2026-03 sealed: it was changed or re-hashed"
    );
    assert_eq!(err.line(), Some(3));
}

#[test]
fn a_donor_put_in_as_the_actor_is_named_at_its_line() {
    let (bytes, seals, head) = sealed();
    let mut forged = events(&bytes);
    forged[3].by = Actor::new("d:okapi", ActorKind::Donor).unwrap();
    let forged = rehash("pkh-3273-0142", &forged);
    let err = check_with(&forged, &keys(), &seals, &head).unwrap_err();
    // Found at line 4 whichever check sees it first: the seal, or (when the rulebook refuses a
    // donor there) the replay.
    assert_eq!(err.line(), Some(4), "{err}");
}

#[test]
fn forging_the_seals_too_needs_the_key() {
    let (bytes, _, head) = sealed();
    let mut forged = events(&bytes);
    forged[3].by = Actor::new("d:okapi", ActorKind::Donor).unwrap();
    let forged = rehash("pkh-3273-0142", &forged);
    // The forger seals with a key of their own under the app's key name.
    let theirs = Keyring::new(Key::new("pkh-2026-03", &[0x11; 32]).unwrap());
    if let Ok((their_seals, their_head)) = seal_journal(forged.as_slice(), &options(), &theirs) {
        let err = check_with(&forged, &keys(), &their_seals, &head).unwrap_err();
        assert_eq!(err.line(), Some(1));
        assert!(matches!(err, AuthError::Forged { line: 1, .. }), "{err}");
        let err = check_with(&forged, &keys(), &their_seals, &their_head).unwrap_err();
        assert_eq!(
            err.to_string(),
            "the journal head is not the one key pkh-2026-03 sealed: it was changed or made without the key"
        );
    }
}

#[test]
fn lines_cut_from_the_end_are_found_with_the_head() {
    let (bytes, seals, head) = sealed();
    let lines: Vec<&[u8]> = bytes.split_inclusive(|&b| b == b'\n').collect();
    let cut: Vec<u8> = lines[..10].concat();
    // The cut journal verifies as a chain.
    assert_eq!(
        check(cut.as_slice(), &options(), None)
            .unwrap()
            .verified
            .lines,
        10
    );
    for seals in [&seals[..], &seals[..10]] {
        let err = check_with(&cut, &keys(), seals, &head).unwrap_err();
        assert_eq!(
            err.to_string(),
            "the journal ends at line 10, but its head is at line 13: lines were cut from the end"
        );
    }
    let err = check_with(&[], &keys(), &[], &head).unwrap_err();
    assert!(matches!(err, AuthError::Truncated { lines: 0, head: 13 }));
}

#[test]
fn a_head_left_behind_or_extra_seals_are_found() {
    let (bytes, seals, _) = sealed();
    let lines: Vec<&[u8]> = bytes.split_inclusive(|&b| b == b'\n').collect();
    let (_, old_head) = seal_journal(lines[..12].concat().as_slice(), &options(), &keys()).unwrap();
    let err = check_with(&bytes, &keys(), &seals, &old_head).unwrap_err();
    assert_eq!(
        err.to_string(),
        "the journal has 13 lines, past its head at line 12: lines were added after the head"
    );
    let (cut_seals, cut_head) =
        seal_journal(lines[..12].concat().as_slice(), &options(), &keys()).unwrap();
    let mut more = cut_seals.clone();
    more.push(seals[12].clone());
    let err = check_with(&lines[..12].concat(), &keys(), &more, &cut_head).unwrap_err();
    assert_eq!(
        err.to_string(),
        "there are 13 seals for 12 journal lines: lines were cut from the end"
    );
}

#[test]
fn a_journal_swapped_for_another_cases_is_found() {
    let (_, _, head) = sealed();
    // Another family's journal, sealed by the same app with the same key.
    let other = bytes_of(open("pkh-3273-0999"));
    let (other_seals, _) = seal_journal(other.as_slice(), &options(), &keys()).unwrap();
    assert!(check(other.as_slice(), &options(), None).is_ok());
    let err = check_with(&other, &keys(), &other_seals, &head).unwrap_err();
    assert_eq!(
        err.to_string(),
        "the journal is engagement pkh-3273-0999's, but its head is engagement pkh-3273-0142's: the journal was swapped"
    );
}

#[test]
fn another_copy_of_the_same_case_is_found() {
    let (bytes, _, head) = sealed();
    // A copy of the same case whose last line differs (a restored fork), sealed with the key.
    let mut fork = events(&bytes);
    fork[12].at += chrono::TimeDelta::minutes(1);
    let fork = rehash("pkh-3273-0142", &fork);
    let (fork_seals, _) = seal_journal(fork.as_slice(), &options(), &keys()).unwrap();
    let err = check_with(&fork, &keys(), &fork_seals, &head).unwrap_err();
    assert!(
        matches!(err, AuthError::NotTheHead { line: 13, .. }),
        "{err}"
    );
    assert!(err.to_string().starts_with("journal line 13 has hash "));
    assert!(err.to_string().ends_with(&format!(
        ", not the head's {}: the journal was swapped",
        head.hash
    )));
}

#[test]
fn damaged_seals_are_named_at_their_line() {
    let (bytes, seals, head) = sealed();
    let mut bad_tag = seals.clone();
    bad_tag[4].tag = "ZZ".into();
    let err = check_with(&bytes, &keys(), &bad_tag, &head).unwrap_err();
    assert_eq!(
        err.to_string(),
        "journal line 5: seal tag \"ZZ\" is not 64 lowercase hex digits"
    );
    let mut upper = seals.clone();
    upper[4].tag = upper[4].tag.to_uppercase();
    if upper[4].tag != seals[4].tag {
        assert!(matches!(
            check_with(&bytes, &keys(), &upper, &head),
            Err(AuthError::BadTag { line: 5, .. })
        ));
    }
    let mut flipped = seals.clone();
    let last = if flipped[6].tag.ends_with('0') {
        "1"
    } else {
        "0"
    };
    flipped[6].tag.replace_range(63.., last);
    assert!(matches!(
        check_with(&bytes, &keys(), &flipped, &head),
        Err(AuthError::Forged { line: 7, .. })
    ));
    let mut swapped = seals.clone();
    swapped.swap(1, 2);
    let err = check_with(&bytes, &keys(), &swapped, &head).unwrap_err();
    assert_eq!(
        err.to_string(),
        "journal line 2 has the seal of line 3 in its place"
    );
    let err = check_with(&bytes, &keys(), &seals[..5], &head).unwrap_err();
    assert_eq!(err.to_string(), "journal line 6 has no seal");
    let mut unknown = seals.clone();
    unknown[0].key = KeyId::new("pkh-2025-12").unwrap();
    let err = check_with(&bytes, &keys(), &unknown, &head).unwrap_err();
    assert_eq!(
        err.to_string(),
        "journal line 1 is sealed with key pkh-2025-12, which the keyring does not hold"
    );
}

#[test]
fn a_changed_head_or_the_wrong_key_is_refused() {
    let (bytes, seals, head) = sealed();
    let mut moved = head.clone();
    moved.seq = 10;
    let err = check_with(&bytes, &keys(), &seals, &moved).unwrap_err();
    assert!(matches!(err, AuthError::HeadForged { .. }));
    let mut renamed = head.clone();
    renamed.key = KeyId::new("pkh-2099").unwrap();
    let err = check_with(&bytes, &keys(), &seals, &renamed).unwrap_err();
    assert_eq!(
        err.to_string(),
        "the journal head is sealed with key pkh-2099, which the keyring does not hold"
    );
    let wrong = Keyring::new(Key::new("pkh-2026-03", &[0x5b; 32]).unwrap());
    assert!(matches!(
        check_with(&bytes, &wrong, &seals, &head),
        Err(AuthError::HeadForged { .. })
    ));
    // A seal of the last line is not a head, though it covers the same facts.
    let mut from_seal = head.clone();
    from_seal.tag = seals[12].tag.clone();
    assert!(matches!(
        check_with(&bytes, &keys(), &seals, &from_seal),
        Err(AuthError::HeadForged { .. })
    ));
}

#[test]
fn keys_rotate_and_old_lines_check_with_the_old_key() {
    let mut case = case();
    let id = case.id().clone();
    let events = case.take_pending();
    let mut keyring = keys();
    let mut chain = Chain::new(id.clone());
    let mut bytes = Vec::new();
    let mut seals = Vec::new();
    for (n, event) in events.iter().enumerate() {
        if n == 6 {
            keyring
                .rotate(Key::new("pkh-2026-09", &[0x77; 32]).unwrap())
                .unwrap();
        }
        let line = chain.encode(event).unwrap();
        seals.push(keyring.seal(&id, &line));
        bytes.extend(&line.bytes);
        bytes.push(b'\n');
    }
    let head = keyring.head(&chain).unwrap();
    assert_eq!(seals[5].key.as_str(), "pkh-2026-03");
    assert_eq!(seals[6].key.as_str(), "pkh-2026-09");
    assert_eq!(head.key.as_str(), "pkh-2026-09");
    check_with(&bytes, &keyring, &seals, &head).unwrap();

    // Without the old key the old lines cannot be checked.
    let only_new = Keyring::new(Key::new("pkh-2026-09", &[0x77; 32]).unwrap());
    let err = check_with(&bytes, &only_new, &seals, &head).unwrap_err();
    assert!(matches!(err, AuthError::LineKeyUnknown { line: 1, .. }));

    // Retiring the old key: seal again with the new one after checking, then drop it.
    let (resealed, rehead) = seal_journal(bytes.as_slice(), &options(), &keyring).unwrap();
    assert!(resealed.iter().all(|s| s.key.as_str() == "pkh-2026-09"));
    keyring.retire(&KeyId::new("pkh-2026-03").unwrap()).unwrap();
    check_with(&bytes, &keyring, &resealed, &rehead).unwrap();
    assert!(check_with(&bytes, &keyring, &seals, &head).is_err());
}

#[test]
fn bad_keys_and_keyrings_are_refused_by_name() {
    let cases: [(Result<Key, AuthError>, &str); 4] = [
        (
            Key::new("k", &[1; 31]),
            "key k has 31 secret bytes, fewer than the 32 needed",
        ),
        (
            Key::new("", &[1; 32]),
            "key name \"\" must be 1 to 64 ASCII letters, digits, '-', '_' or '.'",
        ),
        (
            Key::new("kunci/1", &[1; 32]),
            "key name \"kunci/1\" must be 1 to 64 ASCII letters, digits, '-', '_' or '.'",
        ),
        (
            Key::new("k".repeat(65), &[1; 32]),
            &format!(
                "key name \"{}…\" must be 1 to 64 ASCII letters, digits, '-', '_' or '.'",
                "k".repeat(64)
            ),
        ),
    ];
    for (result, message) in cases {
        assert_eq!(result.unwrap_err().to_string(), message);
    }
    let mut keyring = keys();
    let err = keyring
        .rotate(Key::new("pkh-2026-03", &[9; 32]).unwrap())
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        "the keyring already holds a key named pkh-2026-03"
    );
    let err = keyring
        .retire(&KeyId::new("pkh-2026-03").unwrap())
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        "key pkh-2026-03 is the current key: rotate to a new key before retiring it"
    );
    let err = keyring.retire(&KeyId::new("nope").unwrap()).unwrap_err();
    assert_eq!(err.to_string(), "the keyring holds no older key named nope");
    // The secret never shows.
    let shown = format!("{:?}", Key::new("k1", &[0xab; 32]).unwrap());
    assert!(
        !shown.to_lowercase().contains("ab, ") && !shown.contains("171"),
        "{shown}"
    );
    assert!(shown.contains("<hidden>"));
}

#[test]
fn seals_and_heads_are_json_and_bad_json_is_refused() {
    let (_, seals, head) = sealed();
    let text = serde_json::to_string(&seals[0]).unwrap();
    assert!(
        text.starts_with(r#"{"seq":1,"key":"pkh-2026-03","tag":""#),
        "{text}"
    );
    assert_eq!(serde_json::from_str::<Seal>(&text).unwrap(), seals[0]);
    let head_text = serde_json::to_string(&head).unwrap();
    assert_eq!(serde_json::from_str::<Head>(&head_text).unwrap(), head);
    let err = serde_json::from_str::<Seal>(r#"{"seq":1,"key":"bad key","tag":"00"}"#).unwrap_err();
    assert!(err.to_string().contains("key name \"bad key\""), "{err}");
    assert!(serde_json::from_str::<Seal>(r#"{"seq":1,"key":"k","tag":"00","x":1}"#).is_err());
}

#[test]
fn an_empty_journal_has_no_head_to_seal() {
    let err = seal_journal(&b""[..], &options(), &keys()).unwrap_err();
    assert_eq!(
        err.to_string(),
        "a journal of no lines names no engagement to seal a head for"
    );
    assert!(matches!(
        keys().head(
            &Chain::resume(
                EngagementId::new("x").unwrap(),
                0,
                pendamping::journal::GENESIS
            )
            .unwrap()
        ),
        Ok(Head { seq: 0, .. })
    ));
    let _ = protect::MIN_SECRET_BYTES;
    let _ = worker();
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// No change of any one byte of a sealed journal, or of its seals' tags, passes as authentic.
    #[test]
    fn no_changed_byte_is_authentic(at in any::<prop::sample::Index>(), by in 1u8..=255) {
        let (bytes, seals, head) = sealed();
        let mut changed = bytes.clone();
        let i = at.index(changed.len());
        changed[i] ^= by;
        prop_assert!(check_with(&changed, &keys(), &seals, &head).is_err());
    }
}

#[test]
fn a_seal_file_round_trips_and_bad_lines_are_named() {
    let (bytes, seals, head) = sealed();
    let file = pendamping::protect::write_seals(&seals);
    assert_eq!(file.iter().filter(|&&b| b == b'\n').count(), 13);
    let read = pendamping::protect::read_seals(file.as_slice()).unwrap();
    assert_eq!(read, seals);
    check_with(&bytes, &keys(), &read, &head).unwrap();
    assert_eq!(pendamping::protect::read_seals(&b""[..]).unwrap(), vec![]);

    let first = String::from_utf8(file.clone())
        .unwrap()
        .lines()
        .next()
        .unwrap()
        .to_owned();
    let long = format!("{}\n", " ".repeat(600));
    let cases: Vec<(String, &str)> = vec![
        (
            format!("{first}\nnot a seal\n"),
            "seal file line 2: expected ident at line 1 column 2",
        ),
        (
            format!("{first}\r\n"),
            "seal file line 1: ends with CR LF, not LF",
        ),
        (
            first.clone(),
            "seal file line 1: no line end: the last seal was cut short",
        ),
        (long, "seal file line 1: longer than 512 bytes"),
        (
            "{\"seq\":1,\"key\":\"a b\",\"tag\":\"00\"}\n".to_owned(),
            "seal file line 1: key name \"a b\" must be 1 to 64 ASCII letters, digits, '-', '_' or '.' at line 1 column 20",
        ),
        (
            "{\"seq\":-1,\"key\":\"k\",\"tag\":\"00\"}\n".to_owned(),
            "seal file line 1: invalid value: integer `-1`, expected u64 at line 1 column 9",
        ),
    ];
    for (text, message) in cases {
        let err = pendamping::protect::read_seals(text.as_bytes()).unwrap_err();
        assert_eq!(err.to_string(), message);
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// No change of any one byte of the seal file or of the stored head passes as authentic:
    /// either it no longer reads, or the check refuses it.
    #[test]
    fn no_changed_seal_or_head_byte_is_authentic(
        at in any::<prop::sample::Index>(),
        by in 1u8..=255,
        in_head in any::<bool>(),
    ) {
        let (bytes, seals, head) = sealed();
        let mut seal_file = pendamping::protect::write_seals(&seals);
        let mut head_json = serde_json::to_vec(&head).unwrap();
        let target = if in_head { &mut head_json } else { &mut seal_file };
        let i = at.index(target.len());
        target[i] ^= by;
        let read = pendamping::protect::read_seals(seal_file.as_slice());
        let head: Result<Head, _> = serde_json::from_slice(&head_json);
        if let (Ok(seals), Ok(head)) = (read, head) {
            prop_assert!(check_with(&bytes, &keys(), &seals, &head).is_err());
        }
    }
}

#[test]
fn protect_types_are_send_and_sync() {
    fn both<T: Send + Sync>() {}
    both::<Key>();
    both::<KeyId>();
    both::<Keyring>();
    both::<Seal>();
    both::<Head>();
    both::<Proof<'_>>();
    both::<pendamping::protect::Checked>();
    both::<Authenticity>();
    both::<AuthError>();
}
