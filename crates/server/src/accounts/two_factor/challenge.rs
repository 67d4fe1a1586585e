//! The sign-in step after the password: the code from the person's app, or one of
//! their recovery codes. Every code is counted by the same throttle as passwords.

use askama::Template;
use askama_web::WebTemplate;
use axum::Form;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;

use super::{Pending, codes, finish, pending, refusal, store, verify_app_code};
use crate::accounts::attempts::{self, CodeAttempt, Verdict};
use crate::accounts::store as account_store;
use crate::web::AppState;
use crate::web::client::ClientAddress;
use crate::web::error::AppError;
use crate::web::forms::Errors;
use crate::web::page::{Ctx, Page};
use osa_core::two_factor::{normalise_code, normalise_recovery_code};

#[derive(Template, WebTemplate)]
#[template(path = "accounts/two_factor/challenge.html")]
pub struct ChallengePage {
    page: Page,
    code: String,
    errors: Errors,
}

#[derive(Template, WebTemplate)]
#[template(path = "accounts/two_factor/sign_in_again.html")]
pub struct SignInAgainPage {
    page: Page,
}

/// The answer when there is no fresh "password passed" state: it ended (ten
/// minutes), or this browser never gave a password.
pub fn sign_in_again(ctx: &Ctx) -> Response {
    (StatusCode::GONE, SignInAgainPage { page: ctx.page("Sign in again") }).into_response()
}

/// The pending sign-in this step belongs to, or the page to show instead.
async fn waiting_for_code(ctx: &Ctx) -> Result<Result<Pending, Response>, AppError> {
    if ctx.user.is_some() {
        return Ok(Err(Redirect::to("/home").into_response()));
    }
    Ok(match pending(ctx).await? {
        Some(p) if p.set_up => Err(Redirect::to("/sign-in/two-factor/set-up").into_response()),
        Some(p) => Ok(p),
        None => Err(sign_in_again(ctx)),
    })
}

pub async fn show(ctx: Ctx) -> Result<Response, AppError> {
    if let Err(elsewhere) = waiting_for_code(&ctx).await? {
        return Ok(elsewhere);
    }
    Ok(ChallengePage {
        page: ctx.page("Enter your security code"),
        code: String::new(),
        errors: Errors::default(),
    }
    .into_response())
}

#[derive(Deserialize)]
pub struct CodeForm {
    #[serde(default)]
    code: String,
}

pub async fn submit(
    ctx: Ctx,
    State(state): State<AppState>,
    ClientAddress(address): ClientAddress,
    Form(form): Form<CodeForm>,
) -> Result<Response, AppError> {
    let pending = match waiting_for_code(&ctx).await? {
        Ok(p) => p,
        Err(elsewhere) => return Ok(elsewhere),
    };
    let retry = |message: String, status: StatusCode| {
        let mut errors = Errors::default();
        errors.add("code", message);
        let page =
            ChallengePage { page: ctx.page("Enter your security code"), code: form.code.clone(), errors };
        (status, page).into_response()
    };
    let app_code = normalise_code(&form.code);
    let recovery_code = normalise_recovery_code(&form.code);
    if form.code.trim().is_empty() {
        return Ok(retry(
            "Enter the 6-digit code from your app, or a recovery code".into(),
            StatusCode::UNPROCESSABLE_ENTITY,
        ));
    }
    if app_code.is_none() && recovery_code.is_none() {
        // Not counted: something that cannot be a code tests nothing.
        return Ok(retry(
            "Enter the 6 digits your app shows, or a recovery code of 16 letters and numbers".into(),
            StatusCode::UNPROCESSABLE_ENTITY,
        ));
    }
    // The account may have gone, or its two-factor been reset, since the password.
    let (Some(user), true) = (
        account_store::user_by_id(&state.db, pending.user_id).await?,
        store::is_on(&state.db, pending.user_id).await?,
    ) else {
        return Ok(sign_in_again(&ctx));
    };
    let user_id = user.id;
    let db = state.db.clone();
    let verify = async {
        match (&app_code, &recovery_code) {
            (Some(code), _) => verify_app_code(&state, user_id, code).await,
            (None, Some(code)) => {
                let used = store::use_recovery_code(&db, user_id, &codes::hash_recovery_code(code)).await?;
                Ok(if used { Verdict::Right } else { Verdict::Wrong })
            }
            (None, None) => Ok(Verdict::Wrong),
        }
    };
    let attempt = attempts::check_code(&state, &user.email, &address, verify).await?;
    if let Some(message) = refusal(&attempt) {
        let status = match attempt {
            CodeAttempt::Throttled { .. } => StatusCode::TOO_MANY_REQUESTS,
            CodeAttempt::Checked(_) => StatusCode::UNPROCESSABLE_ENTITY,
        };
        return Ok(retry(message, status));
    }
    let next = finish(&ctx, &state, &pending).await?;
    if app_code.is_none() {
        let left = store::unused_recovery_codes(&state.db, user_id).await?;
        ctx.flash("important", recovery_code_notice(left)).await?;
    }
    Ok(Redirect::to(&next).into_response())
}

fn recovery_code_notice(left: i64) -> String {
    let codes = if left == 1 { "code" } else { "codes" };
    format!(
        "You signed in with a recovery code, which cannot be used again. You have {left} recovery {codes} \
         left: you can make new ones from Two-factor sign-in under your account."
    )
}
