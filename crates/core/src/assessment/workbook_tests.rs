//! The offline workbook's rules: reading rows by header, and what an upload changes.

use std::collections::HashMap;

use super::Answer;
use super::fixtures::{DUTY, SECTOR, answers, framework};
use super::workbook::*;
use crate::framework::{Rating, Standard};

/// A stand-in for the server's fingerprint: any function of the answer will do.
fn print(a: &Answer) -> String {
    format!("{a:?}")
}

fn header() -> Vec<String> {
    COLUMNS.iter().map(|(_, h)| (*h).to_owned()).collect()
}

/// A grid row with the given code, answer cells, version and check.
fn grid_row(code: &str, value: &str, narrative: &str, version: &str, check: &str) -> Vec<String> {
    let mut cells = vec![String::new(); COLUMNS.len()];
    cells[Column::Code.index()] = code.into();
    cells[Column::Answer.index()] = value.into();
    cells[Column::Narrative.index()] = narrative.into();
    cells[Column::Version.index()] = version.into();
    cells[Column::Check.index()] = check.into();
    cells
}

fn row(n: u32, code: &str, value: &str, narrative: &str, version: &str, check: &str) -> SheetRow {
    SheetRow {
        row: n,
        code: code.into(),
        value: value.into(),
        narrative: narrative.into(),
        improvement_action: String::new(),
        version: version.into(),
        check: check.into(),
    }
}

/// The check a download writes for a criterion with no answer yet.
fn blank_check(code: &str) -> String {
    let f = framework();
    let (_, c) = f.find(code).unwrap();
    print(&written_answer(c, &Answer::default()))
}

fn run(
    rows: &[SheetRow],
    current: &HashMap<String, (Answer, i64)>,
    allowed: &[&str],
) -> Result<Plan, Vec<Problem>> {
    let f = framework();
    let may = |s: &Standard| allowed.contains(&s.code.as_str());
    let ctx =
        Context { framework: &f, sector: SECTOR, duty: DUTY, current, may_answer: &may, fingerprint: &print };
    plan(rows, &ctx)
}

#[test]
fn columns_have_letters_and_unique_headers() {
    assert_eq!(column_letter(0), "A");
    assert_eq!(column_letter(25), "Z");
    assert_eq!(column_letter(26), "AA");
    assert_eq!(column_letter(Column::Answer.index()), "G");
    let mut headers: Vec<_> = COLUMNS.iter().map(|(_, h)| h.to_lowercase()).collect();
    headers.dedup();
    assert_eq!(headers.len(), COLUMNS.len());
    let editable: Vec<_> = COLUMNS.iter().filter(|(c, _)| c.is_editable()).map(|(c, _)| *c).collect();
    assert_eq!(editable, [Column::Answer, Column::Narrative, Column::ImprovementAction]);
}

#[test]
fn answers_are_written_in_words_and_numbers_and_read_back_the_same() {
    let f = framework();
    let given = answers(&[
        ("1.1", "partially_met", "Named on the poster", "Name a deputy"),
        ("1.2", "yes", "", ""),
        ("1.3", "85.5", "", ""),
        ("2.4", "1,200", "", ""),
        ("3.2", "We meet monthly", "", ""),
    ]);
    let expect = [
        ("1.1", Cell::Text("Partially met".into())),
        ("1.2", Cell::Text("Yes".into())),
        ("1.3", Cell::Number(85.5)),
        ("2.4", Cell::Number(1200.0)),
        ("3.2", Cell::Text("We meet monthly".into())),
    ];
    for (code, cell) in expect {
        let (_, c) = f.find(code).unwrap();
        let a = &given[code];
        assert_eq!(answer_cell(c, a), cell, "{code}");
        let back = parse_cells(c, &cell.as_text(), &a.narrative, &a.improvement_action).unwrap();
        assert_eq!(&back, a, "{code} reads back as written");
        assert_eq!(&written_answer(c, a), a);
    }
    assert_eq!(number_text(1200.0), "1200");
    assert_eq!(number_text(0.1), "0.1");
}

#[test]
fn a_leftover_value_of_another_answer_type_is_not_written() {
    let f = framework();
    let (_, c) = f.find("1.2").unwrap(); // yes/no
    let a = Answer { rating: Some(Rating::Met), narrative: "  Kept ".into(), ..Answer::default() };
    assert_eq!(answer_cell(c, &a), Cell::Blank);
    assert_eq!(written_answer(c, &a), Answer { narrative: "Kept".into(), ..Answer::default() });
}

#[test]
fn drop_downs_offer_not_applicable_only_where_allowed() {
    let f = framework();
    assert_eq!(choice_labels(f.find("1.1").unwrap().1), ["Met", "Partially met", "Not met"]);
    assert_eq!(
        choice_labels(f.find("2.3").unwrap().1),
        ["Met", "Partially met", "Not met", "Not applicable"]
    );
    assert_eq!(choice_labels(f.find("1.2").unwrap().1), ["Yes", "No"]);
    assert!(choice_labels(f.find("1.3").unwrap().1).is_empty());
    assert_eq!(
        how_to_answer(f.find("1.1").unwrap().1),
        "Choose Met, Partially met or Not met. Narrative evidence is required."
    );
}

#[test]
fn the_narrative_prompt_is_asked_offline_in_the_same_words() {
    let f = framework();
    let mut c = f.find("1.1").unwrap().1.clone();
    c.narrative_prompt = Some("What changed for children as a result, and how do you know?".into());
    assert_eq!(
        how_to_answer(&c),
        "Choose Met, Partially met or Not met. Narrative evidence is required. \
         In your narrative: What changed for children as a result, and how do you know?"
    );
}

#[test]
fn columns_are_found_by_header_in_any_order_and_blank_rows_skipped() {
    let mut h = header();
    h.reverse();
    let mut r = grid_row("1.1", "Met", "Poster", "0", "x");
    r.reverse();
    let grid = vec![h, vec![String::new(); 3], r];
    let rows = read_rows(&grid).unwrap();
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0].row, 3, "row numbers are as the spreadsheet shows them");
    assert_eq!((rows[0].code.as_str(), rows[0].value.as_str()), ("1.1", "Met"));
    assert_eq!(rows[0].narrative, "Poster");
}

#[test]
fn a_missing_header_is_named() {
    let mut h = header();
    h.retain(|c| c != Column::Answer.header() && c != Column::Check.header());
    let problems = read_rows(&[h]).unwrap_err();
    assert_eq!(problems.len(), 2);
    assert!(problems[0].to_string().contains("no \"Answer\" column"), "{}", problems[0]);
    assert!(read_rows(&[]).unwrap_err()[0].to_string().contains("empty"));
}

#[test]
fn untouched_rows_change_nothing() {
    let current: HashMap<_, _> =
        [("1.1".to_owned(), (answers(&[("1.1", "met", "Poster", "")])["1.1"].clone(), 3))].into();
    let f = framework();
    let check = print(&written_answer(f.find("1.1").unwrap().1, &current["1.1"].0));
    let rows = [row(2, "1.1", "Met", "Poster", "3", &check), row(3, "1.2", "", "", "0", &blank_check("1.2"))];
    assert_eq!(run(&rows, &current, &["1", "2"]).unwrap(), Plan::default());
    // Nor does a contributor's untouched row of a standard not shared with them.
    assert_eq!(run(&rows, &current, &[]).unwrap(), Plan::default());
}

#[test]
fn an_edited_row_is_planned_with_before_and_after() {
    let current: HashMap<_, _> =
        [("1.1".to_owned(), (answers(&[("1.1", "met", "Poster", "")])["1.1"].clone(), 3))].into();
    let rows = [
        row(2, "1.1", "Not met", "Poster taken down", "3", "old"),
        row(3, "1.3", "75", "", "", &blank_check("1.3")),
    ];
    let plan = run(&rows, &current, &["1"]).unwrap();
    assert!(plan.conflicts.is_empty());
    assert_eq!(plan.changes.len(), 2);
    let first = &plan.changes[0];
    assert_eq!((first.code.as_str(), first.standard.as_str(), first.based_on), ("1.1", "1", 3));
    assert_eq!(first.before.as_ref().and_then(|a| a.rating), Some(Rating::Met));
    assert_eq!(first.after.rating, Some(Rating::NotMet));
    assert_eq!(plan.changes[1].after.number, Some(75.0));
    assert_eq!(plan.changes[1].before, None);
}

#[test]
fn an_answer_changed_online_since_the_download_is_a_conflict() {
    let online = answers(&[("1.1", "partially_met", "Deputy named", "")])["1.1"].clone();
    let current: HashMap<_, _> = [("1.1".to_owned(), (online.clone(), 4))].into();
    let rows = [row(2, "1.1", "Not met", "Nothing yet", "3", "old")];
    let plan = run(&rows, &current, &["1"]).unwrap();
    assert!(plan.changes.is_empty());
    assert_eq!(plan.conflicts.len(), 1);
    assert_eq!(plan.conflicts[0].online, online);
    assert_eq!(plan.conflicts[0].workbook.rating, Some(Rating::NotMet));
    // The same edit made online and in the workbook is no conflict and no change.
    let same = [row(2, "1.1", "Partially met", "Deputy named", "3", "old")];
    assert_eq!(run(&same, &current, &["1"]).unwrap(), Plan::default());
}

#[test]
fn every_bad_cell_is_named_with_its_row_column_and_what_is_allowed() {
    let rows = [
        row(2, "1.1", "Mostly", "", "0", "x"),
        row(3, "1.3", "120", "", "0", "x"),
        row(4, "1.2", "Maybe", "", "zero", "x"),
        row(5, "2.4", "2.5", "", "0", "x"),
    ];
    let problems = run(&rows, &HashMap::new(), &["1", "2"]).unwrap_err();
    let text: Vec<String> = problems.iter().map(ToString::to_string).collect();
    assert_eq!(
        text,
        [
            "Row 2, column G (Answer): Select met, partially met or not met",
            "Row 3, column G (Answer): Enter a percentage between 0 and 100",
            "Row 4, column J (Version (do not change)): this hidden column must hold the number osa wrote there. Download a new workbook",
            "Row 4, column G (Answer): Select yes or no",
            "Row 5, column G (Answer): Enter a whole number, like 12",
        ]
    );
}

#[test]
fn unknown_inapplicable_duplicated_and_codeless_rows_are_refused() {
    let rows = [
        row(2, "9.9", "Met", "", "0", "x"),
        row(3, "3.1", "Met", "", "0", "x"), // police only
        row(4, "1.1", "Met", "A", "0", "x"),
        row(5, "1.1", "Met", "B", "0", "x"),
        row(6, "", "Met", "", "", ""),
    ];
    let problems = run(&rows, &HashMap::new(), &["1", "3"]).unwrap_err();
    let text: Vec<String> = problems.iter().map(ToString::to_string).collect();
    assert!(text[0].starts_with("Row 2, column B (Criterion code): 9.9 is not a criterion"), "{}", text[0]);
    assert!(text[1].starts_with("Row 3, column B (Criterion code): 3.1 is not a criterion"), "{}", text[1]);
    assert!(text[2].contains("Row 5") && text[2].contains("also in row 4"), "{}", text[2]);
    assert!(text[3].starts_with("Row 6, column B") && text[3].contains("no criterion code"), "{}", text[3]);
    assert_eq!(text.len(), 4);
}

#[test]
fn an_edit_to_a_standard_the_person_may_not_answer_is_refused() {
    let rows = [row(2, "1.1", "Met", "Poster", "0", "x"), row(3, "2.1", "Met", "Told", "0", "x")];
    let problems = run(&rows, &HashMap::new(), &["2"]).unwrap_err();
    assert_eq!(problems.len(), 1);
    assert!(problems[0].to_string().starts_with("Row 2: you cannot change answers in standard 1"));
}

#[test]
fn problems_are_capped_with_a_count_of_the_rest() {
    let rows: Vec<SheetRow> = (0..150).map(|i| row(i + 2, &format!("x{i}"), "", "", "", "")).collect();
    let problems = run(&rows, &HashMap::new(), &[]).unwrap_err();
    assert_eq!(problems.len(), MAX_PROBLEMS + 1);
    assert!(problems[MAX_PROBLEMS].message.starts_with("And 50 more problems"));
}
