//! Setting up a cycle (issue 15, items 6 and 9): the local questions a cycle asks are
//! chosen when it is set up (ticked as the partnership's last cycle on the framework
//! asked them) and changed while it is open; an organisation is asked them only while
//! a cycle that asks them invites it. The form offers only frameworks of the
//! partnership's audience and refuses any other.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a test or benchmark stops loudly at the step that failed"
)]

mod common;

use common::local_questions::{add_question, ask_in_world_cycle, question_ids};
use common::world::*;
use common::{Client, TestApp};

/// The first step of the set-up form, due at the end of March 2027.
fn details<'a>(name: &'a str, framework: &'a str, extra: &[(&'a str, &'a str)]) -> Vec<(&'a str, &'a str)> {
    let mut form = vec![
        ("step", "details"),
        ("name", name),
        ("framework", framework),
        ("opens_on_day", "10"),
        ("opens_on_month", "1"),
        ("opens_on_year", "2027"),
        ("due_on_day", "31"),
        ("due_on_month", "3"),
        ("due_on_year", "2027"),
    ];
    form.extend_from_slice(extra);
    form
}

fn new_path(world: &World) -> String {
    format!("/partnerships/{}/cycles/new", world.p1)
}

/// The id of the cycle a successful last step redirected to.
fn opened(page: &common::Page) -> i64 {
    assert!(page.status.is_redirection(), "{}", page.body);
    let location = page.location.as_deref().expect("a redirect");
    location.trim_start_matches("/cycles/").trim_end_matches("/invite").parse().unwrap()
}

fn ticked(body: &str, id: i64) -> bool {
    body.contains(&format!("value=\"{id}\" checked"))
}

fn offered(body: &str, id: i64) -> bool {
    body.contains(&format!("name=\"local_questions\" type=\"checkbox\" value=\"{id}\""))
}

async fn standard_one(app: &TestApp, world: &World) -> String {
    let lead = app.signed_in(O1_LEAD).await;
    lead.get(&format!("/assessments/{}/standards/1", world.o1_assessment)).await.body
}

#[tokio::test]
async fn a_question_is_asked_only_while_an_open_cycle_asks_it_of_an_invited_organisation() {
    let app = TestApp::spawn().await;
    let world = World::build(&app).await;
    let admin = app.signed_in(P1_ADMIN).await;
    add_question(&admin, &world, "test-framework|1", "", "Do staff use our neglect toolkit?", "yes_no").await;
    let id = question_ids(&app).await[0];
    assert!(!standard_one(&app, &world).await.contains("neglect toolkit"), "no cycle asks it yet");
    let cycle = format!("/cycles/{}", world.p1_cycle);
    assert!(!admin.get(&cycle).await.body.contains("L1. Do staff use our neglect toolkit?"));

    // The change form offers it; ticking it asks it.
    let edit = admin.get(&format!("{cycle}/edit")).await;
    assert!(offered(&edit.body, id) && !ticked(&edit.body, id), "{}", edit.body);
    assert!(ask_in_world_cycle(&admin, &world, &[id]).await.status.is_redirection());
    assert!(ticked(&admin.get(&format!("{cycle}/edit")).await.body, id));
    assert!(admin.get(&cycle).await.body.contains("L1. Do staff use our neglect toolkit?"));
    assert!(standard_one(&app, &world).await.contains("Do staff use our neglect toolkit?"));

    // Unticking it stops asking it; so does withdrawing the organisation's invitation.
    assert!(ask_in_world_cycle(&admin, &world, &[]).await.status.is_redirection());
    assert!(!standard_one(&app, &world).await.contains("neglect toolkit"));
    assert!(ask_in_world_cycle(&admin, &world, &[id]).await.status.is_redirection());
    let withdraw = format!("{cycle}/invitations/{}/withdraw", world.o1_invitation);
    assert!(admin.post(&withdraw, &[]).await.status.is_redirection());
    assert!(!standard_one(&app, &world).await.contains("neglect toolkit"), "o1 is no longer invited");
}

#[tokio::test]
async fn a_cycle_cannot_be_made_to_ask_another_partnerships_question() {
    let app = TestApp::spawn().await;
    let world = World::build(&app).await;
    let p2_admin = app.signed_in(P2_ADMIN).await;
    let form = [
        ("placement", "test-framework|1"),
        ("question", "Only for partnership two?"),
        ("answer_type", "text"),
    ];
    assert!(
        p2_admin
            .post(&format!("/partnerships/{}/local-questions", world.p2), &form)
            .await
            .status
            .is_redirection()
    );
    let theirs = question_ids(&app).await[0];
    let admin = app.signed_in(P1_ADMIN).await;
    let refused = ask_in_world_cycle(&admin, &world, &[theirs]).await;
    assert_eq!(refused.status, 422, "{}", refused.body);
    assert!(refused.body.contains("Select questions from the list"));
    assert!(!standard_one(&app, &world).await.contains("Only for partnership two?"));

    // The same on the set-up form's second step.
    add_question(&admin, &world, "test-framework|1", "", "Ours?", "text").await;
    let v1 = world.framework_v1.to_string();
    let theirs = theirs.to_string();
    let mut form = details("Audit 2028", &v1, &[("local_questions", theirs.as_str())]);
    form[0] = ("step", "questions");
    let refused = admin.post(&new_path(&world), &form).await;
    assert_eq!(refused.status, 422, "{}", refused.body);
    assert!(!admin.get(&format!("/partnerships/{}/cycles", world.p1)).await.body.contains("Audit 2028"));
}

#[tokio::test]
async fn a_new_cycle_asks_what_the_last_one_on_the_framework_asked_and_questions_added_since() {
    let app = TestApp::spawn().await;
    let world = World::build(&app).await;
    let admin = app.signed_in(P1_ADMIN).await;
    for question in ["First?", "Second?"] {
        add_question(&admin, &world, "test-framework|1", "", question, "text").await;
    }
    let ids = question_ids(&app).await;
    let (first, second) = (ids[0], ids[1]);
    let v1 = world.framework_v1.to_string();

    // Both were added after the world's cycle was set up, so both start ticked.
    let step_two = admin.post(&new_path(&world), &details("Audit 2028", &v1, &[])).await;
    assert_eq!(step_two.status, 200, "{}", step_two.body);
    assert!(step_two.body.contains("Which local questions does this cycle ask?"));
    assert!(ticked(&step_two.body, first) && ticked(&step_two.body, second), "{}", step_two.body);
    assert!(step_two.body.contains("name=\"name\" value=\"Audit 2028\""), "the first step is carried");
    let first_id = first.to_string();
    let mut last = details("Audit 2028", &v1, &[("local_questions", first_id.as_str())]);
    last[0] = ("step", "questions");
    let cycle = opened(&admin.post(&new_path(&world), &last).await);
    let page = admin.get(&format!("/cycles/{cycle}")).await;
    assert!(page.body.contains("L1. First?") && !page.body.contains("L2. Second?"), "{}", page.body);

    // The next cycle carries that choice over and ticks a question added since.
    add_question(&admin, &world, "test-framework|", "Our priorities", "Third?", "text").await;
    let third = question_ids(&app).await[2];
    let step_two = admin.post(&new_path(&world), &details("Audit 2029", &v1, &[])).await;
    assert!(ticked(&step_two.body, first), "{}", step_two.body);
    assert!(offered(&step_two.body, second) && !ticked(&step_two.body, second), "left out last time");
    assert!(ticked(&step_two.body, third), "added since the last cycle was set up");

    // "Change the details" goes back to the first step with what was typed.
    let mut back = details("Audit 2029", &v1, &[("change", "yes")]);
    back[0] = ("step", "questions");
    let back = admin.post(&new_path(&world), &back).await;
    assert_eq!(back.status, 200);
    assert!(back.body.contains("Open an audit cycle") && back.body.contains("value=\"Audit 2029\""));
}

#[tokio::test]
async fn without_local_questions_the_first_step_opens_the_cycle() {
    let app = TestApp::spawn().await;
    let world = World::build(&app).await;
    let admin = app.signed_in(P1_ADMIN).await;
    let v1 = world.framework_v1.to_string();
    let cycle = opened(&admin.post(&new_path(&world), &details("Audit 2028", &v1, &[])).await);
    assert!(admin.get(&format!("/cycles/{cycle}")).await.body.contains("Audit 2028"));
}

/// Imports and publishes a framework like the test one under another key, name and
/// audience; its id.
async fn import(app: &TestApp, world: &World, key: &str, name: &str, audience: &str) -> i64 {
    let text = TEST_FRAMEWORK
        .replace("key = \"test-framework\"", &format!("key = \"{key}\""))
        .replace("name = \"Test framework\"", &format!("name = \"{name}\""))
        .replace("audience = \"children\"", &format!("audience = \"{audience}\""));
    match osa_server::frameworks::import::import(app.db(), Some(world.p1), None, false, text.as_bytes(), true)
        .await
    {
        Ok(done) => done.id,
        Err(_) => panic!("{name} did not import"),
    }
}

async fn cycle_page_of(admin: &Client, page: &common::Page) -> String {
    admin.get(&format!("/cycles/{}", opened(page))).await.body
}

#[tokio::test]
async fn only_frameworks_of_the_partnerships_audience_are_offered_and_accepted() {
    let app = TestApp::spawn().await;
    let world = World::build(&app).await;
    let adults = import(&app, &world, "adults-test", "Adults framework", "adults").await;
    let short = import(&app, &world, "short-test", "Short framework", "children").await;
    let (adults, short, v1) = (adults.to_string(), short.to_string(), world.framework_v1.to_string());
    let admin = app.signed_in(P1_ADMIN).await;

    // Partnership one safeguards children: the adults' framework is not offered.
    let form = admin.get(&new_path(&world)).await;
    assert!(form.body.contains("Short framework") && form.body.contains("Test framework"));
    assert!(!form.body.contains("Adults framework"), "{}", form.body);
    assert!(form.body.contains("Do some sectors need a different framework?"));
    // Partnership two safeguards adults: only the adults' framework is.
    let p2_form = app.signed_in(P2_ADMIN).await.get(&format!("/partnerships/{}/cycles/new", world.p2)).await;
    assert!(p2_form.body.contains("Adults framework") && !p2_form.body.contains("Test framework"));

    // "Yes" leads to the sectors' page, which offers the other children's framework only.
    let yes = [("different_sectors", "yes")];
    let sectors = admin.post(&new_path(&world), &details("Audit 2028", &v1, &yes)).await;
    assert_eq!(sectors.status, 200, "{}", sectors.body);
    assert!(sectors.body.contains("Which sectors need a different framework?"));
    assert!(sectors.body.contains("Short framework") && !sectors.body.contains("Adults framework"));
    assert!(sectors.body.contains("name=\"name\" value=\"Audit 2028\""), "the first step is carried");

    // Posted anyway, it is refused, as the main framework or a sector's.
    let refused = admin.post(&new_path(&world), &details("Audit 2028", &adults, &[])).await;
    assert_eq!(refused.status, 422);
    assert!(refused.body.contains("Adults framework is not for children partnerships"), "{}", refused.body);
    let sector = [("different_sectors", "yes"), ("sector:faith", adults.as_str())];
    let refused = admin.post(&new_path(&world), &at_sectors(details("Audit 2028", &v1, &sector))).await;
    assert_eq!(refused.status, 422);
    assert!(refused.body.contains("Adults framework is not for children partnerships"), "{}", refused.body);
    assert!(refused.body.contains("Which sectors need a different framework?"), "on the sectors' page");
    let none_chosen = admin.post(&new_path(&world), &at_sectors(details("Audit 2028", &v1, &yes))).await;
    assert_eq!(none_chosen.status, 422);
    assert!(none_chosen.body.contains("Select a framework for at least one sector, or answer no"));

    // Sector choices count only under "Yes".
    let ignored = [("different_sectors", "no"), ("sector:faith", short.as_str())];
    let created = admin.post(&new_path(&world), &details("Audit 2028", &v1, &ignored)).await;
    let page = cycle_page_of(&admin, &created).await;
    assert!(!page.contains("<li>Faith: "), "{page}");
    let chosen = [("different_sectors", "yes"), ("sector:faith", short.as_str())];
    let created = admin.post(&new_path(&world), &at_sectors(details("Audit 2029", &v1, &chosen))).await;
    let page = cycle_page_of(&admin, &created).await;
    assert!(page.contains("<li>Faith: Short framework (version 1)</li>"), "{page}");
}

/// A form posted from the sectors' page.
fn at_sectors<'a>(mut form: Vec<(&'a str, &'a str)>) -> Vec<(&'a str, &'a str)> {
    form[0] = ("step", "sectors");
    form
}

#[tokio::test]
async fn cycles_kept_before_ask_what_they_asked_under_the_old_rule() {
    use osa_server::db::schema::CycleLocalQuestions;
    use sea_query::Query;
    let app = TestApp::spawn().await;
    let world = World::build(&app).await;
    for (admin, p) in [(P1_ADMIN, world.p1), (P2_ADMIN, world.p2)] {
        let form = [("placement", "test-framework|1"), ("question", "Kept?"), ("answer_type", "text")];
        let added =
            app.signed_in(admin).await.post(&format!("/partnerships/{p}/local-questions"), &form).await;
        assert!(added.status.is_redirection());
    }
    // Replays migration 33's filling of the table over a cycle that asks nothing.
    let insert = osa_server::db::migrations::statements(33, app.db().engine()).pop().unwrap();
    assert!(insert.starts_with("INSERT"), "{insert}");
    app.db().raw_execute(&insert).await.unwrap();
    let rows: Vec<(i64, i64)> = app
        .db()
        .fetch_all(
            &Query::select()
                .columns([CycleLocalQuestions::CycleId, CycleLocalQuestions::LocalQuestionId])
                .from(CycleLocalQuestions::Table)
                .to_owned(),
        )
        .await
        .unwrap();
    let ours = question_ids(&app).await[0];
    assert_eq!(rows, vec![(world.p1_cycle, ours)], "partnership one's question only, for its cycle");
    assert!(standard_one(&app, &world).await.contains("Kept?"));
}
