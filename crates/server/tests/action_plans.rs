//! Action plans: actions derived from amber and red answers, actions added by hand,
//! overdue actions, progress notes, the CSV and XLSX downloads and the printable plan.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a test or benchmark stops loudly at the step that failed"
)]

mod common;

use common::journey::make_world_action_overdue;
use common::world::*;
use common::{TestApp, csv_heading, csv_table};

async fn answer_standard_one(app: &TestApp, world: &World, rating: &str, improvement: &str) {
    let lead = app.signed_in(O1_LEAD).await;
    let path = format!("/assessments/{}/standards/1", world.o1_assessment);
    let page = lead.get(&path).await;
    assert_eq!(page.status, 200);
    let saved = lead
        .post(
            &path,
            &[
                ("value:1.1", rating),
                ("narrative:1.1", "Our current position."),
                ("action:1.1", improvement),
                ("value:1.2", "60"),
                ("version:1.1", "0"),
                ("version:1.2", "0"),
            ],
        )
        .await;
    assert!(saved.status.is_redirection(), "{}", saved.body);
}

#[tokio::test]
async fn a_partially_met_answer_puts_its_improvement_action_in_the_plan() {
    let app = TestApp::spawn().await;
    let world = World::build(&app).await;
    answer_standard_one(&app, &world, "partially_met", "Name a deputy lead by March").await;
    let plan = app
        .signed_in(O1_CONTRIBUTOR)
        .await
        .get(&format!("/assessments/{}/actions", world.o1_assessment))
        .await;
    assert_eq!(plan.status, 200);
    assert!(plan.body.contains("Name a deputy lead by March"));
    assert!(plan.body.contains("Refresh the safeguarding policy"), "hand-added actions are listed too");
}

#[tokio::test]
async fn a_met_answer_adds_no_action() {
    let app = TestApp::spawn().await;
    let world = World::build(&app).await;
    answer_standard_one(&app, &world, "met", "").await;
    let plan =
        app.signed_in(O1_LEAD).await.get(&format!("/assessments/{}/actions", world.o1_assessment)).await;
    assert!(!plan.body.contains(">1.1<"));
    let rows = osa_server::action_plans::store::list(app.db(), world.o1_assessment).await.unwrap();
    assert_eq!(rows.len(), 1);
}

#[tokio::test]
async fn an_action_past_its_date_is_shown_overdue_until_completed() {
    let app = TestApp::spawn().await;
    let world = World::build(&app).await;
    let lead = app.signed_in(O1_LEAD).await;
    let path = format!("/assessments/{}/actions/{}", world.o1_assessment, world.o1_action);
    let form = |status: &'static str| {
        vec![
            ("what", "Refresh the safeguarding policy"),
            ("responsible_lead", "Jo Lead"),
            ("day", "1"),
            ("month", "2"),
            ("year", "2020"),
            ("status", status),
        ]
    };
    assert!(lead.post(&path, &form("in_progress")).await.status.is_redirection());
    let plan = lead.get(&format!("/assessments/{}/actions", world.o1_assessment)).await;
    assert!(plan.body.contains("Overdue"));
    assert!(lead.post(&path, &form("completed")).await.status.is_redirection());
    let plan = lead.get(&format!("/assessments/{}/actions", world.o1_assessment)).await;
    assert!(!plan.body.contains("Overdue"));
    assert!(plan.body.contains("Completed"));
}

#[tokio::test]
async fn an_action_needs_a_real_target_date_and_keeps_what_was_typed() {
    let app = TestApp::spawn().await;
    let world = World::build(&app).await;
    let lead = app.signed_in(O1_LEAD).await;
    let page = lead
        .post(
            &format!("/assessments/{}/actions/new", world.o1_assessment),
            &[
                ("what", "Train the trustees"),
                ("responsible_lead", ""),
                ("day", "31"),
                ("month", "2"),
                ("year", "2027"),
                ("status", "not_started"),
            ],
        )
        .await;
    assert_eq!(page.status, 422);
    assert!(page.body.contains("Enter who is responsible"));
    assert!(page.body.contains("Target date must be a real date"));
    assert!(page.body.contains("Train the trustees"));
}

#[tokio::test]
async fn progress_notes_are_dated_and_kept() {
    let app = TestApp::spawn().await;
    let world = World::build(&app).await;
    let lead = app.signed_in(O1_LEAD).await;
    let path = format!("/assessments/{}/actions/{}", world.o1_assessment, world.o1_action);
    assert_eq!(lead.post(&format!("{path}/updates"), &[("note", " ")]).await.status, 422);
    assert!(
        lead.post(&format!("{path}/updates"), &[("note", "Draft policy sent to trustees")])
            .await
            .status
            .is_redirection()
    );
    let page = lead.get(&path).await;
    assert!(page.body.contains("Draft policy sent to trustees"));
    assert!(page.body.contains(" UTC"));
}

#[tokio::test]
async fn the_plan_downloads_as_csv() {
    let app = TestApp::spawn().await;
    let world = World::build(&app).await;
    let csv = app
        .signed_in(O1_SIGNOFF)
        .await
        .get(&format!("/assessments/{}/actions.csv", world.o1_assessment))
        .await;
    assert_eq!(csv.status, 200);
    assert!(csv.headers["content-type"].to_str().unwrap().starts_with("text/csv"));
    assert_eq!(csv_heading(&csv.body)[..2], ["Action plan", "Organisation,Organisation One"]);
    assert!(csv_table(&csv.body).starts_with("Criterion,What will be done,Responsible lead"));
    assert!(csv.body.contains("Added by hand,Refresh the safeguarding policy,Safeguarding lead"));
    assert_eq!(
        app.signed_in(O2_LEAD)
            .await
            .get(&format!("/assessments/{}/actions.csv", world.o1_assessment))
            .await
            .status,
        404
    );
}

/// Makes the hand-added action overdue and in progress, and answers 1.1 partially met.
async fn plan_with_an_overdue_action(app: &TestApp, world: &World) {
    answer_standard_one(app, world, "partially_met", "Name a deputy lead by March").await;
    make_world_action_overdue(&app.signed_in(O1_LEAD).await, world).await;
}

#[tokio::test]
async fn the_plan_downloads_as_xlsx_with_dates_status_in_words_and_overdue_marked() {
    use calamine::{Data, Reader, Xlsx};
    let app = TestApp::spawn().await;
    let world = World::build(&app).await;
    plan_with_an_overdue_action(&app, &world).await;
    let client = app.signed_in(O1_SIGNOFF).await;
    let path = format!("/assessments/{}/actions.xlsx", world.o1_assessment);
    let response = client.http.get(format!("{}{path}", client.base)).send().await.unwrap();
    assert_eq!(response.status(), 200);
    assert_eq!(response.headers()["content-type"], osa_server::workbook::XLSX_TYPE);
    assert!(response.headers()["content-disposition"].to_str().unwrap().contains(".xlsx"));
    let bytes = response.bytes().await.unwrap().to_vec();
    let mut book: Xlsx<_> = Xlsx::new(std::io::Cursor::new(bytes)).unwrap();
    let sheet = book.worksheet_range("Action plan").unwrap();
    let all: Vec<Vec<Data>> = sheet.rows().map(|r| r.to_vec()).collect();
    // The sheet says what it is before the table: title, organisation, framework,
    // when it was produced and the filters (none), then a blank row.
    let heading: Vec<String> = all[..5].iter().map(|r| r[0].to_string()).collect();
    assert_eq!(heading, ["Action plan", "Organisation", "Self-assessment", "Produced", "Filters applied"]);
    assert_eq!(all[1][1].to_string(), "Organisation One");
    assert!(all[5].iter().all(|c| *c == Data::Empty));
    let rows = &all[6..];
    let header: Vec<String> = rows[0].iter().map(ToString::to_string).collect();
    assert_eq!(
        header,
        [
            "Criterion",
            "What will be done",
            "Responsible lead",
            "Target date",
            "Expected outcome",
            "Impact measure",
            "Status",
            "Overdue"
        ]
    );
    assert_eq!(rows.len(), 3, "the hand-added action and the one for 1.1");
    let by_hand = &rows[1];
    assert_eq!(by_hand[0].to_string(), "Added by hand");
    match &by_hand[3] {
        Data::DateTime(d) => {
            // Excel counts days from 1900: 43862 is 1 February 2020.
            assert_eq!(d.as_f64(), 43862.0);
        }
        other => panic!("the target date is not a date: {other:?}"),
    }
    assert_eq!(by_hand[4].to_string(), "Everyone follows the new policy");
    assert_eq!(by_hand[6].to_string(), "In progress");
    assert_eq!(by_hand[7].to_string(), "Overdue");
    let derived = &rows[2];
    assert_eq!(derived[0].to_string(), "1.1");
    assert_eq!(derived[1].to_string(), "Name a deputy lead by March");
    assert_eq!(derived[3].to_string(), "Not set");
    assert_eq!(derived[6].to_string(), "Not started");
    assert_eq!(derived[7], Data::Empty, "not overdue without a date");
    assert_eq!(app.signed_in(O2_LEAD).await.get(&path).await.status, 404);
}

#[tokio::test]
async fn the_plan_has_a_printable_page_with_every_field() {
    let app = TestApp::spawn().await;
    let world = World::build(&app).await;
    plan_with_an_overdue_action(&app, &world).await;
    let client = app.signed_in(O1_CONTRIBUTOR).await;
    let plan = client.get(&format!("/assessments/{}/actions", world.o1_assessment)).await;
    assert!(plan.body.contains(&format!("href=\"/assessments/{}/actions.xlsx\"", world.o1_assessment)));
    assert!(
        plan.body.contains(&format!(
            "href=\"/assessments/{}/actions/print\">Print this page",
            world.o1_assessment
        ))
    );
    let print = client.get(&format!("/assessments/{}/actions/print", world.o1_assessment)).await;
    assert_eq!(print.status, 200);
    for text in [
        "Print command (Ctrl and P",
        "Everyone follows the new policy",
        "Audit of ten files",
        "1 February 2020 (overdue)",
        "Criterion 1.1",
        "Name a deputy lead by March",
    ] {
        assert!(print.body.contains(text), "expected {text:?} in {}", print.body);
    }
    assert!(
        !print.body.contains("<form method=\"post\" action=\"/assessments"),
        "nothing to submit on paper"
    );
}

#[tokio::test]
async fn the_history_shows_an_action_edit_with_its_text_before_and_after() {
    let app = TestApp::spawn().await;
    let world = World::build(&app).await;
    let before = osa_server::action_plans::store::get(app.db(), world.o1_assessment, world.o1_action)
        .await
        .unwrap()
        .unwrap();
    let lead = app.signed_in(O1_LEAD).await;
    let path = format!("/assessments/{}/actions/{}", world.o1_assessment, world.o1_action);
    let edited = lead
        .post(
            &path,
            &[
                ("what", "Rewrite the policy with <b>trustees</b> & staff"),
                ("responsible_lead", "Sam Deputy"),
                ("day", "31"),
                ("month", "3"),
                ("year", "2027"),
                ("expected_outcome", before.expected_outcome.as_str()),
                ("impact_measure", before.impact_measure.as_str()),
                ("status", "in_progress"),
            ],
        )
        .await;
    assert!(edited.status.is_redirection(), "{}", edited.body);
    let history_path = format!("/assessments/{}/history", world.o1_assessment);
    let history = lead.get(&history_path).await;
    assert_eq!(history.status, 200, "{}", history.body);
    let body = &history.body;
    assert!(body.contains("<strong>Improvement action</strong>"), "{body}");
    let old_text = format!("<strong>What will be done:</strong> {}</p>", before.what);
    let new_text = "<strong>What will be done:</strong> Rewrite the policy with &#60;b&#62;trustees&#60;/b&#62; &#38; staff</p>";
    assert!(body.contains(&old_text), "{body}");
    assert!(body.contains(new_text), "{body}");
    assert!(body.find(&old_text) < body.find(new_text), "before comes before after: {body}");
    assert!(!body.contains("<b>trustees"), "{body}");
    assert!(body.contains("<strong>Responsible lead:</strong> Sam Deputy</p>"), "{body}");
    assert!(body.contains("<strong>Target date:</strong> 31 March 2027</p>"), "{body}");
    assert!(body.contains("<strong>Status:</strong> Not started</p>"), "{body}");
    assert!(body.contains("<strong>Status:</strong> In progress</p>"), "{body}");
    // Unchanged fields are not listed.
    assert!(!body.contains("<strong>Expected outcome:</strong>"), "{body}");
    // A second edit is listed first, above the first edit (whose before is the old text).
    let again = lead
        .post(
            &path,
            &[
                ("what", "Rewrite the policy by spring"),
                ("responsible_lead", "Sam Deputy"),
                ("day", "31"),
                ("month", "3"),
                ("year", "2027"),
                ("status", "in_progress"),
            ],
        )
        .await;
    assert!(again.status.is_redirection(), "{}", again.body);
    let body = lead.get(&history_path).await.body;
    let newest =
        body.find("<strong>What will be done:</strong> Rewrite the policy by spring</p>").expect("newest");
    assert!(newest < body.find(&old_text).expect("the first edit"), "{body}");
    // Whoever reads the plan reads its edits; another organisation's lead reads nothing.
    let contributor = app.signed_in(O1_CONTRIBUTOR).await.get(&history_path).await;
    assert!(contributor.body.contains("Rewrite the policy by spring"), "{}", contributor.body);
    let outsider = app.signed_in(O2_LEAD).await.get(&history_path).await;
    assert!(matches!(outsider.status.as_u16(), 403 | 404), "{}", outsider.status);
    assert!(!outsider.body.contains("Rewrite the policy"));
}
