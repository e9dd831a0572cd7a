//! The 3P visions of practice.

use super::vocabulary;
use crate::Role;

vocabulary! {
    /// The three visions (*visi*) at the centre of *pendampingan sosial*, summarised by Suharto
    /// as **3P**: *pemungkin* (enabling), *pendukung* (supporting) and *pelindung* (protecting).
    ///
    /// In this crate's reading each [`Role`] serves one vision ([`Role::vision`],
    /// [`Vision::roles`]); the seed names the visions and the roles without mapping them, so the
    /// mapping is the crate's, not Suharto's.
    ///
    /// Exhaustive on purpose: the 3P are three by definition.
    ///
    /// ```
    /// use pendamping::{Role, Vision};
    ///
    /// let protecting: Vec<Role> = Vision::Protecting.roles().collect();
    /// assert_eq!(protecting, [Role::Advocate, Role::Protector]);
    /// ```
    pub enum Vision ("vision") {
        /// Enabling (*pemungkin*): helping people use what they have to help themselves.
        Enabling = "enabling", en "Enabling", id "Pemungkin";
        /// Supporting (*pendukung*): connecting people with the resources and agreement they need.
        Supporting = "supporting", en "Supporting", id "Pendukung";
        /// Protecting (*pelindung*): standing up for people's rights and safety.
        Protecting = "protecting", en "Protecting", id "Pelindung";
    }
}

impl Vision {
    /// The roles that serve this vision, in [`Role::ALL`] order.
    ///
    /// Derived from [`Role::vision`], so the two directions cannot disagree.
    pub fn roles(self) -> impl Iterator<Item = Role> {
        Role::ALL
            .iter()
            .copied()
            .filter(move |r| r.vision() == self)
    }
}
