//! Properties of the engagement under random command sequences: nothing panics, a refusal
//! changes nothing, a replay of the recorded events is the live engagement, `decide` previews
//! exactly what `execute` records, and commands, events and state survive JSON.
//!
//! The generator walks a skeleton of the whole helping process (assessment to follow-up and
//! reopening) with random commands, actors and times mixed in, so the properties are checked
//! in every stage, not only in needs assessment; `the_generator_reaches_deep_stages` keeps it
//! honest.

mod fixtures;
mod generator;

use chrono::{DateTime, TimeDelta, Utc};
use fixtures::*;
use generator::*;
use pendamping::*;
use proptest::prelude::*;
use proptest::strategy::ValueTree;
use proptest::test_runner::TestRunner;

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

    /// Issue 12: any stream, erasures included, stored in a version 2 journal (which carries
    /// each erasure out on the lines before it) loads back to the live engagement: every text
    /// an erasure names reads erased in both, and nothing else differs.
    #[cfg(feature = "journal")]
    #[test]
    fn a_version_2_journal_of_any_stream_loads_to_the_live_engagement(script in script()) {
        let run = run(&script)?;
        let options = journal::JournalOptions::default().with_erasable(true);
        let mut stored = journal::Journal::with_options(options);
        stored.append(0, &run.events).map_err(|e| TestCaseError::fail(e.to_string()))?;
        let loaded = journal::load(stored.as_bytes(), &options)
            .map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert_eq!(&loaded, &run.case);
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
    let mut erasures = 0;
    for _ in 0..total {
        let script = strategy.new_tree(&mut runner).unwrap().current();
        let run = run(&script).unwrap();
        accepted += run.accepted;
        erasures += run
            .events
            .iter()
            .filter(|r| matches!(r.event, Event::Erased { .. }))
            .count();
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
         {closed} closed; {accepted} commands accepted, {erasures} of them erasures"
    );
    assert!(erasures >= 10, "{erasures} erasures");
    assert!(
        implementation * 100 >= total * 30,
        "{implementation} of {total}"
    );
    assert!(evaluation * 100 >= total * 20, "{evaluation} of {total}");
    assert!(closed * 100 >= total * 5, "{closed} of {total}");
}
