//! PostgreSQL as the store (feature `postgres`): each engagement's journal as rows, and a
//! summary row per engagement from which the caseload report is one SQL query.
//!
//! **The rows.** Table `journal_line` holds one row per event: the journal line's exact bytes
//! (`line`, without its LF), plus copies for querying: `engagement_id`, `seq`, `at`,
//! `event_type`, `actor_id`, `actor_kind`. An engagement's rows in `seq` order, each followed by
//! LF, *are* its journal file ([`PgStore::export`]), which [`journal::verify`] accepts; a journal
//! file goes in unchanged with [`PgStore::import`]. Reading verifies every row against the one
//! before (the hash chain) and replays it, so a row edited in SQL is found and named by its
//! engagement and seq ([`StoreError::Journal`]); rows deleted at the end are found by the summary's
//! count ([`PgError::MissingRows`]). The query columns are written from the line and are not
//! the record: reading uses `seq` and `line` only.
//!
//! **Appends** take the app's own client or transaction (any [`GenericClient`]), so the app can
//! update its read models in the same transaction. Each event is first checked on the store's
//! copy of the engagement (the rulebook check replay runs on each event), then the rows and
//! the summary are written by one statement, a call of the schema's function `append_lines`
//! (whose plans the server keeps per session): on a plain client that statement is its own
//! transaction, so there is never half an append. The function moves the summary's `last_seq`
//! from the seq the caller expected; when another writer got there first it writes nothing and
//! the append returns [`StoreError::Conflict`] with the current seq, leaving the caller's
//! transaction usable. `PRIMARY KEY (engagement_id, seq)` guarantees no seq is ever stored
//! twice even if the summary were bypassed.
//!
//! **The summary projection**, table `engagement_summary`, one row per engagement written in
//! the same statement as its rows: its [`EngagementSummary`] (status, stage, when the status
//! began and the stage was entered, next review, last event time, the time spent in each
//! stage, counts of needs, open needs, goals, referrals in flight and evaluations, activities
//! per role and per function, and the latest GAS T-score) and its last seq. Nothing in it names
//! a person. [`PgStore::summary`] reads a row back as the summary
//! [`EngagementSummary::of`] makes of the engagement; [`PgStore::caseload_report`] sums the
//! rows up for any set of engagements in one statement, with the same numbers as
//! [`Caseload::report`](crate::caseload::Caseload::report). Times there are PostgreSQL
//! timestamps (microseconds): rows and reports match the in-memory ones exactly for event times
//! in whole microseconds (the journal line keeps finer digits as written).
//!
//! **Scaling out.** The schema distributes unchanged on Citus: every table that holds
//! engagement data has `engagement_id` as the first column of its primary key, nothing refers
//! across engagements (no sequence, no foreign key), and every statement of an append or a
//! load filters on one engagement id, so Citus can route it to the node that holds that
//! engagement's rows. Distribute `journal_line` and `engagement_summary` by `engagement_id`,
//! co-located, and make `schema_version` a reference table (the commands are at the top of
//! [`MIGRATIONS`]' SQL file); the report query's aggregates then run on each node's share.
//! (The crate's tests run on plain PostgreSQL; no Citus cluster is tested here.)
//!
//! **Keyed authenticity.** A store opened [`with_keyring`](PgStore::with_keyring) writes each
//! row's seal (see [`protect`](crate::protect)) to table `journal_seal` in the same statement
//! as the row, and checks every row's seal whenever it reads rows: a row re-hashed in SQL by
//! someone without the key is named by its seq ([`StoreError::Auth`]), and
//! [`PgStore::check`] with the head the app kept also finds rows cut from the end.
//!
//! **The schema** is SQL shipped with the crate ([`MIGRATIONS`]), applied by
//! [`PgStore::migrate`] into a schema of the app's choosing, with its version in table
//! `schema_version`; [`PgStore::open`] refuses a schema of another version
//! ([`PgError::SchemaVersion`]).
//!
//! The app's loop, with a retry on a conflict:
//!
//! ```no_run
//! use chrono::Utc;
//! use pendamping::store::StoreError;
//! use pendamping::store::postgres::{PgStore, connect};
//! use pendamping::{Actor, ActorKind, Command, EngagementId};
//!
//! # async fn run() -> Result<(), Box<dyn std::error::Error>> {
//! let mut client = connect("postgres://postgres@127.0.0.1:5432/test").await?;
//! PgStore::migrate(&mut client, "pendamping").await?;
//! let store = PgStore::open(&client, "pendamping").await?;
//! let id = EngagementId::new("pkh-0142")?;
//! let worker = Actor::new("w:siti", ActorKind::SocialWorker)?;
//! loop {
//!     let mut case = store.load(&client, &id).await?;
//!     let expected = case.last_seq();
//!     case.execute(&worker, Utc::now(), Command::Close)?;
//!     let tx = client.transaction().await?;
//!     match store.append(&tx, &id, expected, &case.take_pending()).await {
//!         // ... update the app's own tables in `tx` here ...
//!         Ok(_) => break tx.commit().await?,
//!         // Someone else wrote first: drop `case`, reload and decide again.
//!         Err(StoreError::Conflict { .. }) => continue,
//!         Err(e) => return Err(e.into()),
//!     }
//! }
//! # Ok(()) }
//! ```

mod connect;
mod error;
mod report;
mod rows;
mod schema;
mod sealed;
mod summary;

use std::collections::HashMap;
use std::io::{BufRead, Write};
use std::sync::{Mutex, PoisonError};

use chrono::{DateTime, Utc};
use tokio_postgres::GenericClient;
use tokio_postgres::types::Type;

pub use connect::{connect, connect_with};
pub use error::{PgError, redact};
pub use report::Scope;
pub use schema::{MIGRATIONS, SCHEMA_VERSION};

use crate::caseload::{CaseloadReport, EngagementSummary};
use crate::journal::{self, Chain, JournalOptions};
use crate::protect::Keyring;
use crate::store::StoreError;
use crate::{Engagement, EngagementId, Event, JournalError, LineErrorKind, Recorded};
use rows::{Batch, Statements, Stream, SummaryNeed};
use schema::SchemaName;
use summary::SummaryRow;

/// How many engagements a store keeps its checked copy of between appends; past that it
/// forgets one and reloads it from the rows when it is next appended to.
const KEPT: usize = 1024;

/// The PostgreSQL store of one schema. Cheap to share between tasks (`Send + Sync`): the
/// connection is the app's, passed to each call.
///
/// It keeps, for the engagements it loaded or appended to lately, the engagement as its rows
/// replay and the chain's end, so that an append checks its events without reading the rows
/// again. That copy is only used when the caller's expected seq matches it, and is dropped on
/// any failure; the database decides every conflict, so a copy that is stale (an app
/// transaction rolled back after an append) cannot let a wrong append through.
#[derive(Debug)]
pub struct PgStore {
    schema: SchemaName,
    statements: Statements,
    options: JournalOptions,
    kept: Mutex<HashMap<EngagementId, Stream>>,
    /// The keys rows are sealed and checked with, when the store was opened with them.
    keyring: Option<Keyring>,
}

impl PgStore {
    /// Creates the store's tables in `schema` (creating the schema), or brings them to
    /// [`SCHEMA_VERSION`]; leaves a schema that is already there unchanged. Safe to run at
    /// every start of every app instance: it takes a lock, and runs in one transaction (a
    /// savepoint when `client` is a transaction). Returns the version found before (0 for none).
    ///
    /// # Errors
    ///
    /// [`PgError::SchemaName`] for a name that is not a plain lowercase identifier,
    /// [`PgError::SchemaVersion`] when the schema is at a later version than this crate's,
    /// [`PgError::Query`] when a statement fails (nothing is changed then).
    pub async fn migrate(client: &mut impl GenericClient, schema: &str) -> Result<i32, PgError> {
        schema::migrate(client, &SchemaName::new(schema)?).await
    }

    /// The store in `schema`, after checking the schema is at [`SCHEMA_VERSION`].
    ///
    /// # Errors
    ///
    /// [`PgError::SchemaName`], [`PgError::NotMigrated`] when the schema holds no store,
    /// [`PgError::SchemaVersion`] when it holds another version, [`PgError::Query`].
    pub async fn open(client: &impl GenericClient, schema: &str) -> Result<Self, PgError> {
        let schema = SchemaName::new(schema)?;
        schema::check(client, &schema).await?;
        Ok(Self {
            statements: Statements::new(schema.as_str()),
            schema,
            options: JournalOptions::default(),
            kept: Mutex::new(HashMap::new()),
            keyring: None,
        })
    }

    /// The schema the store is in.
    #[must_use]
    pub fn schema(&self) -> &str {
        self.schema.as_str()
    }

    /// Reads, verifies and replays an engagement's rows, checking their seals with the
    /// store's keyring when it has one.
    async fn read_rows(
        &self,
        client: &impl GenericClient,
        id: &EngagementId,
        need: SummaryNeed,
    ) -> Result<Stream, StoreError> {
        rows::load(client, &self.statements, (id, self.keyring.as_ref()), need).await
    }

    fn take_kept(&self, id: &EngagementId) -> Option<Stream> {
        self.kept
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .remove(id)
    }

    fn keep(&self, id: &EngagementId, stream: Stream) {
        let mut kept = self.kept.lock().unwrap_or_else(PoisonError::into_inner);
        if kept.len() >= KEPT
            && !kept.contains_key(id)
            && let Some(old) = kept.keys().next().cloned()
        {
            kept.remove(&old);
        }
        kept.insert(id.clone(), stream);
    }

    /// Reads an engagement's rows, verifying each against the one before and replaying it.
    ///
    /// # Errors
    ///
    /// [`StoreError::NotFound`] when it has no rows; [`StoreError::Journal`] naming the first row that
    /// is not a journal line, breaks the chain or does not replay; [`PgError::MissingRows`]
    /// when rows are missing at the end; [`PgError::Query`].
    pub async fn load(
        &self,
        client: &impl GenericClient,
        id: &EngagementId,
    ) -> Result<Engagement, StoreError> {
        let stream = self.read_rows(client, id, SummaryNeed::Required).await?;
        let engagement = stream.engagement.clone();
        self.keep(id, stream);
        Ok(engagement)
    }

    /// Appends events after `expected_seq` (the seq of the last event the caller saw, 0 for a
    /// new engagement, whose first event must be its opening) and returns the new last seq.
    /// Every event is checked on the engagement first; the rows and the summary are then
    /// written by one statement in `client`, which may be the app's transaction (the append is
    /// then committed with it). An empty batch writes nothing and only checks `expected_seq`.
    ///
    /// # Errors
    ///
    /// - [`StoreError::Conflict`] with the current seq when the engagement's last seq is not
    ///   `expected_seq`: nothing is written, and `client`'s transaction is still usable.
    /// - [`StoreError::Journal`] when an event does not follow (its seq or time) or does not
    ///   fit the engagement ([`JournalError::Refused`]): nothing is
    ///   written.
    /// - [`StoreError::NotFound`] when `expected_seq` is not 0 and the engagement has no rows,
    ///   and the errors of [`load`](Self::load) when its rows had to be read.
    /// - [`PgError::Query`] when the statement fails; with a plain client nothing is written,
    ///   except when the connection was lost while committing: reload to see which.
    pub async fn append(
        &self,
        client: &impl GenericClient,
        id: &EngagementId,
        expected_seq: u64,
        events: &[Recorded],
    ) -> Result<u64, StoreError> {
        let lines: Vec<Vec<u8>> = Vec::new();
        self.write(client, id, expected_seq, events, lines).await
    }

    /// Checks `events` after the kept copy (or the rows) and writes them, with `lines` as their
    /// bytes when given (an import keeps a file's bytes) or as the chain encodes them.
    async fn write(
        &self,
        client: &impl GenericClient,
        id: &EngagementId,
        expected_seq: u64,
        events: &[Recorded],
        lines: Vec<Vec<u8>>,
    ) -> Result<u64, StoreError> {
        if events.is_empty() {
            // Nothing to write, but the caller still learns whether it is up to date.
            return match rows::last_seq(client, &self.statements, id).await? {
                None if expected_seq > 0 => Err(StoreError::NotFound(id.clone())),
                current if current.unwrap_or(0) == expected_seq => Ok(expected_seq),
                current => Err(self.conflict(id, expected_seq, current.unwrap_or(0))),
            };
        }
        let kept = self
            .take_kept(id)
            .filter(|kept| kept.chain.seq() == expected_seq);
        let mut stream = match kept {
            Some(stream) => Some(stream),
            None if expected_seq == 0 => None,
            None => {
                let stream = self.read_rows(client, id, SummaryNeed::Required).await?;
                if stream.chain.seq() != expected_seq {
                    let current = stream.chain.seq();
                    self.keep(id, stream);
                    return Err(self.conflict(id, expected_seq, current));
                }
                Some(stream)
            }
        };
        let mut chain = match stream.as_ref() {
            Some(s) => s.chain.clone(),
            None => Chain::new(id.clone()),
        };
        let mut batch = Batch::with_capacity(events.len());
        let mut given = lines.into_iter();
        let journal_error = |source| StoreError::Journal {
            engagement: id.clone(),
            source,
        };
        for recorded in events {
            let refused = |e| {
                journal_error(JournalError::Refused {
                    seq: recorded.seq,
                    kind: LineErrorKind::Replay(e),
                })
            };
            let line = match given.next() {
                Some(bytes) => {
                    chain.verify(&bytes).map_err(journal_error)?;
                    journal::Line {
                        seq: recorded.seq,
                        hash: chain.hash().to_owned(),
                        bytes,
                    }
                }
                None => chain.encode(recorded).map_err(journal_error)?,
            };
            if let Some(keys) = &self.keyring {
                batch.seal(keys.seal(id, &line));
            }
            // The chain has checked the envelope (seq, time, the opening's id); the rulebook
            // checks the event.
            match &mut stream {
                Some(s) => s.engagement.apply(recorded).map_err(refused)?,
                None => {
                    let engagement = Engagement::replay([recorded.clone()]).map_err(refused)?;
                    stream = Some(Stream {
                        engagement,
                        chain: chain.clone(),
                    });
                }
            }
            batch.push(recorded, line);
        }
        let Some(mut stream) = stream else {
            return Ok(expected_seq);
        };
        let summary = EngagementSummary::of(&stream.engagement);
        let row = SummaryRow::new(&summary, stream.engagement.last_seq());
        if batch
            .write(client, &self.statements, id, expected_seq, &row)
            .await?
        {
            stream.chain = chain;
            let seq = stream.chain.seq();
            self.keep(id, stream);
            Ok(seq)
        } else {
            let current = rows::last_seq(client, &self.statements, id)
                .await?
                .unwrap_or(0);
            Err(self.conflict(id, expected_seq, current))
        }
    }

    fn conflict(&self, id: &EngagementId, expected: u64, current: u64) -> StoreError {
        StoreError::Conflict {
            engagement: id.clone(),
            expected,
            current,
        }
    }

    /// Rebuilds an engagement's summary row from its rows (verified and replayed): the repair
    /// for [`PgError::NoSummary`], and the way to refresh every summary after an upgrade
    /// changes what it holds. A summary row newer than the rows read (an append that came in
    /// meanwhile) is left as it is. Returns the last seq of the rows.
    ///
    /// # Errors
    ///
    /// As [`load`](Self::load), except that a missing summary row is what it repairs.
    pub async fn rebuild_summary(
        &self,
        client: &impl GenericClient,
        id: &EngagementId,
    ) -> Result<u64, StoreError> {
        let stream = self.read_rows(client, id, SummaryNeed::Rebuilding).await?;
        let summary = EngagementSummary::of(&stream.engagement);
        let row = SummaryRow::new(&summary, stream.engagement.last_seq());
        let engagement = id.as_str();
        let mut params: Vec<(&(dyn tokio_postgres::types::ToSql + Sync), Type)> =
            vec![(&engagement, Type::TEXT)];
        params.extend(row.params());
        client
            .execute_typed(&self.statements.rebuild, &params)
            .await
            .map_err(PgError::query(format!(
                "rebuild the summary of engagement {id}"
            )))?;
        Ok(stream.chain.seq())
    }

    /// An engagement's summary as its row in the projection holds it: the
    /// [`EngagementSummary::of`] its rows replay to, written with its last append. An app can
    /// stream these into a [`Caseload`](crate::caseload::Caseload) with
    /// [`add_summary`](crate::caseload::Caseload::add_summary) instead of loading engagements.
    ///
    /// # Errors
    ///
    /// [`StoreError::NotFound`] when the engagement has no summary row;
    /// [`PgError::BadSummary`] naming a column that holds a value no summary has;
    /// [`PgError::Query`].
    pub async fn summary(
        &self,
        client: &impl GenericClient,
        id: &EngagementId,
    ) -> Result<EngagementSummary, StoreError> {
        let row = client
            .query_typed_opt(&self.statements.summary, &[(&id.as_str(), Type::TEXT)])
            .await
            .map_err(PgError::query(format!(
                "read the summary of engagement {id}"
            )))?
            .ok_or_else(|| StoreError::NotFound(id.clone()))?;
        Ok(summary::read(id, &row)?)
    }

    /// Every engagement id in the store, in order.
    ///
    /// # Errors
    ///
    /// [`PgError::Query`].
    pub async fn ids(&self, client: &impl GenericClient) -> Result<Vec<EngagementId>, StoreError> {
        let rows = client
            .query_typed(&self.statements.ids, &[])
            .await
            .map_err(PgError::query("list the engagements"))?;
        rows.iter()
            .map(|row| {
                let text: &str = row
                    .try_get(0)
                    .map_err(PgError::query("list the engagements"))?;
                EngagementId::new(text).map_err(|e| {
                    StoreError::from(PgError::BadId {
                        id: crate::vocab::shorten(text),
                        reason: e.to_string(),
                    })
                })
            })
            .collect()
    }

    /// The events from `from_seq` on (all of them from 0 or 1), each row verified against the
    /// one before it; the row before `from_seq` is taken as stored (a full check is
    /// [`load`](Self::load)).
    ///
    /// # Errors
    ///
    /// As [`load`](Self::load), except that the events are not replayed.
    pub async fn read_from(
        &self,
        client: &impl GenericClient,
        id: &EngagementId,
        from_seq: u64,
    ) -> Result<Vec<Recorded>, StoreError> {
        let before = from_seq.saturating_sub(1);
        let rows = client
            .query_typed(
                &self.statements.rows,
                &[
                    (&id.as_str(), Type::TEXT),
                    (&i64::try_from(before).unwrap_or(i64::MAX), Type::INT8),
                ],
            )
            .await
            .map_err(PgError::query(format!("read engagement {id}")))?;
        let mut rows = rows.iter().peekable();
        let mut chain = Chain::new(id.clone());
        if before > 0 {
            let Some(first) = rows.next() else {
                return Ok(Vec::new());
            };
            let (seq, bytes, _) = rows::columns(first, id)?;
            chain = rows::resume(id, seq, bytes)?;
        }
        let mut events = Vec::new();
        for row in rows {
            let (seq, bytes, _) = rows::columns(row, id)?;
            events.push(rows::verify_row(&mut chain, id, seq, bytes)?);
        }
        Ok(events)
    }

    /// Writes an engagement's rows to `out` as a journal file: each row's bytes followed by
    /// LF, after checking each row against the one before. Returns the number of lines.
    ///
    /// # Errors
    ///
    /// As [`load`](Self::load); [`PgError::Write`] when `out` fails.
    pub async fn export(
        &self,
        client: &impl GenericClient,
        id: &EngagementId,
        out: &mut impl Write,
    ) -> Result<u64, StoreError> {
        rows::export(client, &self.statements, (id, self.keyring.as_ref()), out).await
    }

    /// Stores a journal file (the format of [`journal`]) as a new engagement, keeping its
    /// bytes exactly: every line is verified and replayed first, and all are written in one
    /// statement. Returns the last seq.
    ///
    /// # Errors
    ///
    /// [`PgError::Import`] for a file that does not verify, is empty or cannot be read
    /// (nothing is written); [`StoreError::Conflict`] when the engagement is already stored.
    pub async fn import(
        &self,
        client: &impl GenericClient,
        input: impl BufRead,
    ) -> Result<u64, StoreError> {
        let mut input = input;
        let mut bytes = Vec::new();
        input
            .read_to_end(&mut bytes)
            .map_err(|e| PgError::Import(JournalError::Read(e)))?;
        // The reader checks every line (and that each ends with LF); the rows keep the bytes.
        let events = journal::Reader::new(bytes.as_slice(), &self.options)
            .collect::<Result<Vec<Recorded>, _>>()
            .map_err(PgError::Import)?;
        let lines: Vec<Vec<u8>> = bytes
            .split(|&b| b == b'\n')
            .take(events.len())
            .map(<[u8]>::to_vec)
            .collect();
        let Some(Event::Opened { id, .. }) = events.first().map(|r| &r.event) else {
            return Err(PgError::Import(JournalError::Empty).into());
        };
        let id = id.clone();
        self.write(client, &id, 0, &events, lines).await
    }

    /// The caseload report at `at` for the engagements in `scope`, summed up from the summary
    /// projection by one SQL statement: the same report
    /// [`Caseload::report`](crate::caseload::Caseload::report) makes from the engagements.
    ///
    /// # Errors
    ///
    /// [`PgError::Query`].
    pub async fn caseload_report(
        &self,
        client: &impl GenericClient,
        at: DateTime<Utc>,
        scope: Scope<'_>,
    ) -> Result<CaseloadReport, StoreError> {
        let ids: Option<Vec<&str>> = match scope {
            Scope::All => None,
            Scope::Only(ids) => Some(ids.iter().map(EngagementId::as_str).collect()),
        };
        let row = client
            .query_typed_one(&self.statements.report, &report::params(&at, &ids))
            .await
            .map_err(PgError::query("make the caseload report"))?;
        Ok(report::read(at, &row)?)
    }
}
