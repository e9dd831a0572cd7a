//! The values a problem concerns, as JSON members named like the problem's fields, each in the
//! serde form of its type.

use crate::NotPermittedBecause;
use crate::engagement::{Problem, RecordRef};
use crate::lifecycle::TransitionError;
use serde_json::{Map, Value, json};

/// The problem's fields as a JSON object: `{"field":"description","chars":4001,"max":4000}`.
pub(crate) fn problem_values(problem: &Problem) -> Map<String, Value> {
    use Problem as P;
    let v = match problem {
        P::EmptyText { field } | P::EmptyList { field } => json!({ "field": field }),
        P::TextTooLong { field, chars, max } => {
            json!({ "field": field, "chars": chars, "max": max })
        }
        P::ControlCharacter { field, code } => {
            json!({ "field": field, "code": format!("U+{code:04X}") })
        }
        P::TooMany { field, count, max } => json!({ "field": field, "count": count, "max": max }),
        P::Unknown(r) | P::Repeated(r) => json!({ "record": record(r) }),
        P::NeedNotOpen { need } | P::NeedWithoutGoal { need } => json!({ "need": need }),
        P::DuplicateMember { id }
        | P::NotOnTeam { id }
        | P::LastWorker { id }
        | P::LastApprover { id } => {
            json!({ "id": id })
        }
        P::WrongMemberKind {
            id,
            expected,
            found,
        } => {
            json!({ "id": id, "expected": expected, "found": found })
        }
        P::TimeWentBack { at, last } => json!({ "at": at, "last": last }),
        P::WrongStage { allowed, current } => json!({ "allowed": allowed, "current": current }),
        P::Transition(TransitionError::Illegal { from, to }) => {
            let allowed: Vec<_> = problem_allowed(problem);
            json!({ "from": from, "to": to, "allowed": allowed })
        }
        P::Transition(TransitionError::TimeWentBack { at, last }) => {
            json!({ "at": at, "last": last })
        }
        P::NoGoal { plan }
        | P::NoIntervention { plan }
        | P::NotAgreed { plan }
        | P::NotApproved { plan }
        | P::PlanFrozen { plan }
        | P::AwaitingApproval { plan }
        | P::PlanApproved { plan } => json!({ "plan": plan }),
        P::NotCurrentPlan { given, current } => json!({ "given": given, "current": current }),
        P::GoalNotInPlan { goal, plan } => json!({ "goal": goal, "plan": plan }),
        P::AlreadyAgreed { member, plan } => json!({ "member": member, "plan": plan }),
        P::EmptyScaleLevel { level } => json!({ "level": level }),
        P::ApprovalAlready { state } => json!({ "state": state }),
        P::DecisionMismatch { decision, to } => json!({ "decision": decision, "to": to }),
        P::ReviewBeforeHold { review_on } => json!({ "review_on": review_on }),
        P::NotPlannedEnding { reason } | P::NotEarlyEnding { reason } => {
            json!({ "reason": reason })
        }
        P::ReferralsInFlight { referrals } => json!({ "referrals": referrals }),
        P::NoConsent { referral } => json!({ "referral": referral }),
        P::ConsentState {
            member,
            referral,
            given,
        } => json!({ "member": member, "referral": referral, "given": given }),
        P::ReferralMove { referral, from, to } => {
            json!({ "referral": referral, "from": from, "to": to })
        }
        P::OwnResource { resource } => json!({ "resource": resource }),
        P::NoContributionHere { activity } => json!({ "activity": activity }),
        P::Inconsistent { detail } => json!({ "detail": detail }),
        P::NotOwnCommitment { by } => json!({ "by": by }),
        P::FourEyes { id } => json!({ "id": id }),
        P::ConsentWithdrawn { referral } => json!({ "referral": referral }),
        P::ScopedConsentState {
            member,
            scope,
            given,
        } => json!({ "member": member, "scope": scope, "given": given }),
        P::GoalMove { goal, from, to } => json!({ "goal": goal, "from": from, "to": to }),
        P::NotInClientSystem { id, kind } => json!({ "id": id, "kind": kind }),
        P::NotAmendable { record: r, member } | P::Unchanged { record: r, member } => {
            json!({ "record": record(r), "member": member })
        }
        P::NotCorrectable { record: r } | P::AlreadyRetracted { record: r } => {
            json!({ "record": record(r) })
        }
        P::AtOutOfRange {
            at,
            opened,
            corrected,
        } => json!({ "at": at, "opened": opened, "corrected": corrected }),
        P::FutureTime { at, now, allowance } => {
            json!({ "at": at, "now": now, "allowance": allowance })
        }
        P::NoDueDate { record: r } => json!({ "record": record(r) }),
        P::DueBeforeToday {
            record: r,
            due_on,
            today,
        } => json!({ "record": record(r), "due_on": due_on, "today": today }),
        P::InvalidMediaType { media_type } => json!({ "media_type": media_type }),
        P::InvalidDigest { sha256 } => json!({ "sha256": sha256 }),
        P::DuplicateDocument { id } => json!({ "id": id }),
        P::AlreadyLead { id } => json!({ "id": id }),
        P::TransferPending { to } => json!({ "to": to }),
        P::NoTransfer | P::ImportAfterRecords | P::NoTransferConsent => json!({}),
        P::TransferConsentGiven { member } => json!({ "member": member }),
        P::ImportStage { stage } => json!({ "stage": stage }),
        P::ImportClosedReferral { referral } => json!({ "referral": referral }),
        P::NoWorker
        | P::NoApprover
        | P::Closed
        | P::NotClosed
        | P::OnHold
        | P::NotOnHold
        | P::NoOpenNeed
        | P::NoStrength
        | P::ZeroWeight
        | P::NoApprovalRequested
        | P::NoActivity
        | P::NoEvaluation
        | P::ReasonRequired
        | P::TerminationReasonRequired
        | P::TerminationReasonUnexpected
        | P::NoSummary
        | P::ClosureNotApproved
        | P::ServiceOnStrength
        | P::LinkageNotRecordedHere
        | P::NoEngagementConsent
        | P::ErasedMarker => json!({}),
        P::UnknownPerson { person } => json!({ "person": person }),
        P::NothingToErase { target } => json!({ "target": target }),
    };
    match v {
        Value::Object(map) => map,
        _ => Map::new(),
    }
}

fn problem_allowed(problem: &Problem) -> Vec<crate::Status> {
    match problem {
        Problem::Transition(e) => e.allowed().collect(),
        _ => Vec::new(),
    }
}

fn record(r: &RecordRef) -> Value {
    serde_json::to_value(r).unwrap_or(Value::Null)
}

/// The stable code of why an actor may not give a command: `not_on_team`, `policy`,
/// `not_an_opener`, `other_provider`.
pub(crate) const fn why_code(why: &NotPermittedBecause) -> &'static str {
    match why {
        NotPermittedBecause::NotOnTeam => "not_on_team",
        NotPermittedBecause::Policy { .. } => "policy",
        NotPermittedBecause::NotAnOpener => "not_an_opener",
        NotPermittedBecause::OtherProvider => "other_provider",
    }
}

/// The values of why an actor may not give a command.
pub(crate) fn why_values(why: &NotPermittedBecause) -> Map<String, Value> {
    match why {
        NotPermittedBecause::Policy { kind, permission } => {
            let mut map = Map::new();
            map.insert("kind".into(), json!(kind));
            map.insert("permission".into(), json!(permission));
            map
        }
        _ => Map::new(),
    }
}
