//! The PostgreSQL store opened with a keyring, against a real server (`PENDAMPING_PG_URL`, by
//! default 127.0.0.1:5432): rows sealed in the statement that writes them, a re-hashed forgery
//! named by its row, heads checked; without the key, the chain only, and the answer says so.
#![cfg(feature = "postgres")]

#[path = "postgres/cases.rs"]
mod cases;
#[macro_use]
#[path = "postgres/support.rs"]
mod support;

use pendamping::journal::{Chain, JournalOptions, Reader};
use pendamping::protect::{AuthError, Authenticity, Key, Keyring};
use pendamping::store::StoreError;
use pendamping::store::postgres::PgStore;
use pendamping::{Engagement, EngagementId, Recorded};
use tokio_postgres::Client;

use cases::{id, need, small, worker};

fn keys() -> Keyring {
    Keyring::new(Key::new("pkh-2026-03", &[0x5a; 32]).unwrap())
}

async fn keyed(client: &Client, store: &PgStore) -> PgStore {
    PgStore::open(client, store.schema())
        .await
        .unwrap()
        .with_keyring(keys())
}

/// Appends the engagement's pending events after `expected`.
async fn append(store: &PgStore, client: &Client, e: &mut Engagement, expected: u64) -> u64 {
    let events = e.take_pending();
    let id = e.id().clone();
    store.append(client, &id, expected, &events).await.unwrap()
}

/// Stores the small case `name` and one more need through `store`; returns the rows' count.
async fn stored(store: &PgStore, client: &Client, name: &str) -> u64 {
    let mut e = small(name);
    append(store, client, &mut e, 0).await;
    let at = e.last_at();
    e.execute(&worker(), at, need("A fifth line")).unwrap();
    append(store, client, &mut e, 4).await
}

async fn count(client: &Client, store: &PgStore, table: &str) -> i64 {
    let sql = format!("SELECT count(*) FROM {}.{table}", store.schema());
    client.query_one(&sql, &[]).await.unwrap().get(0)
}

fn messages(err: &StoreError) -> String {
    let source = std::error::Error::source(err).map_or(String::new(), |s| format!(": {s}"));
    format!("{err}{source}")
}

/// Rewrites the rows of `engagement` from row 3 on as someone with SQL access but no key
/// would: an event changed, every hash after it recomputed.
async fn forge(client: &Client, store: &PgStore, engagement: &EngagementId) {
    let mut bytes = Vec::new();
    store.export(client, engagement, &mut bytes).await.unwrap();
    let mut events: Vec<Recorded> = Reader::new(bytes.as_slice(), &JournalOptions::default())
        .map(Result::unwrap)
        .collect();
    events[2].at += chrono::TimeDelta::seconds(1);
    let mut chain = Chain::new(engagement.clone());
    let sql = format!(
        "UPDATE {}.journal_line SET line = $1 WHERE engagement_id = $2 AND seq = $3",
        store.schema()
    );
    for event in &events {
        let line = chain.encode(event).unwrap();
        let seq = i64::try_from(line.seq).unwrap();
        client
            .execute(&sql, &[&line.bytes, &engagement.as_str(), &seq])
            .await
            .unwrap();
    }
}

#[tokio::test]
async fn rows_are_sealed_with_the_rows_and_check_with_the_head() {
    let mut client = server!();
    let plain = support::fresh(&mut client, "keys_ok").await;
    let store = keyed(&client, &plain).await;
    assert_eq!(stored(&store, &client, "pkh-k1").await, 5);
    assert_eq!(count(&client, &store, "journal_seal").await, 5);
    let head = store.head(&id("pkh-k1")).unwrap();
    assert_eq!(head.seq, 5);

    let fresh = keyed(&client, &plain).await;
    let (loaded, authenticity) = fresh.check(&client, &id("pkh-k1"), &head).await.unwrap();
    assert_eq!(loaded.last_seq(), 5);
    assert_eq!(authenticity, Authenticity::Authentic { head: head.clone() });
    // Without the key: the chain only, and it says so.
    let (_, authenticity) = plain.check(&client, &id("pkh-k1"), &head).await.unwrap();
    assert_eq!(authenticity, Authenticity::NotChecked);

    // A stale append writes neither rows nor seals.
    let mut stale = small("pkh-k1");
    let events = stale.take_pending();
    let err = fresh
        .append(&client, &id("pkh-k1"), 0, &events)
        .await
        .unwrap_err();
    assert!(
        matches!(err, StoreError::Conflict { current: 5, .. }),
        "{err}"
    );
    assert_eq!(count(&client, &store, "journal_seal").await, 5);
    assert_eq!(count(&client, &store, "journal_line").await, 5);

    // A head from before the last append: the rows go on past it.
    let mut early = small("pkh-k2");
    append(&store, &client, &mut early, 0).await;
    let old = store.head(&id("pkh-k2")).unwrap();
    let at = early.last_at();
    early.execute(&worker(), at, need("Later")).unwrap();
    append(&store, &client, &mut early, 4).await;
    assert_eq!(
        messages(&fresh.check(&client, &id("pkh-k2"), &old).await.unwrap_err()),
        "engagement pkh-k2 could not be shown authentic: the journal has 5 lines, past its head \
         at line 4: lines were added after the head"
    );
    support::drop_schema(&client, &store).await;
}

#[tokio::test]
async fn a_rehashed_forgery_in_sql_is_named_by_its_row() {
    let mut client = server!();
    let plain = support::fresh(&mut client, "keys_forged").await;
    let store = keyed(&client, &plain).await;
    stored(&store, &client, "pkh-k3").await;
    let head = store.head(&id("pkh-k3")).unwrap();
    forge(&client, &plain, &id("pkh-k3")).await;

    // Without the key the forged rows load: the chain verifies.
    let unkeyed = PgStore::open(&client, plain.schema()).await.unwrap();
    assert_eq!(
        unkeyed
            .load(&client, &id("pkh-k3"))
            .await
            .unwrap()
            .last_seq(),
        5
    );
    let fresh = keyed(&client, &plain).await;
    let err = fresh.load(&client, &id("pkh-k3")).await.unwrap_err();
    assert_eq!(
        messages(&err),
        "engagement pkh-k3 could not be shown authentic: journal line 3 is not the one key \
         pkh-2026-03 sealed: it was changed or re-hashed"
    );
    assert!(matches!(
        err,
        StoreError::Auth {
            source: AuthError::Forged { line: 3, .. },
            ..
        }
    ));
    assert!(fresh.check(&client, &id("pkh-k3"), &head).await.is_err());
    support::drop_schema(&client, &store).await;
}

#[tokio::test]
async fn an_imported_journal_is_sealed_as_it_goes_in() {
    let mut client = server!();
    let plain = support::fresh(&mut client, "keys_import").await;
    stored(&plain, &client, "pkh-k5").await;
    let mut file = Vec::new();
    plain
        .export(&client, &id("pkh-k5"), &mut file)
        .await
        .unwrap();
    let other = support::fresh(&mut client, "keys_import_to").await;
    let store = keyed(&client, &other).await;
    assert_eq!(store.import(&client, file.as_slice()).await.unwrap(), 5);
    assert_eq!(count(&client, &store, "journal_seal").await, 5);
    let head = store.head(&id("pkh-k5")).unwrap();
    let (_, authenticity) = store.check(&client, &id("pkh-k5"), &head).await.unwrap();
    assert!(matches!(authenticity, Authenticity::Authentic { .. }));
    support::drop_schema(&client, &plain).await;
    support::drop_schema(&client, &store).await;
}

#[tokio::test]
async fn rows_written_without_a_key_are_unsealed() {
    let mut client = server!();
    let plain = support::fresh(&mut client, "keys_unsealed").await;
    stored(&plain, &client, "pkh-k4").await;
    assert!(plain.head(&id("pkh-k4")).is_none());
    let store = keyed(&client, &plain).await;
    assert_eq!(
        messages(&store.load(&client, &id("pkh-k4")).await.unwrap_err()),
        "engagement pkh-k4 could not be shown authentic: journal line 1 has no seal"
    );
    support::drop_schema(&client, &store).await;
}
