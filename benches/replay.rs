//! In-memory replay of one long stream: the engagement `benches/scaling.rs` grows at 100 k
//! records (about 88 k events: needs, goals, interventions, activities and referrals), rebuilt
//! by `Engagement::replay`, which re-decides every event and then moves it into the state.
//!
//! Beside it, interleaved in every round, the yardstick `clone`: copying the same stream once
//! (every payload allocated and copied, which replay no longer does when it applies an event).
//! The input of each contender is made and its output dropped outside the timer. The medians
//! are printed as events per second and as the ratio to the yardstick, which moves less with
//! the machine's load than the absolute times.
//!
//! ```text
//! cargo bench --bench replay -- --warm-up-time 1 --measurement-time 3
//! ```

use criterion::{BatchSize, Criterion, Throughput};
use pendamping::{Engagement, Recorded};
use std::hint::black_box;
use std::time::{Duration, Instant};

#[path = "support/grow.rs"]
#[allow(dead_code, reason = "the scaling bench uses the rest")]
mod grow;

/// Nanoseconds `f` takes with a fresh input from `input`, which is made and whose output is
/// dropped outside the timer.
fn timed<I, O>(input: &mut impl FnMut() -> I, f: &mut impl FnMut(I) -> O) -> f64 {
    let input = input();
    let start = Instant::now();
    let out = f(black_box(input));
    let elapsed = start.elapsed();
    drop(black_box(out));
    elapsed.as_nanos() as f64
}

fn median(mut xs: Vec<f64>) -> f64 {
    xs.sort_by(f64::total_cmp);
    xs.get(xs.len() / 2).copied().unwrap_or(f64::NAN)
}

fn main() {
    let full = std::env::args().any(|a| a == "--bench");
    let p = grow::people();
    let built = grow::build(if full { 100_000 } else { 1_000 }, &p);
    let events: &[Recorded] = &built.events;
    let replayed = Engagement::replay(events.to_vec()).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(replayed, built.implementation);
    drop(replayed);

    let mut criterion = Criterion::default()
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(3))
        .sample_size(10)
        .configure_from_args();
    {
        let mut group = criterion.benchmark_group(format!("replay_{}_events", events.len()));
        group.throughput(Throughput::Elements(events.len() as u64));
        group.bench_function("replay", |b| {
            b.iter_batched(
                || events.to_vec(),
                Engagement::replay,
                BatchSize::LargeInput,
            );
        });
        group.finish();
    }
    criterion.final_summary();
    if !full {
        return;
    }

    let rounds = 15;
    let (mut replay, mut clone) = (Vec::new(), Vec::new());
    for _ in 0..rounds {
        replay.push(timed(&mut || events.to_vec(), &mut Engagement::replay));
        clone.push(timed(&mut || events, &mut <[Recorded]>::to_vec));
    }
    let n = events.len() as f64;
    let (replay, clone) = (median(replay) / n, median(clone) / n);
    println!(
        "\n{} events, median of {rounds} interleaved rounds:",
        events.len()
    );
    println!(
        "{:<24} {:>10} {:>14} {:>10}",
        "", "ns/event", "M events/s", "x clone"
    );
    for (name, ns) in [("replay", replay), ("clone (yardstick)", clone)] {
        println!(
            "{name:<24} {ns:>10.1} {:>14.2} {:>10.2}",
            1e3 / ns,
            ns / clone
        );
    }
}
