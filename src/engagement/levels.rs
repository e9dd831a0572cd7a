//! How confidential each record is: the level chosen when it was recorded, or the default of
//! its kind, in one rule.
//!
//! A record recorded without a level keeps none in its event and takes the default when it is
//! read, so records written before levels existed are protected by the same rule as new ones.

use crate::Role;
use crate::engagement::{
    Activity, ActivityDetail, Command, Confidentiality, Engagement, Evaluation, Event, FollowUp,
    Goal, Intervention, Need, Referral, ReferralId, Resource,
};

/// The words of a need's domain that make it confidential by default: health and protection
/// (safety, violence, abuse), in English and Indonesian. UU No. 27/2022 (art. 4) counts health
/// and children's data among its specific personal data; protection concerns are what a
/// protector acts on.
pub const SENSITIVE_DOMAIN_WORDS: &[&str] = &[
    "health",
    "medical",
    "kesehatan",
    "medis",
    "safety",
    "protection",
    "violence",
    "abuse",
    "keselamatan",
    "keamanan",
    "perlindungan",
    "kekerasan",
];

/// The one rule for a record recorded without a level: **confidential** when it is a
/// protection concern (work in the protector role, a protection activity) or its domain
/// names health or protection (a word of [`SENSITIVE_DOMAIN_WORDS`], any case, as a whole
/// word: `"mental health"`, `"Kesehatan anak"`, `"child-protection"`); **team** otherwise.
/// Nothing is restricted by default: restricting is a worker's choice.
///
/// ```
/// use pendamping::{Confidentiality, Role, engagement::default_confidentiality};
///
/// assert_eq!(default_confidentiality(Some("Mental health"), None), Confidentiality::Confidential);
/// assert_eq!(default_confidentiality(None, Some(Role::Protector)), Confidentiality::Confidential);
/// assert_eq!(default_confidentiality(Some("schooling"), Some(Role::Broker)), Confidentiality::Team);
/// ```
#[must_use]
pub fn default_confidentiality(domain: Option<&str>, role: Option<Role>) -> Confidentiality {
    let sensitive = domain.is_some_and(|d| {
        d.split(|c: char| !c.is_alphanumeric())
            .any(|word| SENSITIVE_DOMAIN_WORDS.contains(&word.to_lowercase().as_str()))
    });
    if sensitive || role == Some(Role::Protector) {
        Confidentiality::Confidential
    } else {
        Confidentiality::Team
    }
}

impl Need {
    /// Its level: the one chosen, or the default for its domain.
    #[must_use]
    pub fn level(&self) -> Confidentiality {
        self.confidentiality
            .unwrap_or_else(|| default_confidentiality(Some(&self.domain), None))
    }
}

impl Resource {
    /// Its level: the one chosen, or team.
    #[must_use]
    pub fn level(&self) -> Confidentiality {
        self.confidentiality.unwrap_or_default()
    }
}

impl Activity {
    /// Its level: the one chosen, or the default for its role (a protection activity counts
    /// as the protector's, whatever role it names).
    #[must_use]
    pub fn level(&self) -> Confidentiality {
        let role = match self.detail {
            ActivityDetail::Protection { .. } => Role::Protector,
            _ => self.role,
        };
        self.confidentiality
            .unwrap_or_else(|| default_confidentiality(None, Some(role)))
    }
}

impl Evaluation {
    /// Its level: the one chosen, or team.
    #[must_use]
    pub fn level(&self) -> Confidentiality {
        self.confidentiality.unwrap_or_default()
    }
}

impl FollowUp {
    /// Its level: the one chosen, or team.
    #[must_use]
    pub fn level(&self) -> Confidentiality {
        self.confidentiality.unwrap_or_default()
    }
}

impl Default for Confidentiality {
    /// Team: what a record is unless the rule or a worker says otherwise.
    fn default() -> Self {
        Self::Team
    }
}

impl Engagement {
    /// A referral's level: the one chosen when it was made, or the default for the role its
    /// linkage activity took (a referral made as a protector is confidential).
    #[must_use]
    pub fn referral_level(&self, referral: &Referral) -> Confidentiality {
        referral.confidentiality.unwrap_or_else(|| {
            self.linkage(referral.id)
                .map_or(Confidentiality::Team, Activity::level)
        })
    }

    /// A goal's level: the highest of the needs it addresses (a goal says what its needs say).
    #[must_use]
    pub fn goal_level(&self, goal: &Goal) -> Confidentiality {
        goal.addresses
            .iter()
            .filter_map(|&n| self.need(n))
            .map(Need::level)
            .max()
            .unwrap_or_default()
    }

    /// An intervention's level: the highest of the goals it serves and the resources it uses,
    /// and confidential at least in the protector role.
    #[must_use]
    pub fn intervention_level(&self, intervention: &Intervention) -> Confidentiality {
        let goals = intervention
            .serves
            .iter()
            .filter_map(|&g| self.goal(g))
            .map(|g| self.goal_level(g));
        let resources = intervention
            .uses
            .iter()
            .filter_map(|&r| self.resource(r))
            .map(Resource::level);
        goals
            .chain(resources)
            .chain([default_confidentiality(None, Some(intervention.role))])
            .max()
            .unwrap_or_default()
    }

    /// Every referral's level, by index, in one pass over the activities.
    pub(crate) fn referral_levels(&self) -> Vec<Confidentiality> {
        let mut linkage = vec![None; self.referrals.len()];
        for a in &self.activities {
            if let ActivityDetail::Linkage { referral } = a.detail
                && let Some(slot) = referral.index().and_then(|i| linkage.get_mut(i))
            {
                slot.get_or_insert(a.level());
            }
        }
        self.referrals
            .iter()
            .zip(linkage)
            .map(|(r, linked)| {
                r.confidentiality
                    .or(linked)
                    .unwrap_or(Confidentiality::Team)
            })
            .collect()
    }

    /// The linkage activity that made a referral.
    fn linkage(&self, referral: ReferralId) -> Option<&Activity> {
        self.activities
            .iter()
            .find(|a| matches!(a.detail, ActivityDetail::Linkage { referral: r } if r == referral))
    }
}

impl Command {
    /// The level chosen for the record this command makes; `None` when none was chosen or the
    /// command makes no record with a level.
    #[must_use]
    pub fn confidentiality(&self) -> Option<Confidentiality> {
        match self {
            Self::RecordNeed {
                confidentiality, ..
            }
            | Self::RecordResource {
                confidentiality, ..
            }
            | Self::RecordSurroundingResource {
                confidentiality, ..
            }
            | Self::RecordActivity {
                confidentiality, ..
            }
            | Self::Refer {
                confidentiality, ..
            }
            | Self::RecordEvaluation {
                confidentiality, ..
            }
            | Self::RecordFollowUp {
                confidentiality, ..
            } => *confidentiality,
            _ => None,
        }
    }
}

/// The event with the chosen level set on the record it makes (a referral and its linkage
/// activity get the same).
pub(crate) fn chosen(mut event: Event, level: Option<Confidentiality>) -> Event {
    match &mut event {
        Event::NeedRecorded { need } => need.confidentiality = level,
        Event::ResourceRecorded { resource } => resource.confidentiality = level,
        Event::ActivityRecorded { activity } => activity.confidentiality = level,
        Event::ReferralMade { referral, activity } => {
            referral.confidentiality = level;
            activity.confidentiality = level;
        }
        Event::EvaluationRecorded { evaluation } => evaluation.confidentiality = level,
        Event::FollowUpRecorded {
            confidentiality, ..
        } => *confidentiality = level,
        _ => {}
    }
    event
}
