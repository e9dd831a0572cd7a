//! Labels: the built-in English and Indonesian for every term a worker sees, the catalogue a
//! front end loads, the seed's own words, and a third language loaded from a label file
//! (Javanese here: a small test file, English where it has no label).

use pendamping::engagement::{Approval, Holder, NeedStatus, Permission, Responsible};
use pendamping::wire::{Catalogue, LabelFileError, Labels, catalogue};
use pendamping::{
    ActorId, Barrier, Function, Lang, Provider, ReferralSide, ReferralStatus, Role, Stage, Vision,
    Vocabulary,
};
use std::collections::BTreeSet;

fn javanese_file() -> String {
    std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/labels/jv.json")).unwrap()
}

#[test]
fn a_third_language_from_a_label_file_with_english_where_it_has_none() {
    let jv = Labels::from_json(&javanese_file()).unwrap();
    assert_eq!(jv.lang(), "jv");
    assert_eq!(jv.term(Stage::NeedsAssessment), "Mangertosi kabetahan");
    assert_eq!(jv.term(Role::Broker), "Perantara");
    assert_eq!(jv.get("need_status", "met"), Some("Wis kacukupan"));
    // Left out: English, and listed for the translator.
    assert_eq!(jv.term(Barrier::MissingDocuments), "Missing documents");
    assert!(
        jv.missing()
            .contains(&"barrier.missing_documents".to_owned())
    );
    assert!(!jv.missing().contains(&"role.broker".to_owned()));
    assert_eq!(jv.missing().len(), Labels::keys().len() - 18);

    let catalogue = jv.catalogue();
    assert_eq!(catalogue.lang, "jv");
    let vision = catalogue.vocabulary("vision").unwrap();
    let labels: Vec<&str> = vision.terms.iter().map(|t| t.label.as_str()).collect();
    assert_eq!(labels, ["Pamberdaya", "Panyengkuyung", "Pangayom"]);
    // The stable names and relations do not depend on the language.
    assert_eq!(
        serde_json::to_value(&vision.terms[0].relations).unwrap(),
        serde_json::json!({"roles": ["enabler"]})
    );
    let skeleton = |c: Catalogue| -> Vec<_> {
        c.vocabularies
            .into_iter()
            .map(|v| {
                (
                    v.name,
                    v.terms
                        .into_iter()
                        .map(|t| (t.name, t.accepts, t.relations))
                        .collect::<Vec<_>>(),
                )
            })
            .collect()
    };
    assert_eq!(
        skeleton(catalogue),
        skeleton(pendamping::wire::catalogue(Lang::En))
    );
    assert!(Labels::from_json_complete(&javanese_file()).is_err());
}

#[test]
fn label_files_with_mistakes_are_refused_naming_the_mistake() {
    let err = |json: &str| Labels::from_json(json).unwrap_err().to_string();
    assert_eq!(
        err(
            r#"{"lang":"jv","labels":{"role.healer":"Dukun","stage.plan":"Rancangan","role.broker":"Perantara"}}"#
        ),
        "unknown label keys: role.healer, stage.plan"
    );
    assert_eq!(
        err(r#"{"lang":"jv","labels":{"role.broker":"  "}}"#),
        "the label of role.broker is empty"
    );
    assert_eq!(
        err(r#"{"lang":"jv","labels":{"role.broker":"Pe\nrantara"}}"#),
        "the label of role.broker is holding a control character"
    );
    let long = format!(
        r#"{{"lang":"jv","labels":{{"role.broker":"{}"}}}}"#,
        "a".repeat(201)
    );
    assert_eq!(
        err(&long),
        "the label of role.broker is longer than 200 characters"
    );
    assert_eq!(
        err(r#"{"lang":"Javanese","labels":{}}"#),
        r#"invalid language code "Javanese": use 2 to 8 of a-z 0-9 -"#
    );
    assert_eq!(
        err(r#"{"lang":"jv","labels":{},"extra":1}"#),
        "not a label file: unknown field `extra`, expected `lang` or `labels` at line 1 column 32"
    );
    assert_eq!(
        err(r#"{"lang":"jv","labels":{"role.broker":1}}"#),
        "not a label file: invalid type: integer `1`, expected a string at line 1 column 38"
    );
    assert!(matches!(
        Labels::from_json("{"),
        Err(LabelFileError::Malformed { .. })
    ));
    let missing =
        Labels::from_json_complete(r#"{"lang":"jv","labels":{"role.broker":"Perantara"}}"#)
            .unwrap_err();
    let LabelFileError::MissingKeys { keys } = &missing else {
        panic!("{missing:?}")
    };
    assert_eq!(keys.len(), Labels::keys().len() - 1);
    assert!(
        missing
            .to_string()
            .starts_with("missing label keys: achievement.achieved, ")
    );
}

#[test]
fn the_built_in_languages_are_complete_and_round_trip_as_label_files() {
    for lang in [Lang::En, Lang::Id] {
        let labels = Labels::builtin(lang);
        assert_eq!(
            Labels::from_json_complete(&labels.to_json()).unwrap(),
            labels
        );
        for key in Labels::keys() {
            let (vocabulary, term) = key.split_once('.').unwrap();
            assert!(
                !labels.get(vocabulary, term).unwrap().trim().is_empty(),
                "{key}"
            );
        }
    }
    // Keys are unique: no two terms of a vocabulary share a stable name.
    let keys = Labels::keys();
    assert_eq!(keys.iter().collect::<BTreeSet<_>>().len(), keys.len());
}

fn builtin_matches<V: Vocabulary>() {
    for lang in [Lang::En, Lang::Id] {
        for &v in V::ALL {
            assert_eq!(Labels::builtin(lang).term(v), v.label(lang), "{}", V::NAME);
        }
    }
}

#[test]
fn every_vocabulary_is_in_the_catalogue_under_its_name() {
    builtin_matches::<Lang>();
    builtin_matches::<pendamping::ActorKind>();
    builtin_matches::<pendamping::ClientSystemLevel>();
    builtin_matches::<Vision>();
    builtin_matches::<Function>();
    builtin_matches::<Role>();
    builtin_matches::<pendamping::ResourceKind>();
    builtin_matches::<Barrier>();
    builtin_matches::<pendamping::ManagementMode>();
    builtin_matches::<Stage>();
    builtin_matches::<pendamping::TransitionKind>();
    builtin_matches::<pendamping::Priority>();
    builtin_matches::<pendamping::Confidentiality>();
    builtin_matches::<pendamping::ReadAccess>();
    builtin_matches::<pendamping::GoalStatus>();
    builtin_matches::<pendamping::Achievement>();
    builtin_matches::<pendamping::gas::Level>();
    builtin_matches::<pendamping::AdvocacyScope>();
    builtin_matches::<ReferralStatus>();
    builtin_matches::<pendamping::Decision>();
    builtin_matches::<pendamping::TerminationReason>();
    #[cfg(feature = "ecomap")]
    {
        builtin_matches::<pendamping::ecomap::TieStrength>();
        builtin_matches::<pendamping::ecomap::Flow>();
        builtin_matches::<pendamping::ecomap::SystemKind>();
    }
}

#[test]
fn the_catalogue_relations_agree_with_the_role_table() {
    let catalogue = catalogue(Lang::Id);
    let functions = catalogue.vocabulary("function").unwrap();
    for &role in Role::ALL {
        for function in role.typical_functions() {
            let term = functions
                .terms
                .iter()
                .find(|t| t.name == function.as_str())
                .unwrap();
            assert!(term.relations["roles"].contains(&role.as_str().to_owned()));
        }
    }
    let referral = catalogue.vocabulary("referral_status").unwrap();
    let draft = &referral.terms[0];
    assert_eq!(
        draft.relations["moves_to"],
        ["requested", "cancelled", "entered_in_error"]
    );
    assert_eq!(draft.relations["set_by"], ["requester"]);
    let permission = catalogue.vocabulary("permission").unwrap();
    assert_eq!(permission.terms[2].label, "Mengelola tim");
    assert_eq!(permission.terms[2].relations["default_for"], ["supervisor"]);
    let proposing = permission
        .terms
        .iter()
        .find(|t| t.name == "propose_goal")
        .unwrap();
    assert_eq!(proposing.label, "Mengusulkan tujuan");
    assert_eq!(
        proposing.relations["default_for"],
        ["client_member", "community_representative"]
    );
    let goal = catalogue.vocabulary("goal_status").unwrap();
    assert_eq!(
        goal.terms[0].relations["moves_to"],
        ["accepted", "cancelled"]
    );
    // An end lists no move.
    assert!(
        goal.terms[6]
            .relations
            .get("moves_to")
            .is_none_or(|m| m.is_empty())
    );
    assert_eq!(goal.terms[6].name, "not_achieved");
    let commands = catalogue.vocabulary("command").unwrap();
    assert_eq!(commands.terms[4].name, "record_need");
    assert_eq!(commands.terms[4].label, "mencatat kebutuhan");
    let status = catalogue.vocabulary("status").unwrap();
    assert_eq!(status.terms.len(), 11);
    assert_eq!(status.terms[10].name, "closed");
    assert_eq!(
        status.terms[10].relations["moves_to"],
        ["active(needs_assessment)"]
    );
}

#[test]
fn the_seed_word_pemungkin_is_read_as_the_enabler_and_fasilitator_is_shown() {
    assert_eq!("pemungkin".parse::<Role>().unwrap(), Role::Enabler);
    assert_eq!(" Pemungkin ".parse::<Role>().unwrap(), Role::Enabler);
    assert_eq!("fasilitator".parse::<Role>().unwrap(), Role::Enabler);
    assert_eq!(Role::Enabler.label(Lang::Id), "Fasilitator");
    // The vision keeps its own word.
    assert_eq!("pemungkin".parse::<Vision>().unwrap(), Vision::Enabling);
    // Only the enabler has it.
    assert!("pemungkin".parse::<Function>().is_err());
}

#[test]
fn the_enums_a_form_shows_have_labels() {
    let id = ActorId::new("a:puskesmas").unwrap();
    assert_eq!(Permission::ClientVoice.label(Lang::Id), "Suara klien");
    assert_eq!(NeedStatus::Met { note: None }.label(Lang::Id), "Terpenuhi");
    assert_eq!(NeedStatus::Open.as_str(), "open");
    assert_eq!(Approval::NotRequested.label(Lang::En), "Not requested");
    assert_eq!(Holder::Client.label(Lang::Id), "Sistem klien (kekuatan)");
    assert_eq!(
        Responsible::Partner(id.clone()).label(Lang::En),
        "A partner on the team"
    );
    assert_eq!(Responsible::Joint.as_str(), "joint");
    assert_eq!(ReferralSide::Provider.label(Lang::Id), "Penyedia layanan");
    assert_eq!(
        Provider::Partner { id }.label(Lang::Id),
        "Lembaga mitra dalam tim"
    );
    assert_eq!(
        ReferralStatus::InProgress.label(Lang::Id),
        "Sedang berjalan"
    );
}
