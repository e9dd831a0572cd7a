//! Issue 12: a subject-access export: everything a journal records by or about one person.

use super::{JournalOptions, Reader};
use crate::engagement::{ActorId, EngagementId, Erasure, ErasureTarget, Event, Provider, Recorded};
use crate::{JournalError, Responsible, TextSlot};
use serde::Serialize;
use std::io::BufRead;

/// What an engagement's journal records by or about one person, for a subject-access request
/// (PDP art. 7, GDPR art. 15): its serde form is the JSON an app hands over.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct SubjectAccess {
    /// The person.
    pub person: ActorId,
    /// The engagement.
    pub engagement: EngagementId,
    /// Every event they recorded or that names them, as stored now: an erased text reads
    /// [`ERASED`](crate::ERASED).
    pub events: Vec<Recorded>,
    /// Every personal text tied to them (their name, their words, their comments and notes):
    /// where it is, the record it is part of, and when and by whom it was erased, if it was.
    pub texts: Vec<TextSlot>,
    /// The erasures that named them.
    pub erasures: Vec<SubjectErasure>,
}

/// An erasure that named the person.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct SubjectErasure {
    /// When, by whom, at which seq.
    pub erasure: Erasure,
    /// Why.
    pub reason: String,
    /// How many texts it erased.
    pub texts: u32,
}

/// Reads and verifies a journal and gathers what it records by or about `person`.
///
/// # Errors
///
/// The first [`JournalError`] reading the journal; [`JournalError::Empty`] when it has no
/// events.
pub fn subject_access<R: BufRead>(
    input: R,
    options: &JournalOptions,
    person: &ActorId,
) -> Result<SubjectAccess, JournalError> {
    let mut events = Vec::new();
    let mut erasures = Vec::new();
    let mut reader = Reader::new(input, options);
    for recorded in reader.by_ref() {
        let recorded = recorded?;
        if let Event::Erased {
            target: ErasureTarget::Person(id),
            reason,
            texts,
        } = &recorded.event
            && id == person
        {
            erasures.push(SubjectErasure {
                erasure: Erasure {
                    seq: recorded.seq,
                    at: recorded.at,
                    by: recorded.by.id.clone(),
                },
                reason: reason.clone(),
                texts: *texts,
            });
        }
        if recorded.by.id == *person || names(&recorded.event, person) {
            events.push(recorded);
        }
    }
    let engagement = reader.into_engagement().ok_or(JournalError::Empty)?;
    let texts = engagement
        .text_slots()
        .iter()
        .filter(|s| s.person.as_ref() == Some(person))
        .cloned()
        .collect();
    Ok(SubjectAccess {
        person: person.clone(),
        engagement: engagement.id().clone(),
        events,
        texts,
        erasures,
    })
}

/// Whether an event names the person by their id. The match names every event, so a new one
/// has to say whom it names.
fn names(event: &Event, person: &ActorId) -> bool {
    let is = |id: &ActorId| id == person;
    match event {
        Event::Opened { team, .. } => team.iter().any(|m| is(&m.id)),
        Event::WorkerReassigned { from, to } => is(from) || is(&to.id),
        Event::MemberAdded { member } => is(&member.id),
        Event::MemberRemoved { id } => is(id),
        Event::PlanAgreed { member, .. }
        | Event::ConsentGiven { member, .. }
        | Event::ConsentWithdrawn { member, .. }
        | Event::ScopedConsentGiven { member, .. }
        | Event::ScopedConsentWithdrawn { member, .. } => is(member),
        Event::EvaluationViewAdded { view, .. } => is(&view.member),
        Event::ContributionAdded { contribution, .. } => is(&contribution.member),
        Event::InterventionAdded { intervention, .. } => {
            matches!(&intervention.responsible, Responsible::Partner(id) if is(id))
        }
        Event::ReferralMade { referral, .. } => {
            matches!(&referral.provider, Provider::Partner { id } if is(id))
        }
        Event::Erased { target, .. } => matches!(target, ErasureTarget::Person(id) if is(id)),
        // Issue 14: the everyday record.
        Event::TransferRequested { from, to, .. } => is(from) || is(&to.id),
        Event::TransferAccepted { to, .. } | Event::TransferDeclined { to, .. } => is(to),
        Event::TransferConsented { member } => is(member),
        Event::NoteRecorded { .. }
        | Event::Amended { .. }
        | Event::Retracted { .. }
        | Event::DueDateSet { .. }
        | Event::DocumentAttached { .. }
        | Event::Imported { .. } => false,
        Event::PolicyChanged { .. }
        | Event::NeedRecorded { .. }
        | Event::ResourceRecorded { .. }
        | Event::NeedMet { .. }
        | Event::NeedDeferred { .. }
        | Event::GoalAdded { .. }
        | Event::GoalStatusSet { .. }
        | Event::PlanRevised { .. }
        | Event::PlanApprovalRequested { .. }
        | Event::PlanApprovalDecided { .. }
        | Event::ActivityRecorded { .. }
        | Event::ReferralStatusSet { .. }
        | Event::EvaluationRecorded { .. }
        | Event::StatusChanged { .. }
        | Event::TerminationSummaryRecorded { .. }
        | Event::ClosureApprovalRequested { .. }
        | Event::ClosureApprovalDecided { .. }
        | Event::FollowUpRecorded { .. } => false,
    }
}
