//! A family's case kept in a journal file: written append by append, read back into the same
//! engagement, a crash's torn line repaired, then one byte changed to show what verification
//! says. In English or Indonesian (the journal's own error messages are English).
//!
//! ```text
//! cargo run --example journal              # English
//! cargo run --example journal -- --lang id # Bahasa Indonesia
//! ```
//!
//! The file goes to the system's temp directory and is removed at the end.

use chrono::{DateTime, TimeDelta, TimeZone, Utc};
use pendamping::journal::{self, GENESIS};
use pendamping::{
    ActivityDetail, Actor, ActorKind, ClientSystem, ClientSystemLevel, Command, Engagement,
    EngagementId, FileJournal, Function, GoalId, JournalOptions, Lang, NeedId, Opening,
    PlanVersion, Policy, Priority, ResourceKind, Responsible, Role, Stage, TeamMember,
};
use std::error::Error;
use std::io::Write;
use std::path::Path;
use std::process::ExitCode;
use std::time::{SystemTime, UNIX_EPOCH};

mod common;

fn main() -> ExitCode {
    common::run("journal", |lang| {
        let path = std::env::temp_dir().join(format!(
            "pendamping-example-{}-{}.jsonl",
            std::process::id(),
            SystemTime::now()
                .duration_since(UNIX_EPOCH)
                .map_or(0, |d| d.as_nanos())
        ));
        let result = run(&path, lang);
        let _ = std::fs::remove_file(&path);
        result
    })
}

/// Picks the English or the Indonesian text.
fn t<'a>(lang: Lang, en: &'a str, id: &'a str) -> &'a str {
    if lang == Lang::Id { id } else { en }
}

fn run(path: &Path, lang: Lang) -> Result<(), Box<dyn Error>> {
    let options = JournalOptions::default();
    let siti = Actor::new("w:siti", ActorKind::SocialWorker)?;
    let sari = Actor::new("c:sari", ActorKind::ClientMember)?;
    let day = |d: i64| -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 3, 2, 9, 0, 0)
            .single()
            .unwrap_or(DateTime::UNIX_EPOCH)
            + TimeDelta::days(d)
    };

    // Open the case and store its opening.
    let mut case = Engagement::open(
        &siti,
        day(0),
        Opening {
            id: EngagementId::new("pkh-3273-0142")?,
            client: ClientSystem {
                level: ClientSystemLevel::Family,
                name: "Keluarga Ibu Sari".into(),
            },
            team: vec![
                TeamMember {
                    id: siti.id.clone(),
                    kind: ActorKind::SocialWorker,
                    name: "Siti".into(),
                },
                TeamMember {
                    id: sari.id.clone(),
                    kind: ActorKind::ClientMember,
                    name: "Ibu Sari".into(),
                },
            ],
            policy: Policy::default(),
        },
    )?;
    let mut file = FileJournal::create(path, &options)?;
    file.append_pending(&mut case)?;

    // Each visit's work is appended (and synced) before the worker moves on.
    let visits: Vec<Vec<(&Actor, Command)>> = vec![
        vec![
            (
                &siti,
                Command::RecordNeed {
                    domain: "schooling".into(),
                    description: "The eldest daughter stopped going to school".into(),
                    priority: Priority::High,
                    confidentiality: None,
                },
            ),
            (
                &siti,
                Command::RecordResource {
                    kind: ResourceKind::Personal,
                    description: "Ibu Sari keeps a careful household budget".into(),
                    holder: None,
                    barriers: vec![],
                    service: None,
                    confidentiality: None,
                },
            ),
        ],
        vec![
            (
                &siti,
                Command::MoveToStage {
                    to: Stage::Planning,
                    reason: None,
                    termination: None,
                },
            ),
            (
                &siti,
                Command::AddGoal {
                    description: "The daughter is back at school by the new term".into(),
                    addresses: vec![NeedId(1)],
                    scale: None,
                },
            ),
            (
                &siti,
                Command::AddIntervention {
                    description: "Talk with the school about a return plan".into(),
                    serves: vec![GoalId(1)],
                    function: Function::ProblemSolvingConsultation,
                    role: Role::Mediator,
                    responsible: Responsible::Joint,
                    uses: vec![],
                },
            ),
            (
                &sari,
                Command::AgreeToPlan {
                    version: PlanVersion(1),
                    on_behalf_of: None,
                },
            ),
        ],
        vec![
            (
                &siti,
                Command::MoveToStage {
                    to: Stage::Implementation,
                    reason: None,
                    termination: None,
                },
            ),
            (
                &siti,
                Command::RecordActivity {
                    function: Function::ResourceManagement,
                    role: Role::Mediator,
                    interventions: vec![],
                    detail: ActivityDetail::Mediation {
                        parties: vec!["Ibu Sari".into(), "The head teacher".into()],
                        outcome: "She may come back after the holiday".into(),
                    },
                    note: None,
                    confidentiality: None,
                },
            ),
        ],
    ];
    for (i, visit) in visits.into_iter().enumerate() {
        for (by, command) in visit {
            case.execute(by, day(i as i64 + 1), command)?;
        }
        let seq = file.append_pending(&mut case)?;
        println!(
            "{} {}: {} {seq}",
            t(lang, "visit", "kunjungan"),
            i + 1,
            t(lang, "stored up to event", "tersimpan sampai peristiwa")
        );
    }
    drop(file);

    let bytes = std::fs::read(path)?;
    println!(
        "\n{} ({} {}), {}:",
        path.display(),
        bytes.len(),
        t(lang, "bytes", "bita"),
        t(lang, "its first line", "baris pertamanya")
    );
    let first = bytes.split(|&b| b == b'\n').next().unwrap_or_default();
    println!("  {}", String::from_utf8_lossy(first));
    println!(
        "  ({} {}…)",
        t(
            lang,
            "prev on line 1 is the genesis value,",
            "prev di baris 1 adalah nilai genesis,"
        ),
        &GENESIS[..8]
    );

    // Reading it back verifies every line and replays every event.
    let (file, loaded) = FileJournal::open(path, &options)?;
    println!(
        "\n{}: {} {}, {} {}, {}: {}",
        t(lang, "read back", "dibaca kembali"),
        loaded.as_ref().map_or(0, Engagement::last_seq),
        t(lang, "events", "peristiwa"),
        t(lang, "stage", "tahap"),
        loaded
            .as_ref()
            .and_then(Engagement::stage)
            .map_or("-", |s| s.label(lang)),
        t(
            lang,
            "same engagement as in memory",
            "sama dengan pendampingan di memori"
        ),
        loaded.as_ref() == Some(&case)
    );
    drop(file);

    // A crash in the middle of a write leaves half a line; recovery finds it, the repair cuts
    // only that half line.
    std::fs::OpenOptions::new()
        .append(true)
        .open(path)?
        .write_all(br#"{"v":1,"engagement":"pkh-3273-0142","seq":10,"at":"#)?;
    let recovery = FileJournal::recover(path, &options)?;
    if let Some(damage) = &recovery.damage {
        println!(
            "\n{}: {damage}",
            t(lang, "after a crash", "setelah listrik padam")
        );
    }
    let (_, repaired) = FileJournal::repair(path, &recovery, &options)?;
    println!(
        "{}: {} {}",
        t(lang, "repaired", "diperbaiki"),
        repaired.as_ref().map_or(0, Engagement::last_seq),
        t(lang, "events kept", "peristiwa tetap ada")
    );

    // Someone edits one byte: "stopped" becomes "Stopped".
    let mut edited = bytes.clone();
    if let Some(at) = find(&edited, b"stopped going") {
        edited[at] = b'S';
    }
    std::fs::write(path, &edited)?;
    match journal::verify(edited.as_slice(), &options) {
        Ok(_) => println!(
            "\n{}",
            t(lang, "the edit went unnoticed", "perubahan tidak ketahuan")
        ),
        Err(err) => println!(
            "\n{}: {err}",
            t(lang, "after changing one byte", "setelah satu bita diubah")
        ),
    }
    let recovery = FileJournal::recover(path, &options)?;
    println!(
        "{}: {} 1 {} {} ({} {}){}",
        t(lang, "the verified prefix", "awalan yang terverifikasi"),
        t(lang, "events", "peristiwa"),
        t(lang, "to", "sampai"),
        recovery.events.len(),
        recovery.valid_len,
        t(lang, "bytes", "bita"),
        recovery
            .damage
            .as_ref()
            .map(|d| format!("; {} {d}", t(lang, "then", "lalu")))
            .unwrap_or_default()
    );
    if recovery.repair().is_none() {
        println!(
            "{}",
            t(
                lang,
                "no automatic repair for an edit: a person has to look",
                "suntingan tidak diperbaiki otomatis: harus diperiksa orang"
            )
        );
    }
    Ok(())
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}
