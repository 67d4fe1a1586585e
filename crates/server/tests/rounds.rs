//! Carry forward: a new round starts from the last submitted return, marks every
//! carried answer "to confirm", and sign-off waits until each is confirmed or changed.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a test or benchmark stops loudly at the step that failed"
)]

mod common;

use common::journey::{answer_standard_one, hidden, sign_off_and_submit};
use common::world::*;
use common::{Client, TestApp};

fn task_list(world: &World) -> String {
    format!("/assessments/{}", world.o1_assessment)
}

fn rounds(world: &World) -> String {
    format!("/assessments/{}/rounds", world.o1_assessment)
}

/// Saves standard 1 with 1.1 ticked "still right" (unchanged) and 1.2 given `value`.
async fn confirm_first_and_answer_second(lead: &Client, world: &World, value: &str) -> common::Page {
    let path = format!("/assessments/{}/standards/1", world.o1_assessment);
    let page = lead.get(&path).await;
    let field = |name: &str| hidden(&page.body, name);
    lead.post(
        &path,
        &[
            ("value:1.1", "met"),
            ("narrative:1.1", "Named on posters."),
            ("version:1.1", &field("version:1.1")),
            ("orig:1.1", &field("orig:1.1")),
            ("confirm:1.1", "yes"),
            ("value:1.2", value),
            ("version:1.2", &field("version:1.2")),
            ("orig:1.2", &field("orig:1.2")),
        ],
    )
    .await
}

async fn submitted_world(app: &TestApp) -> (World, Client, Client) {
    let world = World::build(app).await;
    let lead = app.signed_in(O1_LEAD).await;
    let signoff = app.signed_in(O1_SIGNOFF).await;
    answer_standard_one(&lead, &world, "90").await;
    sign_off_and_submit(&signoff, &lead, &world).await;
    (world, lead, signoff)
}

#[tokio::test]
async fn no_round_starts_before_a_return_is_submitted() {
    let app = TestApp::spawn().await;
    let world = World::build(&app).await;
    let lead = app.signed_in(O1_LEAD).await;
    answer_standard_one(&lead, &world, "90").await;
    assert!(!lead.get(&task_list(&world)).await.body.contains("Start a new round"));
    let refused = lead.post(&rounds(&world), &[]).await;
    assert!(refused.status.is_redirection());
    let page = lead.get(&task_list(&world)).await;
    assert!(page.body.contains("submit this round"), "{}", page.body);
    assert!(!page.body.contains("To confirm"));
}

#[tokio::test]
async fn a_new_round_marks_carried_answers_to_confirm_and_blocks_sign_off() {
    let app = TestApp::spawn().await;
    let (world, lead, signoff) = submitted_world(&app).await;
    assert!(lead.get(&task_list(&world)).await.body.contains("Start a new round"));
    let started = lead.post(&rounds(&world), &[]).await;
    assert!(started.status.is_redirection());

    let page = lead.get(&task_list(&world)).await;
    assert!(page.body.contains("2 answers were carried forward"), "{}", page.body);
    assert!(page.body.contains("2 to confirm"));
    assert!(!page.body.contains("Start a new round"), "one round per return");

    let check = signoff.get(&format!("/assessments/{}/check", world.o1_assessment)).await;
    assert!(check.body.contains("Answers to confirm"));
    assert!(!check.body.contains("Sign off the return"));
    signoff.post(&format!("/assessments/{}/sign-off", world.o1_assessment), &[("declaration", "yes")]).await;
    let check = signoff.get(&format!("/assessments/{}/check", world.o1_assessment)).await;
    assert!(check.body.contains("Confirm or change every carried-forward answer"));

    // The carried answers are still there, unchanged.
    let standard = lead.get(&format!("/assessments/{}/standards/1", world.o1_assessment)).await;
    assert!(standard.body.contains("Named on posters."));
    assert!(standard.body.contains("This answer is still right"));
}

#[tokio::test]
async fn confirming_or_changing_each_answer_clears_the_marks() {
    let app = TestApp::spawn().await;
    let (world, lead, signoff) = submitted_world(&app).await;
    lead.post(&rounds(&world), &[]).await;
    // 1.1 confirmed as it stands; 1.2 changed from 90 to 95.
    let saved = confirm_first_and_answer_second(&lead, &world, "95").await;
    assert!(saved.status.is_redirection(), "{}", saved.body);
    let tasks = lead.get(&task_list(&world)).await;
    assert!(!tasks.body.contains("To confirm"), "{}", tasks.body);
    let check = signoff.get(&format!("/assessments/{}/check", world.o1_assessment)).await;
    assert!(!check.body.contains("Answers to confirm"));
    assert!(check.body.contains("Sign off the return"));
}

#[tokio::test]
async fn confirming_alone_changes_no_answer() {
    let app = TestApp::spawn().await;
    let (world, lead, _) = submitted_world(&app).await;
    lead.post(&rounds(&world), &[]).await;
    let before = lead.get(&format!("/assessments/{}/history", world.o1_assessment)).await.body;
    confirm_first_and_answer_second(&lead, &world, "90").await;
    let tasks = lead.get(&task_list(&world)).await;
    assert!(tasks.body.contains("Confirmed 1 answer in"), "{}", tasks.body);
    assert!(tasks.body.contains("1 to confirm"), "1.2 is still to confirm");
    let after = lead.get(&format!("/assessments/{}/history", world.o1_assessment)).await.body;
    assert_eq!(before.matches("Named on posters.").count(), after.matches("Named on posters.").count());
}

#[tokio::test]
async fn only_the_lead_starts_a_round() {
    let app = TestApp::spawn().await;
    let (world, _, signoff) = submitted_world(&app).await;
    assert_eq!(signoff.post(&rounds(&world), &[]).await.status, 403);
    let contributor = app.signed_in(O1_CONTRIBUTOR).await;
    assert_eq!(contributor.post(&rounds(&world), &[]).await.status, 403);
    let other = app.signed_in(O2_LEAD).await;
    assert_eq!(other.post(&rounds(&world), &[]).await.status, 404);
    let lead = app.signed_in(O1_LEAD).await;
    assert!(lead.get(&task_list(&world)).await.body.contains("Start a new round"), "nothing was started");
}

#[tokio::test]
async fn a_damaged_snapshot_never_starts_an_empty_round() {
    use osa_server::db::schema::{Returns, Rounds};
    use sea_query::{Expr, ExprTrait, Query};

    let app = TestApp::spawn().await;
    let (world, lead, _signoff) = submitted_world(&app).await;
    app.db()
        .execute(
            &Query::update()
                .table(Returns::Table)
                .value(
                    Returns::Snapshot,
                    "{\"framework_id\": 1, \"answers\": {\"1.1\": {\"rating\": \"superb\"}}}",
                )
                .and_where(Expr::col(Returns::AssessmentId).eq(world.o1_assessment))
                .to_owned(),
        )
        .await
        .unwrap();
    let refused = lead.post(&rounds(&world), &[]).await;
    assert_eq!(refused.status, 500, "a snapshot osa cannot read is an error, not an empty round");
    let (count,): (i64,) = app
        .db()
        .fetch_one(&Query::select().expr(Expr::col(Rounds::Id).count()).from(Rounds::Table).to_owned())
        .await
        .unwrap();
    assert_eq!(count, 0, "no round was recorded");
    assert!(!lead.get(&task_list(&world)).await.body.contains("To confirm"));
}
