//! A signed-in person's session stays alive while they work: its idle expiry slides
//! with activity (written again at most every ten minutes), instead of ending eight
//! hours after sign-in because reading and saving pages changes nothing in the session.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a test or benchmark stops loudly at the step that failed"
)]

mod common;

use common::TestApp;
use common::world::*;
use osa_server::db::schema::Sessions;
use osa_server::web::SESSION_IDLE_MINUTES;
use sea_query::{Expr, ExprTrait, Query};
use time::{Duration, OffsetDateTime};

async fn the_session(app: &TestApp) -> (String, String, OffsetDateTime) {
    app.db()
        .fetch_one(
            &Query::select()
                .columns([Sessions::Id, Sessions::Data, Sessions::ExpiresAt])
                .from(Sessions::Table)
                .and_where(Expr::col(Sessions::UserId).is_not_null())
                .to_owned(),
        )
        .await
        .unwrap()
}

/// Makes the session look as it would after `hours` of work that changed nothing in it.
async fn age_session(app: &TestApp, hours: i64) {
    let (id, data, _) = the_session(app).await;
    let mut data: serde_json::Value = serde_json::from_str(&data).unwrap();
    let then = OffsetDateTime::now_utc() - Duration::hours(hours);
    data["seen"] = then.unix_timestamp().into();
    let expires = then + Duration::minutes(SESSION_IDLE_MINUTES);
    app.db()
        .execute(
            &Query::update()
                .table(Sessions::Table)
                .value(Sessions::Data, data.to_string())
                .value(Sessions::ExpiresAt, expires)
                .and_where(Expr::col(Sessions::Id).eq(id))
                .to_owned(),
        )
        .await
        .unwrap();
}

#[tokio::test]
async fn working_keeps_a_session_alive_past_eight_hours_from_sign_in() {
    let app = TestApp::spawn().await;
    let world = World::build(&app).await;
    let lead = app.signed_in(O1_LEAD).await;
    assert_eq!(lead.get("/").await.status, 200);
    age_session(&app, 7).await;

    let page = lead.get(&format!("/assessments/{}", world.o1_assessment)).await;
    assert_eq!(page.status, 200);
    let cookie = page.headers.get("set-cookie").map(|v| v.to_str().unwrap().to_owned()).unwrap_or_default();
    assert!(cookie.starts_with("osa_session="), "the browser's cookie is renewed too: {cookie:?}");
    let (_, _, expires) = the_session(&app).await;
    let left = expires - OffsetDateTime::now_utc();
    assert!(left > Duration::hours(7), "the idle expiry slid forward with activity: {left}");
}

#[tokio::test]
async fn pages_read_in_quick_succession_write_the_session_once() {
    let app = TestApp::spawn().await;
    let world = World::build(&app).await;
    let lead = app.signed_in(O1_LEAD).await;
    lead.get("/").await;
    let (_, _, first) = the_session(&app).await;
    for _ in 0..3 {
        let page = lead.get(&format!("/assessments/{}", world.o1_assessment)).await;
        assert_eq!(page.status, 200);
        assert!(page.headers.get("set-cookie").is_none(), "no write, no new cookie, within ten minutes");
    }
    let (_, _, after) = the_session(&app).await;
    assert_eq!(first, after, "the stored expiry is not rewritten on every request");
}

#[tokio::test]
async fn the_anonymous_survey_never_touches_a_signed_in_persons_session() {
    let app = TestApp::spawn().await;
    let world = World::build(&app).await;
    let (_, token) = common::surveys::open_survey(&app, &world).await;
    let lead = app.signed_in(O1_LEAD).await;
    age_session(&app, 7).await;
    let (_, before_data, before_expiry) = the_session(&app).await;
    let form = lead.get(&format!("/survey/{token}")).await;
    assert_eq!(form.status, 200, "{}", form.body);
    assert!(form.headers.get("set-cookie").is_none());
    let (_, after_data, after_expiry) = the_session(&app).await;
    assert_eq!((after_data, after_expiry), (before_data, before_expiry), "no write, not even of activity");
}
