//! Importing a case: the state reached elsewhere, checked as the commands that record each
//! kind of record check it, right after the opening.

use super::Decider;
use super::lists::dedup;
use crate::ActorKind;
use crate::engagement::import::IMPORT_STAGES;
use crate::engagement::team::member;
use crate::engagement::text::{name, optional_name, text};
use crate::engagement::{
    Event, Goal, GoalId, Holder, ImportSource, ImportedCase, Intervention, InterventionId, Need,
    NeedId, NeedStatus, Problem, Provider, RecordRef, Referral, ReferralId, Resource, ResourceId,
    Responsible,
};

impl Decider<'_> {
    pub(super) fn import(&mut self, case: &ImportedCase) -> Event {
        let e = self.e;
        if e.seq != 1 {
            self.problems.push(Problem::ImportAfterRecords);
        }
        if !IMPORT_STAGES.contains(&case.stage) {
            self.problems
                .push(Problem::ImportStage { stage: case.stage });
        }
        let source = ImportSource {
            system: name("system", &case.source.system, self.problems),
            reference: optional_name("reference", case.source.reference.as_deref(), self.problems),
            as_of: case.source.as_of,
        };
        let needs = self.imported_needs(case);
        let resources = self.imported_resources(case);
        let goals = self.imported_goals(case, needs.len());
        let interventions = self.imported_interventions(case, goals.len(), resources.len());
        let referrals = self.imported_referrals(case, &resources);
        Event::Imported {
            source,
            stage: case.stage,
            needs,
            resources,
            goals,
            interventions,
            referrals,
        }
    }

    fn imported_needs(&mut self, case: &ImportedCase) -> Vec<Need> {
        if !self.bounded("needs", case.needs.len()) {
            return Vec::new();
        }
        let p = &mut *self.problems;
        (case.needs.iter().enumerate())
            .map(|(i, n)| Need {
                id: NeedId::at_index(i),
                domain: name("domain", &n.domain, p),
                description: text("description", &n.description, p),
                priority: n.priority,
                status: NeedStatus::Open,
                confidentiality: n.confidentiality,
                proposed_by: None,
            })
            .collect()
    }

    fn imported_resources(&mut self, case: &ImportedCase) -> Vec<Resource> {
        if !self.bounded("resources", case.resources.len()) {
            return Vec::new();
        }
        let mut out = Vec::with_capacity(case.resources.len());
        for (i, r) in case.resources.iter().enumerate() {
            let barriers = if self.bounded("barriers", r.barriers.len()) {
                dedup(&r.barriers)
            } else {
                Vec::new()
            };
            out.push(Resource {
                id: ResourceId::at_index(i),
                kind: r.kind,
                description: text("description", &r.description, self.problems),
                holder: match &r.holder {
                    None => Holder::Client,
                    Some(h) => Holder::External {
                        name: name("holder", h, self.problems),
                    },
                },
                barriers,
                reached: false,
                service: None,
                confidentiality: r.confidentiality,
                proposed_by: None,
            });
        }
        out
    }

    fn imported_goals(&mut self, case: &ImportedCase, needs: usize) -> Vec<Goal> {
        if !self.bounded("goals", case.goals.len()) {
            return Vec::new();
        }
        let mut out = Vec::with_capacity(case.goals.len());
        for (i, g) in case.goals.iter().enumerate() {
            self.known(
                "addresses",
                &g.addresses,
                |id| id.index().is_some_and(|i| i < needs),
                RecordRef::Need,
            );
            out.push(Goal {
                id: GoalId::at_index(i),
                description: text("description", &g.description, self.problems),
                addresses: g.addresses.clone(),
                scale: None,
                status: g.status,
                due_on: g.due_on,
                proposed_by: None,
            });
        }
        out
    }

    fn imported_interventions(
        &mut self,
        case: &ImportedCase,
        goals: usize,
        resources: usize,
    ) -> Vec<Intervention> {
        if !self.bounded("interventions", case.interventions.len()) {
            return Vec::new();
        }
        let mut out = Vec::with_capacity(case.interventions.len());
        for (i, v) in case.interventions.iter().enumerate() {
            let serves = self.known(
                "serves",
                &v.serves,
                |id| id.index().is_some_and(|i| i < goals),
                RecordRef::Goal,
            );
            let uses = self.known(
                "uses",
                &v.uses,
                |id| id.index().is_some_and(|i| i < resources),
                RecordRef::Resource,
            );
            if let Responsible::Partner(id) = &v.responsible
                && member(&self.e.team, id).is_none()
            {
                self.problems.push(Problem::NotOnTeam { id: id.clone() });
            }
            out.push(Intervention {
                id: InterventionId::at_index(i),
                description: text("description", &v.description, self.problems),
                serves: if serves { dedup(&v.serves) } else { Vec::new() },
                function: v.function,
                role: v.role,
                responsible: v.responsible.clone(),
                uses: if uses { dedup(&v.uses) } else { Vec::new() },
                due_on: v.due_on,
                proposed_by: None,
            });
        }
        out
    }

    fn imported_referrals(&mut self, case: &ImportedCase, resources: &[Resource]) -> Vec<Referral> {
        if !self.bounded("referrals", case.referrals.len()) {
            return Vec::new();
        }
        let mut out = Vec::with_capacity(case.referrals.len());
        for (i, r) in case.referrals.iter().enumerate() {
            let id = ReferralId::at_index(i);
            match r.resource.index().and_then(|i| resources.get(i)) {
                None => self
                    .problems
                    .push(Problem::Unknown(RecordRef::Resource(r.resource))),
                Some(found) if found.is_strength() => self.problems.push(Problem::OwnResource {
                    resource: r.resource,
                }),
                Some(_) => {}
            }
            if r.status.is_closed() {
                self.problems
                    .push(Problem::ImportClosedReferral { referral: id });
            }
            if self.bounded("consent", r.consent.len()) {
                for member in &r.consent {
                    self.member_of_kind(member, ActorKind::ClientMember);
                }
            }
            let provider = match &r.provider {
                Provider::Partner { id } => {
                    self.member_of_kind(id, ActorKind::Agency);
                    Provider::Partner { id: id.clone() }
                }
                Provider::External { name: n } => Provider::External {
                    name: name("provider name", n, self.problems),
                },
            };
            out.push(Referral {
                id,
                resource: r.resource,
                provider,
                mode: r.mode,
                status: r.status,
                consent: if self.bounded("consent", r.consent.len()) {
                    dedup(&r.consent)
                } else {
                    Vec::new()
                },
                history: Vec::new(),
                due_on: r.due_on,
                confidentiality: r.confidentiality,
            });
        }
        out
    }
}
