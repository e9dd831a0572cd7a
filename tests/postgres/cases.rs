//! Generated engagements for the tests: each takes its own path through the stages, with
//! holds, reviews, activities in every role, GAS evaluations, closings and reopenings, at
//! times with milliseconds in them.
#![allow(dead_code, reason = "shared by two test files, each using a part")]

use chrono::{DateTime, TimeDelta, TimeZone, Utc};
use pendamping::gas::Level;
use pendamping::{
    Achievement, ActivityDetail, Actor, ActorKind, ClientSystem, ClientSystemLevel, Command,
    Decision, Engagement, EngagementId, Function, GasScale, GoalEvaluation, GoalId, NeedId,
    Opening, PlanVersion, Policy, Priority, ResourceKind, Responsible, Role, Stage, Status,
    TeamMember, TerminationReason,
};

/// A small deterministic generator (xorshift64*), so every run builds the same caseload.
pub(crate) struct Dice(u64);

impl Dice {
    pub(crate) fn new(seed: u64) -> Self {
        Self(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }

    /// A number in `0..n`.
    pub(crate) fn below(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D) % n.max(1)
    }

    fn pick<T: Copy>(&mut self, from: &[T]) -> T {
        from[self.below(from.len() as u64) as usize]
    }
}

pub(crate) fn worker() -> Actor {
    Actor::new("w:siti", ActorKind::SocialWorker).unwrap()
}

fn mother() -> Actor {
    Actor::new("c:ibu-sari", ActorKind::ClientMember).unwrap()
}

/// The first instant any generated engagement can have.
pub(crate) fn base() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2025, 1, 6, 8, 0, 0).unwrap()
}

/// Opens engagement `id` at `at` with the worker and a mother on the team.
pub(crate) fn open(id: &str, at: DateTime<Utc>, policy: Policy) -> Engagement {
    let worker = worker();
    let mother = mother();
    Engagement::open(
        &worker,
        at,
        Opening {
            id: EngagementId::new(id).unwrap(),
            client: ClientSystem {
                level: ClientSystemLevel::Family,
                name: "Keluarga Sari".into(),
            },
            team: vec![
                TeamMember {
                    id: worker.id.clone(),
                    kind: worker.kind,
                    name: "Siti".into(),
                },
                TeamMember {
                    id: mother.id.clone(),
                    kind: mother.kind,
                    name: "Ibu Sari".into(),
                },
            ],
            policy,
        },
    )
    .unwrap()
}

pub(crate) fn id(text: &str) -> EngagementId {
    EngagementId::new(text).unwrap()
}

/// An engagement opened with three needs recorded, its four events pending.
pub(crate) fn small(name: &str) -> Engagement {
    let mut e = open(name, base(), Policy::default());
    for n in 1..=3 {
        let at = base() + TimeDelta::hours(n);
        e.execute(&worker(), at, need(format!("need {n}"))).unwrap();
    }
    e
}

/// A need, as the tests record many.
pub(crate) fn need(description: impl Into<String>) -> Command {
    Command::RecordNeed {
        domain: "income".into(),
        description: description.into(),
        priority: Priority::High,
        confidentiality: None,
    }
}

/// Builds one generated engagement step by step.
struct Build {
    i: u64,
    e: Engagement,
    dice: Dice,
    at: DateTime<Utc>,
    worker: Actor,
    goals: u64,
}

impl Build {
    /// Moves the clock on by an hour to three weeks, milliseconds included.
    fn later(&mut self) -> DateTime<Utc> {
        self.at += TimeDelta::seconds(3600 + self.dice.below(20 * 86_400) as i64)
            + TimeDelta::milliseconds(self.dice.below(1000) as i64);
        self.at
    }

    fn run(&mut self, command: Command) {
        let at = self.later();
        self.run_at(at, command);
    }

    fn run_at(&mut self, at: DateTime<Utc>, command: Command) {
        let name = command.name();
        if let Err(err) = self.e.execute(&self.worker, at, command) {
            panic!("case {}: {name}: {err}", self.i);
        }
    }

    fn move_to(&mut self, to: Stage) {
        self.run(Command::MoveToStage {
            to,
            reason: None,
            termination: None,
        });
    }

    /// One time in five, a hold (half of them with a review date), resumed half the time.
    fn maybe_hold(&mut self) {
        if self.dice.below(5) != 0 {
            return;
        }
        let at = self.later();
        let review_on = (self.dice.below(2) == 0)
            .then(|| at.date_naive() + TimeDelta::days(1 + self.dice.below(60) as i64));
        self.run_at(
            at,
            Command::Hold {
                reason: "The family is away".into(),
                review_on,
            },
        );
        if self.dice.below(2) == 0 {
            self.run(Command::Resume { note: None });
        }
    }

    fn on_hold(&self) -> bool {
        matches!(self.e.status(), Status::OnHold(_))
    }

    fn activities(&mut self) {
        for _ in 0..1 + self.dice.below(4) {
            let function = self.dice.pick(Function::ALL);
            let role = self.dice.pick(Role::ALL);
            self.run(Command::RecordActivity {
                function,
                role,
                interventions: vec![],
                detail: ActivityDetail::Mediation {
                    parties: vec!["school".into()],
                    outcome: "agreed".into(),
                },
                note: None,
                confidentiality: None,
            });
        }
    }

    fn evaluate(&mut self, decision: Decision) {
        self.move_to(Stage::Evaluation);
        let scores = (1..=self.goals as u32)
            .map(|g| GoalEvaluation {
                goal: GoalId(g),
                level: Level::try_from(self.dice.below(5) as i8 - 2).unwrap(),
                achievement: Achievement::Improving,
            })
            .collect();
        self.run(Command::RecordEvaluation {
            scores,
            notes: None,
            decision,
            confidentiality: None,
        });
    }

    fn close(&mut self, reason: TerminationReason) {
        let at = self.later();
        self.run_at(
            at,
            Command::MoveToStage {
                to: Stage::Termination,
                reason: None,
                termination: Some(reason),
            },
        );
        if self.dice.below(4) == 0 {
            return;
        }
        self.run_at(
            at,
            Command::RecordTerminationSummary {
                summary: "Ended".into(),
            },
        );
        self.run_at(at, Command::Close);
        if self.dice.below(3) == 0 {
            self.run(Command::Reopen {
                reason: "Came back".into(),
            });
        }
    }
}

/// Engagement number `i`, with its events still pending.
pub(crate) fn case(i: u64) -> Engagement {
    let mut dice = Dice::new(i);
    let at = base()
        + TimeDelta::hours(dice.below(24 * 365) as i64)
        + TimeDelta::milliseconds(dice.below(1000) as i64);
    let mut policy = Policy::default();
    policy.review_interval_days = dice.pick(&[Some(30), Some(90), None]);
    let e = open(&format!("gen-{i:05}"), at, policy);
    let mut b = Build {
        i,
        e,
        dice,
        at,
        worker: worker(),
        goals: 0,
    };
    let needs = 1 + b.dice.below(3);
    for n in 0..needs {
        b.run(need(format!("need {n}")));
    }
    b.run(Command::RecordResource {
        kind: ResourceKind::Personal,
        description: "A careful household budget".into(),
        holder: None,
        barriers: vec![],
        service: None,
        confidentiality: None,
    });
    let stop = b.dice.below(6);
    b.maybe_hold();
    if stop == 0 || b.on_hold() {
        return b.e;
    }
    if b.dice.below(10) == 0 {
        b.close(TerminationReason::Moved);
        return b.e;
    }
    b.move_to(Stage::Planning);
    b.goals = 1 + b.dice.below(2);
    for g in 0..b.goals {
        let scale = (b.dice.below(5) != 0).then(|| GasScale {
            levels: ["-2", "-1", "0", "+1", "+2"].map(|l| format!("goal {g} at {l}")),
            weight: 1 + b.dice.below(9) as u16,
        });
        b.run(Command::AddGoal {
            description: format!("goal {g}"),
            addresses: (1..=needs as u32).map(NeedId).collect(),
            scale,
        });
    }
    let function = b.dice.pick(Function::ALL);
    let role = b.dice.pick(Role::ALL);
    b.run(Command::AddIntervention {
        description: "Meet the school".into(),
        serves: vec![GoalId(1)],
        function,
        role,
        responsible: Responsible::Joint,
        uses: vec![],
    });
    b.run(Command::AgreeToPlan {
        version: PlanVersion(1),
        on_behalf_of: Some(mother().id),
    });
    if stop == 1 {
        b.maybe_hold();
        return b.e;
    }
    b.move_to(Stage::Implementation);
    b.activities();
    if stop == 2 {
        b.maybe_hold();
        return b.e;
    }
    b.evaluate(Decision::Continue);
    if stop == 3 {
        return b.e;
    }
    b.move_to(Stage::Implementation);
    b.activities();
    if stop == 4 {
        b.evaluate(Decision::Continue);
        return b.e;
    }
    b.evaluate(Decision::Terminate);
    b.close(TerminationReason::GoalsAchieved);
    b.e
}
