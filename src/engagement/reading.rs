//! Who may read what: for each actor kind and confidentiality level, which records of that
//! level the kind reads. The [`Policy`] holds the matrix; [`Engagement::view_for`] applies it.
//!
//! [`Engagement::view_for`]: crate::Engagement::view_for

use crate::ActorKind;
use crate::engagement::{Confidentiality, Policy};
use crate::vocab::vocabulary;

vocabulary! {
    /// Which records of one confidentiality level an actor kind reads.
    ///
    /// Exhaustive: none, those that concern the reader, or all.
    pub enum ReadAccess ("read access") {
        /// None of them: they are counted in a view, never shown.
        Nothing = "nothing", en "Nothing", id "Tidak ada";
        /// Those that concern the reader: a referral addressed to them (and the resource it
        /// links), one they consented to or answered, an activity they contributed to or
        /// that made such a referral, an intervention they carry out, a follow-up they made.
        Concerning = "concerning", en "What concerns them", id "Yang menyangkut dirinya";
        /// All of them.
        All = "all", en "All", id "Semua";
    }
}

impl ReadAccess {
    /// The default reading matrix (the table in `ARCHITECTURE.md`):
    ///
    /// | actor kind | team | confidential | restricted |
    /// |---|---|---|---|
    /// | social worker, supervisor | all | all | all |
    /// | client-system member | all | concerning | nothing |
    /// | agency | concerning | concerning | nothing |
    /// | donor, community representative | all | nothing | nothing |
    ///
    /// The practice reads its whole record. A client-system member reads the everyday record
    /// and the confidential records naming them: in a family or a group, one member's health
    /// or a protection concern is not every member's to read (the whole record of a person
    /// is theirs through a subject-access request, which the practice answers). An agency
    /// reads what was sent to it, which the client consented to. Donors and community
    /// representatives follow the work, not the family's confidences. Restricted records are
    /// the practice's alone.
    #[must_use]
    pub const fn default_for(kind: ActorKind, level: Confidentiality) -> Self {
        use Confidentiality as L;
        match (kind, level) {
            (ActorKind::SocialWorker | ActorKind::Supervisor, _) => Self::All,
            (_, L::Restricted) => Self::Nothing,
            (ActorKind::ClientMember, L::Team) => Self::All,
            (ActorKind::ClientMember | ActorKind::Agency, _) => Self::Concerning,
            (ActorKind::Donor | ActorKind::CommunityRepresentative, L::Team) => Self::All,
            _ => Self::Nothing,
        }
    }
}

impl Policy {
    /// Which records of a level actors of this kind read: the last of the policy's
    /// [`reading`](Policy::reading) entries for the pair, or [`ReadAccess::default_for`].
    ///
    /// ```
    /// use pendamping::{ActorKind, Confidentiality, Policy, ReadAccess};
    ///
    /// let mut policy = Policy::default();
    /// assert_eq!(policy.reads(ActorKind::Donor, Confidentiality::Team), ReadAccess::All);
    /// // A programme whose donor sees no record at all, only counts:
    /// policy.reading.push((ActorKind::Donor, Confidentiality::Team, ReadAccess::Nothing));
    /// assert_eq!(policy.reads(ActorKind::Donor, Confidentiality::Team), ReadAccess::Nothing);
    /// ```
    #[must_use]
    pub fn reads(&self, kind: ActorKind, level: Confidentiality) -> ReadAccess {
        self.reading
            .iter()
            .rev()
            .find(|(k, l, _)| *k == kind && *l == level)
            .map_or_else(|| ReadAccess::default_for(kind, level), |(_, _, a)| *a)
    }
}
