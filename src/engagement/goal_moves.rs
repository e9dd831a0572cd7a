//! A goal's lifecycle as data: which status may follow which.
//!
//! A goal is proposed, agreed (the client system agreeing to its plan agrees it; the worker
//! accepting a member's proposal agrees it too), worked on, and ends achieved, not achieved or
//! dropped. The statuses keep HL7 FHIR Goal's names (`accepted` is agreed, `active` in
//! progress, `completed` achieved, `cancelled` dropped) so stored records read as before.

use crate::engagement::GoalStatus;

/// Every move a goal's status may make, as (from, to). A status not listed as a `from` is an
/// end: achieved, not achieved and dropped goals stay so (revise the plan with a new goal).
///
/// ```
/// use pendamping::GoalStatus;
/// assert!(GoalStatus::Proposed.can_move_to(GoalStatus::Accepted));
/// assert!(!GoalStatus::Completed.can_move_to(GoalStatus::Proposed));
/// ```
pub const GOAL_MOVES: &[(GoalStatus, GoalStatus)] = {
    use GoalStatus::*;
    &[
        (Proposed, Accepted),
        (Proposed, Cancelled),
        (Accepted, Active),
        (Accepted, OnHold),
        (Accepted, Completed),
        (Accepted, NotAchieved),
        (Accepted, Cancelled),
        (Active, OnHold),
        (Active, Completed),
        (Active, NotAchieved),
        (Active, Cancelled),
        (OnHold, Active),
        (OnHold, Cancelled),
    ]
};

impl GoalStatus {
    /// Whether a goal may move from this status to `to` ([`GOAL_MOVES`]).
    #[must_use]
    pub fn can_move_to(self, to: Self) -> bool {
        GOAL_MOVES.contains(&(self, to))
    }

    /// The statuses this one may move to, in [`GOAL_MOVES`] order.
    pub fn targets(self) -> impl Iterator<Item = Self> {
        GOAL_MOVES
            .iter()
            .filter(move |(from, _)| *from == self)
            .map(|&(_, to)| to)
    }

    /// Whether the goal's course is over: achieved, not achieved or dropped.
    #[must_use]
    pub fn is_ended(self) -> bool {
        self.targets().next().is_none()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use GoalStatus::*;

    /// Every cell of the table: from each status to each status, allowed or not.
    #[test]
    fn every_cell_of_the_goal_table() {
        let allowed: &[(GoalStatus, &[GoalStatus])] = &[
            (Proposed, &[Accepted, Cancelled]),
            (
                Accepted,
                &[Active, OnHold, Completed, NotAchieved, Cancelled],
            ),
            (Active, &[OnHold, Completed, NotAchieved, Cancelled]),
            (OnHold, &[Active, Cancelled]),
            (Completed, &[]),
            (Cancelled, &[]),
            (NotAchieved, &[]),
        ];
        assert_eq!(allowed.len(), GoalStatus::ALL.len());
        for &(from, targets) in allowed {
            for &to in GoalStatus::ALL {
                assert_eq!(
                    from.can_move_to(to),
                    targets.contains(&to),
                    "{} -> {}",
                    from.as_str(),
                    to.as_str()
                );
            }
            assert_eq!(from.is_ended(), targets.is_empty(), "{}", from.as_str());
        }
    }
}
