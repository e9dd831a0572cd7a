//! Refusals read in the worker's language: every problem has an Indonesian text of its own, and
//! the English text is the stable `Display`.

use chrono::{TimeZone, Utc};
use pendamping::engagement::{ActivityId, EvaluationId, RecordRef};
use pendamping::{
    Actor, ActorId, ActorKind, Decision, GoalId, Lang, NeedId, NotPermittedBecause, Permission,
    PlanVersion, Problem, ReferralId, ReferralStatus, Rejection, ResourceId, Stage, Status,
    TerminationReason, TransitionError,
};

fn every_problem() -> Vec<Problem> {
    let id = ActorId::new("c:sari").unwrap();
    let at = Utc.with_ymd_and_hms(2026, 1, 2, 3, 4, 5).unwrap();
    let plan = PlanVersion(2);
    vec![
        Problem::EmptyText {
            field: "description",
        },
        Problem::TextTooLong {
            field: "domain",
            chars: 201,
            max: 200,
        },
        Problem::ControlCharacter {
            field: "note",
            code: 7,
        },
        Problem::EmptyList { field: "learners" },
        Problem::TooMany {
            field: "barriers",
            count: 501,
            max: 500,
        },
        Problem::Unknown(RecordRef::Need(NeedId(9))),
        Problem::Unknown(RecordRef::Activity(ActivityId(1))),
        Problem::Unknown(RecordRef::Evaluation(EvaluationId(1))),
        Problem::NeedNotOpen { need: NeedId(1) },
        Problem::Repeated(RecordRef::Resource(ResourceId(2))),
        Problem::DuplicateMember { id: id.clone() },
        Problem::NotOnTeam { id: id.clone() },
        Problem::WrongMemberKind {
            id: id.clone(),
            expected: ActorKind::Agency,
            found: ActorKind::Donor,
        },
        Problem::NoWorker,
        Problem::LastWorker { id: id.clone() },
        Problem::NoApprover,
        Problem::LastApprover { id: id.clone() },
        Problem::TimeWentBack { at, last: at },
        Problem::Closed,
        Problem::NotClosed,
        Problem::OnHold,
        Problem::NotOnHold,
        Problem::WrongStage {
            allowed: vec![Stage::Planning],
            current: Stage::Evaluation,
        },
        Problem::Transition(TransitionError::Illegal {
            from: Status::Closed,
            to: Status::Active(Stage::Planning),
        }),
        Problem::Transition(TransitionError::TimeWentBack { at, last: at }),
        Problem::NoOpenNeed,
        Problem::NoStrength,
        Problem::NoGoal { plan },
        Problem::NoIntervention { plan },
        Problem::NeedWithoutGoal { need: NeedId(3) },
        Problem::NotAgreed { plan },
        Problem::NotApproved { plan },
        Problem::PlanFrozen { plan },
        Problem::AwaitingApproval { plan },
        Problem::PlanApproved { plan },
        Problem::NotCurrentPlan {
            given: PlanVersion(1),
            current: plan,
        },
        Problem::GoalNotInPlan {
            goal: GoalId(4),
            plan,
        },
        Problem::AlreadyAgreed {
            member: id.clone(),
            plan,
        },
        Problem::ZeroWeight,
        Problem::EmptyScaleLevel { level: -2 },
        Problem::NoApprovalRequested,
        Problem::ApprovalAlready { state: "requested" },
        Problem::ApprovalAlready { state: "approved" },
        Problem::NoActivity,
        Problem::NoEvaluation,
        Problem::DecisionMismatch {
            decision: Decision::Continue,
            to: Stage::Termination,
        },
        Problem::ReviewBeforeHold {
            review_on: chrono::NaiveDate::from_ymd_opt(2026, 1, 1).unwrap(),
        },
        Problem::ReasonRequired,
        Problem::TerminationReasonRequired,
        Problem::TerminationReasonUnexpected,
        Problem::NotPlannedEnding {
            reason: TerminationReason::Moved,
        },
        Problem::NotEarlyEnding {
            reason: TerminationReason::GoalsAchieved,
        },
        Problem::NoSummary,
        Problem::ReferralsInFlight {
            referrals: vec![ReferralId(1), ReferralId(3)],
        },
        Problem::ClosureNotApproved,
        Problem::NoConsent {
            referral: ReferralId(1),
        },
        Problem::ConsentState {
            member: id.clone(),
            referral: ReferralId(1),
            given: true,
        },
        Problem::ConsentState {
            member: id.clone(),
            referral: ReferralId(1),
            given: false,
        },
        Problem::ReferralMove {
            referral: ReferralId(1),
            from: ReferralStatus::Draft,
            to: ReferralStatus::Completed,
        },
        Problem::OwnResource {
            resource: ResourceId(1),
        },
        Problem::NoContributionHere {
            activity: ActivityId(2),
        },
        Problem::Inconsistent { detail: "x".into() },
        Problem::ServiceOnStrength,
        Problem::LinkageNotRecordedHere,
        // Issue 14: the everyday record.
        Problem::NotAmendable {
            record: RecordRef::Need(NeedId(1)),
            member: "barriers",
        },
        Problem::NotCorrectable {
            record: RecordRef::Plan(plan),
        },
        Problem::AlreadyRetracted {
            record: RecordRef::Note(pendamping::NoteId(3)),
        },
        Problem::Unchanged {
            record: RecordRef::Need(NeedId(1)),
            member: "priority",
        },
        Problem::AtOutOfRange {
            at,
            opened: at,
            corrected: at,
        },
        Problem::FutureTime {
            at,
            now: at,
            allowance: 5,
        },
        Problem::NoDueDate {
            record: RecordRef::Need(NeedId(1)),
        },
        Problem::DueBeforeToday {
            record: RecordRef::Goal(GoalId(1)),
            due_on: at.date_naive(),
            today: at.date_naive(),
        },
        Problem::InvalidMediaType {
            media_type: "jpeg".into(),
        },
        Problem::InvalidDigest {
            sha256: "abc".into(),
        },
        Problem::DuplicateDocument {
            id: pendamping::DocumentId::new("doc-1").unwrap(),
        },
        Problem::TransferPending { to: id.clone() },
        Problem::NoTransfer,
        Problem::AlreadyLead { id: id.clone() },
        Problem::NoTransferConsent,
        Problem::TransferConsentGiven { member: id },
        Problem::ImportAfterRecords,
        Problem::ImportStage {
            stage: Stage::Termination,
        },
        Problem::ImportClosedReferral {
            referral: ReferralId(2),
        },
        // Issue 12: erasure.
        Problem::ErasedMarker,
        Problem::UnknownPerson {
            person: "c:nobody".parse().unwrap(),
        },
        Problem::NothingToErase {
            target: pendamping::ErasureTarget::Record(RecordRef::Need(NeedId(2))),
        },
    ]
}

#[test]
fn every_problem_reads_differently_in_indonesian() {
    for problem in every_problem() {
        let en = problem.message(Lang::En);
        let id = problem.message(Lang::Id);
        assert_eq!(en, problem.to_string());
        assert_ne!(en, id, "{problem:?} has no Indonesian text");
        assert!(!id.is_empty());
        // Messages follow the crate's convention: lowercase start (ids aside), no full stop.
        assert!(!id.ends_with('.'), "{id}");
        assert!(!en.ends_with('.'), "{en}");
    }
}

#[test]
fn every_problem_has_its_own_code() {
    let problems = every_problem();
    let mut codes: Vec<&str> = problems.iter().map(Problem::code).collect();
    for code in &codes {
        assert!(
            code.bytes().all(|b| b.is_ascii_lowercase() || b == b'_'),
            "{code}"
        );
    }
    codes.dedup(); // the list holds a few variants twice, side by side
    let distinct: std::collections::BTreeSet<&str> = codes.iter().copied().collect();
    assert_eq!(distinct.len(), codes.len());
    assert_eq!(
        Problem::NeedWithoutGoal { need: NeedId(1) }.code(),
        "need_without_goal"
    );
    assert_eq!(
        Problem::Unknown(RecordRef::Need(NeedId(1))).code(),
        "unknown"
    );
}

#[test]
fn pinned_indonesian_messages() {
    let pinned = [
        (
            Problem::EmptyText {
                field: "description",
            },
            "deskripsi kosong",
        ),
        (
            Problem::WrongStage {
                allowed: vec![Stage::Planning],
                current: Stage::Evaluation,
            },
            "ini dilakukan pada tahap perencanaan dan penyeleksian program, sedangkan kasus \
             berada pada tahap evaluasi",
        ),
        (
            Problem::Transition(TransitionError::Illegal {
                from: Status::Closed,
                to: Status::Active(Stage::Planning),
            }),
            "tidak bisa berpindah dari ditutup ke aktif: perencanaan dan penyeleksian program: \
             yang mungkin hanya aktif: pemahaman kebutuhan",
        ),
        (
            Problem::ReferralsInFlight {
                referrals: vec![ReferralId(1), ReferralId(3)],
            },
            "rujukan masih berjalan: rujukan 1, rujukan 3",
        ),
        (
            Problem::NotPlannedEnding {
                reason: TerminationReason::Moved,
            },
            "\"pindah\" bukan pengakhiran terencana: evaluasi berujung pada tujuan tercapai atau \
             tercapai sebagian",
        ),
        (
            Problem::TooMany {
                field: "grants",
                count: 31,
                max: 30,
            },
            "pemberian izin berisi 31 entri, lebih dari 30",
        ),
        (
            Problem::NoApprover,
            "kebijakan meminta persetujuan, tetapi tidak ada anggota tim yang boleh menyetujui: \
             tambahkan seorang supervisor dahulu",
        ),
        // Issue 12: erasure.
        (
            Problem::NothingToErase {
                target: pendamping::ErasureTarget::Person("c:budi".parse().unwrap()),
            },
            "orang c:budi tidak memiliki teks yang tersisa untuk dihapus",
        ),
        (
            Problem::NothingToErase {
                target: pendamping::ErasureTarget::ClientSystem,
            },
            "sistem klien tidak memiliki teks yang tersisa untuk dihapus",
        ),
        (
            Problem::UnknownPerson {
                person: "c:nobody".parse().unwrap(),
            },
            "tidak pernah ada teks dari c:nobody yang dicatat dalam kasus ini",
        ),
    ];
    for (problem, want) in pinned {
        assert_eq!(problem.message(Lang::Id), want);
    }
}

#[test]
fn rejections_name_the_command_in_words() {
    let donor = Actor::new("d:fund", ActorKind::Donor).unwrap();
    let refused = Rejection::NotPermitted {
        actor: donor,
        command: "record_need",
        why: NotPermittedBecause::Policy {
            kind: ActorKind::Donor,
            permission: Permission::Practice,
        },
    };
    assert_eq!(
        refused.to_string(),
        "d:fund (donor) may not record_need: the policy does not give a donor the practice permission"
    );
    assert_eq!(
        refused.message(Lang::En),
        "d:fund may not record a need: the policy does not give a donor the practice permission"
    );
    assert_eq!(
        refused.message(Lang::Id),
        "d:fund tidak boleh mencatat kebutuhan: kebijakan tidak memberi lembaga donor izin praktik"
    );
    let closed = Rejection::Refused {
        command: "record_need",
        problems: vec![Problem::Closed],
    };
    assert_eq!(
        closed.message(Lang::Id),
        "tidak bisa mencatat kebutuhan: kasus sudah ditutup: hanya tindak lanjut dan pembukaan \
         kembali yang bisa dilakukan"
    );
    assert_eq!(
        pendamping::engagement::command_label("refer", Lang::Id),
        "membuat rujukan"
    );
}

#[test]
fn the_list_above_covers_every_problem() {
    // Problem has 81 variants; a new one must be added to `every_problem` (and so get its
    // Indonesian text checked) before this passes.
    let distinct: std::collections::BTreeSet<&str> =
        every_problem().iter().map(Problem::code).collect();
    assert_eq!(distinct.len(), 81);
}
