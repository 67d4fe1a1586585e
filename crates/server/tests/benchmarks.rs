//! Benchmarking: an organisation sees its standing per standard beside its sector's
//! shares across the partnership, anonymised, and only for groups of at least five.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a test or benchmark stops loudly at the step that failed"
)]

mod common;

use common::TestApp;
use common::direct::{self, DirectReturn};
use common::journey::{answer_standard_one, sign_off_and_submit};
use common::world::*;
use osa_core::assessment::Answer;
use osa_core::framework::{AnswerType, Rating};
use osa_core::tenancy::{DutyStatus, Sector};
use osa_server::organisations::store::{self as orgs, NewOrganisation};

/// Another voluntary group of partnership one, asked in its cycle, that has submitted
/// a return rating every criterion `rating`. Made through the same writes as a
/// person's sign-off and submission.
async fn neighbour_with_return(app: &TestApp, world: &World, name: &str, rating: Rating) {
    use osa_server::cycles::store::{self, NewInvitation};
    let db = app.db();
    let admin = osa_server::accounts::store::user_by_email(db, PLATFORM_ADMIN).await.unwrap().unwrap().id;
    let mut tx = db.begin().await.unwrap();
    let org = NewOrganisation { name, sector: Sector::VoluntaryAndCommunity, duty: DutyStatus::Voluntary };
    let id = orgs::create(&mut tx, None, &org).await.unwrap();
    orgs::add_area(&mut tx, id, world.p1).await.unwrap();
    let invitation = NewInvitation {
        organisation: id,
        framework_id: world.framework_v1,
        framework_key: "test-framework".into(),
    };
    store::invite(&mut tx, world.p1_cycle, admin, &invitation).await.unwrap();
    tx.commit().await.unwrap();

    let framework =
        osa_server::frameworks::store::load(db, world.framework_v1).await.unwrap().unwrap().framework;
    let answers = framework
        .standards
        .iter()
        .flat_map(|s| s.criteria.iter())
        .map(|c| {
            let mut a = Answer { narrative: "As the board agreed.".into(), ..Answer::default() };
            match c.answer {
                AnswerType::Rating => a.rating = Some(rating),
                AnswerType::YesNo => a.yes_no = Some(rating == Rating::Met),
                AnswerType::Percentage | AnswerType::Number => a.number = Some(50.0),
                AnswerType::Text => a.text = Some("The lead".into()),
            }
            (c.code.clone(), a)
        })
        .collect();
    let made = DirectReturn {
        organisation: id,
        framework_id: world.framework_v1,
        framework_key: "test-framework",
        framework: &framework,
        answers: &answers,
        sector: Sector::VoluntaryAndCommunity,
        duty: DutyStatus::Voluntary,
        by: admin,
        to: &[world.p1],
    };
    assert!(direct::sign_off_and_submit(db, &made).await.is_some());
}

#[tokio::test]
async fn the_sector_is_shown_only_once_five_organisations_can_be_compared() {
    let app = TestApp::spawn().await;
    let world = World::build(&app).await;
    let lead = app.signed_in(O1_LEAD).await;
    let page = format!("/organisations/{}/benchmark", world.o1);
    assert!(lead.get(&page).await.body.contains("There is nothing to compare yet"));

    answer_standard_one(&lead, &world, "90").await;
    sign_off_and_submit(&app.signed_in(O1_SIGNOFF).await, &lead, &world).await;
    for (name, rating) in
        [("Alder Youth Club", Rating::Met), ("Birch Scouts", Rating::NotMet), ("Cedar Choir", Rating::Met)]
    {
        neighbour_with_return(&app, &world, name, rating).await;
    }
    let four = lead.get(&page).await;
    assert_eq!(four.status, 200);
    assert!(four.body.contains("Not enough organisations to compare"), "{}", four.body);
    assert!(!four.body.contains("% fully met"), "no figure from four organisations");

    neighbour_with_return(&app, &world, "Damson Dance School", Rating::PartiallyMet).await;
    let five = app.signed_in(O1_SIGNOFF).await.get(&page).await;
    // Standard 1: o1 met, two more met, one partly, one not met.
    assert!(
        five.body.contains("60% fully met, 20% partially met, 20% not met (5 organisations)"),
        "{}",
        five.body
    );
    assert!(five.body.contains("Audit 2027"));
    for neighbour in ["Alder Youth Club", "Birch Scouts", "Cedar Choir", "Damson Dance School"] {
        assert!(!five.body.contains(neighbour), "{neighbour} is named");
    }
}

#[tokio::test]
async fn only_the_people_who_read_every_standard_see_the_comparison() {
    let app = TestApp::spawn().await;
    let world = World::build(&app).await;
    let page = format!("/organisations/{}/benchmark", world.o1);
    assert_eq!(app.signed_in(O1_CONTRIBUTOR).await.get(&page).await.status, 403);
    assert_eq!(app.signed_in(O2_LEAD).await.get(&page).await.status, 404);
    assert_eq!(app.signed_in(P1_ANALYST).await.get(&page).await.status, 404, "staff have the dashboard");
    let list = app.signed_in(O1_LEAD).await.get(&format!("/organisations/{}/assessments", world.o1)).await;
    assert!(list.body.contains(&page), "the self-assessments page links to it");
    let list =
        app.signed_in(O1_CONTRIBUTOR).await.get(&format!("/organisations/{}/assessments", world.o1)).await;
    assert!(!list.body.contains(&page));
}
