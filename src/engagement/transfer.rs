//! Transfers: handing the case to another worker, who accepts or declines it. Until they
//! answer, the lead worker stays who it was, so the engagement has one lead at every moment.

use crate::engagement::{ActorId, Engagement, TeamMember};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// A transfer waiting for the receiving worker's answer.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Transfer {
    /// The lead worker when it was asked for.
    pub from: ActorId,
    /// The worker asked to take the case.
    pub to: TeamMember,
    /// Why.
    pub reason: String,
    /// When it was asked for.
    pub at: DateTime<Utc>,
    /// Who asked.
    pub by: ActorId,
    /// The client-system members who consented to it.
    #[serde(default)]
    pub consent: Vec<ActorId>,
}

impl Engagement {
    /// The lead worker: the one the last accepted transfer (or reassignment) named while they
    /// are a worker on the team, otherwise the first worker on the team. There is always one:
    /// the team never loses its last worker.
    #[must_use]
    pub fn lead(&self) -> Option<&TeamMember> {
        self.lead
            .as_ref()
            .and_then(|id| self.workers().find(|m| &m.id == id))
            .or_else(|| self.workers().next())
    }

    /// The transfer waiting for an answer, if any.
    #[must_use]
    pub fn transfer(&self) -> Option<&Transfer> {
        self.transfer.as_deref()
    }
}
