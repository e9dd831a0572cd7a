//! Identifiers: the ones an app gives (engagements, actors) and the ones an engagement gives out
//! to its own records.

use crate::ParseError;
use crate::vocab::shorten;
use serde::{Deserialize, Serialize};

/// The longest id an app may give.
pub const MAX_ID_LEN: usize = 64;

macro_rules! app_id {
    ($(#[$meta:meta])* $name:ident, $what:literal) => {
        $(#[$meta])*
        #[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[serde(try_from = "String", into = "String")]
        pub struct $name(String);

        impl $name {
            /// Checks and wraps an id given by the app.
            ///
            /// # Errors
            ///
            /// [`ParseError::InvalidId`] unless the text is 1 to 64 characters, each one of
            /// `A-Z a-z 0-9 . _ : -`.
            pub fn new(id: impl Into<String>) -> Result<Self, ParseError> {
                let id = id.into();
                if valid_app_id(&id) {
                    Ok(Self(id))
                } else {
                    Err(ParseError::InvalidId { what: $what, input: shorten(&id) })
                }
            }

            /// The id as text.
            #[must_use]
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl TryFrom<String> for $name {
            type Error = ParseError;
            fn try_from(id: String) -> Result<Self, ParseError> {
                Self::new(id)
            }
        }

        impl From<$name> for String {
            fn from(id: $name) -> String {
                id.0
            }
        }

        impl core::str::FromStr for $name {
            type Err = ParseError;
            fn from_str(s: &str) -> Result<Self, ParseError> {
                Self::new(s)
            }
        }

        impl core::fmt::Display for $name {
            fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
                f.pad(&self.0)
            }
        }
    };
}

app_id! {
    /// The id of an engagement, given by the app (a case number, a household id, a UUID).
    ///
    /// 1 to 64 characters of `A-Z a-z 0-9 . _ : -`, so it is safe in file names, URLs and logs.
    ///
    /// ```
    /// use pendamping::EngagementId;
    /// assert!(EngagementId::new("pkh-3273-000142").is_ok());
    /// assert_eq!(
    ///     EngagementId::new("kasus 1").unwrap_err().to_string(),
    ///     r#"invalid engagement id "kasus 1": use 1 to 64 of A-Z a-z 0-9 . _ : -"#
    /// );
    /// ```
    EngagementId, "engagement id"
}

app_id! {
    /// The id of a person or body acting on engagements, given by the app (a staff number, a
    /// member's national id hash, an agency code). Same rules as [`EngagementId`].
    ///
    /// ```
    /// use pendamping::ActorId;
    /// let worker: ActorId = "w:siti".parse()?;
    /// assert_eq!(worker.as_str(), "w:siti");
    /// # Ok::<(), pendamping::ParseError>(())
    /// ```
    ActorId, "actor id"
}

fn valid_app_id(id: &str) -> bool {
    (1..=MAX_ID_LEN).contains(&id.len())
        && id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b':' | b'-'))
}

macro_rules! local_id {
    ($(#[$meta:meta])* $name:ident, $what:literal) => {
        $(#[$meta])*
        ///
        /// Given out by the engagement in order, starting at 1, so a replay gives the same ids.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(pub u32);

        #[allow(dead_code, reason = "plan versions count up instead")]
        impl $name {
            /// The id of the record at this 0-based position of its list.
            pub(crate) fn at_index(index: usize) -> Self {
                Self(u32::try_from(index).map_or(u32::MAX, |i| i.saturating_add(1)))
            }

            /// The 0-based position of the record in its list.
            pub(crate) fn index(self) -> Option<usize> {
                usize::try_from(self.0).ok()?.checked_sub(1)
            }
        }

        /// The bare number, the stable form (`2`); messages name the record's kind themselves.
        impl core::fmt::Display for $name {
            fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
                core::fmt::Display::fmt(&self.0, f)
            }
        }
    };
}

local_id!(
    /// A need recorded in an engagement.
    NeedId, "need"
);
local_id!(
    /// A resource (strength or external resource) recorded in an engagement.
    ResourceId, "resource"
);
local_id!(
    /// A goal of the plan.
    GoalId, "goal"
);
local_id!(
    /// An intervention (a selected programme) of the plan.
    InterventionId, "intervention"
);
local_id!(
    /// An activity of implementation: a consultation, a linkage, an education session, ...
    ActivityId, "activity"
);
local_id!(
    /// A referral: the closed loop of linking the client with a resource.
    ReferralId, "referral"
);
local_id!(
    /// A recorded evaluation.
    EvaluationId, "evaluation"
);
local_id!(
    /// A version of the plan; revising the plan makes the next one.
    PlanVersion, "plan version"
);
// Issue 14: the everyday record.
local_id!(
    /// A case note: a contact (a home visit, a call, a meeting) written down.
    NoteId, "note"
);

app_id! {
    /// The id of a document in the app's own storage (a file key, a UUID): the engagement
    /// keeps only a reference to it. Same rules as [`EngagementId`].
    DocumentId, "document id"
}
