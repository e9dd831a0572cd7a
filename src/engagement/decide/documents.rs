//! Document references attached to the engagement or to a record.

use super::Decider;
use crate::engagement::document::{media_type, sha256};
use crate::engagement::text::name;
use crate::engagement::{DocumentRef, Event, Problem, RecordRef};

impl Decider<'_> {
    pub(super) fn attach_document(
        &mut self,
        record: Option<RecordRef>,
        document: &DocumentRef,
    ) -> Event {
        if let Some(record) = record
            && !self.e.holds(record)
        {
            self.problems.push(Problem::Unknown(record));
        }
        if self
            .e
            .documents
            .iter()
            .any(|a| a.document.id == document.id)
        {
            self.problems.push(Problem::DuplicateDocument {
                id: document.id.clone(),
            });
        }
        Event::DocumentAttached {
            record,
            document: DocumentRef {
                id: document.id.clone(),
                media_type: media_type(&document.media_type, self.problems),
                sha256: sha256(&document.sha256, self.problems),
                title: name("title", &document.title, self.problems),
                confidentiality: document.confidentiality,
            },
        }
    }
}
