//! What a user asks of an engagement.

use crate::engagement::{
    ActivityDetail, ActivityId, ActorId, ConsentScope, Decision, EvaluationId, GasScale,
    GoalEvaluation, GoalId, GoalStatus, InterventionId, NeedId, Permission, PlanVersion, Policy,
    Priority, Provider, ReferralId, ReferralStatus, ResourceId, Responsible, ServiceDetails,
    Surrounding, TeamMember, TerminationReason,
};
use crate::engagement::{Amendment, ContactKind, DocumentRef, ImportedCase, RecordRef};
use crate::{Barrier, Function, ManagementMode, ResourceKind, Role, Stage};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// A request to change an engagement, as an app receives it (from a form, or as JSON).
///
/// # Text rules
///
/// Text fields arrive as plain strings and are checked when the command is decided (and again
/// when its event is replayed). A text is trimmed of surrounding whitespace, then:
///
/// - it is **empty** when nothing visible is left once whitespace, control characters and
///   invisible format characters are set aside (zero-width spaces and joiners, the word
///   joiner, the byte order mark, soft hyphens, variation selectors, Hangul fillers, the blank
///   Braille pattern, and the rest of Unicode's format characters): a required text is refused
///   as empty, an optional one counts as left out;
/// - it is no longer than [`MAX_NAME_CHARS`](crate::engagement::MAX_NAME_CHARS) characters for
///   a short text (a name, a domain, a topic) or
///   [`MAX_TEXT_CHARS`](crate::engagement::MAX_TEXT_CHARS) for a long one;
/// - it holds no control character (a long text may hold line breaks and tabs), no Unicode
///   line or paragraph separator in a short text, and no bidirectional override or isolate
///   (U+202A–U+202E, U+2066–U+2069), which make a text display other than it reads.
///
/// Invisible characters inside visible text are kept: joiners belong to emoji and to the
/// spelling of some scripts.
///
/// # JSON
///
/// A member the command does not have is refused, with a serde error naming it, so a
/// misspelt optional member is never dropped without a word.
///
/// The serde form is internally tagged by `"type"`:
///
/// ```
/// use pendamping::Command;
///
/// let json = r#"{"type":"record_need","domain":"income",
///                "description":"No steady income since the father's injury",
///                "priority":"high"}"#;
/// let command: Command = serde_json::from_str(json)?;
/// assert_eq!(command.name(), "record_need");
/// # Ok::<(), serde_json::Error>(())
/// ```
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[serde(tag = "type", rename_all = "snake_case")]
#[non_exhaustive]
pub enum Command {
    // --- the team and the policy ---
    /// Hands the engagement to another worker (the old one leaves the team).
    ReassignWorker {
        /// The worker leaving.
        from: ActorId,
        /// The worker taking over (kind must be social worker).
        to: TeamMember,
    },
    /// Adds someone to the team.
    AddMember {
        /// The new member.
        member: TeamMember,
    },
    /// Removes someone from the team (never the last worker).
    RemoveMember {
        /// The member.
        id: ActorId,
    },
    /// Changes the policy in force.
    ChangePolicy {
        /// The new policy.
        policy: Policy,
    },

    // --- needs assessment ---
    /// Records a need.
    RecordNeed {
        /// The area of life (income, health, schooling, ...).
        domain: String,
        /// The need.
        description: String,
        /// How pressing it is.
        priority: Priority,
        /// How confidential the record is; left out, the default of its kind (see
        /// [`Confidentiality`](crate::Confidentiality)).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        confidentiality: Option<crate::Confidentiality>,
    },
    /// Records a resource: a strength of the client's own (`holder: None`), or one held by
    /// someone else.
    RecordResource {
        /// Personal, interpersonal or social.
        kind: ResourceKind,
        /// What it is.
        description: String,
        /// Who holds it, when not the client system.
        holder: Option<String>,
        /// What keeps the client from it.
        #[serde(default)]
        barriers: Vec<Barrier>,
        /// Where and how it is offered, for a resource held outside the client system.
        #[serde(default)]
        service: Option<ServiceDetails>,
        /// How confidential the record is; left out, the default of its kind (see
        /// [`Confidentiality`](crate::Confidentiality)).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        confidentiality: Option<crate::Confidentiality>,
    },
    /// Marks a need as met.
    MarkNeedMet {
        /// The need.
        need: NeedId,
        /// How it was met.
        note: Option<String>,
    },
    /// Sets a need aside on purpose.
    DeferNeed {
        /// The need.
        need: NeedId,
        /// Why.
        reason: String,
    },

    // --- planning and programme selection ---
    /// Adds a goal to the plan being drafted.
    AddGoal {
        /// What the client system wants to reach.
        description: String,
        /// The needs it addresses.
        addresses: Vec<NeedId>,
        /// An attainment scale.
        scale: Option<GasScale>,
    },
    /// Moves a goal through its lifecycle.
    SetGoalStatus {
        /// The goal.
        goal: GoalId,
        /// Its new status.
        status: GoalStatus,
    },
    /// Adds an intervention (a selected programme) to the plan being drafted.
    AddIntervention {
        /// The programme or action.
        description: String,
        /// The goals it serves.
        serves: Vec<GoalId>,
        /// The function it carries out.
        function: Function,
        /// The worker's role in it.
        role: Role,
        /// Who carries it out.
        responsible: Responsible,
        /// The resources it uses.
        #[serde(default)]
        uses: Vec<ResourceId>,
    },
    /// Starts the next plan version from the current one.
    RevisePlan {
        /// Why.
        reason: String,
    },
    /// A client-system member agrees to a plan version, or the worker records their agreement.
    AgreeToPlan {
        /// The version agreed to.
        version: PlanVersion,
        /// The member, when the worker records it for them.
        on_behalf_of: Option<ActorId>,
    },
    /// Asks for the current plan version to be approved.
    RequestPlanApproval {
        /// A comment for the approver.
        comment: Option<String>,
    },
    /// Approves or rejects the current plan version.
    DecidePlanApproval {
        /// Approve (`true`) or reject.
        approve: bool,
        /// Why.
        comment: Option<String>,
    },

    // --- implementation ---
    /// Records an activity: a consultation, an education session, a mediation, advocacy, a
    /// protection action. (Linkages are made with [`Command::Refer`].)
    RecordActivity {
        /// The function it served.
        function: Function,
        /// The role the worker took.
        role: Role,
        /// The interventions it carries out.
        #[serde(default)]
        interventions: Vec<InterventionId>,
        /// What happened.
        detail: ActivityDetail,
        /// A note.
        note: Option<String>,
        /// How confidential the record is; left out, the default of its kind (see
        /// [`Confidentiality`](crate::Confidentiality)).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        confidentiality: Option<crate::Confidentiality>,
    },
    /// A client-system member adds their own words to a consultation or education record.
    AddContribution {
        /// The activity.
        activity: ActivityId,
        /// Their words.
        text: String,
    },
    /// Links the client with a resource: drafts a referral (and records the linkage activity).
    Refer {
        /// The resource.
        resource: ResourceId,
        /// Where it goes.
        provider: Provider,
        /// How the worker manages the resource.
        mode: ManagementMode,
        /// The function served (usually resource management).
        function: Function,
        /// The role taken (usually broker, sometimes advocate).
        role: Role,
        /// The interventions it carries out.
        #[serde(default)]
        interventions: Vec<InterventionId>,
        /// A note.
        note: Option<String>,
        /// How confidential the record is; left out, the default of its kind (see
        /// [`Confidentiality`](crate::Confidentiality)).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        confidentiality: Option<crate::Confidentiality>,
    },
    /// A client-system member consents to a referral leaving the agency, or the worker records
    /// their consent.
    GiveConsent {
        /// The referral.
        referral: ReferralId,
        /// The member, when the worker records it for them.
        on_behalf_of: Option<ActorId>,
    },
    /// A member withdraws consent (the referral may not be sent while none is in force).
    WithdrawConsent {
        /// The referral.
        referral: ReferralId,
        /// The member, when the worker records it for them.
        on_behalf_of: Option<ActorId>,
    },
    /// Moves a referral along its closed loop.
    SetReferralStatus {
        /// The referral.
        referral: ReferralId,
        /// The new status.
        status: ReferralStatus,
        /// A note.
        note: Option<String>,
    },

    // --- evaluation ---
    /// Records an evaluation of the plan in force.
    RecordEvaluation {
        /// Each goal's score.
        scores: Vec<GoalEvaluation>,
        /// Notes.
        notes: Option<String>,
        /// The next step; the next stage change must match it.
        decision: Decision,
        /// How confidential the record is; left out, the default of its kind (see
        /// [`Confidentiality`](crate::Confidentiality)).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        confidentiality: Option<crate::Confidentiality>,
    },

    // --- the lifecycle ---
    /// Moves to another stage, through the lifecycle table.
    MoveToStage {
        /// The stage.
        to: Stage,
        /// Why (required when revising the plan from implementation).
        reason: Option<String>,
        /// Why the engagement ends (required when moving to termination).
        termination: Option<TerminationReason>,
    },
    /// Pauses the work. While on hold, an engagement accepts only resuming, team and policy
    /// changes, a provider's answers to a referral, a member withdrawing consent, case notes
    /// and corrections.
    Hold {
        /// Why.
        reason: String,
        /// When to review.
        review_on: Option<NaiveDate>,
    },
    /// Resumes paused work.
    Resume {
        /// A note.
        note: Option<String>,
    },
    /// Writes the termination summary.
    RecordTerminationSummary {
        /// The summary.
        summary: String,
    },
    /// Asks for closing to be approved.
    RequestClosureApproval {
        /// A comment for the approver.
        comment: Option<String>,
    },
    /// Approves or rejects closing.
    DecideClosureApproval {
        /// Approve (`true`) or reject.
        approve: bool,
        /// Why.
        comment: Option<String>,
    },
    /// Closes the engagement.
    #[serde(deserialize_with = "crate::engagement::strict::no_members")]
    Close,
    /// Reopens a closed engagement at needs assessment; its history is kept.
    Reopen {
        /// Why.
        reason: String,
    },
    /// Records a contact after closing.
    RecordFollowUp {
        /// What was found.
        note: String,
        /// How confidential the record is; left out, the default of its kind (see
        /// [`Confidentiality`](crate::Confidentiality)).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        confidentiality: Option<crate::Confidentiality>,
    },

    // Issue 13: participation.
    /// Someone taking part adds their own view of an evaluation: their words and, if they
    /// like, their own rating of goals it scored (the client system's side, a donor's, an
    /// agency's). The worker's scores stay as recorded.
    AddEvaluationView {
        /// The evaluation.
        evaluation: EvaluationId,
        /// Their words.
        text: String,
        /// Their own rating of goals of the evaluated plan.
        #[serde(default)]
        ratings: Vec<GoalEvaluation>,
    },
    /// Records a resource held in the client system's surroundings (its community, a
    /// neighbour, a group) and available to it: a strength, unless a barrier keeps the client
    /// system from it.
    RecordSurroundingResource {
        /// Personal, interpersonal or social.
        kind: ResourceKind,
        /// What it is.
        description: String,
        /// Who holds it.
        holder: String,
        /// The community, a neighbour or a group.
        around: Surrounding,
        /// What keeps the client from it.
        #[serde(default)]
        barriers: Vec<Barrier>,
        /// How confidential the record is; left out, the default of its kind (see
        /// [`Confidentiality`](crate::Confidentiality)).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        confidentiality: Option<crate::Confidentiality>,
    },
    /// A client-system member consents to the engagement itself or to sharing the case with a
    /// named organisation, or the worker records their consent.
    GiveScopedConsent {
        /// What the consent covers.
        scope: ConsentScope,
        /// The member, when the worker records it for them.
        on_behalf_of: Option<ActorId>,
    },
    /// A member withdraws a consent to the engagement or to a disclosure; the record keeps who
    /// and when.
    WithdrawScopedConsent {
        /// What the consent covered.
        scope: ConsentScope,
        /// The member, when the worker records it for them.
        on_behalf_of: Option<ActorId>,
    },

    // Issue 14: the everyday record.
    /// Records a case note: a contact (a home visit, a call, a meeting) and what came of it,
    /// without choosing a function, a role or an activity kind. Taken in every active stage
    /// and on hold.
    RecordNote {
        /// How the contact was made.
        kind: ContactKind,
        /// Who took part besides the worker (at least one).
        participants: Vec<String>,
        /// What was said, seen or agreed.
        text: String,
        /// The records it concerns.
        #[serde(default)]
        concerns: Vec<RecordRef>,
    },
    /// Amends one member of a record recorded wrongly; what it was is kept in the
    /// engagement's corrections.
    Amend {
        /// The record.
        record: RecordRef,
        /// The member and its right value.
        change: Amendment,
        /// Why (required).
        reason: String,
    },
    /// Retracts a record recorded in error: it stays in the history and stops counting.
    Retract {
        /// The record.
        record: RecordRef,
        /// Why (required).
        reason: String,
    },
    /// Sets (or, with `None`, clears) the due date of a goal, an intervention or a referral.
    SetDueDate {
        /// The record.
        record: RecordRef,
        /// The day it is due; not before the day it is set.
        due_on: Option<NaiveDate>,
    },
    /// Attaches a reference to a document the app keeps (a photo of a KIS card, a signed
    /// consent form) to the engagement or to one of its records.
    AttachDocument {
        /// The record; `None` for the engagement as a whole.
        #[serde(default)]
        record: Option<RecordRef>,
        /// The document.
        document: DocumentRef,
    },
    /// Asks another worker to take the case as its lead worker; they (or a supervisor)
    /// accept or decline.
    RequestTransfer {
        /// The receiving worker (kind must be social worker).
        to: TeamMember,
        /// Why.
        reason: String,
    },
    /// The receiving worker (or a supervisor) accepts the transfer waiting for an answer: they
    /// join the team if they are not on it and become the lead worker.
    AcceptTransfer {
        /// A note.
        note: Option<String>,
    },
    /// The receiving worker (or a supervisor) declines the transfer waiting for an answer.
    DeclineTransfer {
        /// Why (required).
        reason: String,
    },
    /// A client-system member consents to the transfer waiting for an answer, or the worker
    /// records their consent (the policy may ask for it before the transfer is accepted).
    ConsentToTransfer {
        /// The member, when the worker records it for them.
        on_behalf_of: Option<ActorId>,
    },
    /// Brings in the state a case reached in another system or a paper file, right after the
    /// opening (see [`Engagement::import`](crate::Engagement::import)).
    Import {
        /// The case as it stands there.
        case: ImportedCase,
    },
    // Issue 12: erasure.
    /// Erases the personal text of a person or a record (a right-to-erasure request): the
    /// texts read [`ERASED`](crate::engagement::ERASED) from now on, in the state and, once a
    /// store carries the erasure out, in the stored lines, which still verify. Who, when and
    /// why are recorded.
    Erase {
        /// Whose or which texts.
        target: crate::engagement::ErasureTarget,
        /// Why (for example the request it answers); required, and kept.
        reason: String,
    },
}

impl Command {
    /// The command's stable `snake_case` name (its serde tag), as error messages use it.
    #[must_use]
    pub const fn name(&self) -> &'static str {
        match self {
            Self::ReassignWorker { .. } => "reassign_worker",
            Self::AddMember { .. } => "add_member",
            Self::RemoveMember { .. } => "remove_member",
            Self::ChangePolicy { .. } => "change_policy",
            Self::RecordNeed { .. } => "record_need",
            Self::RecordResource { .. } => "record_resource",
            Self::MarkNeedMet { .. } => "mark_need_met",
            Self::DeferNeed { .. } => "defer_need",
            Self::AddGoal { .. } => "add_goal",
            Self::SetGoalStatus { .. } => "set_goal_status",
            Self::AddIntervention { .. } => "add_intervention",
            Self::RevisePlan { .. } => "revise_plan",
            Self::AgreeToPlan { .. } => "agree_to_plan",
            Self::RequestPlanApproval { .. } => "request_plan_approval",
            Self::DecidePlanApproval { .. } => "decide_plan_approval",
            Self::RecordActivity { .. } => "record_activity",
            Self::AddContribution { .. } => "add_contribution",
            Self::Refer { .. } => "refer",
            Self::GiveConsent { .. } => "give_consent",
            Self::WithdrawConsent { .. } => "withdraw_consent",
            Self::SetReferralStatus { .. } => "set_referral_status",
            Self::RecordEvaluation { .. } => "record_evaluation",
            Self::MoveToStage { .. } => "move_to_stage",
            Self::Hold { .. } => "hold",
            Self::Resume { .. } => "resume",
            Self::RecordTerminationSummary { .. } => "record_termination_summary",
            Self::RequestClosureApproval { .. } => "request_closure_approval",
            Self::DecideClosureApproval { .. } => "decide_closure_approval",
            Self::Close => "close",
            Self::Reopen { .. } => "reopen",
            Self::RecordFollowUp { .. } => "record_follow_up",
            Self::AddEvaluationView { .. } => "add_evaluation_view",
            Self::RecordSurroundingResource { .. } => "record_surrounding_resource",
            Self::GiveScopedConsent { .. } => "give_scoped_consent",
            Self::WithdrawScopedConsent { .. } => "withdraw_scoped_consent",
            Self::RecordNote { .. } => "record_note",
            Self::Amend { .. } => "amend",
            Self::Retract { .. } => "retract",
            Self::SetDueDate { .. } => "set_due_date",
            Self::AttachDocument { .. } => "attach_document",
            Self::RequestTransfer { .. } => "request_transfer",
            Self::AcceptTransfer { .. } => "accept_transfer",
            Self::DeclineTransfer { .. } => "decline_transfer",
            Self::Import { .. } => "import",
            Self::ConsentToTransfer { .. } => "consent_to_transfer",
            Self::Erase { .. } => "erase",
        }
    }

    /// The permission the command needs by its nature. Commands a member may give in their own
    /// voice or a worker may record on their behalf (agreement, consent), and referral statuses,
    /// whose side decides, are refined when decided.
    #[must_use]
    pub const fn permission(&self) -> Permission {
        match self {
            Self::ReassignWorker { .. }
            | Self::AddMember { .. }
            | Self::RemoveMember { .. }
            | Self::ChangePolicy { .. } => Permission::ManageTeam,
            Self::DecidePlanApproval { .. } | Self::DecideClosureApproval { .. } => {
                Permission::Approve
            }
            Self::AddContribution { .. } => Permission::ClientVoice,
            Self::AddEvaluationView { .. } => Permission::ContributeToEvaluation,
            Self::AgreeToPlan { on_behalf_of, .. }
            | Self::GiveConsent { on_behalf_of, .. }
            | Self::WithdrawConsent { on_behalf_of, .. }
            | Self::GiveScopedConsent { on_behalf_of, .. }
            | Self::WithdrawScopedConsent { on_behalf_of, .. }
            | Self::ConsentToTransfer { on_behalf_of } => {
                if on_behalf_of.is_some() {
                    Permission::Practice
                } else {
                    Permission::ClientVoice
                }
            }
            Self::SetReferralStatus { status, .. } => match status.set_by() {
                crate::engagement::ReferralSide::Requester => Permission::Practice,
                crate::engagement::ReferralSide::Provider => Permission::ProviderUpdate,
            },
            Self::Erase { .. } => Permission::Erase,
            _ => Permission::Practice,
        }
    }
}
