//! An answer given once is offered for a criterion of another framework that answers
//! the same need, in either direction of the mapping, and "use this answer" copies it
//! into the form (for the person to check and save), never saving on its own.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a test or benchmark stops loudly at the step that failed"
)]

mod common;

use common::TestApp;
use common::world::*;

const OTHER: &str = r#"
[framework]
key = "test-adults"
name = "Adults test framework"
audience = "adults"
version = 1
description = "A second framework that shares one need with the first."
standing_rule = "default"

[[standards]]
code = "A"
title = "Leadership"
outcome = "Someone is in charge of safeguarding adults."

[[standards.criteria]]
code = "A.1"
question = "There is a named lead for safeguarding adults."
guidance = "Name the lead and make sure staff know who it is."
evidence = ["Staff handbook"]
answer = "rating"
not_applicable = false
narrative_required = true
maps_to = ["test-framework:1.1"]
"#;

/// The world with `OTHER` imported and started by organisation 1's lead: the lead, and
/// the path of the assessment against `OTHER`.
async fn with_second_framework(app: &TestApp) -> (World, common::Client, String) {
    let world = World::build(app).await;
    let imported =
        osa_server::frameworks::import::import(app.db(), Some(world.p1), None, false, OTHER.as_bytes(), true)
            .await;
    let other_framework = match imported {
        Ok(done) => done.id,
        Err(_) => panic!("the second framework did not import"),
    };
    let lead = app.signed_in(O1_LEAD).await;
    let started = lead
        .post(
            &format!("/organisations/{}/assessments", world.o1),
            &[("framework", &other_framework.to_string())],
        )
        .await;
    let other_assessment = started.location.clone().unwrap();
    (world, lead, other_assessment)
}

#[tokio::test]
async fn an_answer_in_one_framework_is_offered_in_the_other_both_ways() {
    let app = TestApp::spawn().await;
    let (world, lead, other_assessment) = with_second_framework(&app).await;

    // Answer test-framework 1.1, then see it offered for test-adults A.1.
    let path = format!("/assessments/{}/standards/1", world.o1_assessment);
    lead.post(
        &path,
        &[
            ("value:1.1", "met"),
            ("narrative:1.1", "Our lead is Sam, named on posters."),
            ("version:1.1", "0"),
        ],
    )
    .await;
    let page = lead.get(&format!("{other_assessment}/standards/A")).await;
    assert_eq!(page.status, 200);
    assert!(
        page.body.contains("You answered the same need in Test framework (criterion 1.1)"),
        "{}",
        page.body
    );
    assert!(page.body.contains("Our lead is Sam, named on posters."));

    // And the other way round.
    lead.post(
        &format!("{other_assessment}/standards/A"),
        &[("value:A.1", "partially_met"), ("narrative:A.1", "Adults lead named."), ("version:A.1", "0")],
    )
    .await;
    let page = lead.get(&path).await;
    assert!(page.body.contains("You answered the same need in Adults test framework (criterion A.1)"));
    assert!(page.body.contains("Partially met"));
}

/// The value of the form control named `name` as the page shows it: a text field's
/// text, or the checked radio's value.
fn field(body: &str, name: &str) -> Option<String> {
    let html = scraper::Html::parse_document(body);
    let textarea = scraper::Selector::parse(&format!("textarea[name=\"{name}\"]")).unwrap();
    if let Some(t) = html.select(&textarea).next() {
        return Some(t.text().collect());
    }
    let checked = scraper::Selector::parse(&format!("input[name=\"{name}\"][checked]")).unwrap();
    html.select(&checked).next().and_then(|i| i.value().attr("value")).map(str::to_owned)
}

/// The fields the standard page posts for `A.1`, as shown in `body`.
fn posted_fields(body: &str) -> Vec<(String, String)> {
    let html = scraper::Html::parse_document(body);
    let inputs = scraper::Selector::parse("form input[type=hidden], form textarea").unwrap();
    html.select(&inputs)
        .filter_map(|e| {
            let name = e.value().attr("name")?.to_owned();
            let value = if e.value().name() == "textarea" {
                e.text().collect()
            } else {
                e.value().attr("value").unwrap_or_default().to_owned()
            };
            (name != "csrf_token").then_some((name, value))
        })
        .collect()
}

#[tokio::test]
async fn use_this_answer_copies_the_rating_and_narrative_into_the_form_without_saving() {
    let app = TestApp::spawn().await;
    let (world, lead, other_assessment) = with_second_framework(&app).await;
    lead.post(
        &format!("/assessments/{}/standards/1", world.o1_assessment),
        &[
            ("value:1.1", "partially_met"),
            ("narrative:1.1", "Our lead is Sam, named on posters."),
            ("version:1.1", "0"),
        ],
    )
    .await;
    let path = format!("{other_assessment}/standards/A");
    let page = lead.get(&path).await;
    assert!(page.body.contains(&format!("formaction=\"{path}/use-answer\"")), "{}", page.body);
    assert!(page.body.contains("value=\"A.1|test-framework|1.1\""));

    // Something typed elsewhere on the page (here the improvement action) comes back too.
    let mut form = posted_fields(&page.body);
    form.retain(|(k, _)| k != "action:A.1");
    form.push(("action:A.1".into(), "Put the lead's name on the website.".into()));
    form.push(("use".into(), "A.1|test-framework|1.1".into()));
    let form: Vec<(&str, &str)> = form.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    let copied = lead.post(&format!("{path}/use-answer"), &form).await;
    assert_eq!(copied.status, 200);
    assert_eq!(field(&copied.body, "value:A.1").as_deref(), Some("partially_met"));
    assert_eq!(field(&copied.body, "narrative:A.1").as_deref(), Some("Our lead is Sam, named on posters."));
    assert_eq!(field(&copied.body, "action:A.1").as_deref(), Some("Put the lead's name on the website."));
    assert!(copied.body.contains("Nothing on this page is saved yet"));

    // Nothing was saved: the page read afresh has no answer for A.1.
    let fresh = lead.get(&path).await;
    assert_eq!(field(&fresh.body, "value:A.1"), None);
    assert_eq!(field(&fresh.body, "narrative:A.1").as_deref(), Some(""));

    // Saving the copied form (the person may edit it first) stores it as their answer.
    let mut form = posted_fields(&copied.body);
    form.push(("value:A.1".into(), "partially_met".into()));
    let form: Vec<(&str, &str)> = form.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    let saved = lead.post(&path, &form).await;
    assert!(saved.redirects_to(&other_assessment), "{:?} {}", saved.status, saved.body);
    let fresh = lead.get(&path).await;
    assert_eq!(field(&fresh.body, "value:A.1").as_deref(), Some("partially_met"));
    assert_eq!(field(&fresh.body, "narrative:A.1").as_deref(), Some("Our lead is Sam, named on posters."));
}

#[tokio::test]
async fn an_offer_that_is_not_there_copies_nothing_and_says_so() {
    let app = TestApp::spawn().await;
    let (_world, lead, other_assessment) = with_second_framework(&app).await;
    // 1.1 has no answer yet, so nothing is offered for A.1.
    let path = format!("{other_assessment}/standards/A");
    let page = lead.get(&path).await;
    assert!(!page.body.contains("Use this answer"));
    let copied = lead
        .post(&format!("{path}/use-answer"), &[("use", "A.1|test-framework|1.1"), ("version:A.1", "0")])
        .await;
    assert_eq!(copied.status, 200);
    assert!(
        copied.body.contains("That answer is no longer offered for this question, so nothing was copied.")
    );
    assert_eq!(field(&copied.body, "narrative:A.1").as_deref(), Some(""));
}

#[tokio::test]
async fn people_who_may_only_read_are_not_offered_the_copy_and_are_refused_it() {
    let app = TestApp::spawn().await;
    let (world, lead, other_assessment) = with_second_framework(&app).await;
    lead.post(
        &format!("/assessments/{}/standards/1", world.o1_assessment),
        &[("value:1.1", "met"), ("narrative:1.1", "Named lead."), ("version:1.1", "0")],
    )
    .await;
    let path = format!("{other_assessment}/standards/A");
    let sign_off = app.signed_in(O1_SIGNOFF).await;
    let page = sign_off.get(&path).await;
    assert_eq!(page.status, 200);
    assert!(page.body.contains("You answered the same need"));
    assert!(!page.body.contains("Use this answer"));
    let refused = sign_off.post(&format!("{path}/use-answer"), &[("use", "A.1|test-framework|1.1")]).await;
    assert_eq!(refused.status, 403);
    let stranger = app.signed_in(O2_LEAD).await;
    let refused = stranger.post(&format!("{path}/use-answer"), &[("use", "A.1|test-framework|1.1")]).await;
    assert!(refused.status == 403 || refused.status == 404, "{:?}", refused.status);
}
