//! Evaluation: scoring the plan in force and deciding the next step.

use super::Decider;
use crate::engagement::text::{optional_text, text};
use crate::engagement::{
    Decision, Evaluation, EvaluationId, EvaluationView, Event, GoalEvaluation, Problem, RecordRef,
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
                views: Vec::new(),
            },
        }
    }

    pub(super) fn add_evaluation_view(
        &mut self,
        evaluation: EvaluationId,
        words: &str,
        ratings: &[GoalEvaluation],
    ) -> Event {
        let e = self.e;
        let plan = match e.evaluation(evaluation) {
            None => {
                self.problems
                    .push(Problem::Unknown(RecordRef::Evaluation(evaluation)));
                None
            }
            Some(v) => v.plan.index().and_then(|i| e.plans().get(i)),
        };
        let mut seen = std::collections::BTreeSet::new();
        let bounded = self.bounded("ratings", ratings.len());
        for rating in ratings.iter().filter(|_| bounded) {
            if !seen.insert(rating.goal) {
                self.problems
                    .push(Problem::Repeated(RecordRef::Goal(rating.goal)));
            } else if e.goal(rating.goal).is_none() {
                self.problems
                    .push(Problem::Unknown(RecordRef::Goal(rating.goal)));
            } else if let Some(plan) = plan.filter(|p| !p.has_goal(rating.goal)) {
                self.problems.push(Problem::GoalNotInPlan {
                    goal: rating.goal,
                    plan: plan.version,
                });
            }
        }
        Event::EvaluationViewAdded {
            evaluation,
            view: EvaluationView {
                member: self.by.id.clone(),
                text: text("text", words, self.problems),
                ratings: if bounded {
                    ratings.to_vec()
                } else {
                    Vec::new()
                },
            },
        }
    }
}
