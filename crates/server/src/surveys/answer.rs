//! The practitioner's side: `/survey/{token}`, open to anyone with the link, signed in
//! or not. One page: the response code and the questions, then a confirmation.
//! `/survey/{token}/{code}` is the same page with the code filled in, for the link
//! printed beside each code.
//!
//! Honest counts: every answer spends one single-use code the organisation's lead was
//! issued (`codes_store::answer`), so answers can never outnumber codes, and a burst
//! of sends from one client address is refused with a page saying when to try again.
//! Privacy, by construction: the handlers never read who is signed in and write
//! nothing to the session; the code is kept only as a hash with a used flag, the
//! answers only as counts that do not refer to the code, and the address only as a
//! hash with a time, deleted once the burst limit's window has passed.
//! Like every form, the body is held to the service's form size limit and needs the
//! session's CSRF token, so answers can only come from the survey page itself.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum_extra::extract::Form;
use time::OffsetDateTime;

use super::codes_store::{self, CodeUse};
use super::store::{self, LinkRow, QuestionRow, SurveyRow};
use crate::cycles::pages::today;
use crate::web::AppState;
use crate::web::client::ClientAddress;
use crate::web::error::AppError;
use crate::web::forms::Errors;
use crate::web::page::{Ctx, Page};
use crate::web::path::Path;
use osa_core::survey::{MAX_QUESTIONS, SurveyAnswer};
use osa_core::survey_codes;
use osa_core::throttle::ThrottleDecision;

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
    /// The response code as typed (or from the link).
    code: String,
    questions: Vec<Question>,
    options: Vec<(&'static str, &'static str)>,
    errors: Errors,
}

/// A page that explains why the survey cannot be answered.
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

fn message(ctx: &Ctx, status: StatusCode, heading: &'static str, paragraphs: Vec<String>) -> Response {
    (status, MessagePage { page: ctx.page(heading), heading, paragraphs }).into_response()
}

/// The survey behind a link if it takes answers now, or the page that says why not:
/// unknown (404) or closed (410).
async fn find(ctx: &Ctx, state: &AppState, token: &str) -> Result<Found, AppError> {
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
    Ok(Found::Open(survey, link))
}

struct Typed<'a> {
    code: &'a str,
    chosen: &'a [String],
}

fn answer_page(
    ctx: &Ctx,
    token: &str,
    survey: SurveyRow,
    link: LinkRow,
    questions: &[QuestionRow],
    typed: Typed<'_>,
    errors: Errors,
) -> AnswerPage {
    AnswerPage {
        page: ctx.page(survey.title.clone()),
        token: token.to_owned(),
        closes_on: survey.closes_on.map(crate::web::format::date),
        title: survey.title,
        organisation: link.organisation_name,
        code: typed.code.to_owned(),
        questions: questions
            .iter()
            .zip(QUESTION_IDS)
            .enumerate()
            .map(|(i, (q, id))| Question {
                id,
                legend: format!("{}. {}", i + 1, q.wording),
                chosen: typed.chosen.get(i).cloned().unwrap_or_default(),
            })
            .collect(),
        options: SurveyAnswer::ALL.iter().map(|a| (a.code(), a.label())).collect(),
        errors,
    }
}

async fn show_form(mut ctx: Ctx, state: &AppState, token: &str, code: &str) -> Result<Response, AppError> {
    let (survey, link) = match find(&ctx, state, token).await? {
        Found::Open(s, l) => (s, l),
        Found::Refused(page) => return Ok(page),
    };
    // The page carries a form, so the session needs its CSRF token now.
    ctx.ensure_csrf().await?;
    let questions = store::questions(&state.db, survey.id).await?;
    let typed = Typed { code, chosen: &[] };
    Ok(answer_page(&ctx, token, survey, link, &questions, typed, Errors::default()).into_response())
}

pub async fn form(
    ctx: Ctx,
    State(state): State<AppState>,
    Path(token): Path<String>,
) -> Result<Response, AppError> {
    show_form(ctx, &state, &token, "").await
}

/// The link printed beside a code: the same page with the code filled in. What is in
/// the address is not trusted: only a well-formed code is filled in.
pub async fn form_with_code(
    ctx: Ctx,
    State(state): State<AppState>,
    Path((token, code)): Path<(String, String)>,
) -> Result<Response, AppError> {
    let code = survey_codes::normalise(&code).map(|_| code).unwrap_or_default();
    show_form(ctx, &state, &token, &code).await
}

/// Refuses a burst of sends from one address (429), or notes this send and lets it on.
async fn within_burst_limit(
    ctx: &Ctx,
    state: &AppState,
    address: &str,
) -> Result<Option<Response>, AppError> {
    let policy = survey_codes::burst_policy();
    let now = OffsetDateTime::now_utc();
    let recent = codes_store::recent_sends(&state.db, address, policy.window_start(now)).await?;
    if let ThrottleDecision::Wait { minutes } = policy.decide(now, &[], &recent) {
        let wait = if minutes == 1 { "1 minute".to_owned() } else { format!("{minutes} minutes") };
        return Ok(Some(message(
            ctx,
            StatusCode::TOO_MANY_REQUESTS,
            "Too many answers have been sent from your network",
            vec![
                format!("Many answers were sent from your network in the last few minutes, so no more are taken for now. Wait {wait}, then send your answers again."),
                "Your answers have not been sent and your response code has not been used. Go back to keep what you chose.".into(),
            ],
        )));
    }
    codes_store::note_send(&state.db, address, now).await?;
    Ok(None)
}

pub async fn submit(
    ctx: Ctx,
    State(state): State<AppState>,
    Path(token): Path<String>,
    ClientAddress(address): ClientAddress,
    Form(posted): Form<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    let (survey, link) = match find(&ctx, &state, &token).await? {
        Found::Open(s, l) => (s, l),
        Found::Refused(page) => return Ok(page),
    };
    let questions = store::questions(&state.db, survey.id).await?;
    let field =
        |name: &str| posted.iter().find(|(k, _)| k == name).map(|(_, v)| v.clone()).unwrap_or_default();
    let code: String = field("code").trim().chars().take(40).collect();
    let chosen: Vec<String> = QUESTION_IDS.iter().take(questions.len()).map(|id| field(id)).collect();
    let mut errors = Errors::default();
    if code.is_empty() {
        errors.add("code", "Enter your response code");
    } else if survey_codes::normalise(&code).is_none() {
        errors.add("code", "Enter the response code exactly as it was given to you, like 7K3M-Q9TX-2B4H");
    }
    let mut answers = Vec::with_capacity(questions.len());
    for ((q, value), id) in questions.iter().zip(&chosen).zip(QUESTION_IDS) {
        match SurveyAnswer::from_code(value) {
            Some(answer) => answers.push((q.id, answer)),
            None => errors.add(id, format!("Select yes, no or not sure for question {}", q.position)),
        }
    }
    if !errors.is_empty() {
        let typed = Typed { code: &code, chosen: &chosen };
        let page = answer_page(&ctx, &token, survey, link, &questions, typed, errors);
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response());
    }
    // Only complete sends are counted against the limit: they are the ones that try a code.
    if let Some(refused) = within_burst_limit(&ctx, &state, &address).await? {
        return Ok(refused);
    }
    let mut tx = state.db.begin().await?;
    let used = codes_store::answer(&mut tx, survey.id, link.organisation_id, &code, &answers).await?;
    tx.commit().await?;
    let problem = match used {
        CodeUse::Counted => return Ok(Redirect::to(&format!("/survey/{token}/done")).into_response()),
        CodeUse::AlreadyUsed => {
            "This response code has already been used. Each code answers once: ask your safeguarding lead for a new one"
        }
        CodeUse::Unknown => {
            "This response code is not one for this survey. Check it against the one you were given, or ask your safeguarding lead for a new one"
        }
    };
    let mut errors = Errors::default();
    errors.add("code", problem);
    let typed = Typed { code: &code, chosen: &chosen };
    let page = answer_page(&ctx, &token, survey, link, &questions, typed, errors);
    Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response())
}

/// The confirmation. It says only that answers were sent: nothing in the browser or
/// the session records which survey a person answered.
pub async fn done(
    ctx: Ctx,
    State(state): State<AppState>,
    Path(token): Path<String>,
) -> Result<Response, AppError> {
    let Some((survey, link)) = store::by_token(&state.db, &token).await? else {
        return Err(AppError::NotFound);
    };
    Ok(DonePage { page: ctx.page("Answers sent"), title: survey.title, organisation: link.organisation_name }
        .into_response())
}
