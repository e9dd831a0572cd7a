//! The records an engagement keeps: needs, resources, goals, interventions, plans, activities,
//! referrals, evaluations, and the small vocabularies that describe them.

use crate::engagement::{
    ActivityId, ActorId, Confidentiality, EvaluationId, GoalId, InterventionId, NeedId,
    PlanVersion, ReferralId, ReferralStatus, ResourceId,
};
use crate::gas::Level;
use crate::vocab::vocabulary;
use crate::{Barrier, Function, ManagementMode, ResourceKind, Role};
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

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

/// The state of an approval (after Primero's approvals).
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[serde(rename_all = "snake_case", tag = "state")]
#[non_exhaustive]
pub enum Approval {
    /// Nobody asked yet.
    #[default]
    #[serde(deserialize_with = "crate::engagement::strict::no_members")]
    NotRequested,
    /// Asked for, not yet decided.
    Requested {
        /// Who asked.
        by: ActorId,
        /// When.
        at: DateTime<Utc>,
        /// What they said.
        comment: Option<String>,
    },
    /// Approved.
    Approved {
        /// Who approved.
        by: ActorId,
        /// When.
        at: DateTime<Utc>,
        /// What they said.
        comment: Option<String>,
    },
    /// Rejected; may be asked for again.
    Rejected {
        /// Who rejected.
        by: ActorId,
        /// When.
        at: DateTime<Utc>,
        /// Why.
        comment: Option<String>,
    },
    /// Asked for or given, then what it was for changed (a rewritten termination summary):
    /// it no longer holds, and may be asked for again.
    Lapsed {
        /// Who had asked for it or approved it.
        by: ActorId,
        /// When it lapsed.
        at: DateTime<Utc>,
    },
}

/// A client-system member's agreement to a plan version.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Agreement {
    /// The member who agreed.
    pub member: ActorId,
    /// Who recorded it (the member, or the worker on their behalf).
    pub recorded_by: ActorId,
    /// When.
    pub at: DateTime<Utc>,
}

/// One version of the plan: its goals and interventions, agreement and approval.
///
/// Version 1 exists from opening. Revising makes version n+1 from version n; a version that the
/// client system agreed to is frozen.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Plan {
    /// Its version.
    pub version: PlanVersion,
    /// The version it revises.
    pub previous: Option<PlanVersion>,
    /// Why it was revised.
    pub reason: Option<String>,
    /// Its goals.
    pub goals: Vec<GoalId>,
    /// Its interventions.
    pub interventions: Vec<InterventionId>,
    /// The client system's agreements to it.
    pub agreements: Vec<Agreement>,
    /// Its approval.
    pub approval: Approval,
}

impl Plan {
    /// Whether the client system has agreed to this version (it can no longer change).
    #[must_use]
    pub fn is_agreed(&self) -> bool {
        !self.agreements.is_empty()
    }

    /// Whether the goal is one of this version's, in O(log n): the engagement adds goals in id
    /// order and a revision keeps that order, so the list is sorted (a snapshot written by
    /// hand with the ids out of order gets a wrong answer here, never a panic).
    #[must_use]
    pub fn has_goal(&self, goal: GoalId) -> bool {
        self.goals.binary_search(&goal).is_ok()
    }
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

/// Where a referral is addressed.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[serde(rename_all = "snake_case", tag = "provider")]
#[non_exhaustive]
pub enum Provider {
    /// A partner agency on the team, which updates the referral itself.
    Partner {
        /// The agency's actor id.
        id: ActorId,
    },
    /// A provider outside the system; the worker records its answers.
    External {
        /// Its name.
        name: String,
    },
}

/// A referral: linking the client with a resource, followed until it closes (a closed loop).
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Referral {
    /// Its id.
    pub id: ReferralId,
    /// The resource the client is linked with.
    pub resource: ResourceId,
    /// Where it is addressed.
    pub provider: Provider,
    /// How the worker manages the resource.
    pub mode: ManagementMode,
    /// Its status.
    pub status: ReferralStatus,
    /// Client-system members whose consent is in force.
    pub consent: Vec<ActorId>,
    /// The status changes so far: (status, who, when, note).
    pub history: Vec<ReferralChange>,
    /// How confidential it is, when chosen on purpose; `None` takes the default of its kind
    /// ([`Need::confidentiality`] and its peers say which).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub confidentiality: Option<Confidentiality>,
    // Issue 14: the everyday record.
    /// When its loop is due to close, if a due date was set (otherwise the policy's response
    /// timeframe gives the provider's answer a due date) ([`Command::SetDueDate`](crate::Command::SetDueDate)).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub due_on: Option<NaiveDate>,
}

/// One status change of a referral.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReferralChange {
    /// The new status.
    pub status: ReferralStatus,
    /// Who set it.
    pub by: ActorId,
    /// When.
    pub at: DateTime<Utc>,
    /// What they said.
    pub note: Option<String>,
}

impl Referral {
    /// Whether it has left the agency and has not come back closed.
    #[must_use]
    pub fn in_flight(&self) -> bool {
        self.status.in_flight()
    }

    /// Whether the worker should look at it: the provider took it on, and no member's consent
    /// is in force any more (consent is needed before it is sent, so it was withdrawn).
    /// [`Engagement::referrals_without_consent`](crate::Engagement::referrals_without_consent)
    /// lists them.
    #[must_use]
    pub fn consent_withdrawn(&self) -> bool {
        self.consent.is_empty()
            && matches!(
                self.status,
                ReferralStatus::Accepted | ReferralStatus::InProgress | ReferralStatus::OnHold
            )
    }
}

vocabulary! {
    /// What an evaluation decides the next step is; the next stage change must match it.
    ///
    /// Exhaustive: these are the four ways out of evaluation.
    pub enum Decision ("decision") {
        /// Go on with implementation.
        Continue = "continue", en "Continue implementation", id "Lanjutkan penerapan";
        /// Go back to planning.
        RevisePlan = "revise_plan", en "Revise the plan", id "Revisi rencana";
        /// Go back to needs assessment.
        Reassess = "reassess", en "Reassess needs", id "Kaji ulang kebutuhan";
        /// Move on to termination.
        Terminate = "terminate", en "Terminate", id "Akhiri";
    }
}

impl Decision {
    /// The stage this decision leads to.
    #[must_use]
    pub const fn target(self) -> crate::Stage {
        match self {
            Self::Continue => crate::Stage::Implementation,
            Self::RevisePlan => crate::Stage::Planning,
            Self::Reassess => crate::Stage::NeedsAssessment,
            Self::Terminate => crate::Stage::Termination,
        }
    }
}

/// One goal's score in an evaluation.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GoalEvaluation {
    /// The goal.
    pub goal: GoalId,
    /// Its attainment level on the goal's scale (−2..=+2).
    pub level: Level,
    /// How it is going.
    pub achievement: Achievement,
}

/// A recorded evaluation.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Evaluation {
    /// Its id.
    pub id: EvaluationId,
    /// When.
    pub at: DateTime<Utc>,
    /// The plan version evaluated.
    pub plan: PlanVersion,
    /// The goals' scores.
    pub scores: Vec<GoalEvaluation>,
    /// Notes.
    pub notes: Option<String>,
    /// The next step.
    pub decision: Decision,
    /// How confidential it is, when chosen on purpose; `None` takes the default of its kind
    /// ([`Need::confidentiality`] and its peers say which).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub confidentiality: Option<Confidentiality>,
    /// The views the others taking part added, in order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub views: Vec<EvaluationView>,
}

/// Someone's own view of an evaluation: a client-system member's, the community's, a
/// donor's or an agency's, beside the worker's scores.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EvaluationView {
    /// Whose view it is.
    pub member: ActorId,
    /// Their words.
    pub text: String,
    /// Their own rating of goals of the evaluated plan.
    pub ratings: Vec<GoalEvaluation>,
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
