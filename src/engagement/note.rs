//! Case notes: the everyday contacts (a home visit, a call, a meeting) a worker writes down
//! without choosing a function, a role or an activity kind.

use crate::engagement::{ActorId, NoteId, RecordRef};
use crate::vocab::vocabulary;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

vocabulary! {
    /// How a contact was made.
    ///
    /// Exhaustive: these are the contacts case records in the field tell apart; anything else
    /// is `other`, with the note saying what.
    pub enum ContactKind ("contact kind") {
        /// The worker visited the household.
        HomeVisit = "home_visit", en "Home visit", id "Kunjungan rumah";
        /// The client system came to the office.
        OfficeVisit = "office_visit", en "Office visit", id "Kunjungan kantor";
        /// A telephone call.
        Phone = "phone", en "Phone call", id "Telepon";
        /// A written message (text, chat, letter).
        Message = "message", en "Message", id "Pesan";
        /// A meeting with others (a case conference, the village office).
        Meeting = "meeting", en "Meeting", id "Pertemuan";
        /// Another kind of contact.
        Other = "other", en "Other", id "Lainnya";
    }
}

/// A case note: one contact, who took part, what was said or seen, and the records it
/// concerns.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Note {
    /// Its id.
    pub id: NoteId,
    /// How the contact was made.
    pub kind: ContactKind,
    /// Who took part besides the worker (names, as short texts; at least one).
    pub participants: Vec<String>,
    /// What was said, seen or agreed.
    pub text: String,
    /// The records it concerns (a need, a referral, ...), none repeated.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub concerns: Vec<RecordRef>,
    /// When the contact took place.
    pub at: DateTime<Utc>,
    /// Who wrote it.
    pub by: ActorId,
}
