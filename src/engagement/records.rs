//! The records an engagement keeps: needs, resources, goals, interventions, activities, the
//! ending and follow-ups, and the small vocabularies that describe them. Plans, referrals and
//! evaluations have files of their own (`plan.rs`, `referral.rs`, `evaluation.rs`).

use crate::engagement::{
    ActivityId, ActorId, Approval, Confidentiality, GoalId, InterventionId, NeedId, ReferralId,
    ResourceId,
};
use crate::vocab::vocabulary;
use crate::{Barrier, Function, ResourceKind, Role};
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
// The docs link to it; the JSON Schemas keep the link's plain text.
#[cfg(doc)]
use crate::Referral;

vocabulary! {
    /// How pressing a need is.
    ///
    /// Exhaustive: four levels are what triage in the field uses.
    pub enum Priority ("priority") {
        /// Can wait for the ordinary plan.
        Low = "low", en "Low", id "Rendah";
        /// Part of the ordinary plan.
        Medium = "medium", en "Medium", id "Sedang";
        /// To be planned first.
        High = "high", en "High", id "Tinggi";
        /// Needs action before planning ends (hunger, safety, a deadline).
        Urgent = "urgent", en "Urgent", id "Mendesak";
    }
}

/// Where a need stands.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[serde(rename_all = "snake_case", tag = "status")]
#[non_exhaustive]
pub enum NeedStatus {
    /// Still to be addressed.
    #[serde(deserialize_with = "crate::engagement::strict::no_members")]
    Open,
    /// Met; the note says how.
    Met {
        /// How it was met, if recorded.
        note: Option<String>,
    },
    /// Set aside on purpose, with the reason (another service has it, the family chose to wait).
    Deferred {
        /// Why it was deferred.
        reason: String,
    },
}

/// A need found in needs assessment (*pemahaman kebutuhan*).
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Need {
    /// Its id.
    pub id: NeedId,
    /// The area of life (income, health, schooling, housing, documents, safety, ...).
    pub domain: String,
    /// What the need is, in the worker's and client's words.
    pub description: String,
    /// How pressing it is.
    pub priority: Priority,
    /// Open, met or deferred.
    pub status: NeedStatus,
    /// Who proposed it, when it was recorded in their own voice rather than by the practice
    /// (a client-system member, the community's representative, a partner).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub proposed_by: Option<ActorId>,
    /// How confidential it is, when chosen on purpose; `None` takes the default of its kind
    /// ([`Need::confidentiality`] and its peers say which).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub confidentiality: Option<Confidentiality>,
}

/// Who holds a resource.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[serde(rename_all = "snake_case", tag = "holder")]
#[non_exhaustive]
pub enum Holder {
    /// The client system itself: a strength.
    #[serde(deserialize_with = "crate::engagement::strict::no_members")]
    Client,
    /// Someone outside the client system (a neighbour, a clinic, a programme).
    External {
        /// Who holds it.
        name: String,
    },
    /// Someone in the client system's surroundings (its community, a neighbour, a group it
    /// belongs to) who makes the resource available to it: a strength when nothing bars it.
    Surroundings {
        /// Who holds it.
        name: String,
        /// The community, a neighbour or a group.
        around: Surrounding,
    },
}

vocabulary! {
    /// Who in the client system's surroundings holds a resource it can draw on: the "good
    /// things in the client's life and surroundings" of Payne (1986:26).
    ///
    /// Exhaustive: the three circles around a client system that generalist practice names.
    pub enum Surrounding ("surrounding") {
        /// The local community (a village fund, a mosque's rota, a hamlet's work party).
        Community = "community", en "The community", id "Masyarakat";
        /// A neighbour.
        Neighbour = "neighbour", en "A neighbour", id "Tetangga";
        /// A group the client system belongs to (a savings group, a farmers' group).
        Group = "group", en "A group", id "Kelompok";
    }
}

/// A resource (*sumber*): a strength of the client's own, or something outside they could use.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Resource {
    /// Its id.
    pub id: ResourceId,
    /// Personal, interpersonal or social.
    pub kind: ResourceKind,
    /// What it is.
    pub description: String,
    /// The client's own, or held by someone else.
    pub holder: Holder,
    /// What keeps the client from it.
    pub barriers: Vec<Barrier>,
    /// Set when a linkage to it completed.
    pub reached: bool,
    /// Where and how an outside resource is offered, when known. Boxed: most resources have
    /// none, and kept inline the details would more than triple every resource's size.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub service: Option<Box<ServiceDetails>>,
    /// Who proposed it, when it was recorded in their own voice rather than by the practice
    /// (a client-system member, the community's representative, a partner).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub proposed_by: Option<ActorId>,
    /// How confidential it is, when chosen on purpose; `None` takes the default of its kind
    /// ([`Need::confidentiality`] and its peers say which).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub confidentiality: Option<Confidentiality>,
}

/// Where and how an outside resource is offered: what a broker needs to link a client with it.
///
/// The fields follow the core of Open Referral's Human Services Data Specification (HSDS 3.0),
/// the common format of resource directories: the organisation and its service, where, for
/// whom, at what cost, in which languages, how accessible, when, and how much room it has.
/// All are optional free text; blank ones are dropped.
///
/// `#[non_exhaustive]`: build one from [`ServiceDetails::default`] and set what is known.
///
/// ```
/// use pendamping::ServiceDetails;
///
/// let mut clinic = ServiceDetails::default();
/// clinic.organisation = Some("Puskesmas Cibeunying".into());
/// clinic.service = Some("Child immunisation".into());
/// clinic.schedule = Some("Tuesdays and Thursdays, 08:00-12:00".into());
/// clinic.cost = Some("Free with a KIS health card".into());
/// clinic.languages = vec!["Bahasa Indonesia".into(), "Sunda".into()];
/// ```
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[serde(default)]
#[non_exhaustive]
pub struct ServiceDetails {
    /// The organisation offering it.
    pub organisation: Option<String>,
    /// The service itself.
    pub service: Option<String>,
    /// Where it is offered.
    pub location: Option<String>,
    /// Who may use it.
    pub eligibility: Option<String>,
    /// What it costs, and any waiver.
    pub cost: Option<String>,
    /// The languages it is offered in.
    pub languages: Vec<String>,
    /// How accessible it is to a person with a disability.
    pub accessibility: Option<String>,
    /// When it is open.
    pub schedule: Option<String>,
    /// How much room it has (places, waiting list).
    pub capacity: Option<String>,
}

impl Goal {
    /// Whether the goal counts in its plan: not cancelled, and not a proposal the worker has
    /// not yet accepted.
    #[must_use]
    pub fn counts(&self) -> bool {
        self.status != GoalStatus::Cancelled
            && !(self.proposed_by.is_some() && self.status == GoalStatus::Proposed)
    }
}

impl Resource {
    /// Whether this is a strength: a resource the client system holds itself, or one its
    /// surroundings (its community, a neighbour, a group) make available to it with nothing
    /// barring the way.
    #[must_use]
    pub fn is_strength(&self) -> bool {
        match self.holder {
            Holder::Client => true,
            Holder::Surroundings { .. } => self.barriers.is_empty(),
            _ => false,
        }
    }
}

vocabulary! {
    /// A goal's place in its lifecycle (after HL7 FHIR's Goal lifecycle).
    ///
    /// Exhaustive: apps report per status.
    pub enum GoalStatus ("goal status") {
        /// Suggested, not yet taken up.
        Proposed = "proposed", en "Proposed", id "Diusulkan";
        /// Agreed as a goal to work on.
        Accepted = "accepted", en "Accepted", id "Disepakati";
        /// Being worked on.
        Active = "active", en "Active", id "Berjalan";
        /// Paused.
        OnHold = "on_hold", en "On hold", id "Ditunda";
        /// Reached.
        Completed = "completed", en "Completed", id "Selesai";
        /// Given up; no longer counts.
        Cancelled = "cancelled", en "Cancelled", id "Dibatalkan";
        /// Ended without being reached.
        NotAchieved = "not_achieved", en "Not achieved", id "Tidak tercapai";
    }
}

vocabulary! {
    /// How a goal is going (after HL7 FHIR's Goal achievement status).
    ///
    /// Exhaustive: apps report per status.
    pub enum Achievement ("achievement") {
        /// Work has started.
        InProgress = "in_progress", en "In progress", id "Sedang berjalan";
        /// Getting better.
        Improving = "improving", en "Improving", id "Membaik";
        /// Getting worse.
        Worsening = "worsening", en "Worsening", id "Memburuk";
        /// No change.
        NoChange = "no_change", en "No change", id "Tidak ada perubahan";
        /// Achieved.
        Achieved = "achieved", en "Achieved", id "Tercapai";
        /// Not achieved.
        NotAchieved = "not_achieved", en "Not achieved", id "Tidak tercapai";
    }
}

/// A goal's Goal Attainment Scale: what each level −2..=+2 would look like, and its weight.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GasScale {
    /// Descriptions of the outcomes at levels −2, −1, 0, +1, +2, in that order.
    pub levels: [String; 5],
    /// The goal's weight (≥ 1) in the T-score.
    pub weight: u16,
}

/// A goal of the plan.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Goal {
    /// Its id.
    pub id: GoalId,
    /// What the client system wants to reach.
    pub description: String,
    /// The needs it addresses.
    pub addresses: Vec<NeedId>,
    /// Its attainment scale, if it has one.
    pub scale: Option<GasScale>,
    /// Where it stands.
    pub status: GoalStatus,
    /// Who proposed it, when it was added in their own voice rather than by the practice (a
    /// client-system member, the community's representative): it counts in the plan once the
    /// worker accepts it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub proposed_by: Option<ActorId>,
    // Issue 14: the everyday record.
    /// When it is due, if a due date was set ([`Command::SetDueDate`](crate::Command::SetDueDate)).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub due_on: Option<NaiveDate>,
}

/// Who carries out an intervention.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[serde(rename_all = "snake_case", tag = "party", content = "id")]
#[non_exhaustive]
pub enum Responsible {
    /// The worker.
    Worker,
    /// The client system.
    Client,
    /// Worker and client together.
    Joint,
    /// A partner on the team.
    Partner(ActorId),
}

/// An intervention: a programme selected in planning, serving goals.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Intervention {
    /// Its id.
    pub id: InterventionId,
    /// The programme or action.
    pub description: String,
    /// The goals it serves.
    pub serves: Vec<GoalId>,
    /// The function it carries out.
    pub function: Function,
    /// The role the worker takes in it.
    pub role: Role,
    /// Who carries it out.
    pub responsible: Responsible,
    /// The resources it uses.
    pub uses: Vec<ResourceId>,
    /// Who proposed it, when it was recorded in their own voice rather than by the practice
    /// (a partner or the community's representative, for what it carries out itself).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub proposed_by: Option<ActorId>,
    // Issue 14: the everyday record.
    /// When it is due, if a due date was set ([`Command::SetDueDate`](crate::Command::SetDueDate)).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub due_on: Option<NaiveDate>,
}

vocabulary! {
    /// Advocacy for one client, or for a group sharing the problem.
    ///
    /// Exhaustive: the literature's two scopes.
    pub enum AdvocacyScope ("advocacy scope") {
        /// Case advocacy: one client system.
        Case = "case", en "Case advocacy", id "Advokasi kasus";
        /// Class or cause advocacy: a group, a policy.
        Class = "class", en "Class advocacy", id "Advokasi kelas";
    }
}

/// What happened in an activity, by kind.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[serde(rename_all = "snake_case", tag = "kind")]
#[non_exhaustive]
pub enum ActivityDetail {
    /// Problem-solving consultation: a joint working-out of options and steps.
    Consultation {
        /// Who took part, including other professions and other client systems.
        participants: Vec<String>,
        /// What the worker brought: knowledge, skills.
        worker_contribution: String,
        /// What the client brought: experience.
        client_contribution: String,
        /// The options weighed.
        options: Vec<String>,
        /// The steps agreed.
        action_steps: Vec<String>,
    },
    /// Resource linkage: a referral was made (its record is [`Referral`]).
    Linkage {
        /// The referral.
        referral: ReferralId,
    },
    /// An education session; learners and educators may overlap (mutual learning).
    Education {
        /// The topic.
        topic: String,
        /// Who learned.
        learners: Vec<String>,
        /// Who taught; client members may teach.
        educators: Vec<String>,
        /// What it aims to prevent, if anything.
        prevention_focus: Option<String>,
    },
    /// Mediation between parties in conflict.
    Mediation {
        /// The parties.
        parties: Vec<String>,
        /// What they agreed, or did not.
        outcome: String,
    },
    /// Advocacy for the client's rights.
    Advocacy {
        /// Case or class.
        scope: AdvocacyScope,
        /// The system advocated with (an office, a school, a programme).
        target_system: String,
        /// What came of it.
        outcome: String,
    },
    /// Protection of someone at risk.
    Protection {
        /// The risk.
        risk: String,
        /// The action taken.
        action: String,
    },
}

/// A contribution a client-system member added to an activity.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Contribution {
    /// The member.
    pub member: ActorId,
    /// Their words.
    pub text: String,
}

/// An activity of the practice, tagged with the function it served and the role the worker
/// took. Any combination is recorded as done; the role table is only for analysis.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Activity {
    /// Its id.
    pub id: ActivityId,
    /// When it was recorded.
    pub at: DateTime<Utc>,
    /// The function it served.
    pub function: Function,
    /// The role the worker took.
    pub role: Role,
    /// The interventions it carries out.
    pub interventions: Vec<InterventionId>,
    /// What happened.
    pub detail: ActivityDetail,
    /// A note.
    pub note: Option<String>,
    /// What client-system members added.
    pub contributions: Vec<Contribution>,
    /// How confidential it is, when chosen on purpose; `None` takes the default of its kind
    /// ([`Need::confidentiality`] and its peers say which).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub confidentiality: Option<Confidentiality>,
}

vocabulary! {
    /// Why an engagement ended (after Primero's and OpenSPP's closure reasons).
    ///
    /// The first two are planned endings, reached through evaluation; the rest end the work
    /// early. `#[non_exhaustive]`: programmes add their own reasons.
    #[non_exhaustive]
    pub enum TerminationReason ("termination reason") {
        /// The goals were achieved.
        GoalsAchieved = "goals_achieved", en "Goals achieved", id "Tujuan tercapai";
        /// Some goals were achieved; the rest are no longer pursued.
        PartiallyAchieved = "partially_achieved",
            en "Goals partially achieved", id "Tujuan tercapai sebagian";
        /// The client system chose to stop.
        ClientWithdrew = "client_withdrew", en "Client withdrew", id "Klien mengundurkan diri";
        /// The client system moved away.
        Moved = "moved", en "Moved away", id "Pindah";
        /// Contact was lost.
        LostContact = "lost_contact", en "Lost contact", id "Kehilangan kontak";
        /// Transferred or referred out to another service.
        Transferred = "transferred", en "Transferred or referred out", id "Dialihkan atau dirujuk";
        /// No longer eligible for the programme.
        Ineligible = "ineligible", en "Ineligible", id "Tidak memenuhi syarat";
        /// The client died.
        Deceased = "deceased", en "Deceased", id "Meninggal dunia";
        /// Another reason, told in the summary.
        Other = "other", en "Other", id "Lainnya";
    }
}

impl TerminationReason {
    /// Whether this is a planned ending (reached through evaluation).
    #[must_use]
    pub const fn is_planned(self) -> bool {
        matches!(self, Self::GoalsAchieved | Self::PartiallyAchieved)
    }
}

/// A hold in force: why, and when to look again.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Hold {
    /// Why the work is paused.
    pub reason: String,
    /// When to review it.
    pub review_on: Option<NaiveDate>,
}

/// How an engagement ended (the current ending; reopening clears it, the events keep it).
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Termination {
    /// Why.
    pub reason: TerminationReason,
    /// The termination summary, once written.
    pub summary: Option<String>,
    /// The approval of closing, where the policy asks for it.
    pub closure_approval: Approval,
}

/// A contact after closing.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FollowUp {
    /// When.
    pub at: DateTime<Utc>,
    /// Who.
    pub by: ActorId,
    /// What was found.
    pub note: String,
    /// How confidential it is, when chosen on purpose; `None` takes the default of its kind
    /// ([`Need::confidentiality`] and its peers say which).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub confidentiality: Option<Confidentiality>,
}
