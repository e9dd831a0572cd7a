//! Opening a connection, for apps (and the tests, examples and benches) that do not bring a
//! pool of their own.

use tokio_postgres::tls::MakeTlsConnect;
use tokio_postgres::{Client, NoTls, Socket};

use super::{PgError, redact};

/// Connects to the server at `url` (a `postgres://` URL or `key=value` pairs) without TLS and
/// drives the connection on the current tokio runtime until the client is dropped.
///
/// # Errors
///
/// [`PgError::Connect`] naming the URL, password left out, when the server cannot be reached
/// or refuses the connection, or when no tokio runtime is running.
///
/// ```no_run
/// # async fn run() -> Result<(), pendamping::store::postgres::PgError> {
/// let client = pendamping::store::postgres::connect("postgres://postgres@127.0.0.1/test").await?;
/// # drop(client); Ok(()) }
/// ```
pub async fn connect(url: &str) -> Result<Client, PgError> {
    connect_with(url, NoTls).await
}

/// Like [`connect`], with a TLS connector (`postgres-native-tls`, `tokio-postgres-rustls`).
///
/// # Errors
///
/// As [`connect`].
pub async fn connect_with<T>(url: &str, tls: T) -> Result<Client, PgError>
where
    T: MakeTlsConnect<Socket>,
    T::Stream: Send + 'static,
{
    let failed = |source| PgError::Connect {
        url: redact(url),
        source,
    };
    let config: tokio_postgres::Config = url.parse().map_err(failed)?;
    let Ok(runtime) = tokio::runtime::Handle::try_current() else {
        return Err(PgError::NoRuntime { url: redact(url) });
    };
    let (client, connection) = config.connect(tls).await.map_err(failed)?;
    // The connection's task ends when the client is dropped or the server goes away; the
    // client's next call then reports the closed connection.
    runtime.spawn(connection);
    Ok(client)
}
