//! Throttling. Failed sign-in attempts are counted per account and per client address
//! over a sliding window; past the limit, sign-in is refused until the oldest counted
//! failure leaves the window. Requests that send email (password resets,
//! registrations) are limited the same way per email and per address, by a
//! [`RequestLimit`]. The caller supplies the times it has stored.

use time::{Duration, OffsetDateTime};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ThrottlePolicy {
    pub window: Duration,
    pub max_failures_per_account: usize,
    pub max_failures_per_address: usize,
}

impl Default for ThrottlePolicy {
    fn default() -> Self {
        ThrottlePolicy {
            window: Duration::minutes(15),
            max_failures_per_account: 5,
            // An office or a school may share one address, so it gets more room.
            max_failures_per_address: 30,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ThrottleDecision {
    Allow,
    /// Refused; the person may try again after this many whole minutes (at least 1).
    Wait {
        minutes: i64,
    },
}

impl ThrottlePolicy {
    /// Decides whether another attempt may be made now, given the times of recent
    /// failures for the account and for the address (any order, any age).
    pub fn decide(
        &self,
        now: OffsetDateTime,
        account_failures: &[OffsetDateTime],
        address_failures: &[OffsetDateTime],
    ) -> ThrottleDecision {
        in_minutes([
            self.wait_for(now, account_failures, self.max_failures_per_account),
            self.wait_for(now, address_failures, self.max_failures_per_address),
        ])
    }

    /// The start of the window a caller needs to load failures for.
    pub fn window_start(&self, now: OffsetDateTime) -> OffsetDateTime {
        now - self.window
    }

    fn wait_for(&self, now: OffsetDateTime, failures: &[OffsetDateTime], max: usize) -> Option<Duration> {
        wait_for(self.window, now, failures, max)
    }
}

/// How long until fewer than `max` of `times` fall in the window ending now, if they
/// do not already.
fn wait_for(window: Duration, now: OffsetDateTime, times: &[OffsetDateTime], max: usize) -> Option<Duration> {
    let mut recent: Vec<_> = times.iter().copied().filter(|t| *t > now - window && *t <= now).collect();
    if recent.len() < max {
        return None;
    }
    recent.sort_unstable();
    // Once enough of the newest leave the window, the count drops below max.
    let release_at = recent[recent.len() - max] + window;
    Some(release_at - now)
}

fn in_minutes(waits: [Option<Duration>; 2]) -> ThrottleDecision {
    match waits.into_iter().flatten().max() {
        Some(wait) => ThrottleDecision::Wait { minutes: ((wait.whole_seconds() + 59) / 60).max(1) },
        None => ThrottleDecision::Allow,
    }
}

/// A limit on requests that send email, so nobody can fill a person's inbox (or the
/// outbox) by asking again and again. Each request made counts, not only failures.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RequestLimit {
    pub window: Duration,
    pub max_per_email: usize,
    pub max_per_address: usize,
}

impl RequestLimit {
    /// Password-reset emails: a person who lost their password needs one or two; an
    /// office sharing an address gets room for several people.
    pub const PASSWORD_RESET: RequestLimit =
        RequestLimit { window: Duration::hours(1), max_per_email: 3, max_per_address: 20 };

    /// Registering an organisation: rare, and each one emails partnership admins too.
    pub const REGISTRATION: RequestLimit =
        RequestLimit { window: Duration::hours(1), max_per_email: 3, max_per_address: 10 };

    /// Whether another request may be made now, given the times of earlier requests
    /// for the same email and from the same address.
    pub fn decide(
        &self,
        now: OffsetDateTime,
        for_email: &[OffsetDateTime],
        from_address: &[OffsetDateTime],
    ) -> ThrottleDecision {
        in_minutes([
            wait_for(self.window, now, for_email, self.max_per_email),
            wait_for(self.window, now, from_address, self.max_per_address),
        ])
    }

    pub fn window_start(&self, now: OffsetDateTime) -> OffsetDateTime {
        now - self.window
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::datetime;

    const NOW: OffsetDateTime = datetime!(2026-11-23 12:00 UTC);

    fn ago(minutes: i64) -> OffsetDateTime {
        NOW - Duration::minutes(minutes)
    }

    #[test]
    fn allows_below_the_account_limit() {
        let failures = [ago(1), ago(2), ago(3), ago(4)];
        assert_eq!(ThrottlePolicy::default().decide(NOW, &failures, &[]), ThrottleDecision::Allow);
    }

    #[test]
    fn refuses_at_the_account_limit_until_the_oldest_counted_failure_expires() {
        let failures = [ago(1), ago(2), ago(3), ago(4), ago(10)];
        assert_eq!(
            ThrottlePolicy::default().decide(NOW, &failures, &[]),
            ThrottleDecision::Wait { minutes: 5 }
        );
    }

    #[test]
    fn old_failures_do_not_count() {
        let failures = [ago(16), ago(20), ago(30), ago(40), ago(50), ago(60)];
        assert_eq!(ThrottlePolicy::default().decide(NOW, &failures, &[]), ThrottleDecision::Allow);
    }

    #[test]
    fn an_address_spraying_many_accounts_is_refused() {
        let failures: Vec<_> = (0..30).map(|i| NOW - Duration::seconds(i * 10)).collect();
        let decision = ThrottlePolicy::default().decide(NOW, &[], &failures);
        assert!(matches!(decision, ThrottleDecision::Wait { minutes } if minutes >= 10));
    }

    #[test]
    fn wait_is_never_reported_as_zero_minutes() {
        let failures = [ago(14), ago(14), ago(14), ago(14), NOW - Duration::seconds(899)];
        assert_eq!(
            ThrottlePolicy::default().decide(NOW, &failures, &[]),
            ThrottleDecision::Wait { minutes: 1 }
        );
    }

    #[test]
    fn password_resets_are_limited_per_email_and_per_address() {
        let limit = RequestLimit::PASSWORD_RESET;
        let three = [ago(1), ago(2), ago(3)];
        assert_eq!(limit.decide(NOW, &three[..2], &three), ThrottleDecision::Allow);
        assert_eq!(limit.decide(NOW, &three, &three), ThrottleDecision::Wait { minutes: 57 });
        let twenty: Vec<_> = (0..20).map(|i| NOW - Duration::minutes(i)).collect();
        assert_eq!(limit.decide(NOW, &[], &twenty), ThrottleDecision::Wait { minutes: 41 });
        let old: Vec<_> = (61..90).map(ago).collect();
        assert_eq!(limit.decide(NOW, &old, &old), ThrottleDecision::Allow);
    }

    #[test]
    fn registrations_are_limited_per_address_below_password_resets() {
        let ten: Vec<_> = (0..10).map(|i| NOW - Duration::minutes(i)).collect();
        assert!(matches!(RequestLimit::REGISTRATION.decide(NOW, &[], &ten), ThrottleDecision::Wait { .. }));
        assert_eq!(RequestLimit::PASSWORD_RESET.decide(NOW, &[], &ten), ThrottleDecision::Allow);
    }
}
