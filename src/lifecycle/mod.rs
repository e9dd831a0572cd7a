//! The stage lifecycle of an engagement: where the work stands and which moves are allowed.
//!
//! An engagement is always in one [`Status`]: *active* in one of the five
//! [`Stage`](crate::Stage)s, *on hold* in one of them, or *closed*. The moves between statuses are one table of plain data,
//! [`TRANSITIONS`]; every question about the machine ([`kind_of`], [`check`], [`allowed_from`],
//! [`is_terminal`], the [`mermaid`] and [`dot`] diagrams) is answered by reading it, so the
//! rules exist exactly once.
//!
//! What a move *requires* (a recorded need before planning, an agreed plan before
//! implementation, ...) is checked by the engagement; this module only knows which moves exist.
//!
//! | from | to | kind |
//! |---|---|---|
//! | `active(needs_assessment)` | `active(planning)` | advance |
//! | `active(planning)` | `active(needs_assessment)` | reassess |
//! | `active(planning)` | `active(implementation)` | advance |
//! | `active(implementation)` | `active(evaluation)` | advance |
//! | `active(implementation)` | `active(planning)` | revise |
//! | `active(evaluation)` | `active(implementation)` | continue |
//! | `active(evaluation)` | `active(planning)` | revise |
//! | `active(evaluation)` | `active(needs_assessment)` | reassess |
//! | `active(evaluation)` | `active(termination)` | advance |
//! | `active(needs_assessment)` | `active(termination)` | end_early |
//! | `active(planning)` | `active(termination)` | end_early |
//! | `active(implementation)` | `active(termination)` | end_early |
//! | `active(needs_assessment)` | `on_hold(needs_assessment)` | hold |
//! | `active(planning)` | `on_hold(planning)` | hold |
//! | `active(implementation)` | `on_hold(implementation)` | hold |
//! | `active(evaluation)` | `on_hold(evaluation)` | hold |
//! | `active(termination)` | `on_hold(termination)` | hold |
//! | `on_hold(needs_assessment)` | `active(needs_assessment)` | resume |
//! | `on_hold(planning)` | `active(planning)` | resume |
//! | `on_hold(implementation)` | `active(implementation)` | resume |
//! | `on_hold(evaluation)` | `active(evaluation)` | resume |
//! | `on_hold(termination)` | `active(termination)` | resume |
//! | `active(termination)` | `closed` | close |
//! | `closed` | `active(needs_assessment)` | reopen |
//!
//! (A test checks that this rendering and [`TRANSITIONS`] agree.)
//!
//! A [`Lifecycle`] is a status with its dated history; the engagement keeps one. Where only the
//! rule matters (a hot path, a preview), [`check`] and [`Status::transition`] answer without
//! keeping history.
//!
//! ```
//! use chrono::{TimeZone, Utc};
//! use pendamping::{Lifecycle, Stage, Status, TransitionKind, lifecycle};
//!
//! let day = |d| Utc.with_ymd_and_hms(2025, 3, d, 9, 0, 0).unwrap();
//! let mut life = Lifecycle::new(day(1));
//! assert_eq!(life.status(), Status::Active(Stage::NeedsAssessment));
//!
//! assert_eq!(life.transition(Status::Active(Stage::Planning), day(3))?, TransitionKind::Advance);
//! assert_eq!(life.transition(Status::OnHold(Stage::Planning), day(4))?, TransitionKind::Hold);
//!
//! // Closing is only possible from termination; the error lists what is possible instead.
//! let err = life.transition(Status::Closed, day(5)).unwrap_err();
//! assert_eq!(
//!     err.to_string(),
//!     "cannot move from on_hold(planning) to closed: allowed targets are active(planning)"
//! );
//! assert_eq!(life.history().len(), 2); // the failed attempt changed nothing
//!
//! // The rule alone, without a lifecycle:
//! assert_eq!(
//!     lifecycle::kind_of(Status::Active(Stage::Evaluation), Status::Active(Stage::Planning)),
//!     Some(TransitionKind::Revise)
//! );
//! # Ok::<(), pendamping::TransitionError>(())
//! ```

mod diagram;
mod error;
mod history;
mod status;
mod table;

pub use diagram::{dot, mermaid};
pub use error::TransitionError;
pub use history::{Change, Lifecycle, StageTime};
pub use status::Status;
pub use table::{
    TRANSITIONS, Transition, TransitionKind, allowed_from, check, is_terminal, kind_of,
};
