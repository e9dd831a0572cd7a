//! Properties of the engagement under random command sequences: nothing panics, a refusal
//! changes nothing, a replay of the recorded events is the live engagement, `decide` previews
//! exactly what `execute` records, and commands, events and state survive JSON.
//!
//! The generator walks a skeleton of the whole helping process (assessment to follow-up and
//! reopening) with random commands, actors and times mixed in, so the properties are checked
//! in every stage, not only in needs assessment; `the_generator_reaches_deep_stages` keeps it
//! honest.

mod fixtures;

use chrono::{DateTime, NaiveDate, TimeDelta, Utc};
use fixtures::*;
use pendamping::gas::Level;
use pendamping::{
    Achievement, ActivityDetail, ActivityId, Actor, ActorKind, AdvocacyScope, Barrier, Command,
    Decision, Engagement, Function, GasScale, GoalEvaluation, GoalId, GoalStatus, InterventionId,
    ManagementMode, NeedId, Permission, PlanVersion, Policy, Priority, Provider, Recorded,
    ReferralId, ReferralStatus, Rejection, ResourceId, ResourceKind, Responsible, Role, Stage,
    Status, TeamMember, TerminationReason, decide,
};
use proptest::prelude::*;
use proptest::sample::select;
use proptest::strategy::ValueTree;
use proptest::test_runner::TestRunner;

// ----------------------------------------------------------------------------- the universe

/// Who gives a command: the kind of actor the command is meant for, or anyone from the
/// universe (team members of every kind, an outsider, a member under the wrong kind).
#[derive(Clone, Copy, Debug)]
enum Who {
    Right,
    Any(usize),
}

fn universe() -> Vec<Actor> {
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

fn resolve(who: Who, command: &Command, actors: &[Actor]) -> Actor {
    match who {
        Who::Any(i) => actors[i % actors.len()].clone(),
        Who::Right => {
            let i = match command.permission() {
                Permission::Approve | Permission::ManageTeam => 1,
                Permission::ClientVoice => 2,
                Permission::ProviderUpdate => 6,
                _ => 0,
            };
            actors[i].clone()
        }
    }
}

#[derive(Clone, Debug)]
struct Step {
    who: Who,
    /// Hours after the previous step; sometimes negative.
    dt: i64,
    command: Command,
}

#[derive(Clone, Debug)]
struct Script {
    policy: Policy,
    steps: Vec<Step>,
}

fn who() -> impl Strategy<Value = Who> {
    prop_oneof![6 => Just(Who::Right), 1 => (0..11usize).prop_map(Who::Any)]
}

fn dt() -> impl Strategy<Value = i64> {
    prop_oneof![12 => 0..72i64, 1 => -48..0i64]
}

fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        12 => select(vec!["Ani", "The well is dry", "line one\nline two", "  padded  "])
            .prop_map(String::from),
        1 => Just(String::new()),
        1 => Just(" \t ".to_owned()),
        1 => Just("bell\u{7}".to_owned()),
        1 => Just("é".repeat(201)),
    ]
}

fn opt_text() -> impl Strategy<Value = Option<String>> {
    prop_oneof![3 => Just(None), 1 => text().prop_map(Some)]
}

fn ids<T: std::fmt::Debug>(f: fn(u32) -> T, max: u32) -> impl Strategy<Value = Vec<T>> {
    prop::collection::vec((0..=max).prop_map(f), 0..3)
}

fn actor_id() -> impl Strategy<Value = pendamping::ActorId> {
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

fn kind() -> impl Strategy<Value = ActorKind> {
    select(ActorKind::ALL)
}

fn team_member() -> impl Strategy<Value = TeamMember> {
    (actor_id(), kind(), text()).prop_map(|(id, kind, name)| TeamMember { id, kind, name })
}

fn policy() -> impl Strategy<Value = Policy> {
    let pairs = || prop::collection::vec((kind(), select(Permission::ALL)), 0..2);
    (
        any::<bool>(),
        any::<bool>(),
        prop::option::of(1..120u16),
        pairs(),
        pairs(),
    )
        .prop_map(|(plan, closure, review, grants, revocations)| {
            let mut policy = Policy::default();
            policy.plan_approval_required = plan;
            policy.closure_approval_required = closure;
            policy.review_interval_days = review;
            policy.grants = grants;
            policy.revocations = revocations;
            policy
        })
}

fn stage() -> impl Strategy<Value = Stage> {
    select(Stage::ALL)
}

fn termination() -> impl Strategy<Value = Option<TerminationReason>> {
    prop::option::of(select(TerminationReason::ALL))
}

fn gas_scale() -> impl Strategy<Value = Option<GasScale>> {
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

fn scores() -> impl Strategy<Value = Vec<GoalEvaluation>> {
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

fn detail() -> BoxedStrategy<ActivityDetail> {
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

fn provider() -> impl Strategy<Value = Provider> {
    prop_oneof![
        actor_id().prop_map(|id| Provider::Partner { id }),
        text().prop_map(|name| Provider::External { name }),
    ]
}

fn responsible() -> impl Strategy<Value = Responsible> {
    prop_oneof![
        Just(Responsible::Worker),
        Just(Responsible::Client),
        Just(Responsible::Joint),
        actor_id().prop_map(Responsible::Partner),
    ]
}

/// Any command at all, with ids in small ranges so that many name real records.
fn noise() -> BoxedStrategy<Command> {
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
                }
            ),
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
        text().prop_map(|note| Command::RecordFollowUp { note }),
    ];
    prop_oneof![
        1 => team.boxed(),
        3 => assessment.boxed(),
        4 => planning.boxed(),
        5 => implementation.boxed(),
        4 => lifecycle.boxed(),
    ]
    .boxed()
}

/// The helping process from assessment to reopening, the way a worker would go through it.
fn skeleton() -> impl Strategy<Value = Vec<Command>> {
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
            },
            Command::Reopen {
                reason: "The family asked again".into(),
            },
        ]
    })
}

fn step(command: impl Strategy<Value = Command>) -> impl Strategy<Value = Step> {
    (who(), dt(), command).prop_map(|(who, dt, command)| Step { who, dt, command })
}

/// Random steps before a step of the skeleton: none, one or two (about 0.7 on average).
fn between() -> impl Strategy<Value = Vec<Step>> {
    prop_oneof![
        3 => Just(vec![]),
        2 => prop::collection::vec(step(noise()), 1),
        1 => prop::collection::vec(step(noise()), 2),
    ]
}

/// The skeleton (given by the right actor, time never going back) with random steps before
/// each of its own (26 to 78 steps, about 44 on average), or a purely random sequence of up
/// to 60.
fn script() -> impl Strategy<Value = Script> {
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

// ----------------------------------------------------------------------------- running

/// What one run saw.
struct Run {
    case: Engagement,
    /// The engagement after each accepted command, with the events recorded so far.
    snapshots: Vec<(Engagement, usize)>,
    events: Vec<Recorded>,
    accepted: usize,
    deepest: Option<Stage>,
    closed: bool,
}

fn start() -> DateTime<Utc> {
    day(0)
}

/// Runs a script, checking after every command that a refusal changed nothing and an
/// acceptance recorded exactly one event, the one `decide` previewed.
fn run(script: &Script) -> Result<Run, TestCaseError> {
    let actors = universe();
    let team = Team::new();
    let mut case = Engagement::open(&team.worker, start(), team.opening(script.policy.clone()))
        .map_err(|e| TestCaseError::fail(format!("opening: {e}")))?;
    let mut events = case.take_pending();
    let mut at = start();
    let mut snapshots = vec![(case.clone(), events.len())];
    let (mut accepted, mut deepest, mut closed) = (0, case.stage(), false);
    for step in &script.steps {
        at += TimeDelta::hours(step.dt);
        let by = resolve(step.who, &step.command, &actors);
        let before = case.clone();
        let preview = decide(&case, &by, at, &step.command);
        match case.execute(&by, at, step.command.clone()) {
            Ok(recorded) => {
                prop_assert_eq!(recorded.len(), 1);
                let recorded = recorded[0].clone();
                prop_assert_eq!(recorded.seq, before.last_seq() + 1);
                prop_assert_eq!(recorded.at, at);
                prop_assert_eq!(&recorded.by, &by);
                prop_assert_eq!(Ok(recorded.event.clone()), preview);
                prop_assert_eq!(case.pending(), std::slice::from_ref(&recorded));
                prop_assert_eq!(case.last_at(), at);
                events.extend(case.take_pending());
                accepted += 1;
                snapshots.push((case.clone(), events.len()));
            }
            Err(rejection) => {
                prop_assert_eq!(&case, &before, "{} changed the state", step.command.name());
                prop_assert!(case.pending().is_empty());
                prop_assert_eq!(Err(rejection.clone()), preview);
                check_rejection(&rejection, &step.command)?;
            }
        }
        if case.status() == Status::Closed {
            closed = true;
        }
        deepest = deepest.max(case.stage());
    }
    Ok(Run {
        case,
        snapshots,
        events,
        accepted,
        deepest,
        closed,
    })
}

/// A rejection names the command and at least one reason, in lowercase words without a
/// trailing period.
fn check_rejection(rejection: &Rejection, command: &Command) -> Result<(), TestCaseError> {
    let message = rejection.to_string();
    match rejection {
        Rejection::Refused {
            command: name,
            problems,
        } => {
            prop_assert_eq!(*name, command.name());
            prop_assert!(!problems.is_empty(), "{}", message);
            for problem in problems {
                let words = problem.to_string();
                prop_assert!(!words.ends_with('.'), "{}", words);
                prop_assert!(
                    words.chars().next().is_some_and(|c| !c.is_uppercase()),
                    "{}",
                    words
                );
            }
        }
        Rejection::NotPermitted { command: name, .. } => {
            prop_assert_eq!(*name, command.name());
        }
        other => prop_assert!(false, "unknown rejection {:?}", other),
    }
    Ok(())
}

proptest! {
    #![proptest_config(config(96))]

    /// Nothing panics; every refusal leaves the engagement and its pending events as they were;
    /// `decide` previews exactly what `execute` does.
    #[test]
    fn refusals_change_nothing(script in script()) {
        run(&script)?;
    }

    /// Replaying the recorded events gives the live engagement, at every point of the way.
    #[test]
    fn replay_equals_the_live_engagement(script in script()) {
        let run = run(&script)?;
        prop_assert_eq!(run.events.len() as u64, run.case.last_seq());
        let replayed = Engagement::replay(run.events.clone())
            .map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert_eq!(&replayed, &run.case);
        for (snapshot, n) in &run.snapshots {
            let prefix = Engagement::replay(run.events[..*n].to_vec())
                .map_err(|e| TestCaseError::fail(e.to_string()))?;
            prop_assert_eq!(&prefix, snapshot);
        }
        // Queries answer the same on both.
        prop_assert_eq!(replayed.role_mix(), run.case.role_mix());
        prop_assert_eq!(replayed.next_review(), run.case.next_review());
    }

    /// Commands, recorded events and the engagement's state come back from JSON unchanged.
    #[test]
    fn json_round_trips_are_identity(script in script()) {
        for step in &script.steps {
            let json = serde_json::to_string(&step.command).unwrap();
            let back: Command = serde_json::from_str(&json)
                .map_err(|e| TestCaseError::fail(format!("{e}: {json}")))?;
            prop_assert_eq!(&back, &step.command);
        }
        let run = run(&script)?;
        for recorded in &run.events {
            let json = serde_json::to_string(recorded).unwrap();
            let back: Recorded = serde_json::from_str(&json)
                .map_err(|e| TestCaseError::fail(format!("{e}: {json}")))?;
            prop_assert_eq!(&back, recorded);
        }
        for (snapshot, _) in run.snapshots.iter().step_by(7).chain(Some(&(run.case.clone(), 0))) {
            let json = serde_json::to_string(snapshot).unwrap();
            let back: Engagement = serde_json::from_str(&json)
                .map_err(|e| TestCaseError::fail(format!("{e}: {json}")))?;
            prop_assert_eq!(&back, snapshot);
        }
    }
}

/// The properties above are only as good as the stages the generator reaches.
#[test]
fn the_generator_reaches_deep_stages() {
    let mut runner = TestRunner::deterministic();
    let strategy = script();
    let total = 100;
    let (mut implementation, mut evaluation, mut closed, mut accepted) = (0, 0, 0, 0);
    for _ in 0..total {
        let script = strategy.new_tree(&mut runner).unwrap().current();
        let run = run(&script).unwrap();
        accepted += run.accepted;
        if run.deepest >= Some(Stage::Implementation) || run.closed {
            implementation += 1;
        }
        if run.deepest >= Some(Stage::Evaluation) || run.closed {
            evaluation += 1;
        }
        if run.closed {
            closed += 1;
        }
    }
    println!(
        "of {total} scripts: {implementation} reached implementation, {evaluation} evaluation, \
         {closed} closed; {accepted} commands accepted"
    );
    assert!(
        implementation * 100 >= total * 30,
        "{implementation} of {total}"
    );
    assert!(evaluation * 100 >= total * 20, "{evaluation} of {total}");
    assert!(closed * 100 >= total * 5, "{closed} of {total}");
}
