//! Form input for one criterion, validated into an [`Answer`].
//!
//! Guarantees: empty (or blank) input is always accepted and gives `None` or an empty
//! string, so a partly done page can be saved; anything else is either a valid value
//! for the criterion's answer type or a GOV.UK-style message naming what to enter, one
//! per field, in the order value, narrative, improvement action. Numbers are read by
//! a strict grammar (digits, one optional decimal point, optional thousands commas),
//! so "NaN", "inf" and "1e309" never become numbers. Written text is trimmed, line
//! endings become `\n`, other control characters (NUL included) are removed, and it
//! is at most [`MAX_WRITTEN_CHARS`] characters after that.

use super::answer::Answer;
use crate::framework::{AnswerType, Criterion, Rating};

/// The field names used in errors, matching the form's input names.
pub const FIELD_VALUE: &str = "value";
pub const FIELD_NARRATIVE: &str = "narrative";
pub const FIELD_IMPROVEMENT_ACTION: &str = "improvement_action";

/// The longest narrative, improvement action or text answer, in characters.
pub const MAX_WRITTEN_CHARS: usize = 20_000;
/// The largest count a number answer may hold.
pub const MAX_NUMBER: f64 = 1_000_000_000.0;

/// Raw form input for one criterion, as typed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct RawAnswer<'a> {
    /// A rating code, "yes" or "no", number text or free text, by answer type.
    pub value: &'a str,
    pub narrative: &'a str,
    pub improvement_action: &'a str,
}

const NOT_APPLICABLE_REFUSED: &str = "Not applicable is not an answer for this question";

/// Validates raw form input for one criterion into an [`Answer`], or a plain-English
/// message per field that is wrong.
pub fn parse_answer(criterion: &Criterion, raw: &RawAnswer) -> Result<Answer, Vec<(&'static str, String)>> {
    let mut answer = Answer::default();
    let mut errors = Vec::new();
    if let Err(message) = read_value(criterion, raw.value, &mut answer) {
        errors.push((FIELD_VALUE, message.to_owned()));
    }
    match written(raw.narrative, "Narrative evidence") {
        Ok(text) => answer.narrative = text,
        Err(message) => errors.push((FIELD_NARRATIVE, message)),
    }
    match written(raw.improvement_action, "Improvement action") {
        Ok(text) => answer.improvement_action = text,
        Err(message) => errors.push((FIELD_IMPROVEMENT_ACTION, message)),
    }
    if errors.is_empty() { Ok(answer) } else { Err(errors) }
}

/// Reads the main answer into its field; blank input leaves it `None`.
fn read_value(criterion: &Criterion, raw: &str, answer: &mut Answer) -> Result<(), &'static str> {
    let value = raw.trim();
    if value.is_empty() {
        return Ok(());
    }
    // Only ratings may be not applicable (the framework format enforces it); say so
    // plainly rather than "enter a number" when the code arrives for another type.
    let is_na_code = value.eq_ignore_ascii_case(Rating::NotApplicable.code());
    match criterion.answer {
        AnswerType::Rating => answer.rating = Some(rating(value, criterion.not_applicable)?),
        AnswerType::Text => {
            let text = written(raw, "Your answer").map_err(|_| TEXT_TOO_LONG)?;
            answer.text = (!text.is_empty()).then_some(text);
        }
        _ if is_na_code => return Err(NOT_APPLICABLE_REFUSED),
        AnswerType::YesNo => answer.yes_no = Some(yes_no(value)?),
        AnswerType::Percentage => answer.number = Some(percentage(value)?),
        AnswerType::Number => answer.number = Some(count(value)?),
    }
    Ok(())
}

const TEXT_TOO_LONG: &str = "Your answer must be 20,000 characters or fewer";

fn rating(value: &str, not_applicable_allowed: bool) -> Result<Rating, &'static str> {
    match Rating::from_code(&value.to_ascii_lowercase()) {
        Some(Rating::NotApplicable) if !not_applicable_allowed => Err(NOT_APPLICABLE_REFUSED),
        Some(rating) => Ok(rating),
        None if not_applicable_allowed => Err("Select met, partially met, not met or not applicable"),
        None => Err("Select met, partially met or not met"),
    }
}

fn yes_no(value: &str) -> Result<bool, &'static str> {
    if value.eq_ignore_ascii_case("yes") {
        Ok(true)
    } else if value.eq_ignore_ascii_case("no") {
        Ok(false)
    } else {
        Err("Select yes or no")
    }
}

fn percentage(value: &str) -> Result<f64, &'static str> {
    let digits = value.strip_suffix('%').map_or(value, str::trim_end);
    let n = decimal(digits).ok_or("Enter a percentage as a number, like 85")?;
    if (0.0..=100.0).contains(&n) { Ok(n) } else { Err("Enter a percentage between 0 and 100") }
}

fn count(value: &str) -> Result<f64, &'static str> {
    let n = decimal(value).ok_or("Enter a number, like 12")?;
    if n < 0.0 {
        Err("Enter a number that is 0 or more")
    } else if n.fract() != 0.0 {
        Err("Enter a whole number, like 12")
    } else if n > MAX_NUMBER {
        Err("Enter a number no bigger than 1,000,000,000")
    } else {
        Ok(n)
    }
}

/// The longest run of digits read as a number: enough for any real figure, and
/// short enough that the result is always finite.
const MAX_DIGITS: usize = 30;

/// A plain decimal: an optional sign, digits (with commas only as thousands
/// separators), and an optional decimal point followed by digits. At least one digit.
/// Never NaN or infinite; minus zero becomes zero.
fn decimal(text: &str) -> Option<f64> {
    let (negative, unsigned) = match text.as_bytes().first() {
        Some(b'-') => (true, &text[1..]),
        Some(b'+') => (false, &text[1..]),
        _ => (false, text),
    };
    let (whole, fraction) = unsigned.split_once('.').unwrap_or((unsigned, ""));
    let whole = without_thousands_commas(whole)?;
    let all_digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    if !all_digits(&whole) || !all_digits(fraction) || whole.len() + fraction.len() == 0 {
        return None;
    }
    if whole.len() + fraction.len() > MAX_DIGITS {
        return None;
    }
    let n: f64 = format!("{}.{}", if whole.is_empty() { "0" } else { &whole }, fraction).parse().ok()?;
    let n = if negative { -n } else { n };
    // Adding zero turns minus zero into zero.
    n.is_finite().then_some(n + 0.0)
}

/// Removes thousands commas ("1,200" → "1200"), refusing commas anywhere else
/// ("1,2" is a European decimal, not twelve).
fn without_thousands_commas(whole: &str) -> Option<String> {
    if !whole.contains(',') {
        return Some(whole.to_owned());
    }
    let mut groups = whole.split(',');
    let first = groups.next()?;
    if first.is_empty() || first.len() > 3 {
        return None;
    }
    let mut out = first.to_owned();
    for group in groups {
        if group.len() != 3 {
            return None;
        }
        out.push_str(group);
    }
    Some(out)
}

/// Written text: trimmed, line endings as `\n`, tabs kept, other control characters
/// removed, at most [`MAX_WRITTEN_CHARS`] characters.
fn written(raw: &str, what: &str) -> Result<String, String> {
    let text: String = raw
        .replace("\r\n", "\n")
        .replace('\r', "\n")
        .chars()
        .filter(|c| !c.is_control() || *c == '\n' || *c == '\t')
        .collect();
    let text = text.trim();
    if text.chars().count() > MAX_WRITTEN_CHARS {
        return Err(format!("{what} must be 20,000 characters or fewer"));
    }
    Ok(text.to_owned())
}
