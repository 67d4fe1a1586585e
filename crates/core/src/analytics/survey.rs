//! Practitioner survey beside self-assessment: for each organisation and criterion,
//! the organisation's own rating beside the share of its practitioners who answered
//! positively, with large differences flagged for challenge.
//!
//! The rule for a large difference: each self-rating implies a share of practitioners
//! who would answer positively: met 100%, partially met 50%, not met 0%. The difference
//! is large when the actual share is more than [`LARGE_DIFFERENCE_POINTS`] (40) points
//! away from it. So a criterion self-rated met is flagged when fewer than 60% of
//! practitioners are positive; partially met when fewer than 10% or more than 90% are;
//! not met when more than 40% are. Not applicable (or no self-rating) is never flagged.
//!
//! Guarantees: no share and no flag is ever worked out from fewer than
//! [`MIN_SURVEY_RESPONSES`] responses, to protect the anonymity of the practitioners
//! who answered; the rule is applied to the whole percentage shown, so a flag always
//! agrees with the figure beside it (59.5% shows as 60% and is not flagged); rows come
//! in a fixed order (organisation id, then criterion code as people read it) whatever
//! the input order.

use std::collections::BTreeMap;

use serde::Serialize;

use super::order::by_code;
use super::percent::percent;
use crate::framework::Rating;

/// Fewest responses from an organisation's practitioners on a criterion before their
/// answers are shown or compared.
pub const MIN_SURVEY_RESPONSES: usize = 5;

/// How far, in percentage points, practitioners must be from what the self-rating
/// implies for the difference to be flagged.
pub const LARGE_DIFFERENCE_POINTS: u32 = 40;

/// An organisation's own rating of a criterion (yes as met, no as not met).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SelfRating {
    pub organisation: i64,
    pub criterion: String,
    pub rating: Rating,
}

/// Practitioners' answers on one criterion for one organisation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SurveyTally {
    pub organisation: i64,
    pub criterion: String,
    pub responses: usize,
    /// Responses that were positive; more than `responses` counts as all of them.
    pub positive: usize,
}

/// One organisation and criterion: the self-rating beside the practitioners.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SurveyComparison {
    pub organisation: i64,
    pub criterion: String,
    pub self_rating: Option<Rating>,
    pub practitioners: PractitionerView,
    /// Set only when the practitioners are shown and the difference is large.
    pub flag: Option<Difference>,
}

/// What may be shown of the practitioners' answers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum PractitionerView {
    /// Fewer than [`MIN_SURVEY_RESPONSES`] responses: nothing is shown.
    TooFewResponses,
    Positive {
        responses: usize,
        positive: usize,
        percent: u32,
    },
}

/// Which way a large difference points.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Difference {
    /// The organisation rates itself higher than its practitioners do.
    PractitionersLessPositive,
    /// The organisation rates itself lower than its practitioners do.
    PractitionersMorePositive,
}

impl PractitionerView {
    /// What to show in place of figures when there are too few responses.
    pub const TOO_FEW_MESSAGE: &'static str = "Not enough responses to show";
}

impl Difference {
    pub fn label(self) -> &'static str {
        match self {
            Difference::PractitionersLessPositive => "Practitioners less positive than the self-assessment",
            Difference::PractitionersMorePositive => "Practitioners more positive than the self-assessment",
        }
    }
}

/// One row per organisation and criterion found in either input. Tallies given twice
/// for the same organisation and criterion are added together; a self-rating given
/// twice counts as the lower of the two.
pub fn survey_comparison(self_ratings: &[SelfRating], tallies: &[SurveyTally]) -> Vec<SurveyComparison> {
    let mut rows: BTreeMap<(i64, &str), (Option<Rating>, usize, usize)> = BTreeMap::new();
    for r in self_ratings {
        let row = rows.entry((r.organisation, &r.criterion)).or_default();
        row.0 = Some(match row.0 {
            Some(earlier) => lower(earlier, r.rating),
            None => r.rating,
        });
    }
    for t in tallies {
        let row = rows.entry((t.organisation, &t.criterion)).or_default();
        row.1 += t.responses;
        row.2 += t.positive.min(t.responses);
    }
    let mut out: Vec<SurveyComparison> = rows
        .into_iter()
        .map(|((organisation, criterion), (self_rating, responses, positive))| {
            let practitioners = if responses < MIN_SURVEY_RESPONSES {
                PractitionerView::TooFewResponses
            } else {
                PractitionerView::Positive { responses, positive, percent: percent(positive, responses) }
            };
            let flag = match practitioners {
                PractitionerView::Positive { percent, .. } => {
                    self_rating.and_then(|r| difference(r, percent))
                }
                PractitionerView::TooFewResponses => None,
            };
            SurveyComparison {
                organisation,
                criterion: criterion.to_owned(),
                self_rating,
                practitioners,
                flag,
            }
        })
        .collect();
    out.sort_by(|a, b| a.organisation.cmp(&b.organisation).then_with(|| by_code(&a.criterion, &b.criterion)));
    out
}

/// The large difference, if any, between a self-rating and the whole percentage of
/// practitioners who answered positively.
fn difference(rating: Rating, percent: u32) -> Option<Difference> {
    let implied: u32 = match rating {
        Rating::Met => 100,
        Rating::PartiallyMet => 50,
        Rating::NotMet => 0,
        Rating::NotApplicable => return None,
    };
    if percent + LARGE_DIFFERENCE_POINTS < implied {
        Some(Difference::PractitionersLessPositive)
    } else if percent > implied + LARGE_DIFFERENCE_POINTS {
        Some(Difference::PractitionersMorePositive)
    } else {
        None
    }
}

/// The lower of two ratings (not met below partially met below met), not applicable
/// giving way to any real rating.
fn lower(a: Rating, b: Rating) -> Rating {
    let rank = |r: Rating| match r {
        Rating::NotMet => 0,
        Rating::PartiallyMet => 1,
        Rating::Met => 2,
        Rating::NotApplicable => 3,
    };
    if rank(a) <= rank(b) { a } else { b }
}

#[cfg(test)]
#[path = "survey_tests.rs"]
mod tests;
