//! The reasons a command is refused, in words a worker can act on.

use crate::engagement::rejection::a_kind;
use crate::engagement::{
    ActivityId, ActorId, ConsentScope, Decision, EvaluationId, GoalId, GoalStatus, InterventionId,
    NeedId, NoteId, PlanVersion, ReferralId, ReferralStatus, ResourceId, TerminationReason,
};
use crate::lifecycle::TransitionError;
use crate::{ActorKind, Stage};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// A record an engagement keeps, named in an error, in a note's links or in a correction.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[serde(rename_all = "snake_case", tag = "record", content = "id")]
#[non_exhaustive]
pub enum RecordRef {
    /// A need.
    Need(NeedId),
    /// A resource.
    Resource(ResourceId),
    /// A goal.
    Goal(GoalId),
    /// An intervention.
    Intervention(InterventionId),
    /// An activity.
    Activity(ActivityId),
    /// A referral.
    Referral(ReferralId),
    /// An evaluation.
    Evaluation(EvaluationId),
    /// A plan version.
    Plan(PlanVersion),
    // Issue 14: the everyday record.
    /// A case note.
    Note(NoteId),
}

impl core::fmt::Display for RecordRef {
    /// The kind of record and its number: `need 2`, `plan version 1`.
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        let word = match self {
            Self::Plan(_) => "plan version",
            _ => self.as_str(),
        };
        write!(f, "{word} {}", self.number())
    }
}

/// One unmet requirement or one bad value. A refusal lists all of them at once.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum Problem {
    /// A text field is empty (or only whitespace).
    #[error("{field} is empty")]
    EmptyText {
        /// The field.
        field: &'static str,
    },
    /// A text field is too long.
    #[error("{field} has {chars} characters, more than {max}")]
    TextTooLong {
        /// The field.
        field: &'static str,
        /// Its length.
        chars: usize,
        /// The limit.
        max: usize,
    },
    /// A text field holds a control character or a bidirectional override.
    #[error("{field} contains control character U+{code:04X}")]
    ControlCharacter {
        /// The field.
        field: &'static str,
        /// The character's code point.
        code: u32,
    },
    /// A list that needs at least one entry is empty.
    #[error("{field} needs at least one entry")]
    EmptyList {
        /// The field.
        field: &'static str,
    },
    /// A list has more entries than allowed.
    #[error("{field} has {count} entries, more than {max}")]
    TooMany {
        /// The field.
        field: &'static str,
        /// How many entries it has.
        count: usize,
        /// The limit.
        max: usize,
    },
    /// A record that does not exist was named.
    #[error("there is no {0}")]
    Unknown(RecordRef),
    /// A need is met or deferred already.
    #[error("need {need} is not open")]
    NeedNotOpen {
        /// The need.
        need: NeedId,
    },
    /// A record was named twice in one list.
    #[error("{0} is named twice")]
    Repeated(RecordRef),
    /// Someone is on the team already.
    #[error("{id} is on the team already")]
    DuplicateMember {
        /// Who.
        id: ActorId,
    },
    /// Someone is not on the team.
    #[error("{id} is not on the team")]
    NotOnTeam {
        /// Who.
        id: ActorId,
    },
    /// A team member is of the wrong kind for this.
    #[error("{id} is {}, not {}", a_kind(*found), a_kind(*expected))]
    WrongMemberKind {
        /// Who.
        id: ActorId,
        /// The kind needed.
        expected: ActorKind,
        /// Their kind.
        found: ActorKind,
    },
    /// The team has no social worker.
    #[error("the team needs a social worker")]
    NoWorker,
    /// The team would be left without a worker.
    #[error("{id} is the only social worker: add or assign another first")]
    LastWorker {
        /// The worker.
        id: ActorId,
    },
    /// The policy asks for approvals and no one on the team may approve.
    #[error(
        "the policy asks for approvals and no one on the team may approve: add a supervisor first"
    )]
    NoApprover,
    /// The team would be left without anyone who may approve while the policy asks for it.
    #[error(
        "{id} is the only member who may approve, and the policy asks for approvals: add another first"
    )]
    LastApprover {
        /// The member.
        id: ActorId,
    },
    /// The time given is before the engagement's last record.
    #[error("time {at} is before the last record at {last}")]
    TimeWentBack {
        /// The time given.
        at: DateTime<Utc>,
        /// The last record's time.
        last: DateTime<Utc>,
    },
    /// The engagement is closed.
    #[error("the engagement is closed: only follow-ups and reopening are possible")]
    Closed,
    /// The engagement is not closed.
    #[error("the engagement is not closed")]
    NotClosed,
    /// The engagement is on hold.
    #[error("the engagement is on hold: resume it first")]
    OnHold,
    /// The engagement is not on hold.
    #[error("the engagement is not on hold")]
    NotOnHold,
    /// The command belongs to other stages.
    #[error("this is done in {}, and the engagement is in {}", stage_list(allowed), current.as_str())]
    WrongStage {
        /// The stages it belongs to.
        allowed: Vec<Stage>,
        /// The current stage.
        current: Stage,
    },
    /// The lifecycle table has no such move.
    #[error(transparent)]
    Transition(#[from] TransitionError),
    /// Moving on from needs assessment needs an open need.
    #[error("record at least one open need")]
    NoOpenNeed,
    /// Moving on from needs assessment needs a strength.
    #[error(
        "record at least one strength: a resource of the client system's own, or one its community, a neighbour or a group makes available to it"
    )]
    NoStrength,
    /// The plan has no goal.
    #[error("add at least one goal to plan version {plan}")]
    NoGoal {
        /// The plan version.
        plan: PlanVersion,
    },
    /// The plan has no intervention serving a goal.
    #[error("add at least one intervention serving a goal of plan version {plan}")]
    NoIntervention {
        /// The plan version.
        plan: PlanVersion,
    },
    /// An open need has no goal.
    #[error("need {need} is open with no goal: add a goal for it or defer it")]
    NeedWithoutGoal {
        /// The need.
        need: NeedId,
    },
    /// The client system has not agreed to the plan.
    #[error("the client system has not agreed to plan version {plan}")]
    NotAgreed {
        /// The plan version.
        plan: PlanVersion,
    },
    /// The plan needs approval it does not have.
    #[error("plan version {plan} is not approved")]
    NotApproved {
        /// The plan version.
        plan: PlanVersion,
    },
    /// The plan version was agreed to and cannot change.
    #[error("plan version {plan} was agreed to: revise the plan to change it")]
    PlanFrozen {
        /// The plan version.
        plan: PlanVersion,
    },
    /// The plan version waits for an approval decision and cannot change.
    #[error(
        "plan version {plan} is waiting for approval: it cannot change until the approval is decided"
    )]
    AwaitingApproval {
        /// The plan version.
        plan: PlanVersion,
    },
    /// The plan version was approved and cannot change.
    #[error("plan version {plan} was approved: revise the plan to change it")]
    PlanApproved {
        /// The plan version.
        plan: PlanVersion,
    },
    /// A plan version other than the current one was named.
    #[error("plan version {given} is not the current plan (plan version {current})")]
    NotCurrentPlan {
        /// The version named.
        given: PlanVersion,
        /// The current version.
        current: PlanVersion,
    },
    /// A goal is not part of the current plan.
    #[error("goal {goal} is not in plan version {plan}")]
    GoalNotInPlan {
        /// The goal.
        goal: GoalId,
        /// The plan version.
        plan: PlanVersion,
    },
    /// A member already agreed to this plan version.
    #[error("{member} has already agreed to plan version {plan}")]
    AlreadyAgreed {
        /// The member.
        member: ActorId,
        /// The plan version.
        plan: PlanVersion,
    },
    /// A goal's scale has weight zero.
    #[error("a goal's attainment scale needs a weight of at least 1")]
    ZeroWeight,
    /// A goal's scale has an empty level description.
    #[error("level {level} of the attainment scale is empty")]
    EmptyScaleLevel {
        /// The level, −2..=2.
        level: i8,
    },
    /// No approval is waiting for a decision.
    #[error("no approval was requested")]
    NoApprovalRequested,
    /// An approval is already waiting, or given.
    #[error("approval was already {state}")]
    ApprovalAlready {
        /// `"requested"` or `"approved"`.
        state: &'static str,
    },
    /// Moving on from implementation needs an activity.
    #[error("record at least one activity since implementation began")]
    NoActivity,
    /// Moving on from evaluation needs an evaluation.
    #[error("record an evaluation in this evaluation stage")]
    NoEvaluation,
    /// The move does not match the evaluation's decision.
    #[error("the evaluation decided to {}, not to move to {}", decision.as_str(), to.as_str())]
    DecisionMismatch {
        /// The decision.
        decision: Decision,
        /// The stage asked for.
        to: Stage,
    },
    /// A hold's review date is before the hold begins.
    #[error("the review date {review_on} is before the hold begins")]
    ReviewBeforeHold {
        /// The date given.
        review_on: chrono::NaiveDate,
    },
    /// A reason is needed.
    #[error("give a reason")]
    ReasonRequired,
    /// A termination reason is needed.
    #[error("give a termination reason")]
    TerminationReasonRequired,
    /// A termination reason was given where none belongs.
    #[error("a termination reason belongs only to a move to termination")]
    TerminationReasonUnexpected,
    /// An unplanned reason was given for a planned ending.
    #[error("{} is not a planned ending: an evaluation leads to goals_achieved or partially_achieved", reason.as_str())]
    NotPlannedEnding {
        /// The reason.
        reason: TerminationReason,
    },
    /// A planned reason was given for an early end.
    #[error("{} is a planned ending, reached through evaluation", reason.as_str())]
    NotEarlyEnding {
        /// The reason.
        reason: TerminationReason,
    },
    /// Closing needs the termination summary.
    #[error("write the termination summary")]
    NoSummary,
    /// Closing needs every referral's loop closed.
    #[error("referrals are still in flight: {}", list(referrals))]
    ReferralsInFlight {
        /// The referrals.
        referrals: Vec<ReferralId>,
    },
    /// Closing needs approval it does not have.
    #[error("closing is not approved")]
    ClosureNotApproved,
    /// A referral cannot leave without consent.
    #[error("no client-system member has consented to referral {referral}")]
    NoConsent {
        /// The referral.
        referral: ReferralId,
    },
    /// A member's consent is already in force, or is not.
    #[error("{member} {} consented to referral {referral}", if *given { "has already" } else { "has not" })]
    ConsentState {
        /// The member.
        member: ActorId,
        /// The referral.
        referral: ReferralId,
        /// Whether their consent is in force.
        given: bool,
    },
    /// A referral cannot make this move.
    #[error("referral {referral} cannot move from {} to {}", from.as_str(), to.as_str())]
    ReferralMove {
        /// The referral.
        referral: ReferralId,
        /// Its status.
        from: ReferralStatus,
        /// The status asked for.
        to: ReferralStatus,
    },
    /// A referral to the client's own resource makes no sense.
    #[error("resource {resource} is the client system's own: no referral is needed")]
    OwnResource {
        /// The resource.
        resource: ResourceId,
    },
    /// Service details were given for a strength of the client system's own.
    #[error("service details belong to a resource held outside the client system")]
    ServiceOnStrength,
    /// Contributions are added to consultations and education sessions only.
    #[error("activity {activity} is not a consultation or an education session")]
    NoContributionHere {
        /// The activity.
        activity: ActivityId,
    },
    /// The engagement's own record does not hold together (a snapshot edited by hand, or a bug).
    #[error("the engagement's record is inconsistent: {detail}")]
    Inconsistent {
        /// What does not fit.
        detail: String,
    },
    /// Linkages are made with the refer command.
    #[error("record a linkage with the refer command")]
    LinkageNotRecordedHere,
    // Issue 13: participation, approvals, goals, consent.
    /// A partner proposed an intervention someone else would carry out.
    #[error("{by} adds to the plan only what it carries out itself: name it as responsible")]
    NotOwnCommitment {
        /// The partner.
        by: ActorId,
    },
    /// Someone outside the client system tried to agree or consent for it.
    #[error("{id} is {}, not part of the client system: only its members agree or consent for it", a_kind(*kind))]
    NotInClientSystem {
        /// Who.
        id: ActorId,
        /// Their kind.
        kind: ActorKind,
    },
    /// With four eyes, the one who asked for an approval may not decide it.
    #[error("{id} asked for this approval: with four eyes, another person decides it")]
    FourEyes {
        /// Who asked.
        id: ActorId,
    },
    /// Consent to a sent referral was withdrawn: the provider may not take it on.
    #[error("consent to referral {referral} was withdrawn: it cannot be accepted")]
    ConsentWithdrawn {
        /// The referral.
        referral: ReferralId,
    },
    /// A member's consent of a scope is already in force, or is not.
    #[error("{member} {} consented to {scope}", if *given { "has already" } else { "has not" })]
    ScopedConsentState {
        /// The member.
        member: ActorId,
        /// What the consent covers.
        scope: ConsentScope,
        /// Whether they were giving it (so it was in force already).
        given: bool,
    },
    /// The policy asks for the client system's consent to the engagement, and none is in force.
    #[error("no client-system member's consent to the engagement is in force")]
    NoEngagementConsent,
    /// The goal lifecycle table has no such move.
    #[error("goal {goal} cannot move from {} to {}", from.as_str(), to.as_str())]
    GoalMove {
        /// The goal.
        goal: GoalId,
        /// Its status.
        from: GoalStatus,
        /// The status asked for.
        to: GoalStatus,
    },

    // Issue 14: the everyday record.
    /// The record has no such member to amend.
    #[error("{record} has no {member} to amend")]
    NotAmendable {
        /// The record.
        record: RecordRef,
        /// The member the amendment names.
        member: &'static str,
    },
    /// Plan versions are revised, not corrected.
    #[error("{record} cannot be corrected: revise the plan instead")]
    NotCorrectable {
        /// The record.
        record: RecordRef,
    },
    /// The record was retracted, so it is corrected no further.
    #[error("{record} was retracted")]
    AlreadyRetracted {
        /// The record.
        record: RecordRef,
    },
    /// The amendment gives the member the value it has.
    #[error("{record} already has this {member}")]
    Unchanged {
        /// The record.
        record: RecordRef,
        /// The member.
        member: &'static str,
    },
    /// A corrected time is before the opening or after the correction itself.
    #[error(
        "the corrected time {at} is not between the opening at {opened} and the correction at {corrected}"
    )]
    AtOutOfRange {
        /// The time given.
        at: DateTime<Utc>,
        /// When the engagement was opened.
        opened: DateTime<Utc>,
        /// When the correction is made.
        corrected: DateTime<Utc>,
    },
    /// The time given is later than the app's clock allows.
    #[error("time {at} is more than {allowance} minutes after the app's clock at {now}")]
    FutureTime {
        /// The time given.
        at: DateTime<Utc>,
        /// The app's clock.
        now: DateTime<Utc>,
        /// The policy's allowance, in minutes.
        allowance: u32,
    },
    /// Due dates belong to goals, interventions and referrals.
    #[error("{record} takes no due date: goals, interventions and referrals do")]
    NoDueDate {
        /// The record.
        record: RecordRef,
    },
    /// A due date before the day it is set.
    #[error("the due date {due_on} of {record} is before the day it is set, {today}")]
    DueBeforeToday {
        /// The record.
        record: RecordRef,
        /// The date given.
        due_on: chrono::NaiveDate,
        /// The day of the command.
        today: chrono::NaiveDate,
    },
    /// A media type that is not `type/subtype`.
    #[error("{media_type:?} is not a media type such as image/jpeg")]
    InvalidMediaType {
        /// The text given (shortened).
        media_type: String,
    },
    /// A digest that is not 64 hexadecimal digits.
    #[error("{sha256:?} is not a SHA-256 digest of 64 hexadecimal digits")]
    InvalidDigest {
        /// The text given (shortened).
        sha256: String,
    },
    /// A document id attached already.
    #[error("document {id} is attached already")]
    DuplicateDocument {
        /// The document's id.
        id: crate::engagement::DocumentId,
    },
    /// A transfer is waiting for an answer already.
    #[error("a transfer to {to} is waiting for an answer")]
    TransferPending {
        /// Its receiving worker.
        to: ActorId,
    },
    /// No transfer is waiting for an answer.
    #[error("no transfer is waiting for an answer")]
    NoTransfer,
    /// The worker is the lead already.
    #[error("{id} is the lead worker already")]
    AlreadyLead {
        /// The worker.
        id: ActorId,
    },
    /// The policy asks for a client-system member's consent before a transfer is accepted.
    #[error("no client-system member has consented to the transfer")]
    NoTransferConsent,
    /// A member consented to the transfer already.
    #[error("{member} has already consented to the transfer")]
    TransferConsentGiven {
        /// The member.
        member: ActorId,
    },
    /// A case is imported right after its opening.
    #[error("a case is imported right after its opening, before anything else is recorded")]
    ImportAfterRecords,
    /// A case is imported into an active stage up to evaluation.
    #[error("a case is imported into needs_assessment, planning, implementation or evaluation, not {}", stage.as_str())]
    ImportStage {
        /// The stage given.
        stage: Stage,
    },
    /// Only referrals whose loop is open are imported.
    #[error("referral {referral} is closed: only referrals still open are imported")]
    ImportClosedReferral {
        /// The referral, numbered as imported.
        referral: ReferralId,
    },
    // Issue 12: erasure.
    /// A command gave the erased marker as a text: only an erased text reads so.
    #[error(
        "a text is the erased marker {}, which only an erased text may hold",
        crate::engagement::ERASED
    )]
    ErasedMarker,
    /// An erasure named a person the engagement never recorded a text of.
    #[error("no text of {person} was ever recorded in this engagement")]
    UnknownPerson {
        /// The person.
        person: ActorId,
    },
    /// An erasure named a person or a record whose texts are all erased already, or who has none.
    #[error("{target} has no text left to erase")]
    NothingToErase {
        /// What the erasure named.
        target: crate::engagement::ErasureTarget,
    },
}

impl Problem {
    /// A stable `snake_case` code for the kind of problem, for an app that maps problems to form
    /// fields or to its own texts (`"empty_text"`, `"no_open_need"`, `"referrals_in_flight"`,
    /// ...). The code names the variant; the fields say which value.
    ///
    /// ```
    /// use pendamping::Problem;
    /// assert_eq!(Problem::NoStrength.code(), "no_strength");
    /// assert_eq!(Problem::EmptyText { field: "domain" }.code(), "empty_text");
    /// ```
    #[must_use]
    pub const fn code(&self) -> &'static str {
        match self {
            Self::EmptyText { .. } => "empty_text",
            Self::TextTooLong { .. } => "text_too_long",
            Self::ControlCharacter { .. } => "control_character",
            Self::EmptyList { .. } => "empty_list",
            Self::TooMany { .. } => "too_many",
            Self::Unknown { .. } => "unknown",
            Self::NeedNotOpen { .. } => "need_not_open",
            Self::Repeated { .. } => "repeated",
            Self::DuplicateMember { .. } => "duplicate_member",
            Self::NotOnTeam { .. } => "not_on_team",
            Self::WrongMemberKind { .. } => "wrong_member_kind",
            Self::NoWorker { .. } => "no_worker",
            Self::LastWorker { .. } => "last_worker",
            Self::NoApprover => "no_approver",
            Self::LastApprover { .. } => "last_approver",
            Self::TimeWentBack { .. } => "time_went_back",
            Self::Closed { .. } => "closed",
            Self::NotClosed { .. } => "not_closed",
            Self::OnHold { .. } => "on_hold",
            Self::NotOnHold { .. } => "not_on_hold",
            Self::WrongStage { .. } => "wrong_stage",
            Self::Transition { .. } => "transition",
            Self::NoOpenNeed { .. } => "no_open_need",
            Self::NoStrength { .. } => "no_strength",
            Self::NoGoal { .. } => "no_goal",
            Self::NoIntervention { .. } => "no_intervention",
            Self::NeedWithoutGoal { .. } => "need_without_goal",
            Self::NotAgreed { .. } => "not_agreed",
            Self::NotApproved { .. } => "not_approved",
            Self::PlanFrozen { .. } => "plan_frozen",
            Self::AwaitingApproval { .. } => "awaiting_approval",
            Self::PlanApproved { .. } => "plan_approved",
            Self::NotCurrentPlan { .. } => "not_current_plan",
            Self::GoalNotInPlan { .. } => "goal_not_in_plan",
            Self::AlreadyAgreed { .. } => "already_agreed",
            Self::ZeroWeight { .. } => "zero_weight",
            Self::EmptyScaleLevel { .. } => "empty_scale_level",
            Self::NoApprovalRequested { .. } => "no_approval_requested",
            Self::ApprovalAlready { .. } => "approval_already",
            Self::NoActivity { .. } => "no_activity",
            Self::NoEvaluation { .. } => "no_evaluation",
            Self::DecisionMismatch { .. } => "decision_mismatch",
            Self::ReviewBeforeHold { .. } => "review_before_hold",
            Self::ReasonRequired { .. } => "reason_required",
            Self::TerminationReasonRequired { .. } => "termination_reason_required",
            Self::TerminationReasonUnexpected { .. } => "termination_reason_unexpected",
            Self::NotPlannedEnding { .. } => "not_planned_ending",
            Self::NotEarlyEnding { .. } => "not_early_ending",
            Self::NoSummary { .. } => "no_summary",
            Self::ReferralsInFlight { .. } => "referrals_in_flight",
            Self::ClosureNotApproved { .. } => "closure_not_approved",
            Self::NoConsent { .. } => "no_consent",
            Self::ConsentState { .. } => "consent_state",
            Self::ReferralMove { .. } => "referral_move",
            Self::OwnResource { .. } => "own_resource",
            Self::ServiceOnStrength { .. } => "service_on_strength",
            Self::NoContributionHere { .. } => "no_contribution_here",
            Self::Inconsistent { .. } => "inconsistent",
            Self::LinkageNotRecordedHere { .. } => "linkage_not_recorded_here",
            Self::NotOwnCommitment { .. } => "not_own_commitment",
            Self::NotInClientSystem { .. } => "not_in_client_system",
            Self::GoalMove { .. } => "goal_move",
            Self::FourEyes { .. } => "four_eyes",
            Self::ConsentWithdrawn { .. } => "consent_withdrawn",
            Self::ScopedConsentState { .. } => "scoped_consent_state",
            Self::NoEngagementConsent => "no_engagement_consent",
            Self::NotAmendable { .. } => "not_amendable",
            Self::NotCorrectable { .. } => "not_correctable",
            Self::AlreadyRetracted { .. } => "already_retracted",
            Self::Unchanged { .. } => "unchanged",
            Self::AtOutOfRange { .. } => "at_out_of_range",
            Self::FutureTime { .. } => "future_time",
            Self::NoDueDate { .. } => "no_due_date",
            Self::DueBeforeToday { .. } => "due_before_today",
            Self::InvalidMediaType { .. } => "invalid_media_type",
            Self::InvalidDigest { .. } => "invalid_digest",
            Self::DuplicateDocument { .. } => "duplicate_document",
            Self::TransferPending { .. } => "transfer_pending",
            Self::NoTransfer => "no_transfer",
            Self::AlreadyLead { .. } => "already_lead",
            Self::NoTransferConsent => "no_transfer_consent",
            Self::TransferConsentGiven { .. } => "transfer_consent_given",
            Self::ImportAfterRecords => "import_after_records",
            Self::ImportStage { .. } => "import_stage",
            Self::ImportClosedReferral { .. } => "import_closed_referral",
            Self::ErasedMarker => "erased_marker",
            Self::UnknownPerson { .. } => "unknown_person",
            Self::NothingToErase { .. } => "nothing_to_erase",
        }
    }
}

fn stage_list(stages: &[Stage]) -> String {
    stages
        .iter()
        .map(|s| s.as_str())
        .collect::<Vec<_>>()
        .join(" or ")
}

fn list(ids: &[ReferralId]) -> String {
    ids.iter()
        .map(|&id| RecordRef::Referral(id).to_string())
        .collect::<Vec<_>>()
        .join(", ")
}
