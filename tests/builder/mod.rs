//! Synthetic engagements built through the public API, for the eco-map and caseload tests.
#![allow(dead_code, reason = "each test file uses part of this")]

use chrono::{DateTime, TimeDelta, TimeZone, Utc};
use pendamping::gas::Level;
use pendamping::*;

/// Day `n` after 1 January 2026, 09:00 UTC.
pub(crate) fn day(n: i64) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 1, 1, 9, 0, 0).unwrap() + TimeDelta::days(n)
}

/// The member id every case has on its team.
pub(crate) const MEMBER: &str = "m:1";

/// One engagement with its worker, driven command by command.
pub(crate) struct Case {
    pub(crate) e: Engagement,
    pub(crate) worker: Actor,
}

pub(crate) fn member(id: &str, kind: ActorKind, name: &str) -> TeamMember {
    TeamMember {
        id: id.parse().unwrap(),
        kind,
        name: name.to_owned(),
    }
}

impl Case {
    /// Opens a case for `client` with a worker, one client-system member named `member_name`,
    /// and `others`.
    pub(crate) fn open(
        id: &str,
        client: &str,
        member_name: &str,
        others: Vec<TeamMember>,
        at: DateTime<Utc>,
    ) -> Self {
        let worker = Actor::new("w:1", ActorKind::SocialWorker).unwrap();
        let mut team = vec![
            member("w:1", ActorKind::SocialWorker, "Worker"),
            member(MEMBER, ActorKind::ClientMember, member_name),
        ];
        team.extend(others);
        let e = Engagement::open(
            &worker,
            at,
            Opening {
                id: EngagementId::new(id).unwrap(),
                client: ClientSystem {
                    level: ClientSystemLevel::Family,
                    name: client.to_owned(),
                },
                team,
                policy: Policy::default(),
            },
        )
        .unwrap();
        Self { e, worker }
    }

    pub(crate) fn run(&mut self, at: DateTime<Utc>, command: Command) {
        let by = self.worker.clone();
        self.run_as(&by, at, command);
    }

    pub(crate) fn run_as(&mut self, by: &Actor, at: DateTime<Utc>, command: Command) {
        let name = command.name();
        if let Err(e) = self.e.execute(by, at, command) {
            panic!("{name}: {e}");
        }
    }

    pub(crate) fn need(&mut self, at: DateTime<Utc>) -> NeedId {
        self.run(
            at,
            Command::RecordNeed {
                domain: "income".into(),
                description: "No steady income".into(),
                priority: Priority::High,
                confidentiality: None,
            },
        );
        NeedId(u32::try_from(self.e.needs().len()).unwrap())
    }

    pub(crate) fn resource(
        &mut self,
        at: DateTime<Utc>,
        kind: ResourceKind,
        description: &str,
        holder: Option<&str>,
        barriers: Vec<Barrier>,
    ) -> ResourceId {
        self.run(
            at,
            Command::RecordResource {
                kind,
                description: description.into(),
                holder: holder.map(Into::into),
                barriers,
                service: None,
                confidentiality: None,
            },
        );
        ResourceId(u32::try_from(self.e.resources().len()).unwrap())
    }

    pub(crate) fn stage(&mut self, at: DateTime<Utc>, to: Stage) {
        let termination = (to == Stage::Termination).then_some(TerminationReason::ClientWithdrew);
        self.run(
            at,
            Command::MoveToStage {
                to,
                reason: None,
                termination,
            },
        );
    }

    /// Needs assessment done: a need and a strength, then planning.
    pub(crate) fn assess(&mut self, at: DateTime<Utc>) {
        self.need(at);
        self.resource(at, ResourceKind::Personal, "Motivated", None, vec![]);
        self.stage(at, Stage::Planning);
    }

    /// Planning done: one goal per need with a scale of `weight`, one intervention, the
    /// member's agreement, then implementation.
    pub(crate) fn plan(&mut self, at: DateTime<Utc>, weight: u16) {
        let needs: Vec<NeedId> = self.e.needs().iter().map(|n| n.id).collect();
        for need in needs {
            self.run(
                at,
                Command::AddGoal {
                    description: "A steady income".into(),
                    addresses: vec![need],
                    scale: Some(GasScale {
                        levels: ["a", "b", "c", "d", "e"].map(str::to_owned),
                        weight,
                    }),
                },
            );
        }
        let goals: Vec<GoalId> = self.e.plan().goals.clone();
        self.run(
            at,
            Command::AddIntervention {
                description: "Link with training".into(),
                serves: goals,
                function: Function::ResourceManagement,
                role: Role::Broker,
                responsible: Responsible::Joint,
                uses: vec![],
            },
        );
        let version = self.e.plan().version;
        self.run(
            at,
            Command::AgreeToPlan {
                version,
                on_behalf_of: Some(MEMBER.parse().unwrap()),
            },
        );
        self.stage(at, Stage::Implementation);
    }

    pub(crate) fn activity(&mut self, at: DateTime<Utc>, role: Role, function: Function) {
        self.run(
            at,
            Command::RecordActivity {
                function,
                role,
                interventions: vec![],
                detail: ActivityDetail::Mediation {
                    parties: vec!["a".into(), "b".into()],
                    outcome: "agreed".into(),
                },
                note: None,
                confidentiality: None,
            },
        );
    }

    /// A referral to `provider` for `resource`, consented and requested; its id.
    pub(crate) fn refer(
        &mut self,
        at: DateTime<Utc>,
        resource: ResourceId,
        provider: Provider,
    ) -> ReferralId {
        self.run(
            at,
            Command::Refer {
                resource,
                provider,
                mode: ManagementMode::Coordinating,
                function: Function::ResourceManagement,
                role: Role::Broker,
                interventions: vec![],
                note: None,
                confidentiality: None,
            },
        );
        let id = ReferralId(u32::try_from(self.e.referrals().len()).unwrap());
        self.run(
            at,
            Command::GiveConsent {
                referral: id,
                on_behalf_of: Some(MEMBER.parse().unwrap()),
            },
        );
        self.referral_status(at, id, ReferralStatus::Requested);
        id
    }

    pub(crate) fn referral_status(
        &mut self,
        at: DateTime<Utc>,
        referral: ReferralId,
        status: ReferralStatus,
    ) {
        self.run(
            at,
            Command::SetReferralStatus {
                referral,
                status,
                note: None,
            },
        );
    }

    /// Moves to evaluation and records one evaluation with every current goal at `level`.
    pub(crate) fn evaluate(&mut self, at: DateTime<Utc>, level: Level, decision: Decision) {
        self.stage(at, Stage::Evaluation);
        let scores = self
            .e
            .plan()
            .goals
            .iter()
            .map(|&goal| GoalEvaluation {
                goal,
                level,
                achievement: Achievement::InProgress,
            })
            .collect();
        self.run(
            at,
            Command::RecordEvaluation {
                scores,
                notes: None,
                decision,
                confidentiality: None,
            },
        );
    }

    pub(crate) fn hold(&mut self, at: DateTime<Utc>) {
        self.run(
            at,
            Command::Hold {
                reason: "Family away".into(),
                review_on: None,
            },
        );
    }

    pub(crate) fn resume(&mut self, at: DateTime<Utc>) {
        self.run(at, Command::Resume { note: None });
    }

    /// Ends early from the current stage and closes.
    pub(crate) fn end_and_close(&mut self, at: DateTime<Utc>) {
        self.stage(at, Stage::Termination);
        self.run(
            at,
            Command::RecordTerminationSummary {
                summary: "Withdrew".into(),
            },
        );
        self.run(at, Command::Close);
    }
}
