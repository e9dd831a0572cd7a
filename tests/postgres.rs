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
use pendamping::caseload::{Caseload, EngagementSummary};
use pendamping::journal::{self, Journal, JournalOptions};
use pendamping::store::StoreError;
use pendamping::store::postgres::{PgError, PgStore, Scope, connect};
use pendamping::{Engagement, EngagementId, JournalError, LineErrorKind};

use cases::{base, case, id, need, small, worker};

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

    support::stored(&store, &client, "pkh-0").await;
    assert_eq!(
        store.ids(&client).await.unwrap(),
        [id("pkh-0"), id("pkh-1")]
    );
    // An empty batch only checks the expected seq.
    assert_eq!(
        store.append(&client, &id("pkh-1"), 5, &[]).await.unwrap(),
        5
    );
    let err = store
        .append(&client, &id("pkh-1"), 4, &[])
        .await
        .unwrap_err();
    assert!(
        matches!(
            err,
            StoreError::Conflict {
                expected: 4,
                current: 5,
                ..
            }
        ),
        "{err}"
    );
    let err = store
        .append(&client, &id("pkh-7"), 2, &[])
        .await
        .unwrap_err();
    assert_eq!(err.to_string(), "no engagement pkh-7 in the store");
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
    let mut e = support::stored(&store, &client, "pkh-2").await;
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
    support::stored(&store, &client, "pkh-8").await;
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

#[tokio::test]
async fn a_summary_row_reads_back_as_the_engagements_summary() {
    let mut client = server!();
    let store = support::fresh(&mut client, "summary_row").await;
    let (mut closed, mut scored, mut held) = (0, 0, 0);
    for i in 0..60 {
        let mut e = case(i);
        let events = e.take_pending();
        // Half written in one batch, half event by event: each append rewrites the row.
        if i % 2 == 0 {
            store.append(&client, e.id(), 0, &events).await.unwrap();
        } else {
            for (n, event) in events.iter().enumerate() {
                store
                    .append(&client, e.id(), n as u64, std::slice::from_ref(event))
                    .await
                    .unwrap();
            }
        }
        let expected = EngagementSummary::of(&e);
        let from_sql = store.summary(&client, e.id()).await.unwrap();
        assert_eq!(from_sql, expected, "engagement {}", e.id());
        // The row is what the stored rows replay to, too.
        let loaded = store.load(&client, e.id()).await.unwrap();
        assert_eq!(from_sql, EngagementSummary::of(&loaded));
        closed += usize::from(expected.status == pendamping::Status::Closed);
        scored += usize::from(expected.t_score.is_some());
        held += usize::from(matches!(expected.status, pendamping::Status::OnHold(_)));
    }
    // The cases reach every kind of row the report reads.
    assert!(
        closed > 0 && scored > 0 && held > 0,
        "{closed} {scored} {held}"
    );

    // A rebuilt row is the same row.
    let first = case(0);
    store.rebuild_summary(&client, first.id()).await.unwrap();
    assert_eq!(
        store.summary(&client, first.id()).await.unwrap(),
        EngagementSummary::of(&first)
    );
    let err = store.summary(&client, &id("pkh-none")).await.unwrap_err();
    assert!(
        matches!(&err, StoreError::NotFound(e) if e.as_str() == "pkh-none"),
        "{err}"
    );
    support::drop_schema(&client, &store).await;
}

#[test]
fn the_store_and_its_errors_cross_threads() {
    fn shared<T: Send + Sync>() {}
    shared::<PgStore>();
    shared::<PgError>();
    shared::<Scope<'static>>();
}
