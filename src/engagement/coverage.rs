//! Whether a plan covers the open needs: the check for leaving planning. It reads each need
//! and each goal's list of needs once, so a plan of ten thousand goals costs what reading it
//! costs (the check used to compare every need with every goal).

use crate::engagement::{Engagement, Goal, NeedId, NeedStatus, Plan, RecordRef};

/// The plan's goals that count: recorded and not cancelled, in the plan's order.
pub(crate) fn counted_goals<'a>(e: &'a Engagement, plan: &'a Plan) -> Vec<&'a Goal> {
    plan.goals
        .iter()
        .filter_map(|&g| e.goal(g))
        .filter(|g| g.counts() && !e.is_retracted(RecordRef::Goal(g.id)))
        .collect()
}

/// The open needs that none of `goals` addresses, in need order.
pub(crate) fn needs_without_goal(e: &Engagement, goals: &[&Goal]) -> Vec<NeedId> {
    // One flag per recorded need, set by the goals: ids are positions, so no search.
    let mut addressed = vec![false; e.needs.len()];
    for goal in goals {
        for need in &goal.addresses {
            step();
            if let Some(flag) = need.index().and_then(|i| addressed.get_mut(i)) {
                *flag = true;
            }
        }
    }
    e.needs
        .iter()
        .zip(addressed)
        .filter(|(need, addressed)| {
            step();
            need.status == NeedStatus::Open
                && !addressed
                && !e.is_retracted(RecordRef::Need(need.id))
        })
        .map(|(need, _)| need.id)
        .collect()
}

/// Whether one of the plan's interventions serves one of its counted goals.
pub(crate) fn plan_has_served_goal(e: &Engagement, plan: &Plan) -> bool {
    plan.interventions
        .iter()
        .filter_map(|&i| e.intervention(i))
        .filter(|i| !e.is_retracted(RecordRef::Intervention(i.id)))
        .any(|i| {
            i.serves.iter().any(|&g| {
                step();
                plan.has_goal(g)
                    && !e.is_retracted(RecordRef::Goal(g))
                    && e.goal(g).is_some_and(Goal::counts)
            })
        })
}

/// Counts one unit of work for the tests, which check the count grows linearly; nothing in a
/// normal build.
#[inline(always)]
fn step() {
    #[cfg(test)]
    tests::STEPS.with(|s| s.set(s.get().saturating_add(1)));
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engagement::{GoalId, GoalStatus, Priority};
    use crate::{Actor, ActorKind, ClientSystem, ClientSystemLevel, Command, EngagementId};
    use crate::{Function, Opening, Policy, ResourceKind, Responsible, Role, Stage, TeamMember};
    use chrono::{TimeZone, Utc};
    use std::cell::Cell;

    thread_local! {
        pub(super) static STEPS: Cell<usize> = const { Cell::new(0) };
    }

    /// An engagement in planning with `n` open needs, `n` goals (goal i addresses need i) and
    /// one intervention serving the last goal.
    fn planned(n: usize) -> Engagement {
        let w = Actor::new("w:1", ActorKind::SocialWorker).unwrap();
        let at = Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 0).unwrap();
        let mut e = Engagement::open(
            &w,
            at,
            Opening {
                id: EngagementId::new("e").unwrap(),
                client: ClientSystem {
                    level: ClientSystemLevel::Family,
                    name: "K".into(),
                },
                team: vec![TeamMember {
                    id: w.id.clone(),
                    kind: ActorKind::SocialWorker,
                    name: "W".into(),
                }],
                policy: Policy::default(),
            },
        )
        .unwrap();
        let mut run = |c| e.execute(&w, at, c).map(|_| ()).unwrap();
        for _ in 0..n {
            run(Command::RecordNeed {
                domain: "d".into(),
                description: "x".into(),
                priority: Priority::Low,
                confidentiality: None,
            });
        }
        run(Command::RecordResource {
            kind: ResourceKind::Personal,
            description: "s".into(),
            holder: None,
            barriers: vec![],
            service: None,
            confidentiality: None,
        });
        run(Command::MoveToStage {
            to: Stage::Planning,
            reason: None,
            termination: None,
        });
        for i in 0..n {
            run(Command::AddGoal {
                description: "g".into(),
                addresses: vec![NeedId::at_index(i)],
                scale: None,
            });
        }
        run(Command::AddIntervention {
            description: "i".into(),
            serves: vec![GoalId::at_index(n - 1)],
            function: Function::ProblemSolvingConsultation,
            role: Role::Enabler,
            responsible: Responsible::Worker,
            uses: vec![],
        });
        e
    }

    /// The units of work of the whole check on an engagement.
    fn steps(e: &Engagement) -> (usize, Vec<NeedId>, bool) {
        STEPS.with(|s| s.set(0));
        let goals = counted_goals(e, e.plan());
        let uncovered = needs_without_goal(e, &goals);
        let served = plan_has_served_goal(e, e.plan());
        (STEPS.with(Cell::get), uncovered, served)
    }

    #[test]
    fn the_check_is_linear_in_needs_and_goals() {
        let small = planned(100);
        let large = planned(2_000);
        let (few, uncovered, served) = steps(&small);
        assert!(uncovered.is_empty());
        assert!(served);
        let (many, uncovered, _) = steps(&large);
        assert!(uncovered.is_empty());
        // 20 times the needs and goals: linear work is about 20 times as much; comparing every
        // need with every goal would be 400 times.
        assert!(many <= few * 25, "{few} steps at 100, {many} at 2000");
        assert!(many >= 2_000, "every need is read: {many}");
    }

    #[test]
    fn uncovered_and_unserved_plans_are_found() {
        let mut e = planned(3);
        // Goal 2 cancelled: need 2 loses its only goal.
        e.goals[1].status = GoalStatus::Cancelled;
        let (_, uncovered, served) = steps(&e);
        assert_eq!(uncovered, [NeedId(2)]);
        assert!(served);
        // The only intervention serves goal 3; with it cancelled nothing is served.
        e.goals[2].status = GoalStatus::Cancelled;
        let (_, uncovered, served) = steps(&e);
        assert_eq!(uncovered, [NeedId(2), NeedId(3)]);
        assert!(!served);
        // A met need needs no goal.
        e.needs[1].status = NeedStatus::Met { note: None };
        assert_eq!(steps(&e).1, [NeedId(3)]);
    }
}
