//! Sign-in throttling. Failed attempts are counted per account and per client address
//! over a sliding window; past the limit, sign-in is refused until the oldest counted
//! failure leaves the window. The caller supplies the failures it has stored.

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
        let waits = [
            self.wait_for(now, account_failures, self.max_failures_per_account),
            self.wait_for(now, address_failures, self.max_failures_per_address),
        ];
        match waits.into_iter().flatten().max() {
            Some(wait) => ThrottleDecision::Wait { minutes: ((wait.whole_seconds() + 59) / 60).max(1) },
            None => ThrottleDecision::Allow,
        }
    }

    /// The start of the window a caller needs to load failures for.
    pub fn window_start(&self, now: OffsetDateTime) -> OffsetDateTime {
        now - self.window
    }

    fn wait_for(&self, now: OffsetDateTime, failures: &[OffsetDateTime], max: usize) -> Option<Duration> {
        let mut recent: Vec<_> =
            failures.iter().copied().filter(|t| *t > now - self.window && *t <= now).collect();
        if recent.len() < max {
            return None;
        }
        recent.sort_unstable();
        // Once enough of the newest failures leave the window, the count drops below max.
        let release_at = recent[recent.len() - max] + self.window;
        Some(release_at - now)
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
}
