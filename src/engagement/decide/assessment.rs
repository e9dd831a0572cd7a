//! Needs assessment: needs and resources, and what becomes of a need.

use super::Decider;
use super::lists::dedup;
use crate::engagement::text::{blank, name, optional_name, optional_text, text};
use crate::engagement::{
    Event, Holder, Need, NeedId, NeedStatus, Priority, Problem, RecordRef, Resource, ResourceId,
    ServiceDetails, Surrounding,
};
use crate::{Barrier, ResourceKind};

impl Decider<'_> {
    pub(super) fn record_need(
        &mut self,
        domain: &str,
        description: &str,
        priority: Priority,
    ) -> Event {
        Event::NeedRecorded {
            need: Need {
                id: NeedId::at_index(self.e.needs.len()),
                domain: name("domain", domain, self.problems),
                description: text("description", description, self.problems),
                priority,
                status: NeedStatus::Open,
                proposed_by: self.proposer(),
                confidentiality: None,
            },
        }
    }

    pub(super) fn record_resource(
        &mut self,
        kind: ResourceKind,
        description: &str,
        holder: Option<&str>,
        barriers: &[Barrier],
        service: &Option<ServiceDetails>,
    ) -> Event {
        Event::ResourceRecorded {
            resource: Resource {
                id: ResourceId::at_index(self.e.resources.len()),
                kind,
                description: text("description", description, self.problems),
                holder: match holder {
                    None => Holder::Client,
                    Some(h) => Holder::External {
                        name: name("holder", h, self.problems),
                    },
                },
                barriers: self.barriers(barriers),
                reached: false,
                service: service
                    .as_ref()
                    .map(|s| Box::new(self.service(s, holder.is_none()))),
                confidentiality: None,
                proposed_by: self.proposer(),
            },
        }
    }

    pub(super) fn record_surrounding_resource(
        &mut self,
        kind: ResourceKind,
        description: &str,
        holder: &str,
        around: Surrounding,
        barriers: &[Barrier],
    ) -> Event {
        Event::ResourceRecorded {
            resource: Resource {
                id: ResourceId::at_index(self.e.resources.len()),
                kind,
                description: text("description", description, self.problems),
                holder: Holder::Surroundings {
                    name: name("holder", holder, self.problems),
                    around,
                },
                barriers: self.barriers(barriers),
                reached: false,
                service: None,
                confidentiality: None,
                proposed_by: self.proposer(),
            },
        }
    }

    pub(super) fn mark_need_met(&mut self, need: NeedId, note: Option<&str>) -> Event {
        self.open_need(need);
        Event::NeedMet {
            need,
            note: optional_text("note", note, self.problems),
        }
    }

    pub(super) fn defer_need(&mut self, need: NeedId, reason: &str) -> Event {
        self.open_need(need);
        Event::NeedDeferred {
            need,
            reason: text("reason", reason, self.problems),
        }
    }

    /// The barriers, without repeats, once within their bound.
    fn barriers(&mut self, barriers: &[Barrier]) -> Vec<Barrier> {
        if self.bounded("barriers", barriers.len()) {
            dedup(barriers)
        } else {
            Vec::new()
        }
    }

    fn open_need(&mut self, id: NeedId) {
        match self.e.need(id) {
            None => self.problems.push(Problem::Unknown(RecordRef::Need(id))),
            Some(need) if need.status != NeedStatus::Open => {
                self.problems.push(Problem::NeedNotOpen { need: id });
            }
            Some(_) => {}
        }
    }

    /// Checks the details of an outside service; a strength has none.
    fn service(&mut self, details: &ServiceDetails, own: bool) -> ServiceDetails {
        if own {
            self.problems.push(Problem::ServiceOnStrength);
        }
        let mut short =
            |field, value: &Option<String>| optional_name(field, value.as_deref(), self.problems);
        let mut checked = ServiceDetails {
            organisation: short("organisation", &details.organisation),
            service: short("service", &details.service),
            location: short("location", &details.location),
            eligibility: None,
            cost: short("cost", &details.cost),
            languages: Vec::new(),
            accessibility: None,
            schedule: short("schedule", &details.schedule),
            capacity: short("capacity", &details.capacity),
        };
        checked.eligibility =
            optional_text("eligibility", details.eligibility.as_deref(), self.problems);
        checked.accessibility = optional_text(
            "accessibility",
            details.accessibility.as_deref(),
            self.problems,
        );
        if self.bounded("languages", details.languages.len()) {
            checked.languages = dedup(&details.languages)
                .iter()
                .filter(|l| !blank(l))
                .map(|l| name("languages", l, self.problems))
                .collect();
        }
        checked
    }
}
