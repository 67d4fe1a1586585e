//! Pages reached from emailed links: asking for a password reset, choosing a new
//! password, and accepting an invitation by choosing a first password. Both finish by
//! signing the person in, after a two-factor code for someone who has it.

use askama::Template;
use askama_web::WebTemplate;
use axum::Form;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;

use super::limits::{self, Limited};
use super::tokens::{self, Purpose};
use super::two_factor::{self, AfterPassword};
use super::{password, store};
use crate::mail::Email as Mail;
use crate::web::AppState;
use crate::web::client::ClientAddress;
use crate::web::error::AppError;
use crate::web::forms::Errors;
use crate::web::page::{Ctx, Page};
use crate::web::path::Path;
use osa_core::values::{Email, NewPassword};

#[derive(Template, WebTemplate)]
#[template(path = "accounts/reset_request.html")]
pub struct ResetRequestPage {
    page: Page,
    email: String,
    errors: Errors,
}

#[derive(Template, WebTemplate)]
#[template(path = "accounts/reset_sent.html")]
pub struct ResetSentPage {
    page: Page,
}

pub async fn reset_request_form(mut ctx: Ctx) -> Result<ResetRequestPage, AppError> {
    ctx.ensure_csrf().await?;
    Ok(ResetRequestPage {
        page: ctx.page("Reset your password"),
        email: String::new(),
        errors: Errors::default(),
    })
}

#[derive(Deserialize)]
pub struct ResetRequestForm {
    #[serde(default)]
    email: String,
}

pub async fn reset_request_submit(
    ctx: Ctx,
    State(state): State<AppState>,
    ClientAddress(address): ClientAddress,
    Form(form): Form<ResetRequestForm>,
) -> Result<Response, AppError> {
    let email = match Email::parse(&form.email) {
        Ok(email) => email,
        Err(err) => {
            let mut errors = Errors::default();
            errors.add("email", err.0);
            let page = ResetRequestPage { page: ctx.page("Reset your password"), email: form.email, errors };
            return Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response());
        }
    };
    // Counted whether or not the account exists, so the limit says nothing about who
    // has one either.
    if let Some(wait) = limits::admit(&state.db, Limited::PasswordReset, email.as_str(), &address).await? {
        let mut errors = Errors::default();
        errors.add(
            "email",
            format!(
                "Too many password reset emails have been asked for, for this address or from your \
                 network. Wait {} and try again. If an email has already come, use the link in it.",
                limits::minutes(wait)
            ),
        );
        let page = ResetRequestPage { page: ctx.page("Reset your password"), email: form.email, errors };
        return Ok((StatusCode::TOO_MANY_REQUESTS, page).into_response());
    }
    // The answer is the same whether or not the account exists, so this page cannot
    // be used to find out who has an account.
    if let Some(user) = store::user_by_email(&state.db, email.as_str()).await? {
        let mut tx = state.db.begin().await?;
        let token = tokens::issue(&mut tx, user.id, Purpose::PasswordReset).await?;
        let link = format!("{}{}/{token}", state.config.public_url, Purpose::PasswordReset.path());
        state
            .mailer
            .queue(
                &mut tx,
                Mail {
                    to: user.email.clone(),
                    subject: "Reset your osa password".into(),
                    body: format!(
                        "Hello {},\n\nSomeone asked to reset the password for your osa account. \
                         To choose a new password, open this link within 2 hours:\n\n{link}\n\n\
                         If it was not you, you can ignore this email: your password has not changed.\n",
                        user.display_name
                    ),
                },
            )
            .await?;
        tx.commit().await?;
    }
    Ok(ResetSentPage { page: ctx.page("Check your email") }.into_response())
}

#[derive(Template, WebTemplate)]
#[template(path = "accounts/set_password.html")]
pub struct SetPasswordPage {
    page: Page,
    heading: &'static str,
    intro: &'static str,
    button: &'static str,
    action: String,
    errors: Errors,
}

#[derive(Template, WebTemplate)]
#[template(path = "accounts/link_expired.html")]
pub struct LinkExpiredPage {
    page: Page,
    invitation: bool,
}

struct Flow {
    purpose: Purpose,
    heading: &'static str,
    intro: &'static str,
    button: &'static str,
}

const RESET: Flow = Flow {
    purpose: Purpose::PasswordReset,
    heading: "Choose a new password",
    intro: "Use at least 12 characters. A few unrelated words make a password that is long and easy to remember.",
    button: "Change password",
};

const INVITATION: Flow = Flow {
    purpose: Purpose::Invitation,
    heading: "Set up your account",
    intro: "You have been invited to osa. Create a password of at least 12 characters to finish setting up your account.",
    button: "Set password",
};

fn expired(ctx: &Ctx, flow: &Flow) -> Response {
    let invitation = flow.purpose == Purpose::Invitation;
    let page = LinkExpiredPage { page: ctx.page("This link has expired"), invitation };
    (StatusCode::GONE, page).into_response()
}

async fn form(mut ctx: Ctx, state: AppState, token: String, flow: Flow) -> Result<Response, AppError> {
    if tokens::peek(&state.db, &token, flow.purpose).await?.is_none() {
        return Ok(expired(&ctx, &flow));
    }
    ctx.ensure_csrf().await?;
    Ok(SetPasswordPage {
        page: ctx.page(flow.heading),
        heading: flow.heading,
        intro: flow.intro,
        button: flow.button,
        action: format!("{}/{token}", flow.purpose.path()),
        errors: Errors::default(),
    }
    .into_response())
}

#[derive(Deserialize)]
pub struct SetPasswordForm {
    #[serde(default)]
    password: String,
    #[serde(default)]
    confirm: String,
}

async fn submit(
    ctx: Ctx,
    state: AppState,
    token: String,
    flow: Flow,
    form: SetPasswordForm,
) -> Result<Response, AppError> {
    let new_password = match NewPassword::parse(&form.password, &form.confirm) {
        Ok(p) => p,
        Err(err) => {
            let mut errors = Errors::default();
            let field = if err.0 == "Passwords do not match" { "confirm" } else { "password" };
            errors.add(field, err.0);
            let page = SetPasswordPage {
                page: ctx.page(flow.heading),
                heading: flow.heading,
                intro: flow.intro,
                button: flow.button,
                action: format!("{}/{token}", flow.purpose.path()),
                errors,
            };
            return Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response());
        }
    };
    let hash = password::hash(new_password.expose().to_owned()).await?;
    let mut tx = state.db.begin().await?;
    let Some(user_id) = tokens::consume(&mut tx, &token, flow.purpose).await? else {
        return Ok(expired(&ctx, &flow));
    };
    // A reset is how someone takes back an account another person may be using, so
    // every session of the account ends, this browser's included (it is signed in
    // afresh below).
    store::set_password(&mut tx, user_id, hash, None).await?;
    tx.commit().await?;
    let user = store::user_by_id(&state.db, user_id)
        .await?
        .ok_or_else(|| AppError::Internal(anyhow::anyhow!("a link's account has gone")))?;
    // A link proves the email, not the second factor: someone with two-factor still
    // gives a code (or sets it up, where their role needs it) before being signed in.
    let outcome = two_factor::after_password(&ctx, &state, &user, "/home").await?;
    let notice = match outcome {
        AfterPassword::SignedIn => "Your password has been set and you are signed in",
        AfterPassword::CodeNeeded => "Your password has been set. Enter a code to sign in.",
        AfterPassword::SetUpNeeded => "Your password has been set. Set up two-factor sign-in to sign in.",
    };
    ctx.flash("success", notice).await?;
    Ok(Redirect::to(&outcome.location("/home")).into_response())
}

pub async fn reset_form(
    ctx: Ctx,
    State(state): State<AppState>,
    Path(token): Path<String>,
) -> Result<Response, AppError> {
    form(ctx, state, token, RESET).await
}

pub async fn reset_submit(
    ctx: Ctx,
    State(state): State<AppState>,
    Path(token): Path<String>,
    Form(f): Form<SetPasswordForm>,
) -> Result<Response, AppError> {
    submit(ctx, state, token, RESET, f).await
}

pub async fn invitation_form(
    ctx: Ctx,
    State(state): State<AppState>,
    Path(token): Path<String>,
) -> Result<Response, AppError> {
    form(ctx, state, token, INVITATION).await
}

pub async fn invitation_submit(
    ctx: Ctx,
    State(state): State<AppState>,
    Path(token): Path<String>,
    Form(f): Form<SetPasswordForm>,
) -> Result<Response, AppError> {
    submit(ctx, state, token, INVITATION, f).await
}
