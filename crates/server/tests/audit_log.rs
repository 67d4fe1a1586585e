//! The audit log, readable: each role reads only the entries about the tenants it
//! runs, the filters narrow the list, the CSV holds exactly what the page would, cell
//! by cell, and the database refuses to change or remove an entry.
#![allow(clippy::unwrap_used, clippy::expect_used, reason = "a failing step in a test should stop loudly")]

mod common;

use common::world::*;
use common::{Client, TestApp, csv_table};
use osa_server::audit::{self, Change};
use osa_server::db::schema::AuditLog;
use sea_query::{Expr, ExprTrait, Func, Query};
use serde_json::json;

async fn user_id(app: &TestApp, email: &str) -> i64 {
    osa_server::accounts::store::user_by_email(app.db(), email).await.unwrap().unwrap().id
}

/// Writes one entry as `actor` about `entity` `id`, through the same `record` every
/// feature calls.
async fn entry(
    app: &TestApp,
    actor: &str,
    entity: &str,
    id: i64,
    before: Option<serde_json::Value>,
    after: serde_json::Value,
) {
    let actor = user_id(app, actor).await;
    let mut tx = app.db().begin().await.unwrap();
    audit::record(
        &mut tx,
        Change {
            actor: Some(actor),
            action: "update",
            entity,
            entity_id: id.to_string(),
            before,
            after: Some(after),
        },
    )
    .await
    .unwrap();
    tx.commit().await.unwrap();
}

async fn count(app: &TestApp, condition: Option<sea_query::SimpleExpr>) -> usize {
    let mut q = Query::select();
    q.expr(Func::count(Expr::col(AuditLog::Id))).from(AuditLog::Table);
    if let Some(c) = condition {
        q.and_where(c);
    }
    let (n,): (i64,) = app.db().fetch_one(&q).await.unwrap();
    usize::try_from(n).unwrap()
}

/// The CSV download's table rows (the heading row first), parsed.
async fn csv_rows(client: &Client, query: &str) -> Vec<Vec<String>> {
    let page = client.get(&format!("/audit-log.csv{query}")).await;
    assert_eq!(page.status, 200, "{}", page.body);
    assert!(page.headers["content-type"].to_str().unwrap().starts_with("text/csv"));
    let mut reader =
        csv::ReaderBuilder::new().has_headers(false).from_reader(csv_table(&page.body).as_bytes());
    reader.records().map(|r| r.unwrap().iter().map(str::to_owned).collect()).collect()
}

/// (kind of record, record number) of each CSV row after the heading row.
fn records(rows: &[Vec<String>]) -> Vec<(String, String)> {
    rows[1..].iter().map(|r| (r[5].clone(), r[6].clone())).collect()
}

#[tokio::test]
async fn entries_know_the_partnership_and_organisation_they_are_about() {
    let app = TestApp::spawn().await;
    let w = World::build(&app).await;
    entry(&app, O1_LEAD, "invitation", w.o1_invitation, None, json!({ "paused": true })).await;
    entry(&app, O1_LEAD, "action", w.o1_action, None, json!({ "status": "done" })).await;
    entry(&app, P1_ADMIN, "resource", w.p1_resource, None, json!({ "title": "Guide" })).await;
    entry(&app, P1_ADMIN, "cycle", w.p1_cycle, None, json!({ "name": "2027" })).await;
    entry(&app, O1_LEAD, "assessment", w.o1_assessment, None, json!({ "round": 2 })).await;
    entry(&app, PLATFORM_ADMIN, "user", user_id(&app, O1_LEAD).await, None, json!({ "name": "A" })).await;
    let rows: Vec<(String, Option<i64>, Option<i64>)> = app
        .db()
        .fetch_all(
            &Query::select()
                .columns([AuditLog::Entity, AuditLog::PartnershipId, AuditLog::OrganisationId])
                .from(AuditLog::Table)
                .order_by(AuditLog::Id, sea_query::Order::Desc)
                .limit(6)
                .to_owned(),
        )
        .await
        .unwrap();
    assert_eq!(
        rows,
        [
            ("user".to_owned(), None, None),
            ("assessment".to_owned(), None, Some(w.o1)),
            ("cycle".to_owned(), Some(w.p1), None),
            ("resource".to_owned(), Some(w.p1), None),
            ("action".to_owned(), None, Some(w.o1)),
            ("invitation".to_owned(), Some(w.p1), Some(w.o1)),
        ]
    );
}

#[tokio::test]
async fn a_platform_admin_reads_every_entry() {
    let app = TestApp::spawn().await;
    World::build(&app).await;
    let admin = app.signed_in(PLATFORM_ADMIN).await;
    let rows = csv_rows(&admin, "").await;
    assert_eq!(rows[0], osa_server::audit::download::COLUMNS);
    assert_eq!(rows.len() - 1, count(&app, None).await, "one row per entry of the whole log");
    assert!(records(&rows).contains(&("User".to_owned(), user_id(&app, O1_LEAD).await.to_string())));
    let page = admin.get("/audit-log").await;
    assert_eq!(page.status, 200);
    assert!(page.body.contains("you see every entry"), "{}", page.body);
}

#[tokio::test]
async fn a_partnership_admin_reads_only_the_entries_about_their_partnership() {
    let app = TestApp::spawn().await;
    let w = World::build(&app).await;
    entry(&app, P1_ADMIN, "resource", w.p1_resource, None, json!({ "title": "Ours" })).await;
    entry(&app, P2_ADMIN, "partnership", w.p2, None, json!({ "name": "Theirs" })).await;
    entry(&app, O1_LEAD, "action", w.o1_action, None, json!({ "status": "done" })).await;

    let p1 = csv_rows(&app.signed_in(P1_ADMIN).await, "").await;
    let about_p1 = count(&app, Some(Expr::col(AuditLog::PartnershipId).eq(w.p1))).await;
    assert_eq!(p1.len() - 1, about_p1, "exactly the entries about partnership one");
    let seen = records(&p1);
    assert!(seen.contains(&("Resource".to_owned(), w.p1_resource.to_string())));
    assert!(!seen.contains(&("Partnership".to_owned(), w.p2.to_string())), "partnership two's entry");
    assert!(!seen.iter().any(|(kind, _)| kind == "Action" || kind == "User"), "{seen:?}");

    let p2 = csv_rows(&app.signed_in(P2_ADMIN).await, "").await;
    assert!(records(&p2).iter().all(|(kind, id)| kind == "Partnership" && *id == w.p2.to_string()), "{p2:?}");
    let page = app.signed_in(P2_ADMIN).await.get("/audit-log").await;
    assert!(!page.body.contains("Ours"), "partnership one's change shown to partnership two");
}

#[tokio::test]
async fn an_organisations_lead_reads_only_the_entries_about_their_organisation() {
    let app = TestApp::spawn().await;
    let w = World::build(&app).await;
    entry(&app, O1_LEAD, "action", w.o1_action, None, json!({ "status": "done" })).await;
    entry(&app, O2_LEAD, "organisation", w.o2, None, json!({ "name": "Two" })).await;
    entry(&app, P1_ADMIN, "resource", w.p1_resource, None, json!({ "title": "Ours" })).await;

    let o1 = csv_rows(&app.signed_in(O1_LEAD).await, "").await;
    let about_o1 = count(&app, Some(Expr::col(AuditLog::OrganisationId).eq(w.o1))).await;
    assert_eq!(o1.len() - 1, about_o1);
    let seen = records(&o1);
    assert!(seen.contains(&("Action".to_owned(), w.o1_action.to_string())));
    assert!(!seen.iter().any(|(kind, _)| kind == "Resource"), "a partnership's entry: {seen:?}");
    assert!(!seen.contains(&("Organisation".to_owned(), w.o2.to_string())));

    let o2 = app
        .signed_in(O2_LEAD)
        .await
        .get(&format!("/audit-log?entity=action&entity_id={}", w.o1_action))
        .await;
    assert_eq!(o2.status, 200);
    assert!(o2.body.contains("No entries match these filters."), "{}", o2.body);
}

#[tokio::test]
async fn people_who_run_no_tenant_are_refused_and_visitors_sent_to_sign_in() {
    let app = TestApp::spawn().await;
    World::build(&app).await;
    for who in [P1_ANALYST, P1_PANEL, O1_CONTRIBUTOR, O1_SIGNOFF] {
        let client = app.signed_in(who).await;
        assert_eq!(client.get("/audit-log").await.status, 403, "{who}");
        assert_eq!(client.get("/audit-log.csv").await.status, 403, "{who}");
    }
    assert!(app.client().get("/audit-log").await.redirects_to("/sign-in"));
    assert!(app.client().get("/audit-log.csv").await.redirects_to("/sign-in"));
}

#[tokio::test]
async fn the_filters_narrow_by_person_record_and_date() {
    let app = TestApp::spawn().await;
    let w = World::build(&app).await;
    entry(&app, P1_ADMIN, "resource", w.p1_resource, None, json!({ "title": "One" })).await;
    entry(&app, P1_ADMIN, "cycle", w.p1_cycle, None, json!({ "name": "Two" })).await;
    entry(&app, PLATFORM_ADMIN, "cycle", w.p1_cycle, None, json!({ "name": "Three" })).await;
    let admin = app.signed_in(PLATFORM_ADMIN).await;

    let by_person = csv_rows(&admin, "?person=P1.ADMIN%40test").await;
    assert_eq!(
        records(&by_person),
        [("Cycle".to_owned(), w.p1_cycle.to_string()), ("Resource".to_owned(), w.p1_resource.to_string())]
    );
    let by_record = csv_rows(&admin, &format!("?entity=cycle&entity_id={}", w.p1_cycle)).await;
    let after: Vec<&str> = by_record[1..].iter().map(|r| r[9].as_str()).collect();
    assert_eq!(&after[..2], [r#"{"name":"Three"}"#, r#"{"name":"Two"}"#], "newest first");
    assert!(by_record[1..].iter().all(|r| r[5] == "Cycle" && r[6] == w.p1_cycle.to_string()));

    let today = time::OffsetDateTime::now_utc().date();
    let day = |d: time::Date, side: &str| {
        format!("{side}_day={}&{side}_month={}&{side}_year={}", d.day(), u8::from(d.month()), d.year())
    };
    let all = count(&app, None).await;
    let today_only = csv_rows(&admin, &format!("?{}&{}", day(today, "from"), day(today, "to"))).await;
    assert_eq!(today_only.len() - 1, all, "every entry was written today");
    let tomorrow = today.next_day().unwrap();
    assert_eq!(
        csv_rows(&admin, &format!("?{}", day(tomorrow, "from"))).await.len(),
        1,
        "the heading row alone"
    );
    let yesterday = today.previous_day().unwrap();
    assert_eq!(csv_rows(&admin, &format!("?{}", day(yesterday, "to"))).await.len(), 1);

    let page = admin.get("/audit-log?person=P1.ADMIN%40test").await;
    let rows = page.table_rows(".govuk-table");
    assert_eq!(rows.len(), 2, "{}", page.body);
    assert!(
        rows[0][1].starts_with("p1.admin@test.example") || rows[0][1].contains("(p1.admin@test.example)"),
        "{rows:?}"
    );
    assert_eq!(rows[0][3], format!("Cycle {}", w.p1_cycle));
    // The scraper puts a space between the field's name (in bold) and the colon.
    assert_eq!(rows[0][4].replace(" :", ":"), "name: \u{201c}Two\u{201d}");
}

#[tokio::test]
async fn a_wrong_date_is_explained_and_what_was_typed_is_kept() {
    let app = TestApp::spawn().await;
    World::build(&app).await;
    let admin = app.signed_in(PLATFORM_ADMIN).await;
    let page = admin
        .get(
            "/audit-log?person=lead&from_day=31&from_month=2&from_year=2027&to_day=1&to_month=1&to_year=2020",
        )
        .await;
    assert_eq!(page.status, 422);
    assert_eq!(page.error_summary(), ["The date to start from must be a real date, like 31 3 2027"]);
    assert_eq!(page.field("person").as_deref(), Some("lead"));
    assert_eq!(page.field("from_day").as_deref(), Some("31"));
    assert_eq!(page.field("from_month").as_deref(), Some("2"));
    assert_eq!(page.field("to_year").as_deref(), Some("2020"));

    let reversed =
        admin.get("/audit-log?from_day=2&from_month=3&from_year=2027&to_day=1&to_month=3&to_year=2027").await;
    assert_eq!(reversed.status, 422);
    assert_eq!(
        reversed.error_summary(),
        ["The date to end on must be the same as or after the date to start from"]
    );
    let csv = admin.get("/audit-log.csv?entity_id=abc").await;
    assert_eq!(csv.status, 422, "the download says what is wrong too");
    assert_eq!(csv.error_summary(), ["The record number must be a whole number, like 42"]);
}

#[tokio::test]
async fn the_csv_holds_each_entry_cell_by_cell_with_formulas_made_harmless() {
    let app = TestApp::spawn().await;
    let w = World::build(&app).await;
    entry(
        &app,
        P1_ADMIN,
        "resource",
        w.p1_resource,
        Some(json!({ "title": "Guide", "url": "https://example.test" })),
        json!({ "title": "=HYPERLINK(\"http://evil.test\")", "url": "https://example.test" }),
    )
    .await;
    let id: (i64,) = app
        .db()
        .fetch_one(&Query::select().expr(Func::max(Expr::col(AuditLog::Id))).from(AuditLog::Table).to_owned())
        .await
        .unwrap();
    let rows =
        csv_rows(&app.signed_in(P1_ADMIN).await, &format!("?entity=resource&entity_id={}", w.p1_resource))
            .await;
    let row = &rows[1];
    assert_eq!(row.len(), 10);
    assert_eq!(row[0], id.0.to_string());
    let when = time::OffsetDateTime::parse(&row[1], &time::format_description::well_known::Rfc3339).unwrap();
    assert!((time::OffsetDateTime::now_utc() - when).whole_minutes() < 10, "{}", row[1]);
    let name =
        osa_server::accounts::store::user_by_email(app.db(), P1_ADMIN).await.unwrap().unwrap().display_name;
    assert_eq!(row[2], name);
    assert_eq!(row[3], P1_ADMIN);
    assert_eq!(row[4], "Update");
    assert_eq!(row[5], "Resource");
    assert_eq!(row[6], w.p1_resource.to_string());
    assert_eq!(
        row[7],
        "title: from \u{201c}Guide\u{201d} to \u{201c}=HYPERLINK(\"http://evil.test\")\u{201d}"
    );
    assert_eq!(row[8], r#"{"title":"Guide","url":"https://example.test"}"#);
    assert_eq!(row[9], r#"{"title":"=HYPERLINK(\"http://evil.test\")","url":"https://example.test"}"#);

    // A record held as a bare value, not fields: shown as one unnamed change.
    entry(&app, P1_ADMIN, "resource", w.p1_resource, None, json!("=1+1")).await;
    let rows =
        csv_rows(&app.signed_in(P1_ADMIN).await, &format!("?entity=resource&entity_id={}", w.p1_resource))
            .await;
    assert_eq!(rows[1][7], "\u{201c}=1+1\u{201d}");
    assert_eq!(rows[1][9], "\"=1+1\"");

    // A name a spreadsheet would run as a formula is written as text.
    use osa_server::db::schema::Users;
    app.db()
        .execute(
            &Query::update()
                .table(Users::Table)
                .value(Users::DisplayName, "=cmd|' /C calc'!A0")
                .and_where(Expr::col(Users::Email).eq(P1_ADMIN))
                .to_owned(),
        )
        .await
        .unwrap();
    let rows =
        csv_rows(&app.signed_in(P1_ADMIN).await, &format!("?entity=resource&entity_id={}", w.p1_resource))
            .await;
    assert_eq!(rows[1][2], "'=cmd|' /C calc'!A0");
}

#[tokio::test]
async fn a_download_longer_than_one_batch_holds_every_entry_once() {
    let app = TestApp::spawn().await;
    let w = World::build(&app).await;
    let actor = user_id(&app, P1_ADMIN).await;
    let mut tx = app.db().begin().await.unwrap();
    for n in 0..1_203 {
        audit::record(
            &mut tx,
            Change {
                actor: Some(actor),
                action: "update",
                entity: "cycle",
                entity_id: w.p1_cycle.to_string(),
                before: None,
                after: Some(json!({ "n": n })),
            },
        )
        .await
        .unwrap();
    }
    tx.commit().await.unwrap();
    let rows =
        csv_rows(&app.signed_in(P1_ADMIN).await, &format!("?entity=cycle&entity_id={}", w.p1_cycle)).await;
    let ours: Vec<&str> =
        rows[1..].iter().map(|r| r[9].as_str()).filter(|a| a.starts_with("{\"n\":")).collect();
    assert_eq!(ours.len(), 1_203);
    assert_eq!(ours[0], "{\"n\":1202}");
    assert_eq!(ours[1_202], "{\"n\":0}");
    let mut ids: Vec<&str> = rows[1..].iter().map(|r| r[0].as_str()).collect();
    ids.dedup();
    assert_eq!(ids.len(), rows.len() - 1, "no entry written twice across batches");
}

#[tokio::test]
async fn the_database_refuses_to_change_or_remove_an_entry() {
    let app = TestApp::spawn().await;
    World::build(&app).await;
    let before = count(&app, None).await;
    assert!(before > 0);
    let update = app.db().raw_execute("UPDATE audit_log SET action = 'forged'").await.unwrap_err();
    assert!(update.to_string().contains("append-only"), "{update}");
    let delete = app.db().raw_execute("DELETE FROM audit_log").await.unwrap_err();
    assert!(delete.to_string().contains("append-only"), "{delete}");
    if common::on_postgres() {
        let truncate = app.db().raw_execute("TRUNCATE audit_log").await.unwrap_err();
        assert!(truncate.to_string().contains("append-only"), "{truncate}");
    }
    assert_eq!(count(&app, None).await, before);
    assert_eq!(count(&app, Some(Expr::col(AuditLog::Action).eq("forged"))).await, 0);
}

#[tokio::test]
async fn migration_38_fills_the_scope_of_entries_written_before_it() {
    let app = TestApp::spawn().await;
    let w = World::build(&app).await;
    // An entry as an older osa wrote it: no scope.
    app.db()
        .execute(
            &Query::insert()
                .into_table(AuditLog::Table)
                .columns([AuditLog::At, AuditLog::Action, AuditLog::Entity, AuditLog::EntityId])
                .values_panic([
                    time::OffsetDateTime::now_utc().into(),
                    "update".into(),
                    "invitation".into(),
                    w.o1_invitation.to_string().into(),
                ])
                .to_owned(),
        )
        .await
        .unwrap();
    // The backfill ran before the triggers existed; lift them to replay it here.
    let engine = app.db().engine();
    let lift: &[&str] = match engine {
        osa_server::db::Engine::Sqlite => &["DROP TRIGGER audit_log_no_update"],
        osa_server::db::Engine::Postgres => &["DROP TRIGGER audit_log_append_only ON audit_log"],
    };
    for sql in lift {
        app.db().raw_execute(sql).await.unwrap();
    }
    for sql in osa_server::audit::store::backfill(engine) {
        app.db().raw_execute(&sql).await.unwrap();
    }
    let (p, o): (Option<i64>, Option<i64>) = app
        .db()
        .fetch_one(
            &Query::select()
                .columns([AuditLog::PartnershipId, AuditLog::OrganisationId])
                .from(AuditLog::Table)
                .and_where(Expr::col(AuditLog::Entity).eq("invitation"))
                .and_where(Expr::col(AuditLog::ActorUserId).is_null())
                .and_where(Expr::col(AuditLog::EntityId).eq(w.o1_invitation.to_string()))
                .to_owned(),
        )
        .await
        .unwrap();
    assert_eq!((p, o), (Some(w.p1), Some(w.o1)));
}
