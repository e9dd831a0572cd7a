//! The engagement the scaling and replay benches grow: the same commands at any size, executed
//! through the public API, with the events and the journal they recorded.

use chrono::{DateTime, TimeDelta, TimeZone, Utc};
use pendamping::{
    ActivityDetail, Actor, ActorKind, ClientSystem, ClientSystemLevel, Command, Engagement,
    EngagementId, Function, GoalId, InterventionId, Journal, ManagementMode, NeedId, Opening,
    PlanVersion, Policy, Priority, Provider, Recorded, ResourceId, ResourceKind, Responsible, Role,
    Stage, TeamMember,
};

/// The people of every engagement here.
pub(crate) struct People {
    pub(crate) worker: Actor,
    pub(crate) member: Actor,
    pub(crate) partner: Actor,
}

pub(crate) fn people() -> People {
    let actor = |id, kind| Actor::new(id, kind).unwrap_or_else(|e| panic!("{e}"));
    People {
        worker: actor("w:siti", ActorKind::SocialWorker),
        member: actor("c:sari", ActorKind::ClientMember),
        partner: actor("a:dinsos", ActorKind::Agency),
    }
}

/// One engagement at two moments: in planning, with a quarter of the records as needs and a
/// quarter as goals (and an eighth as interventions), and later in implementation, with as many
/// activities again (one referral in eight), and every event recorded so far.
pub(crate) struct Built {
    pub(crate) planning: Engagement,
    pub(crate) implementation: Engagement,
    pub(crate) events: Vec<Recorded>,
    pub(crate) journal: Vec<u8>,
}

pub(crate) fn at(minutes: i64) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2020, 1, 6, 8, 0, 0)
        .single()
        .unwrap_or(DateTime::UNIX_EPOCH)
        + TimeDelta::minutes(minutes)
}

pub(crate) fn build(records: usize, p: &People) -> Built {
    let member = |a: &Actor, name: &str| TeamMember {
        id: a.id.clone(),
        kind: a.kind,
        name: name.into(),
    };
    let mut case = Engagement::open(
        &p.worker,
        at(0),
        Opening {
            id: EngagementId::new("pkh-0001").unwrap_or_else(|e| panic!("{e}")),
            client: ClientSystem {
                level: ClientSystemLevel::Family,
                name: "Keluarga Sari".into(),
            },
            team: vec![
                member(&p.worker, "Siti"),
                member(&p.member, "Ibu Sari"),
                member(&p.partner, "Dinas Sosial"),
            ],
            policy: Policy::default(),
        },
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let mut minutes = 0;
    let mut run = |case: &mut Engagement, by: &Actor, command: Command| {
        minutes += 1;
        case.execute(by, at(minutes), command)
            .unwrap_or_else(|e| panic!("{e}"));
    };
    let w = &p.worker;
    let quarter = records / 4;
    for i in 0..quarter {
        run(&mut case, w, need(i));
    }
    run(&mut case, w, strength());
    run(&mut case, w, outside_resource());
    run(&mut case, w, stage(Stage::Planning));
    for i in 0..quarter {
        run(&mut case, w, goal(NeedId(id(i))));
    }
    for i in 0..quarter / 2 {
        run(&mut case, w, intervention(GoalId(id(2 * i))));
    }
    let planning = case.clone();
    run(
        &mut case,
        w,
        Command::AgreeToPlan {
            version: PlanVersion(1),
            on_behalf_of: Some(p.member.id.clone()),
        },
    );
    run(&mut case, w, stage(Stage::Implementation));
    for i in 0..quarter {
        if i % 8 == 7 {
            run(&mut case, w, refer(InterventionId(1)));
        } else {
            run(
                &mut case,
                w,
                activity(InterventionId(id(i % (quarter / 2)))),
            );
        }
    }
    let events = case.take_pending();
    let mut journal = Journal::new();
    journal.append(0, &events).unwrap_or_else(|e| panic!("{e}"));
    Built {
        planning,
        implementation: case,
        events,
        journal: journal.into_bytes(),
    }
}

/// A 1-based id from a 0-based position.
pub(crate) fn id(i: usize) -> u32 {
    u32::try_from(i + 1).unwrap_or(u32::MAX)
}

pub(crate) fn need(i: usize) -> Command {
    Command::RecordNeed {
        domain: "schooling".into(),
        description: format!("Child {i} stopped going to school after the harvest"),
        priority: Priority::High,
        confidentiality: None,
    }
}

pub(crate) fn strength() -> Command {
    Command::RecordResource {
        kind: ResourceKind::Personal,
        description: "The mother keeps a careful household budget".into(),
        holder: None,
        barriers: vec![],
        service: None,
        confidentiality: None,
    }
}

pub(crate) fn outside_resource() -> Command {
    Command::RecordResource {
        kind: ResourceKind::Social,
        description: "The village's school-fee waiver".into(),
        holder: Some("Kantor desa".into()),
        barriers: vec![],
        service: None,
        confidentiality: None,
    }
}

pub(crate) fn stage(to: Stage) -> Command {
    Command::MoveToStage {
        to,
        reason: None,
        termination: None,
    }
}

pub(crate) fn goal(need: NeedId) -> Command {
    Command::AddGoal {
        description: "Back in school by the next term".into(),
        addresses: vec![need],
        scale: None,
    }
}

pub(crate) fn intervention(goal: GoalId) -> Command {
    Command::AddIntervention {
        description: "Weekly visits with the class teacher".into(),
        serves: vec![goal],
        function: Function::ProblemSolvingConsultation,
        role: Role::Enabler,
        responsible: Responsible::Joint,
        uses: vec![ResourceId(1)],
    }
}

pub(crate) fn activity(serves: InterventionId) -> Command {
    Command::RecordActivity {
        function: Function::ProblemSolvingConsultation,
        role: Role::Enabler,
        interventions: vec![serves],
        detail: ActivityDetail::Consultation {
            participants: vec!["Ibu Sari".into()],
            worker_contribution: "Went through the school's letter together".into(),
            client_contribution: "Will talk to the teacher on Monday".into(),
            options: vec![],
            action_steps: vec!["Visit the school".into()],
        },
        note: None,
        confidentiality: None,
    }
}

pub(crate) fn refer(serves: InterventionId) -> Command {
    Command::Refer {
        resource: ResourceId(2),
        provider: Provider::External {
            name: "Kantor desa".into(),
        },
        mode: ManagementMode::Coordinating,
        function: Function::ResourceManagement,
        role: Role::Broker,
        interventions: vec![serves],
        note: None,
        confidentiality: None,
    }
}
