//! Reading an uploaded workbook into a grid of cell texts, refusing files that are not
//! workbooks, lack the Assessment sheet, or would take too much memory to read.

use std::io::{Cursor, Read};

use calamine::{DataRef, Reader, Xlsx};

use osa_core::assessment::workbook::{COLUMNS, MAX_ROWS, Problem, SHEET_NAME, number_text};

/// The largest uploaded workbook, in bytes.
pub const MAX_FILE_BYTES: usize = 10 * 1024 * 1024;
/// The most a workbook may hold once unpacked (an XLSX file is a zip archive, and a
/// small archive can unpack to gigabytes).
const MAX_UNPACKED_BYTES: u64 = 100 * 1024 * 1024;
/// The most files inside the archive (a workbook has a few dozen).
const MAX_ENTRIES: usize = 1_000;
/// Columns beyond these are never read (the workbook uses the first few).
const MAX_COLUMNS: u32 = COLUMNS.len() as u32 + 20;

const NOT_A_WORKBOOK: &str =
    "The file is not an Excel workbook (.xlsx). Save it as an Excel workbook and upload it again";

/// The Assessment sheet's cells as text, row by row, the header first.
pub fn grid(bytes: &[u8]) -> Result<Vec<Vec<String>>, Problem> {
    check_unpacked_size(bytes, MAX_UNPACKED_BYTES)?;
    let mut book: Xlsx<_> = Xlsx::new(Cursor::new(bytes)).map_err(|_| Problem::file(NOT_A_WORKBOOK))?;
    let names = book.sheet_names();
    let Some(name) = names.iter().find(|n| n.trim().eq_ignore_ascii_case(SHEET_NAME)) else {
        return Err(Problem::file(format!(
            "The workbook has no sheet called \"{SHEET_NAME}\" (its sheets are: {}). Upload the workbook downloaded from this page, keeping its sheet names",
            names.join(", ")
        )));
    };
    let unreadable = |e: calamine::XlsxError| {
        Problem::file(format!(
            "The {SHEET_NAME} sheet could not be read ({e}). Save the workbook again and upload it"
        ))
    };
    let mut cells = book.worksheet_cells_reader(name).map_err(unreadable)?;
    let mut grid: Vec<Vec<String>> = Vec::new();
    while let Some(cell) = cells.next_cell().map_err(unreadable)? {
        let (row, col) = cell.get_position();
        if col >= MAX_COLUMNS {
            continue;
        }
        let text = text_of(cell.get_value());
        if text.is_empty() {
            continue;
        }
        let row = row as usize;
        if row > MAX_ROWS {
            return Err(Problem::file(format!(
                "The {SHEET_NAME} sheet has more than {MAX_ROWS} rows. Upload the workbook downloaded from this page"
            )));
        }
        if grid.len() <= row {
            grid.resize_with(row + 1, Vec::new);
        }
        let cells = &mut grid[row];
        if cells.len() <= col as usize {
            cells.resize(col as usize + 1, String::new());
        }
        cells[col as usize] = text;
    }
    Ok(grid)
}

fn text_of(value: &DataRef) -> String {
    match value {
        DataRef::Empty => String::new(),
        DataRef::String(s) | DataRef::DateTimeIso(s) | DataRef::DurationIso(s) => s.clone(),
        DataRef::SharedString(s) => (*s).to_owned(),
        DataRef::Int(i) => i.to_string(),
        DataRef::Float(f) => number_text(*f),
        DataRef::Bool(b) => if *b { "TRUE" } else { "FALSE" }.to_owned(),
        DataRef::DateTime(d) => d.to_string(),
        DataRef::Error(e) => e.to_string(),
    }
}

/// Unpacks every file of the archive into nothing, counting, so that a file which
/// would unpack to more than `cap` bytes is refused before calamine reads
/// it into memory. The sizes an archive declares are not trusted: the bytes are
/// counted as they come out.
fn check_unpacked_size(bytes: &[u8], cap: u64) -> Result<(), Problem> {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|_| Problem::file(NOT_A_WORKBOOK))?;
    if archive.len() > MAX_ENTRIES {
        return Err(Problem::file(NOT_A_WORKBOOK));
    }
    let too_large = || {
        Problem::file(
            "The workbook is too large once unpacked. Upload the workbook downloaded from this page",
        )
    };
    let mut left = cap;
    for i in 0..archive.len() {
        let entry = archive.by_index(i).map_err(|_| Problem::file(NOT_A_WORKBOOK))?;
        let read = std::io::copy(&mut entry.take(left + 1), &mut std::io::sink())
            .map_err(|_| Problem::file(NOT_A_WORKBOOK))?;
        if read > left {
            return Err(too_large());
        }
        left -= read;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn zip_of(files: &[(&str, &[u8])]) -> Vec<u8> {
        let mut out = zip::ZipWriter::new(Cursor::new(Vec::new()));
        for (name, data) in files {
            out.start_file(*name, zip::write::SimpleFileOptions::default()).unwrap();
            out.write_all(data).unwrap();
        }
        out.finish().unwrap().into_inner()
    }

    #[test]
    fn a_file_that_is_not_a_zip_is_not_a_workbook() {
        assert_eq!(grid(b"name,answer\n1.1,met\n").unwrap_err().message, NOT_A_WORKBOOK);
        assert_eq!(grid(&[]).unwrap_err().message, NOT_A_WORKBOOK);
    }

    #[test]
    fn a_zip_that_is_not_a_workbook_is_refused() {
        let bytes = zip_of(&[("hello.txt", b"hello")]);
        assert_eq!(grid(&bytes).unwrap_err().message, NOT_A_WORKBOOK);
    }

    #[test]
    fn a_zip_bomb_is_refused_before_it_is_read() {
        let zeros = vec![0u8; 600_000];
        let bytes = zip_of(&[("a.xml", &zeros), ("b.xml", &zeros)]);
        assert!(bytes.len() < 10_000, "small on the wire");
        assert!(
            check_unpacked_size(&bytes, 1_000_000).unwrap_err().message.contains("too large once unpacked")
        );
        assert!(check_unpacked_size(&bytes, 1_200_000).is_ok());
    }

    #[test]
    fn cells_read_as_the_parser_expects() {
        assert_eq!(text_of(&DataRef::Float(85.0)), "85");
        assert_eq!(text_of(&DataRef::Float(85.5)), "85.5");
        assert_eq!(text_of(&DataRef::Int(3)), "3");
        assert_eq!(text_of(&DataRef::SharedString("Met")), "Met");
        assert_eq!(text_of(&DataRef::Bool(true)), "TRUE");
    }
}
