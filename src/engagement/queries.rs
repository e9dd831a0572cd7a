//! What an engagement answers about itself: its records, its stage and status, what is due
//! for review, and the mix of its practice. Read-only; changes go through `execute`.

use crate::engagement::plan::FIRST_PLAN;
use crate::engagement::{
    Activity, ActivityId, ActorId, ClientSystem, Consent, ConsentScope, Engagement, EngagementId,
    Evaluation, EvaluationId, FollowUp, Goal, GoalId, Hold, Intervention, InterventionId, Need,
    NeedId, NeedStatus, Plan, Policy, RecordRef, Referral, ReferralId, Resource, ResourceId,
    RoleMix, TeamMember, Termination,
};
use crate::lifecycle::{Change, Lifecycle, Status};
use crate::{Function, Role, Stage};
use chrono::{DateTime, TimeDelta, Utc};

impl Engagement {
    /// The engagement's id.
    #[must_use]
    pub fn id(&self) -> &EngagementId {
        &self.id
    }

    /// The client system.
    #[must_use]
    pub fn client(&self) -> &ClientSystem {
        &self.client
    }

    /// The team.
    #[must_use]
    pub fn team(&self) -> &[TeamMember] {
        &self.team
    }

    /// The assigned social workers.
    pub fn workers(&self) -> impl Iterator<Item = &TeamMember> {
        self.team
            .iter()
            .filter(|m| m.kind == crate::ActorKind::SocialWorker)
    }

    /// The policy in force.
    #[must_use]
    pub fn policy(&self) -> &Policy {
        &self.policy
    }

    /// Active, on hold or closed, with the stage.
    #[must_use]
    pub fn status(&self) -> Status {
        self.lifecycle.status()
    }

    /// The current stage; `None` once closed.
    #[must_use]
    pub fn stage(&self) -> Option<Stage> {
        self.status().stage()
    }

    /// The lifecycle: status, history of changes, time-in-stage queries.
    #[must_use]
    pub fn lifecycle(&self) -> &Lifecycle {
        &self.lifecycle
    }

    /// Every status change so far, oldest first.
    #[must_use]
    pub fn history(&self) -> &[Change] {
        self.lifecycle.history()
    }

    /// How long the engagement has been in its current status at `at`.
    #[must_use]
    pub fn time_in_stage(&self, at: DateTime<Utc>) -> TimeDelta {
        let since = self
            .lifecycle
            .history()
            .last()
            .map_or(self.opened_at, |c| c.at);
        (at - since).max(TimeDelta::zero())
    }

    /// When the engagement was opened.
    #[must_use]
    pub fn opened_at(&self) -> DateTime<Utc> {
        self.opened_at
    }

    /// The time of the last recorded event.
    #[must_use]
    pub fn last_at(&self) -> DateTime<Utc> {
        self.last_at
    }

    /// The sequence number of the last recorded event.
    #[must_use]
    pub fn last_seq(&self) -> u64 {
        self.seq
    }

    /// Every need recorded.
    #[must_use]
    pub fn needs(&self) -> &[Need] {
        &self.needs
    }

    /// A need by id.
    #[must_use]
    pub fn need(&self, id: NeedId) -> Option<&Need> {
        self.needs.get(id.index()?)
    }

    /// The needs still open.
    pub fn open_needs(&self) -> impl Iterator<Item = &Need> {
        self.needs
            .iter()
            .filter(|n| n.status == NeedStatus::Open && !self.is_retracted(RecordRef::Need(n.id)))
    }

    /// Every resource recorded.
    #[must_use]
    pub fn resources(&self) -> &[Resource] {
        &self.resources
    }

    /// A resource by id.
    #[must_use]
    pub fn resource(&self, id: ResourceId) -> Option<&Resource> {
        self.resources.get(id.index()?)
    }

    /// The client system's strengths: the resources it holds itself.
    pub fn strengths(&self) -> impl Iterator<Item = &Resource> {
        self.resources
            .iter()
            .filter(|r| r.is_strength() && !self.is_retracted(RecordRef::Resource(r.id)))
    }

    /// Every goal of every plan version.
    #[must_use]
    pub fn goals(&self) -> &[Goal] {
        &self.goals
    }

    /// A goal by id.
    #[must_use]
    pub fn goal(&self, id: GoalId) -> Option<&Goal> {
        self.goals.get(id.index()?)
    }

    /// Every intervention of every plan version.
    #[must_use]
    pub fn interventions(&self) -> &[Intervention] {
        &self.interventions
    }

    /// An intervention by id.
    #[must_use]
    pub fn intervention(&self, id: InterventionId) -> Option<&Intervention> {
        self.interventions.get(id.index()?)
    }

    /// The plan in force: the latest version.
    #[must_use]
    pub fn plan(&self) -> &Plan {
        self.plans.last().unwrap_or(&FIRST_PLAN)
    }

    /// Every plan version, oldest first.
    #[must_use]
    pub fn plans(&self) -> &[Plan] {
        &self.plans
    }

    /// Every activity, oldest first.
    #[must_use]
    pub fn activities(&self) -> &[Activity] {
        &self.activities
    }

    /// An activity by id.
    #[must_use]
    pub fn activity(&self, id: ActivityId) -> Option<&Activity> {
        self.activities.get(id.index()?)
    }

    /// The activities that served a function.
    pub fn activities_by_function(&self, function: Function) -> impl Iterator<Item = &Activity> {
        self.activities
            .iter()
            .filter(move |a| a.function == function)
    }

    /// The activities in which the worker took a role.
    pub fn activities_by_role(&self, role: Role) -> impl Iterator<Item = &Activity> {
        self.activities.iter().filter(move |a| a.role == role)
    }

    /// Every referral.
    #[must_use]
    pub fn referrals(&self) -> &[Referral] {
        &self.referrals
    }

    /// A referral by id.
    #[must_use]
    pub fn referral(&self, id: ReferralId) -> Option<&Referral> {
        self.referrals.get(id.index()?)
    }

    /// The referrals that have left the agency and whose loop is not closed.
    pub fn referrals_in_flight(&self) -> impl Iterator<Item = &Referral> {
        self.referrals
            .iter()
            .filter(|r| r.in_flight() && !self.is_retracted(RecordRef::Referral(r.id)))
    }

    /// Every consent to the engagement or to a disclosure, in the order given (withdrawn ones
    /// kept, with who withdrew them and when).
    #[must_use]
    pub fn consents(&self) -> &[Consent] {
        &self.consents
    }

    /// The member's consent of this scope, if one is in force.
    #[must_use]
    pub fn consent_in_force(&self, member: &ActorId, scope: &ConsentScope) -> Option<&Consent> {
        self.consents
            .iter()
            .find(|c| c.in_force() && c.member == *member && c.scope == *scope)
    }

    /// The referrals a provider took on after the client system withdrew its consent: the
    /// worker's to look at (cancel them, or ask for consent again).
    pub fn referrals_without_consent(&self) -> impl Iterator<Item = &Referral> {
        self.referrals.iter().filter(|r| r.consent_withdrawn())
    }

    /// Every evaluation, oldest first.
    #[must_use]
    pub fn evaluations(&self) -> &[Evaluation] {
        &self.evaluations
    }

    /// An evaluation by id.
    #[must_use]
    pub fn evaluation(&self, id: EvaluationId) -> Option<&Evaluation> {
        self.evaluations.get(id.index()?)
    }

    /// The hold in force, while on hold.
    #[must_use]
    pub fn hold(&self) -> Option<&Hold> {
        self.hold.as_ref()
    }

    /// How the engagement is ending or ended, from the move to termination until a reopening.
    #[must_use]
    pub fn termination(&self) -> Option<&Termination> {
        self.termination.as_ref()
    }

    /// The contacts recorded after closing.
    #[must_use]
    pub fn follow_ups(&self) -> &[FollowUp] {
        &self.follow_ups
    }

    /// When the next review is due: the hold's review date while on hold, otherwise the
    /// policy's interval after the last evaluation or status change (or the opening). `None`
    /// once closed, or when the policy schedules no reviews and no hold date is set.
    #[must_use]
    pub fn next_review(&self) -> Option<DateTime<Utc>> {
        if self.status() == Status::Closed {
            return None;
        }
        if let Some(date) = self.hold.as_ref().and_then(|h| h.review_on) {
            return Some(date.and_time(chrono::NaiveTime::MIN).and_utc());
        }
        let days = self.policy.review_interval_days?;
        let anchor = [
            Some(self.opened_at),
            self.evaluations.last().map(|e| e.at),
            self.lifecycle.history().last().map(|c| c.at),
        ]
        .into_iter()
        .flatten()
        .max()
        .unwrap_or(self.opened_at);
        anchor.checked_add_signed(TimeDelta::days(i64::from(days)))
    }

    /// Whether the next review is past due at `at`.
    #[must_use]
    pub fn review_overdue(&self, at: DateTime<Utc>) -> bool {
        self.next_review().is_some_and(|due| at > due)
    }

    /// How many activities served each role and each function: the engagement's practice mix.
    #[must_use]
    pub fn role_mix(&self) -> RoleMix {
        let mut mix = RoleMix::default();
        for activity in self.counted_activities() {
            mix.add(activity.role, activity.function);
        }
        mix
    }

    /// The GAS T-score of a recorded evaluation, over the scored goals that have an attainment
    /// scale, with ρ = [`DEFAULT_RHO`](crate::gas::DEFAULT_RHO).
    ///
    /// # Errors
    ///
    /// [`GasError`](crate::gas::GasError) when no scored goal has a scale (`None` is returned
    /// for an unknown evaluation id).
    #[must_use]
    pub fn t_score(&self, id: EvaluationId) -> Option<Result<f64, crate::gas::GasError>> {
        let evaluation = self.evaluation(id)?;
        // Straight from the scores, without collecting them: a caseload asks this of every
        // engagement.
        let scores = evaluation.scores.iter().filter_map(|s| {
            let weight = self.goal(s.goal)?.scale.as_ref()?.weight;
            Some(crate::gas::GoalScore {
                level: s.level,
                weight,
            })
        });
        Some(crate::gas::score(scores, crate::gas::DEFAULT_RHO))
    }
}
