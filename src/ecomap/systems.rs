//! What is on the map: the client system in the centre and the systems around it.

use serde::{Deserialize, Serialize};

use super::Tie;
use crate::ClientSystemLevel;
use crate::vocab::vocabulary;

vocabulary! {
    /// What a system on the eco-map is.
    ///
    /// `#[non_exhaustive]`: apps may need finer kinds (school, employer, place of worship) later;
    /// until then [`SystemKind::Other`] holds them, and the name says what they are.
    ///
    /// ```
    /// use pendamping::Lang;
    /// use pendamping::ecomap::SystemKind;
    ///
    /// assert_eq!(SystemKind::Strength.label(Lang::Id), "Kekuatan");
    /// ```
    #[non_exhaustive]
    pub enum SystemKind ("system kind") {
        /// A member of the client system (a family member, a group member).
        Member = "member", en "Client-system member", id "Anggota sistem klien";
        /// A strength of the client's own that lies in a relationship or an institution (a
        /// neighbours' network, a savings group the family belongs to).
        Strength = "strength", en "Strength", id "Kekuatan";
        /// Someone outside holding a resource the client could use (a clinic, a programme).
        Resource = "resource", en "Resource", id "Sumber";
        /// A representative of the local community.
        Community = "community", en "Community", id "Masyarakat";
        /// A donor.
        Donor = "donor", en "Donor", id "Lembaga donor";
        /// A related (government or service) agency.
        Agency = "agency", en "Agency", id "Instansi terkait";
        /// Any other system: a school, an employer, a place of worship, a relative far away.
        Other = "other", en "Other system", id "Sistem lain";
    }
}

/// The id of a system on an [`EcoMap`](super::EcoMap), given out by the map in order from 1 and never reused.
///
/// It is for editing; the drawings use their own node names (`n0` for the centre, `n1`, `n2`,
/// ... in the map's order).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct SystemId(pub u32);

impl core::fmt::Display for SystemId {
    /// The bare number, the stable form (`7`).
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        core::fmt::Display::fmt(&self.0, f)
    }
}

/// A system around the client: who or what it is, and its tie to the client.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct System {
    /// Its id on the map.
    pub id: SystemId,
    /// What it is.
    pub kind: SystemKind,
    /// Its name, as drawn.
    pub name: String,
    /// Its tie to the client system.
    pub tie: Tie,
}

/// The circle in the middle: the client system, with the strengths that are its own.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Centre {
    /// The client system's name.
    pub name: String,
    /// One person, a family, a group, an organisation or a community.
    pub level: ClientSystemLevel,
    /// Personal strengths (knowledge, motivation, experience), drawn inside the circle: they
    /// belong to the client itself, not to a system around it.
    pub strengths: Vec<String>,
}
