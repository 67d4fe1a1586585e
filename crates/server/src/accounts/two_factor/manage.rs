//! A person's own two-factor settings: whether it is on, the recovery codes just made
//! (shown once), making new ones, and switching it off. Changes need a current code
//! from the app, counted by the throttle, so a browser left signed in is not enough
//! to take two-factor away or to read new recovery codes.

use askama::Template;
use askama_web::WebTemplate;
use axum::Form;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;
use time::OffsetDateTime;

use super::set_up::{FreshCodes, SESSION_FRESH_CODES};
use super::{codes, must_set_up, refusal, store, verify_app_code};
use crate::accounts::access::own_sign_in;
use crate::accounts::attempts::{self, CodeAttempt};
use crate::web::AppState;
use crate::web::client::ClientAddress;
use crate::web::error::AppError;
use crate::web::forms::Errors;
use crate::web::page::{Ctx, Page, SignedIn};
use osa_core::two_factor::{grouped, normalise_code};

#[derive(Template, WebTemplate)]
#[template(path = "accounts/two_factor/manage.html")]
pub struct ManagePage {
    page: Page,
    enabled_at: Option<OffsetDateTime>,
    unused_codes: i64,
    /// The deployment's rule makes this person keep two-factor on.
    required: bool,
    errors: Errors,
}

async fn render(ctx: &Ctx, state: &AppState, user: &SignedIn, errors: Errors) -> Result<Response, AppError> {
    let enrolment = store::enrolment(&state.db, user.id).await?;
    let unused_codes =
        if enrolment.is_some() { store::unused_recovery_codes(&state.db, user.id).await? } else { 0 };
    let page = ManagePage {
        page: ctx.page("Two-factor sign-in"),
        enabled_at: enrolment.map(|e| e.enabled_at),
        unused_codes,
        required: must_set_up(state, user.id).await?,
        errors: errors.clone(),
    };
    let status = if errors.is_empty() { StatusCode::OK } else { StatusCode::UNPROCESSABLE_ENTITY };
    Ok((status, page).into_response())
}

pub async fn show(ctx: Ctx, State(state): State<AppState>) -> Result<Response, AppError> {
    let user = own_sign_in(&ctx)?.clone();
    render(&ctx, &state, &user, Errors::default()).await
}

#[derive(Template, WebTemplate)]
#[template(path = "accounts/two_factor/recovery_codes.html")]
pub struct RecoveryCodesPage {
    page: Page,
    codes: Vec<String>,
    next: String,
}

/// The recovery codes made a moment ago, once: they are taken out of the session as
/// they are shown, and only their hashes are kept.
pub async fn fresh_codes(ctx: Ctx) -> Result<Response, AppError> {
    own_sign_in(&ctx)?;
    let Some(fresh) = ctx.session.remove::<FreshCodes>(SESSION_FRESH_CODES).await? else {
        return Ok(Redirect::to("/account/two-factor").into_response());
    };
    Ok(RecoveryCodesPage {
        page: ctx.page("Your recovery codes"),
        codes: fresh.codes.iter().map(|c| grouped(c)).collect(),
        next: fresh.next,
    }
    .into_response())
}

#[derive(Deserialize)]
pub struct CodeForm {
    #[serde(default)]
    code: String,
}

/// Checks the current code for a change to the person's own settings: `None` when it
/// is right, or the page to show again with the error on `field`.
async fn current_code(
    ctx: &Ctx,
    state: &AppState,
    user: &SignedIn,
    address: &str,
    field: &'static str,
    typed: &str,
) -> Result<Option<Response>, AppError> {
    let mut errors = Errors::default();
    let Some(code) = normalise_code(typed) else {
        errors.add(field, "Enter the 6-digit code your app shows now");
        return Ok(Some(render(ctx, state, user, errors).await?));
    };
    let attempt =
        attempts::check_code(state, &user.email, address, verify_app_code(state, user.id, &code)).await?;
    let Some(message) = refusal(&attempt) else { return Ok(None) };
    errors.add(field, message);
    let mut page = render(ctx, state, user, errors).await?;
    if matches!(attempt, CodeAttempt::Throttled { .. }) {
        *page.status_mut() = StatusCode::TOO_MANY_REQUESTS;
    }
    Ok(Some(page))
}

pub async fn new_recovery_codes(
    ctx: Ctx,
    State(state): State<AppState>,
    ClientAddress(address): ClientAddress,
    Form(form): Form<CodeForm>,
) -> Result<Response, AppError> {
    let user = own_sign_in(&ctx)?.clone();
    if !store::is_on(&state.db, user.id).await? {
        return Ok(Redirect::to("/account/two-factor").into_response());
    }
    if let Some(refused) = current_code(&ctx, &state, &user, &address, "renew-code", &form.code).await? {
        return Ok(refused);
    }
    let fresh = codes::new_recovery_codes();
    let hashes: Vec<String> = fresh.iter().map(|c| codes::hash_recovery_code(c)).collect();
    let mut tx = state.db.begin().await?;
    store::replace_recovery_codes(&mut tx, user.id, &hashes).await?;
    store::record_new_recovery_codes(&mut tx, user.id).await?;
    tx.commit().await?;
    ctx.session
        .insert(SESSION_FRESH_CODES, FreshCodes { codes: fresh, next: "/account/two-factor".into() })
        .await?;
    Ok(Redirect::to("/account/two-factor/recovery-codes").into_response())
}

pub async fn switch_off(
    ctx: Ctx,
    State(state): State<AppState>,
    ClientAddress(address): ClientAddress,
    Form(form): Form<CodeForm>,
) -> Result<Response, AppError> {
    let user = own_sign_in(&ctx)?.clone();
    if !store::is_on(&state.db, user.id).await? {
        return Ok(Redirect::to("/account/two-factor").into_response());
    }
    if must_set_up(&state, user.id).await? {
        let mut errors = Errors::default();
        errors.add(
            "off-code",
            "Your role needs two-factor sign-in on this service, so it cannot be turned off",
        );
        return render(&ctx, &state, &user, errors).await;
    }
    if let Some(refused) = current_code(&ctx, &state, &user, &address, "off-code", &form.code).await? {
        return Ok(refused);
    }
    let mut tx = state.db.begin().await?;
    store::switch_off(&mut tx, user.id, user.id, None).await?;
    tx.commit().await?;
    tracing::info!(user_id = user.id, "two-factor switched off");
    ctx.flash("success", "Two-factor sign-in is off. You will sign in with your password only.").await?;
    Ok(Redirect::to("/account/two-factor").into_response())
}
