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
//! [`EcoMap::to_mermaid`] draw it, with a legend, in English or Indonesian.
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

use std::fmt::Write as _;

use serde::{Deserialize, Serialize};

use crate::vocab::vocabulary;
use crate::{
    ActorId, ActorKind, ClientSystemLevel, Engagement, Holder, Lang, Provider, ReferralStatus,
    ResourceKind,
};

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

/// The id of a system on an [`EcoMap`], given out by the map in order from 1 and never reused.
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

    /// The eco-map an engagement's records suggest, for the worker to refine.
    ///
    /// - **Centre**: the client system, with its personal strengths written inside.
    /// - **Members**: each client-system member on the team; moderate, both ways.
    /// - **Strengths** held in relationships or institutions (interpersonal and social
    ///   resources of the client's own): strong, towards the client.
    /// - **Partners** on the team: community representatives (moderate, both ways), donors and
    ///   agencies (moderate, towards the client).
    /// - **Outside holders** of resources, and the providers referrals were addressed to, one
    ///   system per name (names compared ignoring case and surrounding space; a holder with the
    ///   name of a partner on the team is that partner). Their tie follows the latest referral
    ///   addressed to them, when there is one:
    ///
    ///   | referral | tie |
    ///   |---|---|
    ///   | completed | strong, towards the client |
    ///   | accepted, in progress | moderate, towards the client |
    ///   | draft, requested, on hold, cancelled, failed | tenuous, towards the client |
    ///   | rejected | stressful, away from the client (effort spent, nothing came back) |
    ///
    ///   Without a referral, the resources they hold decide: strong when one was reached,
    ///   tenuous when one has barriers, moderate otherwise; towards the client.
    ///
    /// Names and descriptions longer than 64 characters are shortened, marked with `…`.
    ///
    /// ```
    /// # use chrono::{TimeZone, Utc};
    /// # use pendamping::*;
    /// use pendamping::ecomap::{EcoMap, Flow, SystemKind, TieStrength};
    ///
    /// # let siti = Actor::new("w:siti", ActorKind::SocialWorker)?;
    /// # let at = Utc.with_ymd_and_hms(2026, 3, 2, 9, 0, 0).unwrap();
    /// # let mut case = Engagement::open(&siti, at, Opening {
    /// #     id: EngagementId::new("pkh-0142")?,
    /// #     client: ClientSystem { level: ClientSystemLevel::Family, name: "Keluarga Sari".into() },
    /// #     team: vec![
    /// #         TeamMember { id: siti.id.clone(), kind: ActorKind::SocialWorker, name: "Siti".into() },
    /// #         TeamMember { id: "m:sari".parse()?, kind: ActorKind::ClientMember, name: "Ibu Sari".into() },
    /// #     ],
    /// #     policy: Policy::default(),
    /// # })?;
    /// // `case` is a family's engagement with one member on the team and one outside resource.
    /// case.execute(&siti, at, Command::RecordResource {
    ///     kind: ResourceKind::Social,
    ///     description: "Free check-ups for the children".into(),
    ///     holder: Some("Puskesmas Sukamaju".into()),
    ///     barriers: vec![Barrier::DistanceOrTransport],
    ///     service: None,
    /// })?;
    ///
    /// let map = EcoMap::from_engagement(&case);
    /// assert_eq!(map.centre().name, "Keluarga Sari");
    /// let kinds: Vec<_> = map.systems().iter().map(|s| (s.kind, s.name.as_str())).collect();
    /// assert_eq!(kinds, [(SystemKind::Member, "Ibu Sari"), (SystemKind::Resource, "Puskesmas Sukamaju")]);
    /// let clinic = &map.systems()[1].tie;
    /// assert_eq!((clinic.strength, clinic.flow), (TieStrength::Tenuous, Flow::ToClient));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn from_engagement(engagement: &Engagement) -> Self {
        Derivation::default().run(engagement)
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

    /// The map as a Graphviz `digraph`, labelled in `lang`, with a legend.
    ///
    /// The client system is `n0`, a double circle; the systems are `n1`, `n2`, ... in the map's
    /// order (never their names). The graph asks for the radial `twopi` layout with `n0` at its
    /// root, so the picture has Hartman's shape; every edge is written from `n0`, and `dir`
    /// places the arrowheads. All text is written as quoted strings with `"`, `\` and line
    /// breaks escaped, so a name cannot end its string or start a statement.
    ///
    /// ```text
    /// dot -Tsvg ecomap.dot -o ecomap.svg
    /// ```
    #[must_use]
    pub fn to_dot(&self, lang: Lang) -> String {
        let mut out = String::from("digraph ecomap {\n");
        out.push_str("    layout=twopi;\n    root=n0;\n    overlap=false;\n    ranksep=2.2;\n");
        out.push_str("    node [shape=ellipse, fontname=\"Helvetica\", fontsize=11];\n");
        out.push_str("    edge [fontname=\"Helvetica\", fontsize=9, arrowsize=0.8];\n");
        let _ = writeln!(
            out,
            "    n0 [label=\"{}\", shape=doublecircle, style=\"bold,filled\", fillcolor=\"#fff8e1\"];",
            dot_escape(&self.centre_text(lang))
        );
        for (n, system) in (1_usize..).zip(&self.systems) {
            let fill = match system.kind {
                SystemKind::Member => ", style=filled, fillcolor=\"#fff8e1\"",
                SystemKind::Strength => ", style=filled, fillcolor=\"#e8f5e9\"",
                _ => "",
            };
            let _ = writeln!(
                out,
                "    n{n} [label=\"{}\"{fill}];",
                dot_escape(&system_text(system, lang))
            );
        }
        for (n, system) in (1_usize..).zip(&self.systems) {
            let tie = &system.tie;
            let label = edge_text(tie, lang);
            let label = if label.is_empty() {
                String::new()
            } else {
                format!(", label=\"{}\"", dot_escape(&label))
            };
            let _ = writeln!(
                out,
                "    n0 -> n{n} [{}, {}{label}];",
                dot_dir(tie.flow),
                dot_style(tie.strength)
            );
        }
        dot_legend(lang, &mut out);
        out.push_str("}\n");
        out
    }
}

/// The legend of the DOT drawing: one sample line per strength and per flow.
fn dot_legend(lang: Lang, out: &mut String) {
    {
        let _ = writeln!(
            out,
            "    legend [shape=plaintext, fontsize=12, label=\"{}\"];",
            dot_escape(words(lang).legend)
        );
        let _ = writeln!(
            out,
            "    legend_client [shape=box, style=rounded, fontsize=9, label=\"{}\"];",
            dot_escape(words(lang).client)
        );
        out.push_str("    legend -> legend_client [style=invis];\n");
        for (n, &strength) in TieStrength::ALL.iter().enumerate() {
            let _ = writeln!(
                out,
                "    legend_s{n} [shape=box, style=rounded, fontsize=9, label=\"{}\"];",
                dot_escape(strength.label(lang))
            );
            let _ = writeln!(
                out,
                "    legend_client -> legend_s{n} [dir=none, {}];",
                dot_style(strength)
            );
        }
        for (n, &flow) in Flow::ALL.iter().enumerate() {
            let _ = writeln!(
                out,
                "    legend_f{n} [shape=box, style=rounded, fontsize=9, label=\"{}\"];",
                dot_escape(flow.label(lang))
            );
            let _ = writeln!(out, "    legend_client -> legend_f{n} [{}];", dot_dir(flow));
        }
    }
}

impl EcoMap {
    /// The map as a Mermaid `flowchart`, labelled in `lang`, with a legend.
    ///
    /// Node names are generated as in [`to_dot`](Self::to_dot). Arrows point the way the
    /// resources flow, so a tie towards the client is written from the system to `n0`. Every
    /// label is a `"..."` string in which the characters Mermaid reads as syntax (`"`, `#`, `;`,
    /// `<`, `>`, `{`, `}`, `[`, `]`, `(`, `)`, `|`, `%`, `&`, `` ` ``) are written as `#code;`
    /// entities and line breaks as `<br/>`.
    #[must_use]
    pub fn to_mermaid(&self, lang: Lang) -> String {
        let mut out = String::from("flowchart LR\n");
        let _ = writeln!(
            out,
            "    n0((\"{}\"))",
            mermaid_escape(&self.centre_text(lang))
        );
        for (n, system) in (1_usize..).zip(&self.systems) {
            let _ = writeln!(
                out,
                "    n{n}(\"{}\")",
                mermaid_escape(&system_text(system, lang))
            );
        }
        // Mermaid styles links by their position among all links drawn.
        let mut red_links = Vec::new();
        let mut links = 0_usize;
        for (n, system) in (1_usize..).zip(&self.systems) {
            let tie = &system.tie;
            let (from, to) = match tie.flow {
                Flow::ToClient => (format!("n{n}"), "n0".to_owned()),
                Flow::FromClient | Flow::Both => ("n0".to_owned(), format!("n{n}")),
            };
            let label = edge_text(tie, lang);
            let label = if label.is_empty() {
                String::new()
            } else {
                format!("|\"{}\"|", mermaid_escape(&label))
            };
            let link = mermaid_link(tie.strength, Some(tie.flow));
            let _ = writeln!(out, "    {from} {link}{label} {to}");
            if tie.strength == TieStrength::Stressful {
                red_links.push(links);
            }
            links += 1;
        }
        let w = words(lang);
        let _ = writeln!(
            out,
            "    subgraph legend [\"{}\"]",
            mermaid_escape(w.legend)
        );
        out.push_str("        direction LR\n");
        for (n, &strength) in TieStrength::ALL.iter().enumerate() {
            let _ = writeln!(
                out,
                "        legend_c{n}[\"{}\"] {} legend_s{n}[\"{}\"]",
                mermaid_escape(w.client),
                mermaid_link(strength, None),
                mermaid_escape(strength.label(lang))
            );
            if strength == TieStrength::Stressful {
                red_links.push(links);
            }
            links += 1;
        }
        for (n, &flow) in Flow::ALL.iter().enumerate() {
            let client = format!("legend_fc{n}[\"{}\"]", mermaid_escape(w.client));
            let other = format!("legend_f{n}[\"{}\"]", mermaid_escape(flow.label(lang)));
            let (from, to) = match flow {
                Flow::ToClient => (other, client),
                Flow::FromClient | Flow::Both => (client, other),
            };
            let link = mermaid_link(TieStrength::Moderate, Some(flow));
            // The last links: nothing after them needs counting.
            let _ = writeln!(out, "        {from} {link} {to}");
        }
        out.push_str("    end\n");
        if !red_links.is_empty() {
            let list: Vec<String> = red_links.iter().map(ToString::to_string).collect();
            let _ = writeln!(
                out,
                "    linkStyle {} stroke:#d32f2f,stroke-width:3px,color:#d32f2f",
                list.join(",")
            );
        }
        out.push_str("    style n0 stroke-width:4px\n");
        out
    }

    /// The centre's text: name, level, then each personal strength on its own line.
    fn centre_text(&self, lang: Lang) -> String {
        let mut text = format!("{}\n{}", self.centre.name, self.centre.level.label(lang));
        for strength in &self.centre.strengths {
            text.push_str("\n+ ");
            text.push_str(strength);
        }
        text
    }
}

/// The words the drawings need besides the vocabularies' labels.
struct Words {
    legend: &'static str,
    client: &'static str,
}

const fn words(lang: Lang) -> Words {
    match lang {
        Lang::Id => Words {
            legend: "Keterangan",
            client: "Klien",
        },
        Lang::En => Words {
            legend: "Legend",
            client: "Client",
        },
    }
}

/// A system's text: its name, then its kind.
fn system_text(system: &System, lang: Lang) -> String {
    format!("{}\n{}", system.name, system.kind.label(lang))
}

/// An edge's text: the note, and for a stressful tie its strength first (so the strain reads
/// without colour).
fn edge_text(tie: &Tie, lang: Lang) -> String {
    let mut parts = Vec::new();
    if tie.strength == TieStrength::Stressful {
        parts.push(tie.strength.label(lang));
    }
    if let Some(note) = &tie.note {
        parts.push(note);
    }
    parts.join("\n")
}

const fn dot_dir(flow: Flow) -> &'static str {
    match flow {
        // Edges are written from the centre, so the head is at the system.
        Flow::ToClient => "dir=back",
        Flow::FromClient => "dir=forward",
        Flow::Both => "dir=both",
    }
}

const fn dot_style(strength: TieStrength) -> &'static str {
    match strength {
        TieStrength::Strong => "penwidth=3",
        TieStrength::Moderate => "penwidth=1",
        TieStrength::Tenuous => "style=dashed",
        TieStrength::Stressful => "color=\"red:invis:red\", penwidth=1.5, fontcolor=red",
    }
}

/// The Mermaid link for a strength; `None` draws no arrowhead (the legend's lines).
fn mermaid_link(strength: TieStrength, flow: Option<Flow>) -> &'static str {
    let both = flow == Some(Flow::Both);
    match (strength, flow) {
        (TieStrength::Strong, None) => "===",
        (TieStrength::Strong, Some(_)) if both => "<==>",
        (TieStrength::Strong, Some(_)) => "==>",
        (TieStrength::Tenuous, None) => "-.-",
        (TieStrength::Tenuous, Some(_)) if both => "<-.->",
        (TieStrength::Tenuous, Some(_)) => "-.->",
        (TieStrength::Moderate | TieStrength::Stressful, None) => "---",
        (TieStrength::Moderate | TieStrength::Stressful, Some(_)) if both => "<-->",
        (TieStrength::Moderate | TieStrength::Stressful, Some(_)) => "-->",
    }
}

/// Makes `text` safe inside a DOT double-quoted string: `"` and `\` are escaped (so no escape
/// sequence of Graphviz's, such as `\N`, is read from user text), line breaks become `\n`, other
/// control characters are dropped.
fn dot_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push(' '),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// Makes `text` safe inside a Mermaid `"..."` label: characters Mermaid reads as syntax become
/// numeric `#code;` entities (`#quot;` for the quote), line breaks become `<br/>`, other control
/// characters are dropped.
fn mermaid_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '"' => out.push_str("#quot;"),
            '#' | ';' | '<' | '>' | '{' | '}' | '[' | ']' | '(' | ')' | '|' | '%' | '&' | '`'
            | '\\' => {
                let _ = write!(out, "#{};", u32::from(c));
            }
            '\n' => out.push_str("<br/>"),
            '\t' => out.push(' '),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
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

/// Whether two names are the same system's: equal ignoring case and surrounding whitespace.
fn same_name(a: &str, b: &str) -> bool {
    a.trim()
        .chars()
        .flat_map(char::to_lowercase)
        .eq(b.trim().chars().flat_map(char::to_lowercase))
}

/// What the records say about one outside system while the map is derived.
#[derive(Default)]
struct Signals {
    /// The latest referral addressed to it: (referral number, status).
    referral: Option<(u32, ReferralStatus)>,
    reached: bool,
    barriers: bool,
    holds_resource: bool,
}

/// The derivation of an eco-map from an engagement, with what it learns per outside system.
#[derive(Default)]
struct Derivation {
    /// Per system, in the map's order: the partner's actor id (if a partner) and its signals.
    outside: Vec<(SystemId, Option<ActorId>, Signals)>,
}

impl Derivation {
    fn run(mut self, e: &Engagement) -> EcoMap {
        let client = e.client();
        let mut map = EcoMap {
            centre: Centre {
                name: crate::error::shorten(client.name.trim()),
                level: client.level,
                strengths: Vec::new(),
            },
            systems: Vec::new(),
            next: 1,
        };
        for member in e.team() {
            let (kind, tie) = match member.kind {
                ActorKind::ClientMember => (SystemKind::Member, Tie::default()),
                ActorKind::CommunityRepresentative => (SystemKind::Community, Tie::default()),
                ActorKind::Donor => (
                    SystemKind::Donor,
                    Tie::new(TieStrength::Moderate, Flow::ToClient),
                ),
                ActorKind::Agency => (
                    SystemKind::Agency,
                    Tie::new(TieStrength::Moderate, Flow::ToClient),
                ),
                _ => continue,
            };
            let Some(id) = add(&mut map, kind, &member.name, tie) else {
                continue;
            };
            if kind != SystemKind::Member {
                self.outside
                    .push((id, Some(member.id.clone()), Signals::default()));
            }
        }
        for resource in e.resources() {
            match &resource.holder {
                Holder::Client if resource.kind == ResourceKind::Personal => {
                    map.centre
                        .strengths
                        .push(crate::error::shorten(resource.description.trim()));
                }
                Holder::Client => {
                    let tie = Tie::new(TieStrength::Strong, Flow::ToClient);
                    let _ = add(&mut map, SystemKind::Strength, &resource.description, tie);
                }
                Holder::External { name } => {
                    if let Some(signals) = self.outside_named(&mut map, name) {
                        signals.holds_resource = true;
                        signals.reached |= resource.reached;
                        signals.barriers |= !resource.barriers.is_empty();
                    }
                }
            }
        }
        for referral in e.referrals() {
            let signals = match &referral.provider {
                Provider::Partner { id } => self.outside_partner(&mut map, e, id),
                Provider::External { name } => self.outside_named(&mut map, name),
            };
            if let Some(signals) = signals
                && signals.referral.is_none_or(|(n, _)| n < referral.id.0)
            {
                signals.referral = Some((referral.id.0, referral.status));
            }
        }
        for (id, _, signals) in &self.outside {
            if let Some(tie) = signals.tie()
                && let Some(system) = map.systems.iter_mut().find(|s| s.id == *id)
            {
                system.tie = tie;
            }
        }
        map
    }

    /// The outside system with this name, added as a resource holder when there is none.
    fn outside_named(&mut self, map: &mut EcoMap, name: &str) -> Option<&mut Signals> {
        let found = self.outside.iter().position(|(id, _, _)| {
            map.system(*id)
                .is_some_and(|s| same_name(&s.name, &crate::error::shorten(name.trim())))
        });
        let index = match found {
            Some(index) => index,
            None => {
                let tie = Tie::new(TieStrength::Moderate, Flow::ToClient);
                let id = add(map, SystemKind::Resource, name, tie)?;
                self.outside.push((id, None, Signals::default()));
                self.outside.len().checked_sub(1)?
            }
        };
        self.outside.get_mut(index).map(|(_, _, s)| s)
    }

    /// The partner agency with this actor id; one that has left the team is found or added by
    /// its id.
    fn outside_partner(
        &mut self,
        map: &mut EcoMap,
        e: &Engagement,
        actor: &ActorId,
    ) -> Option<&mut Signals> {
        if let Some(index) = self
            .outside
            .iter()
            .position(|(_, a, _)| a.as_ref() == Some(actor))
        {
            return self.outside.get_mut(index).map(|(_, _, s)| s);
        }
        let name = e
            .team()
            .iter()
            .find(|m| &m.id == actor)
            .map_or(actor.as_str(), |m| m.name.as_str());
        self.outside_named(map, name)
    }
}

impl Signals {
    /// The tie the records suggest, or `None` to keep the partner's default.
    fn tie(&self) -> Option<Tie> {
        use ReferralStatus as R;
        let to_client = |strength| Some(Tie::new(strength, Flow::ToClient));
        match self.referral.map(|(_, status)| status) {
            Some(R::Completed) => to_client(TieStrength::Strong),
            Some(R::Accepted | R::InProgress) => to_client(TieStrength::Moderate),
            Some(R::Rejected) => Some(Tie::new(TieStrength::Stressful, Flow::FromClient)),
            Some(_) => to_client(TieStrength::Tenuous),
            None if self.reached => to_client(TieStrength::Strong),
            None if self.barriers => to_client(TieStrength::Tenuous),
            None if self.holds_resource => to_client(TieStrength::Moderate),
            None => None,
        }
    }
}

/// Adds a system with a recorded name (shortened for the drawing); `None` only when the name is
/// empty or no id is left.
fn add(map: &mut EcoMap, kind: SystemKind, name: &str, tie: Tie) -> Option<SystemId> {
    map.add_system(kind, crate::error::shorten(name.trim()), tie)
        .ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes() {
        assert_eq!(
            dot_escape("a \"b\" \\N c\r\nd\te"),
            "a \\\"b\\\" \\\\N c\\nd e"
        );
        assert_eq!(
            mermaid_escape("\"]; x [y|z] {w} <b> %% #1 & `k`\nq"),
            "#quot;#93;#59; x #91;y#124;z#93; #123;w#125; #60;b#62; #37;#37; #35;1 #38; #96;k#96;<br/>q"
        );
    }

    #[test]
    fn same_name_ignores_case_and_space() {
        assert!(same_name(" Puskesmas ", "PUSKESMAS"));
        assert!(!same_name("Puskesmas", "Puskesmas 2"));
    }

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
