//! `/metrics` and request ids: closed unless opened, the token asked for in full,
//! route templates (never raw paths) as labels, figures read from the database, the
//! separate metrics address, and an id on every response.
#![allow(clippy::unwrap_used, clippy::expect_used, reason = "a failing step in a test should stop loudly")]

mod common;

use common::world::*;
use common::{TestApp, token_file};

const TOKEN: &str = "a-long-random-scraper-token";

async fn scrape(app: &TestApp, authorization: Option<&str>) -> (u16, String) {
    let mut request = reqwest::Client::new().get(format!("{}/metrics", app.address));
    if let Some(value) = authorization {
        request = request.header("authorization", value);
    }
    let response = request.send().await.unwrap();
    (response.status().as_u16(), response.text().await.unwrap())
}

/// The value of the one series whose line starts with `series` (name and labels).
fn value(body: &str, series: &str) -> f64 {
    let lines: Vec<&str> = body.lines().filter(|l| l.starts_with(&format!("{series} "))).collect();
    assert_eq!(lines.len(), 1, "expected one line for {series} in:\n{body}");
    lines[0].rsplit(' ').next().unwrap().parse().unwrap()
}

#[tokio::test]
async fn without_a_token_or_an_address_metrics_are_not_served() {
    let app = TestApp::spawn().await;
    World::build(&app).await;
    assert_eq!(scrape(&app, None).await.0, 404);
    assert_eq!(scrape(&app, Some(&format!("Bearer {TOKEN}"))).await.0, 404);
    let admin = app.signed_in(PLATFORM_ADMIN).await;
    assert_eq!(admin.get("/metrics").await.status, 404, "a platform admin's session opens nothing");
}

#[tokio::test]
async fn with_a_token_only_a_request_carrying_it_reads_the_metrics() {
    let file = token_file(TOKEN);
    let app = TestApp::spawn_with(|c| c.metrics_token_file = file).await;
    World::build(&app).await;
    assert_eq!(scrape(&app, None).await.0, 401);
    assert_eq!(scrape(&app, Some("Bearer a-long-random-scraper-toke")).await.0, 401);
    assert_eq!(scrape(&app, Some(&format!("Bearer {TOKEN}x"))).await.0, 401);
    assert_eq!(scrape(&app, Some(&format!("Basic {TOKEN}"))).await.0, 401);
    for who in [PLATFORM_ADMIN, P1_ADMIN, O1_LEAD] {
        let client = app.signed_in(who).await;
        assert_eq!(client.get("/metrics").await.status, 401, "{who}'s session is no token");
    }
    let (status, body) = scrape(&app, Some(&format!("Bearer {TOKEN}"))).await;
    assert_eq!(status, 200);
    assert!(body.contains("# TYPE osa_http_requests counter"), "{body}");
}

#[tokio::test]
async fn requests_are_counted_by_route_template_never_by_the_path_asked_for() {
    let file = token_file(TOKEN);
    let app = TestApp::spawn_with(|c| c.metrics_token_file = file).await;
    let world = World::build(&app).await;
    let lead = app.signed_in(P1_ADMIN).await;
    for _ in 0..3 {
        assert_eq!(lead.get(&format!("/cycles/{}", world.p1_cycle)).await.status, 200);
    }
    assert_eq!(lead.get("/cycles/999999").await.status, 404);
    assert_eq!(app.client().get("/no-such-page").await.status, 404);
    let (_, body) = scrape(&app, Some(&format!("Bearer {TOKEN}"))).await;
    assert_eq!(
        value(&body, r#"osa_http_requests_total{method="GET",route="/cycles/{id}",status="200"}"#),
        3.0
    );
    assert_eq!(
        value(&body, r#"osa_http_requests_total{method="GET",route="/cycles/{id}",status="404"}"#),
        1.0
    );
    assert_eq!(value(&body, r#"osa_http_requests_total{method="GET",route="unmatched",status="404"}"#), 1.0);
    assert_eq!(
        value(&body, r#"osa_http_request_duration_seconds_count{method="GET",route="/cycles/{id}"}"#),
        4.0,
        "each of the four requests is timed"
    );
    assert!(!body.contains(&format!("/cycles/{}", world.p1_cycle)), "a record's id became a label");
    assert!(!body.contains("/no-such-page"), "a typed path became a label");
}

#[tokio::test]
async fn the_pool_jobs_and_outbox_are_read_at_each_scrape() {
    let file = token_file(TOKEN);
    let app = TestApp::spawn_with(|c| c.metrics_token_file = file).await;
    World::build(&app).await;
    let (_, before) = scrape(&app, Some(&format!("Bearer {TOKEN}"))).await;
    let held = value(&before, r#"osa_mail_messages{status="held"}"#);
    // With no SMTP server configured, each message is held in the outbox.
    app.client().post("/password-reset", &[("email", O1_LEAD)]).await;
    app.client().post("/password-reset", &[("email", O2_LEAD)]).await;
    let (_, after) = scrape(&app, Some(&format!("Bearer {TOKEN}"))).await;
    assert_eq!(value(&after, r#"osa_mail_messages{status="held"}"#), held + 2.0);
    assert_eq!(value(&after, r#"osa_mail_messages{status="sent"}"#), 0.0);
    assert_eq!(value(&after, r#"osa_mail_messages{status="failed"}"#), 0.0);
    assert!(value(&after, "osa_db_pool_connections") >= 1.0, "the scrape itself holds a connection");
    assert!(value(&after, "osa_db_pool_idle_connections") <= value(&after, "osa_db_pool_connections"));
    assert_eq!(value(&after, "osa_jobs_running"), 0.0);
    assert_eq!(value(&after, "osa_job_failures_total"), 0.0);
    assert!(after.contains("osa_jobs_due "), "{after}");
}

#[tokio::test]
async fn the_metrics_address_serves_metrics_and_nothing_else() {
    let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let address = format!("127.0.0.1:{port}");
    let bind = address.clone();
    let app = TestApp::spawn_with(|c| c.metrics_bind = bind).await;
    World::build(&app).await;
    assert_eq!(app.client().get("/healthz").await.status, 200);
    let http = reqwest::Client::new();
    let mut response = None;
    // The listener starts beside the main one; give it a moment to be there.
    for _ in 0..50 {
        if let Ok(r) = http.get(format!("http://{address}/metrics")).send().await {
            response = Some(r);
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
    let response = response.expect("the metrics address never answered");
    assert_eq!(response.status().as_u16(), 200);
    let body = response.text().await.unwrap();
    assert_eq!(value(&body, r#"osa_http_requests_total{method="GET",route="/healthz",status="200"}"#), 1.0);
    let other = http.get(format!("http://{address}/home")).send().await.unwrap();
    assert_eq!(other.status().as_u16(), 404, "only /metrics is served there");
    assert_eq!(scrape(&app, None).await.0, 404, "with no token the main address does not serve it");
}

#[tokio::test]
async fn every_response_carries_a_request_id_and_a_usable_one_from_a_proxy_is_kept() {
    let app = TestApp::spawn().await;
    let http = reqwest::Client::new();
    let url = format!("{}/healthz", app.address);
    let made = http.get(&url).send().await.unwrap();
    let id = made.headers().get("x-request-id").expect("no request id").to_str().unwrap().to_owned();
    assert_eq!(id.len(), 36, "a UUID: {id}");
    let again = http.get(&url).send().await.unwrap();
    assert_ne!(again.headers()["x-request-id"].to_str().unwrap(), id, "each request gets its own");

    let kept = http.get(&url).header("x-request-id", "proxy-1234.abc").send().await.unwrap();
    assert_eq!(kept.headers()["x-request-id"], "proxy-1234.abc");

    let forged = http.get(&url).header("x-request-id", "x\" level=error").send().await.unwrap();
    let replaced = forged.headers()["x-request-id"].to_str().unwrap();
    assert_ne!(replaced, "x\" level=error");
    assert_eq!(replaced.len(), 36, "a fresh UUID instead: {replaced}");

    let missing = http.get(format!("{}/no-such-page", app.address)).send().await.unwrap();
    assert_eq!(missing.status().as_u16(), 404);
    assert!(missing.headers().contains_key("x-request-id"), "error pages carry one too");
}
