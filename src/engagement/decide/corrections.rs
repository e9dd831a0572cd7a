//! Corrections: amending one member of a record, retracting a record, and the clock an `at`
//! correction of the latest record may set back.

use super::Decider;
use super::lists::dedup;
use crate::engagement::text::{name, optional_text, text};
use crate::engagement::{Amendment, Command, Engagement, Event, Problem, RecordRef};
use chrono::{DateTime, Utc};

/// The time a command may not be dated before: the last record's, except for an `at`
/// correction of the dated record the last event made, which may go back to the event before
/// it (so a note dated 9999-01-01 by a wrong clock can be corrected, and the engagement goes
/// on at the right time).
pub(super) fn clock_floor(e: &Engagement, command: &Command) -> DateTime<Utc> {
    if let Command::Amend {
        record,
        change: Amendment::At { .. },
        ..
    } = command
        && let Some((last, before)) = e.last_record
        && last == *record
    {
        return before;
    }
    e.last_at
}

/// Whether a stored amendment's text was erased since: its words are gone, so it is not
/// "unchanged" when the record's erased text reads the same (a command may not give the
/// marker, so only replay meets this).
fn erased(a: &Amendment) -> bool {
    use crate::engagement::is_erased;
    match a {
        Amendment::Description { description: t } | Amendment::Text { text: t } => is_erased(t),
        Amendment::Note { note: t } | Amendment::Notes { notes: t } => {
            t.as_deref().is_some_and(is_erased)
        }
        Amendment::Participants { participants } => participants.iter().any(|p| is_erased(p)),
        Amendment::Domain { .. }
        | Amendment::Priority { .. }
        | Amendment::Barriers { .. }
        | Amendment::At { .. } => false,
    }
}

impl Decider<'_> {
    pub(super) fn amend(&mut self, record: RecordRef, change: &Amendment, reason: &str) -> Event {
        let reason = text("reason", reason, self.problems);
        let to = self.amendment(change);
        let from = self.current(record, change.member());
        if from.as_ref() == Some(&to) && !erased(&to) {
            self.problems.push(Problem::Unchanged {
                record,
                member: change.member(),
            });
        }
        Event::Amended {
            record,
            from: from.unwrap_or_else(|| to.clone()),
            to,
            reason,
        }
    }

    pub(super) fn retract(&mut self, record: RecordRef, reason: &str) -> Event {
        let reason = text("reason", reason, self.problems);
        self.correctable(record);
        Event::Retracted { record, reason }
    }

    /// Notes why a record cannot be corrected: unknown, a plan version, or retracted.
    fn correctable(&mut self, record: RecordRef) -> bool {
        let problem = if !self.e.holds(record) {
            Problem::Unknown(record)
        } else if matches!(record, RecordRef::Plan(_)) {
            Problem::NotCorrectable { record }
        } else if self.e.is_retracted(record) {
            Problem::AlreadyRetracted { record }
        } else {
            return true;
        };
        self.problems.push(problem);
        false
    }

    /// The member of the record as it is now, in the amendment's form; `None` (noted) when
    /// the record cannot be corrected or has no such member.
    fn current(&mut self, record: RecordRef, member: &'static str) -> Option<Amendment> {
        use Amendment as A;
        use RecordRef as R;
        if !self.correctable(record) {
            return None;
        }
        let e = self.e;
        let found = match (record, member) {
            (R::Need(id), "domain") => e.need(id).map(|n| A::Domain {
                domain: n.domain.clone(),
            }),
            (R::Need(id), "priority") => e.need(id).map(|n| A::Priority {
                priority: n.priority,
            }),
            (R::Need(id), "description") => e.need(id).map(|n| A::Description {
                description: n.description.clone(),
            }),
            (R::Resource(id), "description") => e.resource(id).map(|r| A::Description {
                description: r.description.clone(),
            }),
            (R::Resource(id), "barriers") => e.resource(id).map(|r| A::Barriers {
                barriers: r.barriers.clone(),
            }),
            (R::Goal(id), "description") => e.goal(id).map(|g| A::Description {
                description: g.description.clone(),
            }),
            (R::Intervention(id), "description") => e.intervention(id).map(|i| A::Description {
                description: i.description.clone(),
            }),
            (R::Activity(id), "note") => e.activity(id).map(|a| A::Note {
                note: a.note.clone(),
            }),
            (R::Activity(id), "at") => e.activity(id).map(|a| A::At { at: a.at }),
            (R::Evaluation(id), "notes") => e.evaluation(id).map(|v| A::Notes {
                notes: v.notes.clone(),
            }),
            (R::Note(id), "text") => e.note(id).map(|n| A::Text {
                text: n.text.clone(),
            }),
            (R::Note(id), "participants") => e.note(id).map(|n| A::Participants {
                participants: n.participants.clone(),
            }),
            (R::Note(id), "at") => e.note(id).map(|n| A::At { at: n.at }),
            _ => None,
        };
        if found.is_none() {
            self.problems.push(Problem::NotAmendable { record, member });
        }
        found
    }

    /// The amendment with its value checked as the record's own command checks it.
    fn amendment(&mut self, change: &Amendment) -> Amendment {
        use Amendment as A;
        let p = &mut *self.problems;
        match change {
            A::Domain { domain } => A::Domain {
                domain: name("domain", domain, p),
            },
            A::Description { description } => A::Description {
                description: text("description", description, p),
            },
            A::Priority { priority } => A::Priority {
                priority: *priority,
            },
            A::Barriers { barriers } => A::Barriers {
                barriers: if self.bounded("barriers", barriers.len()) {
                    dedup(barriers)
                } else {
                    Vec::new()
                },
            },
            A::Note { note } => A::Note {
                note: optional_text("note", note.as_deref(), p),
            },
            A::Notes { notes } => A::Notes {
                notes: optional_text("notes", notes.as_deref(), p),
            },
            A::Text { text: words } => A::Text {
                text: text("text", words, p),
            },
            A::Participants { participants } => A::Participants {
                participants: self.names("participants", participants),
            },
            A::At { at } => {
                if *at < self.e.opened_at || *at > self.at {
                    p.push(Problem::AtOutOfRange {
                        at: *at,
                        opened: self.e.opened_at,
                        corrected: self.at,
                    });
                }
                A::At { at: *at }
            }
        }
    }
}
