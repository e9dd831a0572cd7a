//! The main job: the framework a worker practises, then one family's case from first contact to
//! closing and a follow-up, in English or Indonesian.
//!
//! ```text
//! cargo run --example walkthrough              # English
//! cargo run --example walkthrough -- --lang id # Bahasa Indonesia
//! ```

use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use pendamping::store::{FolderStore, Store};
use pendamping::{
    Achievement, ActivityDetail, Actor, ActorKind, Barrier, ClientSystem, ClientSystemLevel,
    Command, Decision, Engagement, EngagementId, Function, GasScale, GoalEvaluation, GoalId, Lang,
    ManagementMode, NeedId, Opening, Policy, Priority, Provider, ReferralId, ReferralStatus,
    ResourceId, ResourceKind, Responsible, Role, ServiceDetails, Stage, TeamMember,
    TerminationReason, Vision, gas::Level,
};
use pendamping::{Amendment, ContactKind, CorrectionKind, RecordRef};
use std::error::Error;
use std::process::ExitCode;

mod common;

fn main() -> ExitCode {
    common::run("walkthrough", |lang| {
        print_framework(lang);
        run_case(lang)
    })
}

/// Picks the English or the Indonesian text.
fn t<'a>(lang: Lang, en: &'a str, id: &'a str) -> &'a str {
    if lang == Lang::Id { id } else { en }
}

fn heading(text: &str) {
    println!("\n{text}\n{}", "=".repeat(text.chars().count()));
}

fn print_framework(lang: Lang) {
    heading(t(
        lang,
        "Functions and their roles",
        "Fungsi dan peranannya",
    ));
    for &function in Function::ALL {
        let roles: Vec<_> = function.typical_roles().map(|r| r.label(lang)).collect();
        println!("{:<30} {}", function.label(lang), roles.join(", "));
    }

    heading(t(
        lang,
        "Roles, their vision (3P) and functions",
        "Peranan, visi (3P) dan fungsinya",
    ));
    for &role in Role::ALL {
        let functions: Vec<_> = role
            .typical_functions()
            .iter()
            .map(|f| f.label(lang))
            .collect();
        println!(
            "{:<12} {:<12} {}",
            role.label(lang),
            role.vision().label(lang),
            functions.join(", ")
        );
    }

    heading(t(lang, "The 3P visions", "Visi 3P"));
    for &vision in Vision::ALL {
        let roles: Vec<_> = vision.roles().map(|r| r.label(lang)).collect();
        println!("{:<12} {}", vision.label(lang), roles.join(", "));
    }

    heading(t(
        lang,
        "Stages of the helping process",
        "Tahapan pertolongan",
    ));
    for (n, &stage) in Stage::ALL.iter().enumerate() {
        println!("{}. {}", n + 1, stage.label(lang));
    }

    heading(t(lang, "Kinds of resource", "Jenis sumber"));
    for &kind in ResourceKind::ALL {
        println!("- {}", kind.label(lang));
    }
}

/// The people of the case.
struct People {
    worker: Actor,
    supervisor: Actor,
    mother: Actor,
    clinic: Actor,
}

/// One day of the case, at nine in the morning.
fn day(month: u32, day: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, month, day, 9, 0, 0)
        .single()
        .unwrap_or_default()
}

fn run_case(lang: Lang) -> Result<(), Box<dyn Error>> {
    let people = People {
        worker: Actor::new("w:siti", ActorKind::SocialWorker)?,
        supervisor: Actor::new("s:budi", ActorKind::Supervisor)?,
        mother: Actor::new("c:sari", ActorKind::ClientMember)?,
        clinic: Actor::new("a:puskesmas", ActorKind::Agency)?,
    };
    let member = |actor: &Actor, name: &str| TeamMember {
        id: actor.id.clone(),
        kind: actor.kind,
        name: name.to_owned(),
    };
    let father = Actor::new("c:joko", ActorKind::ClientMember)?;

    heading(t(lang, "A family's case", "Kasus sebuah keluarga"));
    let mut policy = Policy::default();
    policy.plan_approval_required = true;
    policy.closure_approval_required = true;
    policy.review_interval_days = Some(30);
    let mut case = Engagement::open(
        &people.worker,
        day(1, 5),
        Opening {
            id: EngagementId::new("pkh-3273-0142")?,
            client: ClientSystem {
                level: ClientSystemLevel::Family,
                name: "Keluarga Ibu Sari".into(),
            },
            team: vec![
                member(&people.worker, "Siti Rahma"),
                member(&people.supervisor, "Budi Santoso"),
                member(&people.mother, "Ibu Sari"),
                member(&father, "Pak Joko"),
                member(&people.clinic, "Puskesmas Cibeunying"),
            ],
            policy,
        },
    )?;
    // Like a field app, store each step's events before going on: a folder store (one journal
    // file per engagement, in a fresh temporary directory) stands in for the app's database.
    let dir = store_dir();
    let mut store = FolderStore::open(&dir)?;
    let mut step = |case: &mut Engagement, what: &str| -> Result<(), Box<dyn Error>> {
        store.append_pending(case)?;
        println!(
            "[{}] {:<45} {}",
            case.last_at().format("%Y-%m-%d"),
            what,
            case.status().label(lang)
        );
        Ok(())
    };
    step(&mut case, t(lang, "case opened", "kasus dibuka"))?;

    // --- needs assessment: problems and strengths side by side ---
    let w = &people.worker;
    let needs = [
        (
            "schooling",
            "Rina (14) stopped going to school in October",
            Priority::High,
        ),
        (
            "documents",
            "The youngest child has no birth certificate",
            Priority::High,
        ),
        (
            "health",
            "The toddler missed two immunisations",
            Priority::Medium,
        ),
    ];
    for (domain, description, priority) in needs {
        case.execute(
            w,
            day(1, 8),
            Command::RecordNeed {
                domain: domain.into(),
                description: description.into(),
                priority,
                confidentiality: None,
            },
        )?;
    }
    let resources = [
        (
            ResourceKind::Personal,
            t(
                lang,
                "Ibu Sari keeps a careful household budget",
                "Ibu Sari mengatur anggaran rumah tangga dengan cermat",
            ),
            None,
            vec![],
        ),
        (
            ResourceKind::Interpersonal,
            t(
                lang,
                "The grandmother looks after the children",
                "Nenek mengasuh anak-anak",
            ),
            None,
            vec![],
        ),
        (
            ResourceKind::Social,
            "Birth registration at the civil registry",
            Some("Dinas Dukcapil"),
            vec![Barrier::MissingDocuments, Barrier::DistanceOrTransport],
        ),
        (
            ResourceKind::Social,
            "Immunisation at the community health centre",
            Some("Puskesmas Cibeunying"),
            vec![Barrier::Information],
        ),
    ];
    for (kind, description, holder, barriers) in resources {
        // What a broker needs to know about the clinic's service, as a resource directory has it.
        let service = (holder == Some("Puskesmas Cibeunying")).then(|| {
            let mut clinic = ServiceDetails::default();
            clinic.service = Some("Child immunisation".into());
            clinic.schedule = Some(
                t(
                    lang,
                    "Tuesdays and Thursdays, 08:00-12:00",
                    "Selasa dan Kamis, 08.00-12.00",
                )
                .into(),
            );
            clinic.cost = Some(
                t(
                    lang,
                    "Free with a KIS health card",
                    "Gratis dengan kartu KIS",
                )
                .into(),
            );
            clinic.languages = vec!["Bahasa Indonesia".into(), "Sunda".into()];
            clinic
        });
        case.execute(
            w,
            day(1, 8),
            Command::RecordResource {
                kind,
                description: description.into(),
                holder: holder.map(Into::into),
                barriers,
                service,
                confidentiality: None,
            },
        )?;
    }
    step(
        &mut case,
        t(
            lang,
            "3 needs and 4 resources recorded",
            "3 kebutuhan dan 4 sumber dicatat",
        ),
    )?;
    println!(
        "    {}: {}",
        t(lang, "strengths", "kekuatan"),
        case.strengths()
            .map(|r| r.description.as_str())
            .collect::<Vec<_>>()
            .join("; ")
    );

    move_to(&mut case, w, day(1, 12), Stage::Planning, None)?;
    step(
        &mut case,
        t(lang, "moved to planning", "masuk tahap perencanaan"),
    )?;

    // --- planning and programme selection ---
    let scale = |weight| GasScale {
        levels: [
            "Not in school, no plan".into(),
            "Enrolled but attending under half the days".into(),
            "Attending most days".into(),
            "Attending every day".into(),
            "Attending every day and catching up".into(),
        ],
        weight,
    };
    case.execute(
        w,
        day(1, 14),
        Command::AddGoal {
            description: "Rina is back in school, with her papers in order".into(),
            addresses: vec![NeedId(1), NeedId(2)],
            scale: Some(scale(6)),
        },
    )?;
    case.execute(
        w,
        day(1, 14),
        Command::AddGoal {
            description: "The toddler's immunisations are complete".into(),
            addresses: vec![NeedId(3)],
            scale: Some(GasScale {
                levels: [
                    "No immunisation".into(),
                    "One of two done".into(),
                    "Both done".into(),
                    "Both done and the next date booked".into(),
                    "All siblings checked too".into(),
                ],
                weight: 4,
            }),
        },
    )?;
    let interventions = [
        (
            "Meet the school with Ibu Sari and Rina",
            Function::ProblemSolvingConsultation,
            Role::Mediator,
            Responsible::Joint,
            GoalId(1),
            vec![],
        ),
        (
            "Link the family with the civil registry",
            Function::ResourceManagement,
            Role::Broker,
            Responsible::Worker,
            GoalId(1),
            vec![ResourceId(3)],
        ),
        (
            "Health session on immunisation for mothers",
            Function::Education,
            Role::Enabler,
            Responsible::Joint,
            GoalId(2),
            vec![],
        ),
        (
            "Refer the toddler to the Puskesmas",
            Function::ResourceManagement,
            Role::Broker,
            Responsible::Partner(people.clinic.id.clone()),
            GoalId(2),
            vec![ResourceId(4)],
        ),
    ];
    for (description, function, role, responsible, goal, uses) in interventions {
        case.execute(
            w,
            day(1, 14),
            Command::AddIntervention {
                description: description.into(),
                serves: vec![goal],
                function,
                role,
                responsible,
                uses,
            },
        )?;
    }
    // Implementation needs the family's agreement and, under this policy, approval.
    let early = pendamping::decide(
        &case,
        w,
        day(1, 14),
        &Command::MoveToStage {
            to: Stage::Implementation,
            reason: None,
            termination: None,
        },
    );
    if let Err(rejection) = early {
        println!(
            "    {}: {}",
            t(lang, "not yet", "belum bisa"),
            rejection.message(lang)
        );
    }
    case.execute(
        &people.mother,
        day(1, 15),
        Command::AgreeToPlan {
            version: case.plan().version,
            on_behalf_of: None,
        },
    )?;
    case.execute(
        w,
        day(1, 15),
        Command::RequestPlanApproval { comment: None },
    )?;
    case.execute(
        &people.supervisor,
        day(1, 16),
        Command::DecidePlanApproval {
            approve: true,
            comment: Some("Good, realistic plan".into()),
        },
    )?;
    step(
        &mut case,
        t(
            lang,
            "plan agreed by the family and approved",
            "rencana disepakati keluarga dan disetujui",
        ),
    )?;
    move_to(&mut case, w, day(1, 19), Stage::Implementation, None)?;
    step(
        &mut case,
        t(lang, "moved to implementation", "masuk tahap penerapan"),
    )?;

    // --- implementation: consultation, education, two referrals ---
    let consultation = case.execute(
        w,
        day(1, 21),
        Command::RecordActivity {
            function: Function::ProblemSolvingConsultation,
            role: Role::Mediator,
            interventions: vec![pendamping::InterventionId(1)],
            detail: ActivityDetail::Consultation {
                participants: vec!["Ibu Sari".into(), "Rina".into(), "Homeroom teacher".into()],
                worker_contribution:
                    "Explained the school's re-entry rules and PKH's attendance condition".into(),
                client_contribution: "Rina told why she left: she was ashamed of unpaid fees"
                    .into(),
                options: vec![
                    "Return now with a fee waiver".into(),
                    "Wait for the new term".into(),
                ],
                action_steps: vec![
                    "Ask for a fee waiver".into(),
                    "Rina returns on Monday".into(),
                ],
            },
            note: None,
            confidentiality: None,
        },
    )?;
    let consultation_id = match consultation.first().map(|r| &r.event) {
        Some(pendamping::Event::ActivityRecorded { activity }) => activity.id,
        _ => return Err("the consultation was not recorded as an activity".into()),
    };
    case.execute(
        &people.mother,
        day(1, 22),
        Command::AddContribution {
            activity: consultation_id,
            text: "I will walk Rina to school for the first week".into(),
        },
    )?;
    case.execute(
        w,
        day(1, 28),
        Command::RecordActivity {
            function: Function::Education,
            role: Role::Enabler,
            interventions: vec![pendamping::InterventionId(3)],
            detail: ActivityDetail::Education {
                topic: "Why the immunisation schedule matters".into(),
                learners: vec!["Ibu Sari".into(), "Four neighbours".into()],
                educators: vec!["Siti Rahma".into(), "Ibu Sari".into()],
                prevention_focus: Some("Measles and diphtheria".into()),
            },
            note: Some("Ibu Sari shared how she keeps the health card safe".into()),
            confidentiality: None,
        },
    )?;
    step(
        &mut case,
        t(
            lang,
            "a consultation and an education session",
            "satu konsultasi dan satu sesi pendidikan",
        ),
    )?;

    // The everyday record: a home visit written down as it happened, a need whose priority
    // was typed wrong corrected (the original kept), and a due date on the school goal.
    case.execute(
        w,
        day(1, 30),
        Command::RecordNote {
            kind: ContactKind::HomeVisit,
            participants: vec!["Ibu Sari".into(), "Rina".into()],
            text: "Rina was at school all week; the fee waiver letter is still missing".into(),
            concerns: vec![RecordRef::Need(NeedId(1))],
        },
    )?;
    case.execute(
        w,
        day(1, 30),
        Command::Amend {
            record: RecordRef::Need(NeedId(3)),
            change: Amendment::Priority {
                priority: Priority::High,
            },
            reason: "The clinic says the second dose is overdue".into(),
        },
    )?;
    let due = NaiveDate::from_ymd_opt(2026, 2, 27).ok_or("no such day")?;
    case.execute(
        w,
        day(1, 30),
        Command::SetDueDate {
            record: RecordRef::Goal(GoalId(1)),
            due_on: Some(due),
        },
    )?;
    for correction in case.corrections_of(RecordRef::Need(NeedId(3))) {
        if let CorrectionKind::Amended {
            from: Amendment::Priority { priority: was },
            to: Amendment::Priority { priority: is },
        } = &correction.kind
        {
            println!(
                "    {} 3: {} -> {} ({})",
                t(lang, "need", "kebutuhan"),
                was.label(lang),
                is.label(lang),
                correction.reason
            );
        }
    }
    for work in case.follow_up_work() {
        println!(
            "    {} {} {}: {}",
            t(lang, "due", "tenggat"),
            t(lang, "goal", "tujuan"),
            work.record.number(),
            work.due_on
        );
    }
    step(
        &mut case,
        t(
            lang,
            "a home visit, a correction, a due date",
            "kunjungan rumah, koreksi, tenggat",
        ),
    )?;

    // The clinic is a partner on the team and answers for itself. The worker tells the family
    // when to go and what it costs, from the service details recorded in assessment.
    if let Some(service) = case
        .resource(ResourceId(4))
        .and_then(|r| r.service.as_ref())
    {
        println!(
            "    Puskesmas: {}; {}",
            service.schedule.as_deref().unwrap_or("-"),
            service.cost.as_deref().unwrap_or("-")
        );
    }
    refer(
        &mut case,
        w,
        day(2, 2),
        ResourceId(4),
        Provider::Partner {
            id: people.clinic.id.clone(),
        },
        4,
    )?;
    case.execute(
        &people.mother,
        day(2, 2),
        Command::GiveConsent {
            referral: ReferralId(1),
            on_behalf_of: None,
        },
    )?;
    set_referral(
        &mut case,
        w,
        day(2, 3),
        ReferralId(1),
        ReferralStatus::Requested,
    )?;
    for (d, status) in [
        (4, ReferralStatus::Accepted),
        (10, ReferralStatus::InProgress),
        (24, ReferralStatus::Completed),
    ] {
        set_referral(&mut case, &people.clinic, day(2, d), ReferralId(1), status)?;
    }
    // The registry is outside the system: the worker records its answers.
    refer(
        &mut case,
        w,
        day(2, 25),
        ResourceId(3),
        Provider::External {
            name: "Dinas Dukcapil".into(),
        },
        2,
    )?;
    case.execute(
        w,
        day(2, 25),
        Command::GiveConsent {
            referral: ReferralId(2),
            on_behalf_of: Some(father.id.clone()),
        },
    )?;
    for (d, status) in [
        (2, ReferralStatus::Requested),
        (5, ReferralStatus::Accepted),
        (11, ReferralStatus::Completed),
    ] {
        set_referral(&mut case, w, day(3, d), ReferralId(2), status)?;
    }
    step(
        &mut case,
        t(lang, "two referrals completed", "dua rujukan selesai"),
    )?;
    for need in [NeedId(1), NeedId(2), NeedId(3)] {
        case.execute(w, day(3, 12), Command::MarkNeedMet { need, note: None })?;
    }

    // --- evaluation ---
    move_to(&mut case, w, day(3, 16), Stage::Evaluation, None)?;
    case.execute(
        w,
        day(3, 18),
        Command::RecordEvaluation {
            scores: vec![
                GoalEvaluation {
                    goal: GoalId(1),
                    level: Level::MoreThanExpected,
                    achievement: Achievement::Achieved,
                },
                GoalEvaluation {
                    goal: GoalId(2),
                    level: Level::Expected,
                    achievement: Achievement::Achieved,
                },
            ],
            notes: Some("Rina attends every day; both immunisations done".into()),
            decision: Decision::Terminate,
            confidentiality: None,
        },
    )?;
    if let Some(Ok(score)) = case.evaluations().last().and_then(|e| case.t_score(e.id)) {
        println!("    {}: {score:.1}", t(lang, "GAS T-score", "Skor-T GAS"));
    }
    step(
        &mut case,
        t(lang, "evaluation recorded", "evaluasi dicatat"),
    )?;

    // --- termination, closing, follow-up ---
    move_to(
        &mut case,
        w,
        day(3, 20),
        Stage::Termination,
        Some(TerminationReason::GoalsAchieved),
    )?;
    case.execute(
        w,
        day(3, 23),
        Command::RecordTerminationSummary {
            summary: "Both goals reached. The family knows the school, the registry and the clinic, and handles them on its own.".into(),
        },
    )?;
    let not_yet = pendamping::decide(&case, w, day(3, 23), &Command::Close);
    if let Err(rejection) = not_yet {
        println!(
            "    {}: {}",
            t(lang, "not yet", "belum bisa"),
            rejection.message(lang)
        );
    }
    case.execute(
        w,
        day(3, 23),
        Command::RequestClosureApproval { comment: None },
    )?;
    case.execute(
        &people.supervisor,
        day(3, 24),
        Command::DecideClosureApproval {
            approve: true,
            comment: None,
        },
    )?;
    case.execute(w, day(3, 25), Command::Close)?;
    step(&mut case, t(lang, "case closed", "kasus ditutup"))?;
    case.execute(
        w,
        day(6, 25),
        Command::RecordFollowUp {
            note: "Rina still attends; the family is well".into(),
            confidentiality: None,
        },
    )?;
    step(
        &mut case,
        t(
            lang,
            "follow-up after three months",
            "tindak lanjut setelah tiga bulan",
        ),
    )?;

    // Reload the case from the store, as the app would on another day: every line of its
    // journal is checked against the hash chain and replayed.
    let reloaded = store.load(case.id());
    drop(store);
    let _ = std::fs::remove_dir_all(&dir);
    let reloaded = reloaded?;
    if reloaded != case {
        return Err("the reloaded case differs from the live one".into());
    }
    println!(
        "\n{} {}",
        reloaded.last_seq(),
        t(
            lang,
            "events in the journal; verified, replayed, equal to the live case",
            "peristiwa dalam jurnal; terverifikasi, diputar ulang, sama dengan kasus"
        ),
    );

    print_summary(&reloaded, lang);
    Ok(())
}

/// A fresh directory name in the system's temporary directory.
fn store_dir() -> std::path::PathBuf {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos());
    std::env::temp_dir().join(format!(
        "pendamping-walkthrough-{}-{nanos}",
        std::process::id()
    ))
}

fn move_to(
    case: &mut Engagement,
    by: &Actor,
    at: DateTime<Utc>,
    to: Stage,
    termination: Option<TerminationReason>,
) -> Result<(), Box<dyn Error>> {
    case.execute(
        by,
        at,
        Command::MoveToStage {
            to,
            reason: None,
            termination,
        },
    )?;
    Ok(())
}

fn refer(
    case: &mut Engagement,
    by: &Actor,
    at: DateTime<Utc>,
    resource: ResourceId,
    provider: Provider,
    intervention: u32,
) -> Result<(), Box<dyn Error>> {
    case.execute(
        by,
        at,
        Command::Refer {
            resource,
            provider,
            mode: ManagementMode::Coordinating,
            function: Function::ResourceManagement,
            role: Role::Broker,
            interventions: vec![pendamping::InterventionId(intervention)],
            note: None,
            confidentiality: None,
        },
    )?;
    Ok(())
}

fn set_referral(
    case: &mut Engagement,
    by: &Actor,
    at: DateTime<Utc>,
    referral: ReferralId,
    status: ReferralStatus,
) -> Result<(), Box<dyn Error>> {
    case.execute(
        by,
        at,
        Command::SetReferralStatus {
            referral,
            status,
            note: None,
        },
    )?;
    Ok(())
}

fn print_summary(case: &Engagement, lang: Lang) {
    heading(t(lang, "Stage history", "Riwayat tahapan"));
    for change in case.history() {
        println!(
            "{}  {:<28} → {}",
            change.at.format("%Y-%m-%d"),
            change.kind.label(lang),
            change.to.label(lang)
        );
    }

    heading(t(lang, "Role mix", "Komposisi peranan"));
    let mix = case.role_mix();
    for (role, n) in mix.by_role() {
        println!("{:<12} {n}", role.label(lang));
    }
    for (function, n) in mix.by_function() {
        println!("{:<30} {n}", function.label(lang));
    }

    let follow_up: NaiveDate = case
        .follow_ups()
        .last()
        .map(|f| f.at.date_naive())
        .unwrap_or_default();
    println!(
        "\n{}: {}; {}: {}",
        t(lang, "resources reached", "sumber terjangkau"),
        case.resources().iter().filter(|r| r.reached).count(),
        t(lang, "last follow-up", "tindak lanjut terakhir"),
        follow_up
    );
}
