//! The stable name of each event, like [`Command::name`](crate::Command::name) for commands,
//! and the parts of a [`RecordRef`].

use crate::Event;
use crate::engagement::RecordRef;

impl RecordRef {
    /// The kind of record, its serde tag value (`"need"`, ..., `"plan"`).
    #[must_use]
    pub const fn as_str(&self) -> &'static str {
        match self {
            Self::Need(_) => "need",
            Self::Resource(_) => "resource",
            Self::Goal(_) => "goal",
            Self::Intervention(_) => "intervention",
            Self::Activity(_) => "activity",
            Self::Referral(_) => "referral",
            Self::Evaluation(_) => "evaluation",
            Self::Plan(_) => "plan",
            Self::Note(_) => "note",
        }
    }

    /// The record's number.
    ///
    /// ```
    /// use pendamping::{NeedId, RecordRef};
    /// assert_eq!(RecordRef::Need(NeedId(2)).number(), 2);
    /// ```
    #[must_use]
    pub const fn number(&self) -> u32 {
        match self {
            Self::Need(id) => id.0,
            Self::Resource(id) => id.0,
            Self::Goal(id) => id.0,
            Self::Intervention(id) => id.0,
            Self::Activity(id) => id.0,
            Self::Referral(id) => id.0,
            Self::Evaluation(id) => id.0,
            Self::Plan(id) => id.0,
            Self::Note(id) => id.0,
        }
    }
}

impl Event {
    /// The event's stable `snake_case` name: its serde tag (the `"type"` member), for logs,
    /// metrics and an app's own dispatch.
    ///
    /// ```
    /// use pendamping::{Event, ActorId};
    /// let event = Event::MemberRemoved { id: ActorId::new("c:joko")? };
    /// assert_eq!(event.name(), "member_removed");
    /// # Ok::<(), pendamping::ParseError>(())
    /// ```
    #[must_use]
    pub const fn name(&self) -> &'static str {
        match self {
            Self::Opened { .. } => "opened",
            Self::WorkerReassigned { .. } => "worker_reassigned",
            Self::MemberAdded { .. } => "member_added",
            Self::MemberRemoved { .. } => "member_removed",
            Self::PolicyChanged { .. } => "policy_changed",
            Self::NeedRecorded { .. } => "need_recorded",
            Self::ResourceRecorded { .. } => "resource_recorded",
            Self::NeedMet { .. } => "need_met",
            Self::NeedDeferred { .. } => "need_deferred",
            Self::GoalAdded { .. } => "goal_added",
            Self::GoalStatusSet { .. } => "goal_status_set",
            Self::InterventionAdded { .. } => "intervention_added",
            Self::PlanRevised { .. } => "plan_revised",
            Self::PlanAgreed { .. } => "plan_agreed",
            Self::PlanApprovalRequested { .. } => "plan_approval_requested",
            Self::PlanApprovalDecided { .. } => "plan_approval_decided",
            Self::ActivityRecorded { .. } => "activity_recorded",
            Self::ContributionAdded { .. } => "contribution_added",
            Self::ReferralMade { .. } => "referral_made",
            Self::ConsentGiven { .. } => "consent_given",
            Self::ConsentWithdrawn { .. } => "consent_withdrawn",
            Self::ReferralStatusSet { .. } => "referral_status_set",
            Self::EvaluationRecorded { .. } => "evaluation_recorded",
            Self::EvaluationViewAdded { .. } => "evaluation_view_added",
            Self::ScopedConsentGiven { .. } => "scoped_consent_given",
            Self::ScopedConsentWithdrawn { .. } => "scoped_consent_withdrawn",
            Self::StatusChanged { .. } => "status_changed",
            Self::TerminationSummaryRecorded { .. } => "termination_summary_recorded",
            Self::ClosureApprovalRequested { .. } => "closure_approval_requested",
            Self::ClosureApprovalDecided { .. } => "closure_approval_decided",
            Self::FollowUpRecorded { .. } => "follow_up_recorded",
            Self::NoteRecorded { .. } => "note_recorded",
            Self::Amended { .. } => "amended",
            Self::Retracted { .. } => "retracted",
            Self::DueDateSet { .. } => "due_date_set",
            Self::DocumentAttached { .. } => "document_attached",
            Self::TransferRequested { .. } => "transfer_requested",
            Self::TransferAccepted { .. } => "transfer_accepted",
            Self::TransferDeclined { .. } => "transfer_declined",
            Self::Imported { .. } => "imported",
            Self::TransferConsented { .. } => "transfer_consented",
            Self::Erased { .. } => "erased",
        }
    }
}
