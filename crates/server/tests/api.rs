//! The read-only JSON API: tokens made and revoked by a partnership's admins (shown
//! once, kept as a hash, expiring), every endpoint refusing another partnership's
//! token as the pages refuse its analysts, paging, the call limit, the record of
//! calls, the dashboard's figures, and the OpenAPI description matching the router.
#![allow(clippy::unwrap_used, clippy::expect_used, reason = "a failing step in a test should stop loudly")]

mod common;

use std::collections::BTreeSet;

use common::api::{get, get_with, token_for, token_in_store};
use common::world::*;
use common::{TestApp, csv_table};
use osa_server::api::schema::{ApiCalls, ApiTokens};
use osa_server::db::schema::AuditLog;
use sea_query::{Expr, ExprTrait, Order, Query};
use serde_json::Value;

const DEMO_PASSWORD: &str = "demo password for tests";

fn today() -> time::Date {
    time::OffsetDateTime::now_utc().date()
}

/// The form's fields for a token expiring `days` from today.
fn token_form(name: &str, days: i64) -> Vec<(&str, String)> {
    let on = today() + time::Duration::days(days);
    vec![
        ("name", name.to_owned()),
        ("expires_day", on.day().to_string()),
        ("expires_month", u8::from(on.month()).to_string()),
        ("expires_year", on.year().to_string()),
    ]
}

async fn post_form(client: &common::Client, path: &str, form: &[(&str, String)]) -> common::Page {
    let fields: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
    client.post(path, &fields).await
}

async fn audit_actions(app: &TestApp, entity: &str) -> Vec<(String, String)> {
    app.db()
        .fetch_all(
            &Query::select()
                .columns([AuditLog::Action, AuditLog::EntityId])
                .from(AuditLog::Table)
                .and_where(Expr::col(AuditLog::Entity).eq(entity))
                .order_by(AuditLog::Id, Order::Asc)
                .to_owned(),
        )
        .await
        .unwrap()
}

async fn calls(app: &TestApp) -> Vec<(i64, String, i32)> {
    app.db()
        .fetch_all(
            &Query::select()
                .columns([ApiCalls::TokenId, ApiCalls::Path, ApiCalls::Status])
                .from(ApiCalls::Table)
                .order_by(ApiCalls::Id, Order::Asc)
                .to_owned(),
        )
        .await
        .unwrap()
}

#[tokio::test]
async fn a_token_is_shown_once_kept_as_a_hash_and_refused_once_revoked() {
    let app = TestApp::spawn().await;
    let world = World::build(&app).await;
    let admin = app.signed_in(P1_ADMIN).await;
    let tokens = format!("/partnerships/{}/api-tokens", world.p1);
    let created = post_form(&admin, &tokens, &token_form("Power BI", 90)).await;
    assert_eq!(created.status, 200, "{}", created.body);
    let secret = created.field("token").expect("the new token is on the page");
    assert!(secret.starts_with("osa_") && secret.len() > 40, "{secret}");

    // Stored as its SHA-256, never as itself.
    let (hash,): (String,) = app
        .db()
        .fetch_one(&Query::select().column(ApiTokens::TokenHash).from(ApiTokens::Table).to_owned())
        .await
        .unwrap();
    assert_eq!(hash, osa_server::api::calls::digest(&secret));
    assert_ne!(hash, secret);
    let list = admin.get(&tokens).await;
    assert_eq!(list.status, 200);
    assert!(list.body.contains("Power BI"));
    assert!(!list.body.contains(&secret), "the list shows the token again");
    assert!(list.body.contains("Never"), "not used yet");

    let answer = get(&app, &secret, "/api/v1/cycles").await;
    assert_eq!(answer.status, 200, "{}", answer.body);
    let cycles = answer.json();
    assert_eq!(cycles["items"][0]["id"], world.p1_cycle);
    assert!(!admin.get(&tokens).await.body.contains("Never"), "last used is shown");

    let (id,): (i64,) = app
        .db()
        .fetch_one(&Query::select().column(ApiTokens::Id).from(ApiTokens::Table).to_owned())
        .await
        .unwrap();
    let revoked = admin.post(&format!("{tokens}/{id}/revoke"), &[]).await;
    assert!(revoked.redirects_to(&tokens), "{}", revoked.status);
    let refused = get(&app, &secret, "/api/v1/cycles").await;
    assert_eq!(refused.status, 401);
    assert!(refused.is_json());
    assert_eq!(refused.json()["error"], "unauthorized");
    assert!(admin.get(&tokens).await.body.contains("Revoked"));

    let audited = audit_actions(&app, "api_token").await;
    assert_eq!(audited, vec![("create".to_owned(), id.to_string()), ("revoke".to_owned(), id.to_string())]);
}

#[tokio::test]
async fn an_expired_token_and_an_unknown_one_are_refused_with_json() {
    let app = TestApp::spawn().await;
    let world = World::build(&app).await;
    let admin = osa_server::accounts::store::user_by_email(app.db(), P1_ADMIN).await.unwrap().unwrap().id;
    let yesterday = today() - time::Duration::days(1);
    let expired = token_in_store(&app, world.p1, admin, yesterday).await;
    let working = token_in_store(&app, world.p1, admin, today()).await;
    assert_eq!(get(&app, &working, "/api/v1/cycles").await.status, 200, "works through its last day");
    for (token, why) in [(expired.as_str(), "expired"), ("osa_not-a-token-at-all", "unknown")] {
        let answer = get(&app, token, "/api/v1/cycles").await;
        assert_eq!(answer.status, 401, "{why}");
        assert!(answer.is_json(), "{why}");
        assert_eq!(answer.json()["status"], 401);
        assert_eq!(answer.headers.get("www-authenticate").unwrap(), "Bearer");
    }
}

#[tokio::test]
async fn the_token_form_refuses_a_missing_name_and_a_date_out_of_range_keeping_what_was_typed() {
    let app = TestApp::spawn().await;
    let world = World::build(&app).await;
    let admin = app.signed_in(P1_ADMIN).await;
    let tokens = format!("/partnerships/{}/api-tokens", world.p1);
    for (form, message) in [
        (token_form("", 30), "Enter a name for the token"),
        (token_form("Tableau", 0), "The expiry date must be in the future"),
        (token_form("Tableau", 400), "no more than a year from today"),
        (vec![("name", "Tableau".to_owned())], "Enter the expiry date"),
    ] {
        let page = post_form(&admin, &tokens, &form).await;
        assert_eq!(page.status, 422, "{message}");
        assert!(page.error_summary().iter().any(|e| e.contains(message)), "{:?}", page.error_summary());
        assert_eq!(page.field("name").unwrap(), form[0].1, "the name typed is kept");
    }
    let (made,): (i64,) = app
        .db()
        .fetch_one(&Query::select().expr(Expr::col(ApiTokens::Id).count()).from(ApiTokens::Table).to_owned())
        .await
        .unwrap();
    assert_eq!(made, 0);
}

#[tokio::test]
async fn only_the_partnerships_admins_reach_its_token_pages() {
    let app = TestApp::spawn().await;
    let world = World::build(&app).await;
    let tokens = format!("/partnerships/{}/api-tokens", world.p1);
    assert_eq!(app.signed_in(P1_ADMIN).await.get(&tokens).await.status, 200);
    for who in [P1_ANALYST, P1_PANEL, P2_ADMIN, O1_LEAD, O2_LEAD] {
        let client = app.signed_in(who).await;
        let status = client.get(&tokens).await.status.as_u16();
        assert!(status == 403 || status == 404, "{who} read the tokens page: {status}");
        let made = post_form(&client, &tokens, &token_form("Sneaky", 30)).await.status.as_u16();
        assert!(made == 403 || made == 404, "{who} made a token: {made}");
    }
    assert!(app.client().get(&tokens).await.redirects_to("/sign-in"));
}

#[tokio::test]
async fn another_partnerships_token_is_told_nothing_exists_on_every_endpoint() {
    let app = TestApp::spawn().await;
    osa_server::demo::load(app.db(), DEMO_PASSWORD).await.unwrap();
    let kestrel = common::demo_kestrel(&app).await;
    let hollinbrook = osa_server::partnerships::store::all(app.db())
        .await
        .unwrap()
        .into_iter()
        .find(|p| p.name.contains("Hollinbrook"))
        .expect("the demo's Hollinbrook partnership")
        .id;
    let own = token_for(&app, kestrel).await;
    let other = token_for(&app, hollinbrook).await;
    let cycle = get(&app, &own, "/api/v1/cycles").await.json()["items"][0]["id"].as_i64().unwrap();
    let returns = get(&app, &own, &format!("/api/v1/cycles/{cycle}/returns")).await.json();
    let first = &returns["items"][0];
    let (return_id, organisation) =
        (first["return_id"].as_i64().unwrap(), first["organisation_id"].as_i64().unwrap());
    let paths = [
        format!("/api/v1/cycles/{cycle}"),
        format!("/api/v1/cycles/{cycle}/invitations"),
        format!("/api/v1/cycles/{cycle}/returns"),
        format!("/api/v1/cycles/{cycle}/figures"),
        format!("/api/v1/cycles/{cycle}/partnership-actions"),
        format!("/api/v1/returns/{return_id}"),
        format!("/api/v1/organisations/{organisation}/actions"),
    ];
    for path in &paths {
        let mine = get(&app, &own, path).await;
        assert_eq!(mine.status, 200, "{path}: {}", mine.body);
        let theirs = get(&app, &other, path).await;
        assert_eq!(theirs.status, 404, "{path}: {}", theirs.body);
        assert_eq!(theirs.json()["error"], "not_found", "{path}");
    }
    // Exactly as the pages answer Hollinbrook's analyst.
    let analyst = app.client();
    analyst.sign_in("analyst.hollinbrook@demo.example", DEMO_PASSWORD).await;
    assert_eq!(analyst.get(&format!("/cycles/{cycle}")).await.status, 404);
    assert_eq!(analyst.get(&format!("/returns/{return_id}")).await.status, 404);
    let theirs = get(&app, &other, "/api/v1/cycles").await.json();
    assert!(theirs["items"].as_array().unwrap().iter().all(|c| c["id"] != cycle));
}

#[tokio::test]
async fn a_cycles_figures_are_the_dashboards() {
    let app = TestApp::spawn().await;
    osa_server::demo::load(app.db(), DEMO_PASSWORD).await.unwrap();
    let kestrel = common::demo_kestrel(&app).await;
    let token = token_for(&app, kestrel).await;
    let analyst = app.client();
    analyst.sign_in("analyst.kestrel@demo.example", DEMO_PASSWORD).await;
    let cycles = get(&app, &token, "/api/v1/cycles").await.json();
    let mut compared = 0;
    for cycle in cycles["items"].as_array().unwrap() {
        let id = cycle["id"].as_i64().unwrap();
        let figures = get(&app, &token, &format!("/api/v1/cycles/{id}/figures")).await.json();
        let rate = &figures["response_rate"];
        let response = analyst.get(&format!("/cycles/{id}/dashboard.csv?table=response")).await;
        let row = csv_rows(&response.body).remove(0);
        let expected: Vec<f64> = row.iter().map(|c| c.parse().unwrap()).collect();
        let got: Vec<f64> = [
            "invited",
            "submitted",
            "in_progress",
            "not_started",
            "confirmed_non_submission",
            "rate_percent",
        ]
        .iter()
        .map(|k| rate[*k].as_f64().unwrap())
        .collect();
        assert_eq!(got, expected, "cycle {id} response rate");
        let main = &figures["sections"][0];
        assert_eq!(main["main"], true);
        let standards = analyst.get(&format!("/cycles/{id}/dashboard.csv?table=standards")).await;
        let rows = csv_rows(&standards.body);
        let api_rows: Vec<Vec<String>> = main["standards"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| {
                let n = |v: &Value| v.as_u64().unwrap().to_string();
                vec![
                    format!("{} {}", s["code"].as_str().unwrap(), s["title"].as_str().unwrap()),
                    n(&s["counted"]),
                    n(&s["fully_met"]["count"]),
                    n(&s["fully_met"]["percent"]),
                    n(&s["partially_met"]["count"]),
                    n(&s["partially_met"]["percent"]),
                    n(&s["not_met"]["count"]),
                    n(&s["not_met"]["percent"]),
                    n(&s["not_applicable"]),
                    n(&s["not_asked"]),
                ]
            })
            .collect();
        assert_eq!(api_rows, rows, "cycle {id} standards");
        if rate["submitted"].as_u64().unwrap() > 0 {
            compared += 1;
        }
    }
    assert!(compared > 0, "no demo cycle had a submitted return to compare");
}

/// A CSV download's rows under its header row.
fn csv_rows(body: &str) -> Vec<Vec<String>> {
    let mut reader = csv::Reader::from_reader(csv_table(body).as_bytes());
    reader.records().map(|r| r.unwrap().iter().map(str::to_owned).collect()).collect()
}

#[tokio::test]
async fn lists_page_with_a_total_and_links_and_refuse_paging_that_is_not_a_page() {
    let app = TestApp::spawn().await;
    osa_server::demo::load(app.db(), DEMO_PASSWORD).await.unwrap();
    let token = token_for(&app, common::demo_kestrel(&app).await).await;
    let cycle = get(&app, &token, "/api/v1/cycles").await.json()["items"][0]["id"].as_i64().unwrap();
    let path = format!("/api/v1/cycles/{cycle}/invitations");
    let whole = get(&app, &token, &format!("{path}?per_page=200")).await.json();
    let total = whole["paging"]["total"].as_u64().unwrap();
    assert!(total > 3, "the demo cycle invites several organisations");
    assert_eq!(whole["items"].as_array().unwrap().len() as u64, total);

    let first = get(&app, &token, &format!("{path}?per_page=2")).await.json();
    assert_eq!(first["items"].as_array().unwrap().len(), 2);
    assert_eq!(first["paging"]["total"], total);
    assert_eq!(first["paging"]["pages"], total.div_ceil(2));
    assert_eq!(first["paging"]["links"]["previous"], Value::Null);
    let next = first["paging"]["links"]["next"].as_str().unwrap().to_owned();
    assert_eq!(next, format!("{path}?page=2&per_page=2"));
    let second = get(&app, &token, &next).await.json();
    assert_eq!(second["items"][0]["id"], whole["items"][2]["id"]);
    assert_eq!(second["paging"]["links"]["previous"], format!("{path}?page=1&per_page=2"));

    let last = get(&app, &token, &format!("{path}?per_page=2&page={}", total.div_ceil(2))).await.json();
    assert_eq!(last["paging"]["links"]["next"], Value::Null);
    for bad in ["per_page=201", "per_page=0", "page=0", "page=abc"] {
        let answer = get(&app, &token, &format!("{path}?{bad}")).await;
        assert_eq!(answer.status, 400, "{bad}");
        assert_eq!(answer.json()["error"], "bad_request", "{bad}");
    }
}

#[tokio::test]
async fn a_token_over_its_limit_waits_and_every_call_is_recorded() {
    let app = TestApp::spawn_with(|c| c.api_calls_per_minute = 3).await;
    let world = World::build(&app).await;
    let token = token_for(&app, world.p1).await;
    let other = token_for(&app, world.p2).await;
    let paths = ["/api/v1/cycles", &format!("/api/v1/cycles/{}", world.p1_cycle), "/api/v1/cycles/999999"];
    let statuses: Vec<u16> = {
        let mut s = Vec::new();
        for path in paths {
            s.push(get(&app, &token, path).await.status.as_u16());
        }
        s
    };
    assert_eq!(statuses, vec![200, 200, 404]);
    let refused = get(&app, &token, "/api/v1/cycles").await;
    assert_eq!(refused.status, 429);
    assert_eq!(refused.json()["error"], "too_many_requests");
    let wait: i64 = refused.headers.get("retry-after").unwrap().to_str().unwrap().parse().unwrap();
    assert!((1..=60).contains(&wait), "Retry-After {wait}");
    // Another token keeps its own count.
    assert_eq!(get(&app, &other, "/api/v1/cycles").await.status, 200);

    let recorded = calls(&app).await;
    let statuses: Vec<i32> = recorded.iter().map(|(_, _, s)| *s).collect();
    assert_eq!(statuses, vec![200, 200, 404, 429, 200]);
    assert_eq!(recorded[2].1, "/api/v1/cycles/999999");
    let tokens: BTreeSet<i64> = recorded.iter().map(|(t, _, _)| *t).collect();
    assert_eq!(tokens.len(), 2);
}

#[tokio::test]
async fn calls_without_a_token_are_refused_with_json_even_when_signed_in() {
    let app = TestApp::spawn().await;
    let world = World::build(&app).await;
    let analyst = app.signed_in(P1_ANALYST).await;
    for client in [&app.client(), &analyst] {
        let answer = get_with(client, None, &format!("/api/v1/cycles/{}", world.p1_cycle)).await;
        assert_eq!(answer.status, 401);
        assert!(answer.is_json());
    }
    assert!(calls(&app).await.is_empty(), "no token, so nothing to record against");
}

#[tokio::test]
async fn addresses_no_route_serves_answer_json() {
    let app = TestApp::spawn().await;
    let world = World::build(&app).await;
    let token = token_for(&app, world.p1).await;
    for path in ["/api/v1/nothing-here", "/api/v1/cycles/not-a-number"] {
        let answer = get(&app, &token, path).await;
        assert_eq!(answer.status, 404, "{path}");
        assert!(answer.is_json(), "{path}: {}", answer.body);
    }
}

#[tokio::test]
async fn the_openapi_description_lists_every_api_route_and_the_docs_page_shows_it() {
    let app = TestApp::spawn().await;
    let doc = app.client().get("/api/openapi.json").await;
    assert_eq!(doc.status, 200);
    let doc: Value = serde_json::from_str(&doc.body).unwrap();
    assert!(doc["openapi"].as_str().unwrap().starts_with('3'));
    let described: BTreeSet<(String, String)> = doc["paths"]
        .as_object()
        .unwrap()
        .iter()
        .flat_map(|(path, item)| {
            item.as_object().unwrap().keys().map(move |m| (m.to_uppercase(), path.clone()))
        })
        .collect();
    let served: BTreeSet<(String, String)> = osa_server::web::routes()
        .list()
        .iter()
        .filter(|(_, p)| p.starts_with("/api/v1/"))
        .map(|(m, p)| (m.as_str().to_owned(), (*p).to_owned()))
        .collect();
    assert_eq!(described, served);
    assert!(doc["components"]["securitySchemes"]["bearer"].is_object());

    let page = app.client().get("/api/docs").await;
    assert_eq!(page.status, 200);
    for (method, path) in &served {
        assert!(page.body.contains(&format!("{method} {path}")), "the docs page leaves out {method} {path}");
    }
    assert!(page.body.contains("CycleFigures"));
}

#[tokio::test]
async fn a_return_reads_its_answers_and_standings() {
    let app = TestApp::spawn().await;
    osa_server::demo::load(app.db(), DEMO_PASSWORD).await.unwrap();
    let token = token_for(&app, common::demo_kestrel(&app).await).await;
    let cycle = get(&app, &token, "/api/v1/cycles").await.json()["items"][0]["id"].as_i64().unwrap();
    let returns = get(&app, &token, &format!("/api/v1/cycles/{cycle}/returns")).await.json();
    let first = &returns["items"][0];
    assert!(!first["standings"].as_array().unwrap().is_empty(), "{first}");
    let id = first["return_id"].as_i64().unwrap();
    let detail = get(&app, &token, &format!("/api/v1/returns/{id}")).await.json();
    assert_eq!(detail["organisation_id"], first["organisation_id"]);
    assert_eq!(detail["state"], "submitted");
    let answers = detail["answers"].as_array().unwrap();
    assert!(!answers.is_empty());
    assert!(answers.iter().any(|a| !a["narrative"].as_str().unwrap().is_empty()));
    let invitations =
        get(&app, &token, &format!("/api/v1/cycles/{cycle}/invitations?per_page=200")).await.json();
    let linked = invitations["items"].as_array().unwrap().iter().filter(|i| i["return_id"].is_i64()).count();
    assert_eq!(linked as u64, returns["paging"]["total"].as_u64().unwrap(), "the same returns, both ways");
}
