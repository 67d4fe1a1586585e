//! An organisation's assessment: its answers to the criteria of a framework, the
//! task list built from them, the lifecycle of its return and its action plan.
//!
//! - [`parse_answer`] turns what a person typed for one criterion into an [`Answer`],
//!   or into a plain-English message per field. Empty input is always accepted, so a
//!   partly done page can be saved.
//! - [`standard_progress`] gives one standard's status (not started, in progress,
//!   completed) and, once completed, its standing; [`missing_answers`] lists what
//!   blocks submission, in framework order.
//! - [`transition`] is the return's lifecycle (draft, signed off, submitted) and
//!   [`check_version`] refuses a save based on a stale version.
//! - [`carry_forward`] plans a new round from the latest return: every carried answer
//!   is marked "to confirm" until a person confirms or changes it.
//! - [`derive_actions`] turns every amber and red criterion into an action, and
//!   [`is_overdue`] says when an action is past its date.
//! - [`workbook`] holds the rules of the offline workbook: its columns, and what an
//!   uploaded copy would change (or every problem in it).
//!
//! Only criteria that apply to the organisation's sector and duty are ever counted.
//! Everything here is pure: no I/O, no clock (the caller passes today), no randomness.

mod actions;
mod answer;
mod carry;
mod lifecycle;
mod parse;
mod progress;
pub mod sign_off;
mod summary;
pub mod workbook;

#[cfg(test)]
pub(crate) mod fixtures;
#[cfg(test)]
mod parse_tests;
#[cfg(test)]
mod progress_tests;
#[cfg(test)]
mod workbook_tests;

pub use actions::{ActionStatus, DerivedAction, derive_actions, is_overdue, starter_wording};
pub use answer::Answer;
pub use carry::{CarryForward, carry_forward, may_start_round};
pub use lifecycle::{ReturnEvent, ReturnState, SaveCheck, TransitionError, check_version, transition};
pub use parse::{
    FIELD_IMPROVEMENT_ACTION, FIELD_NARRATIVE, FIELD_VALUE, MAX_NUMBER, MAX_WRITTEN_CHARS, RawAnswer,
    parse_answer,
};
pub use progress::{
    Missing, REASON_NARRATIVE, REASON_NO_ANSWER, StandardProgress, TaskStatus, missing_answers,
    standard_progress,
};
pub use summary::{ReturnSummary, StandardSummary, return_summary};
