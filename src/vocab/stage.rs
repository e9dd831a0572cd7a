//! The stages of the helping process.

use super::vocabulary;

vocabulary! {
    /// The stages through which *pendampingan* runs its problem solving, in the order Suharto
    /// gives them: needs assessment, planning and programme selection, implementation,
    /// evaluation, termination. (Kirst-Ashman & Hull's generalist intervention model has the
    /// same core, with engagement before and follow-up after; in this crate opening an
    /// engagement and follow-up contacts play those parts.)
    ///
    /// `Ord` follows the seed's order. Which moves between stages are allowed (including going
    /// back) is the lifecycle's business, not this enum's.
    ///
    /// Exhaustive on purpose: the state machine is written over exactly these five.
    ///
    /// ```
    /// use pendamping::Stage;
    ///
    /// assert!(Stage::NeedsAssessment < Stage::Termination);
    /// assert_eq!(Stage::Planning.next(), Some(Stage::Implementation));
    /// assert_eq!(Stage::NeedsAssessment.previous(), None);
    /// ```
    pub enum Stage ("stage") {
        /// Needs assessment (*pemahaman kebutuhan*).
        NeedsAssessment = "needs_assessment", en "Needs assessment", id "Pemahaman kebutuhan";
        /// Planning and programme selection (*perencanaan dan penyeleksian program*).
        Planning = "planning",
            en "Planning and programme selection", id "Perencanaan dan penyeleksian program";
        /// Implementation (*penerapan program*).
        Implementation = "implementation", en "Implementation", id "Penerapan program";
        /// Evaluation (*evaluasi*).
        Evaluation = "evaluation", en "Evaluation", id "Evaluasi";
        /// Termination (*pengakhiran*).
        Termination = "termination", en "Termination", id "Pengakhiran";
    }
}

impl Stage {
    /// The stage after this one in the seed's order, or `None` after termination.
    #[must_use]
    pub const fn next(self) -> Option<Self> {
        match self {
            Self::NeedsAssessment => Some(Self::Planning),
            Self::Planning => Some(Self::Implementation),
            Self::Implementation => Some(Self::Evaluation),
            Self::Evaluation => Some(Self::Termination),
            Self::Termination => None,
        }
    }

    /// The stage before this one in the seed's order, or `None` before needs assessment.
    #[must_use]
    pub const fn previous(self) -> Option<Self> {
        match self {
            Self::NeedsAssessment => None,
            Self::Planning => Some(Self::NeedsAssessment),
            Self::Implementation => Some(Self::Planning),
            Self::Evaluation => Some(Self::Implementation),
            Self::Termination => Some(Self::Evaluation),
        }
    }
}
