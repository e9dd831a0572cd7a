//! Stable names and labels for the enums a form or report shows that are not plain
//! vocabularies: the ones that carry data (a need's status, a resource's holder, ...) and the
//! permissions. Each has `as_str` (its serde tag value) and `label(Lang)`, read from one table
//! per enum, which the catalogue and label files read too.

use crate::Lang;
use crate::engagement::{
    ActivityDetail, Approval, Holder, NeedStatus, Permission, Provider, ReferralSide, Responsible,
};

/// One term of a table: the stable name and its English and Indonesian labels.
pub(crate) type Term = (&'static str, &'static str, &'static str);

/// The label of `name` in `table`, in `lang`; the name itself when the table lacks it (a test
/// checks that every variant is in its table).
pub(crate) fn label_in(table: &[Term], name: &str, lang: Lang) -> &'static str {
    table
        .iter()
        .find(|(n, ..)| *n == name)
        .map_or("", |&(_, en, id)| match lang {
            Lang::Id => id,
            Lang::En => en,
        })
}

pub(crate) const PERMISSION: &[Term] = &[
    ("practice", "Practice", "Praktik"),
    ("approve", "Approval", "Memberi persetujuan"),
    ("manage_team", "Team management", "Mengelola tim"),
    ("client_voice", "Client voice", "Suara klien"),
    ("provider_update", "Provider update", "Pembaruan penyedia"),
    ("propose_need", "Propose a need", "Mengusulkan kebutuhan"),
    (
        "record_own_strength",
        "Record own strength",
        "Mencatat kekuatan sendiri",
    ),
    ("propose_goal", "Propose a goal", "Mengusulkan tujuan"),
    (
        "contribute_to_design",
        "Contribute to design",
        "Berkontribusi pada perancangan",
    ),
    (
        "contribute_to_implementation",
        "Contribute to implementation",
        "Berkontribusi pada pelaksanaan",
    ),
    (
        "contribute_to_evaluation",
        "Contribute to evaluation",
        "Berkontribusi pada evaluasi",
    ),
    (
        "agree_for_community",
        "Agree for the community",
        "Menyepakati atas nama masyarakat",
    ),
];

pub(crate) const NEED_STATUS: &[Term] = &[
    ("open", "Open", "Terbuka"),
    ("met", "Met", "Terpenuhi"),
    ("deferred", "Deferred", "Ditunda"),
];

pub(crate) const HOLDER: &[Term] = &[
    (
        "client",
        "The client system (a strength)",
        "Sistem klien (kekuatan)",
    ),
    (
        "external",
        "Outside the client system",
        "Di luar sistem klien",
    ),
    (
        "surroundings",
        "The client system's surroundings (a strength when nothing bars it)",
        "Lingkungan sekitar sistem klien (kekuatan bila tidak terhalang)",
    ),
];

pub(crate) const RESPONSIBLE: &[Term] = &[
    ("worker", "The worker", "Pekerja sosial"),
    ("client", "The client system", "Sistem klien"),
    (
        "joint",
        "Worker and client together",
        "Pekerja sosial dan klien bersama",
    ),
    ("partner", "A partner on the team", "Mitra dalam tim"),
];

pub(crate) const APPROVAL: &[Term] = &[
    ("not_requested", "Not requested", "Belum diminta"),
    ("requested", "Requested", "Diminta"),
    ("approved", "Approved", "Disetujui"),
    ("rejected", "Rejected", "Ditolak"),
    ("lapsed", "Lapsed", "Gugur"),
];

pub(crate) const REFERRAL_SIDE: &[Term] = &[
    ("requester", "Requester", "Pihak perujuk"),
    ("provider", "Provider", "Penyedia layanan"),
];

pub(crate) const PROVIDER: &[Term] = &[
    (
        "partner",
        "A partner agency on the team",
        "Lembaga mitra dalam tim",
    ),
    (
        "external",
        "A provider outside the system",
        "Penyedia layanan di luar sistem",
    ),
];

pub(crate) const ACTIVITY_KIND: &[Term] = &[
    ("consultation", "Consultation", "Konsultasi"),
    ("linkage", "Linkage", "Penghubungan dengan sumber"),
    ("education", "Education session", "Sesi pendidikan"),
    ("mediation", "Mediation", "Mediasi"),
    ("advocacy", "Advocacy", "Advokasi"),
    ("protection", "Protection", "Perlindungan"),
];

/// `as_str` and `label` for an enum from its table.
macro_rules! named {
    ($ty:ty, $table:ident, $doc:literal, |$s:ident| $name:expr) => {
        impl $ty {
            #[doc = concat!("The stable `snake_case` name of the ", $doc, " (its serde tag value).")]
            #[must_use]
            pub const fn as_str(&self) -> &'static str {
                let $s = self;
                $name
            }

            #[doc = concat!("The label a worker reads for the ", $doc, ", in English or Indonesian.")]
            #[must_use]
            pub fn label(&self, lang: Lang) -> &'static str {
                label_in($table, self.as_str(), lang)
            }
        }
    };
}

named!(NeedStatus, NEED_STATUS, "need's status", |s| match s {
    NeedStatus::Open => "open",
    NeedStatus::Met { .. } => "met",
    NeedStatus::Deferred { .. } => "deferred",
});
named!(Holder, HOLDER, "resource's holder", |s| match s {
    Holder::Client => "client",
    Holder::External { .. } => "external",
    Holder::Surroundings { .. } => "surroundings",
});
named!(Responsible, RESPONSIBLE, "party responsible", |s| match s {
    Responsible::Worker => "worker",
    Responsible::Client => "client",
    Responsible::Joint => "joint",
    Responsible::Partner(_) => "partner",
});
named!(Approval, APPROVAL, "approval's state", |s| match s {
    Approval::NotRequested => "not_requested",
    Approval::Requested { .. } => "requested",
    Approval::Approved { .. } => "approved",
    Approval::Rejected { .. } => "rejected",
    Approval::Lapsed { .. } => "lapsed",
});
named!(Provider, PROVIDER, "provider's kind", |s| match s {
    Provider::Partner { .. } => "partner",
    Provider::External { .. } => "external",
});
named!(
    ActivityDetail,
    ACTIVITY_KIND,
    "activity's kind",
    |s| match s {
        ActivityDetail::Consultation { .. } => "consultation",
        ActivityDetail::Linkage { .. } => "linkage",
        ActivityDetail::Education { .. } => "education",
        ActivityDetail::Mediation { .. } => "mediation",
        ActivityDetail::Advocacy { .. } => "advocacy",
        ActivityDetail::Protection { .. } => "protection",
    }
);
named!(
    ReferralSide,
    REFERRAL_SIDE,
    "referral's side",
    |s| match s {
        ReferralSide::Requester => "requester",
        ReferralSide::Provider => "provider",
    }
);

impl Permission {
    /// The label a worker reads for the permission, in English or Indonesian.
    ///
    /// ```
    /// use pendamping::{Lang, Permission};
    /// assert_eq!(Permission::ClientVoice.label(Lang::Id), "Suara klien");
    /// ```
    #[must_use]
    pub fn label(self, lang: Lang) -> &'static str {
        label_in(PERMISSION, self.as_str(), lang)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engagement::ActorId;
    use chrono::DateTime;

    /// Every value's name is in its table (so no label is ever empty) and is its serde tag.
    #[test]
    fn every_variant_has_a_row_and_the_name_is_the_serde_tag() {
        let by = ActorId::new("s:1").unwrap();
        let at = DateTime::UNIX_EPOCH;
        let tag = |v: serde_json::Value, member: &str| -> String {
            match &v {
                serde_json::Value::String(s) => s.clone(),
                _ => v[member].as_str().unwrap().to_owned(),
            }
        };
        let check = |table: &[Term], name: &str, serde: String| {
            assert_eq!(name, serde);
            assert!(!label_in(table, name, Lang::En).is_empty(), "{name}");
            assert!(!label_in(table, name, Lang::Id).is_empty(), "{name}");
        };
        for v in [
            NeedStatus::Open,
            NeedStatus::Met { note: None },
            NeedStatus::Deferred { reason: "x".into() },
        ] {
            check(
                NEED_STATUS,
                v.as_str(),
                tag(serde_json::to_value(&v).unwrap(), "status"),
            );
        }
        for v in [
            Holder::Client,
            Holder::External { name: "x".into() },
            Holder::Surroundings {
                name: "x".into(),
                around: crate::engagement::Surrounding::Neighbour,
            },
        ] {
            check(
                HOLDER,
                v.as_str(),
                tag(serde_json::to_value(&v).unwrap(), "holder"),
            );
        }
        for v in [
            Responsible::Worker,
            Responsible::Client,
            Responsible::Joint,
            Responsible::Partner(by.clone()),
        ] {
            check(
                RESPONSIBLE,
                v.as_str(),
                tag(serde_json::to_value(&v).unwrap(), "party"),
            );
        }
        for v in [
            Approval::NotRequested,
            Approval::Requested {
                by: by.clone(),
                at,
                comment: None,
            },
            Approval::Approved {
                by: by.clone(),
                at,
                comment: None,
            },
            Approval::Rejected {
                by: by.clone(),
                at,
                comment: None,
            },
            Approval::Lapsed { by: by.clone(), at },
        ] {
            check(
                APPROVAL,
                v.as_str(),
                tag(serde_json::to_value(&v).unwrap(), "state"),
            );
        }
        for v in [
            Provider::Partner { id: by.clone() },
            Provider::External { name: "x".into() },
        ] {
            check(
                PROVIDER,
                v.as_str(),
                tag(serde_json::to_value(&v).unwrap(), "provider"),
            );
        }
        for v in [ReferralSide::Requester, ReferralSide::Provider] {
            check(
                REFERRAL_SIDE,
                v.as_str(),
                tag(serde_json::to_value(v).unwrap(), ""),
            );
        }
        for &p in Permission::ALL {
            check(
                PERMISSION,
                p.as_str(),
                tag(serde_json::to_value(p).unwrap(), ""),
            );
        }
        assert_eq!(PERMISSION.len(), Permission::ALL.len());
    }
}
