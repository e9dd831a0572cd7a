//! The tie between the client system and a system around it: how strong, which way.

use serde::{Deserialize, Serialize};

use crate::vocab::vocabulary;

vocabulary! {
    /// How strong the tie between the client system and a system around it is: the four kinds
    /// of line in Hartman's (1978) eco-map.
    ///
    /// Exhaustive: the eco-map has these four.
    ///
    /// ```
    /// use pendamping::Lang;
    /// use pendamping::ecomap::TieStrength;
    ///
    /// assert_eq!(TieStrength::Tenuous.label(Lang::Id), "Lemah");
    /// assert_eq!("penuh tekanan".parse::<TieStrength>()?, TieStrength::Stressful);
    /// # Ok::<(), pendamping::ParseError>(())
    /// ```
    pub enum TieStrength ("tie strength") {
        /// A strong, supportive tie: a thick solid line.
        Strong = "strong", en "Strong", id "Kuat";
        /// An ordinary tie: a solid line.
        Moderate = "moderate", en "Moderate", id "Sedang";
        /// A weak or uncertain tie: a dashed line.
        Tenuous = "tenuous", en "Tenuous", id "Lemah";
        /// A tie under strain or in conflict: Hartman's hatched line.
        Stressful = "stressful", en "Stressful", id "Penuh tekanan";
    }
}

vocabulary! {
    /// Which way energy and resources flow along a tie.
    ///
    /// Exhaustive: in, out, or both.
    ///
    /// ```
    /// use pendamping::Lang;
    /// use pendamping::ecomap::Flow;
    ///
    /// assert_eq!(Flow::ToClient.as_str(), "to_client");
    /// assert_eq!(Flow::Both.label(Lang::Id), "Dua arah");
    /// ```
    pub enum Flow ("flow") {
        /// From the system to the client: the client receives.
        ToClient = "to_client", en "Towards the client", id "Menuju klien";
        /// From the client to the system: the client gives, or spends effort.
        FromClient = "from_client", en "Away from the client", id "Dari klien";
        /// Both ways.
        Both = "both", en "Both ways", id "Dua arah";
    }
}

/// The line between the client system and one system around it.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Tie {
    /// How strong it is.
    pub strength: TieStrength,
    /// Which way energy and resources flow.
    pub flow: Flow,
    /// A word on the line ("fees in arrears", "weekly visits"), drawn as its label.
    pub note: Option<String>,
}

impl Tie {
    /// A tie without a note.
    #[must_use]
    pub const fn new(strength: TieStrength, flow: Flow) -> Self {
        Self {
            strength,
            flow,
            note: None,
        }
    }
}

impl Default for Tie {
    /// Moderate, both ways: a tie exists and nothing more is known.
    fn default() -> Self {
        Self::new(TieStrength::Moderate, Flow::Both)
    }
}
