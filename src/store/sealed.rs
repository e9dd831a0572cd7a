//! A folder store opened with a keyring: every appended line sealed, every seal checked on
//! load, and the head of each append for the app to keep apart.

use super::StoreError;
use super::folder::{FolderStore, file_name};
use crate::journal::{Chain, JournalError};
use crate::protect::{self, Authenticity, Head, Keyring, Seal};
use crate::{Engagement, EngagementId, Recorded};
use std::fs::{File, OpenOptions};
use std::io::{self, BufReader, Write};
use std::path::PathBuf;

impl FolderStore {
    /// The same store with a keyring (see [`protect`]): each line it appends is sealed with the
    /// current key, its seal appended to the engagement's seal file beside its journal
    /// (`pkh-0142.seals` beside `pkh-0142.jsonl`, one JSON seal per line, synced like the
    /// journal), and every load, read and check verifies each line's seal, naming the first
    /// line that was changed or re-hashed without the key ([`protect::AuthError::Forged`]).
    ///
    /// After each append the store holds the engagement's new [`Head`]
    /// ([`FolderStore::head`]): keep it apart from the folder and give it to
    /// [`FolderStore::check`], which then also finds lines cut from the end and a journal
    /// swapped for another.
    ///
    /// A journal written before the store had a key has no seals: seal it once with
    /// [`protect::seal_journal`] and [`protect::write_seals`] when nobody else could have
    /// written it. A crash between the journal's sync and the seals' leaves the last lines
    /// unsealed ([`protect::AuthError::Unsealed`] names the first): check the journal by other
    /// means, then seal it again.
    ///
    /// ```
    /// use chrono::{TimeZone, Utc};
    /// use pendamping::protect::{Authenticity, Key, Keyring};
    /// use pendamping::store::{FolderStore, Store};
    /// use pendamping::*;
    ///
    /// let dir = std::env::temp_dir().join(format!("pendamping-sealed-doc-{}", std::process::id()));
    /// let keys = Keyring::new(Key::new("pkh-2026-03", &[42; 32])?); // from the app's secrets
    /// let mut store = FolderStore::open(&dir)?.with_keyring(keys);
    /// let siti = Actor::new("w:siti", ActorKind::SocialWorker)?;
    /// let mut case = Engagement::open(&siti, Utc.with_ymd_and_hms(2026, 3, 2, 9, 0, 0).unwrap(), Opening {
    ///     id: EngagementId::new("pkh-0142")?,
    ///     client: ClientSystem { level: ClientSystemLevel::Family, name: "Keluarga Sari".into() },
    ///     team: vec![TeamMember { id: siti.id.clone(), kind: ActorKind::SocialWorker, name: "Siti".into() }],
    ///     policy: Policy::default(),
    /// })?;
    /// store.append_pending(&mut case)?;
    /// let head = store.head(case.id()).cloned().unwrap(); // keep it where the app keeps its state
    ///
    /// let (loaded, authenticity) = store.check(case.id(), &head)?;
    /// assert_eq!(loaded, case);
    /// assert!(matches!(authenticity, Authenticity::Authentic { .. }));
    ///
    /// // The same folder opened without the key: the chain is checked, authenticity is not.
    /// # store.release(case.id());
    /// let plain = FolderStore::open(&dir)?;
    /// assert_eq!(plain.check(case.id(), &head)?.1, Authenticity::NotChecked);
    /// # std::fs::remove_dir_all(&dir)?;
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn with_keyring(mut self, keyring: Keyring) -> Self {
        self.keyring = Some(keyring);
        self
    }

    /// The seal file of an engagement (whether or not it exists).
    #[must_use]
    pub fn seals_path(&self, id: &EngagementId) -> PathBuf {
        self.dir().join(file_name(id).replace(".jsonl", ".seals"))
    }

    /// The head of an engagement after this store's last append to it, made with the current
    /// key; `None` for a store without a keyring or an engagement it has not appended to.
    #[must_use]
    pub fn head(&self, id: &EngagementId) -> Option<&Head> {
        self.heads.get(id)
    }

    /// Loads an engagement and says whether its authenticity was checked. With a keyring:
    /// the chain, every line's seal, and that the journal ends at `head` (the newest head the
    /// app kept), so lines cut from the end, a journal swapped for another case's or for an
    /// older copy are found: [`Authenticity::Authentic`]. Without one, the chain only, and
    /// the answer says so: [`Authenticity::NotChecked`].
    ///
    /// # Errors
    ///
    /// As [`Store::load`](super::Store::load); with a keyring also [`StoreError::Auth`] naming
    /// the first line whose seal is missing or does not check, or why the journal does not end
    /// at the head.
    pub fn check(
        &self,
        id: &EngagementId,
        head: &Head,
    ) -> Result<(Engagement, Authenticity), StoreError> {
        let keyed = self.keyring.is_some();
        let engagement = self.read(id, keyed.then_some(head), drop)?;
        let authenticity = if keyed {
            Authenticity::Authentic { head: head.clone() }
        } else {
            Authenticity::NotChecked
        };
        Ok((engagement, authenticity))
    }

    /// The keyring and the engagement's seals, for a keyed store; the head's own tag checked
    /// first when one is given.
    pub(super) fn seals(
        &self,
        id: &EngagementId,
        head: Option<&Head>,
    ) -> Result<Option<(&Keyring, Vec<Seal>)>, StoreError> {
        let Some(keys) = &self.keyring else {
            return Ok(None);
        };
        let auth_error = |source| StoreError::Auth {
            engagement: id.clone(),
            source,
        };
        if let Some(head) = head {
            keys.check_head(head).map_err(auth_error)?;
        }
        let path = self.seals_path(id);
        let seals = match File::open(&path) {
            Ok(file) => protect::read_seals(BufReader::new(file)).map_err(auth_error)?,
            Err(e) if e.kind() == io::ErrorKind::NotFound => Vec::new(),
            Err(source) => return Err(file_error(id, "open", path, source)),
        };
        Ok(Some((keys, seals)))
    }

    /// Seals the lines just appended after `before` (the seq and hash the journal ended at),
    /// appends their seals to the seal file, synced, and keeps the new head.
    pub(super) fn seal(
        &mut self,
        id: &EngagementId,
        before: (u64, String),
        events: &[Recorded],
    ) -> Result<(), StoreError> {
        let Some(keys) = &self.keyring else {
            return Ok(());
        };
        let journal_error = |source| StoreError::Journal {
            engagement: id.clone(),
            source,
        };
        // The lines as the journal wrote them: the same chain, resumed where it ended.
        let mut chain = Chain::resume(id.clone(), before.0, &before.1)
            .map_err(journal_error)?
            .with_options(self.options());
        let mut seals = Vec::with_capacity(events.len());
        for recorded in events {
            let line = chain.encode(recorded).map_err(journal_error)?;
            seals.push(keys.seal(id, &line));
        }
        let head = keys.head(&chain).map_err(|source| StoreError::Auth {
            engagement: id.clone(),
            source,
        })?;
        let path = self.seals_path(id);
        let write = |path: &PathBuf| -> io::Result<()> {
            let mut file = OpenOptions::new().create(true).append(true).open(path)?;
            file.write_all(&protect::write_seals(&seals))?;
            file.sync_data()
        };
        write(&path).map_err(|source| file_error(id, "write", path.clone(), source))?;
        self.heads.insert(id.clone(), head);
        Ok(())
    }
}

/// A seal file that could not be opened or written.
fn file_error(
    id: &EngagementId,
    action: &'static str,
    path: PathBuf,
    source: io::Error,
) -> StoreError {
    StoreError::Journal {
        engagement: id.clone(),
        source: JournalError::File {
            action,
            path,
            source,
        },
    }
}
