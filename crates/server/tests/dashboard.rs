//! The cycle dashboard beyond the response rate: breakdowns by sector and duty, the
//! distribution of each number, the change since the partnership's previous cycle,
//! and every table as CSV and as one XLSX workbook.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a test or benchmark stops loudly at the step that failed"
)]

mod common;

use calamine::{Data, Reader, Xlsx};
use common::journey::{answer_standard_one, hidden, sign_off_and_submit};
use common::world::*;
use common::{Client, TestApp, csv_heading, csv_table};

async fn submitted_with_training_at_90(app: &TestApp, world: &World) {
    let lead = app.signed_in(O1_LEAD).await;
    answer_standard_one(&lead, world, "90").await;
    sign_off_and_submit(&app.signed_in(O1_SIGNOFF).await, &lead, world).await;
}

#[tokio::test]
async fn breakdowns_and_numbers_are_shown_and_every_table_downloads_as_csv() {
    let app = TestApp::spawn().await;
    let world = World::build(&app).await;
    submitted_with_training_at_90(&app, &world).await;
    let analyst = app.signed_in(P1_ANALYST).await;
    let dashboard = format!("/cycles/{}/dashboard", world.p1_cycle);

    let page = analyst.get(&dashboard).await;
    assert_eq!(page.status, 200);
    for expected in ["By sector", "By duty status", "Voluntary and community", "Median", "90%"] {
        assert!(page.body.contains(expected), "{expected} missing: {}", page.body);
    }
    assert!(page.body.contains("first cycle in osa"), "no earlier cycle to compare with");

    let sectors = analyst.get(&format!("{dashboard}.csv?table=sectors")).await;
    let heading = csv_heading(&sectors.body);
    assert_eq!(heading[0], "Returns by sector");
    assert!(heading[1].starts_with("Cycle,") && heading[2].starts_with("Partnership,"), "{heading:?}");
    // The framework whose returns it counts is named.
    assert_eq!(heading[3], "Framework,Test framework (version 1)", "{heading:?}");
    assert!(heading[4].starts_with("Produced,") && heading[4].ends_with(" UTC"), "{heading:?}");
    assert_eq!(heading[5], "Filters applied,None");
    let mut lines = csv_table(&sectors.body).lines();
    assert_eq!(
        lines.next().unwrap(),
        "Sector,Returns in group,Standard,Returns it applies to,Fully met,Fully met %,Partially met,Partially met %,\
         Not met,Not met %,Answered not applicable,Not asked"
    );
    assert!(lines.next().unwrap().starts_with("Voluntary and community,1,1 "), "{}", sectors.body);

    let numbers = analyst.get(&format!("{dashboard}.csv?table=numbers")).await;
    let row =
        numbers.body.lines().find(|l| l.starts_with("1.2,")).unwrap_or_else(|| panic!("{}", numbers.body));
    assert!(row.ends_with(",Percentage,1,0,90,90,90,90,90,90"), "{row}");
    let ranges = analyst.get(&format!("{dashboard}.csv?table=number-ranges")).await;
    assert!(ranges.body.contains("1.2,90% to 100%,1,100"), "{}", ranges.body);
    let response = analyst.get(&format!("{dashboard}.csv?table=response")).await;
    assert_eq!(csv_table(&response.body).lines().nth(1), Some("1,1,0,0,0,100"));

    // The filters reach the downloads too: no police force has submitted.
    let police = analyst.get(&format!("{dashboard}.csv?table=numbers&sector=police&duty=statutory")).await;
    // The heading names the filters applied, in words.
    assert_eq!(csv_heading(&police.body)[5], "Filters applied,Sector: Police; Duty status: Statutory");
    assert!(
        police.body.lines().any(|l| l.starts_with("1.2,") && l.contains(",Percentage,0,0,")),
        "{}",
        police.body
    );
    assert_eq!(analyst.get(&format!("{dashboard}.csv?table=nothing")).await.status, 404);
}

#[tokio::test]
async fn the_workbook_holds_every_table_as_a_sheet_with_numbers_as_numbers() {
    let app = TestApp::spawn().await;
    let world = World::build(&app).await;
    submitted_with_training_at_90(&app, &world).await;
    let panel = app.signed_in(P1_PANEL).await;
    let path = format!("/cycles/{}/dashboard.xlsx", world.p1_cycle);
    let response = panel.http.get(format!("{}{path}", panel.base)).send().await.unwrap();
    assert_eq!(response.status(), 200);
    assert_eq!(response.headers()["content-type"], osa_server::workbook::XLSX_TYPE);
    let bytes = response.bytes().await.unwrap().to_vec();
    let mut book: Xlsx<_> = Xlsx::new(std::io::Cursor::new(bytes)).unwrap();
    assert_eq!(
        book.sheet_names(),
        [
            "response",
            "outstanding",
            "confirmed",
            "standards",
            "criteria",
            "heatmap",
            "sectors",
            "duty",
            "numbers",
            "number-ranges"
        ]
    );
    let numbers = book.worksheet_range("numbers").unwrap();
    let row: Vec<Data> = numbers.rows().find(|r| r[0] == Data::String("1.2".into())).unwrap().to_vec();
    assert_eq!(row[7], Data::Float(90.0), "the median is a number, not text");
    // Each sheet says on its own what it holds: its title, the cycle and when.
    assert_eq!(numbers.get_value((0, 0)), Some(&Data::String("Numbers given in returns".into())));
    assert_eq!(numbers.get_value((1, 0)), Some(&Data::String("Cycle".into())));
    let labels: Vec<String> = (1..6).map(|r| numbers.get_value((r, 0)).unwrap().to_string()).collect();
    assert_eq!(labels, ["Cycle", "Partnership", "Framework", "Produced", "Filters applied"]);
    assert_eq!(numbers.get_value((7, 0)), Some(&Data::String("Criterion".into())), "the table's header");
}

/// Answers o1's criterion 1.1 `rating` again, signs off and submits.
async fn resubmit_with(app: &TestApp, world: &World, lead: &Client, rating: &str) {
    let path = format!("/assessments/{}/standards/1", world.o1_assessment);
    let page = lead.get(&path).await;
    let (v1, v2) = (hidden(&page.body, "version:1.1"), hidden(&page.body, "version:1.2"));
    let form = [
        ("value:1.1", rating),
        ("narrative:1.1", "Posters came down."),
        ("version:1.1", &v1),
        ("value:1.2", "90"),
        ("version:1.2", &v2),
    ];
    let saved = lead.post(&path, &form).await;
    assert!(saved.status.is_redirection(), "{}", saved.body);
    sign_off_and_submit(&app.signed_in(O1_SIGNOFF).await, lead, world).await;
}

#[tokio::test]
async fn the_dashboard_compares_with_the_partnerships_previous_cycle() {
    use osa_server::cycles::store::{self, NewCycle, NewInvitation};
    let app = TestApp::spawn().await;
    let world = World::build(&app).await;
    submitted_with_training_at_90(&app, &world).await;

    // The 2027 audit closes; the next one opens today and asks o1 again.
    let admin = app.signed_in(P1_ADMIN).await;
    let today = time::OffsetDateTime::now_utc().date();
    let mut tx = app.db().begin().await.unwrap();
    assert!(store::close(&mut tx, world.p1_cycle, time::OffsetDateTime::now_utc()).await.unwrap());
    let admin_id =
        osa_server::accounts::store::user_by_email_tx(&mut tx, P1_ADMIN).await.unwrap().unwrap().id;
    let next = NewCycle {
        partnership: world.p1,
        name: "Audit 2028".into(),
        main_framework: world.framework_v1,
        by_sector: Vec::new(),
        opens_on: today,
        due_on: today + time::Duration::days(30),
        updates_due: Vec::new(),
        neighbours: Vec::new(),
    };
    let next = store::create(&mut tx, admin_id, &next).await.unwrap();
    let invitation = NewInvitation {
        organisation: world.o1,
        framework_id: world.framework_v1,
        framework_key: "test-framework".into(),
    };
    store::invite(&mut tx, next, admin_id, &invitation).await.unwrap();
    tx.commit().await.unwrap();

    let lead = app.signed_in(O1_LEAD).await;
    resubmit_with(&app, &world, &lead, "not_met").await;
    let page = admin.get(&format!("/cycles/{next}/dashboard")).await;
    assert!(page.body.contains("Compared with"), "{}", page.body);
    assert!(page.body.contains("Audit 2027"));
    assert!(page.body.contains("Down 100 points"), "{}", page.body);
    let change = admin.get(&format!("/cycles/{next}/dashboard.csv?table=change")).await;
    let row = csv_table(&change.body).lines().nth(1).unwrap();
    assert!(row.starts_with("1 ") && row.ends_with(",1,100,1,0,-100,0,1,0"), "{}", change.body);

    // The earlier cycle has nothing before it, and its own figures are unchanged.
    let earlier = admin.get(&format!("/cycles/{}/dashboard.csv?table=standards", world.p1_cycle)).await;
    assert!(
        csv_table(&earlier.body).lines().nth(1).unwrap().ends_with(",1,1,100,0,0,0,0,0,0"),
        "{}",
        earlier.body
    );
}

#[tokio::test]
async fn returns_signed_off_before_numbers_were_kept_get_them_from_their_snapshots() {
    let app = TestApp::spawn().await;
    let world = World::build(&app).await;
    submitted_with_training_at_90(&app, &world).await;
    // As the database stood before migration 18: no table of numbers.
    app.db().raw_execute("DROP TABLE return_values").await.unwrap();
    for sql in osa_server::db::migrations::statements(18, app.db().engine()) {
        app.db().raw_execute(&sql).await.unwrap();
    }
    let analyst = app.signed_in(P1_ANALYST).await;
    let numbers = analyst.get(&format!("/cycles/{}/dashboard.csv?table=numbers", world.p1_cycle)).await;
    let row = numbers.body.lines().find(|l| l.starts_with("1.2,")).unwrap();
    assert!(row.ends_with(",Percentage,1,0,90,90,90,90,90,90"), "{row}");
}

#[tokio::test]
async fn a_name_a_spreadsheet_would_run_downloads_as_text() {
    use osa_server::db::schema::Organisations;
    use sea_query::{Expr, ExprTrait, Query};
    let app = TestApp::spawn().await;
    let world = World::build(&app).await;
    let name = "=HYPERLINK(\"http://example.com\",\"Open\")";
    let rename = Query::update()
        .table(Organisations::Table)
        .value(Organisations::Name, name)
        .and_where(Expr::col(Organisations::Id).eq(world.o1))
        .to_owned();
    app.db().execute(&rename).await.unwrap();
    let analyst = app.signed_in(P1_ANALYST).await;
    let csv = analyst.get(&format!("/cycles/{}/dashboard.csv?table=outstanding", world.p1_cycle)).await;
    let row = csv_table(&csv.body).lines().nth(1).unwrap();
    assert!(row.starts_with("\"'=HYPERLINK("), "{row}");
}

#[tokio::test]
async fn every_contents_entry_leads_to_a_section_and_bar_labels_have_their_own_line() {
    let app = TestApp::spawn().await;
    let world = World::build(&app).await;
    submitted_with_training_at_90(&app, &world).await;
    let page = app.signed_in(P1_ANALYST).await.get(&format!("/cycles/{}/dashboard", world.p1_cycle)).await;
    let nav = &page.body[page.body.find("<nav class=\"osa-contents\"").expect("a contents list")..];
    let nav = &nav[..nav.find("</nav>").unwrap()];
    let targets: Vec<&str> = nav.split("href=\"#").skip(1).map(|s| s.split('"').next().unwrap()).collect();
    // The response rate, then the framework's section and its seven parts.
    assert_eq!(targets.len(), 9, "{nav}");
    let html = scraper::Html::parse_document(&page.body);
    for id in targets {
        let heading = scraper::Selector::parse(&format!("h2[id=\"{id}\"], h3[id=\"{id}\"]")).unwrap();
        assert_eq!(html.select(&heading).count(), 1, "no section {id}");
    }
    // A label is drawn above its bar across the whole width, never beside it where a
    // long title would run into the bar.
    assert!(
        page.body.contains("<text x=\"0\" y=\"20\" class=\"osa-bars__label\">Who is responsible</text>"),
        "{}",
        page.body
    );
    assert!(page.body.contains("<rect x=\"0\" y=\"28\" width=\"1000\""), "{}", page.body);
}
