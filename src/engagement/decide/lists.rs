//! Lists in a command: bounded before they are walked, ids known and not repeated.

use super::Decider;
use crate::engagement::bounds::MAX_LIST_LEN;
use crate::engagement::text::{name, text};
use crate::engagement::{Problem, RecordRef};

impl Decider<'_> {
    /// Notes a list longer than [`MAX_LIST_LEN`]; whether the list is within bounds. Every
    /// list is checked before it is walked, so no command costs more than its bound.
    pub(super) fn bounded(&mut self, field: &'static str, count: usize) -> bool {
        crate::engagement::bounds::within(field, count, MAX_LIST_LEN, self.problems)
    }

    /// Checks a list of ids: within bounds, each existing, none repeated. Whether it was
    /// within bounds.
    pub(super) fn known<T: Copy + Ord>(
        &mut self,
        field: &'static str,
        ids: &[T],
        exists: impl Fn(T) -> bool,
        as_ref: fn(T) -> RecordRef,
    ) -> bool {
        if !self.bounded(field, ids.len()) {
            return false;
        }
        let mut seen = std::collections::BTreeSet::new();
        for &id in ids {
            if !exists(id) {
                self.problems.push(Problem::Unknown(as_ref(id)));
            } else if !seen.insert(id) {
                self.problems.push(Problem::Repeated(as_ref(id)));
            }
        }
        true
    }

    /// A non-empty list of short texts.
    pub(super) fn names(&mut self, field: &'static str, values: &[String]) -> Vec<String> {
        if values.is_empty() {
            self.problems.push(Problem::EmptyList { field });
        }
        if !self.bounded(field, values.len()) {
            return Vec::new();
        }
        values
            .iter()
            .map(|v| name(field, v, self.problems))
            .collect()
    }

    /// A list (possibly empty) of long texts.
    pub(super) fn texts(&mut self, field: &'static str, values: &[String]) -> Vec<String> {
        if !self.bounded(field, values.len()) {
            return Vec::new();
        }
        values
            .iter()
            .map(|v| text(field, v, self.problems))
            .collect()
    }
}

/// The list without repeats, in first-seen order.
pub(super) fn dedup<T: Clone + Ord>(items: &[T]) -> Vec<T> {
    let mut seen = std::collections::BTreeSet::new();
    let mut out: Vec<T> = Vec::with_capacity(items.len());
    for item in items {
        if seen.insert(item) {
            out.push(item.clone());
        }
    }
    out
}
