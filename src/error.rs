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
