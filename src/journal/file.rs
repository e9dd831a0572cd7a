//! A journal in a file: locked while a handle may append, checked to still be the file at its
//! path before each append, and synced before an append returns.

use super::reader::Reader;
use super::recovery::{Recovery, Repair, recover};
use super::tail::Tail;
use super::{Chain, JournalError, JournalOptions, LineErrorKind};
use crate::{Engagement, EngagementId, Recorded};
use std::fs::{File, Metadata, OpenOptions};
use std::io::{self, BufReader, Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};

/// A journal in a file, appended to durably: each append is synced to the disk before it
/// returns.
///
/// A `FileJournal` holds an exclusive lock on its file (`flock` on Unix, `LockFileEx` on
/// Windows) for as long as it lives, so a second handle, in this process or another, is refused
/// ([`JournalError::Locked`]) instead of appending beside it. Before each append it checks that
/// the file at its path is still the one it opened (same device and inode) and has the length
/// it last wrote, so a journal replaced by a rename (as `sed -i`, editors and restores do),
/// moved or deleted is refused ([`JournalError::NotAtPath`]) instead of acknowledging events
/// that would be lost with the old file.
///
/// ```
/// use pendamping::{FileJournal, JournalError, JournalOptions};
///
/// let path = std::env::temp_dir().join(format!("pendamping-doc-{}.jsonl", std::process::id()));
/// let journal = FileJournal::create(&path, &JournalOptions::default())?;
/// assert_eq!(journal.last_seq(), 0);
/// // One handle at a time.
/// let err = FileJournal::open(&path, &JournalOptions::default()).unwrap_err();
/// assert!(matches!(err, JournalError::Locked { .. }));
/// drop(journal);
/// let (journal, engagement) = FileJournal::open(&path, &JournalOptions::default())?;
/// assert!(engagement.is_none());
/// # drop(journal);
/// std::fs::remove_file(&path)?;
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug)]
pub struct FileJournal {
    file: File,
    path: PathBuf,
    identity: Identity,
    tail: Tail,
    options: JournalOptions,
    scratch: Vec<u8>,
    poisoned: bool,
}

impl FileJournal {
    /// Creates a new, empty journal file, locks it, and syncs it and its directory.
    ///
    /// # Errors
    ///
    /// [`JournalError::File`] when the file exists already or cannot be created or synced.
    pub fn create(path: impl AsRef<Path>, options: &JournalOptions) -> Result<Self, JournalError> {
        let path = path.as_ref();
        let file = OpenOptions::new()
            .read(true)
            .append(true)
            .create_new(true)
            .open(path)
            .map_err(file_error("create", path))?;
        lock(&file, path)?;
        file.sync_all().map_err(file_error("sync", path))?;
        sync_dir(path)?;
        Self::with_tail(file, path, Tail::for_new(options), options)
    }

    /// Opens a journal file for appending after locking it and verifying all of it, and
    /// returns the engagement it builds (`None` when it is empty).
    ///
    /// # Errors
    ///
    /// [`JournalError::Locked`] when another handle has it. [`JournalError::Line`] when the
    /// file is damaged, even only at its end by a crash: see [`FileJournal::recover`] and
    /// [`FileJournal::repair`]. [`JournalError::File`] when it cannot be opened or read.
    pub fn open(
        path: impl AsRef<Path>,
        options: &JournalOptions,
    ) -> Result<(Self, Option<Engagement>), JournalError> {
        let path = path.as_ref();
        let file = open_locked(path)?;
        let (tail, damage) = scan(&file, path, options)?;
        if let Some((line, kind)) = damage {
            return Err(JournalError::Line { line, kind });
        }
        let engagement = tail.engagement.clone();
        let mut journal = Self::with_tail(file, path, tail, options)?;
        journal.carry_out_erasures()?;
        Ok((journal, engagement))
    }

    /// Finds the longest verified prefix of a journal file and describes what follows it.
    /// Changes nothing, and takes no lock.
    ///
    /// # Errors
    ///
    /// [`JournalError::File`] when the file cannot be opened or read; damage is described in
    /// the [`Recovery`].
    pub fn recover(
        path: impl AsRef<Path>,
        options: &JournalOptions,
    ) -> Result<Recovery, JournalError> {
        let path = path.as_ref();
        let file = File::open(path).map_err(file_error("open", path))?;
        recover(BufReader::with_capacity(1 << 16, file), options).map_err(|e| read_error(e, path))
    }

    /// Carries out the repair a recovery proposes ([`Recovery::repair`]) and opens the journal
    /// for appending: adds the missing LF of a complete last line, or cuts a torn last line.
    /// Nothing that verifies is cut. A clean journal is just opened.
    ///
    /// # Errors
    ///
    /// [`JournalError::CannotRepair`] when the damage is not a crash's (nothing is changed: keep
    /// a copy and look); [`JournalError::StaleRecovery`] when the file changed since `recovery`
    /// was made; [`JournalError::Locked`] and [`JournalError::File`] as for opening.
    pub fn repair(
        path: impl AsRef<Path>,
        recovery: &Recovery,
        options: &JournalOptions,
    ) -> Result<(Self, Option<Engagement>), JournalError> {
        let path = path.as_ref();
        let file = open_locked(path)?;
        let (tail, damage) = scan(&file, path, options)?;
        let found = recovery.damage.as_ref().map(|d| (d.line, d.kind.clone()));
        let file_len = file.metadata().map_err(file_error("read", path))?.len();
        if tail.len != recovery.valid_len || damage != found || file_len != recovery.file_len() {
            return Err(JournalError::StaleRecovery {
                path: path.to_owned(),
            });
        }
        let tail = match (recovery.repair(), damage) {
            (None, None) => tail,
            (None, Some((line, kind))) => return Err(JournalError::CannotRepair { line, kind }),
            (Some(Repair::CutTornTail { len }), _) => {
                file.set_len(len).map_err(file_error("truncate", path))?;
                file.sync_all().map_err(file_error("sync", path))?;
                tail
            }
            (Some(Repair::AddLineEnd { len }), _) => {
                file.set_len(len).map_err(file_error("truncate", path))?;
                (&file)
                    .write_all(b"\n")
                    .map_err(file_error("write", path))?;
                file.sync_all().map_err(file_error("sync", path))?;
                match scan(&file, path, options)? {
                    (tail, None) => tail,
                    (_, Some((line, kind))) => return Err(JournalError::Line { line, kind }),
                }
            }
        };
        let engagement = tail.engagement.clone();
        Ok((Self::with_tail(file, path, tail, options)?, engagement))
    }

    /// Cuts a journal file to its first `len` bytes, which must be exactly its verified lines
    /// (as [`Recovery::valid_len`] reports), syncs it, and opens it for appending.
    ///
    /// This deletes everything after `len`: it is the app's explicit decision. Prefer
    /// [`FileJournal::repair`], which also keeps a complete last line that lacks only its LF.
    ///
    /// # Errors
    ///
    /// [`JournalError::BadTruncation`] when `len` is not the end of the file's verified lines,
    /// or what follows is a complete line that verifies (it lacks only its LF); then nothing is
    /// cut. [`JournalError::Locked`] and [`JournalError::File`] as for opening.
    pub fn truncate_to(
        path: impl AsRef<Path>,
        len: u64,
        options: &JournalOptions,
    ) -> Result<(Self, Option<Engagement>), JournalError> {
        let path = path.as_ref();
        let file = open_locked(path)?;
        let (tail, damage) = scan(&file, path, options)?;
        let keeps_a_line = matches!(damage, Some((_, LineErrorKind::MissingLineEnd { .. })));
        if tail.len != len || keeps_a_line {
            return Err(JournalError::BadTruncation { len });
        }
        file.set_len(len).map_err(file_error("truncate", path))?;
        file.sync_all().map_err(file_error("sync", path))?;
        let engagement = tail.engagement.clone();
        Ok((Self::with_tail(file, path, tail, options)?, engagement))
    }

    fn with_tail(
        file: File,
        path: &Path,
        tail: Tail,
        options: &JournalOptions,
    ) -> Result<Self, JournalError> {
        let identity = identity(&file.metadata().map_err(file_error("read", path))?);
        Ok(Self {
            file,
            path: path.to_owned(),
            identity,
            tail,
            options: *options,
            scratch: Vec::new(),
            poisoned: false,
        })
    }

    /// Appends events after `expected_last_seq`, the sequence number the caller believes the
    /// journal ends at, with one write, and syncs the file before returning the new last
    /// sequence number. Each event is first checked by the rulebook on the engagement the file's
    /// lines build.
    ///
    /// # Errors
    ///
    /// [`JournalError::NotAtPath`], [`JournalError::ChangedOnDisk`], [`JournalError::Conflict`]
    /// and [`JournalError::Refused`] before anything is written. [`JournalError::File`] when
    /// the write or the sync fails; the journal then refuses further appends
    /// ([`JournalError::Poisoned`]) because what reached the disk is unknown: open it again.
    pub fn append(
        &mut self,
        expected_last_seq: u64,
        events: &[Recorded],
    ) -> Result<u64, JournalError> {
        if self.poisoned {
            return Err(JournalError::Poisoned);
        }
        self.check_in_place()?;
        self.scratch.clear();
        let checked = match self
            .tail
            .check(expected_last_seq, events, &mut self.scratch)
        {
            Ok(checked) => checked,
            Err(refusal) => {
                if refusal.dirty && self.reread().is_err() {
                    self.poisoned = true;
                }
                return Err(refusal.error);
            }
        };
        if !self.scratch.is_empty() {
            let path = self.path.as_path();
            if let Err(e) = self.file.write_all(&self.scratch) {
                self.poisoned = true;
                return Err(file_error("write", path)(e));
            }
            if let Err(e) = self.file.sync_data() {
                self.poisoned = true;
                return Err(file_error("sync", path)(e));
            }
        }
        self.tail.commit(checked);
        // Issue 12: an erasure is carried out on the file at once.
        if events
            .iter()
            .any(|r| matches!(r.event, crate::Event::Erased { .. }))
            && let Err(e) = self.carry_out_erasures()
        {
            self.poisoned = true;
            return Err(e);
        }
        Ok(self.tail.chain.seq())
    }

    /// Rewrites the file with the texts its engagement erased removed from the lines' text
    /// parts: a new file beside it, locked, written and synced, then renamed over it, so a crash
    /// leaves the old file or the new one, never half of each. Does nothing when no text is
    /// left to remove. [`FileJournal::open`] calls it too, to finish an erasure a crash
    /// interrupted between its line and the rewrite.
    fn carry_out_erasures(&mut self) -> Result<(), JournalError> {
        let Some(engagement) = &self.tail.engagement else {
            return Ok(());
        };
        let path = self.path.clone();
        let mut bytes = Vec::new();
        (&self.file)
            .seek(SeekFrom::Start(0))
            .map_err(file_error("read", &path))?;
        (&self.file)
            .take(self.tail.len)
            .read_to_end(&mut bytes)
            .map_err(file_error("read", &path))?;
        let Some(erased) = super::erase(&bytes, engagement)? else {
            return Ok(());
        };
        let mut name = path.file_name().unwrap_or_default().to_owned();
        name.push(".erasing");
        let temp = path.with_file_name(name);
        let mut file = OpenOptions::new()
            .read(true)
            .append(true)
            .create(true)
            .truncate(false)
            .open(&temp)
            .map_err(file_error("create", &temp))?;
        lock(&file, &temp)?;
        file.set_len(0).map_err(file_error("truncate", &temp))?;
        file.write_all(&erased)
            .map_err(file_error("write", &temp))?;
        file.sync_all().map_err(file_error("sync", &temp))?;
        std::fs::rename(&temp, &path).map_err(file_error("rename", &path))?;
        sync_dir(&path)?;
        self.identity = identity(&file.metadata().map_err(file_error("read", &path))?);
        self.file = file;
        self.tail.len = erased.len() as u64;
        Ok(())
    }

    /// Checks that the file at the path is still this handle's file, as long as it last wrote.
    fn check_in_place(&self) -> Result<(), JournalError> {
        let path = self.path.as_path();
        let gone = || JournalError::NotAtPath {
            path: path.to_owned(),
        };
        match std::fs::metadata(path) {
            Ok(at_path) if identity(&at_path) == self.identity => {}
            Ok(_) => return Err(gone()),
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Err(gone()),
            Err(e) => return Err(file_error("read", path)(e)),
        }
        let found = self
            .file
            .metadata()
            .map_err(file_error("read", path))?
            .len();
        if found != self.tail.len {
            return Err(JournalError::ChangedOnDisk {
                expected: self.tail.len,
                found,
            });
        }
        Ok(())
    }

    /// Rebuilds the tail from the file's lines, after a batch was refused part way.
    fn reread(&mut self) -> Result<(), JournalError> {
        let path = self.path.as_path();
        (&self.file)
            .seek(SeekFrom::Start(0))
            .map_err(file_error("read", path))?;
        let input = BufReader::with_capacity(1 << 16, (&self.file).take(self.tail.len));
        let mut reader = Reader::new(input, &self.options);
        reader.drain().map_err(|e| read_error(e, path))?;
        self.tail = reader.tail;
        Ok(())
    }

    super::tail::journal_common!();

    /// The file's length as this journal last wrote it.
    #[must_use]
    pub fn len(&self) -> u64 {
        self.tail.len
    }

    /// Whether the journal has no lines.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.tail.len == 0
    }

    /// The file's path.
    #[must_use]
    pub fn path(&self) -> &Path {
        &self.path
    }
}

/// Opens a journal file for reading and appending, and takes its lock.
fn open_locked(path: &Path) -> Result<File, JournalError> {
    let file = OpenOptions::new()
        .read(true)
        .append(true)
        .open(path)
        .map_err(file_error("open", path))?;
    lock(&file, path)?;
    Ok(file)
}

/// Takes the file's exclusive lock without waiting. The lock goes with the handle: closing the
/// file, or the process ending however it ends, releases it.
fn lock(file: &File, path: &Path) -> Result<(), JournalError> {
    // Named in full: std's inherent `File::try_lock` (Rust 1.89) would shadow the trait's.
    match fs4::FileExt::try_lock(file) {
        Ok(()) => Ok(()),
        Err(fs4::TryLockError::WouldBlock) => Err(JournalError::Locked {
            path: path.to_owned(),
        }),
        Err(fs4::TryLockError::Error(e)) => Err(file_error("lock", path)(e)),
    }
}

/// Reads a whole file from its start: the tail of its verified lines, and its first bad line.
fn scan(
    file: &File,
    path: &Path,
    options: &JournalOptions,
) -> Result<(Tail, Option<(u64, LineErrorKind)>), JournalError> {
    let mut file = file;
    file.seek(SeekFrom::Start(0))
        .map_err(file_error("read", path))?;
    let mut reader = Reader::new(BufReader::with_capacity(1 << 16, file), options);
    let damage = match reader.drain() {
        Ok(()) => None,
        Err(JournalError::Line { line, kind }) => Some((line, kind)),
        Err(e) => return Err(read_error(e, path)),
    };
    Ok((reader.tail, damage))
}

/// What tells one file from another at the same path.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Identity {
    device: u64,
    inode: u64,
}

#[cfg(unix)]
fn identity(metadata: &Metadata) -> Identity {
    use std::os::unix::fs::MetadataExt;
    Identity {
        device: metadata.dev(),
        inode: metadata.ino(),
    }
}

/// Without inode numbers in std, only a file's absence or length can tell (the length check
/// follows): a replacement of the same length goes unseen here.
#[cfg(not(unix))]
fn identity(_metadata: &Metadata) -> Identity {
    Identity {
        device: 0,
        inode: 0,
    }
}

pub(super) fn file_error<'p>(
    action: &'static str,
    path: &'p Path,
) -> impl Fn(io::Error) -> JournalError + 'p {
    move |source| JournalError::File {
        action,
        path: path.to_owned(),
        source,
    }
}

/// Names the file in a read error; other errors pass.
fn read_error(e: JournalError, path: &Path) -> JournalError {
    match e {
        JournalError::Read(source) => file_error("read", path)(source),
        other => other,
    }
}

/// Syncs the directory holding `path`, so a new file's name survives a crash.
#[cfg(unix)]
fn sync_dir(path: &Path) -> Result<(), JournalError> {
    let dir = match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    };
    File::open(dir)
        .and_then(|d| d.sync_all())
        .map_err(file_error("sync the directory of", path))
}

/// Directories cannot be opened for syncing here; the file itself was synced.
#[cfg(not(unix))]
fn sync_dir(_path: &Path) -> Result<(), JournalError> {
    Ok(())
}
