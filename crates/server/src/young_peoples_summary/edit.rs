//! The summary's edit page: one plain form with each section's words, every question
//! from children and young people the partnership keeps (tick to include it, with the
//! organisations' answers in this cycle to read while writing what they said), and
//! every partnership action of the cycle (tick to include it, with the words for
//! children). Saving checks it with `osa_core::young_peoples_summary::validate`.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum_extra::extract::Form;
use time::OffsetDateTime;

use super::access::{self, Loaded};
use super::sources::{self, CycleAnswer, Sources, today};
use super::store;
use crate::web::AppState;
use crate::web::error::AppError;
use crate::web::page::{Ctx, Page};
use crate::web::path::Path;
use osa_core::young_peoples_summary::{
    ChangePart, MAX_PARTS, QuestionPart, Summary, default_answer, default_change, validate,
};

/// Errors keyed by field id, like `web::forms::Errors` but with ids made per question
/// and action (`answer-12`), which the shared type's static ids cannot hold.
#[derive(Debug, Default, Clone)]
pub struct FieldErrors(pub Vec<(String, String)>);

impl FieldErrors {
    pub fn get(&self, field: &str) -> Option<&str> {
        self.0.iter().find(|(f, _)| f == field).map(|(_, m)| m.as_str())
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn iter(&self) -> impl Iterator<Item = &(String, String)> {
        self.0.iter()
    }
}

/// A question from children and young people as the form offers it.
pub struct QuestionRow {
    pub id: i64,
    pub question: String,
    pub included: bool,
    pub answer: String,
    pub answers: Vec<CycleAnswer>,
}

/// A partnership action as the form offers it.
pub struct ActionRow {
    pub id: i64,
    pub title: String,
    pub target: String,
    pub status: &'static str,
    pub included: bool,
    pub what: String,
    pub words: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "young_peoples_summary/edit.html")]
pub struct EditPage {
    page: Page,
    cycle_id: i64,
    cycle_name: String,
    summary: Summary,
    questions: Vec<QuestionRow>,
    actions: Vec<ActionRow>,
    revision: i64,
    max_parts: usize,
    errors: FieldErrors,
}

impl EditPage {
    /// The form for `summary` (saved or as posted): the questions and actions it holds
    /// are ticked with its words; the others are offered with osa's default words.
    fn build(
        ctx: &Ctx,
        loaded: &Loaded,
        sources: Sources,
        summary: Summary,
        revision: i64,
        errors: FieldErrors,
    ) -> EditPage {
        let questions = sources
            .questions
            .into_iter()
            .map(|a| {
                let chosen = summary.questions.iter().find(|q| q.question_id == a.question.id);
                QuestionRow {
                    id: a.question.id,
                    question: a.question.question.clone(),
                    included: chosen.is_some(),
                    answer: chosen
                        .map(|q| q.answer.clone())
                        .unwrap_or_else(|| default_answer(a.answers.len())),
                    answers: a.answers,
                }
            })
            .collect();
        let actions = sources
            .actions
            .iter()
            .map(|a| {
                let chosen = summary.changes.iter().find(|c| c.action_id == a.id);
                ActionRow {
                    id: a.id,
                    title: a.title.clone(),
                    target: crate::web::format::date(a.target_date),
                    status: a.status().label(),
                    included: chosen.is_some(),
                    what: chosen.map(|c| c.what.clone()).unwrap_or_else(|| a.title.clone()),
                    words: chosen
                        .map(|c| c.words.clone())
                        .unwrap_or_else(|| default_change(&Sources::action_input(a))),
                }
            })
            .collect();
        EditPage {
            page: ctx.page(format!("Change the child-friendly summary – {}", loaded.cycle.cycle.name)),
            cycle_id: loaded.cycle.cycle.id,
            cycle_name: loaded.cycle.cycle.name.clone(),
            summary,
            questions,
            actions,
            revision,
            max_parts: MAX_PARTS,
            errors,
        }
    }
}

async fn read_sources(state: &AppState, loaded: &Loaded) -> Result<Sources, AppError> {
    let p = &loaded.partnership;
    Ok(sources::read(&state.db, &loaded.cycle.cycle, (p.0, &p.1), &loaded.members(), today()).await?)
}

fn summary_page(cycle: i64) -> Response {
    Redirect::to(&format!("/cycles/{cycle}/young-peoples-summary")).into_response()
}

pub async fn edit_form(
    ctx: Ctx,
    State(state): State<AppState>,
    Path(id): Path<i64>,
) -> Result<Response, AppError> {
    let loaded = access::load(&ctx, &state, id, true).await?;
    let Some(row) = &loaded.summary else { return Ok(summary_page(id)) };
    let (summary, revision) = (row.draft()?, row.revision);
    let sources = read_sources(&state, &loaded).await?;
    Ok(EditPage::build(&ctx, &loaded, sources, summary, revision, FieldErrors::default()).into_response())
}

/// The summary as posted: the offered questions and actions that are ticked, in the
/// order the form offers them, each with its words.
fn posted_summary(posted: &[(String, String)], sources: &Sources) -> Summary {
    let get = |k: &str| posted.iter().find(|(n, _)| n == k).map(|(_, v)| v.clone()).unwrap_or_default();
    let ticked = |name: &str, id: i64| posted.iter().any(|(n, v)| n == name && v.trim() == id.to_string());
    Summary {
        title: get("title"),
        intro: get("intro"),
        asked: get("asked"),
        told: get("told"),
        questions: sources
            .questions
            .iter()
            .filter(|a| ticked("question", a.question.id))
            .map(|a| QuestionPart {
                question_id: a.question.id,
                question: a.question.question.clone(),
                answer: get(&format!("answer-{}", a.question.id)),
            })
            .collect(),
        changes: sources
            .actions
            .iter()
            .filter(|a| ticked("action", a.id))
            .map(|a| ChangePart {
                action_id: a.id,
                what: get(&format!("what-{}", a.id)),
                words: get(&format!("words-{}", a.id)),
            })
            .collect(),
        closing: get("closing"),
    }
}

pub async fn update(
    ctx: Ctx,
    State(state): State<AppState>,
    Path(id): Path<i64>,
    Form(posted): Form<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    let loaded = access::load(&ctx, &state, id, true).await?;
    let Some(row) = loaded.summary.clone() else { return Ok(summary_page(id)) };
    let actor = ctx.user()?.id;
    let sources = read_sources(&state, &loaded).await?;
    let summary = posted_summary(&posted, &sources);
    let revision =
        posted.iter().find(|(n, _)| n == "revision").and_then(|(_, v)| v.trim().parse::<i64>().ok());
    match validate(&summary) {
        Ok(valid) => {
            // A form filled in from an older revision would undo a colleague's words.
            let saved = revision == Some(row.revision)
                && store::save_draft(&state.db, actor, &row, &valid, OffsetDateTime::now_utc()).await?;
            if saved {
                ctx.flash("success", "Summary saved. Publish it again for the changes to show publicly.")
                    .await?;
                Ok(summary_page(id))
            } else {
                let errors = FieldErrors(vec![(
                    "title".into(),
                    "Someone changed the summary while you were writing. Your words are below: check the \
                     saved summary on its page, then save again."
                        .into(),
                )]);
                let page = EditPage::build(&ctx, &loaded, sources, summary, row.revision, errors);
                Ok((StatusCode::CONFLICT, page).into_response())
            }
        }
        Err(list) => {
            let page = EditPage::build(
                &ctx,
                &loaded,
                sources,
                summary,
                revision.unwrap_or(row.revision),
                FieldErrors(list),
            );
            Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response())
        }
    }
}
