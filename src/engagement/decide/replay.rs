//! The rulebook's second caller: a stored event is checked by deciding, at that moment, the
//! command that records it, and it must be exactly the event that command records.
//!
//! Every event names its command: its fields are the command's, plus what the engagement
//! adds (ids, times, the status left, the actor's own id). So the inverse below is small and
//! total, and the rules are never written twice: what `decide` would refuse, replay refuses,
//! with the same problems; what `decide` would record differently (an id out of order, an
//! untrimmed text, a need recorded as met, a move of another kind), replay names.

use crate::Rejection;
use crate::engagement::{
    ActorId, Command, Engagement, Event, Holder, Opening, RecordRef, Recorded, ReplayErrorKind,
};
use crate::lifecycle::TransitionKind;

/// Checks one recorded event against the engagement it follows: its seq, then the rules, then
/// that it is the very event its command records.
pub(crate) fn check(e: &Engagement, recorded: &Recorded) -> Result<(), ReplayErrorKind> {
    let expected = e.seq.saturating_add(1);
    if recorded.seq != expected {
        return Err(ReplayErrorKind::Sequence {
            expected,
            found: recorded.seq,
        });
    }
    if let Event::StatusChanged { from, to, kind, .. } = &recorded.event
        && *from != e.status()
    {
        return Err(ReplayErrorKind::MoveMismatch {
            from: *from,
            to: *to,
            kind: *kind,
        });
    }
    let mut first = None;
    for command in commands(recorded).into_iter().flatten() {
        let decided = super::decide_as(
            e,
            &recorded.by,
            recorded.at,
            &command,
            super::Source::Stored,
        );
        if decided.as_ref() == Ok(&recorded.event) {
            return Ok(());
        }
        first.get_or_insert(decided);
    }
    match first {
        None => Err(ReplayErrorKind::OpenedTwice),
        Some(Err(rejection)) => Err(rejection.into()),
        Some(Ok(decided)) => Err(difference(&decided, &recorded.event)),
    }
}

/// Checks the first event of a stream: an opening at seq 1 that `open` would record.
pub(crate) fn check_opening(recorded: &Recorded) -> Result<(), ReplayErrorKind> {
    let opening = opening(&recorded.event).ok_or(ReplayErrorKind::NotOpened)?;
    if recorded.seq != 1 {
        return Err(ReplayErrorKind::Sequence {
            expected: 1,
            found: recorded.seq,
        });
    }
    match super::decide_opening(&recorded.by, &opening) {
        Ok(decided) if decided == recorded.event => Ok(()),
        Ok(decided) => Err(difference(&decided, &recorded.event)),
        Err(rejection) => Err(rejection.into()),
    }
}

/// What an opening event was opened with; `None` for another event.
pub(crate) fn opening(event: &Event) -> Option<Opening> {
    let Event::Opened {
        id,
        client,
        team,
        policy,
    } = event
    else {
        return None;
    };
    Some(Opening {
        id: id.clone(),
        client: client.clone(),
        team: team.clone(),
        policy: policy.clone(),
    })
}

impl From<Rejection> for ReplayErrorKind {
    fn from(rejection: Rejection) -> Self {
        match rejection {
            Rejection::NotPermitted {
                actor,
                command,
                why,
            } => Self::NotPermitted {
                actor,
                command,
                why,
            },
            Rejection::Refused { command, problems } => Self::Refused { command, problems },
        }
    }
}

/// The commands that may have recorded an event, most likely first: one, except where a
/// member's own voice and a worker speaking for them record the same event. (An array, not a
/// `Vec`: replay asks this for every event, and an allocation each time shows.)
fn commands(recorded: &Recorded) -> [Option<Command>; 2] {
    use Command as C;
    use Event as E;
    // The member's own voice first, then a worker speaking for them.
    let voiced = |member: &ActorId, command: &dyn Fn(Option<ActorId>) -> Command| {
        let for_them = Some(command(Some(member.clone())));
        if *member == recorded.by.id {
            [Some(command(None)), for_them]
        } else {
            [for_them, None]
        }
    };
    let one = |command| [Some(command), None];
    match &recorded.event {
        E::Opened { .. } => [None, None],
        E::WorkerReassigned { from, to } => one(C::ReassignWorker {
            from: from.clone(),
            to: to.clone(),
        }),
        E::MemberAdded { member } => one(C::AddMember {
            member: member.clone(),
        }),
        E::MemberRemoved { id } => one(C::RemoveMember { id: id.clone() }),
        E::PolicyChanged { policy } => one(C::ChangePolicy {
            policy: policy.clone(),
        }),
        E::NeedRecorded { need } => one(C::RecordNeed {
            domain: need.domain.clone(),
            description: need.description.clone(),
            priority: need.priority,
            confidentiality: need.confidentiality,
        }),
        E::ResourceRecorded { resource } => one(match &resource.holder {
            Holder::Surroundings { name, around } => C::RecordSurroundingResource {
                kind: resource.kind,
                description: resource.description.clone(),
                holder: name.clone(),
                around: *around,
                barriers: resource.barriers.clone(),
                confidentiality: resource.confidentiality,
            },
            holder => C::RecordResource {
                kind: resource.kind,
                description: resource.description.clone(),
                holder: match holder {
                    Holder::External { name } => Some(name.clone()),
                    _ => None,
                },
                barriers: resource.barriers.clone(),
                service: resource.service.as_deref().cloned(),
                confidentiality: resource.confidentiality,
            },
        }),
        E::NeedMet { need, note } => one(C::MarkNeedMet {
            need: *need,
            note: note.clone(),
        }),
        E::NeedDeferred { need, reason } => one(C::DeferNeed {
            need: *need,
            reason: reason.clone(),
        }),
        E::GoalAdded { goal, .. } => one(C::AddGoal {
            description: goal.description.clone(),
            addresses: goal.addresses.clone(),
            scale: goal.scale.clone(),
        }),
        E::GoalStatusSet { goal, status } => one(C::SetGoalStatus {
            goal: *goal,
            status: *status,
        }),
        E::InterventionAdded {
            intervention: i, ..
        } => one(C::AddIntervention {
            description: i.description.clone(),
            serves: i.serves.clone(),
            function: i.function,
            role: i.role,
            responsible: i.responsible.clone(),
            uses: i.uses.clone(),
        }),
        E::PlanRevised { reason, .. } => one(C::RevisePlan {
            reason: reason.clone(),
        }),
        E::PlanAgreed { plan, member } => voiced(member, &|on_behalf_of| C::AgreeToPlan {
            version: *plan,
            on_behalf_of,
        }),
        E::PlanApprovalRequested { comment, .. } => one(C::RequestPlanApproval {
            comment: comment.clone(),
        }),
        E::PlanApprovalDecided {
            approved, comment, ..
        } => one(C::DecidePlanApproval {
            approve: *approved,
            comment: comment.clone(),
        }),
        E::ActivityRecorded { activity: a } => one(C::RecordActivity {
            function: a.function,
            role: a.role,
            interventions: a.interventions.clone(),
            detail: a.detail.clone(),
            note: a.note.clone(),
            confidentiality: a.confidentiality,
        }),
        E::ContributionAdded {
            activity,
            contribution,
        } => one(C::AddContribution {
            activity: *activity,
            text: contribution.text.clone(),
        }),
        E::ReferralMade { referral, activity } => one(C::Refer {
            resource: referral.resource,
            provider: referral.provider.clone(),
            mode: referral.mode,
            function: activity.function,
            role: activity.role,
            interventions: activity.interventions.clone(),
            note: activity.note.clone(),
            confidentiality: referral.confidentiality,
        }),
        E::ConsentGiven { referral, member } => voiced(member, &|on_behalf_of| C::GiveConsent {
            referral: *referral,
            on_behalf_of,
        }),
        E::ConsentWithdrawn { referral, member } => {
            voiced(member, &|on_behalf_of| C::WithdrawConsent {
                referral: *referral,
                on_behalf_of,
            })
        }
        E::ReferralStatusSet {
            referral,
            status,
            note,
        } => one(C::SetReferralStatus {
            referral: *referral,
            status: *status,
            note: note.clone(),
        }),
        E::EvaluationRecorded { evaluation: v } => one(C::RecordEvaluation {
            scores: v.scores.clone(),
            notes: v.notes.clone(),
            decision: v.decision,
            confidentiality: v.confidentiality,
        }),
        E::StatusChanged {
            to,
            kind,
            reason,
            termination,
            review_on,
            ..
        } => one(match kind {
            TransitionKind::Hold => C::Hold {
                reason: reason.clone().unwrap_or_default(),
                review_on: *review_on,
            },
            TransitionKind::Resume => C::Resume {
                note: reason.clone(),
            },
            TransitionKind::Close => C::Close,
            TransitionKind::Reopen => C::Reopen {
                reason: reason.clone().unwrap_or_default(),
            },
            _ => match to.stage() {
                Some(stage) => C::MoveToStage {
                    to: stage,
                    reason: reason.clone(),
                    termination: *termination,
                },
                // A stage move into no stage is a close recorded as another kind.
                None => C::Close,
            },
        }),
        E::TerminationSummaryRecorded { summary } => one(C::RecordTerminationSummary {
            summary: summary.clone(),
        }),
        E::ClosureApprovalRequested { comment } => one(C::RequestClosureApproval {
            comment: comment.clone(),
        }),
        E::ClosureApprovalDecided { approved, comment } => one(C::DecideClosureApproval {
            approve: *approved,
            comment: comment.clone(),
        }),
        E::FollowUpRecorded {
            note,
            confidentiality,
        } => one(C::RecordFollowUp {
            note: note.clone(),
            confidentiality: *confidentiality,
        }),
        E::ScopedConsentGiven { scope, member } => {
            voiced(member, &|on_behalf_of| C::GiveScopedConsent {
                scope: scope.clone(),
                on_behalf_of,
            })
        }
        E::ScopedConsentWithdrawn { scope, member } => {
            voiced(member, &|on_behalf_of| C::WithdrawScopedConsent {
                scope: scope.clone(),
                on_behalf_of,
            })
        }
        E::EvaluationViewAdded { evaluation, view } => one(C::AddEvaluationView {
            evaluation: *evaluation,
            text: view.text.clone(),
            ratings: view.ratings.clone(),
        }),

        // Issue 14: the everyday record.
        E::NoteRecorded { note } => one(C::RecordNote {
            kind: note.kind,
            participants: note.participants.clone(),
            text: note.text.clone(),
            concerns: note.concerns.clone(),
        }),
        E::Amended {
            record, to, reason, ..
        } => one(C::Amend {
            record: *record,
            change: to.clone(),
            reason: reason.clone(),
        }),
        E::Retracted { record, reason } => one(C::Retract {
            record: *record,
            reason: reason.clone(),
        }),
        E::DueDateSet { record, due_on } => one(C::SetDueDate {
            record: *record,
            due_on: *due_on,
        }),
        E::DocumentAttached { record, document } => one(C::AttachDocument {
            record: *record,
            document: document.clone(),
        }),
        E::TransferRequested { to, reason, .. } => one(C::RequestTransfer {
            to: to.clone(),
            reason: reason.clone(),
        }),
        E::TransferAccepted { note, .. } => one(C::AcceptTransfer { note: note.clone() }),
        E::TransferDeclined { reason, .. } => one(C::DeclineTransfer {
            reason: reason.clone(),
        }),
        E::TransferConsented { member } => voiced(member, &|on_behalf_of| C::ConsentToTransfer {
            on_behalf_of,
        }),
        E::Imported {
            source,
            stage,
            needs,
            resources,
            goals,
            interventions,
            referrals,
        } => one(C::Import {
            case: super::import_back::case(
                source,
                *stage,
                needs,
                resources,
                (goals, interventions),
                referrals,
            ),
        }),
        // Issue 12: erasure.
        E::Erased { target, reason, .. } => one(C::Erase {
            target: target.clone(),
            reason: reason.clone(),
        }),
    }
}

/// What sets a recorded event apart from the one its command records: a record id out of
/// order, a move of another kind, or the first member that differs.
fn difference(decided: &Event, recorded: &Event) -> ReplayErrorKind {
    let (expected, found) = (new_ids(decided), new_ids(recorded));
    if let Some((expected, found)) = expected.into_iter().zip(found).find(|(a, b)| a != b) {
        return ReplayErrorKind::RecordId { expected, found };
    }
    if let (Event::StatusChanged { kind: want, .. }, Event::StatusChanged { from, to, kind, .. }) =
        (decided, recorded)
        && want != kind
    {
        return ReplayErrorKind::MoveMismatch {
            from: *from,
            to: *to,
            kind: *kind,
        };
    }
    let mut member = String::new();
    match (
        serde_json::to_value(decided),
        serde_json::to_value(recorded),
    ) {
        (Ok(a), Ok(b)) => {
            first_difference(&a, &b, &mut member);
        }
        _ => member.push_str("event"),
    }
    ReplayErrorKind::NotAsRecorded { member }
}

/// The ids an event gives out, in the order it gives them.
fn new_ids(event: &Event) -> Vec<RecordRef> {
    match event {
        Event::NeedRecorded { need } => vec![RecordRef::Need(need.id)],
        Event::ResourceRecorded { resource } => vec![RecordRef::Resource(resource.id)],
        Event::GoalAdded { goal, .. } => vec![RecordRef::Goal(goal.id)],
        Event::InterventionAdded { intervention, .. } => {
            vec![RecordRef::Intervention(intervention.id)]
        }
        Event::PlanRevised { plan, .. } => vec![RecordRef::Plan(*plan)],
        Event::ActivityRecorded { activity } => vec![RecordRef::Activity(activity.id)],
        Event::ReferralMade { referral, activity } => vec![
            RecordRef::Referral(referral.id),
            RecordRef::Activity(activity.id),
        ],
        Event::EvaluationRecorded { evaluation } => vec![RecordRef::Evaluation(evaluation.id)],
        Event::NoteRecorded { note } => vec![RecordRef::Note(note.id)],
        Event::Imported {
            needs,
            resources,
            goals,
            interventions,
            referrals,
            ..
        } => (needs.iter().map(|n| RecordRef::Need(n.id)))
            .chain(resources.iter().map(|r| RecordRef::Resource(r.id)))
            .chain(goals.iter().map(|g| RecordRef::Goal(g.id)))
            .chain(interventions.iter().map(|i| RecordRef::Intervention(i.id)))
            .chain(referrals.iter().map(|r| RecordRef::Referral(r.id)))
            .collect(),
        _ => Vec::new(),
    }
}

/// Writes the dotted path of the first member where two JSON values differ; whether they do.
fn first_difference(a: &serde_json::Value, b: &serde_json::Value, path: &mut String) -> bool {
    use serde_json::Value;
    let step = |path: &mut String, name: &str| {
        if !path.is_empty() {
            path.push('.');
        }
        path.push_str(name);
    };
    match (a, b) {
        (Value::Object(x), Value::Object(y)) => {
            for (key, value) in x {
                let len = path.len();
                step(path, key);
                match y.get(key) {
                    Some(other) if !first_difference(value, other, path) => path.truncate(len),
                    _ => return true,
                }
            }
            if let Some(key) = y.keys().find(|k| !x.contains_key(*k)) {
                step(path, key);
                return true;
            }
            false
        }
        (Value::Array(x), Value::Array(y)) => {
            for (i, (value, other)) in x.iter().zip(y).enumerate() {
                let len = path.len();
                step(path, &i.to_string());
                if first_difference(value, other, path) {
                    return true;
                }
                path.truncate(len);
            }
            x.len() != y.len()
        }
        _ => a != b,
    }
}

#[cfg(test)]
mod tests {
    use crate::engagement::{Command, Engagement, EngagementId, Event, Opening, Recorded};
    use crate::{Actor, ActorKind, ClientSystem, ClientSystemLevel, Policy, Priority, TeamMember};
    use chrono::{TimeDelta, TimeZone, Utc};

    #[test]
    fn a_refused_event_changes_nothing() {
        let worker = Actor::new("w:siti", ActorKind::SocialWorker).unwrap();
        let at = Utc.with_ymd_and_hms(2026, 3, 2, 9, 0, 0).unwrap();
        let opening = Opening {
            id: EngagementId::new("case-1").unwrap(),
            client: ClientSystem {
                level: ClientSystemLevel::Family,
                name: "Keluarga Sari".into(),
            },
            team: vec![TeamMember {
                id: worker.id.clone(),
                kind: worker.kind,
                name: "Siti".into(),
            }],
            policy: Policy::default(),
        };
        let mut case = Engagement::open(&worker, at, opening).unwrap();
        let need = Command::RecordNeed {
            domain: "income".into(),
            description: "No steady income".into(),
            priority: Priority::High,
            confidentiality: None,
        };
        let good = crate::decide(&case, &worker, at, &need).unwrap();
        let before = case.clone();
        let recorded = |seq, by: &Actor, event: &Event| Recorded {
            seq,
            at: at + TimeDelta::hours(1),
            by: by.clone(),
            event: event.clone(),
        };
        let stranger = Actor::new("w:other", ActorKind::SocialWorker).unwrap();
        let mut untrimmed = good.clone();
        if let Event::NeedRecorded { need } = &mut untrimmed {
            need.domain = " income".into();
        }
        for bad in [
            recorded(3, &worker, &good),
            recorded(2, &stranger, &good),
            recorded(2, &worker, &untrimmed),
            Recorded {
                at: at - TimeDelta::hours(1),
                ..recorded(2, &worker, &good)
            },
        ] {
            assert!(case.apply(&bad).is_err(), "{bad:?}");
            assert_eq!(case, before);
            assert_eq!(case.last_seq(), 1);
        }
        case.apply(&recorded(2, &worker, &good)).unwrap();
        assert_eq!(case.needs().len(), 1);
    }
}
