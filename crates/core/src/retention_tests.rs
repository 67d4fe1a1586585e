use proptest::prelude::*;
use time::macros::date;

use super::*;

#[test]
fn a_record_is_due_on_its_sixth_anniversary_and_not_the_day_before() {
    let closed = date!(2020 - 03 - 10);
    assert!(!is_due(closed, 6, date!(2026 - 03 - 09)));
    assert!(is_due(closed, 6, date!(2026 - 03 - 10)));
    assert!(is_due(closed, 6, date!(2026 - 03 - 11)));
}

#[test]
fn a_leap_day_is_kept_until_the_first_of_march_in_a_year_without_one() {
    let uploaded = date!(2020 - 02 - 29);
    assert_eq!(anniversary(uploaded, 6), date!(2026 - 03 - 01));
    assert!(!is_due(uploaded, 6, date!(2026 - 02 - 28)));
    assert!(is_due(uploaded, 6, date!(2026 - 03 - 01)));
    // Four years on there is a 29 February again.
    assert_eq!(anniversary(uploaded, 4), date!(2024 - 02 - 29));
    assert!(!is_due(uploaded, 4, date!(2024 - 02 - 28)));
    assert!(is_due(uploaded, 4, date!(2024 - 02 - 29)));
}

#[test]
fn on_a_leap_day_the_twenty_eighth_of_february_six_years_before_is_due_and_the_first_of_march_is_not() {
    let today = date!(2032 - 02 - 29);
    assert_eq!(latest_due_start(6, today), date!(2026 - 02 - 28));
    assert!(is_due(date!(2026 - 02 - 28), 6, today));
    assert!(!is_due(date!(2026 - 03 - 01), 6, today));
    assert_eq!(latest_due_start(4, today), date!(2028 - 02 - 29));
}

#[test]
fn a_one_year_period_for_closed_accounts_counts_whole_years() {
    let closed = date!(2025 - 12 - 31);
    assert!(!is_due(closed, 1, date!(2026 - 12 - 30)));
    assert!(is_due(closed, 1, date!(2026 - 12 - 31)));
}

#[test]
fn a_period_of_zero_years_makes_a_record_due_the_day_it_starts() {
    assert!(is_due(date!(2026 - 05 - 01), 0, date!(2026 - 05 - 01)));
    assert!(!is_due(date!(2026 - 05 - 02), 0, date!(2026 - 05 - 01)));
}

#[test]
fn a_return_is_due_only_when_every_cycle_it_answers_closed_long_enough_ago() {
    let today = date!(2030 - 06 - 01);
    let old = Some(date!(2024 - 05 - 31));
    let exactly = Some(date!(2024 - 06 - 01));
    let recent = Some(date!(2024 - 06 - 02));
    assert!(return_due(&[old], 6, today));
    assert!(return_due(&[old, exactly], 6, today));
    assert!(!return_due(&[old, recent], 6, today), "one cycle closed too recently keeps it");
    assert!(!return_due(&[old, None], 6, today), "a cycle still open keeps it");
    assert!(!return_due(&[], 6, today), "a return answering no cycle is not this rule's");
}

#[test]
fn the_defaults_are_six_six_and_one_years() {
    let periods = RetentionPeriods::default();
    assert_eq!((periods.returns_years, periods.evidence_years, periods.closed_accounts_years), (6, 6, 1));
}

#[test]
fn erased_names_and_addresses_are_unique_per_person_and_unreachable() {
    assert_eq!(erased_name(123), "Erased person 123");
    assert_eq!(erased_email(123), "erased-123@erased.invalid");
    assert_ne!(erased_email(1), erased_email(2));
}

fn any_date() -> impl Strategy<Value = Date> {
    (1990i32..2100, 1u8..=12, 1u8..=31).prop_filter_map("a real date", |(y, m, d)| {
        Date::from_calendar_date(y, Month::try_from(m).ok()?, d).ok()
    })
}

proptest! {
    /// The query bound and the rule never disagree: a date is due exactly when it is
    /// on or before the latest due start.
    #[test]
    fn the_latest_due_start_agrees_with_the_rule(since in any_date(), today in any_date(), years in 0u32..10) {
        prop_assert_eq!(is_due(since, years, today), since <= latest_due_start(years, today));
    }
}
