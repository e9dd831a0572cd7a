//! Every bound an engagement holds its input to, in one place, so that no command or opening
//! costs more than its bound to check and no later check scans without end.
//!
//! | what | bound | refused with |
//! |---|---|---|
//! | a short text (a name, a domain, a topic) | [`MAX_NAME_CHARS`] characters | [`Problem::TextTooLong`] |
//! | a long text (a description, a note, a summary) | [`MAX_TEXT_CHARS`] characters | [`Problem::TextTooLong`] |
//! | every list in a command (ids, participants, learners, scores, barriers, languages, ...) | [`MAX_LIST_LEN`] entries | [`Problem::TooMany`] |
//! | the team, at opening and as members join | [`MAX_TEAM`] members | [`Problem::TooMany`] |
//! | a policy's grants, and its revocations, at opening and when it changes | [`MAX_POLICY_ENTRIES`] entries each | [`Problem::TooMany`] |
//! | a policy's reading matrix, at opening and when it changes | [`MAX_READING_ENTRIES`] entries | [`Problem::TooMany`] |
//! | an id given by the app | [`MAX_ID_LEN`](crate::engagement::MAX_ID_LEN) characters | [`ParseError::InvalidId`](crate::ParseError::InvalidId) |
//!
//! A list is checked against its bound before any entry is looked at. The same bounds hold
//! when a stored event is replayed.

use crate::ActorKind;
use crate::engagement::{Confidentiality, Permission, Problem};

/// The longest short text (a name, a domain, a topic), in characters.
pub const MAX_NAME_CHARS: usize = 200;
/// The longest long text (a description, a note, a summary), in characters.
pub const MAX_TEXT_CHARS: usize = 4_000;
/// The most entries a list in a command may have (participants, learners, ids, scores, ...).
pub const MAX_LIST_LEN: usize = 500;
/// The most members a team may have.
pub const MAX_TEAM: usize = 1_000;
/// The most entries a policy's grants (and, separately, its revocations) may have: one for
/// every pair of an actor kind and a permission.
pub const MAX_POLICY_ENTRIES: usize = ActorKind::ALL.len() * Permission::ALL.len();
/// The most entries a policy's reading matrix may have: one for every pair of an actor kind
/// and a confidentiality level.
pub const MAX_READING_ENTRIES: usize = ActorKind::ALL.len() * Confidentiality::ALL.len();

/// Notes a list of `count` entries longer than `max`; whether it is within bounds.
pub(crate) fn within(
    field: &'static str,
    count: usize,
    max: usize,
    problems: &mut Vec<Problem>,
) -> bool {
    if count > max {
        problems.push(Problem::TooMany { field, count, max });
        false
    } else {
        true
    }
}

/// Notes a policy whose grants or revocations are past [`MAX_POLICY_ENTRIES`], or whose
/// reading matrix is past [`MAX_READING_ENTRIES`]; whether it is within bounds.
pub(crate) fn policy(policy: &crate::Policy, problems: &mut Vec<Problem>) -> bool {
    let grants = within("grants", policy.grants.len(), MAX_POLICY_ENTRIES, problems);
    let revocations = within(
        "revocations",
        policy.revocations.len(),
        MAX_POLICY_ENTRIES,
        problems,
    );
    let reading = within(
        "reading",
        policy.reading.len(),
        MAX_READING_ENTRIES,
        problems,
    );
    grants && revocations && reading
}
