//! A community as the client system: a village clean-water project with a donor and a
//! government agency as partners. The hamlet's head proposes a need and a goal in the
//! community's own voice and agrees to the plan for it; the donor puts in the plan what it
//! funds and adds its view of the evaluation. A referral is rejected and re-routed, an
//! evaluation sends the plan back for revision, and the work pauses for the rainy season.
//!
//! ```text
//! cargo run --example community_project              # English
//! cargo run --example community_project -- --lang id # Bahasa Indonesia
//! ```

use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use pendamping::{
    Achievement, ActivityDetail, Actor, ActorKind, Barrier, ClientSystem, ClientSystemLevel,
    Command, Decision, Engagement, EngagementId, Function, GasScale, GoalEvaluation, GoalId,
    GoalStatus, InterventionId, Lang, ManagementMode, NeedId, Opening, Policy, Priority, Provider,
    ReferralId, ReferralStatus, ResourceId, ResourceKind, Responsible, Role, Stage, TeamMember,
    TerminationReason, gas::Level,
};
use std::error::Error;
use std::process::ExitCode;

mod common;

use common::pick;

fn day(month: u32, day: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, month, day, 8, 0, 0)
        .single()
        .unwrap_or_default()
}

fn main() -> ExitCode {
    common::run("community_project", run)
}

fn run(lang: Lang) -> Result<(), Box<dyn Error>> {
    let worker = Actor::new("w:andi", ActorKind::SocialWorker)?;
    let committee = Actor::new("c:pokmair", ActorKind::ClientMember)?;
    let headman = Actor::new("r:kadus", ActorKind::CommunityRepresentative)?;
    let donor = Actor::new("d:airbersih", ActorKind::Donor)?;
    let public_works = Actor::new("a:dinas-pu", ActorKind::Agency)?;
    let member = |a: &Actor, name: &str| TeamMember {
        id: a.id.clone(),
        kind: a.kind,
        name: name.into(),
    };

    let mut village = Engagement::open(
        &worker,
        day(1, 6),
        Opening {
            id: EngagementId::new("pm-sukamaju-air")?,
            client: ClientSystem {
                level: ClientSystemLevel::Community,
                name: "Dusun Sukamaju".into(),
            },
            team: vec![
                member(&worker, "Andi"),
                member(&committee, "Water users' committee"),
                member(&headman, "Kepala Dusun"),
                member(&donor, "Clean Water Fund"),
                member(&public_works, "Dinas Pekerjaan Umum"),
            ],
            policy: Policy::default(),
        },
    )?;
    let w = &worker;
    let show = |v: &Engagement, en: &str, id: &str| {
        println!(
            "[{}] {:<52} {}",
            v.last_at().format("%Y-%m-%d"),
            pick(lang, en, id),
            v.status().label(lang)
        );
    };
    show(
        &village,
        "project opened with the community",
        "proyek dibuka bersama masyarakat",
    );

    // Needs and the community's own strengths.
    village.execute(
        w,
        day(1, 10),
        Command::RecordNeed {
            domain: "water".into(),
            description: "Households walk 40 minutes to the river in the dry season".into(),
            priority: Priority::Urgent,
            confidentiality: None,
        },
    )?;
    // The hamlet's head proposes a need in the community's own voice: it is marked as theirs.
    village.execute(
        &headman,
        day(1, 10),
        Command::RecordNeed {
            domain: "sanitation".into(),
            description: "Diarrhoea among small children after the rains".into(),
            priority: Priority::High,
            confidentiality: None,
        },
    )?;
    if let Some(by) = village.needs().last().and_then(|n| n.proposed_by.as_ref()) {
        println!(
            "    {} {by}",
            pick(lang, "need 2 proposed by", "kebutuhan 2 diusulkan oleh")
        );
    }
    village.execute(
        w,
        day(1, 11),
        Command::RecordResource {
            kind: ResourceKind::Interpersonal,
            description: "Gotong royong: every household gives two days of labour a month".into(),
            holder: None,
            barriers: vec![],
            service: None,
            confidentiality: None,
        },
    )?;
    village.execute(
        w,
        day(1, 11),
        Command::RecordResource {
            kind: ResourceKind::Social,
            description: "Pipes and a reservoir from the district's water programme".into(),
            holder: Some("District government".into()),
            barriers: vec![Barrier::Bureaucratic, Barrier::Economic],
            service: None,
            confidentiality: None,
        },
    )?;
    // A donor contributes its own records, not the community's needs.
    let refused = village.execute(
        &donor,
        day(1, 12),
        Command::RecordNeed {
            domain: "water".into(),
            description: "A second well".into(),
            priority: Priority::Low,
            confidentiality: None,
        },
    );
    if let Err(rejection) = refused {
        println!(
            "    {}: {}",
            pick(lang, "refused", "ditolak"),
            rejection.message(lang)
        );
    }
    village.execute(
        w,
        day(1, 20),
        Command::MoveToStage {
            to: Stage::Planning,
            reason: None,
            termination: None,
        },
    )?;
    show(
        &village,
        "needs and strengths mapped with residents",
        "kebutuhan dan kekuatan dipetakan bersama warga",
    );

    // Plan version 1.
    village.execute(
        w,
        day(1, 27),
        Command::AddGoal {
            description: "Piped water within 100 m of every household".into(),
            addresses: vec![NeedId(1)],
            scale: Some(GasScale {
                levels: [
                    "No households connected".into(),
                    "Under half connected".into(),
                    "Half connected".into(),
                    "Three quarters connected".into(),
                    "All connected".into(),
                ],
                weight: 3,
            }),
        },
    )?;
    // The community proposes the second goal; it counts once the worker accepts it.
    village.execute(
        &headman,
        day(1, 27),
        Command::AddGoal {
            description: "Every household knows safe water handling".into(),
            addresses: vec![NeedId(2)],
            scale: None,
        },
    )?;
    village.execute(
        w,
        day(1, 27),
        Command::SetGoalStatus {
            goal: GoalId(2),
            status: GoalStatus::Accepted,
        },
    )?;
    village.execute(
        w,
        day(1, 28),
        Command::AddIntervention {
            description: "Secure pipes and a reservoir".into(),
            serves: vec![GoalId(1)],
            function: Function::ResourceManagement,
            role: Role::Broker,
            responsible: Responsible::Worker,
            uses: vec![ResourceId(2)],
        },
    )?;
    village.execute(
        w,
        day(1, 28),
        Command::AddIntervention {
            description: "Hygiene sessions led by the health cadres".into(),
            serves: vec![GoalId(2)],
            function: Function::Education,
            role: Role::Enabler,
            responsible: Responsible::Joint,
            uses: vec![],
        },
    )?;
    // The donor puts in the plan what it carries out itself: the cement for the reservoir.
    village.execute(
        &donor,
        day(1, 29),
        Command::AddIntervention {
            description: "Fund the reservoir's cement and fittings".into(),
            serves: vec![GoalId(1)],
            function: Function::ResourceManagement,
            role: Role::Broker,
            responsible: Responsible::Partner(donor.id.clone()),
            uses: vec![],
        },
    )?;
    // The water users' committee and, for the hamlet, its head agree to the plan.
    for by in [&committee, &headman] {
        village.execute(
            by,
            day(2, 2),
            Command::AgreeToPlan {
                version: village.plan().version,
                on_behalf_of: None,
            },
        )?;
    }
    village.execute(
        w,
        day(2, 3),
        Command::MoveToStage {
            to: Stage::Implementation,
            reason: None,
            termination: None,
        },
    )?;
    show(
        &village,
        "plan v1 agreed at the village meeting",
        "rencana v1 disepakati di musyawarah dusun",
    );

    // The agency declines; the worker re-routes the referral to a national programme.
    village.execute(
        w,
        day(2, 5),
        refer(
            ResourceId(2),
            Provider::Partner {
                id: public_works.id.clone(),
            },
        ),
    )?;
    village.execute(
        &committee,
        day(2, 5),
        Command::GiveConsent {
            referral: ReferralId(1),
            on_behalf_of: None,
        },
    )?;
    village.execute(
        w,
        day(2, 6),
        status(ReferralId(1), ReferralStatus::Requested, None),
    )?;
    village.execute(
        &public_works,
        day(2, 20),
        status(
            ReferralId(1),
            ReferralStatus::Rejected,
            Some("No budget left this year"),
        ),
    )?;
    show(
        &village,
        "referral 1 rejected by Dinas PU",
        "rujukan 1 ditolak Dinas PU",
    );
    village.execute(
        w,
        day(2, 22),
        refer(
            ResourceId(2),
            Provider::External {
                name: "PAMSIMAS programme".into(),
            },
        ),
    )?;
    village.execute(
        &committee,
        day(2, 22),
        Command::GiveConsent {
            referral: ReferralId(2),
            on_behalf_of: None,
        },
    )?;
    for (d, s) in [
        (23, ReferralStatus::Requested),
        (27, ReferralStatus::Accepted),
    ] {
        village.execute(w, day(2, d), status(ReferralId(2), s, None))?;
    }
    show(
        &village,
        "re-routed to PAMSIMAS, accepted",
        "dialihkan ke PAMSIMAS, diterima",
    );
    village.execute(
        w,
        day(3, 4),
        Command::RecordActivity {
            function: Function::ResourceManagement,
            role: Role::Mediator,
            interventions: vec![InterventionId(1)],
            detail: ActivityDetail::Mediation {
                parties: vec!["Upstream hamlet".into(), "Downstream hamlet".into()],
                outcome: "Agreed to share the spring: reservoir fills at night".into(),
            },
            note: None,
            confidentiality: None,
        },
    )?;

    // Evaluation sends the plan back: the pipes cover only half the hamlet.
    village.execute(
        w,
        day(4, 15),
        Command::MoveToStage {
            to: Stage::Evaluation,
            reason: None,
            termination: None,
        },
    )?;
    village.execute(
        w,
        day(4, 16),
        Command::RecordEvaluation {
            scores: vec![GoalEvaluation {
                goal: GoalId(1),
                level: Level::LessThanExpected,
                achievement: Achievement::Improving,
            }],
            notes: Some("Only the lower half of the hamlet is reached".into()),
            decision: Decision::RevisePlan,
            confidentiality: None,
        },
    )?;
    village.execute(
        w,
        day(4, 17),
        Command::MoveToStage {
            to: Stage::Planning,
            reason: Some("Extend the network to the upper hamlet".into()),
            termination: None,
        },
    )?;
    village.execute(
        w,
        day(4, 17),
        Command::RevisePlan {
            reason: "Add a pump for the upper hamlet".into(),
        },
    )?;
    village.execute(
        w,
        day(4, 18),
        Command::AddIntervention {
            description: "Solar pump for the upper hamlet".into(),
            serves: vec![GoalId(1)],
            function: Function::ResourceManagement,
            role: Role::Advocate,
            responsible: Responsible::Joint,
            uses: vec![ResourceId(2)],
        },
    )?;
    let plan = village.plan();
    println!(
        "    {} v{} {} v{}",
        pick(lang, "plan", "rencana"),
        plan.version.0,
        pick(lang, "revises", "merevisi"),
        plan.previous.map_or(0, |p| p.0)
    );
    village.execute(
        &committee,
        day(4, 20),
        Command::AgreeToPlan {
            version: plan.version,
            on_behalf_of: None,
        },
    )?;
    village.execute(
        w,
        day(4, 21),
        Command::MoveToStage {
            to: Stage::Implementation,
            reason: None,
            termination: None,
        },
    )?;
    show(
        &village,
        "plan v2 agreed, back to implementation",
        "rencana v2 disepakati, kembali ke penerapan",
    );

    // The rains make the hillside unsafe to dig: pause, with a review date.
    village.execute(
        w,
        day(5, 2),
        Command::Hold {
            reason: "Rainy season: trenching unsafe".into(),
            review_on: NaiveDate::from_ymd_opt(2026, 6, 1),
        },
    )?;
    show(
        &village,
        "paused for the rains",
        "ditunda karena musim hujan",
    );
    // A date, or a word when there is none: never Rust's `Some(..)`.
    let review = village.next_review().map_or_else(
        || pick(lang, "none", "tidak ada").to_owned(),
        |d| d.date_naive().to_string(),
    );
    let overdue = if village.review_overdue(day(6, 3)) {
        pick(lang, "yes", "ya")
    } else {
        pick(lang, "no", "tidak")
    };
    println!(
        "    {} {review}, {} {overdue}",
        pick(lang, "review due", "tinjauan jatuh tempo"),
        pick(lang, "overdue on 3 June:", "terlambat pada 3 Juni:"),
    );
    village.execute(
        w,
        day(6, 3),
        Command::Resume {
            note: Some("Dry again".into()),
        },
    )?;
    village.execute(
        w,
        day(7, 1),
        status(ReferralId(2), ReferralStatus::InProgress, None),
    )?;
    village.execute(
        w,
        day(8, 20),
        status(
            ReferralId(2),
            ReferralStatus::Completed,
            Some("Pump and pipes installed"),
        ),
    )?;
    village.execute(
        w,
        day(8, 22),
        Command::RecordActivity {
            function: Function::Education,
            role: Role::Enabler,
            interventions: vec![InterventionId(2)],
            detail: ActivityDetail::Education {
                topic: "Keeping the reservoir clean".into(),
                learners: vec!["Water users' committee".into()],
                educators: vec!["Health cadres".into(), "Committee treasurer".into()],
                prevention_focus: Some("Diarrhoea".into()),
            },
            note: None,
            confidentiality: None,
        },
    )?;

    village.execute(
        w,
        day(9, 1),
        Command::MoveToStage {
            to: Stage::Evaluation,
            reason: None,
            termination: None,
        },
    )?;
    village.execute(
        w,
        day(9, 2),
        Command::RecordEvaluation {
            scores: vec![GoalEvaluation {
                goal: GoalId(1),
                level: Level::MoreThanExpected,
                achievement: Achievement::Achieved,
            }],
            notes: None,
            decision: Decision::Terminate,
            confidentiality: None,
        },
    )?;
    // The donor and the hamlet add their own view of the evaluation beside the worker's scores.
    for (by, text) in [
        (
            &donor,
            "Connections match the funded design; maintenance fee collected",
        ),
        (
            &headman,
            "The upper houses say the pressure drops in the evening",
        ),
    ] {
        village.execute(
            by,
            day(9, 2),
            Command::AddEvaluationView {
                evaluation: pendamping::EvaluationId(2),
                text: text.into(),
                ratings: vec![],
            },
        )?;
    }
    let views = village.evaluations().last().map_or(0, |v| v.views.len());
    println!(
        "    {views} {}",
        pick(
            lang,
            "views of the evaluation from the donor and the hamlet",
            "pandangan atas evaluasi dari donor dan dusun"
        )
    );
    village.execute(
        w,
        day(9, 3),
        Command::MoveToStage {
            to: Stage::Termination,
            reason: None,
            termination: Some(TerminationReason::GoalsAchieved),
        },
    )?;
    village.execute(
        w,
        day(9, 5),
        Command::RecordTerminationSummary {
            summary:
                "Water reaches every household; the committee runs maintenance from a monthly fee."
                    .into(),
        },
    )?;
    village.execute(w, day(9, 5), Command::Close)?;
    show(&village, "project closed", "proyek ditutup");

    let events = village.take_pending();
    assert_eq!(
        Engagement::replay(events.clone())?,
        village,
        "replay must equal the live record"
    );
    println!(
        "\n{} {}; {} {}; {}: {}",
        events.len(),
        pick(lang, "events", "peristiwa"),
        village.plans().len(),
        pick(lang, "plan versions", "versi rencana"),
        pick(lang, "evaluation cycles", "siklus evaluasi"),
        village.lifecycle().evaluation_cycles()
    );
    let mix = village.role_mix();
    let roles: Vec<String> = mix
        .by_role()
        .filter(|(_, n)| *n > 0)
        .map(|(r, n)| format!("{} {n}", r.label(lang)))
        .collect();
    println!(
        "{}: {}",
        pick(lang, "role mix", "campuran peran"),
        roles.join(", ")
    );
    Ok(())
}

fn refer(resource: ResourceId, provider: Provider) -> Command {
    Command::Refer {
        resource,
        provider,
        mode: ManagementMode::Integrating,
        function: Function::ResourceManagement,
        role: Role::Broker,
        interventions: vec![InterventionId(1)],
        note: None,
        confidentiality: None,
    }
}

fn status(referral: ReferralId, status: ReferralStatus, note: Option<&str>) -> Command {
    Command::SetReferralStatus {
        referral,
        status,
        note: note.map(Into::into),
    }
}
