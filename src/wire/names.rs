//! The stable name of each event, like [`Command::name`](crate::Command::name) for commands.

use crate::Event;

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
            Self::StatusChanged { .. } => "status_changed",
            Self::TerminationSummaryRecorded { .. } => "termination_summary_recorded",
            Self::ClosureApprovalRequested { .. } => "closure_approval_requested",
            Self::ClosureApprovalDecided { .. } => "closure_approval_decided",
            Self::FollowUpRecorded { .. } => "follow_up_recorded",
        }
    }
}
