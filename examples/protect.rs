//! A case's journal sealed with a key: a forgery that re-hashes the chain (a donor put in as
//! the actor of an event) passes the plain chain check and is named with the key; lines cut
//! from the end are found against the head the app kept apart; the key rotates.
//!
//! ```text
//! cargo run --example protect
//! ```

use chrono::{DateTime, TimeDelta, TimeZone, Utc};
use pendamping::journal::{Chain, Journal, Reader};
use pendamping::protect::{
    self, AuthError, Authenticity, Checked, Head, Key, Keyring, Proof, Seal,
};
use pendamping::{
    Actor, ActorKind, ClientSystem, ClientSystemLevel, Command, Engagement, EngagementId,
    JournalOptions, Opening, Policy, Priority, Recorded, TeamMember,
};
use std::error::Error;

fn at(hours: i64) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 3, 2, 9, 0, 0).unwrap() + TimeDelta::hours(hours)
}

/// Checks a journal with its key, seals and head.
fn with_key(
    journal: &[u8],
    keys: &Keyring,
    seals: &[Seal],
    head: &Head,
) -> Result<Checked, AuthError> {
    let proof = Proof {
        keyring: keys,
        seals,
        head,
    };
    protect::check(journal, &JournalOptions::default(), Some(proof))
}

fn main() -> Result<(), Box<dyn Error>> {
    let siti = Actor::new("w:siti", ActorKind::SocialWorker)?;
    let mut case = Engagement::open(
        &siti,
        at(0),
        Opening {
            id: EngagementId::new("pkh-3273-0142")?,
            client: ClientSystem {
                level: ClientSystemLevel::Family,
                name: "Keluarga Ibu Sari".into(),
            },
            team: vec![TeamMember {
                id: siti.id.clone(),
                kind: ActorKind::SocialWorker,
                name: "Siti".into(),
            }],
            policy: Policy::default(),
        },
    )?;
    for (hour, description) in [
        (1, "No steady income"),
        (2, "The eldest daughter left school"),
    ] {
        case.execute(
            &siti,
            at(hour),
            Command::RecordNeed {
                domain: "family".into(),
                description: description.into(),
                priority: Priority::High,
                confidentiality: None,
            },
        )?;
    }
    let mut journal = Journal::new();
    journal.append_pending(&mut case)?;
    let bytes = journal.into_bytes();
    let options = JournalOptions::default();

    // The app's secret comes from its secret store (here a fixed one, for the example).
    let mut keys = Keyring::new(Key::new("pkh-2026-03", &[0x5a; 32])?);
    let (seals, head) = protect::seal_journal(bytes.as_slice(), &options, &keys)?;
    println!(
        "sealed {} lines with key {}; head at line {}",
        seals.len(),
        keys.current(),
        head.seq
    );
    let checked = with_key(bytes.as_slice(), &keys, &seals, &head)?;
    assert!(matches!(
        checked.authenticity,
        Authenticity::Authentic { .. }
    ));
    println!("with the key: authentic");

    // Someone who can write the store, but has no key, puts a donor in as the actor of line 2
    // and recomputes every hash.
    let mut events: Vec<Recorded> =
        Reader::new(bytes.as_slice(), &options).collect::<Result<_, _>>()?;
    events[1].by = Actor::new("d:yayasan", ActorKind::Donor)?;
    let mut chain = Chain::new(case.id().clone());
    let mut forged = Vec::new();
    for event in &events {
        forged.extend(chain.encode(event)?.bytes);
        forged.push(b'\n');
    }
    match protect::check(forged.as_slice(), &options, None) {
        Ok(checked) => println!(
            "forgery without the key: the chain verifies ({:?})",
            checked.authenticity
        ),
        Err(e) => println!("forgery without the key: {e}"),
    }
    let err = with_key(forged.as_slice(), &keys, &seals, &head)
        .expect_err("the forgery must not pass with the key");
    println!("forgery with the key: {err}");

    // The last line cut off: the chain still verifies, the head does not fit.
    let cut = &bytes[..bytes[..bytes.len() - 1]
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |i| i + 1)];
    let err =
        with_key(cut, &keys, &seals, &head).expect_err("a cut journal must not pass with the key");
    println!("last line cut: {err}");

    // Rotation: a new current key; the old one stays to check the lines it sealed.
    keys.rotate(Key::new("pkh-2026-09", &[0x77; 32])?)?;
    let mut reader = Reader::new(bytes.as_slice(), &options);
    for event in reader.by_ref() {
        event?;
    }
    let head = keys.head(Reader::chain(&reader))?;
    with_key(bytes.as_slice(), &keys, &seals, &head)?;
    println!(
        "after rotating to {}: old seals check with the old key, the head with the new",
        keys.current()
    );
    Ok(())
}
