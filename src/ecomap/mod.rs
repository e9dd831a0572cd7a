//! The eco-map of an engagement: the client system among the systems around it.
//!
//! Hartman (1978, "Diagrammatic assessment of family relationships", *Social Casework* 59(8))
//! drew the client system as a circle in the centre and the people and institutions it deals
//! with (relatives, school, clinic, employer, place of worship, neighbours, agencies, donors) as
//! circles around it. A line joins each of them to the centre; its look says how strong the tie
//! is, and arrows say which way energy and resources flow.
//!
//! An [`EcoMap`] holds that picture as data. [`EcoMap::from_engagement`] fills it from what the
//! engagement records, with defaults the worker can then correct (the records say which
//! resources were reached, not how warm a relationship feels): systems can be added and removed,
//! and each tie's [`TieStrength`], [`Flow`] and note set. [`EcoMap::to_dot`] and
//! [`EcoMap::to_mermaid`] draw it in English or Indonesian as Hartman did: the client system in
//! a circle of fixed size with its name and level, its own strengths listed beside it (so the
//! circle does not grow with them), the systems around it, and a compact legend below the map.
//!
//! How the lines are drawn, after Hartman's conventions:
//!
//! | Tie | Graphviz | Mermaid |
//! |---|---|---|
//! | strong | solid, thick (`penwidth=3`) | `==>` |
//! | moderate | solid | `-->` |
//! | tenuous | dashed | `-.->` |
//! | stressful | red double line (`color="red:invis:red"`), labelled | `-->`, red, labelled |
//!
//! Arrowheads show the [`Flow`]: at the client (towards it), at the system (away from it), or at
//! both ends.
//!
//! ```
//! use pendamping::Lang;
//! use pendamping::ecomap::{EcoMap, Flow, SystemKind, Tie, TieStrength};
//! use pendamping::ClientSystemLevel;
//!
//! let mut map = EcoMap::new("Keluarga Sari", ClientSystemLevel::Family)?;
//! let school = map.add_system(SystemKind::Other, "SD Negeri 3", Tie::default())?;
//! map.set_strength(school, TieStrength::Stressful)?;
//! map.set_note(school, Some("Fees in arrears".into()))?;
//!
//! let dot = map.to_dot(Lang::Id);
//! assert!(dot.contains("n0 -> n1 [dir=both, color=\"red:invis:red\", penwidth=1.5, fontcolor=red, label=\"Penuh tekanan\\nFees in arrears\"];"));
//! let mermaid = map.to_mermaid(Lang::En);
//! assert!(mermaid.contains("n0 <-->|\"Stressful<br/>Fees in arrears\"| n1"));
//! # Ok::<(), pendamping::ecomap::EcoMapError>(())
//! ```

mod derive;
mod dot;
mod mermaid;
mod systems;
mod ties;
mod words;

pub use systems::{Centre, System, SystemId, SystemKind};
pub use ties::{Flow, Tie, TieStrength};

use serde::{Deserialize, Serialize};

use crate::ClientSystemLevel;

/// Something asked of an [`EcoMap`] that it cannot do.
///
/// ```
/// use pendamping::ClientSystemLevel;
/// use pendamping::ecomap::{EcoMap, EcoMapError, SystemId, TieStrength};
///
/// let mut map = EcoMap::new("Keluarga Sari", ClientSystemLevel::Family)?;
/// let err = map.set_strength(SystemId(7), TieStrength::Strong).unwrap_err();
/// assert_eq!(err, EcoMapError::UnknownSystem { id: SystemId(7) });
/// assert_eq!(err.to_string(), "no system 7 on the eco-map");
/// # Ok::<(), EcoMapError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum EcoMapError {
    /// No system on the map has this id.
    #[error("no system {id} on the eco-map")]
    UnknownSystem {
        /// The id asked for.
        id: SystemId,
    },
    /// A name was empty or only whitespace.
    #[error("empty {field}")]
    EmptyName {
        /// Which name: `"client name"` or `"system name"`.
        field: &'static str,
    },
    /// A stored map lists the same system id twice.
    #[error("system {id} appears twice on the eco-map")]
    DuplicateSystem {
        /// The repeated id.
        id: SystemId,
    },
    /// Every system id has been given out (after about four billion additions).
    #[error("no system id left on the eco-map")]
    Full,
}

/// An eco-map: the client system in the centre, the systems around it, and the tie to each.
///
/// Serialised as `{"centre": ..., "systems": [...]}`; reading it back refuses a repeated system
/// id, and ids given out afterwards continue after the highest one.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "StoredEcoMap")]
pub struct EcoMap {
    centre: Centre,
    systems: Vec<System>,
    #[serde(skip)]
    next: u32,
}

/// The serde form of [`EcoMap`], read before it is checked.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct StoredEcoMap {
    centre: Centre,
    systems: Vec<System>,
}

impl TryFrom<StoredEcoMap> for EcoMap {
    type Error = EcoMapError;

    fn try_from(stored: StoredEcoMap) -> Result<Self, EcoMapError> {
        let mut ids: Vec<SystemId> = stored.systems.iter().map(|s| s.id).collect();
        ids.sort_unstable();
        if let Some(pair) = ids.windows(2).find(|w| w.first() == w.get(1))
            && let Some(&id) = pair.first()
        {
            return Err(EcoMapError::DuplicateSystem { id });
        }
        let next = ids.last().map_or(1, |last| last.0.saturating_add(1));
        Ok(Self {
            centre: stored.centre,
            systems: stored.systems,
            next,
        })
    }
}

impl EcoMap {
    /// An eco-map with only the client system in the centre.
    ///
    /// # Errors
    ///
    /// [`EcoMapError::EmptyName`] when `name` is empty or only whitespace.
    pub fn new(name: impl Into<String>, level: ClientSystemLevel) -> Result<Self, EcoMapError> {
        Ok(Self {
            centre: Centre {
                name: non_empty(name.into(), "client name")?,
                level,
                strengths: Vec::new(),
            },
            systems: Vec::new(),
            next: 1,
        })
    }

    /// The client system in the centre.
    #[must_use]
    pub fn centre(&self) -> &Centre {
        &self.centre
    }

    /// The client system in the centre, to change its name, level or strengths.
    pub fn centre_mut(&mut self) -> &mut Centre {
        &mut self.centre
    }

    /// The systems around the client, in the order they were added.
    #[must_use]
    pub fn systems(&self) -> &[System] {
        &self.systems
    }

    /// A system by id.
    #[must_use]
    pub fn system(&self, id: SystemId) -> Option<&System> {
        self.systems.iter().find(|s| s.id == id)
    }

    /// Adds a system around the client and returns its id.
    ///
    /// # Errors
    ///
    /// [`EcoMapError::EmptyName`] when `name` is empty or only whitespace;
    /// [`EcoMapError::Full`] when no id is left.
    pub fn add_system(
        &mut self,
        kind: SystemKind,
        name: impl Into<String>,
        tie: Tie,
    ) -> Result<SystemId, EcoMapError> {
        let name = non_empty(name.into(), "system name")?;
        let id = SystemId(self.next);
        self.next = self.next.checked_add(1).ok_or(EcoMapError::Full)?;
        self.systems.push(System {
            id,
            kind,
            name,
            tie,
        });
        Ok(id)
    }

    /// Takes a system off the map and returns it.
    ///
    /// # Errors
    ///
    /// [`EcoMapError::UnknownSystem`] when no system has this id.
    pub fn remove_system(&mut self, id: SystemId) -> Result<System, EcoMapError> {
        let index = self
            .systems
            .iter()
            .position(|s| s.id == id)
            .ok_or(EcoMapError::UnknownSystem { id })?;
        Ok(self.systems.remove(index))
    }

    /// Renames a system.
    ///
    /// # Errors
    ///
    /// [`EcoMapError::UnknownSystem`] when no system has this id, [`EcoMapError::EmptyName`]
    /// when `name` is empty or only whitespace.
    pub fn rename(&mut self, id: SystemId, name: impl Into<String>) -> Result<(), EcoMapError> {
        let name = non_empty(name.into(), "system name")?;
        self.get_mut(id)?.name = name;
        Ok(())
    }

    /// Sets how strong a system's tie is.
    ///
    /// # Errors
    ///
    /// [`EcoMapError::UnknownSystem`] when no system has this id.
    pub fn set_strength(&mut self, id: SystemId, strength: TieStrength) -> Result<(), EcoMapError> {
        self.get_mut(id)?.tie.strength = strength;
        Ok(())
    }

    /// Sets which way a system's tie flows.
    ///
    /// # Errors
    ///
    /// [`EcoMapError::UnknownSystem`] when no system has this id.
    pub fn set_flow(&mut self, id: SystemId, flow: Flow) -> Result<(), EcoMapError> {
        self.get_mut(id)?.tie.flow = flow;
        Ok(())
    }

    /// Sets or clears the note on a system's tie; a note of only whitespace clears it.
    ///
    /// # Errors
    ///
    /// [`EcoMapError::UnknownSystem`] when no system has this id.
    pub fn set_note(&mut self, id: SystemId, note: Option<String>) -> Result<(), EcoMapError> {
        self.get_mut(id)?.tie.note = note.map(|n| n.trim().to_owned()).filter(|n| !n.is_empty());
        Ok(())
    }

    /// Replaces a system's whole tie.
    ///
    /// # Errors
    ///
    /// [`EcoMapError::UnknownSystem`] when no system has this id.
    pub fn set_tie(&mut self, id: SystemId, tie: Tie) -> Result<(), EcoMapError> {
        self.get_mut(id)?.tie = tie;
        Ok(())
    }

    fn get_mut(&mut self, id: SystemId) -> Result<&mut System, EcoMapError> {
        self.systems
            .iter_mut()
            .find(|s| s.id == id)
            .ok_or(EcoMapError::UnknownSystem { id })
    }
}

/// Trims a name and refuses it when nothing is left.
fn non_empty(name: String, field: &'static str) -> Result<String, EcoMapError> {
    let trimmed = name.trim();
    if trimmed.is_empty() {
        Err(EcoMapError::EmptyName { field })
    } else if trimmed.len() == name.len() {
        Ok(name)
    } else {
        Ok(trimmed.to_owned())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn non_empty_trims() {
        assert_eq!(non_empty(" a ".into(), "x"), Ok("a".to_owned()));
        assert_eq!(
            non_empty(" \n".into(), "system name"),
            Err(EcoMapError::EmptyName {
                field: "system name"
            })
        );
    }

    #[test]
    fn ids_run_out_without_panicking() {
        let mut map = EcoMap::new("x", ClientSystemLevel::Individual).unwrap();
        map.next = u32::MAX;
        assert_eq!(
            map.add_system(SystemKind::Other, "a", Tie::default()),
            Err(EcoMapError::Full)
        );
    }
}
