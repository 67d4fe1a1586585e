//! Audit cycles: a partnership (alone or with neighbours, as a region) asks the
//! organisations of its area for a return by a due date. The rules here decide which
//! framework an organisation is asked to complete, what state its invitation is in,
//! whether a cycle's dates make sense, and when action-plan updates fall due.
//!
//! Guarantees: an organisation's framework is its sector's choice when the cycle sets
//! one, otherwise the cycle's main framework; an invitation's state follows from facts
//! (a recorded non-submission wins over everything, then a submitted return, then any
//! answer given); dates are checked with every problem named, never just the first.

use serde::{Deserialize, Serialize};
use time::{Date, Month};

use crate::tenancy::{DutyStatus, Sector, coded_enum};

coded_enum! {
    /// Where one invited organisation stands in a cycle.
    InvitationState {
        NotStarted => ("not_started", "Not started"),
        InProgress => ("in_progress", "In progress"),
        Submitted => ("submitted", "Submitted"),
        ConfirmedNonSubmission => ("confirmed_non_submission", "Confirmed non-submission"),
    }
}

impl InvitationState {
    /// The GOV.UK tag colour class that goes with the words.
    pub fn tag_class(self) -> &'static str {
        match self {
            InvitationState::NotStarted => "govuk-tag--grey",
            InvitationState::InProgress => "govuk-tag--light-blue",
            InvitationState::Submitted => "govuk-tag--green",
            InvitationState::ConfirmedNonSubmission => "govuk-tag--orange",
        }
    }

    /// Whether the organisation still owes a return.
    pub fn is_outstanding(self) -> bool {
        matches!(self, InvitationState::NotStarted | InvitationState::InProgress)
    }
}

/// What is known about one invited organisation.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct InvitationFacts {
    /// An admin recorded that no return will come, with a reason.
    pub non_submission_recorded: bool,
    /// A return was submitted to this cycle.
    pub return_submitted: bool,
    /// At least one answer has been given in the assessment the cycle asks for.
    pub answers_given: bool,
}

pub fn invitation_state(facts: InvitationFacts) -> InvitationState {
    if facts.non_submission_recorded {
        InvitationState::ConfirmedNonSubmission
    } else if facts.return_submitted {
        InvitationState::Submitted
    } else if facts.answers_given {
        InvitationState::InProgress
    } else {
        InvitationState::NotStarted
    }
}

/// Which framework a cycle asks of each organisation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FrameworkChoice {
    /// The main framework (a stored framework version's id).
    pub main: i64,
    /// Sectors asked for a different framework (for example the short version for
    /// small voluntary groups).
    pub by_sector: Vec<(Sector, i64)>,
}

impl FrameworkChoice {
    pub fn for_sector(&self, sector: Sector) -> i64 {
        self.by_sector.iter().find(|(s, _)| *s == sector).map(|(_, f)| *f).unwrap_or(self.main)
    }
}

/// Which organisations an admin asks to invite, before adjusting them one by one.
/// An empty list means "any".
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct InviteFilter {
    pub duties: Vec<DutyStatus>,
    pub sectors: Vec<Sector>,
}

impl InviteFilter {
    pub fn matches(&self, sector: Sector, duty: DutyStatus) -> bool {
        (self.duties.is_empty() || self.duties.contains(&duty))
            && (self.sectors.is_empty() || self.sectors.contains(&sector))
    }
}

/// A cycle's dates as entered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CycleDates {
    pub opens_on: Date,
    pub due_on: Date,
    pub updates_due: Vec<Date>,
}

/// Field names the date problems belong to, for the error summary.
pub const FIELD_DUE: &str = "due_on";
pub const FIELD_UPDATES: &str = "updates_due";

/// Every problem with a cycle's dates, as (field, message).
pub fn check_dates(dates: &CycleDates) -> Vec<(&'static str, String)> {
    let mut problems = Vec::new();
    if dates.due_on <= dates.opens_on {
        problems.push((FIELD_DUE, "The due date must be after the opening date".to_owned()));
    }
    for update in &dates.updates_due {
        if *update <= dates.due_on {
            problems.push((
                FIELD_UPDATES,
                format!("The action-plan update date {update} must be after the due date"),
            ));
        }
    }
    let mut sorted = dates.updates_due.clone();
    sorted.sort();
    sorted.dedup();
    if sorted.len() != dates.updates_due.len() {
        problems.push((FIELD_UPDATES, "Each action-plan update date must be different".to_owned()));
    }
    problems
}

/// Six-monthly action-plan update dates after the due date: the defaults the form offers.
pub fn six_monthly_updates(due_on: Date, count: usize) -> Vec<Date> {
    (1..=count).map(|n| add_months(due_on, 6 * n as i32)).collect()
}

/// The same day `months` later, or the month's last day when it is shorter.
#[allow(
    clippy::expect_used,
    reason = "the month index is reduced mod 12 and the day capped at the month's length"
)]
pub fn add_months(date: Date, months: i32) -> Date {
    let index = date.year() * 12 + (date.month() as i32 - 1) + months;
    let (year, month0) = (index.div_euclid(12), index.rem_euclid(12));
    let month = Month::try_from(month0 as u8 + 1).expect("a month index from 0 to 11 is valid");
    let last = time::util::days_in_month(month, year);
    Date::from_calendar_date(year, month, date.day().min(last)).expect("the day fits the month")
}

/// A cycle is open for returns from its opening date until it is closed.
pub fn is_open(opens_on: Date, closed: bool, today: Date) -> bool {
    !closed && today >= opens_on
}

/// Whether moving a cycle's due date from `old` to `new` needs the admin to confirm
/// first: a due date changed to one before today makes every outstanding return
/// overdue at once. Keeping a due date that has already passed needs no confirmation.
pub fn due_date_needs_confirmation(old: Date, new: Date, today: Date) -> bool {
    new != old && new < today
}

/// Whether a return is late: the due date has passed and it is still outstanding.
pub fn is_overdue(state: InvitationState, due_on: Date, today: Date) -> bool {
    state.is_outstanding() && today > due_on
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    #[test]
    fn only_a_due_date_moved_into_the_past_needs_confirmation() {
        let today = date!(2027 - 04 - 10);
        let old = date!(2027 - 03 - 31);
        assert!(due_date_needs_confirmation(date!(2027 - 05 - 31), date!(2027 - 04 - 09), today));
        assert!(due_date_needs_confirmation(date!(2027 - 05 - 31), old, today));
        assert!(!due_date_needs_confirmation(old, old, today), "an already passed date kept as it is");
        assert!(!due_date_needs_confirmation(old, today, today), "today is not in the past");
        assert!(!due_date_needs_confirmation(old, date!(2027 - 06 - 30), today));
    }

    #[test]
    fn a_recorded_non_submission_wins_then_a_return_then_any_answer() {
        let all =
            InvitationFacts { non_submission_recorded: true, return_submitted: true, answers_given: true };
        assert_eq!(invitation_state(all), InvitationState::ConfirmedNonSubmission);
        let returned = InvitationFacts { return_submitted: true, answers_given: true, ..Default::default() };
        assert_eq!(invitation_state(returned), InvitationState::Submitted);
        let started = InvitationFacts { answers_given: true, ..Default::default() };
        assert_eq!(invitation_state(started), InvitationState::InProgress);
        assert_eq!(invitation_state(InvitationFacts::default()), InvitationState::NotStarted);
    }

    #[test]
    fn only_not_started_and_in_progress_are_outstanding() {
        let outstanding: Vec<_> = InvitationState::ALL.iter().filter(|s| s.is_outstanding()).collect();
        assert_eq!(outstanding, vec![&InvitationState::NotStarted, &InvitationState::InProgress]);
    }

    #[test]
    fn sectors_get_their_own_framework_or_the_main_one() {
        let choice = FrameworkChoice { main: 1, by_sector: vec![(Sector::VoluntaryAndCommunity, 4)] };
        assert_eq!(choice.for_sector(Sector::VoluntaryAndCommunity), 4);
        assert_eq!(choice.for_sector(Sector::Police), 1);
    }

    #[test]
    fn an_empty_filter_matches_everyone_and_lists_narrow_it() {
        let any = InviteFilter::default();
        assert!(any.matches(Sector::Faith, DutyStatus::Voluntary));
        let statutory_health =
            InviteFilter { duties: vec![DutyStatus::Statutory], sectors: vec![Sector::Health] };
        assert!(statutory_health.matches(Sector::Health, DutyStatus::Statutory));
        assert!(!statutory_health.matches(Sector::Health, DutyStatus::Voluntary));
        assert!(!statutory_health.matches(Sector::Police, DutyStatus::Statutory));
    }

    #[test]
    fn every_date_problem_is_named() {
        let dates = CycleDates {
            opens_on: date!(2027 - 01 - 10),
            due_on: date!(2027 - 01 - 10),
            updates_due: vec![date!(2027 - 01 - 01), date!(2027 - 09 - 01), date!(2027 - 09 - 01)],
        };
        let problems = check_dates(&dates);
        assert_eq!(problems.iter().filter(|(f, _)| *f == FIELD_DUE).count(), 1);
        assert_eq!(problems.iter().filter(|(f, _)| *f == FIELD_UPDATES).count(), 2);
        let good = CycleDates {
            opens_on: date!(2027 - 01 - 10),
            due_on: date!(2027 - 03 - 31),
            updates_due: six_monthly_updates(date!(2027 - 03 - 31), 2),
        };
        assert!(check_dates(&good).is_empty());
    }

    #[test]
    fn six_monthly_dates_keep_the_day_or_take_the_months_last() {
        assert_eq!(
            six_monthly_updates(date!(2027 - 03 - 31), 2),
            vec![date!(2027 - 09 - 30), date!(2028 - 03 - 31)]
        );
        assert_eq!(add_months(date!(2027 - 08 - 31), 6), date!(2028 - 02 - 29));
        assert_eq!(add_months(date!(2027 - 12 - 15), 1), date!(2028 - 01 - 15));
        assert_eq!(add_months(date!(2027 - 01 - 15), -1), date!(2026 - 12 - 15));
    }

    #[test]
    fn a_cycle_is_open_from_its_opening_day_until_closed() {
        let opens = date!(2027 - 01 - 10);
        assert!(!is_open(opens, false, date!(2027 - 01 - 09)));
        assert!(is_open(opens, false, opens));
        assert!(!is_open(opens, true, date!(2027 - 02 - 01)));
    }

    #[test]
    fn only_outstanding_returns_are_overdue_and_only_after_the_due_day() {
        let due = date!(2027 - 03 - 31);
        assert!(!is_overdue(InvitationState::InProgress, due, due));
        assert!(is_overdue(InvitationState::InProgress, due, date!(2027 - 04 - 01)));
        assert!(!is_overdue(InvitationState::Submitted, due, date!(2027 - 04 - 01)));
        assert!(!is_overdue(InvitationState::ConfirmedNonSubmission, due, date!(2027 - 04 - 01)));
    }
}
