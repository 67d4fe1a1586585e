//! The dashboard's figures as a board would quote them, checked against a hand count
//! of the returns: every share is of the organisations for whom the standard or
//! question applies (those answering it not applicable counted apart), the page says
//! what each share divides by, each percentage is rounded half up on its own, and
//! confirmed non-submissions are named with their reasons.
//!
//! The cycle (returns made through the same sign-off and submit writes a person's go
//! through), counted by hand:
//! - 21 submitted returns: organisations 1 to 6 are health, 7 to 21 voluntary groups.
//! - Question 1.1 (rating): 1 to 11 met, 12 to 18 partly met, 19 to 21 not met;
//!   question 1.2 (yes or no): yes for everyone. Standard 1 so stands 11 green, 7
//!   amber, 3 red: 52%, 33%, 14% of 21 (the old largest-remainder rounding showed 53%).
//! - Question 2.1 (rating, may be not applicable): met by 1 to 20, not applicable for
//!   21 (a group that commissions nothing). Question 2.2 (health only): 1 and 2 met,
//!   3 and 4 partly, 5 and 6 not met: 33% each (the old rounding showed 34%).
//! - Standard 2 so stands green for 1, 2 and 7 to 20, amber for 3 and 4, red for 5
//!   and 6, and green but not applicable for 21: 16 of 20 fully met (80%), not 17 of 21.
//! - One confirmed non-submission with its reason, and one invitation not started.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a test or benchmark stops loudly at the step that failed"
)]

mod common;

use common::direct::{self, DirectReturn};
use common::world::*;
use common::{Client, TestApp};
use osa_core::assessment::Answer;
use osa_core::framework::Rating;
use osa_core::tenancy::{DutyStatus, Sector};
use osa_server::cycles::store::{self as cycles, NewCycle, NewInvitation};
use osa_server::organisations::store::{self as orgs, NewOrganisation};

const FRAMEWORK: &str = r#"
[framework]
key = "figures"
name = "Figures framework"
audience = "children"
version = 1
description = "Two standards, one of which may not apply."
standing_rule = "default"

[[standards]]
code = "1"
title = "Leadership"
outcome = "Everyone knows who leads."

[[standards.criteria]]
code = "1.1"
question = "We have a clear escalation route."
guidance = "Write it down."
evidence = ["Policy"]
answer = "rating"
not_applicable = false
narrative_required = false

[[standards.criteria]]
code = "1.2"
question = "Is the policy on the website?"
guidance = "Yes or no."
evidence = ["Link"]
answer = "yes_no"
not_applicable = false
narrative_required = false

[[standards]]
code = "2"
title = "Commissioning"
outcome = "Services bought in keep children safe."

[[standards.criteria]]
code = "2.1"
question = "Contracts ask providers to follow local procedures."
guidance = "Not applicable if you commission nothing."
evidence = ["Contract"]
answer = "rating"
not_applicable = true
narrative_required = false

[[standards.criteria]]
code = "2.2"
question = "Commissioned health services are audited."
guidance = "Health only."
evidence = ["Audit"]
answer = "rating"
not_applicable = true
narrative_required = false
sectors = ["health"]
"#;

fn rating(n: i64, question: &str) -> Option<Rating> {
    use Rating::*;
    Some(match question {
        "1.1" if n <= 11 => Met,
        "1.1" if n <= 18 => PartiallyMet,
        "1.1" => NotMet,
        "2.1" if n == 21 => NotApplicable,
        "2.1" => Met,
        "2.2" if n > 6 => return None,
        "2.2" if n <= 2 => Met,
        "2.2" if n <= 4 => PartiallyMet,
        "2.2" => NotMet,
        _ => return None,
    })
}

struct Cycle {
    id: i64,
}

async fn cycle_of_21_returns(app: &TestApp, world: &World) -> Cycle {
    let db = app.db();
    let admin = osa_server::accounts::store::user_by_email(db, P1_ADMIN).await.unwrap().unwrap().id;
    let framework_id = match osa_server::frameworks::import::import(
        db,
        Some(world.p1),
        None,
        false,
        FRAMEWORK.as_bytes(),
        true,
    )
    .await
    {
        Ok(done) => done.id,
        Err(_) => panic!("the figures framework did not import"),
    };
    let framework = osa_server::frameworks::store::load(db, framework_id).await.unwrap().unwrap().framework;
    let today = time::OffsetDateTime::now_utc().date();
    let mut tx = db.begin().await.unwrap();
    let new = NewCycle {
        partnership: world.p1,
        name: "Figures audit".into(),
        main_framework: framework_id,
        by_sector: Vec::new(),
        opens_on: today,
        due_on: today + time::Duration::days(30),
        updates_due: Vec::new(),
        neighbours: Vec::new(),
    };
    let cycle = cycles::create(&mut tx, admin, &new).await.unwrap();
    let mut organisations = Vec::new();
    for n in 1..=23_i64 {
        let sector = if n <= 6 { Sector::Health } else { Sector::VoluntaryAndCommunity };
        let duty = if n <= 6 { DutyStatus::Statutory } else { DutyStatus::Voluntary };
        let name = format!("Organisation {n:02}");
        let id = orgs::create(&mut tx, None, &NewOrganisation { name: &name, sector, duty }).await.unwrap();
        orgs::add_area(&mut tx, id, world.p1).await.unwrap();
        let invitation = NewInvitation { organisation: id, framework_id, framework_key: "figures".into() };
        assert!(cycles::invite(&mut tx, cycle, admin, &invitation).await.unwrap());
        organisations.push((n, id, sector, duty));
    }
    tx.commit().await.unwrap();

    for &(n, id, sector, duty) in organisations.iter().filter(|(n, ..)| *n <= 21) {
        let answers = ["1.1", "1.2", "2.1", "2.2"]
            .into_iter()
            .filter_map(|q| {
                let answer = if q == "1.2" {
                    Answer { yes_no: Some(true), ..Answer::default() }
                } else {
                    Answer { rating: Some(rating(n, q)?), ..Answer::default() }
                };
                Some((q.to_owned(), answer))
            })
            .collect();
        let made = DirectReturn {
            organisation: id,
            framework_id,
            framework_key: "figures",
            framework: &framework,
            answers: &answers,
            sector,
            duty,
            by: admin,
            to: &[world.p1],
        };
        let sent = direct::sign_off_and_submit(db, &made).await;
        assert_eq!(sent.map(|s| s.cycles), Some(1), "organisation {n}'s return answers the cycle");
    }
    let exempt = organisations[21].1;
    let invitation = cycles::invitations(db, cycle).await.unwrap();
    let invitation = invitation.iter().find(|i| i.organisation_id == exempt).unwrap().id;
    let mut tx = db.begin().await.unwrap();
    assert!(
        cycles::record_non_submission(
            &mut tx,
            cycle,
            invitation,
            admin,
            Some("Closed in March, merged into the trust")
        )
        .await
        .unwrap()
    );
    tx.commit().await.unwrap();
    Cycle { id: cycle }
}

/// The cells of the table row whose header is `label`, as text.
fn row(body: &str, label: &str) -> Vec<String> {
    let html = scraper::Html::parse_document(body);
    let rows = scraper::Selector::parse("tr").unwrap();
    let cells = scraper::Selector::parse("th, td").unwrap();
    html.select(&rows)
        .map(|r| r.select(&cells).map(|c| c.text().collect::<String>().trim().to_owned()).collect::<Vec<_>>())
        .find(|r| r.first().is_some_and(|h| h == label))
        .unwrap_or_else(|| panic!("no row {label}"))
}

/// The texts of the paragraphs that say what shares divide by, in page order.
fn bases(body: &str) -> Vec<String> {
    let html = scraper::Html::parse_document(body);
    let basis = scraper::Selector::parse("p.osa-basis").unwrap();
    html.select(&basis)
        .map(|p| p.text().collect::<String>().split_whitespace().collect::<Vec<_>>().join(" "))
        .collect()
}

async fn csv_row(client: &Client, cycle: &Cycle, table: &str, starts: &str) -> String {
    let csv = client.get(&format!("/cycles/{}/dashboard.csv?table={table}", cycle.id)).await;
    assert_eq!(csv.status, 200);
    csv.body
        .lines()
        .find(|l| l.starts_with(starts))
        .unwrap_or_else(|| panic!("no {starts} in {}", csv.body))
        .to_owned()
}

#[tokio::test]
async fn a_standard_answered_not_applicable_is_counted_apart_not_as_fully_met() {
    let app = TestApp::spawn().await;
    let world = World::build(&app).await;
    let cycle = cycle_of_21_returns(&app, &world).await;
    let analyst = app.signed_in(P1_ANALYST).await;
    let page = analyst.get(&format!("/cycles/{}/dashboard", cycle.id)).await;
    assert_eq!(page.status, 200);
    assert_eq!(
        row(&page.body, "2. Commissioning"),
        ["2. Commissioning", "20", "16 (80%)", "2 (10%)", "2 (10%)", "1"]
    );
    assert_eq!(
        bases(&page.body)[0],
        "Shares are of the organisations for whom each standard applies: all 21 that submitted a return, except \
         2. Commissioning, 20 (1 answered it not applicable)."
    );
    // The CSV: applies to, then count and per cent of each outcome, then not applicable and not asked.
    assert_eq!(csv_row(&analyst, &cycle, "standards", "2 ").await, "2 Commissioning,20,16,80,2,10,2,10,1,0");
    // By sector: the voluntary groups' share is of the 14 for whom it applies.
    let sectors = csv_row(&analyst, &cycle, "sectors", "Voluntary and community,15,2 ").await;
    assert_eq!(sectors, "Voluntary and community,15,2 Commissioning,14,14,100,0,0,0,0,1,0");
    let voluntary = row(&page.body, "Voluntary and community");
    assert_eq!(voluntary[1..], ["15", "33% of 15", "100% of 14"]);
}

#[tokio::test]
async fn each_share_is_rounded_half_up_on_its_own_the_same_everywhere() {
    let app = TestApp::spawn().await;
    let world = World::build(&app).await;
    let cycle = cycle_of_21_returns(&app, &world).await;
    let analyst = app.signed_in(P1_ANALYST).await;
    let page = analyst.get(&format!("/cycles/{}/dashboard", cycle.id)).await;
    // 11, 7 and 3 of 21: 52.4, 33.3 and 14.3 round to 52, 33 and 14 (adding to 99).
    assert_eq!(
        row(&page.body, "1. Leadership"),
        ["1. Leadership", "21", "11 (52%)", "7 (33%)", "3 (14%)", "0"]
    );
    assert_eq!(csv_row(&analyst, &cycle, "standards", "1 ").await, "1 Leadership,21,11,52,7,33,3,14,0,0");
    // 2, 2 and 2 of 6 are 33% each.
    let health = csv_row(&analyst, &cycle, "sectors", "Health,6,2 ").await;
    assert_eq!(health, "Health,6,2 Commissioning,6,2,33,2,33,2,33,0,0");
    assert_eq!(row(&page.body, "Health")[1..], ["6", "100% of 6", "33% of 6"]);
    // The workbook holds the same figures as numbers.
    let response = analyst
        .http
        .get(format!("{}/cycles/{}/dashboard.xlsx", analyst.base, cycle.id))
        .send()
        .await
        .unwrap();
    let bytes = response.bytes().await.unwrap().to_vec();
    use calamine::{Data, Reader, Xlsx};
    let mut book: Xlsx<_> = Xlsx::new(std::io::Cursor::new(bytes)).unwrap();
    let standards = book.worksheet_range("standards").unwrap();
    let leadership: Vec<Data> =
        standards.rows().find(|r| r[0] == Data::String("1 Leadership".into())).unwrap().to_vec();
    assert_eq!(leadership[2..8], [11.0, 52.0, 7.0, 33.0, 3.0, 14.0].map(Data::Float));
}

#[tokio::test]
async fn each_question_is_shared_over_those_for_whom_it_applies() {
    let app = TestApp::spawn().await;
    let world = World::build(&app).await;
    let cycle = cycle_of_21_returns(&app, &world).await;
    let panel = app.signed_in(P1_PANEL).await;
    let page = panel.get(&format!("/cycles/{}/dashboard", cycle.id)).await;
    assert!(page.body.contains("Questions of 2. Commissioning"), "{}", page.body);
    assert_eq!(
        row(&page.body, "1.1 We have a clear escalation route."),
        ["1.1 We have a clear escalation route.", "21", "11 (52%)", "7 (33%)", "3 (14%)", "0"]
    );
    assert_eq!(
        row(&page.body, "1.2 Is the policy on the website?"),
        ["1.2 Is the policy on the website?", "21", "21 (100%)", "0 (0%)", "0 (0%)", "0"],
        "a yes counts as met"
    );
    assert_eq!(
        row(&page.body, "2.2 Commissioned health services are audited."),
        ["2.2 Commissioned health services are audited.", "6", "2 (33%)", "2 (33%)", "2 (33%)", "0"]
    );
    let all = bases(&page.body);
    assert!(
        all.contains(
            &"Shares are of the organisations for whom each question applies, of the 21 that submitted a \
              return: 2.1, 20 (1 answered it not applicable); 2.2, 6 (15 were not asked it)."
                .to_owned()
        ),
        "{all:?}"
    );
    assert_eq!(
        csv_row(&panel, &cycle, "criteria", "2 Commissioning,2.1,").await,
        "2 Commissioning,2.1,Contracts ask providers to follow local procedures.,20,20,100,0,0,0,0,1,0"
    );
    assert_eq!(
        csv_row(&panel, &cycle, "criteria", "2 Commissioning,2.2,").await,
        "2 Commissioning,2.2,Commissioned health services are audited.,6,2,33,2,33,2,33,0,15"
    );
}

#[tokio::test]
async fn confirmed_non_submissions_are_named_with_their_reasons_apart_from_the_outstanding() {
    let app = TestApp::spawn().await;
    let world = World::build(&app).await;
    let cycle = cycle_of_21_returns(&app, &world).await;
    let admin = app.signed_in(P1_ADMIN).await;
    let page = admin.get(&format!("/cycles/{}/dashboard", cycle.id)).await;
    assert_eq!(
        row(&page.body, "Organisation 22"),
        ["Organisation 22", "Closed in March, merged into the trust"]
    );
    // 21 of 23 invited: 91.3% rounds to 91%.
    assert!(
        page.body.contains("<strong>91%</strong> of invited organisations have submitted (21 of 23)"),
        "{}",
        page.body
    );
    let outstanding = admin.get(&format!("/cycles/{}/dashboard.csv?table=outstanding", cycle.id)).await;
    assert!(outstanding.body.contains("Organisation 23"));
    assert!(!outstanding.body.contains("Organisation 22"), "a confirmed non-submission is not outstanding");
    assert_eq!(
        csv_row(&admin, &cycle, "confirmed", "Organisation 22").await,
        "Organisation 22,\"Closed in March, merged into the trust\""
    );
}

#[tokio::test]
async fn returns_signed_off_before_ratings_were_kept_are_summarised_at_start_up() {
    let app = TestApp::spawn().await;
    let world = World::build(&app).await;
    let cycle = cycle_of_21_returns(&app, &world).await;
    // As the database stood before migration 19 for these returns: nothing kept but
    // the standings.
    for sql in [
        "DELETE FROM return_ratings",
        "DELETE FROM summarised_returns",
        "UPDATE return_standings SET applies = TRUE",
    ] {
        app.db().raw_execute(sql).await.unwrap();
    }
    let analyst = app.signed_in(P1_ANALYST).await;
    assert_eq!(
        csv_row(&analyst, &cycle, "standards", "2 ").await,
        "2 Commissioning,21,17,81,2,10,2,10,0,0",
        "what the dashboard showed before: the group that commissions nothing counted as fully met"
    );
    let done = osa_server::cycles::summaries::backfill(app.db()).await.unwrap();
    assert!(done >= 21, "{done}");
    assert_eq!(csv_row(&analyst, &cycle, "standards", "2 ").await, "2 Commissioning,20,16,80,2,10,2,10,1,0");
    assert_eq!(
        csv_row(&analyst, &cycle, "criteria", "2 Commissioning,2.2,").await,
        "2 Commissioning,2.2,Commissioned health services are audited.,6,2,33,2,33,2,33,0,15"
    );
    assert_eq!(osa_server::cycles::summaries::backfill(app.db()).await.unwrap(), 0, "nothing left to do");
}
