//! [`Status`]: where an engagement stands, and its two text forms.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::vocab::ParseError;
use crate::{Lang, Stage};

/// Where an engagement stands: active in a stage, on hold in a stage, or closed.
///
/// `Ord` puts every active status first, then every on-hold status, then `Closed`, each group in
/// the stages' order; [`Status::ALL`] lists them that way.
///
/// Two text forms: [`Status::as_str`] is a stable one-word name for logs and messages
/// (`active(planning)`, `on_hold(evaluation)`, `closed`); serde uses the externally tagged
/// `snake_case` form, `{"active":"planning"}`, `{"on_hold":"evaluation"}`, `"closed"`. Both
/// are stable.
///
/// ```
/// use pendamping::{Lang, Stage, Status};
///
/// let status = Status::OnHold(Stage::Evaluation);
/// assert_eq!(status.stage(), Some(Stage::Evaluation));
/// assert_eq!(status.as_str(), "on_hold(evaluation)");
/// assert_eq!(status.label(Lang::Id), "Ditunda: Evaluasi");
/// assert_eq!(status.to_string(), "On hold: Evaluation");
/// assert_eq!(serde_json::to_string(&status)?, r#"{"on_hold":"evaluation"}"#);
/// assert_eq!(serde_json::to_string(&Status::Closed)?, r#""closed""#);
/// # Ok::<(), serde_json::Error>(())
/// ```
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// Work is going on in this stage.
    Active(Stage),
    /// Work is paused in this stage and resumes in it.
    OnHold(Stage),
    /// The engagement has ended; only reopening leads out.
    Closed,
}

/// How many statuses there are: five active, five on hold, closed.
pub(super) const STATUSES: usize = 11;

impl Status {
    /// Every status, in `Ord` order.
    pub const ALL: [Self; STATUSES] = [
        Self::Active(Stage::NeedsAssessment),
        Self::Active(Stage::Planning),
        Self::Active(Stage::Implementation),
        Self::Active(Stage::Evaluation),
        Self::Active(Stage::Termination),
        Self::OnHold(Stage::NeedsAssessment),
        Self::OnHold(Stage::Planning),
        Self::OnHold(Stage::Implementation),
        Self::OnHold(Stage::Evaluation),
        Self::OnHold(Stage::Termination),
        Self::Closed,
    ];

    /// The stage the work is in (active or paused), or `None` when closed.
    #[must_use]
    pub const fn stage(self) -> Option<Stage> {
        match self {
            Self::Active(stage) | Self::OnHold(stage) => Some(stage),
            Self::Closed => None,
        }
    }

    /// The stable one-word name: `active(<stage>)`, `on_hold(<stage>)` or `closed`, with the
    /// stage's `snake_case` name. Error messages use it; [`FromStr`](core::str::FromStr) reads it.
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        use Stage::{Evaluation, Implementation, NeedsAssessment, Planning, Termination};
        match self {
            Self::Active(NeedsAssessment) => "active(needs_assessment)",
            Self::Active(Planning) => "active(planning)",
            Self::Active(Implementation) => "active(implementation)",
            Self::Active(Evaluation) => "active(evaluation)",
            Self::Active(Termination) => "active(termination)",
            Self::OnHold(NeedsAssessment) => "on_hold(needs_assessment)",
            Self::OnHold(Planning) => "on_hold(planning)",
            Self::OnHold(Implementation) => "on_hold(implementation)",
            Self::OnHold(Evaluation) => "on_hold(evaluation)",
            Self::OnHold(Termination) => "on_hold(termination)",
            Self::Closed => "closed",
        }
    }

    /// The words a worker reads: `Active: Evaluation`, `On hold: Evaluation`, `Closed` in
    /// English; `Aktif: Evaluasi`, `Ditunda: Evaluasi`, `Ditutup` in Indonesian.
    #[must_use]
    pub fn label(self, lang: Lang) -> String {
        let (en, id) = match self {
            Self::Active(_) => ("Active", "Aktif"),
            Self::OnHold(_) => ("On hold", "Ditunda"),
            Self::Closed => ("Closed", "Ditutup"),
        };
        let word = match lang {
            Lang::En => en,
            Lang::Id => id,
        };
        match self.stage() {
            Some(stage) => format!("{word}: {}", stage.label(lang)),
            None => word.to_owned(),
        }
    }
}

impl fmt::Display for Status {
    /// The English label.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(&self.label(Lang::En))
    }
}

impl core::str::FromStr for Status {
    type Err = ParseError;

    /// Reads the [`Status::as_str`] form, ignoring case and surrounding whitespace.
    ///
    /// ```
    /// use pendamping::{Stage, Status};
    ///
    /// assert_eq!(" On_Hold(planning) ".parse::<Status>()?, Status::OnHold(Stage::Planning));
    /// assert_eq!(
    ///     "paused".parse::<Status>().unwrap_err().to_string(),
    ///     "unknown status \"paused\": expected one of active(needs_assessment), \
    ///      active(planning), active(implementation), active(evaluation), \
    ///      active(termination), on_hold(needs_assessment), on_hold(planning), \
    ///      on_hold(implementation), on_hold(evaluation), on_hold(termination), closed"
    /// );
    /// # Ok::<(), pendamping::ParseError>(())
    /// ```
    fn from_str(input: &str) -> Result<Self, Self::Err> {
        let wanted = input.trim();
        if wanted.is_empty() {
            return Err(ParseError::Empty {
                vocabulary: "status",
            });
        }
        Self::ALL
            .into_iter()
            .find(|s| wanted.eq_ignore_ascii_case(s.as_str()))
            .ok_or_else(|| {
                ParseError::unknown("status", input, Self::ALL.iter().map(|s| s.as_str()))
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn as_str_is_built_from_the_stage_names() {
        for status in Status::ALL {
            let expected = match status {
                Status::Active(s) => format!("active({})", s.as_str()),
                Status::OnHold(s) => format!("on_hold({})", s.as_str()),
                Status::Closed => "closed".to_owned(),
            };
            assert_eq!(status.as_str(), expected);
        }
    }
}
