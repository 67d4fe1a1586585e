//! Check answers, sign off and submit: only complete assessments are signed off, a
//! change withdraws the sign-off, and a submitted return reaches every partnership.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a test or benchmark stops loudly at the step that failed"
)]

mod common;

use common::journey::answer_standard_one;
use common::world::*;
use common::{Client, TestApp};
use sea_query::{Expr, ExprTrait, Query};

async fn answer(lead: &Client, world: &World, value: &str) {
    answer_standard_one(lead, world, value).await
}

fn check_path(world: &World) -> String {
    format!("/assessments/{}/check", world.o1_assessment)
}

#[tokio::test]
async fn missing_answers_block_sign_off_and_are_listed_with_links() {
    let app = TestApp::spawn().await;
    let world = World::build(&app).await;
    let signoff = app.signed_in(O1_SIGNOFF).await;
    let page = signoff.get(&check_path(&world)).await;
    assert!(page.body.contains("Answers still needed"));
    assert!(page.body.contains(&format!("/assessments/{}/standards/1#1-1-value", world.o1_assessment)));
    assert!(!page.body.contains("Sign off the return"));
    signoff.post(&format!("/assessments/{}/sign-off", world.o1_assessment), &[("declaration", "yes")]).await;
    assert!(signoff.get(&check_path(&world)).await.body.contains("Every required answer must be given"));
}

#[tokio::test]
async fn a_signed_off_return_is_submitted_to_every_partnership_and_the_lead_gets_a_copy() {
    use osa_server::db::schema::ReturnPartnerships;
    let app = TestApp::spawn().await;
    let world = World::build(&app).await;
    let lead = app.signed_in(O1_LEAD).await;
    answer(&lead, &world, "90").await;

    let signoff = app.signed_in(O1_SIGNOFF).await;
    assert!(signoff.get(&check_path(&world)).await.body.contains("Sign off the return"));
    signoff.post(&format!("/assessments/{}/sign-off", world.o1_assessment), &[]).await;
    assert!(signoff.get(&check_path(&world)).await.body.contains("Confirm the declaration"));
    signoff.post(&format!("/assessments/{}/sign-off", world.o1_assessment), &[("declaration", "yes")]).await;
    assert!(lead.get(&check_path(&world)).await.body.contains("Submit the return"));

    let submitted = lead.post(&format!("/assessments/{}/submit", world.o1_assessment), &[]).await;
    assert!(submitted.status.is_redirection());
    let page = lead.get(&check_path(&world)).await;
    assert!(page.body.contains("Return submitted to Partnership One."));
    assert!(page.body.contains("Returns submitted"));
    let (subject, _) = app.last_mail_to(O1_LEAD).await.expect("a copy for the lead");
    assert!(subject.starts_with("Return submitted"));
    let sent: Vec<(i64,)> = app
        .db()
        .fetch_all(
            &Query::select()
                .column(ReturnPartnerships::PartnershipId)
                .from(ReturnPartnerships::Table)
                .to_owned(),
        )
        .await
        .unwrap();
    assert_eq!(sent, vec![(world.p1,)]);

    // The assessment stays open to improve after submission.
    answer(&lead, &world, "95").await;
}

#[tokio::test]
async fn a_change_after_sign_off_withdraws_it() {
    use osa_server::db::schema::Returns;
    let app = TestApp::spawn().await;
    let world = World::build(&app).await;
    let lead = app.signed_in(O1_LEAD).await;
    answer(&lead, &world, "90").await;
    let signoff = app.signed_in(O1_SIGNOFF).await;
    signoff.post(&format!("/assessments/{}/sign-off", world.o1_assessment), &[("declaration", "yes")]).await;
    answer(&lead, &world, "80").await;
    let page = lead.get(&check_path(&world)).await;
    assert!(page.body.contains("Not signed off"));
    assert!(!page.body.contains("Submit the return"));
    let nothing = lead.post(&format!("/assessments/{}/submit", world.o1_assessment), &[]).await;
    assert!(nothing.status.is_redirection());
    let states: Vec<(String,)> = app
        .db()
        .fetch_all(
            &Query::select()
                .column(Returns::State)
                .from(Returns::Table)
                .and_where(Expr::col(Returns::AssessmentId).eq(world.o1_assessment))
                .to_owned(),
        )
        .await
        .unwrap();
    assert_eq!(states, vec![("withdrawn".to_owned(),)]);
}

#[tokio::test]
async fn the_lead_cannot_sign_off_their_own_return() {
    let app = TestApp::spawn().await;
    let world = World::build(&app).await;
    let lead = app.signed_in(O1_LEAD).await;
    answer(&lead, &world, "90").await;
    let refused =
        lead.post(&format!("/assessments/{}/sign-off", world.o1_assessment), &[("declaration", "yes")]).await;
    assert_eq!(refused.status, 403);
}

/// The return a submission made, by its assessment.
async fn submitted_return_id(app: &TestApp, world: &World) -> i64 {
    use osa_server::db::schema::Returns;
    let (id,): (i64,) = app
        .db()
        .fetch_one(
            &Query::select()
                .column(Returns::Id)
                .from(Returns::Table)
                .and_where(Expr::col(Returns::AssessmentId).eq(world.o1_assessment))
                .and_where(Expr::col(Returns::State).eq("submitted"))
                .to_owned(),
        )
        .await
        .unwrap();
    id
}

#[tokio::test]
async fn submitting_emails_the_lead_a_link_to_the_returns_pdf_copy_and_no_one_else() {
    let app = TestApp::spawn().await;
    let world = World::build(&app).await;
    // A second lead of the organisation hears too; a platform admin submits for it.
    let hash = osa_server::accounts::password::hash(common::PASSWORD.to_owned()).await.unwrap();
    let mut tx = app.db().begin().await.unwrap();
    let (second, _) = osa_server::accounts::store::find_or_create_user(
        &mut tx,
        None,
        "o1.deputy@test.example",
        "Deputy lead",
        Some(hash),
        false,
    )
    .await
    .unwrap();
    osa_server::accounts::store::grant_org_role(
        &mut tx,
        None,
        second,
        world.o1,
        osa_core::tenancy::OrgRole::SafeguardingLead,
    )
    .await
    .unwrap();
    tx.commit().await.unwrap();
    let lead = app.signed_in(O1_LEAD).await;
    answer(&lead, &world, "90").await;
    let signoff = app.signed_in(O1_SIGNOFF).await;
    signoff.post(&format!("/assessments/{}/sign-off", world.o1_assessment), &[("declaration", "yes")]).await;
    let admin = app.signed_in(PLATFORM_ADMIN).await;
    let submitted = admin.post(&format!("/assessments/{}/submit", world.o1_assessment), &[]).await;
    assert!(submitted.status.is_redirection());
    let id = submitted_return_id(&app, &world).await;

    for to in [O1_LEAD, "o1.deputy@test.example"] {
        let (subject, body) = app.last_mail_to(to).await.unwrap_or_else(|| panic!("no mail to {to}"));
        assert!(subject.starts_with("Return submitted"), "{subject}");
        assert!(body.contains(&format!("{}/returns/{id}/copy.pdf", app.address)), "{body}");
        assert_eq!(
            app.link_in_last_mail_to(to).await,
            format!("/returns/{id}/copy.pdf"),
            "the copy comes first"
        );
    }
    for other in [PLATFORM_ADMIN, O1_SIGNOFF, O1_CONTRIBUTOR, P1_ADMIN, O2_LEAD] {
        assert!(app.last_mail_to(other).await.is_none(), "{other} was sent a copy");
    }

    // The link opens the PDF for the lead.
    let link = app.link_in_last_mail_to(O1_LEAD).await;
    let response = lead.http.get(format!("{}{link}", lead.base)).send().await.unwrap();
    assert_eq!(response.status(), 200);
    assert_eq!(response.headers()["content-type"], "application/pdf");
    assert!(response.bytes().await.unwrap().starts_with(b"%PDF"));
}
