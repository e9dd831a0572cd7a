//! Taking part without the practice: whose a proposal is, what a partner may put in the plan,
//! and who speaks for the client system.

use super::Decider;
use super::permit::speaks_for_community;
use crate::ActorKind;
use crate::engagement::text::name;
use crate::engagement::{ActorId, ConsentScope, Event, Permission, Problem, Responsible};

impl Decider<'_> {
    /// The maker of a record given in their own voice (through a finer permission than the
    /// practice); `None` when the practice records it. Staff always record as the practice.
    pub(super) fn proposer(&self) -> Option<ActorId> {
        let staff = matches!(
            self.by.kind,
            ActorKind::SocialWorker | ActorKind::Supervisor
        );
        let practice = self.e.policy.allows(self.by.kind, Permission::Practice);
        (!staff && !practice).then(|| self.by.id.clone())
    }

    /// A partner puts into the plan only what it carries out itself: naming the worker, the
    /// client or another partner as responsible would commit someone else.
    pub(super) fn own_commitment(&mut self, by: &ActorId, responsible: &Responsible) {
        if !matches!(responsible, Responsible::Partner(id) if id == by) {
            self.problems
                .push(Problem::NotOwnCommitment { by: by.clone() });
        }
    }

    /// Giving (`give`) or withdrawing a consent to the engagement or to a disclosure: the
    /// member's consent of that scope must not be, or must be, in force.
    pub(super) fn scoped_consent(
        &mut self,
        scope: &ConsentScope,
        on_behalf_of: Option<&ActorId>,
        give: bool,
    ) -> Event {
        let member = self.client_voice(on_behalf_of);
        let scope = match scope {
            ConsentScope::Disclosure { organisation } => ConsentScope::Disclosure {
                organisation: name("organisation", organisation, self.problems),
            },
            other => other.clone(),
        };
        if self.e.consent_in_force(&member, &scope).is_some() == give {
            self.problems.push(Problem::ScopedConsentState {
                member: member.clone(),
                scope: scope.clone(),
                given: give,
            });
        }
        if give {
            Event::ScopedConsentGiven { scope, member }
        } else {
            Event::ScopedConsentWithdrawn { scope, member }
        }
    }

    /// Notes an actor speaking in their own voice who is not part of the client system: only a
    /// client-system member, or the representative of a community that is the client system,
    /// agrees or consents for it (whatever the policy grants).
    pub(super) fn in_client_system(&mut self, id: &ActorId) {
        let kind = self.by.kind;
        if kind != ActorKind::ClientMember && !speaks_for_community(self.e, kind) {
            self.problems.push(Problem::NotInClientSystem {
                id: id.clone(),
                kind,
            });
        }
    }
}
