//! Form errors in the shape the GOV.UK error summary and field error messages need.

/// Errors keyed by the id of the field they belong to, in page order.
#[derive(Debug, Default, Clone)]
pub struct Errors(Vec<(&'static str, String)>);

impl Errors {
    pub fn add(&mut self, field: &'static str, message: impl Into<String>) {
        self.0.push((field, message.into()));
    }

    /// Records the error of a parse result and gives back its value, if any.
    pub fn take<T, E: std::fmt::Display>(&mut self, field: &'static str, result: Result<T, E>) -> Option<T> {
        match result {
            Ok(value) => Some(value),
            Err(err) => {
                self.add(field, err.to_string());
                None
            }
        }
    }

    pub fn get(&self, field: &str) -> Option<&str> {
        self.0.iter().find(|(f, _)| *f == field).map(|(_, m)| m.as_str())
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn iter(&self) -> impl Iterator<Item = &(&'static str, String)> {
        self.0.iter()
    }
}

/// `(code, label)` pairs for select, radio and checkbox options.
pub fn options<T: Copy>(
    all: &[T],
    code: fn(T) -> &'static str,
    label: fn(T) -> &'static str,
) -> Vec<(&'static str, &'static str)> {
    all.iter().map(|v| (code(*v), label(*v))).collect()
}

/// Whether an option's code is the chosen one (templates compare values of mixed
/// reference depth, which `==` in a template cannot).
pub fn same(code: impl AsRef<str>, selected: impl AsRef<str>) -> bool {
    code.as_ref() == selected.as_ref()
}

/// Whether an option's code is among those chosen.
pub fn contains(selected: &[String], code: impl AsRef<str>) -> bool {
    selected.iter().any(|s| s == code.as_ref())
}

/// A GOV.UK date input's three fields, as typed (kept as typed when wrong).
#[derive(Debug, Clone, Default, serde::Deserialize)]
pub struct DateParts {
    #[serde(default)]
    pub day: String,
    #[serde(default)]
    pub month: String,
    #[serde(default)]
    pub year: String,
}

impl DateParts {
    pub fn from_date(date: time::Date) -> DateParts {
        DateParts {
            day: date.day().to_string(),
            month: u8::from(date.month()).to_string(),
            year: date.year().to_string(),
        }
    }

    pub fn is_blank(&self) -> bool {
        [&self.day, &self.month, &self.year].iter().all(|p| p.trim().is_empty())
    }

    /// The date, or a message in the Design System's words (`what` names the date).
    pub fn parse(&self, what: &str) -> Result<time::Date, String> {
        if self.is_blank() {
            return Err(format!("Enter the {what}"));
        }
        let number = |p: &str| p.trim().parse::<i32>().ok();
        let (Some(d), Some(m), Some(y)) = (number(&self.day), number(&self.month), number(&self.year)) else {
            return Err(format!("The {what} must be a real date, like 31 3 2027"));
        };
        let month = u8::try_from(m).ok().and_then(|m| time::Month::try_from(m).ok());
        match (month, u8::try_from(d).ok()) {
            (Some(month), Some(day)) if (2000..=2100).contains(&y) => {
                time::Date::from_calendar_date(y, month, day)
                    .map_err(|_| format!("The {what} must be a real date, like 31 3 2027"))
            }
            _ => Err(format!("The {what} must be a real date, like 31 3 2027")),
        }
    }
}

#[cfg(test)]
mod date_tests {
    use super::DateParts;

    fn parts(d: &str, m: &str, y: &str) -> DateParts {
        DateParts { day: d.into(), month: m.into(), year: y.into() }
    }

    #[test]
    fn real_dates_parse_and_others_say_what_is_wrong() {
        assert_eq!(parts("31", "3", "2027").parse("due date").unwrap().to_string(), "2027-03-31");
        assert_eq!(parts(" 1", "12 ", "2027").parse("due date").unwrap().to_string(), "2027-12-01");
        assert_eq!(parts("", "", "").parse("due date").unwrap_err(), "Enter the due date");
        for (d, m, y) in [("31", "2", "2027"), ("x", "1", "2027"), ("1", "13", "2027"), ("1", "1", "27")] {
            assert!(parts(d, m, y).parse("due date").unwrap_err().contains("real date"), "{d} {m} {y}");
        }
    }
}
