//! Autosave: one criterion saved as the person types, answered in JSON, refusing a
//! stale version with 409 so nothing typed elsewhere is overwritten.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a test or benchmark stops loudly at the step that failed"
)]

mod common;

use common::journey::hidden;
use common::world::*;
use common::{Client, TestApp};

fn standard(world: &World) -> String {
    format!("/assessments/{}/standards/1", world.o1_assessment)
}

async fn autosave(client: &Client, world: &World, fields: &[(&str, &str)]) -> (u16, serde_json::Value) {
    let page = client.post(&format!("{}/autosave", standard(world)), fields).await;
    let body = serde_json::from_str(&page.body).unwrap_or_else(|_| panic!("not JSON: {}", page.body));
    (page.status.as_u16(), body)
}

#[tokio::test]
async fn a_typed_answer_is_saved_and_the_next_save_builds_on_its_version() {
    let app = TestApp::spawn().await;
    let world = World::build(&app).await;
    let lead = app.signed_in(O1_LEAD).await;
    let page = lead.get(&standard(&world)).await;
    let orig = hidden(&page.body, "orig:1.1");
    let (status, reply) = autosave(
        &lead,
        &world,
        &[
            ("criterion", "1.1"),
            ("value:1.1", "met"),
            ("narrative:1.1", "Our lead is named on every poster."),
            ("version:1.1", "0"),
            ("orig:1.1", &orig),
        ],
    )
    .await;
    assert_eq!(status, 200, "{reply}");
    assert_eq!(reply["status"], "saved");
    assert_eq!(reply["version"], 1);
    let next_orig = reply["orig"].as_str().unwrap().to_owned();
    assert!(lead.get(&standard(&world)).await.body.contains("Our lead is named on every poster."));

    let (status, reply) = autosave(
        &lead,
        &world,
        &[
            ("criterion", "1.1"),
            ("value:1.1", "met"),
            ("narrative:1.1", "Our lead and deputy are named on every poster."),
            ("version:1.1", "1"),
            ("orig:1.1", &next_orig),
        ],
    )
    .await;
    assert_eq!((status, reply["version"].as_i64()), (200, Some(2)), "{reply}");
}

#[tokio::test]
async fn a_save_on_a_stale_version_gets_the_conflict_and_both_texts_survive() {
    let app = TestApp::spawn().await;
    let world = World::build(&app).await;
    let lead = app.signed_in(O1_LEAD).await;
    let admin = app.signed_in(PLATFORM_ADMIN).await;
    let orig = hidden(&lead.get(&standard(&world)).await.body, "orig:1.1");
    let first = [
        ("criterion", "1.1"),
        ("value:1.1", "met"),
        ("narrative:1.1", "Text from the first session."),
        ("version:1.1", "0"),
        ("orig:1.1", orig.as_str()),
    ];
    assert_eq!(autosave(&admin, &world, &first).await.0, 200);
    let second = [
        ("criterion", "1.1"),
        ("value:1.1", "partially_met"),
        ("narrative:1.1", "Text from the second session."),
        ("version:1.1", "0"),
        ("orig:1.1", orig.as_str()),
    ];
    let (status, reply) = autosave(&lead, &world, &second).await;
    assert_eq!(status, 409, "{reply}");
    assert_eq!(reply["status"], "conflict");
    assert!(reply["message"].as_str().unwrap().contains("compare both versions"));
    // The first text is stored; the second is still in the browser, and the ordinary
    // save shows both side by side.
    let page = lead.get(&standard(&world)).await;
    assert!(page.body.contains("Text from the first session."));
    let mut form: Vec<(&str, &str)> = second[1..].to_vec();
    form.push(("value:1.2", ""));
    let conflict = lead.post(&standard(&world), &form).await;
    assert_eq!(conflict.status, 409);
    assert!(conflict.body.contains("Text from the first session."));
    assert!(conflict.body.contains("Text from the second session."));
}

#[tokio::test]
async fn invalid_values_are_refused_with_the_reason_and_nothing_is_stored() {
    let app = TestApp::spawn().await;
    let world = World::build(&app).await;
    let lead = app.signed_in(O1_LEAD).await;
    let orig = hidden(&lead.get(&standard(&world)).await.body, "orig:1.2");
    let (status, reply) = autosave(
        &lead,
        &world,
        &[("criterion", "1.2"), ("value:1.2", "150"), ("version:1.2", "0"), ("orig:1.2", &orig)],
    )
    .await;
    assert_eq!(status, 422, "{reply}");
    assert!(reply["message"].as_str().unwrap().starts_with("Not saved:"));
    assert!(!lead.get(&format!("/assessments/{}/history", world.o1_assessment)).await.body.contains("150"));
}

#[tokio::test]
async fn unknown_questions_and_other_people_are_refused() {
    let app = TestApp::spawn().await;
    let world = World::build(&app).await;
    let lead = app.signed_in(O1_LEAD).await;
    let (status, _) = autosave(&lead, &world, &[("criterion", "9.9"), ("value:9.9", "met")]).await;
    assert_eq!(status, 404);
    let fields = [("criterion", "1.1"), ("value:1.1", "met"), ("version:1.1", "0")];
    let path = format!("{}/autosave", standard(&world));
    // Standard 1 is delegated to nobody, so to the contributor it is not there at all.
    assert_eq!(app.signed_in(O1_CONTRIBUTOR).await.post(&path, &fields).await.status, 404);
    assert_eq!(app.signed_in(O2_LEAD).await.post(&path, &fields).await.status, 404);
    // Partnership staff do not read or write the living assessment (only returns).
    assert_eq!(app.signed_in(P1_ADMIN).await.post(&path, &fields).await.status, 404);
}
