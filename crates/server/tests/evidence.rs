//! Evidence files on a standard's page: what is kept (by content, not by name), what
//! is refused and with what message, that typed answers survive every upload, who may
//! add, read and remove files, and that removing a file removes its bytes.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a test or benchmark stops loudly at the step that failed"
)]

mod common;

use common::world::*;
use common::{Client, Page, TestApp};
use osa_server::db::schema::{AuditLog, EvidenceFiles, Returns};
use reqwest::multipart::{Form, Part};
use sea_query::{Expr, ExprTrait, Query};

/// A real 1×1 PNG image.
const PNG: &[u8] = &[
    0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52, 0x00,
    0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00, 0x00, 0x1f, 0x15, 0xc4, 0x89, 0x00,
    0x00, 0x00, 0x0a, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9c, 0x63, 0x00, 0x01, 0x00, 0x00, 0x05, 0x00, 0x01,
    0x0d, 0x0a, 0x2d, 0xb4, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82,
];
const NOT_ALLOWED: &str = "The selected file must be a PDF, Word document (DOCX), Excel spreadsheet (XLSX) or an image (PNG, JPEG, GIF or WebP)";

fn standard_path(world: &World) -> String {
    format!("/assessments/{}/standards/1", world.o1_assessment)
}

/// The hidden fields of the standard page, as the browser would send them back.
fn hidden_fields(page: &Page) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for code in ["1.1", "1.2"] {
        for prefix in ["version", "orig"] {
            let marker = format!("name=\"{prefix}:{code}\" value=\"");
            let start = page.body.find(&marker).unwrap_or_else(|| panic!("no {marker}")) + marker.len();
            out.push((format!("{prefix}:{code}"), page.body[start..].split('"').next().unwrap().to_owned()));
        }
    }
    out
}

/// Sends the standard page's form with "Upload files" under `clicked`, as a browser
/// does: the answers typed (`answers`) with the page's hidden fields, and the chosen files
/// (field, name, bytes), each claimed by the browser to be a PDF.
async fn upload(
    client: &Client,
    world: &World,
    clicked: &str,
    answers: &[(&str, &str)],
    files: Vec<(&str, &str, Vec<u8>)>,
) -> Page {
    let standard = client.get(&standard_path(world)).await;
    assert_eq!(standard.status, 200, "{}", standard.body);
    let token = standard.csrf();
    let mut form = Form::new().text("csrf_token", token).text("upload", clicked.to_owned());
    // Without answers typed, send none (as a script might): nothing is unsaved then.
    if !answers.is_empty() {
        for (name, value) in hidden_fields(&standard) {
            form = form.text(name, value);
        }
    }
    for (name, value) in answers {
        form = form.text((*name).to_owned(), (*value).to_owned());
    }
    for (field, name, bytes) in files {
        let part = Part::bytes(bytes).file_name(name.to_owned()).mime_str("application/pdf").unwrap();
        form = form.part(field.to_owned(), part);
    }
    let url = format!("{}{}/evidence", client.base, standard_path(world));
    read(client.http.post(url).multipart(form).send().await.expect("upload failed")).await
}

async fn read(response: reqwest::Response) -> Page {
    let status = response.status();
    let headers = response.headers().clone();
    let location = headers.get("location").and_then(|v| v.to_str().ok()).map(str::to_owned);
    let body = response.text().await.unwrap_or_default();
    Page { status, location, headers, body }
}

async fn download(client: &Client, world: &World, file: i64) -> reqwest::Response {
    let url = format!("{}/assessments/{}/evidence/{file}", client.base, world.o1_assessment);
    client.http.get(url).send().await.unwrap()
}

/// (id, name, media type, storage key) of the assessment's files, oldest first.
async fn stored(app: &TestApp, world: &World) -> Vec<(i64, String, String, String)> {
    app.db()
        .fetch_all(
            &Query::select()
                .columns([
                    EvidenceFiles::Id,
                    EvidenceFiles::FileName,
                    EvidenceFiles::MediaType,
                    EvidenceFiles::StorageKey,
                ])
                .from(EvidenceFiles::Table)
                .and_where(Expr::col(EvidenceFiles::AssessmentId).eq(world.o1_assessment))
                .order_by(EvidenceFiles::Id, sea_query::Order::Asc)
                .to_owned(),
        )
        .await
        .unwrap()
}

/// How many files the file store holds on disk.
fn blobs_on_disk(app: &TestApp) -> usize {
    fn count(dir: &std::path::Path) -> usize {
        std::fs::read_dir(dir)
            .map(|entries| {
                entries.flatten().map(|e| if e.path().is_dir() { count(&e.path()) } else { 1 }).sum()
            })
            .unwrap_or(0)
    }
    count(std::path::Path::new(&app.state.config.files_dir))
}

async fn audit_actions(app: &TestApp, action: &str) -> usize {
    let rows: Vec<(i64,)> = app
        .db()
        .fetch_all(
            &Query::select()
                .column(AuditLog::Id)
                .from(AuditLog::Table)
                .and_where(Expr::col(AuditLog::Action).eq(action))
                .to_owned(),
        )
        .await
        .unwrap();
    rows.len()
}

#[tokio::test]
async fn a_pdf_and_a_png_are_kept_and_download_unchanged_with_their_detected_types() {
    let app = TestApp::spawn().await;
    let world = World::build(&app).await;
    let lead = app.signed_in(O1_LEAD).await;
    let sent = upload(
        &lead,
        &world,
        "1.1",
        &[],
        vec![
            ("evidence:1.1", "Board minutes.pdf", SMALL_PDF.to_vec()),
            ("evidence:1.2", "chart", PNG.to_vec()),
        ],
    )
    .await;
    assert!(
        sent.redirects_to(&format!("{}#1-1-files", standard_path(&world))),
        "{:?} {}",
        sent.location,
        sent.body
    );
    assert_eq!(audit_actions(&app, "add_evidence").await, 3, "the world's file and these two");

    let page = lead.get(&standard_path(&world)).await;
    assert!(page.body.contains("Added 2 files: Board minutes.pdf (1.1), chart (1.2)"), "{}", page.body);
    assert!(page.body.contains("Board minutes.pdf") && page.body.contains("PNG image, 67 bytes"));
    assert!(page.body.contains(&format!("Added by {O1_LEAD} on")));

    let files = stored(&app, &world).await;
    assert_eq!(files.len(), 3);
    let (pdf, png) = (&files[1], &files[2]);
    assert_eq!((pdf.1.as_str(), pdf.2.as_str()), ("Board minutes.pdf", "application/pdf"));
    assert_eq!((png.1.as_str(), png.2.as_str()), ("chart", "image/png"));

    let got = download(&lead, &world, pdf.0).await;
    assert_eq!(got.status(), 200);
    let header = |name: &str| got.headers().get(name).unwrap().to_str().unwrap().to_owned();
    assert_eq!(header("content-type"), "application/pdf");
    assert_eq!(
        header("content-disposition"),
        "attachment; filename=\"Board minutes.pdf\"; filename*=UTF-8''Board%20minutes.pdf"
    );
    assert_eq!(header("x-content-type-options"), "nosniff");
    assert_eq!(got.bytes().await.unwrap().as_ref(), SMALL_PDF);

    let got = download(&lead, &world, png.0).await;
    assert_eq!(got.headers()["content-type"], "image/png");
    // The name had no extension: the download gets the one of what the file is.
    assert!(got.headers()["content-disposition"].to_str().unwrap().contains("filename=\"chart.png\""));
    assert_eq!(got.bytes().await.unwrap().as_ref(), PNG);
}

#[tokio::test]
async fn a_renamed_web_page_or_program_is_refused_and_nothing_is_stored() {
    let app = TestApp::spawn().await;
    let world = World::build(&app).await;
    let lead = app.signed_in(O1_LEAD).await;
    let before = (stored(&app, &world).await.len(), blobs_on_disk(&app));
    for (name, bytes) in [
        ("report.pdf", b"<!DOCTYPE html><html><script>alert(1)</script></html>".to_vec()),
        ("report.pdf", b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00".to_vec()),
    ] {
        let page = upload(
            &lead,
            &world,
            "1.1",
            &[("narrative:1.1", "Typed and not yet saved")],
            vec![("evidence:1.1", name, bytes)],
        )
        .await;
        assert_eq!(page.status, 422, "{}", page.body);
        assert!(page.body.contains("There is a problem"));
        assert!(page.body.contains(&format!("href=\"#1-1-evidence\">1.1: {NOT_ALLOWED}")), "{}", page.body);
        assert!(page.body.contains("id=\"1-1-evidence-error\""));
        assert!(page.body.contains("No file was added. Your answers are kept below, not saved yet."));
        assert!(page.body.contains(">Typed and not yet saved</textarea>"), "the typed narrative is kept");
    }
    assert_eq!((stored(&app, &world).await.len(), blobs_on_disk(&app)), before);
}

#[tokio::test]
async fn a_file_just_over_20_mb_is_refused_clearly() {
    let app = TestApp::spawn().await;
    let world = World::build(&app).await;
    let lead = app.signed_in(O1_LEAD).await;
    let before = (stored(&app, &world).await.len(), blobs_on_disk(&app));
    let mut big = SMALL_PDF.to_vec();
    big.resize(osa_server::storage::MAX_FILE_BYTES + 1, b' ');
    let page = upload(&lead, &world, "1.1", &[], vec![("evidence:1.1", "scan.pdf", big)]).await;
    assert_eq!(page.status, 422, "{}", page.body);
    assert!(page.body.contains("1.1: The selected file must be smaller than 20 MB"), "{}", page.body);
    assert_eq!((stored(&app, &world).await.len(), blobs_on_disk(&app)), before);
}

#[tokio::test]
async fn uploading_with_no_file_or_an_empty_one_says_what_to_do() {
    let app = TestApp::spawn().await;
    let world = World::build(&app).await;
    let lead = app.signed_in(O1_LEAD).await;
    let page = upload(&lead, &world, "1.2", &[], vec![("evidence:1.2", "", Vec::new())]).await;
    assert_eq!(page.status, 422);
    assert!(page.body.contains("href=\"#1-2-evidence\">1.2: Select a file to add"), "{}", page.body);
    let page = upload(&lead, &world, "1.2", &[], vec![("evidence:1.2", "empty.pdf", Vec::new())]).await;
    assert_eq!(page.status, 422);
    assert!(page.body.contains("1.2: The selected file is empty"), "{}", page.body);
    assert_eq!(stored(&app, &world).await.len(), 1);
}

#[tokio::test]
async fn an_upload_keeps_answers_typed_but_not_saved_and_does_not_save_them() {
    let app = TestApp::spawn().await;
    let world = World::build(&app).await;
    let lead = app.signed_in(O1_LEAD).await;
    let page = upload(
        &lead,
        &world,
        "1.1",
        &[("value:1.1", "met"), ("narrative:1.1", "Our lead is named on every poster.")],
        vec![("evidence:1.1", "poster.png", PNG.to_vec())],
    )
    .await;
    assert_eq!(page.status, 200, "{}", page.body);
    assert!(page.body.contains("Added poster.png to 1.1"));
    assert!(page.body.contains("not saved yet"));
    assert!(page.body.contains(">Our lead is named on every poster.</textarea>"));
    assert!(page.body.contains("value=\"met\" checked"));
    let answers = osa_server::assessments::store::answers(app.db(), world.o1_assessment).await.unwrap();
    assert!(answers.is_empty(), "uploading saved no answer");
    assert_eq!(stored(&app, &world).await.len(), 2);

    // Saving them afterwards works: the page kept the versions it was loaded with.
    let mut form: Vec<(String, String)> = hidden_fields(&page);
    form.push(("value:1.1".into(), "met".into()));
    form.push(("narrative:1.1".into(), "Our lead is named on every poster.".into()));
    let form: Vec<(&str, &str)> = form.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    let saved = lead.post(&standard_path(&world), &form).await;
    assert!(saved.redirects_to(&format!("/assessments/{}", world.o1_assessment)), "{}", saved.body);
}

#[tokio::test]
async fn saving_with_a_file_chosen_says_the_file_was_not_added() {
    let app = TestApp::spawn().await;
    let world = World::build(&app).await;
    let lead = app.signed_in(O1_LEAD).await;
    let saved = lead.post(&standard_path(&world), &[("evidence:1.1", "poster.png")]).await;
    assert!(saved.status.is_redirection(), "{}", saved.body);
    let next = lead.get(saved.location.as_deref().unwrap()).await;
    assert!(next.body.contains("The files you chose were not added"), "{}", next.body);
}

#[tokio::test]
async fn a_contributor_handles_files_only_of_standards_shared_with_them() {
    let app = TestApp::spawn().await;
    let world = World::build(&app).await;
    let contributor = app.signed_in(O1_CONTRIBUTOR).await;
    let upload_path = format!("{}/evidence", standard_path(&world));
    // The standard is not theirs to see, so it is not found.
    assert_eq!(contributor.post(&upload_path, &[]).await.status, 404);
    assert_eq!(download(&contributor, &world, world.o1_evidence).await.status(), 404);
    let removal = format!("/assessments/{}/evidence/{}/delete", world.o1_assessment, world.o1_evidence);
    assert_eq!(contributor.get(&removal).await.status, 404);
    assert_eq!(contributor.post(&removal, &[("confirm", "yes")]).await.status, 404);
    assert_eq!(stored(&app, &world).await.len(), 1);

    // Once the lead shares standard 1, the contributor may do all of it.
    let lead = app.signed_in(O1_LEAD).await;
    let contributor_id = osa_server::accounts::store::user_by_email(app.db(), O1_CONTRIBUTOR)
        .await
        .unwrap()
        .unwrap()
        .id
        .to_string();
    let shared = lead
        .post(
            &format!("/assessments/{}/delegation", world.o1_assessment),
            &[("standard", "1"), ("user", &contributor_id)],
        )
        .await;
    assert!(shared.status.is_redirection());
    let sent =
        upload(&contributor, &world, "1.2", &[], vec![("evidence:1.2", "list.pdf", SMALL_PDF.to_vec())])
            .await;
    assert!(sent.status.is_redirection(), "{}", sent.body);
    let got = download(&contributor, &world, world.o1_evidence).await;
    assert_eq!(got.status(), 200);
    assert_eq!(got.bytes().await.unwrap().as_ref(), SMALL_PDF);
    assert_eq!(contributor.get(&removal).await.status, 200);
}

#[tokio::test]
async fn another_organisations_people_are_told_nothing_exists() {
    let app = TestApp::spawn().await;
    let world = World::build(&app).await;
    for who in [O2_LEAD, P2_ADMIN] {
        let stranger = app.signed_in(who).await;
        let upload_path = format!("{}/evidence", standard_path(&world));
        assert_eq!(stranger.post(&upload_path, &[]).await.status, 404, "{who}");
        assert_eq!(download(&stranger, &world, world.o1_evidence).await.status(), 404, "{who}");
        let removal = format!("/assessments/{}/evidence/{}/delete", world.o1_assessment, world.o1_evidence);
        assert_eq!(stranger.get(&removal).await.status, 404, "{who}");
        assert_eq!(stranger.post(&removal, &[("confirm", "yes")]).await.status, 404, "{who}");
    }
    assert_eq!(stored(&app, &world).await.len(), 1);
    // A file id of one assessment is not found under another's address.
    let o2_lead = app.signed_in(O2_LEAD).await;
    let o2_assessment =
        osa_server::assessments::store::start(app.db(), world.o2, "test-framework", world.framework_v1, 1)
            .await
            .unwrap();
    let crossed = o2_lead.get(&format!("/assessments/{o2_assessment}/evidence/{}", world.o1_evidence)).await;
    assert_eq!(crossed.status, 404);
}

#[tokio::test]
async fn removing_a_file_asks_first_then_deletes_its_row_and_its_bytes() {
    let app = TestApp::spawn().await;
    let world = World::build(&app).await;
    let lead = app.signed_in(O1_LEAD).await;
    let (_, _, _, key) = stored(&app, &world).await.remove(0);
    assert!(app.state.files.get(&key).await.unwrap().is_some());
    let removal = format!("/assessments/{}/evidence/{}/delete", world.o1_assessment, world.o1_evidence);

    let page = lead.get(&removal).await;
    assert_eq!(page.status, 200);
    assert!(page.body.contains("Do you want to remove Safeguarding policy.pdf?"));
    let unanswered = lead.post(&removal, &[]).await;
    assert_eq!(unanswered.status, 422);
    assert!(unanswered.body.contains("Select yes if you want to remove the file"));
    let kept = lead.post(&removal, &[("confirm", "no")]).await;
    assert!(kept.redirects_to(&format!("{}#1-1-files", standard_path(&world))));
    assert_eq!(stored(&app, &world).await.len(), 1);

    let removed = lead.post(&removal, &[("confirm", "yes")]).await;
    assert!(removed.redirects_to(&format!("{}#1-1-files", standard_path(&world))));
    assert!(stored(&app, &world).await.is_empty());
    assert!(app.state.files.get(&key).await.unwrap().is_none(), "the bytes are gone too");
    assert_eq!(audit_actions(&app, "remove_evidence").await, 1);
    let page = lead.get(&standard_path(&world)).await;
    assert!(page.body.contains("Removed Safeguarding policy.pdf from 1.1"));
    assert!(page.body.contains("No files have been added."));
    assert_eq!(download(&lead, &world, world.o1_evidence).await.status(), 404);
    assert_eq!(lead.get(&removal).await.status, 404);
}

#[tokio::test]
async fn a_signed_off_return_names_its_evidence_and_a_new_file_withdraws_the_sign_off() {
    let app = TestApp::spawn().await;
    let world = World::build(&app).await;
    let lead = app.signed_in(O1_LEAD).await;
    let page = lead.get(&standard_path(&world)).await;
    let mut form = hidden_fields(&page);
    form.extend([
        ("value:1.1".to_owned(), "met".to_owned()),
        ("narrative:1.1".to_owned(), "Named on posters.".to_owned()),
        ("value:1.2".to_owned(), "90".to_owned()),
    ]);
    let form: Vec<(&str, &str)> = form.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    assert!(lead.post(&standard_path(&world), &form).await.status.is_redirection());
    let signoff = app.signed_in(O1_SIGNOFF).await;
    let path = format!("/assessments/{}/sign-off", world.o1_assessment);
    assert!(signoff.post(&path, &[("declaration", "yes")]).await.status.is_redirection());

    let returns = || async {
        let rows: Vec<(String, String)> = app
            .db()
            .fetch_all(
                &Query::select().columns([Returns::State, Returns::Snapshot]).from(Returns::Table).to_owned(),
            )
            .await
            .unwrap();
        rows
    };
    let rows = returns().await;
    assert_eq!(rows[0].0, "signed_off");
    let snapshot: serde_json::Value = serde_json::from_str(&rows[0].1).unwrap();
    assert_eq!(snapshot["evidence"]["1.1"][0]["name"], "Safeguarding policy.pdf");
    assert_eq!(snapshot["evidence"]["1.1"][0]["media_type"], "application/pdf");
    assert_eq!(snapshot["answers"]["1.1"]["rating"], "met", "the answers are read as before");

    let sent =
        upload(&lead, &world, "1.2", &[], vec![("evidence:1.2", "list.pdf", SMALL_PDF.to_vec())]).await;
    assert!(sent.status.is_redirection(), "{}", sent.body);
    assert_eq!(returns().await[0].0, "withdrawn", "the signed-off return no longer matches");
}

#[tokio::test]
async fn when_files_cannot_be_stored_the_page_comes_back_with_what_was_typed() {
    let app = TestApp::spawn().await;
    let world = World::build(&app).await;
    let lead = app.signed_in(O1_LEAD).await;
    // The store's folder becomes a plain file, so nothing can be written under it.
    let dir = std::path::PathBuf::from(&app.state.config.files_dir);
    std::fs::remove_dir_all(&dir).unwrap();
    std::fs::write(&dir, b"not a folder").unwrap();
    let page = upload(
        &lead,
        &world,
        "1.1",
        &[("narrative:1.1", "Typed before the disk filled up")],
        vec![("evidence:1.1", "minutes.pdf", SMALL_PDF.to_vec())],
    )
    .await;
    assert_eq!(page.status, 500);
    assert!(page.body.contains("1.1: minutes.pdf could not be stored. Try again later"), "{}", page.body);
    assert!(page.body.contains(">Typed before the disk filled up</textarea>"));
    assert_eq!(stored(&app, &world).await.len(), 1);
}
