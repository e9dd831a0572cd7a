//! What a command carries: text rules with pinned messages, bounded lists, forms and field-work
//! details, an outside resource's service details. Every refusal is checked to change
//! nothing (see `fixtures::refused`).

mod fixtures;

use fixtures::*;
use pendamping::*;

// ===================================================================== text

fn long(n: usize) -> String {
    "é".repeat(n)
}

#[test]
fn text_is_checked_with_pinned_messages() {
    let team = Team::new();
    let w = &team.worker;
    let mut case = team.open(Policy::default());
    let record = |domain: &str, description: &str| Command::RecordNeed {
        domain: domain.into(),
        description: description.into(),
        priority: pendamping::Priority::Low,
        confidentiality: None,
    };
    let cases: Vec<(String, String, &str)> = vec![
        (
            "".into(),
            "ok".into(),
            "cannot record_need: domain is empty",
        ),
        (
            " \t\n ".into(),
            "  ".into(),
            "cannot record_need: domain is empty; description is empty",
        ),
        (
            long(201),
            "ok".into(),
            "cannot record_need: domain has 201 characters, more than 200",
        ),
        (
            "ok".into(),
            long(4001),
            "cannot record_need: description has 4001 characters, more than 4000",
        ),
        (
            "in\u{0}come".into(),
            "ok".into(),
            "cannot record_need: domain contains control character U+0000",
        ),
        (
            "in\u{7}come".into(),
            "be\u{7}ll".into(),
            "cannot record_need: domain contains control character U+0007; \
             description contains control character U+0007",
        ),
        (
            "in\rcome".into(),
            "line\rone".into(),
            "cannot record_need: domain contains control character U+000D; \
             description contains control character U+000D",
        ),
        (
            "in\ncome".into(),
            "ok".into(),
            "cannot record_need: domain contains control character U+000A",
        ),
        (
            "in\tcome".into(),
            "ok".into(),
            "cannot record_need: domain contains control character U+0009",
        ),
        (
            "x".into(),
            "\u{1b}[31mred".into(),
            "cannot record_need: description contains control character U+001B",
        ),
        (
            "x".into(),
            "c1 \u{85} control".into(),
            "cannot record_need: description contains control character U+0085",
        ),
    ];
    for (domain, description, message) in cases {
        assert_eq!(
            refused(&mut case, w, day(1), record(&domain, &description)),
            message,
            "{domain:?} / {description:?}"
        );
    }

    // At the limits, line breaks and tabs in long text, trimmed on the way in.
    ok(&mut case, w, day(1), record(&long(200), &long(4000)));
    ok(
        &mut case,
        w,
        day(1),
        record("  income ", "\n First line\n\tsecond line  \n"),
    );
    let need = case.need(NeedId(2)).unwrap();
    assert_eq!(need.domain, "income");
    assert_eq!(need.description, "First line\n\tsecond line");
    assert_eq!(case.need(NeedId(1)).unwrap().domain.chars().count(), 200);

    // Names at opening and in the team.
    let bad = Opening {
        client: ClientSystem {
            level: ClientSystemLevel::Family,
            name: "Keluarga\u{0}Sari".into(),
        },
        team: vec![
            member(w, " "),
            member(&team.mother, &long(201)),
            member(&team.mother, "Ibu Sari"),
        ],
        ..team.opening(Policy::default())
    };
    assert_eq!(
        Engagement::open(w, day(0), bad).unwrap_err().to_string(),
        "cannot open: client name contains control character U+0000; member name is empty; \
         member name has 201 characters, more than 200; c:sari is on the team already"
    );
    let add = |name: &str| Command::AddMember {
        member: TeamMember {
            id: id("c:ani"),
            kind: ActorKind::ClientMember,
            name: name.into(),
        },
    };
    assert_eq!(
        refused(&mut case, &team.supervisor, day(1), add("A\rni")),
        "cannot add_member: member name contains control character U+000D"
    );
    // A trailing line break is whitespace, and trimmed.
    ok(&mut case, &team.supervisor, day(1), add("Ani\r\n"));
    assert_eq!(case.team().last().unwrap().name, "Ani");
}

#[test]
fn forms_and_field_work_details() {
    let team = Team::new();
    let w = &team.worker;
    let mut case = team.open(Policy::default());

    // A blank optional field, as a form sends it, is recorded as absent.
    ok(
        &mut case,
        w,
        day(1),
        need("documents", "No birth certificate"),
    );
    ok(
        &mut case,
        w,
        day(1),
        Command::MarkNeedMet {
            need: NeedId(1),
            note: Some("   ".into()),
        },
    );
    assert_eq!(
        case.need(NeedId(1)).map(|n| n.status.clone()),
        Some(pendamping::NeedStatus::Met { note: None })
    );

    // A name may not carry a Unicode line separator; a long text may not carry a
    // right-to-left override.
    assert_eq!(
        refused(
            &mut case,
            w,
            day(1),
            need("school\u{2028}fees", "Fees\u{202E}")
        ),
        "cannot record_need: domain contains control character U+2028; description contains \
         control character U+202E"
    );

    // A worker adds a family member met on a visit; staff changes are the supervisor's.
    let add = |id_: &str, kind| Command::AddMember {
        member: TeamMember {
            id: id(id_),
            kind,
            name: "Someone".into(),
        },
    };
    ok(&mut case, w, day(2), add("c:rina", ActorKind::ClientMember));
    assert_eq!(
        decide(&case, w, day(2), &add("w:rudi", ActorKind::SocialWorker))
            .unwrap_err()
            .to_string(),
        "w:siti (social_worker) may not add_member: the policy does not give a social_worker \
         the manage_team permission"
    );
    ok(
        &mut case,
        &team.supervisor,
        day(2),
        add("w:rudi", ActorKind::SocialWorker),
    );

    // A hold's review date cannot come before the hold.
    assert_eq!(
        refused(
            &mut case,
            w,
            day(3),
            Command::Hold {
                reason: "The family is away".into(),
                review_on: day(2).date_naive().into(),
            },
        ),
        "cannot hold: the review date 2026-03-04 is before the hold begins"
    );
}

#[test]
fn lists_are_bounded_before_they_are_walked() {
    let team = Team::new();
    let w = &team.worker;
    let mut case = planned(&team, Policy::default());
    // A hostile front end sends a goal addressing a million needs: refused at once, by count.
    let huge = Command::AddGoal {
        description: "Everything".into(),
        addresses: (1..=1_000_000).map(NeedId).collect(),
        scale: None,
    };
    let before = case.clone();
    assert_eq!(
        refused(&mut case, w, day(9), huge),
        "cannot add_goal: plan version 1 was agreed to: revise the plan to change it; addresses \
         has 1000000 entries, more than 500"
    );
    assert_eq!(case, before);

    let mut case = implementing(&team, Policy::default());
    let crowd = Command::RecordActivity {
        function: Function::Education,
        role: Role::Enabler,
        interventions: vec![],
        detail: ActivityDetail::Education {
            topic: "Handwashing".into(),
            learners: vec!["Resident".to_owned(); 501],
            educators: vec!["Siti".into()],
            prevention_focus: None,
        },
        note: None,
        confidentiality: None,
    };
    assert_eq!(
        refused(&mut case, w, day(9), crowd),
        "cannot record_activity: learners has 501 entries, more than 500"
    );

    let mut opening = team.opening(Policy::default());
    opening.team.extend((0..1_000).map(|i| TeamMember {
        id: id(&format!("c:{i}")),
        kind: ActorKind::ClientMember,
        name: format!("Resident {i}"),
    }));
    assert_eq!(
        Engagement::open(w, day(0), opening)
            .unwrap_err()
            .to_string(),
        "cannot open: team has 1007 entries, more than 1000"
    );
}

#[test]
fn an_outside_resource_carries_its_service_details() {
    let team = Team::new();
    let w = &team.worker;
    let mut case = team.open(Policy::default());

    // As a front end sends it: blank fields are dropped, languages deduplicated.
    let json = r#"{"type":"record_resource","kind":"social","description":"Child immunisation",
        "holder":"Puskesmas Cibeunying","barriers":["information"],
        "service":{"organisation":"Puskesmas Cibeunying","location":"Jl. Cibeunying 12",
                   "schedule":"Tue and Thu 08:00-12:00","cost":"Free with KIS","eligibility":"",
                   "languages":["Bahasa Indonesia","Sunda","Sunda"]}}"#;
    ok(&mut case, w, day(1), serde_json::from_str(json).unwrap());
    let service = case
        .resource(ResourceId(1))
        .unwrap()
        .service
        .clone()
        .unwrap();
    assert_eq!(service.location.as_deref(), Some("Jl. Cibeunying 12"));
    assert_eq!(service.eligibility, None);
    assert_eq!(service.languages, ["Bahasa Indonesia", "Sunda"]);

    // Without details, a resource's JSON has no `service` member: stored journals keep
    // their bytes.
    ok(&mut case, w, day(1), strength("A supportive grandmother"));
    let plain = serde_json::to_string(case.resource(ResourceId(2)).unwrap()).unwrap();
    assert!(!plain.contains("service"), "{plain}");

    // Details of a strength, or an overlong location, are refused.
    let mut details = pendamping::ServiceDetails::default();
    details.location = Some("x".repeat(201));
    assert_eq!(
        refused(
            &mut case,
            w,
            day(2),
            Command::RecordResource {
                kind: pendamping::ResourceKind::Personal,
                description: "Can sew".into(),
                holder: None,
                barriers: vec![],
                service: Some(details),
                confidentiality: None,
            },
        ),
        "cannot record_resource: service details belong to a resource held outside the client \
         system; location has 201 characters, more than 200"
    );
    assert_eq!(Engagement::replay(case.take_pending()).unwrap(), case);
}
