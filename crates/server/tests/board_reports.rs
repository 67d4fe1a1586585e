//! The board report: its figures, in the DOCX (read back from `word/document.xml`),
//! the PDF (its extracted text) and the HTML version, equal the dashboard's for the
//! same cycle and a hand count; the analyst's words reach every format; finalising
//! freezes words and figures (a return submitted later changes the dashboard, not
//! the report) and turns every edit away.
//!
//! The cycle, counted by hand (the same shape as `figures.rs`):
//! - 23 organisations invited: 1 to 21 submitted, 22 a confirmed non-submission
//!   ("Closed in March, merged into the trust"), 23 not started. Response rate
//!   21 of 23 = 91.3%, so 91%.
//! - Standard 1: 11 green, 7 amber, 3 red of 21: 52%, 33%, 14%.
//! - Standard 2: 16 green, 2 amber, 2 red of the 20 for whom it applies (21
//!   answered it not applicable): 80%, 10%, 10%.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a test or benchmark stops loudly at the step that failed"
)]

mod common;

use std::io::Read;

use base64::Engine;
use base64::engine::general_purpose::STANDARD as BASE64_STANDARD;
use sea_query::ExprTrait;
use sha2::{Digest, Sha256};

use common::direct::{self, DirectReturn};
use common::world::*;
use common::{Client, TestApp};
use osa_core::assessment::Answer;
use osa_core::framework::{Framework, Rating};
use osa_core::tenancy::{DutyStatus, Sector};
use osa_server::cycles::store::{self as cycles, NewCycle, NewInvitation};
use osa_server::organisations::store::{self as orgs, NewOrganisation};

const FRAMEWORK: &str = r#"
[framework]
key = "figures"
name = "Figures framework"
audience = "children"
version = 1
description = "Two standards, one of which may not apply."
standing_rule = "default"

[[standards]]
code = "1"
title = "Leadership"
outcome = "Everyone knows who leads."

[[standards.criteria]]
code = "1.1"
question = "We have a clear escalation route."
guidance = "Write it down."
evidence = ["Policy"]
answer = "rating"
not_applicable = false
narrative_required = false

[[standards]]
code = "2"
title = "Commissioning"
outcome = "Services bought in keep children safe."

[[standards.criteria]]
code = "2.1"
question = "Contracts ask providers to follow local procedures."
guidance = "Not applicable if you commission nothing."
evidence = ["Contract"]
answer = "rating"
not_applicable = true
narrative_required = false

[[standards.criteria]]
code = "2.2"
question = "Commissioned health services are audited."
guidance = "Health only."
evidence = ["Audit"]
answer = "rating"
not_applicable = true
narrative_required = false
sectors = ["health"]
"#;

fn rating(n: i64, question: &str) -> Option<Rating> {
    use Rating::*;
    Some(match question {
        "1.1" if n <= 11 => Met,
        "1.1" if n <= 18 => PartiallyMet,
        "1.1" => NotMet,
        "2.1" if n == 21 => NotApplicable,
        "2.1" => Met,
        "2.2" if n > 6 => return None,
        "2.2" if n <= 2 => Met,
        "2.2" if n <= 4 => PartiallyMet,
        "2.2" => NotMet,
        _ => return None,
    })
}

struct Cycle {
    id: i64,
    framework_id: i64,
    framework: Framework,
    admin: i64,
    /// (n, organisation id, sector, duty) of organisations 1 to 23.
    organisations: Vec<(i64, i64, Sector, DutyStatus)>,
}

/// Signs off and submits organisation `n`'s return, through the same writes a
/// person's sign-off and submission make.
async fn submit(app: &TestApp, world: &World, c: &Cycle, n: i64) {
    let db = app.db();
    let &(_, id, sector, duty) = c.organisations.iter().find(|o| o.0 == n).unwrap();
    let answers = ["1.1", "2.1", "2.2"]
        .into_iter()
        .filter_map(|q| Some((q.to_owned(), Answer { rating: Some(rating(n, q)?), ..Answer::default() })))
        .collect();
    let made = DirectReturn {
        organisation: id,
        framework_id: c.framework_id,
        framework_key: "figures",
        framework: &c.framework,
        answers: &answers,
        sector,
        duty,
        by: c.admin,
        to: &[world.p1],
    };
    direct::sign_off_and_submit(db, &made).await;
}

async fn cycle_of_21_returns(app: &TestApp, world: &World) -> Cycle {
    let db = app.db();
    let admin = osa_server::accounts::store::user_by_email(db, P1_ADMIN).await.unwrap().unwrap().id;
    let imported =
        osa_server::frameworks::import::import(db, Some(world.p1), None, false, FRAMEWORK.as_bytes(), true)
            .await;
    let Ok(imported) = imported else { panic!("the framework did not import") };
    let framework_id = imported.id;
    let framework = osa_server::frameworks::store::load(db, framework_id).await.unwrap().unwrap().framework;
    let today = time::OffsetDateTime::now_utc().date();
    let mut tx = db.begin().await.unwrap();
    let new = NewCycle {
        partnership: world.p1,
        name: "Figures audit".into(),
        main_framework: framework_id,
        by_sector: Vec::new(),
        opens_on: today,
        due_on: today + time::Duration::days(30),
        updates_due: Vec::new(),
        neighbours: Vec::new(),
    };
    let id = cycles::create(&mut tx, admin, &new).await.unwrap();
    let mut organisations = Vec::new();
    for n in 1..=23_i64 {
        let sector = if n <= 6 { Sector::Health } else { Sector::VoluntaryAndCommunity };
        let duty = if n <= 6 { DutyStatus::Statutory } else { DutyStatus::Voluntary };
        let name = format!("Organisation {n:02}");
        let org = orgs::create(&mut tx, None, &NewOrganisation { name: &name, sector, duty }).await.unwrap();
        orgs::add_area(&mut tx, org, world.p1).await.unwrap();
        let invitation = NewInvitation { organisation: org, framework_id, framework_key: "figures".into() };
        assert!(cycles::invite(&mut tx, id, admin, &invitation).await.unwrap());
        organisations.push((n, org, sector, duty));
    }
    tx.commit().await.unwrap();
    let c = Cycle { id, framework_id, framework, admin, organisations };
    for n in 1..=21 {
        submit(app, world, &c, n).await;
    }
    let exempt = c.organisations[21].1;
    let invitations = cycles::invitations(db, id).await.unwrap();
    let invitation = invitations.iter().find(|i| i.organisation_id == exempt).unwrap().id;
    let mut tx = db.begin().await.unwrap();
    let reason = Some("Closed in March, merged into the trust");
    assert!(cycles::record_non_submission(&mut tx, id, invitation, admin, reason).await.unwrap());
    tx.commit().await.unwrap();
    c
}

/// The cells of the first HTML table row of shares (six cells) whose header is
/// `label` (the methodology's table of criteria per standard has two).
fn row(body: &str, label: &str) -> Vec<String> {
    let html = scraper::Html::parse_document(body);
    let rows = scraper::Selector::parse("tr").unwrap();
    let cells = scraper::Selector::parse("th, td").unwrap();
    html.select(&rows)
        .map(|r| r.select(&cells).map(|c| c.text().collect::<String>().trim().to_owned()).collect::<Vec<_>>())
        .find(|r| r.len() == 6 && r.first().is_some_and(|h| h == label))
        .unwrap_or_else(|| panic!("no row {label}"))
}

async fn download(client: &Client, path: &str) -> (u16, String, Vec<u8>) {
    let response = client.http.get(format!("{}{path}", client.base)).send().await.unwrap();
    let status = response.status().as_u16();
    let kind = response.headers().get("content-type").and_then(|v| v.to_str().ok()).unwrap_or("").to_owned();
    (status, kind, response.bytes().await.unwrap().to_vec())
}

fn pdf_text(bytes: &[u8]) -> String {
    let doc = lopdf::Document::load_mem(bytes).expect("a readable PDF");
    let pages: Vec<u32> = doc.get_pages().keys().copied().collect();
    doc.extract_text(&pages).expect("extractable text").split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The DOCX's `word/document.xml`.
fn docx_xml(bytes: &[u8]) -> String {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("a DOCX is a zip");
    let mut out = String::new();
    zip.by_name("word/document.xml").expect("the document part").read_to_string(&mut out).unwrap();
    out
}

/// The text runs (`<w:t>`) of an XML fragment, joined.
fn runs(xml: &str) -> String {
    let mut out = String::new();
    for part in xml.split("<w:t").skip(1) {
        let Some(start) = part.find('>') else { continue };
        let text = &part[start + 1..];
        out.push_str(&text[..text.find("</w:t>").unwrap_or(0)]);
    }
    out.replace("&amp;", "&").replace("&apos;", "'").replace("&quot;", "\"")
}

/// Every table row of the DOCX, as the texts of its cells.
fn docx_rows(xml: &str) -> Vec<Vec<String>> {
    xml.split("<w:tr")
        .skip(1)
        .map(|tr| {
            let tr = tr.split("</w:tr>").next().unwrap_or("");
            tr.split("<w:tc>").skip(1).map(runs).collect::<Vec<_>>()
        })
        .collect()
}

fn docx_text(xml: &str) -> String {
    xml.split("</w:p>").map(runs).collect::<Vec<_>>().join("\n")
}

const RATE: &str = "21 of 23 organisations invited (91%) submitted a return.";
const CONFIRMED: &str = "Organisation 22 (Closed in March, merged into the trust)";
const LEADERSHIP: [&str; 6] = ["1. Leadership", "21", "11 (52%)", "7 (33%)", "3 (14%)", "0"];
const COMMISSIONING: [&str; 6] = ["2. Commissioning", "20", "16 (80%)", "2 (10%)", "2 (10%)", "1"];

#[tokio::test]
async fn the_docx_pdf_and_html_figures_equal_the_dashboards_and_the_hand_count() {
    let app = TestApp::spawn().await;
    let world = World::build(&app).await;
    let cycle = cycle_of_21_returns(&app, &world).await;
    let analyst = app.signed_in(P1_ANALYST).await;
    let dashboard = analyst.get(&format!("/cycles/{}/dashboard", cycle.id)).await;
    assert!(
        dashboard.body.contains("<strong>91%</strong> of invited organisations have submitted (21 of 23)")
    );
    let (leadership, commissioning) =
        (row(&dashboard.body, "1. Leadership"), row(&dashboard.body, "2. Commissioning"));
    assert_eq!(leadership, LEADERSHIP, "the dashboard agrees with the hand count");
    assert_eq!(commissioning, COMMISSIONING);

    let base = format!("/cycles/{}/board-report", cycle.id);
    let (status, kind, docx) = download(&analyst, &format!("{base}.docx")).await;
    assert_eq!((status, kind.as_str()), (200, osa_server::exports::DOCX_TYPE));
    let xml = docx_xml(&docx);
    assert!(xml.contains("w:val=\"Heading1\"") && xml.contains("w:val=\"Heading2\""), "real headings");
    let rows = docx_rows(&xml);
    assert_eq!(rows.iter().filter(|r| **r == leadership).count(), 2, "findings and appendix A: {rows:?}");
    assert_eq!(rows.iter().filter(|r| **r == commissioning).count(), 2);
    assert!(rows.contains(&["23", "21", "0", "1", "1", "91%"].map(String::from).to_vec()), "{rows:?}");
    let text = docx_text(&xml);
    for expected in [RATE, CONFIRMED, "Appendix B: standings by organisation", "Appendix D: the framework"] {
        assert!(text.contains(expected), "{expected} missing from the DOCX: {text}");
    }
    assert!(text.contains(
        "Of the 20 organisations for whom this standard applies, 16 (80%) fully met it, 2 (10%) partially met it \
         and 2 (10%) did not meet it; 1 answered it not applicable."
    ));

    let (status, kind, pdf) = download(&analyst, &format!("{base}.pdf")).await;
    assert_eq!((status, kind.as_str()), (200, "application/pdf"));
    let text = pdf_text(&pdf);
    for expected in
        [RATE, CONFIRMED, &LEADERSHIP.join(" "), &COMMISSIONING.join(" "), "Organisation 01 Green Green"]
    {
        assert!(text.contains(expected), "{expected} missing from the PDF: {text}");
    }

    let html = analyst.get(&format!("{base}.html")).await;
    assert_eq!(html.status, 200);
    assert!(html.body.starts_with("<!DOCTYPE html>") && html.body.contains("<html lang=\"en-GB\">"));
    assert_eq!(row(&html.body, "1. Leadership"), leadership);
    assert!(html.body.contains(RATE) && html.body.contains("<svg class=\"osa-bars\" role=\"img\""));
    // Its inline styles are allowed by their hash, and only they: a browser applying
    // the service's own policy would drop them (the bug this checks).
    let style = between(&html.body, "<style>", "</style>");
    let hash = BASE64_STANDARD.encode(Sha256::digest(style.as_bytes()));
    let policy = html.headers["content-security-policy"].to_str().unwrap();
    assert!(policy.contains(&format!("style-src 'sha256-{hash}'")), "{policy}");
    assert!(!policy.contains("unsafe-inline") && policy.starts_with("default-src 'none'"), "{policy}");
    let preview = analyst.get(&format!("{base}/preview")).await;
    assert_eq!(row(&preview.body, "2. Commissioning"), commissioning);
}

#[tokio::test]
async fn the_analyst_writes_sections_and_findings_and_every_format_carries_them() {
    let app = TestApp::spawn().await;
    let world = World::build(&app).await;
    let cycle = cycle_of_21_returns(&app, &world).await;
    let analyst = app.signed_in(P1_ANALYST).await;
    let base = format!("/cycles/{}/board-report", cycle.id);
    let overview = analyst.get(&base).await;
    assert!(
        overview.body.contains("osa&#x27;s draft") || overview.body.contains("osa's draft"),
        "{}",
        overview.body
    );

    let form = analyst.get(&format!("{base}/sections/recommendations")).await;
    assert_eq!(form.status, 200);
    assert!(form.body.contains(
        osa_core::report::board::Section::Recommendations.default_text().split(' ').next().unwrap()
    ));
    let saved = analyst
        .post(
            &format!("{base}/sections/recommendations"),
            &[("text", "Every agency trains its board.\nAudit supervision again in 2026.")],
        )
        .await;
    assert!(saved.redirects_to(&base), "{}", saved.body);
    let too_long = "a".repeat(osa_core::report::board::MAX_WORDS_CHARS + 1);
    let refused = analyst.post(&format!("{base}/sections/summary"), &[("text", too_long.as_str())]).await;
    assert_eq!(refused.status, 422);
    assert!(refused.error_summary().iter().any(|m| m.contains("characters or fewer")), "{}", refused.body);
    assert_eq!(analyst.get(&format!("{base}/sections/nonsense")).await.status, 404);

    let finding = analyst.get(&format!("{base}/findings/2")).await;
    assert!(
        finding.body.contains("Of the 20 organisations for whom this standard applies, 16 (80%)"),
        "figures beside the boxes"
    );
    let saved = analyst
        .post(
            &format!("{base}/findings/1"),
            &[("strengths", "Boards name a lead."), ("areas", "Escalation is unclear in three groups.")],
        )
        .await;
    assert!(saved.redirects_to(&format!("{base}/findings/2")), "on to the next standard");

    let (_, _, docx) = download(&analyst, &format!("{base}.docx")).await;
    let text = docx_text(&docx_xml(&docx));
    for expected in [
        "Every agency trains its board.",
        "Audit supervision again in 2026.",
        "Strengths: Boards name a lead.",
        "Areas for development: Escalation is unclear in three groups.",
    ] {
        assert!(text.contains(expected), "{expected} missing: {text}");
    }
    let (_, _, pdf) = download(&analyst, &format!("{base}.pdf")).await;
    assert!(pdf_text(&pdf).contains("Strengths: Boards name a lead."));

    // Panel members read and download, but do not write; other tenants see nothing.
    let panel = app.signed_in(P1_PANEL).await;
    assert_eq!(panel.get(&base).await.status, 200);
    assert_eq!(download(&panel, &format!("{base}.pdf")).await.0, 200);
    let refused = panel.post(&format!("{base}/sections/summary"), &[("text", "Mine")]).await;
    assert_eq!(refused.status, 403);
    assert_eq!(app.signed_in(P2_ADMIN).await.get(&base).await.status, 404);
    assert_eq!(download(&app.signed_in(O1_LEAD).await, &format!("{base}.docx")).await.0, 404);
    let audited: Vec<(String,)> = app
        .db()
        .fetch_all(
            &sea_query::Query::select()
                .column(osa_server::db::schema::AuditLog::Action)
                .from(osa_server::db::schema::AuditLog::Table)
                .and_where(sea_query::Expr::col(osa_server::db::schema::AuditLog::Entity).eq("board_report"))
                .to_owned(),
        )
        .await
        .unwrap();
    assert_eq!(audited.len(), 2, "one record a save: {audited:?}");
}

#[tokio::test]
async fn a_finalised_report_keeps_its_words_and_figures_and_refuses_edits() {
    let app = TestApp::spawn().await;
    let world = World::build(&app).await;
    let cycle = cycle_of_21_returns(&app, &world).await;
    let analyst = app.signed_in(P1_ANALYST).await;
    let base = format!("/cycles/{}/board-report", cycle.id);
    analyst.post(&format!("{base}/sections/summary"), &[("text", "Most agencies are doing well.")]).await;

    let confirm = analyst.get(&format!("{base}/finalise")).await;
    assert!(confirm.body.contains("Are you sure you want to finalise the report?"));
    let unconfirmed = analyst.post(&format!("{base}/finalise"), &[]).await;
    assert_eq!(unconfirmed.status, 422, "nothing is finalised without the confirmation");
    let done = analyst.post(&format!("{base}/finalise"), &[("confirm", "yes")]).await;
    assert!(done.redirects_to(&base));
    let page = analyst.get(&base).await;
    let today = osa_server::web::format::date(time::OffsetDateTime::now_utc().date());
    assert!(page.body.contains(&format!("Finalised on {today} by")), "{}", page.body);
    assert!(page.body.contains("figures as at"));
    assert!(!page.body.contains("/sections/summary\""), "no change links once final");

    // Organisation 23 submits afterwards: the dashboard moves on, the report does not.
    submit(&app, &world, &cycle, 23).await;
    let dashboard = analyst.get(&format!("/cycles/{}/dashboard", cycle.id)).await;
    assert!(dashboard.body.contains("(22 of 23)"), "96% now");
    assert_eq!(row(&dashboard.body, "1. Leadership")[1], "22");
    let (_, _, docx) = download(&analyst, &format!("{base}.docx")).await;
    let xml = docx_xml(&docx);
    assert!(docx_text(&xml).contains(RATE), "the frozen rate");
    assert!(docx_rows(&xml).contains(&LEADERSHIP.map(String::from).to_vec()));
    assert!(pdf_text(&download(&analyst, &format!("{base}.pdf")).await.2).contains(&LEADERSHIP.join(" ")));
    assert!(docx_text(&xml).contains("Most agencies are doing well."));

    // Every edit is turned away and changes nothing.
    let admin = app.signed_in(P1_ADMIN).await;
    for (path, form) in [
        (format!("{base}/sections/summary"), vec![("text", "Changed")]),
        (format!("{base}/findings/1"), vec![("strengths", "Changed"), ("areas", "")]),
        (format!("{base}/finalise"), vec![("confirm", "yes")]),
    ] {
        let refused = admin.post(&path, &form).await;
        assert!(refused.redirects_to(&base), "{path}: {}", refused.status);
        assert!(admin.get(&path).await.redirects_to(&base), "{path} form");
    }
    let page = admin.get(&base).await;
    assert!(
        page.body.contains("can no longer be changed") || page.body.contains("already finalised"),
        "{}",
        page.body
    );
    let (_, _, docx) = download(&admin, &format!("{base}.docx")).await;
    let text = docx_text(&docx_xml(&docx));
    assert!(text.contains("Most agencies are doing well.") && !text.contains("Changed"));
}

/// The text between the first `start` and the next `end` after it.
fn between<'a>(text: &'a str, start: &str, end: &str) -> &'a str {
    let from = text.find(start).unwrap_or_else(|| panic!("no {start}")) + start.len();
    &text[from..from + text[from..].find(end).unwrap_or_else(|| panic!("no {end}"))]
}
