//! The state checks that guard a sign-off are made inside its write: several senior
//! sign-off presses at the same moment (two tabs, a double click, two people) record
//! one signed-off return, never two.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a test or benchmark stops loudly at the step that failed"
)]

mod common;

use common::TestApp;
use common::journey::answer_standard_one;
use common::world::*;
use osa_server::db::schema::Returns;
use sea_query::{Expr, ExprTrait, Query};

#[tokio::test]
async fn sign_offs_pressed_at_the_same_moment_record_one_return() {
    let app = TestApp::spawn().await;
    let world = World::build(&app).await;
    answer_standard_one(&app.signed_in(O1_LEAD).await, &world, "90").await;
    let path = format!("/assessments/{}/sign-off", world.o1_assessment);
    // Each press from its own session, with its own form token, as from separate tabs.
    let mut signers = Vec::new();
    for _ in 0..6 {
        let client = app.signed_in(O1_SIGNOFF).await;
        let token = client.token().await;
        signers.push((client, token));
    }
    let path = &path;
    let presses = signers.iter().map(|(client, token)| async move {
        client.post_raw(path, &[("declaration", "yes"), ("csrf_token", token.as_str())]).await
    });
    for page in futures_util::future::join_all(presses).await {
        assert!(page.status.is_redirection(), "{} {}", page.status, page.body);
    }
    let (signed_off,): (i64,) = app
        .db()
        .fetch_one(
            &Query::select()
                .expr(Expr::col(Returns::Id).count())
                .from(Returns::Table)
                .and_where(Expr::col(Returns::AssessmentId).eq(world.o1_assessment))
                .to_owned(),
        )
        .await
        .unwrap();
    assert_eq!(signed_off, 1, "one sign-off is recorded however many presses arrive together");
}
