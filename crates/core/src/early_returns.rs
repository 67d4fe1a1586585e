//! A return submitted shortly before a cycle opens answers it. Organisations keep
//! their self-assessment current and often submit it when it suits them (after a
//! board meeting, say); asking them again a few weeks later for the same thing would
//! be busywork. So when a cycle opens, the organisation's latest return on the
//! framework the cycle asks of it, submitted in the window of days before the opening
//! date (the opening day itself included), counts as its return for the cycle.
//!
//! Only returns the caller passes count: the server passes returns sent to a
//! partnership taking part in the cycle, so a return kept from a partnership never
//! answers that partnership's cycle.

use time::{Date, Duration, OffsetDateTime};

/// How many days before the opening date a return still answers a cycle, unless
/// configured otherwise (`early_return_days`).
pub const DEFAULT_WINDOW_DAYS: u32 = 90;

/// One submitted return of the organisation that might answer the cycle.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Candidate {
    pub id: i64,
    /// The framework's key (all versions of one framework share it).
    pub framework_key: String,
    pub submitted_at: OffsetDateTime,
}

/// The earliest day (UTC) a return may have been submitted on and still answer a
/// cycle opening on `opens_on`.
pub fn window_start(opens_on: Date, window_days: u32) -> Date {
    opens_on.checked_sub(Duration::days(window_days.into())).unwrap_or(Date::MIN)
}

/// The return that answers a cycle opening on `opens_on` for an organisation asked to
/// complete the framework `framework_key`: the latest of `candidates` on that framework
/// submitted from `window_days` days before the opening date up to the opening day
/// itself. `None` when there is none; a return submitted after the opening day is
/// not an early one (submitting while the cycle is open answers it directly).
pub fn answering_return(
    opens_on: Date,
    window_days: u32,
    framework_key: &str,
    candidates: &[Candidate],
) -> Option<i64> {
    let from = window_start(opens_on, window_days);
    candidates
        .iter()
        .filter(|c| c.framework_key == framework_key)
        .filter(|c| {
            let day = c.submitted_at.date();
            day >= from && day <= opens_on
        })
        .max_by_key(|c| (c.submitted_at, c.id))
        .map(|c| c.id)
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::{date, datetime};

    const OPENS: Date = date!(2026 - 06 - 01);

    fn candidate(id: i64, key: &str, submitted_at: OffsetDateTime) -> Candidate {
        Candidate { id, framework_key: key.into(), submitted_at }
    }

    fn answer(candidates: &[Candidate]) -> Option<i64> {
        answering_return(OPENS, DEFAULT_WINDOW_DAYS, "s11", candidates)
    }

    #[test]
    fn a_return_exactly_ninety_days_before_opening_counts() {
        // 1 June less 90 days is 3 March.
        assert_eq!(window_start(OPENS, 90), date!(2026 - 03 - 03));
        assert_eq!(answer(&[candidate(1, "s11", datetime!(2026-03-03 0:00 UTC))]), Some(1));
        assert_eq!(answer(&[candidate(1, "s11", datetime!(2026-03-03 23:59 UTC))]), Some(1));
    }

    #[test]
    fn a_return_ninety_one_days_before_opening_does_not() {
        assert_eq!(answer(&[candidate(1, "s11", datetime!(2026-03-02 23:59 UTC))]), None);
    }

    #[test]
    fn a_return_on_the_opening_day_counts_but_not_after() {
        assert_eq!(answer(&[candidate(1, "s11", datetime!(2026-06-01 18:00 UTC))]), Some(1));
        assert_eq!(answer(&[candidate(1, "s11", datetime!(2026-06-02 0:00 UTC))]), None);
    }

    #[test]
    fn a_return_on_another_framework_does_not_count() {
        assert_eq!(answer(&[candidate(1, "adults-s11", datetime!(2026-05-01 9:00 UTC))]), None);
    }

    #[test]
    fn the_latest_return_in_the_window_wins() {
        let returns = [
            candidate(1, "s11", datetime!(2026-04-01 9:00 UTC)),
            candidate(2, "s11", datetime!(2026-05-20 9:00 UTC)),
            candidate(3, "s11", datetime!(2026-05-10 9:00 UTC)),
            candidate(4, "other", datetime!(2026-05-30 9:00 UTC)),
            candidate(5, "s11", datetime!(2026-06-05 9:00 UTC)),
        ];
        assert_eq!(answer(&returns), Some(2));
    }

    #[test]
    fn the_window_is_configurable() {
        let returns = [candidate(1, "s11", datetime!(2026-05-01 9:00 UTC))];
        assert_eq!(answering_return(OPENS, 31, "s11", &returns), Some(1));
        assert_eq!(answering_return(OPENS, 30, "s11", &returns), None);
        let today = [candidate(2, "s11", datetime!(2026-06-01 9:00 UTC))];
        assert_eq!(answering_return(OPENS, 0, "s11", &today), Some(2), "no window: the opening day only");
    }

    #[test]
    fn no_returns_answer_nothing() {
        assert_eq!(answer(&[]), None);
    }
}
