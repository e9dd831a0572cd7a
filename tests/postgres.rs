//! The PostgreSQL store against a real server (`PENDAMPING_PG_URL`, by default the
//! development and CI machines' server at 127.0.0.1:5432). Without a server each test says it
//! was skipped and why; with `CI` set a missing server fails.
#![cfg(feature = "postgres")]

#[path = "postgres/cases.rs"]
mod cases;
#[macro_use]
#[path = "postgres/support.rs"]
mod support;

use std::collections::HashMap;

use chrono::{TimeDelta, Utc};
use pendamping::caseload::Caseload;
use pendamping::journal::{self, Journal, JournalOptions};
use pendamping::store::StoreError;
use pendamping::store::postgres::{PgError, PgStore, SCHEMA_VERSION, Scope, connect};
use pendamping::{Engagement, EngagementId, JournalError, LineErrorKind, Policy};

use cases::{base, case, need, open, worker};

fn id(text: &str) -> EngagementId {
    EngagementId::new(text).unwrap()
}

/// An engagement opened with three needs recorded, its four events pending.
fn small(name: &str) -> Engagement {
    let mut e = open(name, base(), Policy::default());
    for n in 1..=3 {
        let at = base() + TimeDelta::hours(n);
        e.execute(&worker(), at, need(format!("need {n}"))).unwrap();
    }
    e
}

#[tokio::test]
async fn appends_and_loads_round_trip() {
    let mut client = server!();
    let store = support::fresh(&mut client, "round").await;
    let mut e = small("pkh-1");
    let events = e.take_pending();
    // The opening alone, then the rest as one batch.
    assert_eq!(
        store
            .append(&client, &id("pkh-1"), 0, &events[..1])
            .await
            .unwrap(),
        1
    );
    assert_eq!(
        store
            .append(&client, &id("pkh-1"), 1, &events[1..])
            .await
            .unwrap(),
        4
    );
    assert_eq!(store.load(&client, &id("pkh-1")).await.unwrap(), e);
    assert_eq!(
        store.read_from(&client, &id("pkh-1"), 3).await.unwrap(),
        events[2..]
    );
    assert_eq!(
        store.read_from(&client, &id("pkh-1"), 0).await.unwrap(),
        events
    );
    assert!(
        store
            .read_from(&client, &id("pkh-1"), 9)
            .await
            .unwrap()
            .is_empty()
    );

    // A second store on the same schema (another app instance) reads and extends it.
    let other = PgStore::open(&client, store.schema()).await.unwrap();
    let mut again = other.load(&client, &id("pkh-1")).await.unwrap();
    again
        .execute(&worker(), base() + TimeDelta::days(1), need("need 4"))
        .unwrap();
    let more = again.take_pending();
    assert_eq!(
        other.append(&client, &id("pkh-1"), 4, &more).await.unwrap(),
        5
    );
    assert_eq!(store.load(&client, &id("pkh-1")).await.unwrap(), again);

    let mut f = small("pkh-0");
    store
        .append(&client, &id("pkh-0"), 0, &f.take_pending())
        .await
        .unwrap();
    assert_eq!(
        store.ids(&client).await.unwrap(),
        [id("pkh-0"), id("pkh-1")]
    );
    // The query columns are the line's.
    let row = client
        .query_one(
            &format!(
                "SELECT event_type, actor_id, actor_kind, at FROM {}.journal_line \
                 WHERE engagement_id = 'pkh-1' AND seq = 2",
                store.schema()
            ),
            &[],
        )
        .await
        .unwrap();
    assert_eq!(row.get::<_, &str>(0), "need_recorded");
    assert_eq!(row.get::<_, &str>(1), "w:siti");
    assert_eq!(row.get::<_, &str>(2), "social_worker");
    assert_eq!(row.get::<_, chrono::DateTime<Utc>>(3), events[1].at);
    support::drop_schema(&client, &store).await;
}

#[tokio::test]
async fn a_stale_expected_seq_is_a_conflict_and_writes_nothing() {
    let mut client = server!();
    let store = support::fresh(&mut client, "conflict").await;
    let mut e = small("pkh-2");
    store
        .append(&client, &id("pkh-2"), 0, &e.take_pending())
        .await
        .unwrap();
    let stale = e.clone();

    e.execute(&worker(), base() + TimeDelta::days(1), need("first"))
        .unwrap();
    store
        .append(&client, &id("pkh-2"), 4, &e.take_pending())
        .await
        .unwrap();

    // A writer that loaded before that append.
    let mut late = stale;
    late.execute(&worker(), base() + TimeDelta::days(2), need("second"))
        .unwrap();
    let tx = client.transaction().await.unwrap();
    let err = store
        .append(&tx, &id("pkh-2"), 4, &late.take_pending())
        .await
        .unwrap_err();
    assert!(
        matches!(
            &err,
            StoreError::Conflict {
                expected: 4,
                current: 5,
                ..
            }
        ),
        "{err}"
    );
    // The app's transaction is still usable after the conflict.
    assert_eq!(
        tx.query_one("SELECT 1", &[])
            .await
            .unwrap()
            .get::<_, i32>(0),
        1
    );
    tx.commit().await.unwrap();
    assert_eq!(store.load(&client, &id("pkh-2")).await.unwrap(), e);

    // A second opening of the same id is a conflict too.
    let mut twin = small("pkh-2");
    let err = store
        .append(&client, &id("pkh-2"), 0, &twin.take_pending())
        .await
        .unwrap_err();
    assert!(
        matches!(
            err,
            StoreError::Conflict {
                expected: 0,
                current: 5,
                ..
            }
        ),
        "{err}"
    );
    assert_eq!(store.load(&client, &id("pkh-2")).await.unwrap(), e);
    support::drop_schema(&client, &store).await;
}

#[tokio::test]
async fn events_are_checked_before_anything_is_written() {
    let mut client = server!();
    let store = support::fresh(&mut client, "checked").await;
    let mut e = small("pkh-3");
    let events = e.take_pending();
    store
        .append(&client, &id("pkh-3"), 0, &events)
        .await
        .unwrap();

    // An event that does not fit: a need met that was never recorded.
    let mut forged = events[3].clone();
    forged.seq = 5;
    forged.event = pendamping::Event::NeedMet {
        need: pendamping::NeedId(9),
        note: None,
    };
    let err = store
        .append(&client, &id("pkh-3"), 4, &[forged])
        .await
        .unwrap_err();
    assert!(
        matches!(
            &err,
            StoreError::Journal {
                source: JournalError::Refused {
                    seq: 5,
                    kind: LineErrorKind::Replay(_)
                },
                ..
            }
        ),
        "{err}"
    );
    // A gap in the seqs.
    let mut gap = events[3].clone();
    gap.seq = 7;
    let err = store
        .append(&client, &id("pkh-3"), 4, &[gap])
        .await
        .unwrap_err();
    assert!(
        matches!(
            &err,
            StoreError::Journal {
                source: JournalError::Refused { seq: 7, .. },
                ..
            }
        ),
        "{err}"
    );
    // Another engagement's opening.
    let mut other = small("pkh-4");
    let err = store
        .append(&client, &id("pkh-3"), 0, &other.take_pending())
        .await
        .unwrap_err();
    assert!(
        matches!(
            &err,
            StoreError::Journal {
                source: JournalError::Refused {
                    seq: 1,
                    kind: LineErrorKind::WrongEngagement { .. }
                },
                ..
            }
        ),
        "{err}"
    );
    assert_eq!(store.load(&client, &id("pkh-3")).await.unwrap(), e);
    assert_eq!(store.ids(&client).await.unwrap(), [id("pkh-3")]);
    support::drop_schema(&client, &store).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn eight_writers_on_one_engagement() {
    let mut client = server!();
    let store = support::fresh(&mut client, "eight").await;
    let mut e = small("pkh-8");
    store
        .append(&client, &id("pkh-8"), 0, &e.take_pending())
        .await
        .unwrap();
    let schema = store.schema().to_owned();
    let mut writers = Vec::new();
    for w in 0..8 {
        let schema = schema.clone();
        writers.push(tokio::spawn(async move {
            let client = connect(&support::url()).await.unwrap();
            let store = PgStore::open(&client, &schema).await.unwrap();
            let (mut acked, mut conflicts) = (Vec::new(), 0);
            for n in 0..12 {
                let description = format!("writer {w} need {n}");
                loop {
                    let mut case = store.load(&client, &id("pkh-8")).await.unwrap();
                    let expected = case.last_seq();
                    let at = base() + TimeDelta::days(1);
                    case.execute(&worker(), at, need(description.clone()))
                        .unwrap();
                    match store
                        .append(&client, &id("pkh-8"), expected, &case.take_pending())
                        .await
                    {
                        Ok(seq) => {
                            acked.push((seq, description.clone()));
                            break;
                        }
                        Err(StoreError::Conflict { current, .. }) => {
                            assert!(current > expected);
                            conflicts += 1;
                        }
                        Err(other) => panic!("writer {w}: {other}"),
                    }
                }
            }
            (acked, conflicts)
        }));
    }
    let mut acked = HashMap::new();
    let mut conflicts = 0;
    for writer in writers {
        let (mine, theirs) = writer.await.unwrap();
        conflicts += theirs;
        for (seq, description) in mine {
            assert!(
                acked.insert(seq, description).is_none(),
                "seq {seq} acknowledged twice"
            );
        }
    }
    assert_eq!(acked.len(), 96);
    let loaded = store.load(&client, &id("pkh-8")).await.unwrap();
    assert_eq!(loaded.last_seq(), 4 + 96);
    // Every acknowledged need is there exactly once, at the seq it was acknowledged with.
    let descriptions: Vec<&str> = loaded
        .needs()
        .iter()
        .map(|n| n.description.as_str())
        .collect();
    for (seq, description) in &acked {
        assert_eq!(
            descriptions.iter().filter(|d| **d == description).count(),
            1
        );
        let at_seq = store.read_from(&client, &id("pkh-8"), *seq).await.unwrap();
        assert!(
            matches!(&at_seq[0].event, pendamping::Event::NeedRecorded { need } if need.description == *description)
        );
    }
    let mut file = Vec::new();
    store
        .export(&client, &id("pkh-8"), &mut file)
        .await
        .unwrap();
    let verified = journal::verify(file.as_slice(), &JournalOptions::default()).unwrap();
    assert_eq!(verified.lines, 100);
    eprintln!("8 writers: 96 appends acknowledged, {conflicts} conflicts retried");
    support::drop_schema(&client, &store).await;
}

#[tokio::test]
async fn a_row_edited_in_sql_is_found_and_located() {
    let mut client = server!();
    let store = support::fresh(&mut client, "edited").await;
    let mut e = small("pkh-5");
    store
        .append(&client, &id("pkh-5"), 0, &e.take_pending())
        .await
        .unwrap();
    let table = format!("{}.journal_line", store.schema());
    let edit =
        |sql: &str| format!("UPDATE {table} SET {sql} WHERE engagement_id = 'pkh-5' AND seq = 3");

    client
        .batch_execute(&edit(
            "line = convert_to(replace(convert_from(line, 'UTF8'), 'need 2', 'need X'), 'UTF8')",
        ))
        .await
        .unwrap();
    let err = store.load(&client, &id("pkh-5")).await.unwrap_err();
    assert!(
        matches!(
            &err,
            StoreError::Journal {
                source: JournalError::Line {
                    line: 3,
                    kind: LineErrorKind::HashMismatch { .. }
                },
                ..
            }
        ),
        "{err}"
    );
    assert_eq!(err.to_string(), "the journal of engagement pkh-5");
    let source = std::error::Error::source(&err).unwrap().to_string();
    assert!(source.starts_with("journal line 3: "), "{source}");
    let mut out = Vec::new();
    assert!(store.export(&client, &id("pkh-5"), &mut out).await.is_err());

    // Not a journal line at all.
    client
        .batch_execute(&edit("line = 'not a line'::bytea"))
        .await
        .unwrap();
    let err = store.load(&client, &id("pkh-5")).await.unwrap_err();
    assert!(
        matches!(
            &err,
            StoreError::Journal {
                source: JournalError::Line {
                    line: 3,
                    kind: LineErrorKind::Malformed { .. }
                },
                ..
            }
        ),
        "{err}"
    );
    support::drop_schema(&client, &store).await;
}

#[tokio::test]
async fn rows_deleted_at_the_end_or_renumbered_are_found() {
    let mut client = server!();
    let store = support::fresh(&mut client, "deleted").await;
    let mut e = small("pkh-6");
    store
        .append(&client, &id("pkh-6"), 0, &e.take_pending())
        .await
        .unwrap();
    let table = format!("{}.journal_line", store.schema());
    client
        .batch_execute(&format!("UPDATE {table} SET seq = 40 WHERE seq = 4"))
        .await
        .unwrap();
    let err = store.load(&client, &id("pkh-6")).await.unwrap_err();
    assert_eq!(
        err.to_string(),
        "engagement pkh-6: the row with seq 40 holds the line of seq 4"
    );
    client
        .batch_execute(&format!("DELETE FROM {table} WHERE seq = 40"))
        .await
        .unwrap();
    let err = store.load(&client, &id("pkh-6")).await.unwrap_err();
    assert_eq!(
        err.to_string(),
        "engagement pkh-6: the summary records 4 events but the journal rows end at seq 3"
    );
    support::drop_schema(&client, &store).await;
}

#[tokio::test]
async fn export_verify_import_is_byte_identical() {
    let mut client = server!();
    let store = support::fresh(&mut client, "export").await;
    // A journal file written by the crate's own journal.
    let mut e = case(7);
    let mut file = Journal::new();
    file.append_pending(&mut e).unwrap();
    let bytes = file.into_bytes();

    let last = store.import(&client, bytes.as_slice()).await.unwrap();
    assert_eq!(last, e.last_seq());
    assert_eq!(store.load(&client, e.id()).await.unwrap(), e);
    let mut exported = Vec::new();
    assert_eq!(
        store.export(&client, e.id(), &mut exported).await.unwrap(),
        last
    );
    assert_eq!(exported, bytes);
    let verified = journal::verify(exported.as_slice(), &JournalOptions::default()).unwrap();
    assert_eq!(verified.engagement.as_ref(), Some(&e));

    // Into another store and out again: still the same bytes.
    let other = support::fresh(&mut client, "import").await;
    other.import(&client, exported.as_slice()).await.unwrap();
    let mut again = Vec::new();
    other.export(&client, e.id(), &mut again).await.unwrap();
    assert_eq!(again, bytes);
    // The same file twice is a conflict; a damaged file is refused whole.
    let err = other.import(&client, bytes.as_slice()).await.unwrap_err();
    assert!(
        matches!(err, StoreError::Conflict { expected: 0, .. }),
        "{err}"
    );
    let mut damaged = bytes.clone();
    let at = damaged.iter().position(|&b| b == b'n').unwrap();
    damaged[at] = b'N';
    let third = support::fresh(&mut client, "damaged").await;
    let err = third.import(&client, damaged.as_slice()).await.unwrap_err();
    assert!(
        matches!(
            err,
            StoreError::Postgres(PgError::Import(JournalError::Line { .. }))
        ),
        "{err}"
    );
    assert!(third.ids(&client).await.unwrap().is_empty());
    for s in [&store, &other, &third] {
        support::drop_schema(&client, s).await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_projection_gives_the_caseload_report() {
    let mut client = server!();
    let store = support::fresh(&mut client, "projection").await;
    let mut engagements = Vec::new();
    for i in 0..1000 {
        let mut e = case(i);
        let events = e.take_pending();
        // Some in one batch, some event by event, so both paths keep the summary.
        if i % 10 == 0 {
            for (n, event) in events.iter().enumerate() {
                store
                    .append(&client, e.id(), n as u64, std::slice::from_ref(event))
                    .await
                    .unwrap();
            }
        } else {
            store.append(&client, e.id(), 0, &events).await.unwrap();
        }
        engagements.push(e);
    }
    let at = base() + TimeDelta::days(500);
    let expected = Caseload::from_engagements(at, &engagements).report();
    let from_sql = store
        .caseload_report(&client, at, Scope::All)
        .await
        .unwrap();
    assert_eq!(from_sql, expected);
    assert!(expected.t_scores.count > 0 && expected.closed > 0 && expected.reviews_overdue > 0);

    // A subset, and an instant in the middle of the histories (some are untimed then).
    let some: Vec<EngagementId> = engagements
        .iter()
        .step_by(3)
        .map(|e| e.id().clone())
        .collect();
    let chosen: Vec<&Engagement> = engagements.iter().step_by(3).collect();
    let mid = base() + TimeDelta::days(200);
    let expected = Caseload::from_engagements(mid, chosen).report();
    assert!(expected.untimed > 0);
    assert_eq!(
        store
            .caseload_report(&client, mid, Scope::Only(&some))
            .await
            .unwrap(),
        expected
    );
    let empty = store
        .caseload_report(&client, at, Scope::Only(&[]))
        .await
        .unwrap();
    assert_eq!(empty, Caseload::new(at).report());
    support::drop_schema(&client, &store).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_killed_connection_loses_nothing_acknowledged() {
    let mut client = server!();
    let store = support::fresh(&mut client, "killed").await;
    let mut e = small("pkh-9");
    store
        .append(&client, &id("pkh-9"), 0, &e.take_pending())
        .await
        .unwrap();

    // A writer's connection is killed in the middle of its transaction.
    let mut victim = connect(&support::url()).await.unwrap();
    let pid: i32 = victim
        .query_one("SELECT pg_backend_pid()", &[])
        .await
        .unwrap()
        .get(0);
    let tx = victim.transaction().await.unwrap();
    let mut doomed = e.clone();
    doomed
        .execute(
            &worker(),
            base() + TimeDelta::days(1),
            need("never committed"),
        )
        .unwrap();
    assert_eq!(
        store
            .append(&tx, &id("pkh-9"), 4, &doomed.take_pending())
            .await
            .unwrap(),
        5
    );
    client
        .execute("SELECT pg_terminate_backend($1)", &[&pid])
        .await
        .unwrap();
    assert!(tx.commit().await.is_err());
    // The store's copy ran ahead of the database; the next append finds out.
    assert_eq!(store.load(&client, &id("pkh-9")).await.unwrap(), e);

    // Writers appending without pause while their connections are killed one after another.
    let schema = store.schema().to_owned();
    let mut acked = Vec::new();
    for round in 0..5 {
        let victim = connect(&support::url()).await.unwrap();
        let pid: i32 = victim
            .query_one("SELECT pg_backend_pid()", &[])
            .await
            .unwrap()
            .get(0);
        let schema = schema.clone();
        let writer = tokio::spawn(async move {
            let store = PgStore::open(&victim, &schema).await.unwrap();
            let mut acked = Vec::new();
            for n in 0..10_000 {
                let Ok(mut case) = store.load(&victim, &id("pkh-9")).await else {
                    break;
                };
                let expected = case.last_seq();
                let at = base() + TimeDelta::days(2);
                let description = format!("round {round} need {n}");
                case.execute(&worker(), at, need(description.clone()))
                    .unwrap();
                match store
                    .append(&victim, &id("pkh-9"), expected, &case.take_pending())
                    .await
                {
                    Ok(seq) => acked.push((seq, description)),
                    Err(e) => {
                        assert!(e.should_reload(), "{e}");
                        break;
                    }
                }
            }
            acked
        });
        tokio::time::sleep(std::time::Duration::from_millis(150)).await;
        client
            .execute("SELECT pg_terminate_backend($1)", &[&pid])
            .await
            .unwrap();
        acked.extend(writer.await.unwrap());
    }
    let loaded = store.load(&client, &id("pkh-9")).await.unwrap();
    assert!(
        acked.len() > 5,
        "the writers got {} appends in",
        acked.len()
    );
    let descriptions: Vec<&str> = loaded
        .needs()
        .iter()
        .map(|n| n.description.as_str())
        .collect();
    for (seq, description) in &acked {
        let found = descriptions.iter().filter(|d| **d == description).count();
        assert_eq!(
            found, 1,
            "acknowledged seq {seq} ({description}) found {found} times"
        );
    }
    assert!(!descriptions.contains(&"never committed"));
    let mut file = Vec::new();
    store
        .export(&client, &id("pkh-9"), &mut file)
        .await
        .unwrap();
    journal::verify(file.as_slice(), &JournalOptions::default()).unwrap();
    support::drop_schema(&client, &store).await;
}

#[tokio::test]
async fn bad_urls_schemas_and_versions_are_named() {
    let mut client = server!();
    // Nothing listens on port 1; the password stays out of the message.
    let err = connect("postgres://postgres:s3cret@127.0.0.1:1/test")
        .await
        .unwrap_err();
    let message = err.to_string();
    assert!(
        message.starts_with("cannot connect to postgres://postgres@127.0.0.1:1/test: "),
        "{message}"
    );
    assert!(!message.contains("s3cret"));
    let err = connect("postgres://[::1").await.unwrap_err();
    assert!(matches!(err, PgError::Connect { .. }), "{err}");

    let err = PgStore::open(&client, "Bad-Name").await.unwrap_err();
    assert_eq!(
        err.to_string(),
        "schema name \"Bad-Name\" is not 1-63 characters of a-z, 0-9 and _ starting with a letter or _"
    );
    client
        .batch_execute("DROP SCHEMA IF EXISTS t_empty CASCADE; CREATE SCHEMA t_empty")
        .await
        .unwrap();
    let err = PgStore::open(&client, "t_empty").await.unwrap_err();
    assert_eq!(
        err.to_string(),
        "schema \"t_empty\" holds no pendamping store: run PgStore::migrate first"
    );

    let store = support::fresh(&mut client, "version").await;
    // Migrating again changes nothing.
    assert_eq!(
        PgStore::migrate(&mut client, store.schema()).await.unwrap(),
        SCHEMA_VERSION
    );
    client
        .batch_execute(&format!(
            "UPDATE {}.schema_version SET version = 2",
            store.schema()
        ))
        .await
        .unwrap();
    let err = PgStore::open(&client, store.schema()).await.unwrap_err();
    assert_eq!(
        err.to_string(),
        format!(
            "schema \"{}\" holds store version 2, this crate reads version 1",
            store.schema()
        )
    );
    let err = PgStore::migrate(&mut client, store.schema())
        .await
        .unwrap_err();
    assert!(
        matches!(
            err,
            PgError::SchemaVersion {
                found: 2,
                expected: 1,
                ..
            }
        ),
        "{err}"
    );
    let err = store.load(&client, &id("nobody")).await.unwrap_err();
    assert!(matches!(err, StoreError::NotFound(_)), "{err}");
    client.batch_execute("DROP SCHEMA t_empty").await.unwrap();
    support::drop_schema(&client, &store).await;
}

#[test]
fn the_store_and_its_errors_cross_threads() {
    fn shared<T: Send + Sync>() {}
    shared::<PgStore>();
    shared::<PgError>();
    shared::<Scope<'static>>();
}
