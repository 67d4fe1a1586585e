//! The preview of what an upload would change, and the confirmation that applies it.
//! Both work the plan out again from the kept rows and the answers as they stand, so
//! the preview is never trusted: a confirmation applies exactly what the person saw,
//! or nothing.

use std::collections::{HashMap, HashSet};

use askama::Template;
use askama_web::WebTemplate;
use axum::Form;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;
use serde_json::json;

use super::pages::{check, load_for_upload};
use super::store;
use crate::assessments::access::Loaded;
use crate::assessments::form::describe;
use crate::assessments::store::{self as answers_store, Change, SaveOutcome, Saved, fingerprint};
use crate::audit;
use crate::web::AppState;
use crate::web::error::AppError;
use crate::web::page::{Ctx, Page};
use crate::web::path::Path;
use osa_core::assessment::Answer;
use osa_core::assessment::workbook::{Plan, Problem};
use osa_core::framework::{Criterion, Standard};

/// One field of a criterion that the upload changes.
pub struct FieldChange {
    pub field: &'static str,
    pub before: String,
    pub after: String,
}

pub struct ChangeView {
    pub code: String,
    pub question: String,
    pub row: u32,
    pub fields: Vec<FieldChange>,
}

pub struct ConflictView {
    pub code: String,
    pub standard: String,
    pub question: String,
    pub row: u32,
    pub workbook: Vec<(&'static str, String)>,
    pub online: Vec<(&'static str, String)>,
    pub by: String,
    pub at: String,
}

fn written(text: &str) -> String {
    if text.is_empty() { "Not written".to_owned() } else { text.to_owned() }
}

fn fields(c: &Criterion, a: &Answer) -> Vec<(&'static str, String)> {
    vec![
        ("Answer", describe(c, a)),
        ("Narrative evidence", written(&a.narrative)),
        ("Improvement action", written(&a.improvement_action)),
    ]
}

fn change_view(c: &Criterion, row: u32, before: Option<&Answer>, after: &Answer) -> ChangeView {
    let empty = Answer::default();
    let before = fields(c, before.unwrap_or(&empty));
    let fields = before
        .into_iter()
        .zip(fields(c, after))
        .filter(|((_, b), (_, a))| b != a)
        .map(|((field, before), (_, after))| FieldChange { field, before, after })
        .collect();
    ChangeView { code: c.code.clone(), question: c.question.clone(), row, fields }
}

#[derive(Template, WebTemplate)]
#[template(path = "workbook/preview.html")]
pub struct PreviewPage {
    page: Page,
    id: i64,
    upload: i64,
    file_name: String,
    changes: Vec<ChangeView>,
    conflicts: Vec<ConflictView>,
    problems: Vec<String>,
    digest: String,
}

/// A short digest of a plan, put in the confirmation form: if the plan worked out
/// again on confirmation differs from the one the person saw, nothing is applied.
fn digest(plan: &Plan) -> String {
    use sha2::{Digest, Sha256};
    let mut hash = Sha256::new();
    for c in &plan.changes {
        let before = c.before.as_ref().map(fingerprint).unwrap_or_default();
        hash.update(format!("{}|{}|{}|{}\n", c.code, c.based_on, before, fingerprint(&c.after)));
    }
    for c in &plan.conflicts {
        hash.update(format!("conflict|{}|{}\n", c.code, fingerprint(&c.online)));
    }
    hash.finalize().iter().take(16).map(|b| format!("{b:02x}")).collect()
}

fn preview_page(
    ctx: &Ctx,
    loaded: &Loaded,
    pending: &store::Pending,
    saved: &HashMap<String, Saved>,
    checked: Result<Plan, Vec<Problem>>,
) -> PreviewPage {
    let f = &loaded.framework.framework;
    let (plan, problems) = match checked {
        Ok(plan) => (plan, Vec::new()),
        Err(problems) => (Plan::default(), problems.iter().map(ToString::to_string).collect()),
    };
    let changes = plan
        .changes
        .iter()
        .filter_map(|c| {
            f.find(&c.code).map(|(_, crit)| change_view(crit, c.row, c.before.as_ref(), &c.after))
        })
        .collect();
    let conflicts = plan
        .conflicts
        .iter()
        .filter_map(|c| {
            let (standard, crit) = f.find(&c.code)?;
            let online = saved.get(&c.code);
            Some(ConflictView {
                code: c.code.clone(),
                standard: standard.code.clone(),
                question: crit.question.clone(),
                row: c.row,
                workbook: fields(crit, &c.workbook),
                online: fields(crit, &c.online),
                by: online.and_then(|s| s.updated_by.clone()).unwrap_or_else(|| "someone".into()),
                at: online.map(|s| crate::web::format::datetime(s.updated_at)).unwrap_or_default(),
            })
        })
        .collect();
    PreviewPage {
        page: ctx.page("Check the changes from your workbook"),
        id: loaded.assessment.id,
        upload: pending.id,
        file_name: pending.file_name.clone(),
        digest: digest(&plan),
        changes,
        conflicts,
        problems,
    }
}

async fn find_pending(ctx: &Ctx, state: &AppState, id: i64, upload: i64) -> Result<store::Pending, AppError> {
    store::find(&state.db, upload, id, ctx.user()?.id).await?.ok_or(AppError::NotFound)
}

pub async fn preview(
    ctx: Ctx,
    State(state): State<AppState>,
    Path((id, upload)): Path<(i64, i64)>,
) -> Result<Response, AppError> {
    let (loaded, rights) = load_for_upload(&ctx, &state, id).await?;
    let pending = find_pending(&ctx, &state, id, upload).await?;
    let saved = answers_store::answers(&state.db, id).await?;
    let checked = check(&loaded, &rights, &saved, &pending.rows);
    let status = if checked.is_ok() { StatusCode::OK } else { StatusCode::UNPROCESSABLE_ENTITY };
    Ok((status, preview_page(&ctx, &loaded, &pending, &saved, checked)).into_response())
}

#[derive(Deserialize)]
pub struct ConfirmForm {
    #[serde(default)]
    digest: String,
}

pub async fn confirm(
    ctx: Ctx,
    State(state): State<AppState>,
    Path((id, upload)): Path<(i64, i64)>,
    Form(form): Form<ConfirmForm>,
) -> Result<Response, AppError> {
    let (loaded, rights) = load_for_upload(&ctx, &state, id).await?;
    let pending = find_pending(&ctx, &state, id, upload).await?;
    let actor = ctx.user()?.id;
    let saved = answers_store::answers(&state.db, id).await?;
    // Everything is checked again: rights, values and versions as they stand now.
    let plan = match check(&loaded, &rights, &saved, &pending.rows) {
        Ok(plan) => plan,
        Err(problems) => {
            let page = preview_page(&ctx, &loaded, &pending, &saved, Err(problems));
            return Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response());
        }
    };
    let again = format!("/assessments/{id}/workbook/{upload}");
    if digest(&plan) != form.digest {
        ctx.flash("important", "Answers were saved online since you checked the changes. Check them again")
            .await?;
        return Ok(Redirect::to(&again).into_response());
    }
    let f = &loaded.framework.framework;
    let touched: HashSet<&str> = plan.changes.iter().map(|c| c.standard.as_str()).collect();
    let standards: Vec<&Standard> =
        f.standards.iter().filter(|s| touched.contains(s.code.as_str())).collect();
    let changes: Vec<Change> = plan
        .changes
        .iter()
        .map(|c| Change { code: c.code.clone(), answer: c.after.clone(), based_on: c.based_on })
        .collect();
    let mut tx = state.db.begin().await?;
    let permit = rights.permit(&loaded, &standards)?;
    match answers_store::save_answers(&mut tx, permit, &standards, changes).await? {
        SaveOutcome::Conflict { .. } => {
            drop(tx);
            ctx.flash("important", "Answers were saved online while you confirmed. Check the changes again")
                .await?;
            return Ok(Redirect::to(&again).into_response());
        }
        SaveOutcome::Saved { .. } => {}
    }
    store::discard(&mut tx, pending.id).await?;
    let changed: Vec<&str> = plan.changes.iter().map(|c| c.code.as_str()).collect();
    let kept: Vec<&str> = plan.conflicts.iter().map(|c| c.code.as_str()).collect();
    audit::record(
        &mut tx,
        audit::Change {
            actor: Some(actor),
            action: "workbook_upload",
            entity: "assessment",
            entity_id: id.to_string(),
            before: None,
            after: Some(json!({ "file": pending.file_name, "changed": changed, "not_applied": kept })),
        },
    )
    .await?;
    tx.commit().await?;
    let mut message = match changed.len() {
        0 => "Nothing was changed".to_owned(),
        1 => "Saved 1 answer from the workbook".to_owned(),
        n => format!("Saved {n} answers from the workbook"),
    };
    if !kept.is_empty() {
        message.push_str(&format!(". Not applied, because they were changed online: {}", kept.join(", ")));
    }
    ctx.flash("success", message).await?;
    Ok(Redirect::to(&format!("/assessments/{id}")).into_response())
}
