//! Why an engagement refused a command: who may not give it, or everything that stands in
//! its way.

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
///     confidentiality: None,
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

pub(crate) fn join(problems: &[Problem]) -> String {
    problems
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join("; ")
}
