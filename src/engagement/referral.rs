//! A referral and its closed loop: the record, its statuses, the moves between them, and who may
//! make each.
//!
//! The statuses and moves follow the HL7 Gravity Project's SDOH referral `Task`: a referral is
//! drafted and requested by the worker's side; the receiving provider accepts or rejects it,
//! reports progress, and closes it as completed or failed; the requester may cancel it while it
//! is open, or mark it entered in error.

use crate::ManagementMode;
use crate::engagement::{ActorId, Confidentiality, ReferralId, ResourceId};
use crate::vocab::vocabulary;
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
// The docs link to it; the JSON Schemas keep the link's plain text.
#[cfg(doc)]
use crate::Need;

vocabulary! {
    /// Where a referral stands.
    ///
    /// Exhaustive: the Gravity referral task has exactly these.
    pub enum ReferralStatus ("referral status") {
        /// Written, not yet sent; consent is asked before it leaves.
        Draft = "draft", en "Draft", id "Draf";
        /// Sent to the provider.
        Requested = "requested", en "Requested", id "Diajukan";
        /// The provider took it on.
        Accepted = "accepted", en "Accepted", id "Diterima";
        /// The provider declined it.
        Rejected = "rejected", en "Rejected", id "Ditolak";
        /// Withdrawn by the requester.
        Cancelled = "cancelled", en "Cancelled", id "Dibatalkan";
        /// The service is being delivered.
        InProgress = "in_progress", en "In progress", id "Sedang berjalan";
        /// Delivery paused.
        OnHold = "on_hold", en "On hold", id "Ditunda";
        /// Delivered: the client reached the resource.
        Completed = "completed", en "Completed", id "Selesai";
        /// Could not be delivered.
        Failed = "failed", en "Failed", id "Gagal";
        /// Recorded by mistake: it never was a referral (Gravity's `entered-in-error`). The
        /// requester sets it from any open status; it counts for nothing.
        EnteredInError = "entered_in_error", en "Entered in error", id "Salah catat";
    }
}

/// Which side of a referral sets a status.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ReferralSide {
    /// The worker's side, which made the referral.
    Requester,
    /// The provider the referral is addressed to.
    Provider,
}

/// The allowed moves, as data.
const MOVES: &[(ReferralStatus, ReferralStatus)] = {
    use ReferralStatus::*;
    &[
        (Draft, Requested),
        (Draft, Cancelled),
        (Requested, Accepted),
        (Requested, Rejected),
        (Requested, Cancelled),
        (Accepted, InProgress),
        (Accepted, OnHold),
        (Accepted, Completed),
        (Accepted, Failed),
        (Accepted, Cancelled),
        (InProgress, OnHold),
        (InProgress, Completed),
        (InProgress, Failed),
        (InProgress, Cancelled),
        (OnHold, InProgress),
        (OnHold, Cancelled),
        (Draft, EnteredInError),
        (Requested, EnteredInError),
        (Accepted, EnteredInError),
        (InProgress, EnteredInError),
        (OnHold, EnteredInError),
    ]
};

impl ReferralStatus {
    /// Whether a referral may move from this status to `to`.
    #[must_use]
    pub fn can_move_to(self, to: Self) -> bool {
        MOVES.contains(&(self, to))
    }

    /// The statuses this one may move to.
    pub fn targets(self) -> impl Iterator<Item = Self> {
        MOVES
            .iter()
            .filter(move |(from, _)| *from == self)
            .map(|&(_, to)| to)
    }

    /// Which side sets this status.
    #[must_use]
    pub const fn set_by(self) -> ReferralSide {
        match self {
            Self::Draft | Self::Requested | Self::Cancelled | Self::EnteredInError => {
                ReferralSide::Requester
            }
            _ => ReferralSide::Provider,
        }
    }

    /// Whether the referral has left the agency and is not yet closed.
    #[must_use]
    pub const fn in_flight(self) -> bool {
        matches!(
            self,
            Self::Requested | Self::Accepted | Self::InProgress | Self::OnHold
        )
    }

    /// Whether the loop is closed: nothing follows.
    #[must_use]
    pub fn is_closed(self) -> bool {
        self.targets().next().is_none()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn closed_statuses_are_the_gravity_ends() {
        let closed: Vec<_> = ReferralStatus::ALL
            .iter()
            .filter(|s| s.is_closed())
            .collect();
        assert_eq!(
            closed,
            [
                &ReferralStatus::Rejected,
                &ReferralStatus::Cancelled,
                &ReferralStatus::Completed,
                &ReferralStatus::Failed,
                &ReferralStatus::EnteredInError
            ]
        );
    }

    #[test]
    fn nothing_moves_back_to_draft() {
        assert!(
            ReferralStatus::ALL
                .iter()
                .all(|s| !s.can_move_to(ReferralStatus::Draft))
        );
    }
}

/// Where a referral is addressed.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[serde(rename_all = "snake_case", tag = "provider")]
#[non_exhaustive]
pub enum Provider {
    /// A partner agency on the team, which updates the referral itself.
    Partner {
        /// The agency's actor id.
        id: ActorId,
    },
    /// A provider outside the system; the worker records its answers.
    External {
        /// Its name.
        name: String,
    },
}

/// A referral: linking the client with a resource, followed until it closes (a closed loop).
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Referral {
    /// Its id.
    pub id: ReferralId,
    /// The resource the client is linked with.
    pub resource: ResourceId,
    /// Where it is addressed.
    pub provider: Provider,
    /// How the worker manages the resource.
    pub mode: ManagementMode,
    /// Its status.
    pub status: ReferralStatus,
    /// Client-system members whose consent is in force.
    pub consent: Vec<ActorId>,
    /// The status changes so far: (status, who, when, note).
    pub history: Vec<ReferralChange>,
    /// How confidential it is, when chosen on purpose; `None` takes the default of its kind
    /// ([`Need::confidentiality`] and its peers say which).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub confidentiality: Option<Confidentiality>,
    // Issue 14: the everyday record.
    /// When its loop is due to close, if a due date was set (otherwise the policy's response
    /// timeframe gives the provider's answer a due date) ([`Command::SetDueDate`](crate::Command::SetDueDate)).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub due_on: Option<NaiveDate>,
}

/// One status change of a referral.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReferralChange {
    /// The new status.
    pub status: ReferralStatus,
    /// Who set it.
    pub by: ActorId,
    /// When.
    pub at: DateTime<Utc>,
    /// What they said.
    pub note: Option<String>,
}

impl Referral {
    /// Whether it has left the agency and has not come back closed.
    #[must_use]
    pub fn in_flight(&self) -> bool {
        self.status.in_flight()
    }

    /// Whether the worker should look at it: the provider took it on, and no member's consent
    /// is in force any more (consent is needed before it is sent, so it was withdrawn).
    /// [`Engagement::referrals_without_consent`](crate::Engagement::referrals_without_consent)
    /// lists them.
    #[must_use]
    pub fn consent_withdrawn(&self) -> bool {
        self.consent.is_empty()
            && matches!(
                self.status,
                ReferralStatus::Accepted | ReferralStatus::InProgress | ReferralStatus::OnHold
            )
    }
}
