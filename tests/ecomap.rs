//! The eco-map as an embedding app sees it: defaults derived from the records, edits and serde.
//! The drawings are tested in `ecomap_drawing.rs`.

mod builder;
mod ecomap_case;

use builder::{Case, day};
use ecomap_case::family;
use pendamping::ecomap::{
    EcoMap, EcoMapError, Flow, System, SystemId, SystemKind, Tie, TieStrength,
};
use pendamping::{
    ClientSystemLevel, Lang, ParseError, Provider, ReferralStatus, ResourceKind, Vocabulary,
};

fn by_name<'a>(map: &'a EcoMap, name: &str) -> &'a System {
    map.systems()
        .iter()
        .find(|s| s.name == name)
        .unwrap_or_else(|| panic!("no system {name:?} in {:#?}", map.systems()))
}

fn tie(map: &EcoMap, name: &str) -> (TieStrength, Flow) {
    let t = &by_name(map, name).tie;
    (t.strength, t.flow)
}

// --- the vocabularies -----------------------------------------------------------------------

#[test]
fn vocabularies_have_both_languages() {
    let id: Vec<_> = TieStrength::ALL.iter().map(|s| s.label(Lang::Id)).collect();
    assert_eq!(id, ["Kuat", "Sedang", "Lemah", "Penuh tekanan"]);
    let en: Vec<_> = TieStrength::ALL.iter().map(|s| s.to_string()).collect();
    assert_eq!(en, ["Strong", "Moderate", "Tenuous", "Stressful"]);
    let flows: Vec<_> = Flow::ALL.iter().map(|f| f.as_str()).collect();
    assert_eq!(flows, ["to_client", "from_client", "both"]);
    assert_eq!("Menuju klien".parse::<Flow>(), Ok(Flow::ToClient));
    assert_eq!(SystemKind::Agency.label(Lang::Id), "Instansi terkait");
    assert_eq!(
        serde_json::to_string(&TieStrength::Stressful).unwrap(),
        r#""stressful""#
    );
    assert_eq!(
        "zigzag".parse::<TieStrength>().unwrap_err().to_string(),
        r#"unknown tie strength "zigzag": expected one of strong, moderate, tenuous, stressful"#
    );
    assert!(matches!(
        "".parse::<Flow>(),
        Err(ParseError::Empty { vocabulary: "flow" })
    ));
    for kind in SystemKind::ALL {
        assert_eq!(kind.as_str().parse::<SystemKind>(), Ok(*kind));
        assert_eq!(
            <SystemKind as Vocabulary>::parse_term(kind.label(Lang::Id)),
            Ok(*kind)
        );
    }
}

// --- derived from an engagement -------------------------------------------------------------
#[test]
fn the_records_suggest_the_ties() {
    let case = family();
    let map = EcoMap::from_engagement(&case.e);

    assert_eq!(map.centre().name, "Keluarga Sari");
    assert_eq!(map.centre().level, ClientSystemLevel::Family);
    assert_eq!(map.centre().strengths, ["Careful budgeting"]);

    let systems: Vec<(SystemKind, &str)> = map
        .systems()
        .iter()
        .map(|s| (s.kind, s.name.as_str()))
        .collect();
    assert_eq!(
        systems,
        [
            (SystemKind::Member, "Ibu Sari"),
            (SystemKind::Member, "Pak Budi"),
            (SystemKind::Community, "Ketua RT"),
            (SystemKind::Donor, "Yayasan"),
            (SystemKind::Agency, "Dinas Sosial"),
            (SystemKind::Strength, "Neighbours' arisan"),
            (SystemKind::Resource, "Puskesmas"),
            (SystemKind::Resource, "BLK"),
            (SystemKind::Resource, "School"),
            (SystemKind::Resource, "Koperasi"),
            (SystemKind::Resource, "Food bank"),
        ],
        "the holder \"dinas sosial \" is the partner agency, not a new system"
    );
    let ids: Vec<u32> = map.systems().iter().map(|s| s.id.0).collect();
    assert_eq!(ids, (1..=11).collect::<Vec<_>>());

    use Flow::*;
    use TieStrength::*;
    assert_eq!(tie(&map, "Ibu Sari"), (Moderate, Both));
    assert_eq!(tie(&map, "Ketua RT"), (Moderate, Both));
    assert_eq!(tie(&map, "Yayasan"), (Moderate, ToClient));
    assert_eq!(
        tie(&map, "Dinas Sosial"),
        (Strong, ToClient),
        "completed referral"
    );
    assert_eq!(tie(&map, "Neighbours' arisan"), (Strong, ToClient));
    assert_eq!(tie(&map, "Puskesmas"), (Tenuous, ToClient), "barriers");
    assert_eq!(tie(&map, "BLK"), (Moderate, ToClient));
    assert_eq!(
        tie(&map, "School"),
        (Stressful, FromClient),
        "rejected referral"
    );
    assert_eq!(
        tie(&map, "Koperasi"),
        (Tenuous, ToClient),
        "failed referral"
    );
    assert_eq!(
        tie(&map, "Food bank"),
        (Moderate, ToClient),
        "accepted referral"
    );
    assert!(map.systems().iter().all(|s| s.tie.note.is_none()));
}

#[test]
fn a_reached_resource_without_a_referral_is_strong_and_the_latest_referral_decides() {
    let mut case = Case::open("fam-2", "Keluarga", "Ibu", vec![], day(0));
    case.assess(day(1));
    case.plan(day(2), 1);
    let clinic = case.resource(
        day(3),
        ResourceKind::Social,
        "Check-ups",
        Some("Clinic"),
        vec![],
    );
    let first = case.refer(
        day(3),
        clinic,
        Provider::External {
            name: "Clinic".into(),
        },
    );
    case.referral_status(day(4), first, ReferralStatus::Rejected);
    let second = case.refer(
        day(5),
        clinic,
        Provider::External {
            name: "CLINIC".into(),
        },
    );
    case.referral_status(day(6), second, ReferralStatus::Accepted);
    let map = EcoMap::from_engagement(&case.e);
    assert_eq!(tie(&map, "Clinic"), (TieStrength::Moderate, Flow::ToClient));
    case.referral_status(day(7), second, ReferralStatus::Completed);
    let map = EcoMap::from_engagement(&case.e);
    assert_eq!(tie(&map, "Clinic"), (TieStrength::Strong, Flow::ToClient));
    assert_eq!(map.systems().len(), 2, "the member and the clinic");
}

#[test]
fn long_names_are_shortened() {
    let long = "x".repeat(300);
    let case = Case::open("fam-3", &"K".repeat(150), &long[..200], vec![], day(0));
    let map = EcoMap::from_engagement(&case.e);
    assert_eq!(map.centre().name.chars().count(), 65);
    assert!(map.centre().name.ends_with('…'));
    assert_eq!(map.systems()[0].name.chars().count(), 65);
}

// --- editing --------------------------------------------------------------------------------

#[test]
fn systems_can_be_added_changed_and_removed() {
    let mut map = EcoMap::new("  Keluarga  ", ClientSystemLevel::Family).unwrap();
    assert_eq!(map.centre().name, "Keluarga");
    let school = map
        .add_system(SystemKind::Other, " School ", Tie::default())
        .unwrap();
    let clinic = map
        .add_system(
            SystemKind::Resource,
            "Clinic",
            Tie::new(TieStrength::Strong, Flow::ToClient),
        )
        .unwrap();
    assert_eq!((school, clinic), (SystemId(1), SystemId(2)));
    assert_eq!(map.system(school).unwrap().name, "School");

    map.set_strength(school, TieStrength::Stressful).unwrap();
    map.set_flow(school, Flow::FromClient).unwrap();
    map.set_note(school, Some("  fees  ".into())).unwrap();
    map.rename(school, "SD 3").unwrap();
    let s = map.system(school).unwrap();
    assert_eq!(
        (s.name.as_str(), s.tie.strength, s.tie.flow),
        ("SD 3", TieStrength::Stressful, Flow::FromClient)
    );
    assert_eq!(s.tie.note.as_deref(), Some("fees"));
    map.set_note(school, Some(" \n ".into())).unwrap();
    assert_eq!(map.system(school).unwrap().tie.note, None);
    map.set_tie(clinic, Tie::default()).unwrap();
    assert_eq!(map.system(clinic).unwrap().tie, Tie::default());

    let removed = map.remove_system(school).unwrap();
    assert_eq!(removed.name, "SD 3");
    assert_eq!(map.systems().len(), 1);
    // Ids are never reused.
    let next = map
        .add_system(SystemKind::Donor, "Donor", Tie::default())
        .unwrap();
    assert_eq!(next, SystemId(3));
    map.centre_mut().strengths.push("Hopeful".into());
    assert_eq!(map.centre().strengths, ["Hopeful"]);
}

#[test]
fn unknown_systems_and_empty_names_are_typed_errors() {
    let mut map = EcoMap::new("Keluarga", ClientSystemLevel::Family).unwrap();
    let gone = SystemId(4);
    let unknown = EcoMapError::UnknownSystem { id: gone };
    assert_eq!(
        map.set_strength(gone, TieStrength::Strong),
        Err(unknown.clone())
    );
    assert_eq!(map.set_flow(gone, Flow::Both), Err(unknown.clone()));
    assert_eq!(map.set_note(gone, None), Err(unknown.clone()));
    assert_eq!(map.set_tie(gone, Tie::default()), Err(unknown.clone()));
    assert_eq!(map.rename(gone, "x"), Err(unknown.clone()));
    assert_eq!(map.remove_system(gone), Err(unknown.clone()));
    assert_eq!(unknown.to_string(), "no system 4 on the eco-map");

    let empty = map
        .add_system(SystemKind::Other, " \t", Tie::default())
        .unwrap_err();
    assert_eq!(empty.to_string(), "empty system name");
    assert_eq!(
        EcoMap::new("", ClientSystemLevel::Group)
            .unwrap_err()
            .to_string(),
        "empty client name"
    );
    let id = map
        .add_system(SystemKind::Other, "x", Tie::default())
        .unwrap();
    assert_eq!(
        map.rename(id, ""),
        Err(EcoMapError::EmptyName {
            field: "system name"
        })
    );
}

// --- serde ----------------------------------------------------------------------------------

#[test]
fn json_round_trips_and_refuses_repeated_ids() {
    let mut map = EcoMap::from_engagement(&family().e);
    let json = serde_json::to_string(&map).unwrap();
    assert!(
        json.starts_with(r#"{"centre":{"name":"Keluarga Sari","level":"family","strengths":["#)
    );
    let mut back: EcoMap = serde_json::from_str(&json).unwrap();
    assert_eq!(back, map);
    // Ids continue after the highest one read.
    assert_eq!(
        back.add_system(SystemKind::Other, "x", Tie::default()),
        map.add_system(SystemKind::Other, "x", Tie::default())
    );

    let twice = r#"{"centre":{"name":"K","level":"family","strengths":[]},"systems":[
        {"id":2,"kind":"donor","name":"a","tie":{"strength":"strong","flow":"both","note":null}},
        {"id":2,"kind":"donor","name":"b","tie":{"strength":"strong","flow":"both","note":null}}]}"#;
    let err = serde_json::from_str::<EcoMap>(twice).unwrap_err();
    assert!(
        err.to_string()
            .contains("system 2 appears twice on the eco-map"),
        "{err}"
    );
}

// --- drawings -------------------------------------------------------------------------------
