//! The five roles of a worker as *pendamping*.

use super::vocabulary;
use crate::{Function, Vision};

vocabulary! {
    /// The part a worker plays in an activity: the five roles in which Suharto places the
    /// *pendamping* (after Payne 1986; Johnson 1989; DuBois & Miley 1992; Parsons, Jorgensen &
    /// Hernandez 1994).
    ///
    /// | Role | Vision | Typical functions |
    /// |---|---|---|
    /// | Enabler (*fasilitator*, *pemungkin*) | enabling | consultation, education |
    /// | Broker | supporting | resource management |
    /// | Mediator | supporting | resource management, consultation |
    /// | Advocate (*pembela*) | protecting | resource management |
    /// | Protector (*pelindung*) | protecting | resource management, consultation |
    ///
    /// Both columns are this crate's reading of the sources, not the sources' own table. The
    /// role-to-function column follows DuBois & Miley, who place the enabler under consultancy
    /// and the broker, advocate and mediator under resource management; Suharto adds the
    /// protector. The role-to-vision column is the crate's alone: Suharto names the 3P visions
    /// and the five roles side by side without mapping one to the other. Both are hints for
    /// analysis; the engagement records whatever combination a worker actually used.
    ///
    /// Exhaustive on purpose: the framework names exactly five roles.
    ///
    /// ```
    /// use pendamping::{Function, Role, Vision};
    ///
    /// assert_eq!(Role::Broker.vision(), Vision::Supporting);
    /// assert_eq!(Role::Broker.typical_functions(), &[Function::ResourceManagement]);
    /// ```
    pub enum Role ("role") {
        /// Enabler (*fasilitator* or *pemungkin*): education, facilitation, promoting
        /// interaction and action; gives hope, reduces resistance, names strengths, breaks
        /// problems into parts, keeps the focus on goals.
        Enabler = "enabler", en "Enabler", id "Fasilitator";
        /// Broker (*broker*): links clients with whoever holds goods and services, and watches
        /// that those services meet their standards.
        Broker = "broker", en "Broker", id "Broker";
        /// Mediator (*mediator*): brings parties in conflict, a client and a system or groups
        /// in a community, to agreement.
        Mediator = "mediator", en "Mediator", id "Mediator";
        /// Advocate (*pembela*): defends the client's rights when services are refused or out of
        /// reach, for one client (case) or a group (class, cause).
        Advocate = "advocate", en "Advocate", id "Pembela";
        /// Protector (*pelindung*): acts for clients at risk of violence or exploitation.
        Protector = "protector", en "Protector", id "Pelindung";
    }
}

/// The one table relating roles to the 3P visions and to the functions; every relation method
/// of [`Role`], [`Function`] and [`Vision`] reads it.
const ROLE_TABLE: [(Role, Vision, &[Function]); 5] = [
    (
        Role::Enabler,
        Vision::Enabling,
        &[Function::ProblemSolvingConsultation, Function::Education],
    ),
    (
        Role::Broker,
        Vision::Supporting,
        &[Function::ResourceManagement],
    ),
    (
        Role::Mediator,
        Vision::Supporting,
        &[
            Function::ResourceManagement,
            Function::ProblemSolvingConsultation,
        ],
    ),
    (
        Role::Advocate,
        Vision::Protecting,
        &[Function::ResourceManagement],
    ),
    (
        Role::Protector,
        Vision::Protecting,
        &[
            Function::ResourceManagement,
            Function::ProblemSolvingConsultation,
        ],
    ),
];

impl Role {
    #[allow(
        clippy::indexing_slicing,
        reason = "one row per variant in declaration order, checked by a test"
    )]
    const fn row(self) -> &'static (Role, Vision, &'static [Function]) {
        &ROLE_TABLE[self as usize]
    }

    /// The 3P vision this role serves, in the crate's reading (Suharto names the visions
    /// *pemungkin*, *pendukung*, *pelindung* and the roles, but maps neither to the other).
    #[must_use]
    pub const fn vision(self) -> Vision {
        self.row().1
    }

    /// The functions this role typically serves, most typical first.
    #[must_use]
    pub const fn typical_functions(self) -> &'static [Function] {
        self.row().2
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_rows_are_in_declaration_order() {
        for (i, row) in ROLE_TABLE.iter().enumerate() {
            assert_eq!(Role::ALL.get(i), Some(&row.0));
        }
    }
}
