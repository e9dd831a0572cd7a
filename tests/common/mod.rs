//! What the engagement tests share: a team, a calendar, and commands a worker would give.

#![allow(
    dead_code,
    unreachable_pub,
    reason = "each test file uses a different part; pub is for the test files"
)]

use chrono::{DateTime, TimeDelta, TimeZone, Utc};
use pendamping::{
    ActivityDetail, Actor, ActorId, ActorKind, Barrier, ClientSystem, ClientSystemLevel, Command,
    Engagement, EngagementId, Function, GasScale, GoalId, InterventionId, ManagementMode, NeedId,
    Opening, PlanVersion, Policy, Priority, Provider, ReferralId, ReferralStatus, ResourceId,
    ResourceKind, Responsible, Role, Stage, TeamMember, TerminationReason,
};

/// Day `n` (0-based) of a case that opened on 2 March 2026, at 09:00 UTC.
pub fn day(n: i64) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 3, 2, 9, 0, 0).unwrap() + TimeDelta::days(n)
}

pub fn actor(id: &str, kind: ActorKind) -> Actor {
    Actor::new(id, kind).unwrap()
}

pub fn id(id: &str) -> ActorId {
    ActorId::new(id).unwrap()
}

pub fn member(a: &Actor, name: &str) -> TeamMember {
    TeamMember {
        id: a.id.clone(),
        kind: a.kind,
        name: name.into(),
    }
}

/// The team of the family case: one of every kind.
pub struct Team {
    pub worker: Actor,
    pub supervisor: Actor,
    pub mother: Actor,
    pub father: Actor,
    pub community: Actor,
    pub donor: Actor,
    pub agency: Actor,
}

impl Team {
    pub fn new() -> Self {
        Self {
            worker: actor("w:siti", ActorKind::SocialWorker),
            supervisor: actor("s:budi", ActorKind::Supervisor),
            mother: actor("c:sari", ActorKind::ClientMember),
            father: actor("c:joko", ActorKind::ClientMember),
            community: actor("r:rt05", ActorKind::CommunityRepresentative),
            donor: actor("d:zakat", ActorKind::Donor),
            agency: actor("a:puskesmas", ActorKind::Agency),
        }
    }

    pub fn members(&self) -> Vec<TeamMember> {
        vec![
            member(&self.worker, "Siti Rahma"),
            member(&self.supervisor, "Budi Santoso"),
            member(&self.mother, "Ibu Sari"),
            member(&self.father, "Pak Joko"),
            member(&self.community, "Ketua RT 05"),
            member(&self.donor, "Lembaga Zakat Kota"),
            member(&self.agency, "Puskesmas Sukamaju"),
        ]
    }

    pub fn opening(&self, policy: Policy) -> Opening {
        Opening {
            id: EngagementId::new("pkh-3273-000142").unwrap(),
            client: ClientSystem {
                level: ClientSystemLevel::Family,
                name: "Keluarga Ibu Sari".into(),
            },
            team: self.members(),
            policy,
        }
    }

    pub fn open(&self, policy: Policy) -> Engagement {
        Engagement::open(&self.worker, day(0), self.opening(policy)).unwrap()
    }
}

pub fn need(domain: &str, description: &str) -> Command {
    Command::RecordNeed {
        domain: domain.into(),
        description: description.into(),
        priority: Priority::High,
    }
}

pub fn strength(description: &str) -> Command {
    Command::RecordResource {
        kind: ResourceKind::Personal,
        description: description.into(),
        holder: None,
        barriers: vec![],
    }
}

pub fn external(holder: &str, description: &str, barriers: Vec<Barrier>) -> Command {
    Command::RecordResource {
        kind: ResourceKind::Social,
        description: description.into(),
        holder: Some(holder.into()),
        barriers,
    }
}

pub fn scale(weight: u16) -> GasScale {
    GasScale {
        levels: [
            "much worse than hoped".into(),
            "somewhat worse than hoped".into(),
            "as agreed".into(),
            "somewhat better than hoped".into(),
            "much better than hoped".into(),
        ],
        weight,
    }
}

pub fn goal(description: &str, addresses: &[u32], weight: Option<u16>) -> Command {
    Command::AddGoal {
        description: description.into(),
        addresses: addresses.iter().map(|&n| NeedId(n)).collect(),
        scale: weight.map(scale),
    }
}

pub fn intervention(
    description: &str,
    serves: &[u32],
    function: Function,
    role: Role,
    responsible: Responsible,
) -> Command {
    Command::AddIntervention {
        description: description.into(),
        serves: serves.iter().map(|&g| GoalId(g)).collect(),
        function,
        role,
        responsible,
        uses: vec![],
    }
}

pub fn agree(version: u32, on_behalf_of: Option<&Actor>) -> Command {
    Command::AgreeToPlan {
        version: PlanVersion(version),
        on_behalf_of: on_behalf_of.map(|a| a.id.clone()),
    }
}

pub fn move_to(to: Stage) -> Command {
    Command::MoveToStage {
        to,
        reason: None,
        termination: None,
    }
}

pub fn end(to: Stage, reason: TerminationReason) -> Command {
    Command::MoveToStage {
        to,
        reason: None,
        termination: Some(reason),
    }
}

pub fn consultation(interventions: &[u32]) -> Command {
    Command::RecordActivity {
        function: Function::ProblemSolvingConsultation,
        role: Role::Enabler,
        interventions: interventions.iter().map(|&i| InterventionId(i)).collect(),
        detail: ActivityDetail::Consultation {
            participants: vec!["Siti Rahma".into(), "Ibu Sari".into()],
            worker_contribution: "What the school's scholarship rules say".into(),
            client_contribution: "What Ani said about why she stopped".into(),
            options: vec!["Talk to the homeroom teacher".into()],
            action_steps: vec!["Visit the school on Monday".into()],
        },
        note: None,
    }
}

pub fn refer(resource: u32, provider: Provider) -> Command {
    Command::Refer {
        resource: ResourceId(resource),
        provider,
        mode: ManagementMode::Coordinating,
        function: Function::ResourceManagement,
        role: Role::Broker,
        interventions: vec![],
        note: None,
    }
}

pub fn partner(a: &Actor) -> Provider {
    Provider::Partner { id: a.id.clone() }
}

pub fn consent(referral: u32, on_behalf_of: Option<&Actor>) -> Command {
    Command::GiveConsent {
        referral: ReferralId(referral),
        on_behalf_of: on_behalf_of.map(|a| a.id.clone()),
    }
}

pub fn referral_status(referral: u32, status: ReferralStatus) -> Command {
    Command::SetReferralStatus {
        referral: ReferralId(referral),
        status,
        note: None,
    }
}

/// Runs a command that must be accepted; on refusal, the test fails with the reason.
#[track_caller]
pub fn ok(case: &mut Engagement, by: &Actor, at: DateTime<Utc>, command: Command) {
    let name = command.name();
    if let Err(e) = case.execute(by, at, command) {
        panic!("{name} by {by} was refused: {e}");
    }
}

/// Runs a command that must be refused, checks that nothing changed, and returns the message.
#[track_caller]
pub fn refused(case: &mut Engagement, by: &Actor, at: DateTime<Utc>, command: Command) -> String {
    let before = case.clone();
    let pending = case.pending().to_vec();
    let name = command.name();
    let Err(e) = case.execute(by, at, command) else {
        panic!("{name} by {by} was accepted");
    };
    assert_eq!(*case, before, "a refused {name} changed the engagement");
    assert_eq!(
        case.pending(),
        pending,
        "a refused {name} recorded an event"
    );
    e.to_string()
}

/// A family case with one need, one strength and one external resource, in needs assessment.
pub fn assessed(team: &Team, policy: Policy) -> Engagement {
    let mut case = team.open(policy);
    ok(
        &mut case,
        &team.worker,
        day(1),
        need("schooling", "Ani stopped going to school"),
    );
    ok(
        &mut case,
        &team.worker,
        day(1),
        strength("The mother keeps a careful household budget"),
    );
    ok(
        &mut case,
        &team.worker,
        day(1),
        external("Puskesmas Sukamaju", "Free health checks", vec![]),
    );
    case
}

/// The same case in planning with an agreed plan version 1: one goal, one intervention.
pub fn planned(team: &Team, policy: Policy) -> Engagement {
    let mut case = assessed(team, policy);
    ok(&mut case, &team.worker, day(2), move_to(Stage::Planning));
    ok(
        &mut case,
        &team.worker,
        day(3),
        goal("Ani is back at school", &[1], Some(1)),
    );
    ok(
        &mut case,
        &team.worker,
        day(3),
        intervention(
            "Talk it through with the family",
            &[1],
            Function::ProblemSolvingConsultation,
            Role::Enabler,
            Responsible::Joint,
        ),
    );
    ok(&mut case, &team.mother, day(3), agree(1, None));
    case
}

/// The same case in implementation.
pub fn implementing(team: &Team, policy: Policy) -> Engagement {
    let mut case = planned(team, policy);
    if case.policy().plan_approval_required {
        ok(
            &mut case,
            &team.worker,
            day(4),
            Command::RequestPlanApproval { comment: None },
        );
        ok(
            &mut case,
            &team.supervisor,
            day(4),
            Command::DecidePlanApproval {
                approve: true,
                comment: None,
            },
        );
    }
    ok(
        &mut case,
        &team.worker,
        day(4),
        move_to(Stage::Implementation),
    );
    case
}
