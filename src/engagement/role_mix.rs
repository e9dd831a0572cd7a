//! The practice mix: how many activities served each role and each function.

use crate::{Function, Role};
use serde::{Deserialize, Serialize};

/// The practice mix of an engagement or a caseload: activities per role and per function.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RoleMix {
    roles: [usize; 5],
    functions: [usize; 3],
}

impl RoleMix {
    /// The mix with these counts per role ([`Role::ALL`] order) and per function
    /// ([`Function::ALL`] order), as a store kept them.
    #[cfg(feature = "postgres")]
    pub(crate) const fn from_counts(roles: [usize; 5], functions: [usize; 3]) -> Self {
        Self { roles, functions }
    }

    /// Counts one activity.
    pub fn add(&mut self, role: Role, function: Function) {
        if let Some(n) = self.roles.get_mut(role as usize) {
            *n = n.saturating_add(1);
        }
        if let Some(n) = self.functions.get_mut(function as usize) {
            *n = n.saturating_add(1);
        }
    }

    /// Adds another mix to this one.
    pub fn merge(&mut self, other: &Self) {
        for (a, b) in self.roles.iter_mut().zip(other.roles) {
            *a = a.saturating_add(b);
        }
        for (a, b) in self.functions.iter_mut().zip(other.functions) {
            *a = a.saturating_add(b);
        }
    }

    /// Activities in which the worker took this role.
    #[must_use]
    pub fn role(&self, role: Role) -> usize {
        self.roles.get(role as usize).copied().unwrap_or(0)
    }

    /// Activities that served this function.
    #[must_use]
    pub fn function(&self, function: Function) -> usize {
        self.functions.get(function as usize).copied().unwrap_or(0)
    }

    /// Every role with its count, in [`Role::ALL`] order.
    pub fn by_role(&self) -> impl Iterator<Item = (Role, usize)> + '_ {
        Role::ALL.iter().map(|&r| (r, self.role(r)))
    }

    /// Every function with its count, in [`Function::ALL`] order.
    pub fn by_function(&self) -> impl Iterator<Item = (Function, usize)> + '_ {
        Function::ALL.iter().map(|&f| (f, self.function(f)))
    }

    /// All activities counted.
    #[must_use]
    pub fn total(&self) -> usize {
        self.roles.iter().sum()
    }
}
