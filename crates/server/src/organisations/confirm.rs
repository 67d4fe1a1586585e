//! Confirming a registration that names an existing account as its lead.
//!
//! The link is emailed only to the account's address, so holding it shows the same
//! thing a password-reset link does: whoever opens it reads that mailbox. That is
//! enough to confirm, with no need to sign in (the owner may not have chosen a
//! password yet), and confirming does not sign anyone in. Opening the link only shows
//! what was asked; the confirmation is a form (with its CSRF token), so a mail scanner
//! that follows links confirms nothing. Until it is confirmed nothing exists: no
//! organisation, no role, no join request, no email to any partnership.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};

use super::register::{self, Registration};
use crate::accounts::store as account_queries;
use crate::accounts::tokens::{self, Purpose};
use crate::mail::Email as Mail;
use crate::partnerships::store as partnership_queries;
use crate::web::AppState;
use crate::web::error::AppError;
use crate::web::page::{Ctx, Page};
use crate::web::path::Path;
use osa_core::tenancy::{DutyStatus, Sector};

#[derive(Template, WebTemplate)]
#[template(path = "organisations/confirm.html")]
pub struct ConfirmPage {
    page: Page,
    action: String,
    email: String,
    registration: Registration,
    sector: &'static str,
    duty: &'static str,
    partnerships: Vec<String>,
}

#[derive(Template, WebTemplate)]
#[template(path = "organisations/confirmed.html")]
pub struct ConfirmedPage {
    page: Page,
    organisation: String,
    partnerships: Vec<String>,
    has_password: bool,
}

#[derive(Template, WebTemplate)]
#[template(path = "organisations/confirm_expired.html")]
pub struct ExpiredPage {
    page: Page,
}

fn expired(ctx: &Ctx) -> Response {
    (StatusCode::GONE, ExpiredPage { page: ctx.page("This link has expired") }).into_response()
}

fn read(payload: Option<String>) -> Result<Registration, AppError> {
    let payload =
        payload.ok_or_else(|| AppError::Internal(anyhow::anyhow!("a confirmation link has no payload")))?;
    serde_json::from_str(&payload).map_err(|e| AppError::Internal(e.into()))
}

pub async fn form(
    ctx: Ctx,
    State(state): State<AppState>,
    Path(token): Path<String>,
) -> Result<Response, AppError> {
    let Some((user_id, payload)) =
        tokens::peek_with_payload(&state.db, &token, Purpose::RegistrationConfirmation).await?
    else {
        return Ok(expired(&ctx));
    };
    let registration = read(payload)?;
    let user = account_queries::user_by_id(&state.db, user_id).await?.ok_or(AppError::NotFound)?;
    let partnerships = partnership_queries::all(&state.db)
        .await?
        .into_iter()
        .filter(|p| registration.partnerships.contains(&p.id))
        .map(|p| p.name)
        .collect();
    Ok(ConfirmPage {
        page: ctx.page("Confirm your organisation's registration"),
        action: format!("{}/{token}", Purpose::RegistrationConfirmation.path()),
        email: user.email,
        sector: Sector::from_code(&registration.sector).map(Sector::label).unwrap_or(""),
        duty: DutyStatus::from_code(&registration.duty).map(DutyStatus::label).unwrap_or(""),
        registration,
        partnerships,
    }
    .into_response())
}

pub async fn submit(
    ctx: Ctx,
    State(state): State<AppState>,
    Path(token): Path<String>,
) -> Result<Response, AppError> {
    let mut tx = state.db.begin().await?;
    let Some((user_id, payload)) =
        tokens::consume_with_payload(&mut tx, &token, Purpose::RegistrationConfirmation).await?
    else {
        return Ok(expired(&ctx));
    };
    let registration = read(payload)?;
    let user = account_queries::user_by_id(&state.db, user_id).await?.ok_or(AppError::NotFound)?;
    // From here on the person named has asked for it, so it is done in their name.
    let partnerships = register::attach(&state, &mut tx, user_id, &registration).await?;
    state
        .mailer
        .queue(
            &mut tx,
            Mail {
                to: user.email.clone(),
                subject: format!("You registered {} on osa", registration.name),
                body: register::registered_body(&registration.name, &partnerships),
            },
        )
        .await?;
    tx.commit().await?;
    tracing::info!(user_id, "registration confirmed by its lead");
    Ok(ConfirmedPage {
        page: ctx.page("Registration confirmed"),
        organisation: registration.name,
        partnerships,
        has_password: user.password_hash.is_some(),
    }
    .into_response())
}
