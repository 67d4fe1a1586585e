use time::macros::{date, datetime};

use super::*;
use crate::access::{Action, Decision};
use crate::tenancy::OrgRole;

const TODAY: Date = date!(2026 - 12 - 04);
const NOW: OffsetDateTime = datetime!(2026-12-04 12:00 UTC);

#[test]
fn a_token_reads_its_own_partnership_as_an_analyst_would() {
    let reader = reader_for(1);
    assert_eq!(reader.decide(Action::ViewPartnership { partnership: 1 }), Decision::Allow);
    assert_eq!(reader.decide(Action::WriteBoardReport { partnership: 1 }), Decision::Allow);
    assert_eq!(reader.decide(Action::ViewActionPlan { organisation: 10, areas: &[1] }), Decision::Allow);
    assert_eq!(reader.decide(Action::ManagePartnership { partnership: 1 }), Decision::Forbidden);
    assert_eq!(reader.decide(Action::ManageResources { partnership: 1, served: &[] }), Decision::Forbidden);
}

#[test]
fn a_token_knows_nothing_of_another_partnership_or_any_organisation() {
    let reader = reader_for(1);
    assert_eq!(reader.decide(Action::ViewPartnership { partnership: 2 }), Decision::NotFound);
    assert_eq!(reader.decide(Action::ViewActionPlan { organisation: 10, areas: &[2] }), Decision::NotFound);
    assert_eq!(reader.decide(Action::ViewAssessment { organisation: 10 }), Decision::NotFound);
    assert_eq!(reader.decide(Action::AdministerPlatform), Decision::Forbidden);
    assert!(!reader.platform_admin);
    assert!(reader.org_roles.iter().all(|(_, r)| *r != OrgRole::SafeguardingLead));
    assert_eq!(reader.reads_returns_through(&[1, 2, 3]), vec![1]);
}

#[test]
fn an_expiry_date_must_be_after_today_and_within_a_year() {
    assert!(check_expiry(TODAY, TODAY).is_err(), "today has already begun");
    assert!(check_expiry(date!(2026 - 12 - 03), TODAY).is_err());
    assert!(check_expiry(date!(2026 - 12 - 05), TODAY).is_ok());
    assert!(check_expiry(date!(2027 - 12 - 04), TODAY).is_ok(), "a year from today");
    assert!(check_expiry(date!(2027 - 12 - 05), TODAY).is_ok(), "a year and a day");
    assert!(check_expiry(date!(2027 - 12 - 06), TODAY).is_err());
}

#[test]
fn a_token_works_through_its_expiry_date_and_never_once_revoked() {
    assert!(is_usable(TODAY, false, TODAY));
    assert!(!is_usable(date!(2026 - 12 - 03), false, TODAY));
    assert!(!is_usable(date!(2027 - 01 - 01), true, TODAY));
}

#[test]
fn calls_below_the_limit_are_allowed() {
    let limit = CallLimit::per_minute(3);
    let earlier = [NOW - Duration::seconds(1), NOW - Duration::seconds(2)];
    assert_eq!(limit.decide(NOW, &earlier), CallDecision::Allow);
}

#[test]
fn at_the_limit_a_call_waits_until_the_oldest_counted_call_leaves_the_window() {
    let limit = CallLimit::per_minute(3);
    let earlier = [NOW - Duration::seconds(5), NOW - Duration::seconds(20), NOW - Duration::seconds(2)];
    assert_eq!(limit.decide(NOW, &earlier), CallDecision::Wait { seconds: 40 });
}

#[test]
fn calls_older_than_the_window_do_not_count() {
    let limit = CallLimit::per_minute(2);
    let earlier = [NOW - Duration::seconds(60), NOW - Duration::seconds(61), NOW - Duration::seconds(90)];
    assert_eq!(limit.decide(NOW, &earlier), CallDecision::Allow);
}

#[test]
fn a_wait_rounds_up_and_is_never_zero_seconds() {
    let limit = CallLimit::per_minute(1);
    let just = NOW - Duration::seconds(59) - Duration::milliseconds(999);
    assert_eq!(limit.decide(NOW, &[just]), CallDecision::Wait { seconds: 1 });
    let half = NOW - Duration::milliseconds(29_500);
    assert_eq!(limit.decide(NOW, &[half]), CallDecision::Wait { seconds: 31 });
}

#[test]
fn a_limit_of_nothing_refuses_every_call_for_a_window() {
    assert_eq!(CallLimit::per_minute(0).decide(NOW, &[]), CallDecision::Wait { seconds: 60 });
}

#[test]
fn no_paging_asked_for_is_the_first_page_of_fifty() {
    assert_eq!(PageRequest::parse(None, None), Ok(PageRequest { page: 1, per_page: DEFAULT_PER_PAGE }));
    assert_eq!(PageRequest::parse(Some(""), Some(" ")), Ok(PageRequest { page: 1, per_page: 50 }));
    assert_eq!(PageRequest::parse(Some("3"), Some("200")), Ok(PageRequest { page: 3, per_page: 200 }));
}

#[test]
fn paging_that_is_not_a_whole_number_in_range_is_refused() {
    for bad in ["0", "-1", "+2", "1.5", "abc", "1e3", "100001", "99999999999999999999"] {
        assert!(PageRequest::parse(Some(bad), None).is_err(), "page {bad}");
    }
    for bad in ["0", "201", "-5", "ten"] {
        let err = PageRequest::parse(None, Some(bad)).unwrap_err();
        assert!(err.contains("from 1 to 200"), "per_page {bad}: {err}");
    }
}

#[test]
fn a_page_holds_its_slice_of_the_list() {
    let second = PageRequest { page: 2, per_page: 10 };
    assert_eq!(second.offset(), 10);
    assert_eq!(second.range(25), 10..20);
    assert_eq!(second.pages(25), 3);
    assert!(second.has_next(25));
    let third = PageRequest { page: 3, per_page: 10 };
    assert_eq!(third.range(25), 20..25);
    assert!(!third.has_next(25));
    assert_eq!(PageRequest { page: 9, per_page: 10 }.range(25), 25..25, "past the end is empty");
    assert_eq!(PageRequest { page: 1, per_page: 10 }.pages(0), 1, "an empty list has one empty page");
}
