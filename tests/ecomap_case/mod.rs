//! The family whose engagement the eco-map tests draw.

use crate::builder::{Case, day, member};
use pendamping::{ActorKind, Barrier, Provider, ReferralStatus, ResourceKind};

/// A family with members, partners, strengths, resources and four referrals ending four ways.
pub(crate) fn family() -> Case {
    let mut case = Case::open(
        "fam-1",
        "Keluarga Sari",
        "Ibu Sari",
        vec![
            member("m:2", ActorKind::ClientMember, "Pak Budi"),
            member("c:1", ActorKind::CommunityRepresentative, "Ketua RT"),
            member("d:1", ActorKind::Donor, "Yayasan"),
            member("a:1", ActorKind::Agency, "Dinas Sosial"),
        ],
        day(0),
    );
    case.need(day(1));
    case.resource(
        day(1),
        ResourceKind::Personal,
        "Careful budgeting",
        None,
        vec![],
    );
    case.resource(
        day(1),
        ResourceKind::Interpersonal,
        "Neighbours' arisan",
        None,
        vec![],
    );
    let pkh = case.resource(
        day(1),
        ResourceKind::Social,
        "Cash transfer",
        Some("dinas sosial "),
        vec![Barrier::MissingDocuments],
    );
    case.resource(
        day(1),
        ResourceKind::Social,
        "Check-ups",
        Some("Puskesmas"),
        vec![Barrier::DistanceOrTransport],
    );
    case.resource(day(1), ResourceKind::Social, "Course", Some("BLK"), vec![]);
    let waiver = case.resource(
        day(1),
        ResourceKind::Social,
        "Fee waiver",
        Some("School"),
        vec![],
    );
    let loan = case.resource(
        day(1),
        ResourceKind::Social,
        "Loan",
        Some("Koperasi"),
        vec![],
    );
    let food = case.resource(
        day(1),
        ResourceKind::Social,
        "Food parcel",
        Some("Food bank"),
        vec![],
    );
    case.stage(day(2), pendamping::Stage::Planning);
    case.plan(day(3), 1);

    let agency = Provider::Partner {
        id: "a:1".parse().unwrap(),
    };
    let r1 = case.refer(day(4), pkh, agency);
    let dinsos = pendamping::Actor::new("a:1", ActorKind::Agency).unwrap();
    case.run_as(
        &dinsos,
        day(5),
        pendamping::Command::SetReferralStatus {
            referral: r1,
            status: ReferralStatus::Accepted,
            note: None,
        },
    );
    case.run_as(
        &dinsos,
        day(6),
        pendamping::Command::SetReferralStatus {
            referral: r1,
            status: ReferralStatus::Completed,
            note: None,
        },
    );
    let r2 = case.refer(
        day(7),
        waiver,
        Provider::External {
            name: "School".into(),
        },
    );
    case.referral_status(day(8), r2, ReferralStatus::Rejected);
    let r3 = case.refer(
        day(8),
        loan,
        Provider::External {
            name: "Koperasi".into(),
        },
    );
    case.referral_status(day(8), r3, ReferralStatus::Accepted);
    case.referral_status(day(9), r3, ReferralStatus::Failed);
    let r4 = case.refer(
        day(10),
        food,
        Provider::External {
            name: "Food bank".into(),
        },
    );
    case.referral_status(day(11), r4, ReferralStatus::Accepted);
    case
}
