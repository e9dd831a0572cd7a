//! How confidential a record is: the level a [`Policy`](crate::Policy) matches against the
//! actor kinds that may read it.

use crate::vocab::vocabulary;

vocabulary! {
    /// How confidential a record is, from what the whole team may read to what only those who
    /// protect the client may read.
    ///
    /// Ordered: a level is at least as confidential as every level before it, so an actor kind
    /// allowed to read a level reads every lower one too. Social-work records hold the most
    /// sensitive facts about families (UU No. 27/2022 on personal data protection counts health
    /// and child-protection data among its specific personal data), so protection concerns and
    /// health needs are confidential by default.
    pub enum Confidentiality ("confidentiality") {
        /// The whole team may read it: the everyday record of the accompaniment.
        Team = "team", en "Team", id "Tim";
        /// Only the practice and the people it concerns: health, income, family conflict.
        Confidential = "confidential", en "Confidential", id "Rahasia";
        /// Only the worker and the supervisor: protection concerns, an address kept from an
        /// abuser.
        Restricted = "restricted", en "Restricted", id "Terbatas";
    }
}
