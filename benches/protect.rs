//! Checking a journal of needs recorded one by one (up to 2,000 events; recording stops at the
//! engagement's cap on needs) with its key (chain, replay, a seal per line and the
//! head) against checking the chain alone: the ratio is what keyed authenticity costs.
//!
//! ```text
//! cargo bench --bench protect -- --warm-up-time 1 --measurement-time 3
//! ```

use chrono::{DateTime, TimeDelta, TimeZone, Utc};
use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use pendamping::journal::JournalOptions;
use pendamping::protect::{self, Key, Keyring, Proof};
use pendamping::{
    Actor, ActorKind, ClientSystem, ClientSystemLevel, Command, Engagement, EngagementId, Journal,
    Opening, Policy, Priority, TeamMember,
};
use std::hint::black_box;

/// The most events recorded; the engagement refuses needs past its list cap, which ends the run.
const EVENTS: usize = 2_000;

fn journal_bytes() -> Vec<u8> {
    let worker = Actor::new("w:siti", ActorKind::SocialWorker).unwrap_or_else(|e| panic!("{e}"));
    let start = Utc
        .with_ymd_and_hms(2026, 1, 5, 8, 0, 0)
        .single()
        .unwrap_or(DateTime::UNIX_EPOCH);
    let at = |n: usize| start + TimeDelta::minutes(i64::try_from(n).unwrap_or(0));
    let mut case = Engagement::open(
        &worker,
        at(0),
        Opening {
            id: EngagementId::new("pkh-bench").unwrap_or_else(|e| panic!("{e}")),
            client: ClientSystem {
                level: ClientSystemLevel::Family,
                name: "Keluarga Ibu Sari".into(),
            },
            team: vec![TeamMember {
                id: worker.id.clone(),
                kind: ActorKind::SocialWorker,
                name: "Siti Rahmawati".into(),
            }],
            policy: Policy::default(),
        },
    )
    .unwrap_or_else(|e| panic!("{e}"));
    for n in 1..EVENTS {
        let recorded = case.execute(
            &worker,
            at(n),
            Command::RecordNeed {
                domain: format!("domain-{}", n % 17),
                description: format!("Need number {n}, written as a worker would, in a sentence"),
                priority: Priority::Medium,
                confidentiality: None,
            },
        );
        if recorded.is_err() {
            break;
        }
    }
    let mut journal = Journal::new();
    journal
        .append_pending(&mut case)
        .unwrap_or_else(|e| panic!("{e}"));
    journal.into_bytes()
}

fn bench(c: &mut Criterion) {
    let bytes = journal_bytes();
    let options = JournalOptions::default();
    let keys = Keyring::new(Key::new("bench", &[0x5a; 32]).unwrap_or_else(|e| panic!("{e}")));
    let (seals, head) =
        protect::seal_journal(bytes.as_slice(), &options, &keys).unwrap_or_else(|e| panic!("{e}"));
    let mut group = c.benchmark_group("check");
    group.throughput(Throughput::Elements(seals.len() as u64));
    group.bench_function("chain only", |b| {
        b.iter(|| {
            protect::check(black_box(bytes.as_slice()), &options, None).map(|c| c.verified.lines)
        });
    });
    group.bench_function("with key", |b| {
        b.iter(|| {
            let proof = Proof {
                keyring: &keys,
                seals: &seals,
                head: &head,
            };
            protect::check(black_box(bytes.as_slice()), &options, Some(proof))
                .map(|c| c.verified.lines)
        });
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
