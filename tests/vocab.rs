//! Every vocabulary behaves the same way: names, labels and serde round-trip, and bad input is
//! refused with a message that names it.

use pendamping::{
    ActorKind, Barrier, ClientSystemLevel, Function, Lang, ManagementMode, ParseError,
    ResourceKind, Role, Stage, TransitionKind, Vision, Vocabulary,
};
use std::collections::HashSet;

fn check_vocabulary<V>()
where
    V: Vocabulary + std::str::FromStr<Err = ParseError> + std::fmt::Display,
    V: serde::Serialize + serde::de::DeserializeOwned,
{
    assert!(!V::ALL.is_empty(), "{} has no variants", V::NAME);
    let mut names = HashSet::new();
    for &v in V::ALL {
        let name = v.as_str();
        assert!(names.insert(name), "{} repeats the name {name}", V::NAME);
        assert!(
            name.bytes().all(|b| b.is_ascii_lowercase() || b == b'_'),
            "{name} is not snake_case"
        );
        // The stable name is the serde form, both ways.
        assert_eq!(serde_json::to_string(&v).unwrap(), format!("\"{name}\""));
        assert_eq!(
            serde_json::from_str::<V>(&format!("\"{name}\"")).unwrap(),
            v
        );
        // The name and both labels parse back, in any case and with whitespace around.
        assert_eq!(name.parse::<V>().unwrap(), v);
        assert_eq!(
            format!("  {}\t", name.to_uppercase()).parse::<V>().unwrap(),
            v
        );
        for &lang in Lang::ALL {
            let label = v.label(lang);
            assert!(!label.is_empty());
            assert_eq!(label.parse::<V>().unwrap(), v, "{label}");
            assert_eq!(label.to_lowercase().parse::<V>().unwrap(), v, "{label}");
            assert_eq!(label.to_uppercase().parse::<V>().unwrap(), v, "{label}");
        }
        assert_eq!(v.to_string(), v.label(Lang::En));
    }
    // No label may be taken by two variants, or parsing would be ambiguous.
    for &lang in Lang::ALL {
        let labels: HashSet<String> = V::ALL
            .iter()
            .map(|v| v.label(lang).to_lowercase())
            .collect();
        assert_eq!(
            labels.len(),
            V::ALL.len(),
            "{} has a repeated label",
            V::NAME
        );
    }
    assert_eq!(
        "".parse::<V>(),
        Err(ParseError::Empty {
            vocabulary: V::NAME
        })
    );
    assert_eq!(
        " \n ".parse::<V>(),
        Err(ParseError::Empty {
            vocabulary: V::NAME
        })
    );
    assert!(matches!(
        "no such thing".parse::<V>(),
        Err(ParseError::Unknown { .. })
    ));
    // serde refuses labels and unknown names: the stored form is the stable name only.
    assert!(serde_json::from_str::<V>("\"no_such_thing\"").is_err());
}

#[test]
fn every_vocabulary_round_trips() {
    check_vocabulary::<Lang>();
    check_vocabulary::<Function>();
    check_vocabulary::<Role>();
    check_vocabulary::<Vision>();
    check_vocabulary::<Stage>();
    check_vocabulary::<ResourceKind>();
    check_vocabulary::<Barrier>();
    check_vocabulary::<ManagementMode>();
    check_vocabulary::<ActorKind>();
    check_vocabulary::<ClientSystemLevel>();
    check_vocabulary::<TransitionKind>();
}

#[test]
fn unknown_names_get_a_pinned_message() {
    assert_eq!(
        "healer".parse::<Role>().unwrap_err().to_string(),
        r#"unknown role "healer": expected one of enabler, broker, mediator, advocate, protector"#
    );
    assert_eq!(
        "counselling".parse::<Function>().unwrap_err().to_string(),
        "unknown function \"counselling\": expected one of problem_solving_consultation, \
         resource_management, education"
    );
    assert_eq!(
        "fr".parse::<Lang>().unwrap_err().to_string(),
        r#"unknown language "fr": expected one of en, id"#
    );
    assert_eq!(
        "".parse::<Stage>().unwrap_err().to_string(),
        "empty stage name"
    );
    assert_eq!(
        "   ".parse::<ClientSystemLevel>().unwrap_err().to_string(),
        "empty client system level name"
    );
}

#[test]
fn a_long_input_is_shortened_in_the_message() {
    let long = "x".repeat(10_000);
    let message = long.parse::<Vision>().unwrap_err().to_string();
    assert_eq!(
        message,
        format!(
            "unknown vision \"{}…\": expected one of enabling, supporting, protecting",
            "x".repeat(64)
        )
    );
}

#[test]
fn parse_error_lives_in_the_vocabulary_and_at_the_root() {
    // The same type under both paths: an app may name either.
    let err: pendamping::vocab::ParseError = "".parse::<Role>().unwrap_err();
    let root: ParseError = err.clone();
    assert_eq!(root, ParseError::Empty { vocabulary: "role" });
    assert_eq!(err.to_string(), "empty role name");
}

#[test]
fn indonesian_terms_from_the_seed() {
    let expect = [
        (
            Function::ProblemSolvingConsultation.label(Lang::Id),
            "Konsultasi pemecahan masalah",
        ),
        (
            Function::ResourceManagement.label(Lang::Id),
            "Manajemen sumber",
        ),
        (Function::Education.label(Lang::Id), "Pendidikan"),
        (Vision::Enabling.label(Lang::Id), "Pemungkin"),
        (Vision::Supporting.label(Lang::Id), "Pendukung"),
        (Vision::Protecting.label(Lang::Id), "Pelindung"),
        (Role::Advocate.label(Lang::Id), "Pembela"),
        (
            Stage::NeedsAssessment.label(Lang::Id),
            "Pemahaman kebutuhan",
        ),
        (
            Stage::Planning.label(Lang::Id),
            "Perencanaan dan penyeleksian program",
        ),
        (Stage::Implementation.label(Lang::Id), "Penerapan program"),
        (Stage::Termination.label(Lang::Id), "Pengakhiran"),
        (ResourceKind::Personal.label(Lang::Id), "Sumber personal"),
        (
            ManagementMode::Systematising.label(Lang::Id),
            "Pensistematisasian",
        ),
    ];
    for (got, want) in expect {
        assert_eq!(got, want);
    }
}

#[test]
fn the_relations_agree_in_both_directions() {
    for &role in Role::ALL {
        assert!(!role.typical_functions().is_empty());
        for &function in Function::ALL {
            assert_eq!(
                role.typical_functions().contains(&function),
                function.typical_roles().any(|r| r == role),
                "{role} / {function}"
            );
        }
        for &vision in Vision::ALL {
            assert_eq!(role.vision() == vision, vision.roles().any(|r| r == role));
        }
    }
    // Every function and every vision is served by some role.
    assert!(
        Function::ALL
            .iter()
            .all(|f| f.typical_roles().next().is_some())
    );
    assert!(Vision::ALL.iter().all(|v| v.roles().next().is_some()));
    assert_eq!(Role::Enabler.vision(), Vision::Enabling);
    assert_eq!(Role::Mediator.vision(), Vision::Supporting);
    assert_eq!(Role::Protector.vision(), Vision::Protecting);
}

#[test]
fn stages_follow_the_seed_order() {
    let mut sorted = Stage::ALL.to_vec();
    sorted.sort();
    assert_eq!(sorted, Stage::ALL);
    for pair in Stage::ALL.windows(2) {
        assert_eq!(pair[0].next(), Some(pair[1]));
        assert_eq!(pair[1].previous(), Some(pair[0]));
    }
    assert_eq!(Stage::Termination.next(), None);
}

#[test]
fn display_honours_width_and_alignment() {
    assert_eq!(format!("{:<10}|", Role::Broker), "Broker    |");
    assert_eq!(format!("{:>10}|", Role::Broker), "    Broker|");
}
