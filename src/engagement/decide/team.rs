//! The team and the policy: opening, reassigning the worker, members joining and leaving, a
//! new policy. The team always keeps a social worker and, while the policy asks for
//! approvals, someone it lets approve.

use super::Decider;
use crate::engagement::team::{check_members, member};
use crate::engagement::text::name;
use crate::engagement::{
    Actor, ActorId, ClientSystem, Event, NotPermittedBecause, Opening, Permission, Policy, Problem,
    TeamMember,
};
use crate::{ActorKind, Rejection};

/// The first event of an engagement: only a social worker or supervisor on the opening team
/// opens it, with a valid client name, a valid team with a worker, and a bounded policy.
pub(super) fn opening(by: &Actor, opening: &Opening) -> Result<Event, Rejection> {
    let on_team = opening
        .team
        .iter()
        .any(|m| m.id == by.id && m.kind == by.kind);
    if !on_team || !matches!(by.kind, ActorKind::SocialWorker | ActorKind::Supervisor) {
        return Err(Rejection::NotPermitted {
            actor: by.clone(),
            command: "open",
            why: NotPermittedBecause::NotAnOpener,
        });
    }
    let mut problems = Vec::new();
    let client_name = name("client name", &opening.client.name, &mut problems);
    let team = check_members(&opening.team, &mut problems);
    let policy_bounded = crate::engagement::bounds::policy(&opening.policy, &mut problems);
    // An over-long team was refused whole: its members are not walked again.
    if team.len() == opening.team.len() {
        if !team.iter().any(|m| m.kind == ActorKind::SocialWorker) {
            problems.push(Problem::NoWorker);
        }
        if policy_bounded && !can_approve(&team, &opening.policy, None) {
            problems.push(Problem::NoApprover);
        }
    }
    if !problems.is_empty() {
        return Err(Rejection::Refused {
            command: "open",
            problems,
        });
    }
    Ok(Event::Opened {
        id: opening.id.clone(),
        client: ClientSystem {
            level: opening.client.level,
            name: client_name,
        },
        team,
        policy: opening.policy.clone(),
    })
}

/// Whether the team, without `leaving`, holds someone the policy lets approve, or the policy
/// asks for no approval.
fn can_approve(team: &[TeamMember], policy: &Policy, leaving: Option<&ActorId>) -> bool {
    let asks = policy.plan_approval_required || policy.closure_approval_required;
    !asks
        || team
            .iter()
            .any(|m| Some(&m.id) != leaving && policy.allows(m.kind, Permission::Approve))
}

impl Decider<'_> {
    pub(super) fn reassign_worker(&mut self, from: &ActorId, to: &TeamMember) -> Event {
        self.member_of_kind(from, ActorKind::SocialWorker);
        let to = self.new_member(to);
        if to.kind != ActorKind::SocialWorker {
            self.problems.push(Problem::WrongMemberKind {
                id: to.id.clone(),
                expected: ActorKind::SocialWorker,
                found: to.kind,
            });
        }
        Event::WorkerReassigned {
            from: from.clone(),
            to,
        }
    }

    pub(super) fn add_member(&mut self, member: &TeamMember) -> Event {
        Event::MemberAdded {
            member: self.new_member(member),
        }
    }

    pub(super) fn remove_member(&mut self, id: &ActorId) -> Event {
        let e = self.e;
        match member(&e.team, id) {
            None => self.problems.push(Problem::NotOnTeam { id: id.clone() }),
            Some(m) if m.kind == ActorKind::SocialWorker && e.workers().count() == 1 => {
                self.problems.push(Problem::LastWorker { id: id.clone() });
            }
            Some(_) if !can_approve(&e.team, &e.policy, Some(id)) => {
                self.problems.push(Problem::LastApprover { id: id.clone() });
            }
            Some(_) => {}
        }
        Event::MemberRemoved { id: id.clone() }
    }

    pub(super) fn change_policy(&mut self, policy: &Policy) -> Event {
        if crate::engagement::bounds::policy(policy, self.problems)
            && !can_approve(&self.e.team, policy, None)
        {
            self.problems.push(Problem::NoApprover);
        }
        Event::PolicyChanged {
            policy: policy.clone(),
        }
    }

    /// A member joining: within the team's bound, not on it yet, with a valid name.
    fn new_member(&mut self, m: &TeamMember) -> TeamMember {
        use crate::engagement::bounds::{MAX_TEAM, within};
        within(
            "team",
            self.e.team.len().saturating_add(1),
            MAX_TEAM,
            self.problems,
        );
        if member(&self.e.team, &m.id).is_some() {
            self.problems
                .push(Problem::DuplicateMember { id: m.id.clone() });
        }
        TeamMember {
            id: m.id.clone(),
            kind: m.kind,
            name: name("member name", &m.name, self.problems),
        }
    }

    /// Notes an id that is not a team member of this kind.
    pub(super) fn member_of_kind(&mut self, id: &ActorId, kind: ActorKind) {
        match member(&self.e.team, id) {
            None => self.problems.push(Problem::NotOnTeam { id: id.clone() }),
            Some(m) if m.kind != kind => self.problems.push(Problem::WrongMemberKind {
                id: id.clone(),
                expected: kind,
                found: m.kind,
            }),
            Some(_) => {}
        }
    }

    /// The client-system member speaking: the actor, or the member a worker records for.
    /// Only the client system speaks for itself (a community's representative for a
    /// community-level client system).
    pub(super) fn client_voice(&mut self, on_behalf_of: Option<&ActorId>) -> ActorId {
        match on_behalf_of {
            Some(id) => {
                let community = member(&self.e.team, id)
                    .is_some_and(|m| super::permit::speaks_for_community(self.e, m.kind));
                if !community {
                    self.member_of_kind(id, ActorKind::ClientMember);
                }
                id.clone()
            }
            None => {
                self.in_client_system(&self.by.id.clone());
                self.by.id.clone()
            }
        }
    }
}
