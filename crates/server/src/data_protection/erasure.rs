//! Erasing a person on request: a confirmation page that says what is removed and
//! what stays, asks why, and refuses to erase the last platform admin (no one could
//! run the service afterwards). An admin may erase themselves while another remains;
//! their session ends with it.

use askama::Template;
use askama_web::WebTemplate;
use axum::Form;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;

use super::access;
use super::store::{self, Erasure, Person, Refusal};
use crate::web::AppState;
use crate::web::error::AppError;
use crate::web::forms::Errors;
use crate::web::page::{Ctx, Page};
use crate::web::path::Path;
use osa_core::retention::erased_name;

/// The longest reason kept, so the audit log holds a sentence or two, not a file.
const MAX_REASON_CHARS: usize = 1000;

#[derive(Default, Deserialize)]
pub struct EraseForm {
    #[serde(default)]
    reason: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "data_protection/erase.html")]
pub struct ErasePage {
    page: Page,
    person: Person,
    form: EraseForm,
    errors: Errors,
}

fn page(ctx: &Ctx, person: Person, form: EraseForm, errors: Errors) -> ErasePage {
    let title = format!("Erase {}", person.display_name);
    ErasePage { page: ctx.page(title), person, form, errors }
}

pub async fn confirm(
    ctx: Ctx,
    State(state): State<AppState>,
    Path(id): Path<i64>,
) -> Result<Response, AppError> {
    let (_, person) = access::person(&ctx, &state, id).await?;
    if person.erased_at.is_some() {
        return Ok(Redirect::to(&format!("/admin/users/{id}/personal-data")).into_response());
    }
    Ok(page(&ctx, person, EraseForm::default(), Errors::default()).into_response())
}

pub async fn erase(
    ctx: Ctx,
    State(state): State<AppState>,
    Path(id): Path<i64>,
    Form(form): Form<EraseForm>,
) -> Result<Response, AppError> {
    let (admin, person) = access::person(&ctx, &state, id).await?;
    let back = format!("/admin/users/{id}/personal-data");
    if person.erased_at.is_some() {
        return Ok(Redirect::to(&back).into_response());
    }
    let mut errors = Errors::default();
    let reason = form.reason.trim();
    if reason.is_empty() {
        errors.add("reason", "Enter why this person is being erased");
    } else if reason.chars().count() > MAX_REASON_CHARS {
        errors.add("reason", format!("The reason must be {MAX_REASON_CHARS} characters or fewer"));
    }
    if !errors.is_empty() {
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, page(&ctx, person, form, errors)).into_response());
    }
    let mut tx = state.db.begin().await?;
    let how = Erasure { actor: Some(admin.id), action: "erase_person", reason };
    match store::erase(&mut tx, id, &how).await? {
        Ok(()) => {
            tx.commit().await?;
            ctx.flash("success", format!("Erased: this person is now shown as {}", erased_name(id))).await?;
            Ok(Redirect::to(&back).into_response())
        }
        Err(Refusal::LastPlatformAdmin) => {
            tx.rollback().await?;
            errors.add(
                "reason",
                "This is the only platform admin: add another platform admin before erasing this person",
            );
            Ok((StatusCode::UNPROCESSABLE_ENTITY, page(&ctx, person, form, errors)).into_response())
        }
        Err(Refusal::AlreadyErased) => {
            tx.rollback().await?;
            Ok(Redirect::to(&back).into_response())
        }
        Err(Refusal::NotFound) => Err(AppError::NotFound),
    }
}
