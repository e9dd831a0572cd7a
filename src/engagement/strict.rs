//! Unknown JSON members are refused, everywhere in the engagement's serde forms.
//!
//! A [`Command`](crate::Command) or an [`Opening`](crate::Opening) from a front end, an
//! [`Event`](crate::Event) or [`Recorded`](crate::Recorded) read from a store, and every record,
//! actor, team member and policy inside them refuse a member they do not have, with a serde
//! error naming it (``unknown field `review`, expected `reason` or `review_on` ``). A misspelt
//! optional member would otherwise be dropped without a word, and an event read back would no
//! longer be the event that was written.
//!
//! So a newer writer that adds a member to an event writes a new journal format version, which
//! this version refuses as a whole with a clear error rather than loading it less the member.
//! Members left out that have a default (empty lists, `None` options, the policy's defaults)
//! are still read with it.

use serde::Deserialize;

/// Reads a variant without members (such as `close`) and refuses any member given with it, as
/// variants with members refuse the ones they do not have.
pub(crate) fn no_members<'de, D: serde::Deserializer<'de>>(
    deserializer: D,
) -> Result<(), D::Error> {
    #[derive(Deserialize)]
    #[serde(deny_unknown_fields)]
    struct NoMembers {}
    NoMembers::deserialize(deserializer).map(|NoMembers {}| ())
}
