//! What one actor may read of an engagement: the records the policy's reading matrix lets them
//! see, and how many of each kind are kept from them.

use crate::Lang;
use crate::engagement::team::member;
use crate::engagement::{
    Activity, ActivityDetail, Actor, Approval, ClientSystem, Confidentiality, Engagement,
    EngagementId, Evaluation, FollowUp, Goal, Hold, Intervention, Need, Plan, Provider, ReadAccess,
    RecordRef, Referral, Resource, Responsible, TeamMember, Termination,
};
use crate::lifecycle::Status;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// What one actor may read of an engagement ([`Engagement::view_for`]).
///
/// Every record the reader may not read is left out and counted in [`View::hidden`]; ids
/// inside the records shown (the needs a goal addresses, the goals an evaluation scores, ...)
/// name only records shown. The outline (the client system, the team, the status, the dates)
/// is every team member's. The narrative of the engagement as a whole (the hold's reason, the
/// termination and its summary, plan revision reasons and approval comments) is shown to those
/// who read every confidential record, and blanked for the rest.
///
/// A view is a copy: build an eco-map of it ([`EcoMap::from_view`](crate::ecomap::EcoMap::from_view))
/// or serialise it for the reader's screen, and nothing hidden goes with it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct View {
    /// The engagement.
    pub engagement: EngagementId,
    /// Whom the view is for.
    pub reader: Actor,
    /// The client system.
    pub client: ClientSystem,
    /// The team.
    pub team: Vec<TeamMember>,
    /// Active, on hold or closed, with the stage.
    pub status: Status,
    /// When the engagement was opened.
    pub opened_at: DateTime<Utc>,
    /// The time of the last recorded event.
    pub last_at: DateTime<Utc>,
    /// The needs shown.
    pub needs: Vec<Need>,
    /// The resources shown.
    pub resources: Vec<Resource>,
    /// The goals shown.
    pub goals: Vec<Goal>,
    /// The interventions shown.
    pub interventions: Vec<Intervention>,
    /// Every plan version, listing only the goals and interventions shown.
    pub plans: Vec<Plan>,
    /// The activities shown.
    pub activities: Vec<Activity>,
    /// The referrals shown.
    pub referrals: Vec<Referral>,
    /// The evaluations shown, scoring only the goals shown.
    pub evaluations: Vec<Evaluation>,
    /// The follow-ups shown.
    pub follow_ups: Vec<FollowUp>,
    /// The hold in force, for a reader of the narrative.
    pub hold: Option<Hold>,
    /// The termination, for a reader of the narrative.
    pub termination: Option<Termination>,
    /// The records shown that were retracted (recorded in error): kept in the record, counted
    /// nowhere, left off the eco-map; a screen strikes them through.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub retracted: Vec<RecordRef>,
    /// How many records of each kind were left out.
    pub hidden: Hidden,
}

/// How many records of each kind a [`View`] leaves out: the reader knows there is more, not
/// what.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct Hidden {
    /// Needs.
    pub needs: usize,
    /// Resources.
    pub resources: usize,
    /// Goals.
    pub goals: usize,
    /// Interventions.
    pub interventions: usize,
    /// Activities.
    pub activities: usize,
    /// Referrals.
    pub referrals: usize,
    /// Evaluations.
    pub evaluations: usize,
    /// Follow-ups.
    pub follow_ups: usize,
    /// Texts of the engagement's narrative: a hold's reason, a termination, plan revision
    /// reasons and approval comments.
    pub notes: usize,
}

impl Hidden {
    /// Every record left out.
    #[must_use]
    pub fn total(&self) -> usize {
        let Self {
            needs,
            resources,
            goals,
            interventions,
            activities,
            referrals,
            evaluations,
            follow_ups,
            notes,
        } = *self;
        needs
            + resources
            + goals
            + interventions
            + activities
            + referrals
            + evaluations
            + follow_ups
            + notes
    }
}

impl Hidden {
    /// What a screen built from the view says about what it leaves out, in either language:
    /// counts by kind, nothing more (`None` when nothing is left out).
    ///
    /// ```
    /// use pendamping::Lang;
    /// use pendamping::engagement::Hidden;
    ///
    /// let mut hidden = Hidden::default();
    /// assert_eq!(hidden.describe(Lang::En), None);
    /// hidden.needs = 2;
    /// hidden.activities = 1;
    /// assert_eq!(hidden.describe(Lang::En).unwrap(), "not shown to you: 2 needs, 1 activity");
    /// assert_eq!(
    ///     hidden.describe(Lang::Id).unwrap(),
    ///     "tidak ditampilkan untuk Anda: 2 kebutuhan, 1 kegiatan"
    /// );
    /// ```
    #[must_use]
    pub fn describe(&self, lang: Lang) -> Option<String> {
        // (count, English singular, English plural, Indonesian)
        let kinds = [
            (self.needs, "need", "needs", "kebutuhan"),
            (self.resources, "resource", "resources", "sumber"),
            (self.goals, "goal", "goals", "tujuan"),
            (
                self.interventions,
                "intervention",
                "interventions",
                "intervensi",
            ),
            (self.activities, "activity", "activities", "kegiatan"),
            (self.referrals, "referral", "referrals", "rujukan"),
            (self.evaluations, "evaluation", "evaluations", "evaluasi"),
            (self.follow_ups, "follow-up", "follow-ups", "tindak lanjut"),
            (self.notes, "note", "notes", "catatan"),
        ];
        let parts: Vec<String> = kinds
            .iter()
            .filter(|(n, ..)| *n > 0)
            .map(|&(n, one, many, id)| match lang {
                Lang::En => format!("{n} {}", if n == 1 { one } else { many }),
                Lang::Id => format!("{n} {id}"),
            })
            .collect();
        if parts.is_empty() {
            return None;
        }
        let lead = match lang {
            Lang::En => "not shown to you",
            Lang::Id => "tidak ditampilkan untuk Anda",
        };
        Some(format!("{lead}: {}", parts.join(", ")))
    }
}

/// Why there is no view for an actor.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ViewError {
    /// The actor is not on the team in that capacity: nothing of the engagement is theirs.
    #[error("{actor} is not on the team of engagement {}: there is nothing for them to read", engagement.as_str())]
    NotOnTeam {
        /// The actor.
        actor: Actor,
        /// The engagement.
        engagement: EngagementId,
    },
}

impl ViewError {
    /// The message in English (as `Display` shows it) or Indonesian.
    #[must_use]
    pub fn message(&self, lang: Lang) -> String {
        match (self, lang) {
            (_, Lang::En) => self.to_string(),
            (Self::NotOnTeam { actor, engagement }, Lang::Id) => format!(
                "{actor} tidak termasuk tim pendampingan {}: tidak ada yang boleh dibacanya",
                engagement.as_str()
            ),
        }
    }
}

impl Engagement {
    /// What `reader` may read of the engagement, under the reading matrix of the policy in
    /// force ([`Policy::reads`](crate::Policy::reads)).
    ///
    /// ```
    /// # use chrono::{TimeZone, Utc};
    /// # use pendamping::*;
    /// # let siti = Actor::new("w:siti", ActorKind::SocialWorker)?;
    /// # let donor = Actor::new("d:yayasan", ActorKind::Donor)?;
    /// # let at = Utc.with_ymd_and_hms(2026, 3, 2, 9, 0, 0).unwrap();
    /// # let mut case = Engagement::open(&siti, at, Opening {
    /// #     id: EngagementId::new("pkh-0142")?,
    /// #     client: ClientSystem { level: ClientSystemLevel::Family, name: "Keluarga Sari".into() },
    /// #     team: vec![
    /// #         TeamMember { id: siti.id.clone(), kind: ActorKind::SocialWorker, name: "Siti".into() },
    /// #         TeamMember { id: donor.id.clone(), kind: ActorKind::Donor, name: "Yayasan".into() },
    /// #     ],
    /// #     policy: Policy::default(),
    /// # })?;
    /// case.execute(&siti, at, Command::RecordNeed {
    ///     domain: "health".into(), // confidential by default
    ///     description: "The youngest needs a hearing test".into(),
    ///     priority: Priority::High,
    ///     confidentiality: None,
    /// })?;
    /// case.execute(&siti, at, Command::RecordNeed {
    ///     domain: "schooling".into(),
    ///     description: "Books for the new term".into(),
    ///     priority: Priority::Medium,
    ///     confidentiality: None,
    /// })?;
    ///
    /// let view = case.view_for(&donor)?;
    /// assert_eq!(view.needs.len(), 1);
    /// assert_eq!(view.needs[0].domain, "schooling");
    /// assert_eq!(view.hidden.needs, 1);
    /// assert_eq!(case.view_for(&siti)?.needs.len(), 2);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`ViewError::NotOnTeam`] when the reader is not on the team with their kind.
    pub fn view_for(&self, reader: &Actor) -> Result<View, ViewError> {
        if member(&self.team, &reader.id).is_none_or(|m| m.kind != reader.kind) {
            return Err(ViewError::NotOnTeam {
                actor: reader.clone(),
                engagement: self.id.clone(),
            });
        }
        let sight = Sight {
            e: self,
            reader,
            referral_levels: self.referral_levels(),
        };
        let mut hidden = Hidden::default();
        let needs = keep(&self.needs, &mut hidden.needs, |n| {
            sight.sees(n.level(), false)
        });
        let resources = keep(&self.resources, &mut hidden.resources, |r| {
            sight.sees(r.level(), sight.linked(r))
        });
        let mut goals = keep(&self.goals, &mut hidden.goals, |g| {
            sight.sees(self.goal_level(g), false)
        });
        let mut interventions = keep(&self.interventions, &mut hidden.interventions, |i| {
            let carries = i.responsible == Responsible::Partner(reader.id.clone());
            sight.sees(self.intervention_level(i), carries)
        });
        let mut activities = keep(&self.activities, &mut hidden.activities, |a| {
            sight.sees(a.level(), sight.took_part(a))
        });
        let referrals = keep(&self.referrals, &mut hidden.referrals, |r| {
            sight.sees(sight.referral_level(r), sight.concerned(r))
        });
        let mut evaluations = keep(&self.evaluations, &mut hidden.evaluations, |v| {
            sight.sees(v.level(), false)
        });
        let follow_ups = keep(&self.follow_ups, &mut hidden.follow_ups, |f| {
            sight.sees(f.level(), f.by == reader.id)
        });

        // Ids inside what is shown name only what is shown.
        for goal in &mut goals {
            goal.addresses.retain(|n| needs.iter().any(|x| x.id == *n));
        }
        for i in &mut interventions {
            i.serves.retain(|g| goals.iter().any(|x| x.id == *g));
            i.uses.retain(|r| resources.iter().any(|x| x.id == *r));
        }
        for a in &mut activities {
            a.interventions
                .retain(|i| interventions.iter().any(|x| x.id == *i));
        }
        for v in &mut evaluations {
            v.scores.retain(|s| goals.iter().any(|x| x.id == s.goal));
        }
        let narrative = self
            .policy
            .reads(reader.kind, Confidentiality::Confidential)
            == ReadAccess::All;
        let plans = self
            .plans
            .iter()
            .map(|p| {
                let mut plan = p.clone();
                plan.goals.retain(|g| goals.iter().any(|x| x.id == *g));
                plan.interventions
                    .retain(|i| interventions.iter().any(|x| x.id == *i));
                if !narrative {
                    hidden.notes += usize::from(plan.reason.take().is_some());
                    hidden.notes += blank_comment(&mut plan.approval);
                }
                plan
            })
            .collect();
        let (hold, termination) = if narrative {
            (self.hold.clone(), self.termination.clone())
        } else {
            hidden.notes +=
                usize::from(self.hold.is_some()) + usize::from(self.termination.is_some());
            (None, None)
        };
        let retracted = self
            .retracted
            .iter()
            .copied()
            .filter(|r| match *r {
                RecordRef::Need(id) => needs.iter().any(|x| x.id == id),
                RecordRef::Resource(id) => resources.iter().any(|x| x.id == id),
                RecordRef::Goal(id) => goals.iter().any(|x| x.id == id),
                RecordRef::Intervention(id) => interventions.iter().any(|x| x.id == id),
                RecordRef::Activity(id) => activities.iter().any(|x| x.id == id),
                RecordRef::Referral(id) => referrals.iter().any(|x| x.id == id),
                RecordRef::Evaluation(id) => evaluations.iter().any(|x| x.id == id),
                // Notes are not part of a view, and plan versions are revised, not retracted.
                RecordRef::Note(_) | RecordRef::Plan(_) => false,
            })
            .collect();
        Ok(View {
            engagement: self.id.clone(),
            reader: reader.clone(),
            client: self.client.clone(),
            team: self.team.clone(),
            status: self.status(),
            opened_at: self.opened_at,
            last_at: self.last_at,
            needs,
            resources,
            goals,
            interventions,
            plans,
            activities,
            referrals,
            evaluations,
            follow_ups,
            hold,
            termination,
            retracted,
            hidden,
        })
    }
}

/// The records a reader sees, counting the rest.
fn keep<T: Clone>(records: &[T], hidden: &mut usize, sees: impl Fn(&T) -> bool) -> Vec<T> {
    let shown: Vec<T> = records.iter().filter(|r| sees(r)).cloned().collect();
    *hidden += records.len() - shown.len();
    shown
}

/// Takes an approval's comment out; 1 when there was one.
fn blank_comment(approval: &mut Approval) -> usize {
    match approval {
        Approval::Requested { comment, .. }
        | Approval::Approved { comment, .. }
        | Approval::Rejected { comment, .. } => usize::from(comment.take().is_some()),
        Approval::NotRequested | Approval::Lapsed { .. } => 0,
    }
}

/// One reader's sight of one engagement.
struct Sight<'a> {
    e: &'a Engagement,
    reader: &'a Actor,
    /// Each referral's level, by index: found once, not once per question.
    referral_levels: Vec<Confidentiality>,
}

impl Sight<'_> {
    fn referral_level(&self, r: &Referral) -> Confidentiality {
        r.id.index()
            .and_then(|i| self.referral_levels.get(i).copied())
            .unwrap_or_else(|| self.e.referral_level(r))
    }

    /// Whether the reader sees a record of this level, given whether it concerns them.
    fn sees(&self, level: Confidentiality, concerns: bool) -> bool {
        match self.e.policy.reads(self.reader.kind, level) {
            ReadAccess::All => true,
            ReadAccess::Concerning => concerns,
            ReadAccess::Nothing => false,
        }
    }

    /// A referral concerns its provider on the team, the members who consented to it and
    /// whoever set one of its statuses.
    fn concerned(&self, r: &Referral) -> bool {
        let id = &self.reader.id;
        matches!(&r.provider, Provider::Partner { id: p } if p == id)
            || r.consent.contains(id)
            || r.history.iter().any(|c| &c.by == id)
    }

    /// A resource concerns the provider of a referral to it that the provider reads.
    fn linked(&self, resource: &Resource) -> bool {
        self.e.referrals.iter().any(|r| {
            r.resource == resource.id
                && matches!(&r.provider, Provider::Partner { id } if *id == self.reader.id)
                && self.sees(self.referral_level(r), true)
        })
    }

    /// An activity concerns the members who added to it, and those its referral concerns.
    fn took_part(&self, a: &Activity) -> bool {
        a.contributions.iter().any(|c| c.member == self.reader.id)
            || matches!(a.detail, ActivityDetail::Linkage { referral }
                if self.e.referral(referral).is_some_and(|r| self.concerned(r)))
    }
}
