//! The one door for changes: opening an engagement, executing a command, taking the recorded
//! events, and rebuilding an engagement from them.

use crate::engagement::{
    Actor, Command, Engagement, FIRST_PLAN, Opening, Problem, Recorded, decide,
};
use crate::lifecycle::Lifecycle;
use crate::{Rejection, ReplayError, ReplayErrorKind};
use chrono::{DateTime, Utc};

impl Engagement {
    /// Opens an engagement: its first event.
    ///
    /// # Errors
    ///
    /// [`Rejection::NotPermitted`] unless `by` is a social worker or supervisor on the opening
    /// team; [`Rejection::Refused`] when the client's name or a member's name is not valid text,
    /// a member is listed twice, or the team has no social worker.
    pub fn open(by: &Actor, at: DateTime<Utc>, opening: Opening) -> Result<Self, Rejection> {
        let event = decide::decide_opening(by, &opening)?;
        let recorded = Recorded {
            seq: 1,
            at,
            by: by.clone(),
            event,
        };
        let mut engagement = Self::from_opening(&recorded).ok_or(Rejection::Refused {
            command: "open",
            problems: vec![Problem::Inconsistent {
                detail: "the opening did not record an opening".into(),
            }],
        })?;
        engagement.pending.push(recorded);
        Ok(engagement)
    }

    /// Carries out a command: decides it against the current state and, if accepted, records
    /// and applies its one event.
    ///
    /// Returns the events this command recorded (one command records one event, so the slice
    /// has one element); they also wait in [`Engagement::pending`] until the app takes them for
    /// its store.
    ///
    /// # Errors
    ///
    /// A [`Rejection`] naming why the actor may not give the command, or every requirement it
    /// does not meet. The engagement is then unchanged.
    pub fn execute(
        &mut self,
        by: &Actor,
        at: DateTime<Utc>,
        command: Command,
    ) -> Result<&[Recorded], Rejection> {
        let event = decide(self, by, at, &command)?;
        let recorded = Recorded {
            seq: self.seq.saturating_add(1),
            at,
            by: by.clone(),
            event,
        };
        // `decide` accepted the event against this very state, so it fits and is not checked
        // again; a failure here would be a bug, reported instead of half-applying anything.
        self.record(&recorded)
            .map_err(|problem| Rejection::Refused {
                command: command.name(),
                problems: vec![problem],
            })?;
        let start = self.pending.len();
        self.pending.push(recorded);
        Ok(self.pending.get(start..).unwrap_or_default())
    }

    /// The recorded events the app has not taken yet, oldest first.
    #[must_use]
    pub fn pending(&self) -> &[Recorded] {
        &self.pending
    }

    /// Takes the recorded events out for the app's store, oldest first.
    pub fn take_pending(&mut self) -> Vec<Recorded> {
        std::mem::take(&mut self.pending)
    }

    /// Rebuilds an engagement from its recorded events, checking each by the rules that
    /// decide a command, at the moment it was recorded.
    ///
    /// A stream is accepted exactly when executing its commands one by one, by the same
    /// actors at the same times, would have recorded it: every event is the one its command
    /// records (see [`decide`]), so a stored record that was damaged, forged, reordered,
    /// re-dated or attributed to someone else is refused, never rebuilt into something other
    /// than what was stored.
    ///
    /// # Errors
    ///
    /// A [`ReplayError`] located at the first event that does not fit: an empty stream, a
    /// stream that does not start with an opening, a second opening, a sequence gap, an actor
    /// who could not have given the command then ([`ReplayErrorKind::NotPermitted`]), every
    /// problem the rules find with it ([`ReplayErrorKind::Refused`]: time going back, the wrong
    /// status or stage, an unknown record, a missing requirement, a bad text, a list past its
    /// bound, ...), a record id out of order, a recorded move that does not match the
    /// lifecycle, or a member its command would have recorded otherwise
    /// ([`ReplayErrorKind::NotAsRecorded`]).
    pub fn replay(events: impl IntoIterator<Item = Recorded>) -> Result<Self, ReplayError> {
        let mut events = events.into_iter();
        let first = events.next().ok_or(ReplayError {
            seq: 1,
            kind: ReplayErrorKind::Empty,
        })?;
        decide::replay::check_opening(&first).map_err(|kind| ReplayError {
            seq: first.seq,
            kind,
        })?;
        let mut engagement = Self::from_opening(&first).ok_or(ReplayError {
            seq: first.seq,
            kind: ReplayErrorKind::NotOpened,
        })?;
        for recorded in events {
            engagement.apply_owned(recorded)?;
        }
        engagement.shrink_to_fit();
        Ok(engagement)
    }

    /// The engagement an opening the rules accepted starts; `None` for another event.
    fn from_opening(recorded: &Recorded) -> Option<Self> {
        let Opening {
            id,
            client,
            team,
            policy,
        } = decide::replay::opening(&recorded.event)?;
        Some(Self {
            id,
            client,
            team,
            policy,
            lifecycle: Lifecycle::new(recorded.at),
            opened_at: recorded.at,
            last_at: recorded.at,
            seq: 1,
            needs: Vec::new(),
            resources: Vec::new(),
            goals: Vec::new(),
            interventions: Vec::new(),
            plans: vec![FIRST_PLAN.clone()],
            activities: Vec::new(),
            referrals: Vec::new(),
            evaluations: Vec::new(),
            hold: None,
            termination: None,
            follow_ups: Vec::new(),
            consents: Vec::new(),
            stage_marks: (0, 0),
            pending: Vec::new(),
        })
    }
}
