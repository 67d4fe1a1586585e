//! Reading typed fields out of a parsed TOML table, reporting every problem with the
//! line it is on and what was expected instead.

use std::ops::Range;

use toml::Spanned;
use toml::de::{DeTable, DeValue};

use super::error::{Report, quoted, thousands};

pub(crate) type Value<'i> = Spanned<DeValue<'i>>;

/// What a text field must hold: the words used in messages, and its length limit.
pub(crate) struct TextSpec {
    pub expect: &'static str,
    pub max_chars: usize,
}

/// What a list of text must hold.
pub(crate) struct ListSpec {
    pub expect: &'static str,
    pub item: TextSpec,
    pub min: usize,
    pub max: usize,
}

/// A text value that passed its checks, with where it was.
pub(crate) struct Text {
    pub value: String,
    pub span: Range<usize>,
    pub field: String,
}

/// Describes a value that was not what was expected, for "found …".
pub(crate) fn found(value: &DeValue<'_>) -> String {
    let short = |s: &str| -> String {
        let mut out: String = s.chars().take(40).collect();
        if s.chars().nth(40).is_some() {
            out.push('…');
        }
        out
    };
    match value {
        DeValue::String(s) if s.is_empty() => "an empty string".into(),
        DeValue::String(s) if s.trim().is_empty() => "a string with nothing but spaces".into(),
        DeValue::String(s) => quoted(s),
        DeValue::Integer(i) => format!("the number {}", short(&i.to_string())),
        DeValue::Float(f) => format!("the number {}", short(f.as_str())),
        DeValue::Boolean(b) => b.to_string(),
        DeValue::Datetime(d) => format!("the date {d}"),
        DeValue::Array(a) if a.is_empty() => "an empty list".into(),
        DeValue::Array(_) => "a list".into(),
        DeValue::Table(_) => "a table".into(),
    }
}

/// Checks a string value: trimmed, not blank, not too long.
pub(crate) fn check_text(r: &mut Report, value: &Value<'_>, field: String, spec: &TextSpec) -> Option<Text> {
    let span = value.span();
    let DeValue::String(raw) = value.get_ref() else {
        r.at(&span, field, format!("expected {}, found {}", spec.expect, found(value.get_ref())));
        return None;
    };
    let trimmed = raw.trim();
    if trimmed.is_empty() {
        r.at(&span, field, format!("expected {}, found {}", spec.expect, found(value.get_ref())));
        return None;
    }
    let chars = trimmed.chars().count();
    if chars > spec.max_chars {
        let n = thousands(chars);
        r.at(&span, field, format!("expected {}, found a string of {n} characters", spec.expect));
        return None;
    }
    Some(Text { value: trimmed.to_owned(), span, field })
}

/// One table of the file (`[framework]`, a standard, a criterion) being read.
pub(crate) struct Table<'a, 'i> {
    pub table: &'a DeTable<'i>,
    /// Path of the table itself, such as `standards[0]`.
    pub path: String,
    /// Where its header is.
    pub span: Range<usize>,
    /// The fields it may hold, in the order messages list them.
    pub known: &'static [&'static str],
}

impl<'a, 'i> Table<'a, 'i> {
    pub(crate) fn field(&self, name: &str) -> String {
        if self.path.is_empty() { name.to_owned() } else { format!("{}.{name}", self.path) }
    }

    pub(crate) fn get(&self, name: &str) -> Option<&'a Value<'i>> {
        self.table.get(name)
    }

    /// Reports every field the table may not hold.
    pub(crate) fn unknown_fields(&self, r: &mut Report) {
        for (key, _) in self.table.iter() {
            let name: &str = key.get_ref();
            if !self.known.contains(&name) {
                let allowed = self.known.join(", ");
                r.at(
                    &key.span(),
                    self.field(name),
                    format!("unknown field {}; expected only {allowed}", shown_key(name)),
                );
            }
        }
    }

    pub(crate) fn missing(&self, r: &mut Report, name: &str, expect: &str) {
        r.at(&self.span, self.field(name), format!("required field `{name}` is missing; expected {expect}"));
    }

    /// A required text field.
    pub(crate) fn text(&self, r: &mut Report, name: &str, spec: &TextSpec) -> Option<Text> {
        let Some(value) = self.get(name) else {
            self.missing(r, name, spec.expect);
            return None;
        };
        check_text(r, value, self.field(name), spec)
    }

    /// A required `true` or `false`.
    pub(crate) fn boolean(&self, r: &mut Report, name: &str) -> Option<(bool, Range<usize>)> {
        const EXPECT: &str = "true or false, without quotes";
        let Some(value) = self.get(name) else {
            self.missing(r, name, EXPECT);
            return None;
        };
        match value.get_ref() {
            DeValue::Boolean(b) => Some((*b, value.span())),
            other => {
                r.at(&value.span(), self.field(name), format!("expected {EXPECT}, found {}", found(other)));
                None
            }
        }
    }

    /// A list of text. `None` when it is absent, or not a list at all (reported).
    /// Items that fail their checks are reported and left out.
    pub(crate) fn texts(&self, r: &mut Report, name: &str, spec: &ListSpec) -> Option<Vec<Text>> {
        let Some(value) = self.get(name) else {
            if spec.min > 0 {
                self.missing(r, name, spec.expect);
            }
            return None;
        };
        let field = self.field(name);
        let DeValue::Array(items) = value.get_ref() else {
            r.at(&value.span(), field, format!("expected {}, found {}", spec.expect, found(value.get_ref())));
            return None;
        };
        if items.len() < spec.min {
            r.at(&value.span(), field, format!("expected {}, found an empty list", spec.expect));
            return None;
        }
        if items.len() > spec.max {
            let n = thousands(items.len());
            r.at(&value.span(), field, format!("expected {}, found a list of {n} items", spec.expect));
            return None;
        }
        let mut out = Vec::with_capacity(items.len());
        for (i, item) in items.iter().enumerate() {
            if let Some(text) = check_text(r, item, format!("{field}[{i}]"), &spec.item) {
                out.push(text);
            }
        }
        Some(out)
    }
}

/// A key as shown in a message: in backticks, shortened if absurdly long.
fn shown_key(name: &str) -> String {
    let short: String = name.chars().take(40).filter(|c| !c.is_control()).collect();
    let more = if name.chars().nth(40).is_some() { "…" } else { "" };
    format!("`{short}{more}`")
}

/// The array of tables under `name` (`[[standards]]`, `[[standards.criteria]]`):
/// each table with its path and header span. Problems are reported; `None` means
/// nothing usable was there.
pub(crate) fn tables<'a, 'i>(
    r: &mut Report,
    parent: &Table<'a, 'i>,
    name: &str,
    header: &str,
    known: &'static [&'static str],
) -> Option<Vec<Table<'a, 'i>>> {
    let field = parent.field(name);
    let expect = format!("one or more {header} sections");
    let value = parent.get(name)?;
    let DeValue::Array(items) = value.get_ref() else {
        let found = match value.get_ref() {
            DeValue::Table(_) => format!("a table; write {header} with double square brackets"),
            other => found(other),
        };
        r.at(&value.span(), field, format!("expected {expect}, found {found}"));
        return None;
    };
    let mut out = Vec::with_capacity(items.len());
    for (i, item) in items.iter().enumerate() {
        let path = format!("{field}[{i}]");
        match item.get_ref() {
            DeValue::Table(table) => out.push(Table { table, path, span: item.span(), known }),
            other => r.at(&item.span(), path, format!("expected a {header} section, found {}", found(other))),
        }
    }
    Some(out)
}
