//! Text going into a CSV download. Spreadsheet programs run a cell that starts with
//! `=`, `+`, `-` or `@` (or a tab or carriage return before one) as a formula, so a
//! name typed into osa, such as `=HYPERLINK(...)`, could act when a partnership opens
//! the file. Such text is written with a leading apostrophe, which spreadsheets show as
//! text and hide; everything else is written as it is. Numbers are not passed through
//! here: a negative number is a number, not a formula.

/// `text` as a CSV cell that a spreadsheet shows and never runs.
pub fn csv_text(text: &str) -> String {
    match text.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{text}"),
        _ => text.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::csv_text;

    #[test]
    fn text_that_a_spreadsheet_would_run_is_kept_as_text() {
        for formula in ["=HYPERLINK(\"http://x\")", "+1+1", "-2+3", "@SUM(A1)", "\t=1", "\r=1"] {
            let safe = csv_text(formula);
            assert!(safe.starts_with('\''), "{formula:?} became {safe:?}");
            assert_eq!(&safe[1..], formula, "nothing else changes");
        }
    }

    #[test]
    fn ordinary_text_is_unchanged() {
        for text in ["Kestrel Vale Council", "", "1.2", "90% to 100%", " =not first", "'quoted"] {
            assert_eq!(csv_text(text), text);
        }
    }
}
