//! Refusals on the wire, pinned: the JSON a front end receives for real refusals, with each
//! problem's code, the member it concerns, its values and its message; `Event::name`; ids'
//! `Display`.

use chrono::{DateTime, TimeZone, Utc};
use pendamping::wire::Refusal;
use pendamping::{
    Actor, ActorKind, ClientSystem, ClientSystemLevel, Command, Engagement, EngagementId, Lang,
    NeedId, Opening, Policy, Rejection, TeamMember,
};
use serde_json::{Value, json};

fn at() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 3, 2, 9, 0, 0).unwrap()
}

fn worker() -> Actor {
    Actor::new("w:siti", ActorKind::SocialWorker).unwrap()
}

fn opening(team: Vec<TeamMember>) -> Opening {
    Opening {
        id: EngagementId::new("pkh-1").unwrap(),
        client: ClientSystem {
            level: ClientSystemLevel::Family,
            name: "Keluarga Ibu Sari".into(),
        },
        team,
        policy: Policy::default(),
    }
}

fn member(id: &str, kind: ActorKind, name: &str) -> TeamMember {
    TeamMember {
        id: id.parse().unwrap(),
        kind,
        name: name.into(),
    }
}

fn team() -> Vec<TeamMember> {
    vec![
        member("w:siti", ActorKind::SocialWorker, "Siti"),
        member("c:sari", ActorKind::ClientMember, "Ibu Sari"),
    ]
}

/// A case in planning with needs 1 and 2 and a strength.
fn planning() -> Engagement {
    let w = worker();
    let mut case = Engagement::open(&w, at(), opening(team())).unwrap();
    for json in [
        json!({"type":"record_need","domain":"schooling","description":"Rina left school","priority":"high"}),
        json!({"type":"record_need","domain":"health","description":"Missed immunisations","priority":"urgent"}),
        json!({"type":"record_resource","kind":"personal","description":"A careful budget","holder":null}),
        json!({"type":"move_to_stage","to":"planning","reason":null,"termination":null}),
    ] {
        case.execute(&w, at(), serde_json::from_value(json).unwrap())
            .unwrap();
    }
    case
}

fn refuse(case: &mut Engagement, by: &Actor, command: Value) -> (Command, Rejection) {
    let command: Command = serde_json::from_value(command).unwrap();
    let rejection = case.execute(by, at(), command.clone()).unwrap_err();
    (command, rejection)
}

#[test]
fn a_goal_refused_for_its_text_and_its_needs_in_indonesian() {
    let mut case = planning();
    let (command, rejection) = refuse(
        &mut case,
        &worker(),
        json!({"type":"add_goal","description":"  ","addresses":[1,9,1],"scale":null}),
    );
    let refusal =
        serde_json::to_value(Refusal::of_command(&rejection, &command, Lang::Id)).unwrap();
    assert_eq!(
        refusal,
        json!({
            "command": "add_goal",
            "reason": "refused",
            "lang": "id",
            "message": "tidak bisa menambah tujuan: kebutuhan 9 tidak ada; kebutuhan 1 disebut dua kali; deskripsi kosong",
            "problems": [
                {"code": "unknown", "path": "/addresses/1", "values": {"record": {"record": "need", "id": 9}},
                 "message": "kebutuhan 9 tidak ada"},
                {"code": "repeated", "path": "/addresses/2", "values": {"record": {"record": "need", "id": 1}},
                 "message": "kebutuhan 1 disebut dua kali"},
                {"code": "empty_text", "path": "/description", "values": {"field": "description"},
                 "message": "deskripsi kosong"}
            ]
        })
    );
    // The rejection on its own serialises in English, paths as far as the command's name tells.
    let alone = serde_json::to_value(&rejection).unwrap();
    assert_eq!(alone["lang"], "en");
    assert!(alone["problems"][0].get("path").is_none());
    assert_eq!(alone["problems"][1]["message"], "need 1 is named twice");
    assert_eq!(alone["problems"][2]["path"], "/description");
    // And reads back as the same refusal.
    let back: Refusal = serde_json::from_value(alone).unwrap();
    assert_eq!(back, Refusal::new(&rejection, Lang::En));
}

#[test]
fn a_permission_refused() {
    let mut case = planning();
    let donor = Actor::new("d:zakat", ActorKind::Donor).unwrap();
    let (command, rejection) = refuse(
        &mut case,
        &donor,
        json!({"type":"revise_plan","reason":"new facts"}),
    );
    assert_eq!(
        serde_json::to_value(Refusal::of_command(&rejection, &command, Lang::En)).unwrap(),
        json!({
            "command": "revise_plan",
            "reason": "not_permitted",
            "lang": "en",
            "message": "d:zakat may not revise the plan: not on the team",
            "actor": {"id": "d:zakat", "kind": "donor"},
            "why": {"code": "not_on_team", "values": {}, "message": "not on the team"},
            "problems": []
        })
    );
}

#[test]
fn an_activity_refused_for_one_participant_and_a_long_note() {
    let mut case = planning();
    let w = worker();
    let mother = Actor::new("c:sari", ActorKind::ClientMember).unwrap();
    for (by, json) in [
        (
            &w,
            json!({"type":"add_goal","description":"Rina is back in school","addresses":[1,2],"scale":null}),
        ),
        (
            &w,
            json!({"type":"add_intervention","description":"Meet the school","serves":[1],
                    "function":"problem_solving_consultation","role":"mediator",
                    "responsible":{"party":"joint"},"uses":[]}),
        ),
        (
            &mother,
            json!({"type":"agree_to_plan","version":1,"on_behalf_of":null}),
        ),
        (
            &w,
            json!({"type":"move_to_stage","to":"implementation","reason":null,"termination":null}),
        ),
    ] {
        case.execute(by, at(), serde_json::from_value(json).unwrap())
            .unwrap();
    }
    let note = "x".repeat(4001);
    let (command, rejection) = refuse(
        &mut case,
        &w,
        json!({"type":"record_activity","function":"problem_solving_consultation","role":"enabler",
               "interventions":[1],"note":note,
               "detail":{"kind":"consultation","participants":["Ibu Sari"," ","Rina\u{7}"],
                         "worker_contribution":"options","client_contribution":"what works",
                         "options":[],"action_steps":[]}}),
    );
    let refusal = Refusal::of_command(&rejection, &command, Lang::En);
    let got: Vec<(String, Option<String>, String)> = refusal
        .problems
        .iter()
        .map(|p| (p.code.clone(), p.path.clone(), p.message.clone()))
        .collect();
    let row = |code: &str, path: &str, message: &str| {
        (code.to_owned(), Some(path.to_owned()), message.to_owned())
    };
    assert_eq!(
        got,
        [
            row(
                "empty_text",
                "/detail/participants/1",
                "participants is empty"
            ),
            row(
                "control_character",
                "/detail/participants/2",
                "participants contains control character U+0007"
            ),
            row(
                "text_too_long",
                "/note",
                "note has 4001 characters, more than 4000"
            ),
        ]
    );
    assert_eq!(
        serde_json::to_value(&refusal.problems[2].values).unwrap(),
        json!({"field": "note", "chars": 4001, "max": 4000})
    );
}

#[test]
fn an_opening_refused_points_into_the_team() {
    let mut team = team();
    team.push(member("c:joko", ActorKind::ClientMember, ""));
    team.push(member("c:sari", ActorKind::ClientMember, "Sari again"));
    let opening = opening(team);
    let rejection = Engagement::open(&worker(), at(), opening.clone()).unwrap_err();
    let refusal = Refusal::of_opening(&rejection, &opening, Lang::En);
    let paths: Vec<_> = refusal
        .problems
        .iter()
        .map(|p| (p.code.as_str(), p.path.as_deref()))
        .collect();
    assert_eq!(
        paths,
        [
            ("empty_text", Some("/team/2/name")),
            ("duplicate_member", Some("/team/3/id"))
        ]
    );
}

#[test]
fn a_state_problem_has_no_path() {
    let w = worker();
    let mut case = Engagement::open(&w, at(), opening(team())).unwrap();
    let (command, rejection) = refuse(
        &mut case,
        &w,
        json!({"type":"move_to_stage","to":"planning","reason":null,"termination":null}),
    );
    let refusal =
        serde_json::to_value(Refusal::of_command(&rejection, &command, Lang::Id)).unwrap();
    assert_eq!(
        refusal["problems"],
        json!([
            {"code": "no_open_need", "values": {},
             "message": "catat paling sedikit satu kebutuhan yang masih terbuka"},
            {"code": "no_strength", "values": {},
             "message": "catat paling sedikit satu kekuatan: sumber yang dimiliki sistem klien \
                         sendiri, atau yang disediakan baginya oleh masyarakat, tetangga atau \
                         kelompok di sekitarnya"}
        ])
    );
}

#[test]
fn event_names_are_the_serde_tags() {
    let mut case = planning();
    for recorded in case.take_pending() {
        let json = serde_json::to_value(&recorded.event).unwrap();
        assert_eq!(json["type"], recorded.event.name());
    }
}

#[test]
fn ids_display_their_bare_stable_form() {
    assert_eq!(NeedId(2).to_string(), "2");
    assert_eq!(format!("{:>3}", pendamping::PlanVersion(1)), "  1");
    assert_eq!(EngagementId::new("pkh-1").unwrap().to_string(), "pkh-1");
    #[cfg(feature = "ecomap")]
    assert_eq!(pendamping::ecomap::SystemId(7).to_string(), "7");
    // Messages name the kind of record themselves.
    assert_eq!(
        pendamping::RecordRef::Plan(pendamping::PlanVersion(1)).to_string(),
        "plan version 1"
    );
}

#[test]
fn a_problem_alone_serialises_without_a_path() {
    let problem = pendamping::Problem::TextTooLong {
        field: "domain",
        chars: 201,
        max: 200,
    };
    assert_eq!(
        serde_json::to_value(&problem).unwrap(),
        json!({"code": "text_too_long", "values": {"field": "domain", "chars": 201, "max": 200},
               "message": "domain has 201 characters, more than 200"})
    );
}

#[test]
fn a_member_named_by_id_is_found_where_the_command_names_it() {
    let mut case = planning();
    let (command, rejection) = refuse(
        &mut case,
        &worker(),
        json!({"type":"add_member","member":{"id":"c:sari","kind":"client_member","name":"Sari"}}),
    );
    let refusal = Refusal::of_command(&rejection, &command, Lang::En);
    let got: Vec<_> = refusal
        .problems
        .iter()
        .map(|p| (p.code.as_str(), p.path.as_deref()))
        .collect();
    assert_eq!(got, [("duplicate_member", Some("/member/id"))]);
    let (command, rejection) = refuse(
        &mut case,
        &worker(),
        json!({"type":"agree_to_plan","version":1,"on_behalf_of":"c:joko"}),
    );
    let refusal = Refusal::of_command(&rejection, &command, Lang::En);
    let got: Vec<_> = refusal
        .problems
        .iter()
        .map(|p| (p.code.as_str(), p.path.as_deref()))
        .collect();
    assert_eq!(
        got,
        [("not_on_team", Some("/on_behalf_of")), ("no_goal", None)]
    );
}

#[test]
fn the_wire_types_are_send_and_sync() {
    fn both<T: Send + Sync>() {}
    both::<Refusal>();
    both::<pendamping::wire::ProblemReport>();
    both::<pendamping::wire::Labels>();
    both::<pendamping::wire::LabelFileError>();
    both::<pendamping::wire::Catalogue>();
}
