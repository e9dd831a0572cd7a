//! Consent beyond a single referral: to the engagement itself, and to sharing the case with a
//! named organisation. Consent to one referral is kept on the referral.
//!
//! After Primero's consent to the case and to disclosure: each consent is one member's, in
//! force from when it was given until it is withdrawn, with who recorded each and when.

use crate::engagement::ActorId;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// What a member's consent covers.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[serde(rename_all = "snake_case", tag = "scope")]
#[non_exhaustive]
pub enum ConsentScope {
    /// Taking part in the engagement at all (recorded at or after opening).
    #[serde(deserialize_with = "crate::engagement::strict::no_members")]
    Engagement,
    /// Sharing the case's record with one named organisation.
    Disclosure {
        /// The organisation.
        organisation: String,
    },
}

impl core::fmt::Display for ConsentScope {
    /// `the engagement`, or `disclosure to <organisation>`.
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        match self {
            Self::Engagement => f.write_str("the engagement"),
            Self::Disclosure { organisation } => write!(f, "disclosure to {organisation}"),
        }
    }
}

/// One member's consent of a scope: given, and perhaps withdrawn.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Consent {
    /// Whose consent it is.
    pub member: ActorId,
    /// What it covers.
    pub scope: ConsentScope,
    /// Who recorded it (the member, or a worker on their behalf).
    pub given_by: ActorId,
    /// When it was given.
    pub given_at: DateTime<Utc>,
    /// Who recorded its withdrawal, and when; `None` while it is in force.
    pub withdrawn: Option<(ActorId, DateTime<Utc>)>,
}

impl Consent {
    /// Whether it is in force.
    #[must_use]
    pub fn in_force(&self) -> bool {
        self.withdrawn.is_none()
    }
}
