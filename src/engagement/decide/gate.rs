//! The status and stage gate as data: in which statuses and stages each command is taken.
//!
//! [`GATES`] is read by `decide` (and so by replay), and the crate docs' "commands at a
//! glance" table is rendered from it (a test keeps the two equal). The lifecycle table
//! ([`TRANSITIONS`](crate::lifecycle::TRANSITIONS)) says which moves exist; this table says
//! where every other command belongs.

use crate::Stage;
use crate::engagement::{Command, Problem, ReferralSide};
use crate::lifecycle::Status;

/// Whether a command is taken while the engagement is on hold.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum OnHold {
    /// Not while on hold: resume first.
    No,
    /// Yes: team business, resuming, a member withdrawing consent, case notes, corrections.
    Yes,
    /// Only the provider's side of a referral (its answers arrive while the work is paused).
    ProviderAnswers,
}

/// One row of the gate: a command and the statuses in which it is taken.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub struct Gate {
    /// The command's name ([`Command::name`]).
    pub command: &'static str,
    /// The stages in which an active engagement takes it (empty: never while active).
    pub stages: &'static [Stage],
    /// Whether an engagement on hold takes it.
    pub on_hold: OnHold,
    /// Whether a closed engagement takes it.
    pub closed: bool,
    /// Who gives it, in words for the docs (the [`Policy`](crate::Policy) decides).
    pub who: &'static str,
    /// What else it asks, in words for the docs (the command's own rules check it).
    pub asks: &'static str,
}

const ALL: &[Stage] = Stage::ALL;
const ASSESSING: &[Stage] = &[
    Stage::NeedsAssessment,
    Stage::Planning,
    Stage::Implementation,
    Stage::Evaluation,
];
const PLANNING: &[Stage] = &[Stage::Planning];
const EVALUATION: &[Stage] = &[Stage::Evaluation];
const TERMINATION: &[Stage] = &[Stage::Termination];
const EVALUATION_ON: &[Stage] = &[Stage::Evaluation, Stage::Termination];
const NONE: &[Stage] = &[];

const MANAGE: &str = "manage team";
const PRACTICE: &str = "practice";
const MEMBERS: &str = "practice (workers and supervisors: manage team)";
const VOICE: &str = "client voice, or agree for the community (a community's representative); \
                     practice, on behalf of a member";
const OWN: &str = "practice, or record own strength (marked as theirs)";
const RECEIVER: &str = "the receiving worker, on the team or not (or approve)";

const fn row(
    command: &'static str,
    stages: &'static [Stage],
    on_hold: OnHold,
    who: &'static str,
    asks: &'static str,
) -> Gate {
    Gate {
        command,
        stages,
        on_hold,
        closed: false,
        who,
        asks,
    }
}

/// Every command's gate, in [`Command`]'s order: the statuses and stages in which it is taken.
///
/// `decide` reads it (a command outside its row is refused with [`Problem::Closed`],
/// [`Problem::NotClosed`], [`Problem::OnHold`], [`Problem::NotOnHold`] or
/// [`Problem::WrongStage`]), replay reads it through `decide`, and the crate docs' "commands at
/// a glance" table is rendered from it. Moves between statuses (`move_to_stage`, `hold`,
/// `close`) pass the gate in every active stage: the lifecycle table decides them. A front end
/// can read it to offer only the commands the engagement's status takes:
///
/// ```
/// use pendamping::Stage;
/// use pendamping::engagement::{OnHold, gate};
///
/// let evaluation = gate("record_evaluation").unwrap();
/// assert_eq!(evaluation.stages, [Stage::Evaluation]);
/// assert_eq!(evaluation.on_hold, OnHold::No);
/// assert!(gate("record_follow_up").unwrap().closed);
/// ```
pub const GATES: &[Gate] = &[
    row(
        "reassign_worker",
        ALL,
        OnHold::Yes,
        MANAGE,
        "the new worker is a social worker",
    ),
    row(
        "add_member",
        ALL,
        OnHold::Yes,
        MEMBERS,
        "at most 1000 members",
    ),
    row(
        "remove_member",
        ALL,
        OnHold::Yes,
        MEMBERS,
        "never the last worker, nor the last approver while the policy asks for approvals",
    ),
    row(
        "change_policy",
        ALL,
        OnHold::Yes,
        MANAGE,
        "an approver on the team if the new policy asks for approvals",
    ),
    row(
        "record_need",
        ASSESSING,
        OnHold::No,
        "practice, or propose a need (marked as theirs)",
        "",
    ),
    row(
        "record_resource",
        ASSESSING,
        OnHold::No,
        "practice; a strength of the client system's own: record own strength (marked as theirs)",
        "",
    ),
    row("mark_need_met", ALL, OnHold::No, PRACTICE, "an open need"),
    row("defer_need", ALL, OnHold::No, PRACTICE, "an open need"),
    row(
        "add_goal",
        PLANNING,
        OnHold::No,
        "practice, or propose a goal (marked as theirs; it counts once the worker accepts it)",
        "a plan version not yet agreed or sent for approval",
    ),
    row(
        "set_goal_status",
        ALL,
        OnHold::No,
        PRACTICE,
        "a move of the goal table; accepting a proposal, a plan version that may change",
    ),
    row(
        "add_intervention",
        PLANNING,
        OnHold::No,
        "practice, or contribute to design (what the contributor carries out itself)",
        "a plan version not yet agreed or sent for approval",
    ),
    row("revise_plan", PLANNING, OnHold::No, PRACTICE, ""),
    row(
        "agree_to_plan",
        PLANNING,
        OnHold::No,
        VOICE,
        "the current version, with a goal",
    ),
    row("request_plan_approval", PLANNING, OnHold::No, PRACTICE, ""),
    row(
        "decide_plan_approval",
        PLANNING,
        OnHold::No,
        "approve",
        "a requested approval",
    ),
    row("record_activity", ALL, OnHold::No, PRACTICE, ""),
    row(
        "add_contribution",
        ALL,
        OnHold::No,
        "client voice, or contribute to implementation",
        "a consultation or education record",
    ),
    row(
        "refer",
        ALL,
        OnHold::No,
        PRACTICE,
        "a resource held outside the client system",
    ),
    row("give_consent", ALL, OnHold::No, VOICE, ""),
    row("withdraw_consent", ALL, OnHold::Yes, VOICE, ""),
    row(
        "set_referral_status",
        ALL,
        OnHold::ProviderAnswers,
        "practice for requested, cancelled and entered in error; the addressed provider for \
         the rest (the worker records an outside provider's answers)",
        "a move along the referral's loop; consent before it is requested",
    ),
    row(
        "record_evaluation",
        EVALUATION,
        OnHold::No,
        PRACTICE,
        "scores of goals of the current plan",
    ),
    row(
        "move_to_stage",
        ALL,
        OnHold::No,
        PRACTICE,
        "a move of the lifecycle table, with its requirements",
    ),
    row("hold", ALL, OnHold::No, PRACTICE, "a reason"),
    row("resume", NONE, OnHold::Yes, PRACTICE, ""),
    row(
        "record_termination_summary",
        TERMINATION,
        OnHold::No,
        PRACTICE,
        "",
    ),
    row(
        "request_closure_approval",
        TERMINATION,
        OnHold::No,
        PRACTICE,
        "",
    ),
    row(
        "decide_closure_approval",
        TERMINATION,
        OnHold::No,
        "approve",
        "a requested approval",
    ),
    row(
        "close",
        ALL,
        OnHold::No,
        PRACTICE,
        "termination: the summary written, no referral in flight, approval if the policy asks",
    ),
    Gate {
        closed: true,
        ..row("reopen", NONE, OnHold::No, PRACTICE, "a reason")
    },
    Gate {
        closed: true,
        ..row("record_follow_up", NONE, OnHold::No, PRACTICE, "")
    },
    // Issue 13: participation.
    row(
        "add_evaluation_view",
        EVALUATION_ON,
        OnHold::No,
        "contribute to evaluation",
        "a recorded evaluation; ratings of goals of its plan",
    ),
    row(
        "record_surrounding_resource",
        ASSESSING,
        OnHold::No,
        OWN,
        "",
    ),
    row(
        "give_scoped_consent",
        ALL,
        OnHold::No,
        VOICE,
        "a member of the client system; none of that scope in force",
    ),
    row(
        "withdraw_scoped_consent",
        ALL,
        OnHold::Yes,
        VOICE,
        "a consent of that scope in force",
    ),
    // Issue 14: the everyday record.
    row(
        "record_note",
        ALL,
        OnHold::Yes,
        PRACTICE,
        "the records it concerns exist",
    ),
    row(
        "amend",
        ALL,
        OnHold::Yes,
        PRACTICE,
        "a reason; a record, not retracted, that has the member",
    ),
    row(
        "retract",
        ALL,
        OnHold::Yes,
        PRACTICE,
        "a reason; a record not retracted (not a plan version)",
    ),
    row(
        "set_due_date",
        ALL,
        OnHold::Yes,
        PRACTICE,
        "a goal, intervention or referral; a date not before the day it is set",
    ),
    row(
        "attach_document",
        ALL,
        OnHold::Yes,
        PRACTICE,
        "a new document id, a media type, a SHA-256 digest",
    ),
    row(
        "request_transfer",
        ALL,
        OnHold::Yes,
        PRACTICE,
        "a social worker other than the lead; no transfer waiting",
    ),
    row(
        "accept_transfer",
        ALL,
        OnHold::Yes,
        RECEIVER,
        "a transfer waiting for an answer",
    ),
    row(
        "decline_transfer",
        ALL,
        OnHold::Yes,
        RECEIVER,
        "a transfer waiting for an answer; a reason",
    ),
    row(
        "consent_to_transfer",
        ALL,
        OnHold::Yes,
        VOICE,
        "a transfer waiting for an answer",
    ),
    row(
        "import",
        &[Stage::NeedsAssessment],
        OnHold::No,
        PRACTICE,
        "right after the opening; a stage up to evaluation; referrals not closed",
    ),
    // Issue 12: erasure, in every status (a closed case is the usual one).
    Gate {
        closed: true,
        ..row(
            "erase",
            ALL,
            OnHold::Yes,
            "erase",
            "a person or record with text left to erase, and a reason",
        )
    },
];

/// The gate of a command, by its name.
#[must_use]
pub fn gate(command: &str) -> Option<&'static Gate> {
    GATES.iter().find(|g| g.command == command)
}

/// Notes why the engagement's status does not take the command: a closed engagement takes
/// only follow-ups and reopening; one on hold only what its row allows; an active one the
/// command's stages.
pub(super) fn check(status: Status, command: &Command, problems: &mut Vec<Problem>) {
    let Some(gate) = gate(command.name()) else {
        return;
    };
    let closed_only = gate.closed && gate.stages.is_empty() && gate.on_hold == OnHold::No;
    match status {
        Status::Closed if !gate.closed => problems.push(Problem::Closed),
        Status::Closed => {}
        _ if closed_only => problems.push(Problem::NotClosed),
        Status::OnHold(_) => {
            let taken = match gate.on_hold {
                OnHold::Yes => true,
                OnHold::No => false,
                OnHold::ProviderAnswers => matches!(
                    command,
                    Command::SetReferralStatus { status, .. }
                        if status.set_by() == ReferralSide::Provider
                ),
            };
            if !taken {
                problems.push(Problem::OnHold);
            }
        }
        Status::Active(_) if gate.stages.is_empty() => problems.push(Problem::NotOnHold),
        Status::Active(stage) if !gate.stages.contains(&stage) => {
            problems.push(Problem::WrongStage {
                allowed: gate.stages.to_vec(),
                current: stage,
            });
        }
        Status::Active(_) => {}
    }
}
