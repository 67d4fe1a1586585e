//! Practitioner surveys: opened by a partnership admin, answered through a link without
//! signing in (once per browser session), never linked to a person, and read beside
//! each organisation's self-rating with small groups hidden and large differences flagged.

mod common;

use common::journey::{answer_standard_one, sign_off_and_submit};
use common::surveys::open_survey;
use common::world::*;
use common::{Client, TestApp};
use osa_server::db::Db;
use osa_server::db::schema::AuditLog;
use osa_server::db::schema_surveys::{SurveyAnswerCounts, Surveys};
use sea_query::{Expr, ExprTrait, Query};

const ALL_NO: [(&str, &str); 3] = [("q1", "no"), ("q2", "no"), ("q3", "no")];
const MIXED: [(&str, &str); 3] = [("q1", "yes"), ("q2", "not_sure"), ("q3", "no")];

/// How many answers are counted in all, over every survey.
async fn total_answers(app: &TestApp) -> i64 {
    let rows: Vec<(i64,)> = app
        .db()
        .fetch_all(
            &Query::select().column(SurveyAnswerCounts::Responses).from(SurveyAnswerCounts::Table).to_owned(),
        )
        .await
        .unwrap();
    rows.iter().map(|(n,)| n).sum()
}

async fn audit_actions(app: &TestApp) -> Vec<(String, Option<i64>)> {
    app.db()
        .fetch_all(
            &Query::select()
                .columns([AuditLog::Action, AuditLog::ActorUserId])
                .from(AuditLog::Table)
                .to_owned(),
        )
        .await
        .unwrap()
}

/// The columns of a table, on either engine.
async fn columns(db: &Db, table: &str) -> Vec<String> {
    let mut names: Vec<String> = match db {
        Db::Sqlite(pool) => sqlx::query_as::<_, (String,)>("SELECT name FROM pragma_table_info(?)")
            .bind(table)
            .fetch_all(pool)
            .await
            .unwrap()
            .into_iter()
            .map(|(n,)| n)
            .collect(),
        Db::Postgres(pool) => sqlx::query_as::<_, (String,)>(
            "SELECT column_name::text FROM information_schema.columns WHERE table_name = $1",
        )
        .bind(table)
        .fetch_all(pool)
        .await
        .unwrap()
        .into_iter()
        .map(|(n,)| n)
        .collect(),
    };
    names.sort();
    names
}

async fn answer(client: &Client, token: &str, answers: &[(&str, &str)]) -> common::Page {
    client.post(&format!("/survey/{token}"), answers).await
}

#[tokio::test]
async fn a_practitioner_answers_without_signing_in_once_per_browser_session() {
    let app = TestApp::spawn().await;
    let world = World::build(&app).await;
    let (_, token) = open_survey(&app, &world).await;
    let practitioner = app.client();
    let page = practitioner.get(&format!("/survey/{token}")).await;
    assert_eq!(page.status, 200);
    assert!(
        page.body.contains("Organisation One") && page.body.contains("Do you know how to raise a concern?")
    );
    assert!(page.body.contains("anonymous"));

    // Nothing chosen: the questions come back with errors and nothing is stored.
    let invalid = answer(&practitioner, &token, &[("q1", "yes")]).await;
    assert_eq!(invalid.status, 422);
    assert!(invalid.body.contains("Select yes, no or not sure for question 2"));
    assert!(invalid.body.contains(r#"value="yes" checked"#), "the answer given is kept");
    assert_eq!(total_answers(&app).await, 0);

    let sent = answer(&practitioner, &token, &MIXED).await;
    assert!(sent.redirects_to(&format!("/survey/{token}/done")), "{}", sent.body);
    let done = practitioner.get(&format!("/survey/{token}/done")).await;
    assert!(done.body.contains("Answers sent"));
    assert_eq!(total_answers(&app).await, 3);

    // The same browser session is politely refused, and nothing more is counted.
    let again = practitioner.get(&format!("/survey/{token}")).await;
    assert_eq!(again.status, 200);
    assert!(again.body.contains("You have already answered this survey"));
    assert!(!again.body.contains("Send answers"));
    let twice = answer(&practitioner, &token, &ALL_NO).await;
    assert_eq!(twice.status, 409);
    assert!(twice.body.contains("You have already answered this survey"));
    assert_eq!(total_answers(&app).await, 3);

    // A fresh session (another practitioner) may answer.
    let colleague = app.client();
    assert!(colleague.get(&format!("/survey/{token}/done")).await.redirects_to(&format!("/survey/{token}")));
    assert!(answer(&colleague, &token, &ALL_NO).await.status.is_redirection());
    assert_eq!(total_answers(&app).await, 6);
}

#[tokio::test]
async fn survey_answers_are_never_linked_to_a_person() {
    let app = TestApp::spawn().await;
    let world = World::build(&app).await;
    let (_, token) = open_survey(&app, &world).await;
    // What is stored for an answer: only the survey, organisation, question, answer and
    // how many gave it. No user, session, address, browser or time.
    assert_eq!(
        columns(app.db(), "survey_answer_counts").await,
        ["answer", "organisation_id", "question_id", "responses", "survey_id"]
    );
    for table in ["survey_links", "survey_questions"] {
        for column in columns(app.db(), table).await {
            assert!(
                !["user", "session", "ip", "address", "agent"].iter().any(|w| column.contains(w)),
                "{table}.{column}"
            );
        }
    }

    // Someone who happens to be signed in answers: nothing about them is written.
    let lead = app.signed_in(O1_LEAD).await;
    let audit_before = audit_actions(&app).await;
    assert!(answer(&lead, &token, &MIXED).await.status.is_redirection());
    assert!(answer(&app.client(), &token, &MIXED).await.status.is_redirection());
    assert_eq!(audit_actions(&app).await, audit_before, "answers are not audited: they are anonymous");
    // Two people gave the same answers: one row per answer holds 2, and nothing tells
    // them apart or says which was the lead.
    let rows: Vec<(i64, i64, String, i64)> = app
        .db()
        .fetch_all(
            &Query::select()
                .columns([
                    SurveyAnswerCounts::OrganisationId,
                    SurveyAnswerCounts::QuestionId,
                    SurveyAnswerCounts::Answer,
                    SurveyAnswerCounts::Responses,
                ])
                .from(SurveyAnswerCounts::Table)
                .to_owned(),
        )
        .await
        .unwrap();
    assert_eq!(rows.len(), 3);
    assert!(rows.iter().all(|(org, _, _, n)| *org == world.o1 && *n == 2));
}

#[tokio::test]
async fn a_closed_survey_and_an_unknown_link_take_no_answers() {
    let app = TestApp::spawn().await;
    let world = World::build(&app).await;
    let (survey, token) = open_survey(&app, &world).await;
    let unknown = app.client().get("/survey/AAAAAAAAAAAAAAAAAAAAAA").await;
    assert_eq!(unknown.status, 404);
    assert!(unknown.body.contains("Survey link not recognised"));

    let admin = app.signed_in(P1_ADMIN).await;
    assert!(
        admin
            .post(&format!("/surveys/{survey}/close"), &[])
            .await
            .redirects_to(&format!("/surveys/{survey}"))
    );
    assert!(audit_actions(&app).await.iter().any(|(a, _)| a == "close_survey"));
    let practitioner = app.client();
    let page = practitioner.get(&format!("/survey/{token}")).await;
    assert_eq!(page.status, 410);
    assert!(page.body.contains("This survey is closed"));
    assert_eq!(answer(&practitioner, &token, &MIXED).await.status, 410);
    assert_eq!(total_answers(&app).await, 0);
    // The lead no longer sees a closed survey's link.
    let lead = app.signed_in(O1_LEAD).await;
    assert!(!lead.get(&format!("/organisations/{}/assessments", world.o1)).await.body.contains(&token));

    // A survey past its closing date is closed too, though nobody closed it by hand.
    let (other, token) = open_survey(&app, &world).await;
    let yesterday = time::OffsetDateTime::now_utc().date() - time::Duration::days(1);
    app.db()
        .execute(
            &Query::update()
                .table(Surveys::Table)
                .value(Surveys::ClosesOn, yesterday)
                .and_where(Expr::col(Surveys::Id).eq(other))
                .to_owned(),
        )
        .await
        .unwrap();
    assert_eq!(app.client().get(&format!("/survey/{token}")).await.status, 410);

    // A survey closes with its cycle.
    let (_, token) = open_survey(&app, &world).await;
    assert_eq!(app.client().get(&format!("/survey/{token}")).await.status, 200);
    let mut tx = app.db().begin().await.unwrap();
    osa_server::cycles::store::close(&mut tx, world.p1_cycle, time::OffsetDateTime::now_utc()).await.unwrap();
    tx.commit().await.unwrap();
    assert_eq!(app.client().get(&format!("/survey/{token}")).await.status, 410);
    assert_eq!(total_answers(&app).await, 0);
}

#[tokio::test]
async fn a_partnership_admin_opens_a_survey_and_the_lead_sees_the_link() {
    let app = TestApp::spawn().await;
    let world = World::build(&app).await;
    let admin = app.signed_in(P1_ADMIN).await;
    let path = format!("/cycles/{}/surveys/new", world.p1_cycle);
    let form = admin.get(&path).await;
    assert_eq!(form.status, 200);
    // The suggested set links the framework's rated criterion.
    assert!(form.body.contains("Is this true where you work: We have a named safeguarding lead?"));

    let two = [
        ("title", "Staff survey"),
        ("q1-criterion", "1.1"),
        ("q1-wording", "One?"),
        ("q2-criterion", "1.1"),
        ("q2-wording", "Two?"),
    ];
    let refused = admin.post(&path, &two).await;
    assert_eq!(refused.status, 422);
    assert!(refused.body.contains("Enter at least 3 questions"));
    let percentage = [("title", "Staff survey"), ("q1-criterion", "1.2"), ("q1-wording", "Trained?")];
    assert!(
        admin.post(&path, &percentage).await.body.contains("Select a criterion from the list for question 1")
    );

    let three = [
        ("title", "Staff survey"),
        ("q1-criterion", "1.1"),
        ("q1-wording", "Do you know the lead?"),
        ("q3-criterion", "1.1"),
        ("q3-wording", "Could you reach them today?"),
        ("q5-criterion", "1.1"),
        ("q5-wording", "Would you?"),
    ];
    let opened = admin.post(&path, &three).await;
    assert!(opened.redirects_to("/surveys/"), "{}", opened.body);
    let show = admin.get(opened.location.as_deref().unwrap()).await;
    assert!(show.body.contains("Staff survey") && show.body.contains("Could you reach them today?"));
    assert!(show.body.contains("Organisation One") && show.body.contains("/survey/"));
    assert!(audit_actions(&app).await.iter().any(|(a, _)| a == "open_survey"));
    assert!(admin.get(&format!("/cycles/{}/surveys", world.p1_cycle)).await.body.contains("Staff survey"));
    assert!(admin.get(&format!("/cycles/{}", world.p1_cycle)).await.body.contains("/surveys\""));

    // Organisation one's lead sees its link; its contributor does not.
    let id: i64 = opened.location.as_deref().unwrap().trim_start_matches("/surveys/").parse().unwrap();
    let links = osa_server::surveys::store::links(app.db(), id).await.unwrap();
    let token = &links[0].token;
    let assessments = format!("/organisations/{}/assessments", world.o1);
    assert!(app.signed_in(O1_LEAD).await.get(&assessments).await.body.contains(token.as_str()));
    assert!(!app.signed_in(O1_CONTRIBUTOR).await.get(&assessments).await.body.contains(token.as_str()));
    // The link asks the questions in the order given.
    let page = app.client().get(&format!("/survey/{token}")).await;
    let (a, b) = (page.body.find("Do you know the lead?").unwrap(), page.body.find("Would you?").unwrap());
    assert!(a < b);

    // Once the cycle is closed, no survey is opened in it.
    let mut tx = app.db().begin().await.unwrap();
    osa_server::cycles::store::close(&mut tx, world.p1_cycle, time::OffsetDateTime::now_utc()).await.unwrap();
    tx.commit().await.unwrap();
    let late = admin.post(&path, &three).await;
    assert_eq!(late.status, 422);
    assert!(late.body.contains("This audit cycle is closed"));
    assert!(!admin.get(&format!("/cycles/{}/surveys", world.p1_cycle)).await.body.contains("Open a survey"));
}

#[tokio::test]
async fn results_hide_small_groups_and_flag_a_large_difference() {
    let app = TestApp::spawn().await;
    let world = World::build(&app).await;
    // Organisation one rates criterion 1.1 as met in the return it submits.
    let lead = app.signed_in(O1_LEAD).await;
    answer_standard_one(&lead, &world, "80").await;
    sign_off_and_submit(&app.signed_in(O1_SIGNOFF).await, &lead, &world).await;
    let (survey, token) = open_survey(&app, &world).await;
    let analyst = app.signed_in(P1_ANALYST).await;
    let results = format!("/surveys/{survey}/results");

    for _ in 0..4 {
        assert!(answer(&app.client(), &token, &ALL_NO).await.status.is_redirection());
    }
    let page = analyst.get(&results).await;
    assert_eq!(page.status, 200);
    assert!(page.body.contains("Not enough responses to show"));
    assert!(!page.body.contains("0% (0)") && !page.body.contains("Large difference</strong>"));
    let csv = analyst.get(&format!("{results}.csv")).await;
    assert!(csv.body.contains("Not enough responses to show") && !csv.body.contains(",4,"), "{}", csv.body);
    let show = analyst.get(&format!("/surveys/{survey}")).await;
    assert!(show.body.contains("Fewer than 5") && !show.body.contains(r#"numeric">4</td>"#));

    // The fifth: figures appear, and no one of five said yes against a self-rating of met.
    assert!(answer(&app.client(), &token, &ALL_NO).await.status.is_redirection());
    let page = analyst.get(&results).await;
    assert!(!page.body.contains("Not enough responses to show"), "{}", page.body);
    assert!(page.body.contains("0% (0)") && page.body.contains(">Met<"));
    assert!(
        page.body.contains("Large difference</strong> Practitioners less positive than the self-assessment")
    );
    let show = analyst.get(&format!("/surveys/{survey}")).await;
    assert!(show.body.contains(r#"govuk-table__cell--numeric">5</td>"#), "five have answered");
    let csv = analyst.get(&format!("{results}.csv")).await;
    assert_eq!(csv.headers["content-type"], "text/csv; charset=utf-8");
    assert!(csv.body.contains(
        "1,Do you know who the safeguarding lead is?,1.1,Organisation One,5,0,0,Met,Practitioners less positive than the self-assessment"
    ), "{}", csv.body);
}

#[tokio::test]
async fn another_partnership_never_sees_or_opens_a_survey() {
    let app = TestApp::spawn().await;
    let world = World::build(&app).await;
    let (survey, _) = open_survey(&app, &world).await;
    let outsider = app.signed_in(P2_ADMIN).await;
    for path in [
        format!("/surveys/{survey}"),
        format!("/surveys/{survey}/results"),
        format!("/surveys/{survey}/results.csv"),
        format!("/cycles/{}/surveys", world.p1_cycle),
        format!("/cycles/{}/surveys/new", world.p1_cycle),
    ] {
        assert_eq!(outsider.get(&path).await.status, 404, "{path}");
    }
    let create = [("title", "Ours now"), ("q1-criterion", "1.1"), ("q1-wording", "Q?")];
    assert_eq!(outsider.post(&format!("/cycles/{}/surveys/new", world.p1_cycle), &create).await.status, 404);
    assert_eq!(outsider.post(&format!("/surveys/{survey}/close"), &[]).await.status, 404);
    // Partnership one's analyst reads the results but may not open or close a survey.
    let analyst = app.signed_in(P1_ANALYST).await;
    assert_eq!(analyst.get(&format!("/surveys/{survey}/results")).await.status, 200);
    assert_eq!(analyst.post(&format!("/cycles/{}/surveys/new", world.p1_cycle), &create).await.status, 403);
    assert_eq!(analyst.post(&format!("/surveys/{survey}/close"), &[]).await.status, 403);
    let surveys: Vec<(i64,)> = app
        .db()
        .fetch_all(&Query::select().column(Surveys::Id).from(Surveys::Table).to_owned())
        .await
        .unwrap();
    assert_eq!(surveys.len(), 1);
    assert!(osa_server::surveys::store::get(app.db(), survey).await.unwrap().unwrap().closed_at.is_none());
}
