//! Erasure of personal text: what an erasure names, the index of every personal text ever
//! recorded (so an erasure reaches texts the state no longer shows, such as a former member's
//! name), and the state change of an erasure.
//!
//! An erasure names a person or a record. A **person**'s texts are the ones the record ties to
//! them: their name on the team (every time it was recorded), their own words (contributions),
//! and the comments and notes the state keeps with their id (approval comments, referral
//! notes, follow-ups). A **record**'s texts are the ones that are part of it: a need's
//! description and the note or reason it was met or deferred with, an activity's texts and the
//! contributions to it, a referral's provider name and the notes of its moves, and so on. The
//! **client system**'s texts are the free text that belongs to neither: its name, the reasons of
//! stage moves and holds, the termination summary.

use crate::engagement::personal::{ERASED, Owner, shared, unique};
use crate::engagement::{ActorId, Engagement, Event, RecordRef, Recorded};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// Whose or which texts an erasure removes.
///
/// The serde form is `{"person":"c:budi"}`, `{"record":{"record":"need","id":2}}` or
/// `"client_system"`.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum ErasureTarget {
    /// A person: their name on the team, their own words, and the comments and notes recorded
    /// with their id.
    Person(ActorId),
    /// A record and the texts that are part of it.
    Record(RecordRef),
    /// The client system's texts that belong to no person or record: its name, the reasons of
    /// stage moves and holds, the termination summary.
    ClientSystem,
}

impl core::fmt::Display for ErasureTarget {
    /// `person c:budi`, `need 2`.
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        match self {
            Self::Person(id) => write!(f, "person {id}"),
            Self::Record(record) => record.fmt(f),
            Self::ClientSystem => f.write_str("the client system"),
        }
    }
}

impl ErasureTarget {
    /// Whether a text with this owner is named by the erasure.
    pub(crate) fn owns(&self, owner: Owner<'_>) -> bool {
        match self {
            Self::Person(id) => owner.person == Some(id),
            Self::Record(record) => owner.record.as_ref() == Some(record),
            Self::ClientSystem => owner.record.is_none() && owner.person.is_none(),
        }
    }
}

/// When and by whom a text was erased: the erasure's event.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Erasure {
    /// The erasure's sequence number.
    pub seq: u64,
    /// When it was recorded.
    pub at: DateTime<Utc>,
    /// Who gave it.
    pub by: ActorId,
}

/// One personal text ever recorded: where it is (the event's seq and its place in the event's
/// list of personal texts), whom or what it belongs to, and whether it was erased.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TextSlot {
    /// The seq of the event that recorded it.
    pub seq: u64,
    /// Its place among that event's personal texts, from 0.
    pub index: u32,
    /// The record it is part of.
    pub record: Option<RecordRef>,
    /// The person it is by or names.
    pub person: Option<ActorId>,
    /// The erasure that removed it.
    pub erased: Option<Erasure>,
}

impl TextSlot {
    fn owner(&self) -> Owner<'_> {
        Owner {
            record: self.record,
            person: self.person.as_ref(),
        }
    }
}

impl Engagement {
    /// Every personal text recorded so far, in the order it was recorded, with what it belongs
    /// to and whether it was erased (and when, and by whom).
    #[must_use]
    pub fn text_slots(&self) -> &[TextSlot] {
        &self.texts
    }

    /// The texts an erasure of `target` would remove now: those it names that are not erased.
    pub(crate) fn erasable(&self, target: &ErasureTarget) -> impl Iterator<Item = &TextSlot> {
        self.texts
            .iter()
            .filter(move |s| s.erased.is_none() && target.owns(s.owner()))
    }

    /// Whether the engagement has ever recorded a text of this person, or has the record.
    pub(crate) fn knows(&self, target: &ErasureTarget) -> bool {
        match target {
            ErasureTarget::Person(id) => self.texts.iter().any(|s| s.person.as_ref() == Some(id)),
            ErasureTarget::Record(record) => self.has_record(record),
            ErasureTarget::ClientSystem => true,
        }
    }

    fn has_record(&self, record: &RecordRef) -> bool {
        let within = |index: Option<usize>, len: usize| index.is_some_and(|i| i < len);
        match *record {
            RecordRef::Need(id) => within(id.index(), self.needs.len()),
            RecordRef::Resource(id) => within(id.index(), self.resources.len()),
            RecordRef::Goal(id) => within(id.index(), self.goals.len()),
            RecordRef::Intervention(id) => within(id.index(), self.interventions.len()),
            RecordRef::Activity(id) => within(id.index(), self.activities.len()),
            RecordRef::Referral(id) => within(id.index(), self.referrals.len()),
            RecordRef::Evaluation(id) => within(id.index(), self.evaluations.len()),
            RecordRef::Plan(version) => self.plans.iter().any(|p| p.version == version),
            RecordRef::Note(id) => within(id.index(), self.notes.len()),
        }
    }

    /// Notes the personal texts of an applied event in the index, and carries out an erasure:
    /// its texts are marked erased in the index and read [`ERASED`] in the state.
    pub(super) fn index_texts(&mut self, recorded: &Recorded) {
        self.index_slots(recorded, slots_of(recorded));
    }

    /// As [`index_texts`](Self::index_texts), with the event's slots taken before the event
    /// moved into the state ([`slots_of`]).
    pub(super) fn index_slots(&mut self, recorded: &Recorded, slots: Vec<TextSlot>) {
        if let Event::Erased { target, .. } = &recorded.event {
            let erasure = Erasure {
                seq: recorded.seq,
                at: recorded.at,
                by: recorded.by.id.clone(),
            };
            for slot in &mut self.texts {
                if slot.erased.is_none() && target.owns(slot.owner()) {
                    slot.erased = Some(erasure.clone());
                }
            }
            for (text, owner) in unique::state_texts(self) {
                if target.owns(owner) {
                    ERASED.clone_into(text);
                }
            }
        }
        self.texts.extend(slots);
    }
}

/// The index entries of an event's personal texts, none erased yet.
pub(super) fn slots_of(recorded: &Recorded) -> Vec<TextSlot> {
    let texts = shared::event_texts(&recorded.event, &recorded.by.id);
    (0_u32..)
        .zip(texts)
        .map(|(index, (_, owner))| TextSlot {
            seq: recorded.seq,
            index,
            record: owner.record,
            person: owner.person.cloned(),
            erased: None,
        })
        .collect()
}
