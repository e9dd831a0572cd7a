//! The three functions of generalist practice.

use super::vocabulary;
use crate::Role;

vocabulary! {
    /// What a worker's activity is for: the three professional functions of the generalist
    /// paradigm (Johnson 1989; DuBois & Miley 1992), as Suharto applies them to *pendampingan
    /// sosial* in community development.
    ///
    /// - **Problem-solving consultation**: worker and client system (and other professions or
    ///   other client systems) work out the options and the steps needed; the worker brings
    ///   formal knowledge and skills, the client brings lived experience. More than giving advice.
    /// - **Resource management**: linking the client with resources so that their confidence and
    ///   problem-solving capacity grow; coordinating, systematising and integrating, never
    ///   controlling or directing (see [`ManagementMode`](crate::ManagementMode)).
    /// - **Education**: a process rather than a product, aimed at preventing what undermines
    ///   confidence and capacity; it starts from what the learner already has, and worker and
    ///   client can each be teacher and learner.
    ///
    /// Exhaustive on purpose: the paradigm has exactly these three, and an app that reports per
    /// function should be told by the compiler if that ever changed.
    ///
    /// ```
    /// use pendamping::{Function, Lang, Role};
    ///
    /// let f: Function = "manajemen sumber".parse()?;
    /// assert_eq!(f, Function::ResourceManagement);
    /// assert!(f.typical_roles().any(|r| r == Role::Broker));
    /// assert_eq!(f.label(Lang::Id), "Manajemen sumber");
    /// # Ok::<(), pendamping::ParseError>(())
    /// ```
    pub enum Function ("function") {
        /// Problem-solving consultation (*konsultasi pemecahan masalah*).
        ProblemSolvingConsultation = "problem_solving_consultation",
            en "Problem-solving consultation", id "Konsultasi pemecahan masalah";
        /// Resource management (*manajemen sumber*).
        ResourceManagement = "resource_management",
            en "Resource management", id "Manajemen sumber";
        /// Education (*pendidikan*).
        Education = "education", en "Education", id "Pendidikan";
    }
}

impl Function {
    /// The roles through which a worker typically carries out this function, in
    /// [`Role::ALL`] order.
    ///
    /// Derived from [`Role::typical_functions`], so the two directions cannot disagree.
    pub fn typical_roles(self) -> impl Iterator<Item = Role> {
        Role::ALL
            .iter()
            .copied()
            .filter(move |r| r.typical_functions().contains(&self))
    }
}
