//! Reading a journal of 100,000 events: verify (hash chain and replay) against baselines that
//! do part of its work, each as lean as it can be written:
//!
//! - `split`: finding the lines (`str::lines`, which searches with `memchr`);
//! - `sha256`: hashing every line, the floor of any verification;
//! - `typed`: parsing every line into the same structs (`serde_json::from_str`), no checks: the
//!   ceiling of a single-threaded reader;
//! - `value`: parsing every line into `serde_json::Value`;
//! - `verify` from memory and `verify_file` from a file on disk (through a `BufReader`);
//! - `pipelined` and `pipe_file`: the same through `journal::verify_pipelined`, which parses
//!   and hashes the lines ahead on a second thread.
//!
//! The parsers let each line go once parsed, as a streaming reader does; what `verify` returns
//! (the engagement) is dropped after its timer stops. The contenders take turns in
//! every round (interleaved) and the medians are printed with the ratio of each to `typed`.
//!
//! ```text
//! cargo bench --bench journal -- --warm-up-time 1 --measurement-time 3
//! ```

use chrono::{DateTime, TimeDelta, TimeZone, Utc};
use criterion::{Criterion, Throughput};
use pendamping::journal::{self, JournalOptions};
use pendamping::{
    ActivityDetail, ActivityId, Actor, ActorKind, AdvocacyScope, ClientSystem, ClientSystemLevel,
    Command, Engagement, EngagementId, Event, Function, GoalId, Journal, ManagementMode, NeedId,
    Opening, PlanVersion, Policy, Priority, Provider, ReferralId, ResourceId, ResourceKind,
    Responsible, Role, Stage, TeamMember,
};
use serde::Deserialize;
use sha2::{Digest, Sha256};
use std::fs::File;
use std::hint::black_box;
use std::io::BufReader;
use std::path::Path;
use std::time::{Duration, Instant};

const EVENTS: u64 = 100_000;

/// A line parsed into the same structs the journal reads, without any checking.
#[derive(Deserialize)]
#[allow(dead_code, reason = "parsed, not used")]
struct Line {
    v: u64,
    engagement: String,
    seq: u64,
    at: DateTime<Utc>,
    by: Actor,
    event: Event,
    prev: String,
    hash: String,
}

/// A long-running community case: assessment and planning, then years of activities, the
/// family's own words, new needs and resources, and referrals with consent.
fn journal_bytes() -> Vec<u8> {
    let worker =
        Actor::new("w:siti.rahmawati", ActorKind::SocialWorker).unwrap_or_else(|e| panic!("{e}"));
    let member = Actor::new("c:sari", ActorKind::ClientMember).unwrap_or_else(|e| panic!("{e}"));
    let start = Utc
        .with_ymd_and_hms(2020, 1, 6, 8, 0, 0)
        .single()
        .unwrap_or(DateTime::UNIX_EPOCH);
    let mut minutes = 0;
    let mut at = || {
        minutes += 7;
        start + TimeDelta::minutes(minutes)
    };
    let mut case = Engagement::open(
        &worker,
        at(),
        Opening {
            id: EngagementId::new("dusun-sukamaju-2020-007").unwrap_or_else(|e| panic!("{e}")),
            client: ClientSystem {
                level: ClientSystemLevel::Community,
                name: "Dusun Sukamaju".into(),
            },
            team: vec![
                TeamMember {
                    id: worker.id.clone(),
                    kind: ActorKind::SocialWorker,
                    name: "Siti Rahmawati".into(),
                },
                TeamMember {
                    id: member.id.clone(),
                    kind: ActorKind::ClientMember,
                    name: "Ibu Sari, kader posyandu".into(),
                },
            ],
            policy: Policy::default(),
        },
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let mut journal = Journal::new();
    let run = |case: &mut Engagement, by: &Actor, at: DateTime<Utc>, command: Command| {
        case.execute(by, at, command)
            .unwrap_or_else(|e| panic!("{e}"));
    };
    run(
        &mut case,
        &worker,
        at(),
        Command::RecordNeed {
            domain: "water".into(),
            description: "Households in the upper hamlet carry water 1.5 km in the dry season"
                .into(),
            priority: Priority::High,
            confidentiality: None,
        },
    );
    run(
        &mut case,
        &worker,
        at(),
        Command::RecordResource {
            kind: ResourceKind::Interpersonal,
            description:
                "A strong tradition of gotong royong; the youth group built the prayer house".into(),
            holder: None,
            barriers: vec![],
            service: None,
            confidentiality: None,
        },
    );
    run(
        &mut case,
        &worker,
        at(),
        Command::MoveToStage {
            to: Stage::Planning,
            reason: None,
            termination: None,
        },
    );
    run(
        &mut case,
        &worker,
        at(),
        Command::AddGoal {
            description:
                "Every household within 200 m of clean water by the end of next dry season".into(),
            addresses: vec![NeedId(1)],
            scale: None,
        },
    );
    run(
        &mut case,
        &worker,
        at(),
        Command::AddIntervention {
            description: "A community-built spring capture and pipe, with a water users' committee"
                .into(),
            serves: vec![GoalId(1)],
            function: Function::ResourceManagement,
            role: Role::Enabler,
            responsible: Responsible::Joint,
            uses: vec![],
        },
    );
    run(
        &mut case,
        &member,
        at(),
        Command::AgreeToPlan {
            version: PlanVersion(1),
            on_behalf_of: None,
        },
    );
    run(
        &mut case,
        &worker,
        at(),
        Command::MoveToStage {
            to: Stage::Implementation,
            reason: None,
            termination: None,
        },
    );

    let mut i: u32 = 0;
    while case.last_seq() < EVENTS {
        i += 1;
        let t = at();
        let command = match i % 10 {
            0 => Command::RecordNeed {
                domain: "livelihood".into(),
                description: format!(
                    "Family {i} lost its harvest to the flood and has no seed for the next planting"
                ),
                priority: Priority::Medium,
                confidentiality: None,
            },
            1 => Command::RecordActivity {
                function: Function::Education,
                role: Role::Enabler,
                interventions: vec![],
                detail: ActivityDetail::Education {
                    topic: "Keeping the spring catchment clean".into(),
                    learners: vec!["Water users' committee".into(), "Youth group".into()],
                    educators: vec!["Siti".into(), "Pak Darto (committee chair)".into()],
                    prevention_focus: Some("Diarrhoea in children under five".into()),
                },
                note: Some(format!("Session {i}; 23 people came, most of them women")),
                confidentiality: None,
            },
            2 => Command::AddContribution {
                activity: ActivityId(case.activities().len() as u32),
                text: "We will take turns cleaning the intake every Friday after prayers".into(),
            },
            3 => Command::RecordActivity {
                function: Function::ResourceManagement,
                role: Role::Mediator,
                interventions: vec![],
                detail: ActivityDetail::Mediation {
                    parties: vec!["Upper hamlet".into(), "Lower hamlet".into()],
                    outcome: "Agreed to share the pipe by a timetable posted at the mosque".into(),
                },
                note: None,
                confidentiality: None,
            },
            4 => Command::RecordActivity {
                function: Function::ResourceManagement,
                role: Role::Advocate,
                interventions: vec![],
                detail: ActivityDetail::Advocacy {
                    scope: AdvocacyScope::Class,
                    target_system: "Dinas PUPR Kabupaten".into(),
                    outcome: format!("The district promised pipe for phase {}", i / 10),
                },
                note: Some("Letter signed by 140 households".into()),
                confidentiality: None,
            },
            5 => Command::RecordResource {
                kind: ResourceKind::Social,
                description: format!("Village fund (Dana Desa) line {i} for clean water"),
                holder: Some("Pemerintah Desa Sukamaju".into()),
                barriers: vec![],
                service: None,
                confidentiality: None,
            },
            6 => Command::Refer {
                resource: ResourceId(case.resources().len() as u32),
                provider: Provider::External {
                    name: "Pemerintah Desa Sukamaju".into(),
                },
                mode: ManagementMode::Coordinating,
                function: Function::ResourceManagement,
                role: Role::Broker,
                interventions: vec![],
                note: Some("Proposal for the next musrenbang".into()),
                confidentiality: None,
            },
            7 => Command::GiveConsent {
                referral: ReferralId(case.referrals().len() as u32),
                on_behalf_of: Some(member.id.clone()),
            },
            _ => Command::RecordActivity {
                function: Function::ProblemSolvingConsultation,
                role: Role::Enabler,
                interventions: vec![],
                detail: ActivityDetail::Consultation {
                    participants: vec!["Committee".into(), "Village secretary".into()],
                    worker_contribution: "Costed three ways to fix the leaking joint".into(),
                    client_contribution: "Knew which families could give labour on which days"
                        .into(),
                    options: vec!["Replace the joint".into(), "Reroute along the road".into()],
                    action_steps: vec!["Buy two couplings".into(), "Work day on Sunday".into()],
                },
                note: None,
                confidentiality: None,
            },
        };
        let by = if matches!(command, Command::AddContribution { .. }) {
            &member
        } else {
            &worker
        };
        run(&mut case, by, t, command);
        if i.is_multiple_of(16) {
            journal
                .append_pending(&mut case)
                .unwrap_or_else(|e| panic!("{e}"));
        }
    }
    journal
        .append_pending(&mut case)
        .unwrap_or_else(|e| panic!("{e}"));
    journal.into_bytes()
}

/// One contender: reads the journal's bytes (or its file) and returns what it made, dropped by
/// the caller once the timer has stopped.
type Contender = (&'static str, Box<dyn Fn() -> Box<dyn std::any::Any>>);

fn contenders(bytes: &'static [u8], text: &'static str, file: &'static Path) -> Vec<Contender> {
    let options = JournalOptions::default();
    let lines = move || text.lines().filter(|l| !l.is_empty());
    vec![
        (
            "split",
            Box::new(move || Box::new(lines().map(str::len).sum::<usize>())),
        ),
        (
            "sha256",
            Box::new(move || {
                let mut last = [0_u8; 32];
                for line in lines() {
                    last = Sha256::digest(line.as_bytes()).into();
                }
                Box::new(last)
            }),
        ),
        (
            "typed",
            Box::new(move || {
                // Each line is parsed and let go, as a reader streaming them does.
                let mut parsed = 0_usize;
                for l in lines() {
                    let line: Line = serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}"));
                    black_box(&line);
                    parsed += 1;
                }
                Box::new(parsed)
            }),
        ),
        (
            "value",
            Box::new(move || {
                // Each line is parsed and let go, as a reader streaming them does.
                let mut parsed = 0_usize;
                for l in lines() {
                    let line: serde_json::Value =
                        serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}"));
                    black_box(&line);
                    parsed += 1;
                }
                Box::new(parsed)
            }),
        ),
        (
            "verify",
            Box::new(move || {
                Box::new(journal::verify(bytes, &options).unwrap_or_else(|e| panic!("{e}")))
            }),
        ),
        (
            "verify_file",
            Box::new(move || {
                let reader = BufReader::new(File::open(file).unwrap_or_else(|e| panic!("{e}")));
                Box::new(journal::verify(reader, &options).unwrap_or_else(|e| panic!("{e}")))
            }),
        ),
        (
            "pipelined",
            Box::new(move || {
                Box::new(
                    journal::verify_pipelined(bytes, &options).unwrap_or_else(|e| panic!("{e}")),
                )
            }),
        ),
        (
            "pipe_file",
            Box::new(move || {
                let reader = BufReader::new(File::open(file).unwrap_or_else(|e| panic!("{e}")));
                Box::new(
                    journal::verify_pipelined(reader, &options).unwrap_or_else(|e| panic!("{e}")),
                )
            }),
        ),
    ]
}

fn main() {
    // Leaked: the contenders borrow them for the whole run, and the process ends after.
    let bytes: &'static [u8] = journal_bytes().leak();
    let text: &'static str = std::str::from_utf8(bytes).unwrap_or_else(|e| panic!("{e}"));
    let dir = std::env::temp_dir().join(format!("pendamping-bench-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("{e}"));
    let file: &'static Path = Box::leak(dir.join("journal.jsonl").into_boxed_path());
    std::fs::write(file, bytes).unwrap_or_else(|e| panic!("{e}"));
    let lines = text.lines().count();
    let contenders = contenders(bytes, text, file);

    let mut criterion = Criterion::default()
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(3))
        .sample_size(10)
        .configure_from_args();
    {
        let mut group = criterion.benchmark_group("journal_read");
        group.throughput(Throughput::Bytes(bytes.len() as u64));
        for (name, run) in &contenders {
            group.bench_function(*name, |b| {
                b.iter_with_large_drop(run);
            });
        }
        group.finish();
    }
    criterion.final_summary();

    if std::env::args().any(|a| a == "--bench") {
        let rounds = 7;
        let mut times = vec![Vec::with_capacity(rounds); contenders.len()];
        for _ in 0..rounds {
            for ((_, run), t) in contenders.iter().zip(&mut times) {
                let start = Instant::now();
                let made = run();
                t.push(start.elapsed());
                drop(black_box(made));
            }
        }
        let medians: Vec<f64> = times
            .into_iter()
            .map(|mut t| {
                t.sort();
                t.get(rounds / 2).map_or(f64::NAN, Duration::as_secs_f64)
            })
            .collect();
        let typed = contenders
            .iter()
            .position(|(name, _)| *name == "typed")
            .and_then(|i| medians.get(i))
            .copied()
            .unwrap_or(f64::NAN);
        println!(
            "\njournal: {lines} events, {:.1} MB ({} bytes a line on average), median of {rounds} interleaved rounds:",
            bytes.len() as f64 / 1e6,
            bytes.len() / lines.max(1)
        );
        println!("{:<12} {:>10} {:>12}", "contender", "MB/s", "× typed");
        for ((name, _), secs) in contenders.iter().zip(medians) {
            // Speed relative to the typed parse: above 1 is faster than it.
            println!(
                "{name:<12} {:>10.1} {:>12.2}",
                bytes.len() as f64 / secs / 1e6,
                typed / secs
            );
        }
    }
    let _ = std::fs::remove_dir_all(&dir);
}
