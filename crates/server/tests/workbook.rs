//! The offline workbook: download, edit in a spreadsheet library, upload, preview and
//! confirm; conflicts with answers saved online; contributors' limits; and malformed
//! workbooks, each refused with a clear message and no change at all.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a test or benchmark stops loudly at the step that failed"
)]

mod common;

use std::io::{Cursor, Read};

use calamine::{Data, Reader, Xlsx};
use common::world::*;
use common::{Client, Page, TestApp};
use rust_xlsxwriter::Workbook;

const FRAMEWORK: &str = r#"
[framework]
key = "workbook-test"
name = "Workbook test framework"
audience = "children"
version = 1
description = "Two standards with every answer type."
standing_rule = "default"

[[standards]]
code = "1"
title = "Leadership"
outcome = "Everyone knows who leads."

[[standards.criteria]]
code = "1.1"
question = "We have a named safeguarding lead."
guidance = "Everyone should know their name."
evidence = ["Poster with names"]
answer = "rating"
not_applicable = false
narrative_required = true

[[standards.criteria]]
code = "1.2"
question = "What percentage of staff have had training?"
guidance = "Trained staff divided by all staff."
evidence = ["Training list"]
answer = "percentage"
not_applicable = false
narrative_required = false

[[standards]]
code = "2"
title = "Safer recruitment"
outcome = "Everyone is checked."

[[standards.criteria]]
code = "2.1"
question = "Is every volunteer checked before they start?"
guidance = "Yes only if nobody starts unchecked."
evidence = ["Checks log"]
answer = "yes_no"
not_applicable = false
narrative_required = false

[[standards.criteria]]
code = "2.2"
question = "How many people did you check this year?"
guidance = "April to March."
evidence = ["Checks log"]
answer = "number"
not_applicable = false
narrative_required = false
"#;

struct Setup {
    app: TestApp,
    assessment: i64,
}

async fn setup() -> Setup {
    let app = TestApp::spawn().await;
    let world = World::build(&app).await;
    let framework = match osa_server::frameworks::import::import(
        app.db(),
        Some(world.p1),
        None,
        false,
        FRAMEWORK.as_bytes(),
        true,
    )
    .await
    {
        Ok(done) => done.id,
        Err(_) => panic!("the workbook test framework did not import"),
    };
    let lead = osa_server::accounts::store::user_by_email(app.db(), O1_LEAD).await.unwrap().unwrap().id;
    let assessment =
        osa_server::assessments::store::start(app.db(), world.o1, "workbook-test", framework, lead)
            .await
            .unwrap();
    Setup { app, assessment }
}

impl Setup {
    fn path(&self, rest: &str) -> String {
        format!("/assessments/{}{rest}", self.assessment)
    }

    async fn download(&self, client: &Client) -> Vec<Vec<Data>> {
        let response =
            client.http.get(format!("{}{}", client.base, self.path("/workbook.xlsx"))).send().await.unwrap();
        assert_eq!(response.status(), 200);
        assert_eq!(response.headers()["content-type"], osa_server::workbook::XLSX_TYPE);
        let bytes = response.bytes().await.unwrap().to_vec();
        let mut book: Xlsx<_> = Xlsx::new(Cursor::new(bytes)).unwrap();
        let range = book.worksheet_range("Assessment").unwrap();
        range.rows().map(|r| r.to_vec()).collect()
    }

    async fn download_bytes(&self, client: &Client) -> Vec<u8> {
        let response =
            client.http.get(format!("{}{}", client.base, self.path("/workbook.xlsx"))).send().await.unwrap();
        response.bytes().await.unwrap().to_vec()
    }

    async fn upload(&self, client: &Client, file: Vec<u8>) -> Page {
        let token = client.token().await;
        let part = reqwest::multipart::Part::bytes(file).file_name("answers.xlsx");
        let form = reqwest::multipart::Form::new().text("csrf_token", token).part("file", part);
        let url = format!("{}{}", client.base, self.path("/workbook"));
        let response = client.http.post(url).multipart(form).send().await.expect("upload failed");
        let status = response.status();
        let location = response.headers().get("location").and_then(|v| v.to_str().ok()).map(str::to_owned);
        let headers = response.headers().clone();
        Page { status, location, headers, body: response.text().await.unwrap_or_default() }
    }

    /// Confirms the preview at `path` with the digest it shows.
    async fn confirm(&self, client: &Client, path: &str) -> Page {
        let preview = client.get(path).await;
        let digest = field_value(&preview.body, "digest");
        client.post(path, &[("digest", &digest)]).await
    }

    async fn answers(&self) -> std::collections::HashMap<String, osa_server::assessments::store::Saved> {
        osa_server::assessments::store::answers(self.app.db(), self.assessment).await.unwrap()
    }

    async fn pending_uploads(&self) -> i64 {
        use osa_server::db::schema::WorkbookUploads;
        use sea_query::{Expr, ExprTrait, Query};
        let (n,): (i64,) = self
            .app
            .db()
            .fetch_one(
                &Query::select()
                    .expr(Expr::col(WorkbookUploads::Id).count())
                    .from(WorkbookUploads::Table)
                    .to_owned(),
            )
            .await
            .unwrap();
        n
    }

    async fn delegate(&self, lead: &Client, standard: &str) {
        let contributor = osa_server::accounts::store::user_by_email(self.app.db(), O1_CONTRIBUTOR)
            .await
            .unwrap()
            .unwrap()
            .id;
        let done = lead
            .post(&self.path("/delegation"), &[("standard", standard), ("user", &contributor.to_string())])
            .await;
        assert!(done.status.is_redirection());
    }
}

fn field_value(body: &str, name: &str) -> String {
    let marker = format!("name=\"{name}\" value=\"");
    let start = body.find(&marker).unwrap_or_else(|| panic!("no {name} field: {body}")) + marker.len();
    body[start..].split('"').next().unwrap().to_owned()
}

fn header(grid: &[Vec<Data>]) -> Vec<String> {
    grid[0].iter().map(|d| d.to_string()).collect()
}

fn column(grid: &[Vec<Data>], name: &str) -> usize {
    header(grid).iter().position(|h| h == name).unwrap_or_else(|| panic!("no column {name}"))
}

/// The downloaded grid with some cells replaced: (criterion code, column, value).
fn edited(grid: &[Vec<Data>], edits: &[(&str, &str, Data)]) -> Vec<Vec<Data>> {
    let code = column(grid, "Criterion code");
    let mut out = grid.to_vec();
    for (criterion, name, value) in edits {
        let col = column(grid, name);
        let row =
            out.iter_mut().find(|r| r[code] == Data::String((*criterion).to_owned())).expect("criterion row");
        row[col] = value.clone();
    }
    out
}

/// Writes a grid as a workbook with one sheet, the way a person's spreadsheet would.
fn xlsx(sheet: &str, grid: &[Vec<Data>]) -> Vec<u8> {
    let mut book = Workbook::new();
    let ws = book.add_worksheet();
    ws.set_name(sheet).unwrap();
    for (r, row) in grid.iter().enumerate() {
        for (c, cell) in row.iter().enumerate() {
            let (r, c) = (r as u32, c as u16);
            match cell {
                Data::String(s) => {
                    ws.write_string(r, c, s).unwrap();
                }
                Data::Float(n) => {
                    ws.write_number(r, c, *n).unwrap();
                }
                Data::Int(n) => {
                    ws.write_number(r, c, *n as f64).unwrap();
                }
                Data::Empty => {}
                other => panic!("unexpected cell {other:?}"),
            }
        }
    }
    book.save_to_buffer().unwrap()
}

fn text(s: &str) -> Data {
    Data::String(s.to_owned())
}

#[tokio::test]
async fn the_workbook_has_a_row_per_criterion_with_guidance_and_drop_downs() {
    let s = setup().await;
    let lead = s.app.signed_in(O1_LEAD).await;
    let grid = s.download(&lead).await;
    assert_eq!(
        header(&grid)[..9],
        [
            "Standard",
            "Criterion code",
            "Question",
            "Guidance",
            "Examples of evidence",
            "How to answer",
            "Answer",
            "Narrative evidence",
            "Improvement action"
        ]
    );
    let codes: Vec<String> = grid[1..].iter().map(|r| r[1].to_string()).collect();
    assert_eq!(codes, ["1.1", "1.2", "2.1", "2.2"]);
    assert_eq!(grid[1][0].to_string(), "1. Leadership");
    assert_eq!(grid[1][3].to_string(), "Everyone should know their name.");
    assert_eq!(grid[3][4].to_string(), "Checks log");

    // The answer cells carry their validation: drop-downs for choices, ranges for numbers.
    let bytes = s.download_bytes(&lead).await;
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
    let mut xml = String::new();
    archive.by_name("xl/worksheets/sheet2.xml").unwrap().read_to_string(&mut xml).unwrap();
    assert!(xml.contains("<formula1>\"Met,Partially met,Not met\"</formula1>"), "{xml}");
    assert!(xml.contains("<formula1>\"Yes,No\"</formula1>"));
    assert!(xml.contains("type=\"decimal\""), "percentages are checked as numbers");
    assert!(xml.contains("type=\"whole\""), "counts are whole numbers");
    assert!(xml.contains("<sheetProtection"), "the questions are locked");
}

#[tokio::test]
async fn a_workbook_edited_offline_is_previewed_then_saved_on_confirmation() {
    let s = setup().await;
    let lead = s.app.signed_in(O1_LEAD).await;
    let grid = s.download(&lead).await;
    let changed = edited(
        &grid,
        &[
            ("1.1", "Answer", text("Partially met")),
            ("1.1", "Narrative evidence", text("Named on the poster; no deputy yet.")),
            ("1.1", "Improvement action", text("Name a deputy by March")),
            ("1.2", "Answer", Data::Float(85.0)),
            ("2.1", "Answer", text("Yes")),
        ],
    );
    let uploaded = s.upload(&lead, xlsx("Assessment", &changed)).await;
    assert_eq!(uploaded.status, 303, "{}", uploaded.body);
    let preview_path = uploaded.location.clone().unwrap();
    assert!(s.answers().await.is_empty(), "nothing is saved before confirmation");

    let preview = lead.get(&preview_path).await;
    assert_eq!(preview.status, 200);
    assert!(preview.body.contains("3 answers will change"), "{}", preview.body);
    assert!(preview.body.contains("Partially met"));
    assert!(preview.body.contains("Name a deputy by March"));
    assert!(preview.body.contains("85%"));
    assert!(!preview.body.contains("2.2 "), "untouched rows are not listed");

    let done = s.confirm(&lead, &preview_path).await;
    assert!(done.redirects_to(&s.path("")), "{:?} {}", done.location, done.body);
    let saved = s.answers().await;
    assert_eq!(saved.len(), 3);
    assert_eq!(saved["1.1"].answer.rating, Some(osa_core::framework::Rating::PartiallyMet));
    assert_eq!(saved["1.1"].answer.narrative, "Named on the poster; no deputy yet.");
    assert_eq!(saved["1.1"].version, 1);
    assert_eq!(saved["1.2"].answer.number, Some(85.0));
    assert_eq!(saved["2.1"].answer.yes_no, Some(true));
    assert_eq!(s.pending_uploads().await, 0);
    assert_eq!(lead.get(&preview_path).await.status, 404, "an applied upload is gone");
    let audited: Option<(String,)> = {
        use osa_server::db::schema::AuditLog;
        use sea_query::{Expr, ExprTrait, Query};
        s.app
            .db()
            .fetch_optional(
                &Query::select()
                    .column(AuditLog::After)
                    .from(AuditLog::Table)
                    .and_where(Expr::col(AuditLog::Action).eq("workbook_upload"))
                    .to_owned(),
            )
            .await
            .unwrap()
    };
    let audited = audited.expect("the upload is in the audit log").0;
    assert!(audited.contains("answers.xlsx") && audited.contains("1.1"), "{audited}");

    // The same save path as the web form: history, and the action plan.
    let history = lead.get(&s.path("/history")).await;
    assert!(history.body.contains("Named on the poster"));
    let plan = osa_server::action_plans::store::list(s.app.db(), s.assessment).await.unwrap();
    assert!(
        plan.iter().any(|a| a.criterion_code.as_deref() == Some("1.1") && a.what == "Name a deputy by March")
    );

    // The workbook downloaded now reads back the saved answers, and uploading it
    // unchanged changes nothing.
    let again = s.download(&lead).await;
    let answer = column(&again, "Answer");
    assert_eq!(again[1][answer].to_string(), "Partially met");
    assert_eq!(again[2][answer], Data::Float(85.0));
    let same = s.upload(&lead, xlsx("Assessment", &again)).await;
    assert!(same.redirects_to(&s.path("/workbook")), "{}", same.body);
    assert!(lead.get(&s.path("/workbook")).await.body.contains("Nothing to change"));
    assert_eq!(s.pending_uploads().await, 0);
}

#[tokio::test]
async fn an_answer_saved_online_meanwhile_is_shown_beside_the_workbook_and_kept() {
    let s = setup().await;
    let lead = s.app.signed_in(O1_LEAD).await;
    let grid = s.download(&lead).await;
    // A colleague answers 1.1 online after the download.
    let form = lead.get(&s.path("/standards/1")).await;
    let orig = field_value(&form.body, "orig:1.1");
    let online = lead
        .post(
            &s.path("/standards/1"),
            &[
                ("value:1.1", "met"),
                ("narrative:1.1", "Saved online by a colleague."),
                ("version:1.1", "0"),
                ("orig:1.1", &orig),
            ],
        )
        .await;
    assert!(online.status.is_redirection(), "{}", online.body);

    let changed = edited(
        &grid,
        &[
            ("1.1", "Answer", text("Not met")),
            ("1.1", "Narrative evidence", text("Written offline.")),
            ("2.2", "Answer", Data::Float(12.0)),
        ],
    );
    let uploaded = s.upload(&lead, xlsx("Assessment", &changed)).await;
    assert_eq!(uploaded.status, 303, "{}", uploaded.body);
    let preview_path = uploaded.location.unwrap();
    let preview = lead.get(&preview_path).await;
    assert!(preview.body.contains("1 answer will change"), "{}", preview.body);
    assert!(preview.body.contains("Changed online since you downloaded the workbook"));
    assert!(preview.body.contains("Saved online by a colleague."));
    assert!(preview.body.contains("Written offline."));

    assert!(s.confirm(&lead, &preview_path).await.status.is_redirection());
    let saved = s.answers().await;
    assert_eq!(saved["1.1"].answer.narrative, "Saved online by a colleague.", "never overwritten");
    assert_eq!(saved["1.1"].version, 1);
    assert_eq!(saved["2.2"].answer.number, Some(12.0));
}

#[tokio::test]
async fn a_save_online_between_preview_and_confirmation_stops_the_confirmation() {
    let s = setup().await;
    let lead = s.app.signed_in(O1_LEAD).await;
    let grid = s.download(&lead).await;
    let changed = edited(&grid, &[("1.2", "Answer", Data::Float(40.0))]);
    let preview_path = s.upload(&lead, xlsx("Assessment", &changed)).await.location.unwrap();
    let preview = lead.get(&preview_path).await;
    let digest = field_value(&preview.body, "digest");

    let form = lead.get(&s.path("/standards/1")).await;
    let orig = field_value(&form.body, "orig:1.2");
    let online = lead
        .post(&s.path("/standards/1"), &[("value:1.2", "55"), ("version:1.2", "0"), ("orig:1.2", &orig)])
        .await;
    assert!(online.status.is_redirection());

    let refused = lead.post(&preview_path, &[("digest", &digest)]).await;
    assert!(refused.redirects_to(&preview_path), "the person is shown the changes again");
    assert_eq!(s.answers().await["1.2"].answer.number, Some(55.0));
    let preview = lead.get(&preview_path).await;
    assert!(preview.body.contains("Changed online since you downloaded the workbook"));
}

#[tokio::test]
async fn a_contributor_changes_only_the_standards_shared_with_them() {
    let s = setup().await;
    let lead = s.app.signed_in(O1_LEAD).await;
    let contributor = s.app.signed_in(O1_CONTRIBUTOR).await;
    assert_eq!(contributor.get(&s.path("/workbook")).await.status, 403, "nothing is shared yet");
    s.delegate(&lead, "2").await;

    let own = s.download(&contributor).await;
    let codes: Vec<String> = own[1..].iter().map(|r| r[1].to_string()).collect();
    assert_eq!(codes, ["2.1", "2.2"], "only the shared standard");
    let uploaded =
        s.upload(&contributor, xlsx("Assessment", &edited(&own, &[("2.1", "Answer", text("No"))]))).await;
    assert_eq!(uploaded.status, 303, "{}", uploaded.body);

    // The lead's workbook holds standard 1 too: the contributor may not change it.
    let leads = s.download(&lead).await;
    let sneaky = edited(&leads, &[("1.1", "Answer", text("Met")), ("2.2", "Answer", Data::Float(3.0))]);
    let refused = s.upload(&contributor, xlsx("Assessment", &sneaky)).await;
    assert_eq!(refused.status, 422);
    assert!(refused.body.contains("Row 2: you cannot change answers in standard 1"), "{}", refused.body);

    // Confirmation checks again: once the standard is no longer shared, nothing is saved.
    let preview_path = uploaded.location.unwrap();
    let preview = contributor.get(&preview_path).await;
    let digest = field_value(&preview.body, "digest");
    let contributor_id =
        osa_server::accounts::store::user_by_email(s.app.db(), O1_CONTRIBUTOR).await.unwrap().unwrap().id;
    lead.post(&s.path("/delegation/remove"), &[("standard", "2"), ("user", &contributor_id.to_string())])
        .await;
    let late = contributor.post(&preview_path, &[("digest", &digest)]).await;
    assert_eq!(late.status, 403);
    assert!(s.answers().await.is_empty());

    // A senior sign-off reads every answer but changes none.
    let signoff = s.app.signed_in(O1_SIGNOFF).await;
    assert_eq!(s.download(&signoff).await.len(), 5);
    assert_eq!(signoff.get(&s.path("/workbook")).await.status, 403);
}

#[tokio::test]
async fn an_upload_is_confirmed_only_by_the_person_who_made_it() {
    let s = setup().await;
    let lead = s.app.signed_in(O1_LEAD).await;
    let grid = s.download(&lead).await;
    let preview_path = s
        .upload(&lead, xlsx("Assessment", &edited(&grid, &[("1.2", "Answer", Data::Float(1.0))])))
        .await
        .location
        .unwrap();
    let admin = s.app.signed_in(PLATFORM_ADMIN).await;
    assert_eq!(admin.get(&preview_path).await.status, 404);
    assert_eq!(admin.post(&preview_path, &[("digest", "x")]).await.status, 404);
    let other = s.app.signed_in(O2_LEAD).await;
    assert_eq!(other.get(&preview_path).await.status, 404);
    assert!(s.answers().await.is_empty());
}

/// Uploads a malformed file and checks it is refused with `message` and changes nothing.
async fn refused(s: &Setup, lead: &Client, file: Vec<u8>, status: u16, message: &str) {
    let page = s.upload(lead, file).await;
    assert_eq!(page.status.as_u16(), status, "{}", page.body);
    assert!(!page.error_summary().is_empty(), "{}", page.body);
    assert!(page.body.contains(message), "expected {message:?} in {}", page.body);
    assert!(page.body.contains("Nothing has been changed"));
    assert!(s.answers().await.is_empty());
    assert_eq!(s.pending_uploads().await, 0);
}

#[tokio::test]
async fn malformed_workbooks_are_refused_with_every_problem_and_change_nothing() {
    let s = setup().await;
    let lead = s.app.signed_in(O1_LEAD).await;
    let grid = s.download(&lead).await;

    refused(&s, &lead, xlsx("Sheet1", &grid), 422, "Assessment&#34; (its sheets are: Sheet1)").await;
    refused(&s, &lead, b"code,answer\n1.1,met\n".to_vec(), 422, "not an Excel workbook").await;

    let mut no_header = grid.clone();
    no_header[0][column(&grid, "Answer")] = text("Reply");
    refused(&s, &lead, xlsx("Assessment", &no_header), 422, "has no &#34;Answer&#34; column").await;

    let mut unknown = edited(&grid, &[("2.2", "Answer", Data::Float(4.0))]);
    unknown[4][1] = text("9.9");
    refused(
        &s,
        &lead,
        xlsx("Assessment", &unknown),
        422,
        "Row 5, column B (Criterion code): 9.9 is not a criterion",
    )
    .await;

    let mut duplicated = edited(&grid, &[("1.1", "Answer", text("Met"))]);
    duplicated.push(duplicated[1].clone());
    refused(&s, &lead, xlsx("Assessment", &duplicated), 422, "criterion 1.1 is also in row 2").await;

    let bad = edited(
        &grid,
        &[
            ("1.1", "Answer", text("Mostly")),
            ("1.2", "Answer", Data::Float(150.0)),
            ("2.1", "Answer", text("Perhaps")),
            ("2.2", "Answer", Data::Float(2.5)),
        ],
    );
    let page = s.upload(&lead, xlsx("Assessment", &bad)).await;
    assert_eq!(page.status, 422);
    for expected in [
        "Row 2, column G (Answer): Select met, partially met or not met",
        "Row 3, column G (Answer): Enter a percentage between 0 and 100",
        "Row 4, column G (Answer): Select yes or no",
        "Row 5, column G (Answer): Enter a whole number, like 12",
    ] {
        assert!(page.body.contains(expected), "expected {expected:?} in {}", page.body);
    }
    assert!(page.body.contains("these 4 problems"));
    assert!(s.answers().await.is_empty());

    refused(&s, &lead, Vec::new(), 422, "Select the workbook to upload").await;
}

#[tokio::test]
async fn a_50_mb_file_gets_a_clear_page_not_a_broken_connection() {
    let s = setup().await;
    let lead = s.app.signed_in(O1_LEAD).await;
    let huge = vec![b'x'; 50 * 1024 * 1024];
    refused(&s, &lead, huge, 413, "The file must be 10 MB or smaller").await;
    // The service is still there for the next request on the same session.
    assert_eq!(lead.get(&s.path("/workbook")).await.status, 200);
}
