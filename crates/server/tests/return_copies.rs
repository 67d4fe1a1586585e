//! The organisation's own copy of a return, as PDF and Word: what is in it, and who
//! may download it.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a test or benchmark stops loudly at the step that failed"
)]

mod common;

use std::io::Read;

use common::world::*;
use common::{Client, TestApp};

const NARRATIVE: &str = "Named on “posters” in every hall – and in the café.";
const ACTION: &str = "Translate the poster for the Łódź office.";

/// Answers standard 1 as the lead: 1.1 partially met, 1.2 at 87.5%.
async fn answer(lead: &Client, world: &World, percent: &str) {
    let path = format!("/assessments/{}/standards/1", world.o1_assessment);
    let page = lead.get(&path).await;
    let version = |code: &str| {
        let marker = format!("name=\"version:{code}\" value=\"");
        let start = page.body.find(&marker).unwrap() + marker.len();
        page.body[start..].split('"').next().unwrap().to_owned()
    };
    let (v1, v2) = (version("1.1"), version("1.2"));
    let saved = lead
        .post(
            &path,
            &[
                ("value:1.1", "partially_met"),
                ("narrative:1.1", NARRATIVE),
                ("action:1.1", ACTION),
                ("value:1.2", percent),
                ("version:1.1", &v1),
                ("version:1.2", &v2),
            ],
        )
        .await;
    assert!(saved.status.is_redirection(), "{}", saved.body);
}

async fn sign_off(app: &TestApp, world: &World) {
    let signoff = app.signed_in(O1_SIGNOFF).await;
    let done = signoff
        .post(&format!("/assessments/{}/sign-off", world.o1_assessment), &[("declaration", "yes")])
        .await;
    assert!(done.status.is_redirection());
}

async fn submit(lead: &Client, world: &World) {
    let done = lead.post(&format!("/assessments/{}/submit", world.o1_assessment), &[]).await;
    assert!(done.status.is_redirection());
}

/// The newest return's id, read from the links on the check page.
async fn newest_return(lead: &Client, world: &World) -> i64 {
    let page = lead.get(&format!("/assessments/{}/check", world.o1_assessment)).await;
    let start = page.body.find("/returns/").expect("a link to a return copy") + "/returns/".len();
    page.body[start..].split('/').next().unwrap().parse().unwrap()
}

struct File {
    status: u16,
    content_type: String,
    disposition: String,
    bytes: Vec<u8>,
}

async fn download(client: &Client, path: &str) -> File {
    let response = client.http.get(format!("{}{path}", client.base)).send().await.unwrap();
    let header = |name: &str| {
        response.headers().get(name).and_then(|v| v.to_str().ok()).unwrap_or_default().to_owned()
    };
    let (content_type, disposition) = (header("content-type"), header("content-disposition"));
    let status = response.status().as_u16();
    File { status, content_type, disposition, bytes: response.bytes().await.unwrap().to_vec() }
}

/// Every word of the PDF's text, one space apart.
fn pdf_text(bytes: &[u8]) -> String {
    let doc = lopdf::Document::load_mem(bytes).expect("a readable PDF");
    let pages: Vec<u32> = doc.get_pages().keys().copied().collect();
    let text = doc.extract_text(&pages).expect("extractable text");
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn docx_part(bytes: &[u8], name: &str) -> String {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("a DOCX is a zip");
    let mut out = String::new();
    zip.by_name(name).expect("the part").read_to_string(&mut out).unwrap();
    out
}

#[tokio::test]
async fn a_submitted_return_downloads_as_pdf_and_word_with_every_answer() {
    let app = TestApp::spawn().await;
    let world = World::build(&app).await;
    let lead = app.signed_in(O1_LEAD).await;
    answer(&lead, &world, "87.5").await;
    sign_off(&app, &world).await;
    submit(&lead, &world).await;
    let id = newest_return(&lead, &world).await;
    // Improving the assessment afterwards does not change the copy.
    answer(&lead, &world, "12").await;

    let pdf = download(&lead, &format!("/returns/{id}/copy.pdf")).await;
    assert_eq!(pdf.status, 200);
    assert_eq!(pdf.content_type, "application/pdf");
    let today = time::OffsetDateTime::now_utc().date();
    let stem = format!("organisation-one-test-framework-{today}");
    assert_eq!(pdf.disposition, format!("attachment; filename=\"{stem}.pdf\""));
    std::fs::write("/tmp/copy.pdf", &pdf.bytes).unwrap();
    let text = pdf_text(&pdf.bytes);
    for expected in [
        "Organisation One: Test framework return",
        "Status: Submitted",
        "Submitted to: Partnership One",
        &format!("by {O1_SIGNOFF}"),
        "I have read this self-assessment",
        "1. Who is responsible",
        "Standing: Amber",
        "1.1 We have a named safeguarding lead.",
        "Partially met",
        "87.5%",
        "Narrative evidence: Named on “posters” in every hall – and in the café.",
        "Improvement action: Translate the poster for the ?ódz office.",
        "appear as a question mark",
    ] {
        assert!(text.contains(expected), "the PDF lacks {expected:?}:\n{text}");
    }
    assert!(!text.contains("12%"), "the copy is the snapshot, not the living assessment");

    let docx = download(&lead, &format!("/returns/{id}/copy.docx")).await;
    assert_eq!(docx.status, 200);
    assert_eq!(docx.content_type, "application/vnd.openxmlformats-officedocument.wordprocessingml.document");
    assert_eq!(docx.disposition, format!("attachment; filename=\"{stem}.docx\""));
    std::fs::write("/tmp/copy.docx", &docx.bytes).unwrap();
    let document = docx_part(&docx.bytes, "word/document.xml");
    for expected in [
        "Organisation One: Test framework return",
        "Partnership One",
        "Partially met",
        "87.5%",
        NARRATIVE,
        ACTION,
        r#"<w:pStyle w:val="Heading1" />"#,
        r#"<w:pStyle w:val="Heading3" />"#,
        "<w:tblHeader />",
    ] {
        assert!(document.contains(expected), "the Word file lacks {expected:?}");
    }
    assert!(!document.contains("12%"));
    assert!(
        docx_part(&docx.bytes, "docProps/core.xml")
            .contains("<dc:title>Organisation One: Test framework return</dc:title>")
    );
}

#[tokio::test]
async fn the_signed_off_return_awaiting_submission_has_a_copy_for_the_organisation_only() {
    let app = TestApp::spawn().await;
    let world = World::build(&app).await;
    let lead = app.signed_in(O1_LEAD).await;
    answer(&lead, &world, "90").await;
    sign_off(&app, &world).await;
    let check = lead.get(&format!("/assessments/{}/check", world.o1_assessment)).await;
    assert!(check.body.contains("Download the signed-off return"));
    let id = newest_return(&lead, &world).await;
    let path = format!("/returns/{id}/copy.pdf");
    let text = pdf_text(&download(&lead, &path).await.bytes);
    assert!(text.contains("Status: Signed off, not yet submitted"), "{text}");
    assert!(!text.contains("Submitted to"));
    for email in [O1_SIGNOFF, PLATFORM_ADMIN] {
        assert_eq!(download(&app.signed_in(email).await, &path).await.status, 200, "{email}");
    }
    // Not yet sent to any partnership, so no partnership may read it.
    let p1 = app.signed_in(P1_ADMIN).await;
    assert_eq!(download(&p1, &path).await.status, 404);

    // A change withdraws the sign-off, and with it the copy.
    answer(&lead, &world, "80").await;
    assert_eq!(download(&lead, &path).await.status, 404);
    assert_eq!(download(&lead, &format!("/returns/{id}/copy.docx")).await.status, 404);
}

#[tokio::test]
async fn only_the_organisation_and_the_partnerships_it_was_sent_to_may_download() {
    let app = TestApp::spawn().await;
    let world = World::build(&app).await;
    let lead = app.signed_in(O1_LEAD).await;
    answer(&lead, &world, "90").await;
    sign_off(&app, &world).await;
    submit(&lead, &world).await;
    let id = newest_return(&lead, &world).await;
    // Organisation One now serves Partnership Two as well, but this return never went there.
    let mut tx = app.db().begin().await.unwrap();
    osa_server::organisations::store::add_area(&mut tx, world.o1, world.p2).await.unwrap();
    tx.commit().await.unwrap();

    for format in ["pdf", "docx"] {
        let path = format!("/returns/{id}/copy.{format}");
        for email in [O1_LEAD, O1_SIGNOFF, PLATFORM_ADMIN, P1_ADMIN, P1_ANALYST, P1_PANEL] {
            assert_eq!(download(&app.signed_in(email).await, &path).await.status, 200, "{email} {format}");
        }
        for (email, status) in [(O1_CONTRIBUTOR, 404), (O2_LEAD, 404), (P2_ADMIN, 404)] {
            assert_eq!(download(&app.signed_in(email).await, &path).await.status, status, "{email} {format}");
        }
        let anonymous = app.client().get(&path).await;
        assert!(anonymous.redirects_to("/sign-in"), "{format}");
        let missing = download(&lead, &format!("/returns/{}/copy.{format}", id + 1000)).await;
        assert_eq!(missing.status, 404);
    }
}
