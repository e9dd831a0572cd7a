//! Evaluation: scoring the plan in force and deciding the next step.

use super::Decider;
use crate::engagement::text::optional_text;
use crate::engagement::{
    Decision, Evaluation, EvaluationId, Event, GoalEvaluation, Problem, RecordRef,
};

impl Decider<'_> {
    pub(super) fn record_evaluation(
        &mut self,
        scores: &[GoalEvaluation],
        notes: Option<&str>,
        decision: Decision,
    ) -> Event {
        let e = self.e;
        let plan = e.plan();
        if scores.is_empty() {
            self.problems.push(Problem::EmptyList { field: "scores" });
        }
        let mut seen = std::collections::BTreeSet::new();
        let bounded = self.bounded("scores", scores.len());
        for score in scores.iter().filter(|_| bounded) {
            if !seen.insert(score.goal) {
                self.problems
                    .push(Problem::Repeated(RecordRef::Goal(score.goal)));
            } else if e.goal(score.goal).is_none() {
                self.problems
                    .push(Problem::Unknown(RecordRef::Goal(score.goal)));
            } else if !plan.has_goal(score.goal) {
                self.problems.push(Problem::GoalNotInPlan {
                    goal: score.goal,
                    plan: plan.version,
                });
            }
        }
        Event::EvaluationRecorded {
            evaluation: Evaluation {
                id: EvaluationId::at_index(e.evaluations.len()),
                at: self.at,
                plan: plan.version,
                scores: scores.to_vec(),
                notes: optional_text("notes", notes, self.problems),
                decision,
                confidentiality: None,
            },
        }
    }
}
