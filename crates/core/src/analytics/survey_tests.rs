//! The survey comparison on hand-worked cases, at each boundary of the rule.

use super::*;
use Rating::*;

fn rating(organisation: i64, criterion: &str, rating: Rating) -> SelfRating {
    SelfRating { organisation, criterion: criterion.into(), rating }
}

fn tally(organisation: i64, criterion: &str, positive: usize, responses: usize) -> SurveyTally {
    SurveyTally { organisation, criterion: criterion.into(), responses, positive }
}

/// The flag for one self-rating against `positive` of `responses`.
fn flag(r: Rating, positive: usize, responses: usize) -> Option<Difference> {
    let rows = survey_comparison(&[rating(1, "1.1", r)], &[tally(1, "1.1", positive, responses)]);
    assert_eq!(rows.len(), 1);
    rows[0].flag
}

fn percent(row: &SurveyComparison) -> Option<u32> {
    match row.practitioners {
        PractitionerView::Positive { percent, .. } => Some(percent),
        PractitionerView::TooFewResponses => None,
    }
}

#[test]
fn met_is_flagged_when_under_60_per_cent_are_positive() {
    assert_eq!(flag(Met, 3, 5), None, "60% is not under 60%");
    assert_eq!(flag(Met, 2, 5), Some(Difference::PractitionersLessPositive), "40%");
    assert_eq!(flag(Met, 59, 100), Some(Difference::PractitionersLessPositive));
    assert_eq!(flag(Met, 119, 200), None, "59.5% shows as 60%: the flag agrees with the figure");
    assert_eq!(flag(Met, 5, 5), None);
}

#[test]
fn partially_met_is_flagged_when_under_10_or_over_90_per_cent() {
    assert_eq!(flag(PartiallyMet, 0, 10), Some(Difference::PractitionersLessPositive));
    assert_eq!(flag(PartiallyMet, 1, 10), None, "10% is 40 points off: not more");
    assert_eq!(flag(PartiallyMet, 9, 10), None, "90%");
    assert_eq!(flag(PartiallyMet, 10, 10), Some(Difference::PractitionersMorePositive));
    assert_eq!(flag(PartiallyMet, 91, 100), Some(Difference::PractitionersMorePositive));
}

#[test]
fn not_met_is_flagged_when_over_40_per_cent_are_positive() {
    assert_eq!(flag(NotMet, 2, 5), None, "40%");
    assert_eq!(flag(NotMet, 3, 5), Some(Difference::PractitionersMorePositive), "60%");
    assert_eq!(flag(NotMet, 0, 5), None);
}

#[test]
fn not_applicable_and_missing_self_ratings_are_never_flagged() {
    assert_eq!(flag(NotApplicable, 0, 10), None);
    let rows = survey_comparison(&[], &[tally(1, "1.1", 0, 10)]);
    assert_eq!((rows[0].self_rating, rows[0].flag, percent(&rows[0])), (None, None, Some(0)));
}

#[test]
fn fewer_than_five_responses_show_nothing_and_flag_nothing() {
    let rows = survey_comparison(&[rating(1, "1.1", Met)], &[tally(1, "1.1", 0, 4)]);
    assert_eq!(rows[0].practitioners, PractitionerView::TooFewResponses);
    assert_eq!(rows[0].flag, None);
    let rows = survey_comparison(&[rating(1, "1.1", Met)], &[tally(1, "1.1", 0, 5)]);
    assert_eq!(rows[0].practitioners, PractitionerView::Positive { responses: 5, positive: 0, percent: 0 });
    assert_eq!(rows[0].flag, Some(Difference::PractitionersLessPositive));
    let rows = survey_comparison(&[rating(1, "1.1", Met)], &[]);
    assert_eq!(rows[0].practitioners, PractitionerView::TooFewResponses, "no survey at all");
}

#[test]
fn tallies_for_the_same_criterion_are_added_before_the_minimum_is_checked() {
    let rows = survey_comparison(&[rating(1, "1.1", Met)], &[tally(1, "1.1", 1, 3), tally(1, "1.1", 1, 3)]);
    assert_eq!(rows[0].practitioners, PractitionerView::Positive { responses: 6, positive: 2, percent: 33 });
    assert_eq!(rows[0].flag, Some(Difference::PractitionersLessPositive));
}

#[test]
fn impossible_tallies_are_capped() {
    let rows = survey_comparison(&[], &[tally(1, "1.1", 9, 5)]);
    assert_eq!(rows[0].practitioners, PractitionerView::Positive { responses: 5, positive: 5, percent: 100 });
}

#[test]
fn a_repeated_self_rating_counts_as_the_lower() {
    assert_eq!(lower(Met, NotMet), NotMet);
    assert_eq!(lower(PartiallyMet, Met), PartiallyMet);
    assert_eq!(lower(NotApplicable, Met), Met);
    let rows =
        survey_comparison(&[rating(1, "1.1", Met), rating(1, "1.1", NotMet)], &[tally(1, "1.1", 5, 5)]);
    assert_eq!(
        (rows[0].self_rating, rows[0].flag),
        (Some(NotMet), Some(Difference::PractitionersMorePositive))
    );
}

#[test]
fn rows_are_in_organisation_then_criterion_order_whatever_the_input_order() {
    let ratings = vec![rating(2, "1.10", Met), rating(1, "2.1", Met), rating(2, "1.9", PartiallyMet)];
    let tallies = vec![tally(2, "1.9", 5, 5), tally(1, "1.1", 3, 6), tally(2, "1.10", 1, 8)];
    let rows = survey_comparison(&ratings, &tallies);
    let keys: Vec<_> = rows.iter().map(|r| (r.organisation, r.criterion.as_str())).collect();
    assert_eq!(keys, [(1, "1.1"), (1, "2.1"), (2, "1.9"), (2, "1.10")]);
    let (mut r2, mut t2) = (ratings.clone(), tallies.clone());
    r2.reverse();
    t2.rotate_left(1);
    assert_eq!(survey_comparison(&r2, &t2), rows);
}

#[test]
fn nothing_given_gives_nothing() {
    assert!(survey_comparison(&[], &[]).is_empty());
    assert_eq!(
        Difference::PractitionersLessPositive.label(),
        "Practitioners less positive than the self-assessment"
    );
}
