//! Who may give a command: the team at that moment and the policy in force.

use crate::ActorKind;
use crate::Rejection;
use crate::engagement::team::member;
use crate::engagement::{
    Actor, Command, Engagement, NotPermittedBecause, Permission, Provider, ReferralSide,
};

/// The actor must be on the team with their kind, and hold the permission the command needs.
pub(super) fn permit(e: &Engagement, by: &Actor, command: &Command) -> Result<(), Rejection> {
    let refuse = |why| Rejection::NotPermitted {
        actor: by.clone(),
        command: command.name(),
        why,
    };
    // Issue 14: the receiving worker answers a transfer, on the team or not; anyone else
    // answering for them needs the approve permission.
    let answers_transfer = matches!(
        command,
        Command::AcceptTransfer { .. } | Command::DeclineTransfer { .. }
    );
    if answers_transfer
        && let Some(t) = &e.transfer
        && t.to.id == by.id
        && t.to.kind == by.kind
    {
        return Ok(());
    }
    if !e.team.iter().any(|m| m.id == by.id && m.kind == by.kind) {
        return Err(refuse(NotPermittedBecause::NotOnTeam));
    }
    let mut permission = command.permission();
    if answers_transfer {
        permission = Permission::Approve;
    }
    // A partner answers only for the referrals addressed to it.
    let mut answers_for_another = false;
    match command {
        Command::SetReferralStatus {
            referral, status, ..
        } if status.set_by() == ReferralSide::Provider => {
            match e.referral(*referral).map(|r| &r.provider) {
                // A provider outside the system has no account: the worker records its answers.
                Some(Provider::External { .. }) => permission = Permission::Practice,
                Some(Provider::Partner { id }) => {
                    answers_for_another = is_partner(by.kind) && *id != by.id;
                }
                None => {}
            }
        }
        // A worker adds and removes the people they meet (family members, partners); workers
        // and supervisors come and go with whoever manages the team.
        Command::AddMember { member: m } if !is_staff(m.kind) => permission = Permission::Practice,
        Command::RemoveMember { id } if member(&e.team, id).is_some_and(|m| !is_staff(m.kind)) => {
            permission = Permission::Practice;
        }
        _ => {}
    }
    if !e.policy.allows(by.kind, permission) {
        return Err(refuse(NotPermittedBecause::Policy {
            kind: by.kind,
            permission,
        }));
    }
    if answers_for_another {
        return Err(refuse(NotPermittedBecause::OtherProvider));
    }
    Ok(())
}

/// Workers and supervisors: the agency's own staff on the team.
fn is_staff(kind: ActorKind) -> bool {
    matches!(kind, ActorKind::SocialWorker | ActorKind::Supervisor)
}

/// Agencies, donors and community representatives: the partners outside the agency.
pub(super) fn is_partner(kind: ActorKind) -> bool {
    matches!(
        kind,
        ActorKind::Agency | ActorKind::Donor | ActorKind::CommunityRepresentative
    )
}
