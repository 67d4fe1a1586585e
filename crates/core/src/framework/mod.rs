//! Frameworks: the standards and criteria organisations assess themselves against.
//!
//! A framework travels as a TOML file (see `docs/framework-format.md`). [`parse`]
//! and [`parse_bytes`] turn a file into a validated [`Framework`] or into every
//! problem found, each with its line and what was expected; [`to_toml`] writes one
//! back; [`check_mappings`] checks `maps_to` against the other frameworks osa knows;
//! [`standing`] turns a standard's ratings into green, amber or red; [`compare`] says
//! what changed between two versions.
//!
//! Everything here is pure: no I/O, no clock, no randomness.

mod diff;
mod error;
mod export;
mod fields;
mod local;
mod mappings;
mod model;
mod parse;
mod read;
mod specs;
mod standing;

#[cfg(test)]
mod limit_tests;
#[cfg(test)]
mod proptests;
#[cfg(test)]
mod rule_tests;
#[cfg(test)]
mod tests;

pub use diff::{Changes, CriterionRef, Reworded, compare};
pub use error::{FileError, MAX_ERRORS};
pub use export::to_toml;
pub use local::{LocalQuestion, with_local_questions};
pub use mappings::check_mappings;
pub use model::{
    AnswerType, Audience, Criterion, Framework, Mapping, Rating, Standard, Standing, StandingRule,
};
pub use parse::{parse, parse_bytes};
pub use specs::{MAX_CRITERIA, MAX_FILE_BYTES, MAX_STANDARDS, MAX_TEXT_CHARS};
pub use standing::standing;
