//! Importing a case: the state an engagement reached in another system (or a paper file),
//! brought in right after its opening so the engagement continues from there and replays like
//! any other.

use crate::engagement::{
    GoalId, GoalStatus, NeedId, Priority, Provider, ReferralStatus, ResourceId, Responsible,
};
use crate::{Barrier, Function, ManagementMode, ResourceKind, Role, Stage};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// Where an imported case comes from.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ImportSource {
    /// The system or register (`Buku register PKH Kelurahan Sukamaju 2025`).
    pub system: String,
    /// The case's number there, if it had one.
    #[serde(default)]
    pub reference: Option<String>,
    /// The day the record there was last brought up to date.
    pub as_of: NaiveDate,
}

/// A need as another system held it; imported needs are open.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ImportedNeed {
    /// The area of life.
    pub domain: String,
    /// The need.
    pub description: String,
    /// How pressing it is.
    pub priority: Priority,
    /// How confidential it is, when chosen; left out, the default of its kind.
    #[serde(default)]
    pub confidentiality: Option<crate::Confidentiality>,
}

/// A resource as another system held it.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ImportedResource {
    /// Personal, interpersonal or social.
    pub kind: ResourceKind,
    /// What it is.
    pub description: String,
    /// Who holds it, when not the client system.
    #[serde(default)]
    pub holder: Option<String>,
    /// What keeps the client from it.
    #[serde(default)]
    pub barriers: Vec<Barrier>,
    /// How confidential it is, when chosen; left out, the default of its kind.
    #[serde(default)]
    pub confidentiality: Option<crate::Confidentiality>,
}

/// A goal of the plan reached elsewhere; `addresses` numbers the imported needs from 1.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ImportedGoal {
    /// What the client system wants to reach.
    pub description: String,
    /// The imported needs it addresses.
    pub addresses: Vec<NeedId>,
    /// Where it stands.
    pub status: GoalStatus,
    /// When it is due.
    #[serde(default)]
    pub due_on: Option<NaiveDate>,
}

/// An intervention of the plan reached elsewhere; `serves` and `uses` number the imported
/// goals and resources from 1.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ImportedIntervention {
    /// The programme or action.
    pub description: String,
    /// The goals it serves.
    pub serves: Vec<GoalId>,
    /// The function it carries out.
    pub function: Function,
    /// The worker's role in it.
    pub role: Role,
    /// Who carries it out.
    pub responsible: Responsible,
    /// The resources it uses.
    #[serde(default)]
    pub uses: Vec<ResourceId>,
    /// When it is due.
    #[serde(default)]
    pub due_on: Option<NaiveDate>,
}

/// A referral still in flight (or drafted) elsewhere; `resource` numbers the imported
/// resources from 1 and must be held outside the client system.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ImportedReferral {
    /// The resource.
    pub resource: ResourceId,
    /// Where it went.
    pub provider: Provider,
    /// How the worker manages the resource.
    pub mode: ManagementMode,
    /// Where its loop stands: not closed.
    pub status: ReferralStatus,
    /// The client-system members (on the team) whose consent to it is in force.
    #[serde(default)]
    pub consent: Vec<crate::ActorId>,
    /// When it is due.
    #[serde(default)]
    pub due_on: Option<NaiveDate>,
    /// How confidential it is, when chosen; left out, the default of its kind.
    #[serde(default)]
    pub confidentiality: Option<crate::Confidentiality>,
}

/// The state a case reached elsewhere: [`Command::Import`](crate::Command::Import) brings it
/// in right after the opening. Imported records take the ids 1, 2, ... in the order given,
/// so `addresses`, `serves`, `uses` and `resource` name them by those numbers; the plan's
/// goals and interventions form plan version 1.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ImportedCase {
    /// Where it comes from.
    pub source: ImportSource,
    /// The stage it reached: needs assessment, planning, implementation or evaluation.
    pub stage: Stage,
    /// Its needs.
    #[serde(default)]
    pub needs: Vec<ImportedNeed>,
    /// Its resources: strengths and resources held by others.
    #[serde(default)]
    pub resources: Vec<ImportedResource>,
    /// The goals of its plan.
    #[serde(default)]
    pub goals: Vec<ImportedGoal>,
    /// The interventions of its plan.
    #[serde(default)]
    pub interventions: Vec<ImportedIntervention>,
    /// Its referrals not yet closed.
    #[serde(default)]
    pub referrals: Vec<ImportedReferral>,
}

/// The stages a case is imported into, in the order the lifecycle reaches them.
pub(crate) const IMPORT_STAGES: [Stage; 4] = [
    Stage::NeedsAssessment,
    Stage::Planning,
    Stage::Implementation,
    Stage::Evaluation,
];

impl crate::Engagement {
    /// Opens an engagement and imports the state its case reached elsewhere: the opening, then
    /// [`Command::Import`](crate::Command::Import), both by `by` at `at`. The engagement
    /// continues from the imported stage; its two events replay like any others.
    ///
    /// # Errors
    ///
    /// As [`Engagement::open`](crate::Engagement::open), then every problem the import has
    /// (a closed referral, a goal naming a need not imported, a stage past evaluation, ...).
    pub fn import(
        by: &crate::Actor,
        at: chrono::DateTime<chrono::Utc>,
        opening: crate::Opening,
        case: ImportedCase,
    ) -> Result<Self, crate::Rejection> {
        let mut engagement = Self::open(by, at, opening)?;
        engagement.execute(by, at, crate::Command::Import { case })?;
        Ok(engagement)
    }
}
