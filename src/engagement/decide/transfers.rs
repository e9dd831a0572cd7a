//! Transfers: asked for by a worker, answered by the receiving worker or a supervisor.

use super::Decider;
use crate::ActorKind;
use crate::engagement::text::{name, optional_text, text};
use crate::engagement::{ActorId, Event, Problem, TeamMember};

impl Decider<'_> {
    pub(super) fn request_transfer(&mut self, to: &TeamMember, reason: &str) -> Event {
        let e = self.e;
        if to.kind != ActorKind::SocialWorker {
            self.problems.push(Problem::WrongMemberKind {
                id: to.id.clone(),
                expected: ActorKind::SocialWorker,
                found: to.kind,
            });
        }
        if let Some(m) = e.team.iter().find(|m| m.id == to.id && m.kind != to.kind) {
            self.problems.push(Problem::WrongMemberKind {
                id: m.id.clone(),
                expected: to.kind,
                found: m.kind,
            });
        }
        let lead = e.lead().map(|m| m.id.clone());
        if lead.as_ref() == Some(&to.id) {
            self.problems
                .push(Problem::AlreadyLead { id: to.id.clone() });
        }
        if let Some(t) = &e.transfer {
            self.problems.push(Problem::TransferPending {
                to: t.to.id.clone(),
            });
        }
        Event::TransferRequested {
            from: lead.unwrap_or_else(|| self.by.id.clone()),
            to: TeamMember {
                id: to.id.clone(),
                kind: to.kind,
                name: name("member name", &to.name, self.problems),
            },
            reason: text("reason", reason, self.problems),
        }
    }

    pub(super) fn consent_to_transfer(&mut self, on_behalf_of: Option<&ActorId>) -> Event {
        let member = self.client_voice(on_behalf_of);
        match &self.e.transfer {
            None => self.problems.push(Problem::NoTransfer),
            Some(t) if t.consent.contains(&member) => {
                self.problems.push(Problem::TransferConsentGiven {
                    member: member.clone(),
                });
            }
            Some(_) => {}
        }
        Event::TransferConsented { member }
    }

    /// Accepting (`accept`) or declining a transfer; a reason is asked of a decline.
    pub(super) fn answer_transfer(&mut self, accept: bool, words: Option<&str>) -> Event {
        let to = match &self.e.transfer {
            Some(t)
                if accept && self.e.policy.transfer_consent_required && t.consent.is_empty() =>
            {
                self.problems.push(Problem::NoTransferConsent);
                t.to.id.clone()
            }
            Some(t) => t.to.id.clone(),
            None => {
                self.problems.push(Problem::NoTransfer);
                self.by.id.clone()
            }
        };
        if accept {
            Event::TransferAccepted {
                to,
                note: optional_text("note", words, self.problems),
            }
        } else {
            Event::TransferDeclined {
                to,
                reason: text("reason", words.unwrap_or_default(), self.problems),
            }
        }
    }
}
