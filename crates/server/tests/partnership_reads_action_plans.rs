//! Partnership staff read the action plan, and its progress, of every organisation
//! serving their area, read-only, from the organisation's page: no control that
//! changes it is shown, and every route that would change it refuses them. Staff of a
//! partnership the organisation does not serve read nothing.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a test or benchmark stops loudly at the step that failed"
)]

mod common;

use common::journey::{answer_standard_one, make_world_action_overdue};
use common::world::*;
use common::{Client, TestApp};

const P1_STAFF: [&str; 3] = [P1_ADMIN, P1_ANALYST, P1_PANEL];

/// The world's plan with an overdue, edited action, a progress note and an answer.
async fn plan_with_progress(app: &TestApp, world: &World) -> Client {
    let lead = app.signed_in(O1_LEAD).await;
    answer_standard_one(&lead, world, "80").await;
    make_world_action_overdue(&lead, world).await;
    let note = lead
        .post(
            &format!("/assessments/{}/actions/{}/updates", world.o1_assessment, world.o1_action),
            &[("note", "Draft policy sent to trustees")],
        )
        .await;
    assert!(note.status.is_redirection());
    lead
}

fn read_routes(world: &World) -> Vec<String> {
    let (a, act) = (world.o1_assessment, world.o1_action);
    vec![
        format!("/assessments/{a}/actions"),
        format!("/assessments/{a}/actions.csv"),
        format!("/assessments/{a}/actions.xlsx"),
        format!("/assessments/{a}/actions/print"),
        format!("/assessments/{a}/actions/{act}"),
        format!("/assessments/{a}/history"),
    ]
}

#[tokio::test]
async fn partnership_staff_read_the_plan_and_its_progress_from_the_organisations_page() {
    let app = TestApp::spawn().await;
    let world = World::build(&app).await;
    plan_with_progress(&app, &world).await;
    let (a, act) = (world.o1_assessment, world.o1_action);
    for who in P1_STAFF {
        let client = app.signed_in(who).await;
        let organisation = client.get(&format!("/organisations/{}", world.o1)).await;
        assert_eq!(organisation.status, 200, "{who}");
        assert!(organisation.body.contains(&format!("href=\"/assessments/{a}/actions\"")), "{who}: no link");

        let plan = client.get(&format!("/assessments/{a}/actions")).await;
        assert_eq!(plan.status, 200, "{who}");
        assert!(plan.body.contains("Refresh the safeguarding policy"), "{who}");
        assert!(plan.body.contains("Overdue"), "{who}: overdue shown");
        assert!(plan.body.contains(&format!("href=\"/organisations/{}\"", world.o1)), "{who}: way back");
        assert!(!plan.body.contains("Add an action"), "{who}: no edit controls");
        assert!(!plan.body.contains(&format!("href=\"/assessments/{a}\"")), "{who}: no task list");

        let action = client.get(&format!("/assessments/{a}/actions/{act}")).await;
        assert_eq!(action.status, 200, "{who}");
        assert!(action.body.contains("Draft policy sent to trustees"), "{who}: progress notes");
        assert!(action.body.contains("Jo Lead") && action.body.contains("1 February 2020"), "{who}");
        let form = format!("action=\"/assessments/{a}/actions/");
        assert!(!action.body.contains(&form), "{who}: no form: {}", action.body);
        assert!(!action.body.contains("Save action") && !action.body.contains("Add note"), "{who}");

        let csv = client.get(&format!("/assessments/{a}/actions.csv")).await;
        assert_eq!(csv.status, 200, "{who}");
        assert!(csv.body.contains("Refresh the safeguarding policy"));
        assert_eq!(client.get(&format!("/assessments/{a}/actions.xlsx")).await.status, 200);
        assert!(client.get(&format!("/assessments/{a}/actions/print")).await.body.contains("Jo Lead"));

        // The plan's history: each edit to an action, and none of the answers.
        let history = client.get(&format!("/assessments/{a}/history")).await;
        assert_eq!(history.status, 200, "{who}");
        assert!(history.body.contains("Improvement action") && history.body.contains("Jo Lead"), "{who}");
        assert!(!history.body.contains("Named on posters"), "{who}: answers are not the plan's");

        // Reading the plan is not reading the assessment.
        for path in [
            format!("/assessments/{a}"),
            format!("/assessments/{a}/standards/1"),
            format!("/assessments/{a}/check"),
            format!("/organisations/{}/assessments", world.o1),
        ] {
            assert_eq!(client.get(&path).await.status, 404, "{who} {path}");
        }
    }
}

#[tokio::test]
async fn the_organisation_keeps_its_plan_as_before() {
    let app = TestApp::spawn().await;
    let world = World::build(&app).await;
    let lead = plan_with_progress(&app, &world).await;
    let (a, act) = (world.o1_assessment, world.o1_action);
    let plan = lead.get(&format!("/assessments/{a}/actions")).await;
    assert!(plan.body.contains("Add an action"));
    assert!(plan.body.contains(&format!("href=\"/assessments/{a}\"")), "back to the task list");
    let action = lead.get(&format!("/assessments/{a}/actions/{act}")).await;
    assert!(action.body.contains("Save action") && action.body.contains("Add note"));
    let history = lead.get(&format!("/assessments/{a}/history")).await;
    assert!(history.body.contains("Named on posters"), "the organisation reads its answers' history");
    // Its contributor reads the action without a form that cannot be saved.
    let contributor = app.signed_in(O1_CONTRIBUTOR).await;
    let action = contributor.get(&format!("/assessments/{a}/actions/{act}")).await;
    assert_eq!(action.status, 200);
    assert!(action.body.contains("Jo Lead"));
    assert!(!action.body.contains(&format!("action=\"/assessments/{a}/actions/")), "no form to save");
    // The organisation's own people are not sent to the partnership's view.
    let organisation = lead.get(&format!("/organisations/{}", world.o1)).await;
    assert!(!organisation.body.contains("Action plan: "));
}

#[tokio::test]
async fn every_change_to_a_plan_refuses_partnership_staff() {
    let app = TestApp::spawn().await;
    let world = World::build(&app).await;
    let lead = plan_with_progress(&app, &world).await;
    let (a, act) = (world.o1_assessment, world.o1_action);
    let edit = [
        ("what", "Changed by a partnership"),
        ("responsible_lead", "Someone else"),
        ("day", ""),
        ("month", ""),
        ("year", ""),
        ("expected_outcome", ""),
        ("impact_measure", ""),
        ("status", "completed"),
    ];
    let before = osa_server::action_plans::store::list(app.db(), a).await.unwrap().len();
    for who in P1_STAFF {
        let client = app.signed_in(who).await;
        assert_eq!(client.get(&format!("/assessments/{a}/actions/new")).await.status, 404, "{who}");
        assert_eq!(client.post(&format!("/assessments/{a}/actions/new"), &edit).await.status, 404, "{who}");
        assert_eq!(client.post(&format!("/assessments/{a}/actions/{act}"), &edit).await.status, 404, "{who}");
        let note = client.post(&format!("/assessments/{a}/actions/{act}/updates"), &[("note", "Ours")]).await;
        assert_eq!(note.status, 404, "{who}");
        let send = client.post(&format!("/assessments/{a}/plan-updates/{}", world.p1_cycle), &[]).await;
        assert!(send.status == 403 || send.status == 404, "{who}: {}", send.status);
    }
    let action = lead.get(&format!("/assessments/{a}/actions/{act}")).await;
    assert!(!action.body.contains("Changed by a partnership") && !action.body.contains("Ours<"));
    assert_eq!(osa_server::action_plans::store::list(app.db(), a).await.unwrap().len(), before, "none added");
}

#[tokio::test]
async fn a_partnership_the_organisation_does_not_serve_reads_no_plan() {
    let app = TestApp::spawn().await;
    let world = World::build(&app).await;
    plan_with_progress(&app, &world).await;
    for who in [P2_ADMIN, O2_LEAD] {
        let client = app.signed_in(who).await;
        for path in read_routes(&world) {
            assert_eq!(client.get(&path).await.status, 404, "{who} {path}");
        }
        let organisation = client.get(&format!("/organisations/{}", world.o1)).await;
        assert_eq!(organisation.status, 404, "{who}");
    }
    // Organisation two serves partnership two only: partnership one reads none of its plan.
    let o2_lead = osa_server::accounts::store::user_by_email(app.db(), O2_LEAD).await.unwrap().unwrap().id;
    let o2_assessment = osa_server::assessments::store::start(
        app.db(),
        world.o2,
        "test-framework",
        world.framework_v1,
        o2_lead,
    )
    .await
    .unwrap();
    let p1_admin = app.signed_in(P1_ADMIN).await;
    assert_eq!(p1_admin.get(&format!("/assessments/{o2_assessment}/actions")).await.status, 404);
    assert_eq!(
        app.signed_in(P2_ADMIN).await.get(&format!("/assessments/{o2_assessment}/actions")).await.status,
        200
    );
    // An organisation only asking to join is not yet served: its plan stays its own.
    let o3_lead = osa_server::accounts::store::user_by_email(app.db(), O3_LEAD).await.unwrap().unwrap().id;
    let o3_assessment = osa_server::assessments::store::start(
        app.db(),
        world.o3,
        "test-framework",
        world.framework_v1,
        o3_lead,
    )
    .await
    .unwrap();
    assert_eq!(p1_admin.get(&format!("/assessments/{o3_assessment}/actions")).await.status, 404);
}
