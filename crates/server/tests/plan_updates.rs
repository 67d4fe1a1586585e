//! Six-monthly action-plan updates, driven over HTTP: the lead sends a frozen
//! snapshot; the partnership counts who has sent each update (checked against a hand
//! count), reads the snapshot, and challenges it; the lead answers. Another
//! partnership and a contributor are refused.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a test or benchmark stops loudly at the step that failed"
)]

mod common;

use common::journey::{answer_standard_one, sign_off_and_submit};
use common::world::*;
use common::{Page, TestApp, csv_heading};
use osa_server::db::schema::CycleUpdateDates;
use sea_query::Query;
use time::{Date, Duration, OffsetDateTime};

/// Two update dates of cycle one: one whose window is open now, one months away.
async fn update_dates(app: &TestApp, world: &World) -> (Date, Date) {
    let today = OffsetDateTime::now_utc().date();
    let (first, second) = (today + Duration::days(10), today + Duration::days(190));
    let mut tx = app.db().begin().await.unwrap();
    for due in [first, second] {
        tx.execute(
            &Query::insert()
                .into_table(CycleUpdateDates::Table)
                .columns([CycleUpdateDates::CycleId, CycleUpdateDates::DueOn])
                .values_panic([world.p1_cycle.into(), due.into()])
                .to_owned(),
        )
        .await
        .unwrap();
    }
    tx.commit().await.unwrap();
    (first, second)
}

fn long(d: Date) -> String {
    format!("{} {} {}", d.day(), d.month(), d.year())
}

fn path_of(page: &Page) -> String {
    page.location.clone().unwrap_or_else(|| panic!("no redirect: {} {}", page.status, page.body))
}

#[tokio::test]
async fn the_lead_sends_a_frozen_update_the_partnership_counts_reads_and_challenges_it() {
    let app = TestApp::spawn().await;
    let world = World::build(&app).await;
    let (first, second) = update_dates(&app, &world).await;
    let (a1, c1) = (world.o1_assessment, world.p1_cycle);
    let lead = app.signed_in(O1_LEAD).await;
    let signoff = app.signed_in(O1_SIGNOFF).await;
    let analyst = app.signed_in(P1_ANALYST).await;

    // Before any return, nothing is asked: the plan offers no update and the count says why.
    assert!(!lead.get(&format!("/assessments/{a1}/actions")).await.body.contains("Send action-plan update"));
    let list = analyst.get(&format!("/cycles/{c1}/plan-updates")).await;
    assert!(list.body.contains("Not asked: 1 organisation with no return submitted."), "{}", list.body);

    answer_standard_one(&lead, &world, "80").await;
    sign_off_and_submit(&signoff, &lead, &world).await;

    let plan = lead.get(&format!("/assessments/{a1}/actions")).await;
    let offer = format!("Send action-plan update for Audit 2027 (due {})", long(first));
    assert!(plan.body.contains(&offer), "{}", plan.body);

    // A contributor and the senior sign-off may not send it.
    for email in [O1_CONTRIBUTOR, O1_SIGNOFF] {
        let other = app.signed_in(email).await;
        assert_eq!(other.get(&format!("/assessments/{a1}/plan-updates/{c1}")).await.status, 403);
        assert_eq!(other.post(&format!("/assessments/{a1}/plan-updates/{c1}"), &[]).await.status, 403);
    }

    let check = lead.get(&format!("/assessments/{a1}/plan-updates/{c1}")).await;
    assert_eq!(check.status, 200);
    assert!(check.body.contains("Partnership One") && check.body.contains("Refresh the safeguarding policy"));
    let sent = lead.post(&format!("/assessments/{a1}/plan-updates/{c1}"), &[]).await;
    let update = path_of(&sent);
    assert!(update.starts_with("/plan-updates/"), "{update}");
    let (subject, body) = app.last_mail_to(P1_ADMIN).await.expect("the partnership's admin is emailed");
    assert!(subject.starts_with("Action-plan update from Organisation One"), "{subject}");
    assert!(body.contains(&update), "{body}");
    // Sent once: the same date cannot be sent again.
    let again = lead.post(&format!("/assessments/{a1}/plan-updates/{c1}"), &[]).await;
    assert!(path_of(&again).ends_with("/actions"));

    // Later edits to the plan do not reach the update sent.
    let edited = lead
        .post(
            &format!("/assessments/{a1}/actions/{}", world.o1_action),
            &[
                ("what", "Rewritten after the update"),
                ("responsible_lead", "Someone else"),
                ("day", "1"),
                ("month", "1"),
                ("year", "2030"),
                ("status", "in_progress"),
            ],
        )
        .await;
    assert!(edited.status.is_redirection(), "{}", edited.body);
    let read = analyst.get(&update).await;
    assert_eq!(read.status, 200);
    assert!(read.body.contains("Refresh the safeguarding policy"), "{}", read.body);
    assert!(!read.body.contains("Rewritten after the update"));

    // Hand count: one organisation invited, it submitted, it sent the first update;
    // the second date is asked of it too and not yet sent.
    let list = analyst.get(&format!("/cycles/{c1}/plan-updates")).await;
    let want_first = format!(
        "1 of 1 organisation that submitted a return before {} has sent the {} {} update (100%).",
        long(first),
        first.month(),
        first.year()
    );
    let want_second = format!(
        "0 of 1 organisation that submitted a return before {} has sent the {} {} update (0%).",
        long(second),
        second.month(),
        second.year()
    );
    assert!(list.body.contains(&want_first), "{}", list.body);
    assert!(list.body.contains(&want_second), "{}", list.body);
    let csv = analyst.get(&format!("/cycles/{c1}/plan-updates.csv")).await;
    assert_eq!(csv_heading(&csv.body)[0], "Action-plan updates");
    let today = OffsetDateTime::now_utc().date();
    assert!(
        csv.body.contains(&format!("Organisation One,{today},Sent on {today},Not due yet")),
        "{}",
        csv.body
    );

    // Another partnership does not see it.
    let p2 = app.signed_in(P2_ADMIN).await;
    assert_eq!(p2.get(&update).await.status, 404);
    assert_eq!(p2.get(&format!("/cycles/{c1}/plan-updates")).await.status, 404);
    assert_eq!(app.signed_in(O1_CONTRIBUTOR).await.get(&update).await.status, 403);

    // Challenge and reply, in the return's threads.
    let panel = app.signed_in(P1_PANEL).await;
    let raised =
        panel.post(&update, &[("kind", "challenge"), ("message", "Why has the policy not started?")]).await;
    let thread = path_of(&raised);
    assert!(thread.contains("/threads/"), "{thread}");
    let (subject, _) = app.last_mail_to(O1_LEAD).await.unwrap();
    assert!(subject.contains("has challenged your action-plan update"), "{subject}");
    let answered =
        lead.post(&thread, &[("step", "answer"), ("answer", "It starts in January with a new lead.")]).await;
    assert!(answered.status.is_redirection(), "{}", answered.body);
    let read = analyst.get(&update).await;
    assert!(read.body.contains("It starts in January with a new lead."), "{}", read.body);
    assert!(read.body.contains("Answered"));
    // The return's own page does not list the update's thread.
    let return_page = thread.split("/threads/").next().unwrap().to_owned();
    assert!(!analyst.get(&return_page).await.body.contains("Why has the policy not started?"));
}
