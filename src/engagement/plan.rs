//! The plan: its versions, the client system's agreement to one, and the approvals it may need.

use crate::engagement::{ActorId, GoalId, InterventionId, PlanVersion};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// The state of an approval (after Primero's approvals).
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[serde(rename_all = "snake_case", tag = "state")]
#[non_exhaustive]
pub enum Approval {
    /// Nobody asked yet.
    #[default]
    #[serde(deserialize_with = "crate::engagement::strict::no_members")]
    NotRequested,
    /// Asked for, not yet decided.
    Requested {
        /// Who asked.
        by: ActorId,
        /// When.
        at: DateTime<Utc>,
        /// What they said.
        comment: Option<String>,
    },
    /// Approved.
    Approved {
        /// Who approved.
        by: ActorId,
        /// When.
        at: DateTime<Utc>,
        /// What they said.
        comment: Option<String>,
    },
    /// Rejected; may be asked for again.
    Rejected {
        /// Who rejected.
        by: ActorId,
        /// When.
        at: DateTime<Utc>,
        /// Why.
        comment: Option<String>,
    },
    /// Asked for or given, then what it was for changed (a rewritten termination summary):
    /// it no longer holds, and may be asked for again.
    Lapsed {
        /// Who had asked for it or approved it.
        by: ActorId,
        /// When it lapsed.
        at: DateTime<Utc>,
    },
}

/// A client-system member's agreement to a plan version.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Agreement {
    /// The member who agreed.
    pub member: ActorId,
    /// Who recorded it (the member, or the worker on their behalf).
    pub recorded_by: ActorId,
    /// When.
    pub at: DateTime<Utc>,
}

/// One version of the plan: its goals and interventions, agreement and approval.
///
/// Version 1 exists from opening. Revising makes version n+1 from version n; a version that the
/// client system agreed to is frozen.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Plan {
    /// Its version.
    pub version: PlanVersion,
    /// The version it revises.
    pub previous: Option<PlanVersion>,
    /// Why it was revised.
    pub reason: Option<String>,
    /// Its goals.
    pub goals: Vec<GoalId>,
    /// Its interventions.
    pub interventions: Vec<InterventionId>,
    /// The client system's agreements to it.
    pub agreements: Vec<Agreement>,
    /// Its approval.
    pub approval: Approval,
}

impl Plan {
    /// Whether the client system has agreed to this version (it can no longer change).
    #[must_use]
    pub fn is_agreed(&self) -> bool {
        !self.agreements.is_empty()
    }

    /// Whether the goal is one of this version's, in O(log n): the engagement adds goals in id
    /// order and a revision keeps that order, so the list is sorted (a snapshot written by
    /// hand with the ids out of order gets a wrong answer here, never a panic).
    #[must_use]
    pub fn has_goal(&self, goal: GoalId) -> bool {
        self.goals.binary_search(&goal).is_ok()
    }
}

/// The plan an engagement starts with: version 1, empty.
pub(super) static FIRST_PLAN: Plan = Plan {
    version: PlanVersion(1),
    previous: None,
    reason: None,
    goals: Vec::new(),
    interventions: Vec::new(),
    agreements: Vec::new(),
    approval: Approval::NotRequested,
};
