//! A cycle that asks voluntary groups for a short framework instead of the main one:
//! each framework's returns are analysed in their own section of the dashboard (and of
//! its downloads and the board report), never in another's figures, while the cycle's
//! response rate counts everyone invited.
//!
//! The cycle, counted by hand. Both frameworks number their standards "1" and "2", so
//! a return counted in the wrong framework would show in the other's rows.
//! - Main framework, asked of organisations 1 to 4 (health): 1 to 3 submitted, 4 has
//!   not started. Question 1.1: 1 and 2 met, 3 not met, so "1. Leadership" stands 2
//!   green and 1 red: 67%, 0% and 33% of 3. Question 2.1: met by all three.
//! - Short framework, asked of organisations 5 to 13 (voluntary groups): 5 to 10
//!   submitted, 11 to 13 have not. Question 1.1: 5 to 7 met, 8 and 9 partly, 10 not
//!   met, so "1. Who is responsible" stands 3 green, 2 amber, 1 red: 50%, 33% and 17%
//!   of 6. Question 2.1: met by 5 to 8, not met by 9, not applicable for 10: 80% and
//!   20% of 5.
//! - The cycle: 9 of 13 invited have submitted (69%); 3 of 4 asked for the main
//!   framework (75%), 6 of 9 asked for the short one (67%).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a test or benchmark stops loudly at the step that failed"
)]

mod common;

use calamine::{Data, Reader, Xlsx};
use common::direct::{self, DirectReturn};
use common::world::*;
use common::{Client, TestApp, csv_heading, csv_table};
use osa_core::assessment::Answer;
use osa_core::framework::Rating;
use osa_core::tenancy::{DutyStatus, Sector};
use osa_server::cycles::store::{self as cycles, NewCycle, NewInvitation};
use osa_server::organisations::store::{self as orgs, NewOrganisation};

fn framework(key: &str, name: &str, standards: [(&str, &str); 2]) -> String {
    let [(one, q1), (two, q2)] = standards;
    format!(
        r#"
[framework]
key = "{key}"
name = "{name}"
audience = "children"
version = 1
description = "Two standards."
standing_rule = "default"

[[standards]]
code = "1"
title = "{one}"
outcome = "It is done."

[[standards.criteria]]
code = "1.1"
question = "{q1}"
guidance = "Say how."
evidence = ["Policy"]
answer = "rating"
not_applicable = false
narrative_required = false

[[standards]]
code = "2"
title = "{two}"
outcome = "It is done."

[[standards.criteria]]
code = "2.1"
question = "{q2}"
guidance = "Say how."
evidence = ["Policy"]
answer = "rating"
not_applicable = true
narrative_required = false
"#
    )
}

const MAIN: &str = "Main framework (version 1)";
const SHORT: &str = "Short framework for small groups (version 1)";

/// The rating organisation `n` gives `question`, or none when it has not submitted.
fn rating(n: i64, question: &str) -> Rating {
    use Rating::*;
    match (n, question) {
        (1 | 2, "1.1") => Met,
        (3, "1.1") => NotMet,
        (1..=3, _) => Met,
        (5..=7, "1.1") => Met,
        (8 | 9, "1.1") => PartiallyMet,
        (10, "1.1") => NotMet,
        (5..=8, "2.1") => Met,
        (9, "2.1") => NotMet,
        _ => NotApplicable,
    }
}

struct Cycle {
    id: i64,
}

async fn import(app: &TestApp, world: &World, text: &str) -> i64 {
    match osa_server::frameworks::import::import(app.db(), Some(world.p1), None, false, text.as_bytes(), true)
        .await
    {
        Ok(done) => done.id,
        Err(_) => panic!("a framework did not import"),
    }
}

async fn cycle_with_a_short_framework(app: &TestApp, world: &World) -> Cycle {
    let db = app.db();
    let admin = osa_server::accounts::store::user_by_email(db, P1_ADMIN).await.unwrap().unwrap().id;
    let main = framework(
        "main-fw",
        "Main framework",
        [("Leadership", "Leaders own safeguarding."), ("Commissioning", "Contracts name local procedures.")],
    );
    let short = framework(
        "short-fw",
        "Short framework for small groups",
        [("Who is responsible", "Everyone knows the lead."), ("Your policy", "The policy is on the wall.")],
    );
    let (main_id, short_id) = (import(app, world, &main).await, import(app, world, &short).await);
    let load =
        |id| async move { osa_server::frameworks::store::load(db, id).await.unwrap().unwrap().framework };
    let (main_fw, short_fw) = (load(main_id).await, load(short_id).await);
    let today = time::OffsetDateTime::now_utc().date();
    let mut tx = db.begin().await.unwrap();
    let new = NewCycle {
        partnership: world.p1,
        name: "Two frameworks audit".into(),
        main_framework: main_id,
        by_sector: vec![(Sector::VoluntaryAndCommunity, short_id)],
        opens_on: today,
        due_on: today + time::Duration::days(30),
        updates_due: Vec::new(),
        neighbours: Vec::new(),
    };
    let cycle = cycles::create(&mut tx, admin, &new).await.unwrap();
    let mut organisations = Vec::new();
    for n in 1..=13_i64 {
        let (sector, duty, framework_id, key) = if n <= 4 {
            (Sector::Health, DutyStatus::Statutory, main_id, "main-fw")
        } else {
            (Sector::VoluntaryAndCommunity, DutyStatus::Voluntary, short_id, "short-fw")
        };
        let name = format!("Organisation {n:02}");
        let id = orgs::create(&mut tx, None, &NewOrganisation { name: &name, sector, duty }).await.unwrap();
        orgs::add_area(&mut tx, id, world.p1).await.unwrap();
        let invitation = NewInvitation { organisation: id, framework_id, framework_key: key.into() };
        assert!(cycles::invite(&mut tx, cycle, admin, &invitation).await.unwrap());
        organisations.push((n, id, sector, duty, framework_id, key));
    }
    tx.commit().await.unwrap();

    let submitted = organisations.iter().filter(|(n, ..)| (1..=3).contains(n) || (5..=10).contains(n));
    for &(n, id, sector, duty, framework_id, key) in submitted {
        let framework = if framework_id == main_id { &main_fw } else { &short_fw };
        let answers = ["1.1", "2.1"]
            .into_iter()
            .map(|q| (q.to_owned(), Answer { rating: Some(rating(n, q)), ..Answer::default() }))
            .collect();
        let made = DirectReturn {
            organisation: id,
            framework_id,
            framework_key: key,
            framework,
            answers: &answers,
            sector,
            duty,
            by: admin,
            to: &[world.p1],
        };
        let sent = direct::sign_off_and_submit(db, &made).await;
        assert_eq!(sent.map(|s| s.cycles), Some(1), "organisation {n}'s return answers the cycle");
    }
    Cycle { id: cycle }
}

/// The cells of every table row whose header is `label`, as text, in page order.
fn rows(body: &str, label: &str) -> Vec<Vec<String>> {
    let html = scraper::Html::parse_document(body);
    let rows = scraper::Selector::parse("tr").unwrap();
    let cells = scraper::Selector::parse("th, td").unwrap();
    html.select(&rows)
        .map(|r| r.select(&cells).map(|c| c.text().collect::<String>().trim().to_owned()).collect::<Vec<_>>())
        .filter(|r| r.first().is_some_and(|h| h == label))
        .collect()
}

/// The text of the element with this id, its white space collapsed.
fn text_of(body: &str, id: &str) -> String {
    let html = scraper::Html::parse_document(body);
    let selector = scraper::Selector::parse(&format!("[id=\"{id}\"]")).unwrap();
    let found = html.select(&selector).next().unwrap_or_else(|| panic!("no #{id}"));
    found.text().collect::<String>().split_whitespace().collect::<Vec<_>>().join(" ")
}

async fn csv(client: &Client, cycle: &Cycle, query: &str) -> String {
    let csv = client.get(&format!("/cycles/{}/dashboard.csv?{query}", cycle.id)).await;
    assert_eq!(csv.status, 200, "{query}");
    csv.body
}

/// Every link's address on a page, as the browser reads it.
fn hrefs(body: &str) -> Vec<String> {
    let html = scraper::Html::parse_document(body);
    let links = scraper::Selector::parse("a[href]").unwrap();
    html.select(&links).filter_map(|a| a.value().attr("href")).map(str::to_owned).collect()
}

fn strings(cells: &[&str]) -> Vec<String> {
    cells.iter().map(|c| (*c).to_owned()).collect()
}

#[tokio::test]
async fn each_framework_has_its_own_section_counted_only_from_its_returns() {
    let app = TestApp::spawn().await;
    let world = World::build(&app).await;
    let cycle = cycle_with_a_short_framework(&app, &world).await;
    let analyst = app.signed_in(P1_ANALYST).await;
    let page = analyst.get(&format!("/cycles/{}/dashboard", cycle.id)).await;
    assert_eq!(page.status, 200);

    // The cycle's rate counts everyone invited, and says so.
    assert!(page.body.contains("<strong>69%</strong> of invited organisations have submitted (9 of 13)"));
    assert_eq!(
        text_of(&page.body, "response-rate-basis"),
        "The rate counts all 13 organisations invited, whichever framework each was asked to complete; each \
         framework's section gives its own."
    );
    // A section per framework, the main one first, each with its own rate.
    let main_at = page.body.find("id=\"framework\"").expect("the main framework's section");
    let short_at = page.body.find("id=\"short-fw-framework\"").expect("the short framework's section");
    assert!(main_at < short_at, "the main framework comes first");
    assert!(text_of(&page.body, "framework").ends_with(MAIN));
    assert!(text_of(&page.body, "short-fw-framework").ends_with(SHORT));
    assert!(page.body.contains("3 of 4 organisations asked have submitted (75%)."));
    assert!(page.body.contains("6 of 9 organisations asked have submitted (67%)."));
    for anchor in ["#short-fw-framework", "#short-fw-standards", "#short-fw-sectors", "#short-fw-numbers"] {
        assert!(page.body.contains(&format!("href=\"{anchor}\"")), "the contents list links {anchor}");
    }

    // Standards: each framework's shares from its own returns only.
    assert_eq!(
        rows(&page.body, "1. Leadership"),
        [strings(&["1. Leadership", "3", "2 (67%)", "0 (0%)", "1 (33%)", "0"])]
    );
    assert_eq!(
        rows(&page.body, "1. Who is responsible"),
        [strings(&["1. Who is responsible", "6", "3 (50%)", "2 (33%)", "1 (17%)", "0"])]
    );
    assert_eq!(
        rows(&page.body, "2. Your policy"),
        [strings(&["2. Your policy", "5", "4 (80%)", "0 (0%)", "1 (20%)", "1"])]
    );
    // Heat maps: the main one holds only its three returns, with no empty rows for
    // the groups that answered the short framework.
    assert!(!page.body.contains("No standing"), "no row without standings");
    assert_eq!(rows(&page.body, "Organisation 01").len(), 1);
    assert_eq!(rows(&page.body, "Organisation 05").len(), 1, "once, in the short framework's heat map");
    // Breakdowns: the voluntary groups are a group of the short framework only.
    assert_eq!(
        rows(&page.body, "Voluntary and community"),
        [strings(&["Voluntary and community", "6", "50% of 6", "80% of 5"])]
    );
    assert_eq!(rows(&page.body, "Health"), [strings(&["Health", "3", "67% of 3", "100% of 3"])]);
    // The cycle before this one asked nobody for either framework.
    assert!(page.body.contains("No organisation was asked to complete this framework in"));
}

#[tokio::test]
async fn the_downloads_name_the_framework_and_hold_each_frameworks_tables() {
    let app = TestApp::spawn().await;
    let world = World::build(&app).await;
    let cycle = cycle_with_a_short_framework(&app, &world).await;
    let analyst = app.signed_in(P1_ANALYST).await;

    let main = csv(&analyst, &cycle, "table=standards").await;
    assert!(csv_heading(&main).contains(&format!("Framework,{MAIN}").as_str()), "{main}");
    // Not "…,0,6": the short framework's returns are not the main one's "not asked".
    assert!(csv_table(&main).contains("\n1 Leadership,3,2,67,0,0,1,33,0,0\n"), "{main}");
    let short = csv(&analyst, &cycle, "table=short-fw-standards").await;
    assert!(csv_heading(&short).contains(&format!("Framework,{SHORT}").as_str()), "{short}");
    let table = csv_table(&short);
    assert!(table.contains("\n1 Who is responsible,6,3,50,2,33,1,17,0,0\n"), "{short}");
    assert!(table.contains("\n2 Your policy,5,4,80,0,0,1,20,1,0\n"), "{short}");
    let heat = csv(&analyst, &cycle, "table=heatmap").await;
    assert_eq!(csv_table(&heat).lines().count(), 1 + 3, "the main heat map has its three returns: {heat}");
    let heat = csv(&analyst, &cycle, "table=short-fw-heatmap").await;
    assert_eq!(csv_table(&heat).lines().count(), 1 + 6, "{heat}");
    assert!(heat.contains("Organisation 10,Voluntary and community,Voluntary,Red,Green"), "{heat}");
    let sectors = csv(&analyst, &cycle, "table=sectors").await;
    assert!(!sectors.contains("Voluntary and community"), "{sectors}");
    // The response rate is the cycle's, whatever the framework, so names none.
    let response = csv(&analyst, &cycle, "table=response").await;
    assert!(!csv_heading(&response).iter().any(|l| l.starts_with("Framework,")));
    assert_eq!(csv_table(&response).lines().nth(1), Some("13,9,0,4,0,69"));

    let url = format!("{}/cycles/{}/dashboard.xlsx", analyst.base, cycle.id);
    let bytes = analyst.http.get(url).send().await.unwrap().bytes().await.unwrap().to_vec();
    let mut book: Xlsx<_> = Xlsx::new(std::io::Cursor::new(bytes)).unwrap();
    let names = book.sheet_names();
    for sheet in ["response", "standards", "heatmap", "short-fw-standards", "short-fw-number-ranges"] {
        assert!(names.iter().any(|n| n == sheet), "{sheet} missing from {names:?}");
    }
    let standards = book.worksheet_range("short-fw-standards").unwrap();
    let labels: Vec<String> = (1..6).map(|r| standards.get_value((r, 0)).unwrap().to_string()).collect();
    assert_eq!(labels, ["Cycle", "Partnership", "Framework", "Produced", "Filters applied"]);
    assert_eq!(standards.get_value((3, 1)), Some(&Data::String(SHORT.into())));
    let row: Vec<Data> =
        standards.rows().find(|r| r[0] == Data::String("1 Who is responsible".into())).unwrap().to_vec();
    assert_eq!(row[1..8], [6.0, 3.0, 50.0, 2.0, 33.0, 1.0, 17.0].map(Data::Float));
}

#[tokio::test]
async fn filters_apply_to_every_section() {
    let app = TestApp::spawn().await;
    let world = World::build(&app).await;
    let cycle = cycle_with_a_short_framework(&app, &world).await;
    let panel = app.signed_in(P1_PANEL).await;
    let voluntary =
        panel.get(&format!("/cycles/{}/dashboard?sector=voluntary_and_community", cycle.id)).await;
    assert_eq!(voluntary.status, 200);
    assert!(voluntary.body.contains("<strong>67%</strong> of invited organisations have submitted (6 of 9)"));
    assert!(voluntary.body.contains("No organisation in this view was asked to complete it."));
    assert_eq!(
        rows(&voluntary.body, "1. Who is responsible"),
        [strings(&["1. Who is responsible", "6", "3 (50%)", "2 (33%)", "1 (17%)", "0"])]
    );
    assert_eq!(rows(&voluntary.body, "1. Leadership")[0][1], "0", "no main-framework return in view");
    // The download links keep the filter, for each section's tables.
    let links = hrefs(&voluntary.body);
    let download =
        format!("/cycles/{}/dashboard.csv?table=short-fw-standards&sector=voluntary_and_community", cycle.id);
    assert!(links.contains(&download), "{links:?}");
    let health = csv(&panel, &cycle, "table=short-fw-standards&sector=health").await;
    assert!(csv_table(&health).contains("\n1 Who is responsible,0,0,0,0,0,0,0,0,0\n"), "{health}");
    let health = csv(&panel, &cycle, "table=standards&sector=health").await;
    assert!(csv_table(&health).contains("\n1 Leadership,3,2,67,0,0,1,33,0,0\n"), "{health}");
}

#[tokio::test]
async fn the_board_report_names_every_participant_and_reports_each_framework() {
    let app = TestApp::spawn().await;
    let world = World::build(&app).await;
    let cycle = cycle_with_a_short_framework(&app, &world).await;
    let analyst = app.signed_in(P1_ANALYST).await;
    let html = analyst.get(&format!("/cycles/{}/board-report.html", cycle.id)).await;
    assert_eq!(html.status, 200);
    assert!(html.body.contains("9 organisations submitted a return."), "{}", html.body);
    // Appendix B: each organisation's standings under its own framework, none blank.
    let participant = strings(&["Organisation 10", "Voluntary and community", "Voluntary"]);
    assert!(rows(&html.body, "Organisation 10").contains(&participant), "named among the participants");
    assert!(rows(&html.body, "Organisation 02").contains(&strings(&["Organisation 02", "Green", "Green"])));
    assert!(rows(&html.body, "Organisation 10").contains(&strings(&["Organisation 10", "Red", "Green"])));
    assert_eq!(
        rows(&html.body, "Organisation 10").len(),
        2,
        "one row among the participants, one of standings"
    );
    // Appendix A: the short framework's results per standard, from its returns.
    assert_eq!(
        rows(&html.body, "1. Who is responsible"),
        [strings(&["1. Who is responsible", "6", "3 (50%)", "2 (33%)", "1 (17%)", "0"])]
    );
    assert!(html.body.contains(SHORT));
}
