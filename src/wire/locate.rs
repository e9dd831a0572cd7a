//! Which member of a command a problem concerns, as a JSON Pointer into the command's JSON
//! (`/description`, `/addresses/1`, `/detail/participants/0`), so a front end can show the
//! problem next to its field.
//!
//! From the command's name alone a problem's member is known up to the list it is in
//! (`/addresses`); with the command itself, the entry is found (`/addresses/1`).

use crate::engagement::{Problem, RecordRef};
use serde_json::Value;

/// The member a text or list problem's `field` names, for the command `command`.
fn field_path(command: &str, field: &str) -> String {
    let member = field.replace(' ', "_");
    match (command, field) {
        ("open", "client name") => "/client/name".into(),
        ("open", "member name" | "team") => "/team".into(),
        ("add_member", "member name") => "/member/name".into(),
        ("reassign_worker" | "request_transfer", "member name") => "/to/name".into(),
        ("refer", "provider name") => "/provider/name".into(),
        ("attach_document", "title") => "/document/title".into(),
        // The policy's lists, in an opening and in a policy change alike.
        (_, "grants" | "revocations" | "reading") => format!("/policy/{member}"),
        ("add_goal", "scale level") => "/scale/levels".into(),
        ("record_resource", _) if SERVICE_FIELDS.contains(&field) => format!("/service/{member}"),
        ("give_scoped_consent" | "withdraw_scoped_consent", "organisation") => {
            "/scope/organisation".into()
        }
        ("record_activity", _) if DETAIL_FIELDS.contains(&field) => format!("/detail/{member}"),
        _ => format!("/{member}"),
    }
}

const SERVICE_FIELDS: &[&str] = &[
    "organisation",
    "service",
    "location",
    "eligibility",
    "cost",
    "languages",
    "accessibility",
    "schedule",
    "capacity",
];

const DETAIL_FIELDS: &[&str] = &[
    "participants",
    "worker contribution",
    "client contribution",
    "options",
    "action steps",
    "topic",
    "learners",
    "educators",
    "prevention focus",
    "parties",
    "outcome",
    "target system",
    "risk",
    "action",
];

/// The members of each command that hold a record's id, by the record's kind.
fn id_members(record: &RecordRef) -> &'static [&'static str] {
    match record {
        RecordRef::Need(_) => &["/need", "/addresses"],
        RecordRef::Resource(_) => &["/resource", "/uses"],
        RecordRef::Goal(_) => &["/goal", "/serves", "/scores/*/goal", "/ratings/*/goal"],
        RecordRef::Intervention(_) => &["/interventions"],
        RecordRef::Activity(_) => &["/activity"],
        RecordRef::Referral(_) => &["/referral"],
        RecordRef::Evaluation(_) => &["/evaluation"],
        RecordRef::Plan(_) => &["/version"],
        RecordRef::Note(_) => &[],
    }
}

/// Finds, for each problem in order, the member it concerns; `command` is the command's JSON
/// when known. Two problems of one kind in one list are given its entries in order.
pub(crate) fn locate_all(
    command_name: &str,
    command: Option<&Value>,
    problems: &[Problem],
) -> Vec<Option<String>> {
    let mut used: Vec<String> = Vec::new();
    problems
        .iter()
        .map(|p| {
            let path = locate(command_name, command, p, &used);
            if let Some(path) = &path {
                used.push(path.clone());
            }
            path
        })
        .collect()
}

fn locate(
    name: &str,
    command: Option<&Value>,
    problem: &Problem,
    used: &[String],
) -> Option<String> {
    use Problem as P;
    let has = |path: &str| command.is_none_or(|c| c.pointer(path).is_some());
    let fixed = |path: &str| has(path).then(|| path.to_owned());
    match problem {
        P::EmptyText { field }
        | P::TextTooLong { field, .. }
        | P::ControlCharacter { field, .. } => {
            let path = field_path(name, field);
            Some(match command.and_then(|c| c.pointer(&path)) {
                Some(Value::Array(items)) => {
                    entry(&path, items, used, |item| text_fails(problem, item)).unwrap_or(path)
                }
                _ => path,
            })
        }
        P::EmptyList { field } | P::TooMany { field, .. } => Some(field_path(name, field)),
        P::Unknown(r) | P::Repeated(r) => {
            let n = r.number();
            let nth = if matches!(problem, P::Repeated(_)) {
                1
            } else {
                0
            };
            // A correction names its record in `/record`, a note the records it concerns.
            let general = ["/record/id", "/concerns/*/id"];
            id_members(r)
                .iter()
                .chain(&general)
                .find_map(|member| match command {
                    None => None,
                    Some(c) => find_number(c, member, n, nth),
                })
        }
        P::NeedNotOpen { .. } => fixed("/need"),
        P::GoalNotInPlan { goal, .. } => command.and_then(|c| {
            find_number(c, "/goal", goal.0, 0)
                .or_else(|| find_number(c, "/scores/*/goal", goal.0, 0))
                .or_else(|| find_number(c, "/ratings/*/goal", goal.0, 0))
        }),
        P::DuplicateMember { id }
        | P::NotOnTeam { id }
        | P::LastWorker { id }
        | P::LastApprover { id }
        | P::WrongMemberKind { id, .. } => {
            let nth = usize::from(matches!(problem, P::DuplicateMember { .. }) && name == "open");
            command.and_then(|c| find_text(c, "", id.as_str(), &mut nth.clone()))
        }
        P::AlreadyAgreed { .. } => fixed("/on_behalf_of").filter(|_| {
            command.is_some_and(|c| c.pointer("/on_behalf_of").is_some_and(|v| !v.is_null()))
        }),
        P::NoWorker | P::NoApprover => fixed("/team"),
        P::Transition(_) | P::DecisionMismatch { .. } if name == "move_to_stage" => fixed("/to"),
        P::NotCurrentPlan { .. } => fixed("/version"),
        P::ZeroWeight => fixed("/scale/weight"),
        P::EmptyScaleLevel { level } => {
            let index = i16::from(*level) + 2;
            Some(format!("/scale/levels/{index}"))
        }
        P::ReviewBeforeHold { .. } => fixed("/review_on"),
        P::ReasonRequired => fixed("/reason"),
        P::TerminationReasonRequired
        | P::TerminationReasonUnexpected
        | P::NotPlannedEnding { .. }
        | P::NotEarlyEnding { .. } => fixed("/termination"),
        P::NoConsent { .. } | P::ConsentState { .. } => fixed("/referral"),
        P::ReferralMove { .. } => fixed("/status"),
        P::OwnResource { .. } => fixed("/resource"),
        P::ServiceOnStrength => fixed("/service"),
        P::NoContributionHere { .. } => fixed("/activity"),
        P::LinkageNotRecordedHere => fixed("/detail"),
        P::NotOwnCommitment { .. } => fixed("/responsible"),
        P::GoalMove { .. } | P::ConsentWithdrawn { .. } => fixed("/status"),
        P::ScopedConsentState { .. } => fixed("/scope"),
        P::Unchanged {
            member: "due_on", ..
        } => fixed("/due_on"),
        P::NotAmendable { .. } | P::Unchanged { .. } => fixed("/change"),
        P::NotCorrectable { .. } | P::AlreadyRetracted { .. } => fixed("/record"),
        P::AtOutOfRange { .. } => fixed("/change/at"),
        P::NoDueDate { .. } => fixed("/record"),
        P::DueBeforeToday { .. } => fixed("/due_on"),
        P::InvalidMediaType { .. } => fixed("/document/media_type"),
        P::InvalidDigest { .. } => fixed("/document/sha256"),
        P::DuplicateDocument { .. } => fixed("/document/id"),
        P::AlreadyLead { .. } => fixed("/to/id"),
        P::ImportStage { .. } => fixed("/case/stage"),
        P::UnknownPerson { .. } | P::NothingToErase { .. } => fixed("/target"),
        _ => None,
    }
}

/// The first entry of a list, not yet given to a problem, that `fails`.
fn entry(
    path: &str,
    items: &[Value],
    used: &[String],
    fails: impl Fn(&Value) -> bool,
) -> Option<String> {
    items.iter().enumerate().find_map(|(i, item)| {
        // A team member's problem is its name's.
        let name = if item.is_object() { "/name" } else { "" };
        let at = format!("{path}/{i}{name}");
        (!used.contains(&at) && fails(item)).then_some(at)
    })
}

/// Whether a list entry (a text, or a team member with a name) shows this text problem.
fn text_fails(problem: &Problem, item: &Value) -> bool {
    let Some(text) = item
        .as_str()
        .or_else(|| item.get("name").and_then(Value::as_str))
    else {
        return false;
    };
    let trimmed = text.trim();
    match problem {
        Problem::EmptyText { .. } => trimmed.is_empty(),
        Problem::TextTooLong { chars, .. } => trimmed.chars().count() == *chars,
        Problem::ControlCharacter { code, .. } => trimmed.chars().any(|c| u32::from(c) == *code),
        _ => false,
    }
}

/// The path of the `nth` (0-based) occurrence of the number `n` at `member` (a pointer whose
/// `*` stands for every index of a list; a list at the end is searched entry by entry).
fn find_number(command: &Value, member: &str, n: u32, nth: usize) -> Option<String> {
    let mut found = Vec::new();
    collect_numbers(command, "", member.trim_start_matches('/'), n, &mut found);
    found.into_iter().nth(nth)
}

fn collect_numbers(value: &Value, at: &str, rest: &str, n: u32, found: &mut Vec<String>) {
    let (head, tail) = rest.split_once('/').unwrap_or((rest, ""));
    if head.is_empty() {
        match value {
            Value::Array(items) => {
                for (i, item) in items.iter().enumerate() {
                    if item.as_u64() == Some(u64::from(n)) {
                        found.push(format!("{at}/{i}"));
                    }
                }
            }
            v if v.as_u64() == Some(u64::from(n)) => found.push(at.to_owned()),
            _ => {}
        }
        return;
    }
    if head == "*" {
        if let Value::Array(items) = value {
            for (i, item) in items.iter().enumerate() {
                collect_numbers(item, &format!("{at}/{i}"), tail, n, found);
            }
        }
    } else if let Some(next) = value.get(head) {
        collect_numbers(next, &format!("{at}/{head}"), tail, n, found);
    }
}

/// The path of the text `wanted` anywhere in the command, skipping `nth` earlier occurrences
/// (for an id repeated in a list, the repeat is the one to show).
fn find_text(value: &Value, at: &str, wanted: &str, nth: &mut usize) -> Option<String> {
    match value {
        Value::String(s) if s == wanted => {
            if *nth == 0 {
                Some(at.to_owned())
            } else {
                *nth -= 1;
                None
            }
        }
        Value::Array(items) => items
            .iter()
            .enumerate()
            .find_map(|(i, item)| find_text(item, &format!("{at}/{i}"), wanted, nth)),
        Value::Object(members) => members
            .iter()
            .filter(|(k, _)| k.as_str() != "type")
            .find_map(|(k, item)| find_text(item, &format!("{at}/{k}"), wanted, nth)),
        _ => None,
    }
}
