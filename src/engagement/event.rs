//! What happened: the events an engagement records, and the envelope each is recorded in.

use crate::engagement::{
    Activity, ActivityId, Actor, ActorId, ClientSystem, ConsentScope, Contribution, EngagementId,
    Evaluation, EvaluationId, EvaluationView, Goal, GoalId, GoalStatus, Intervention, Need, NeedId,
    PlanVersion, Policy, Referral, ReferralId, ReferralStatus, Resource, TeamMember,
    TerminationReason,
};
use crate::engagement::{Amendment, DocumentRef, ImportSource, Note, RecordRef};
use crate::lifecycle::{Status, TransitionKind};
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

/// One event as recorded: its place in the engagement's stream, when, by whom, and what.
///
/// This is what an app stores (see the `journal` module for the crate's own store) and what
/// [`Engagement::replay`](crate::Engagement::replay) rebuilds an engagement from.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Recorded {
    /// The event's place in the stream, from 1, without gaps.
    pub seq: u64,
    /// When it happened, as the app said.
    pub at: DateTime<Utc>,
    /// Who did it.
    pub by: Actor,
    /// What happened.
    pub event: Event,
}

/// Something that happened to an engagement. Events are facts: they carry checked text and the
/// ids the engagement gave out, so applying them decides nothing.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[serde(tag = "type", rename_all = "snake_case")]
#[non_exhaustive]
pub enum Event {
    /// The engagement was opened.
    Opened {
        /// Its id.
        id: EngagementId,
        /// The client system.
        client: ClientSystem,
        /// The team at opening.
        team: Vec<TeamMember>,
        /// The policy at opening.
        policy: Policy,
    },
    /// Another worker took over.
    WorkerReassigned {
        /// The worker who left.
        from: ActorId,
        /// The worker who took over.
        to: TeamMember,
    },
    /// Someone joined the team.
    MemberAdded {
        /// Who.
        member: TeamMember,
    },
    /// Someone left the team.
    MemberRemoved {
        /// Who.
        id: ActorId,
    },
    /// The policy changed.
    PolicyChanged {
        /// The new policy.
        policy: Policy,
    },
    /// A need was recorded.
    NeedRecorded {
        /// The need.
        need: Need,
    },
    /// A resource was recorded.
    ResourceRecorded {
        /// The resource.
        resource: Resource,
    },
    /// A need was met.
    NeedMet {
        /// The need.
        need: NeedId,
        /// How.
        note: Option<String>,
    },
    /// A need was deferred.
    NeedDeferred {
        /// The need.
        need: NeedId,
        /// Why.
        reason: String,
    },
    /// A goal was added to a plan version.
    GoalAdded {
        /// The plan version.
        plan: PlanVersion,
        /// The goal.
        goal: Goal,
    },
    /// A goal's status changed.
    GoalStatusSet {
        /// The goal.
        goal: GoalId,
        /// Its new status.
        status: GoalStatus,
    },
    /// An intervention was added to a plan version.
    InterventionAdded {
        /// The plan version.
        plan: PlanVersion,
        /// The intervention.
        intervention: Intervention,
    },
    /// A new plan version was started from the previous one.
    PlanRevised {
        /// The new version.
        plan: PlanVersion,
        /// Why.
        reason: String,
    },
    /// A client-system member agreed to a plan version.
    PlanAgreed {
        /// The version.
        plan: PlanVersion,
        /// The member.
        member: ActorId,
    },
    /// Approval of a plan version was asked for.
    PlanApprovalRequested {
        /// The version.
        plan: PlanVersion,
        /// A comment.
        comment: Option<String>,
    },
    /// A plan version was approved or rejected.
    PlanApprovalDecided {
        /// The version.
        plan: PlanVersion,
        /// Approved (`true`) or rejected.
        approved: bool,
        /// A comment.
        comment: Option<String>,
    },
    /// An activity was recorded.
    ActivityRecorded {
        /// The activity.
        activity: Activity,
    },
    /// A client-system member added to an activity.
    ContributionAdded {
        /// The activity.
        activity: ActivityId,
        /// What they added.
        contribution: Contribution,
    },
    /// A referral was drafted, with the linkage activity that made it.
    ReferralMade {
        /// The referral.
        referral: Referral,
        /// The linkage activity.
        activity: Activity,
    },
    /// A member consented to a referral.
    ConsentGiven {
        /// The referral.
        referral: ReferralId,
        /// The member.
        member: ActorId,
    },
    /// A member withdrew consent.
    ConsentWithdrawn {
        /// The referral.
        referral: ReferralId,
        /// The member.
        member: ActorId,
    },
    /// A referral moved along its loop.
    ReferralStatusSet {
        /// The referral.
        referral: ReferralId,
        /// Its new status.
        status: ReferralStatus,
        /// A note.
        note: Option<String>,
    },
    /// An evaluation was recorded.
    EvaluationRecorded {
        /// The evaluation.
        evaluation: Evaluation,
    },
    /// The status changed: a stage move, a hold, a resume, closing or reopening.
    StatusChanged {
        /// The status left.
        from: Status,
        /// The status entered.
        to: Status,
        /// Which kind of move, from the lifecycle table.
        kind: TransitionKind,
        /// Why, where a reason was given.
        reason: Option<String>,
        /// Why the engagement ends, when moving to termination.
        termination: Option<TerminationReason>,
        /// When to review, when put on hold.
        review_on: Option<NaiveDate>,
    },
    /// The termination summary was written.
    TerminationSummaryRecorded {
        /// The summary.
        summary: String,
    },
    /// Approval of closing was asked for.
    ClosureApprovalRequested {
        /// A comment.
        comment: Option<String>,
    },
    /// Closing was approved or rejected.
    ClosureApprovalDecided {
        /// Approved (`true`) or rejected.
        approved: bool,
        /// A comment.
        comment: Option<String>,
    },
    /// A contact after closing was recorded.
    FollowUpRecorded {
        /// What was found.
        note: String,
        /// How confidential it is, when chosen on purpose.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        confidentiality: Option<crate::Confidentiality>,
    },

    // Issue 13: participation.
    /// A member consented to the engagement or to a disclosure.
    ScopedConsentGiven {
        /// What it covers.
        scope: ConsentScope,
        /// The member.
        member: ActorId,
    },
    /// A member withdrew a consent to the engagement or to a disclosure.
    ScopedConsentWithdrawn {
        /// What it covered.
        scope: ConsentScope,
        /// The member.
        member: ActorId,
    },
    /// Someone taking part added their view of an evaluation.
    EvaluationViewAdded {
        /// The evaluation.
        evaluation: EvaluationId,
        /// The view.
        view: EvaluationView,
    },

    // Issue 14: the everyday record.
    /// A case note was recorded.
    NoteRecorded {
        /// The note.
        note: Note,
    },
    /// A member of a record was amended.
    Amended {
        /// The record.
        record: RecordRef,
        /// The member as it was.
        from: Amendment,
        /// The member as it is now.
        to: Amendment,
        /// Why.
        reason: String,
    },
    /// A record was retracted.
    Retracted {
        /// The record.
        record: RecordRef,
        /// Why.
        reason: String,
    },
    /// A due date was set or cleared.
    DueDateSet {
        /// The goal, intervention or referral.
        record: RecordRef,
        /// The day it is due; `None` clears it.
        due_on: Option<NaiveDate>,
    },
    /// A document reference was attached.
    DocumentAttached {
        /// The record; `None` for the engagement as a whole.
        record: Option<RecordRef>,
        /// The document.
        document: DocumentRef,
    },
    /// A transfer to another worker was asked for.
    TransferRequested {
        /// The lead worker then.
        from: ActorId,
        /// The receiving worker.
        to: TeamMember,
        /// Why.
        reason: String,
    },
    /// The receiving worker took the case.
    TransferAccepted {
        /// The receiving worker.
        to: ActorId,
        /// A note.
        note: Option<String>,
    },
    /// The transfer was declined.
    TransferDeclined {
        /// The receiving worker.
        to: ActorId,
        /// Why.
        reason: String,
    },
    /// A client-system member consented to the transfer waiting for an answer.
    TransferConsented {
        /// The member.
        member: ActorId,
    },
    /// The state a case reached elsewhere was brought in, right after the opening.
    Imported {
        /// Where it comes from.
        source: ImportSource,
        /// The stage it reached.
        stage: crate::Stage,
        /// Its needs, open.
        needs: Vec<Need>,
        /// Its resources.
        resources: Vec<Resource>,
        /// The goals of plan version 1.
        goals: Vec<Goal>,
        /// The interventions of plan version 1.
        interventions: Vec<Intervention>,
        /// Its referrals not yet closed.
        referrals: Vec<Referral>,
    },
    // Issue 12: erasure.
    /// Personal text was erased.
    Erased {
        /// Whose or which texts.
        target: crate::engagement::ErasureTarget,
        /// Why.
        reason: String,
        /// How many texts it erased.
        texts: u32,
    },
}
