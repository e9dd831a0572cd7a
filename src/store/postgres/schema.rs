//! The store's tables: the SQL files this crate ships, applied by [`migrate`], and the version
//! check made when a store is opened.

use tokio_postgres::GenericClient;

use super::PgError;

/// The version of the schema this crate reads and writes, kept in the `schema_version` table.
pub const SCHEMA_VERSION: i32 = 2;

/// The SQL files that build the schema, oldest first: `(version, SQL)`. Applying them in order
/// to an empty schema gives the tables of [`SCHEMA_VERSION`].
pub const MIGRATIONS: &[(i32, &str)] = &[
    (1, include_str!("v1.sql")),
    // Issue 12: the keyed seals of journal rows.
    (2, include_str!("v2.sql")),
];

/// A schema name checked to be a plain lowercase identifier, so it can stand in SQL unquoted.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct SchemaName(String);

impl SchemaName {
    pub(crate) fn new(name: &str) -> Result<Self, PgError> {
        let mut chars = name.chars();
        let first_ok = chars
            .next()
            .is_some_and(|c| c.is_ascii_lowercase() || c == '_');
        let rest_ok = chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
        if first_ok && rest_ok && name.len() <= 63 {
            Ok(Self(name.to_owned()))
        } else {
            Err(PgError::SchemaName(crate::vocab::shorten(name)))
        }
    }

    pub(crate) fn as_str(&self) -> &str {
        &self.0
    }
}

/// Creates the schema and its tables, or brings them to [`SCHEMA_VERSION`]; does nothing to a
/// schema already there. Runs in one transaction (a savepoint when `client` is a transaction)
/// under a lock, so two app instances starting together do not both create the tables.
/// Returns the version the schema was at before (0 when it had no store).
pub(crate) async fn migrate(
    client: &mut impl GenericClient,
    schema: &SchemaName,
) -> Result<i32, PgError> {
    let name = schema.as_str();
    let doing = format!("migrate schema \"{name}\"");
    let tx = client
        .transaction()
        .await
        .map_err(PgError::query(&*doing))?;
    let lock = "SELECT pg_advisory_xact_lock(hashtext('pendamping store ' || $1))";
    tx.execute(lock, &[&name])
        .await
        .map_err(PgError::query(&*doing))?;
    tx.batch_execute(&format!("CREATE SCHEMA IF NOT EXISTS {name}"))
        .await
        .map_err(PgError::query(&*doing))?;
    let before = match version(&tx, schema).await {
        Ok(found) => found,
        Err(PgError::NotMigrated { .. }) => 0,
        Err(e) => return Err(e),
    };
    if before > SCHEMA_VERSION {
        return Err(PgError::SchemaVersion {
            schema: name.to_owned(),
            found: before,
            expected: SCHEMA_VERSION,
        });
    }
    // The files name their tables unqualified: run them with the search path on the schema,
    // then put the caller's search path back.
    let path: String = tx
        .query_one("SELECT current_setting('search_path')", &[])
        .await
        .map_err(PgError::query(&*doing))?
        .get(0);
    let set_path = "SELECT set_config('search_path', $1, true)";
    for (version, sql) in MIGRATIONS.iter().filter(|(v, _)| *v > before) {
        tx.execute(set_path, &[&name])
            .await
            .map_err(PgError::query(&*doing))?;
        tx.batch_execute(sql)
            .await
            .map_err(PgError::query(format!("{doing} to version {version}")))?;
        tx.execute(
            &format!("UPDATE {name}.schema_version SET version = $1"),
            &[version],
        )
        .await
        .map_err(PgError::query(&*doing))?;
    }
    tx.execute(set_path, &[&path])
        .await
        .map_err(PgError::query(&*doing))?;
    tx.commit().await.map_err(PgError::query(doing))?;
    Ok(before)
}

/// The schema's store version.
pub(crate) async fn version(
    client: &impl GenericClient,
    schema: &SchemaName,
) -> Result<i32, PgError> {
    let name = schema.as_str();
    let doing = || format!("read the store version of schema \"{name}\"");
    // Asking for a missing table would abort the caller's transaction: look first.
    let table = format!("{name}.schema_version");
    let exists: Option<String> = client
        .query_one("SELECT to_regclass($1)::text", &[&table])
        .await
        .and_then(|row| row.try_get(0))
        .map_err(PgError::query(doing()))?;
    let not_migrated = || PgError::NotMigrated {
        schema: name.to_owned(),
    };
    if exists.is_none() {
        return Err(not_migrated());
    }
    let row = client
        .query_opt(&format!("SELECT version FROM {table}"), &[])
        .await
        .map_err(PgError::query(doing()))?
        .ok_or_else(not_migrated)?;
    row.try_get(0).map_err(PgError::query(doing()))
}

/// Checks that the schema is at [`SCHEMA_VERSION`].
pub(crate) async fn check(client: &impl GenericClient, schema: &SchemaName) -> Result<(), PgError> {
    let found = version(client, schema).await?;
    if found == SCHEMA_VERSION {
        Ok(())
    } else {
        Err(PgError::SchemaVersion {
            schema: schema.as_str().to_owned(),
            found,
            expected: SCHEMA_VERSION,
        })
    }
}
