//! The everyday record's queries: case notes, corrections, and the timeline of dated records.

use crate::engagement::{
    Activity, Correction, Engagement, Evaluation, FollowUp, Note, NoteId, RecordRef,
    ReferralChange, ReferralId,
};
use crate::lifecycle::Change;
use chrono::{DateTime, Utc};

/// One dated entry of an engagement's [timeline](Engagement::timeline).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Dated<'a> {
    /// A case note.
    Note(&'a Note),
    /// An activity (a linkage included).
    Activity(&'a Activity),
    /// A step of a referral's loop.
    Referral(ReferralId, &'a ReferralChange),
    /// An evaluation.
    Evaluation(&'a Evaluation),
    /// A status change: a stage move, a hold, a resume, closing, reopening.
    Status(&'a Change),
    /// A contact after closing.
    FollowUp(&'a FollowUp),
    /// A correction of a record.
    Correction(&'a Correction),
}

impl Dated<'_> {
    /// When it happened (for a note or an activity, as corrected).
    #[must_use]
    pub fn at(&self) -> DateTime<Utc> {
        match self {
            Self::Note(n) => n.at,
            Self::Activity(a) => a.at,
            Self::Referral(_, c) => c.at,
            Self::Evaluation(e) => e.at,
            Self::Status(c) => c.at,
            Self::FollowUp(f) => f.at,
            Self::Correction(c) => c.at,
        }
    }
}

impl Engagement {
    /// Every case note, oldest first (retracted ones included; see [`Engagement::is_retracted`]).
    #[must_use]
    pub fn notes(&self) -> &[Note] {
        &self.notes
    }

    /// A case note by id.
    #[must_use]
    pub fn note(&self, id: NoteId) -> Option<&Note> {
        self.notes.get(id.index()?)
    }

    /// Every correction, oldest first.
    #[must_use]
    pub fn corrections(&self) -> &[Correction] {
        &self.corrections
    }

    /// The corrections of one record, oldest first: each amendment with the member as it was.
    pub fn corrections_of(&self, record: RecordRef) -> impl Iterator<Item = &Correction> {
        self.corrections.iter().filter(move |c| c.record == record)
    }

    /// Whether a record was retracted. A retracted record stays in its list and in the
    /// history, and counts nowhere: not in the stage guards ([`Engagement::open_needs`],
    /// [`Engagement::strengths`], [`Engagement::referrals_in_flight`], the plan's coverage,
    /// the activities and evaluations a move asks for), the caseload figures, the role mix,
    /// the eco-map or the timeline.
    #[must_use]
    pub fn is_retracted(&self, record: RecordRef) -> bool {
        self.retracted.contains(&record)
    }

    /// Whether the engagement holds this record.
    #[must_use]
    pub fn holds(&self, record: RecordRef) -> bool {
        match record {
            RecordRef::Need(id) => self.need(id).is_some(),
            RecordRef::Resource(id) => self.resource(id).is_some(),
            RecordRef::Goal(id) => self.goal(id).is_some(),
            RecordRef::Intervention(id) => self.intervention(id).is_some(),
            RecordRef::Activity(id) => self.activity(id).is_some(),
            RecordRef::Referral(id) => self.referral(id).is_some(),
            RecordRef::Evaluation(id) => self.evaluation(id).is_some(),
            RecordRef::Plan(v) => self.plans.iter().any(|p| p.version == v),
            RecordRef::Note(id) => self.note(id).is_some(),
        }
    }

    /// The activities not retracted, oldest first.
    pub(crate) fn counted_activities(&self) -> impl Iterator<Item = &Activity> {
        self.activities
            .iter()
            .filter(|a| !self.is_retracted(RecordRef::Activity(a.id)))
    }

    /// Every dated record, oldest first: case notes, activities, referral steps, evaluations,
    /// status changes, follow-ups and corrections; retracted notes, activities and evaluations
    /// are left out (their corrections stay). Records of one moment keep this order.
    #[must_use]
    pub fn timeline(&self) -> Vec<Dated<'_>> {
        let counted = |r: RecordRef| !self.is_retracted(r);
        let mut all: Vec<Dated<'_>> = Vec::new();
        all.extend(
            self.history()
                .iter()
                .map(Dated::Status)
                .chain(
                    self.notes
                        .iter()
                        .filter(|n| counted(RecordRef::Note(n.id)))
                        .map(Dated::Note),
                )
                .chain(self.counted_activities().map(Dated::Activity))
                .chain(
                    self.referrals
                        .iter()
                        .flat_map(|r| r.history.iter().map(move |c| Dated::Referral(r.id, c))),
                )
                .chain(
                    self.evaluations
                        .iter()
                        .filter(|e| counted(RecordRef::Evaluation(e.id)))
                        .map(Dated::Evaluation),
                )
                .chain(self.follow_ups.iter().map(Dated::FollowUp))
                .chain(self.corrections.iter().map(Dated::Correction)),
        );
        all.sort_by_key(Dated::at);
        all
    }

    /// How many records of a list are not retracted.
    pub(crate) fn counted<T>(&self, list: &[T], as_ref: impl Fn(&T) -> RecordRef) -> usize {
        list.iter()
            .filter(|r| !self.is_retracted(as_ref(r)))
            .count()
    }
}

impl Engagement {
    /// Every document reference, oldest first.
    #[must_use]
    pub fn documents(&self) -> &[crate::engagement::Attachment] {
        &self.documents
    }

    /// The documents attached to a record (`None`: to the engagement as a whole).
    pub fn documents_of(
        &self,
        record: Option<RecordRef>,
    ) -> impl Iterator<Item = &crate::engagement::Attachment> {
        self.documents.iter().filter(move |a| a.record == record)
    }
}
