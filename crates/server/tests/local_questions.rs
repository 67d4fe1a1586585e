//! A partnership's local questions are asked, with the framework they belong to, of
//! the organisations invited to a cycle that asks them: on the task list, on the
//! standard pages, at sign-off and in the return the partnership reads, which keeps
//! them word for word once the question is removed or the cycle closes.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a test or benchmark stops loudly at the step that failed"
)]

mod common;

use common::TestApp;
use common::journey::{answer_standard_one, hidden};
use common::local_questions::{add_question, ask_in_world_cycle, question_ids};
use common::world::*;

#[tokio::test]
async fn organisations_serving_the_partnership_answer_its_questions_in_their_return() {
    let app = TestApp::spawn().await;
    let world = World::build(&app).await;
    let admin = app.signed_in(P1_ADMIN).await;
    add_question(&admin, &world, "test-framework|1", "", "Do staff use our neglect toolkit?", "yes_no").await;
    add_question(
        &admin,
        &world,
        "test-framework|",
        "Our priorities",
        "How do you hear from young carers?",
        "text",
    )
    .await;
    let (in_standard, own) = (format!("P{}-L1", world.p1), format!("P{}-L2", world.p1));
    let asked = ask_in_world_cycle(&admin, &world, &question_ids(&app).await).await;
    assert!(asked.status.is_redirection(), "{}", asked.body);

    // The cycle shows what it asks besides the framework.
    let cycle = admin.get(&format!("/cycles/{}", world.p1_cycle)).await;
    assert!(cycle.body.contains("L1. Do staff use our neglect toolkit?"), "{}", cycle.body);

    let lead = app.signed_in(O1_LEAD).await;
    let a1 = world.o1_assessment;
    let tasks = lead.get(&format!("/assessments/{a1}")).await;
    assert!(tasks.body.contains("Our priorities"), "the partnership's own section is listed: {}", tasks.body);
    let standard = lead.get(&format!("/assessments/{a1}/standards/1")).await;
    assert!(standard.body.contains("Do staff use our neglect toolkit?"));
    assert!(standard.body.contains("A local question from"));

    // Standard one's own questions alone no longer make the return complete.
    answer_standard_one(&lead, &world, "90").await;
    let signoff = app.signed_in(O1_SIGNOFF).await;
    let refused = signoff.post(&format!("/assessments/{a1}/sign-off"), &[("declaration", "yes")]).await;
    assert!(refused.status.is_redirection());
    assert!(!lead.get(&format!("/assessments/{a1}/check")).await.body.contains("Signed off"));

    let page = lead.get(&format!("/assessments/{a1}/standards/1")).await;
    let (v1, v2) = (hidden(&page.body, "version:1.1"), hidden(&page.body, "version:1.2"));
    let version = hidden(&page.body, &format!("version:{in_standard}"));
    let (value_field, version_field) = (format!("value:{in_standard}"), format!("version:{in_standard}"));
    let form = [
        ("value:1.1", "met"),
        ("narrative:1.1", "Named on posters."),
        ("version:1.1", v1.as_str()),
        ("value:1.2", "90"),
        ("version:1.2", v2.as_str()),
        (value_field.as_str(), "yes"),
        (version_field.as_str(), version.as_str()),
    ];
    let saved = lead.post(&format!("/assessments/{a1}/standards/1"), &form).await;
    assert!(saved.status.is_redirection(), "{}", saved.body);
    let section = format!("/assessments/{a1}/standards/P{}", world.p1);
    let page = lead.get(&section).await;
    assert!(page.body.contains("How do you hear from young carers?"), "{}", page.body);
    let version = hidden(&page.body, &format!("version:{own}"));
    let saved = lead
        .post(
            &section,
            &[
                (format!("value:{own}").as_str(), "Through the school nurse"),
                (format!("version:{own}").as_str(), &version),
            ],
        )
        .await;
    assert!(saved.status.is_redirection(), "{}", saved.body);

    common::journey::sign_off_and_submit(&signoff, &lead, &world).await;
    let analyst = app.signed_in(P1_ANALYST).await;
    let cycle = analyst.get(&format!("/cycles/{}", world.p1_cycle)).await;
    let return_id: String = cycle
        .body
        .split("href=\"/returns/")
        .nth(1)
        .unwrap_or_else(|| panic!("no link to the return: {}", cycle.body))
        .chars()
        .take_while(char::is_ascii_digit)
        .collect();
    let read = analyst.get(&format!("/returns/{return_id}")).await;
    assert_eq!(read.status, 200);
    assert!(read.body.contains("Do staff use our neglect toolkit?"), "{}", read.body);
    assert!(read.body.contains("Through the school nurse"));

    // The partnership removes its first question and closes the cycle: the
    // organisation is no longer asked either, and the return still shows both as asked.
    let first = question_ids(&app).await[0];
    let path = format!("/partnerships/{}/local-questions/{first}/remove", world.p1);
    assert!(admin.post(&path, &[]).await.status.is_redirection());
    let closed = admin.post(&format!("/cycles/{}/close", world.p1_cycle), &[]).await;
    assert!(closed.status.is_redirection());
    let tasks = lead.get(&format!("/assessments/{a1}")).await;
    assert!(!tasks.body.contains("Our priorities"), "a closed cycle asks nothing: {}", tasks.body);
    let standard = lead.get(&format!("/assessments/{a1}/standards/1")).await;
    assert!(!standard.body.contains("Do staff use our neglect toolkit?"));
    let read = analyst.get(&format!("/returns/{return_id}")).await;
    assert!(read.body.contains("Do staff use our neglect toolkit?"), "the return keeps it: {}", read.body);
    assert!(
        read.body.contains("How do you hear from young carers?")
            && read.body.contains("Through the school nurse")
    );
    // Its Word copy too (the removed question's text is in the document).
    let copy = lead.http.get(format!("{}/returns/{return_id}/copy.docx", lead.base)).send().await.unwrap();
    assert_eq!(copy.status(), 200);
    let bytes = copy.bytes().await.unwrap();
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes.to_vec())).expect("a DOCX is a zip");
    let mut document = String::new();
    std::io::Read::read_to_string(&mut zip.by_name("word/document.xml").unwrap(), &mut document).unwrap();
    assert!(document.contains("Do staff use our neglect toolkit?"), "the copy keeps the removed question");
    // The answers given are kept, and the history still shows them.
    let history = lead.get(&format!("/assessments/{a1}/history")).await;
    assert!(history.body.contains("Through the school nurse"), "{}", history.body);
}

#[tokio::test]
async fn another_partnerships_questions_are_not_asked() {
    let app = TestApp::spawn().await;
    let world = World::build(&app).await;
    let admin = app.signed_in(P2_ADMIN).await;
    let path = format!("/partnerships/{}/local-questions", world.p2);
    let form = [
        ("placement", "test-framework|1"),
        ("question", "Only for partnership two?"),
        ("answer_type", "text"),
    ];
    assert!(admin.post(&path, &form).await.status.is_redirection());
    let lead = app.signed_in(O1_LEAD).await;
    let standard = lead.get(&format!("/assessments/{}/standards/1", world.o1_assessment)).await;
    assert_eq!(standard.status, 200);
    assert!(!standard.body.contains("Only for partnership two?"), "o1 does not serve partnership two");
}

#[tokio::test]
async fn a_new_question_never_takes_the_code_of_one_still_in_use() {
    let app = TestApp::spawn().await;
    let world = World::build(&app).await;
    let admin = app.signed_in(P1_ADMIN).await;
    for question in ["First?", "Second?"] {
        add_question(&admin, &world, "test-framework|1", "", question, "text").await;
    }
    let path = format!("/partnerships/{}/local-questions", world.p1);
    let list = admin.get(&path).await;
    let first: String = list
        .body
        .split("/local-questions/")
        .nth(1)
        .unwrap()
        .chars()
        .take_while(char::is_ascii_digit)
        .collect();
    assert!(admin.post(&format!("{path}/{first}/remove"), &[]).await.status.is_redirection());
    add_question(&admin, &world, "test-framework|1", "", "Third?", "text").await;
    let list = admin.get(&path).await;
    assert!(list.body.contains("L2") && list.body.contains("L3"), "{}", list.body);
    assert!(ask_in_world_cycle(&admin, &world, &question_ids(&app).await).await.status.is_redirection());
    let standard =
        app.signed_in(O1_LEAD).await.get(&format!("/assessments/{}/standards/1", world.o1_assessment)).await;
    assert_eq!(
        standard.body.matches(&format!("name=\"value:P{}-L2\"", world.p1)).count(),
        1,
        "one field per code"
    );
}
