//! One person's record for platform admins: who they are, and their two-factor
//! sign-in, which a platform admin can reset (with a reason, audited) when the person
//! has lost their device and their recovery codes.

use askama::Template;
use askama_web::WebTemplate;
use axum::Form;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;
use time::OffsetDateTime;

use super::access::person;
use crate::accounts::store::UserRow;
use crate::accounts::two_factor::store as two_factor_store;
use crate::web::AppState;
use crate::web::error::AppError;
use crate::web::forms::Errors;
use crate::web::page::{Ctx, Page};
use crate::web::path::Path;
use osa_core::access::Action;

#[derive(Template, WebTemplate)]
#[template(path = "users/record.html")]
pub struct RecordPage {
    page: Page,
    person: UserRow,
    two_factor_since: Option<OffsetDateTime>,
}

pub async fn show(
    ctx: Ctx,
    State(state): State<AppState>,
    Path(id): Path<i64>,
) -> Result<Response, AppError> {
    let (_, person) = person(&ctx, &state.db, id, Action::AdministerPlatform).await?;
    let two_factor_since = two_factor_store::enrolment(&state.db, person.id).await?.map(|e| e.enabled_at);
    let title = person.display_name.clone();
    Ok(RecordPage { page: ctx.page(title), person, two_factor_since }.into_response())
}

#[derive(Template, WebTemplate)]
#[template(path = "users/reset_two_factor.html")]
pub struct ResetPage {
    page: Page,
    person: UserRow,
    reason: String,
    errors: Errors,
}

pub async fn reset_form(
    ctx: Ctx,
    State(state): State<AppState>,
    Path(id): Path<i64>,
) -> Result<Response, AppError> {
    let (_, person) = person(&ctx, &state.db, id, Action::ResetTwoFactor).await?;
    if !two_factor_store::is_on(&state.db, person.id).await? {
        return Ok(Redirect::to(&format!("/admin/users/{}", person.id)).into_response());
    }
    let page = ctx.page("Reset two-factor sign-in");
    Ok(ResetPage { page, person, reason: String::new(), errors: Errors::default() }.into_response())
}

#[derive(Deserialize)]
pub struct ResetForm {
    #[serde(default)]
    reason: String,
}

pub async fn reset(
    ctx: Ctx,
    State(state): State<AppState>,
    Path(id): Path<i64>,
    Form(form): Form<ResetForm>,
) -> Result<Response, AppError> {
    let (admin, person) = person(&ctx, &state.db, id, Action::ResetTwoFactor).await?;
    let record = format!("/admin/users/{}", person.id);
    let reason = form.reason.trim();
    if reason.is_empty() {
        let mut errors = Errors::default();
        errors.add("reason", "Enter why you are resetting this person's two-factor sign-in");
        let page =
            ResetPage { page: ctx.page("Reset two-factor sign-in"), person, reason: form.reason, errors };
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response());
    }
    if !two_factor_store::is_on(&state.db, person.id).await? {
        ctx.flash("important", format!("{} does not have two-factor sign-in on", person.display_name))
            .await?;
        return Ok(Redirect::to(&record).into_response());
    }
    let mut tx = state.db.begin().await?;
    two_factor_store::switch_off(&mut tx, admin.id, person.id, Some(reason)).await?;
    // Whoever holds a session of theirs now was let in by the factor being reset, so
    // every one ends: the person signs in afresh, and sets two-factor up again.
    crate::web::session_store::end_sessions_of(&mut tx, person.id, None).await?;
    tx.commit().await?;
    tracing::info!(user_id = person.id, by = admin.id, "two-factor reset");
    ctx.flash("success", format!("Two-factor sign-in reset for {}", person.display_name)).await?;
    Ok(Redirect::to(&record).into_response())
}
