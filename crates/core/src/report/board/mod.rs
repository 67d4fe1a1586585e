//! The board report of a cycle: the partnership's account of its audit round, drafted
//! by osa and worded by its analyst.
//!
//! - [`Words`]: what the analyst writes, per [`Section`] and per standard
//!   ([`Finding`]: strengths and areas for development). Each section has osa's
//!   default draft, in plain English for a board, until it is written.
//! - [`Figures`]: every figure the report quotes, as plain serialisable data made
//!   from the dashboard's own arithmetic (`crate::analytics`), so a finalised report
//!   keeps its figures frozen as JSON and shows exactly what the dashboard showed.
//! - [`document`]: lays the whole report out as a [`super::Document`] (headings,
//!   tables, charts with their tables beside them, appendices), for every exporter.
//!
//! Every figure states its denominator in words ("14 of 20 organisations (70%)
//! submitted a return"). Pure: no I/O, no clock; callers pass dates already worded.

mod figures;
mod layout;
mod sentences;
mod words;

#[cfg(test)]
mod fixtures;
#[cfg(test)]
mod tests;

pub use figures::{
    ActionFigure, Count, CriterionOutline, Figures, FrameworkOutline, HeatRow, MeetingFigure, OtherFramework,
    Participant, ResponseFigures, StandardFigures, StandardOutline, ThemeFigures, participants,
    participants_and_heat,
};
pub use layout::{Status, document};
pub use sentences::{response_sentence, standard_sentence};
pub use words::{Finding, MAX_WORDS_CHARS, Section, Words, WordsError, check_text};
