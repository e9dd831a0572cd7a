//! Implementation: activities, the client system's own words, referrals and their consent.

use super::Decider;
use super::lists::dedup;
use crate::engagement::text::{name, optional_text, text};
use crate::engagement::{
    Activity, ActivityDetail, ActivityId, ActorId, Contribution, Event, Holder, InterventionId,
    Problem, Provider, RecordRef, Referral, ReferralId, ReferralStatus, ResourceId,
};
use crate::{ActorKind, Function, ManagementMode, Role};

impl Decider<'_> {
    pub(super) fn record_activity(
        &mut self,
        served: (Function, Role),
        interventions: &[InterventionId],
        detail: &ActivityDetail,
        note: Option<&str>,
    ) -> Event {
        let detail = self.detail(detail);
        Event::ActivityRecorded {
            activity: self.activity(served, interventions, detail, note),
        }
    }

    pub(super) fn add_contribution(&mut self, activity: ActivityId, words: &str) -> Event {
        match self.e.activity(activity).map(|a| &a.detail) {
            None => self
                .problems
                .push(Problem::Unknown(RecordRef::Activity(activity))),
            Some(ActivityDetail::Consultation { .. } | ActivityDetail::Education { .. }) => {}
            Some(_) => self.problems.push(Problem::NoContributionHere { activity }),
        }
        Event::ContributionAdded {
            activity,
            contribution: Contribution {
                member: self.by.id.clone(),
                text: text("text", words, self.problems),
            },
        }
    }

    pub(super) fn refer(
        &mut self,
        resource: ResourceId,
        provider: &Provider,
        mode: ManagementMode,
        served: (Function, Role),
        interventions: &[InterventionId],
        note: Option<&str>,
    ) -> Event {
        let e = self.e;
        match e.resource(resource) {
            None => self
                .problems
                .push(Problem::Unknown(RecordRef::Resource(resource))),
            Some(r) if r.holder == Holder::Client => {
                self.problems.push(Problem::OwnResource { resource });
            }
            Some(_) => {}
        }
        let provider = match provider {
            Provider::Partner { id } => {
                self.member_of_kind(id, ActorKind::Agency);
                Provider::Partner { id: id.clone() }
            }
            Provider::External { name: n } => Provider::External {
                name: name("provider name", n, self.problems),
            },
        };
        let referral = ReferralId::at_index(e.referrals.len());
        Event::ReferralMade {
            referral: Referral {
                id: referral,
                resource,
                provider,
                mode,
                status: ReferralStatus::Draft,
                consent: Vec::new(),
                history: Vec::new(),
                due_on: None,
                confidentiality: None,
            },
            activity: self.activity(
                served,
                interventions,
                ActivityDetail::Linkage { referral },
                note,
            ),
        }
    }

    /// Giving (`give`) or withdrawing consent to a referral.
    pub(super) fn consent(
        &mut self,
        referral: ReferralId,
        on_behalf_of: Option<&ActorId>,
        give: bool,
    ) -> Event {
        let member = self.client_voice(on_behalf_of);
        match self.e.referral(referral) {
            None => self
                .problems
                .push(Problem::Unknown(RecordRef::Referral(referral))),
            Some(r) if r.consent.contains(&member) == give => {
                self.problems.push(Problem::ConsentState {
                    member: member.clone(),
                    referral,
                    given: give,
                });
            }
            Some(_) => {}
        }
        if give {
            Event::ConsentGiven { referral, member }
        } else {
            Event::ConsentWithdrawn { referral, member }
        }
    }

    pub(super) fn set_referral_status(
        &mut self,
        referral: ReferralId,
        status: ReferralStatus,
        note: Option<&str>,
    ) -> Event {
        match self.e.referral(referral) {
            None => self
                .problems
                .push(Problem::Unknown(RecordRef::Referral(referral))),
            Some(r) => {
                if !r.status.can_move_to(status) {
                    self.problems.push(Problem::ReferralMove {
                        referral,
                        from: r.status,
                        to: status,
                    });
                }
                if status == ReferralStatus::Requested && r.consent.is_empty() {
                    self.problems.push(Problem::NoConsent { referral });
                }
                // Consent withdrawn after sending: the provider may no longer take it on (the
                // worker cancels it, or the member consents again).
                if r.status == ReferralStatus::Requested
                    && status == ReferralStatus::Accepted
                    && r.consent.is_empty()
                {
                    self.problems.push(Problem::ConsentWithdrawn { referral });
                }
            }
        }
        Event::ReferralStatusSet {
            referral,
            status,
            note: optional_text("note", note, self.problems),
        }
    }

    /// The next activity, with its interventions checked.
    fn activity(
        &mut self,
        (function, role): (Function, Role),
        interventions: &[InterventionId],
        detail: ActivityDetail,
        note: Option<&str>,
    ) -> Activity {
        let e = self.e;
        self.known(
            "interventions",
            interventions,
            |id| e.intervention(id).is_some(),
            RecordRef::Intervention,
        );
        Activity {
            id: ActivityId::at_index(e.activities.len()),
            at: self.at,
            function,
            role,
            interventions: dedup(interventions),
            detail,
            note: optional_text("note", note, self.problems),
            contributions: Vec::new(),
            confidentiality: None,
        }
    }

    fn detail(&mut self, detail: &ActivityDetail) -> ActivityDetail {
        use ActivityDetail as D;
        match detail {
            D::Consultation {
                participants,
                worker_contribution,
                client_contribution,
                options,
                action_steps,
            } => D::Consultation {
                participants: self.names("participants", participants),
                worker_contribution: text(
                    "worker contribution",
                    worker_contribution,
                    self.problems,
                ),
                client_contribution: text(
                    "client contribution",
                    client_contribution,
                    self.problems,
                ),
                options: self.texts("options", options),
                action_steps: self.texts("action steps", action_steps),
            },
            D::Linkage { referral } => {
                self.problems.push(Problem::LinkageNotRecordedHere);
                D::Linkage {
                    referral: *referral,
                }
            }
            D::Education {
                topic,
                learners,
                educators,
                prevention_focus,
            } => D::Education {
                topic: name("topic", topic, self.problems),
                learners: self.names("learners", learners),
                educators: self.names("educators", educators),
                prevention_focus: optional_text(
                    "prevention focus",
                    prevention_focus.as_deref(),
                    self.problems,
                ),
            },
            D::Mediation { parties, outcome } => D::Mediation {
                parties: self.names("parties", parties),
                outcome: text("outcome", outcome, self.problems),
            },
            D::Advocacy {
                scope,
                target_system,
                outcome,
            } => D::Advocacy {
                scope: *scope,
                target_system: name("target system", target_system, self.problems),
                outcome: text("outcome", outcome, self.problems),
            },
            D::Protection { risk, action } => D::Protection {
                risk: text("risk", risk, self.problems),
                action: text("action", action, self.problems),
            },
        }
    }
}
