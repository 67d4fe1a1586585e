//! The practitioner's side: `/survey/{token}`, open to anyone with the link, signed in
//! or not. One page of questions, then a confirmation.
//!
//! Privacy, by construction: the handlers never read who is signed in, and the only
//! write is `store::add_answers`, which adds one to a count per survey, organisation,
//! question and answer. The browser session remembers which surveys it answered, so a
//! second response from it is refused; that list is all the session gains.
//! Like every form, the body is held to the service's form size limit and needs the
//! session's CSRF token, so answers can only come from the survey page itself.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum_extra::extract::Form;
use tower_sessions::Session;

use super::store::{self, LinkRow, QuestionRow, SurveyRow};
use crate::cycles::pages::today;
use crate::web::AppState;
use crate::web::error::AppError;
use crate::web::forms::Errors;
use crate::web::page::{Ctx, Page};
use osa_core::survey::{MAX_QUESTIONS, SurveyAnswer};

/// The session key listing the surveys this browser has answered.
pub const SESSION_ANSWERED: &str = "surveys_answered";

/// Field names of the questions, by position (the error summary links to them).
const QUESTION_IDS: [&str; MAX_QUESTIONS] =
    ["q1", "q2", "q3", "q4", "q5", "q6", "q7", "q8", "q9", "q10", "q11", "q12"];

pub struct Question {
    pub id: &'static str,
    /// The question with its number, as the fieldset's legend.
    pub legend: String,
    pub chosen: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "surveys/answer.html")]
pub struct AnswerPage {
    page: Page,
    token: String,
    title: String,
    organisation: String,
    closes_on: Option<String>,
    questions: Vec<Question>,
    options: Vec<(&'static str, &'static str)>,
    errors: Errors,
}

/// A page that explains why the survey cannot be answered (or that it was).
#[derive(Template, WebTemplate)]
#[template(path = "surveys/message.html")]
pub struct MessagePage {
    page: Page,
    heading: &'static str,
    paragraphs: Vec<String>,
}

#[derive(Template, WebTemplate)]
#[template(path = "surveys/done.html")]
pub struct DonePage {
    page: Page,
    title: String,
    organisation: String,
}

enum Found {
    Open(SurveyRow, LinkRow),
    Refused(Response),
}

async fn answered(session: &Session) -> Result<Vec<i64>, AppError> {
    Ok(session.get::<Vec<i64>>(SESSION_ANSWERED).await?.unwrap_or_default())
}

fn message(ctx: &Ctx, status: StatusCode, heading: &'static str, paragraphs: Vec<String>) -> Response {
    (status, MessagePage { page: ctx.page(heading), heading, paragraphs }).into_response()
}

/// The survey behind a link if it may be answered from this browser now, or the page
/// that says why not: unknown (404), closed (410), already answered here (`repeat`).
async fn find(ctx: &Ctx, state: &AppState, token: &str, repeat: StatusCode) -> Result<Found, AppError> {
    let Some((survey, link)) = store::by_token(&state.db, token).await? else {
        return Ok(Found::Refused(message(
            ctx,
            StatusCode::NOT_FOUND,
            "Survey link not recognised",
            vec![
                "Check that you copied the whole link you were sent.".into(),
                "If it still does not work, ask your organisation's safeguarding lead for the link again."
                    .into(),
            ],
        )));
    };
    if !survey.is_open(today()) {
        return Ok(Found::Refused(message(
            ctx,
            StatusCode::GONE,
            "This survey is closed",
            vec![format!("{} is no longer taking answers. Thank you for your interest.", survey.title)],
        )));
    }
    if answered(&ctx.session).await?.contains(&survey.id) {
        return Ok(Found::Refused(message(
            ctx,
            repeat,
            "You have already answered this survey",
            vec![
                "Thank you: your answers were sent. Each person answers once, so they cannot be sent again from this browser.".into(),
                "If someone else shares this device, they can answer from their own device or browser.".into(),
            ],
        )));
    }
    Ok(Found::Open(survey, link))
}

fn answer_page(
    ctx: &Ctx,
    token: &str,
    survey: SurveyRow,
    link: LinkRow,
    questions: &[QuestionRow],
    chosen: &[String],
    errors: Errors,
) -> AnswerPage {
    AnswerPage {
        page: ctx.page(survey.title.clone()),
        token: token.to_owned(),
        closes_on: survey.closes_on.map(crate::web::format::date),
        title: survey.title,
        organisation: link.organisation_name,
        questions: questions
            .iter()
            .zip(QUESTION_IDS)
            .enumerate()
            .map(|(i, (q, id))| Question {
                id,
                legend: format!("{}. {}", i + 1, q.wording),
                chosen: chosen.get(i).cloned().unwrap_or_default(),
            })
            .collect(),
        options: SurveyAnswer::ALL.iter().map(|a| (a.code(), a.label())).collect(),
        errors,
    }
}

pub async fn form(
    ctx: Ctx,
    State(state): State<AppState>,
    Path(token): Path<String>,
) -> Result<Response, AppError> {
    let (survey, link) = match find(&ctx, &state, &token, StatusCode::OK).await? {
        Found::Open(s, l) => (s, l),
        Found::Refused(page) => return Ok(page),
    };
    let questions = store::questions(&state.db, survey.id).await?;
    Ok(answer_page(&ctx, &token, survey, link, &questions, &[], Errors::default()).into_response())
}

pub async fn submit(
    ctx: Ctx,
    State(state): State<AppState>,
    Path(token): Path<String>,
    Form(posted): Form<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    let (survey, link) = match find(&ctx, &state, &token, StatusCode::CONFLICT).await? {
        Found::Open(s, l) => (s, l),
        Found::Refused(page) => return Ok(page),
    };
    let questions = store::questions(&state.db, survey.id).await?;
    let chosen: Vec<String> = QUESTION_IDS
        .iter()
        .take(questions.len())
        .map(|id| posted.iter().find(|(k, _)| k == id).map(|(_, v)| v.clone()).unwrap_or_default())
        .collect();
    let mut errors = Errors::default();
    let mut answers = Vec::with_capacity(questions.len());
    for ((q, value), id) in questions.iter().zip(&chosen).zip(QUESTION_IDS) {
        match SurveyAnswer::from_code(value) {
            Some(answer) => answers.push((q.id, answer)),
            None => errors.add(id, format!("Select yes, no or not sure for question {}", q.position)),
        }
    }
    if !errors.is_empty() {
        let page = answer_page(&ctx, &token, survey, link, &questions, &chosen, errors);
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response());
    }
    let mut tx = state.db.begin().await?;
    store::add_answers(&mut tx, survey.id, link.organisation_id, &answers).await?;
    tx.commit().await?;
    let mut done = answered(&ctx.session).await?;
    done.push(survey.id);
    ctx.session.insert(SESSION_ANSWERED, done).await?;
    Ok(Redirect::to(&format!("/survey/{token}/done")).into_response())
}

pub async fn done(
    ctx: Ctx,
    State(state): State<AppState>,
    Path(token): Path<String>,
) -> Result<Response, AppError> {
    let Some((survey, link)) = store::by_token(&state.db, &token).await? else {
        return Err(AppError::NotFound);
    };
    if !answered(&ctx.session).await?.contains(&survey.id) {
        return Ok(Redirect::to(&format!("/survey/{token}")).into_response());
    }
    Ok(DonePage { page: ctx.page("Answers sent"), title: survey.title, organisation: link.organisation_name }
        .into_response())
}
