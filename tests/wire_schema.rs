//! The committed schemas against real traffic, with a real validator (`jsonschema`): every
//! command of the command sessions under `fuzz/seeds/execute` (the family case of the
//! walkthrough and the tests, activities, holds, the team), the opening they start from, and
//! every line of the journal each session writes; the commands the tests' shared helpers build
//! and the journals of the cases they drive. And invalid commands: each is refused by the
//! schema and by the crate.
#![cfg(feature = "journal")]

#[path = "builder/mod.rs"]
mod builder;
#[path = "fixtures/mod.rs"]
mod fixtures;
#[path = "journal_case/mod.rs"]
mod journal_case;

use chrono::{DateTime, TimeDelta, TimeZone, Utc};
use jsonschema::Validator;
use pendamping::Lang;
use pendamping::wire::Refusal;
use pendamping::{
    Actor, ActorKind, ClientSystem, ClientSystemLevel, Command, Engagement, EngagementId, Journal,
    Opening, Policy, TeamMember,
};
use serde_json::{Value, json};
use std::path::Path;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn validator(name: &str) -> Validator {
    let text = std::fs::read_to_string(root().join("schema").join(name)).unwrap();
    let schema: Value = serde_json::from_str(&text).unwrap();
    // Formats (`date-time`, `date`) are checked too, as a front end's validator should.
    jsonschema::options()
        .should_validate_formats(true)
        .build(&schema)
        .unwrap_or_else(|e| panic!("{name}: {e}"))
}

fn errors(v: &Validator, instance: &Value) -> Vec<String> {
    v.iter_errors(instance).map(|e| e.to_string()).collect()
}

/// The people of the sessions, by the letter a session line starts with.
fn cast() -> Vec<(u8, Actor, &'static str)> {
    let a = |id: &str, kind| Actor::new(id, kind).unwrap();
    vec![
        (b'w', a("w:siti", ActorKind::SocialWorker), "Siti Rahma"),
        (b's', a("s:budi", ActorKind::Supervisor), "Budi Santoso"),
        (b'm', a("c:sari", ActorKind::ClientMember), "Ibu Sari"),
        (b'f', a("c:joko", ActorKind::ClientMember), "Pak Joko"),
        (
            b'r',
            a("r:rt05", ActorKind::CommunityRepresentative),
            "Ketua RT 05",
        ),
        (b'd', a("d:zakat", ActorKind::Donor), "Lembaga Zakat Kota"),
        (
            b'a',
            a("a:puskesmas", ActorKind::Agency),
            "Puskesmas Sukamaju",
        ),
        (b'x', a("x:stranger", ActorKind::SocialWorker), ""),
    ]
}

fn opening() -> Opening {
    Opening {
        id: EngagementId::new("pkh-3273-000142").unwrap(),
        client: ClientSystem {
            level: ClientSystemLevel::Family,
            name: "Keluarga Ibu Sari".into(),
        },
        team: cast()
            .into_iter()
            .filter(|(letter, ..)| *letter != b'x')
            .map(|(_, a, name)| TeamMember {
                id: a.id,
                kind: a.kind,
                name: name.into(),
            })
            .collect(),
        policy: Policy::default(),
    }
}

/// One line of a session: who, how many hours later, and the command's JSON.
struct Step {
    by: Actor,
    hours: i64,
    json: Value,
}

fn sessions() -> Vec<(String, Vec<Step>)> {
    let dir = root().join("fuzz/seeds/execute");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    assert!(
        files.len() >= 4,
        "the sessions are missing from {}",
        dir.display()
    );
    let cast = cast();
    files
        .into_iter()
        .map(|path| {
            let text = std::fs::read_to_string(&path).unwrap();
            let steps = text
                .lines()
                .filter_map(|line| {
                    let brace = line.find('{')?;
                    let (prefix, json) = line.split_at(brace);
                    let prefix = prefix.as_bytes();
                    let letter = prefix.first().copied().unwrap_or(b'w');
                    let (_, by, _) = cast.iter().find(|(l, ..)| *l == letter)?;
                    Some(Step {
                        by: by.clone(),
                        hours: prefix.get(1).map_or(1, |&b| i64::from(b) - 16),
                        json: serde_json::from_str(json).unwrap(),
                    })
                })
                .collect();
            (
                path.file_name().unwrap().to_string_lossy().into_owned(),
                steps,
            )
        })
        .collect()
}

fn start() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 3, 2, 9, 0, 0).unwrap()
}

/// A text one character longer than any bound.
fn too_long() -> String {
    "x".repeat(pendamping::engagement::MAX_TEXT_CHARS + 1)
}

/// Every string member of a JSON value, as JSON Pointers (the tag left out).
fn string_members(value: &Value, at: &str, out: &mut Vec<String>) {
    match value {
        Value::String(_) if !at.ends_with("/type") => out.push(at.to_owned()),
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                string_members(item, &format!("{at}/{i}"), out);
            }
        }
        Value::Object(members) => {
            for (k, item) in members {
                string_members(item, &format!("{at}/{k}"), out);
            }
        }
        _ => {}
    }
}

/// Every command of every session is valid against the command schema, or (for the few a
/// session sends to be refused) refused by the crate too; every text member of an accepted
/// command, made too long, is refused by both; and every line of the journal each session
/// writes is a valid journal line, its event a valid event.
#[test]
fn sessions_and_their_journals_fit_the_schemas() {
    let command_schema = validator("command.schema.json");
    let line_schema = validator("journal-line.schema.json");
    let recorded_schema = validator("recorded.schema.json");
    let event_schema = validator("event.schema.json");
    let opening_schema = validator("opening.schema.json");
    let opening_json = serde_json::to_value(opening()).unwrap();
    assert_eq!(errors(&opening_schema, &opening_json), Vec::<String>::new());

    let mut commands = 0;
    let mut mutated = 0;
    let mut lines = 0;
    for (file, steps) in sessions() {
        let mut now = start();
        let worker = &cast()[0].1;
        let mut case = Engagement::open(worker, now, opening()).unwrap();
        for step in steps {
            now += TimeDelta::hours(step.hours);
            let command: Command = serde_json::from_value(step.json.clone()).unwrap();
            let schema_errors = errors(&command_schema, &step.json);
            let accepted = pendamping::decide(&case, &step.by, now, &command).is_ok();
            assert!(
                schema_errors.is_empty() || !accepted,
                "{file}: {} accepted by the crate, refused by the schema: {schema_errors:?}",
                step.json
            );
            commands += 1;
            if accepted {
                // Each text member, made bad in each way (or blank), is accepted by the schema
                // exactly when the crate accepts it.
                let mut members = Vec::new();
                string_members(&step.json, "", &mut members);
                for member in members {
                    for bad in [
                        too_long(),
                        "a\u{7}b".into(),
                        "a\u{202E}b".into(),
                        "  ".into(),
                    ] {
                        let mut changed = step.json.clone();
                        *changed.pointer_mut(&member).unwrap() = Value::String(bad.clone());
                        let schema_accepts = command_schema.is_valid(&changed);
                        let decided = serde_json::from_value::<Command>(changed.clone())
                            .map(|c| (pendamping::decide(&case, &step.by, now, &c), c));
                        let crate_accepts = matches!(decided, Ok((Ok(_), _)));
                        if let Ok((Err(rejection), c)) = &decided {
                            // The refusal points at the member that was changed.
                            let refusal = Refusal::of_command(rejection, c, Lang::En);
                            let paths: Vec<_> = refusal
                                .problems
                                .iter()
                                .filter_map(|p| p.path.clone())
                                .collect();
                            assert!(paths.contains(&member), "{file}: {member} not in {paths:?}");
                            for path in &paths {
                                assert!(changed.pointer(path).is_some(), "{path} in {changed}");
                            }
                        }
                        assert_eq!(
                            schema_accepts,
                            crate_accepts,
                            "{file}: {} with {member} = {:?}: schema accepts {schema_accepts}",
                            command.name(),
                            bad.chars().take(8).collect::<String>()
                        );
                        mutated += 1;
                    }
                }
            }
            let _ = case.execute(&step.by, now, command);
        }
        let mut journal = Journal::new();
        journal.append_pending(&mut case).unwrap();
        let bytes = journal.as_bytes();
        for line in bytes.split(|&b| b == b'\n').filter(|l| !l.is_empty()) {
            let value: Value = serde_json::from_slice(line).unwrap();
            assert_eq!(errors(&line_schema, &value), Vec::<String>::new(), "{file}");
            assert_eq!(errors(&event_schema, &value["event"]), Vec::<String>::new());
            let mut recorded = value.clone();
            let object = recorded.as_object_mut().unwrap();
            for envelope in ["v", "engagement", "prev", "hash"] {
                object.remove(envelope);
            }
            assert_eq!(errors(&recorded_schema, &recorded), Vec::<String>::new());
            lines += 1;
        }
    }
    assert!(
        commands > 60 && lines > 40 && mutated > 100,
        "{commands} {lines} {mutated}"
    );
}

/// Checks every line of the journal of `case`'s pending events against the journal-line,
/// recorded and event schemas; returns how many lines.
fn check_journal(what: &str, case: &mut Engagement) -> usize {
    let line_schema = validator("journal-line.schema.json");
    let recorded_schema = validator("recorded.schema.json");
    let event_schema = validator("event.schema.json");
    let mut journal = Journal::new();
    journal.append_pending(case).unwrap();
    let mut lines = 0;
    for line in journal
        .as_bytes()
        .split(|&b| b == b'\n')
        .filter(|l| !l.is_empty())
    {
        let value: Value = serde_json::from_slice(line).unwrap();
        assert_eq!(
            errors(&line_schema, &value),
            Vec::<String>::new(),
            "{what}: {value}"
        );
        assert_eq!(
            errors(&event_schema, &value["event"]),
            Vec::<String>::new(),
            "{what}"
        );
        let mut recorded = value.clone();
        let object = recorded.as_object_mut().unwrap();
        for envelope in ["v", "engagement", "prev", "hash"] {
            object.remove(envelope);
        }
        assert_eq!(
            errors(&recorded_schema, &recorded),
            Vec::<String>::new(),
            "{what}"
        );
        lines += 1;
    }
    lines
}

/// The commands the tests' helpers build are valid, and so is every line of the journals of
/// the cases the helpers drive (the family case into implementation, with and without
/// approvals; the journal tests' case; a builder case from opening to closing).
#[test]
fn the_tests_commands_and_journals_fit_the_schemas() {
    use pendamping::{Barrier, Function, Responsible, Role, Stage, TerminationReason};
    let command_schema = validator("command.schema.json");
    let team = fixtures::Team::new();
    let commands = [
        fixtures::need("schooling", "Ani stopped going to school"),
        fixtures::strength("A careful budget"),
        fixtures::external("Puskesmas", "Health checks", vec![Barrier::Information]),
        fixtures::goal("Ani is back at school", &[1], Some(2)),
        fixtures::goal("The baby is immunised", &[2], None),
        fixtures::intervention(
            "Talk",
            &[1],
            Function::Education,
            Role::Enabler,
            Responsible::Joint,
        ),
        fixtures::agree(1, Some(&team.mother)),
        fixtures::agree(1, None),
        fixtures::move_to(Stage::Planning),
        fixtures::end(Stage::Termination, TerminationReason::Moved),
        fixtures::consultation(&[1]),
        fixtures::refer(2, fixtures::partner(&team.agency)),
        fixtures::consent(1, None),
        fixtures::referral_status(1, pendamping::ReferralStatus::Accepted),
        journal_case::consultation(3),
    ];
    for command in &commands {
        let json = serde_json::to_value(command).unwrap();
        assert_eq!(
            errors(&command_schema, &json),
            Vec::<String>::new(),
            "{json}"
        );
    }
    let opening = serde_json::to_value(team.opening(Policy::default())).unwrap();
    assert_eq!(
        errors(&validator("opening.schema.json"), &opening),
        Vec::<String>::new()
    );

    let mut lines = 0;
    let mut approvals = Policy::default();
    approvals.plan_approval_required = true;
    for policy in [Policy::default(), approvals] {
        lines += check_journal("implementing", &mut fixtures::implementing(&team, policy));
    }
    lines += check_journal("journal case", &mut journal_case::case());
    let mut case = builder::Case::open("case-1", "Keluarga", "Ibu", vec![], builder::day(0));
    case.assess(builder::day(1));
    case.plan(builder::day(2), 2);
    case.activity(
        builder::day(3),
        Role::Mediator,
        Function::ProblemSolvingConsultation,
    );
    case.evaluate(
        builder::day(4),
        pendamping::gas::Level::MoreThanExpected,
        pendamping::Decision::Continue,
    );
    case.stage(builder::day(5), Stage::Implementation);
    case.hold(builder::day(5));
    case.resume(builder::day(6));
    case.end_and_close(builder::day(7));
    lines += check_journal("builder case", &mut case.e);
    assert!(lines > 40, "{lines}");
}

/// Invalid commands, each refused by the schema and by the crate, with what the crate says.
#[test]
fn invalid_commands_are_refused_by_schema_and_crate() {
    let command_schema = validator("command.schema.json");
    let worker = cast()[0].1.clone();
    let mut case = Engagement::open(&worker, start(), opening()).unwrap();
    let need =
        |d: &str| json!({"type":"record_need","domain":"health","description":d,"priority":"high"});
    let mut run = |json: Value| {
        let command = serde_json::from_value(json).unwrap();
        case.execute(&worker, start(), command).unwrap();
    };
    run(need("The baby missed two immunisations"));
    run(
        json!({"type":"record_resource","kind":"personal","description":"A careful budget","holder":null}),
    );
    run(json!({"type":"move_to_stage","to":"planning","reason":null,"termination":null}));
    let scale = |weight: u16| json!({"levels":["a","b","c","d","e"],"weight":weight});
    let ids: Vec<u32> = (1..=501).collect();
    let cases: Vec<(Value, &str)> = vec![
        (need("   "), "cannot record_need: description is empty"),
        (
            need(&too_long()),
            "cannot record_need: description has 4001 characters, more than 4000",
        ),
        (
            need("paid \u{202E}0001"),
            "cannot record_need: description contains control character U+202E",
        ),
        (
            json!({"type":"record_need","domain":"a\nb","description":"x","priority":"high"}),
            "cannot record_need: domain contains control character U+000A",
        ),
        (
            json!({"type":"record_need","domain":"a","description":"x","priority":"extreme"}),
            "serde",
        ),
        (
            json!({"type":"add_goal","description":"x","addresses":[],"scale":null}),
            "cannot add_goal: addresses needs at least one entry",
        ),
        (
            json!({"type":"add_goal","description":"x","addresses":ids,"scale":null}),
            "cannot add_goal: addresses has 501 entries, more than 500",
        ),
        (
            json!({"type":"add_goal","description":"x","addresses":[1],"scale":scale(0)}),
            "cannot add_goal: a goal's attainment scale needs a weight of at least 1",
        ),
        (
            json!({"type":"agree_to_plan","version":1,"on_behalf_of":"kasus 1"}),
            "serde",
        ),
        (
            json!({"type":"agree_to_plan","version":0,"on_behalf_of":"c:sari"}),
            "cannot agree_to_plan: plan version 0 is not the current plan (plan version 1)",
        ),
        (json!({"type":"remove_member","id":""}), "serde"),
        (
            json!({"type":"record_evaluation","scores":[{"goal":1,"level":3,"achievement":"achieved"}],
                   "notes":null,"decision":"continue"}),
            "serde",
        ),
        (
            json!({"type":"hold","reason":"x","review_on":"2026-02-30"}),
            "serde",
        ),
        (json!({"type":"no_such_command"}), "serde"),
    ];
    for (command, expected) in cases {
        assert!(
            !command_schema.is_valid(&command),
            "schema accepts {command}"
        );
        match serde_json::from_value::<Command>(command.clone()) {
            Err(_) => assert_eq!(expected, "serde", "{command}"),
            Ok(parsed) => {
                let refusal = case
                    .execute(&worker, start(), parsed)
                    .unwrap_err()
                    .to_string();
                assert_eq!(refusal, expected);
            }
        }
    }
}

static COMMAND_SCHEMA: std::sync::LazyLock<Validator> =
    std::sync::LazyLock::new(|| validator("command.schema.json"));

proptest::proptest! {
    /// The schema's id pattern accepts exactly the ids the crate accepts.
    #[test]
    fn the_id_pattern_is_the_crates(id in "[A-Za-z0-9._:\\- é/\n]{0,70}") {
        let command = json!({"type": "remove_member", "id": id});
        proptest::prop_assert_eq!(
            COMMAND_SCHEMA.is_valid(&command),
            pendamping::ActorId::new(id.clone()).is_ok()
        );
    }
}
