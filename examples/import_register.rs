//! Importing a case from a paper register: one CSV row, typed up from the register a
//! kelurahan's social worker kept before the app, becomes an engagement that continues from the
//! stage the case had reached, and replays like any other.
//!
//! ```text
//! cargo run --example import_register
//! ```

use chrono::{NaiveDate, TimeZone, Utc};
use pendamping::{
    Actor, ActorKind, ClientSystem, ClientSystemLevel, Command, ContactKind, Engagement,
    EngagementId, Function, GoalId, GoalStatus, ImportSource, ImportedCase, ImportedGoal,
    ImportedIntervention, ImportedNeed, ImportedReferral, ImportedResource, ManagementMode, NeedId,
    Opening, Policy, Priority, Provider, RecordRef, ReferralStatus, ResourceId, ResourceKind,
    Responsible, Role, Stage, TeamMember,
};
use std::error::Error;

/// The register's columns, as typed up, and one family's row.
const REGISTER: &str = "\
no_register,keluarga,dicatat,tahap,bidang,kebutuhan,prioritas,kekuatan,penyedia,layanan,tujuan,rujukan
REG-2025-0142,Keluarga Ibu Sari,2026-02-20,implementation,schooling,\"Ani stopped going to school, since January\",high,The mother keeps a careful household budget,Puskesmas Sukamaju,Free health checks,Ani is back at school,requested
";

/// Splits one CSV line into fields: commas separate, double quotes enclose a field holding
/// commas, and two double quotes inside one stand for one (RFC 4180).
fn fields(line: &str) -> Vec<String> {
    let mut out = vec![String::new()];
    let mut quoted = false;
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        match (c, quoted) {
            ('"', true) if chars.peek() == Some(&'"') => {
                chars.next();
                if let Some(field) = out.last_mut() {
                    field.push('"');
                }
            }
            ('"', _) => quoted = !quoted,
            (',', false) => out.push(String::new()),
            (c, _) => {
                if let Some(field) = out.last_mut() {
                    field.push(c);
                }
            }
        }
    }
    out
}

/// The row's value in a column, by the header's name.
fn column<'a>(header: &[String], row: &'a [String], name: &str) -> Result<&'a str, String> {
    header
        .iter()
        .position(|h| h == name)
        .and_then(|i| row.get(i))
        .map(|v| v.trim())
        .ok_or_else(|| format!("the register has no column {name}"))
}

/// The state the row records, as the crate imports it.
fn case(header: &[String], row: &[String]) -> Result<ImportedCase, Box<dyn Error>> {
    let get = |name| column(header, row, name);
    let as_of: NaiveDate = get("dicatat")?.parse()?;
    let stage: Stage = get("tahap")?.parse()?;
    let priority: Priority = get("prioritas")?.parse()?;
    let referral: ReferralStatus = get("rujukan")?.parse()?;
    Ok(ImportedCase {
        source: ImportSource {
            system: "Buku register PKH Kelurahan Sukamaju".into(),
            reference: Some(get("no_register")?.into()),
            as_of,
        },
        stage,
        needs: vec![ImportedNeed {
            domain: get("bidang")?.into(),
            description: get("kebutuhan")?.into(),
            priority,
            confidentiality: None,
        }],
        resources: vec![
            ImportedResource {
                kind: ResourceKind::Personal,
                description: get("kekuatan")?.into(),
                holder: None,
                barriers: vec![],
                confidentiality: None,
            },
            ImportedResource {
                kind: ResourceKind::Social,
                description: get("layanan")?.into(),
                holder: Some(get("penyedia")?.into()),
                barriers: vec![],
                confidentiality: None,
            },
        ],
        goals: vec![ImportedGoal {
            description: get("tujuan")?.into(),
            addresses: vec![NeedId(1)],
            status: GoalStatus::Active,
            due_on: None,
        }],
        interventions: vec![ImportedIntervention {
            description: "Talk it through with the family".into(),
            serves: vec![GoalId(1)],
            function: Function::ProblemSolvingConsultation,
            role: Role::Enabler,
            responsible: Responsible::Joint,
            uses: vec![ResourceId(1)],
            due_on: None,
        }],
        referrals: vec![ImportedReferral {
            resource: ResourceId(2),
            provider: Provider::External {
                name: get("penyedia")?.into(),
            },
            mode: ManagementMode::Coordinating,
            status: referral,
            consent: vec![],
            due_on: None,
            confidentiality: None,
        }],
    })
}

fn main() -> Result<(), Box<dyn Error>> {
    let mut lines = REGISTER.lines();
    let header = fields(lines.next().ok_or("the register is empty")?);
    let row = fields(lines.next().ok_or("the register has no row")?);

    let siti = Actor::new("w:siti", ActorKind::SocialWorker)?;
    let at = Utc.with_ymd_and_hms(2026, 3, 2, 9, 0, 0).unwrap();
    let opening = Opening {
        id: EngagementId::new(format!("pkh-{}", column(&header, &row, "no_register")?))?,
        client: ClientSystem {
            level: ClientSystemLevel::Family,
            name: column(&header, &row, "keluarga")?.into(),
        },
        team: vec![TeamMember {
            id: siti.id.clone(),
            kind: ActorKind::SocialWorker,
            name: "Siti Rahma".into(),
        }],
        policy: Policy::default(),
    };
    let mut engagement = Engagement::import(&siti, at, opening, case(&header, &row)?)?;
    println!(
        "imported {} at {} with {} need, {} resources, {} goal, {} referral in flight",
        engagement.id(),
        engagement.stage().map_or("closed", Stage::as_str),
        engagement.open_needs().count(),
        engagement.resources().len(),
        engagement.plan().goals.len(),
        engagement.referrals_in_flight().count(),
    );

    // The work goes on from there: the first home visit since the register.
    engagement.execute(
        &siti,
        at + chrono::TimeDelta::days(1),
        Command::RecordNote {
            kind: ContactKind::HomeVisit,
            participants: vec!["Ibu Sari".into(), "Ani".into()],
            text: "Ani went to school twice this week".into(),
            concerns: vec![RecordRef::Need(NeedId(1))],
        },
    )?;
    let events = engagement.take_pending();
    for recorded in &events {
        println!("event {}: {}", recorded.seq, recorded.event.name());
    }
    let replayed = Engagement::replay(events)?;
    assert_eq!(replayed, engagement);
    println!("replayed: the same engagement");
    Ok(())
}
