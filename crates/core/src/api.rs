//! The rules of the read-only JSON API that partnerships point their own BI tools at:
//! who a token acts as, when a token may be used, how many calls it may make, and how
//! a list is paged. The server supplies the clock and the stored facts.
//!
//! A token acts for one partnership with the read rights of that partnership's
//! analysts ([`reader_for`]), so every access decision the API makes is the same
//! `Principal::decide` the pages make for an analyst.

use time::{Date, Duration, OffsetDateTime};

use crate::access::Principal;
use crate::tenancy::PartnershipRole;

/// What every token starts with, so a leaked one is recognisable (by a secret scanner,
/// or a person reading a log) as an osa API token.
pub const TOKEN_PREFIX: &str = "osa_";

/// The longest a token may live: a year and a day, so "a year from today" is allowed
/// whatever the day and leap years.
pub const MAX_LIFETIME_DAYS: i64 = 366;

/// The principal an API call of a token of `partnership` is decided as: an analyst of
/// that partnership and nothing else. `user_id` 0 is nobody (ids start at 1), so no
/// rule that compares people (the author of a message, say) ever matches a token.
pub fn reader_for(partnership: i64) -> Principal {
    Principal {
        user_id: 0,
        partnership_roles: vec![(partnership, PartnershipRole::Analyst)],
        ..Principal::default()
    }
}

/// Why an expiry date typed for a new token is refused.
pub fn check_expiry(expires_on: Date, today: Date) -> Result<(), &'static str> {
    if expires_on <= today {
        return Err("The expiry date must be in the future");
    }
    if expires_on > today + Duration::days(MAX_LIFETIME_DAYS) {
        return Err("The expiry date must be no more than a year from today");
    }
    Ok(())
}

/// Whether a token may be used on `today`: not revoked, and not past its expiry date.
/// It works through the whole of its expiry date (UTC) and stops the day after.
pub fn is_usable(expires_on: Date, revoked: bool, today: Date) -> bool {
    !revoked && today <= expires_on
}

/// How many calls one token may make: at most `max_calls` in any `window`. Counted
/// from the calls recorded, so several app servers share one count.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CallLimit {
    pub window: Duration,
    pub max_calls: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CallDecision {
    Allow,
    /// Refused; try again after this many whole seconds (at least 1).
    Wait {
        seconds: i64,
    },
}

impl CallLimit {
    pub fn per_minute(max_calls: usize) -> CallLimit {
        CallLimit { window: Duration::minutes(1), max_calls }
    }

    /// The start of the window the caller needs the recorded calls of.
    pub fn window_start(&self, now: OffsetDateTime) -> OffsetDateTime {
        now - self.window
    }

    /// Whether another call may be made `now`, given the times of earlier calls (any
    /// order, any age). Refused calls are not passed in: a client that keeps calling
    /// while refused is not locked out for longer.
    pub fn decide(&self, now: OffsetDateTime, earlier: &[OffsetDateTime]) -> CallDecision {
        let mut recent: Vec<OffsetDateTime> =
            earlier.iter().copied().filter(|t| *t > now - self.window && *t <= now).collect();
        if recent.len() < self.max_calls {
            return CallDecision::Allow;
        }
        if self.max_calls == 0 {
            return CallDecision::Wait { seconds: self.window.whole_seconds().max(1) };
        }
        recent.sort_unstable();
        // Once the oldest of the newest `max_calls` leaves the window, one more fits.
        let free_at = recent[recent.len() - self.max_calls] + self.window;
        let wait = free_at - now;
        let seconds = wait.whole_seconds() + i64::from(wait.subsec_nanoseconds() > 0);
        CallDecision::Wait { seconds: seconds.max(1) }
    }
}

/// The most items one page of an API list holds.
pub const MAX_PER_PAGE: u64 = 200;
pub const DEFAULT_PER_PAGE: u64 = 50;
/// The deepest page answered, so an offset handed to the database stays small.
pub const MAX_PAGE: u64 = 100_000;

/// One page of a list, as asked for by `?page=&per_page=`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PageRequest {
    pub page: u64,
    pub per_page: u64,
}

impl PageRequest {
    /// Reads the two query values; absent or empty means the first page of
    /// [`DEFAULT_PER_PAGE`]. Anything but a whole number in range is refused with a
    /// sentence saying what is allowed (a `per_page` over the cap is refused too,
    /// rather than quietly giving fewer items than asked for).
    pub fn parse(page: Option<&str>, per_page: Option<&str>) -> Result<PageRequest, String> {
        let page =
            whole(page, 1, MAX_PAGE).ok_or(format!("page must be a whole number from 1 to {MAX_PAGE}"))?;
        let per_page = whole(per_page, DEFAULT_PER_PAGE, MAX_PER_PAGE)
            .ok_or(format!("per_page must be a whole number from 1 to {MAX_PER_PAGE}"))?;
        Ok(PageRequest { page, per_page })
    }

    pub fn offset(&self) -> u64 {
        (self.page - 1) * self.per_page
    }

    /// The range of `total` items this page holds (empty past the end).
    pub fn range(&self, total: u64) -> std::ops::Range<usize> {
        let start = self.offset().min(total);
        let end = (start + self.per_page).min(total);
        usize::try_from(start).unwrap_or(usize::MAX)..usize::try_from(end).unwrap_or(usize::MAX)
    }

    /// How many pages `total` items fill (at least one, which may be empty).
    pub fn pages(&self, total: u64) -> u64 {
        total.div_ceil(self.per_page).max(1)
    }

    pub fn has_next(&self, total: u64) -> bool {
        self.page < self.pages(total)
    }
}

fn whole(raw: Option<&str>, default: u64, max: u64) -> Option<u64> {
    match raw.map(str::trim) {
        None | Some("") => Some(default),
        Some(text) if text.len() <= 7 && text.bytes().all(|b| b.is_ascii_digit()) => {
            text.parse::<u64>().ok().filter(|n| (1..=max).contains(n))
        }
        Some(_) => None,
    }
}

#[cfg(test)]
#[path = "api_tests.rs"]
mod tests;
