//! Narrative analysis: searching the narrative evidence of a cycle's submitted returns
//! (highlighting, filters, escaping, what is not found), themes and tags, the counts by
//! theme and standard, and who may do what. Runs on SQLite and on PostgreSQL.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a test or benchmark stops loudly at the step that failed"
)]

mod common;

use common::journey::{hidden, sign_off_and_submit};
use common::world::*;
use common::{Client, TestApp, csv_heading};
use osa_server::narratives::schema::NarrativePassages;
use sea_query::{Expr, ExprTrait, Query};

const ON_POSTERS: &str =
    "Every volunteer completes neglect training each year; the lead is named on posters.";
const SCRIPTED: &str = "Records are checked <script>alert('owned')</script> by the trustees.";

/// Organisation one's lead answers standard one with the two narratives.
async fn answer(lead: &Client, world: &World, first: &str, second: &str) {
    let path = format!("/assessments/{}/standards/1", world.o1_assessment);
    let page = lead.get(&path).await;
    let (v1, v2) = (hidden(&page.body, "version:1.1"), hidden(&page.body, "version:1.2"));
    let saved = lead
        .post(
            &path,
            &[
                ("value:1.1", "met"),
                ("narrative:1.1", first),
                ("value:1.2", "80"),
                ("narrative:1.2", second),
                ("version:1.1", &v1),
                ("version:1.2", &v2),
            ],
        )
        .await;
    assert!(saved.status.is_redirection(), "{}", saved.body);
}

/// Organisation one's return with both narratives, signed off and submitted to the cycle.
async fn submitted(app: &TestApp, world: &World) {
    let lead = app.signed_in(O1_LEAD).await;
    answer(&lead, world, ON_POSTERS, SCRIPTED).await;
    sign_off_and_submit(&app.signed_in(O1_SIGNOFF).await, &lead, world).await;
}

async fn passage_id(app: &TestApp, criterion: &str) -> i64 {
    let (id,): (i64,) = app
        .db()
        .fetch_one(
            &Query::select()
                .column(NarrativePassages::Id)
                .from(NarrativePassages::Table)
                .and_where(Expr::col(NarrativePassages::CriterionCode).eq(criterion))
                .to_owned(),
        )
        .await
        .unwrap();
    id
}

fn search_path(world: &World, query: &str) -> String {
    format!("/cycles/{}/narratives?{query}", world.p1_cycle)
}

#[tokio::test]
async fn a_submitted_narrative_is_found_with_its_matched_words_marked() {
    let app = TestApp::spawn().await;
    let world = World::build(&app).await;
    submitted(&app, &world).await;
    let analyst = app.signed_in(P1_ANALYST).await;
    // Other forms of the words match, and every word must appear.
    let page = analyst.get(&search_path(&world, "q=Trained+volunteers")).await;
    assert_eq!(page.status, 200, "{}", page.body);
    assert!(page.body.contains("1 passage found"), "{}", page.body);
    assert!(page.body.contains("Organisation One: 1.1 We have a named safeguarding lead."), "{}", page.body);
    assert!(page.body.contains("<mark>training</mark>"), "{}", page.body);
    assert!(page.body.contains("<mark>volunteer</mark>"), "{}", page.body);
    assert!(page.body.contains(" each year; the lead is named on posters."));
    let none = analyst.get(&search_path(&world, "q=training+bicycles")).await;
    assert!(none.body.contains("0 passages found"), "{}", none.body);
    // Nothing typed lists every passage of the cycle.
    let all = analyst.get(&search_path(&world, "q=")).await;
    assert!(all.body.contains("2 passages found"), "{}", all.body);
}

#[tokio::test]
async fn a_narrative_is_escaped_and_only_the_marks_are_html() {
    let app = TestApp::spawn().await;
    let world = World::build(&app).await;
    submitted(&app, &world).await;
    let analyst = app.signed_in(P1_ANALYST).await;
    let page = analyst.get(&search_path(&world, "q=alert+owned")).await;
    assert!(page.body.contains("1 passage found"), "{}", page.body);
    assert!(!page.body.contains("<script>alert"), "{}", page.body);
    assert!(
        page.body
            .contains("&#60;script&#62;<mark>alert</mark>(&#39;<mark>owned</mark>&#39;)&#60;/script&#62;"),
        "{}",
        page.body
    );
    let passage = analyst
        .get(&format!("/cycles/{}/narratives/{}", world.p1_cycle, passage_id(&app, "1.2").await))
        .await;
    assert_eq!(passage.status, 200);
    assert!(!passage.body.contains("<script>alert"));
    assert!(passage.body.contains("&#60;script&#62;alert(&#39;owned&#39;)"), "{}", passage.body);
}

#[tokio::test]
async fn punctuation_or_query_syntax_finds_nothing_without_an_error() {
    let app = TestApp::spawn().await;
    let world = World::build(&app).await;
    submitted(&app, &world).await;
    let analyst = app.signed_in(P1_ANALYST).await;
    for q in ["%22*()%21", "the+and", "%27%3B+--", "%22%22"] {
        let page = analyst.get(&search_path(&world, &format!("q={q}"))).await;
        assert_eq!(page.status, 200, "{q}: {}", page.body);
        assert!(page.body.contains("No words to search for"), "{q}: {}", page.body);
    }
    // Either engine's own syntax is punctuation or words here: never an error.
    let cases = [
        ("neglect+%7C+bicycles", "0 passages found"),
        ("NEAR%28neglect%29", "0 passages found"),
        ("neglect%3A*", "1 passage found"),
        ("neglect+NEAR+training", "0 passages found"),
        ("%22neglect%22+%22%29+OR+%28%22", "1 passage found"),
        ("neglect+%5E+%7B%7D+%26%26+%21%21", "1 passage found"),
    ];
    for (q, expected) in cases {
        let page = analyst.get(&search_path(&world, &format!("q={q}"))).await;
        assert_eq!(page.status, 200, "{q}: {}", page.body);
        assert!(page.body.contains(expected), "{q}: {}", page.body);
    }
}

const SPOTTED: &str = "Volunteers are trained to spot neglect; the named lead is on posters in every hall.";
const CHECKED: &str = "Trustees check the records of every referral and escalate concerns about abuse.";

#[tokio::test]
async fn or_exclusions_and_phrases_find_the_same_passages_on_either_engine() {
    let app = TestApp::spawn().await;
    let world = World::build(&app).await;
    let lead = app.signed_in(O1_LEAD).await;
    answer(&lead, &world, SPOTTED, CHECKED).await;
    sign_off_and_submit(&app.signed_in(O1_SIGNOFF).await, &lead, &world).await;
    let analyst = app.signed_in(P1_ANALYST).await;
    // What was typed, and which of the two passages it finds.
    let cases: &[(&str, &[&str])] = &[
        ("every", &["1.1", "1.2"]),
        ("neglect OR abuse", &["1.1", "1.2"]),
        ("neglect OR bicycles", &["1.1"]),
        ("bicycles OR escalating", &["1.2"]),
        // OR joins its neighbours before the space does.
        ("neglect OR abuse trustees", &["1.2"]),
        ("trustees neglect OR abuse", &["1.2"]),
        ("neglect OR abuse OR bicycles posters", &["1.1"]),
        // Exclusions, with a minus sign or NOT, also in other forms of the word.
        ("every -posters", &["1.2"]),
        ("every NOT poster", &["1.2"]),
        ("every -\"named lead\"", &["1.2"]),
        ("every -\"lead named\"", &["1.1", "1.2"]),
        ("neglect OR abuse -trustee", &["1.1"]),
        ("neglect -neglected", &[]),
        // Phrases: the words next to each other, in order, in any form.
        ("\"named lead\"", &["1.1"]),
        ("\"lead named\"", &[]),
        ("\"Named Leads\"", &["1.1"]),
        ("\"check records\"", &[]),
        ("\"checking the record\"", &["1.2"]),
        ("\"escalating concern\" OR \"spot neglect\"", &["1.1", "1.2"]),
        ("\"named lead", &["1.1"]),
        // Stemming still works for plain words.
        ("train volunteer", &["1.1"]),
        ("referrals escalated", &["1.2"]),
        // Lower-case or and not are common words, as in a sentence.
        ("neglect or abuse", &[]),
        ("trustees not abuse", &["1.2"]),
    ];
    for (typed, expected) in cases {
        let query = serde_urlencoded::to_string([("q", typed)]).unwrap();
        let page = analyst.get(&search_path(&world, &query)).await;
        assert_eq!(page.status, 200, "{typed}: {}", page.body);
        let count = if expected.len() == 1 {
            "1 passage found".to_owned()
        } else {
            format!("{} passages found", expected.len())
        };
        assert!(page.body.contains(&count), "{typed}: {}", page.body);
        for criterion in ["1.1", "1.2"] {
            let heading = format!("Organisation One: {criterion} ");
            assert_eq!(
                page.body.contains(&heading),
                expected.contains(&criterion),
                "{typed}, {criterion}: {}",
                page.body
            );
        }
    }
    // The words found by are marked, the words left out are not.
    let page = analyst.get(&search_path(&world, "q=neglect+OR+abuse+-bicycles")).await;
    assert!(page.body.contains("<mark>neglect</mark>"), "{}", page.body);
    assert!(page.body.contains("<mark>abuse</mark>"), "{}", page.body);
    let page = analyst.get(&search_path(&world, "q=every+-posters")).await;
    assert!(page.body.contains("<mark>every</mark>"), "{}", page.body);
    let page = analyst.get(&search_path(&world, "q=%22named+lead%22")).await;
    assert!(page.body.contains("<mark>named") && page.body.contains("lead</mark>"), "{}", page.body);
}

#[tokio::test]
async fn a_search_that_cannot_be_run_says_why_and_the_hint_says_what_is_accepted() {
    let app = TestApp::spawn().await;
    let world = World::build(&app).await;
    submitted(&app, &world).await;
    let analyst = app.signed_in(P1_ANALYST).await;
    let page = analyst.get(&search_path(&world, "")).await;
    assert!(
        page.body.contains(r#"<div id="q-hint" class="govuk-hint">Every word must appear"#),
        "{}",
        page.body
    );
    assert!(page.body.contains("Type OR in capitals between words to find either"), "{}", page.body);
    let cases = [
        ("-neglect", "Nothing to search for", "Your search only says what to leave out"),
        ("NOT+neglect+-%22named+lead%22", "Nothing to search for", "Your search only says what to leave out"),
        ("OR+NOT", "No words to search for", "Your search has only OR, NOT or AND in it."),
        ("AND", "No words to search for", "Your search has only OR, NOT or AND in it."),
        ("the+OR+of", "No words to search for", "very common words"),
        ("%22...%22+-", "No words to search for", "punctuation"),
    ];
    for (q, heading, why) in cases {
        let page = analyst.get(&search_path(&world, &format!("q={q}"))).await;
        assert_eq!(page.status, 200, "{q}: {}", page.body);
        assert!(page.body.contains(heading), "{q}: {}", page.body);
        assert!(page.body.contains(why), "{q}: {}", page.body);
        assert!(!page.body.contains("passages found"), "{q}: {}", page.body);
    }
}

#[tokio::test]
async fn filters_narrow_the_results() {
    let app = TestApp::spawn().await;
    let world = World::build(&app).await;
    submitted(&app, &world).await;
    let analyst = app.signed_in(P1_ANALYST).await;
    let p1 = world.p1;
    let cases = [
        ("q=records&standard=1", 1),
        ("q=records&standard=2", 0),
        ("standard=1", 2),
        ("sector=voluntary_and_community", 2),
        ("sector=police&sector=health", 0),
        ("duty=voluntary", 2),
        ("duty=statutory", 0),
        ("q=neglect&duty=statutory&duty=voluntary", 1),
    ];
    for (query, expected) in cases {
        let page = analyst.get(&search_path(&world, query)).await;
        let words =
            if expected == 1 { "1 passage found".to_owned() } else { format!("{expected} passages found") };
        assert!(page.body.contains(&words), "{query}: {}", page.body);
    }
    let page = analyst.get(&search_path(&world, &format!("partnership={p1}"))).await;
    assert!(page.body.contains("2 passages found"));
}

#[tokio::test]
async fn returns_not_submitted_or_not_in_the_cycle_are_not_found() {
    let app = TestApp::spawn().await;
    let world = World::build(&app).await;
    let lead = app.signed_in(O1_LEAD).await;
    answer(&lead, &world, ON_POSTERS, SCRIPTED).await;
    let signoff = app.signed_in(O1_SIGNOFF).await;
    let signed = signoff
        .post(&format!("/assessments/{}/sign-off", world.o1_assessment), &[("declaration", "yes")])
        .await;
    assert!(signed.status.is_redirection());
    let analyst = app.signed_in(P1_ANALYST).await;
    // Signed off but not submitted: indexed, yet not part of any cycle.
    assert!(passage_id(&app, "1.1").await > 0);
    let page = analyst.get(&search_path(&world, "q=neglect")).await;
    assert!(page.body.contains("0 passages found"), "{}", page.body);
    // Submitted: found in the cycle that invited the organisation, not in another.
    let submitted = lead.post(&format!("/assessments/{}/submit", world.o1_assessment), &[]).await;
    assert!(submitted.status.is_redirection());
    assert!(analyst.get(&search_path(&world, "q=neglect")).await.body.contains("1 passage found"));
    let other = other_cycle(&app, &world).await;
    let page = analyst.get(&format!("/cycles/{other}/narratives?q=neglect")).await;
    assert_eq!(page.status, 200);
    assert!(page.body.contains("0 passages found"), "{}", page.body);
    let passage = passage_id(&app, "1.1").await;
    assert_eq!(analyst.get(&format!("/cycles/{other}/narratives/{passage}")).await.status, 404);
}

/// A second cycle of partnership one that invites nobody.
async fn other_cycle(app: &TestApp, world: &World) -> i64 {
    use osa_server::cycles::store::{self, NewCycle};
    let today = time::OffsetDateTime::now_utc().date();
    let admin = osa_server::accounts::store::user_by_email(app.db(), P1_ADMIN).await.unwrap().unwrap().id;
    let mut tx = app.db().begin().await.unwrap();
    let id = store::create(
        &mut tx,
        admin,
        &NewCycle {
            partnership: world.p1,
            name: "Another cycle".into(),
            main_framework: world.framework_v1,
            by_sector: Vec::new(),
            opens_on: today,
            due_on: today + time::Duration::days(30),
            updates_due: Vec::new(),
            neighbours: Vec::new(),
        },
    )
    .await
    .unwrap();
    tx.commit().await.unwrap();
    id
}

#[tokio::test]
async fn returns_signed_off_before_the_index_existed_are_backfilled_once() {
    use osa_server::db::schema::{Invitations, ReturnPartnerships, Returns};
    let app = TestApp::spawn().await;
    let world = World::build(&app).await;
    let signoff = osa_server::accounts::store::user_by_email(app.db(), O1_SIGNOFF).await.unwrap().unwrap().id;
    let now = time::OffsetDateTime::now_utc();
    let snapshot = serde_json::json!({
        "framework_id": world.framework_v1,
        "answers": {
            "1.1": { "rating": "met", "narrative": "Posters in every hall name the lead." },
            "1.2": { "number": 75.0, "narrative": "" },
            "9.9": { "narrative": "An answer to no criterion of the framework." },
        },
    });
    // Written as an older version would have, with no passages.
    let mut tx = app.db().begin().await.unwrap();
    let id = tx
        .insert_id(
            &Query::insert()
                .into_table(Returns::Table)
                .columns([
                    Returns::AssessmentId,
                    Returns::FrameworkId,
                    Returns::State,
                    Returns::Snapshot,
                    Returns::SignedOffBy,
                    Returns::SignedOffAt,
                    Returns::SubmittedBy,
                    Returns::SubmittedAt,
                ])
                .values_panic([
                    world.o1_assessment.into(),
                    world.framework_v1.into(),
                    "submitted".into(),
                    snapshot.to_string().into(),
                    signoff.into(),
                    now.into(),
                    signoff.into(),
                    now.into(),
                ])
                .to_owned(),
        )
        .await
        .unwrap();
    // Sent to partnership one, as every submission is to the partnerships served.
    tx.execute(
        &Query::insert()
            .into_table(ReturnPartnerships::Table)
            .columns([ReturnPartnerships::ReturnId, ReturnPartnerships::PartnershipId])
            .values_panic([id.into(), world.p1.into()])
            .to_owned(),
    )
    .await
    .unwrap();
    tx.execute(
        &Query::update()
            .table(Invitations::Table)
            .value(Invitations::ReturnId, id)
            .and_where(Expr::col(Invitations::Id).eq(world.o1_invitation))
            .to_owned(),
    )
    .await
    .unwrap();
    tx.commit().await.unwrap();
    let analyst = app.signed_in(P1_ANALYST).await;
    assert!(analyst.get(&search_path(&world, "q=posters")).await.body.contains("0 passages found"));
    assert_eq!(osa_server::narratives::index::backfill(app.db()).await.unwrap(), 1);
    assert_eq!(osa_server::narratives::index::backfill(app.db()).await.unwrap(), 0);
    let page = analyst.get(&search_path(&world, "q=poster+halls")).await;
    assert!(page.body.contains("1 passage found"), "{}", page.body);
    // Only the criterion with words, and none outside the framework.
    assert!(analyst.get(&search_path(&world, "")).await.body.contains("1 passage found"));
}

async fn add_theme(client: &Client, world: &World, name: &str) -> common::Page {
    client.post(&format!("/partnerships/{}/themes", world.p1), &[("name", name)]).await
}

async fn theme_id(app: &TestApp, world: &World, name: &str) -> i64 {
    osa_server::narratives::store::themes(app.db(), &[world.p1])
        .await
        .unwrap()
        .into_iter()
        .find(|t| t.name == name)
        .unwrap_or_else(|| panic!("no theme {name}"))
        .id
}

#[tokio::test]
async fn analysts_tag_passages_and_see_counts_by_theme_and_standard() {
    let app = TestApp::spawn().await;
    let world = World::build(&app).await;
    submitted(&app, &world).await;
    let analyst = app.signed_in(P1_ANALYST).await;
    for name in ["Neglect", "Training gaps", "Online safety"] {
        assert!(add_theme(&analyst, &world, name).await.status.is_redirection());
    }
    let taken = add_theme(&analyst, &world, "  neglect ").await;
    assert_eq!(taken.status, 422);
    assert!(taken.body.contains("already has a theme called that"));
    let (neglect, gaps) =
        (theme_id(&app, &world, "Neglect").await, theme_id(&app, &world, "Training gaps").await);
    let (first, second) = (passage_id(&app, "1.1").await, passage_id(&app, "1.2").await);
    let c = world.p1_cycle;
    let tag = |passage: i64, theme: i64, excerpt: &'static str| {
        let analyst = &analyst;
        async move {
            analyst
                .post(
                    &format!("/cycles/{c}/narratives/{passage}/tags"),
                    &[("theme", theme.to_string().as_str()), ("excerpt", excerpt), ("back", "q=neglect")],
                )
                .await
        }
    };
    let done = tag(first, neglect, "completes neglect\n training").await;
    assert!(
        done.redirects_to(&format!("/cycles/{c}/narratives/{first}?back=q%3Dneglect")),
        "{:?}",
        done.location
    );
    assert!(tag(first, neglect, "").await.status.is_redirection()); // the same theme again
    assert!(tag(first, gaps, "").await.status.is_redirection());
    assert!(tag(second, gaps, "checked").await.status.is_redirection());
    // An excerpt must be quoted from the passage, and a theme chosen.
    let wrong = tag(first, neglect, "words nobody wrote").await;
    assert_eq!(wrong.status, 422);
    assert!(wrong.body.contains("words copied from the passage"));
    let blank = analyst.post(&format!("/cycles/{c}/narratives/{first}/tags"), &[("theme", "")]).await;
    assert_eq!(blank.status, 422);
    assert!(blank.body.contains("Choose the theme this passage shows"));

    let page = analyst.get(&format!("/cycles/{c}/narratives/{first}")).await;
    assert!(page.body.contains("“completes neglect\n training”"), "{}", page.body);
    let counts = analyst.get(&format!("/cycles/{c}/themes")).await;
    assert_eq!(counts.status, 200);
    // Neglect: passage 1.1 tagged twice counts once.
    assert!(
        counts.body.contains(&format!("href=\"/cycles/{c}/narratives?standard=1&amp;theme={neglect}\">1<")),
        "{}",
        counts.body
    );
    assert!(counts.body.contains(&format!("href=\"/cycles/{c}/narratives?theme={gaps}\">2<")));
    let csv = analyst.get(&format!("/cycles/{c}/themes.csv")).await;
    assert_eq!(csv.headers["content-type"], "text/csv; charset=utf-8");
    assert_eq!(csv_heading(&csv.body)[0], "Passages tagged with each theme by standard");
    assert!(csv.body.contains("Neglect,no,1,1\n"), "{}", csv.body);
    assert!(csv.body.contains("Online safety,no,0,0\n"));
    assert!(csv.body.contains("Training gaps,no,2,2\n"));
    assert!(csv.body.contains("Passages tagged with any theme,,2,2\n"));
    // Each count links back to its passages.
    let linked = analyst.get(&search_path(&world, &format!("standard=1&theme={neglect}"))).await;
    assert!(linked.body.contains("1 passage found"), "{}", linked.body);

    // Removing a tag, once and again.
    let tags = osa_server::narratives::store::tags_of(app.db(), first, &[world.p1]).await.unwrap();
    assert_eq!(tags.len(), 3);
    let remove = format!("/cycles/{c}/narratives/{first}/tags/{}/remove", tags[2].id);
    assert!(analyst.post(&remove, &[]).await.status.is_redirection());
    assert!(analyst.post(&remove, &[]).await.status.is_redirection());
    let csv = analyst.get(&format!("/cycles/{c}/themes.csv")).await;
    assert!(csv.body.contains("Training gaps,no,1,1\n"), "{}", csv.body);
    let audited: Vec<(String,)> = app
        .db()
        .fetch_all(
            &Query::select()
                .column(osa_server::db::schema::AuditLog::Action)
                .from(osa_server::db::schema::AuditLog::Table)
                .and_where(Expr::col(osa_server::db::schema::AuditLog::Action).is_in([
                    "add_theme",
                    "tag_passage",
                    "untag_passage",
                ]))
                .to_owned(),
        )
        .await
        .unwrap();
    assert_eq!(audited.len(), 3 + 4 + 1);
}

#[tokio::test]
async fn a_retired_theme_keeps_its_tags_but_takes_no_new_ones() {
    let app = TestApp::spawn().await;
    let world = World::build(&app).await;
    submitted(&app, &world).await;
    let admin = app.signed_in(P1_ADMIN).await;
    assert!(add_theme(&admin, &world, "Neglect").await.status.is_redirection());
    let neglect = theme_id(&app, &world, "Neglect").await;
    let first = passage_id(&app, "1.1").await;
    let c = world.p1_cycle;
    let tag_path = format!("/cycles/{c}/narratives/{first}/tags");
    assert!(admin.post(&tag_path, &[("theme", &neglect.to_string())]).await.status.is_redirection());
    let retire = format!("/partnerships/{}/themes/{neglect}", world.p1);
    assert!(admin.post(&retire, &[("action", "retire")]).await.status.is_redirection());
    assert!(admin.get(&format!("/partnerships/{}/themes", world.p1)).await.body.contains("Retired"));
    assert_eq!(admin.post(&tag_path, &[("theme", &neglect.to_string())]).await.status, 422);
    let csv = admin.get(&format!("/cycles/{c}/themes.csv")).await;
    assert!(csv.body.contains("Neglect,yes,1,1\n"), "{}", csv.body);
    assert!(admin.post(&retire, &[("action", "restore")]).await.status.is_redirection());
    assert!(admin.post(&tag_path, &[("theme", &neglect.to_string())]).await.status.is_redirection());
}

#[tokio::test]
async fn panel_members_read_but_may_not_tag_and_other_partnerships_see_nothing() {
    let app = TestApp::spawn().await;
    let world = World::build(&app).await;
    submitted(&app, &world).await;
    let analyst = app.signed_in(P1_ANALYST).await;
    assert!(add_theme(&analyst, &world, "Neglect").await.status.is_redirection());
    let neglect = theme_id(&app, &world, "Neglect").await.to_string();
    let first = passage_id(&app, "1.1").await;
    let c = world.p1_cycle;
    assert!(
        analyst
            .post(&format!("/cycles/{c}/narratives/{first}/tags"), &[("theme", &neglect)])
            .await
            .status
            .is_redirection()
    );
    let tag = osa_server::narratives::store::tags_of(app.db(), first, &[world.p1]).await.unwrap()[0].id;

    let panel = app.signed_in(P1_PANEL).await;
    let page = panel.get(&format!("/cycles/{c}/narratives/{first}")).await;
    assert_eq!(page.status, 200);
    assert!(page.body.contains("Neglect"));
    assert!(!page.body.contains("Add tag"));
    assert!(!page.body.contains("/remove"));
    assert_eq!(
        panel.post(&format!("/cycles/{c}/narratives/{first}/tags"), &[("theme", &neglect)]).await.status,
        403
    );
    assert_eq!(
        panel.post(&format!("/cycles/{c}/narratives/{first}/tags/{tag}/remove"), &[]).await.status,
        403
    );
    assert_eq!(add_theme(&panel, &world, "Bullying").await.status, 403);
    assert_eq!(panel.get(&format!("/cycles/{c}/themes")).await.status, 200);

    let other = app.signed_in(P2_ADMIN).await;
    for path in [
        search_path(&world, "q=neglect"),
        format!("/cycles/{c}/narratives/{first}"),
        format!("/cycles/{c}/themes"),
        format!("/cycles/{c}/themes.csv"),
        format!("/partnerships/{}/themes", world.p1),
    ] {
        assert_eq!(other.get(&path).await.status, 404, "{path}");
    }
    assert_eq!(
        other.post(&format!("/cycles/{c}/narratives/{first}/tags"), &[("theme", &neglect)]).await.status,
        404
    );
    assert_eq!(add_theme(&other, &world, "Bullying").await.status, 404);
    let lead = app.signed_in(O1_LEAD).await;
    assert_eq!(lead.get(&search_path(&world, "q=neglect")).await.status, 404);
    assert_eq!(osa_server::narratives::store::tags_of(app.db(), first, &[world.p1]).await.unwrap().len(), 1);
}

#[tokio::test]
async fn the_demo_analyst_has_themes_tags_and_passages_to_search() {
    let app = TestApp::spawn().await;
    osa_server::demo::load(app.db(), "demo password for tests").await.unwrap();
    let analyst = app.client();
    analyst.sign_in("analyst.kestrel@demo.example", "demo password for tests").await;
    let kestrel = common::demo_kestrel(&app).await;
    let cycle = osa_server::cycles::store::of_partnership(app.db(), kestrel)
        .await
        .unwrap()
        .into_iter()
        .find(|c| c.name == "Section 11 audit 2027")
        .unwrap()
        .id;
    let found = analyst.get(&format!("/cycles/{cycle}/narratives?q=neglect")).await;
    assert_eq!(found.status, 200);
    assert!(found.body.contains("<mark>neglect</mark>"), "{}", found.body);
    // The count is read whole: "40 passages found" ends with "0 passages found" too.
    let count: usize = found
        .body
        .split(" passages found")
        .next()
        .and_then(|before| before.rsplit(|c: char| !c.is_ascii_digit()).next())
        .and_then(|digits| digits.parse().ok())
        .expect("a count of passages");
    assert!(count > 0, "{}", found.body);
    let themes = analyst.get(&format!("/partnerships/{kestrel}/themes")).await;
    assert!(themes.body.contains("Training gaps"));
    let csv = analyst.get(&format!("/cycles/{cycle}/themes.csv")).await;
    let neglect = csv.body.lines().find(|l| l.starts_with("Neglect,")).expect("a Neglect row");
    assert!(!neglect.ends_with(",0"), "{}", csv.body);
}
