//! Signing in and out. Attempts are counted per account and per client address and
//! throttled by the rule in `osa_core::throttle` (see `attempts` for the order that
//! makes the limit hold under concurrent guesses); the session id is rotated at
//! sign-in so a session fixed before sign-in is worthless after it. A person with
//! two-factor sign-in is signed in only after their code (`two_factor`).

use askama::Template;
use askama_web::WebTemplate;
use axum::Form;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;

use super::attempts::{self, Attempt};
use super::two_factor::{self, AfterPassword};
use super::{safe_next, store};
use crate::web::AppState;
use crate::web::client::ClientAddress;
use crate::web::error::AppError;
use crate::web::forms::Errors;
use crate::web::page::{Ctx, Page};

#[derive(Template, WebTemplate)]
#[template(path = "accounts/sign_in.html")]
pub struct SignInPage {
    page: Page,
    email: String,
    next: String,
    errors: Errors,
}

#[derive(Deserialize)]
pub struct NextParam {
    next: Option<String>,
}

pub async fn show(mut ctx: Ctx, Query(q): Query<NextParam>) -> Result<Response, AppError> {
    if ctx.user.is_some() {
        return Ok(Redirect::to(&safe_next(q.next.as_deref())).into_response());
    }
    ctx.ensure_csrf().await?;
    Ok(SignInPage {
        page: ctx.page("Sign in"),
        email: String::new(),
        next: safe_next(q.next.as_deref()),
        errors: Errors::default(),
    }
    .into_response())
}

#[derive(Deserialize)]
pub struct SignInForm {
    #[serde(default)]
    email: String,
    #[serde(default)]
    password: String,
    next: Option<String>,
}

pub async fn submit(
    ctx: Ctx,
    State(state): State<AppState>,
    ClientAddress(address): ClientAddress,
    Form(form): Form<SignInForm>,
) -> Result<Response, AppError> {
    let next = safe_next(form.next.as_deref());
    let email = form.email.trim().to_lowercase();
    let retry = |errors: Errors, status: StatusCode| {
        let page =
            SignInPage { page: ctx.page("Sign in"), email: form.email.clone(), next: next.clone(), errors };
        (status, page).into_response()
    };
    let mut errors = Errors::default();
    if email.is_empty() {
        errors.add("email", "Enter your email address");
    }
    if form.password.is_empty() {
        errors.add("password", "Enter your password");
    }
    if !errors.is_empty() {
        return Ok(retry(errors, StatusCode::UNPROCESSABLE_ENTITY));
    }

    let user = match attempts::check(&state, &email, &address, &form.password).await? {
        Attempt::Throttled { minutes } => {
            errors.add("email", attempts::wait_message(minutes));
            return Ok(retry(errors, StatusCode::TOO_MANY_REQUESTS));
        }
        Attempt::Wrong => {
            errors.add("email", "Enter a correct email address and password");
            return Ok(retry(errors, StatusCode::UNPROCESSABLE_ENTITY));
        }
        Attempt::Right(user) => user,
    };

    let outcome = two_factor::after_password(&ctx, &state, &user, &next).await?;
    if matches!(outcome, AfterPassword::SignedIn) {
        store::record_sign_in(&state.db, user.id).await?;
        tracing::info!(user_id = user.id, "signed in");
    }
    Ok(Redirect::to(&outcome.location(&next)).into_response())
}

pub async fn sign_out(ctx: Ctx) -> Result<Redirect, AppError> {
    ctx.session.flush().await?;
    Ok(Redirect::to("/"))
}
