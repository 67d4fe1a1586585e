//! Practitioner surveys: opened by a partnership admin, answered through a link without
//! signing in, once per single-use response code the organisation's lead issues, never
//! linked to a person, and read beside each organisation's self-rating with small
//! groups hidden and large differences flagged.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a test or benchmark stops loudly at the step that failed"
)]

mod common;

use common::journey::{answer_standard_one, sign_off_and_submit};
use common::surveys::{issue_codes, open_survey};
use common::world::*;
use common::{Client, TestApp, csv_heading};
use osa_server::db::Db;
use osa_server::db::schema::{AuditLog, Sessions};
use osa_server::db::schema_surveys::{SurveyAnswerCounts, SurveyCodes, Surveys};
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

/// What every stored session holds, sorted.
async fn session_data(app: &TestApp) -> Vec<String> {
    let rows: Vec<(String,)> = app
        .db()
        .fetch_all(&Query::select().column(Sessions::Data).from(Sessions::Table).to_owned())
        .await
        .unwrap();
    let mut data: Vec<String> = rows.into_iter().map(|(d,)| d).collect();
    data.sort();
    data
}

async fn answer(client: &Client, token: &str, code: &str, answers: &[(&str, &str)]) -> common::Page {
    let mut fields = vec![("code", code)];
    fields.extend_from_slice(answers);
    client.post(&format!("/survey/{token}"), &fields).await
}

#[tokio::test]
async fn a_practitioner_answers_without_signing_in_once_per_code() {
    let app = TestApp::spawn().await;
    let world = World::build(&app).await;
    let (survey, token) = open_survey(&app, &world).await;
    let codes = issue_codes(&app, survey, world.o1, 2).await;
    let practitioner = app.client();
    let page = practitioner.get(&format!("/survey/{token}")).await;
    assert_eq!(page.status, 200);
    assert!(
        page.body.contains("Organisation One") && page.body.contains("Do you know how to raise a concern?")
    );
    assert!(page.body.contains("anonymous") && page.body.contains("Your response code"));

    // Nothing chosen: the questions come back with errors and nothing is stored.
    let invalid = answer(&practitioner, &token, &codes[0], &[("q1", "yes")]).await;
    assert_eq!(invalid.status, 422);
    assert!(invalid.body.contains("Select yes, no or not sure for question 2"));
    assert!(invalid.body.contains(r#"value="yes" checked"#), "the answer given is kept");
    assert!(invalid.body.contains(&codes[0]), "the code typed is kept");
    // No code, or something that cannot be one: refused, nothing stored.
    let no_code = answer(&practitioner, &token, "", &MIXED).await;
    assert_eq!(no_code.status, 422);
    assert!(
        no_code.body.contains("govuk-error-summary") && no_code.body.contains("Enter your response code")
    );
    let not_a_code = answer(&practitioner, &token, "hello", &MIXED).await;
    assert!(not_a_code.body.contains("Enter the response code exactly as it was given to you"));
    let unknown = answer(&practitioner, &token, "0000-0000-0000", &MIXED).await;
    assert_eq!(unknown.status, 422);
    assert!(unknown.body.contains("This response code is not one for this survey"), "{}", unknown.body);
    assert!(unknown.body.contains(r#"value="not_sure" checked"#), "the answers are kept");
    assert_eq!(total_answers(&app).await, 0);

    // A code answers once, typed however the person types it.
    let typed = codes[0].to_lowercase().replace('-', " ");
    let sent = answer(&practitioner, &token, &typed, &MIXED).await;
    assert!(sent.redirects_to(&format!("/survey/{token}/done")), "{}", sent.body);
    let done = practitioner.get(&format!("/survey/{token}/done")).await;
    assert!(done.body.contains("Answers sent"));
    assert_eq!(total_answers(&app).await, 3);
    for who in [&practitioner, &app.client()] {
        let twice = answer(who, &token, &codes[0], &ALL_NO).await;
        assert_eq!(twice.status, 422);
        assert!(twice.body.contains("This response code has already been used"), "{}", twice.body);
        assert!(twice.body.contains("govuk-error-summary"));
    }
    assert_eq!(total_answers(&app).await, 3);

    // The same browser may send another person's code (a shared office computer).
    assert!(answer(&practitioner, &token, &codes[1], &ALL_NO).await.status.is_redirection());
    assert_eq!(total_answers(&app).await, 6);

    // A code answers only the survey it was issued for.
    let (_, other_token) = open_survey(&app, &world).await;
    let spare = issue_codes(&app, survey, world.o1, 1).await;
    let refused = answer(&app.client(), &other_token, &spare[0], &MIXED).await;
    assert!(refused.body.contains("This response code is not one for this survey"));
    assert_eq!(total_answers(&app).await, 6);
    assert!(answer(&app.client(), &token, &spare[0], &MIXED).await.status.is_redirection());
}

#[tokio::test]
async fn the_link_printed_beside_a_code_fills_it_in() {
    let app = TestApp::spawn().await;
    let world = World::build(&app).await;
    let (survey, token) = open_survey(&app, &world).await;
    let codes = issue_codes(&app, survey, world.o1, 1).await;
    let practitioner = app.client();
    let page = practitioner.get(&format!("/survey/{token}/{}", codes[0])).await;
    assert_eq!(page.status, 200);
    assert!(page.body.contains(&format!(r#"name="code" type="text" value="{}""#, codes[0])), "{}", page.body);
    // Something that is not a code is not put on the page.
    let crafted = practitioner.get(&format!("/survey/{token}/%3Cscript%3E")).await;
    assert_eq!(crafted.status, 200);
    assert!(
        crafted.body.contains(r#"name="code" type="text" value="""#) && !crafted.body.contains("<script>")
    );
    assert!(answer(&practitioner, &token, &codes[0], &MIXED).await.status.is_redirection());
}

#[tokio::test]
async fn two_sends_of_one_code_at_the_same_moment_count_once() {
    let app = TestApp::spawn().await;
    let world = World::build(&app).await;
    let (survey, token) = open_survey(&app, &world).await;
    let codes = issue_codes(&app, survey, world.o1, 1).await;
    let (a, b) = (app.client(), app.client());
    // Both pages are open first, as two people with one code would have them.
    let (ta, tb) = (a.token().await, b.token().await);
    let send = |client: &Client, csrf: String| {
        let mut fields = vec![("code".to_owned(), codes[0].clone()), ("csrf_token".to_owned(), csrf)];
        fields.extend(MIXED.iter().map(|(k, v)| (k.to_string(), v.to_string())));
        let request = client.http.post(format!("{}/survey/{token}", client.base)).form(&fields).send();
        async move { request.await.unwrap().status() }
    };
    let (first, second) = tokio::join!(send(&a, ta), send(&b, tb));
    let counted = [first, second].iter().filter(|s| s.is_redirection()).count();
    assert_eq!(counted, 1, "{first} {second}");
    assert!([first, second].contains(&reqwest::StatusCode::UNPROCESSABLE_ENTITY));
    assert_eq!(total_answers(&app).await, 3);
}

#[tokio::test]
async fn answers_cannot_be_stuffed_past_the_floor_without_codes() {
    let app = TestApp::spawn().await;
    let world = World::build(&app).await;
    let (survey, token) = open_survey(&app, &world).await;
    let codes = issue_codes(&app, survey, world.o1, 4).await;
    // The lead's own four people answer; the lead then tries to push past five alone,
    // from fresh browsers, with no code, a spent one, and made-up ones.
    for code in &codes {
        assert!(answer(&app.client(), &token, code, &ALL_NO).await.status.is_redirection());
    }
    for code in ["", &codes[0], &codes[3], "0000-0000-0001", "ZZZZ-ZZZZ-ZZZZ"] {
        assert_eq!(answer(&app.client(), &token, code, &ALL_NO).await.status, 422, "{code}");
    }
    assert_eq!(total_answers(&app).await, 12, "four people, three questions");
    let analyst = app.signed_in(P1_ANALYST).await;
    let results = analyst.get(&format!("/surveys/{survey}/results")).await;
    assert!(results.body.contains("Not enough responses to show"));
    assert!(results.body.contains("4 codes issued, fewer than 5 used"), "{}", results.body);
}

#[tokio::test]
async fn a_burst_of_answers_from_one_address_is_refused() {
    let app = TestApp::spawn().await;
    let world = World::build(&app).await;
    let (survey, token) = open_survey(&app, &world).await;
    let codes = issue_codes(&app, survey, world.o1, 31).await;
    // Thirty sends in a few seconds from one address (the tests all come from
    // 127.0.0.1), some of them guesses: all are taken or refused one by one.
    for (n, code) in codes.iter().take(30).enumerate() {
        let code = if n % 3 == 0 { "0000-0000-0000" } else { code.as_str() };
        let status = answer(&app.client(), &token, code, &MIXED).await.status;
        assert!(status.is_redirection() || status == 422, "send {n}: {status}");
    }
    let before = total_answers(&app).await;
    let refused = answer(&app.client(), &token, &codes[30], &MIXED).await;
    assert_eq!(refused.status, 429);
    assert!(refused.body.contains("Too many answers have been sent from your network"), "{}", refused.body);
    assert!(refused.body.contains("your response code has not been used"));
    assert_eq!(total_answers(&app).await, before, "nothing is counted");
    // Nothing about the address is kept with the answers; what the limit keeps is a
    // hash of it and a time, in a table of its own.
    assert_eq!(columns(app.db(), "survey_answer_bursts").await, ["address_hash", "at", "id"]);
    let stored: Vec<(String,)> = app
        .db()
        .fetch_all(
            &Query::select()
                .column(osa_server::db::schema_surveys::SurveyAnswerBursts::AddressHash)
                .from(osa_server::db::schema_surveys::SurveyAnswerBursts::Table)
                .to_owned(),
        )
        .await
        .unwrap();
    assert!(!stored.is_empty() && stored.iter().all(|(h,)| !h.contains("127.0.0.1") && h.len() == 64));
}

#[tokio::test]
async fn survey_answers_are_never_linked_to_a_person() {
    let app = TestApp::spawn().await;
    let world = World::build(&app).await;
    let (survey, token) = open_survey(&app, &world).await;
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

    // A code is kept only as a hash with a used flag: nothing says whose it was, when
    // it was used, or which answers it sent (the counts do not refer to codes).
    assert_eq!(
        columns(app.db(), "survey_codes").await,
        ["code_hash", "organisation_id", "survey_id", "used"]
    );
    let codes = issue_codes(&app, survey, world.o1, 2).await;
    let hashes: Vec<(String,)> = app
        .db()
        .fetch_all(&Query::select().column(SurveyCodes::CodeHash).from(SurveyCodes::Table).to_owned())
        .await
        .unwrap();
    assert!(hashes.iter().all(|(h,)| h.len() == 64 && !codes.iter().any(|c| h.contains(c.as_str()))));

    // Someone who happens to be signed in answers: nothing about them is written, and
    // their session does not record the survey.
    let lead = app.signed_in(O1_LEAD).await;
    let audit_before = audit_actions(&app).await;
    let sessions_before = session_data(&app).await;
    assert!(answer(&lead, &token, &codes[0], &MIXED).await.status.is_redirection());
    assert_eq!(session_data(&app).await, sessions_before, "no session changes when answering");
    assert!(!session_data(&app).await.iter().any(|d| d.contains("survey")));
    assert!(answer(&app.client(), &token, &codes[1], &MIXED).await.status.is_redirection());
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
    let codes = issue_codes(&app, survey, world.o1, 1).await;
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
    assert_eq!(answer(&practitioner, &token, &codes[0], &MIXED).await.status, 410);
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

    // The lead issues response codes from there, sees them once, and the counts after.
    let lead = app.signed_in(O1_LEAD).await;
    let codes_path = format!("/surveys/{id}/organisations/{}/codes", world.o1);
    assert!(lead.get(&assessments).await.body.contains(&codes_path));
    let codes_page = lead.get(&codes_path).await;
    assert_eq!(codes_page.status, 200);
    assert!(codes_page.body.contains("Codes issued") && codes_page.body.contains("How many more codes"));
    for bad in ["", "0", "501", "lots"] {
        let refused = lead.post(&codes_path, &[("how_many", bad)]).await;
        assert_eq!(refused.status, 422, "{bad}");
        assert!(refused.body.contains("govuk-error-summary"), "{bad}");
    }
    let issued = lead.post(&codes_path, &[("how_many", "3")]).await;
    assert_eq!(issued.status, 200, "{}", issued.body);
    assert!(issued.body.contains("These codes are shown only once"));
    let printed: Vec<String> = issued
        .body
        .split("<td class=\"govuk-table__cell\"><code>")
        .skip(1)
        .map(|part| part.split('<').next().unwrap().to_owned())
        .collect();
    assert_eq!(printed.len(), 3, "{}", issued.body);
    let code_link = format!("/survey/{token}/{}", printed[0]);
    assert!(issued.body.contains(&code_link), "a link per code");
    assert!(audit_actions(&app).await.iter().any(|(a, _)| a == "issue_survey_codes"));
    // The codes are not kept anywhere readable, not even in the audit log.
    let after: Vec<(Option<String>,)> = app
        .db()
        .fetch_all(&Query::select().column(AuditLog::After).from(AuditLog::Table).to_owned())
        .await
        .unwrap();
    assert!(!after.iter().any(|(a,)| a.as_deref().is_some_and(|a| a.contains(&printed[0]))));
    let practitioner = app.client();
    let form = practitioner.get(&code_link).await;
    assert!(form.body.contains(&printed[0]));
    let sent = answer(&practitioner, token, &printed[0], &[("q1", "yes"), ("q2", "yes"), ("q3", "no")]).await;
    assert!(sent.status.is_redirection(), "{}", sent.body);
    let counts = lead.get(&codes_path).await;
    assert!(counts.body.contains(">3</dd>") && counts.body.contains(">fewer than 5</dd>"), "{}", counts.body);
    assert!(lead.get(&assessments).await.body.contains("3 codes issued, fewer than 5 used"));
    // The partnership's admin may issue codes too; its analyst, another partnership and
    // the organisation's contributor may not.
    assert!(admin.get(&format!("/surveys/{id}")).await.body.contains(&codes_path));
    assert_eq!(admin.post(&codes_path, &[("how_many", "2")]).await.status, 200);
    assert_eq!(app.signed_in(P1_ANALYST).await.post(&codes_path, &[("how_many", "2")]).await.status, 403);
    assert_eq!(app.signed_in(P2_ADMIN).await.get(&codes_path).await.status, 404);
    assert_eq!(app.signed_in(O2_LEAD).await.get(&codes_path).await.status, 404);
    assert_eq!(app.signed_in(O1_CONTRIBUTOR).await.post(&codes_path, &[("how_many", "2")]).await.status, 403);
    assert!(lead.get(&codes_path).await.body.contains(">5</dd>"), "five issued in all");

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

    let codes = issue_codes(&app, survey, world.o1, 6).await;
    for code in &codes[..4] {
        assert!(answer(&app.client(), &token, code, &ALL_NO).await.status.is_redirection());
    }
    let page = analyst.get(&results).await;
    assert_eq!(page.status, 200);
    assert!(page.body.contains("Not enough responses to show"));
    assert!(!page.body.contains("0% (0)") && !page.body.contains("Large difference</strong>"));
    let csv = analyst.get(&format!("{results}.csv")).await;
    assert_eq!(csv_heading(&csv.body)[0], "Practitioner survey results");
    assert!(csv_heading(&csv.body)[1].starts_with("Survey,"), "{}", csv.body);
    assert!(csv.body.contains("Not enough responses to show") && !csv.body.contains(",4,"), "{}", csv.body);
    let show = analyst.get(&format!("/surveys/{survey}")).await;
    assert!(show.body.contains("Fewer than 5") && !show.body.contains(r#"numeric">4</td>"#));
    assert!(show.body.contains("6 issued, fewer than 5 used"), "{}", show.body);
    assert!(page.body.contains("6 codes issued, fewer than 5 used"));

    // The fifth: figures appear, and no one of five said yes against a self-rating of met.
    assert!(answer(&app.client(), &token, &codes[4], &ALL_NO).await.status.is_redirection());
    let page = analyst.get(&results).await;
    assert!(!page.body.contains("Not enough responses to show"), "{}", page.body);
    assert!(page.body.contains("0% (0)") && page.body.contains(">Met<"));
    assert!(
        page.body.contains("Large difference</strong> Practitioners less positive than the self-assessment")
    );
    let show = analyst.get(&format!("/surveys/{survey}")).await;
    assert!(show.body.contains(r#"govuk-table__cell--numeric">5</td>"#), "five have answered");
    assert!(show.body.contains("6 issued, 5 used"));
    assert!(page.body.contains("6 codes issued, 5 used"));
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
