//! Issue 12: erasing a person's or a record's personal text.

use super::Decider;
use crate::engagement::text::text;
use crate::engagement::{ErasureTarget, Event, Problem};

impl Decider<'_> {
    /// An erasure names something the engagement has, with text left to erase, and says why.
    pub(super) fn erase(&mut self, target: &ErasureTarget, reason: &str) -> Event {
        let reason = text("reason", reason, self.problems);
        let count = self.e.erasable(target).count();
        if !self.e.knows(target) {
            self.problems.push(match target {
                ErasureTarget::Record(record) => Problem::Unknown(*record),
                ErasureTarget::Person(id) => Problem::UnknownPerson { person: id.clone() },
                // The client system is always known.
                _ => Problem::NothingToErase {
                    target: target.clone(),
                },
            });
        } else if count == 0 {
            self.problems.push(Problem::NothingToErase {
                target: target.clone(),
            });
        }
        Event::Erased {
            target: target.clone(),
            reason,
            texts: u32::try_from(count).unwrap_or(u32::MAX),
        }
    }
}
