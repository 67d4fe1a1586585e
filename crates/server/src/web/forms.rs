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
