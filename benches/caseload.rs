//! Summing up a large caseload: 100,000 synthetic engagements of realistic size, built once
//! through the public API (`Engagement::open` and `execute`), then summed up by
//! `Caseload::from_engagements(..).report()`, which is what criterion measures.
//!
//! Each engagement has a team of four (a worker, two family members, an agency), three needs,
//! four resources (two strengths, two outside), two goals with five-level attainment scales, an
//! intervention, three activities, a referral followed to completion, and an evaluation; one in
//! ten stops in needs assessment, one in ten in planning, one in ten is ended early and closed,
//! so the stages are spread as in a real programme.
//!
//! Memory is measured without touching the allocator (the crate forbids `unsafe`, which a
//! counting `GlobalAlloc` would need): the growth of the process's resident set
//! (`VmRSS` in `/proc/self/status`, Linux only) while the engagements are built, and, for
//! comparison, the size of each engagement serialised as JSON. The caseload itself keeps only
//! numbers; its size is counted from what it holds.
//!
//! ```text
//! cargo bench --bench caseload
//! ```
//!
//! Under `cargo test --benches` (no `--bench` argument) it builds 1,000 engagements only.

use std::hint::black_box;
use std::time::{Duration, Instant};

use chrono::{DateTime, TimeDelta, TimeZone, Utc};
use criterion::{Criterion, Throughput};
use pendamping::caseload::Caseload;
use pendamping::gas::Level;
use pendamping::{
    Achievement, ActivityDetail, Actor, ActorKind, Barrier, ClientSystem, ClientSystemLevel,
    Command, Decision, Engagement, EngagementId, Function, GasScale, GoalEvaluation, GoalId,
    ManagementMode, NeedId, Opening, PlanVersion, Policy, Priority, Provider, ReferralId,
    ReferralStatus, ResourceId, ResourceKind, Responsible, Role, Stage, TeamMember,
    TerminationReason,
};

fn base() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2025, 1, 6, 8, 0, 0).unwrap()
}

/// One engagement, its history spread over `i`-dependent days.
fn engagement(i: usize) -> Engagement {
    let worker = Actor::new("w:worker-17", ActorKind::SocialWorker).unwrap();
    let mother: pendamping::ActorId = "m:mother".parse().unwrap();
    let agency = Actor::new("a:dinsos", ActorKind::Agency).unwrap();
    let start = base() + TimeDelta::hours((i % 8760) as i64);
    let mut day = 0_i64;
    let mut at = || {
        day += 1 + (i as i64 % 7);
        start + TimeDelta::days(day)
    };
    let team = vec![
        TeamMember {
            id: worker.id.clone(),
            kind: ActorKind::SocialWorker,
            name: "Siti Rahmawati".into(),
        },
        TeamMember {
            id: mother.clone(),
            kind: ActorKind::ClientMember,
            name: format!("Ibu Sari {i}"),
        },
        TeamMember {
            id: "m:father".parse().unwrap(),
            kind: ActorKind::ClientMember,
            name: format!("Pak Budi {i}"),
        },
        TeamMember {
            id: agency.id.clone(),
            kind: ActorKind::Agency,
            name: "Dinas Sosial Kota".into(),
        },
    ];
    let mut e = Engagement::open(
        &worker,
        at(),
        Opening {
            id: EngagementId::new(format!("pkh-{i:07}")).unwrap(),
            client: ClientSystem {
                level: ClientSystemLevel::Family,
                name: format!("Keluarga Sari {i}"),
            },
            team,
            policy: Policy::default(),
        },
    )
    .unwrap();
    let mut run = |at, command: Command| {
        let name = command.name();
        e.execute(&worker, at, command)
            .unwrap_or_else(|err| panic!("{name}: {err}"));
    };
    for (domain, description, priority) in [
        (
            "income",
            "No steady income since the father's injury at work",
            Priority::High,
        ),
        (
            "schooling",
            "The eldest daughter stopped going to school in March",
            Priority::High,
        ),
        (
            "health",
            "The youngest has missed two rounds of immunisation",
            Priority::Medium,
        ),
    ] {
        run(
            at(),
            Command::RecordNeed {
                domain: domain.into(),
                description: description.into(),
                priority,
            },
        );
    }
    for (kind, description, holder, barriers) in [
        (
            ResourceKind::Personal,
            "The mother keeps a careful household budget",
            None,
            vec![],
        ),
        (
            ResourceKind::Interpersonal,
            "The neighbours' arisan lends in emergencies",
            None,
            vec![],
        ),
        (
            ResourceKind::Social,
            "Conditional cash transfer (PKH)",
            Some("Dinas Sosial Kota"),
            vec![Barrier::MissingDocuments],
        ),
        (
            ResourceKind::Social,
            "School fee waiver",
            Some("SMP Negeri 2"),
            vec![],
        ),
    ] {
        run(
            at(),
            Command::RecordResource {
                kind,
                description: description.into(),
                holder: holder.map(Into::into),
                barriers,
                service: None,
            },
        );
    }
    let stage = |to| Command::MoveToStage {
        to,
        reason: None,
        termination: None,
    };
    let decile = i % 10;
    if decile == 0 {
        return e;
    }
    if decile == 1 {
        let at = at();
        run(
            at,
            Command::MoveToStage {
                to: Stage::Termination,
                reason: None,
                termination: Some(TerminationReason::Moved),
            },
        );
        run(
            at,
            Command::RecordTerminationSummary {
                summary: "The family moved to another province".into(),
            },
        );
        run(at, Command::Close);
        return e;
    }
    run(at(), stage(Stage::Planning));
    let levels = |what: &str| {
        [
            format!("{what}: worse than now"),
            format!("{what}: as now"),
            format!("{what}: the expected outcome"),
            format!("{what}: a little better than expected"),
            format!("{what}: much better than expected"),
        ]
    };
    for (description, need, weight) in [
        ("The household receives the cash transfer", 1, 6),
        ("The daughter attends school every week", 2, 9),
    ] {
        run(
            at(),
            Command::AddGoal {
                description: description.into(),
                addresses: vec![NeedId(need)],
                scale: Some(GasScale {
                    levels: levels(description),
                    weight,
                }),
            },
        );
    }
    if decile == 2 {
        return e;
    }
    run(
        at(),
        Command::AddIntervention {
            description: "Link the family with the cash transfer and the school".into(),
            serves: vec![GoalId(1), GoalId(2)],
            function: Function::ResourceManagement,
            role: Role::Broker,
            responsible: Responsible::Joint,
            uses: vec![ResourceId(3), ResourceId(4)],
        },
    );
    run(
        at(),
        Command::DeferNeed {
            need: NeedId(3),
            reason: "The clinic's outreach covers it".into(),
        },
    );
    run(
        at(),
        Command::AgreeToPlan {
            version: PlanVersion(1),
            on_behalf_of: Some(mother.clone()),
        },
    );
    run(at(), stage(Stage::Implementation));
    run(
        at(),
        Command::RecordActivity {
            function: Function::ProblemSolvingConsultation,
            role: Role::Enabler,
            interventions: vec![],
            detail: ActivityDetail::Consultation {
                participants: vec!["Ibu Sari".into(), "Pak Budi".into()],
                worker_contribution: "What the programme requires".into(),
                client_contribution: "Which documents the family still has".into(),
                options: vec!["Apply now".into(), "Get the family card first".into()],
                action_steps: vec!["Visit the village office on Monday".into()],
            },
            note: None,
        },
    );
    run(
        at(),
        Command::Refer {
            resource: ResourceId(3),
            provider: Provider::Partner {
                id: agency.id.clone(),
            },
            mode: ManagementMode::Coordinating,
            function: Function::ResourceManagement,
            role: Role::Broker,
            interventions: vec![],
            note: Some("Documents attached".into()),
        },
    );
    run(
        at(),
        Command::GiveConsent {
            referral: ReferralId(1),
            on_behalf_of: Some(mother),
        },
    );
    let status = |status| Command::SetReferralStatus {
        referral: ReferralId(1),
        status,
        note: None,
    };
    run(at(), status(ReferralStatus::Requested));
    let _ = run;
    for s in [ReferralStatus::Accepted, ReferralStatus::Completed] {
        e.execute(&agency, at(), status(s)).unwrap();
    }
    let mut run = |at, command: Command| {
        e.execute(&worker, at, command).unwrap();
    };
    run(
        at(),
        Command::RecordActivity {
            function: Function::Education,
            role: Role::Enabler,
            interventions: vec![],
            detail: ActivityDetail::Education {
                topic: "Budgeting the transfer".into(),
                learners: vec!["Ibu Sari".into()],
                educators: vec!["Siti".into(), "Ibu Sari".into()],
                prevention_focus: Some("Debt to moneylenders".into()),
            },
            note: None,
        },
    );
    if decile < 5 {
        return e;
    }
    run(at(), stage(Stage::Evaluation));
    let level = |n: usize| Level::try_from((n % 5) as i8 - 2).unwrap();
    run(
        at(),
        Command::RecordEvaluation {
            scores: vec![
                GoalEvaluation {
                    goal: GoalId(1),
                    level: level(i),
                    achievement: Achievement::Improving,
                },
                GoalEvaluation {
                    goal: GoalId(2),
                    level: level(i / 5),
                    achievement: Achievement::InProgress,
                },
            ],
            notes: Some("Transfer paid twice; school attendance patchy".into()),
            decision: Decision::Continue,
        },
    );
    if decile < 8 {
        run(at(), stage(Stage::Implementation));
    }
    e
}

fn build(n: usize) -> Vec<Engagement> {
    (0..n)
        .map(|i| {
            let mut e = engagement(i);
            // An app takes the events for its store; the engagement keeps only its state.
            drop(e.take_pending());
            e
        })
        .collect()
}

/// The resident set size in bytes, from `/proc/self/status` (Linux); `None` elsewhere.
fn rss_bytes() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmRSS:"))?;
    let kb: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb * 1024)
}

fn main() {
    let full = std::env::args().any(|a| a == "--bench");
    let n = if full { 100_000 } else { 1_000 };
    // Late enough that every synthetic history (started within a year, at most ~180 days
    // long) has ended: all engagements are timed.
    let at = base() + TimeDelta::days(550);

    let rss_before = rss_bytes();
    let started = Instant::now();
    let engagements = build(n);
    let built_in = started.elapsed();
    let rss_after = rss_bytes();

    let mut criterion = Criterion::default()
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(5))
        .sample_size(10)
        .configure_from_args();
    {
        let mut group = criterion.benchmark_group(format!("caseload_{n}"));
        group.throughput(Throughput::Elements(n as u64));
        group.bench_function("add_all", |b| {
            b.iter(|| Caseload::from_engagements(black_box(at), black_box(&engagements)))
        });
        group.bench_function("add_all_and_report", |b| {
            b.iter(|| Caseload::from_engagements(black_box(at), black_box(&engagements)).report())
        });
        let caseload = Caseload::from_engagements(at, &engagements);
        group.bench_function("report", |b| b.iter(|| black_box(&caseload).report()));
        group.finish();
    }
    criterion.final_summary();

    if !full {
        return;
    }
    let runs = 10;
    let mut times: Vec<Duration> = (0..runs)
        .map(|_| {
            let t = Instant::now();
            black_box(Caseload::from_engagements(at, black_box(&engagements)).report());
            t.elapsed()
        })
        .collect();
    times.sort();
    let summary = times[runs / 2];
    let report = Caseload::from_engagements(at, &engagements).report();
    let json: usize = engagements
        .iter()
        .map(|e| serde_json::to_vec(e).map_or(0, |v| v.len()))
        .sum();
    let numbers: usize = report
        .stages
        .iter()
        .map(|s| s.time_spent.count + s.time_in_current.count)
        .sum::<usize>()
        + report.t_scores.count;
    let per = |x: f64| x / n as f64;

    println!("\n{n} engagements, summed up at {at}:");
    println!(
        "  build (execute every command) {:>10.2} µs per engagement",
        per(built_in.as_secs_f64() * 1e6)
    );
    println!(
        "  summary (add all + report)    {:>10.1} ns per engagement (median of {runs})",
        per(summary.as_secs_f64() * 1e9)
    );
    match (rss_before, rss_after) {
        (Some(before), Some(after)) => println!(
            "  resident memory growth        {:>10.0} bytes per engagement",
            per(after.saturating_sub(before) as f64)
        ),
        _ => println!("  resident memory growth        (no /proc/self/status here)"),
    }
    println!(
        "  serialised as JSON            {:>10.0} bytes per engagement",
        per(json as f64)
    );
    println!(
        "  kept by the caseload          {:>10.1} bytes per engagement ({numbers} numbers of 8 bytes)",
        per((numbers * 8) as f64)
    );
    println!("\n{report}");
}
