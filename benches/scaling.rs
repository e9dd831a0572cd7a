//! Does one more command cost more in a bigger engagement? Each command kind is decided (every
//! permission, stage and requirement check, the event built or the rejection listed) against
//! engagements of about 100, 1 k, 10 k and 100 k records; the appending commands are also
//! executed (decided, applied, recorded); replay and journal verification are timed per event.
//! The sizes take turns in every round (interleaved), and the medians are printed with the
//! ratio of the largest size's time to the smallest's: near 1 means the cost does not grow.
//!
//! ```text
//! cargo bench --bench scaling -- --warm-up-time 1 --measurement-time 3
//! ```

use criterion::{BatchSize, Criterion};
use pendamping::journal::{self, JournalOptions};
use pendamping::{
    ActivityId, ActorKind, Command, Decision, Engagement, GoalEvaluation, GoalId, InterventionId,
    NeedId, PlanVersion, Policy, ReferralId, ReferralStatus, Stage, TeamMember, decide,
};
use std::hint::black_box;
use std::time::{Duration, Instant};

#[path = "support/grow.rs"]
mod grow;
use grow::{
    Built, People, activity, build, goal, id, intervention, need, outside_resource, people, refer,
    stage,
};

const SIZES: [usize; 4] = [100, 1_000, 10_000, 100_000];

/// The commands decided against the planning engagement of `records` records.
fn planning_commands(records: usize, p: &People) -> Vec<(&'static str, Command)> {
    let last_need = NeedId(id(records / 4 - 1));
    let last_goal = GoalId(id(records / 4 - 1));
    vec![
        ("record_need", need(0)),
        ("record_resource", outside_resource()),
        (
            "mark_need_met",
            Command::MarkNeedMet {
                need: last_need,
                note: None,
            },
        ),
        (
            "defer_need",
            Command::DeferNeed {
                need: last_need,
                reason: "Waits for the new term".into(),
            },
        ),
        ("add_goal", goal(last_need)),
        (
            "set_goal_status",
            Command::SetGoalStatus {
                goal: last_goal,
                status: pendamping::GoalStatus::Active,
            },
        ),
        ("add_intervention", intervention(last_goal)),
        (
            "revise_plan",
            Command::RevisePlan {
                reason: "The school moved".into(),
            },
        ),
        (
            "agree_to_plan",
            Command::AgreeToPlan {
                version: PlanVersion(1),
                on_behalf_of: Some(p.member.id.clone()),
            },
        ),
        (
            "request_plan_approval",
            Command::RequestPlanApproval { comment: None },
        ),
        ("move_to_implementation", stage(Stage::Implementation)),
        (
            "add_member",
            Command::AddMember {
                member: TeamMember {
                    id: pendamping::ActorId::new("c:budi").unwrap_or_else(|e| panic!("{e}")),
                    kind: ActorKind::ClientMember,
                    name: "Budi".into(),
                },
            },
        ),
        (
            "change_policy",
            Command::ChangePolicy {
                policy: Policy::default(),
            },
        ),
    ]
}

/// The commands decided against the implementation engagement of `records` records.
fn implementation_commands(records: usize, p: &People) -> Vec<(&'static str, Command)> {
    let quarter = records / 4;
    let last_activity = ActivityId(id(quarter - 1));
    let last_referral = ReferralId(id(quarter / 8 - 1));
    let on_behalf = Some(p.member.id.clone());
    vec![
        (
            "record_activity",
            activity(InterventionId(id(quarter / 2 - 1))),
        ),
        ("refer", refer(InterventionId(id(quarter / 2 - 1)))),
        (
            "add_contribution",
            Command::AddContribution {
                activity: last_activity,
                text: "We went to the school together".into(),
            },
        ),
        (
            "give_consent",
            Command::GiveConsent {
                referral: last_referral,
                on_behalf_of: on_behalf.clone(),
            },
        ),
        (
            "set_referral_status",
            Command::SetReferralStatus {
                referral: last_referral,
                status: ReferralStatus::Cancelled,
                note: None,
            },
        ),
        (
            "record_evaluation",
            Command::RecordEvaluation {
                scores: vec![GoalEvaluation {
                    goal: GoalId(id(quarter - 1)),
                    level: pendamping::gas::Level::Expected,
                    achievement: pendamping::Achievement::Achieved,
                }],
                notes: None,
                decision: Decision::Continue,
                confidentiality: None,
            },
        ),
        ("move_to_evaluation", stage(Stage::Evaluation)),
        (
            "hold",
            Command::Hold {
                reason: "The family is away for the harvest".into(),
                review_on: None,
            },
        ),
        (
            "record_termination_summary",
            Command::RecordTerminationSummary {
                summary: "Done".into(),
            },
        ),
        ("close", Command::Close),
        (
            "remove_member",
            Command::RemoveMember {
                id: p.partner.id.clone(),
            },
        ),
    ]
}

/// Median nanoseconds per call of `f`, over `rounds` batches of `calls`; `setup` runs before
/// each batch, outside the timer.
fn per_call<S>(calls: usize, setup: &mut impl FnMut() -> S, f: &mut impl FnMut(&mut S)) -> f64 {
    let mut state = setup();
    let start = Instant::now();
    for _ in 0..calls {
        f(&mut state);
    }
    let elapsed = start.elapsed();
    drop(black_box(state));
    elapsed.as_nanos() as f64 / calls as f64
}

fn median(mut xs: Vec<f64>) -> f64 {
    xs.sort_by(f64::total_cmp);
    xs.get(xs.len() / 2).copied().unwrap_or(f64::NAN)
}

/// A command executed again and again, made for an engagement of the given size.
type Appending = (&'static str, fn(usize) -> Command);

/// One row of the table: a name and the median ns at each size.
struct Row {
    name: String,
    ns: Vec<f64>,
}

fn print(sizes: &[usize], rows: &[Row]) {
    print!("{:<34}", "ns per command or event");
    for size in sizes {
        print!("{size:>11}");
    }
    println!("{:>9}", "ratio");
    let mut worst: (f64, &str) = (0.0, "");
    for row in rows {
        print!("{:<34}", row.name);
        for ns in &row.ns {
            print!("{ns:>11.0}");
        }
        let (first, last) = (row.ns.first(), row.ns.last());
        let ratio = last.zip(first).map_or(f64::NAN, |(l, f)| l / f);
        if ratio > worst.0 {
            worst = (ratio, &row.name);
        }
        println!("{ratio:>9.2}");
    }
    println!("largest/smallest ratio: worst {:.2} ({})", worst.0, worst.1);
}

fn main() {
    let p = people();
    // Under `cargo test --benches` (no `--bench` argument): the two smaller sizes, once.
    let full = std::env::args().any(|a| a == "--bench");
    let sizes = if full { &SIZES[..] } else { &SIZES[..2] };
    let built: Vec<Built> = sizes.iter().map(|&n| build(n, &p)).collect();
    let rounds = if full { 9 } else { 1 };
    let mut rows = Vec::new();

    // Deciding: pure, so the same engagement serves every call.
    let kinds = planning_commands(SIZES[0], &p).len() + implementation_commands(SIZES[0], &p).len();
    let mut decided: Vec<Vec<Vec<f64>>> = vec![vec![Vec::new(); sizes.len()]; kinds];
    let mut names = Vec::new();
    for _ in 0..rounds {
        names.clear();
        for (s, (b, &n)) in built.iter().zip(sizes).enumerate() {
            let commands = planning_commands(n, &p)
                .into_iter()
                .map(|c| (&b.planning, c))
                .chain(
                    implementation_commands(n, &p)
                        .into_iter()
                        .map(|c| (&b.implementation, c)),
                );
            for (k, (case, (name, command))) in commands.enumerate() {
                names.push(name);
                let when = case.last_at();
                let ns = per_call(200, &mut || (), &mut |()| {
                    let _ = black_box(decide(black_box(case), &p.worker, when, &command));
                });
                decided[k][s].push(ns);
            }
        }
    }
    for (name, times) in names.iter().zip(decided) {
        rows.push(Row {
            name: format!("decide {name}"),
            ns: times.into_iter().map(median).collect(),
        });
    }

    // Executing appending commands on a copy, whose vectors were grown once before the timer.
    let appending: [Appending; 3] = [
        ("execute record_activity", |n| {
            activity(InterventionId(id(n / 8 - 1)))
        }),
        ("execute record_need", |_| need(0)),
        ("execute refer", |n| refer(InterventionId(id(n / 8 - 1)))),
    ];
    for (name, command) in appending {
        let mut times = vec![Vec::new(); sizes.len()];
        for _ in 0..rounds {
            for (s, (b, &n)) in built.iter().zip(sizes).enumerate() {
                let when = b.implementation.last_at();
                let command = command(n);
                let mut setup = || {
                    let mut case = b.implementation.clone();
                    case.execute(&p.worker, when, command.clone())
                        .unwrap_or_else(|e| panic!("{e}"));
                    case
                };
                times[s].push(per_call(200, &mut setup, &mut |case: &mut Engagement| {
                    let _ = black_box(case.execute(&p.worker, when, command.clone()));
                }));
            }
        }
        rows.push(Row {
            name: name.into(),
            ns: times.into_iter().map(median).collect(),
        });
    }

    // Replay and verification, per event; the result is dropped outside the timer.
    let mut replay = vec![Vec::new(); sizes.len()];
    let mut verify = vec![Vec::new(); sizes.len()];
    let options = JournalOptions::default();
    for _ in 0..rounds.min(3) {
        for (s, b) in built.iter().enumerate() {
            let events = b.events.clone();
            let count = events.len() as f64;
            let start = Instant::now();
            let case = Engagement::replay(events);
            let elapsed = start.elapsed();
            assert_eq!(case.as_ref().ok(), Some(&b.implementation));
            drop(case);
            replay[s].push(elapsed.as_nanos() as f64 / count);

            let start = Instant::now();
            let verified = journal::verify(&b.journal[..], &options);
            let elapsed = start.elapsed();
            assert!(verified.is_ok());
            drop(verified);
            verify[s].push(elapsed.as_nanos() as f64 / count);
        }
    }
    rows.push(Row {
        name: "replay, per event".into(),
        ns: replay.into_iter().map(median).collect(),
    });
    rows.push(Row {
        name: "journal verify, per event".into(),
        ns: verify.into_iter().map(median).collect(),
    });

    // Criterion for the one that used to grow fastest, at the ends of the range.
    let mut criterion = Criterion::default()
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(3))
        .configure_from_args();
    {
        let mut group = criterion.benchmark_group("scaling_move_to_implementation");
        for (b, n) in built.iter().zip(sizes) {
            let command = stage(Stage::Implementation);
            let when = b.planning.last_at();
            group.bench_function(format!("{n}"), |bench| {
                bench.iter_batched(
                    || (),
                    |()| decide(&b.planning, &p.worker, when, &command),
                    BatchSize::SmallInput,
                );
            });
        }
        group.finish();
    }
    criterion.final_summary();
    println!();
    print(sizes, &rows);
}
