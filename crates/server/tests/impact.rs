//! Impact, not activity: the narrative box asks for impact where the criterion says so,
//! and a partnership challenging an answer can say its narrative describes only
//! activity, which the organisation is told and the cycle's counts show.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a test or benchmark stops loudly at the step that failed"
)]

mod common;

use common::TestApp;
use common::journey::submitted_return;
use common::world::*;

const WITH_PROMPT: &str = r#"
[framework]
key = "test-impact"
name = "Impact test framework"
audience = "children"
version = 1
description = "A framework whose second criterion asks for impact."
standing_rule = "default"

[[standards]]
code = "A"
title = "Learning"
outcome = "The organisation learns and can show what changed."

[[standards.criteria]]
code = "A.1"
question = "There is a training plan."
guidance = "Say who is trained, to what level."
evidence = ["Training plan"]
answer = "rating"
not_applicable = false
narrative_required = true

[[standards.criteria]]
code = "A.2"
question = "The organisation can show the difference training makes to children."
guidance = "Show outcomes, not attendance."
evidence = ["Audit of practice after training"]
answer = "rating"
not_applicable = false
narrative_required = true
narrative_prompt = "What changed for children as a result, and how do you know?"
"#;

/// The hint under one criterion's narrative box.
fn narrative_hint(body: &str, id: &str) -> String {
    let html = scraper::Html::parse_document(body);
    let hint = scraper::Selector::parse(&format!("#{id}-narrative-hint")).unwrap();
    html.select(&hint).next().map(|h| h.text().collect::<String>()).unwrap_or_default()
}

#[tokio::test]
async fn the_narrative_box_asks_for_impact_only_where_the_criterion_does() {
    let app = TestApp::spawn().await;
    let world = World::build(&app).await;
    let imported = osa_server::frameworks::import::import(
        app.db(),
        Some(world.p1),
        None,
        false,
        WITH_PROMPT.as_bytes(),
        true,
    )
    .await;
    let Ok(framework) = imported else { panic!("the framework did not import") };
    let lead = app.signed_in(O1_LEAD).await;
    let started = lead
        .post(
            &format!("/organisations/{}/assessments", world.o1),
            &[("framework", &framework.id.to_string())],
        )
        .await;
    let page = lead.get(&format!("{}/standards/A", started.location.unwrap())).await;
    assert_eq!(page.status, 200);
    assert_eq!(
        narrative_hint(&page.body, "A-2"),
        "What changed for children as a result, and how do you know?"
    );
    assert_eq!(narrative_hint(&page.body, "A-1"), "What you do in practice, and how you know it works.");
}

#[tokio::test]
async fn a_challenge_can_say_the_narrative_describes_activity_not_impact() {
    let app = TestApp::spawn().await;
    let world = World::build(&app).await;
    let id = submitted_return(&app, &world).await;
    let panel = app.signed_in(P1_PANEL).await;
    let criterion = format!("/returns/{id}/criteria/1.1");
    let form = panel.get(&criterion).await;
    assert!(form.body.contains("The narrative describes activity, not impact"));

    // A comment cannot carry the flag: it asks the organisation for nothing.
    let refused = panel
        .post(&criterion, &[("kind", "comment"), ("message", "Posters only."), ("activity_only", "yes")])
        .await;
    assert_eq!(refused.status, 422);
    assert!(refused.body.contains("Choose a challenge to say the narrative describes activity, not impact"));
    assert!(refused.body.contains("href=\"#activity_only\""), "the error summary links to the box");
    assert!(!refused.body.contains("Posters only.</p>"), "nothing was raised");

    let raised = panel
        .post(
            &criterion,
            &[("kind", "challenge"), ("message", "Posters tell us what you did."), ("activity_only", "yes")],
        )
        .await;
    assert!(raised.status.is_redirection(), "{} {}", raised.status, raised.body);
    let thread = raised.location.unwrap();
    let read = panel.get(&thread).await;
    assert!(read.body.contains("The partnership says your narrative describes activity, not impact"));
    let (_, mail) = app.last_mail_to(O1_LEAD).await.expect("the lead is told");
    assert!(mail.contains("tell it what changed for the people you work with as a result"), "{mail}");
    assert!(panel.get(&criterion).await.body.contains("Activity, not impact</strong>"));

    // An ordinary challenge carries no flag.
    panel.post(&criterion, &[("kind", "challenge"), ("message", "Who deputises?")]).await;
    let lead = app.signed_in(O1_LEAD).await;
    let waiting = lead.get(&format!("/organisations/{}/challenges", world.o1)).await;
    assert_eq!(waiting.body.matches("Activity, not impact</strong>").count(), 1, "{}", waiting.body);

    // The cycle's counts: two open challenges, one of them flagged.
    let admin = app.signed_in(P1_ADMIN).await;
    let counts = admin.get(&format!("/cycles/{}/challenges", world.p1_cycle)).await;
    let html = scraper::Html::parse_document(&counts.body);
    let total = scraper::Selector::parse("tbody tr:last-child td").unwrap();
    let cells: Vec<String> = html.select(&total).map(|c| c.text().collect()).collect();
    assert_eq!(cells, ["2", "0", "0", "1"], "open, answered, resolved, activity not impact");
}
