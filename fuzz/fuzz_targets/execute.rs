//! Any bytes as a session of commands on one engagement: executing must return, never panic;
//! a refusal changes nothing; `execute` agrees with the pure `decide`; and the recorded events
//! replay, round-trip through serde and through the journal to the same engagement.
//!
//! The input is split into lines. In each line the JSON command starts at the first `{`; the
//! bytes before it, if any, pick who acts (the first) and when (the second):
//!
//! - actor: `w` worker, `s` supervisor, `m` and `f` client members, `r` community
//!   representative, `d` donor, `a` agency, `x` someone not on the team; any other byte picks
//!   one of these by its value modulo 8; no prefix is the worker.
//! - time: the clock moves by the byte's value minus 16, in hours (so bytes below 16 go back);
//!   no second byte moves it one hour on.
//!
//! Lines that do not parse as a `pendamping::Command` are skipped. So a seed line reads
//! `wA{"type":"record_need",...}`: the worker, 49 hours later.

#![no_main]

use chrono::{DateTime, TimeDelta, TimeZone, Utc};
use libfuzzer_sys::fuzz_target;
use pendamping::journal::{self, Journal, JournalOptions};
use pendamping::{
    Actor, ActorKind, ClientSystem, ClientSystemLevel, Command, Engagement, EngagementId, Lang,
    Opening, Policy, TeamMember,
};

/// At most this many commands per input, so each run stays fast.
const MAX_COMMANDS: usize = 256;

fn actor(id: &str, kind: ActorKind) -> Actor {
    Actor::new(id, kind).expect("a fixed valid id")
}

struct Cast {
    actors: [Actor; 8],
}

impl Cast {
    fn new() -> Self {
        Self {
            actors: [
                actor("w:siti", ActorKind::SocialWorker),
                actor("s:budi", ActorKind::Supervisor),
                actor("c:sari", ActorKind::ClientMember),
                actor("c:joko", ActorKind::ClientMember),
                actor("r:rt05", ActorKind::CommunityRepresentative),
                actor("d:zakat", ActorKind::Donor),
                actor("a:puskesmas", ActorKind::Agency),
                // Not on the team: everything it asks must be refused.
                actor("x:stranger", ActorKind::SocialWorker),
            ],
        }
    }

    fn pick(&self, byte: Option<u8>) -> &Actor {
        let index = match byte {
            None | Some(b'w') => 0,
            Some(b's') => 1,
            Some(b'm') => 2,
            Some(b'f') => 3,
            Some(b'r') => 4,
            Some(b'd') => 5,
            Some(b'a') => 6,
            Some(b'x') => 7,
            Some(b) => usize::from(b % 8),
        };
        &self.actors[index]
    }

    fn opening(&self) -> Opening {
        let names = [
            "Siti Rahma",
            "Budi Santoso",
            "Ibu Sari",
            "Pak Joko",
            "Ketua RT 05",
            "Lembaga Zakat Kota",
            "Puskesmas Sukamaju",
        ];
        Opening {
            id: EngagementId::new("pkh-3273-000142").expect("a fixed valid id"),
            client: ClientSystem {
                level: ClientSystemLevel::Family,
                name: "Keluarga Ibu Sari".into(),
            },
            team: self.actors[..7]
                .iter()
                .zip(names)
                .map(|(a, name)| TeamMember {
                    id: a.id.clone(),
                    kind: a.kind,
                    name: name.into(),
                })
                .collect(),
            policy: Policy::default(),
        }
    }
}

fn start() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 3, 2, 9, 0, 0).unwrap()
}

fuzz_target!(|data: &[u8]| {
    let cast = Cast::new();
    let mut now = start();
    let mut case = Engagement::open(&cast.actors[0], now, cast.opening()).expect("a valid opening");

    for line in data.split(|&b| b == b'\n').take(MAX_COMMANDS) {
        let Some(brace) = line.iter().position(|&b| b == b'{') else {
            continue;
        };
        let (prefix, json) = line.split_at(brace);
        let Ok(command) = serde_json::from_slice::<Command>(json) else {
            continue;
        };
        let by = cast.pick(prefix.first().copied());
        let hours = prefix.get(1).map_or(1, |&b| i64::from(b) - 16);
        now = now
            .checked_add_signed(TimeDelta::hours(hours))
            .unwrap_or(now);

        let before = case.clone();
        let pending_before = case.pending().len();
        let decided = pendamping::decide(&case, by, now, &command);
        let name = command.name();
        match case.execute(by, now, command) {
            Ok(events) => {
                assert_eq!(events.len(), 1, "{name}: one command, one event");
                let recorded = &events[0];
                assert_eq!(recorded.seq, before.last_seq() + 1);
                assert_eq!(recorded.at, now);
                assert_eq!(&recorded.by, by);
                let decided = decided.unwrap_or_else(|e| {
                    panic!("{name}: execute accepted what decide refused: {e}")
                });
                assert_eq!(recorded.event, decided, "{name}: execute and decide differ");
                assert_eq!(case.pending().len(), pending_before + 1);
                assert_eq!(case.last_seq(), before.last_seq() + 1);
                assert_eq!(case.last_at(), now);
            }
            Err(rejection) => {
                assert_eq!(case, before, "a refused {name} changed the engagement");
                assert_eq!(
                    case.pending().len(),
                    pending_before,
                    "a refused {name} recorded"
                );
                assert!(
                    decided.is_err(),
                    "{name}: decide accepted what execute refused: {rejection}"
                );
                // Messages in both languages must render.
                let _ = rejection.message(Lang::En);
                let _ = rejection.message(Lang::Id);
                let _ = rejection.to_string();
            }
        }
    }

    // Read-only views must not panic either.
    let _ = case.next_review();
    let _ = case.review_overdue(now);
    let _ = case.time_in_stage(now);
    let _ = case.role_mix();
    for evaluation in case.evaluations() {
        let _ = case.t_score(evaluation.id);
    }

    // The state survives serde as it is.
    let json = serde_json::to_string(&case).expect("an engagement serializes");
    let back: Engagement = serde_json::from_str(&json).expect("and deserializes");
    assert_eq!(back, case, "serde round trip");

    // The recorded events replay to the same engagement, directly and through the journal.
    let events = case.pending().to_vec();
    let mut journal = Journal::new();
    journal
        .append_pending(&mut case)
        .expect("a journal takes the events an engagement recorded");
    let replayed = Engagement::replay(events).expect("recorded events replay");
    assert_eq!(replayed, case, "replay");
    let loaded = journal::load(journal.as_bytes(), &JournalOptions::default())
        .expect("a journal just written loads");
    assert_eq!(loaded, case, "journal round trip");
});
