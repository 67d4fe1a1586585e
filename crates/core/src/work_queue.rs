//! What a person's home page puts in front of them: the rules that turn a cycle's
//! response rate and dates into the line an admin reads, and a due date into words.
//!
//! Guarantees: a cycle's overdue count is its outstanding invitations (not started or
//! in progress) once the due date has passed, and zero on or before it; confirmed
//! non-submissions are never overdue. The "submitted of invited" line states its
//! denominator and uses the response rate's own percentage (rounded half up once).

use time::Date;

use crate::analytics::ResponseRate;

/// One open cycle as a partnership's home page shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CycleProgress {
    /// "12 of 20 invited organisations have submitted (60%)".
    pub submitted: String,
    /// Invitations still outstanding after the due date.
    pub overdue: usize,
    /// "Due 31 March 2027 (in 5 days)", "Was due 1 March 2027".
    pub due: String,
}

pub fn cycle_progress(rate: &ResponseRate, due_on: Date, today: Date) -> CycleProgress {
    let overdue = if today > due_on { rate.outstanding.len() } else { 0 };
    let organisations =
        if rate.invited == 1 { "invited organisation has" } else { "invited organisations have" };
    CycleProgress {
        submitted: format!(
            "{} of {} {organisations} submitted ({}%)",
            rate.submitted, rate.invited, rate.rate_percent
        ),
        overdue,
        due: due_words(due_on, today),
    }
}

/// A due date in words, relative to `today`: "Due today", "Due 31 March 2027 (in 5
/// days)", "Was due 1 March 2027".
pub fn due_words(due_on: Date, today: Date) -> String {
    let date = format!("{} {} {}", due_on.day(), due_on.month(), due_on.year());
    let days = (due_on - today).whole_days();
    match days {
        0 => format!("Due today, {date}"),
        1 => format!("Due {date} (tomorrow)"),
        d if d > 1 => format!("Due {date} (in {d} days)"),
        _ => format!("Was due {date}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analytics::Outstanding;
    use crate::cycle::InvitationState;
    use time::macros::date;

    fn rate(invited: usize, submitted: usize, outstanding: usize, confirmed: usize) -> ResponseRate {
        ResponseRate {
            invited,
            submitted,
            in_progress: outstanding,
            not_started: 0,
            confirmed_non_submission: confirmed,
            rate_percent: crate::analytics::percent(submitted, invited),
            outstanding: (0..outstanding)
                .map(|i| Outstanding {
                    organisation: i as i64,
                    name: format!("Org {i}"),
                    state: InvitationState::InProgress,
                })
                .collect(),
            confirmed: Vec::new(),
        }
    }

    #[test]
    fn nothing_is_overdue_until_the_day_after_the_due_date() {
        let r = rate(20, 12, 6, 2);
        assert_eq!(cycle_progress(&r, date!(2027 - 03 - 31), date!(2027 - 03 - 31)).overdue, 0);
        assert_eq!(cycle_progress(&r, date!(2027 - 03 - 31), date!(2027 - 04 - 01)).overdue, 6);
    }

    #[test]
    fn the_line_states_its_denominator_and_the_rate_rounded_half_up() {
        // 1 of 8 is 12.5%, shown as 13%.
        let p = cycle_progress(&rate(8, 1, 7, 0), date!(2027 - 03 - 31), date!(2027 - 03 - 01));
        assert_eq!(p.submitted, "1 of 8 invited organisations have submitted (13%)");
        let one = cycle_progress(&rate(1, 0, 1, 0), date!(2027 - 03 - 31), date!(2027 - 03 - 01));
        assert_eq!(one.submitted, "0 of 1 invited organisation has submitted (0%)");
    }

    #[test]
    fn due_dates_read_as_words() {
        let due = date!(2027 - 03 - 31);
        assert_eq!(due_words(due, date!(2027 - 03 - 31)), "Due today, 31 March 2027");
        assert_eq!(due_words(due, date!(2027 - 03 - 30)), "Due 31 March 2027 (tomorrow)");
        assert_eq!(due_words(due, date!(2027 - 03 - 26)), "Due 31 March 2027 (in 5 days)");
        assert_eq!(due_words(due, date!(2027 - 04 - 02)), "Was due 31 March 2027");
    }
}
