//! Problems found in a framework file, and the bookkeeping to point at their lines.

use std::ops::Range;

/// One problem found in a framework file, pointing at where it is.
///
/// `field` is a path into the file such as `standards[2].criteria[4].answer`; list
/// positions count from 0, as in the TOML and serde tools. It is empty when the problem
/// is with the file as a whole (not UTF-8, too big, not valid TOML).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileError {
    /// 1-based line of the offending field, when known.
    pub line: Option<usize>,
    pub field: String,
    pub message: String,
}

impl std::fmt::Display for FileError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match (self.line, self.field.is_empty()) {
            (Some(line), false) => write!(f, "line {line}, `{}`: {}", self.field, self.message),
            (Some(line), true) => write!(f, "line {line}: {}", self.message),
            (None, false) => write!(f, "`{}`: {}", self.field, self.message),
            (None, true) => f.write_str(&self.message),
        }
    }
}

impl std::error::Error for FileError {}

/// The most problems reported for one file; past this, one more entry says so.
/// Bounds memory and keeps the list readable when a file is badly broken.
pub const MAX_ERRORS: usize = 200;

/// Collects problems while a file is checked.
pub(crate) struct Report {
    newlines: Vec<usize>,
    errors: Vec<FileError>,
    overflowed: bool,
}

impl Report {
    pub(crate) fn new(text: &[u8]) -> Report {
        let newlines = text.iter().enumerate().filter(|(_, b)| **b == b'\n').map(|(i, _)| i).collect();
        Report { newlines, errors: Vec::new(), overflowed: false }
    }

    /// The 1-based line holding this byte offset.
    pub(crate) fn line_of(&self, offset: usize) -> usize {
        self.newlines.partition_point(|&nl| nl < offset) + 1
    }

    /// The line a span starts on; `None` for the empty span toml gives the whole document.
    pub(crate) fn line(&self, span: &Range<usize>) -> Option<usize> {
        if span.start == 0 && span.end == 0 { None } else { Some(self.line_of(span.start)) }
    }

    pub(crate) fn push(&mut self, line: Option<usize>, field: impl Into<String>, message: impl Into<String>) {
        if self.errors.len() >= MAX_ERRORS {
            self.overflowed = true;
            return;
        }
        self.errors.push(FileError { line, field: field.into(), message: message.into() });
    }

    pub(crate) fn at(&mut self, span: &Range<usize>, field: impl Into<String>, message: impl Into<String>) {
        let line = self.line(span);
        self.push(line, field, message);
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.errors.is_empty()
    }

    /// The problems in line order (file-wide ones first).
    pub(crate) fn finish(mut self) -> Vec<FileError> {
        self.errors.sort_by_key(|e| e.line);
        if self.overflowed {
            self.errors.push(FileError {
                line: None,
                field: String::new(),
                message: format!(
                    "more than {MAX_ERRORS} problems were found and only the first {MAX_ERRORS} are listed; \
                     expected fewer: correct these and import the file again to see the rest"
                ),
            });
        }
        self.errors
    }
}

/// Shows a found text value in a message: quoted, and shortened if long.
pub(crate) fn quoted(text: &str) -> String {
    const SHOWN: usize = 40;
    let mut out = String::from("\"");
    for (i, c) in text.chars().enumerate() {
        if i == SHOWN {
            out.push('…');
            break;
        }
        match c {
            '"' => out.push_str("\\\""),
            '\n' => out.push_str("\\n"),
            c if c.is_control() => out.push('?'),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Writes a number with thousands separators, as people read them.
pub(crate) fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display_names_line_and_field_when_known() {
        let e = |line, field: &str| FileError { line, field: field.into(), message: "expected x".into() };
        assert_eq!(e(Some(12), "framework.key").to_string(), "line 12, `framework.key`: expected x");
        assert_eq!(e(Some(3), "").to_string(), "line 3: expected x");
        assert_eq!(e(None, "standards").to_string(), "`standards`: expected x");
        assert_eq!(e(None, "").to_string(), "expected x");
    }

    #[test]
    fn lines_count_from_one() {
        let r = Report::new(b"a\nbc\n\nd");
        assert_eq!(r.line_of(0), 1);
        assert_eq!(r.line_of(1), 1);
        assert_eq!(r.line_of(2), 2);
        assert_eq!(r.line_of(5), 3);
        assert_eq!(r.line_of(6), 4);
        assert_eq!(r.line(&(0..0)), None);
    }

    #[test]
    fn long_values_are_shortened_in_messages() {
        assert_eq!(quoted("ratings"), "\"ratings\"");
        assert_eq!(quoted(&"x".repeat(200)), format!("\"{}…\"", "x".repeat(40)));
        assert_eq!(quoted("a\"b\nc"), "\"a\\\"b\\nc\"");
    }

    #[test]
    fn numbers_get_thousands_separators() {
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(1000), "1,000");
        assert_eq!(thousands(2_097_152), "2,097,152");
    }

    #[test]
    fn too_many_problems_are_capped_with_a_note() {
        let mut r = Report::new(b"");
        for i in 0..MAX_ERRORS + 5 {
            r.push(Some(i + 1), "f", "expected y");
        }
        let errors = r.finish();
        assert_eq!(errors.len(), MAX_ERRORS + 1);
        assert!(errors[MAX_ERRORS].message.starts_with("more than 200 problems"));
    }
}
