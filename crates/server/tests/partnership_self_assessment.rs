//! The partnership's own self-assessment: a partnership admin starts it from the
//! partnership's pages, answers it on the same pages as organisations use, shares
//! standards with the partnership's analysts and panel members, and signs it off as the
//! partnership's own record, sent to nobody. Nobody outside the partnership reaches it,
//! and no organisation is offered its framework.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a test or benchmark stops loudly at the step that failed"
)]

mod common;

use common::journey::hidden;
use common::world::*;
use common::{Client, TestApp};
use osa_server::db::schema::{ReturnPartnerships, Returns};
use sea_query::{Expr, ExprTrait, Query};

const FRAMEWORK: &str = r#"
[framework]
key = "test-partnership"
name = "Test partnership self-assessment"
audience = "partnership"
version = 1
description = """
A small framework for a partnership to look at itself, used by the tests."""
standing_rule = "default"

[[standards]]
code = "1"
title = "Voice and influence"
outcome = "Children and families shape what the partnership does."

[[standards.criteria]]
code = "1.1"
question = "Children's views shape the partnership's priorities."
guidance = """
Look for real influence, not only attendance."""
evidence = ["Youth forum notes"]
answer = "rating"
not_applicable = false
narrative_required = true

[[standards]]
code = "2"
title = "Working in partnership"
outcome = "Partners hold one another to account."

[[standards.criteria]]
code = "2.1"
question = "Partners challenge one another when a partner falls short."
guidance = """
Look for recorded challenge and what changed."""
evidence = ["Escalation log"]
answer = "rating"
not_applicable = false
narrative_required = true
"#;

/// Imports and publishes the test partnership framework as a platform framework.
async fn partnership_framework(app: &TestApp) -> i64 {
    match osa_server::frameworks::import::import(app.db(), None, None, true, FRAMEWORK.as_bytes(), true).await
    {
        Ok(done) => done.id,
        Err(_) => panic!("the partnership framework did not import"),
    }
}

fn page_of(world: &World) -> String {
    format!("/partnerships/{}/self-assessment", world.p1)
}

/// Starts partnership one's self-assessment as its admin; gives the assessment's id.
async fn start(admin: &Client, world: &World, framework: i64) -> i64 {
    let started = admin.post(&page_of(world), &[("framework", &framework.to_string())]).await;
    assert!(started.redirects_to("/assessments/"), "{} {:?}", started.status, started.location);
    started.location.unwrap().trim_start_matches("/assessments/").parse().unwrap()
}

/// Saves one criterion of the partnership's assessment as `client`.
async fn answer(client: &Client, assessment: i64, code: &str, rating: &str, narrative: &str) -> common::Page {
    let standard = code.split('.').next().unwrap();
    let path = format!("/assessments/{assessment}/standards/{standard}");
    let page = client.get(&path).await;
    assert_eq!(page.status, 200, "{path}");
    let version = hidden(&page.body, &format!("version:{code}"));
    client
        .post(
            &path,
            &[
                (&format!("value:{code}"), rating),
                (&format!("narrative:{code}"), narrative),
                (&format!("version:{code}"), &version),
            ],
        )
        .await
}

async fn returns_of(app: &TestApp, assessment: i64) -> Vec<(i64, String)> {
    app.db()
        .fetch_all(
            &Query::select()
                .columns([Returns::Id, Returns::State])
                .from(Returns::Table)
                .and_where(Expr::col(Returns::AssessmentId).eq(assessment))
                .to_owned(),
        )
        .await
        .unwrap()
}

async fn sent_anywhere(app: &TestApp, return_id: i64) -> usize {
    let rows: Vec<(i64,)> = app
        .db()
        .fetch_all(
            &Query::select()
                .column(ReturnPartnerships::PartnershipId)
                .from(ReturnPartnerships::Table)
                .and_where(Expr::col(ReturnPartnerships::ReturnId).eq(return_id))
                .to_owned(),
        )
        .await
        .unwrap();
    rows.len()
}

#[tokio::test]
async fn an_admin_starts_answers_and_signs_off_the_partnerships_own_self_assessment() {
    let app = TestApp::spawn().await;
    let world = World::build(&app).await;
    let framework = partnership_framework(&app).await;
    let admin = app.signed_in(P1_ADMIN).await;

    let home = admin.get(&format!("/partnerships/{}", world.p1)).await;
    assert!(home.body.contains(&format!("href=\"{}\"", page_of(&world))), "no way in from the partnership");
    let offer = admin.get(&page_of(&world)).await;
    assert_eq!(offer.status, 200);
    assert!(offer.body.contains("Test partnership self-assessment"));
    assert!(offer.body.contains("Not started"));

    let id = start(&admin, &world, framework).await;
    // One living self-assessment per framework: starting again opens the same one.
    assert_eq!(start(&admin, &world, framework).await, id);
    let offer = admin.get(&page_of(&world)).await;
    assert!(offer.body.contains(&format!("href=\"/assessments/{id}\"")));
    assert!(!offer.body.contains("Not started"));

    // The organisation's task list, with the way back to the partnership.
    let tasks = admin.get(&format!("/assessments/{id}")).await;
    assert_eq!(tasks.status, 200);
    assert!(tasks.body.contains(&format!("href=\"{}\"", page_of(&world))));
    assert!(tasks.body.contains("Voice and influence") && tasks.body.contains("Working in partnership"));
    assert!(tasks.body.contains("Check answers, sign off<"), "the partnership submits nothing");

    let saved = answer(
        &admin,
        id,
        "1.1",
        "met",
        "Youth forum set two priorities. Present: the chair, the scrutineer and three partners.",
    )
    .await;
    assert!(saved.status.is_redirection(), "{}", saved.body);
    let saved = answer(&admin, id, "2.1", "partially_met", "Challenge is recorded for health only.").await;
    assert!(saved.status.is_redirection(), "{}", saved.body);

    // The partially met answer puts an action in the partnership's own plan.
    let plan = admin.get(&format!("/assessments/{id}/actions")).await;
    assert_eq!(plan.status, 200);
    assert!(plan.body.contains("2.1"), "no derived action: {}", plan.body);

    let check = admin.get(&format!("/assessments/{id}/check")).await;
    assert_eq!(check.status, 200);
    assert!(check.body.contains("Youth forum set two priorities"));
    assert!(check.body.contains("Sign off the return"));
    assert!(!check.body.contains("Submit the return"), "nothing is submitted");
    assert!(!check.body.contains("Ask for sign-off"), "the admin signs off");
    assert!(!check.body.contains("Partnerships will see that one person did both"));

    let signed = admin.post(&format!("/assessments/{id}/sign-off"), &[("declaration", "yes")]).await;
    assert!(signed.redirects_to(&format!("/assessments/{id}/check")));
    let returns = returns_of(&app, id).await;
    assert_eq!(returns.len(), 1);
    let (kept, state) = &returns[0];
    // Kept at once, sent to no partnership.
    assert_eq!(state, "submitted");
    assert_eq!(sent_anywhere(&app, *kept).await, 0);

    let check = admin.get(&format!("/assessments/{id}/check")).await;
    assert!(check.body.contains("Signed-off versions"), "{}", check.body);
    assert!(check.body.contains(&format!("/returns/{kept}/copy.pdf")));
    assert!(!check.body.contains(&format!("href=\"/returns/{kept}\"")), "no partnership reads it");
    let copy = admin.get(&format!("/returns/{kept}/copy.pdf")).await;
    assert_eq!(copy.status, 200);
    assert_eq!(copy.headers["content-type"], "application/pdf");

    // Nothing to submit, ever; and a later change leaves the signed-off version standing.
    assert_eq!(admin.post(&format!("/assessments/{id}/submit"), &[]).await.status, 404);
    let saved = answer(&admin, id, "2.1", "met", "Challenge is now recorded for every partner.").await;
    assert!(saved.status.is_redirection());
    assert_eq!(returns_of(&app, id).await, returns);
    let check = admin.get(&format!("/assessments/{id}/check")).await;
    assert!(check.body.contains(&format!("/returns/{kept}/copy.pdf")));
}

#[tokio::test]
async fn analysts_and_panel_members_answer_the_standards_an_admin_shares_with_them() {
    let app = TestApp::spawn().await;
    let world = World::build(&app).await;
    let framework = partnership_framework(&app).await;
    let admin = app.signed_in(P1_ADMIN).await;
    let id = start(&admin, &world, framework).await;
    let analyst = app.signed_in(P1_ANALYST).await;
    let panel = app.signed_in(P1_PANEL).await;

    // Before anything is shared they see the task list, and no standard.
    let tasks = analyst.get(&format!("/assessments/{id}")).await;
    assert_eq!(tasks.status, 200);
    assert!(!tasks.body.contains("Voice and influence"));
    assert_eq!(analyst.get(&format!("/assessments/{id}/standards/1")).await.status, 404);

    // The admin shares standards with the partnership's own staff, and nobody else.
    let delegation = admin.get(&format!("/assessments/{id}/delegation")).await;
    assert_eq!(delegation.status, 200);
    assert!(delegation.body.contains(P1_ANALYST) && delegation.body.contains(P1_PANEL));
    for outsider in [O1_CONTRIBUTOR, O1_LEAD, P2_ADMIN, P1_ADMIN] {
        assert!(!delegation.body.contains(outsider), "{outsider} offered");
    }
    let analyst_id =
        osa_server::accounts::store::user_by_email(app.db(), P1_ANALYST).await.unwrap().unwrap().id;
    let panel_id = osa_server::accounts::store::user_by_email(app.db(), P1_PANEL).await.unwrap().unwrap().id;
    let o1_contributor =
        osa_server::accounts::store::user_by_email(app.db(), O1_CONTRIBUTOR).await.unwrap().unwrap().id;
    let share = |standard: &'static str, user: i64| {
        let admin = &admin;
        async move {
            admin
                .post(
                    &format!("/assessments/{id}/delegation"),
                    &[("standard", standard), ("user", &user.to_string())],
                )
                .await
        }
    };
    assert!(share("1", analyst_id).await.status.is_redirection());
    assert!(share("2", panel_id).await.status.is_redirection());
    // An organisation's contributor cannot be given a partnership's standard.
    share("1", o1_contributor).await;
    let o1 = app.signed_in(O1_CONTRIBUTOR).await;
    assert_eq!(o1.get(&format!("/assessments/{id}/standards/1")).await.status, 404);

    // Each answers their own standard, and only that one.
    let saved = answer(&analyst, id, "1.1", "met", "Youth forum minutes, March.").await;
    assert!(saved.status.is_redirection(), "{}", saved.body);
    let saved = answer(&panel, id, "2.1", "met", "Escalation log reviewed at the panel.").await;
    assert!(saved.status.is_redirection(), "{}", saved.body);
    assert_eq!(analyst.get(&format!("/assessments/{id}/standards/2")).await.status, 404);
    assert_eq!(panel.get(&format!("/assessments/{id}/standards/1")).await.status, 404);
    // They neither run it nor sign it off.
    assert_eq!(analyst.get(&format!("/assessments/{id}/check")).await.status, 404);
    assert_eq!(analyst.get(&format!("/assessments/{id}/delegation")).await.status, 403);
    assert_eq!(
        panel.post(&format!("/assessments/{id}/sign-off"), &[("declaration", "yes")]).await.status,
        403
    );
    assert_eq!(analyst.post(&page_of(&world), &[("framework", &framework.to_string())]).await.status, 403);

    // The admin sees who answered what, and signs it off.
    let history = admin.get(&format!("/assessments/{id}/history")).await;
    assert!(history.body.contains(P1_ANALYST) && history.body.contains(P1_PANEL), "{}", history.body);
    let signed = admin.post(&format!("/assessments/{id}/sign-off"), &[("declaration", "yes")]).await;
    assert!(signed.status.is_redirection());
    assert_eq!(returns_of(&app, id).await.len(), 1);
}

/// Every route of an assessment, and of its returns, with the partnership's ids put in.
fn assessment_routes(id: i64, kept: i64, cycle: i64) -> Vec<(String, String)> {
    osa_server::web::routes()
        .list()
        .iter()
        .filter(|(_, p)| p.starts_with("/assessments/{id}") || p.starts_with("/returns/{id}"))
        .map(|(m, p)| {
            let own = if p.starts_with("/returns/") { kept } else { id };
            let path = p
                .replace("{id}", &own.to_string())
                .replace("{code}", "1")
                .replace("{action}", "1")
                .replace("{file}", "1")
                .replace("{upload}", "1")
                .replace("{thread}", "1")
                .replace("{cycle}", &cycle.to_string());
            (m.as_str().to_owned(), path)
        })
        .collect()
}

#[tokio::test]
async fn nobody_outside_the_partnership_reaches_its_self_assessment() {
    let app = TestApp::spawn().await;
    let world = World::build(&app).await;
    let framework = partnership_framework(&app).await;
    let admin = app.signed_in(P1_ADMIN).await;
    let id = start(&admin, &world, framework).await;
    answer(&admin, id, "1.1", "met", "Youth forum.").await;
    answer(&admin, id, "2.1", "met", "Escalation log.").await;
    admin.post(&format!("/assessments/{id}/sign-off"), &[("declaration", "yes")]).await;
    let kept = returns_of(&app, id).await[0].0;

    let routes = assessment_routes(id, kept, world.p1_cycle);
    assert!(routes.len() > 20, "the router lists the assessment's routes");
    let mut failures = Vec::new();
    for who in [P2_ADMIN, O1_LEAD, O1_CONTRIBUTOR, O1_SIGNOFF, O2_LEAD] {
        let client = app.signed_in(who).await;
        let token = client.token().await;
        for (method, path) in &routes {
            let page = if method == "GET" {
                client.get(path).await
            } else {
                client.post_raw(path, &[("csrf_token", &token), ("declaration", "yes")]).await
            };
            if page.status != 403 && page.status != 404 {
                failures.push(format!("{method} {path} as {who}: {}", page.status));
            }
        }
        for path in [page_of(&world)] {
            let status = client.get(&path).await.status;
            if status != 404 {
                failures.push(format!("GET {path} as {who}: {status}"));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    // Nothing they did changed it.
    assert_eq!(returns_of(&app, id).await.len(), 1);
}

#[tokio::test]
async fn the_record_is_no_organisation_anyone_lists_opens_or_is_offered() {
    let app = TestApp::spawn().await;
    let world = World::build(&app).await;
    let framework = partnership_framework(&app).await;
    let admin = app.signed_in(P1_ADMIN).await;
    start(&admin, &world, framework).await;
    let record = osa_server::partnership_self::store::record_of(app.db(), world.p1).await.unwrap().unwrap();

    // Not among the organisations the platform admin lists, nor a lookalike of one.
    let platform = app.signed_in(PLATFORM_ADMIN).await;
    let list = platform.get("/organisations?q=partnership").await;
    assert_eq!(list.status, 200);
    assert!(!list.body.contains(&format!("/organisations/{record}\"")), "{}", list.body);
    let lookalikes =
        osa_server::organisations::lookalikes::find(app.db(), "Partnership One", None).await.unwrap();
    assert!(lookalikes.iter().all(|l| l.id != record));

    // Its organisation pages stay closed to the partnership's own staff.
    for path in [format!("/organisations/{record}"), format!("/organisations/{record}/assessments")] {
        assert_eq!(admin.get(&path).await.status, 404, "{path}");
    }
    // An organisation framework cannot be started on it.
    let other = admin
        .post(
            &format!("/organisations/{record}/assessments"),
            &[("framework", &world.framework_v1.to_string())],
        )
        .await;
    assert_eq!(other.status, 404);

    // No organisation is offered the partnership framework, nor may start it.
    let lead = app.signed_in(O1_LEAD).await;
    let offered = lead.get(&format!("/organisations/{}/assessments", world.o1)).await;
    assert_eq!(offered.status, 200);
    assert!(!offered.body.contains("Test partnership self-assessment"));
    let refused = lead
        .post(&format!("/organisations/{}/assessments", world.o1), &[("framework", &framework.to_string())])
        .await;
    assert_eq!(refused.status, 404);
    // And a partnership page refuses an organisation's framework.
    let wrong = admin.post(&page_of(&world), &[("framework", &world.framework_v1.to_string())]).await;
    assert_eq!(wrong.status, 404);
}

#[tokio::test]
async fn the_shipped_partnership_framework_is_offered_to_partnerships() {
    let app = TestApp::spawn().await;
    let world = World::build(&app).await;
    osa_server::frameworks::import::import_shipped(app.db()).await.unwrap();
    let panel = app.signed_in(P1_PANEL).await;
    let page = panel.get(&page_of(&world)).await;
    assert_eq!(page.status, 200);
    assert!(page.body.contains("Safeguarding partnership self-assessment"));
    assert!(page.body.contains("A partnership admin starts it"), "panel members do not start it");
    assert!(!page.body.contains("Section 11"), "only frameworks written for partnerships");
}
