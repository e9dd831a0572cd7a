//! A small caseload kept in PostgreSQL: five families stored event by event, reloaded (every
//! row verified and replayed), and the caseload report made by one SQL query over the summary
//! projection, beside the same report made in memory.
//!
//! ```text
//! cargo run --features postgres --example postgres
//! ```
//!
//! The server is `PENDAMPING_PG_URL`, by default `postgres://postgres@127.0.0.1:5432/test`; the
//! example works in its own schema, `example_caseload`, which it drops and makes again.

use chrono::{DateTime, TimeDelta, TimeZone, Utc};
use pendamping::caseload::Caseload;
use pendamping::store::postgres::{PgStore, Scope, connect};
use pendamping::{
    ActivityDetail, Actor, ActorId, ActorKind, ClientSystem, ClientSystemLevel, Command,
    Engagement, EngagementId, Function, GoalId, Lang, NeedId, Opening, PlanVersion, Policy,
    Priority, ResourceKind, Responsible, Role, Stage, TeamMember,
};

const SCHEMA: &str = "example_caseload";

fn day(d: i64) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 2, 2, 9, 0, 0).unwrap() + TimeDelta::days(d)
}

/// Family `n`'s engagement, taken as far as `n` says: needs assessment for the first, into
/// implementation with activities for the later ones.
fn family(n: i64, worker: &Actor) -> Result<Engagement, Box<dyn std::error::Error>> {
    let mother: ActorId = "c:ibu".parse()?;
    let mut e = Engagement::open(
        worker,
        day(n),
        Opening {
            id: EngagementId::new(format!("pkh-{n:04}"))?,
            client: ClientSystem {
                level: ClientSystemLevel::Family,
                name: format!("Keluarga {n}"),
            },
            team: vec![
                TeamMember {
                    id: worker.id.clone(),
                    kind: worker.kind,
                    name: "Siti".into(),
                },
                TeamMember {
                    id: mother.clone(),
                    kind: ActorKind::ClientMember,
                    name: format!("Ibu {n}"),
                },
            ],
            policy: Policy::default(),
        },
    )?;
    e.execute(
        worker,
        day(n + 1),
        Command::RecordNeed {
            domain: "schooling".into(),
            description: "The eldest stopped going to school".into(),
            priority: Priority::High,
            confidentiality: None,
        },
    )?;
    e.execute(
        worker,
        day(n + 1),
        Command::RecordResource {
            kind: ResourceKind::Personal,
            description: "The mother keeps a careful budget".into(),
            holder: None,
            barriers: vec![],
            service: None,
            confidentiality: None,
        },
    )?;
    if n < 2 {
        return Ok(e);
    }
    let stage = |to| Command::MoveToStage {
        to,
        reason: None,
        termination: None,
    };
    e.execute(worker, day(n + 2), stage(Stage::Planning))?;
    e.execute(
        worker,
        day(n + 3),
        Command::AddGoal {
            description: "Back in school".into(),
            addresses: vec![NeedId(1)],
            scale: None,
        },
    )?;
    e.execute(
        worker,
        day(n + 3),
        Command::AddIntervention {
            description: "Meet the school together".into(),
            serves: vec![GoalId(1)],
            function: Function::ProblemSolvingConsultation,
            role: Role::Mediator,
            responsible: Responsible::Joint,
            uses: vec![],
        },
    )?;
    e.execute(
        worker,
        day(n + 4),
        Command::AgreeToPlan {
            version: PlanVersion(1),
            // The worker records the family's agreement, given at a home visit.
            on_behalf_of: Some(mother.clone()),
        },
    )?;
    e.execute(worker, day(n + 4), stage(Stage::Implementation))?;
    for k in 0..n {
        e.execute(
            worker,
            day(n + 5 + k),
            Command::RecordActivity {
                function: Function::ProblemSolvingConsultation,
                role: if k % 2 == 0 {
                    Role::Mediator
                } else {
                    Role::Enabler
                },
                interventions: vec![],
                detail: ActivityDetail::Mediation {
                    parties: vec!["the school".into(), "the family".into()],
                    outcome: "A place kept until the fee is paid".into(),
                },
                note: None,
                confidentiality: None,
            },
        )?;
    }
    Ok(e)
}

#[tokio::main(flavor = "current_thread")]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let url = std::env::var("PENDAMPING_PG_URL")
        .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/test".to_owned());
    let mut client = match connect(&url).await {
        Ok(client) => client,
        Err(e) => {
            println!("{e}");
            println!(
                "This example needs a PostgreSQL server. On Debian or Ubuntu:\n  \
                 apt-get install postgresql && pg_ctlcluster 15 main start\n\
                 then point PENDAMPING_PG_URL at it (a user that may create schemas), e.g.\n  \
                 PENDAMPING_PG_URL=postgres://postgres@127.0.0.1:5432/test"
            );
            return Ok(());
        }
    };
    client
        .batch_execute(&format!("DROP SCHEMA IF EXISTS {SCHEMA} CASCADE"))
        .await?;
    PgStore::migrate(&mut client, SCHEMA).await?;
    let store = PgStore::open(&client, SCHEMA).await?;

    // Each family's events go in as they happen: one append per command, in a transaction the
    // app could also update its own tables in.
    let worker = Actor::new("w:siti", ActorKind::SocialWorker)?;
    let mut kept = Vec::new();
    for n in 0..5 {
        let mut e = family(n, &worker)?;
        let mut seq = 0;
        for event in e.take_pending() {
            let tx = client.transaction().await?;
            seq = store.append(&tx, e.id(), seq, &[event]).await?;
            tx.commit().await?;
        }
        kept.push(e);
    }
    let ids = store.ids(&client).await?;
    println!("stored {} engagements in schema {SCHEMA}", ids.len());

    // Reloading verifies every row and replays it.
    let mut loaded = Vec::new();
    for id in &ids {
        let e = store.load(&client, id).await?;
        println!("  {id}: {} events, {}", e.last_seq(), e.status());
        loaded.push(e);
    }
    assert_eq!(loaded, kept);

    let at = day(30);
    let from_sql = store.caseload_report(&client, at, Scope::All).await?;
    let in_memory = Caseload::from_engagements(at, &loaded).report();
    assert_eq!(from_sql, in_memory);
    println!("\nthe caseload report from one SQL query over the summary projection:\n");
    println!("{}", from_sql.table(Lang::En));
    client
        .batch_execute(&format!("DROP SCHEMA {SCHEMA} CASCADE"))
        .await?;
    Ok(())
}
