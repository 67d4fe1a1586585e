//! A partnership's questions from children and young people (from a youth council,
//! a survey, a takeover day), each with where and when it was raised; and every
//! organisation's answer recorded so far, which the child-friendly summary reads.
//! The partnership's staff read both; its admins add questions.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum_extra::extract::Form;

use super::store::{self, CypAnswer, CypQuestionRow, NewCypQuestion};
use crate::partnerships::store as partnership_queries;
use crate::web::AppState;
use crate::web::error::AppError;
use crate::web::forms::{DateParts, Errors};
use crate::web::page::{Ctx, Page};
use crate::web::path::Path;
use osa_core::access::Action;

#[derive(Debug, Default)]
pub struct CypForm {
    pub question: String,
    pub source: String,
    pub raised_on: DateParts,
}

#[derive(Template, WebTemplate)]
#[template(path = "meetings/cyp_list.html")]
pub struct ListPage {
    page: Page,
    partnership: partnership_queries::Partnership,
    questions: Vec<CypQuestionRow>,
    can_add: bool,
    form: CypForm,
    errors: Errors,
}

async fn list_page(
    ctx: &Ctx,
    state: &AppState,
    id: i64,
    form: CypForm,
    errors: Errors,
) -> Result<ListPage, AppError> {
    let user = ctx.require(Action::ViewPartnership { partnership: id })?;
    let partnership = partnership_queries::get(&state.db, id).await?.ok_or(AppError::NotFound)?;
    let can_add = user.principal.admin_partnerships().any(|p| p == id);
    Ok(ListPage {
        page: ctx.page(format!("Questions from children and young people – {}", partnership.name)),
        questions: store::cyp_questions(&state.db, id).await?,
        partnership,
        can_add,
        form,
        errors,
    })
}

pub async fn list(
    ctx: Ctx,
    State(state): State<AppState>,
    Path(id): Path<i64>,
) -> Result<ListPage, AppError> {
    list_page(&ctx, &state, id, CypForm::default(), Errors::default()).await
}

pub async fn add(
    ctx: Ctx,
    State(state): State<AppState>,
    Path(id): Path<i64>,
    Form(posted): Form<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    let user = ctx.require(Action::ManagePartnership { partnership: id })?;
    // Platform admins read the partnership's list; the partnership keeps it.
    if user.principal.platform_admin && !user.principal.admin_partnerships().any(|p| p == id) {
        return Err(AppError::Forbidden);
    }
    let get = |k: &str| posted.iter().find(|(n, _)| n == k).map(|(_, v)| v.clone()).unwrap_or_default();
    let form = CypForm {
        question: get("question"),
        source: get("source"),
        raised_on: DateParts {
            day: get("raised_on_day"),
            month: get("raised_on_month"),
            year: get("raised_on_year"),
        },
    };
    let mut errors = Errors::default();
    let question = form.question.trim();
    if question.is_empty() {
        errors.add("question", "Enter the question, in the words children and young people used");
    } else if question.chars().count() > 1000 {
        errors.add("question", "The question must be 1000 characters or fewer");
    }
    let source = form.source.trim();
    if source.is_empty() {
        errors.add("source", "Enter where it was raised, like Youth council or Takeover day");
    } else if source.chars().count() > 200 {
        errors.add("source", "Where it was raised must be 200 characters or fewer");
    }
    let raised_on = errors.take("raised_on-day", form.raised_on.parse("date it was raised"));
    let (Some(raised_on), true) = (raised_on, errors.is_empty()) else {
        let page = list_page(&ctx, &state, id, form, errors).await?;
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response());
    };
    let mut tx = state.db.begin().await?;
    store::add_cyp_question(
        &mut tx,
        user.id,
        &NewCypQuestion { partnership: id, question, source, raised_on },
    )
    .await?;
    tx.commit().await?;
    ctx.flash("success", "Question added: choose it on a meeting's page to ask it").await?;
    Ok(Redirect::to(&format!("/partnerships/{id}/cyp-questions")).into_response())
}

/// One question with the answers recorded so far.
pub struct Answered {
    pub question: CypQuestionRow,
    pub answers: Vec<CypAnswer>,
}

#[derive(Template, WebTemplate)]
#[template(path = "meetings/cyp_answers.html")]
pub struct AnswersPage {
    page: Page,
    partnership: partnership_queries::Partnership,
    questions: Vec<Answered>,
}

pub async fn answers(
    ctx: Ctx,
    State(state): State<AppState>,
    Path(id): Path<i64>,
) -> Result<AnswersPage, AppError> {
    ctx.require(Action::ViewPartnership { partnership: id })?;
    let partnership = partnership_queries::get(&state.db, id).await?.ok_or(AppError::NotFound)?;
    let mut all = store::cyp_answers(&state.db, id).await?;
    let questions = store::cyp_questions(&state.db, id)
        .await?
        .into_iter()
        .map(|question| {
            let (mine, rest): (Vec<CypAnswer>, Vec<CypAnswer>) =
                all.drain(..).partition(|a| a.cyp_question_id == question.id);
            all = rest;
            Answered { question, answers: mine }
        })
        .collect();
    Ok(AnswersPage {
        page: ctx
            .page(format!("What organisations answered children and young people – {}", partnership.name)),
        partnership,
        questions,
    })
}
