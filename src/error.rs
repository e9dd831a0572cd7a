//! The crate's error types that are not tied to one module.

// `shorten` moved to the vocabulary with `ParseError`; the modules that still reach it here
// (ids, the journal) are moved over by their owners, and this line goes with the file.
pub(crate) use crate::vocab::shorten;

use crate::engagement::Problem;
use crate::{Actor, ActorKind};

/// Why an engagement refused a command. A refused command changes nothing.
///
/// ```
/// use pendamping::{Actor, ActorKind, Command, Priority, Rejection};
/// # use pendamping::{ClientSystem, ClientSystemLevel, Engagement, EngagementId, Opening, Policy, TeamMember};
/// # use chrono::{TimeZone, Utc};
/// # let worker = Actor::new("w:siti", ActorKind::SocialWorker)?;
/// # let opening = Opening {
/// #     id: EngagementId::new("case-1")?,
/// #     client: ClientSystem { level: ClientSystemLevel::Family, name: "Keluarga Sari".into() },
/// #     team: vec![TeamMember { id: worker.id.clone(), kind: ActorKind::SocialWorker, name: "Siti".into() }],
/// #     policy: Policy::default(),
/// # };
/// # let at = Utc.with_ymd_and_hms(2026, 1, 5, 9, 0, 0).unwrap();
/// # let mut case = Engagement::open(&worker, at, opening)?;
/// let donor = Actor::new("d:fund", ActorKind::Donor)?;
/// let need = Command::RecordNeed {
///     domain: "income".into(),
///     description: "No steady income".into(),
///     priority: Priority::High,
/// };
/// let err = case.execute(&donor, at, need).unwrap_err();
/// assert_eq!(err.to_string(), "d:fund (donor) may not record_need: not on the team");
/// assert!(matches!(err, Rejection::NotPermitted { .. }));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum Rejection {
    /// The actor may not give this command.
    #[error("{actor} may not {command}: {why}")]
    NotPermitted {
        /// Who asked.
        actor: Actor,
        /// The command's name.
        command: &'static str,
        /// Why not.
        why: NotPermittedBecause,
    },
    /// The command cannot be carried out as asked; every problem is listed.
    #[error("cannot {command}: {}", join(problems))]
    Refused {
        /// The command's name.
        command: &'static str,
        /// Everything that stands in the way.
        problems: Vec<Problem>,
    },
}

impl Rejection {
    /// The problems listed by a [`Rejection::Refused`]; empty for a refused permission.
    #[must_use]
    pub fn problems(&self) -> &[Problem] {
        match self {
            Self::Refused { problems, .. } => problems,
            Self::NotPermitted { .. } => &[],
        }
    }
}

/// Why an actor may not give a command.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum NotPermittedBecause {
    /// They are not on the engagement's team (with that kind).
    #[error("not on the team")]
    NotOnTeam,
    /// The policy does not give their kind the permission.
    #[error("the policy does not give {} the {} permission", a_kind(*kind), permission.as_str())]
    Policy {
        /// Their kind.
        kind: ActorKind,
        /// The permission needed.
        permission: crate::Permission,
    },
    /// Only a social worker or a supervisor opens an engagement.
    #[error("only a social worker or a supervisor on its team opens an engagement")]
    NotAnOpener,
    /// The referral is not addressed to them.
    #[error("the referral is addressed to another provider")]
    OtherProvider,
}

/// An event that does not fit the engagement it is applied to, located by its sequence number.
///
/// Replaying a stored record returns this when the record was damaged or forged; the events
/// before `seq` were fine.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("event {seq}: {kind}")]
pub struct ReplayError {
    /// The sequence number of the event that does not fit (as stored, or as expected).
    pub seq: u64,
    /// What is wrong with it.
    pub kind: ReplayErrorKind,
}

/// What is wrong with an event that does not fit.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ReplayErrorKind {
    /// The stream is empty.
    #[error("there are no events")]
    Empty,
    /// The stream does not start with an opening.
    #[error("the first event is not an opening")]
    NotOpened,
    /// An opening comes after the first event.
    #[error("the engagement is already open")]
    OpenedTwice,
    /// A sequence number is out of order.
    #[error("expected sequence number {expected}, found {found}")]
    Sequence {
        /// The number expected.
        expected: u64,
        /// The number found.
        found: u64,
    },
    /// A record's id is not the next one the engagement would give.
    #[error("expected {expected}, found {found}")]
    RecordId {
        /// The id expected.
        expected: crate::engagement::RecordRef,
        /// The id found.
        found: crate::engagement::RecordRef,
    },
    /// A recorded status change does not match the engagement's status or the lifecycle table.
    #[error("the recorded move from {} to {} as {} does not match the lifecycle", from.as_str(), to.as_str(), kind.as_str())]
    MoveMismatch {
        /// The status the event says it leaves.
        from: crate::lifecycle::Status,
        /// The status it enters.
        to: crate::lifecycle::Status,
        /// The kind it records.
        kind: crate::lifecycle::TransitionKind,
    },
    /// The event does not fit the state.
    #[error(transparent)]
    Misfit(#[from] Problem),
}

/// An actor kind's name with its article: `a donor`, `an agency`.
pub(crate) fn a_kind(kind: ActorKind) -> String {
    let name = kind.as_str();
    let article = if name.starts_with(['a', 'e', 'i', 'o', 'u']) {
        "an"
    } else {
        "a"
    };
    format!("{article} {name}")
}

fn join(problems: &[Problem]) -> String {
    problems
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join("; ")
}

/// Why a journal could not be read, verified or appended to.
///
/// A damaged journal is reported at its first bad line, counted from 1, with what is wrong there
/// ([`LineErrorKind`]); the lines before it were fine. See [`journal`](crate::journal) for the
/// format and the order in which a line is checked.
#[cfg(feature = "journal")]
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum JournalError {
    /// A stored line is damaged, or does not follow the lines before it.
    #[error("journal line {line}: {kind}")]
    Line {
        /// The line, counted from 1.
        line: u64,
        /// What is wrong with it.
        kind: LineErrorKind,
    },
    /// An event given to append cannot follow the journal; nothing was written.
    #[error("cannot append event {seq}: {kind}")]
    Refused {
        /// The event's sequence number.
        seq: u64,
        /// Why it cannot follow.
        kind: LineErrorKind,
    },
    /// The journal does not end where the appender expected: someone else appended first, or
    /// the app's engagement is stale. Nothing was written.
    #[error("the journal ends at seq {found}, not at the expected seq {expected}")]
    Conflict {
        /// The last sequence number the appender expected.
        expected: u64,
        /// The journal's actual last sequence number.
        found: u64,
    },
    /// The journal records no event, so there is no engagement to load.
    #[error("the journal is empty: it records no engagement yet")]
    Empty,
    /// The file's length is not the one this journal last wrote: another writer or a tool
    /// changed it. Nothing was written.
    #[error("the journal file is {found} bytes long, not the {expected} bytes this journal wrote")]
    ChangedOnDisk {
        /// The length this journal expected.
        expected: u64,
        /// The length found.
        found: u64,
    },
    /// An earlier append failed while writing or syncing, so what reached the disk is unknown.
    #[error("an earlier append failed: open the journal again to see what reached the disk")]
    Poisoned,
    /// A length to truncate to is not the end of a verified line of the file.
    #[error("cannot cut the journal at byte {len}: not the end of a verified line")]
    BadTruncation {
        /// The length asked for.
        len: u64,
    },
    /// Reading the journal failed.
    #[error("cannot read the journal: {0}")]
    Read(#[source] std::io::Error),
    /// A file operation failed.
    #[error("cannot {action} {}: {source}", path.display())]
    File {
        /// What was being done (`"open"`, `"create"`, `"read"`, `"write"`, `"sync"`, ...).
        action: &'static str,
        /// The file.
        path: std::path::PathBuf,
        /// The system's error.
        #[source]
        source: std::io::Error,
    },
}

#[cfg(feature = "journal")]
impl JournalError {
    /// The damaged line's number, for [`JournalError::Line`].
    #[must_use]
    pub fn line(&self) -> Option<u64> {
        match self {
            Self::Line { line, .. } => Some(*line),
            _ => None,
        }
    }

    /// What is wrong, for [`JournalError::Line`] and [`JournalError::Refused`].
    #[must_use]
    pub fn kind(&self) -> Option<&LineErrorKind> {
        match self {
            Self::Line { kind, .. } | Self::Refused { kind, .. } => Some(kind),
            _ => None,
        }
    }
}

/// What is wrong with one line of a journal (or with an event given to append).
#[cfg(feature = "journal")]
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum LineErrorKind {
    /// The line is longer than the configured limit (the line end not counted).
    #[error("longer than the limit of {limit} bytes")]
    TooLong {
        /// The limit in force.
        limit: usize,
    },
    /// The file ends inside this line: it has no line end, as when a write was cut short.
    #[error("cut off: the file ends after {len} bytes of this line, without a line end")]
    Torn {
        /// The bytes of the line that are there.
        len: usize,
    },
    /// The line starts with a byte order mark.
    #[error("starts with a byte order mark (EF BB BF)")]
    ByteOrderMark,
    /// The line ends with a carriage return: journal lines end with LF alone.
    #[error("ends with a carriage return: lines must end with LF, not CRLF")]
    CarriageReturn,
    /// The line is not UTF-8.
    #[error("not UTF-8: invalid byte at column {column}")]
    NotUtf8 {
        /// The first invalid byte, counted from 1.
        column: usize,
    },
    /// The line is not a JSON object of the journal's shape.
    #[error("not a journal line: {detail}")]
    Malformed {
        /// The parser's description, with its column.
        detail: String,
    },
    /// The line declares a format version this crate does not read.
    #[error(
        "format version {found} is not supported: this crate reads version {}",
        crate::journal::FORMAT_VERSION
    )]
    UnsupportedVersion {
        /// The version found.
        found: u64,
    },
    /// The line does not end with its hash field: `,"hash":"` and 64 lowercase hex digits.
    #[error("the hash field {found:?} is not 64 lowercase hex digits ending the line")]
    BadHashField {
        /// The hash field's value (shortened to 64 characters).
        found: String,
    },
    /// The line's content does not hash to the hash it carries: it was edited.
    #[error("the content hashes to {computed}, not to the stored {stored}")]
    HashMismatch {
        /// The hash the line carries.
        stored: String,
        /// The hash of its content.
        computed: String,
    },
    /// The line's `prev` is not the previous line's hash: a line was removed, inserted,
    /// reordered or rewritten before it.
    #[error("prev is {found:?}, but the line before hashes to {expected}")]
    BrokenChain {
        /// The previous line's hash (the genesis value on line 1).
        expected: String,
        /// The `prev` found (shortened to 64 characters).
        found: String,
    },
    /// The line belongs to another engagement.
    #[error("engagement {found:?} where {expected:?} was expected")]
    WrongEngagement {
        /// The journal's engagement (on line 1, the id its opening event gives).
        expected: String,
        /// The id found (shortened to 64 characters).
        found: String,
    },
    /// The sequence number is not the next one: a gap or a repeat.
    #[error("expected seq {expected}, found seq {found}")]
    Sequence {
        /// The number expected.
        expected: u64,
        /// The number found.
        found: u64,
    },
    /// The time is before the previous event's.
    #[error("time goes back: {at} is before the previous event's {last}")]
    TimeWentBack {
        /// The event's time.
        at: chrono::DateTime<chrono::Utc>,
        /// The previous event's time.
        last: chrono::DateTime<chrono::Utc>,
    },
    /// The event does not fit the engagement the lines before it build.
    #[error("the event does not fit the engagement: {0}")]
    Replay(#[from] ReplayError),
}
