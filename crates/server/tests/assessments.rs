//! The organisation's living self-assessment: task list, saving a standard, refusing
//! bad input without losing it, detecting concurrent edits, and history.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a test or benchmark stops loudly at the step that failed"
)]

mod common;

use common::world::*;
use common::{Client, Page, TestApp};

/// The hidden fields of a standard page, as a browser would send them back (the
/// form token is added by `Client::post`).
fn hidden_fields(page: &Page) -> Vec<(String, String)> {
    page.hidden_fields().into_iter().filter(|(name, _)| name != "csrf_token").collect()
}

async fn save(client: &Client, world: &World, loaded: &Page, answers: &[(&str, &str)]) -> Page {
    let mut fields = hidden_fields(loaded);
    fields.retain(|(k, _)| !answers.iter().any(|(a, _)| a == k));
    fields.extend(answers.iter().map(|(k, v)| (k.to_string(), v.to_string())));
    let borrowed: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    client.post(&format!("/assessments/{}/standards/1", world.o1_assessment), &borrowed).await
}

fn standard_path(world: &World) -> String {
    format!("/assessments/{}/standards/1", world.o1_assessment)
}

const COMPLETE: &[(&str, &str)] =
    &[("value:1.1", "met"), ("narrative:1.1", "Our lead is named on every poster."), ("value:1.2", "85%")];

#[tokio::test]
async fn a_lead_starts_an_assessment_and_completes_a_standard() {
    let app = TestApp::spawn().await;
    let world = World::build(&app).await;
    let lead = app.signed_in(O1_LEAD).await;
    let list = lead.get(&format!("/organisations/{}/assessments", world.o1)).await;
    assert!(list.body.contains("Test framework"));
    let started = lead
        .post(
            &format!("/organisations/{}/assessments", world.o1),
            &[("framework", &world.framework_v1.to_string())],
        )
        .await;
    assert!(
        started.redirects_to(&format!("/assessments/{}", world.o1_assessment)),
        "one living assessment per framework"
    );

    let tasks = lead.get(&format!("/assessments/{}", world.o1_assessment)).await;
    assert!(tasks.body.contains("Not started"));

    let page = lead.get(&standard_path(&world)).await;
    assert!(
        page.body.contains("Examples of evidence") || page.body.contains("Guidance and examples of evidence")
    );
    let saved = save(&lead, &world, &page, COMPLETE).await;
    assert!(saved.status.is_redirection(), "{}", saved.body);
    let tasks = lead.get(&format!("/assessments/{}", world.o1_assessment)).await;
    assert!(tasks.body.contains("Completed"));
    assert!(tasks.body.contains("Standing: <strong class=\"govuk-tag govuk-tag--green\">Green</strong>"));

    let history = lead.get(&format!("/assessments/{}/history", world.o1_assessment)).await;
    assert!(history.body.contains("Our lead is named on every poster."));
    assert!(history.body.contains(O1_LEAD), "who made the change is shown");
}

#[tokio::test]
async fn the_summary_of_each_standard_is_kept_with_every_save() {
    use osa_server::db::schema::AssessmentSummaries;
    use sea_query::{Expr, ExprTrait, Query};
    let app = TestApp::spawn().await;
    let world = World::build(&app).await;
    let lead = app.signed_in(O1_LEAD).await;
    let page = lead.get(&standard_path(&world)).await;
    save(
        &lead,
        &world,
        &page,
        &[("value:1.1", "not_met"), ("narrative:1.1", "Not yet."), ("value:1.2", "10")],
    )
    .await;
    let row: (String, Option<String>) = app
        .db()
        .fetch_one(
            &Query::select()
                .columns([AssessmentSummaries::Status, AssessmentSummaries::Standing])
                .from(AssessmentSummaries::Table)
                .and_where(Expr::col(AssessmentSummaries::AssessmentId).eq(world.o1_assessment))
                .to_owned(),
        )
        .await
        .unwrap();
    assert_eq!(row, ("completed".to_owned(), Some("red".to_owned())));
}

#[tokio::test]
async fn bad_input_is_refused_and_everything_typed_is_kept() {
    let app = TestApp::spawn().await;
    let world = World::build(&app).await;
    let lead = app.signed_in(O1_LEAD).await;
    let page = lead.get(&standard_path(&world)).await;
    let refused = save(
        &lead,
        &world,
        &page,
        &[("value:1.1", "met"), ("narrative:1.1", "Kept text"), ("value:1.2", "150")],
    )
    .await;
    assert_eq!(refused.status, 422);
    assert!(refused.body.contains("There is a problem"));
    assert!(refused.body.contains("Kept text"));
    assert!(refused.body.contains("value=\"150\""));
    let history = lead.get(&format!("/assessments/{}/history", world.o1_assessment)).await;
    assert!(history.body.contains("No answers have been saved yet"), "nothing is saved from a refused page");
}

#[tokio::test]
async fn a_stale_save_gets_the_conflict_page_with_both_texts_and_can_then_win() {
    let app = TestApp::spawn().await;
    let world = World::build(&app).await;
    let first = app.signed_in(O1_LEAD).await;
    let second = app.signed_in(PLATFORM_ADMIN).await;
    let first_page = first.get(&standard_path(&world)).await;
    let second_page = second.get(&standard_path(&world)).await;

    let a = save(
        &first,
        &world,
        &first_page,
        &[("value:1.1", "met"), ("narrative:1.1", "First person's evidence")],
    )
    .await;
    assert!(a.status.is_redirection());
    let b = save(
        &second,
        &world,
        &second_page,
        &[("value:1.1", "partially_met"), ("narrative:1.1", "Second person's evidence")],
    )
    .await;
    assert_eq!(b.status, 409);
    assert!(
        b.body.contains("First person&#39;s evidence") || b.body.contains("First person&#x27;s evidence"),
        "{}",
        b.body
    );
    assert!(
        b.body.contains("Second person&#39;s evidence") || b.body.contains("Second person&#x27;s evidence")
    );

    // Choosing "Save my answers instead" posts the page's fields again.
    let resend: Vec<(String, String)> = hidden_fields(&b);
    let borrowed: Vec<(&str, &str)> = resend.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    let won = second.post(&standard_path(&world), &borrowed).await;
    assert!(won.status.is_redirection(), "{}", won.body);
    let now = first.get(&standard_path(&world)).await;
    assert!(
        now.body.contains("Second person&#39;s evidence")
            || now.body.contains("Second person&#x27;s evidence")
    );
}

#[tokio::test]
async fn an_answer_left_untouched_is_not_overwritten_by_an_older_page() {
    let app = TestApp::spawn().await;
    let world = World::build(&app).await;
    let first = app.signed_in(O1_LEAD).await;
    let second = app.signed_in(PLATFORM_ADMIN).await;
    let old_page = second.get(&standard_path(&world)).await;
    let page = first.get(&standard_path(&world)).await;
    save(&first, &world, &page, &[("value:1.1", "met"), ("narrative:1.1", "Saved first")]).await;
    let other = save(&second, &world, &old_page, &[("value:1.2", "40")]).await;
    assert!(other.status.is_redirection(), "a different question is no conflict");
    let now = first.get(&standard_path(&world)).await;
    assert!(now.body.contains("Saved first"));
    assert!(now.body.contains("value=\"40\""));
}

#[tokio::test]
async fn a_contributor_sees_and_answers_only_the_standards_shared_with_them() {
    let app = TestApp::spawn().await;
    let world = World::build(&app).await;
    let contributor = app.signed_in(O1_CONTRIBUTOR).await;
    assert_eq!(contributor.get(&standard_path(&world)).await.status, 404, "not shared yet");
    assert!(
        !contributor
            .get(&format!("/assessments/{}", world.o1_assessment))
            .await
            .body
            .contains("Who is responsible")
    );

    let lead = app.signed_in(O1_LEAD).await;
    let contributor_id =
        osa_server::accounts::store::user_by_email(app.db(), O1_CONTRIBUTOR).await.unwrap().unwrap().id;
    let shared = lead
        .post(
            &format!("/assessments/{}/delegation", world.o1_assessment),
            &[("standard", "1"), ("user", &contributor_id.to_string())],
        )
        .await;
    assert!(shared.status.is_redirection());
    let (subject, body) = app.last_mail_to(O1_CONTRIBUTOR).await.expect("the contributor is told");
    assert!(subject.contains("standard 1"));
    assert!(body.contains(&format!("/assessments/{}/standards/1", world.o1_assessment)));

    assert!(
        contributor
            .get(&format!("/assessments/{}", world.o1_assessment))
            .await
            .body
            .contains("Who is responsible")
    );
    let page = contributor.get(&standard_path(&world)).await;
    assert_eq!(page.status, 200);
    let saved = save(&contributor, &world, &page, COMPLETE).await;
    assert!(saved.status.is_redirection(), "{}", saved.body);
    let history = lead.get(&format!("/assessments/{}/history", world.o1_assessment)).await;
    assert!(history.body.contains(O1_CONTRIBUTOR), "the lead sees who answered");
}

#[tokio::test]
async fn senior_sign_off_reads_every_standard_but_answers_none_and_other_organisations_see_nothing() {
    let app = TestApp::spawn().await;
    let world = World::build(&app).await;
    let signoff = app.signed_in(O1_SIGNOFF).await;
    assert_eq!(signoff.get(&standard_path(&world)).await.status, 200);
    assert_eq!(signoff.post(&standard_path(&world), &[("value:1.1", "met")]).await.status, 403);
    let other = app.signed_in(O2_LEAD).await;
    assert_eq!(other.get(&standard_path(&world)).await.status, 404);
    assert_eq!(other.get(&format!("/assessments/{}", world.o1_assessment)).await.status, 404);
    let analyst = app.signed_in(P1_ANALYST).await;
    assert_eq!(analyst.get(&format!("/assessments/{}", world.o1_assessment)).await.status, 404);
}

/// Two standards, so that one can be shared with a contributor and the other not.
const TWO_STANDARDS: &str = r#"
[framework]
key = "history-test"
name = "History test framework"
audience = "children"
version = 1
description = "Two standards, one criterion each."
standing_rule = "default"

[[standards]]
code = "1"
title = "Leadership"
outcome = "Everyone knows who leads."

[[standards.criteria]]
code = "1.1"
question = "We have a named safeguarding lead."
guidance = "Everyone should know their name."
evidence = ["Poster with names"]
answer = "rating"
not_applicable = false
narrative_required = false

[[standards]]
code = "2"
title = "Safer recruitment"
outcome = "Everyone is checked."

[[standards.criteria]]
code = "2.1"
question = "Is every volunteer checked before they start?"
guidance = "Yes only if nobody starts unchecked."
evidence = ["Checks log"]
answer = "yes_no"
not_applicable = false
narrative_required = false
"#;

#[tokio::test]
async fn a_contributor_reads_the_history_of_the_standards_shared_with_them_only() {
    let app = TestApp::spawn().await;
    let world = World::build(&app).await;
    let framework = match osa_server::frameworks::import::import(
        app.db(),
        Some(world.p1),
        None,
        false,
        TWO_STANDARDS.as_bytes(),
        true,
    )
    .await
    {
        Ok(done) => done.id,
        Err(_) => panic!("the history test framework did not import"),
    };
    let lead_id = osa_server::accounts::store::user_by_email(app.db(), O1_LEAD).await.unwrap().unwrap().id;
    let id = osa_server::assessments::store::start(app.db(), world.o1, "history-test", framework, lead_id)
        .await
        .unwrap();
    let lead = app.signed_in(O1_LEAD).await;
    for (standard, answers) in [
        ("1", [("value:1.1", "met"), ("narrative:1.1", "The lead's name is on every poster.")]),
        (
            "2",
            [("value:2.1", "no"), ("narrative:2.1", "Two volunteers started before their checks came back.")],
        ),
    ] {
        let path = format!("/assessments/{id}/standards/{standard}");
        let page = lead.get(&path).await;
        let mut fields = hidden_fields(&page);
        fields.extend(answers.iter().map(|(k, v)| (k.to_string(), v.to_string())));
        let borrowed: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
        assert!(lead.post(&path, &borrowed).await.status.is_redirection());
    }
    let history = format!("/assessments/{id}/history");
    let everything = lead.get(&history).await;
    assert!(everything.body.contains("on every poster") && everything.body.contains("Two volunteers"));

    // Nothing shared yet: the contributor reads no answer at all.
    let contributor = app.signed_in(O1_CONTRIBUTOR).await;
    let page = contributor.get(&history).await;
    assert_eq!(page.status, 200);
    assert!(!page.body.contains("on every poster") && !page.body.contains("Two volunteers"), "{}", page.body);

    // Standard 1 shared: its history shows, standard 2's narrative does not.
    let contributor_id =
        osa_server::accounts::store::user_by_email(app.db(), O1_CONTRIBUTOR).await.unwrap().unwrap().id;
    let shared = lead
        .post(
            &format!("/assessments/{id}/delegation"),
            &[("standard", "1"), ("user", &contributor_id.to_string())],
        )
        .await;
    assert!(shared.status.is_redirection());
    let page = contributor.get(&history).await;
    assert!(page.body.contains("on every poster"), "{}", page.body);
    assert!(!page.body.contains("Two volunteers") && !page.body.contains("Is every volunteer checked"));
    // The senior sign-off reads every standard, so every change.
    let signoff = app.signed_in(O1_SIGNOFF).await.get(&history).await;
    assert!(signoff.body.contains("on every poster") && signoff.body.contains("Two volunteers"));
}
