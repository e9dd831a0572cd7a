//! Who takes part in an engagement, and what each may do.

use crate::engagement::{ActorId, Problem};
use crate::{ActorKind, ClientSystemLevel};
use serde::{Deserialize, Serialize};

/// Someone acting on an engagement: who, and in what capacity.
///
/// Every command carries one. The same person acting as worker on one case and supervisor on
/// another appears as two actors with the same id and different kinds.
///
/// ```
/// use pendamping::{Actor, ActorKind};
/// let siti = Actor::new("w:siti", ActorKind::SocialWorker)?;
/// assert_eq!(siti.to_string(), "w:siti (social_worker)");
/// # Ok::<(), pendamping::ParseError>(())
/// ```
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Actor {
    /// The app's id for the actor.
    pub id: ActorId,
    /// The capacity in which they act.
    pub kind: ActorKind,
}

impl Actor {
    /// An actor from an id (checked) and a kind.
    ///
    /// # Errors
    ///
    /// [`ParseError::InvalidId`](crate::ParseError::InvalidId) when the id breaks the id rules.
    pub fn new(id: &str, kind: ActorKind) -> Result<Self, crate::ParseError> {
        Ok(Self {
            id: ActorId::new(id)?,
            kind,
        })
    }
}

impl core::fmt::Display for Actor {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        write!(f, "{} ({})", self.id, self.kind.as_str())
    }
}

/// A member of an engagement's team: the assigned worker(s), the supervisor, the members of the
/// client system, and the partners (community representatives, donors, agencies).
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TeamMember {
    /// The app's id for the member.
    pub id: ActorId,
    /// Their part in the engagement.
    pub kind: ActorKind,
    /// The name shown to people.
    pub name: String,
}

/// The client system an engagement follows.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ClientSystem {
    /// One person, a family, a group, an organisation or a community.
    pub level: ClientSystemLevel,
    /// How people refer to it ("Keluarga Ibu Sari", "Dusun Sukamaju").
    pub name: String,
}

/// What a command asks of its actor. Each command needs exactly one of these; the [`Policy`]
/// says which actor kinds hold which.
///
/// [`Policy`]: crate::Policy
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Permission {
    /// The practice itself: assessing, planning, recording activities, moving stages, closing.
    Practice,
    /// Approving or rejecting a plan or a closure.
    Approve,
    /// Reassigning the worker, changing the team, changing the policy.
    ManageTeam,
    /// The client system's own voice: agreeing to a plan, giving or withdrawing consent,
    /// adding their contribution to a consultation or an education record.
    ClientVoice,
    /// A provider's side of a referral addressed to it: accepting, rejecting, progress, outcome.
    ProviderUpdate,
    /// Issue 12: erasing a person's or a record's personal text.
    Erase,
}

impl Permission {
    /// Every permission.
    pub const ALL: &'static [Self] = &[
        Self::Practice,
        Self::Approve,
        Self::ManageTeam,
        Self::ClientVoice,
        Self::ProviderUpdate,
        Self::Erase,
    ];

    /// The stable `snake_case` name (also the serde form).
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Practice => "practice",
            Self::Approve => "approve",
            Self::ManageTeam => "manage_team",
            Self::ClientVoice => "client_voice",
            Self::ProviderUpdate => "provider_update",
            Self::Erase => "erase",
        }
    }

    /// Whether an actor kind holds this permission by default (the matrix in `ARCHITECTURE.md`): workers
    /// practise; supervisors practise, approve and manage the team; client-system members speak
    /// for themselves; agencies update referrals addressed to them; donors and community
    /// representatives read only.
    #[must_use]
    pub const fn default_for(self, kind: ActorKind) -> bool {
        matches!(
            (kind, self),
            (ActorKind::SocialWorker, Self::Practice)
                | (
                    ActorKind::Supervisor,
                    Self::Practice | Self::Approve | Self::ManageTeam | Self::Erase
                )
                | (ActorKind::ClientMember, Self::ClientVoice)
                | (ActorKind::Agency, Self::ProviderUpdate)
        )
    }
}

/// The finder used by decide and apply: the team member with this id, if any.
pub(crate) fn member<'a>(team: &'a [TeamMember], id: &ActorId) -> Option<&'a TeamMember> {
    team.iter().find(|m| &m.id == id)
}

/// Checks a list of new team members: valid names, no repeated ids.
pub(crate) fn check_members(
    members: &[TeamMember],
    problems: &mut Vec<Problem>,
) -> Vec<TeamMember> {
    use crate::engagement::bounds::MAX_TEAM;
    if members.len() > MAX_TEAM {
        problems.push(Problem::TooMany {
            field: "team",
            count: members.len(),
            max: MAX_TEAM,
        });
        return Vec::new();
    }
    let mut out: Vec<TeamMember> = Vec::with_capacity(members.len());
    for m in members {
        let name = crate::engagement::text::name("member name", &m.name, problems);
        if out.iter().any(|o| o.id == m.id) {
            problems.push(Problem::DuplicateMember { id: m.id.clone() });
        }
        out.push(TeamMember {
            id: m.id.clone(),
            kind: m.kind,
            name,
        });
    }
    out
}
