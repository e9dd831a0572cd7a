//! Every vocabulary a form or report shows, with its stable names and the relations between
//! terms, as one value a front end loads to build its forms.

#[cfg(feature = "ecomap")]
use crate::ecomap::{Flow, SystemKind, TieStrength};
use crate::engagement::{
    AdvocacyScope, Confidentiality, ContactKind, Decision, GoalStatus, Permission, Priority,
    ReadAccess, Surrounding, command_label,
};
use crate::gas::Level;
use crate::lifecycle::TRANSITIONS;
use crate::vocab::Vocabulary;
use crate::vocab::seed_words::SEED_WORDS;
use crate::wire::labels::Labels;
use crate::wire::terms::{self, Term};
use crate::{
    Achievement, ActorKind, Barrier, ClientSystemLevel, Function, Lang, ManagementMode,
    ReferralStatus, ResourceKind, Role, Stage, Status, TerminationReason, TransitionKind, Vision,
};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Every vocabulary of the crate in one value: what a front end needs to offer each choice in
/// a form and to show stored values, in one language.
///
/// Serialised, it is the form a front end loads (`lang`, then each vocabulary's `name` and
/// `terms`, each term's stable `name`, `label`, the extra words parsing `accepts`, and its
/// `relations` to terms of other vocabularies):
///
/// ```
/// use pendamping::Lang;
/// use pendamping::wire::catalogue;
///
/// let catalogue = catalogue(Lang::Id);
/// let roles = catalogue.vocabulary("role").unwrap();
/// let enabler = &roles.terms[0];
/// assert_eq!((enabler.name.as_str(), enabler.label.as_str()), ("enabler", "Fasilitator"));
/// assert_eq!(enabler.accepts, ["Pemungkin"]);
/// assert_eq!(enabler.relations["vision"], ["enabling"]);
/// let json = serde_json::to_value(&catalogue)?;
/// assert_eq!(json["vocabularies"][0]["name"], "language");
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Catalogue {
    /// The language of the labels (`"en"`, `"id"`, or a label file's own code).
    pub lang: String,
    /// Every vocabulary, in a fixed order.
    pub vocabularies: Vec<CatalogueVocabulary>,
}

impl Catalogue {
    /// The vocabulary with this stable name (`"role"`, `"need_status"`, ...).
    #[must_use]
    pub fn vocabulary(&self, name: &str) -> Option<&CatalogueVocabulary> {
        self.vocabularies.iter().find(|v| v.name == name)
    }
}

/// One vocabulary of a [`Catalogue`].
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CatalogueVocabulary {
    /// Its stable `snake_case` name (`"role"`, `"barrier"`, `"need_status"`).
    pub name: String,
    /// Its terms, in the framework's order.
    pub terms: Vec<CatalogueTerm>,
}

/// One term of a vocabulary.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CatalogueTerm {
    /// The stable name, the one stored (`"enabler"`).
    pub name: String,
    /// The label shown, in the catalogue's language.
    pub label: String,
    /// Other words parsing accepts for it besides the name and labels (the seed's own words).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub accepts: Vec<String>,
    /// Its relations, by relation name, to stable names of other terms (a role's `vision` and
    /// `functions`, a stage's `next`, a referral status's `moves_to`, ...).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub relations: BTreeMap<String, Vec<String>>,
}

/// The catalogue in English or Indonesian. For another language, load a label file with
/// [`Labels::from_json`] and call [`Labels::catalogue`].
#[must_use]
pub fn catalogue(lang: Lang) -> Catalogue {
    Labels::builtin(lang).catalogue()
}

/// A vocabulary as the catalogue and the label files see it: its terms with both built-in
/// labels and their relations.
pub(crate) struct Vocab {
    pub(crate) name: &'static str,
    pub(crate) terms: Vec<Entry>,
}

pub(crate) struct Entry {
    pub(crate) name: &'static str,
    pub(crate) en: String,
    pub(crate) id: String,
    relations: Relations,
}

type Relations = Vec<(&'static str, Vec<&'static str>)>;

fn of<V: Vocabulary>(name: &'static str, relations: impl Fn(V) -> Relations) -> Vocab {
    Vocab {
        name,
        terms: V::ALL
            .iter()
            .map(|&v| Entry {
                name: v.as_str(),
                en: v.label(Lang::En).to_owned(),
                id: v.label(Lang::Id).to_owned(),
                relations: relations(v),
            })
            .collect(),
    }
}

fn plain<V: Vocabulary>(name: &'static str) -> Vocab {
    of::<V>(name, |_| Vec::new())
}

fn table(name: &'static str, terms: &[Term]) -> Vocab {
    Vocab {
        name,
        terms: terms
            .iter()
            .map(|&(name, en, id)| Entry {
                name,
                en: en.to_owned(),
                id: id.to_owned(),
                relations: Vec::new(),
            })
            .collect(),
    }
}

fn names<V: Vocabulary>(values: impl IntoIterator<Item = V>) -> Vec<&'static str> {
    values.into_iter().map(Vocabulary::as_str).collect()
}

/// The commands, labelled with what a worker is doing when giving one.
fn commands() -> Vocab {
    Vocab {
        name: "command",
        // The gate table has a row per command, in the enum's order (a test below checks it
        // against serde's list), so the catalogue keeps no list of its own.
        terms: crate::engagement::GATES
            .iter()
            .map(|gate| gate.command)
            .map(|name| Entry {
                name,
                en: command_label(name, Lang::En).to_owned(),
                id: command_label(name, Lang::Id).to_owned(),
                relations: Vec::new(),
            })
            .collect(),
    }
}

/// Every vocabulary, in the catalogue's order.
pub(crate) fn vocabularies() -> Vec<Vocab> {
    vec![
        plain::<Lang>("language"),
        plain::<ActorKind>("actor_kind"),
        plain::<ClientSystemLevel>("client_system_level"),
        of::<Vision>("vision", |v| vec![("roles", names(v.roles()))]),
        of::<Function>("function", |f| vec![("roles", names(f.typical_roles()))]),
        of::<Role>("role", |r| {
            vec![
                ("vision", names([r.vision()])),
                ("functions", names(r.typical_functions().iter().copied())),
            ]
        }),
        plain::<ResourceKind>("resource_kind"),
        plain::<Barrier>("barrier"),
        plain::<ManagementMode>("management_mode"),
        of::<Stage>("stage", |s| vec![("next", names(s.next()))]),
        plain::<TransitionKind>("transition_kind"),
        statuses(),
        plain::<Priority>("priority"),
        plain::<Confidentiality>("confidentiality"),
        plain::<ReadAccess>("read_access"),
        table("need_status", terms::NEED_STATUS),
        table("holder", terms::HOLDER),
        plain::<Surrounding>("surrounding"),
        of::<GoalStatus>("goal_status", |s| vec![("moves_to", names(s.targets()))]),
        plain::<Achievement>("achievement"),
        of::<Level>("attainment_level", |_| Vec::new()),
        table("responsible", terms::RESPONSIBLE),
        table("approval", terms::APPROVAL),
        table("activity_kind", terms::ACTIVITY_KIND),
        plain::<AdvocacyScope>("advocacy_scope"),
        table("provider", terms::PROVIDER),
        table("referral_side", terms::REFERRAL_SIDE),
        of::<ReferralStatus>("referral_status", |s| {
            vec![
                ("moves_to", names(s.targets())),
                ("set_by", vec![s.set_by().as_str()]),
            ]
        }),
        of::<Decision>("decision", |d| vec![("stage", names([d.target()]))]),
        of::<TerminationReason>("termination_reason", |r| {
            vec![(
                "ending",
                vec![if r.is_planned() { "planned" } else { "early" }],
            )]
        }),
        // Issue 14: the everyday record.
        plain::<ContactKind>("contact_kind"),
        permissions(),
        commands(),
        #[cfg(feature = "ecomap")]
        plain::<TieStrength>("tie_strength"),
        #[cfg(feature = "ecomap")]
        plain::<Flow>("flow"),
        #[cfg(feature = "ecomap")]
        plain::<SystemKind>("system_kind"),
    ]
}

/// The eleven statuses, each with the statuses the lifecycle table lets it move to.
fn statuses() -> Vocab {
    Vocab {
        name: "status",
        terms: Status::ALL
            .iter()
            .map(|&status| Entry {
                name: status.as_str(),
                en: status.label(Lang::En),
                id: status.label(Lang::Id),
                relations: vec![(
                    "moves_to",
                    TRANSITIONS
                        .iter()
                        .filter(|t| t.from == status)
                        .map(|t| t.to.as_str())
                        .collect(),
                )],
            })
            .collect(),
    }
}

/// The permissions, each related to the actor kinds that hold it by default.
fn permissions() -> Vocab {
    let mut vocab = table("permission", terms::PERMISSION);
    for (entry, &permission) in vocab.terms.iter_mut().zip(Permission::ALL) {
        let holders = ActorKind::ALL
            .iter()
            .copied()
            .filter(|&k| permission.default_for(k));
        entry.relations = vec![("default_for", names(holders))];
    }
    vocab
}

impl Labels {
    /// Every vocabulary with this set's labels (English where the set has none).
    #[must_use]
    pub fn catalogue(&self) -> Catalogue {
        let vocabularies = vocabularies()
            .into_iter()
            .map(|vocab| CatalogueVocabulary {
                name: vocab.name.to_owned(),
                terms: vocab
                    .terms
                    .iter()
                    .map(|t| CatalogueTerm {
                        name: t.name.to_owned(),
                        label: self.get(vocab.name, t.name).unwrap_or(&t.en).to_owned(),
                        accepts: SEED_WORDS
                            .iter()
                            .filter(|(v, n, _)| *v == vocab.name && *n == t.name)
                            .map(|(.., w)| (*w).to_owned())
                            .collect(),
                        relations: t
                            .relations
                            .iter()
                            .filter(|(_, to)| !to.is_empty())
                            .map(|(k, to)| {
                                (
                                    (*k).to_owned(),
                                    to.iter().map(|s| (*s).to_owned()).collect(),
                                )
                            })
                            .collect(),
                    })
                    .collect(),
            })
            .collect();
        Catalogue {
            lang: self.lang().to_owned(),
            vocabularies,
        }
    }
}

#[cfg(test)]
mod tests {
    /// serde's own list of the command tags, from the error for an unknown one.
    #[test]
    fn command_names_are_every_command() {
        let err = serde_json::from_str::<crate::Command>(r#"{"type":"?"}"#).unwrap_err();
        let message = err.to_string();
        let listed = message
            .split("expected one of ")
            .nth(1)
            .and_then(|rest| rest.split(" at line").next())
            .unwrap();
        let names: Vec<&str> = listed.split(", ").map(|n| n.trim_matches('`')).collect();
        let gates: Vec<&str> = crate::engagement::GATES.iter().map(|g| g.command).collect();
        assert_eq!(names, gates);
    }
}
