//! The arithmetic of a cycle's dashboards, as report structs ready to render as tables
//! and charts.
//!
//! The caller reads plain [`OrganisationFacts`] from the per-return summaries of one
//! cycle (organisation, sector, duty, partnerships served, invitation state, standing
//! per standard, numeric answers) and chooses a view with a [`Filter`], which gives a
//! [`Cohort`]: each organisation once, in name order. From a cohort:
//!
//! - [`response_rate`]: submitted of invited, confirmed non-submissions apart, and who
//!   is outstanding;
//! - [`standard_shares`]: per standard, the share fully, partially and not met, of
//!   the organisations for whom it applies, with those answering it not applicable
//!   counted apart; [`criterion_shares`]: the same per criterion;
//! - [`row_basis`], [`table_basis`]: what those shares divide by, in words;
//! - [`heat_map`]: organisations by standards;
//! - [`by_sector`], [`by_duty`], [`by_partnership`]: the shares within each group;
//! - [`change_since`]: per standard, the change from the previous cycle's cohort;
//! - [`criterion_distribution`]: a numeric criterion's summary and histogram;
//! - [`benchmark`]: one organisation beside its sector, from five organisations up;
//! - [`stacked_bars`]: the chart model of the shares (segments with start and width).
//!
//! A cycle asking some sectors for another framework is analysed per framework:
//! [`frameworks_asked`] lists them (the main one first) and [`Cohort::asked_for`]
//! narrows a view to one, so one framework's returns never enter another's figures;
//! [`asked_words`] and [`overall_basis`] say what each rate divides by.
//!
//! [`survey_comparison`] sets practitioner survey tallies beside self-ratings.
//!
//! Guarantees that hold throughout: only submitted returns are counted in results;
//! "not applicable" never enters a share; empty inputs give zeros (never a division by
//! zero or NaN); every percentage shown is [`percent`]: a whole number rounded half up
//! on its own, so a share's figure depends only on its numerator and denominator
//! (a row may add up to 99 or 101); the same facts in any order give the same output. Everything here is pure: no I/O,
//! no clock, no randomness.

mod basis;
mod benchmark;
mod breakdown;
mod change;
mod chart;
mod cohort;
mod distribution;
mod facts;
mod heatmap;
mod order;
mod percent;
mod response;
mod sections;
mod shares;
mod survey;

#[cfg(test)]
mod fixtures;
#[cfg(test)]
mod proptests;

pub use basis::{row_basis, table_basis};
pub use benchmark::{Benchmark, BenchmarkRow, MIN_GROUP_FOR_COMPARISON, SectorComparison, benchmark};
pub use breakdown::{Group, by_duty, by_partnership, by_sector};
pub use change::{Movement, StandardChange, change_since};
pub use chart::{Segment, StackedBar, stacked_bars};
pub use cohort::{Cohort, Filter};
pub use distribution::{Bin, Distribution, Scale, Summary, criterion_distribution, distribution};
pub use facts::{Answered, InvitationState, OrganisationFacts, StandardHeading};
pub use heatmap::{HeatMap, HeatMapRow, heat_map};
pub use percent::{percent, whole_percentages};
pub use response::{Confirmed, Outstanding, ResponseRate, response_rate};
pub use sections::{asked_words, frameworks_asked, overall_basis};
pub use shares::{
    CriterionHeading, CriterionShares, Outcome, Share, StandardShares, Tally, criterion_shares,
    standard_shares,
};
pub use survey::{
    Difference, LARGE_DIFFERENCE_POINTS, MIN_SURVEY_RESPONSES, PractitionerView, SelfRating,
    SurveyComparison, SurveyTally, survey_comparison,
};
