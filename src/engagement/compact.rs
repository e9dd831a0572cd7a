//! Giving back spare capacity: an engagement built by replay or by many commands holds its
//! records in vectors that grew by doubling; an app that keeps many engagements in memory
//! (a caseload, a cache) can release the unused part.

use crate::engagement::Engagement;

impl Engagement {
    /// Releases the spare capacity of every list the engagement holds, its records' own lists
    /// included, so it takes only the memory its state needs. [`Engagement::replay`] does this
    /// when it is done; the next command may grow a list again.
    ///
    /// ```
    /// # use pendamping::*;
    /// # use chrono::{TimeZone, Utc};
    /// # let w = Actor::new("w:siti", ActorKind::SocialWorker)?;
    /// # let at = Utc.with_ymd_and_hms(2026, 3, 2, 9, 0, 0).unwrap();
    /// # let mut case = Engagement::open(&w, at, Opening {
    /// #     id: EngagementId::new("pkh-1")?,
    /// #     client: ClientSystem { level: ClientSystemLevel::Family, name: "Keluarga".into() },
    /// #     team: vec![TeamMember { id: w.id.clone(), kind: ActorKind::SocialWorker, name: "Siti".into() }],
    /// #     policy: Policy::default(),
    /// # })?;
    /// let before = case.clone();
    /// case.shrink_to_fit();
    /// assert_eq!(case, before); // the same state, in less memory
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn shrink_to_fit(&mut self) {
        self.team.shrink_to_fit();
        self.needs.shrink_to_fit();
        self.resources.shrink_to_fit();
        for resource in &mut self.resources {
            resource.barriers.shrink_to_fit();
        }
        self.goals.shrink_to_fit();
        for goal in &mut self.goals {
            goal.addresses.shrink_to_fit();
        }
        self.interventions.shrink_to_fit();
        self.plans.shrink_to_fit();
        for plan in &mut self.plans {
            plan.goals.shrink_to_fit();
            plan.interventions.shrink_to_fit();
            plan.agreements.shrink_to_fit();
        }
        self.activities.shrink_to_fit();
        for activity in &mut self.activities {
            activity.contributions.shrink_to_fit();
        }
        self.referrals.shrink_to_fit();
        for referral in &mut self.referrals {
            referral.consent.shrink_to_fit();
            referral.history.shrink_to_fit();
        }
        self.evaluations.shrink_to_fit();
        self.follow_ups.shrink_to_fit();
        self.consents.shrink_to_fit();
        self.pending.shrink_to_fit();
    }
}
