//! Reading a journal of 100,000 events: verify (hash chain and replay) against bare serde_json
//! parsing of the same lines into the same structs (the ceiling) and into `serde_json::Value`.
//!
//! ```text
//! cargo bench --bench journal
//! ```

use chrono::{DateTime, TimeDelta, TimeZone, Utc};
use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use pendamping::journal::{self, JournalOptions};
use pendamping::{
    ActivityDetail, ActivityId, Actor, ActorKind, AdvocacyScope, ClientSystem, ClientSystemLevel,
    Command, Engagement, EngagementId, Event, Function, GoalId, Journal, ManagementMode, NeedId,
    Opening, PlanVersion, Policy, Priority, Provider, ReferralId, ResourceId, ResourceKind,
    Responsible, Role, Stage, TeamMember,
};
use serde::Deserialize;
use std::hint::black_box;
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
            },
            5 => Command::RecordResource {
                kind: ResourceKind::Social,
                description: format!("Village fund (Dana Desa) line {i} for clean water"),
                holder: Some("Pemerintah Desa Sukamaju".into()),
                barriers: vec![],
                service: None,
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

fn verify(bytes: &[u8]) {
    let verified =
        journal::verify(bytes, &JournalOptions::default()).unwrap_or_else(|e| panic!("{e}"));
    black_box(verified);
}

fn serde_structs(bytes: &[u8]) {
    for line in bytes.split(|&b| b == b'\n').filter(|l| !l.is_empty()) {
        let line: Line = serde_json::from_slice(line).unwrap_or_else(|e| panic!("{e}"));
        black_box(line);
    }
}

fn serde_value(bytes: &[u8]) {
    for line in bytes.split(|&b| b == b'\n').filter(|l| !l.is_empty()) {
        let line: serde_json::Value =
            serde_json::from_slice(line).unwrap_or_else(|e| panic!("{e}"));
        black_box(line);
    }
}

/// The best of a few runs, in MB/s.
fn mb_per_s(bytes: &[u8], f: fn(&[u8])) -> f64 {
    let best = (0..3)
        .map(|_| {
            let start = Instant::now();
            f(bytes);
            start.elapsed()
        })
        .min()
        .unwrap_or(Duration::MAX);
    bytes.len() as f64 / best.as_secs_f64() / 1e6
}

fn bench(c: &mut Criterion) {
    let bytes = journal_bytes();
    let lines = bytes.iter().filter(|&&b| b == b'\n').count();
    let (v, s, j) = (
        mb_per_s(&bytes, verify),
        mb_per_s(&bytes, serde_structs),
        mb_per_s(&bytes, serde_value),
    );
    println!(
        "journal: {lines} events, {:.1} MB ({} bytes a line on average)",
        bytes.len() as f64 / 1e6,
        bytes.len() / lines.max(1)
    );
    println!("  verify + replay        {v:7.1} MB/s");
    println!(
        "  serde into the structs {s:7.1} MB/s  (ceiling; verify reaches {:.2} of it)",
        v / s
    );
    println!(
        "  serde into Value       {j:7.1} MB/s  (verify / Value = {:.2})",
        v / j
    );

    let mut group = c.benchmark_group("journal_read");
    group.throughput(Throughput::Bytes(bytes.len() as u64));
    group.sample_size(10);
    group.measurement_time(Duration::from_secs(8));
    group.bench_function("verify_and_replay", |b| b.iter(|| verify(&bytes)));
    group.bench_function("serde_structs", |b| b.iter(|| serde_structs(&bytes)));
    group.bench_function("serde_value", |b| b.iter(|| serde_value(&bytes)));
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
