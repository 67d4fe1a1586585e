//! Retention: which records a deployment's rules say are due, on a given day, to be
//! deleted or anonymised. A record kept "for N years" from a date is due on that
//! date's Nth anniversary and every day after; a date of 29 February has its
//! anniversary on 1 March in a year with no 29 February, so nothing is ever kept for
//! less than the full period. Pure: callers pass the dates and today.

use time::{Date, Month};

/// The deployment's retention periods, in whole years (`retention_*` settings).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RetentionPeriods {
    /// Returns (and what hangs off them) after the last cycle they answer closed.
    pub returns_years: u32,
    /// Evidence files after they were uploaded.
    pub evidence_years: u32,
    /// Accounts after they were left with no role, before they are anonymised.
    pub closed_accounts_years: u32,
}

impl Default for RetentionPeriods {
    /// Six years for returns and evidence (the usual period for records of a statutory
    /// duty), one year for closed accounts.
    fn default() -> Self {
        RetentionPeriods { returns_years: 6, evidence_years: 6, closed_accounts_years: 1 }
    }
}

/// The `years`th anniversary of `start`.
pub fn anniversary(start: Date, years: u32) -> Date {
    let year = start.year().saturating_add(i32::try_from(years).unwrap_or(i32::MAX));
    match Date::from_calendar_date(year, start.month(), start.day()) {
        Ok(date) => date,
        // Only 29 February of a year with none (or a year past the calendar's end).
        Err(_) => Date::from_calendar_date(year, Month::March, 1).unwrap_or(Date::MAX),
    }
}

/// Whether a record kept `years` from `since` is due for removal on `today`.
pub fn is_due(since: Date, years: u32, today: Date) -> bool {
    today >= anniversary(since, years)
}

/// The latest starting date that is due on `today`: a record is due exactly when its
/// date is on or before this one. Lets a query ask the database for the candidates.
pub fn latest_due_start(years: u32, today: Date) -> Date {
    let year = today.year().saturating_sub(i32::try_from(years).unwrap_or(i32::MAX));
    match Date::from_calendar_date(year, today.month(), today.day()) {
        Ok(date) => date,
        // Today is 29 February and that year had none: 28 February is due (its
        // anniversary is today's eve), 1 March is not.
        Err(_) => Date::from_calendar_date(year, Month::February, 28).unwrap_or(Date::MIN),
    }
}

/// Whether a return is due: it answers at least one cycle, and every cycle it answers
/// closed (`Some(date)`) at least `years` before `today`. A return still answering an
/// open cycle is kept, however old the other cycles are; a return answering no cycle
/// is not this rule's to remove.
pub fn return_due(cycles_closed_on: &[Option<Date>], years: u32, today: Date) -> bool {
    !cycles_closed_on.is_empty()
        && cycles_closed_on.iter().all(|closed| closed.is_some_and(|on| is_due(on, years, today)))
}

/// The name an erased or anonymised person is shown by, so the records they made
/// still say that one person made them, without saying who.
pub fn erased_name(user_id: i64) -> String {
    format!("Erased person {user_id}")
}

/// An address no mail can reach (the `.invalid` top-level domain is reserved for
/// that) and no one can sign in with, unique per person as the email column must be.
pub fn erased_email(user_id: i64) -> String {
    format!("erased-{user_id}@erased.invalid")
}

#[cfg(test)]
#[path = "retention_tests.rs"]
mod tests;
