//! How dates and times read on pages: "23 November 2026 at 2:05pm", in UK time would
//! need a time-zone database; until then times are shown in UTC and say so.

use time::OffsetDateTime;
use time::macros::format_description;

/// A count with its noun, singular for exactly one: "1 question", "0 questions".
pub fn count(n: impl std::fmt::Display, one: &str, many: &str) -> String {
    let n = n.to_string();
    if n == "1" { format!("1 {one}") } else { format!("{n} {many}") }
}

/// A date as GOV.UK writes it: "31 March 2027".
pub fn date(d: impl std::borrow::Borrow<time::Date>) -> String {
    let d = d.borrow();
    format!("{} {} {}", d.day(), d.month(), d.year())
}

pub fn datetime(at: impl std::borrow::Borrow<OffsetDateTime>) -> String {
    let at = at.borrow().to_offset(time::UtcOffset::UTC);
    let date =
        at.format(format_description!("[day padding:none] [month repr:long] [year]")).unwrap_or_default();
    let (hour, minute) = (at.hour(), at.minute());
    let (h12, suffix) = match hour {
        0 => (12, "am"),
        1..=11 => (hour, "am"),
        12 => (12, "pm"),
        _ => (hour - 12, "pm"),
    };
    format!("{date} at {h12}:{minute:02}{suffix} UTC")
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::datetime;

    #[test]
    fn counts_read_as_english() {
        assert_eq!(count(1, "question", "questions"), "1 question");
        assert_eq!(count(0usize, "question", "questions"), "0 questions");
        assert_eq!(count(12i64, "organisation", "organisations"), "12 organisations");
    }

    #[test]
    fn dates_read_like_govuk_style() {
        assert_eq!(date(time::macros::date!(2027 - 03 - 31)), "31 March 2027");
    }

    #[test]
    fn reads_like_govuk_style() {
        assert_eq!(datetime(datetime!(2026-11-23 14:05 UTC)), "23 November 2026 at 2:05pm UTC");
        assert_eq!(datetime(datetime!(2026-01-02 00:30 UTC)), "2 January 2026 at 12:30am UTC");
    }
}
