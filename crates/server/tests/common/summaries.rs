//! A child-friendly summary of partnership one's cycle, and a question from children
//! and young people answered at one of its meetings, made through the real stores.

use osa_core::meeting::{MeetingState, Outcome, QuestionSource};
use osa_core::young_peoples_summary::Summary;
use osa_server::meetings::store::{self as meetings, NewCypQuestion, NewMeeting, Recorded};
use osa_server::young_peoples_summary::store;
use time::OffsetDateTime;

use super::TestApp;
use super::world::*;

async fn admin(app: &TestApp) -> i64 {
    osa_server::accounts::store::user_by_email(app.db(), P1_ADMIN).await.unwrap().unwrap().id
}

/// Starts a short summary of `world.p1_cycle` and publishes it; gives its slug.
pub async fn published_summary(app: &TestApp, world: &World) -> String {
    let admin = admin(app).await;
    let summary = Summary {
        title: "What we found out".into(),
        intro: "We are Partnership One.".into(),
        asked: "We asked one organisation.".into(),
        told: "It told us a lot.".into(),
        questions: vec![],
        changes: vec![],
        closing: String::new(),
    };
    let now = OffsetDateTime::now_utc();
    store::create(app.db(), admin, world.p1_cycle, world.p1, "partnership-one-audit-2027", &summary, now)
        .await
        .unwrap();
    let row = store::of_cycle(app.db(), world.p1_cycle).await.unwrap().unwrap();
    assert!(store::publish(app.db(), admin, &row, now).await.unwrap());
    row.slug
}

/// A question from children and young people of partnership one, asked of
/// organisation one at a held meeting of `world.p1_cycle`, answered with `answer` and
/// given `outcome`. Gives the question's id.
pub async fn answered_cyp_question(
    app: &TestApp,
    world: &World,
    question: &str,
    answer: &str,
    outcome: Outcome,
) -> i64 {
    let admin = admin(app).await;
    let mut tx = app.db().begin().await.unwrap();
    let raised_on = time::macros::date!(2027 - 02 - 14);
    let cyp = meetings::add_cyp_question(
        &mut tx,
        admin,
        &NewCypQuestion { partnership: world.p1, question, source: "Youth council", raised_on },
    )
    .await
    .unwrap();
    let meeting = NewMeeting {
        partnership: world.p1,
        cycle: world.p1_cycle,
        organisation: world.o1,
        held_on: time::macros::date!(2027 - 05 - 12),
        agenda: "Introductions",
        panel: &[],
    };
    let id = meetings::schedule(&mut tx, admin, &meeting).await.unwrap();
    let asked = meetings::add_question(
        &mut tx,
        admin,
        id,
        QuestionSource::ChildrenAndYoungPeople,
        question,
        Some(cyp),
    )
    .await
    .unwrap();
    assert!(
        meetings::advance(&mut tx, admin, id, MeetingState::Scheduled, MeetingState::Held).await.unwrap()
    );
    let recorded = [Recorded { question: asked, answer: answer.into(), outcome: Some(outcome) }];
    assert!(meetings::record(&mut tx, admin, id, "Notes", &recorded).await.unwrap());
    tx.commit().await.unwrap();
    cyp
}
