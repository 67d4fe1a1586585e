//! The home page as a work queue: each person sees what needs them where they work,
//! and nothing of partnerships or organisations they do not work for.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a test or benchmark stops loudly at the step that failed"
)]

mod common;

use common::TestApp;
use common::journey::{answer_standard_one, make_world_action_overdue, sign_off_and_submit};
use common::world::*;
use sea_query::{Expr, ExprTrait, Query};

/// The visible text of a page, tags dropped and spaces folded, for reading sentences
/// that span markup.
fn text(body: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for ch in body.chars() {
        match ch {
            '<' => in_tag = true,
            '>' => {
                in_tag = false;
                out.push(' ');
            }
            _ if !in_tag => out.push(ch),
            _ => {}
        }
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[tokio::test]
async fn an_admin_sees_join_requests_and_each_open_cycle_with_its_response_rate() {
    let app = TestApp::spawn().await;
    let world = World::build(&app).await;
    let home = text(&app.signed_in(P1_ADMIN).await.get("/home").await.body);
    assert!(home.contains("1 organisation asks to join the partnership."), "{home}");
    assert!(home.contains("Audit 2027"), "{home}");
    assert!(home.contains("0 of 1 invited organisation has submitted (0%)"), "{home}");
    assert!(home.contains("(in 30 days)") || home.contains("(in 29 days)"), "{home}");
    assert!(!home.contains("overdue"), "nothing is overdue before the due date: {home}");

    // Once o1 submits, the line counts it; an analyst sees the cycles but not the
    // admin's join requests.
    let lead = app.signed_in(O1_LEAD).await;
    answer_standard_one(&lead, &world, "90").await;
    sign_off_and_submit(&app.signed_in(O1_SIGNOFF).await, &lead, &world).await;
    let analyst = text(&app.signed_in(P1_ANALYST).await.get("/home").await.body);
    assert!(analyst.contains("1 of 1 invited organisation has submitted (100%)"), "{analyst}");
    assert!(!analyst.contains("asks to join"), "{analyst}");

    // Another partnership's admin sees none of it.
    let other = text(&app.signed_in(P2_ADMIN).await.get("/home").await.body);
    assert!(!other.contains("Audit 2027") && !other.contains("asks to join"), "{other}");
    assert!(other.contains("No audit cycle is open."), "{other}");
}

/// Moves the world's cycle's due date to `days` from today (negative: past).
async fn due_in(app: &TestApp, world: &World, days: i64) {
    use osa_server::db::schema::Cycles;
    let due = time::OffsetDateTime::now_utc().date() + time::Duration::days(days);
    let update = Query::update()
        .table(Cycles::Table)
        .value(Cycles::DueOn, due)
        .and_where(Expr::col(Cycles::Id).eq(world.p1_cycle))
        .to_owned();
    app.db().execute(&update).await.unwrap();
}

#[tokio::test]
async fn a_cycle_past_its_due_date_counts_the_returns_still_outstanding_as_overdue() {
    let app = TestApp::spawn().await;
    let world = World::build(&app).await;
    due_in(&app, &world, 0).await;
    let admin = app.signed_in(P1_ADMIN).await;
    let today = text(&admin.get("/home").await.body);
    assert!(today.contains("Due today,") && !today.contains("overdue"), "due today is not overdue: {today}");
    due_in(&app, &world, -1).await;
    let after = text(&admin.get("/home").await.body);
    assert!(after.contains("Was due ") && after.contains("Overdue 1 return is overdue"), "{after}");
    let lead = text(&app.signed_in(O1_LEAD).await.get("/home").await.body);
    assert!(lead.contains("Returns asked for"), "{lead}");
    assert!(lead.contains("Audit 2027: Test framework"), "{lead}");
    assert!(lead.contains("Not started Overdue"), "{lead}");
}

#[tokio::test]
async fn a_lead_sees_overdue_actions_and_a_sign_off_sees_a_return_once_every_answer_is_given() {
    let app = TestApp::spawn().await;
    let world = World::build(&app).await;
    let signoff = app.signed_in(O1_SIGNOFF).await;
    let before = text(&signoff.get("/home").await.body);
    assert!(before.contains("No return is waiting for your sign-off."), "{before}");

    let lead = app.signed_in(O1_LEAD).await;
    make_world_action_overdue(&lead, &world).await;
    answer_standard_one(&lead, &world, "90").await;

    let home = text(&lead.get("/home").await.body);
    assert!(home.contains("1 improvement action is past its target date."), "{home}");
    assert!(!home.contains("sign-off:"), "the lead is not the sign-off: {home}");
    let ready = signoff.get("/home").await;
    assert!(
        ready.body.contains(&format!("href=\"/assessments/{}/check\"", world.o1_assessment)),
        "{}",
        ready.body
    );
    assert!(text(&ready.body).contains("1 return has every answer given and waits for your sign-off"));

    // Another organisation's lead sees nothing of o1.
    let other = text(&app.signed_in(O2_LEAD).await.get("/home").await.body);
    assert!(!other.contains("Organisation One") && !other.contains("improvement action"), "{other}");
}

#[tokio::test]
async fn signed_out_visitors_are_sent_to_sign_in() {
    let app = TestApp::spawn().await;
    let page = app.client().get("/home").await;
    assert!(page.redirects_to("/sign-in"), "{:?}", page.location);
}
