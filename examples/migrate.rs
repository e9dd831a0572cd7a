//! Migrating a journal from format version 1 to version 2, then erasing a person's text: the
//! journal still verifies line by line, and their name is gone from its bytes.
//!
//! ```text
//! cargo run --example migrate                        # on a journal it writes itself
//! cargo run --example migrate -- old.jsonl new.jsonl # migrates a version 1 journal file
//! ```

use chrono::{DateTime, TimeDelta, TimeZone, Utc};
use pendamping::journal::{self, Journal, JournalOptions};
use pendamping::{
    Actor, ActorKind, ClientSystem, ClientSystemLevel, Command, Engagement, EngagementId,
    ErasureTarget, Opening, Policy, Priority, TeamMember,
};
use std::error::Error;

fn at(hours: i64) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 3, 2, 9, 0, 0).unwrap() + TimeDelta::hours(hours)
}

fn member(id: &str, kind: ActorKind, name: &str) -> Result<TeamMember, Box<dyn Error>> {
    Ok(TeamMember {
        id: id.parse()?,
        kind,
        name: name.into(),
    })
}

/// A version 1 journal of a small case.
fn old_journal() -> Result<Vec<u8>, Box<dyn Error>> {
    let siti = Actor::new("w:siti", ActorKind::SocialWorker)?;
    let mut case = Engagement::open(
        &siti,
        at(0),
        Opening {
            id: EngagementId::new("pkh-0142")?,
            client: ClientSystem {
                level: ClientSystemLevel::Family,
                name: "Keluarga Sari".into(),
            },
            team: vec![
                member("w:siti", ActorKind::SocialWorker, "Siti")?,
                member("s:ani", ActorKind::Supervisor, "Ani")?,
                member("c:sari", ActorKind::ClientMember, "Ibu Sari Lestari")?,
            ],
            policy: Policy::default(),
        },
    )?;
    case.execute(
        &siti,
        at(1),
        Command::RecordNeed {
            domain: "income".into(),
            description: "No steady income since the father's injury".into(),
            priority: Priority::High,
            confidentiality: None,
        },
    )?;
    let mut journal = Journal::new();
    journal.append_pending(&mut case)?;
    Ok(journal.into_bytes())
}

fn main() -> Result<(), Box<dyn Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let options = JournalOptions::default();
    let old = match args.first() {
        Some(path) => std::fs::read(path)?,
        None => old_journal()?,
    };
    let before = journal::verify(old.as_slice(), &options)?;
    let migrated = journal::migrate(old.as_slice(), &options)?;
    let after = journal::verify(migrated.as_slice(), &options)?;
    println!(
        "migrated {} lines ({} bytes, version 1) to {} lines ({} bytes, version 2); both verify",
        before.lines, before.len, after.lines, after.len
    );
    if let Some(path) = args.get(1) {
        std::fs::write(path, &migrated)?;
        println!("wrote {path}");
        return Ok(());
    }

    // On the demo journal, erase the client member's text.
    let (mut journal, case) = Journal::from_bytes(migrated, &options)?;
    let mut case = case.ok_or("the journal is empty")?;
    let ani = Actor::new("s:ani", ActorKind::Supervisor)?;
    case.execute(
        &ani,
        at(48),
        Command::Erase {
            target: ErasureTarget::Person("c:sari".parse()?),
            reason: "Ibu Sari's erasure request of 3 March".into(),
        },
    )?;
    journal.append_pending(&mut case)?;
    let bytes = journal.as_bytes();
    let name = b"Sari Lestari";
    let left = bytes.windows(name.len()).any(|w| w == name);
    let verified = journal::verify(bytes, &options)?;
    println!(
        "erased: the name is {} the journal's bytes; {} lines verify",
        if left { "still in" } else { "gone from" },
        verified.lines
    );
    if left {
        return Err("the erased name is still in the journal".into());
    }
    let export = journal::subject_access(bytes, &options, &"c:sari".parse()?)?;
    println!("{}", serde_json::to_string_pretty(&export.erasures)?);
    Ok(())
}
