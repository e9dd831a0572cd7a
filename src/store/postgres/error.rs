//! What can go wrong between the store and the server, each naming what it is about.

use crate::EngagementId;

/// An error of the PostgreSQL store: the server, its schema or a stored row.
///
/// ```
/// use pendamping::store::postgres::PgError;
///
/// let err = PgError::SchemaVersion { schema: "pendamping".into(), found: 7, expected: 1 };
/// assert_eq!(
///     err.to_string(),
///     "schema \"pendamping\" holds store version 7, this crate reads version 1"
/// );
/// ```
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum PgError {
    /// The server at the URL (shown without its password) did not accept a connection.
    #[error("cannot connect to {url}: {}", detail(source))]
    Connect {
        /// The connection string, password left out.
        url: String,
        /// What the driver said.
        #[source]
        source: tokio_postgres::Error,
    },
    /// [`connect`](super::connect) was called outside a tokio runtime.
    #[error("cannot connect to {url}: no tokio runtime is running to drive the connection")]
    NoRuntime {
        /// The connection string, password left out.
        url: String,
    },
    /// A schema name that is not a plain lowercase SQL identifier.
    #[error(
        "schema name {0:?} is not 1-63 characters of a-z, 0-9 and _ starting with a letter or _"
    )]
    SchemaName(String),
    /// The schema has no store tables yet.
    #[error("schema \"{schema}\" holds no pendamping store: run PgStore::migrate first")]
    NotMigrated {
        /// The schema.
        schema: String,
    },
    /// The schema was made by another version of this crate.
    #[error("schema \"{schema}\" holds store version {found}, this crate reads version {expected}")]
    SchemaVersion {
        /// The schema.
        schema: String,
        /// The version found in its `schema_version` table.
        found: i32,
        /// The version this crate reads and writes.
        expected: i32,
    },
    /// A statement failed.
    #[error("cannot {action}: {}", detail(source))]
    Query {
        /// What the store was doing, naming the engagement where there is one.
        action: String,
        /// What the server or the driver said.
        #[source]
        source: tokio_postgres::Error,
    },
    /// The summary says the engagement has more events than its journal rows hold: rows were
    /// deleted at the end.
    #[error(
        "engagement {engagement}: the summary records {recorded} events but the journal rows end at seq {found}"
    )]
    MissingRows {
        /// The engagement.
        engagement: EngagementId,
        /// The last seq the summary records.
        recorded: u64,
        /// The last seq found in the journal rows.
        found: u64,
    },
    /// A journal file given to [`PgStore::import`](super::PgStore::import) that does not
    /// verify, is empty or cannot be read; nothing was written.
    #[error("cannot import the journal: {0}")]
    Import(#[source] crate::JournalError),
    /// A row whose `seq` column is not the seq in its line.
    #[error("engagement {engagement}: the row with seq {column} holds the line of seq {line}")]
    SeqColumn {
        /// The engagement.
        engagement: EngagementId,
        /// The row's `seq` column.
        column: u64,
        /// The seq in the row's line.
        line: u64,
    },
    /// Writing an export failed.
    #[error("cannot write the journal of engagement {engagement}: {source}")]
    Write {
        /// The engagement.
        engagement: EngagementId,
        /// What the writer said.
        #[source]
        source: std::io::Error,
    },
    /// A stored engagement id that is not a valid id.
    #[error("stored engagement id {id:?} is not an engagement id: {reason}")]
    BadId {
        /// The stored text (shortened).
        id: String,
        /// Why it is not one.
        reason: String,
    },
    /// Journal rows without their summary row: the projection was deleted, so the report
    /// would not count the engagement and appends would not find their gate.
    /// [`PgStore::rebuild_summary`](super::PgStore::rebuild_summary) repairs it.
    #[error(
        "engagement {engagement} has {rows} journal rows but no summary row: PgStore::rebuild_summary rebuilds it"
    )]
    NoSummary {
        /// The engagement.
        engagement: EngagementId,
        /// How many rows verified.
        rows: u64,
    },
    /// A summary row holding a value no [`EngagementSummary`](crate::caseload::EngagementSummary)
    /// has (edited in SQL): rebuild it with
    /// [`PgStore::rebuild_summary`](super::PgStore::rebuild_summary).
    #[error("engagement {engagement}: summary column {column} holds {value}, which no summary has")]
    BadSummary {
        /// The engagement.
        engagement: EngagementId,
        /// The column.
        column: &'static str,
        /// The value found (shortened).
        value: String,
    },
    /// A seq the database holds that no journal can have (zero or negative).
    #[error("engagement {engagement}: stored seq {seq} is not a sequence number")]
    BadSeq {
        /// The engagement.
        engagement: EngagementId,
        /// The value found.
        seq: i64,
    },
}

impl PgError {
    /// Whether the app should drop its engagement, reload and retry: after a failed statement
    /// (the connection may have gone, and a commit's outcome is then only known by loading).
    #[must_use]
    pub fn should_reload(&self) -> bool {
        matches!(self, Self::Query { .. })
    }

    /// A failed statement, with what the store was doing.
    pub(crate) fn query(action: impl Into<String>) -> impl FnOnce(tokio_postgres::Error) -> Self {
        let action = action.into();
        move |source| Self::Query { action, source }
    }
}

/// The driver's error with its causes: its own message says only the kind ("db error"), the
/// server's words are in the cause.
fn detail(error: &tokio_postgres::Error) -> String {
    let mut text = error.to_string();
    let mut cause = std::error::Error::source(error);
    while let Some(c) = cause {
        text.push_str(": ");
        text.push_str(&c.to_string());
        cause = c.source();
    }
    text
}

/// The connection string with any password left out, for messages and logs: the password of a
/// URL's user information or of a `password` parameter or key.
///
/// ```
/// use pendamping::store::postgres::redact;
///
/// assert_eq!(
///     redact("postgres://app:s3cret@db.example:5432/cases?sslmode=require"),
///     "postgres://app@db.example:5432/cases?sslmode=require"
/// );
/// assert_eq!(redact("host=db user=app password=s3cret dbname=cases"), "host=db user=app dbname=cases");
/// assert_eq!(redact("postgresql://db/cases?password=s3cret&user=app"), "postgresql://db/cases?user=app");
/// ```
#[must_use]
pub fn redact(url: &str) -> String {
    let Some((scheme, rest)) = url.split_once("://") else {
        // key=value form: drop the password pair (a quoted value may hold spaces).
        return redact_key_value(url);
    };
    let (authority_end, query_start) =
        (rest.find(['/', '?']).unwrap_or(rest.len()), rest.find('?'));
    let (authority, tail) = rest.split_at(authority_end);
    let authority = match authority.rsplit_once('@') {
        Some((user_info, hosts)) => {
            let user = user_info.split_once(':').map_or(user_info, |(u, _)| u);
            format!("{user}@{hosts}")
        }
        None => authority.to_owned(),
    };
    let tail = match query_start.and_then(|q| q.checked_sub(authority_end)) {
        Some(q) => {
            let (path, query) = tail.split_at(q);
            let kept: Vec<&str> = query
                .trim_start_matches('?')
                .split('&')
                .filter(|pair| !pair.starts_with("password="))
                .collect();
            if kept.iter().all(|p| p.is_empty()) {
                path.to_owned()
            } else {
                format!("{path}?{}", kept.join("&"))
            }
        }
        None => tail.to_owned(),
    };
    format!("{scheme}://{authority}{tail}")
}

fn redact_key_value(text: &str) -> String {
    let mut out = Vec::new();
    let mut rest = text.trim_start();
    while !rest.is_empty() {
        // One `key = value` pair, the value bare or in single quotes with `\` escapes.
        let key_end = rest.find('=').unwrap_or(rest.len());
        let key = rest.get(..key_end).unwrap_or_default().trim();
        let after = rest
            .get(key_end.saturating_add(1)..)
            .unwrap_or_default()
            .trim_start();
        let value_len = if after.starts_with('\'') {
            let mut escaped = false;
            after
                .char_indices()
                .skip(1)
                .find(|&(_, c)| {
                    let end = c == '\'' && !escaped;
                    escaped = c == '\\' && !escaped;
                    end
                })
                .map_or(after.len(), |(i, _)| i.saturating_add(1))
        } else {
            after.find(char::is_whitespace).unwrap_or(after.len())
        };
        let (value, next) = after.split_at(value_len.min(after.len()));
        if key != "password" {
            out.push(format!("{key}={value}"));
        }
        rest = next.trim_start();
    }
    out.join(" ")
}

#[cfg(test)]
mod tests {
    use super::redact;
    use proptest::prelude::*;

    proptest! {
        /// Whatever the password and wherever it is given, it is not in the redacted text, and
        /// the rest of the URL is.
        #[test]
        fn no_password_survives(password in "Q[a-zA-Z0-9%!*]{0,16}", host in "[a-z]{1,8}", db in "[a-z]{1,8}") {
            for url in [
                format!("postgres://app:{password}@{host}:5432/{db}"),
                format!("postgresql://{host}/{db}?password={password}&user=app"),
                format!("host={host} password={password} dbname={db}"),
                format!("host={host} password='{password} x' dbname={db}"),
            ] {
                let shown = redact(&url);
                prop_assert!(!shown.contains(&password), "{shown}");
                prop_assert!(shown.contains(&host) && shown.contains(&db), "{shown}");
            }
        }
    }

    #[test]
    fn passwords_are_left_out_in_every_form() {
        assert_eq!(redact("postgres://u:p@h/d"), "postgres://u@h/d");
        assert_eq!(redact("postgres://u@h/d"), "postgres://u@h/d");
        assert_eq!(redact("postgres://h"), "postgres://h");
        assert_eq!(
            redact("postgres://u:p%40x@h1,h2:5433"),
            "postgres://u@h1,h2:5433"
        );
        assert_eq!(redact("postgres://h?password=p"), "postgres://h");
        assert_eq!(redact("user=u password='a b\\' c' host=h"), "user=u host=h");
        assert_eq!(redact("password=p"), "");
    }
}
