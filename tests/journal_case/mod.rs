//! A case to journal: a family's engagement driven through needs assessment, planning and into
//! implementation.

#![allow(dead_code, reason = "each test file uses a part")]

use chrono::{DateTime, TimeDelta, TimeZone, Utc};
use pendamping::{
    ActivityDetail, ActivityId, Actor, ActorKind, ClientSystem, ClientSystemLevel, Command,
    Engagement, EngagementId, Function, GoalId, NeedId, Opening, PlanVersion, Policy, Priority,
    ResourceKind, Responsible, Role, Stage, TeamMember,
};

pub(crate) fn worker() -> Actor {
    Actor::new("w:siti", ActorKind::SocialWorker).unwrap()
}

pub(crate) fn member() -> Actor {
    Actor::new("c:sari", ActorKind::ClientMember).unwrap()
}

/// 2026-03-02 09:00 UTC plus `hours`.
pub(crate) fn at(hours: i64) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 3, 2, 9, 0, 0).unwrap() + TimeDelta::hours(hours)
}

pub(crate) fn open(id: &str) -> Engagement {
    let worker = worker();
    let member = member();
    Engagement::open(
        &worker,
        at(0),
        Opening {
            id: EngagementId::new(id).unwrap(),
            client: ClientSystem {
                level: ClientSystemLevel::Family,
                name: "Keluarga Ibu Sari".into(),
            },
            team: vec![
                TeamMember {
                    id: worker.id.clone(),
                    kind: ActorKind::SocialWorker,
                    name: "Siti Rahmawati".into(),
                },
                TeamMember {
                    id: member.id.clone(),
                    kind: ActorKind::ClientMember,
                    name: "Ibu Sari".into(),
                },
            ],
            policy: Policy::default(),
        },
    )
    .unwrap()
}

/// The case from opening to its first activity and the client's own words on it: 12 events.
pub(crate) fn case() -> Engagement {
    let mut e = open("pkh-3273-0142");
    let w = worker();
    let run = |e: &mut Engagement, by: &Actor, h: i64, c: Command| {
        e.execute(by, at(h), c).unwrap();
    };
    run(
        &mut e,
        &w,
        1,
        Command::RecordNeed {
            domain: "schooling".into(),
            description: "The eldest daughter (14) stopped going to school in January".into(),
            priority: Priority::High,
            confidentiality: None,
        },
    );
    run(
        &mut e,
        &w,
        1,
        Command::RecordNeed {
            domain: "income".into(),
            description: "No steady income since the father's injury at the brickworks".into(),
            priority: Priority::Medium,
            confidentiality: None,
        },
    );
    run(
        &mut e,
        &w,
        2,
        Command::RecordResource {
            kind: ResourceKind::Personal,
            description: "Ibu Sari keeps a careful household budget and sews well".into(),
            holder: None,
            barriers: vec![],
            service: None,
            confidentiality: None,
        },
    );
    run(
        &mut e,
        &w,
        2,
        Command::RecordResource {
            kind: ResourceKind::Social,
            description: "The village's PKH group meets every month".into(),
            holder: Some("Kelompok PKH Dusun Sukamaju".into()),
            barriers: vec![],
            service: None,
            confidentiality: None,
        },
    );
    run(
        &mut e,
        &w,
        24,
        Command::MoveToStage {
            to: Stage::Planning,
            reason: None,
            termination: None,
        },
    );
    run(
        &mut e,
        &w,
        25,
        Command::AddGoal {
            description: "The daughter is back at school by the new term".into(),
            addresses: vec![NeedId(1)],
            scale: None,
        },
    );
    run(
        &mut e,
        &w,
        25,
        Command::AddGoal {
            description: "The family has a small steady income from sewing".into(),
            addresses: vec![NeedId(2)],
            scale: None,
        },
    );
    run(
        &mut e,
        &w,
        26,
        Command::AddIntervention {
            description: "Talk with the school about a return plan".into(),
            serves: vec![GoalId(1)],
            function: Function::ProblemSolvingConsultation,
            role: Role::Mediator,
            responsible: Responsible::Joint,
            uses: vec![],
        },
    );
    run(
        &mut e,
        &member(),
        27,
        Command::AgreeToPlan {
            version: PlanVersion(1),
            on_behalf_of: None,
        },
    );
    run(
        &mut e,
        &w,
        48,
        Command::MoveToStage {
            to: Stage::Implementation,
            reason: None,
            termination: None,
        },
    );
    run(&mut e, &w, 50, consultation(0));
    run(
        &mut e,
        &member(),
        51,
        Command::AddContribution {
            activity: ActivityId(1),
            text: "I want her to finish junior high like her cousins".into(),
        },
    );
    e
}

/// Records the consultation `i` on the case, 70 + `i` hours in.
pub(crate) fn one_more(e: &mut Engagement, i: u64) {
    let hour = 70 + i64::try_from(i).unwrap();
    e.execute(&worker(), at(hour), consultation(i)).unwrap();
}

/// A fresh directory in the temp dir (not yet created), removed when dropped.
pub(crate) struct TempDir(pub(crate) std::path::PathBuf);

impl TempDir {
    pub(crate) fn new(name: &str) -> Self {
        let dir =
            std::env::temp_dir().join(format!("pendamping-test-{}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        Self(dir)
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// A consultation activity, varied by `i`.
pub(crate) fn consultation(i: u64) -> Command {
    Command::RecordActivity {
        function: Function::ProblemSolvingConsultation,
        role: Role::Enabler,
        interventions: vec![],
        detail: ActivityDetail::Consultation {
            participants: vec!["Ibu Sari".into(), "Pak Budi (teacher)".into()],
            worker_contribution: format!("Went through the school's return rules, visit {i}"),
            client_contribution: "Told how the daughter feels about her class".into(),
            options: vec!["Return next term".into(), "Paket B equivalency".into()],
            action_steps: vec!["Meet the head teacher on Monday".into()],
        },
        note: Some(format!("Home visit number {i}")),
        confidentiality: None,
    }
}

/// What someone with write access but no key does: change events and recompute every hash.
#[cfg(feature = "journal")]
pub(crate) fn rehash(id: &str, events: &[pendamping::Recorded]) -> Vec<u8> {
    let mut chain = pendamping::journal::Chain::new(EngagementId::new(id).unwrap());
    let mut out = Vec::new();
    for event in events {
        out.extend(chain.encode(event).unwrap().bytes);
        out.push(b'\n');
    }
    out
}
