//! Entry points: bytes or text in, a validated framework or every problem out.

use toml::de::DeTable;

use super::error::{FileError, Report, thousands};
use super::model::Framework;
use super::read;
use super::specs::MAX_FILE_BYTES;

/// Parses and validates a whole file. Either the whole framework or every error
/// found (at least one), in line order. Never panics, on any input.
///
/// A file that is not valid TOML gets one error, for the first syntax problem; a
/// valid TOML file gets every problem with its content (up to [`MAX_ERRORS`]).
///
/// [`MAX_ERRORS`]: super::MAX_ERRORS
pub fn parse(text: &str) -> Result<Framework, Vec<FileError>> {
    if text.len() > MAX_FILE_BYTES {
        return Err(vec![too_big(text.len())]);
    }
    let mut report = Report::new(text.as_bytes());
    // Only the first syntax error is reported: after one, the parser's recovery
    // misreads what follows (a broken header makes every later field a "duplicate"),
    // and a hostile file could make it collect millions of errors.
    let doc = match DeTable::parse(text) {
        Ok(doc) => doc,
        Err(error) => {
            let line = error.span().map(|span| report.line_of(span.start));
            report.push(line, "", syntax_message(error.message()));
            return Err(report.finish());
        }
    };
    let framework = read::framework(&doc, &mut report);
    if report.is_empty() { Ok(framework) } else { Err(report.finish()) }
}

/// As [`parse`], for the bytes of an uploaded file: a file over
/// [`MAX_FILE_BYTES`] or not valid UTF-8 is refused, naming the lines with bad bytes.
pub fn parse_bytes(bytes: &[u8]) -> Result<Framework, Vec<FileError>> {
    if bytes.len() > MAX_FILE_BYTES {
        return Err(vec![too_big(bytes.len())]);
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => parse(text),
        Err(_) => Err(utf8_errors(bytes)),
    }
}

fn too_big(len: usize) -> FileError {
    FileError {
        line: None,
        field: String::new(),
        message: format!(
            "expected a file of at most {} bytes (2 MB), found {} bytes",
            thousands(MAX_FILE_BYTES),
            thousands(len)
        ),
    }
}

/// One problem per line holding bytes that are not UTF-8.
fn utf8_errors(bytes: &[u8]) -> Vec<FileError> {
    let mut report = Report::new(bytes);
    let mut offset = 0;
    let mut last_line = None;
    for chunk in bytes.utf8_chunks() {
        offset += chunk.valid().len();
        if !chunk.invalid().is_empty() {
            let line = Some(report.line_of(offset));
            if line != last_line {
                report.push(
                    line,
                    "",
                    "expected text saved as UTF-8 (the default in almost every editor), \
                     found bytes on this line that are not UTF-8 characters",
                );
                last_line = line;
            }
        }
        offset += chunk.invalid().len();
    }
    report.finish()
}

/// Words for a TOML syntax error, always saying what was expected.
fn syntax_message(toml: &str) -> String {
    let toml = toml.split_whitespace().collect::<Vec<_>>().join(" ");
    if toml == "duplicate key" {
        return "the file is not valid TOML: a field or section is written twice; expected each \
                field at most once in its section, and [framework] at most once"
            .into();
    }
    if toml.starts_with("string values must be quoted") {
        return "the file is not valid TOML: text must be written in double quotes; expected \
                \"rating\" rather than rating, for example"
            .into();
    }
    if toml.contains("expected") {
        format!("the file is not valid TOML: {toml}")
    } else {
        format!(
            "the file is not valid TOML: {toml}; expected `name = value` lines, text in double quotes \
             and lists in square brackets, as the framework file format describes"
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn over_size_files_are_refused_before_parsing() {
        let big = vec![b' '; MAX_FILE_BYTES + 1];
        let errors = parse_bytes(&big).unwrap_err();
        assert_eq!(
            errors.iter().map(|e| e.to_string()).collect::<Vec<_>>(),
            ["expected a file of at most 2,097,152 bytes (2 MB), found 2,097,153 bytes"]
        );
        let text = " ".repeat(MAX_FILE_BYTES + 1);
        assert_eq!(parse(&text).unwrap_err().len(), 1);
    }

    #[test]
    fn bad_bytes_are_reported_once_per_line() {
        let bytes = b"[framework]\nkey = \"a\xffb\xfe\"\n\nname = \"\xc0\"\n";
        let errors = parse_bytes(bytes).unwrap_err();
        let lines: Vec<_> = errors.iter().map(|e| e.line).collect();
        assert_eq!(lines, [Some(2), Some(4)]);
        assert_eq!(
            errors[0].to_string(),
            "line 2: expected text saved as UTF-8 (the default in almost every editor), \
             found bytes on this line that are not UTF-8 characters"
        );
    }

    #[test]
    fn a_bad_byte_at_the_very_start_is_on_line_one() {
        let errors = parse_bytes(b"\x80[framework]").unwrap_err();
        assert_eq!(errors[0].line, Some(1));
    }

    #[test]
    fn syntax_errors_name_their_line() {
        let errors = parse("[framework]\nkey = \"x\nname = 3\n").unwrap_err();
        assert_eq!(errors[0].line, Some(2));
        assert!(errors[0].message.starts_with("the file is not valid TOML: "), "{}", errors[0]);
        assert!(errors.iter().all(|e| e.message.contains("expected")));
    }

    #[test]
    fn a_duplicate_field_is_explained() {
        let errors = parse("[framework]\nkey = \"x\"\nkey = \"y\"\n").unwrap_err();
        assert_eq!(
            errors.iter().map(|e| e.to_string()).collect::<Vec<_>>(),
            ["line 3: the file is not valid TOML: a field or section is written twice; expected each \
              field at most once in its section, and [framework] at most once"]
        );
    }

    #[test]
    fn empty_and_odd_inputs_are_refused_without_panicking() {
        for text in ["", "\u{feff}", "\n\n", "[[", "a = [[[[[[[[", "=", "\0", "[framework]\n[framework]"] {
            let errors = parse(text).unwrap_err();
            assert!(!errors.is_empty());
            assert!(errors.iter().all(|e| !e.message.is_empty()));
        }
        let deep = format!("x = {}", "[".repeat(10_000));
        assert!(parse(&deep).is_err());
        let deep_tables = format!("x = {}", "{a=".repeat(10_000));
        assert!(parse(&deep_tables).is_err());
    }
}
