//! Stores: where an app keeps many engagements' events, behind one interface.
//!
//! A [`Store`] loads one engagement (every event verified and replayed), appends a batch after
//! the sequence number the app expects (optimistic concurrency: a mismatch is a
//! [`StoreError::Conflict`] and nothing is written), lists the engagements it holds and reads
//! a stream from a sequence number on. Every store checks each event by the rulebook on the
//! engagement it keeps before writing it, so what it acknowledges always replays.
//!
//! [`FolderStore`] is the embedded default: a directory with one journal file per engagement,
//! in the [`journal`](crate::journal) format. A database store keeps one journal line per row
//! and builds on [`Chain`](crate::journal::Chain).
//!
//! # The app's loop
//!
//! Load the engagement, execute the worker's command on it, append what it recorded. When the
//! append fails with a [`StoreError::Conflict`] (someone else recorded first) or the write
//! fails ([`StoreError::should_reload`]), drop the in-memory engagement, which may now hold
//! events the store does not, and start again from a fresh load: the command is decided again
//! on what is really stored. Never keep using an engagement whose append failed.
//!
//! ```
//! use chrono::{TimeZone, Utc};
//! use pendamping::store::{FolderStore, Store, StoreError};
//! use pendamping::{Actor, ActorKind, ClientSystem, ClientSystemLevel, Command, Engagement};
//! use pendamping::{EngagementId, Opening, Policy, Priority, TeamMember};
//!
//! /// Carries out one command on a stored engagement, reloading and retrying (a few times)
//! /// when the store says the engagement went stale.
//! fn record(
//!     store: &mut impl Store,
//!     id: &EngagementId,
//!     by: &Actor,
//!     command: &Command,
//! ) -> Result<u64, Box<dyn std::error::Error>> {
//!     let at = Utc.with_ymd_and_hms(2026, 3, 3, 9, 0, 0).unwrap();
//!     let mut attempts = 0;
//!     loop {
//!         let mut case = store.load(id)?;
//!         case.execute(by, at, command.clone())?; // a refusal goes back to the worker
//!         match store.append_pending(&mut case) {
//!             Ok(seq) => return Ok(seq),
//!             Err(e) if e.should_reload() && attempts < 3 => attempts += 1, // `case` is dropped
//!             Err(e) => return Err(e.into()),
//!         }
//!     }
//! }
//!
//! let dir = std::env::temp_dir().join(format!("pendamping-store-doc-{}", std::process::id()));
//! let mut store = FolderStore::open(&dir)?;
//! let siti = Actor::new("w:siti", ActorKind::SocialWorker)?;
//! let id = EngagementId::new("pkh-0142")?;
//! let mut case = Engagement::open(&siti, Utc.with_ymd_and_hms(2026, 3, 2, 9, 0, 0).unwrap(), Opening {
//!     id: id.clone(),
//!     client: ClientSystem { level: ClientSystemLevel::Family, name: "Keluarga Sari".into() },
//!     team: vec![TeamMember { id: siti.id.clone(), kind: ActorKind::SocialWorker, name: "Siti".into() }],
//!     policy: Policy::default(),
//! })?;
//! store.append_pending(&mut case)?;
//!
//! let need = Command::RecordNeed {
//!     domain: "income".into(),
//!     description: "No steady income".into(),
//!     priority: Priority::High,
//!     confidentiality: None,
//! };
//! assert_eq!(record(&mut store, &id, &siti, &need)?, 2);
//!
//! // A stale engagement is refused, and nothing is written.
//! case.execute(&siti, Utc.with_ymd_and_hms(2026, 3, 4, 9, 0, 0).unwrap(), need)?;
//! let err = store.append_pending(&mut case).unwrap_err();
//! assert!(matches!(err, StoreError::Conflict { expected: 1, current: 2, .. }));
//! assert_eq!(store.load(&id)?.last_seq(), 2);
//! assert_eq!(store.ids()?, [id]);
//! # drop(store);
//! # std::fs::remove_dir_all(&dir)?;
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod folder;
#[cfg(feature = "postgres")]
pub mod postgres;
mod sealed;

pub use folder::FolderStore;

use crate::journal::JournalError;
use crate::{Engagement, EngagementId, Recorded};
use std::path::PathBuf;

/// Where an app keeps engagements' events: load, append with the expected sequence number,
/// list, read from a sequence number.
///
/// Implementations check each event by the rulebook on the engagement they keep before
/// writing it ([`Engagement::replay`]'s checks), write a batch whole or not at all, and never
/// lose what they acknowledged.
pub trait Store {
    /// Loads one engagement: every stored event verified and replayed.
    ///
    /// # Errors
    ///
    /// [`StoreError::NotFound`] when the store holds no event of it; [`StoreError::Journal`]
    /// when its stored events are damaged (located at the first bad one) or cannot be read.
    fn load(&self, id: &EngagementId) -> Result<Engagement, StoreError>;

    /// Appends a batch after `expected_seq`, the last sequence number the app believes is
    /// stored (0 for a new engagement, whose batch starts with its opening). Returns the new
    /// last sequence number.
    ///
    /// # Errors
    ///
    /// [`StoreError::Conflict`] when the stored stream does not end at `expected_seq`;
    /// [`StoreError::NotFound`] when `expected_seq` is not 0 and the store holds no event of
    /// it; [`StoreError::Journal`] when an event is refused (nothing written) or the write
    /// fails (see [`StoreError::should_reload`]).
    fn append(
        &mut self,
        id: &EngagementId,
        expected_seq: u64,
        events: &[Recorded],
    ) -> Result<u64, StoreError>;

    /// The engagements the store holds, in order.
    ///
    /// # Errors
    ///
    /// [`StoreError::Journal`] when the store cannot be listed; [`StoreError::UnexpectedFile`]
    /// for an entry that is not an engagement's.
    fn ids(&self) -> Result<Vec<EngagementId>, StoreError>;

    /// The stored events of one engagement from sequence number `from_seq` on (all of them
    /// from 1 or 0), verified.
    ///
    /// # Errors
    ///
    /// As [`Store::load`].
    fn read_from(&self, id: &EngagementId, from_seq: u64) -> Result<Vec<Recorded>, StoreError>;

    /// Appends the engagement's pending events after the sequence number they follow and,
    /// once they are stored, takes them from it. Returns the new last sequence number.
    ///
    /// # Errors
    ///
    /// As [`Store::append`]; the events then stay pending, and the engagement is to be
    /// dropped and loaded again (see the [module](self) on the app's loop).
    fn append_pending(&mut self, engagement: &mut Engagement) -> Result<u64, StoreError> {
        let expected = engagement
            .pending()
            .first()
            .map_or(engagement.last_seq(), |r| r.seq.saturating_sub(1));
        let id = engagement.id().clone();
        let seq = self.append(&id, expected, engagement.pending())?;
        engagement.take_pending();
        Ok(seq)
    }
}

/// Why a store could not load, append, list or read.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum StoreError {
    /// The stored stream does not end where the app expected: someone else appended first, or
    /// the app's engagement is stale. Nothing was written; reload and decide again.
    #[error(
        "engagement {} ends at seq {current}, not at the expected seq {expected}: nothing was written",
        engagement.as_str()
    )]
    Conflict {
        /// The engagement.
        engagement: EngagementId,
        /// The last sequence number the app expected.
        expected: u64,
        /// The last sequence number stored.
        current: u64,
    },
    /// The store holds no event of this engagement.
    #[error("no engagement {} in the store", .0.as_str())]
    NotFound(EngagementId),
    /// The engagement's journal is damaged, refused an event, or could not be read or written.
    #[error("the journal of engagement {}", engagement.as_str())]
    Journal {
        /// The engagement.
        engagement: EngagementId,
        /// What went wrong.
        #[source]
        source: JournalError,
    },
    /// An entry of the store is not an engagement's journal: in a [`FolderStore`], a `.jsonl`
    /// file whose name is not an engagement id.
    #[error("{} is not an engagement's journal: its name is not an engagement id", path.display())]
    UnexpectedFile {
        /// The entry.
        path: PathBuf,
    },
    /// The PostgreSQL store's server, schema or rows (feature `postgres`).
    #[cfg(feature = "postgres")]
    #[error(transparent)]
    Postgres(#[from] postgres::PgError),
    /// The store itself could not be opened or listed.
    #[error("cannot {action} the store at {}", path.display())]
    Folder {
        /// What was being done (`"create"`, `"list"`).
        action: &'static str,
        /// The store's directory.
        path: PathBuf,
        /// The system's error.
        #[source]
        source: std::io::Error,
    },
    /// A store opened with a keyring could not show an engagement's journal authentic: a
    /// line's seal is missing or does not check (the line was changed or re-hashed without
    /// the key), or the journal does not end at the head the app kept.
    #[error("engagement {} could not be shown authentic", engagement.as_str())]
    Auth {
        /// The engagement.
        engagement: EngagementId,
        /// What did not check, naming the line where there is one.
        #[source]
        source: crate::protect::AuthError,
    },
}

impl StoreError {
    /// Whether the app should drop its engagement, load it again and retry: after a
    /// [`StoreError::Conflict`], and after a write that failed or was stopped because the
    /// stored file changed (what was stored is then only known by loading it).
    #[must_use]
    pub fn should_reload(&self) -> bool {
        match self {
            Self::Conflict { .. } => true,
            Self::Journal { source, .. } => matches!(
                source,
                JournalError::File { .. }
                    | JournalError::Poisoned
                    | JournalError::NotAtPath { .. }
                    | JournalError::ChangedOnDisk { .. }
            ),
            #[cfg(feature = "postgres")]
            Self::Postgres(e) => e.should_reload(),
            _ => false,
        }
    }

    /// The journal's error, for [`StoreError::Journal`].
    #[must_use]
    pub fn journal_error(&self) -> Option<&JournalError> {
        match self {
            Self::Journal { source, .. } => Some(source),
            _ => None,
        }
    }
}
