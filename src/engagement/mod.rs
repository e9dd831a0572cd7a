//! The engagement: the event-sourced record of one client system's accompaniment, from needs
//! assessment to termination and follow-up.
//!
//! The way through:
//!
//! ```text
//! app ──Command──▶ decide(&Engagement, &Actor, at) ──Event──▶ Recorded { seq, at, by, event }
//!                     │ Rejection (nothing changes)                  │
//!                     ▼                                              ▼
//!                clear error                     apply ──▶ Engagement (new state)
//!                                                      └─▶ the app's store (take_pending)
//! stored Recorded… ──replay──▶ Engagement   (same state, same ids)
//! ```
//!
//! [`Engagement::execute`] is the one door for changes. It checks the actor's permission, then
//! every requirement of the command at once, and either refuses with a [`Rejection`] that names
//! all of them or records exactly one event. One command is one event, so a command can never be
//! half applied. The engagement keeps the recorded events only until the app takes them
//! ([`Engagement::take_pending`]); the state is the model, the app's store is the record.
//!
//! Ids of records inside the engagement ([`NeedId`], [`GoalId`], ...) are given out in order
//! from 1, so a replay reproduces them. Time is always passed in; the crate never reads the
//! clock, and time never goes back.
//!
//! ## Who may do what
//!
//! Every command carries an [`Actor`]. Only members of the engagement's team act on it, and
//! what each kind may do is the [`Policy`]'s, starting from the default table [`PERMISSIONS`]
//! (a test renders the table below from it):
//!
//! | permission | social worker | supervisor | client-system member | community representative | donor | agency |
//! |---|---|---|---|---|---|---|
//! | `practice` | yes | yes | – | – | – | – |
//! | `approve` | – | yes | – | – | – | – |
//! | `manage_team` | – | yes | – | – | – | – |
//! | `client_voice` | – | – | yes | – | – | – |
//! | `provider_update` | – | – | – | – | – | yes |
//! | `propose_need` | – | – | yes | yes | – | – |
//! | `record_own_strength` | – | – | yes | yes | – | – |
//! | `propose_goal` | – | – | yes | yes | – | – |
//! | `contribute_to_design` | – | – | – | yes | yes | yes |
//! | `contribute_to_implementation` | – | – | yes | yes | yes | yes |
//! | `contribute_to_evaluation` | – | – | yes | yes | yes | yes |
//! | `agree_for_community` | – | – | – | yes | – | – |
//! | `erase` | – | yes | – | – | – | – |
//!
//! The worker records and decides what the practice requires, and only the practice moves
//! stages or closes. The client system and the community propose: a need, a strength or a
//! goal recorded through `propose_need`, `record_own_strength` or `propose_goal` is marked as
//! its maker's (`proposed_by`), and a proposed goal counts in the plan once the worker accepts
//! it. Donors, agencies and the community contribute their own records: interventions they
//! carry out themselves, their words on a consultation or an education session, their view of
//! an evaluation. Only the client system agrees and consents for itself (the community's
//! representative, when the client system is a community); a worker may record a member's
//! agreement or consent on their behalf, naming them. The mapping of these parties to the
//! seed's actors (the social worker, the local community, donors and related agencies) is the
//! crate's reading.
//!
//! ## Who may read what
//!
//! Every need, resource, activity, referral, evaluation and follow-up has a [`Confidentiality`]
//! level, chosen on the command that records it or given by one default rule
//! ([`default_confidentiality`]: health and protection are confidential); goals and
//! interventions take the level of what they serve. The policy's reading matrix
//! ([`Policy::reads`], [`ReadAccess`]) says which actor kinds read which level, and
//! [`Engagement::view_for`] returns what one actor may read, counting the rest ([`View`],
//! [`Hidden`]).
//!
//! ## Commands at a glance
//!
//! Where each command is taken is data: [`GATES`], read by [`decide`] and by replay, and
//! rendered here (a test keeps the two equal). "Who" is the default table ([`PERMISSIONS`]); the
//! lifecycle table decides the moves of `move_to_stage`, `hold` and `close`.
//!
//! | command | who | while active | on hold | closed | asks |
//! |---|---|---|---|---|---|
//! | `reassign_worker` | manage team | every stage | yes | – | the new worker is a social worker |
//! | `add_member` | practice (workers and supervisors: manage team) | every stage | yes | – | at most 1000 members |
//! | `remove_member` | practice (workers and supervisors: manage team) | every stage | yes | – | never the last worker, nor the last approver while the policy asks for approvals |
//! | `change_policy` | manage team | every stage | yes | – | an approver on the team if the new policy asks for approvals |
//! | `record_need` | practice, or propose a need (marked as theirs) | needs_assessment to evaluation | – | – | – |
//! | `record_resource` | practice; a strength of the client system's own: record own strength (marked as theirs) | needs_assessment to evaluation | – | – | – |
//! | `mark_need_met` | practice | every stage | – | – | an open need |
//! | `defer_need` | practice | every stage | – | – | an open need |
//! | `add_goal` | practice, or propose a goal (marked as theirs; it counts once the worker accepts it) | planning | – | – | a plan version not yet agreed or sent for approval |
//! | `set_goal_status` | practice | every stage | – | – | a move of the goal table; accepting a proposal, a plan version that may change |
//! | `add_intervention` | practice, or contribute to design (what the contributor carries out itself) | planning | – | – | a plan version not yet agreed or sent for approval |
//! | `revise_plan` | practice | planning | – | – | – |
//! | `agree_to_plan` | client voice, or agree for the community (a community's representative); practice, on behalf of a member | planning | – | – | the current version, with a goal |
//! | `request_plan_approval` | practice | planning | – | – | – |
//! | `decide_plan_approval` | approve | planning | – | – | a requested approval |
//! | `record_activity` | practice | every stage | – | – | – |
//! | `add_contribution` | client voice, or contribute to implementation | every stage | – | – | a consultation or education record |
//! | `refer` | practice | every stage | – | – | a resource held outside the client system |
//! | `give_consent` | client voice, or agree for the community (a community's representative); practice, on behalf of a member | every stage | – | – | – |
//! | `withdraw_consent` | client voice, or agree for the community (a community's representative); practice, on behalf of a member | every stage | yes | – | – |
//! | `set_referral_status` | practice for requested, cancelled and entered in error; the addressed provider for the rest (the worker records an outside provider's answers) | every stage | the provider's answers | – | a move along the referral's loop; consent before it is requested |
//! | `record_evaluation` | practice | evaluation | – | – | scores of goals of the current plan |
//! | `move_to_stage` | practice | every stage | – | – | a move of the lifecycle table, with its requirements |
//! | `hold` | practice | every stage | – | – | a reason |
//! | `resume` | practice | – | yes | – | – |
//! | `record_termination_summary` | practice | termination | – | – | – |
//! | `request_closure_approval` | practice | termination | – | – | – |
//! | `decide_closure_approval` | approve | termination | – | – | a requested approval |
//! | `close` | practice | every stage | – | – | termination: the summary written, no referral in flight, approval if the policy asks |
//! | `reopen` | practice | – | – | yes | a reason |
//! | `record_follow_up` | practice | – | – | yes | – |
//! | `add_evaluation_view` | contribute to evaluation | evaluation, termination | – | – | a recorded evaluation; ratings of goals of its plan |
//! | `record_surrounding_resource` | practice, or record own strength (marked as theirs) | needs_assessment to evaluation | – | – | – |
//! | `give_scoped_consent` | client voice, or agree for the community (a community's representative); practice, on behalf of a member | every stage | – | – | a member of the client system; none of that scope in force |
//! | `withdraw_scoped_consent` | client voice, or agree for the community (a community's representative); practice, on behalf of a member | every stage | yes | – | a consent of that scope in force |
//! | `record_note` | practice | every stage | yes | – | the records it concerns exist |
//! | `amend` | practice | every stage | yes | – | a reason; a record, not retracted, that has the member |
//! | `retract` | practice | every stage | yes | – | a reason; a record not retracted (not a plan version) |
//! | `set_due_date` | practice | every stage | yes | – | a goal, intervention or referral; a date not before the day it is set |
//! | `attach_document` | practice | every stage | yes | – | a new document id, a media type, a SHA-256 digest |
//! | `request_transfer` | practice | every stage | yes | – | a social worker other than the lead; no transfer waiting |
//! | `accept_transfer` | the receiving worker, on the team or not (or approve) | every stage | yes | – | a transfer waiting for an answer |
//! | `decline_transfer` | the receiving worker, on the team or not (or approve) | every stage | yes | – | a transfer waiting for an answer; a reason |
//! | `consent_to_transfer` | client voice, or agree for the community (a community's representative); practice, on behalf of a member | every stage | yes | – | a transfer waiting for an answer |
//! | `import` | practice | needs_assessment | – | – | right after the opening; a stage up to evaluation; referrals not closed |
//! | `erase` | erase | every stage | yes | yes | a person or record with text left to erase, and a reason |
//!
//! Moving between stages asks what the lifecycle table (and `ARCHITECTURE.md`) asks: an open
//! need and a strength before
//! planning; before implementation, a plan whose goals cover every open need (or the need is
//! deferred), with an intervention serving a goal, agreed by the client system and approved
//! where the policy says so; an activity before evaluation; an evaluation whose decision
//! matches the move out of evaluation; a reason to revise the plan from implementation; a
//! planned termination reason after evaluation and an unplanned one to end early.
//!
//! Every list in a command or an opening is bounded, and so is every text: the bounds are in
//! one table (see [`MAX_LIST_LEN`] and its neighbours), and a list is checked against its bound
//! before it is walked. A text is empty when nothing visible is left once whitespace, control
//! and invisible format characters are set aside (see [`Command`]'s text rules). Refusals can
//! be read in English or Indonesian ([`Rejection::message`]).
//!
//! ## One rulebook
//!
//! The rules are written once, in [`decide`]. [`Engagement::replay`] (and so every store that
//! loads a stream) checks each stored event by deciding, at that moment, the command that
//! records it: the team and the policy then in force, the status and stage gate, the
//! requirements, the bounds, the text rules, the ids, the seq and the time. The event must be
//! exactly the one that command records. So a stream loads exactly when executing its commands
//! one by one would have recorded it; an event that does not is a [`ReplayError`] naming its
//! seq and every problem, in the [`Problem`] vocabulary a refusal uses.
//!
//! ## Unknown members
//!
//! Commands, openings, events, recorded envelopes and every record, actor, team member and
//! policy in them refuse JSON members they do not have, with a serde error naming the member
//! (``unknown field `review`, expected `reason` or `review_on` ``). A newer writer that adds
//! a member to an event writes a new journal format version, which an older reader refuses
//! whole; nothing is ever loaded less a member. Members with a default (empty lists, absent
//! options, the policy's defaults) may be left out.

mod apply;
mod bounds;
mod command;
mod compact;
mod confidentiality;
mod consent;
mod correction;
mod coverage;
mod decide;
mod document;
mod door;
mod due;
mod erasure;
mod evaluation;
mod event;
mod everyday;
mod goal_moves;
mod ids;
mod import;
mod levels;
mod message;
mod note;
pub(crate) mod personal;
mod plan;
mod policy;
mod problem;
mod queries;
mod reading;
mod records;
mod referral;
mod rejection;
mod replay_error;
mod role_mix;
mod strict;
mod team;
mod text;
mod transfer;
mod view;
mod words;

pub use bounds::{
    MAX_LIST_LEN, MAX_NAME_CHARS, MAX_POLICY_ENTRIES, MAX_READING_ENTRIES, MAX_TEAM, MAX_TEXT_CHARS,
};
pub use command::Command;
pub use confidentiality::Confidentiality;
pub use consent::{Consent, ConsentScope};
pub use correction::{Amendment, Correction, CorrectionKind};
pub use decide::decide;
pub use decide::gate::{GATES, Gate, OnHold, gate};
pub use document::{Attachment, DocumentRef};
pub use due::Due;
pub use erasure::{Erasure, ErasureTarget, TextSlot};
pub use evaluation::{Decision, Evaluation, EvaluationView, GoalEvaluation};
pub use event::{Event, Recorded};
pub use everyday::Dated;
pub use goal_moves::GOAL_MOVES;
pub use ids::{
    ActivityId, ActorId, DocumentId, EngagementId, EvaluationId, GoalId, InterventionId,
    MAX_ID_LEN, NeedId, NoteId, PlanVersion, ReferralId, ResourceId,
};
pub use import::{
    ImportSource, ImportedCase, ImportedGoal, ImportedIntervention, ImportedNeed, ImportedReferral,
    ImportedResource,
};
pub use levels::{SENSITIVE_DOMAIN_WORDS, default_confidentiality};
pub use note::{ContactKind, Note};
pub use personal::{ERASED, is_erased};
pub use plan::{Agreement, Approval, Plan};
pub use policy::Policy;
pub use problem::{Problem, RecordRef};
pub use reading::ReadAccess;
pub use records::{
    Achievement, Activity, ActivityDetail, AdvocacyScope, Contribution, FollowUp, GasScale, Goal,
    GoalStatus, Hold, Holder, Intervention, Need, NeedStatus, Priority, Resource, Responsible,
    ServiceDetails, Surrounding, Termination, TerminationReason,
};
pub use referral::{Provider, Referral, ReferralChange, ReferralSide, ReferralStatus};
pub use rejection::{NotPermittedBecause, Rejection};
pub use replay_error::{ReplayError, ReplayErrorKind};
pub use role_mix::RoleMix;
pub use team::{Actor, ClientSystem, PERMISSIONS, Permission, TeamMember};
pub use transfer::Transfer;
pub use view::{Hidden, View, ViewError};
pub use words::command_label;

use crate::lifecycle::Lifecycle;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// What an app gives to open an engagement.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Opening {
    /// The engagement's id, from the app.
    pub id: EngagementId,
    /// The client system.
    pub client: ClientSystem,
    /// The team: at least one social worker (the assigned worker), and whoever else takes part.
    pub team: Vec<TeamMember>,
    /// The rules in force.
    pub policy: Policy,
}

/// One client system's accompaniment: its team, policy, lifecycle and records.
///
/// Build one with [`Engagement::open`] or [`Engagement::replay`]; change it only through
/// [`Engagement::execute`].
///
/// An engagement serialises (serde) as a snapshot of its state, handy as a cache. The recorded
/// events are the record: a snapshot is trusted as it is read (only its lifecycle is checked
/// against the table), while [`Engagement::replay`] and the [`journal`](crate::journal) check
/// every event. Queries never panic, whatever a snapshot holds.
///
/// ```
/// use chrono::{TimeZone, Utc};
/// use pendamping::{
///     Actor, ActorKind, ClientSystem, ClientSystemLevel, Command, Engagement, EngagementId,
///     Opening, Policy, Priority, ResourceKind, Stage, TeamMember,
/// };
///
/// let siti = Actor::new("w:siti", ActorKind::SocialWorker)?;
/// let day = |d| Utc.with_ymd_and_hms(2026, 3, d, 9, 0, 0).unwrap();
/// let mut case = Engagement::open(&siti, day(2), Opening {
///     id: EngagementId::new("pkh-0142")?,
///     client: ClientSystem { level: ClientSystemLevel::Family, name: "Keluarga Sari".into() },
///     team: vec![TeamMember { id: siti.id.clone(), kind: ActorKind::SocialWorker, name: "Siti".into() }],
///     policy: Policy::default(),
/// })?;
///
/// case.execute(&siti, day(3), Command::RecordNeed {
///     domain: "schooling".into(),
///     description: "The eldest daughter stopped going to school".into(),
///     priority: Priority::High,
///     confidentiality: None,
/// })?;
/// case.execute(&siti, day(3), Command::RecordResource {
///     kind: ResourceKind::Personal,
///     description: "The mother keeps a careful household budget".into(),
///     holder: None,
///     barriers: vec![],
///     service: None,
///     confidentiality: None,
/// })?;
/// case.execute(&siti, day(4), Command::MoveToStage { to: Stage::Planning, reason: None, termination: None })?;
/// assert_eq!(case.stage(), Some(Stage::Planning));
///
/// // The app stores what was recorded; a replay gives the same engagement.
/// let events = case.take_pending();
/// assert_eq!(events.len(), 4);
/// assert_eq!(Engagement::replay(events)?, case);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Engagement {
    id: EngagementId,
    client: ClientSystem,
    team: Vec<TeamMember>,
    policy: Policy,
    lifecycle: Lifecycle,
    opened_at: DateTime<Utc>,
    last_at: DateTime<Utc>,
    seq: u64,
    needs: Vec<Need>,
    resources: Vec<Resource>,
    goals: Vec<Goal>,
    interventions: Vec<Intervention>,
    plans: Vec<Plan>,
    activities: Vec<Activity>,
    referrals: Vec<Referral>,
    evaluations: Vec<Evaluation>,
    hold: Option<Hold>,
    termination: Option<Termination>,
    follow_ups: Vec<FollowUp>,
    /// Consents to the engagement and to disclosures, in the order given.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    consents: Vec<Consent>,
    /// How many activities and evaluations there were when the current stage was entered.
    stage_marks: (usize, usize),
    // Issue 14: the everyday record.
    /// Case notes, oldest first.
    #[serde(default)]
    notes: Vec<Note>,
    /// Every correction, oldest first.
    #[serde(default)]
    corrections: Vec<Correction>,
    /// The records retracted (each also has its correction).
    #[serde(default)]
    retracted: std::collections::BTreeSet<RecordRef>,
    /// The dated record the last event made, with the time of the event before it: an `at`
    /// correction of that record may set the clock back to there.
    #[serde(default)]
    last_record: Option<(RecordRef, DateTime<Utc>)>,
    /// Document references, oldest first.
    #[serde(default)]
    documents: Vec<Attachment>,
    /// The lead worker named by the last accepted transfer or reassignment.
    #[serde(default)]
    lead: Option<ActorId>,
    /// The transfer waiting for an answer (rare, so boxed).
    #[serde(default)]
    transfer: Option<Box<Transfer>>,
    /// Every personal text recorded, for erasure (issue 12).
    #[serde(default)]
    texts: Vec<TextSlot>,
    /// Recorded events not yet taken by the app; not part of the engagement's state.
    #[serde(skip)]
    pending: Vec<Recorded>,
}

impl PartialEq for Engagement {
    /// Equal state; events waiting to be taken are not state. The destructuring is exhaustive,
    /// so a field added to the engagement cannot be forgotten here.
    fn eq(&self, other: &Self) -> bool {
        let Self {
            id,
            client,
            team,
            policy,
            lifecycle,
            opened_at,
            last_at,
            seq,
            needs,
            resources,
            goals,
            interventions,
            plans,
            activities,
            referrals,
            evaluations,
            hold,
            termination,
            follow_ups,
            consents,
            stage_marks,
            notes,
            corrections,
            retracted,
            last_record,
            documents,
            lead,
            transfer,
            texts,
            pending: _,
        } = self;
        *id == other.id
            && *client == other.client
            && *team == other.team
            && *policy == other.policy
            && *lifecycle == other.lifecycle
            && *opened_at == other.opened_at
            && *last_at == other.last_at
            && *seq == other.seq
            && *needs == other.needs
            && *resources == other.resources
            && *goals == other.goals
            && *interventions == other.interventions
            && *plans == other.plans
            && *activities == other.activities
            && *referrals == other.referrals
            && *evaluations == other.evaluations
            && *hold == other.hold
            && *termination == other.termination
            && *follow_ups == other.follow_ups
            && *consents == other.consents
            && *stage_marks == other.stage_marks
            && *notes == other.notes
            && *corrections == other.corrections
            && *retracted == other.retracted
            && *last_record == other.last_record
            && *documents == other.documents
            && *lead == other.lead
            && *transfer == other.transfer
            && *texts == other.texts
    }
}

impl Eq for Engagement {}
