//! The inverse of an import for replay: the imported case an `Imported` event records.

use crate::Stage;
use crate::engagement::{
    Goal, Holder, ImportSource, ImportedCase, ImportedGoal, ImportedIntervention, ImportedNeed,
    ImportedReferral, ImportedResource, Intervention, Need, Referral, Resource,
};

/// The case the import command gave, read back from the records it made.
pub(super) fn case(
    source: &ImportSource,
    stage: Stage,
    needs: &[Need],
    resources: &[Resource],
    (goals, interventions): (&[Goal], &[Intervention]),
    referrals: &[Referral],
) -> ImportedCase {
    ImportedCase {
        source: source.clone(),
        stage,
        needs: (needs.iter())
            .map(|n| ImportedNeed {
                domain: n.domain.clone(),
                description: n.description.clone(),
                priority: n.priority,
                confidentiality: n.confidentiality,
            })
            .collect(),
        resources: (resources.iter())
            .map(|r| ImportedResource {
                kind: r.kind,
                description: r.description.clone(),
                holder: holder(&r.holder),
                barriers: r.barriers.clone(),
                confidentiality: r.confidentiality,
            })
            .collect(),
        goals: (goals.iter())
            .map(|g| ImportedGoal {
                description: g.description.clone(),
                addresses: g.addresses.clone(),
                status: g.status,
                due_on: g.due_on,
            })
            .collect(),
        interventions: (interventions.iter())
            .map(|i| ImportedIntervention {
                description: i.description.clone(),
                serves: i.serves.clone(),
                function: i.function,
                role: i.role,
                responsible: i.responsible.clone(),
                uses: i.uses.clone(),
                due_on: i.due_on,
            })
            .collect(),
        referrals: (referrals.iter())
            .map(|r| ImportedReferral {
                resource: r.resource,
                provider: r.provider.clone(),
                mode: r.mode,
                status: r.status,
                consent: r.consent.clone(),
                due_on: r.due_on,
                confidentiality: r.confidentiality,
            })
            .collect(),
    }
}

/// The holder's name as a command gives it: none for the client system's own.
pub(super) fn holder(holder: &Holder) -> Option<String> {
    match holder {
        Holder::External { name } => Some(name.clone()),
        _ => None,
    }
}
