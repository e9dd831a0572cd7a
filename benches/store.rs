//! The PostgreSQL store against its ceiling: the same bytes written and read with plain
//! `INSERT` and `SELECT` through the same driver and connection, with nothing checked.
//!
//! - `append_1`: one event per transaction (the store: check, encode, rows and summary in one
//!   statement; the ceiling: one `INSERT` of the line).
//! - `append_10`: ten events per transaction (the ceiling: one `INSERT ... SELECT unnest`).
//! - `load_50`: an engagement of 50 events read back (the store: verify every row and replay
//!   it; the ceiling: `SELECT` the 50 lines).
//!
//! Needs the server (`PENDAMPING_PG_URL`, default `postgres://postgres@127.0.0.1:5432/test`);
//! prints why it did nothing without one. Prints the ratios store / ceiling at the end (the
//! goal is at least 0.8).
//!
//! ```text
//! cargo bench --features postgres --bench store -- --warm-up-time 1 --measurement-time 3
//! ```

use std::cell::RefCell;
use std::time::{Duration, Instant};

use chrono::{DateTime, TimeDelta, TimeZone, Utc};
use criterion::{Criterion, Throughput};
use pendamping::journal::Chain;
use pendamping::store::postgres::{PgStore, connect};
use pendamping::{
    Actor, ActorKind, ClientSystem, ClientSystemLevel, Command, Engagement, EngagementId, Opening,
    Policy, Priority, Recorded, TeamMember,
};
use tokio::runtime::Runtime;
use tokio_postgres::Client;
use tokio_postgres::types::Type;

const SCHEMA: &str = "bench_store";

fn start() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 1, 5, 8, 0, 0).unwrap()
}

fn worker() -> Actor {
    Actor::new("w:siti", ActorKind::SocialWorker).unwrap()
}

/// A freshly opened engagement named `id`, its opening still pending.
fn opened(id: &str) -> Engagement {
    let worker = worker();
    Engagement::open(
        &worker,
        start(),
        Opening {
            id: EngagementId::new(id).unwrap(),
            client: ClientSystem {
                level: ClientSystemLevel::Family,
                name: "Keluarga Sari".into(),
            },
            team: vec![TeamMember {
                id: worker.id.clone(),
                kind: ActorKind::SocialWorker,
                name: "Siti Rahmawati".into(),
            }],
            policy: Policy::default(),
        },
    )
    .unwrap()
}

/// `n` more events for `e`: needs of a realistic length.
fn needs(e: &mut Engagement, n: usize) -> Vec<Recorded> {
    let worker = worker();
    for k in 0..n {
        let at = start() + TimeDelta::minutes(e.last_seq() as i64);
        e.execute(
            &worker,
            at,
            Command::RecordNeed {
                domain: "schooling".into(),
                description: format!(
                    "The eldest daughter stopped going to school in March ({k}); the fee is due"
                ),
                priority: Priority::High,
                confidentiality: None,
            },
        )
        .unwrap();
    }
    e.take_pending()
}

/// The lines of events, as the store writes them (the ceiling inserts these bytes).
fn lines(chain: &mut Chain, events: &[Recorded]) -> Vec<(i64, Vec<u8>)> {
    events
        .iter()
        .map(|r| {
            let line = chain.encode(r).unwrap();
            (line.seq as i64, line.bytes)
        })
        .collect()
}

struct Bench {
    rt: Runtime,
    client: Client,
    store: PgStore,
    next_id: RefCell<usize>,
}

impl Bench {
    fn fresh_id(&self) -> String {
        let mut n = self.next_id.borrow_mut();
        *n += 1;
        format!("bench-{n:06}")
    }

    /// Loads the 50-event engagement `iters` times through the store.
    fn store_loads(&self, id: &EngagementId, iters: u64) -> Duration {
        self.rt.block_on(async {
            let started = Instant::now();
            for _ in 0..iters {
                let loaded = self.store.load(&self.client, id).await.unwrap();
                assert_eq!(loaded.last_seq(), 50);
            }
            started.elapsed()
        })
    }

    /// Selects the same 50 lines `iters` times.
    fn plain_loads(&self, select: &str, iters: u64) -> Duration {
        self.rt.block_on(async {
            let started = Instant::now();
            for _ in 0..iters {
                let rows = self
                    .client
                    .query_typed(select, &[(&"load-50", Type::TEXT)])
                    .await
                    .unwrap();
                assert_eq!(rows.len(), 50);
            }
            started.elapsed()
        })
    }

    /// Appends `iters` batches of `batch` events through the store, one transaction each.
    fn store_appends(&self, iters: u64, batch: usize) -> Duration {
        let id = self.fresh_id();
        let mut e = opened(&id);
        let eid = e.id().clone();
        let opening = e.take_pending();
        let batches: Vec<Vec<Recorded>> = (0..iters).map(|_| needs(&mut e, batch)).collect();
        self.rt.block_on(async {
            self.store
                .append(&self.client, &eid, 0, &opening)
                .await
                .unwrap();
            let mut seq = 1;
            let started = Instant::now();
            for events in &batches {
                seq = self
                    .store
                    .append(&self.client, &eid, seq, events)
                    .await
                    .unwrap();
            }
            started.elapsed()
        })
    }

    /// The same lines with plain `INSERT`s.
    fn plain_appends(&self, iters: u64, batch: usize) -> Duration {
        let id = self.fresh_id();
        let mut e = opened(&id);
        let mut chain = Chain::new(e.id().clone());
        let _ = lines(&mut chain, &e.take_pending());
        let batches: Vec<Vec<(i64, Vec<u8>)>> = (0..iters)
            .map(|_| lines(&mut chain, &needs(&mut e, batch)))
            .collect();
        let one =
            format!("INSERT INTO {SCHEMA}.plain (engagement_id, seq, line) VALUES ($1, $2, $3)");
        let many = format!(
            "INSERT INTO {SCHEMA}.plain (engagement_id, seq, line) \
             SELECT $1, * FROM unnest($2::int8[], $3::bytea[])"
        );
        self.rt.block_on(async {
            let started = Instant::now();
            for rows in &batches {
                if let [(seq, line)] = rows.as_slice() {
                    self.client
                        .query_typed(
                            &one,
                            &[(&id, Type::TEXT), (seq, Type::INT8), (line, Type::BYTEA)],
                        )
                        .await
                        .unwrap();
                } else {
                    let seqs: Vec<i64> = rows.iter().map(|(s, _)| *s).collect();
                    let bytes: Vec<&[u8]> = rows.iter().map(|(_, l)| l.as_slice()).collect();
                    self.client
                        .query_typed(
                            &many,
                            &[
                                (&id, Type::TEXT),
                                (&seqs, Type::INT8_ARRAY),
                                (&bytes, Type::BYTEA_ARRAY),
                            ],
                        )
                        .await
                        .unwrap();
                }
            }
            started.elapsed()
        })
    }
}

fn main() {
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let url = std::env::var("PENDAMPING_PG_URL")
        .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/test".to_owned());
    let mut client = match rt.block_on(connect(&url)) {
        Ok(client) => client,
        Err(e) => {
            println!("store bench skipped: {e} (start PostgreSQL or set PENDAMPING_PG_URL)");
            return;
        }
    };
    let store = rt.block_on(async {
        client
            .batch_execute(&format!(
                "DROP SCHEMA IF EXISTS {SCHEMA} CASCADE; CREATE SCHEMA {SCHEMA}; \
                 CREATE TABLE {SCHEMA}.plain (engagement_id text NOT NULL, seq bigint NOT NULL, \
                 line bytea NOT NULL, PRIMARY KEY (engagement_id, seq))"
            ))
            .await
            .unwrap();
        PgStore::migrate(&mut client, SCHEMA).await.unwrap();
        PgStore::open(&client, SCHEMA).await.unwrap()
    });
    let bench = Bench {
        rt,
        client,
        store,
        next_id: RefCell::new(0),
    };

    // One engagement of 50 events in both tables, for the loads.
    let mut e = opened("load-50");
    let mut events = e.take_pending();
    events.extend(needs(&mut e, 49));
    let mut chain = Chain::new(e.id().clone());
    let rows = lines(&mut chain, &events);
    bench.rt.block_on(async {
        bench.store.append(&bench.client, e.id(), 0, &events).await.unwrap();
        let seqs: Vec<i64> = rows.iter().map(|(s, _)| *s).collect();
        let bytes: Vec<&[u8]> = rows.iter().map(|(_, l)| l.as_slice()).collect();
        bench
            .client
            .query_typed(
                &format!("INSERT INTO {SCHEMA}.plain SELECT 'load-50', * FROM unnest($1::int8[], $2::bytea[])"),
                &[(&seqs, Type::INT8_ARRAY), (&bytes, Type::BYTEA_ARRAY)],
            )
            .await
            .unwrap();
    });
    let select =
        format!("SELECT seq, line FROM {SCHEMA}.plain WHERE engagement_id = $1 ORDER BY seq");

    let mut criterion = Criterion::default()
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(3))
        .sample_size(10)
        .configure_from_args();
    for batch in [1, 10] {
        let mut group = criterion.benchmark_group(format!("append_{batch}"));
        group.throughput(Throughput::Elements(batch as u64));
        group.bench_function("store", |b| {
            b.iter_custom(|iters| bench.store_appends(iters, batch))
        });
        group.bench_function("plain_insert", |b| {
            b.iter_custom(|iters| bench.plain_appends(iters, batch))
        });
        group.finish();
    }
    {
        let mut group = criterion.benchmark_group("load_50");
        group.throughput(Throughput::Elements(50));
        let id = e.id().clone();
        group.bench_function("store", |b| {
            b.iter_custom(|iters| bench.store_loads(&id, iters))
        });
        group.bench_function("plain_select", |b| {
            b.iter_custom(|iters| bench.plain_loads(&select, iters))
        });
        group.finish();
    }
    criterion.final_summary();

    // The ratios from paired runs: each round does one operation of the store and the same
    // one of the ceiling, back to back, so both meet the same load from the rest of the machine
    // (criterion's groups above run one after the other).
    let paired = |what: &str,
                  rounds: usize,
                  store: &dyn Fn() -> Duration,
                  plain: &dyn Fn() -> Duration| {
        let (mut s, mut p) = (Vec::with_capacity(rounds), Vec::with_capacity(rounds));
        for _ in 0..rounds {
            s.push(store());
            p.push(plain());
        }
        // Medians: a compile on the next core makes single rounds slow, not the typical one.
        let median = |mut v: Vec<Duration>| {
            v.sort();
            v[v.len() / 2]
        };
        let (s, p) = (median(s), median(p));
        println!(
            "  {what:<10} store {:>8.0} µs, plain {:>8.0} µs (medians of {rounds}): ratio {:.2}",
            s.as_secs_f64() * 1e6,
            p.as_secs_f64() * 1e6,
            p.as_secs_f64() / s.as_secs_f64().max(f64::MIN_POSITIVE)
        );
    };
    println!(
        "\nthe store's throughput / plain INSERT or SELECT of the same bytes, paired (goal ≥ 0.8):"
    );
    for batch in [1, 10] {
        paired(
            &format!("append_{batch}"),
            300,
            &|| bench.store_appends(1, batch),
            &|| bench.plain_appends(1, batch),
        );
    }
    let id = e.id().clone();
    paired("load_50", 1000, &|| bench.store_loads(&id, 1), &|| {
        bench.plain_loads(&select, 1)
    });
    // What verifying and replaying costs without the database: the floor of the load's extra.
    let mut file = Vec::new();
    bench
        .rt
        .block_on(bench.store.export(&bench.client, &id, &mut file))
        .unwrap();
    let started = Instant::now();
    for _ in 0..500 {
        let verified = pendamping::journal::verify(file.as_slice(), &Default::default()).unwrap();
        assert_eq!(verified.lines, 50);
    }
    println!(
        "  (verify + replay of the same 50 lines in memory: {:.0} µs)",
        started.elapsed().as_secs_f64() * 1e6 / 500.0
    );
    let _ = bench.rt.block_on(
        bench
            .client
            .batch_execute(&format!("DROP SCHEMA {SCHEMA} CASCADE")),
    );
}
