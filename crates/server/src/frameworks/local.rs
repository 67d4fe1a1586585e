//! Local questions: a partnership's own questions (its priorities, learning from its
//! reviews) added on top of a shared framework, either inside one of its standards or
//! in a section of the partnership's own. They are kept apart from the framework,
//! which stays shared and unchanged, and belong to that partnership alone.

use askama::Template;
use askama_web::WebTemplate;
use axum::Form;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use sea_query::{Expr, ExprTrait, Order, Query};
use serde::Deserialize;
use serde_json::json;
use time::OffsetDateTime;

use super::store;
use crate::audit::{self, Change};
use crate::db::schema::LocalQuestions;
use crate::partnerships::store::{self as partnership_queries, Partnership};
use crate::web::AppState;
use crate::web::error::AppError;
use crate::web::forms::Errors;
use crate::web::page::{Ctx, Page};
use crate::web::path::Path;
use osa_core::access::Action;
use osa_core::framework::{AnswerType, Framework};

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct LocalQuestion {
    pub id: i64,
    pub framework_key: String,
    pub standard_code: Option<String>,
    pub local_standard_title: Option<String>,
    pub code: String,
    pub question: String,
    pub answer_type: String,
}

impl LocalQuestion {
    pub fn answer_label(&self) -> &'static str {
        AnswerType::from_code(&self.answer_type).map(AnswerType::label).unwrap_or("Unknown")
    }
}

/// Where a question may go: `key|code` for a framework's standard, `key|` for a section
/// of the partnership's own.
pub struct Placement {
    pub value: String,
    pub label: String,
}

fn placements(frameworks: &[Framework]) -> Vec<(String, Vec<Placement>)> {
    frameworks
        .iter()
        .map(|f| {
            let mut list: Vec<Placement> = f
                .standards
                .iter()
                .map(|s| Placement {
                    value: format!("{}|{}", f.key, s.code),
                    label: format!("{}. {}", s.code, s.title),
                })
                .collect();
            list.push(Placement {
                value: format!("{}|", f.key),
                label: "A section of the partnership's own".into(),
            });
            (f.name.clone(), list)
        })
        .collect()
}

#[derive(Default, Deserialize)]
pub struct LocalForm {
    #[serde(default)]
    placement: String,
    #[serde(default)]
    local_standard_title: String,
    #[serde(default)]
    question: String,
    #[serde(default)]
    guidance: String,
    #[serde(default)]
    answer_type: String,
    #[serde(default)]
    narrative_required: Option<String>,
    #[serde(default)]
    not_applicable: Option<String>,
}

#[derive(Template, WebTemplate)]
#[template(path = "frameworks/local.html")]
pub struct LocalPage {
    page: Page,
    partnership: Partnership,
    questions: Vec<LocalQuestion>,
    can_manage: bool,
    placements: Vec<(String, Vec<Placement>)>,
    answer_types: Vec<(&'static str, &'static str)>,
    form: LocalForm,
    errors: Errors,
}

async fn questions(state: &AppState, partnership: i64) -> Result<Vec<LocalQuestion>, sqlx::Error> {
    state
        .db
        .fetch_all(
            &Query::select()
                .columns([
                    LocalQuestions::Id,
                    LocalQuestions::FrameworkKey,
                    LocalQuestions::StandardCode,
                    LocalQuestions::LocalStandardTitle,
                    LocalQuestions::Code,
                    LocalQuestions::Question,
                    LocalQuestions::AnswerType,
                ])
                .from(LocalQuestions::Table)
                .and_where(Expr::col(LocalQuestions::PartnershipId).eq(partnership))
                .order_by(LocalQuestions::FrameworkKey, Order::Asc)
                .order_by(LocalQuestions::Id, Order::Asc)
                .limit(500)
                .to_owned(),
        )
        .await
}

async fn page(
    ctx: &Ctx,
    state: &AppState,
    id: i64,
    form: LocalForm,
    errors: Errors,
) -> Result<LocalPage, AppError> {
    let user = ctx.require(Action::ViewPartnership { partnership: id })?;
    let partnership = partnership_queries::get(&state.db, id).await?.ok_or(AppError::NotFound)?;
    let can_manage = user.principal.decide(Action::ManagePartnership { partnership: id }).is_allowed();
    let frameworks = store::latest_published(&state.db).await?;
    Ok(LocalPage {
        page: ctx.page(format!("Local questions – {}", partnership.name)),
        questions: questions(state, id).await?,
        partnership,
        can_manage,
        placements: placements(&frameworks),
        answer_types: AnswerType::ALL.iter().map(|a| (a.code(), a.label())).collect(),
        form,
        errors,
    })
}

pub async fn list(
    ctx: Ctx,
    State(state): State<AppState>,
    Path(id): Path<i64>,
) -> Result<LocalPage, AppError> {
    page(&ctx, &state, id, LocalForm::default(), Errors::default()).await
}

#[allow(clippy::too_many_lines, reason = "the local-question form: each check in order, then one write")]
pub async fn add(
    ctx: Ctx,
    State(state): State<AppState>,
    Path(id): Path<i64>,
    Form(form): Form<LocalForm>,
) -> Result<Response, AppError> {
    let actor = ctx.require(Action::ManagePartnership { partnership: id })?.id;
    let frameworks = store::latest_published(&state.db).await?;
    let mut errors = Errors::default();
    let (key, standard) = form.placement.split_once('|').unwrap_or(("", ""));
    let framework = frameworks.iter().find(|f| f.key == key);
    match framework {
        None => errors.add("placement", "Select where the question goes"),
        Some(f) if !standard.is_empty() && !f.standards.iter().any(|s| s.code == standard) => {
            errors.add("placement", "Select where the question goes")
        }
        _ => {}
    }
    let own_title = form.local_standard_title.trim();
    if standard.is_empty() && framework.is_some() && own_title.is_empty() {
        errors.add("local_standard_title", "Enter a title for the partnership's own section");
    }
    let question = form.question.trim();
    if question.is_empty() {
        errors.add("question", "Enter the question");
    } else if question.chars().count() > 1000 {
        errors.add("question", "Question must be 1,000 characters or fewer");
    }
    if form.guidance.chars().count() > 5000 {
        errors.add("guidance", "Guidance must be 5,000 characters or fewer");
    }
    let answer = AnswerType::from_code(&form.answer_type);
    if answer.is_none() {
        errors.add("answer_type", "Select how the question is answered");
    }
    let (Some(framework), Some(answer), true) = (framework, answer, errors.is_empty()) else {
        let page = page(&ctx, &state, id, form, errors).await?;
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response());
    };
    // The next number after the highest in use, so a removed question's code (which
    // its answers were kept under) is never given to a new one.
    let highest = questions(&state, id)
        .await?
        .into_iter()
        .filter(|q| q.framework_key == framework.key)
        .filter_map(|q| q.code.strip_prefix('L')?.parse::<u32>().ok())
        .max()
        .unwrap_or(0);
    let code = format!("L{}", highest + 1);
    let mut tx = state.db.begin().await?;
    let question_id = tx
        .insert_id(
            &Query::insert()
                .into_table(LocalQuestions::Table)
                .columns([
                    LocalQuestions::PartnershipId,
                    LocalQuestions::FrameworkKey,
                    LocalQuestions::StandardCode,
                    LocalQuestions::LocalStandardTitle,
                    LocalQuestions::Code,
                    LocalQuestions::Question,
                    LocalQuestions::Guidance,
                    LocalQuestions::AnswerType,
                    LocalQuestions::NotApplicable,
                    LocalQuestions::NarrativeRequired,
                    LocalQuestions::CreatedAt,
                    LocalQuestions::CreatedBy,
                ])
                .values_panic([
                    id.into(),
                    framework.key.as_str().into(),
                    (if standard.is_empty() { None } else { Some(standard.to_owned()) }).into(),
                    (if standard.is_empty() { Some(own_title.to_owned()) } else { None }).into(),
                    code.as_str().into(),
                    question.into(),
                    form.guidance.trim().into(),
                    answer.code().into(),
                    (answer == AnswerType::Rating && form.not_applicable.is_some()).into(),
                    form.narrative_required.is_some().into(),
                    OffsetDateTime::now_utc().into(),
                    actor.into(),
                ])
                .to_owned(),
        )
        .await?;
    audit::record(
        &mut tx,
        Change {
            actor: Some(actor),
            action: "create",
            entity: "local_question",
            entity_id: question_id.to_string(),
            before: None,
            after: Some(json!({ "partnership_id": id, "framework": framework.key, "code": code, "question": question })),
        },
    )
    .await?;
    tx.commit().await?;
    ctx.flash(
        "success",
        format!(
            "Local question {code} added to {}. Tick it on the change page of each open cycle that should ask it.",
            framework.name
        ),
    )
    .await?;
    Ok(Redirect::to(&format!("/partnerships/{id}/local-questions")).into_response())
}

pub async fn remove(
    ctx: Ctx,
    State(state): State<AppState>,
    Path((id, question)): Path<(i64, i64)>,
) -> Result<Redirect, AppError> {
    let actor = ctx.require(Action::ManagePartnership { partnership: id })?.id;
    let mut tx = state.db.begin().await?;
    // The partnership is part of the condition, so another partnership's question
    // cannot be removed through this one's page.
    let removed = tx
        .execute(
            &Query::delete()
                .from_table(LocalQuestions::Table)
                .and_where(Expr::col(LocalQuestions::Id).eq(question))
                .and_where(Expr::col(LocalQuestions::PartnershipId).eq(id))
                .to_owned(),
        )
        .await?;
    if removed == 0 {
        // A second click, or another tab: the question is already gone.
        ctx.flash("important", "That question had already been removed").await?;
        return Ok(Redirect::to(&format!("/partnerships/{id}/local-questions")));
    }
    // No cycle asks it any more; returns already signed off keep it in their snapshots
    // and the answers given stay with each assessment.
    crate::cycles::questions::forget(&mut tx, question).await?;
    audit::record(
        &mut tx,
        Change {
            actor: Some(actor),
            action: "delete",
            entity: "local_question",
            entity_id: question.to_string(),
            before: None,
            after: None,
        },
    )
    .await?;
    tx.commit().await?;
    ctx.flash("success", "Local question removed").await?;
    Ok(Redirect::to(&format!("/partnerships/{id}/local-questions")))
}
