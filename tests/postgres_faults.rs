//! The PostgreSQL store under faults, against a real server: rows edited or deleted in SQL,
//! connections killed mid-transaction, URLs that do not connect, schemas of another version.
//! The server is `PENDAMPING_PG_URL`, by default the development and CI machines' server at
//! 127.0.0.1:5432. Without a server each test says it
//! was skipped and why; with `CI` set a missing server fails.
#![cfg(feature = "postgres")]

#[path = "postgres/cases.rs"]
mod cases;
#[macro_use]
#[path = "postgres/support.rs"]
mod support;

use chrono::TimeDelta;
use pendamping::caseload::Caseload;
use pendamping::journal::{self, JournalOptions};
use pendamping::store::StoreError;
use pendamping::store::postgres::{PgError, PgStore, SCHEMA_VERSION, Scope, connect};
use pendamping::{JournalError, LineErrorKind};

use cases::{base, id, need, worker};

#[tokio::test]
async fn a_row_edited_in_sql_is_found_and_located() {
    let mut client = server!();
    let store = support::fresh(&mut client, "edited").await;
    support::stored(&store, &client, "pkh-5").await;
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
async fn a_row_copied_from_another_engagement_or_a_lost_summary_is_found() {
    let mut client = server!();
    let store = support::fresh(&mut client, "copied").await;
    let a = support::stored(&store, &client, "pkh-a").await;
    support::stored(&store, &client, "pkh-b").await;
    let schema = store.schema();
    client
        .batch_execute(&format!(
            "UPDATE {schema}.journal_line SET line = (SELECT line FROM {schema}.journal_line \
             WHERE engagement_id = 'pkh-a' AND seq = 2) WHERE engagement_id = 'pkh-b' AND seq = 2"
        ))
        .await
        .unwrap();
    let err = store.load(&client, &id("pkh-b")).await.unwrap_err();
    assert!(
        matches!(
            &err,
            StoreError::Journal {
                source: JournalError::Line {
                    line: 2,
                    kind: LineErrorKind::BrokenChain { .. }
                },
                ..
            }
        ),
        "{err:?}"
    );
    client
        .batch_execute(&format!(
            "DELETE FROM {schema}.engagement_summary WHERE engagement_id = 'pkh-a'"
        ))
        .await
        .unwrap();
    let err = store.load(&client, &id("pkh-a")).await.unwrap_err();
    assert_eq!(
        err.to_string(),
        "engagement pkh-a has 4 journal rows but no summary row: PgStore::rebuild_summary rebuilds it"
    );
    // The repair: the summary rebuilt from the rows, and the engagement counted again.
    assert_eq!(
        store.rebuild_summary(&client, &id("pkh-a")).await.unwrap(),
        4
    );
    assert_eq!(store.load(&client, &id("pkh-a")).await.unwrap(), a);
    let at = base() + TimeDelta::days(30);
    let only = [id("pkh-a")];
    let report = store
        .caseload_report(&client, at, Scope::Only(&only))
        .await
        .unwrap();
    assert_eq!(report, Caseload::from_engagements(at, [&a]).report());
    // A rebuild never takes a summary back: it is a no-op on an up-to-date row.
    assert_eq!(
        store.rebuild_summary(&client, &id("pkh-a")).await.unwrap(),
        4
    );
    // The damaged engagement is not rebuilt over its damage.
    assert!(store.rebuild_summary(&client, &id("pkh-b")).await.is_err());
    support::drop_schema(&client, &store).await;
}

#[tokio::test]
async fn rows_deleted_at_the_end_or_renumbered_are_found() {
    let mut client = server!();
    let store = support::fresh(&mut client, "deleted").await;
    support::stored(&store, &client, "pkh-6").await;
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

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_killed_connection_loses_nothing_acknowledged() {
    let mut client = server!();
    let store = support::fresh(&mut client, "killed").await;
    let e = support::stored(&store, &client, "pkh-9").await;

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
    // The store's copy ran ahead of the database; the database refuses what follows it.
    let mut ahead = doomed.clone();
    let at = base() + TimeDelta::days(1);
    ahead
        .execute(&worker(), at, need("after the lost one"))
        .unwrap();
    let err = store
        .append(&client, &id("pkh-9"), 5, &ahead.take_pending())
        .await
        .unwrap_err();
    assert!(
        matches!(
            err,
            StoreError::Conflict {
                expected: 5,
                current: 4,
                ..
            }
        ),
        "{err}"
    );
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
    let empty = format!("t_empty_{}", std::process::id());
    client
        .batch_execute(&format!(
            "DROP SCHEMA IF EXISTS {empty} CASCADE; CREATE SCHEMA {empty}"
        ))
        .await
        .unwrap();
    let err = PgStore::open(&client, &empty).await.unwrap_err();
    assert_eq!(
        err.to_string(),
        format!("schema \"{empty}\" holds no pendamping store: run PgStore::migrate first")
    );

    let store = support::fresh(&mut client, "version").await;
    // Migrating again changes nothing.
    assert_eq!(
        PgStore::migrate(&mut client, store.schema()).await.unwrap(),
        SCHEMA_VERSION
    );
    client
        .batch_execute(&format!(
            "UPDATE {}.schema_version SET version = 3",
            store.schema()
        ))
        .await
        .unwrap();
    let err = PgStore::open(&client, store.schema()).await.unwrap_err();
    assert_eq!(
        err.to_string(),
        format!(
            "schema \"{}\" holds store version 3, this crate reads version 2",
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
                found: 3,
                expected: 2,
                ..
            }
        ),
        "{err}"
    );
    let err = store.load(&client, &id("nobody")).await.unwrap_err();
    assert!(matches!(err, StoreError::NotFound(_)), "{err}");
    client
        .batch_execute(&format!("DROP SCHEMA {empty}"))
        .await
        .unwrap();
    support::drop_schema(&client, &store).await;
}

#[tokio::test]
async fn a_summary_row_edited_in_sql_is_named_by_its_column() {
    let mut client = server!();
    let store = support::fresh(&mut client, "summary_edited").await;
    support::stored(&store, &client, "pkh-6").await;
    let edit = |sql: &str| {
        format!(
            "UPDATE {}.engagement_summary SET {sql} WHERE engagement_id = 'pkh-6'",
            store.schema()
        )
    };
    let cases = [
        (
            "stage = 'resting'",
            "engagement pkh-6: summary column status holds active resting, which no summary has",
        ),
        (
            "activities_by_role = '{1,-2,0,0,0}'",
            "engagement pkh-6: summary column activities_by_role holds [1, -2, 0, 0, 0], which no summary has",
        ),
    ];
    for (sql, message) in cases {
        client.batch_execute(&edit(sql)).await.unwrap();
        let err = store.summary(&client, &id("pkh-6")).await.unwrap_err();
        assert!(
            matches!(&err, StoreError::Postgres(PgError::BadSummary { .. })),
            "{err:?}"
        );
        assert_eq!(err.to_string(), message);
        // The repair puts back the summary the rows replay to.
        store.rebuild_summary(&client, &id("pkh-6")).await.unwrap();
        let loaded = store.load(&client, &id("pkh-6")).await.unwrap();
        assert_eq!(
            store.summary(&client, &id("pkh-6")).await.unwrap(),
            pendamping::caseload::EngagementSummary::of(&loaded)
        );
    }
    // The table's own checks refuse what its columns cannot mean.
    for sql in [
        "stage_spent_ns = '{1,2,3,4,5,6}'",
        "needs = -1",
        "stage = NULL",
    ] {
        let err = client.batch_execute(&edit(sql)).await.unwrap_err();
        let check = tokio_postgres::error::SqlState::CHECK_VIOLATION;
        assert_eq!(err.code(), Some(&check), "{sql}: {err:?}");
    }
    support::drop_schema(&client, &store).await;
}
