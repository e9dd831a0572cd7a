//! Who may give a command: the team at that moment and the policy in force.

use crate::Rejection;
use crate::engagement::team::member;
use crate::engagement::{
    Actor, Command, Engagement, NotPermittedBecause, Permission, Provider, ReferralSide,
};
use crate::{ActorKind, ClientSystemLevel};

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
    if let Some(finer) = participation(e, by, command) {
        permission = finer;
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

/// The finer permission a command asks of someone who takes part without the practice (or,
/// for a member's own voice, without the client voice): a proposal, a contribution, the
/// community's agreement. Staff are always asked for the practice, which is theirs to hold.
fn participation(e: &Engagement, by: &Actor, command: &Command) -> Option<Permission> {
    let holds = |p| e.policy.allows(by.kind, p);
    if is_staff(by.kind) {
        return None;
    }
    let finer = match command {
        Command::RecordNeed { .. } => Permission::ProposeNeed,
        Command::RecordResource { holder: None, .. }
        | Command::RecordSurroundingResource { .. } => Permission::RecordOwnStrength,
        Command::AddGoal { .. } => Permission::ProposeGoal,
        Command::AddIntervention { .. } => Permission::ContributeToDesign,
        Command::AddContribution { .. } => Permission::ContributeToImplementation,
        Command::AgreeToPlan {
            on_behalf_of: None, ..
        }
        | Command::GiveConsent {
            on_behalf_of: None, ..
        }
        | Command::WithdrawConsent {
            on_behalf_of: None, ..
        }
        | Command::GiveScopedConsent {
            on_behalf_of: None, ..
        }
        | Command::WithdrawScopedConsent {
            on_behalf_of: None, ..
        } if speaks_for_community(e, by.kind) => Permission::AgreeForCommunity,
        _ => return None,
    };
    // Whoever holds what the command asks by its nature gives it as before.
    (!holds(command.permission())).then_some(finer)
}

/// Whether actors of this kind speak for the client system as its community: a community's
/// representative on a community-level client system.
pub(super) fn speaks_for_community(e: &Engagement, kind: ActorKind) -> bool {
    kind == ActorKind::CommunityRepresentative && e.client.level == ClientSystemLevel::Community
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
