//! Corrections: a record amended or retracted, with the reason, the original kept.
//!
//! A correction never rewrites an event: it is an event of its own. The record shows its
//! current form ([`Engagement::need`](crate::Engagement::need) and its neighbours), and
//! [`Engagement::corrections_of`](crate::Engagement::corrections_of) lists what it was before
//! each amendment. A retracted record stays in its list (ids are positions) but stops counting:
//! the stage guards, the caseload figures and the eco-map pass it by.

use crate::Barrier;
use crate::engagement::{ActorId, Priority, RecordRef};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// One member of a record, with its new value: what an amendment changes.
///
/// Each applies to the records that have that member: `domain` and `priority` to needs;
/// `description` to needs, resources, goals and interventions; `barriers` (the whole list, so
/// a barrier found later is added by amending) to resources; `note` to activities; `notes` to
/// evaluations; `text` and `participants` to case notes; `at` (a wrong date) to activities and
/// case notes.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[serde(tag = "member", rename_all = "snake_case")]
#[non_exhaustive]
pub enum Amendment {
    /// A need's area of life.
    Domain {
        /// The new value.
        domain: String,
    },
    /// The description of a need, a resource, a goal or an intervention.
    Description {
        /// The new value.
        description: String,
    },
    /// A need's priority.
    Priority {
        /// The new value.
        priority: Priority,
    },
    /// What keeps the client from a resource.
    Barriers {
        /// The new list.
        barriers: Vec<Barrier>,
    },
    /// An activity's note.
    Note {
        /// The new value (`None` removes it).
        note: Option<String>,
    },
    /// An evaluation's notes.
    Notes {
        /// The new value (`None` removes them).
        notes: Option<String>,
    },
    /// A case note's text.
    Text {
        /// The new value.
        text: String,
    },
    /// Who took part in a case note's contact.
    Participants {
        /// The new list.
        participants: Vec<String>,
    },
    /// When an activity or a case note took place, recorded with a wrong date.
    At {
        /// The right time.
        at: DateTime<Utc>,
    },
}

impl Amendment {
    /// The member it changes, as the JSON names it (`"priority"`, `"at"`).
    #[must_use]
    pub const fn member(&self) -> &'static str {
        match self {
            Self::Domain { .. } => "domain",
            Self::Description { .. } => "description",
            Self::Priority { .. } => "priority",
            Self::Barriers { .. } => "barriers",
            Self::Note { .. } => "note",
            Self::Notes { .. } => "notes",
            Self::Text { .. } => "text",
            Self::Participants { .. } => "participants",
            Self::At { .. } => "at",
        }
    }
}

/// What a correction did.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[serde(tag = "correction", rename_all = "snake_case")]
#[non_exhaustive]
pub enum CorrectionKind {
    /// A member was amended.
    Amended {
        /// The member as it was.
        from: Amendment,
        /// The member as it is now.
        to: Amendment,
    },
    /// The record was retracted: it was recorded in error.
    #[serde(deserialize_with = "crate::engagement::strict::no_members")]
    Retracted,
}

/// One correction of one record, as the engagement keeps it.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Correction {
    /// The record corrected.
    pub record: RecordRef,
    /// What changed.
    pub kind: CorrectionKind,
    /// Why.
    pub reason: String,
    /// When the correction was made.
    pub at: DateTime<Utc>,
    /// Who made it.
    pub by: ActorId,
}

impl crate::engagement::Engagement {
    /// Sets the member an accepted amendment names; the rulebook checked the record has it.
    pub(super) fn set_member(&mut self, record: RecordRef, to: &Amendment) {
        use Amendment as A;
        use RecordRef as R;
        let index = |n: u32| usize::try_from(n).ok()?.checked_sub(1);
        match (record, to) {
            (R::Need(id), _) => {
                if let Some(n) = index(id.0).and_then(|i| self.needs.get_mut(i)) {
                    match to {
                        A::Domain { domain } => n.domain.clone_from(domain),
                        A::Priority { priority } => n.priority = *priority,
                        A::Description { description } => n.description.clone_from(description),
                        _ => {}
                    }
                }
            }
            (R::Resource(id), _) => {
                if let Some(r) = index(id.0).and_then(|i| self.resources.get_mut(i)) {
                    match to {
                        A::Description { description } => r.description.clone_from(description),
                        A::Barriers { barriers } => r.barriers.clone_from(barriers),
                        _ => {}
                    }
                }
            }
            (R::Goal(id), A::Description { description }) => {
                if let Some(g) = index(id.0).and_then(|i| self.goals.get_mut(i)) {
                    g.description.clone_from(description);
                }
            }
            (R::Intervention(id), A::Description { description }) => {
                if let Some(g) = index(id.0).and_then(|i| self.interventions.get_mut(i)) {
                    g.description.clone_from(description);
                }
            }
            (R::Activity(id), _) => {
                if let Some(a) = index(id.0).and_then(|i| self.activities.get_mut(i)) {
                    match to {
                        A::Note { note } => a.note.clone_from(note),
                        A::At { at } => a.at = *at,
                        _ => {}
                    }
                }
            }
            (R::Evaluation(id), A::Notes { notes }) => {
                if let Some(v) = index(id.0).and_then(|i| self.evaluations.get_mut(i)) {
                    v.notes.clone_from(notes);
                }
            }
            (R::Note(id), _) => {
                if let Some(n) = index(id.0).and_then(|i| self.notes.get_mut(i)) {
                    match to {
                        A::Text { text } => n.text.clone_from(text),
                        A::Participants { participants } => {
                            n.participants.clone_from(participants);
                        }
                        A::At { at } => n.at = *at,
                        _ => {}
                    }
                }
            }
            _ => {}
        }
    }
}
