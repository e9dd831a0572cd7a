//! The eco-map as an embedding app sees it: defaults derived from the records, edits, serde,
//! and drawings that stay well-formed whatever names people type.

mod builder;

use builder::{Case, day, member};
use pendamping::ecomap::{
    EcoMap, EcoMapError, Flow, System, SystemId, SystemKind, Tie, TieStrength,
};
use pendamping::{
    ActorKind, Barrier, ClientSystemLevel, Lang, ParseError, Provider, ReferralStatus,
    ResourceKind, Vocabulary,
};
use std::collections::BTreeMap;

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

/// A family with members, partners, strengths, resources and four referrals ending four ways.
fn family() -> Case {
    let mut case = Case::open(
        "fam-1",
        "Keluarga Sari",
        "Ibu Sari",
        vec![
            member("m:2", ActorKind::ClientMember, "Pak Budi"),
            member("c:1", ActorKind::CommunityRepresentative, "Ketua RT"),
            member("d:1", ActorKind::Donor, "Yayasan"),
            member("a:1", ActorKind::Agency, "Dinas Sosial"),
        ],
        day(0),
    );
    case.need(day(1));
    case.resource(
        day(1),
        ResourceKind::Personal,
        "Careful budgeting",
        None,
        vec![],
    );
    case.resource(
        day(1),
        ResourceKind::Interpersonal,
        "Neighbours' arisan",
        None,
        vec![],
    );
    let pkh = case.resource(
        day(1),
        ResourceKind::Social,
        "Cash transfer",
        Some("dinas sosial "),
        vec![Barrier::MissingDocuments],
    );
    case.resource(
        day(1),
        ResourceKind::Social,
        "Check-ups",
        Some("Puskesmas"),
        vec![Barrier::DistanceOrTransport],
    );
    case.resource(day(1), ResourceKind::Social, "Course", Some("BLK"), vec![]);
    let waiver = case.resource(
        day(1),
        ResourceKind::Social,
        "Fee waiver",
        Some("School"),
        vec![],
    );
    let loan = case.resource(
        day(1),
        ResourceKind::Social,
        "Loan",
        Some("Koperasi"),
        vec![],
    );
    let food = case.resource(
        day(1),
        ResourceKind::Social,
        "Food parcel",
        Some("Food bank"),
        vec![],
    );
    case.stage(day(2), pendamping::Stage::Planning);
    case.plan(day(3), 1);

    let agency = Provider::Partner {
        id: "a:1".parse().unwrap(),
    };
    let r1 = case.refer(day(4), pkh, agency);
    let dinsos = pendamping::Actor::new("a:1", ActorKind::Agency).unwrap();
    case.run_as(
        &dinsos,
        day(5),
        pendamping::Command::SetReferralStatus {
            referral: r1,
            status: ReferralStatus::Accepted,
            note: None,
        },
    );
    case.run_as(
        &dinsos,
        day(6),
        pendamping::Command::SetReferralStatus {
            referral: r1,
            status: ReferralStatus::Completed,
            note: None,
        },
    );
    let r2 = case.refer(
        day(7),
        waiver,
        Provider::External {
            name: "School".into(),
        },
    );
    case.referral_status(day(8), r2, ReferralStatus::Rejected);
    let r3 = case.refer(
        day(8),
        loan,
        Provider::External {
            name: "Koperasi".into(),
        },
    );
    case.referral_status(day(8), r3, ReferralStatus::Accepted);
    case.referral_status(day(9), r3, ReferralStatus::Failed);
    let r4 = case.refer(
        day(10),
        food,
        Provider::External {
            name: "Food bank".into(),
        },
    );
    case.referral_status(day(11), r4, ReferralStatus::Accepted);
    case
}

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

const HOSTILE: &[&str] = &[
    r#""]; evil [label="x"#,
    "a\nb",
    "<b>bold</b>",
    "{x}",
    "A|B",
    "%% comment",
    "back\\slash \\N \\n",
    "semi; colon # hash & amp `tick` (paren) [bracket]",
    "n0 -> n1",
    "end",
    "subgraph x",
    "tab\there\r\n",
];

fn hostile_map() -> EcoMap {
    let mut map = EcoMap::new(r#"Keluarga "Sari" {1}"#, ClientSystemLevel::Family).unwrap();
    map.centre_mut().strengths.push("<script>;".into());
    for (i, name) in HOSTILE.iter().enumerate() {
        let strength = TieStrength::ALL[i % 4];
        let flow = Flow::ALL[i % 3];
        let id = map
            .add_system(SystemKind::Other, *name, Tie::new(strength, flow))
            .unwrap();
        map.set_note(id, Some(format!("note {name}"))).unwrap();
    }
    map
}

/// A DOT token: a bare word (id or number), a quoted string (unescaped), or punctuation.
#[derive(Debug, PartialEq, Clone)]
enum Token {
    Word(String),
    Quoted(String),
    Punct(char),
}

fn dot_tokens(line: &str) -> Vec<Token> {
    let mut tokens = Vec::new();
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            ' ' => {}
            '"' => {
                let mut text = String::new();
                loop {
                    match chars.next() {
                        None => panic!("unterminated string in {line:?}"),
                        Some('"') => break,
                        Some('\\') => match chars.next() {
                            Some('"') => text.push('"'),
                            Some('\\') => text.push('\\'),
                            Some('n') => text.push('\n'),
                            other => panic!("unexpected escape {other:?} in {line:?}"),
                        },
                        Some(c) => {
                            assert!(!c.is_control(), "raw control character in {line:?}");
                            text.push(c);
                        }
                    }
                }
                tokens.push(Token::Quoted(text));
            }
            '-' if chars.peek() == Some(&'>') => {
                chars.next();
                tokens.push(Token::Punct('>'));
            }
            c if c.is_ascii_alphanumeric() || c == '_' || c == '.' => {
                let mut word = String::from(c);
                while let Some(&d) = chars.peek() {
                    if d.is_ascii_alphanumeric() || d == '_' || d == '.' {
                        word.push(d);
                        chars.next();
                    } else {
                        break;
                    }
                }
                tokens.push(Token::Word(word));
            }
            '[' | ']' | '=' | ',' | ';' | '{' | '}' => tokens.push(Token::Punct(c)),
            other => panic!("unexpected {other:?} outside a string in {line:?}"),
        }
    }
    tokens
}

fn is_id(token: &Token) -> bool {
    matches!(token, Token::Word(w) if w.chars().next().is_some_and(|c| c.is_ascii_lowercase())
        && w.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_'))
}

/// Reads `[a=b, c="d"]` from the start of `tokens`; returns the attributes and the rest.
fn attributes(tokens: &[Token]) -> (BTreeMap<String, Token>, &[Token]) {
    assert_eq!(tokens.first(), Some(&Token::Punct('[')), "{tokens:?}");
    let mut attrs = BTreeMap::new();
    let mut rest = &tokens[1..];
    loop {
        match rest {
            [Token::Word(key), Token::Punct('='), value, more @ ..] => {
                assert!(
                    matches!(value, Token::Word(_) | Token::Quoted(_)),
                    "{value:?}"
                );
                attrs.insert(key.clone(), value.clone());
                rest = match more {
                    [Token::Punct(','), after @ ..] => after,
                    [Token::Punct(']'), after @ ..] => return (attrs, after),
                    _ => panic!("bad attribute list {tokens:?}"),
                };
            }
            _ => panic!("bad attribute list {tokens:?}"),
        }
    }
}

/// Checks every line of a DOT drawing against the few statement forms `to_dot` writes, and
/// returns the node labels and the edges (with their attributes).
#[allow(clippy::type_complexity)]
fn parse_dot(
    dot: &str,
) -> (
    BTreeMap<String, String>,
    Vec<(String, String, BTreeMap<String, Token>)>,
) {
    let mut lines = dot.lines();
    assert_eq!(lines.next(), Some("digraph ecomap {"));
    assert!(dot.ends_with("}\n"));
    let mut labels = BTreeMap::new();
    let mut edges = Vec::new();
    for line in lines {
        if line == "}" {
            continue;
        }
        assert!(line.starts_with("    ") && line.ends_with(';'), "{line:?}");
        let tokens = dot_tokens(line);
        let semis = tokens.iter().filter(|t| **t == Token::Punct(';')).count();
        assert_eq!(semis, 1, "one statement per line: {line:?}");
        match tokens.as_slice() {
            [Token::Word(_), Token::Punct('='), _, Token::Punct(';')] => {}
            [a, Token::Punct('>'), b, rest @ ..] => {
                assert!(is_id(a) && is_id(b), "{line:?}");
                let (attrs, rest) = attributes(rest);
                assert_eq!(rest, [Token::Punct(';')], "{line:?}");
                let (Token::Word(a), Token::Word(b)) = (a, b) else {
                    unreachable!()
                };
                edges.push((a.clone(), b.clone(), attrs));
            }
            [id, rest @ ..] => {
                assert!(is_id(id), "{line:?}");
                let (attrs, rest) = attributes(rest);
                assert_eq!(rest, [Token::Punct(';')], "{line:?}");
                if let (Token::Word(id), Some(Token::Quoted(label))) = (id, attrs.get("label")) {
                    labels.insert(id.clone(), label.clone());
                }
            }
            [] => panic!("empty statement"),
        }
    }
    (labels, edges)
}

#[test]
fn dot_is_well_formed_whatever_the_names() {
    let map = hostile_map();
    for lang in [Lang::En, Lang::Id] {
        let dot = map.to_dot(lang);
        let (labels, edges) = parse_dot(&dot);
        // Every name comes back intact from its label (tabs become spaces, \r is dropped).
        assert_eq!(
            labels["n0"],
            "Keluarga \"Sari\" {1}\nKeluarga\n+ <script>;".replace(
                "Keluarga\n",
                &format!("{}\n", ClientSystemLevel::Family.label(lang))
            )
        );
        for (n, name) in (1..).zip(HOSTILE) {
            let want = format!(
                "{}\n{}",
                name.trim().replace('\t', " ").replace('\r', ""),
                SystemKind::Other.label(lang)
            );
            assert_eq!(labels[&format!("n{n}")], want);
        }
        // One edge per system, from the centre, styled by strength, arrowed by flow.
        let ties: Vec<_> = edges.iter().filter(|(a, _, _)| a == "n0").collect();
        assert_eq!(ties.len(), HOSTILE.len());
        for (i, (_, b, attrs)) in ties.iter().enumerate() {
            assert_eq!(b, &format!("n{}", i + 1));
            let word = |k: &str| match attrs.get(k) {
                Some(Token::Word(w) | Token::Quoted(w)) => Some(w.as_str()),
                _ => None,
            };
            let dir = ["back", "forward", "both"][i % 3];
            assert_eq!(word("dir"), Some(dir));
            match TieStrength::ALL[i % 4] {
                TieStrength::Strong => assert_eq!(word("penwidth"), Some("3")),
                TieStrength::Moderate => assert_eq!(word("penwidth"), Some("1")),
                TieStrength::Tenuous => assert_eq!(word("style"), Some("dashed")),
                TieStrength::Stressful => {
                    assert_eq!(word("color"), Some("red:invis:red"));
                    assert!(
                        word("label")
                            .unwrap()
                            .starts_with(&format!("{}\nnote ", TieStrength::Stressful.label(lang)))
                    );
                }
            }
            assert!(word("label").unwrap().contains(&format!(
                "note {}",
                HOSTILE[i].trim().replace('\t', " ").replace('\r', "")
            )));
        }
        // The legend: a sample of every strength and every flow, in the language.
        for s in TieStrength::ALL {
            assert!(labels.values().any(|l| l == s.label(lang)), "{s:?}");
        }
        for f in Flow::ALL {
            assert!(labels.values().any(|l| l == f.label(lang)), "{f:?}");
        }
        assert!(labels.values().any(|l| l
            == if lang == Lang::Id {
                "Keterangan"
            } else {
                "Legend"
            }));
    }
}

/// Undoes `to_mermaid`'s escaping of one label, checking that nothing unsafe is left raw.
fn mermaid_unescape(label: &str) -> String {
    for bad in [
        '"', ';', '<', '>', '{', '}', '[', ']', '(', ')', '|', '%', '&', '`', '\\', '\n', '\r',
        '\t',
    ] {
        let raw = label.replace("<br/>", "").replace("#quot;", "");
        let raw = strip_entities(&raw);
        assert!(!raw.contains(bad), "raw {bad:?} in {label:?}");
    }
    let mut out = String::new();
    let mut rest = label;
    while !rest.is_empty() {
        if let Some(after) = rest.strip_prefix("<br/>") {
            out.push('\n');
            rest = after;
        } else if let Some(after) = rest.strip_prefix("#quot;") {
            out.push('"');
            rest = after;
        } else if let Some(after) = rest.strip_prefix('#') {
            let end = after.find(';').expect("entity without ;");
            let code: u32 = after[..end].parse().expect("numeric entity");
            out.push(char::from_u32(code).unwrap());
            rest = &after[end + 1..];
        } else {
            let c = rest.chars().next().unwrap();
            out.push(c);
            rest = &rest[c.len_utf8()..];
        }
    }
    out
}

fn strip_entities(text: &str) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(start) = rest.find('#') {
        out.push_str(&rest[..start]);
        let after = &rest[start + 1..];
        let end = after
            .find(';')
            .unwrap_or_else(|| panic!("bare # in {text:?}"));
        assert!(after[..end].chars().all(|c| c.is_ascii_digit()), "{text:?}");
        rest = &after[end + 1..];
    }
    out.push_str(rest);
    out
}

/// Splits at spaces that are not inside a `"..."` string.
fn split_outside_quotes(text: &str) -> Vec<&str> {
    let mut parts = Vec::new();
    let mut start = 0;
    let mut quoted = false;
    for (i, c) in text.char_indices() {
        match c {
            '"' => quoted = !quoted,
            ' ' if !quoted => {
                parts.push(&text[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    assert!(!quoted, "unbalanced quotes in {text:?}");
    parts.push(&text[start..]);
    parts
}

/// Splits `id("label")`, `id(("label"))` or `id["label"]` into the id and the raw label.
fn mermaid_node(text: &str) -> (&str, Option<&str>) {
    let end = text
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
        .unwrap_or(text.len());
    let (id, rest) = text.split_at(end);
    assert!(
        id.starts_with('n') || id.starts_with("legend_"),
        "generated id: {text:?}"
    );
    if rest.is_empty() {
        return (id, None);
    }
    let inner = ["((\"", "(\"", "[\""]
        .iter()
        .zip(["\"))", "\")", "\"]"])
        .find_map(|(open, close)| rest.strip_prefix(open)?.strip_suffix(close))
        .unwrap_or_else(|| panic!("bad node {text:?}"));
    assert!(!inner.contains('"'), "{text:?}");
    (id, Some(inner))
}

#[test]
fn mermaid_is_well_formed_whatever_the_names() {
    let map = hostile_map();
    for lang in [Lang::En, Lang::Id] {
        let mermaid = map.to_mermaid(lang);
        let mut lines = mermaid.lines();
        assert_eq!(lines.next(), Some("flowchart LR"));
        let mut labels = BTreeMap::new();
        let mut links: Vec<(String, String, String, Option<String>)> = Vec::new();
        let mut red: Vec<usize> = Vec::new();
        for line in lines {
            let text = line.trim_start();
            assert!(line.starts_with("    "), "{line:?}");
            if let Some(title) = text.strip_prefix("subgraph legend [\"") {
                assert!(title.ends_with("\"]"));
                continue;
            }
            if matches!(text, "direction LR" | "end" | "style n0 stroke-width:4px") {
                continue;
            }
            if let Some(list) = text.strip_prefix("linkStyle ") {
                let (indices, style) = list.split_once(' ').unwrap();
                assert_eq!(style, "stroke:#d32f2f,stroke-width:3px,color:#d32f2f");
                red = indices.split(',').map(|i| i.parse().unwrap()).collect();
                continue;
            }
            let parts = split_outside_quotes(text);
            match parts.as_slice() {
                [node] => {
                    let (id, label) = mermaid_node(node);
                    labels.insert(id.to_owned(), mermaid_unescape(label.unwrap()));
                }
                [from, link, to] => {
                    let (link, label) = match link.split_once('|') {
                        Some((link, label)) => {
                            let label = label
                                .strip_prefix('"')
                                .and_then(|l| l.strip_suffix("\"|"))
                                .unwrap();
                            (link, Some(mermaid_unescape(label)))
                        }
                        None => (*link, None),
                    };
                    assert!(
                        [
                            "===", "==>", "<==>", "---", "-->", "<-->", "-.-", "-.->", "<-.->"
                        ]
                        .contains(&link),
                        "{line:?}"
                    );
                    let (from, from_label) = mermaid_node(from);
                    let (to, to_label) = mermaid_node(to);
                    for (id, label) in [(from, from_label), (to, to_label)] {
                        if let Some(label) = label {
                            labels.insert(id.to_owned(), mermaid_unescape(label));
                        }
                    }
                    links.push((from.to_owned(), link.to_owned(), to.to_owned(), label));
                }
                _ => panic!("unexpected line {line:?}"),
            }
        }
        for (n, name) in (1..).zip(HOSTILE) {
            let want = format!(
                "{}\n{}",
                name.trim().replace('\t', " ").replace('\r', ""),
                SystemKind::Other.label(lang)
            );
            assert_eq!(labels[&format!("n{n}")], want);
        }
        assert!(labels["n0"].starts_with("Keluarga \"Sari\" {1}\n"));
        assert!(labels["n0"].ends_with("\n+ <script>;"));
        // Ties: arrows follow the flow; the red links are exactly the stressful ones.
        for (i, (from, link, to, label)) in links.iter().take(HOSTILE.len()).enumerate() {
            let system = format!("n{}", i + 1);
            let flow = Flow::ALL[i % 3];
            match flow {
                Flow::ToClient => assert_eq!((from, to), (&system, &"n0".to_owned())),
                _ => assert_eq!((from, to), (&"n0".to_owned(), &system)),
            }
            assert_eq!(link.starts_with('<'), flow == Flow::Both, "{link}");
            let stressful = TieStrength::ALL[i % 4] == TieStrength::Stressful;
            assert_eq!(red.contains(&i), stressful, "link {i}");
            let label = label.as_deref().unwrap();
            assert_eq!(
                label.starts_with(TieStrength::Stressful.label(lang)),
                stressful
            );
        }
        // The legend's stressful sample is red too.
        let stressful_sample = links
            .iter()
            .position(|(_, _, to, _)| labels[to] == TieStrength::Stressful.label(lang))
            .unwrap();
        assert!(red.contains(&stressful_sample));
    }
}

#[test]
fn drawings_of_the_family_follow_hartman() {
    let map = EcoMap::from_engagement(&family().e);
    let dot = map.to_dot(Lang::Id);
    parse_dot(&dot);
    assert!(dot.contains("    layout=twopi;\n    root=n0;\n"));
    assert!(dot.contains(
        "    n0 [label=\"Keluarga Sari\\nKeluarga\\n+ Careful budgeting\", shape=doublecircle"
    ));
    // Dinas Sosial (n5): completed referral, strong, towards the client.
    assert!(
        dot.contains("    n0 -> n5 [dir=back, penwidth=3];\n"),
        "{dot}"
    );
    // School (n9): rejected referral, stressful, away from the client.
    assert!(dot.contains("    n0 -> n9 [dir=forward, color=\"red:invis:red\", penwidth=1.5, fontcolor=red, label=\"Penuh tekanan\"];\n"), "{dot}");
    let mermaid = map.to_mermaid(Lang::En);
    assert!(mermaid.contains("    n5 ==> n0\n"), "{mermaid}");
    assert!(
        mermaid.contains("    n0 -->|\"Stressful\"| n9\n"),
        "{mermaid}"
    );
    assert!(mermaid.contains("    n7 -.-> n0\n"), "{mermaid}");
}

/// When Graphviz is installed, it must accept the drawings (skipped quietly otherwise: the
/// tests must not need it).
#[test]
fn graphviz_renders_the_drawings_when_installed() {
    use std::io::Write as _;
    use std::process::{Command, Stdio};
    if Command::new("dot")
        .arg("-V")
        .stderr(Stdio::null())
        .status()
        .is_err()
    {
        return;
    }
    for map in [hostile_map(), EcoMap::from_engagement(&family().e)] {
        let mut child = Command::new("dot")
            .arg("-Tsvg")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        child
            .stdin
            .take()
            .unwrap()
            .write_all(map.to_dot(Lang::En).as_bytes())
            .unwrap();
        let out = child.wait_with_output().unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let svg = String::from_utf8(out.stdout).unwrap();
        assert!(svg.contains("<svg"));
        assert!(
            !svg.contains("<b>bold"),
            "user markup must be escaped in the SVG"
        );
    }
}
