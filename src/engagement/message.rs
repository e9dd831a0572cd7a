//! Refusals in the worker's language.
//!
//! `Display` on [`Rejection`] and [`Problem`] gives a stable English text for logs and tests.
//! What a worker reads in the field app comes from `message(Lang)`: the same facts, with the
//! command and fields named in words, in English or Indonesian.

use crate::engagement::words::{command_label, field, pick};
use crate::engagement::{Permission, Problem, RecordRef};
use crate::lifecycle::{Status, TransitionError};
use crate::{Lang, NotPermittedBecause, Rejection};

impl Rejection {
    /// The refusal as a worker reads it, in English or Indonesian.
    ///
    /// ```
    /// use pendamping::{Lang, Problem, Rejection};
    ///
    /// let refusal = Rejection::Refused {
    ///     command: "move_to_stage",
    ///     problems: vec![Problem::NoOpenNeed, Problem::NoStrength],
    /// };
    /// assert_eq!(
    ///     refusal.message(Lang::Id),
    ///     "tidak bisa berpindah tahap: catat paling sedikit satu kebutuhan yang masih terbuka; \
    ///      catat paling sedikit satu kekuatan: sumber yang dimiliki sistem klien sendiri, atau \
    ///      yang disediakan baginya oleh masyarakat, tetangga atau kelompok di sekitarnya"
    /// );
    /// assert_eq!(
    ///     refusal.message(Lang::En),
    ///     "cannot move to another stage: record at least one open need; \
    ///      record at least one strength: a resource of the client system's own, or one its \
    ///      community, a neighbour or a group makes available to it"
    /// );
    /// ```
    #[must_use]
    pub fn message(&self, lang: Lang) -> String {
        match self {
            Self::NotPermitted {
                actor,
                command,
                why,
            } => format!(
                "{} {} {}: {}",
                actor.id,
                pick(lang, "may not", "tidak boleh"),
                command_label(command, lang),
                why.message(lang)
            ),
            Self::Refused { command, problems } => format!(
                "{} {}: {}",
                pick(lang, "cannot", "tidak bisa"),
                command_label(command, lang),
                problems
                    .iter()
                    .map(|p| p.message(lang))
                    .collect::<Vec<_>>()
                    .join("; ")
            ),
        }
    }
}

impl NotPermittedBecause {
    /// Why not, in English or Indonesian.
    #[must_use]
    pub fn message(&self, lang: Lang) -> String {
        match (self, lang) {
            (Self::NotOnTeam, Lang::Id) => "tidak termasuk dalam tim kasus ini".to_owned(),
            (Self::Policy { kind, permission }, Lang::Id) => format!(
                "kebijakan tidak memberi {} izin {}",
                kind.label(lang).to_lowercase(),
                permission_label(*permission, lang)
            ),
            (Self::NotAnOpener, Lang::Id) => {
                "hanya pekerja sosial atau supervisor dalam tim yang dapat membuka kasus".to_owned()
            }
            (Self::OtherProvider, Lang::Id) => {
                "rujukan ini ditujukan kepada penyedia layanan lain".to_owned()
            }
            _ => self.to_string(),
        }
    }
}

fn permission_label(permission: Permission, lang: Lang) -> &'static str {
    match permission {
        Permission::Practice => pick(lang, "practice", "praktik"),
        Permission::Approve => pick(lang, "approval", "memberi persetujuan"),
        Permission::ManageTeam => pick(lang, "team management", "mengelola tim"),
        Permission::ClientVoice => pick(lang, "client voice", "suara klien"),
        Permission::ProviderUpdate => pick(lang, "provider update", "pembaruan penyedia"),
        Permission::ProposeNeed => pick(lang, "propose a need", "mengusulkan kebutuhan"),
        Permission::RecordOwnStrength => {
            pick(lang, "record own strength", "mencatat kekuatan sendiri")
        }
        Permission::ProposeGoal => pick(lang, "propose a goal", "mengusulkan tujuan"),
        Permission::ContributeToDesign => pick(
            lang,
            "contribute to design",
            "berkontribusi pada perancangan",
        ),
        Permission::ContributeToImplementation => pick(
            lang,
            "contribute to implementation",
            "berkontribusi pada pelaksanaan",
        ),
        Permission::ContributeToEvaluation => pick(
            lang,
            "contribute to evaluation",
            "berkontribusi pada evaluasi",
        ),
        Permission::AgreeForCommunity => pick(
            lang,
            "agree for the community",
            "menyepakati atas nama masyarakat",
        ),
        Permission::Erase => pick(lang, "erasure", "penghapusan"),
    }
}

fn record(r: &RecordRef, lang: Lang) -> String {
    if lang != Lang::Id {
        return r.to_string();
    }
    let (word, n) = match r {
        RecordRef::Need(id) => ("kebutuhan", id.0),
        RecordRef::Resource(id) => ("sumber", id.0),
        RecordRef::Goal(id) => ("tujuan", id.0),
        RecordRef::Intervention(id) => ("intervensi", id.0),
        RecordRef::Activity(id) => ("kegiatan", id.0),
        RecordRef::Referral(id) => ("rujukan", id.0),
        RecordRef::Evaluation(id) => ("evaluasi", id.0),
        RecordRef::Plan(id) => ("rencana versi", id.0),
        RecordRef::Note(id) => ("catatan kasus", id.0),
    };
    format!("{word} {n}")
}

fn status(s: Status, lang: Lang) -> String {
    s.label(lang).to_lowercase()
}

/// Indonesian text for a transition error (English is its `Display`).
fn transition(error: &TransitionError, lang: Lang) -> String {
    match (error, lang) {
        (TransitionError::Illegal { from, to }, Lang::Id) => {
            let targets: Vec<String> = error.allowed().map(|s| status(s, lang)).collect();
            format!(
                "tidak bisa berpindah dari {} ke {}: yang mungkin hanya {}",
                status(*from, lang),
                status(*to, lang),
                if targets.is_empty() {
                    "tidak ada".to_owned()
                } else {
                    targets.join(", ")
                }
            )
        }
        (TransitionError::TimeWentBack { at, last }, Lang::Id) => {
            format!("waktu mundur: {at} lebih awal dari perubahan terakhir pada {last}")
        }
        _ => error.to_string(),
    }
}

impl Problem {
    /// The problem as a worker reads it, in English (its `Display`) or Indonesian.
    ///
    /// ```
    /// use pendamping::{Lang, NeedId, Problem};
    ///
    /// let p = Problem::NeedWithoutGoal { need: NeedId(2) };
    /// assert_eq!(p.message(Lang::En), "need 2 is open with no goal: add a goal for it or defer it");
    /// assert_eq!(
    ///     p.message(Lang::Id),
    ///     "kebutuhan 2 masih terbuka tanpa tujuan: tambahkan tujuan untuknya atau tunda kebutuhan itu"
    /// );
    /// ```
    #[must_use]
    pub fn message(&self, lang: Lang) -> String {
        if lang != Lang::Id {
            return self.to_string();
        }
        let r = |r: RecordRef| record(&r, lang);
        match self {
            Self::EmptyText { field: f } => format!("{} kosong", field(f, lang)),
            Self::TextTooLong {
                field: f,
                chars,
                max,
            } => {
                format!(
                    "{} berisi {chars} karakter, lebih dari {max}",
                    field(f, lang)
                )
            }
            Self::ControlCharacter { field: f, code } => {
                format!("{} berisi karakter kontrol U+{code:04X}", field(f, lang))
            }
            Self::EmptyList { field: f } => {
                format!("{} perlu diisi paling sedikit satu", field(f, lang))
            }
            Self::TooMany {
                field: f,
                count,
                max,
            } => format!("{} berisi {count} entri, lebih dari {max}", field(f, lang)),
            Self::Unknown(what) => format!("{} tidak ada", record(what, lang)),
            Self::NeedNotOpen { need } => {
                format!("{} sudah tidak terbuka", r(RecordRef::Need(*need)))
            }
            Self::Repeated(what) => format!("{} disebut dua kali", record(what, lang)),
            Self::DuplicateMember { id } => format!("{id} sudah ada dalam tim"),
            Self::NotOnTeam { id } => format!("{id} tidak ada dalam tim"),
            Self::WrongMemberKind {
                id,
                expected,
                found,
            } => format!(
                "{id} adalah {}, bukan {}",
                found.label(lang).to_lowercase(),
                expected.label(lang).to_lowercase()
            ),
            Self::NoWorker => "tim memerlukan seorang pekerja sosial".to_owned(),
            Self::LastWorker { id } => {
                format!(
                    "{id} satu-satunya pekerja sosial: tambahkan atau tugaskan yang lain dahulu"
                )
            }
            Self::NoApprover => "kebijakan meminta persetujuan, tetapi tidak ada anggota tim yang \
                 boleh menyetujui: tambahkan seorang supervisor dahulu"
                .to_owned(),
            Self::LastApprover { id } => format!(
                "{id} satu-satunya anggota yang boleh menyetujui, dan kebijakan meminta \
                 persetujuan: tambahkan yang lain dahulu"
            ),
            Self::TimeWentBack { at, last } => {
                format!("waktu {at} lebih awal dari catatan terakhir pada {last}")
            }
            Self::Closed => {
                "kasus sudah ditutup: hanya tindak lanjut dan pembukaan kembali yang bisa dilakukan"
                    .to_owned()
            }
            Self::NotClosed => "kasus belum ditutup".to_owned(),
            Self::OnHold => "kasus sedang ditunda: lanjutkan kembali dahulu".to_owned(),
            Self::NotOnHold => "kasus tidak sedang ditunda".to_owned(),
            Self::WrongStage { allowed, current } => format!(
                "ini dilakukan pada tahap {}, sedangkan kasus berada pada tahap {}",
                allowed
                    .iter()
                    .map(|s| s.label(lang).to_lowercase())
                    .collect::<Vec<_>>()
                    .join(" atau "),
                current.label(lang).to_lowercase()
            ),
            Self::Transition(error) => transition(error, lang),
            Self::NoOpenNeed => "catat paling sedikit satu kebutuhan yang masih terbuka".to_owned(),
            Self::NoStrength => "catat paling sedikit satu kekuatan: sumber yang dimiliki sistem \
                 klien sendiri, atau yang disediakan baginya oleh masyarakat, tetangga atau \
                 kelompok di sekitarnya"
                .to_owned(),
            Self::NoGoal { plan } => {
                format!(
                    "tambahkan paling sedikit satu tujuan pada {}",
                    r(RecordRef::Plan(*plan))
                )
            }
            Self::NoIntervention { plan } => format!(
                "tambahkan paling sedikit satu intervensi yang melayani tujuan {}",
                r(RecordRef::Plan(*plan))
            ),
            Self::NeedWithoutGoal { need } => format!(
                "{} masih terbuka tanpa tujuan: tambahkan tujuan untuknya atau tunda kebutuhan itu",
                r(RecordRef::Need(*need))
            ),
            Self::NotAgreed { plan } => {
                format!(
                    "sistem klien belum menyepakati {}",
                    r(RecordRef::Plan(*plan))
                )
            }
            Self::NotApproved { plan } => format!("{} belum disetujui", r(RecordRef::Plan(*plan))),
            Self::PlanFrozen { plan } => format!(
                "{} sudah disepakati: revisi rencana untuk mengubahnya",
                r(RecordRef::Plan(*plan))
            ),
            Self::AwaitingApproval { plan } => format!(
                "{} sedang menunggu persetujuan: tidak bisa diubah sampai diputuskan",
                r(RecordRef::Plan(*plan))
            ),
            Self::PlanApproved { plan } => format!(
                "{} sudah disetujui: revisi rencana untuk mengubahnya",
                r(RecordRef::Plan(*plan))
            ),
            Self::NotCurrentPlan { given, current } => format!(
                "{} bukan rencana yang berlaku ({})",
                r(RecordRef::Plan(*given)),
                r(RecordRef::Plan(*current))
            ),
            Self::GoalNotInPlan { goal, plan } => format!(
                "{} tidak termasuk dalam {}",
                r(RecordRef::Goal(*goal)),
                r(RecordRef::Plan(*plan))
            ),
            Self::AlreadyAgreed { member, plan } => {
                format!("{member} sudah menyepakati {}", r(RecordRef::Plan(*plan)))
            }
            Self::ZeroWeight => {
                "skala pencapaian tujuan memerlukan bobot paling sedikit 1".to_owned()
            }
            Self::EmptyScaleLevel { level } => {
                format!("tingkat {level} pada skala pencapaian kosong")
            }
            Self::NoApprovalRequested => "belum ada permintaan persetujuan".to_owned(),
            Self::ApprovalAlready { state } => format!(
                "persetujuan sudah {}",
                if *state == "approved" {
                    "diberikan"
                } else {
                    "diminta"
                }
            ),
            Self::NoActivity => {
                "catat paling sedikit satu kegiatan sejak penerapan dimulai".to_owned()
            }
            Self::NoEvaluation => "catat evaluasi pada tahap evaluasi ini".to_owned(),
            Self::DecisionMismatch { decision, to } => format!(
                "evaluasi memutuskan \"{}\", bukan pindah ke tahap {}",
                decision.label(lang).to_lowercase(),
                to.label(lang).to_lowercase()
            ),
            Self::ReviewBeforeHold { review_on } => {
                format!("tanggal peninjauan {review_on} lebih awal dari mulainya penundaan")
            }
            Self::ReasonRequired => "berikan alasan".to_owned(),
            Self::TerminationReasonRequired => "berikan alasan pengakhiran".to_owned(),
            Self::TerminationReasonUnexpected => {
                "alasan pengakhiran hanya diberikan saat pindah ke tahap pengakhiran".to_owned()
            }
            Self::NotPlannedEnding { reason } => format!(
                "\"{}\" bukan pengakhiran terencana: evaluasi berujung pada tujuan tercapai atau tercapai sebagian",
                reason.label(lang).to_lowercase()
            ),
            Self::NotEarlyEnding { reason } => format!(
                "\"{}\" adalah pengakhiran terencana, dicapai melalui evaluasi",
                reason.label(lang).to_lowercase()
            ),
            Self::NoSummary => "tulis ringkasan pengakhiran".to_owned(),
            Self::ReferralsInFlight { referrals } => format!(
                "rujukan masih berjalan: {}",
                referrals
                    .iter()
                    .map(|&id| r(RecordRef::Referral(id)))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
            Self::ClosureNotApproved => "penutupan kasus belum disetujui".to_owned(),
            Self::NoConsent { referral } => format!(
                "belum ada anggota sistem klien yang memberi izin untuk {}",
                r(RecordRef::Referral(*referral))
            ),
            Self::ConsentState {
                member,
                referral,
                given,
            } => format!(
                "{member} {} memberi izin untuk {}",
                if *given { "sudah" } else { "belum" },
                r(RecordRef::Referral(*referral))
            ),
            Self::ReferralMove { referral, from, to } => format!(
                "{} tidak bisa berpindah dari {} ke {}",
                r(RecordRef::Referral(*referral)),
                from.label(lang).to_lowercase(),
                to.label(lang).to_lowercase()
            ),
            Self::OwnResource { resource } => format!(
                "{} milik sistem klien sendiri: tidak perlu rujukan",
                r(RecordRef::Resource(*resource))
            ),
            Self::NoContributionHere { activity } => format!(
                "{} bukan konsultasi atau sesi pendidikan",
                r(RecordRef::Activity(*activity))
            ),
            Self::ServiceOnStrength => {
                "rincian layanan hanya untuk sumber yang dipegang pihak di luar sistem klien"
                    .to_owned()
            }
            Self::Inconsistent { detail } => format!("catatan kasus tidak konsisten: {detail}"),
            Self::LinkageNotRecordedHere => {
                "catat penghubungan dengan sumber melalui perintah rujukan".to_owned()
            }
            Self::NotOwnCommitment { by } => format!(
                "{by} hanya menambahkan ke rencana apa yang dikerjakannya sendiri: sebut {by} \
                 sebagai penanggung jawab"
            ),
            Self::ScopedConsentState {
                member,
                scope,
                given,
            } => format!(
                "{member} {} memberi izin untuk {}",
                if *given { "sudah" } else { "belum" },
                match scope {
                    crate::engagement::ConsentScope::Disclosure { organisation } => {
                        format!("berbagi catatan dengan {organisation}")
                    }
                    _ => "pendampingan ini".to_owned(),
                }
            ),
            Self::NoEngagementConsent => {
                "belum ada izin anggota sistem klien untuk pendampingan ini yang berlaku".to_owned()
            }
            Self::ConsentWithdrawn { referral } => format!(
                "izin untuk {} sudah ditarik: rujukan itu tidak bisa diterima",
                r(RecordRef::Referral(*referral))
            ),
            Self::FourEyes { id } => format!(
                "{id} yang meminta persetujuan ini: dengan prinsip empat mata, orang lain yang \
                 memutuskannya"
            ),
            Self::GoalMove { goal, from, to } => format!(
                "{} tidak bisa berpindah dari {} ke {}",
                r(RecordRef::Goal(*goal)),
                from.label(lang).to_lowercase(),
                to.label(lang).to_lowercase()
            ),
            Self::NotInClientSystem { id, kind } => format!(
                "{id} adalah {}, bukan bagian dari sistem klien: hanya anggotanya yang \
                 menyepakati atau memberi izin atas namanya",
                kind.label(lang).to_lowercase()
            ),
            Self::NotAmendable { record, member } => {
                format!(
                    "{} tidak punya {} untuk diubah",
                    r(*record),
                    field(member, lang)
                )
            }
            Self::NotCorrectable { record } => {
                format!("{} tidak bisa dikoreksi: revisi rencananya", r(*record))
            }
            Self::AlreadyRetracted { record } => format!("{} sudah ditarik", r(*record)),
            Self::Unchanged { record, member } => {
                format!("{} sudah memiliki {} ini", r(*record), field(member, lang))
            }
            Self::AtOutOfRange {
                at,
                opened,
                corrected,
            } => format!(
                "waktu koreksi {at} tidak di antara pembukaan kasus pada {opened} dan koreksi pada {corrected}"
            ),
            Self::FutureTime { at, now, allowance } => {
                format!("waktu {at} lebih dari {allowance} menit setelah jam aplikasi pada {now}")
            }
            Self::NoDueDate { record } => format!(
                "{} tidak memiliki tenggat: hanya tujuan, intervensi, dan rujukan yang memilikinya",
                r(*record)
            ),
            Self::DueBeforeToday {
                record,
                due_on,
                today,
            } => format!(
                "tenggat {due_on} untuk {} lebih awal dari hari penetapannya, {today}",
                r(*record)
            ),
            Self::InvalidMediaType { media_type } => {
                format!("{media_type:?} bukan jenis media seperti image/jpeg")
            }
            Self::InvalidDigest { sha256 } => {
                format!("{sha256:?} bukan ringkasan SHA-256 berupa 64 digit heksadesimal")
            }
            Self::DuplicateDocument { id } => format!("dokumen {id} sudah dilampirkan"),
            Self::TransferPending { to } => {
                format!("pengalihan kepada {to} masih menunggu jawaban")
            }
            Self::NoTransfer => "tidak ada pengalihan yang menunggu jawaban".to_owned(),
            Self::AlreadyLead { id } => format!("{id} sudah menjadi pekerja sosial utama"),
            Self::NoTransferConsent => {
                "belum ada anggota sistem klien yang memberi izin pengalihan kasus".to_owned()
            }
            Self::TransferConsentGiven { member } => {
                format!("{member} sudah memberi izin pengalihan kasus")
            }
            Self::ImportAfterRecords => {
                "kasus diimpor tepat setelah dibuka, sebelum ada catatan lain".to_owned()
            }
            Self::ImportStage { stage } => format!(
                "kasus diimpor ke tahap {}, bukan {}",
                crate::engagement::import::IMPORT_STAGES
                    .iter()
                    .map(|s| s.label(lang).to_lowercase())
                    .collect::<Vec<_>>()
                    .join(", "),
                stage.label(lang).to_lowercase()
            ),
            Self::ImportClosedReferral { referral } => format!(
                "{} sudah selesai: hanya rujukan yang masih berjalan yang diimpor",
                r(RecordRef::Referral(*referral))
            ),
            Self::ErasedMarker => format!(
                "sebuah teks berisi penanda terhapus {}, yang hanya boleh dimiliki teks yang telah dihapus",
                crate::engagement::ERASED
            ),
            Self::UnknownPerson { person } => {
                format!("tidak pernah ada teks dari {person} yang dicatat dalam kasus ini")
            }
            Self::NothingToErase { target } => format!(
                "{} tidak memiliki teks yang tersisa untuk dihapus",
                match target {
                    crate::engagement::ErasureTarget::Person(id) => format!("orang {id}"),
                    crate::engagement::ErasureTarget::Record(rec) => r(*rec),
                    _ => "sistem klien".to_owned(),
                }
            ),
        }
    }
}
