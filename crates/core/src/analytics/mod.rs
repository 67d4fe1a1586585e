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
//! - [`standard_shares`]: per standard, the share fully, partially and not met;
//! - [`heat_map`]: organisations by standards;
//! - [`by_sector`], [`by_duty`], [`by_partnership`]: the shares within each group;
//! - [`change_since`]: per standard, the change from the previous cycle's cohort;
//! - [`criterion_distribution`]: a numeric criterion's summary and histogram;
//! - [`benchmark`]: one organisation beside its sector, from five organisations up;
//! - [`stacked_bars`]: the chart model of the shares (segments with start and width).
//!
//! [`survey_comparison`] sets practitioner survey tallies beside self-ratings.
//!
//! Guarantees that hold throughout: only submitted returns are counted in results;
//! empty inputs give zeros (never a division by zero or NaN); every percentage is a
//! whole number, and shares of one whole add up to exactly 100 ([`whole_percentages`]);
//! the same facts in any order give the same output. Everything here is pure: no I/O,
//! no clock, no randomness.

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
mod shares;
mod survey;

#[cfg(test)]
mod fixtures;
#[cfg(test)]
mod proptests;

pub use benchmark::{Benchmark, BenchmarkRow, MIN_GROUP_FOR_COMPARISON, SectorComparison, benchmark};
pub use breakdown::{Group, by_duty, by_partnership, by_sector};
pub use change::{Movement, StandardChange, change_since};
pub use chart::{Segment, StackedBar, stacked_bars};
pub use cohort::{Cohort, Filter};
pub use distribution::{Bin, Distribution, Scale, Summary, criterion_distribution, distribution};
pub use facts::{InvitationState, OrganisationFacts, StandardHeading};
pub use heatmap::{HeatMap, HeatMapRow, heat_map};
pub use percent::{rate_percent, whole_percentages};
pub use response::{Outstanding, ResponseRate, response_rate};
pub use shares::{Outcome, Share, StandardShares, standard_shares};
pub use survey::{
    Difference, LARGE_DIFFERENCE_POINTS, MIN_SURVEY_RESPONSES, PractitionerView, SelfRating,
    SurveyComparison, SurveyTally, survey_comparison,
};
