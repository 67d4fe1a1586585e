//! The lines every exported table starts with: its title, the cycle (or whatever it is
//! about), when it was produced and the filters applied. A CSV forwarded by email or a
//! workbook opened next month must say on its own what it holds and as of when,
//! without the page it came from.
//!
//! Every value goes through [`csv_text`] in both formats: cycle names, organisation
//! names and filters are typed by people, and a spreadsheet must never run them.

use osa_core::spreadsheet::csv_text;
use rust_xlsxwriter::{Format, Worksheet, XlsxError};
use time::OffsetDateTime;

use crate::web::format;

#[derive(Debug, Clone)]
pub struct Heading {
    title: String,
    lines: Vec<(&'static str, String)>,
}

impl Heading {
    /// A heading titled `title`, produced at `produced`.
    pub fn new(title: impl Into<String>, produced: OffsetDateTime) -> Heading {
        Heading { title: title.into(), lines: vec![("Produced", format::datetime(produced))] }
    }

    /// The same heading under another title (one per sheet of a workbook).
    pub fn retitled(&self, title: &str) -> Heading {
        Heading { title: title.to_owned(), lines: self.lines.clone() }
    }

    /// Adds a line such as ("Cycle", "Section 11 audit 2027"); lines keep their order,
    /// before the "Produced" line.
    pub fn about(mut self, label: &'static str, value: impl Into<String>) -> Heading {
        let at = self.lines.iter().position(|(l, _)| *l == "Produced").unwrap_or(self.lines.len());
        self.lines.insert(at, (label, value.into()));
        self
    }

    /// The filters applied, in words ("Sector: Police"); none says so, so a reader
    /// knows the table is whole rather than wonder.
    pub fn filters(mut self, applied: &[String]) -> Heading {
        let words = if applied.is_empty() { "None".to_owned() } else { applied.join("; ") };
        self.lines.push(("Filters applied", words));
        self
    }

    /// The heading's rows: the title alone, then a label and its value per line.
    pub fn rows(&self) -> Vec<Vec<String>> {
        let mut rows = vec![vec![csv_text(&self.title)]];
        rows.extend(self.lines.iter().map(|(label, value)| vec![(*label).to_owned(), csv_text(value)]));
        rows
    }

    /// The start of a CSV file: the heading's rows and a blank line. The table's own
    /// writer continues on the returned bytes (`csv::Writer::from_writer`).
    pub fn csv_start(&self) -> Result<Vec<u8>, csv::Error> {
        // The heading's rows are shorter than the table's, so this writer is flexible;
        // the table's writer stays strict about its own rows.
        let mut out = csv::WriterBuilder::new().flexible(true).from_writer(Vec::new());
        for row in self.rows() {
            out.write_record(&row)?;
        }
        let mut bytes = out.into_inner().map_err(|e| csv::Error::from(e.into_error()))?;
        bytes.push(b'\n');
        Ok(bytes)
    }

    /// Writes the heading at the top of `sheet` and returns the first row free for the
    /// table (after a blank row).
    pub fn write_xlsx(&self, sheet: &mut Worksheet) -> Result<u32, XlsxError> {
        let title = Format::new().set_bold().set_font_size(14);
        let label = Format::new().set_bold();
        sheet.write_string_with_format(0, 0, csv_text(&self.title), &title)?;
        let mut row = 1;
        for (name, value) in &self.lines {
            sheet.write_string_with_format(row, 0, *name, &label)?;
            sheet.write_string(row, 1, csv_text(value))?;
            row += 1;
        }
        Ok(row + 1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::datetime;

    fn heading() -> Heading {
        Heading::new("Results per standard", datetime!(2026-12-03 15:04 UTC))
            .about("Cycle", "Section 11 audit 2027")
            .filters(&["Sector: Police".to_owned()])
    }

    #[test]
    fn a_csv_starts_with_title_cycle_time_and_filters_then_a_blank_line() {
        let text = String::from_utf8(heading().csv_start().unwrap()).unwrap();
        assert_eq!(
            text,
            "Results per standard\nCycle,Section 11 audit 2027\nProduced,3 December 2026 at 3:04pm UTC\n\
             Filters applied,Sector: Police\n\n"
        );
    }

    #[test]
    fn no_filters_says_none_and_lines_added_later_come_before_the_time() {
        let h =
            Heading::new("Actions", datetime!(2026-12-03 09:00 UTC)).filters(&[]).about("Organisation", "A");
        let labels: Vec<String> = h.rows().into_iter().skip(1).map(|r| r[0].clone()).collect();
        assert_eq!(labels, ["Organisation", "Produced", "Filters applied"]);
        assert_eq!(h.rows()[3][1], "None");
    }

    #[test]
    fn typed_values_that_a_spreadsheet_would_run_stay_text() {
        let h = Heading::new("=HYPERLINK(1)", datetime!(2026-12-03 09:00 UTC)).about("Cycle", "=1+1");
        assert_eq!(h.rows()[0][0], "'=HYPERLINK(1)");
        assert_eq!(h.rows()[1][1], "'=1+1");
    }

    #[test]
    fn a_sheet_gets_the_heading_and_the_table_starts_after_a_blank_row() {
        let mut book = rust_xlsxwriter::Workbook::new();
        let sheet = book.add_worksheet();
        assert_eq!(heading().write_xlsx(sheet).unwrap(), 5);
    }
}
