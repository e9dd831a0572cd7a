//! The embedded store: a directory with one journal file per engagement.

use super::{Store, StoreError};
use crate::journal::{FileJournal, JournalError, JournalOptions, LineErrorKind, Reader};
use crate::protect::{self, Head, Keyring};
use crate::{Engagement, EngagementId, Event, Recorded};
use std::collections::HashMap;
use std::fs::File;
use std::io::{self, BufReader};
use std::path::{Path, PathBuf};

/// How many journal files a store keeps open (and locked) at once by default.
const DEFAULT_MAX_OPEN: usize = 64;

/// A directory of journals, one [`FileJournal`] per engagement: the crate's embedded store.
///
/// Engagement `pkh-0142` lives in `pkh-0142.jsonl`, a journal file in the usual format (ids
/// are [`EngagementId`]s, so a name is always a plain file name; a `:` in an id is written `+`,
/// which Windows allows). The store keeps the files it appends to open, each locked
/// exclusively, so another process (or another store on the same directory) cannot append
/// beside it: it gets [`JournalError::Locked`] until this store releases the file
/// ([`FolderStore::release`], or dropping the store). At most 64 files stay open: past that,
/// the one appended to longest ago is closed.
///
/// Loading and reading take no lock: they verify the file as it is. [`Store::ids`] lists every
/// journal file, an empty one (left by a crash between creating it and the first append)
/// included.
///
/// ```
/// use pendamping::store::{FolderStore, Store};
///
/// let dir = std::env::temp_dir().join(format!("pendamping-folder-doc-{}", std::process::id()));
/// let store = FolderStore::open(&dir)?;
/// assert!(store.ids()?.is_empty());
/// # drop(store);
/// # std::fs::remove_dir_all(&dir)?;
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug)]
pub struct FolderStore {
    dir: PathBuf,
    options: JournalOptions,
    open: HashMap<EngagementId, (FileJournal, u64)>,
    /// Counts appends, to close the handle used longest ago first.
    clock: u64,
    max_open: usize,
    /// The keys lines are sealed and checked with, when the store was opened with them.
    pub(super) keyring: Option<Keyring>,
    /// The head of each engagement after this store's last append to it.
    pub(super) heads: HashMap<EngagementId, Head>,
}

impl FolderStore {
    /// Opens the store in a directory, creating the directory (and its parents) when missing.
    ///
    /// # Errors
    ///
    /// [`StoreError::Folder`] when the directory cannot be created or is not a directory.
    pub fn open(dir: impl AsRef<Path>) -> Result<Self, StoreError> {
        let dir = dir.as_ref();
        let folder_error = |source| StoreError::Folder {
            action: "create",
            path: dir.to_owned(),
            source,
        };
        std::fs::create_dir_all(dir).map_err(folder_error)?;
        if !dir.is_dir() {
            return Err(folder_error(io::Error::new(
                io::ErrorKind::NotADirectory,
                "not a directory",
            )));
        }
        Ok(Self {
            dir: dir.to_owned(),
            options: JournalOptions::default(),
            open: HashMap::new(),
            clock: 0,
            max_open: DEFAULT_MAX_OPEN,
            keyring: None,
            heads: HashMap::new(),
        })
    }

    /// The same store with other journal options.
    #[must_use]
    pub fn with_options(mut self, options: JournalOptions) -> Self {
        self.options = options;
        self
    }

    /// The journal options the store reads and writes with.
    pub(super) fn options(&self) -> &JournalOptions {
        &self.options
    }

    /// The store's directory.
    #[must_use]
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// The journal file of an engagement (whether or not it exists).
    #[must_use]
    pub fn path(&self, id: &EngagementId) -> PathBuf {
        self.dir.join(file_name(id))
    }

    /// Closes an engagement's journal file if this store has it open, releasing its lock.
    /// Returns whether it was open.
    pub fn release(&mut self, id: &EngagementId) -> bool {
        self.open.remove(id).is_some()
    }

    /// The open journal of an engagement, opened when needed, or created when `create` (a new
    /// engagement's first batch).
    fn journal(&mut self, id: &EngagementId, create: bool) -> Result<&mut FileJournal, StoreError> {
        self.clock = self.clock.saturating_add(1);
        if !self.open.contains_key(id) {
            let journal = self.open_file(id, create)?;
            if self.open.len() >= self.max_open
                && let Some(oldest) = self
                    .open
                    .iter()
                    .min_by_key(|(_, (_, used))| *used)
                    .map(|(id, _)| id.clone())
            {
                self.open.remove(&oldest);
            }
            self.open.insert(id.clone(), (journal, self.clock));
        }
        let clock = self.clock;
        let (journal, used) = self
            .open
            .get_mut(id)
            .ok_or_else(|| StoreError::NotFound(id.clone()))?;
        *used = clock;
        Ok(journal)
    }

    fn open_file(&self, id: &EngagementId, create: bool) -> Result<FileJournal, StoreError> {
        let path = self.path(id);
        let journal_error = |source| StoreError::Journal {
            engagement: id.clone(),
            source,
        };
        let journal = match FileJournal::open(&path, &self.options) {
            Ok((journal, _)) => journal,
            Err(JournalError::File { source, .. })
                if source.kind() == io::ErrorKind::NotFound && create =>
            {
                match FileJournal::create(&path, &self.options) {
                    Ok(journal) => journal,
                    // Another process created it first: take it as it is.
                    Err(JournalError::File { source, .. })
                        if source.kind() == io::ErrorKind::AlreadyExists =>
                    {
                        FileJournal::open(&path, &self.options)
                            .map_err(journal_error)?
                            .0
                    }
                    Err(e) => return Err(journal_error(e)),
                }
            }
            Err(JournalError::File { source, .. }) if source.kind() == io::ErrorKind::NotFound => {
                return Err(StoreError::NotFound(id.clone()));
            }
            Err(e) => return Err(journal_error(e)),
        };
        match journal.engagement_id() {
            Some(found) if found != id => Err(journal_error(wrong_file(id, found))),
            _ => Ok(journal),
        }
    }

    /// Verifies an engagement's file, handing each event to `each`; returns the engagement.
    /// A keyed store checks every line's seal too, and the end against `head` when given.
    pub(super) fn read(
        &self,
        id: &EngagementId,
        head: Option<&Head>,
        mut each: impl FnMut(Recorded),
    ) -> Result<Engagement, StoreError> {
        let auth_error = |source| StoreError::Auth {
            engagement: id.clone(),
            source,
        };
        let seals = self.seals(id, head)?;
        let mut unchecked = seals.as_ref().map(|(_, seals)| seals.iter());
        let path = self.path(id);
        let journal_error = |source| StoreError::Journal {
            engagement: id.clone(),
            source,
        };
        let file = match File::open(&path) {
            Ok(file) => file,
            Err(e) if e.kind() == io::ErrorKind::NotFound => {
                return Err(StoreError::NotFound(id.clone()));
            }
            Err(source) => {
                return Err(journal_error(JournalError::File {
                    action: "open",
                    path,
                    source,
                }));
            }
        };
        let mut reader = Reader::new(BufReader::with_capacity(1 << 16, file), &self.options);
        while let Some(event) = reader.next() {
            let recorded = event.map_err(|e| match e {
                JournalError::Read(source) => journal_error(JournalError::File {
                    action: "read",
                    path: path.clone(),
                    source,
                }),
                other => journal_error(other),
            })?;
            if recorded.seq == 1
                && let Event::Opened { id: found, .. } = &recorded.event
                && found != id
            {
                return Err(journal_error(wrong_file(id, found)));
            }
            if let (Some((keys, _)), Some(unchecked)) = (&seals, unchecked.as_mut()) {
                protect::check_line(keys, unchecked, Reader::chain(&reader)).map_err(auth_error)?;
            }
            each(recorded);
        }
        if let Some(unchecked) = unchecked {
            protect::no_extra_seals(reader.lines(), unchecked.count()).map_err(auth_error)?;
            if let Some(head) = head {
                let found = reader.engagement().map(Engagement::id);
                protect::ends_at_head(found, reader.lines(), reader.last_hash(), head)
                    .map_err(auth_error)?;
            }
        }
        reader
            .into_engagement()
            .ok_or_else(|| StoreError::NotFound(id.clone()))
    }
}

impl Store for FolderStore {
    fn load(&self, id: &EngagementId) -> Result<Engagement, StoreError> {
        self.read(id, None, drop)
    }

    fn append(
        &mut self,
        id: &EngagementId,
        expected_seq: u64,
        events: &[Recorded],
    ) -> Result<u64, StoreError> {
        // A new file learns its engagement from the opening: it must be this one. Checked
        // before any file is made.
        if let Some(Recorded {
            event: Event::Opened { id: opened, .. },
            ..
        }) = events.first()
            && opened != id
        {
            return Err(StoreError::Journal {
                engagement: id.clone(),
                source: JournalError::Refused {
                    seq: 1,
                    kind: LineErrorKind::WrongEngagement {
                        expected: id.as_str().to_owned(),
                        found: opened.as_str().to_owned(),
                    },
                },
            });
        }
        let create = expected_seq == 0 && !events.is_empty();
        let journal = self.journal(id, create)?;
        let before = (journal.last_seq(), journal.last_hash().to_owned());
        match journal.append(expected_seq, events) {
            Ok(seq) => {
                self.seal(id, before, events)?;
                Ok(seq)
            }
            Err(JournalError::Conflict { expected, found }) => Err(StoreError::Conflict {
                engagement: id.clone(),
                expected,
                current: found,
            }),
            Err(source) => {
                let error = StoreError::Journal {
                    engagement: id.clone(),
                    source,
                };
                if error.should_reload() {
                    // The handle cannot append again; the next append opens the file afresh.
                    self.open.remove(id);
                }
                Err(error)
            }
        }
    }

    fn ids(&self) -> Result<Vec<EngagementId>, StoreError> {
        let list_error = |source| StoreError::Folder {
            action: "list",
            path: self.dir.clone(),
            source,
        };
        let mut ids = Vec::new();
        for entry in std::fs::read_dir(&self.dir).map_err(list_error)? {
            let entry = entry.map_err(list_error)?;
            let name = entry.file_name();
            let Some(stem) = name.to_str().and_then(|n| n.strip_suffix(".jsonl")) else {
                continue; // not a journal: notes, backups, an editor's files
            };
            let id = EngagementId::new(stem.replace('+', ":"))
                .map_err(|_| StoreError::UnexpectedFile { path: entry.path() })?;
            if file_name(&id) != name.to_string_lossy() {
                return Err(StoreError::UnexpectedFile { path: entry.path() });
            }
            ids.push(id);
        }
        ids.sort();
        Ok(ids)
    }

    fn read_from(&self, id: &EngagementId, from_seq: u64) -> Result<Vec<Recorded>, StoreError> {
        let mut events = Vec::new();
        self.read(id, None, |recorded| {
            if recorded.seq >= from_seq {
                events.push(recorded);
            }
        })?;
        Ok(events)
    }
}

/// An engagement's file name: its id, with `:` written `+`, and `.jsonl`.
pub(super) fn file_name(id: &EngagementId) -> String {
    format!("{}.jsonl", id.as_str().replace(':', "+"))
}

/// A file that holds another engagement than its name says (as two ids differing only in case
/// do on a case-insensitive file system).
fn wrong_file(id: &EngagementId, found: &EngagementId) -> JournalError {
    JournalError::Line {
        line: 1,
        kind: LineErrorKind::WrongEngagement {
            expected: id.as_str().to_owned(),
            found: found.as_str().to_owned(),
        },
    }
}
