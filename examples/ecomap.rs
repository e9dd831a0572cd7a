//! The eco-map of one family's engagement: the records drive the picture, the worker refines it,
//! and it is written as Graphviz DOT and Mermaid (and SVG when Graphviz is installed).
//!
//! ```text
//! cargo run --example ecomap              # English
//! cargo run --example ecomap -- --lang id # Bahasa Indonesia
//! ```

use chrono::{DateTime, TimeZone, Utc};
use pendamping::ecomap::{EcoMap, Flow, SystemKind, Tie, TieStrength};
use pendamping::gas::Level;
use pendamping::{
    Achievement, ActivityDetail, Actor, ActorKind, Barrier, ClientSystem, ClientSystemLevel,
    Command, Decision, Engagement, EngagementId, Function, GasScale, GoalEvaluation, GoalId, Lang,
    ManagementMode, NeedId, Opening, PlanVersion, Policy, Priority, Provider, ReferralId,
    ReferralStatus, ResourceId, ResourceKind, Responsible, Role, Stage, TeamMember,
};
use std::error::Error;
use std::path::Path;
use std::process::ExitCode;

mod common;

use common::pick;

fn main() -> ExitCode {
    common::run("ecomap", run)
}

fn run(lang: Lang) -> Result<(), Box<dyn Error>> {
    let case = family_case(lang)?;
    let mut map = EcoMap::from_engagement(&case);

    // The records cannot know how the family feels about its ties; the worker adds that.
    if let Some(school) = map.systems().iter().find(|s| s.name == "SMP Negeri 2") {
        let note = match lang {
            Lang::Id => "Menolak keringanan biaya",
            _ => "Refused the fee waiver",
        };
        map.set_note(school.id, Some(note.to_owned()))?;
    }
    let employer = map.add_system(
        SystemKind::Other,
        "CV Bangun Jaya",
        Tie::new(TieStrength::Stressful, Flow::FromClient),
    )?;
    let note = match lang {
        Lang::Id => "Upah terakhir belum dibayar",
        _ => "Last wages unpaid",
    };
    map.set_note(employer, Some(note.to_owned()))?;

    let dir = std::env::temp_dir();
    let dot_path = dir.join("ecomap.dot");
    let mermaid_path = dir.join("ecomap.mmd");
    std::fs::write(&dot_path, map.to_dot(lang))?;
    std::fs::write(&mermaid_path, map.to_mermaid(lang))?;
    println!("{}", dot_path.display());
    println!("{}", mermaid_path.display());

    let svg_path = dir.join("ecomap.svg");
    if render_svg(&dot_path, &svg_path) {
        println!("{}", svg_path.display());
    } else {
        println!(
            "Graphviz `dot` was not found; install Graphviz and run: dot -Tsvg {} -o {}",
            dot_path.display(),
            svg_path.display()
        );
    }
    Ok(())
}

/// Renders the DOT file with Graphviz when `dot` is on the PATH; `false` when it is not (or
/// fails).
fn render_svg(dot: &Path, svg: &Path) -> bool {
    std::process::Command::new("dot")
        .arg("-Tsvg")
        .arg(dot)
        .arg("-o")
        .arg(svg)
        .status()
        .is_ok_and(|status| status.success())
}

fn day(d: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 3, 1, 9, 0, 0)
        .single()
        .unwrap_or_default()
        + chrono::TimeDelta::days(i64::from(d))
}

/// The Sari family: the father lost his income after an injury, the eldest daughter stopped
/// going to school. Their worker, Siti, follows them through assessment, planning, two
/// referrals and a first evaluation.
/// The family's engagement; the strengths the map shows are written in `lang`.
fn family_case(lang: Lang) -> Result<Engagement, Box<dyn Error>> {
    let siti = Actor::new("w:siti", ActorKind::SocialWorker)?;
    let dinsos = Actor::new("a:dinsos", ActorKind::Agency)?;
    let sari = "m:sari".parse()?;
    let member = |id: &str, kind, name: &str| -> Result<TeamMember, Box<dyn Error>> {
        Ok(TeamMember {
            id: id.parse()?,
            kind,
            name: name.to_owned(),
        })
    };
    let mut case = Engagement::open(
        &siti,
        day(0),
        Opening {
            id: EngagementId::new("pkh-0142")?,
            client: ClientSystem {
                level: ClientSystemLevel::Family,
                name: "Keluarga Sari".into(),
            },
            team: vec![
                member("w:siti", ActorKind::SocialWorker, "Siti")?,
                member("m:sari", ActorKind::ClientMember, "Ibu Sari")?,
                member("m:budi", ActorKind::ClientMember, "Pak Budi")?,
                member("m:dewi", ActorKind::ClientMember, "Dewi")?,
                member("c:rt04", ActorKind::CommunityRepresentative, "Ketua RT 04")?,
                member("a:dinsos", ActorKind::Agency, "Dinas Sosial Kota")?,
                member("d:ypa", ActorKind::Donor, "Yayasan Peduli Anak")?,
            ],
            policy: Policy::default(),
        },
    )?;
    let mut run = |by: &Actor, at, command| case.execute(by, at, command).map(|_| ());

    // Needs assessment: needs, and the strengths and resources around the family.
    for (domain, description, priority) in [
        (
            "income",
            "No steady income since the father's injury",
            Priority::High,
        ),
        ("schooling", "Dewi stopped going to school", Priority::High),
        (
            "health",
            "The children have missed check-ups",
            Priority::Medium,
        ),
    ] {
        run(
            &siti,
            day(1),
            Command::RecordNeed {
                domain: domain.into(),
                description: description.into(),
                priority,
                confidentiality: None,
            },
        )?;
    }
    for (kind, description, holder, barriers) in [
        (
            ResourceKind::Personal,
            pick(
                lang,
                "Ibu Sari keeps a careful household budget",
                "Ibu Sari mengatur anggaran rumah tangga dengan cermat",
            ),
            None,
            vec![],
        ),
        (
            ResourceKind::Interpersonal,
            pick(
                lang,
                "The neighbours' arisan lends in emergencies",
                "Arisan tetangga memberi pinjaman saat darurat",
            ),
            None,
            vec![],
        ),
        (
            ResourceKind::Social,
            "PKH cash transfer",
            Some("Dinas Sosial Kota"),
            vec![Barrier::MissingDocuments],
        ),
        (
            ResourceKind::Social,
            "Free check-ups for children",
            Some("Puskesmas Sukamaju"),
            vec![Barrier::DistanceOrTransport],
        ),
        (
            ResourceKind::Social,
            "School fee waiver",
            Some("SMP Negeri 2"),
            vec![],
        ),
        (
            ResourceKind::Social,
            "Welding course",
            Some("BLK Kota"),
            vec![],
        ),
    ] {
        run(
            &siti,
            day(2),
            Command::RecordResource {
                kind,
                description: description.into(),
                holder: holder.map(Into::into),
                barriers,
                service: None,
                confidentiality: None,
            },
        )?;
    }
    let stage = |to| Command::MoveToStage {
        to,
        reason: None,
        termination: None,
    };
    run(&siti, day(3), stage(Stage::Planning))?;

    // Planning: two goals with attainment scales, one intervention, the family's agreement.
    let scale = |weight, levels: [&str; 5]| GasScale {
        levels: levels.map(str::to_owned),
        weight,
    };
    run(
        &siti,
        day(4),
        Command::AddGoal {
            description: "The household receives the cash transfer".into(),
            addresses: vec![NeedId(1)],
            scale: Some(scale(
                4,
                [
                    "Refused",
                    "Pending",
                    "Enrolled",
                    "Paid once",
                    "Paid regularly",
                ],
            )),
        },
    )?;
    run(
        &siti,
        day(4),
        Command::AddGoal {
            description: "Dewi is back at school".into(),
            addresses: vec![NeedId(2), NeedId(3)],
            scale: Some(scale(
                6,
                [
                    "Dropped out",
                    "At home",
                    "Enrolled",
                    "Attends most days",
                    "Attends every day",
                ],
            )),
        },
    )?;
    run(
        &siti,
        day(4),
        Command::AddIntervention {
            description: "Link the family with the cash transfer and the school".into(),
            serves: vec![GoalId(1), GoalId(2)],
            function: Function::ResourceManagement,
            role: Role::Broker,
            responsible: Responsible::Joint,
            uses: vec![ResourceId(3), ResourceId(5)],
        },
    )?;
    run(
        &siti,
        day(5),
        Command::AgreeToPlan {
            version: PlanVersion(1),
            on_behalf_of: Some(sari),
        },
    )?;
    run(&siti, day(5), stage(Stage::Implementation))?;

    // Implementation: two referrals, followed to their end.
    let refer = |resource, provider| Command::Refer {
        resource: ResourceId(resource),
        provider,
        mode: ManagementMode::Coordinating,
        function: Function::ResourceManagement,
        role: Role::Broker,
        interventions: vec![],
        note: None,
        confidentiality: None,
    };
    run(
        &siti,
        day(6),
        refer(
            3,
            Provider::Partner {
                id: dinsos.id.clone(),
            },
        ),
    )?;
    run(
        &siti,
        day(6),
        refer(
            5,
            Provider::External {
                name: "SMP Negeri 2".into(),
            },
        ),
    )?;
    let status = |n, status| Command::SetReferralStatus {
        referral: ReferralId(n),
        status,
        note: None,
    };
    for n in [1, 2] {
        run(
            &siti,
            day(7),
            Command::GiveConsent {
                referral: ReferralId(n),
                on_behalf_of: Some("m:sari".parse()?),
            },
        )?;
        run(&siti, day(7), status(n, ReferralStatus::Requested))?;
    }
    run(&dinsos, day(10), status(1, ReferralStatus::Accepted))?;
    // The school is outside the system: the worker records its answer.
    run(&siti, day(12), status(2, ReferralStatus::Rejected))?;
    run(&dinsos, day(30), status(1, ReferralStatus::Completed))?;
    run(
        &siti,
        day(31),
        Command::RecordActivity {
            function: Function::ProblemSolvingConsultation,
            role: Role::Enabler,
            interventions: vec![],
            detail: ActivityDetail::Consultation {
                participants: vec!["Ibu Sari".into(), "Dewi".into()],
                worker_contribution: "What other schools offer".into(),
                client_contribution: "Dewi's wish to learn sewing".into(),
                options: vec!["Another school".into(), "Kejar Paket B".into()],
                action_steps: vec!["Visit the Paket B centre".into()],
            },
            note: None,
            confidentiality: None,
        },
    )?;

    // A first evaluation: the transfer is paid, school is still open.
    run(&siti, day(60), stage(Stage::Evaluation))?;
    run(
        &siti,
        day(61),
        Command::RecordEvaluation {
            scores: vec![
                GoalEvaluation {
                    goal: GoalId(1),
                    level: Level::MoreThanExpected,
                    achievement: Achievement::Achieved,
                },
                GoalEvaluation {
                    goal: GoalId(2),
                    level: Level::LessThanExpected,
                    achievement: Achievement::NoChange,
                },
            ],
            notes: None,
            decision: Decision::Continue,
            confidentiality: None,
        },
    )?;
    run(&siti, day(61), stage(Stage::Implementation))?;
    Ok(case)
}
