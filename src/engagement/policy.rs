//! The rules an engagement runs under, chosen by the app and recorded in its events.

use crate::ActorKind;
use crate::engagement::{Confidentiality, Permission, ReadAccess};
use serde::{Deserialize, Serialize};

/// The rules in force for one engagement.
///
/// The policy is set when the engagement opens and changed only by an event, so a replay of the
/// record decides nothing differently from the day it was written.
///
/// ```
/// use pendamping::{ActorKind, Permission, Policy};
///
/// let mut policy = Policy::default();
/// assert!(!policy.allows(ActorKind::Donor, Permission::Practice));
/// // A programme where community representatives co-facilitate:
/// policy.grants.push((ActorKind::CommunityRepresentative, Permission::Practice));
/// assert!(policy.allows(ActorKind::CommunityRepresentative, Permission::Practice));
/// ```
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[serde(default)]
#[non_exhaustive]
pub struct Policy {
    /// A supervisor must approve each plan version before implementation.
    pub plan_approval_required: bool,
    /// A supervisor must approve closing the engagement.
    pub closure_approval_required: bool,
    /// Days between reviews; `None` schedules none.
    pub review_interval_days: Option<u16>,
    /// Permissions granted beyond the defaults of [`Permission::default_for`].
    pub grants: Vec<(ActorKind, Permission)>,
    /// Permissions taken away from the defaults.
    pub revocations: Vec<(ActorKind, Permission)>,
    // Issue 13: four eyes. Left out of a stored policy, each reads as off, so a journal
    // written before they existed decides as it did.
    /// Whoever decides a plan version's approval must be another person than who asked.
    #[serde(default, skip_serializing_if = "is_off")]
    pub four_eyes_plan: bool,
    /// Whoever decides the closure approval must be another person than who asked (on in
    /// [`Policy::default`]).
    #[serde(default, skip_serializing_if = "is_off")]
    pub four_eyes_closure: bool,
    /// A client-system member's consent to the engagement must be in force to leave needs
    /// assessment and to begin implementation (after Primero's consent to services); off by
    /// default.
    #[serde(default, skip_serializing_if = "is_off")]
    pub engagement_consent_required: bool,
    /// Who reads which records, beyond or instead of [`ReadAccess::default_for`]: per actor
    /// kind and confidentiality level, the last entry for the pair wins (see
    /// [`Policy::reads`]). Left out, the default matrix.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub reading: Vec<(ActorKind, Confidentiality, ReadAccess)>,
    // Issue 14: the everyday record.
    /// How many minutes a command may be dated after the app's clock, for clocks that drift
    /// apart; checked by [`Engagement::execute_now`](crate::Engagement::execute_now), which
    /// is given the app's `now` (the crate never reads the clock).
    // Left out of the JSON at its default, so a policy of the defaults is written byte for
    // byte as before the member existed (journals hash those bytes).
    #[serde(
        default = "default_clock_skew",
        skip_serializing_if = "is_default_clock_skew"
    )]
    pub clock_skew_minutes: u32,
    /// Days a provider has to answer a referral once it is requested; `None` sets no due
    /// date. A referral's own due date, when set, comes first.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub referral_response_days: Option<u16>,
    /// A client-system member must consent to a transfer before the receiving worker may
    /// accept it.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub transfer_consent_required: bool,
}

/// Five minutes: phones in the field drift, but not by days.
const fn default_clock_skew() -> u32 {
    5
}

// serde's `skip_serializing_if` passes a reference.
const fn is_default_clock_skew(minutes: &u32) -> bool {
    *minutes == default_clock_skew()
}

impl Default for Policy {
    /// No approvals required, a review every 90 days, the default permission table, and four
    /// eyes on the closure approval once the app asks for one.
    fn default() -> Self {
        Self {
            plan_approval_required: false,
            closure_approval_required: false,
            review_interval_days: Some(90),
            grants: Vec::new(),
            revocations: Vec::new(),
            four_eyes_plan: false,
            four_eyes_closure: true,
            engagement_consent_required: false,
            reading: Vec::new(),
            clock_skew_minutes: default_clock_skew(),
            referral_response_days: None,
            transfer_consent_required: false,
        }
    }
}

/// Whether an option is off: then it is left out of the stored form, which reads as before.
#[allow(
    clippy::trivially_copy_pass_by_ref,
    reason = "serde passes a reference"
)]
const fn is_off(option: &bool) -> bool {
    !*option
}

impl Policy {
    /// Whether actors of this kind hold the permission under this policy.
    #[must_use]
    pub fn allows(&self, kind: ActorKind, permission: Permission) -> bool {
        let pair = (kind, permission);
        if self.revocations.contains(&pair) {
            return false;
        }
        permission.default_for(kind) || self.grants.contains(&pair)
    }
}
