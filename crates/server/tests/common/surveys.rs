//! A practitioner survey on partnership one's cycle, made the way the form makes one.

use osa_server::surveys::store::{self, NewSurvey};

use super::TestApp;
use super::world::*;

pub const SURVEY_QUESTIONS: [&str; 3] = [
    "Do you know who the safeguarding lead is?",
    "Do you know how to raise a concern?",
    "Would you feel safe raising a concern?",
];

/// Opens a survey of three questions (all linked to criterion 1.1, the test
/// framework's one rated criterion) on `world.p1_cycle`, as partnership one's admin.
/// Gives the survey and organisation one's link token.
pub async fn open_survey(app: &TestApp, world: &World) -> (i64, String) {
    let admin = osa_server::accounts::store::user_by_email(app.db(), P1_ADMIN).await.unwrap().unwrap().id;
    let new = NewSurvey {
        cycle: world.p1_cycle,
        title: "Practitioner survey".into(),
        closes_on: None,
        questions: SURVEY_QUESTIONS.iter().map(|q| ("1.1".to_owned(), (*q).to_owned())).collect(),
    };
    let mut tx = app.db().begin().await.unwrap();
    let id = store::create(&mut tx, admin, &new).await.unwrap();
    tx.commit().await.unwrap();
    let links = store::links(app.db(), id).await.unwrap();
    let link = links.iter().find(|l| l.organisation_id == world.o1).expect("organisation one has a link");
    (id, link.token.clone())
}

/// Issues `n` response codes for `organisation`'s practitioners, the way the codes
/// page does, and gives them back as printed.
pub async fn issue_codes(app: &TestApp, survey: i64, organisation: i64, n: usize) -> Vec<String> {
    let mut tx = app.db().begin().await.unwrap();
    let codes = osa_server::surveys::codes_store::issue(&mut tx, survey, organisation, n).await.unwrap();
    tx.commit().await.unwrap();
    codes
}
