//! The eco-map an engagement's records suggest: who is around the client and how each tie
//! looks, read from the team, the resources and the referrals.

use super::{Centre, EcoMap, Flow, SystemId, SystemKind, Tie, TieStrength};
use crate::{
    ActorId, ActorKind, ClientSystem, Engagement, Holder, Provider, Referral, ReferralStatus,
    Resource, ResourceKind, TeamMember, View,
};

impl EcoMap {
    /// The eco-map an engagement's records suggest, for the worker to refine.
    ///
    /// - **Centre**: the client system, with its personal strengths written inside.
    /// - **Members**: each client-system member on the team; moderate, both ways.
    /// - **Strengths** held in relationships or institutions (interpersonal and social
    ///   resources of the client's own): strong, towards the client.
    /// - **Partners** on the team: community representatives (moderate, both ways), donors and
    ///   agencies (moderate, towards the client).
    /// - **Outside holders** of resources, and the providers referrals were addressed to, one
    ///   system per name (names compared ignoring case and surrounding space; a holder with the
    ///   name of a partner on the team is that partner). Their tie follows the latest referral
    ///   addressed to them, when there is one:
    ///
    ///   | referral | tie |
    ///   |---|---|
    ///   | completed | strong, towards the client |
    ///   | accepted, in progress | moderate, towards the client |
    ///   | draft, requested, on hold, cancelled, failed | tenuous, towards the client |
    ///   | rejected | stressful, away from the client (effort spent, nothing came back) |
    ///
    ///   Without a referral, the resources they hold decide: strong when one was reached,
    ///   tenuous when one has barriers, moderate otherwise; towards the client.
    ///
    /// Names and descriptions longer than 64 characters are shortened, marked with `…`.
    ///
    /// ```
    /// # use chrono::{TimeZone, Utc};
    /// # use pendamping::*;
    /// use pendamping::ecomap::{EcoMap, Flow, SystemKind, TieStrength};
    ///
    /// # let siti = Actor::new("w:siti", ActorKind::SocialWorker)?;
    /// # let at = Utc.with_ymd_and_hms(2026, 3, 2, 9, 0, 0).unwrap();
    /// # let mut case = Engagement::open(&siti, at, Opening {
    /// #     id: EngagementId::new("pkh-0142")?,
    /// #     client: ClientSystem { level: ClientSystemLevel::Family, name: "Keluarga Sari".into() },
    /// #     team: vec![
    /// #         TeamMember { id: siti.id.clone(), kind: ActorKind::SocialWorker, name: "Siti".into() },
    /// #         TeamMember { id: "m:sari".parse()?, kind: ActorKind::ClientMember, name: "Ibu Sari".into() },
    /// #     ],
    /// #     policy: Policy::default(),
    /// # })?;
    /// // `case` is a family's engagement with one member on the team and one outside resource.
    /// case.execute(&siti, at, Command::RecordResource {
    ///     kind: ResourceKind::Social,
    ///     description: "Free check-ups for the children".into(),
    ///     holder: Some("Puskesmas Sukamaju".into()),
    ///     barriers: vec![Barrier::DistanceOrTransport],
    ///     service: None,
    ///     confidentiality: None,
    /// })?;
    ///
    /// let map = EcoMap::from_engagement(&case);
    /// assert_eq!(map.centre().name, "Keluarga Sari");
    /// let kinds: Vec<_> = map.systems().iter().map(|s| (s.kind, s.name.as_str())).collect();
    /// assert_eq!(kinds, [(SystemKind::Member, "Ibu Sari"), (SystemKind::Resource, "Puskesmas Sukamaju")]);
    /// let clinic = &map.systems()[1].tie;
    /// assert_eq!((clinic.strength, clinic.flow), (TieStrength::Tenuous, Flow::ToClient));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn from_engagement(engagement: &Engagement) -> Self {
        // Issue 14: retracted resources and referrals are not on the map.
        Self::from_records(
            engagement.client(),
            engagement.team(),
            engagement.resources(),
            engagement.referrals(),
            |r| engagement.is_retracted(r),
        )
    }

    /// The eco-map of what one reader may see ([`Engagement::view_for`]), derived as
    /// [`EcoMap::from_engagement`] derives it: drawn from the view alone, it shows nothing the
    /// view hides (a hidden resource's holder, a hidden referral's provider, a hidden
    /// strength).
    #[must_use]
    pub fn from_view(view: &View) -> Self {
        Self::from_records(
            &view.client,
            &view.team,
            &view.resources,
            &view.referrals,
            |r| view.retracted.contains(&r),
        )
    }

    /// The map of these records, less the retracted ones.
    fn from_records(
        client: &ClientSystem,
        team: &[TeamMember],
        resources: &[Resource],
        referrals: &[Referral],
        retracted: impl Fn(crate::RecordRef) -> bool,
    ) -> Self {
        let resources: Vec<Resource> = (resources.iter())
            .filter(|r| !retracted(crate::RecordRef::Resource(r.id)))
            .cloned()
            .collect();
        let referrals: Vec<Referral> = (referrals.iter())
            .filter(|r| !retracted(crate::RecordRef::Referral(r.id)))
            .cloned()
            .collect();
        Derivation::default().run(Records {
            client,
            team,
            resources: &resources,
            referrals: &referrals,
        })
    }
}

/// What an eco-map is derived from: an engagement's records, or a view's.
struct Records<'a> {
    client: &'a ClientSystem,
    team: &'a [TeamMember],
    resources: &'a [Resource],
    referrals: &'a [Referral],
}

/// Whether two names are the same system's: equal ignoring case and surrounding whitespace.
fn same_name(a: &str, b: &str) -> bool {
    a.trim()
        .chars()
        .flat_map(char::to_lowercase)
        .eq(b.trim().chars().flat_map(char::to_lowercase))
}

/// What the records say about one outside system while the map is derived.
#[derive(Default)]
struct Signals {
    /// The latest referral addressed to it: (referral number, status).
    referral: Option<(u32, ReferralStatus)>,
    reached: bool,
    barriers: bool,
    holds_resource: bool,
}

/// The derivation of an eco-map from an engagement, with what it learns per outside system.
#[derive(Default)]
struct Derivation {
    /// Per system, in the map's order: the partner's actor id (if a partner) and its signals.
    outside: Vec<(SystemId, Option<ActorId>, Signals)>,
}

impl Derivation {
    fn run(mut self, e: Records<'_>) -> EcoMap {
        let client = e.client;
        let mut map = EcoMap {
            centre: Centre {
                name: crate::vocab::shorten(client.name.trim()),
                level: client.level,
                strengths: Vec::new(),
            },
            systems: Vec::new(),
            next: 1,
        };
        for member in e.team {
            let (kind, tie) = match member.kind {
                ActorKind::ClientMember => (SystemKind::Member, Tie::default()),
                ActorKind::CommunityRepresentative => (SystemKind::Community, Tie::default()),
                ActorKind::Donor => (
                    SystemKind::Donor,
                    Tie::new(TieStrength::Moderate, Flow::ToClient),
                ),
                ActorKind::Agency => (
                    SystemKind::Agency,
                    Tie::new(TieStrength::Moderate, Flow::ToClient),
                ),
                _ => continue,
            };
            let Some(id) = add(&mut map, kind, &member.name, tie) else {
                continue;
            };
            if kind != SystemKind::Member {
                self.outside
                    .push((id, Some(member.id.clone()), Signals::default()));
            }
        }
        for resource in e.resources {
            match &resource.holder {
                Holder::Client if resource.kind == ResourceKind::Personal => {
                    map.centre
                        .strengths
                        .push(crate::vocab::shorten(resource.description.trim()));
                }
                Holder::Client => {
                    let tie = Tie::new(TieStrength::Strong, Flow::ToClient);
                    let _ = add(&mut map, SystemKind::Strength, &resource.description, tie);
                }
                Holder::External { name } | Holder::Surroundings { name, .. } => {
                    if let Some(signals) = self.outside_named(&mut map, name) {
                        signals.holds_resource = true;
                        signals.reached |= resource.reached;
                        signals.barriers |= !resource.barriers.is_empty();
                    }
                }
            }
        }
        for referral in e.referrals {
            let signals = match &referral.provider {
                Provider::Partner { id } => self.outside_partner(&mut map, e.team, id),
                Provider::External { name } => self.outside_named(&mut map, name),
            };
            if let Some(signals) = signals
                && signals.referral.is_none_or(|(n, _)| n < referral.id.0)
            {
                signals.referral = Some((referral.id.0, referral.status));
            }
        }
        for (id, _, signals) in &self.outside {
            if let Some(tie) = signals.tie()
                && let Some(system) = map.systems.iter_mut().find(|s| s.id == *id)
            {
                system.tie = tie;
            }
        }
        map
    }

    /// The outside system with this name, added as a resource holder when there is none.
    fn outside_named(&mut self, map: &mut EcoMap, name: &str) -> Option<&mut Signals> {
        let found = self.outside.iter().position(|(id, _, _)| {
            map.system(*id)
                .is_some_and(|s| same_name(&s.name, &crate::vocab::shorten(name.trim())))
        });
        let index = match found {
            Some(index) => index,
            None => {
                let tie = Tie::new(TieStrength::Moderate, Flow::ToClient);
                let id = add(map, SystemKind::Resource, name, tie)?;
                self.outside.push((id, None, Signals::default()));
                self.outside.len().checked_sub(1)?
            }
        };
        self.outside.get_mut(index).map(|(_, _, s)| s)
    }

    /// The partner agency with this actor id; one that has left the team is found or added by
    /// its id.
    fn outside_partner(
        &mut self,
        map: &mut EcoMap,
        team: &[TeamMember],
        actor: &ActorId,
    ) -> Option<&mut Signals> {
        if let Some(index) = self
            .outside
            .iter()
            .position(|(_, a, _)| a.as_ref() == Some(actor))
        {
            return self.outside.get_mut(index).map(|(_, _, s)| s);
        }
        let name = team
            .iter()
            .find(|m| &m.id == actor)
            .map_or(actor.as_str(), |m| m.name.as_str());
        self.outside_named(map, name)
    }
}

impl Signals {
    /// The tie the records suggest, or `None` to keep the partner's default.
    fn tie(&self) -> Option<Tie> {
        use ReferralStatus as R;
        let to_client = |strength| Some(Tie::new(strength, Flow::ToClient));
        match self.referral.map(|(_, status)| status) {
            Some(R::Completed) => to_client(TieStrength::Strong),
            Some(R::Accepted | R::InProgress) => to_client(TieStrength::Moderate),
            Some(R::Rejected) => Some(Tie::new(TieStrength::Stressful, Flow::FromClient)),
            Some(_) => to_client(TieStrength::Tenuous),
            None if self.reached => to_client(TieStrength::Strong),
            None if self.barriers => to_client(TieStrength::Tenuous),
            None if self.holds_resource => to_client(TieStrength::Moderate),
            None => None,
        }
    }
}

/// Adds a system with a recorded name (shortened for the drawing); `None` only when the name is
/// empty or no id is left.
fn add(map: &mut EcoMap, kind: SystemKind, name: &str, tie: Tie) -> Option<SystemId> {
    map.add_system(kind, crate::vocab::shorten(name.trim()), tie)
        .ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_name_ignores_case_and_space() {
        assert!(same_name(" Puskesmas ", "PUSKESMAS"));
        assert!(!same_name("Puskesmas", "Puskesmas 2"));
    }
}
