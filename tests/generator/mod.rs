//! The generator of random helping processes for the engagement properties: who acts, the
//! commands (a skeleton of the whole process with noise mixed in), and the script they make.

#![allow(dead_code, unreachable_pub, reason = "pub is for the property tests")]

use super::fixtures::*;
use chrono::NaiveDate;
use pendamping::gas::Level;
use pendamping::*;
use proptest::prelude::*;
use proptest::sample::select;

// ----------------------------------------------------------------------------- the universe

/// Who gives a command: the kind of actor the command is meant for, or anyone from the
/// universe (team members of every kind, an outsider, a member under the wrong kind).
#[derive(Clone, Copy, Debug)]
pub enum Who {
    Right,
    Any(usize),
}

pub fn universe() -> Vec<Actor> {
    let team = Team::new();
    vec![
        team.worker,
        team.supervisor,
        team.mother,
        team.father,
        team.community,
        team.donor,
        team.agency,
        actor("w:other", ActorKind::SocialWorker),
        actor("w:siti", ActorKind::Supervisor),
        actor("w:rina", ActorKind::SocialWorker),
        actor("a:dinsos", ActorKind::Agency),
    ]
}

pub fn resolve(who: Who, command: &Command, actors: &[Actor]) -> Actor {
    match who {
        Who::Any(i) => actors[i % actors.len()].clone(),
        Who::Right => {
            let i = match command.permission() {
                Permission::Approve | Permission::ManageTeam => 1,
                Permission::ClientVoice | Permission::ContributeToEvaluation => 2,
                Permission::ProviderUpdate => 6,
                _ => 0,
            };
            actors[i].clone()
        }
    }
}

#[derive(Clone, Debug)]
pub struct Step {
    pub who: Who,
    /// Hours after the previous step; sometimes negative.
    pub dt: i64,
    pub command: Command,
}

#[derive(Clone, Debug)]
pub struct Script {
    pub policy: Policy,
    pub steps: Vec<Step>,
}

pub fn who() -> impl Strategy<Value = Who> {
    prop_oneof![6 => Just(Who::Right), 1 => (0..11usize).prop_map(Who::Any)]
}

pub fn dt() -> impl Strategy<Value = i64> {
    prop_oneof![12 => 0..72i64, 1 => -48..0i64]
}

pub fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        12 => select(vec!["Ani", "The well is dry", "line one\nline two", "  padded  "])
            .prop_map(String::from),
        1 => Just(String::new()),
        1 => Just(" \t ".to_owned()),
        1 => Just("bell\u{7}".to_owned()),
        1 => Just("é".repeat(201)),
    ]
}

pub fn opt_text() -> impl Strategy<Value = Option<String>> {
    prop_oneof![3 => Just(None), 1 => text().prop_map(Some)]
}

pub fn ids<T: std::fmt::Debug>(f: fn(u32) -> T, max: u32) -> impl Strategy<Value = Vec<T>> {
    prop::collection::vec((0..=max).prop_map(f), 0..3)
}

pub fn actor_id() -> impl Strategy<Value = pendamping::ActorId> {
    select(vec![
        "w:siti",
        "s:budi",
        "c:sari",
        "c:joko",
        "a:puskesmas",
        "d:zakat",
        "w:rina",
        "c:ani",
        "a:dinsos",
        "x:nobody",
    ])
    .prop_map(id)
}

pub fn kind() -> impl Strategy<Value = ActorKind> {
    select(ActorKind::ALL)
}

pub fn team_member() -> impl Strategy<Value = TeamMember> {
    (actor_id(), kind(), text()).prop_map(|(id, kind, name)| TeamMember { id, kind, name })
}

pub fn policy() -> impl Strategy<Value = Policy> {
    let pairs = || prop::collection::vec((kind(), select(Permission::ALL)), 0..2);
    (
        any::<bool>(),
        any::<bool>(),
        prop::option::of(1..120u16),
        pairs(),
        pairs(),
        prop::collection::vec(
            (
                kind(),
                select(Confidentiality::ALL),
                select(ReadAccess::ALL),
            ),
            0..2,
        ),
        (
            any::<bool>(),
            prop::bool::weighted(0.8),
            prop::bool::weighted(0.1),
        ),
    )
        .prop_map(
            |(plan, closure, review, grants, revocations, reading, options)| {
                let mut policy = Policy::default();
                (
                    policy.four_eyes_plan,
                    policy.four_eyes_closure,
                    policy.engagement_consent_required,
                ) = options;
                policy.plan_approval_required = plan;
                policy.closure_approval_required = closure;
                policy.review_interval_days = review;
                policy.grants = grants;
                policy.revocations = revocations;
                policy.reading = reading;
                policy
            },
        )
}

pub fn stage() -> impl Strategy<Value = Stage> {
    select(Stage::ALL)
}

pub fn termination() -> impl Strategy<Value = Option<TerminationReason>> {
    prop::option::of(select(TerminationReason::ALL))
}

pub fn gas_scale() -> impl Strategy<Value = Option<GasScale>> {
    prop::option::of(
        (0..4u16, prop::bool::weighted(0.1)).prop_map(|(weight, blank)| {
            let mut s = scale(weight);
            if blank {
                s.levels[2] = " ".into();
            }
            s
        }),
    )
}

pub fn scores() -> impl Strategy<Value = Vec<GoalEvaluation>> {
    prop::collection::vec(
        (0..=4u32, select(Level::ALL), select(Achievement::ALL)).prop_map(
            |(goal, level, achievement)| GoalEvaluation {
                goal: GoalId(goal),
                level,
                achievement,
            },
        ),
        0..3,
    )
}

pub fn detail() -> BoxedStrategy<ActivityDetail> {
    let names = || prop::collection::vec(text(), 0..3);
    prop_oneof![
        (names(), text(), text(), names(), names()).prop_map(|(p, w, c, o, a)| {
            ActivityDetail::Consultation {
                participants: p,
                worker_contribution: w,
                client_contribution: c,
                options: o,
                action_steps: a,
            }
        }),
        (text(), names(), names(), opt_text()).prop_map(|(topic, l, e, prevention_focus)| {
            ActivityDetail::Education {
                topic,
                learners: l,
                educators: e,
                prevention_focus,
            }
        }),
        (names(), text())
            .prop_map(|(parties, outcome)| ActivityDetail::Mediation { parties, outcome }),
        (select(AdvocacyScope::ALL), text(), text()).prop_map(|(scope, target_system, outcome)| {
            ActivityDetail::Advocacy {
                scope,
                target_system,
                outcome,
            }
        }),
        (text(), text()).prop_map(|(risk, action)| ActivityDetail::Protection { risk, action }),
        (0..3u32).prop_map(|r| ActivityDetail::Linkage {
            referral: ReferralId(r)
        }),
    ]
    .boxed()
}

pub fn provider() -> impl Strategy<Value = Provider> {
    prop_oneof![
        actor_id().prop_map(|id| Provider::Partner { id }),
        text().prop_map(|name| Provider::External { name }),
    ]
}

pub fn responsible() -> impl Strategy<Value = Responsible> {
    prop_oneof![
        Just(Responsible::Worker),
        Just(Responsible::Client),
        Just(Responsible::Joint),
        actor_id().prop_map(Responsible::Partner),
    ]
}

/// Any command at all, with ids in small ranges so that many name real records.
pub fn noise() -> BoxedStrategy<Command> {
    let team = prop_oneof![
        (actor_id(), team_member()).prop_map(|(from, to)| Command::ReassignWorker { from, to }),
        team_member().prop_map(|member| Command::AddMember { member }),
        actor_id().prop_map(|id| Command::RemoveMember { id }),
        policy().prop_map(|policy| Command::ChangePolicy { policy }),
    ];
    let assessment = prop_oneof![
        (text(), text(), select(Priority::ALL)).prop_map(|(domain, description, priority)| {
            Command::RecordNeed {
                domain,
                description,
                priority,
                confidentiality: None,
            }
        }),
        (
            select(ResourceKind::ALL),
            text(),
            opt_text(),
            prop::collection::vec(select(Barrier::ALL), 0..3)
        )
            .prop_map(
                |(kind, description, holder, barriers)| Command::RecordResource {
                    kind,
                    description,
                    holder,
                    barriers,
                    service: None,
                    confidentiality: None,
                }
            ),
        (
            select(ResourceKind::ALL),
            text(),
            text(),
            select(Surrounding::ALL),
            prop::collection::vec(select(Barrier::ALL), 0..2)
        )
            .prop_map(|(kind, description, holder, around, barriers)| {
                Command::RecordSurroundingResource {
                    kind,
                    description,
                    holder,
                    around,
                    barriers,
                    confidentiality: None,
                }
            }),
        (0..=4u32, opt_text()).prop_map(|(n, note)| Command::MarkNeedMet {
            need: NeedId(n),
            note
        }),
        (0..=4u32, text()).prop_map(|(n, reason)| Command::DeferNeed {
            need: NeedId(n),
            reason
        }),
    ];
    let planning = prop_oneof![
        (text(), ids(NeedId, 4), gas_scale()).prop_map(|(description, addresses, scale)| {
            Command::AddGoal {
                description,
                addresses,
                scale,
            }
        }),
        (0..=4u32, select(GoalStatus::ALL)).prop_map(|(g, status)| Command::SetGoalStatus {
            goal: GoalId(g),
            status
        }),
        (
            text(),
            ids(GoalId, 4),
            select(Function::ALL),
            select(Role::ALL),
            responsible(),
            ids(ResourceId, 4)
        )
            .prop_map(|(description, serves, function, role, responsible, uses)| {
                Command::AddIntervention {
                    description,
                    serves,
                    function,
                    role,
                    responsible,
                    uses,
                }
            }),
        text().prop_map(|reason| Command::RevisePlan { reason }),
        (1..=3u32, prop::option::of(actor_id())).prop_map(|(v, on_behalf_of)| {
            Command::AgreeToPlan {
                version: PlanVersion(v),
                on_behalf_of,
            }
        }),
        opt_text().prop_map(|comment| Command::RequestPlanApproval { comment }),
        (any::<bool>(), opt_text())
            .prop_map(|(approve, comment)| Command::DecidePlanApproval { approve, comment }),
    ];
    let implementation = prop_oneof![
        (
            select(Function::ALL),
            select(Role::ALL),
            ids(InterventionId, 3),
            detail(),
            opt_text()
        )
            .prop_map(|(function, role, interventions, detail, note)| {
                Command::RecordActivity {
                    function,
                    role,
                    interventions,
                    detail,
                    note,
                    confidentiality: None,
                }
            }),
        (0..=4u32, text()).prop_map(|(a, text)| Command::AddContribution {
            activity: ActivityId(a),
            text
        }),
        (
            0..=4u32,
            provider(),
            select(ManagementMode::ALL),
            select(Function::ALL),
            select(Role::ALL),
            ids(InterventionId, 3),
            opt_text()
        )
            .prop_map(|(r, provider, mode, function, role, interventions, note)| {
                Command::Refer {
                    resource: ResourceId(r),
                    provider,
                    mode,
                    function,
                    role,
                    interventions,
                    note,
                    confidentiality: None,
                }
            }),
        (0..=3u32, prop::option::of(actor_id())).prop_map(|(r, on_behalf_of)| {
            Command::GiveConsent {
                referral: ReferralId(r),
                on_behalf_of,
            }
        }),
        (0..=3u32, prop::option::of(actor_id())).prop_map(|(r, on_behalf_of)| {
            Command::WithdrawConsent {
                referral: ReferralId(r),
                on_behalf_of,
            }
        }),
        (0..=3u32, select(ReferralStatus::ALL), opt_text()).prop_map(|(r, status, note)| {
            Command::SetReferralStatus {
                referral: ReferralId(r),
                status,
                note,
            }
        }),
        (scores(), opt_text(), select(Decision::ALL)).prop_map(|(scores, notes, decision)| {
            Command::RecordEvaluation {
                scores,
                notes,
                decision,
                confidentiality: None,
            }
        }),
        (
            prop_oneof![
                Just(ConsentScope::Engagement),
                text().prop_map(|organisation| ConsentScope::Disclosure { organisation }),
            ],
            prop::option::of(actor_id()),
            any::<bool>()
        )
            .prop_map(|(scope, on_behalf_of, give)| if give {
                Command::GiveScopedConsent {
                    scope,
                    on_behalf_of,
                }
            } else {
                Command::WithdrawScopedConsent {
                    scope,
                    on_behalf_of,
                }
            }),
        (0..=2u32, text(), scores()).prop_map(|(v, text, ratings)| {
            Command::AddEvaluationView {
                evaluation: EvaluationId(v),
                text,
                ratings,
            }
        }),
    ];
    let lifecycle = prop_oneof![
        (stage(), opt_text(), termination()).prop_map(|(to, reason, termination)| {
            Command::MoveToStage {
                to,
                reason,
                termination,
            }
        }),
        (text(), prop::option::of(0..400u32)).prop_map(|(reason, days)| Command::Hold {
            reason,
            review_on: days.map(|d| {
                NaiveDate::from_ymd_opt(2026, 3, 2).unwrap() + chrono::Days::new(u64::from(d))
            }),
        }),
        opt_text().prop_map(|note| Command::Resume { note }),
        text().prop_map(|summary| Command::RecordTerminationSummary { summary }),
        opt_text().prop_map(|comment| Command::RequestClosureApproval { comment }),
        (any::<bool>(), opt_text())
            .prop_map(|(approve, comment)| Command::DecideClosureApproval { approve, comment }),
        Just(Command::Close),
        text().prop_map(|reason| Command::Reopen { reason }),
        text().prop_map(|note| Command::RecordFollowUp {
            note,
            confidentiality: None
        }),
    ];
    let any = prop_oneof![
        1 => team.boxed(),
        3 => assessment.boxed(),
        4 => planning.boxed(),
        5 => implementation.boxed(),
        4 => lifecycle.boxed(),
    ];
    (any, prop::option::of(select(Confidentiality::ALL)))
        .prop_map(|(command, level)| with_level(command, level))
        .boxed()
}

/// The command with `level` as the confidentiality of the record it makes, if it makes one.
fn with_level(mut command: Command, level: Option<Confidentiality>) -> Command {
    match &mut command {
        Command::RecordNeed {
            confidentiality, ..
        }
        | Command::RecordResource {
            confidentiality, ..
        }
        | Command::RecordActivity {
            confidentiality, ..
        }
        | Command::Refer {
            confidentiality, ..
        }
        | Command::RecordEvaluation {
            confidentiality, ..
        }
        | Command::RecordFollowUp {
            confidentiality, ..
        } => *confidentiality = level,
        _ => {}
    }
    command
}

/// The helping process from assessment to reopening, the way a worker would go through it.
pub fn skeleton() -> impl Strategy<Value = Vec<Command>> {
    let decision = prop_oneof![
        5 => Just(Decision::Terminate),
        1 => Just(Decision::Continue),
        1 => Just(Decision::RevisePlan),
        1 => Just(Decision::Reassess),
    ];
    (1..4u16, decision, select(Level::ALL)).prop_map(|(weight, decision, level)| {
        let team = Team::new();
        let after_evaluation = match decision {
            Decision::Terminate => end(Stage::Termination, TerminationReason::GoalsAchieved),
            Decision::RevisePlan => move_to(Stage::Planning),
            other => move_to(other.target()),
        };
        vec![
            need("schooling", "Ani stopped going to school"),
            strength("The mother keeps a careful budget"),
            external("Puskesmas", "Health checks", vec![Barrier::Information]),
            Command::RecordSurroundingResource {
                kind: ResourceKind::Interpersonal,
                description: "The neighbours mind Ani after school".into(),
                holder: "Bu Tini".into(),
                around: Surrounding::Neighbour,
                barriers: vec![],
                confidentiality: None,
            },
            move_to(Stage::Planning),
            goal("Ani is back at school", &[1], Some(weight)),
            intervention(
                "Talk it through",
                &[1],
                Function::ProblemSolvingConsultation,
                Role::Enabler,
                Responsible::Joint,
            ),
            agree(1, None),
            Command::RequestPlanApproval { comment: None },
            Command::DecidePlanApproval {
                approve: true,
                comment: None,
            },
            move_to(Stage::Implementation),
            consultation(&[1]),
            Command::AddContribution {
                activity: ActivityId(1),
                text: "I walk her to school".into(),
            },
            Command::GiveScopedConsent {
                scope: ConsentScope::Engagement,
                on_behalf_of: None,
            },
            refer(2, partner(&team.agency)),
            consent(1, None),
            referral_status(1, ReferralStatus::Requested),
            referral_status(1, ReferralStatus::Accepted),
            referral_status(1, ReferralStatus::Completed),
            move_to(Stage::Evaluation),
            Command::RecordEvaluation {
                scores: vec![GoalEvaluation {
                    goal: GoalId(1),
                    level,
                    achievement: Achievement::Improving,
                }],
                notes: None,
                decision,
                confidentiality: None,
            },
            Command::AddEvaluationView {
                evaluation: EvaluationId(1),
                text: "She goes every day now".into(),
                ratings: vec![],
            },
            after_evaluation,
            Command::RecordTerminationSummary {
                summary: "Ani is back at school".into(),
            },
            Command::RequestClosureApproval { comment: None },
            Command::DecideClosureApproval {
                approve: true,
                comment: None,
            },
            Command::Close,
            Command::RecordFollowUp {
                note: "All well".into(),
                confidentiality: None,
            },
            Command::Reopen {
                reason: "The family asked again".into(),
            },
        ]
    })
}

pub fn step(command: impl Strategy<Value = Command>) -> impl Strategy<Value = Step> {
    (who(), dt(), command).prop_map(|(who, dt, command)| Step { who, dt, command })
}

/// Random steps before a step of the skeleton: none, one or two (about 0.7 on average).
pub fn between() -> impl Strategy<Value = Vec<Step>> {
    prop_oneof![
        3 => Just(vec![]),
        2 => prop::collection::vec(step(noise()), 1),
        1 => prop::collection::vec(step(noise()), 2),
    ]
}

/// The skeleton (given by the right actor, time never going back) with random steps before
/// each of its own (26 to 78 steps, about 44 on average), or a purely random sequence of up
/// to 60.
pub fn script() -> impl Strategy<Value = Script> {
    let guided = skeleton()
        .prop_flat_map(|commands| {
            commands
                .into_iter()
                .map(|c| {
                    let own = (0..72i64).prop_map(move |dt| Step {
                        who: Who::Right,
                        dt,
                        command: c.clone(),
                    });
                    (between(), own)
                })
                .collect::<Vec<_>>()
        })
        .prop_map(|parts| {
            parts
                .into_iter()
                .flat_map(|(mut before, own)| {
                    before.push(own);
                    before
                })
                .collect::<Vec<_>>()
        });
    let random = prop::collection::vec(step(noise()), 0..60);
    // An opening whose policy asks for approvals keeps an approver on the team (issue 9).
    let opening_policy = policy().prop_filter("an approver when approvals are asked", |p| {
        !(p.plan_approval_required || p.closure_approval_required)
            || ActorKind::ALL
                .iter()
                .any(|&k| p.allows(k, Permission::Approve))
    });
    (opening_policy, prop_oneof![4 => guided, 1 => random])
        .prop_map(|(policy, steps)| Script { policy, steps })
}
