//! Evaluations: the scores of the plan's goals, the decision that follows, and the views of
//! the others who took part.

use crate::engagement::{Achievement, ActorId, Confidentiality, EvaluationId, GoalId, PlanVersion};
use crate::gas::Level;
use crate::vocab::vocabulary;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
// The docs link to it; the JSON Schemas keep the link's plain text.
#[cfg(doc)]
use crate::Need;

vocabulary! {
    /// What an evaluation decides the next step is; the next stage change must match it.
    ///
    /// Exhaustive: these are the four ways out of evaluation.
    pub enum Decision ("decision") {
        /// Go on with implementation.
        Continue = "continue", en "Continue implementation", id "Lanjutkan penerapan";
        /// Go back to planning.
        RevisePlan = "revise_plan", en "Revise the plan", id "Revisi rencana";
        /// Go back to needs assessment.
        Reassess = "reassess", en "Reassess needs", id "Kaji ulang kebutuhan";
        /// Move on to termination.
        Terminate = "terminate", en "Terminate", id "Akhiri";
    }
}

impl Decision {
    /// The stage this decision leads to.
    #[must_use]
    pub const fn target(self) -> crate::Stage {
        match self {
            Self::Continue => crate::Stage::Implementation,
            Self::RevisePlan => crate::Stage::Planning,
            Self::Reassess => crate::Stage::NeedsAssessment,
            Self::Terminate => crate::Stage::Termination,
        }
    }
}

/// One goal's score in an evaluation.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GoalEvaluation {
    /// The goal.
    pub goal: GoalId,
    /// Its attainment level on the goal's scale (−2..=+2).
    pub level: Level,
    /// How it is going.
    pub achievement: Achievement,
}

/// A recorded evaluation.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Evaluation {
    /// Its id.
    pub id: EvaluationId,
    /// When.
    pub at: DateTime<Utc>,
    /// The plan version evaluated.
    pub plan: PlanVersion,
    /// The goals' scores.
    pub scores: Vec<GoalEvaluation>,
    /// Notes.
    pub notes: Option<String>,
    /// The next step.
    pub decision: Decision,
    /// How confidential it is, when chosen on purpose; `None` takes the default of its kind
    /// ([`Need::confidentiality`] and its peers say which).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub confidentiality: Option<Confidentiality>,
    /// The views the others taking part added, in order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub views: Vec<EvaluationView>,
}

/// Someone's own view of an evaluation: a client-system member's, the community's, a
/// donor's or an agency's, beside the worker's scores.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EvaluationView {
    /// Whose view it is.
    pub member: ActorId,
    /// Their words.
    pub text: String,
    /// Their own rating of goals of the evaluated plan.
    pub ratings: Vec<GoalEvaluation>,
}
