//! The rulebook: whether a command may happen, and the one event it records. Pure.
//!
//! `decide` runs the rules in this order, noting every problem rather than stopping at the
//! first: who may give the command ([`permit`]), time, the status and stage gate ([`gate`]),
//! then the command's own rules, one small function per command in the file of its family
//! (the team, assessment, the plan, implementation, evaluation, the lifecycle, closure).
//! Replaying a stored event runs the same rules on the command that records it (see
//! [`replay`]), so a stream that commands could not have produced never loads.

mod assessment;
mod closure;
mod corrections;
mod documents;
mod due;
mod erase;
mod evaluation;
pub(crate) mod gate;
mod implementation;
mod import;
mod import_back;
mod lists;
mod moves;
mod notes;
mod participation;
mod permit;
mod plan;
pub(crate) mod replay;
mod team;
mod transfers;

use crate::Rejection;
use crate::engagement::{Actor, Command, Engagement, Event, Opening, Problem};
use chrono::{DateTime, Utc};

/// Decides a command against an engagement without changing it: the event it would record, or
/// why not.
///
/// [`Engagement::execute`] calls this and applies the event; an app may call it to preview
/// (for example, to show a worker every requirement still missing before they press a button).
/// These are the engagement's only rules: [`Engagement::replay`] checks every stored event by
/// deciding the command that records it, so what is refused here never loads either.
///
/// # Errors
///
/// [`Rejection::NotPermitted`] when the actor is not on the team or the policy does not give
/// their kind the permission the command needs; [`Rejection::Refused`] listing every problem
/// with the input and every requirement the state does not meet.
pub fn decide(
    engagement: &Engagement,
    by: &Actor,
    at: DateTime<Utc>,
    command: &Command,
) -> Result<Event, Rejection> {
    decide_as(engagement, by, at, command, Source::Command)
}

/// Where a command comes from: a user (who may not give the erased marker as a text), or a
/// stored event (whose texts may have been erased since).
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Source {
    Command,
    Stored,
}

/// [`decide`], for a command or for the command a stored event records: the one difference is
/// that a stored event's text may be the erased marker.
pub(crate) fn decide_as(
    engagement: &Engagement,
    by: &Actor,
    at: DateTime<Utc>,
    command: &Command,
    source: Source,
) -> Result<Event, Rejection> {
    permit::permit(engagement, by, command)?;
    let mut problems = Vec::new();
    let last = corrections::clock_floor(engagement, command);
    if at < last {
        problems.push(Problem::TimeWentBack { at, last });
    }
    gate::check(engagement.status(), command, &mut problems);
    let event = Decider {
        e: engagement,
        by,
        at,
        problems: &mut problems,
    }
    .event(command);
    if source == Source::Command
        && crate::engagement::personal::event_texts(&event, &by.id)
            .iter()
            .any(|(text, _)| crate::engagement::is_erased(text))
    {
        problems.push(Problem::ErasedMarker);
    }
    if problems.is_empty() {
        Ok(event)
    } else {
        Err(Rejection::Refused {
            command: command.name(),
            problems,
        })
    }
}

/// Decides an opening: the first event of an engagement.
pub(crate) fn decide_opening(by: &Actor, opening: &Opening) -> Result<Event, Rejection> {
    team::opening(by, opening)
}

/// Builds the event for a command, noting every problem on the way.
struct Decider<'a> {
    e: &'a Engagement,
    by: &'a Actor,
    at: DateTime<Utc>,
    problems: &'a mut Vec<Problem>,
}

impl Decider<'_> {
    /// One arm per command, each handing the command's fields to its rules.
    fn event(&mut self, command: &Command) -> Event {
        use Command as C;
        let event = match command {
            C::ReassignWorker { from, to } => self.reassign_worker(from, to),
            C::AddMember { member } => self.add_member(member),
            C::RemoveMember { id } => self.remove_member(id),
            C::ChangePolicy { policy } => self.change_policy(policy),

            C::RecordNeed {
                domain,
                description,
                priority,
                ..
            } => self.record_need(domain, description, *priority),
            C::RecordResource {
                kind,
                description,
                holder,
                barriers,
                service,
                ..
            } => self.record_resource(*kind, description, holder.as_deref(), barriers, service),
            C::MarkNeedMet { need, note } => self.mark_need_met(*need, note.as_deref()),
            C::DeferNeed { need, reason } => self.defer_need(*need, reason),

            C::AddGoal {
                description,
                addresses,
                scale,
            } => self.add_goal(description, addresses, scale.as_ref()),
            C::SetGoalStatus { goal, status } => self.set_goal_status(*goal, *status),
            C::AddIntervention {
                description,
                serves,
                function,
                role,
                responsible,
                uses,
            } => self.add_intervention(description, serves, (*function, *role), responsible, uses),
            C::RevisePlan { reason } => self.revise_plan(reason),
            C::AgreeToPlan {
                version,
                on_behalf_of,
            } => self.agree_to_plan(*version, on_behalf_of.as_ref()),
            C::RequestPlanApproval { comment } => self.request_plan_approval(comment.as_deref()),
            C::DecidePlanApproval { approve, comment } => {
                self.decide_plan_approval(*approve, comment.as_deref())
            }

            C::RecordActivity {
                function,
                role,
                interventions,
                detail,
                note,
                ..
            } => self.record_activity((*function, *role), interventions, detail, note.as_deref()),
            C::AddContribution { activity, text } => self.add_contribution(*activity, text),
            C::Refer {
                resource,
                provider,
                mode,
                function,
                role,
                interventions,
                note,
                ..
            } => self.refer(
                *resource,
                provider,
                *mode,
                (*function, *role),
                interventions,
                note.as_deref(),
            ),
            C::GiveConsent {
                referral,
                on_behalf_of,
            } => self.consent(*referral, on_behalf_of.as_ref(), true),
            C::WithdrawConsent {
                referral,
                on_behalf_of,
            } => self.consent(*referral, on_behalf_of.as_ref(), false),
            C::SetReferralStatus {
                referral,
                status,
                note,
            } => self.set_referral_status(*referral, *status, note.as_deref()),

            C::RecordEvaluation {
                scores,
                notes,
                decision,
                ..
            } => self.record_evaluation(scores, notes.as_deref(), *decision),

            C::MoveToStage {
                to,
                reason,
                termination,
            } => self.move_to_stage(*to, reason.as_deref(), *termination),
            C::Hold { reason, review_on } => self.hold(reason, *review_on),
            C::Resume { note } => self.resume(note.as_deref()),

            C::RecordTerminationSummary { summary } => self.record_termination_summary(summary),
            C::RequestClosureApproval { comment } => {
                self.request_closure_approval(comment.as_deref())
            }
            C::DecideClosureApproval { approve, comment } => {
                self.decide_closure_approval(*approve, comment.as_deref())
            }
            C::Close => self.close(),
            C::Reopen { reason } => self.reopen(reason),
            C::RecordFollowUp { note, .. } => self.record_follow_up(note),
            C::AddEvaluationView {
                evaluation,
                text,
                ratings,
            } => self.add_evaluation_view(*evaluation, text, ratings),
            C::RecordSurroundingResource {
                kind,
                description,
                holder,
                around,
                barriers,
                ..
            } => self.record_surrounding_resource(*kind, description, holder, *around, barriers),
            C::GiveScopedConsent {
                scope,
                on_behalf_of,
            } => self.scoped_consent(scope, on_behalf_of.as_ref(), true),
            C::WithdrawScopedConsent {
                scope,
                on_behalf_of,
            } => self.scoped_consent(scope, on_behalf_of.as_ref(), false),

            // Issue 14: the everyday record.
            C::RecordNote {
                kind,
                participants,
                text,
                concerns,
            } => self.record_note(*kind, participants, text, concerns),
            C::Amend {
                record,
                change,
                reason,
            } => self.amend(*record, change, reason),
            C::Retract { record, reason } => self.retract(*record, reason),
            C::SetDueDate { record, due_on } => self.set_due_date(*record, *due_on),
            C::AttachDocument { record, document } => self.attach_document(*record, document),
            C::RequestTransfer { to, reason } => self.request_transfer(to, reason),
            C::AcceptTransfer { note } => self.answer_transfer(true, note.as_deref()),
            C::DeclineTransfer { reason } => self.answer_transfer(false, Some(reason)),
            C::Import { case } => self.import(case),
            C::ConsentToTransfer { on_behalf_of } => {
                self.consent_to_transfer(on_behalf_of.as_ref())
            }
            // Issue 12: erasure.
            C::Erase { target, reason } => self.erase(target, reason),
        };
        crate::engagement::levels::chosen(event, command.confidentiality())
    }
}
