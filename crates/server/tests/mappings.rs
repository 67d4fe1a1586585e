//! An answer given once is offered for a criterion of another framework that answers
//! the same need, in either direction of the mapping.

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

#[tokio::test]
async fn an_answer_in_one_framework_is_offered_in_the_other_both_ways() {
    let app = TestApp::spawn().await;
    let world = World::build(&app).await;
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
