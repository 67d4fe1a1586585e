//! Data protection: the retention rules applied on dates either side of their
//! boundaries, the dry run, the subject-access export and erasure, through the real
//! router and database.
#![allow(clippy::unwrap_used, clippy::expect_used, reason = "a failing step in a test should stop loudly")]

mod common;

use common::TestApp;
use common::journey::submitted_return;
use common::world::*;
use osa_core::retention::RetentionPeriods;
use osa_server::data_protection::retention;
use osa_server::db::schema::{AuditLog, Cycles, EvidenceFiles, Invitations, Returns, Sessions, Users};
use sea_query::{Expr, ExprTrait, Query};
use time::macros::{date, datetime};
use time::{Date, OffsetDateTime};

async fn user_id(app: &TestApp, email: &str) -> i64 {
    let (id,): (i64,) = app
        .db()
        .fetch_one(
            &Query::select()
                .column(Users::Id)
                .from(Users::Table)
                .and_where(Expr::col(Users::Email).eq(email))
                .to_owned(),
        )
        .await
        .unwrap();
    id
}

async fn count(app: &TestApp, query: sea_query::SelectStatement) -> i64 {
    let (n,): (i64,) = app.db().fetch_one(&query).await.unwrap();
    n
}

async fn returns_count(app: &TestApp, id: i64) -> i64 {
    count(
        app,
        Query::select()
            .expr(Expr::col(Returns::Id).count())
            .from(Returns::Table)
            .and_where(Expr::col(Returns::Id).eq(id))
            .to_owned(),
    )
    .await
}

async fn update(app: &TestApp, statement: sea_query::UpdateStatement) {
    app.db().execute(&statement).await.unwrap();
}

/// o1's return, submitted through the pages, answering p1's cycle, which then closed `at`.
async fn return_of_cycle_closed(app: &TestApp, world: &World, at: OffsetDateTime) -> i64 {
    let id = submitted_return(app, world).await;
    update(
        app,
        Query::update()
            .table(Invitations::Table)
            .value(Invitations::ReturnId, id)
            .and_where(Expr::col(Invitations::Id).eq(world.o1_invitation))
            .to_owned(),
    )
    .await;
    update(
        app,
        Query::update()
            .table(Cycles::Table)
            .value(Cycles::ClosedAt, at)
            .and_where(Expr::col(Cycles::Id).eq(world.p1_cycle))
            .to_owned(),
    )
    .await;
    id
}

async fn apply(app: &TestApp, today: Date) -> retention::Outcome {
    retention::apply(app.db(), &app.state.files, RetentionPeriods::default(), today).await.unwrap()
}

#[tokio::test]
async fn a_return_is_deleted_on_the_sixth_anniversary_of_its_cycle_closing_and_not_the_day_before() {
    let app = TestApp::spawn().await;
    let world = World::build(&app).await;
    let id = return_of_cycle_closed(&app, &world, datetime!(2020-03-10 16:30 UTC)).await;

    let before = apply(&app, date!(2026 - 03 - 09)).await;
    assert_eq!(before.returns, 0);
    assert_eq!(returns_count(&app, id).await, 1, "kept the day before the anniversary");

    let on = apply(&app, date!(2026 - 03 - 10)).await;
    assert_eq!(on.returns, 1);
    assert_eq!(returns_count(&app, id).await, 0, "deleted on the anniversary");
    let (reason,): (Option<String>,) = app
        .db()
        .fetch_one(
            &Query::select()
                .column(Invitations::NonSubmissionReason)
                .from(Invitations::Table)
                .and_where(Expr::col(Invitations::Id).eq(world.o1_invitation))
                .to_owned(),
        )
        .await
        .unwrap();
    assert!(reason.unwrap().contains("retention rule"), "the invitation says what became of its return");
    let audited = count(
        &app,
        Query::select()
            .expr(Expr::col(AuditLog::Id).count())
            .from(AuditLog::Table)
            .and_where(Expr::col(AuditLog::Action).eq("retention_delete_returns"))
            .to_owned(),
    )
    .await;
    assert_eq!(audited, 1, "one audit entry for the rule's run");
}

#[tokio::test]
async fn a_return_still_answering_an_open_cycle_is_kept() {
    let app = TestApp::spawn().await;
    let world = World::build(&app).await;
    let id = submitted_return(&app, &world).await;
    update(
        &app,
        Query::update()
            .table(Invitations::Table)
            .value(Invitations::ReturnId, id)
            .and_where(Expr::col(Invitations::Id).eq(world.o1_invitation))
            .to_owned(),
    )
    .await;
    assert_eq!(apply(&app, date!(2090 - 01 - 01)).await.returns, 0);
    assert_eq!(returns_count(&app, id).await, 1);
}

#[tokio::test]
async fn an_evidence_file_and_its_bytes_go_six_years_after_upload_and_a_leap_day_upload_waits_for_the_first_of_march()
 {
    let app = TestApp::spawn().await;
    let world = World::build(&app).await;
    update(
        &app,
        Query::update()
            .table(EvidenceFiles::Table)
            .value(EvidenceFiles::UploadedAt, datetime!(2020-02-29 09:00 UTC))
            .and_where(Expr::col(EvidenceFiles::Id).eq(world.o1_evidence))
            .to_owned(),
    )
    .await;
    let (key,): (String,) = app
        .db()
        .fetch_one(
            &Query::select()
                .column(EvidenceFiles::StorageKey)
                .from(EvidenceFiles::Table)
                .and_where(Expr::col(EvidenceFiles::Id).eq(world.o1_evidence))
                .to_owned(),
        )
        .await
        .unwrap();
    assert!(app.state.files.get(&key).await.unwrap().is_some());

    assert_eq!(apply(&app, date!(2026 - 02 - 28)).await.evidence, 0);
    assert!(app.state.files.get(&key).await.unwrap().is_some(), "kept on 28 February");

    assert_eq!(apply(&app, date!(2026 - 03 - 01)).await.evidence, 1);
    let rows = count(
        &app,
        Query::select()
            .expr(Expr::col(EvidenceFiles::Id).count())
            .from(EvidenceFiles::Table)
            .and_where(Expr::col(EvidenceFiles::Id).eq(world.o1_evidence))
            .to_owned(),
    )
    .await;
    assert_eq!(rows, 0);
    assert!(app.state.files.get(&key).await.unwrap().is_none(), "the stored bytes are removed too");
}

#[tokio::test]
async fn removing_a_persons_last_role_closes_their_account_and_a_year_later_it_is_anonymised() {
    let app = TestApp::spawn().await;
    let world = World::build(&app).await;
    let contributor = user_id(&app, O1_CONTRIBUTOR).await;
    let lead = app.signed_in(O1_LEAD).await;
    let removed = lead
        .post(&format!("/organisations/{}/users/{contributor}/remove", world.o1), &[("role", "contributor")])
        .await;
    assert!(removed.status.is_redirection(), "{}", removed.body);
    let (closed,): (Option<OffsetDateTime>,) = app
        .db()
        .fetch_one(
            &Query::select()
                .column(Users::ClosedAt)
                .from(Users::Table)
                .and_where(Expr::col(Users::Id).eq(contributor))
                .to_owned(),
        )
        .await
        .unwrap();
    let closed = closed.expect("the account's closing moment is recorded");
    let today = closed.date();

    let a_day_short = apply(&app, date_add_years(today, 1).previous_day().unwrap()).await;
    assert_eq!(a_day_short.accounts, 0);
    let after = apply(&app, date_add_years(today, 1)).await;
    assert_eq!(after.accounts, 1);
    let (name, email): (String, String) = app
        .db()
        .fetch_one(
            &Query::select()
                .columns([Users::DisplayName, Users::Email])
                .from(Users::Table)
                .and_where(Expr::col(Users::Id).eq(contributor))
                .to_owned(),
        )
        .await
        .unwrap();
    assert_eq!(name, format!("Erased person {contributor}"));
    assert_eq!(email, format!("erased-{contributor}@erased.invalid"));
}

fn date_add_years(day: Date, years: i32) -> Date {
    osa_core::retention::anniversary(day, u32::try_from(years).unwrap())
}

#[tokio::test]
async fn the_dry_run_changes_nothing_and_reports_what_the_run_then_does() {
    let app = TestApp::spawn().await;
    let world = World::build(&app).await;
    let id = return_of_cycle_closed(&app, &world, datetime!(2001-01-15 12:00 UTC)).await;
    update(
        &app,
        Query::update()
            .table(EvidenceFiles::Table)
            .value(EvidenceFiles::UploadedAt, datetime!(2001-01-01 12:00 UTC))
            .to_owned(),
    )
    .await;
    let admin = app.signed_in(PLATFORM_ADMIN).await;
    let page = admin.get("/admin/retention").await;
    assert_eq!(page.status, 200);
    let rules = page.table_rows("#rules");
    let reached: Vec<String> = rules.iter().map(|row| row.last().cloned().unwrap_or_default()).collect();
    assert_eq!(reached, ["1", "1", "0", "0"], "{rules:?}");
    assert_eq!(page.table_rows("#returns")[0][0], id.to_string());
    assert_eq!(page.table_rows("#evidence")[0][0], "Safeguarding policy.pdf");
    assert_eq!(returns_count(&app, id).await, 1, "the dry run deleted nothing");

    let retention =
        osa_server::jobs::Retention { files: app.state.files.clone(), periods: RetentionPeriods::default() };
    // The test server ran the daily job when it started; the next run is a day on.
    let now = OffsetDateTime::now_utc() + time::Duration::days(2);
    let done =
        retention::run_if_due(app.db(), &retention, "one", now).await.unwrap().expect("the job was due");
    assert_eq!((done.returns, done.evidence, done.accounts), (1, 1, 0), "the run did what the dry run said");
    assert!(
        retention::run_if_due(app.db(), &retention, "two", now).await.unwrap().is_none(),
        "a second server does not run it again"
    );
    let after = admin.get("/admin/retention").await;
    assert!(after.body.contains("No record is due today."));
}

#[tokio::test]
async fn the_export_holds_the_persons_data_and_not_another_persons() {
    let app = TestApp::spawn().await;
    let world = World::build(&app).await;
    submitted_return(&app, &world).await;
    let lead = user_id(&app, O1_LEAD).await;
    let admin = app.signed_in(PLATFORM_ADMIN).await;

    let page = admin.get(&format!("/admin/users/{lead}/personal-data")).await;
    assert_eq!(page.status, 200);
    let json = admin.get(&format!("/admin/users/{lead}/personal-data.json")).await;
    assert_eq!(json.status, 200);
    assert!(json.headers["content-disposition"].to_str().unwrap().contains("attachment"));
    let held: serde_json::Value = serde_json::from_str(&json.body).unwrap();
    assert_eq!(held["account"]["email"], O1_LEAD);
    assert_eq!(held["organisation_roles"][0]["role"], "safeguarding_lead");
    assert!(held["answers_last_edited"].as_array().unwrap().iter().any(|a| a["criterion_code"] == "1.1"));
    assert!(held["returns_submitted"].as_array().unwrap().len() == 1);
    assert!(!held["audit_entries"].as_array().unwrap().is_empty());
    // The sign-off is named in mail sent to the lead (that mail is the lead's), so only
    // people with nothing to do with the lead's records are looked for.
    for other in [O2_LEAD, P1_ADMIN, O1_CONTRIBUTOR] {
        assert!(!json.body.contains(other), "{other} appears in another person's export: {}", json.body);
    }
    assert!(held["returns_signed_off"].as_array().unwrap().is_empty(), "the sign-off was someone else's");

    let pdf = admin.get(&format!("/admin/users/{lead}/personal-data.pdf")).await;
    assert_eq!(pdf.status, 200);
    assert!(pdf.body.starts_with("%PDF"));

    let exports = count(
        &app,
        Query::select()
            .expr(Expr::col(AuditLog::Id).count())
            .from(AuditLog::Table)
            .and_where(Expr::col(AuditLog::Action).eq("subject_access_export"))
            .and_where(Expr::col(AuditLog::EntityId).eq(lead.to_string()))
            .to_owned(),
    )
    .await;
    assert_eq!(exports, 2, "each download is audited");
}

#[tokio::test]
async fn erasure_replaces_the_name_keeps_the_audit_rows_and_signs_the_person_out() {
    let app = TestApp::spawn().await;
    let world = World::build(&app).await;
    let lead_client = app.signed_in(O1_LEAD).await;
    common::journey::answer_standard_one(&lead_client, &world, "80").await;
    let lead = user_id(&app, O1_LEAD).await;
    let by_lead = || {
        Query::select()
            .expr(Expr::col(AuditLog::Id).count())
            .from(AuditLog::Table)
            .and_where(Expr::col(AuditLog::ActorUserId).eq(lead))
            .to_owned()
    };
    let audit_before = count(&app, by_lead()).await;
    assert!(audit_before > 0);

    let admin = app.signed_in(PLATFORM_ADMIN).await;
    let confirm = admin.get(&format!("/admin/users/{lead}/erase")).await;
    assert_eq!(confirm.status, 200);
    assert!(confirm.body.contains("govuk-warning-text"));
    let done = admin
        .post(&format!("/admin/users/{lead}/erase"), &[("reason", "Asked on 1 December, reference DP-7.")])
        .await;
    assert!(done.redirects_to(&format!("/admin/users/{lead}/personal-data")), "{}", done.body);

    assert_eq!(count(&app, by_lead()).await, audit_before, "every audit entry they made is kept");
    let (name, email, hash): (String, String, Option<String>) = app
        .db()
        .fetch_one(
            &Query::select()
                .columns([Users::DisplayName, Users::Email, Users::PasswordHash])
                .from(Users::Table)
                .and_where(Expr::col(Users::Id).eq(lead))
                .to_owned(),
        )
        .await
        .unwrap();
    assert_eq!(name, format!("Erased person {lead}"));
    assert!(email.ends_with(".invalid"));
    assert!(hash.is_none());
    let sessions = count(
        &app,
        Query::select()
            .expr(Expr::col(Sessions::Id).count())
            .from(Sessions::Table)
            .and_where(Expr::col(Sessions::UserId).eq(lead))
            .to_owned(),
    )
    .await;
    assert_eq!(sessions, 0);
    assert!(lead_client.get("/home").await.redirects_to("/sign-in"), "their session ended");
    assert!(!app.client().sign_in(O1_LEAD, common::PASSWORD).await.redirects_to("/home"));

    let (after,): (Option<String>,) = app
        .db()
        .fetch_one(
            &Query::select()
                .column(AuditLog::After)
                .from(AuditLog::Table)
                .and_where(Expr::col(AuditLog::Action).eq("erase_person"))
                .to_owned(),
        )
        .await
        .unwrap();
    let after = after.unwrap();
    assert!(after.contains("DP-7"), "the reason is audited");
    assert!(!after.contains(O1_LEAD), "the audit entry does not keep the old address");

    let history = history_as_signoff(&app, &world).await;
    assert!(history.contains(&format!("Erased person {lead}")), "records they changed show the new name");
}

/// The assessment's history of changes as o1's senior sign-off reads it.
async fn history_as_signoff(app: &TestApp, world: &World) -> String {
    let signoff = app.signed_in(O1_SIGNOFF).await;
    signoff.get(&format!("/assessments/{}/history", world.o1_assessment)).await.body
}

#[tokio::test]
async fn erasing_without_a_reason_is_refused_with_an_error_summary() {
    let app = TestApp::spawn().await;
    World::build(&app).await;
    let lead = user_id(&app, O1_LEAD).await;
    let admin = app.signed_in(PLATFORM_ADMIN).await;
    let page = admin.post(&format!("/admin/users/{lead}/erase"), &[("reason", "   ")]).await;
    assert_eq!(page.status, 422);
    assert_eq!(page.error_summary(), ["Enter why this person is being erased"]);
    let (name,): (String,) = app
        .db()
        .fetch_one(
            &Query::select()
                .column(Users::DisplayName)
                .from(Users::Table)
                .and_where(Expr::col(Users::Id).eq(lead))
                .to_owned(),
        )
        .await
        .unwrap();
    assert!(!name.starts_with("Erased"));
}

#[tokio::test]
async fn the_last_platform_admin_cannot_be_erased() {
    let app = TestApp::spawn().await;
    World::build(&app).await;
    let me = user_id(&app, PLATFORM_ADMIN).await;
    let admin = app.signed_in(PLATFORM_ADMIN).await;
    let page = admin.post(&format!("/admin/users/{me}/erase"), &[("reason", "Leaving the service.")]).await;
    assert_eq!(page.status, 422);
    assert!(page.error_summary()[0].contains("only platform admin"), "{:?}", page.error_summary());
    assert!(page.body.contains("Leaving the service."), "what was typed is kept");
    assert_eq!(admin.get("/admin/users").await.status, 200, "still signed in and still an admin");
}

#[tokio::test]
async fn partnership_admins_and_other_roles_are_refused_the_data_protection_pages() {
    let app = TestApp::spawn().await;
    World::build(&app).await;
    let lead = user_id(&app, O1_LEAD).await;
    let paths = [
        format!("/admin/users/{lead}/personal-data"),
        format!("/admin/users/{lead}/personal-data.json"),
        format!("/admin/users/{lead}/personal-data.pdf"),
        format!("/admin/users/{lead}/erase"),
        "/admin/retention".to_owned(),
    ];
    for who in [P1_ADMIN, P2_ADMIN, O1_LEAD, O1_SIGNOFF] {
        let client = app.signed_in(who).await;
        for path in &paths {
            assert_eq!(client.get(path).await.status, 403, "{who} {path}");
        }
        let erase = client.post(&format!("/admin/users/{lead}/erase"), &[("reason", "No.")]).await;
        assert_eq!(erase.status, 403, "{who}");
    }
    let (name,): (String,) = app
        .db()
        .fetch_one(
            &Query::select()
                .column(Users::DisplayName)
                .from(Users::Table)
                .and_where(Expr::col(Users::Id).eq(lead))
                .to_owned(),
        )
        .await
        .unwrap();
    assert!(!name.starts_with("Erased"));
    assert!(app.client().get(&paths[0]).await.redirects_to("/sign-in"));
    assert_eq!(
        app.signed_in(PLATFORM_ADMIN).await.get("/admin/users/999999/personal-data").await.status,
        404
    );
}

#[tokio::test]
async fn the_privacy_notice_states_the_configured_retention_periods() {
    let app = TestApp::spawn_with(|config| {
        config.retention_returns_years = 7;
        config.retention_evidence_years = 10;
        config.retention_closed_accounts_years = 2;
    })
    .await;
    let page = app.client().get("/privacy").await;
    assert!(page.body.contains("returns are deleted 7 years after"), "{}", page.body);
    assert!(page.body.contains("evidence files are deleted 10 years after"));
    assert!(page.body.contains("and 2 years later it is anonymised"));
}
