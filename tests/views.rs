//! What each actor may read: confidentiality levels, the policy's reading matrix, the view an
//! actor gets, and that nothing built from a view (its JSON, its eco-map) holds a hidden text.

mod fixtures;
mod generator;

use fixtures::*;
use generator::{Script, resolve, script, universe};
use pendamping::caseload::EngagementSummary;
use pendamping::ecomap::EcoMap;
use pendamping::engagement::{Hidden, ViewError, default_confidentiality};
use pendamping::{
    ActivityDetail, Actor, ActorKind, Command, Confidentiality, Engagement, Event, Function, Lang,
    Policy, Priority, ReadAccess, ReferralId, Responsible, Role, Stage,
};
use proptest::prelude::*;

const LEVELS: [Confidentiality; 3] = [
    Confidentiality::Team,
    Confidentiality::Confidential,
    Confidentiality::Restricted,
];

fn leveled_need(description: &str, level: Option<Confidentiality>) -> Command {
    Command::RecordNeed {
        domain: "income".into(),
        description: description.into(),
        priority: Priority::Medium,
        confidentiality: level,
    }
}

fn leveled_referral(resource: u32, to: &Actor, level: Confidentiality) -> Command {
    Command::Refer {
        resource: pendamping::ResourceId(resource),
        provider: partner(to),
        mode: pendamping::ManagementMode::Coordinating,
        function: Function::ResourceManagement,
        role: Role::Broker,
        interventions: vec![],
        note: Some(format!("referral note at {level}")),
        confidentiality: Some(level),
    }
}

/// Runs each command, which must be accepted, on day `at`.
fn run(case: &mut Engagement, at: i64, commands: Vec<(&Actor, Command)>) {
    for (by, command) in commands {
        ok(case, by, day(at), command);
    }
}

/// One need per level, concerning nobody, and one referral per level addressed to the agency,
/// which the mother consented to: every reader's sight of each level, with and without a
/// record that concerns them.
fn matrix_case(team: &Team) -> Engagement {
    let mut case = team.open(Policy::default());
    for level in LEVELS {
        ok(
            &mut case,
            &team.worker,
            day(1),
            leveled_need(&format!("need at {level}"), Some(level)),
        );
    }
    ok(
        &mut case,
        &team.worker,
        day(1),
        external("Puskesmas Sukamaju", "Hearing tests", vec![]),
    );
    for level in LEVELS {
        ok(
            &mut case,
            &team.worker,
            day(2),
            leveled_referral(1, &team.agency, level),
        );
    }
    for r in 1..=3 {
        ok(&mut case, &team.mother, day(2), consent(r, None));
    }
    case
}

#[test]
fn every_actor_kind_reads_each_level_as_the_table_says() {
    let team = Team::new();
    let case = matrix_case(&team);
    // (reader, levels of a record that concerns nobody, levels of one that concerns them),
    // each as [team, confidential, restricted]: the table of ARCHITECTURE.md.
    let table: [(&Actor, [bool; 3], [bool; 3]); 7] = [
        (&team.worker, [true, true, true], [true, true, true]),
        (&team.supervisor, [true, true, true], [true, true, true]),
        (&team.mother, [true, false, false], [true, true, false]),
        (&team.agency, [false, false, false], [true, true, false]),
        (&team.donor, [true, false, false], [true, false, false]),
        (&team.community, [true, false, false], [true, false, false]),
        // The father did not consent: the referrals do not concern him.
        (&team.father, [true, false, false], [true, false, false]),
    ];
    for (reader, plain, concerning) in table {
        let view = case.view_for(reader).unwrap();
        for (i, level) in LEVELS.iter().enumerate() {
            let need = format!("need at {level}");
            assert_eq!(
                view.needs.iter().any(|n| n.description == need),
                plain[i],
                "{reader} reading a {level} need"
            );
            assert_eq!(
                view.referrals
                    .iter()
                    .any(|r| r.id == ReferralId(i as u32 + 1)),
                concerning[i],
                "{reader} reading a {level} referral that concerns them"
            );
        }
        let shown_needs = plain.iter().filter(|&&b| b).count();
        assert_eq!(view.hidden.needs, 3 - shown_needs, "{reader}");
        assert_eq!(view.needs.len() + view.hidden.needs, 3);
        assert_eq!(view.referrals.len() + view.hidden.referrals, 3);
    }
}

#[test]
fn the_default_matrix_is_the_documented_table() {
    use ReadAccess::{All, Concerning, Nothing};
    let table = [
        (ActorKind::SocialWorker, [All, All, All]),
        (ActorKind::Supervisor, [All, All, All]),
        (ActorKind::ClientMember, [All, Concerning, Nothing]),
        (ActorKind::Agency, [Concerning, Concerning, Nothing]),
        (ActorKind::Donor, [All, Nothing, Nothing]),
        (ActorKind::CommunityRepresentative, [All, Nothing, Nothing]),
    ];
    assert_eq!(table.len(), ActorKind::ALL.len());
    let policy = Policy::default();
    for (kind, row) in table {
        for (level, access) in LEVELS.into_iter().zip(row) {
            assert_eq!(policy.reads(kind, level), access, "{kind} at {level}");
        }
    }
}

#[test]
fn the_policy_changes_who_reads_what() {
    let team = Team::new();
    let mut case = matrix_case(&team);
    let mut policy = Policy::default();
    // A programme whose community representatives sit on the case conference.
    policy.reading.push((
        ActorKind::CommunityRepresentative,
        Confidentiality::Confidential,
        ReadAccess::All,
    ));
    policy
        .reading
        .push((ActorKind::Donor, Confidentiality::Team, ReadAccess::Nothing));
    ok(
        &mut case,
        &team.supervisor,
        day(3),
        Command::ChangePolicy { policy },
    );
    let rep = case.view_for(&team.community).unwrap();
    assert_eq!(rep.needs.len(), 2);
    let donor = case.view_for(&team.donor).unwrap();
    assert!(donor.needs.is_empty() && donor.resources.is_empty());
    assert_eq!(donor.hidden.needs, 3);
    // A replay reads the policy's matrix back from the event.
    let events = case.take_pending();
    let replayed = Engagement::replay(events).unwrap();
    assert_eq!(replayed.view_for(&team.donor).unwrap(), donor);
}

#[test]
fn a_policy_with_too_long_a_reading_matrix_is_refused() {
    let team = Team::new();
    let mut case = team.open(Policy::default());
    let mut policy = Policy::default();
    policy.reading = vec![(ActorKind::Donor, Confidentiality::Team, ReadAccess::All); 19];
    let command = Command::ChangePolicy { policy };
    let rejection = pendamping::decide(&case, &team.supervisor, day(1), &command).unwrap_err();
    let message = refused(&mut case, &team.supervisor, day(1), command.clone());
    assert_eq!(
        message,
        "cannot change_policy: reading has 19 entries, more than 18"
    );
    // On the wire: located in the policy, in either language.
    let refusal = pendamping::wire::Refusal::of_command(&rejection, &command, Lang::Id);
    let problem = &refusal.problems[0];
    assert_eq!(
        (
            problem.code.as_str(),
            problem.path.as_deref(),
            problem.message.as_str()
        ),
        (
            "too_many",
            Some("/policy/reading"),
            "akses baca berisi 19 entri, lebih dari 18"
        )
    );
}

#[test]
fn someone_not_on_the_team_gets_no_view() {
    let team = Team::new();
    let case = team.open(Policy::default());
    let stranger = actor("d:other", ActorKind::Donor);
    let err = case.view_for(&stranger).unwrap_err();
    assert_eq!(
        err.to_string(),
        "d:other (donor) is not on the team of engagement pkh-3273-000142: there is nothing \
         for them to read"
    );
    assert!(matches!(err, ViewError::NotOnTeam { .. }));
    assert_eq!(err.message(Lang::En), err.to_string());
    assert_eq!(
        err.message(Lang::Id),
        "d:other (donor) tidak termasuk tim pendampingan pkh-3273-000142: tidak ada yang boleh \
         dibacanya"
    );
    // On the team, but not in that capacity.
    let posing = actor(team.donor.id.as_str(), ActorKind::SocialWorker);
    assert!(case.view_for(&posing).is_err());
}

#[test]
fn the_default_rule_protects_health_and_protection() {
    use Confidentiality::{Confidential, Team as T};
    for (domain, level) in [
        ("health", Confidential),
        ("Mental Health", Confidential),
        ("kesehatan anak", Confidential),
        ("child-protection", Confidential),
        ("Perlindungan", Confidential),
        ("domestic violence", Confidential),
        ("schooling", T),
        ("income", T),
        ("healthy eating habits", T), // "healthy" is not the word "health"
    ] {
        assert_eq!(
            default_confidentiality(Some(domain), None),
            level,
            "{domain}"
        );
    }
    assert_eq!(
        default_confidentiality(None, Some(Role::Protector)),
        Confidential
    );
    assert_eq!(default_confidentiality(None, Some(Role::Broker)), T);

    let team = Team::new();
    let mut case = team.open(Policy::default());
    run(
        &mut case,
        1,
        vec![
            (
                &team.worker,
                need("health", "The youngest needs a hearing test"),
            ),
            (&team.worker, need("schooling", "Books for the new term")),
        ],
    );
    // Stored without a level: the rule decides when read, so older journals get it too.
    assert_eq!(case.needs()[0].confidentiality, None);
    assert_eq!(case.needs()[0].level(), Confidential);
    assert_eq!(case.needs()[1].level(), T);
    let json = serde_json::to_string(&case.take_pending()[1]).unwrap();
    assert!(!json.contains("confidentiality"), "{json}");
}

#[test]
fn goals_and_interventions_take_the_level_of_what_they_serve() {
    let team = Team::new();
    let mut case = team.open(Policy::default());
    let w = &team.worker;
    let restricted = Some(Confidentiality::Restricted);
    let plan = |text: &str, goal: u32, role| {
        intervention(
            text,
            &[goal],
            Function::ResourceManagement,
            role,
            Responsible::Worker,
        )
    };
    run(
        &mut case,
        1,
        vec![
            (w, leveled_need("the uncle threatens Ani", restricted)),
            (w, need("schooling", "Books for the new term")),
            (w, strength("The mother keeps a careful budget")),
            (w, move_to(Stage::Planning)),
            (w, goal("Ani is safe at home", &[1], None)),
            (w, goal("Ani has her books", &[2], None)),
            (w, plan("Safety plan with Ani", 1, Role::Broker)),
            (w, plan("Ask the school for books", 2, Role::Broker)),
            (w, plan("Watch over the household", 2, Role::Protector)),
        ],
    );
    let goals: Vec<_> = case.goals().iter().map(|g| case.goal_level(g)).collect();
    assert_eq!(goals, [Confidentiality::Restricted, Confidentiality::Team]);
    let interventions: Vec<_> = case
        .interventions()
        .iter()
        .map(|i| case.intervention_level(i))
        .collect();
    assert_eq!(
        interventions,
        [
            Confidentiality::Restricted,
            Confidentiality::Team,
            Confidentiality::Confidential
        ]
    );
    let donor = case.view_for(&team.donor).unwrap();
    assert_eq!(donor.goals.len(), 1);
    assert_eq!(donor.interventions.len(), 1);
    assert_eq!(donor.plans[0].goals, [donor.goals[0].id]);
    assert_eq!(donor.plans[0].interventions, [donor.interventions[0].id]);
    assert_eq!(
        (
            donor.hidden.needs,
            donor.hidden.goals,
            donor.hidden.interventions
        ),
        (1, 1, 2)
    );
}

#[test]
fn a_chosen_level_replays_and_the_chain_guards_it() {
    let team = Team::new();
    let mut case = team.open(Policy::default());
    ok(
        &mut case,
        &team.worker,
        day(1),
        leveled_need("a secret", Some(Confidentiality::Restricted)),
    );
    let mut events = case.take_pending();
    assert_eq!(Engagement::replay(events.clone()).unwrap(), case);
    // Someone lowers the level in the stored event: the need no longer reads as recorded.
    if let Event::NeedRecorded { need } = &mut events[1].event {
        assert_eq!(need.confidentiality, Some(Confidentiality::Restricted));
        need.confidentiality = Some(Confidentiality::Team);
    }
    let replayed = Engagement::replay(events).unwrap();
    // Lowering is a change the rulebook cannot tell from a worker's choice: the journal's hash
    // chain and its seals are what find it (tests/protect.rs).
    assert_eq!(replayed.needs()[0].level(), Confidentiality::Team);
}

/// An engagement with a text of every kind at every level, and a hold and a termination.
fn rich_case(team: &Team) -> Engagement {
    let mut case = team.open(Policy::default());
    let (w, mother) = (&team.worker, &team.mother);
    let mut counselling = external("Klinik Rahasia Utama", "CONFRESOURCE counselling", vec![]);
    if let Command::RecordResource {
        confidentiality, ..
    } = &mut counselling
    {
        *confidentiality = Some(Confidentiality::Confidential);
    }
    let protection = Command::RecordActivity {
        function: Function::ResourceManagement,
        role: Role::Protector,
        interventions: vec![],
        detail: ActivityDetail::Protection {
            risk: "PROTECTRISK the uncle visits at night".into(),
            action: "PROTECTACTION a safety plan with the RT".into(),
        },
        note: Some("PROTECTNOTE told nobody else".into()),
        confidentiality: None,
    };
    run(
        &mut case,
        1,
        vec![
            (w, need("schooling", "TEAMNEED Ani stopped going to school")),
            (
                w,
                need("health", "HEALTHNEED the youngest cannot hear well"),
            ),
            (
                w,
                leveled_need(
                    "RESTRICTEDNEED the uncle",
                    Some(Confidentiality::Restricted),
                ),
            ),
            (
                w,
                strength("TEAMSTRENGTH the mother keeps a careful budget"),
            ),
            (w, counselling),
            (
                w,
                external("Puskesmas Sukamaju", "TEAMRESOURCE hearing tests", vec![]),
            ),
            (
                w,
                leveled_referral(3, &team.agency, Confidentiality::Confidential),
            ),
            (
                w,
                leveled_referral(2, &team.agency, Confidentiality::Restricted),
            ),
            (mother, consent(1, None)),
            (w, protection),
            (w, consultation(&[])),
            (
                mother,
                Command::AddContribution {
                    activity: pendamping::ActivityId(4),
                    text: "MOTHERWORDS we will walk Ani to school".into(),
                },
            ),
            (
                w,
                Command::Hold {
                    reason: "HOLDREASON the family is away at a funeral".into(),
                    review_on: None,
                },
            ),
        ],
    );
    case
}

/// Every free text of a JSON value, for searching.
fn texts(value: &serde_json::Value, out: &mut Vec<String>) {
    match value {
        // Free text has spaces; times, ids and terms do not.
        serde_json::Value::String(s) if s.contains(' ') => out.push(s.clone()),
        serde_json::Value::Array(a) => a.iter().for_each(|v| texts(v, out)),
        serde_json::Value::Object(o) => o.values().for_each(|v| texts(v, out)),
        _ => {}
    }
}

#[test]
fn no_view_holds_a_hidden_text() {
    let team = Team::new();
    let case = rich_case(&team);
    let full = case.view_for(&team.worker).unwrap();
    assert_eq!(full.hidden, Hidden::default());
    let readers = [
        &team.supervisor,
        &team.mother,
        &team.father,
        &team.community,
        &team.donor,
        &team.agency,
    ];
    let mut checked = 0;
    for reader in readers {
        let view = case.view_for(reader).unwrap();
        let shown = serde_json::to_string(&view).unwrap();
        let map = EcoMap::from_view(&view);
        // What a screen built from the view shows: its eco-map and what it says is left out.
        let drawings = [
            map.to_dot(Lang::En),
            map.to_mermaid(Lang::Id),
            view.hidden.describe(Lang::En).unwrap_or_default(),
            view.hidden.describe(Lang::Id).unwrap_or_default(),
        ]
        .concat();
        // Every text of every record the full view has and this one does not.
        let mut hidden = Vec::new();
        let full_json = serde_json::to_value(&full).unwrap();
        let view_json = serde_json::to_value(&view).unwrap();
        for kind in KINDS {
            for record in full_json[kind].as_array().unwrap() {
                if !view_json[kind].as_array().unwrap().contains(record) {
                    texts(record, &mut hidden);
                }
            }
        }
        for narrative in ["hold", "termination"] {
            if view_json[narrative].is_null() {
                texts(&full_json[narrative], &mut hidden);
            }
        }
        // The outline is every member's: names of the team and the client system.
        let outline: Vec<&str> = case.team().iter().map(|m| m.name.as_str()).collect();
        for text in hidden.iter().filter(|t| !outline.contains(&t.as_str())) {
            assert!(
                !shown.contains(text.as_str()),
                "{reader}'s view holds {text:?}"
            );
            assert!(
                !drawings.contains(text.as_str()),
                "{reader}'s eco-map holds {text:?}"
            );
            checked += 1;
        }
        assert_eq!(view.hidden.total() > 0, !hidden.is_empty(), "{reader}");
    }
    assert!(checked > 20, "only {checked} hidden texts searched");

    // What each reader is shown, by marker.
    let everything = [
        "TEAMNEED",
        "HEALTHNEED",
        "RESTRICTEDNEED",
        "TEAMSTRENGTH",
        "CONFRESOURCE",
        "TEAMRESOURCE",
        "PROTECTRISK",
        "MOTHERWORDS",
        "HOLDREASON",
        "Klinik Rahasia",
    ];
    let markers = |reader: &Actor| {
        let shown = serde_json::to_string(&case.view_for(reader).unwrap()).unwrap();
        everything
            .into_iter()
            .filter(|m| shown.contains(m))
            .collect::<Vec<_>>()
    };
    assert_eq!(markers(&team.supervisor), everything);
    // The mother: the everyday record, the confidential referral she consented to, the
    // consultation she added to; not the health need, the protection, the hold's reason.
    assert_eq!(
        markers(&team.mother),
        ["TEAMNEED", "TEAMSTRENGTH", "TEAMRESOURCE", "MOTHERWORDS"]
    );
    assert_eq!(
        markers(&team.donor),
        ["TEAMNEED", "TEAMSTRENGTH", "TEAMRESOURCE", "MOTHERWORDS"]
    );
    // The agency: the resource its confidential referral links; not the one its restricted
    // referral links, nor anything else.
    assert_eq!(markers(&team.agency), ["TEAMRESOURCE"]);
}

#[test]
fn the_caseload_summary_names_nobody() {
    let team = Team::new();
    let case = rich_case(&team);
    let summary = serde_json::to_string(&EngagementSummary::of(&case)).unwrap();
    let mut all = Vec::new();
    texts(
        &serde_json::to_value(case.view_for(&team.worker).unwrap()).unwrap(),
        &mut all,
    );
    for text in all {
        assert!(!summary.contains(&text), "the summary holds {text:?}");
    }
}

/// Every free text of the records of `kind` in a view's JSON, by record.
fn record_texts(view: &serde_json::Value, kind: &str) -> Vec<(serde_json::Value, Vec<String>)> {
    view[kind]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            let mut out = Vec::new();
            texts(r, &mut out);
            (r.clone(), out)
        })
        .collect()
}

const KINDS: [&str; 8] = [
    "needs",
    "resources",
    "goals",
    "interventions",
    "activities",
    "referrals",
    "evaluations",
    "follow_ups",
];

/// Whether a shown record is this one: the same id (a shown record's ids may be narrowed), or
/// equal for a record without one (a follow-up).
fn same(shown: &serde_json::Value, record: &serde_json::Value) -> bool {
    if record["id"].is_null() {
        shown == record
    } else {
        shown["id"] == record["id"]
    }
}

/// Runs a script, keeping what was accepted.
fn played(script: &Script) -> Engagement {
    let actors = universe();
    let team = Team::new();
    let mut case = team.open(script.policy.clone());
    let mut at = day(0);
    for step in &script.steps {
        at += chrono::TimeDelta::hours(step.dt);
        let by = resolve(step.who, &step.command, &actors);
        let _ = case.execute(&by, at, step.command.clone());
    }
    case
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    /// Whatever happened, each member's view counts every record once (shown or hidden), and
    /// holds no text of a hidden record that no shown record or outline holds too.
    #[test]
    fn any_engagement_s_views_count_everything_and_leak_nothing(script in script()) {
        let case = played(&script);
        // The engagement's own snapshot: every record (a policy may hide some from workers).
        let full = serde_json::to_value(&case).unwrap();
        for member in case.team() {
            let reader = Actor { id: member.id.clone(), kind: member.kind };
            let view = case.view_for(&reader).unwrap();
            let shown = serde_json::to_value(&view).unwrap();
            let shown_text = shown.to_string();
            let mut visible = Vec::new();
            for kind in KINDS {
                for (_, t) in record_texts(&shown, kind) {
                    visible.extend(t);
                }
            }
            texts(&shown["team"], &mut visible);
            texts(&shown["client"], &mut visible);
            texts(&shown["plans"], &mut visible);
            texts(&shown["hold"], &mut visible);
            texts(&shown["termination"], &mut visible);
            let hidden = [
                view.hidden.needs, view.hidden.resources, view.hidden.goals,
                view.hidden.interventions, view.hidden.activities, view.hidden.referrals,
                view.hidden.evaluations, view.hidden.follow_ups,
            ];
            for (kind, hidden) in KINDS.into_iter().zip(hidden) {
                let all = full[kind].as_array().unwrap().len();
                prop_assert_eq!(shown[kind].as_array().unwrap().len() + hidden, all, "{}", kind);
                for (record, t) in record_texts(&full, kind) {
                    if shown[kind].as_array().unwrap().iter().any(|r| same(r, &record)) {
                        continue;
                    }
                    for text in t.iter().filter(|t| !visible.iter().any(|v| v.contains(t.as_str()))) {
                        prop_assert!(!shown_text.contains(text.as_str()), "{} sees {:?}", reader, text);
                    }
                }
            }
        }
    }
}

#[test]
fn levels_and_the_reading_matrix_on_the_wire() {
    let json = r#"{"type":"record_need","domain":"safety","description":"The uncle visits at night",
                   "priority":"urgent","confidentiality":"restricted"}"#;
    let command: Command = serde_json::from_str(json).unwrap();
    assert_eq!(command.confidentiality(), Some(Confidentiality::Restricted));
    // Left out, the member is absent, and the command reads as before levels existed.
    let plain = r#"{"type":"record_need","domain":"safety","description":"x","priority":"low"}"#;
    let command: Command = serde_json::from_str(plain).unwrap();
    assert_eq!(command.confidentiality(), None);
    assert!(
        !serde_json::to_string(&command)
            .unwrap()
            .contains("confidentiality")
    );

    let bad = plain.replace(
        r#""priority":"low""#,
        r#""priority":"low","confidentiality":"secret""#,
    );
    assert_eq!(
        serde_json::from_str::<Command>(&bad)
            .unwrap_err()
            .to_string(),
        "unknown variant `secret`, expected one of `team`, `confidential`, `restricted`"
    );

    let policy: Policy =
        serde_json::from_str(r#"{"reading":[["donor","team","nothing"]]}"#).unwrap();
    assert_eq!(
        policy.reading,
        [(ActorKind::Donor, Confidentiality::Team, ReadAccess::Nothing)]
    );
    let bad = r#"{"reading":[["donor","team","everything"]]}"#;
    assert_eq!(
        serde_json::from_str::<Policy>(bad).unwrap_err().to_string(),
        "unknown variant `everything`, expected one of `nothing`, `concerning`, `all` at line 1 \
         column 40"
    );
    // The default policy writes no reading member: openings read as before.
    assert!(
        !serde_json::to_string(&Policy::default())
            .unwrap()
            .contains("reading")
    );
}

#[test]
fn a_retracted_record_is_shown_as_retracted_and_left_off_the_eco_map() {
    let team = Team::new();
    let mut case = team.open(Policy::default());
    let w = team.worker.clone();
    run(
        &mut case,
        1,
        vec![
            (&w, leveled_need("School fees are due", None)),
            (
                &w,
                external("Puskesmas Sukamaju", "Free health checks", vec![]),
            ),
            (&w, external("Koperasi Maju", "Small loans", vec![])),
            (
                &w,
                Command::Retract {
                    record: pendamping::RecordRef::Resource(pendamping::ResourceId(2)),
                    reason: "Recorded for the wrong family".into(),
                },
            ),
        ],
    );
    let view = case.view_for(&w).unwrap();
    // Still in the record, named as retracted, and neither hidden nor on the map.
    assert_eq!(view.resources.len(), 2);
    assert_eq!(
        view.retracted,
        [pendamping::RecordRef::Resource(pendamping::ResourceId(2))]
    );
    assert_eq!(view.hidden, Hidden::default());
    let names =
        |map: &EcoMap| -> Vec<String> { map.systems().iter().map(|s| s.name.clone()).collect() };
    let map = EcoMap::from_view(&view);
    assert!(names(&map).contains(&"Puskesmas Sukamaju".to_owned()));
    assert!(!names(&map).contains(&"Koperasi Maju".to_owned()));
    assert_eq!(names(&map), names(&EcoMap::from_engagement(&case)));
    // The wire form names it; a view with nothing retracted leaves the member out.
    let json = serde_json::to_value(&view).unwrap();
    assert_eq!(
        json["retracted"],
        serde_json::json!([{"record": "resource", "id": 2}])
    );
    let fresh = team.open(Policy::default()).view_for(&w).unwrap();
    assert!(
        serde_json::to_value(&fresh)
            .unwrap()
            .get("retracted")
            .is_none()
    );
}
