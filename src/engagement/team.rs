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

/// What a command asks of its actor. Each command needs one of these; the [`Policy`] says
/// which actor kinds hold which, starting from [`PERMISSIONS`].
///
/// The first five are coarse (the practice, approving, the team, the client system's voice, a
/// provider's answers); the rest say how each party takes part without the practice: the
/// client system and the community propose and agree, donors and agencies contribute their
/// own records to the design, the implementation and the evaluation. A record made through
/// one of them is marked as its maker's (`proposed_by`), and a proposed goal counts in the plan
/// once the worker accepts it. Nobody but the practice moves stages or closes.
///
/// Stored policies name permissions by their serde names, so none is ever renamed or removed;
/// new ones go at the end.
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
    // Issue 13: participation.
    /// Recording a need in one's own voice, marked as one's own.
    ProposeNeed,
    /// Recording a strength the client system holds, marked as one's own.
    RecordOwnStrength,
    /// Adding a goal to the draft plan as a proposal: it counts once the worker accepts it.
    ProposeGoal,
    /// Adding an intervention to the draft plan that one carries out oneself (a donor's
    /// funding, an agency's service, the community's own work).
    ContributeToDesign,
    /// Adding one's own words to a consultation or an education record.
    ContributeToImplementation,
    /// Adding one's own view of an evaluation, with one's own rating of its goals.
    ContributeToEvaluation,
    /// Agreeing to a plan and consenting in the name of a community that is the client system.
    AgreeForCommunity,
}

/// The default permission table, one row per actor kind: what each kind may do when the
/// [`Policy`](crate::Policy) grants and revokes nothing. It follows the seed's practice: the
/// worker records and decides what the practice requires; the supervisor also approves and
/// manages the team; the client system speaks for itself, proposes needs, strengths and goals
/// and rates the evaluation; the community's representative proposes, contributes and, on a
/// community-level client system, agrees and consents for the community; donors and agencies
/// contribute to design, implementation and evaluation through their own records (an agency
/// also answers referrals addressed to it). `ARCHITECTURE.md` ("Who may do what") and the
/// engagement docs show it as a table, which a test renders from this data.
///
/// ```
/// use pendamping::{ActorKind, Permission};
/// assert!(Permission::ProposeGoal.default_for(ActorKind::ClientMember));
/// assert!(!Permission::Practice.default_for(ActorKind::Donor));
/// ```
pub const PERMISSIONS: &[(ActorKind, &[Permission])] = {
    use Permission as P;
    &[
        (ActorKind::SocialWorker, &[P::Practice]),
        (
            ActorKind::Supervisor,
            &[P::Practice, P::Approve, P::ManageTeam],
        ),
        (
            ActorKind::ClientMember,
            &[
                P::ClientVoice,
                P::ProposeNeed,
                P::RecordOwnStrength,
                P::ProposeGoal,
                P::ContributeToImplementation,
                P::ContributeToEvaluation,
            ],
        ),
        (
            ActorKind::CommunityRepresentative,
            &[
                P::ProposeNeed,
                P::RecordOwnStrength,
                P::ProposeGoal,
                P::ContributeToDesign,
                P::ContributeToImplementation,
                P::ContributeToEvaluation,
                P::AgreeForCommunity,
            ],
        ),
        (
            ActorKind::Donor,
            &[
                P::ContributeToDesign,
                P::ContributeToImplementation,
                P::ContributeToEvaluation,
            ],
        ),
        (
            ActorKind::Agency,
            &[
                P::ProviderUpdate,
                P::ContributeToDesign,
                P::ContributeToImplementation,
                P::ContributeToEvaluation,
            ],
        ),
    ]
};

impl Permission {
    /// Every permission.
    pub const ALL: &'static [Self] = &[
        Self::Practice,
        Self::Approve,
        Self::ManageTeam,
        Self::ClientVoice,
        Self::ProviderUpdate,
        Self::ProposeNeed,
        Self::RecordOwnStrength,
        Self::ProposeGoal,
        Self::ContributeToDesign,
        Self::ContributeToImplementation,
        Self::ContributeToEvaluation,
        Self::AgreeForCommunity,
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
            Self::ProposeNeed => "propose_need",
            Self::RecordOwnStrength => "record_own_strength",
            Self::ProposeGoal => "propose_goal",
            Self::ContributeToDesign => "contribute_to_design",
            Self::ContributeToImplementation => "contribute_to_implementation",
            Self::ContributeToEvaluation => "contribute_to_evaluation",
            Self::AgreeForCommunity => "agree_for_community",
        }
    }

    /// Whether an actor kind holds this permission by default: its cell in [`PERMISSIONS`].
    /// A kind without a row (one added later) holds nothing.
    #[must_use]
    pub const fn default_for(self, kind: ActorKind) -> bool {
        // A const fn walks the table by slice patterns (no iterators, no indexing).
        let mut rows = PERMISSIONS;
        while let [(k, held), rest @ ..] = rows {
            if *k as u8 == kind as u8 {
                let mut held = *held;
                while let [p, more @ ..] = held {
                    if *p as u8 == self as u8 {
                        return true;
                    }
                    held = more;
                }
                return false;
            }
            rows = rest;
        }
        false
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
