//! Case notes: a contact written down, with the records it concerns.

use super::Decider;
use crate::engagement::text::text;
use crate::engagement::{ContactKind, Event, Note, NoteId, Problem, RecordRef};

impl Decider<'_> {
    pub(super) fn record_note(
        &mut self,
        kind: ContactKind,
        participants: &[String],
        words: &str,
        concerns: &[RecordRef],
    ) -> Event {
        let participants = self.names("participants", participants);
        let text = text("text", words, self.problems);
        let concerns = if self.bounded("concerns", concerns.len()) {
            let mut seen = std::collections::BTreeSet::new();
            for &record in concerns {
                if !self.e.holds(record) {
                    self.problems.push(Problem::Unknown(record));
                } else if !seen.insert(record) {
                    self.problems.push(Problem::Repeated(record));
                }
            }
            concerns.to_vec()
        } else {
            Vec::new()
        };
        Event::NoteRecorded {
            note: Note {
                id: NoteId::at_index(self.e.notes.len()),
                kind,
                participants,
                text,
                concerns,
                at: self.at,
                by: self.by.id.clone(),
            },
        }
    }
}
