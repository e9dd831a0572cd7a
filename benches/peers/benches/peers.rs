//! The stage machine against its peers: one fixed sequence of 10,000 attempted moves between
//! stages (about 20% illegal), run through
//!
//! - `status_transition`: `Status::transition`, the history-free check-and-apply (an illegal
//!   move builds its `TransitionError`, with the list of allowed targets);
//! - `kind_of`: the bare table lookup `lifecycle::kind_of`, applied by hand;
//! - `lifecycle`: `Lifecycle::transition`, which also checks the time and records history;
//! - `rust_fsm`: rust-fsm 0.8's DSL machine;
//! - `statig`: statig 0.4's blocking machine;
//! - `match`: a hand-written `match` over (from, to), the baseline.
//!
//! All of them hold the same machine over the five stages: the twelve moves between active
//! stages of `lifecycle::TRANSITIONS` (hold, resume, close and reopen need statuses the peers do
//! not model). A refused move leaves the state as it was. The walk never enters termination,
//! which has no way out in this stage-only table: every later attempt would be illegal. The moves
//! into it are part of every machine all the same.
//!
//! After criterion's report the binary measures each variant again with `Instant` and prints
//! nanoseconds per attempted move and the ratio to the hand-written `match`.
//!
//! This is a package of its own, so the main crate's `cargo test` never builds rust-fsm and
//! statig; the crate's own full-table comparison is `benches/lifecycle.rs`. From the
//! repository's root:
//!
//! ```text
//! cargo bench --manifest-path benches/peers/Cargo.toml --target-dir target -- --warm-up-time 1 --measurement-time 3
//! ```

use std::hint::black_box;
use std::time::{Duration, Instant};

use chrono::{TimeZone, Utc};
use criterion::{Criterion, Throughput};
use pendamping::lifecycle::kind_of;
use pendamping::{Lifecycle, Stage, Status, TransitionKind};

const ATTEMPTS: usize = 10_000;

#[path = "../../support/rng.rs"]
mod rng;
use rng::Rng;

/// The attempted target stages: four in five are moves the table allows from where the walk
/// is, one in five is refused.
fn sequence() -> Vec<Stage> {
    let mut rng = Rng(0x5eed_1234_abcd_0001);
    let mut current = Stage::NeedsAssessment;
    let mut attempts = Vec::with_capacity(ATTEMPTS);
    while attempts.len() < ATTEMPTS {
        let legal = !rng.next().is_multiple_of(5);
        let choices: Vec<Stage> = Stage::ALL
            .iter()
            .copied()
            .filter(|&to| to != Stage::Termination)
            .filter(|&to| kind_of(Status::Active(current), Status::Active(to)).is_some() == legal)
            .collect();
        let to = rng.pick(&choices);
        attempts.push(to);
        if legal {
            current = to;
        }
    }
    attempts
}

/// The baseline: the same twelve moves, written out as a `match`.
fn by_match(from: Stage, to: Stage) -> Option<TransitionKind> {
    use Stage::*;
    use TransitionKind::*;
    match (from, to) {
        (NeedsAssessment, Planning) => Some(Advance),
        (Planning, NeedsAssessment) => Some(Reassess),
        (Planning, Implementation) => Some(Advance),
        (Implementation, Evaluation) => Some(Advance),
        (Implementation, Planning) => Some(Revise),
        (Evaluation, Implementation) => Some(Continue),
        (Evaluation, Planning) => Some(Revise),
        (Evaluation, NeedsAssessment) => Some(Reassess),
        (Evaluation, Termination) => Some(Advance),
        (NeedsAssessment | Planning | Implementation, Termination) => Some(EndEarly),
        _ => None,
    }
}

mod fsm {
    //! The rust-fsm machine; inputs name the target stage.
    use rust_fsm::state_machine;

    state_machine! {
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub(crate) stages(NeedsAssessment)

        NeedsAssessment => {
            ToPlanning => Planning,
            ToTermination => Termination,
        },
        Planning => {
            ToNeedsAssessment => NeedsAssessment,
            ToImplementation => Implementation,
            ToTermination => Termination,
        },
        Implementation => {
            ToEvaluation => Evaluation,
            ToPlanning => Planning,
            ToTermination => Termination,
        },
        Evaluation => {
            ToImplementation => Implementation,
            ToPlanning => Planning,
            ToNeedsAssessment => NeedsAssessment,
            ToTermination => Termination,
        },
    }

    pub(crate) fn input(to: pendamping::Stage) -> stages::Input {
        use pendamping::Stage;
        match to {
            Stage::NeedsAssessment => stages::Input::ToNeedsAssessment,
            Stage::Planning => stages::Input::ToPlanning,
            Stage::Implementation => stages::Input::ToImplementation,
            Stage::Evaluation => stages::Input::ToEvaluation,
            Stage::Termination => stages::Input::ToTermination,
        }
    }

    pub(crate) fn stage(state: stages::State) -> pendamping::Stage {
        use pendamping::Stage;
        match state {
            stages::State::NeedsAssessment => Stage::NeedsAssessment,
            stages::State::Planning => Stage::Planning,
            stages::State::Implementation => Stage::Implementation,
            stages::State::Evaluation => Stage::Evaluation,
            stages::State::Termination => Stage::Termination,
        }
    }
}

mod hsm {
    //! The statig machine; the event is the target stage, a refused one is handled in place.
    #![allow(missing_docs, unreachable_pub)]
    use pendamping::Stage;
    use statig::prelude::*;

    #[derive(Default)]
    pub struct Stages;

    #[state_machine(
        initial = "State::needs_assessment()",
        state(derive(Debug, Clone, Copy))
    )]
    impl Stages {
        #[state]
        fn needs_assessment(event: &Stage) -> Outcome<State> {
            match event {
                Stage::Planning => Transition(State::planning()),
                Stage::Termination => Transition(State::termination()),
                _ => Handled,
            }
        }

        #[state]
        fn planning(event: &Stage) -> Outcome<State> {
            match event {
                Stage::NeedsAssessment => Transition(State::needs_assessment()),
                Stage::Implementation => Transition(State::implementation()),
                Stage::Termination => Transition(State::termination()),
                _ => Handled,
            }
        }

        #[state]
        fn implementation(event: &Stage) -> Outcome<State> {
            match event {
                Stage::Evaluation => Transition(State::evaluation()),
                Stage::Planning => Transition(State::planning()),
                Stage::Termination => Transition(State::termination()),
                _ => Handled,
            }
        }

        #[state]
        fn evaluation(event: &Stage) -> Outcome<State> {
            match event {
                Stage::Implementation => Transition(State::implementation()),
                Stage::Planning => Transition(State::planning()),
                Stage::NeedsAssessment => Transition(State::needs_assessment()),
                Stage::Termination => Transition(State::termination()),
                _ => Handled,
            }
        }

        #[state]
        fn termination(event: &Stage) -> Outcome<State> {
            let _ = event;
            Handled
        }
    }

    pub fn stage(state: State) -> Stage {
        match state {
            State::NeedsAssessment {} => Stage::NeedsAssessment,
            State::Planning {} => Stage::Planning,
            State::Implementation {} => Stage::Implementation,
            State::Evaluation {} => Stage::Evaluation,
            State::Termination {} => Stage::Termination,
        }
    }
}

/// Each variant runs the whole sequence and returns the final stage and the number of moves
/// it accepted (statig does not report refusals, so it returns the final stage only). Only the
/// inputs go through `black_box`: each step depends on the last and the results are used, so
/// nothing can be computed ahead, and no variant pays for stores the others skip.
fn run_status_transition(attempts: &[Stage]) -> (Stage, usize) {
    let mut status = Status::Active(Stage::NeedsAssessment);
    let mut accepted = 0;
    for &to in attempts {
        accepted += usize::from(status.transition(Status::Active(black_box(to))).is_ok());
    }
    (status.stage().unwrap_or(Stage::Termination), accepted)
}

fn run_kind_of(attempts: &[Stage]) -> (Stage, usize) {
    let mut status = Status::Active(Stage::NeedsAssessment);
    let mut accepted = 0;
    for &to in attempts {
        let to = Status::Active(black_box(to));
        if kind_of(status, to).is_some() {
            status = to;
            accepted += 1;
        }
    }
    (status.stage().unwrap_or(Stage::Termination), accepted)
}

fn run_lifecycle(attempts: &[Stage]) -> (Stage, usize) {
    let at = Utc
        .with_ymd_and_hms(2025, 1, 6, 8, 0, 0)
        .single()
        .unwrap_or_default();
    let mut life = Lifecycle::new(at);
    for &to in attempts {
        let _ = life.transition(Status::Active(black_box(to)), at);
    }
    let accepted = life.history().len();
    (
        life.status().stage().unwrap_or(Stage::Termination),
        accepted,
    )
}

fn run_rust_fsm(inputs: &[fsm::stages::Input]) -> (Stage, usize) {
    let mut machine = fsm::stages::StateMachine::new();
    let mut accepted = 0;
    for input in inputs {
        accepted += usize::from(machine.consume(black_box(input)).is_ok());
    }
    (fsm::stage(*machine.state()), accepted)
}

fn run_statig(attempts: &[Stage]) -> (Stage, usize) {
    use statig::blocking::IntoStateMachineExt as _;
    let mut machine = hsm::Stages.uninitialized_state_machine().init();
    for to in attempts {
        machine.handle(black_box(to));
    }
    (hsm::stage(*machine.state()), 0)
}

fn run_match(attempts: &[Stage]) -> (Stage, usize) {
    let mut stage = Stage::NeedsAssessment;
    let mut accepted = 0;
    for &to in attempts {
        let to = black_box(to);
        if by_match(stage, to).is_some() {
            stage = to;
            accepted += 1;
        }
    }
    (stage, accepted)
}

type Variant<'a> = (&'static str, Box<dyn Fn() -> (Stage, usize) + 'a>);

fn variants<'a>(attempts: &'a [Stage], inputs: &'a [fsm::stages::Input]) -> Vec<Variant<'a>> {
    vec![
        (
            "status_transition",
            Box::new(|| run_status_transition(attempts)),
        ),
        ("kind_of", Box::new(|| run_kind_of(attempts))),
        ("lifecycle", Box::new(|| run_lifecycle(attempts))),
        ("rust_fsm", Box::new(|| run_rust_fsm(inputs))),
        ("statig", Box::new(|| run_statig(attempts))),
        ("match", Box::new(|| run_match(attempts))),
    ]
}

/// Median time of one run of the sequence, over `runs` runs.
fn median_run(run: &dyn Fn() -> (Stage, usize), runs: usize) -> Duration {
    let mut times: Vec<Duration> = (0..runs)
        .map(|_| {
            let start = Instant::now();
            black_box(run());
            start.elapsed()
        })
        .collect();
    times.sort();
    times.get(runs / 2).copied().unwrap_or_default()
}

fn main() {
    let attempts = sequence();
    let inputs: Vec<fsm::stages::Input> = attempts.iter().map(|&s| fsm::input(s)).collect();
    let variants = variants(&attempts, &inputs);

    // Every machine must end in the same place, or the comparison means nothing.
    let (end, accepted) = run_match(&attempts);
    for (name, run) in &variants {
        let (stage, count) = run();
        assert_eq!(stage, end, "{name} ends elsewhere");
        assert!(
            count == accepted || *name == "statig",
            "{name} accepts {count}, not {accepted}"
        );
    }

    let mut criterion = Criterion::default()
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(2))
        .sample_size(50)
        .configure_from_args();
    {
        let mut group = criterion.benchmark_group("lifecycle_10k_attempts");
        group.throughput(Throughput::Elements(ATTEMPTS as u64));
        for (name, run) in &variants {
            group.bench_function(*name, |b| b.iter(run));
        }
        group.finish();
    }
    criterion.final_summary();

    if !std::env::args().any(|a| a == "--bench") {
        return;
    }
    let illegal = ATTEMPTS - accepted;
    println!(
        "\n{ATTEMPTS} attempted moves, {illegal} illegal ({:.1}%), median of 300 runs each:",
        100.0 * illegal as f64 / ATTEMPTS as f64
    );
    let per_move = |d: Duration| d.as_nanos() as f64 / ATTEMPTS as f64;
    let measured: Vec<(&str, f64)> = variants
        .iter()
        .map(|(name, run)| (*name, per_move(median_run(run, 300))))
        .collect();
    let baseline = measured
        .iter()
        .find(|(name, _)| *name == "match")
        .map_or(f64::NAN, |&(_, ns)| ns);
    println!("{:<18} {:>12} {:>12}", "variant", "ns/move", "x match");
    for (name, ns) in measured {
        println!("{name:<18} {ns:>12.2} {:>12.2}", ns / baseline);
    }
}
