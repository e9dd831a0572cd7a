//! The words refusals are written with: each command's label (what a worker was trying to do)
//! and the field names commands use, in English and Indonesian.

use crate::Lang;

/// Each command's name with its English and Indonesian label (what a worker was trying to do).
const COMMANDS: &[(&str, &str, &str)] = &[
    ("open", "open the case", "membuka kasus"),
    (
        "reassign_worker",
        "reassign the worker",
        "mengganti pekerja sosial",
    ),
    ("add_member", "add a team member", "menambah anggota tim"),
    (
        "remove_member",
        "remove a team member",
        "mengeluarkan anggota tim",
    ),
    ("change_policy", "change the policy", "mengubah kebijakan"),
    ("record_need", "record a need", "mencatat kebutuhan"),
    ("record_resource", "record a resource", "mencatat sumber"),
    (
        "mark_need_met",
        "mark a need as met",
        "menandai kebutuhan terpenuhi",
    ),
    ("defer_need", "defer a need", "menunda kebutuhan"),
    ("add_goal", "add a goal", "menambah tujuan"),
    (
        "set_goal_status",
        "change a goal's status",
        "mengubah status tujuan",
    ),
    (
        "add_intervention",
        "add an intervention",
        "menambah intervensi",
    ),
    ("revise_plan", "revise the plan", "merevisi rencana"),
    ("agree_to_plan", "agree to the plan", "menyepakati rencana"),
    (
        "request_plan_approval",
        "ask for the plan's approval",
        "meminta persetujuan rencana",
    ),
    (
        "decide_plan_approval",
        "decide on the plan",
        "memutuskan persetujuan rencana",
    ),
    ("record_activity", "record an activity", "mencatat kegiatan"),
    (
        "add_contribution",
        "add a contribution",
        "menambah kontribusi",
    ),
    ("refer", "make a referral", "membuat rujukan"),
    ("give_consent", "give consent", "memberi izin"),
    ("withdraw_consent", "withdraw consent", "menarik izin"),
    (
        "set_referral_status",
        "update a referral",
        "memperbarui status rujukan",
    ),
    (
        "record_evaluation",
        "record an evaluation",
        "mencatat evaluasi",
    ),
    ("move_to_stage", "move to another stage", "berpindah tahap"),
    ("hold", "put the case on hold", "menunda kasus"),
    ("resume", "resume the case", "melanjutkan kembali kasus"),
    (
        "record_termination_summary",
        "write the termination summary",
        "menulis ringkasan pengakhiran",
    ),
    (
        "request_closure_approval",
        "ask for approval to close",
        "meminta persetujuan penutupan",
    ),
    (
        "decide_closure_approval",
        "decide on closing",
        "memutuskan persetujuan penutupan",
    ),
    ("close", "close the case", "menutup kasus"),
    ("reopen", "reopen the case", "membuka kembali kasus"),
    (
        "record_follow_up",
        "record a follow-up",
        "mencatat tindak lanjut",
    ),
    (
        "add_evaluation_view",
        "add a view of an evaluation",
        "menambah pandangan atas evaluasi",
    ),
    (
        "record_surrounding_resource",
        "record a resource in the surroundings",
        "mencatat sumber di lingkungan sekitar",
    ),
    (
        "give_scoped_consent",
        "give consent to the engagement or a disclosure",
        "memberi izin pendampingan atau berbagi catatan",
    ),
    (
        "withdraw_scoped_consent",
        "withdraw consent to the engagement or a disclosure",
        "menarik izin pendampingan atau berbagi catatan",
    ),
    // Issue 14: the everyday record.
    (
        "record_note",
        "record a case note",
        "mencatat catatan kasus",
    ),
    ("amend", "amend a record", "mengoreksi catatan"),
    ("retract", "retract a record", "menarik catatan"),
    ("set_due_date", "set a due date", "menetapkan tenggat"),
    (
        "attach_document",
        "attach a document",
        "melampirkan dokumen",
    ),
    (
        "request_transfer",
        "ask for a transfer",
        "meminta pengalihan kasus",
    ),
    (
        "accept_transfer",
        "accept a transfer",
        "menerima pengalihan kasus",
    ),
    (
        "decline_transfer",
        "decline a transfer",
        "menolak pengalihan kasus",
    ),
    ("import", "import a case", "mengimpor kasus"),
    (
        "consent_to_transfer",
        "consent to a transfer",
        "memberi izin pengalihan kasus",
    ),
    // Issue 12: erasure.
    ("erase", "erase personal text", "menghapus teks pribadi"),
];

/// Field names as commands know them, with their Indonesian words.
const FIELDS: &[(&str, &str)] = &[
    ("action", "tindakan"),
    ("action steps", "langkah tindakan"),
    ("accessibility", "aksesibilitas"),
    ("addresses", "kebutuhan yang dituju"),
    ("barriers", "hambatan"),
    ("client contribution", "kontribusi klien"),
    ("client name", "nama klien"),
    ("capacity", "kapasitas"),
    ("comment", "komentar"),
    ("cost", "biaya"),
    ("description", "deskripsi"),
    ("domain", "bidang"),
    ("educators", "pendidik"),
    ("eligibility", "persyaratan"),
    ("grants", "pemberian izin"),
    ("holder", "pemegang sumber"),
    ("interventions", "intervensi"),
    ("languages", "bahasa"),
    ("learners", "peserta didik"),
    ("location", "lokasi"),
    ("member name", "nama anggota"),
    ("note", "catatan"),
    ("notes", "catatan"),
    ("options", "pilihan"),
    ("organisation", "organisasi"),
    ("outcome", "hasil"),
    ("participants", "peserta"),
    ("parties", "para pihak"),
    ("prevention focus", "fokus pencegahan"),
    ("provider name", "nama penyedia layanan"),
    ("ratings", "penilaian"),
    ("reading", "akses baca"),
    ("reason", "alasan"),
    ("revocations", "pencabutan izin"),
    ("risk", "risiko"),
    ("schedule", "jadwal"),
    ("scale level", "tingkat skala"),
    ("scores", "skor"),
    ("serves", "tujuan yang dilayani"),
    ("service", "layanan"),
    ("summary", "ringkasan"),
    ("target system", "sistem sasaran"),
    ("team", "tim"),
    ("text", "teks"),
    ("topic", "topik"),
    ("uses", "sumber yang digunakan"),
    ("worker contribution", "kontribusi pekerja sosial"),
    // Issue 14: the everyday record.
    ("at", "waktu"),
    ("concerns", "catatan terkait"),
    ("due_on", "tenggat"),
    ("title", "judul"),
    ("system", "sistem asal"),
    ("reference", "nomor rujukan"),
    ("needs", "kebutuhan"),
    ("resources", "sumber"),
    ("goals", "tujuan"),
    ("referrals", "rujukan"),
    ("priority", "prioritas"),
];

/// What a worker was trying to do, in words; the command's name when it is not known.
#[must_use]
pub fn command_label(command: &str, lang: Lang) -> &str {
    COMMANDS
        .iter()
        .find(|(name, ..)| *name == command)
        .map_or(command, |&(_, en, id)| pick(lang, en, id))
}

pub(super) fn field(name: &'static str, lang: Lang) -> &'static str {
    match lang {
        Lang::Id => FIELDS
            .iter()
            .find(|(en, _)| *en == name)
            .map_or(name, |&(_, id)| id),
        _ => name,
    }
}

pub(super) fn pick<'a>(lang: Lang, en: &'a str, id: &'a str) -> &'a str {
    match lang {
        Lang::Id => id,
        _ => en,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_command_has_labels() {
        let names: Vec<&str> = COMMANDS.iter().map(|(n, ..)| *n).collect();
        for name in &names {
            assert_ne!(command_label(name, Lang::En), *name);
            assert_ne!(command_label(name, Lang::Id), *name);
        }
        assert_eq!(
            command_label("no_such_command", Lang::Id),
            "no_such_command"
        );
    }

    #[test]
    fn indonesian_field_names_cover_the_common_fields() {
        assert_eq!(field("description", Lang::Id), "deskripsi");
        assert_eq!(field("description", Lang::En), "description");
        assert_eq!(field("unlisted", Lang::Id), "unlisted");
    }
}
