//! The statements that write and read journal rows, and the check of each row read.

use chrono::{DateTime, Utc};
use tokio_postgres::GenericClient;
use tokio_postgres::types::{ToSql, Type};

use super::summary::{COLUMNS, SummaryRow};
use super::{PgError, report};
use crate::journal::{Chain, Line};
use crate::protect::{self, AuthError, KeyId, Keyring, Seal};
use crate::store::StoreError;
use crate::{Engagement, EngagementId, Recorded};

/// Every statement of one store, with its schema's name in them.
#[derive(Debug)]
pub(crate) struct Statements {
    /// Adds rows after `$2` (the expected seq, 0 for a new engagement) through the schema's
    /// `append_lines`: writes nothing and returns 0 when the summary's `last_seq` is not `$2`.
    pub(crate) append: String,
    /// Every row of an engagement from `$2` on, with the summary's `last_seq`.
    pub(crate) rows: String,
    /// The summary's `last_seq`.
    pub(crate) last_seq: String,
    /// Writes a summary row rebuilt from the rows, unless the row there is newer.
    pub(crate) rebuild: String,
    /// One engagement's summary row, its columns by name.
    pub(crate) summary: String,
    /// Every engagement id.
    pub(crate) ids: String,
    /// The caseload report.
    pub(crate) report: String,
    /// `append`, and the rows' seals in the same statement when the rows were written.
    pub(crate) sealed_append: String,
    /// `rows`, each with its seal's key and tag (NULL for a row without a seal).
    pub(crate) sealed_rows: String,
}

impl Statements {
    pub(crate) fn new(schema: &str) -> Self {
        let count = 2 + COLUMNS.len() + 6;
        let params: Vec<String> = (1..=count).map(|i| format!("${i}")).collect();
        Self {
            // A CTE that calls a volatile function is evaluated once, before the insert.
            sealed_append: format!(
                "WITH appended AS (SELECT {schema}.append_lines({}) AS n) \
                 INSERT INTO {schema}.journal_seal (engagement_id, seq, key, tag) \
                 SELECT $1, s.seq, s.key, s.tag FROM appended, \
                 unnest(${}::bigint[], ${}::text[], ${}::text[]) AS s(seq, key, tag) \
                 WHERE appended.n > 0",
                params.join(", "),
                count + 1,
                count + 2,
                count + 3,
            ),
            sealed_rows: format!(
                "SELECT l.seq, l.line, (SELECT last_seq FROM {schema}.engagement_summary \
                 WHERE engagement_id = $1), s.key, s.tag FROM {schema}.journal_line l \
                 LEFT JOIN {schema}.journal_seal s \
                 ON s.engagement_id = l.engagement_id AND s.seq = l.seq \
                 WHERE l.engagement_id = $1 AND l.seq >= $2 ORDER BY l.seq"
            ),
            append: format!("SELECT {schema}.append_lines({})", params.join(", ")),
            rows: format!(
                "SELECT seq, line, (SELECT last_seq FROM {schema}.engagement_summary \
                 WHERE engagement_id = $1) FROM {schema}.journal_line \
                 WHERE engagement_id = $1 AND seq >= $2 ORDER BY seq"
            ),
            last_seq: format!(
                "SELECT last_seq FROM {schema}.engagement_summary WHERE engagement_id = $1"
            ),
            rebuild: format!(
                "INSERT INTO {schema}.engagement_summary (engagement_id, {columns}) \
                 VALUES ($1, {rebuilt}) ON CONFLICT (engagement_id) DO UPDATE SET ({columns}) = \
                 ({excluded}) WHERE {schema}.engagement_summary.last_seq <= EXCLUDED.last_seq",
                columns = COLUMNS.join(", "),
                rebuilt = (2..2 + COLUMNS.len())
                    .map(|i| format!("${i}"))
                    .collect::<Vec<_>>()
                    .join(", "),
                excluded = COLUMNS
                    .iter()
                    .map(|c| format!("EXCLUDED.{c}"))
                    .collect::<Vec<_>>()
                    .join(", "),
            ),
            summary: format!(
                "SELECT {} FROM {schema}.engagement_summary WHERE engagement_id = $1",
                COLUMNS.join(", ")
            ),
            ids: format!(
                "SELECT engagement_id FROM {schema}.engagement_summary ORDER BY engagement_id"
            ),
            report: report::sql(schema),
        }
    }
}

/// The `type` of a line's event, read from the line as this crate writes it: the event object
/// opens with its tag, and nothing before it can hold a quote (actor ids cannot).
fn event_type(line: &[u8]) -> Option<&str> {
    const OPEN: &[u8] = b"\"event\":{\"type\":\"";
    let start = line.windows(OPEN.len()).position(|w| w == OPEN)? + OPEN.len();
    let rest = line.get(start..)?;
    let len = rest.iter().position(|&b| b == b'"')?;
    std::str::from_utf8(rest.get(..len)?).ok()
}

/// The journal rows of one append, as the statement's arrays.
#[derive(Debug, Default)]
pub(crate) struct Batch {
    seqs: Vec<i64>,
    ats: Vec<DateTime<Utc>>,
    types: Vec<String>,
    actor_ids: Vec<String>,
    actor_kinds: Vec<&'static str>,
    lines: Vec<Vec<u8>>,
    /// The rows' seals, for a keyed store: (seq, key, tag) as arrays.
    seals: (Vec<i64>, Vec<String>, Vec<String>),
}

impl Batch {
    pub(crate) fn with_capacity(n: usize) -> Self {
        Self {
            seqs: Vec::with_capacity(n),
            ats: Vec::with_capacity(n),
            types: Vec::with_capacity(n),
            actor_ids: Vec::with_capacity(n),
            actor_kinds: Vec::with_capacity(n),
            lines: Vec::with_capacity(n),
            seals: Default::default(),
        }
    }

    /// Adds the seal of the row pushed last.
    pub(crate) fn seal(&mut self, seal: Seal) {
        self.seals
            .0
            .push(i64::try_from(seal.seq).unwrap_or(i64::MAX));
        self.seals.1.push(seal.key.as_str().to_owned());
        self.seals.2.push(seal.tag);
    }

    /// Adds the row of an event and its line.
    pub(crate) fn push(&mut self, recorded: &Recorded, line: Line) {
        self.seqs
            .push(i64::try_from(recorded.seq).unwrap_or(i64::MAX));
        self.ats.push(recorded.at);
        // Lines written elsewhere (an import) may order the event's members otherwise.
        let kind = event_type(&line.bytes)
            .map(str::to_owned)
            .unwrap_or_else(|| {
                serde_json::to_value(&recorded.event)
                    .ok()
                    .and_then(|v| v.get("type")?.as_str().map(str::to_owned))
                    .unwrap_or_default()
            });
        self.types.push(kind);
        self.actor_ids.push(recorded.by.id.as_str().to_owned());
        self.actor_kinds.push(recorded.by.kind.as_str());
        self.lines.push(line.bytes);
    }

    pub(crate) fn len(&self) -> usize {
        self.lines.len()
    }

    /// Writes the rows and the summary in one statement, so they are written together or not at
    /// all even outside a transaction. Returns whether they were written: `false` when the
    /// summary's `last_seq` was not `expected` (another writer was first).
    pub(crate) async fn write(
        &self,
        client: &impl GenericClient,
        statements: &Statements,
        id: &EngagementId,
        expected: u64,
        summary: &SummaryRow<'_>,
    ) -> Result<bool, StoreError> {
        let expected_seq = i64::try_from(expected).unwrap_or(i64::MAX);
        let engagement = id.as_str();
        let mut params: Vec<(&(dyn ToSql + Sync), Type)> = Vec::with_capacity(32);
        params.push((&engagement, Type::TEXT));
        params.push((&expected_seq, Type::INT8));
        params.extend(summary.params());
        params.extend([
            (&self.seqs as &(dyn ToSql + Sync), Type::INT8_ARRAY),
            (&self.ats, Type::TIMESTAMPTZ_ARRAY),
            (&self.types, Type::TEXT_ARRAY),
            (&self.actor_ids, Type::TEXT_ARRAY),
            (&self.actor_kinds, Type::TEXT_ARRAY),
            (&self.lines, Type::BYTEA_ARRAY),
        ]);
        let doing = || PgError::query(format!("append to engagement {id}"));
        if !self.seals.0.is_empty() {
            params.extend([
                (&self.seals.0 as &(dyn ToSql + Sync), Type::INT8_ARRAY),
                (&self.seals.1, Type::TEXT_ARRAY),
                (&self.seals.2, Type::TEXT_ARRAY),
            ]);
            // The seals inserted: one per row when the rows were written, none otherwise.
            let sealed = client
                .execute_typed(&statements.sealed_append, &params)
                .await
                .map_err(doing())?;
            return Ok(usize::try_from(sealed) == Ok(self.len()));
        }
        let written: i64 = client
            .query_typed_one(&statements.append, &params)
            .await
            .and_then(|row| row.try_get(0))
            .map_err(doing())?;
        // One statement: all the rows or none.
        Ok(usize::try_from(written) == Ok(self.len()))
    }
}

/// One engagement's rows as read: verified, and the engagement they replay to.
#[derive(Debug)]
pub(crate) struct Stream {
    pub(crate) engagement: Engagement,
    pub(crate) chain: Chain,
}

/// Reads every row of an engagement, verifies each against the one before and hands it to
/// `each`; checks that the rows reach the summary's `last_seq`. Returns the chain's end.
async fn walk(
    client: &impl GenericClient,
    statements: &Statements,
    (id, keys): (&EngagementId, Option<&Keyring>),
    action: &str,
    need: SummaryNeed,
    mut each: impl FnMut(Recorded, &[u8]) -> Result<(), StoreError>,
) -> Result<Chain, StoreError> {
    let statement = if keys.is_some() {
        &statements.sealed_rows
    } else {
        &statements.rows
    };
    let rows = client
        .query_typed(
            statement,
            &[(&id.as_str(), Type::TEXT), (&1_i64, Type::INT8)],
        )
        .await
        .map_err(PgError::query(format!("{action} engagement {id}")))?;
    let mut chain = Chain::new(id.clone());
    // The summary's last seq comes with every row; with no rows, it is asked for.
    let mut recorded = None;
    for row in &rows {
        let (seq, bytes, last) = columns(row, id)?;
        recorded = last;
        let event = verify_row(&mut chain, id, seq, bytes)?;
        if let Some(keys) = keys {
            check_seal(keys, row, &chain, id)?;
        }
        each(event, bytes)?;
    }
    if rows.is_empty() {
        recorded = last_seq(client, statements, id).await?;
        if recorded.is_none() {
            return Err(StoreError::NotFound(id.clone()));
        }
    }
    match (need, recorded) {
        (_, Some(recorded)) if recorded > chain.seq() => Err(PgError::MissingRows {
            engagement: id.clone(),
            recorded,
            found: chain.seq(),
        }
        .into()),
        (SummaryNeed::Required, None) => Err(PgError::NoSummary {
            engagement: id.clone(),
            rows: chain.seq(),
        }
        .into()),
        _ => Ok(chain),
    }
}

/// Whether reading an engagement's rows needs its summary row.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum SummaryNeed {
    /// Rows without a summary are an error.
    Required,
    /// The summary is being rebuilt from the rows.
    Rebuilding,
}

/// Checks the seal a sealed row was read with against the row the chain has just verified.
fn check_seal(
    keys: &Keyring,
    row: &tokio_postgres::Row,
    chain: &Chain,
    id: &EngagementId,
) -> Result<(), StoreError> {
    let auth_error = |source| StoreError::Auth {
        engagement: id.clone(),
        source,
    };
    let (key, tag): (Option<&str>, Option<String>) = match (row.try_get(3), row.try_get(4)) {
        (Ok(key), Ok(tag)) => (key, tag),
        (Err(e), _) | (_, Err(e)) => {
            return Err(PgError::query(format!("read the seals of engagement {id}"))(e).into());
        }
    };
    let line = chain.seq();
    let (Some(key), Some(tag)) = (key, tag) else {
        return Err(auth_error(AuthError::Unsealed { line }));
    };
    let seal = Seal {
        seq: line,
        key: KeyId::new(key).map_err(auth_error)?,
        tag,
    };
    protect::check_line(keys, &mut std::slice::from_ref(&seal).iter(), chain).map_err(auth_error)
}

/// Reads, verifies and replays every row of an engagement; with a keyring, checks each row's
/// seal too.
pub(crate) async fn load(
    client: &impl GenericClient,
    statements: &Statements,
    id: (&EngagementId, Option<&Keyring>),
    need: SummaryNeed,
) -> Result<Stream, StoreError> {
    let keys = id.1;
    let id = id.0;
    let mut engagement: Option<Engagement> = None;
    let chain = walk(
        client,
        statements,
        (id, keys),
        "load",
        need,
        |recorded, _| {
            let replayed = match &mut engagement {
                Some(e) => e.apply(&recorded),
                None => Engagement::replay([recorded]).map(|e| engagement = Some(e)),
            };
            replayed.map_err(|err| row_error(id, refused(err)))
        },
    )
    .await?;
    match engagement {
        Some(engagement) => Ok(Stream { engagement, chain }),
        None => Err(StoreError::NotFound(id.clone())),
    }
}

/// A replay error as the journal reports it at its line.
fn refused(err: crate::ReplayError) -> crate::JournalError {
    crate::JournalError::Line {
        line: err.seq,
        kind: crate::LineErrorKind::Replay(err),
    }
}

/// A stored row that is not the line it should be, located by the journal error at its seq.
pub(crate) fn row_error(id: &EngagementId, source: crate::JournalError) -> StoreError {
    StoreError::Journal {
        engagement: id.clone(),
        source,
    }
}

/// A row's seq, line and the summary's `last_seq`.
pub(crate) fn columns<'r>(
    row: &'r tokio_postgres::Row,
    id: &EngagementId,
) -> Result<(u64, &'r [u8], Option<u64>), StoreError> {
    let (seq, bytes, last): (i64, &[u8], Option<i64>) =
        match (row.try_get(0), row.try_get(1), row.try_get(2)) {
            (Ok(seq), Ok(bytes), Ok(last)) => (seq, bytes, last),
            (Err(e), _, _) | (_, Err(e), _) | (_, _, Err(e)) => {
                return Err(PgError::query(format!("read the rows of engagement {id}"))(e).into());
            }
        };
    let seq_of = |seq: i64| {
        u64::try_from(seq).map_err(|_| PgError::BadSeq {
            engagement: id.clone(),
            seq,
        })
    };
    Ok((seq_of(seq)?, bytes, last.map(seq_of).transpose()?))
}

/// Verifies one row's line against the chain and checks its seq column agrees with the line.
pub(crate) fn verify_row(
    chain: &mut Chain,
    id: &EngagementId,
    seq: u64,
    bytes: &[u8],
) -> Result<Recorded, StoreError> {
    let recorded = chain.verify(bytes).map_err(|e| row_error(id, e))?;
    if recorded.seq != seq {
        return Err(PgError::SeqColumn {
            engagement: id.clone(),
            column: seq,
            line: recorded.seq,
        }
        .into());
    }
    Ok(recorded)
}

/// The summary's `last_seq`; `None` when the engagement has no summary.
pub(crate) async fn last_seq(
    client: &impl GenericClient,
    statements: &Statements,
    id: &EngagementId,
) -> Result<Option<u64>, StoreError> {
    let row = client
        .query_typed_opt(&statements.last_seq, &[(&id.as_str(), Type::TEXT)])
        .await
        .map_err(PgError::query(format!(
            "read the last seq of engagement {id}"
        )))?;
    let Some(row) = row else { return Ok(None) };
    let seq: i64 = row.try_get(0).map_err(PgError::query(format!(
        "read the last seq of engagement {id}"
    )))?;
    let seq = u64::try_from(seq).map_err(|_| PgError::BadSeq {
        engagement: id.clone(),
        seq,
    })?;
    Ok(Some(seq))
}

/// The chain as it stands after a stored row, taken from the row's own hash member (the row
/// itself is not verified: its predecessors are not read).
pub(crate) fn resume(id: &EngagementId, seq: u64, bytes: &[u8]) -> Result<Chain, StoreError> {
    const OPEN: &[u8] = b",\"hash\":\"";
    let hash = bytes
        .strip_suffix(b"\"}")
        .and_then(|b| b.len().checked_sub(64).map(|at| b.split_at(at)))
        .filter(|(body, _)| body.ends_with(OPEN))
        .and_then(|(_, digits)| std::str::from_utf8(digits).ok());
    let Some(hash) = hash else {
        return Err(row_error(
            id,
            crate::JournalError::Line {
                line: seq,
                kind: crate::LineErrorKind::BadHashField {
                    found: String::from_utf8_lossy(
                        bytes
                            .get(bytes.len().saturating_sub(66)..)
                            .unwrap_or_default(),
                    )
                    .into_owned(),
                },
            },
        ));
    };
    Chain::resume(id.clone(), seq, hash).map_err(|e| row_error(id, e))
}

/// Writes every row of an engagement to `out` as a journal file, each row checked against the
/// one before. Returns the number of lines.
pub(crate) async fn export(
    client: &impl GenericClient,
    statements: &Statements,
    (id, keys): (&EngagementId, Option<&Keyring>),
    out: &mut impl std::io::Write,
) -> Result<u64, StoreError> {
    let chain = walk(
        client,
        statements,
        (id, keys),
        "export",
        SummaryNeed::Required,
        |_, bytes| {
            let written = out.write_all(bytes).and_then(|()| out.write_all(b"\n"));
            written.map_err(|source| {
                PgError::Write {
                    engagement: id.clone(),
                    source,
                }
                .into()
            })
        },
    )
    .await?;
    Ok(chain.seq())
}
