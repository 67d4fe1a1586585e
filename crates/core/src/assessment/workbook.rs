//! The offline workbook: an assessment as a spreadsheet, one row per criterion, that
//! colleagues fill in away from the service and upload back.
//!
//! This module holds the rules; reading and writing XLSX files is the server's job.
//! - [`COLUMNS`] is the sheet's layout; [`answer_cell`] and [`choice_labels`] say what
//!   a row shows and offers; [`written_answer`] is the answer exactly as its cells
//!   will read back, so a row nobody touched is recognised as unchanged.
//! - [`read_rows`] finds the columns by their headers and reads every row that holds
//!   anything; [`plan`] checks each row and says what an upload would change.
//!
//! Guarantees: cell values are validated by [`parse_answer`], the same rule as the
//! web form, so the two can never disagree. A row whose answer was not edited (its
//! fingerprint matches the one written at download) changes nothing. An edited row
//! changes a criterion only when its stored version is still the one the workbook was
//! downloaded at; otherwise it is a [`Conflict`], never applied. Any [`Problem`] in
//! any row means no change at all: [`plan`] gives either every problem or the plan.

use std::collections::HashMap;

use super::answer::Answer;
use super::parse::{FIELD_IMPROVEMENT_ACTION, FIELD_NARRATIVE, FIELD_VALUE, RawAnswer, parse_answer};
use crate::framework::{AnswerType, Criterion, Framework, Rating, Standard};
use crate::tenancy::{DutyStatus, Sector};

/// The name of the sheet holding the answers.
pub const SHEET_NAME: &str = "Assessment";
/// The most problems listed for one upload; more are summed up in one last line.
pub const MAX_PROBLEMS: usize = 100;
/// The most rows read from the sheet (a framework has at most 1,000 criteria).
pub const MAX_ROWS: usize = 2_000;

/// The sheet's columns, in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Column {
    Standard,
    Code,
    Question,
    Guidance,
    Evidence,
    HowToAnswer,
    Answer,
    Narrative,
    ImprovementAction,
    Version,
    Check,
}

/// Every column with its header, left to right. The last two are hidden: the version
/// each answer had at download, and a fingerprint of the answer as written.
pub const COLUMNS: [(Column, &str); 11] = [
    (Column::Standard, "Standard"),
    (Column::Code, "Criterion code"),
    (Column::Question, "Question"),
    (Column::Guidance, "Guidance"),
    (Column::Evidence, "Examples of evidence"),
    (Column::HowToAnswer, "How to answer"),
    (Column::Answer, "Answer"),
    (Column::Narrative, "Narrative evidence"),
    (Column::ImprovementAction, "Improvement action"),
    (Column::Version, "Version (do not change)"),
    (Column::Check, "Check (do not change)"),
];

impl Column {
    pub fn header(self) -> &'static str {
        COLUMNS.iter().find(|(c, _)| *c == self).map(|(_, h)| *h).unwrap_or("")
    }

    /// Zero-based position in [`COLUMNS`].
    pub fn index(self) -> usize {
        COLUMNS.iter().position(|(c, _)| *c == self).unwrap_or(0)
    }

    /// Whether the person fills this column in.
    pub fn is_editable(self) -> bool {
        matches!(self, Column::Answer | Column::Narrative | Column::ImprovementAction)
    }
}

/// The spreadsheet letter of a zero-based column index (A to Z, then AA…).
pub fn column_letter(index: usize) -> String {
    let mut n = index + 1;
    let mut out = Vec::new();
    while n > 0 {
        let rem = (n - 1) % 26;
        out.push(b'A' + rem as u8);
        n = (n - 1) / 26;
    }
    out.reverse();
    String::from_utf8(out).unwrap_or_default()
}

/// What a cell holds.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Blank,
    Text(String),
    Number(f64),
}

impl Cell {
    /// The cell as the text [`parse_answer`] reads.
    pub fn as_text(&self) -> String {
        match self {
            Cell::Blank => String::new(),
            Cell::Text(t) => t.clone(),
            Cell::Number(n) => number_text(*n),
        }
    }
}

/// A number as plain decimal text: whole numbers without ".0", others in the
/// shortest form that reads back to the same value.
pub fn number_text(n: f64) -> String {
    if n.fract() == 0.0 && n.abs() < 1e15 { format!("{n:.0}") } else { n.to_string() }
}

/// The main answer's cell: ratings and yes/no in words (as the drop-down offers them),
/// percentages and counts as numbers, text as text. Values in fields of other answer
/// types are not shown (they do not count either).
pub fn answer_cell(criterion: &Criterion, answer: &Answer) -> Cell {
    let text = |t: &str| Cell::Text(t.to_owned());
    match criterion.answer {
        AnswerType::Rating => answer.rating.map_or(Cell::Blank, |r| text(r.label())),
        AnswerType::YesNo => answer.yes_no.map_or(Cell::Blank, |y| text(if y { "Yes" } else { "No" })),
        AnswerType::Percentage | AnswerType::Number => answer.number.map_or(Cell::Blank, Cell::Number),
        AnswerType::Text => answer.text.as_deref().map_or(Cell::Blank, text),
    }
}

/// The words a choice criterion's drop-down offers; empty for free answers.
pub fn choice_labels(criterion: &Criterion) -> Vec<&'static str> {
    match criterion.answer {
        AnswerType::Rating => Rating::ALL
            .iter()
            .filter(|r| **r != Rating::NotApplicable || criterion.not_applicable)
            .map(|r| r.label())
            .collect(),
        AnswerType::YesNo => vec!["Yes", "No"],
        _ => Vec::new(),
    }
}

/// A line telling the person what the Answer cell takes.
pub fn how_to_answer(criterion: &Criterion) -> String {
    let main = match criterion.answer {
        AnswerType::Rating | AnswerType::YesNo => format!("Choose {}", or_list(&choice_labels(criterion))),
        AnswerType::Percentage => "A percentage from 0 to 100, as a number like 85".to_owned(),
        AnswerType::Number => "A whole number, 0 or more".to_owned(),
        AnswerType::Text => "Your answer in words".to_owned(),
    };
    let main =
        if criterion.narrative_required { format!("{main}. Narrative evidence is required.") } else { main };
    // The prompt the answer page shows above the narrative box, so a lead working
    // offline is asked for impact in the same words.
    match &criterion.narrative_prompt {
        Some(prompt) => format!("{main} In your narrative: {prompt}"),
        None => main,
    }
}

fn or_list(items: &[&str]) -> String {
    match items {
        [] => String::new(),
        [one] => (*one).to_owned(),
        [init @ .., last] => format!("{} or {last}", init.join(", ")),
    }
}

/// A choice written in words ("Partially met") becomes the code [`parse_answer`]
/// reads; anything else is passed on as typed, for it to accept or explain.
fn value_for_parsing(criterion: &Criterion, value: &str) -> String {
    let trimmed = value.trim();
    if criterion.answer == AnswerType::Rating
        && let Some(r) = Rating::ALL.iter().find(|r| r.label().eq_ignore_ascii_case(trimmed))
    {
        return r.code().to_owned();
    }
    value.to_owned()
}

/// Parses a row's three editable cells for a criterion with the web form's rule.
pub fn parse_cells(
    criterion: &Criterion,
    value: &str,
    narrative: &str,
    improvement_action: &str,
) -> Result<Answer, Vec<(&'static str, String)>> {
    let value = value_for_parsing(criterion, value);
    parse_answer(criterion, &RawAnswer { value: &value, narrative, improvement_action })
}

/// The answer as its cells will read back once written (leftover fields of other
/// answer types dropped, text tidied as the parser tidies it), so that the fingerprint
/// written at download matches an untouched row on upload.
pub fn written_answer(criterion: &Criterion, answer: &Answer) -> Answer {
    let value = answer_cell(criterion, answer).as_text();
    parse_cells(criterion, &value, &answer.narrative, &answer.improvement_action).unwrap_or_default()
}

/// One row of the sheet as read: its number as the spreadsheet shows it, and the
/// cells osa reads, as text.
#[derive(Debug, Clone, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
pub struct SheetRow {
    pub row: u32,
    pub code: String,
    pub value: String,
    pub narrative: String,
    pub improvement_action: String,
    pub version: String,
    pub check: String,
}

/// Something wrong with the file or with one of its rows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub row: Option<u32>,
    pub column: Option<Column>,
    pub message: String,
}

impl Problem {
    pub fn file(message: impl Into<String>) -> Problem {
        Problem { row: None, column: None, message: message.into() }
    }

    fn at(row: u32, column: Option<Column>, message: impl Into<String>) -> Problem {
        Problem { row: Some(row), column, message: message.into() }
    }
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match (self.row, self.column) {
            (Some(row), Some(col)) => write!(
                f,
                "Row {row}, column {} ({}): {}",
                column_letter(col.index()),
                col.header(),
                self.message
            ),
            (Some(row), None) => write!(f, "Row {row}: {}", self.message),
            _ => f.write_str(&self.message),
        }
    }
}

/// The columns osa needs to find by header; the others are for reading only.
const NEEDED: [Column; 6] = [
    Column::Code,
    Column::Answer,
    Column::Narrative,
    Column::ImprovementAction,
    Column::Version,
    Column::Check,
];

/// Reads the sheet's cells (row by row, first row the header) into rows, finding each
/// needed column by its header. Rows with nothing in the code and answer cells are
/// skipped. Row numbers are 1-based, as the spreadsheet shows them.
pub fn read_rows(grid: &[Vec<String>]) -> Result<Vec<SheetRow>, Vec<Problem>> {
    let Some(header) = grid.first() else {
        return Err(vec![Problem::file(format!(
            "The {SHEET_NAME} sheet is empty. Use the workbook downloaded from this service"
        ))]);
    };
    let mut positions = HashMap::new();
    let mut problems = Vec::new();
    for column in NEEDED {
        match header.iter().position(|h| h.trim().eq_ignore_ascii_case(column.header())) {
            Some(i) => {
                positions.insert(column, i);
            }
            None => problems.push(Problem::file(format!(
                "The first row of the {SHEET_NAME} sheet has no \"{}\" column. Download a new workbook and copy your answers into it",
                column.header()
            ))),
        }
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    let cell = |cells: &[String], column: Column| {
        positions.get(&column).and_then(|i| cells.get(*i)).cloned().unwrap_or_default()
    };
    let rows = grid
        .iter()
        .enumerate()
        .skip(1)
        .map(|(i, cells)| SheetRow {
            row: u32::try_from(i + 1).unwrap_or(u32::MAX),
            code: cell(cells, Column::Code).trim().to_owned(),
            value: cell(cells, Column::Answer),
            narrative: cell(cells, Column::Narrative),
            improvement_action: cell(cells, Column::ImprovementAction),
            version: cell(cells, Column::Version).trim().to_owned(),
            check: cell(cells, Column::Check).trim().to_owned(),
        })
        .filter(|r| {
            [&r.code, &r.value, &r.narrative, &r.improvement_action].iter().any(|c| !c.trim().is_empty())
        })
        .collect();
    Ok(rows)
}

/// What the upload is checked against.
pub struct Context<'a> {
    pub framework: &'a Framework,
    pub sector: Sector,
    pub duty: DutyStatus,
    /// The stored answers and their versions, by criterion code.
    pub current: &'a HashMap<String, (Answer, i64)>,
    /// Whether the person may answer this standard (the same rule as its web page).
    pub may_answer: &'a dyn Fn(&Standard) -> bool,
    /// The fingerprint written in the Check column at download.
    pub fingerprint: &'a dyn Fn(&Answer) -> String,
}

/// A criterion the upload would change.
#[derive(Debug, Clone, PartialEq)]
pub struct Planned {
    pub row: u32,
    pub code: String,
    pub standard: String,
    pub before: Option<Answer>,
    pub after: Answer,
    /// The stored version the change is based on (0: never saved).
    pub based_on: i64,
}

/// A criterion edited in the workbook and also saved online since the download:
/// both are shown and neither is overwritten.
#[derive(Debug, Clone, PartialEq)]
pub struct Conflict {
    pub row: u32,
    pub code: String,
    pub workbook: Answer,
    pub online: Answer,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Plan {
    pub changes: Vec<Planned>,
    pub conflicts: Vec<Conflict>,
}

/// Checks every row and says what the upload would change, or lists every problem.
pub fn plan(rows: &[SheetRow], ctx: &Context) -> Result<Plan, Vec<Problem>> {
    let mut problems = Vec::new();
    let mut plan = Plan::default();
    let mut seen: HashMap<&str, u32> = HashMap::new();
    for r in rows {
        if let Some(p) = check_row(r, ctx, &mut seen, &mut plan) {
            problems.extend(p);
        }
    }
    if problems.is_empty() {
        return Ok(plan);
    }
    if problems.len() > MAX_PROBLEMS {
        let more = problems.len() - MAX_PROBLEMS;
        problems.truncate(MAX_PROBLEMS);
        problems
            .push(Problem::file(format!("And {more} more problems. Correct these first, then upload again")));
    }
    Err(problems)
}

/// Checks one row, adding it to the plan when it changes something.
fn check_row<'r>(
    r: &'r SheetRow,
    ctx: &Context,
    seen: &mut HashMap<&'r str, u32>,
    plan: &mut Plan,
) -> Option<Vec<Problem>> {
    let at = |column, message: String| Some(vec![Problem::at(r.row, column, message)]);
    if r.code.is_empty() {
        return at(
            Some(Column::Code),
            "the row has answers but no criterion code. Put answers only in the rows of the downloaded workbook"
                .into(),
        );
    }
    let found = ctx.framework.find(&r.code).filter(|(_, c)| c.applies_to(ctx.sector, ctx.duty));
    let Some((standard, criterion)) = found else {
        return at(Some(Column::Code), format!("{} is not a criterion of this assessment", r.code));
    };
    if let Some(first) = seen.insert(&r.code, r.row) {
        seen.insert(&r.code, first);
        return at(
            Some(Column::Code),
            format!("criterion {} is also in row {first}. Keep one row per criterion", r.code),
        );
    }
    let mut problems = Vec::new();
    let based_on =
        if r.version.is_empty() { Some(0) } else { r.version.parse::<i64>().ok().filter(|v| *v >= 0) };
    if based_on.is_none() {
        problems.push(Problem::at(
            r.row,
            Some(Column::Version),
            "this hidden column must hold the number osa wrote there. Download a new workbook".to_owned(),
        ));
    }
    let answer = match parse_cells(criterion, &r.value, &r.narrative, &r.improvement_action) {
        Ok(answer) => Some(answer),
        Err(errors) => {
            for (field, message) in errors {
                problems.push(Problem::at(r.row, Some(column_of(field)), message));
            }
            None
        }
    };
    let (Some(answer), Some(based_on)) = (answer, based_on) else { return Some(problems) };
    if (ctx.fingerprint)(&answer) == r.check {
        return None; // Not edited in the workbook.
    }
    if !(ctx.may_answer)(standard) {
        return at(
            None,
            format!(
                "you cannot change answers in standard {} ({}): only the safeguarding lead and contributors it is shared with can",
                standard.code, standard.title
            ),
        );
    }
    let current = ctx.current.get(&r.code);
    let stored_version = current.map_or(0, |(_, v)| *v);
    let before = current.map(|(a, _)| a.clone());
    if before.as_ref() == Some(&answer) || (before.is_none() && !answer.is_started()) {
        return None; // Already so online.
    }
    if stored_version != based_on {
        plan.conflicts.push(Conflict {
            row: r.row,
            code: r.code.clone(),
            workbook: answer,
            online: before.unwrap_or_default(),
        });
        return None;
    }
    plan.changes.push(Planned {
        row: r.row,
        code: r.code.clone(),
        standard: standard.code.clone(),
        before,
        after: answer,
        based_on,
    });
    None
}

fn column_of(field: &str) -> Column {
    match field {
        FIELD_VALUE => Column::Answer,
        FIELD_NARRATIVE => Column::Narrative,
        FIELD_IMPROVEMENT_ACTION => Column::ImprovementAction,
        _ => Column::Answer,
    }
}
