//! The PostgreSQL store opened with a keyring: each row sealed in the statement that writes
//! it, each seal checked when rows are read, and the head of the last append.

use tokio_postgres::GenericClient;

use super::PgStore;
use super::rows::SummaryNeed;
use crate::protect::{self, Authenticity, Head, Keyring};
use crate::store::StoreError;
use crate::{Engagement, EngagementId};

impl PgStore {
    /// The same store with a keyring (see [`protect`]): every row it appends gets a seal made
    /// with the current key, written to table `journal_seal` by the same statement as the rows
    /// (so there is never a row without its seal, nor a seal without its row), and every
    /// load, export and append that reads rows checks each row's seal, naming the first row
    /// changed or re-hashed without the key ([`StoreError::Auth`] with
    /// [`AuthError::Forged`](protect::AuthError::Forged)). Rows written before the store had
    /// a key have no seal and are refused as unsealed.
    ///
    /// After each append, [`PgStore::head`] gives the engagement's new [`Head`]: keep it apart
    /// from the database (where the key's name is kept) and give it to [`PgStore::check`],
    /// which also finds rows cut from the end and an engagement's rows swapped for another
    /// copy's.
    #[must_use]
    pub fn with_keyring(mut self, keyring: Keyring) -> Self {
        self.keyring = Some(keyring);
        self
    }

    /// The head of an engagement as this store last wrote or read it, made with the current
    /// key; `None` without a keyring, or for an engagement the store holds no copy of.
    #[must_use]
    pub fn head(&self, id: &EngagementId) -> Option<Head> {
        let keys = self.keyring.as_ref()?;
        let kept = self.take_kept(id)?;
        let head = keys.head(&kept.chain).ok();
        self.keep(id, kept);
        head
    }

    /// Loads an engagement and says whether its authenticity was checked: with a keyring, every
    /// row's seal and that the rows end at `head` ([`Authenticity::Authentic`]); without one,
    /// the chain only, and the answer says so ([`Authenticity::NotChecked`]).
    ///
    /// # Errors
    ///
    /// As [`PgStore::load`]; with a keyring also [`StoreError::Auth`] naming the first row
    /// whose seal is missing or does not check, or why the rows do not end at the head.
    pub async fn check(
        &self,
        client: &impl GenericClient,
        id: &EngagementId,
        head: &Head,
    ) -> Result<(Engagement, Authenticity), StoreError> {
        let auth_error = |source| StoreError::Auth {
            engagement: id.clone(),
            source,
        };
        let Some(keys) = &self.keyring else {
            return Ok((self.load(client, id).await?, Authenticity::NotChecked));
        };
        keys.check_head(head).map_err(auth_error)?;
        let stream = self.read_rows(client, id, SummaryNeed::Required).await?;
        let chain = &stream.chain;
        protect::ends_at_head(chain.engagement(), chain.seq(), chain.hash(), head)
            .map_err(auth_error)?;
        let engagement = stream.engagement.clone();
        self.keep(id, stream);
        Ok((engagement, Authenticity::Authentic { head: head.clone() }))
    }
}
