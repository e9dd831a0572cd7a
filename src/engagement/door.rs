//! The one door for changes: opening an engagement, executing a command, taking the recorded
//! events, and rebuilding an engagement from them.

use crate::engagement::plan::FIRST_PLAN;
use crate::engagement::{Actor, Command, Engagement, Opening, Problem, Recorded, decide};
use crate::lifecycle::Lifecycle;
use crate::{Rejection, ReplayError, ReplayErrorKind};
use chrono::{DateTime, TimeDelta, Utc};

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
        if crate::engagement::personal::event_texts(&event, &by.id)
            .iter()
            .any(|(text, _)| crate::engagement::is_erased(text))
        {
            return Err(Rejection::Refused {
                command: "open",
                problems: vec![Problem::ErasedMarker],
            });
        }
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

    /// Carries out a command as [`Engagement::execute`] does, after checking its time against
    /// the app's clock: a command dated more than the policy's
    /// [`clock_skew_minutes`](crate::Policy::clock_skew_minutes) after `now` is refused with
    /// [`Problem::FutureTime`], so a wrong date (9999-01-01 typed into a form, a phone's clock
    /// set years ahead) never enters the record, where it would refuse every rightly dated
    /// command after it.
    ///
    /// `now` is the app's own clock at the moment of the call: the crate never reads the
    /// clock, and `now` is not recorded, so a replay (which knows only the recorded times) does
    /// not check it again. Apps that take times from people should call this rather than
    /// `execute`.
    ///
    /// ```
    /// # use chrono::{TimeZone, Utc};
    /// # use pendamping::*;
    /// # let siti = Actor::new("w:siti", ActorKind::SocialWorker)?;
    /// # let day = |d| Utc.with_ymd_and_hms(2026, 3, d, 9, 0, 0).unwrap();
    /// # let mut case = Engagement::open(&siti, day(2), Opening {
    /// #     id: EngagementId::new("pkh-0142")?,
    /// #     client: ClientSystem { level: ClientSystemLevel::Family, name: "Keluarga Sari".into() },
    /// #     team: vec![TeamMember { id: siti.id.clone(), kind: ActorKind::SocialWorker, name: "Siti".into() }],
    /// #     policy: Policy::default(),
    /// # })?;
    /// let far = Utc.with_ymd_and_hms(9999, 1, 1, 0, 0, 0).unwrap();
    /// let note = || Command::RecordNote {
    ///     kind: ContactKind::HomeVisit,
    ///     participants: vec!["Ibu Sari".into()],
    ///     text: "The roof leaks over the children's bed".into(),
    ///     concerns: vec![],
    /// };
    /// let refused = case.execute_now(&siti, far, day(3), note()).unwrap_err();
    /// assert_eq!(
    ///     refused.to_string(),
    ///     "cannot record_note: time 9999-01-01 00:00:00 UTC is more than 5 minutes after \
    ///      the app's clock at 2026-03-03 09:00:00 UTC"
    /// );
    /// case.execute_now(&siti, day(3), day(3), note())?;
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    ///
    /// As [`Engagement::execute`], with [`Problem::FutureTime`] first among the problems when
    /// `at` is too far after `now`.
    pub fn execute_now(
        &mut self,
        by: &Actor,
        at: DateTime<Utc>,
        now: DateTime<Utc>,
        command: Command,
    ) -> Result<&[Recorded], Rejection> {
        let allowance = self.policy.clock_skew_minutes;
        let latest = now.checked_add_signed(TimeDelta::minutes(i64::from(allowance)));
        if latest.is_some_and(|latest| at > latest) {
            let future = Problem::FutureTime { at, now, allowance };
            return Err(match decide(self, by, at, &command) {
                Err(Rejection::Refused { command, problems }) => Rejection::Refused {
                    command,
                    problems: std::iter::once(future).chain(problems).collect(),
                },
                Err(not_permitted) => not_permitted,
                Ok(_) => Rejection::Refused {
                    command: command.name(),
                    problems: vec![future],
                },
            });
        }
        self.execute(by, at, command)
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
            notes: Vec::new(),
            corrections: Vec::new(),
            retracted: std::collections::BTreeSet::new(),
            last_record: None,
            documents: Vec::new(),
            lead: None,
            transfer: None,
            texts: Vec::new(),
            pending: Vec::new(),
        })
        .map(|mut e: Self| {
            e.index_texts(recorded);
            e
        })
    }
}
