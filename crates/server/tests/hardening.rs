//! Hardening against crafted requests and leaks through the browser: page numbers
//! that are not pages, caching of signed-in pages and downloads, session rows made by
//! anonymous visits, and CSRF tokens in addresses.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a test or benchmark stops loudly at the step that failed"
)]

mod common;

use common::world::*;
use common::{Client, TestApp};

/// Every paged list, with someone who may read it.
fn paged_lists(world: &World) -> Vec<(&'static str, String)> {
    vec![
        (PLATFORM_ADMIN, "/admin/outbox".to_owned()),
        (PLATFORM_ADMIN, "/admin/users".to_owned()),
        (PLATFORM_ADMIN, "/admin/users?q=test".to_owned()),
        (PLATFORM_ADMIN, "/admin/partnerships".to_owned()),
        (PLATFORM_ADMIN, "/organisations".to_owned()),
        (PLATFORM_ADMIN, "/organisations?q=one".to_owned()),
        (PLATFORM_ADMIN, "/resources".to_owned()),
        (P1_ADMIN, "/resources".to_owned()),
        (P1_ADMIN, format!("/partnerships/{}/organisations", world.p1)),
        (P1_ADMIN, format!("/partnerships/{}/users", world.p1)),
        (P1_ADMIN, format!("/partnerships/{}/resources", world.p1)),
        (P1_ADMIN, format!("/partnerships/{}/resources?kind=&standard=", world.p1)),
        (P1_ANALYST, format!("/cycles/{}/narratives", world.p1_cycle)),
        (P1_ANALYST, format!("/cycles/{}/narratives?q=lead", world.p1_cycle)),
        (O1_LEAD, format!("/organisations/{}/users", world.o1)),
        (O1_LEAD, format!("/assessments/{}/history", world.o1_assessment)),
    ]
}

fn with_page(path: &str, page: &str) -> String {
    let joiner = if path.contains('?') { '&' } else { '?' };
    format!("{path}{joiner}page={page}")
}

#[tokio::test]
async fn a_page_number_that_is_not_a_page_is_not_found_and_never_a_server_error() {
    let app = TestApp::spawn().await;
    let world = World::build(&app).await;
    let mut clients: Vec<(&str, Client)> = Vec::new();
    for (who, path) in paged_lists(&world) {
        if !clients.iter().any(|(w, _)| *w == who) {
            clients.push((who, app.signed_in(who).await));
        }
        let client = &clients.iter().find(|(w, _)| *w == who).unwrap().1;
        let first = client.get(&path).await;
        assert_eq!(first.status, 200, "{path} as {who}");
        assert_eq!(client.get(&with_page(&path, "1")).await.status, 200, "{path} page 1");
        for page in ["18446744073709551615", "9223372036854775807", "100001", "0", "-1", "abc", "1e3", "2.5"]
        {
            let got = client.get(&with_page(&path, page)).await;
            assert_eq!(got.status, 404, "{path} page {page}: {}", got.body);
            assert!(got.body.contains("Page not found"), "{path} page {page} gets the service's page");
        }
        // Every list here is shorter than a page, so page 2 is past its end.
        assert_eq!(client.get(&with_page(&path, "2")).await.status, 404, "{path} page 2");
        assert_eq!(client.get(&with_page(&path, "99999")).await.status, 404, "{path} page 99999");
    }
}

#[tokio::test]
async fn the_last_page_of_a_long_list_shows_and_the_one_after_it_does_not_exist() {
    use osa_server::db::schema::Outbox;
    use sea_query::{Expr, ExprTrait, Query};
    let app = TestApp::spawn().await;
    World::build(&app).await;
    for n in 0..60 {
        app.db()
            .execute(
                &Query::insert()
                    .into_table(Outbox::Table)
                    .columns([
                        Outbox::Recipient,
                        Outbox::Subject,
                        Outbox::BodyText,
                        Outbox::Status,
                        Outbox::CreatedAt,
                    ])
                    .values_panic([
                        format!("person{n}@test.example").into(),
                        format!("Message {n}").into(),
                        "Hello".into(),
                        "sent".into(),
                        time::OffsetDateTime::now_utc().into(),
                    ])
                    .to_owned(),
            )
            .await
            .unwrap();
    }
    let (total,): (i64,) = app
        .db()
        .fetch_one(&Query::select().expr(Expr::col(Outbox::Id).count()).from(Outbox::Table).to_owned())
        .await
        .unwrap();
    let last = (total + 49) / 50;
    assert!(last >= 2);
    let admin = app.signed_in(PLATFORM_ADMIN).await;
    let page = admin.get(&format!("/admin/outbox?page={last}")).await;
    assert_eq!(page.status, 200);
    assert!(page.body.contains("person0@test.example"), "the oldest message is on the last page");
    assert_eq!(admin.get(&format!("/admin/outbox?page={}", last + 1)).await.status, 404);
}

#[tokio::test]
async fn signed_in_pages_and_downloads_are_never_stored_by_the_browser() {
    let app = TestApp::spawn().await;
    let world = World::build(&app).await;
    let lead = app.signed_in(O1_LEAD).await;
    let a1 = world.o1_assessment;
    for path in [
        "/home".to_owned(),
        format!("/assessments/{a1}"),
        format!("/assessments/{a1}/standards/1"),
        format!("/assessments/{a1}/history"),
        format!("/assessments/{a1}/actions.csv"),
        format!("/assessments/{a1}/actions.xlsx"),
        format!("/assessments/{a1}/workbook.xlsx"),
        "/no-such-page".to_owned(),
    ] {
        let page = lead.get(&path).await;
        assert!(page.status == 200 || page.status == 404, "{path}: {}", page.status);
        assert_eq!(page.headers["cache-control"], "no-store", "{path}");
    }
    let analyst = app.signed_in(P1_ANALYST).await;
    for path in [format!("/cycles/{}/dashboard.csv", world.p1_cycle), format!("/cycles/{}", world.p1_cycle)] {
        let page = analyst.get(&path).await;
        assert_eq!(page.status, 200, "{path}");
        assert!(page.headers["cache-control"].to_str().unwrap().contains("no-store"), "{path}");
    }
    // Public pages are not stored either (they carry a form's token, or a name once
    // signed in); only the static assets, the same for everyone, may be cached.
    for path in ["/", "/sign-in", "/cookies"] {
        assert_eq!(app.client().get(path).await.headers["cache-control"], "no-store", "{path}");
    }
    let css = app.client().get("/assets/govuk-frontend.min.css").await;
    assert_eq!(css.headers["cache-control"], "public, max-age=3600");
}

async fn session_rows(app: &TestApp) -> i64 {
    use osa_server::db::schema::Sessions;
    use sea_query::{Expr, ExprTrait, Query};
    let (n,): (i64,) = app
        .db()
        .fetch_one(&Query::select().expr(Expr::col(Sessions::Id).count()).from(Sessions::Table).to_owned())
        .await
        .unwrap();
    n
}

#[tokio::test]
async fn reading_public_pages_writes_no_session_until_a_form_needs_one() {
    let app = TestApp::spawn().await;
    World::build(&app).await;
    let before = session_rows(&app).await;
    let visitor = app.client();
    for path in ["/", "/accessibility", "/privacy", "/cookies", "/healthz", "/no-such-page", "/home"] {
        let page = visitor.get(path).await;
        assert!(page.status.as_u16() < 500, "{path}");
        assert!(page.headers.get("set-cookie").is_none(), "{path} sets no cookie");
    }
    assert_eq!(session_rows(&app).await, before, "anonymous page views write no session row");
    // Each of these passers-by reads a page and leaves: still nothing is written.
    for _ in 0..5 {
        app.client().get("/").await;
    }
    assert_eq!(session_rows(&app).await, before);

    // The sign-in form needs a token, so it starts a session, and signing in works.
    let form = visitor.get("/sign-in").await;
    assert!(form.headers.get("set-cookie").is_some());
    assert!(!form.csrf().is_empty());
    assert_eq!(session_rows(&app).await, before + 1);
    let signed_in = visitor
        .post_raw(
            "/sign-in",
            &[("email", O1_LEAD), ("password", common::PASSWORD), ("csrf_token", &form.csrf())],
        )
        .await;
    assert!(signed_in.redirects_to("/home"), "{}", signed_in.body);
    assert_eq!(visitor.get("/home").await.status, 200);
    // A form sent without ever reading a page with one is refused (no token exists).
    let stranger = app.client().post_raw("/password-reset", &[("email", O1_LEAD)]).await;
    assert_eq!(stranger.status, 403);
}

/// Every `action` and `formaction` of a page's forms and buttons.
fn form_targets(body: &str) -> Vec<String> {
    let document = scraper::Html::parse_document(body);
    let selector = scraper::Selector::parse("form[action], [formaction]").unwrap();
    document
        .select(&selector)
        .flat_map(|e| [e.value().attr("action"), e.value().attr("formaction")])
        .flatten()
        .map(str::to_owned)
        .collect()
}

#[tokio::test]
async fn csrf_tokens_never_travel_in_an_address() {
    let app = TestApp::spawn().await;
    let world = World::build(&app).await;
    let lead = app.signed_in(O1_LEAD).await;
    let admin = app.signed_in(P1_ADMIN).await;
    let platform = app.signed_in(PLATFORM_ADMIN).await;
    let a1 = world.o1_assessment;
    let pages = [
        (&lead, format!("/assessments/{a1}/standards/1")),
        (&lead, format!("/assessments/{a1}/workbook")),
        (&lead, format!("/assessments/{a1}/delegation")),
        (&admin, format!("/partnerships/{}/resources/new", world.p1)),
        (&admin, "/frameworks/import".to_owned()),
        (&platform, "/frameworks/import".to_owned()),
    ];
    let mut seen = 0;
    for (client, path) in &pages {
        let page = client.get(path).await;
        assert_eq!(page.status, 200, "{path}");
        let token = page.csrf();
        for target in form_targets(&page.body) {
            seen += 1;
            assert!(!target.contains("csrf") && !target.contains(&token), "{path}: {target}");
        }
    }
    assert!(seen >= pages.len(), "every page has a form");

    // An upload whose token is only in the address is refused, before anything is read.
    let token = lead.token().await;
    let part = reqwest::multipart::Part::bytes(b"not a workbook".to_vec()).file_name("a.xlsx");
    let form = reqwest::multipart::Form::new().part("file", part);
    let url = format!("{}/assessments/{a1}/workbook?csrf_token={token}", lead.base);
    let refused = lead.http.post(url).multipart(form).send().await.unwrap();
    assert_eq!(refused.status(), 403);
    // With the token as the form's first field, the same upload is read (and found wrong).
    let part = reqwest::multipart::Part::bytes(b"not a workbook".to_vec()).file_name("a.xlsx");
    let form = reqwest::multipart::Form::new().text("csrf_token", token.clone()).part("file", part);
    let read = lead
        .http
        .post(format!("{}/assessments/{a1}/workbook", lead.base))
        .multipart(form)
        .send()
        .await
        .unwrap();
    assert_eq!(read.status(), 422);
    assert!(read.text().await.unwrap().contains("not an Excel workbook"));
    // A token after the file does not count: the guard reads only the first field.
    let part = reqwest::multipart::Part::bytes(b"not a workbook".to_vec()).file_name("a.xlsx");
    let form = reqwest::multipart::Form::new().part("file", part).text("csrf_token", token);
    let late = lead
        .http
        .post(format!("{}/assessments/{a1}/workbook", lead.base))
        .multipart(form)
        .send()
        .await
        .unwrap();
    assert_eq!(late.status(), 403);
}
