//! Audit cycles: opening one (alone or as a region), inviting organisations, the state
//! of each invitation as the organisation answers and submits, non-submissions.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a test or benchmark stops loudly at the step that failed"
)]

mod common;

use common::journey::{answer_standard_one, sign_off_and_submit};
use common::world::*;
use common::{Client, TestApp, csv_table};

fn cycle_form<'a>(
    name: &'a str,
    framework: &'a str,
    extra: &[(&'a str, &'a str)],
) -> Vec<(&'a str, &'a str)> {
    let mut form = vec![
        ("name", name),
        ("framework", framework),
        ("opens_on_day", "10"),
        ("opens_on_month", "1"),
        ("opens_on_year", "2027"),
        ("due_on_day", "31"),
        ("due_on_month", "3"),
        ("due_on_year", "2027"),
    ];
    form.extend_from_slice(extra);
    form
}

async fn open(admin: &Client, world: &World, extra: &[(&str, &str)]) -> i64 {
    let v1 = world.framework_v1.to_string();
    let form = cycle_form("Section 11 audit 2027", &v1, extra);
    let created = admin.post(&format!("/partnerships/{}/cycles/new", world.p1), &form).await;
    assert!(created.status.is_redirection(), "{}", created.body);
    let location = created.location.expect("a redirect");
    location.trim_start_matches("/cycles/").trim_end_matches("/invite").parse().unwrap()
}

#[tokio::test]
async fn an_admin_opens_a_cycle_with_six_monthly_update_dates_by_default() {
    let app = TestApp::spawn().await;
    let world = World::build(&app).await;
    let admin = app.signed_in(P1_ADMIN).await;
    let id = open(&admin, &world, &[]).await;
    let page = admin.get(&format!("/cycles/{id}")).await;
    assert!(page.body.contains("Section 11 audit 2027"));
    assert!(page.body.contains("30 September 2027, 31 March 2028"), "{}", page.body);
    assert!(page.body.contains("No organisations are invited yet."));
    let list = admin.get(&format!("/partnerships/{}/cycles", world.p1)).await;
    assert!(list.body.contains("Section 11 audit 2027"));
}

#[tokio::test]
async fn every_problem_with_the_form_is_listed_and_nothing_is_opened() {
    let app = TestApp::spawn().await;
    let world = World::build(&app).await;
    let admin = app.signed_in(P1_ADMIN).await;
    let v1 = world.framework_v1.to_string();
    let mut form =
        cycle_form("", &v1, &[("update1_day", "1"), ("update1_month", "12"), ("update1_year", "2026")]);
    form.retain(|(k, _)| !k.starts_with("due_on"));
    form.extend([("due_on_day", "1"), ("due_on_month", "1"), ("due_on_year", "2027")]);
    let refused = admin.post(&format!("/partnerships/{}/cycles/new", world.p1), &form).await;
    assert_eq!(refused.status, 422);
    for message in [
        "Enter a name for the cycle",
        "The due date must be after the opening date",
        "must be after the due date",
    ] {
        assert!(refused.body.contains(message), "{message}");
    }
    assert!(refused.body.contains("value=\"2027\""), "what was typed is kept");
    let list = admin.get(&format!("/partnerships/{}/cycles", world.p1)).await;
    assert!(!list.body.contains("Section 11 audit 2027"));
}

#[tokio::test]
async fn invited_organisations_are_emailed_and_only_the_area_can_be_invited() {
    let app = TestApp::spawn().await;
    let world = World::build(&app).await;
    let admin = app.signed_in(P1_ADMIN).await;
    let id = open(&admin, &world, &[]).await;
    let form = admin.get(&format!("/cycles/{id}/invite?duty=voluntary")).await;
    assert!(form.body.contains("Organisation One"));
    assert!(form.body.contains(&format!("value=\"{}\" checked", world.o1)), "the filter ticks matches");
    assert!(!form.body.contains("Organisation Two"), "o2 serves another partnership");
    let (o1, o2) = (world.o1.to_string(), world.o2.to_string());
    let sent =
        admin.post(&format!("/cycles/{id}/invite"), &[("organisation", &o1), ("organisation", &o2)]).await;
    assert!(sent.status.is_redirection());
    let page = admin.get(&format!("/cycles/{id}")).await;
    assert!(page.body.contains("1 organisation invited. Its safeguarding lead has been emailed."));
    assert!(page.body.contains("Organisation One"));
    assert!(!page.body.contains("Organisation Two"));
    let (subject, body) = app.last_mail_to(O1_LEAD).await.expect("the lead is told");
    assert_eq!(subject, "Return requested: Section 11 audit 2027");
    assert!(body.contains("31 March 2027"));
    assert!(app.last_mail_to(O2_LEAD).await.is_none());
}

#[tokio::test]
async fn the_state_follows_the_organisation_from_not_started_to_submitted() {
    let app = TestApp::spawn().await;
    let world = World::build(&app).await;
    let admin = app.signed_in(P1_ADMIN).await;
    let cycle = format!("/cycles/{}", world.p1_cycle);
    let state = |body: &str, label: &str| body.contains(&format!("\">{label}</strong>"));
    assert!(state(&admin.get(&cycle).await.body, "Not started"));

    let lead = app.signed_in(O1_LEAD).await;
    answer_standard_one(&lead, &world, "90").await;
    assert!(state(&admin.get(&cycle).await.body, "In progress"));
    let requests = lead.get(&format!("/organisations/{}/assessments", world.o1)).await;
    assert!(requests.body.contains("Returns asked for"));
    assert!(requests.body.contains("Audit 2027"));

    let signoff = app.signed_in(O1_SIGNOFF).await;
    sign_off_and_submit(&signoff, &lead, &world).await;
    let page = admin.get(&cycle).await;
    assert!(state(&page.body, "Submitted"), "{}", page.body);
    // A submitted return cannot be withdrawn or marked as not coming.
    let path = format!("{cycle}/invitations/{}/non-submission", world.o1_invitation);
    admin.post(&path, &[("reason", "Closed")]).await;
    assert!(admin.get(&cycle).await.body.contains("cannot be recorded"));
    admin.post(&format!("{cycle}/invitations/{}/withdraw", world.o1_invitation), &[]).await;
    assert!(state(&admin.get(&cycle).await.body, "Submitted"));
}

#[tokio::test]
async fn a_non_submission_is_recorded_with_its_reason_and_can_be_undone() {
    let app = TestApp::spawn().await;
    let world = World::build(&app).await;
    let admin = app.signed_in(P1_ADMIN).await;
    let path = format!("/cycles/{}/invitations/{}/non-submission", world.p1_cycle, world.o1_invitation);
    let refused = admin.post(&path, &[("reason", "  ")]).await;
    assert_eq!(refused.status, 422);
    assert!(refused.body.contains("Enter why this organisation will not submit"));
    admin.post(&path, &[("reason", "The charity closed in January.")]).await;
    let page = admin.get(&format!("/cycles/{}", world.p1_cycle)).await;
    assert!(page.body.contains("Confirmed non-submission</strong>"));
    assert!(page.body.contains("The charity closed in January."));
    admin.post(&path, &[("reason", ""), ("clear", "yes")]).await;
    let page = admin.get(&format!("/cycles/{}", world.p1_cycle)).await;
    assert!(page.body.contains("is asked for a return again"));
    assert!(!page.body.contains("The charity closed in January."));
}

#[tokio::test]
async fn a_region_cycle_is_shared_with_the_neighbours_and_their_area() {
    let app = TestApp::spawn().await;
    let world = World::build(&app).await;
    let admin = app.signed_in(P1_ADMIN).await;
    let p2 = world.p2.to_string();
    let id = open(&admin, &world, &[("neighbours", &p2)]).await;
    let neighbour = app.signed_in(P2_ADMIN).await;
    // Asked, not yet part of it: see tests/return_visibility.rs for the whole journey.
    assert_eq!(neighbour.get(&format!("/cycles/{id}")).await.status, 404);
    let accepted =
        neighbour.post(&format!("/partnerships/{}/cycle-invitations/{id}/accept", world.p2), &[]).await;
    assert!(accepted.redirects_to(&format!("/cycles/{id}")), "{}", accepted.body);
    let page = neighbour.get(&format!("/cycles/{id}")).await;
    assert_eq!(page.status, 200);
    assert!(page.body.contains("Partnership Two"));
    let form = neighbour.get(&format!("/cycles/{id}/invite")).await;
    assert!(form.body.contains("Organisation Two"), "the neighbour's area can be invited");
    // Partnership two's own cycle list shows it too, but not p1's own cycle.
    let list = neighbour.get(&format!("/partnerships/{}/cycles", world.p2)).await;
    assert!(list.body.contains("Section 11 audit 2027"));
    assert_eq!(neighbour.get(&format!("/cycles/{}", world.p1_cycle)).await.status, 404);
}

#[tokio::test]
async fn staff_read_and_only_admins_run_a_cycle() {
    let app = TestApp::spawn().await;
    let world = World::build(&app).await;
    let cycle = format!("/cycles/{}", world.p1_cycle);
    let analyst = app.signed_in(P1_ANALYST).await;
    assert_eq!(analyst.get(&cycle).await.status, 200);
    assert_eq!(analyst.get(&format!("{cycle}/invite")).await.status, 403);
    let o1 = world.o1.to_string();
    assert_eq!(analyst.post(&format!("{cycle}/invite"), &[("organisation", &o1)]).await.status, 403);
    assert_eq!(app.signed_in(O1_LEAD).await.get(&cycle).await.status, 404);
    assert_eq!(app.signed_in(P2_ADMIN).await.get(&cycle).await.status, 404);
}

#[tokio::test]
async fn the_dashboard_counts_submitted_returns_and_lists_who_is_outstanding() {
    let app = TestApp::spawn().await;
    let world = World::build(&app).await;
    let analyst = app.signed_in(P1_ANALYST).await;
    let dashboard = format!("/cycles/{}/dashboard", world.p1_cycle);
    let before = analyst.get(&dashboard).await;
    assert_eq!(before.status, 200);
    assert!(before.body.contains("<strong>0%</strong>"), "{}", before.body);
    assert!(before.body.contains("Organisation One: Not started"));

    let lead = app.signed_in(O1_LEAD).await;
    answer_standard_one(&lead, &world, "90").await;
    sign_off_and_submit(&app.signed_in(O1_SIGNOFF).await, &lead, &world).await;
    let after = analyst.get(&dashboard).await;
    assert!(after.body.contains("<strong>100%</strong>"));
    assert!(after.body.contains("No return is outstanding."));
    assert!(after.body.contains("Standing of each submitted return"));

    let csv = analyst.get(&format!("{dashboard}.csv?table=heatmap")).await;
    assert_eq!(csv.status, 200);
    assert!(csv_table(&csv.body).starts_with("Organisation,Sector,Duty status"), "{}", csv.body);
    assert!(csv.body.contains("Organisation One,Voluntary and community,Voluntary"));
    let standards = analyst.get(&format!("{dashboard}.csv?table=standards")).await;
    assert!(csv_table(&standards.body).lines().nth(1).unwrap().starts_with("1 "), "{}", standards.body);

    // A filter that keeps nobody shows zeros, never an error.
    let none = analyst.get(&format!("{dashboard}?sector=police")).await;
    assert!(none.body.contains("(0 of 0)"));
    assert_eq!(app.signed_in(P2_ADMIN).await.get(&dashboard).await.status, 404);
    assert_eq!(lead.get(&dashboard).await.status, 404);
}

#[tokio::test]
async fn a_return_asked_for_before_the_assessment_is_started_shows_the_frameworks_name() {
    use osa_server::cycles::store::{self, NewCycle, NewInvitation};
    let app = TestApp::spawn().await;
    let world = World::build(&app).await;
    let today = time::OffsetDateTime::now_utc().date();
    let db = app.db();
    let admin = osa_server::accounts::store::user_by_email(db, P2_ADMIN).await.unwrap().unwrap().id;
    let mut tx = db.begin().await.unwrap();
    let new = NewCycle {
        partnership: world.p2,
        name: "Audit of the second area".into(),
        main_framework: world.framework_v1,
        by_sector: Vec::new(),
        opens_on: today,
        due_on: today + time::Duration::days(30),
        updates_due: Vec::new(),
        neighbours: Vec::new(),
    };
    let cycle = store::create(&mut tx, admin, &new).await.unwrap();
    let invitation = NewInvitation {
        organisation: world.o2,
        framework_id: world.framework_v1,
        framework_key: "test-framework".into(),
    };
    assert!(store::invite(&mut tx, cycle, admin, &invitation).await.unwrap());
    tx.commit().await.unwrap();

    let lead = app.signed_in(O2_LEAD).await;
    let page = lead.get(&format!("/organisations/{}/assessments", world.o2)).await;
    assert!(page.body.contains("Returns asked for"), "{}", page.body);
    assert!(page.body.contains("Test framework, due"), "{}", page.body);
    assert!(!page.body.contains("test-framework"), "the raw key is not a name: {}", page.body);
    // The request is started from where it is listed, and not offered again below.
    let start = format!("name=\"framework\" value=\"{}\"", world.framework_v1);
    assert_eq!(page.body.matches(&start).count(), 1, "{}", page.body);
    assert!(
        page.body.contains("Start<span class=\"govuk-visually-hidden\"> the Test framework self-assessment")
    );
    let started = lead
        .post(
            &format!("/organisations/{}/assessments", world.o2),
            &[("framework", &world.framework_v1.to_string())],
        )
        .await;
    assert!(started.status.is_redirection(), "{}", started.body);
    let page = lead.get(&format!("/organisations/{}/assessments", world.o2)).await;
    assert!(
        page.body.contains("Open<span class=\"govuk-visually-hidden\"> the Test framework self-assessment")
    );
    assert!(!page.body.contains(&start), "{}", page.body);
}
