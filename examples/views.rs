//! What each member of a family's team may read: a need about schooling everyone reads, a
//! health need (confidential by default), a protection concern the worker restricts, and a
//! referral the mother consented to. Prints each member's view and the eco-map a donor's
//! screen would draw.
//!
//! ```text
//! cargo run --example views
//! ```

use chrono::{DateTime, TimeDelta, TimeZone, Utc};
use pendamping::ecomap::EcoMap;
use pendamping::{
    Actor, ActorKind, ClientSystem, ClientSystemLevel, Command, Confidentiality, Engagement,
    EngagementId, Function, Lang, ManagementMode, Opening, Policy, Priority, Provider, ReferralId,
    ResourceId, ResourceKind, Role, TeamMember,
};
use std::error::Error;

fn at(hours: i64) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 3, 2, 9, 0, 0).unwrap() + TimeDelta::hours(hours)
}

fn need(domain: &str, description: &str, level: Option<Confidentiality>) -> Command {
    Command::RecordNeed {
        domain: domain.into(),
        description: description.into(),
        priority: Priority::High,
        confidentiality: level,
    }
}

fn main() -> Result<(), Box<dyn Error>> {
    let people = [
        ("w:siti", ActorKind::SocialWorker, "Siti"),
        ("c:sari", ActorKind::ClientMember, "Ibu Sari"),
        ("c:joko", ActorKind::ClientMember, "Pak Joko"),
        ("a:puskesmas", ActorKind::Agency, "Puskesmas Sukamaju"),
        ("d:zakat", ActorKind::Donor, "Lembaga Zakat"),
    ];
    let mut team = Vec::new();
    let mut actors = Vec::new();
    for (id, kind, name) in people {
        let actor = Actor::new(id, kind)?;
        team.push(TeamMember {
            id: actor.id.clone(),
            kind,
            name: name.into(),
        });
        actors.push(actor);
    }
    let (siti, sari) = (&actors[0], &actors[1]);
    let mut case = Engagement::open(
        siti,
        at(0),
        Opening {
            id: EngagementId::new("pkh-0142")?,
            client: ClientSystem {
                level: ClientSystemLevel::Family,
                name: "Keluarga Sari".into(),
            },
            team,
            policy: Policy::default(),
        },
    )?;
    let steps = [
        (siti, need("schooling", "Ani stopped going to school", None)),
        (
            siti,
            need("health", "The youngest does not hear well", None),
        ),
        (
            siti,
            need(
                "family",
                "The uncle threatens Ani",
                Some(Confidentiality::Restricted),
            ),
        ),
        (
            siti,
            Command::RecordResource {
                kind: ResourceKind::Social,
                description: "Hearing tests for children".into(),
                holder: Some("Puskesmas Sukamaju".into()),
                barriers: vec![],
                service: None,
                confidentiality: None,
            },
        ),
        (
            siti,
            Command::Refer {
                resource: ResourceId(1),
                provider: Provider::Partner {
                    id: actors[3].id.clone(),
                },
                mode: ManagementMode::Coordinating,
                function: Function::ResourceManagement,
                role: Role::Broker,
                interventions: vec![],
                note: Some("A hearing test for the youngest".into()),
                confidentiality: Some(Confidentiality::Confidential),
            },
        ),
        (
            sari,
            Command::GiveConsent {
                referral: ReferralId(1),
                on_behalf_of: None,
            },
        ),
    ];
    for (hour, (by, command)) in (1..).zip(steps) {
        case.execute(by, at(hour), command)?;
    }

    for actor in &actors {
        let view = case.view_for(actor)?;
        println!("{actor}");
        for need in &view.needs {
            println!("  need: {} ({})", need.description, need.level());
        }
        for referral in &view.referrals {
            println!(
                "  referral {} ({})",
                referral.id,
                case.referral_level(referral)
            );
        }
        if let Some(note) = view.hidden.describe(Lang::En) {
            println!("  {note}");
        }
    }
    let donor = case.view_for(&actors[4])?;
    println!(
        "\nThe donor's eco-map:\n{}",
        EcoMap::from_view(&donor).to_mermaid(Lang::En)
    );
    Ok(())
}
