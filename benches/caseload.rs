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
//! It then measures, interleaved (each contender in turn, median of the rounds):
//!
//! - the full report over 1 million engagements (the 100,000 built, each counted ten times, so
//!   the memory read is as large as a real caseload's and does not fit in any cache);
//! - the report from 10 million [`EngagementSummary`] records, what a store's projection keeps
//!   (the 100,000 engagements' summaries, each repeated a hundred times with its times shifted
//!   by a few minutes, so the percentiles are not found among repeats);
//! - memory: the growth of the resident set (`VmRSS` in `/proc/self/status`, Linux only) while
//!   engagements are built, with and without giving back spare capacity
//!   ([`Engagement::shrink_to_fit`], which replay does), and the bytes of text each engagement
//!   holds, counted field by field; beyond-text = resident growth − text. (Measured without a
//!   counting allocator: the crate forbids `unsafe`, which `GlobalAlloc` needs.)
//!
//! ```text
//! cargo bench --bench caseload -- --warm-up-time 1 --measurement-time 3
//! ```
//!
//! Under `cargo test --benches` (no `--bench` argument) it builds 1,000 engagements only.

use std::hint::black_box;
use std::time::{Duration, Instant};

use chrono::{DateTime, TimeDelta, TimeZone, Utc};
use criterion::{Criterion, Throughput};
use pendamping::caseload::{Caseload, EngagementSummary};
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
                confidentiality: None,
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
                confidentiality: None,
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
            confidentiality: None,
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
            confidentiality: None,
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
            confidentiality: None,
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
            confidentiality: None,
        },
    );
    if decile < 8 {
        run(at(), stage(Stage::Implementation));
    }
    e
}

/// `n` engagements as an app holds them after executing their commands (the events taken for
/// the store), spare capacity given back when `compact`.
fn build(n: usize, compact: bool) -> Vec<Engagement> {
    (0..n)
        .map(|i| {
            let mut e = engagement(i);
            // An app takes the events for its store; the engagement keeps only its state.
            drop(e.take_pending());
            if compact {
                e.shrink_to_fit();
            }
            e
        })
        .collect()
}

/// The bytes of free text and names an engagement holds (ids and timestamps are not text).
fn text_bytes(e: &Engagement) -> usize {
    use pendamping::{Approval, Holder, NeedStatus, Provider};
    let opt = |s: &Option<String>| s.as_ref().map_or(0, String::len);
    let all = |v: &[String]| v.iter().map(String::len).sum::<usize>();
    let approval = |a: &Approval| match a {
        Approval::Requested { comment, .. }
        | Approval::Approved { comment, .. }
        | Approval::Rejected { comment, .. } => opt(comment),
        _ => 0,
    };
    let mut n = e.client().name.len();
    n += e.team().iter().map(|m| m.name.len()).sum::<usize>();
    for need in e.needs() {
        n += need.domain.len() + need.description.len();
        n += match &need.status {
            NeedStatus::Met { note } => opt(note),
            NeedStatus::Deferred { reason } => reason.len(),
            _ => 0,
        };
    }
    for r in e.resources() {
        n += r.description.len();
        if let Holder::External { name } = &r.holder {
            n += name.len();
        }
    }
    for g in e.goals() {
        n += g.description.len();
        n += g.scale.as_ref().map_or(0, |s| all(&s.levels));
    }
    n += e
        .interventions()
        .iter()
        .map(|i| i.description.len())
        .sum::<usize>();
    for p in e.plans() {
        n += opt(&p.reason) + approval(&p.approval);
    }
    for a in e.activities() {
        n += opt(&a.note);
        n += a.contributions.iter().map(|c| c.text.len()).sum::<usize>();
        n += match &a.detail {
            ActivityDetail::Consultation {
                participants,
                worker_contribution,
                client_contribution,
                options,
                action_steps,
            } => {
                all(participants)
                    + worker_contribution.len()
                    + client_contribution.len()
                    + all(options)
                    + all(action_steps)
            }
            ActivityDetail::Education {
                topic,
                learners,
                educators,
                prevention_focus,
            } => topic.len() + all(learners) + all(educators) + opt(prevention_focus),
            ActivityDetail::Mediation { parties, outcome } => all(parties) + outcome.len(),
            ActivityDetail::Advocacy {
                target_system,
                outcome,
                ..
            } => target_system.len() + outcome.len(),
            ActivityDetail::Protection { risk, action } => risk.len() + action.len(),
            _ => 0,
        };
    }
    for r in e.referrals() {
        if let Provider::External { name } = &r.provider {
            n += name.len();
        }
        n += r.history.iter().map(|h| opt(&h.note)).sum::<usize>();
    }
    n += e.evaluations().iter().map(|v| opt(&v.notes)).sum::<usize>();
    n += e.hold().map_or(0, |h| h.reason.len());
    n += e
        .termination()
        .map_or(0, |t| opt(&t.summary) + approval(&t.closure_approval));
    n + e.follow_ups().iter().map(|f| f.note.len()).sum::<usize>()
}

/// The resident set size in bytes, from `/proc/self/status` (Linux); `None` elsewhere.
fn rss_bytes() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmRSS:"))?;
    let kb: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb * 1024)
}

/// Builds `n` engagements and says how much the resident set grew, per engagement.
fn grown(n: usize, compact: bool) -> (Vec<Engagement>, Option<f64>) {
    let before = rss_bytes();
    let engagements = build(n, compact);
    let after = rss_bytes();
    let per = before
        .zip(after)
        .map(|(b, a)| a.saturating_sub(b) as f64 / n as f64);
    (engagements, per)
}

/// `copies` summaries from each one, their times shifted by a few minutes per copy.
fn many(summaries: &[EngagementSummary], copies: usize) -> Vec<EngagementSummary> {
    let mut out = Vec::with_capacity(summaries.len() * copies);
    for k in 0..copies {
        let shift = TimeDelta::minutes(k as i64 % 97);
        out.extend(summaries.iter().map(|s| {
            let mut s = s.clone();
            s.since += shift;
            s.stage_entered = s.stage_entered.map(|t| t + shift);
            s.next_review = s.next_review.map(|t| t + shift);
            s
        }));
    }
    out
}

/// The processor time this process has used (user and system), from `/proc/self/stat` in
/// ticks of 10 ms (Linux); `None` elsewhere. On a machine shared with other work, wall time
/// counts the waits for a core too; processor time does not.
fn cpu_time() -> Option<Duration> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    let fields: Vec<&str> = stat.rsplit_once(')')?.1.split_whitespace().collect();
    let ticks: u64 = fields.get(11)?.parse::<u64>().ok()? + fields.get(12)?.parse::<u64>().ok()?;
    Some(Duration::from_millis(ticks * 10))
}

/// Median wall and processor time of each contender, over rounds in which each runs once, in
/// turn.
fn interleaved(rounds: usize, contenders: &mut [&mut dyn FnMut()]) -> Vec<(Duration, Duration)> {
    let mut times = vec![Vec::with_capacity(rounds); contenders.len()];
    for _ in 0..rounds {
        for (run, t) in contenders.iter_mut().zip(&mut times) {
            let (start, cpu) = (Instant::now(), cpu_time());
            run();
            let used = cpu_time()
                .zip(cpu)
                .map_or(Duration::ZERO, |(b, a)| b.saturating_sub(a));
            t.push((start.elapsed(), used));
        }
    }
    let median = |mut v: Vec<Duration>| {
        v.sort();
        v.get(rounds / 2).copied().unwrap_or_default()
    };
    times
        .into_iter()
        .map(|t| {
            let (wall, cpu): (Vec<_>, Vec<_>) = t.into_iter().unzip();
            (median(wall), median(cpu))
        })
        .collect()
}

fn main() {
    let full = std::env::args().any(|a| a == "--bench");
    let n = if full { 100_000 } else { 1_000 };
    // Late enough that every synthetic history (started within a year, at most ~180 days
    // long) has ended: all engagements are timed.
    let at = base() + TimeDelta::days(550);

    // Memory first, while the heap is fresh: the same engagements as built by `execute`, and
    // with their spare capacity given back.
    let sample = (n / 5).max(1);
    let (as_built, rss_as_built) = grown(sample, false);
    let (compact, rss_compact) = grown(sample, true);
    let text = compact.iter().map(text_bytes).sum::<usize>() as f64 / sample as f64;
    assert_eq!(as_built, compact);
    drop(as_built);

    let started = Instant::now();
    let engagements = build(n, true);
    let built_in = started.elapsed();

    let mut criterion = Criterion::default()
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(3))
        .sample_size(10)
        .configure_from_args();
    {
        let mut group = criterion.benchmark_group(format!("caseload_{n}"));
        group.throughput(Throughput::Elements(n as u64));
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
    let summaries: Vec<EngagementSummary> = engagements.iter().map(EngagementSummary::of).collect();
    // The summaries give the report the engagements give.
    let mut from_summaries = Caseload::new(at);
    from_summaries.extend(&summaries);
    assert_eq!(
        from_summaries.report(),
        Caseload::from_engagements(at, &engagements).report()
    );
    let ten_million = many(&summaries, 100);
    let million = 10 * n;
    let mut one_m = || {
        black_box(
            Caseload::from_engagements(at, engagements.iter().cycle().take(million)).report(),
        );
    };
    let mut ten_m = || {
        let mut c = Caseload::new(at);
        c.extend(black_box(&ten_million));
        black_box(c.report());
    };
    let times = interleaved(3, &mut [&mut one_m, &mut ten_m]);
    let report = Caseload::from_engagements(at, &engagements).report();
    let json: usize = engagements
        .iter()
        .map(|e| serde_json::to_vec(e).map_or(0, |v| v.len()))
        .sum();
    let per = |x: f64| x / n as f64;
    let bytes = |x: Option<f64>| {
        x.map_or_else(
            || "(no /proc/self/status)".to_owned(),
            |b| format!("{b:>10.0}"),
        )
    };

    println!(
        "
{n} engagements, summed up at {at}:"
    );
    println!(
        "  build (execute every command)        {:>10.2} µs per engagement",
        per(built_in.as_secs_f64() * 1e6)
    );
    let secs = |i: usize| {
        times.get(i).map_or_else(String::new, |(wall, cpu)| {
            format!(
                "{:>7.3} s wall, {:.2} s processor",
                wall.as_secs_f64(),
                cpu.as_secs_f64()
            )
        })
    };
    println!("  (medians of 3 interleaved rounds; a shared machine's wall time includes waiting)");
    println!("  report over 1 M engagements          {}", secs(0));
    println!(
        "  report from {} summaries     {}",
        ten_million.len(),
        secs(1)
    );
    println!(
        "  summary                              {:>10} bytes per engagement, inline",
        std::mem::size_of::<EngagementSummary>()
    );
    println!("  memory, per engagement ({sample} built):");
    println!(
        "    resident growth, as built          {} bytes",
        bytes(rss_as_built)
    );
    println!(
        "    resident growth, compact           {} bytes",
        bytes(rss_compact)
    );
    println!("    text held                          {text:>10.0} bytes");
    println!(
        "    beyond text, compact               {} bytes",
        bytes(rss_compact.map(|r| r - text))
    );
    println!(
        "    serialised as JSON                 {:>10.0} bytes",
        per(json as f64)
    );
    println!("\n{report}");
}
