//! Changing your password while signed in. The current password is asked for first
//! (through the same throttle as signing in, so this page cannot be used to guess it),
//! and the change signs the person out of every other browser.

use askama::Template;
use askama_web::WebTemplate;
use axum::Form;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;

use super::attempts::{self, Attempt};
use super::{password, store};
use crate::web::AppState;
use crate::web::client::ClientAddress;
use crate::web::error::AppError;
use crate::web::forms::Errors;
use crate::web::page::{Ctx, Page};
use osa_core::values::NewPassword;

#[derive(Template, WebTemplate)]
#[template(path = "accounts/change_password.html")]
pub struct ChangePasswordPage {
    page: Page,
    errors: Errors,
}

pub async fn form(ctx: Ctx) -> Result<ChangePasswordPage, AppError> {
    ctx.user()?;
    Ok(ChangePasswordPage { page: ctx.page("Change your password"), errors: Errors::default() })
}

#[derive(Deserialize)]
pub struct ChangePasswordForm {
    #[serde(default)]
    current: String,
    #[serde(default)]
    password: String,
    #[serde(default)]
    confirm: String,
}

pub async fn submit(
    ctx: Ctx,
    State(state): State<AppState>,
    ClientAddress(address): ClientAddress,
    Form(form): Form<ChangePasswordForm>,
) -> Result<Response, AppError> {
    let user = ctx.user()?.clone();
    let retry = |errors: Errors, status: StatusCode| {
        (status, ChangePasswordPage { page: ctx.page("Change your password"), errors }).into_response()
    };
    let mut errors = Errors::default();
    if form.current.is_empty() {
        errors.add("current", "Enter your current password");
    }
    let new_password = match NewPassword::parse(&form.password, &form.confirm) {
        Ok(p) => Some(p),
        Err(err) => {
            let field = if err.0 == "Passwords do not match" { "confirm" } else { "password" };
            errors.add(field, err.0);
            None
        }
    };
    let Some(new_password) = new_password.filter(|_| errors.is_empty()) else {
        return Ok(retry(errors, StatusCode::UNPROCESSABLE_ENTITY));
    };
    match attempts::check(&state, &user.email, &address, &form.current).await? {
        Attempt::Throttled { minutes } => {
            let unit = if minutes == 1 { "minute" } else { "minutes" };
            errors.add(
                "current",
                format!("Too many wrong passwords have been tried. Wait {minutes} {unit} and try again."),
            );
            return Ok(retry(errors, StatusCode::TOO_MANY_REQUESTS));
        }
        Attempt::Wrong => {
            errors.add("current", "Your current password is not right. Check it and try again.");
            return Ok(retry(errors, StatusCode::UNPROCESSABLE_ENTITY));
        }
        Attempt::Right(_) => {
            // Signed in already (past any second factor), so the right password
            // clears the failures here even for someone with two-factor on.
            store::clear_failures(&state.db, &user.email).await?;
        }
    }
    let hash = password::hash(new_password.expose().to_owned()).await?;
    let mut tx = state.db.begin().await?;
    store::set_password(&mut tx, user.id, hash, ctx.session.id()).await?;
    tx.commit().await?;
    tracing::info!(user_id = user.id, "password changed; other sessions ended");
    ctx.flash("success", "Your password has been changed. You have been signed out on every other device.")
        .await?;
    Ok(Redirect::to("/home").into_response())
}
