//! The whole lifecycle table against a hand-written `match`: one fixed walk of 10,000 attempted
//! moves over all eleven statuses (active and on hold in each stage, closed), one in five of
//! them refused, run through
//!
//! - `status_transition`: `Status::transition`, check and apply (a refused move builds its
//!   `TransitionError`);
//! - `kind_of`: the bare table lookup `lifecycle::kind_of`, applied by hand;
//! - `lifecycle`: `Lifecycle::transition`, which also checks the time and records history;
//! - `match`: the same 24 moves written out as a `match` over (from, to), the baseline.
//!
//! The targets are read from memory through `black_box`, so no variant knows the status at
//! compile time, and each step depends on the last. The variants take turns in every round
//! (interleaved) and the medians are printed with the ratio to the `match`.
//!
//! ```text
//! cargo bench --bench lifecycle -- --warm-up-time 1 --measurement-time 3
//! ```
//!
//! The comparison with other state-machine crates (rust-fsm, statig) over the stages alone is
//! a package of its own, `benches/peers`.

use std::hint::black_box;
use std::time::{Duration, Instant};

use chrono::{TimeZone, Utc};
use criterion::{Criterion, Throughput};
use pendamping::lifecycle::{TRANSITIONS, allowed_from, kind_of};
use pendamping::{Lifecycle, Stage, Status, TransitionKind};

const ATTEMPTS: usize = 10_000;

#[path = "support/rng.rs"]
mod rng;
use rng::Rng;

/// The attempted targets: four in five are moves the table allows from where the walk is,
/// one in five is refused. Every row of the table is taken.
fn sequence() -> Vec<Status> {
    let mut rng = Rng(0x5eed_1234_abcd_0001);
    let mut current = Status::Active(Stage::NeedsAssessment);
    let mut attempts = Vec::with_capacity(ATTEMPTS);
    while attempts.len() < ATTEMPTS {
        let to = if rng.next().is_multiple_of(5) {
            let refused: Vec<Status> = Status::ALL
                .iter()
                .copied()
                .filter(|&to| kind_of(current, to).is_none())
                .collect();
            rng.pick(&refused)
        } else {
            let allowed: Vec<Status> = allowed_from(current).map(|t| t.to).collect();
            let to = rng.pick(&allowed);
            current = to;
            to
        };
        attempts.push(to);
    }
    attempts
}

/// The baseline: the table's 24 moves written out by hand.
fn by_match(from: Status, to: Status) -> Option<TransitionKind> {
    use Stage::*;
    use Status::*;
    use TransitionKind::*;
    match (from, to) {
        (Active(NeedsAssessment), Active(Planning)) => Some(Advance),
        (Active(Planning), Active(NeedsAssessment)) => Some(Reassess),
        (Active(Planning), Active(Implementation)) => Some(Advance),
        (Active(Implementation), Active(Evaluation)) => Some(Advance),
        (Active(Implementation), Active(Planning)) => Some(Revise),
        (Active(Evaluation), Active(Implementation)) => Some(Continue),
        (Active(Evaluation), Active(Planning)) => Some(Revise),
        (Active(Evaluation), Active(NeedsAssessment)) => Some(Reassess),
        (Active(Evaluation), Active(Termination)) => Some(Advance),
        (Active(NeedsAssessment | Planning | Implementation), Active(Termination)) => {
            Some(EndEarly)
        }
        (Active(a), OnHold(b)) if a == b => Some(Hold),
        (OnHold(a), Active(b)) if a == b => Some(Resume),
        (Active(Termination), Closed) => Some(Close),
        (Closed, Active(NeedsAssessment)) => Some(Reopen),
        _ => None,
    }
}

/// Each variant runs the whole walk and returns the final status and how many moves it took.
fn run_status_transition(attempts: &[Status]) -> (Status, usize) {
    let mut status = Status::Active(Stage::NeedsAssessment);
    let mut accepted = 0;
    // Counted as the other variants count, in an `if`: how a caller counts decides whether the
    // compiler branches or selects, and that should not differ between contenders.
    for &to in attempts {
        if status.transition(black_box(to)).is_ok() {
            accepted += 1;
        }
    }
    (status, accepted)
}

fn run_kind_of(attempts: &[Status]) -> (Status, usize) {
    let mut status = Status::Active(Stage::NeedsAssessment);
    let mut accepted = 0;
    for &to in attempts {
        let to = black_box(to);
        if kind_of(status, to).is_some() {
            status = to;
            accepted += 1;
        }
    }
    (status, accepted)
}

fn run_lifecycle(attempts: &[Status]) -> (Status, usize) {
    let at = Utc
        .with_ymd_and_hms(2025, 1, 6, 8, 0, 0)
        .single()
        .unwrap_or_default();
    let mut life = Lifecycle::new(at);
    for &to in attempts {
        let _ = life.transition(black_box(to), at);
    }
    (life.status(), life.history().len())
}

fn run_match(attempts: &[Status]) -> (Status, usize) {
    let mut status = Status::Active(Stage::NeedsAssessment);
    let mut accepted = 0;
    for &to in attempts {
        let to = black_box(to);
        if by_match(status, to).is_some() {
            status = to;
            accepted += 1;
        }
    }
    (status, accepted)
}

type Run = fn(&[Status]) -> (Status, usize);

const VARIANTS: [(&str, Run); 4] = [
    ("status_transition", run_status_transition),
    ("kind_of", run_kind_of),
    ("lifecycle", run_lifecycle),
    ("match", run_match),
];

fn main() {
    let attempts = sequence();

    // The hand-written match must be the table, and every variant must walk the same way.
    for from in Status::ALL {
        for to in Status::ALL {
            assert_eq!(by_match(from, to), kind_of(from, to), "{from:?} → {to:?}");
        }
    }
    let (end, accepted) = run_match(&attempts);
    for (name, run) in VARIANTS {
        assert_eq!(run(&attempts), (end, accepted), "{name} walks elsewhere");
    }
    let rows_taken = TRANSITIONS
        .iter()
        .filter(|t| {
            let mut status = Status::Active(Stage::NeedsAssessment);
            attempts.iter().any(|&to| {
                let hit = status == t.from && to == t.to;
                if kind_of(status, to).is_some() {
                    status = to;
                }
                hit
            })
        })
        .count();
    assert_eq!(rows_taken, TRANSITIONS.len(), "the walk misses a row");

    let mut criterion = Criterion::default()
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(3))
        .configure_from_args();
    {
        let mut group = criterion.benchmark_group("lifecycle_full_table_10k_attempts");
        group.throughput(Throughput::Elements(ATTEMPTS as u64));
        for (name, run) in VARIANTS {
            group.bench_function(name, |b| b.iter(|| run(black_box(&attempts))));
        }
        group.finish();
    }
    criterion.final_summary();

    if !std::env::args().any(|a| a == "--bench") {
        return;
    }
    // Interleaved: every round runs each variant once, in turn.
    let rounds = 301;
    let mut times: Vec<Vec<Duration>> = vec![Vec::with_capacity(rounds); VARIANTS.len()];
    for _ in 0..rounds {
        for ((_, run), t) in VARIANTS.iter().zip(&mut times) {
            let start = Instant::now();
            black_box(run(black_box(&attempts)));
            t.push(start.elapsed());
        }
    }
    let per_move: Vec<f64> = times
        .into_iter()
        .map(|mut t| {
            t.sort();
            t.get(rounds / 2).map_or(f64::NAN, Duration::as_secs_f64) * 1e9 / ATTEMPTS as f64
        })
        .collect();
    let baseline = per_move.last().copied().unwrap_or(f64::NAN);
    let illegal = ATTEMPTS - accepted;
    println!(
        "\n{ATTEMPTS} attempted moves over all {} statuses, {illegal} refused, median of {rounds} interleaved rounds:",
        Status::ALL.len()
    );
    println!("{:<18} {:>10} {:>10}", "variant", "ns/move", "x match");
    for ((name, _), ns) in VARIANTS.iter().zip(per_move) {
        println!("{name:<18} {ns:>10.2} {:>10.2}", ns / baseline);
    }
}
