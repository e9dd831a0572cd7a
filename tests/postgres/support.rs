//! The server the tests run against, a fresh schema per test, and the skip rule.
#![allow(dead_code, reason = "shared by two test files, each using a part")]

use std::io::Write as _;
use std::sync::atomic::{AtomicUsize, Ordering};

use pendamping::Engagement;
use pendamping::store::postgres::{PgStore, connect};
use tokio_postgres::Client;

/// Where the server is: `PENDAMPING_PG_URL`, or the development and CI machines' server.
pub(crate) fn url() -> String {
    std::env::var("PENDAMPING_PG_URL")
        .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/test".to_owned())
}

/// A connection, or `None` (after saying why) when there is no server and this is not CI. In
/// CI (`CI` set) a missing server fails the test.
pub(crate) async fn client() -> Option<Client> {
    match connect(&url()).await {
        Ok(client) => Some(client),
        Err(e) if std::env::var_os("CI").is_some() => {
            panic!("CI is set but the PostgreSQL server is not there: {e}")
        }
        Err(e) => {
            // Straight to stderr: the test harness would hide `eprintln!` of a passing test.
            let _ = writeln!(
                std::io::stderr(),
                "skipped: {e} (start PostgreSQL, or set PENDAMPING_PG_URL; `.ci/run` starts it)"
            );
            None
        }
    }
}

static SCHEMAS: AtomicUsize = AtomicUsize::new(0);

/// A new, empty schema for one test, so tests run in parallel, and the store in it.
pub(crate) async fn fresh(client: &mut Client, test: &str) -> PgStore {
    let n = SCHEMAS.fetch_add(1, Ordering::Relaxed);
    let schema = format!("t_{test}_{}_{n}", std::process::id());
    client
        .batch_execute(&format!("DROP SCHEMA IF EXISTS {schema} CASCADE"))
        .await
        .unwrap();
    assert_eq!(PgStore::migrate(client, &schema).await.unwrap(), 0);
    PgStore::open(&*client, &schema).await.unwrap()
}

/// Drops a test's schema once it passed (a failed test leaves it to look at).
pub(crate) async fn drop_schema(client: &Client, store: &PgStore) {
    client
        .batch_execute(&format!("DROP SCHEMA {} CASCADE", store.schema()))
        .await
        .unwrap();
}

/// The small engagement `name` (an opening and three needs), stored.
pub(crate) async fn stored(store: &PgStore, client: &Client, name: &str) -> Engagement {
    let mut e = crate::cases::small(name);
    let events = e.take_pending();
    let seq = store.append(client, e.id(), 0, &events).await.unwrap();
    assert_eq!(seq, 4);
    e
}

/// Connects, or returns from the test after saying it was skipped.
macro_rules! server {
    () => {
        match support::client().await {
            Some(client) => client,
            None => return,
        }
    };
}
