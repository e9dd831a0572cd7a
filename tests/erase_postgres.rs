//! Issue 12: an erasure carried out on PostgreSQL rows (`PENDAMPING_PG_URL`, by default the
//! development and CI machines' server); skipped, saying why, without a server outside CI.
#![cfg(feature = "postgres")]

#[path = "postgres/cases.rs"]
mod cases;
#[macro_use]
#[path = "postgres/support.rs"]
mod support;

use chrono::TimeDelta;
use pendamping::journal::{self, JournalOptions};
use pendamping::protect::{Authenticity, Key, Keyring};
use pendamping::{ActorKind, Command, ErasureTarget, Permission, Policy};

use cases::{base, need, open, worker};

#[tokio::test]
async fn an_erasure_leaves_nothing_of_the_text_in_the_rows_which_still_verify() {
    let mut client = server!();
    let keys = || Keyring::new(Key::new("k1", &[9; 32]).unwrap());
    let store = support::fresh(&mut client, "erase")
        .await
        .with_options(JournalOptions::default().with_erasable(true))
        .with_keyring(keys());
    let mut policy = Policy::default();
    policy.grants = vec![(ActorKind::SocialWorker, Permission::Erase)];
    let mut e = open("pkh-erase", base(), policy);
    e.execute(
        &worker(),
        base() + TimeDelta::hours(1),
        need("Owes the moneylender, debts growing"),
    )
    .unwrap();
    let events = e.take_pending();
    store.append(&client, e.id(), 0, &events).await.unwrap();
    e.execute(
        &worker(),
        base() + TimeDelta::hours(2),
        Command::Erase {
            target: ErasureTarget::Person("c:ibu-sari".parse().unwrap()),
            reason: "Her request".into(),
        },
    )
    .unwrap();
    let events = e.take_pending();
    store.append(&client, e.id(), 2, &events).await.unwrap();

    // No row holds her name any more, searched in the bytes of every row.
    let rows = client
        .query(
            &format!(
                "SELECT line FROM {}.journal_line WHERE engagement_id = 'pkh-erase' ORDER BY seq",
                store.schema()
            ),
            &[],
        )
        .await
        .unwrap();
    let mut file = Vec::new();
    for row in &rows {
        let line: Vec<u8> = row.get(0);
        assert!(!line.windows(8).any(|w| w == b"Ibu Sari"));
        file.extend_from_slice(&line);
        file.push(b'\n');
    }
    // The text about her that is a record's, not hers, stays.
    assert!(file.windows(5).any(|w| w == b"debts"));
    // The rows verify line by line and load to the live state, from the rows and as a file.
    assert_eq!(
        journal::load(file.as_slice(), &JournalOptions::default()).unwrap(),
        e
    );
    let fresh = pendamping::store::postgres::PgStore::open(&client, store.schema())
        .await
        .unwrap()
        .with_keyring(keys());
    assert_eq!(fresh.load(&client, e.id()).await.unwrap(), e);
    // The seals cover the hashed part only: the erased rows' seals still check, to the head.
    let head = store.head(e.id()).unwrap();
    let (checked, authenticity) = fresh.check(&client, e.id(), &head).await.unwrap();
    assert_eq!(checked, e);
    assert!(matches!(authenticity, Authenticity::Authentic { .. }));
    // Carrying it out again changes nothing.
    assert_eq!(store.erase_rows(&client, e.id(), &e).await.unwrap(), 0);
    support::drop_schema(&client, &store).await;
}
