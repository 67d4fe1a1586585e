//! Writing the offline workbook: an instructions sheet, then the Assessment sheet with
//! one row per criterion the person may read. The answer cells offer drop-downs for
//! choices and refuse numbers out of range; everything else is locked, and the
//! version and fingerprint each row was written with sit in hidden columns so the
//! upload can tell edited rows from untouched ones and spot answers changed online.

use std::collections::{HashMap, HashSet};

use rust_xlsxwriter::{
    DataValidation, DataValidationRule, Format, FormatAlign, FormatBorder, ProtectionOptions, Workbook,
    Worksheet, XlsxError,
};

use crate::assessments::store::{Saved, fingerprint};
use osa_core::assessment::workbook::{
    COLUMNS, Cell, Column, SHEET_NAME, answer_cell, choice_labels, how_to_answer, written_answer,
};
use osa_core::assessment::{MAX_NUMBER, MAX_WRITTEN_CHARS};
use osa_core::framework::{AnswerType, Criterion, Framework};
use osa_core::tenancy::{DutyStatus, Sector};

/// What the workbook is written from.
pub struct Source<'a> {
    pub organisation: &'a str,
    pub framework: &'a Framework,
    pub profile: (Sector, DutyStatus),
    /// Standards the person may read, and those they may answer.
    pub readable: &'a HashSet<String>,
    pub writable: &'a HashSet<String>,
    pub saved: &'a HashMap<String, Saved>,
    /// Where to upload the workbook again.
    pub upload_url: String,
}

fn width(column: Column) -> f64 {
    match column {
        Column::Standard => 24.0,
        Column::Code => 10.0,
        Column::Question | Column::Guidance => 48.0,
        Column::Evidence | Column::HowToAnswer => 28.0,
        Column::Answer => 18.0,
        Column::Narrative => 60.0,
        Column::ImprovementAction => 45.0,
        Column::Version | Column::Check => 14.0,
    }
}

pub fn build(source: &Source) -> Result<Vec<u8>, XlsxError> {
    let mut book = Workbook::new();
    instructions(book.add_worksheet(), source)?;
    answers(book.add_worksheet(), source)?;
    book.save_to_buffer()
}

fn instructions(sheet: &mut Worksheet, s: &Source) -> Result<(), XlsxError> {
    sheet.set_name("Instructions")?;
    sheet.set_column_width(0, 110)?;
    let title = Format::new().set_bold().set_font_size(16);
    let wrap = Format::new().set_text_wrap().set_align(FormatAlign::Top);
    sheet.write_string_with_format(0, 0, format!("{}: {}", s.organisation, s.framework.name), &title)?;
    let lines = [
        format!("Version {} of the framework.", s.framework.version),
        String::new(),
        format!(
            "1. Answer on the {SHEET_NAME} sheet, one row per question. Where the Answer cell has a drop-down, choose from it; \
             percentages are numbers from 0 to 100 (type 85, not 85%)."
        ),
        "2. Write your narrative evidence and any improvement action beside each answer. Cells you cannot change are grey and locked."
            .to_owned(),
        "3. Keep the sheet name, the header row and the criterion codes as they are, and do not change the hidden columns: \
         they tell osa which answers you changed."
            .to_owned(),
        format!("4. Upload the workbook at {}", s.upload_url),
        "5. osa checks every row and shows what will change. Nothing is saved until you confirm. \
         If a colleague changed an answer online after you downloaded this workbook, you will be shown both answers \
         and theirs is kept."
            .to_owned(),
    ];
    for (i, line) in lines.iter().enumerate() {
        sheet.write_string_with_format(u32::try_from(i + 2).unwrap_or(0), 0, line, &wrap)?;
    }
    sheet.set_active(true);
    Ok(())
}

fn answers(sheet: &mut Worksheet, s: &Source) -> Result<(), XlsxError> {
    sheet.set_name(SHEET_NAME)?;
    let header = Format::new()
        .set_bold()
        .set_text_wrap()
        .set_background_color("#DDDDDD")
        .set_border_bottom(FormatBorder::Medium);
    let locked = Format::new().set_text_wrap().set_align(FormatAlign::Top).set_background_color("#F3F2F1");
    let open = Format::new().set_text_wrap().set_align(FormatAlign::Top).set_unlocked();
    for (i, (column, title)) in COLUMNS.iter().enumerate() {
        let col = u16::try_from(i).unwrap_or(0);
        sheet.write_string_with_format(0, col, *title, &header)?;
        sheet.set_column_width(col, width(*column))?;
        if matches!(column, Column::Version | Column::Check) {
            sheet.set_column_hidden(col)?;
        }
    }
    sheet.set_freeze_panes(1, 2)?;
    let mut row: u32 = 1;
    for standard in s.framework.standards.iter().filter(|st| s.readable.contains(&st.code)) {
        let editable = s.writable.contains(&standard.code);
        let criteria = standard.criteria.iter().filter(|c| c.applies_to(s.profile.0, s.profile.1));
        for c in criteria {
            let saved = s.saved.get(&c.code);
            let answer = saved.map(|v| v.answer.clone()).unwrap_or_default();
            let texts = [
                (Column::Standard, format!("{}. {}", standard.code, standard.title)),
                (Column::Code, c.code.clone()),
                (Column::Question, c.question.clone()),
                (Column::Guidance, c.guidance.clone()),
                (Column::Evidence, c.evidence.join("\n")),
                (Column::HowToAnswer, how_to_answer(c)),
                (Column::Narrative, answer.narrative.clone()),
                (Column::ImprovementAction, answer.improvement_action.clone()),
                (Column::Check, fingerprint(&written_answer(c, &answer))),
            ];
            for (column, text) in texts {
                let format = if column.is_editable() && editable { &open } else { &locked };
                sheet.write_string_with_format(row, col(column), text, format)?;
            }
            let format = if editable { &open } else { &locked };
            match answer_cell(c, &answer) {
                Cell::Blank => sheet.write_blank(row, col(Column::Answer), format)?,
                Cell::Text(t) => sheet.write_string_with_format(row, col(Column::Answer), t, format)?,
                Cell::Number(n) => sheet.write_number_with_format(row, col(Column::Answer), n, format)?,
            };
            let version = saved.map_or(0, |v| v.version) as f64;
            sheet.write_number_with_format(row, col(Column::Version), version, &locked)?;
            if editable {
                validate(sheet, row, c)?;
            }
            row += 1;
        }
    }
    if row > 1 {
        sheet.autofilter(0, 0, row - 1, col(Column::ImprovementAction))?;
    }
    // Protected without a password: it keeps people from typing over the questions
    // and hidden columns by mistake; it is not a security boundary (the upload is
    // checked in full whatever the file holds).
    let options =
        ProtectionOptions { format_rows: true, use_autofilter: true, ..ProtectionOptions::default() };
    sheet.protect_with_options(&options);
    Ok(())
}

fn col(column: Column) -> u16 {
    u16::try_from(column.index()).unwrap_or(0)
}

/// The Answer cell's validation: a drop-down for choices, a range for numbers, a
/// length for text. Excel and LibreOffice enforce it as people type; osa checks again.
fn validate(sheet: &mut Worksheet, row: u32, c: &Criterion) -> Result<(), XlsxError> {
    let written = || MAX_WRITTEN_CHARS.min(32_767) as u32;
    let rule = match c.answer {
        AnswerType::Rating | AnswerType::YesNo => {
            DataValidation::new().allow_list_strings(&choice_labels(c))?
        }
        AnswerType::Percentage => {
            DataValidation::new().allow_decimal_number(DataValidationRule::Between(0.0, 100.0))
        }
        AnswerType::Number => {
            DataValidation::new().allow_whole_number(DataValidationRule::Between(0, MAX_NUMBER as i32))
        }
        AnswerType::Text => {
            DataValidation::new().allow_text_length(DataValidationRule::LessThanOrEqualTo(written()))
        }
    };
    let rule = rule.set_error_title("Not an answer osa accepts")?.set_error_message(how_to_answer(c))?;
    sheet.add_data_validation(row, col(Column::Answer), row, col(Column::Answer), &rule)?;
    // The written columns hold at most what the web form accepts.
    let text = DataValidation::new()
        .allow_text_length(DataValidationRule::LessThanOrEqualTo(written()))
        .set_error_message("Write 20,000 characters or fewer")?;
    sheet.add_data_validation(row, col(Column::Narrative), row, col(Column::ImprovementAction), &text)?;
    Ok(())
}
