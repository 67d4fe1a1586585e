//! Setting two-factor up: a secret made here, shown as a QR code and as a key to type,
//! switched on only once the person enters a code their app made from it. The same
//! pages serve someone signed in (from their account) and someone whose role must
//! have two-factor before they are signed in at all (straight after their password).

use askama::Template;
use askama_web::WebTemplate;
use axum::Form;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

use super::challenge::sign_in_again;
use super::{codes, finish, pending, store};
use crate::accounts::access::own_sign_in;
use crate::accounts::store as account_store;
use crate::web::AppState;
use crate::web::error::AppError;
use crate::web::forms::Errors;
use crate::web::page::{Ctx, Page};
use osa_core::two_factor::{CodeCheck, normalise_code};

/// The session key of the secret being set up, until it is confirmed.
const SESSION_NEW_SECRET: &str = "two_factor_new_secret";
/// The session key of recovery codes made a moment ago, shown once.
pub const SESSION_FRESH_CODES: &str = "two_factor_fresh_codes";

/// A secret made for one person, so a secret cannot carry over to someone else who
/// signs in in the same browser.
#[derive(Serialize, Deserialize)]
struct NewSecret {
    user_id: i64,
    secret: String,
}

/// Recovery codes to show once, and where to go after.
#[derive(Serialize, Deserialize)]
pub struct FreshCodes {
    pub codes: Vec<String>,
    pub next: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "accounts/two_factor/set_up.html")]
pub struct SetUpPage {
    page: Page,
    action: &'static str,
    /// True when the person's role needs two-factor before they can go on.
    required: bool,
    qr: String,
    key: String,
    code: String,
    errors: Errors,
}

/// Who is setting up, and where their form posts.
struct SettingUp {
    user_id: i64,
    email: String,
    action: &'static str,
    /// The sign-in this completes, for someone not yet signed in.
    pending: Option<super::Pending>,
}

const OWN: &str = "/account/two-factor/set-up";
const AT_SIGN_IN: &str = "/sign-in/two-factor/set-up";

async fn own(ctx: &Ctx, state: &AppState) -> Result<Result<SettingUp, Response>, AppError> {
    let user = own_sign_in(ctx)?;
    if store::is_on(&state.db, user.id).await? {
        return Ok(Err(Redirect::to("/account/two-factor").into_response()));
    }
    Ok(Ok(SettingUp { user_id: user.id, email: user.email.clone(), action: OWN, pending: None }))
}

async fn at_sign_in(ctx: &Ctx, state: &AppState) -> Result<Result<SettingUp, Response>, AppError> {
    if ctx.user.is_some() {
        return Ok(Err(Redirect::to(OWN).into_response()));
    }
    let Some(pending) = pending(ctx).await?.filter(|p| p.set_up) else { return Ok(Err(sign_in_again(ctx))) };
    let Some(user) = account_store::user_by_id(&state.db, pending.user_id).await? else {
        return Ok(Err(sign_in_again(ctx)));
    };
    Ok(Ok(SettingUp { user_id: user.id, email: user.email, action: AT_SIGN_IN, pending: Some(pending) }))
}

/// The secret this session is setting up for the person, made now if there is none.
async fn secret_for(ctx: &Ctx, user_id: i64) -> Result<String, AppError> {
    if let Some(new) = ctx.session.get::<NewSecret>(SESSION_NEW_SECRET).await?
        && new.user_id == user_id
    {
        return Ok(new.secret);
    }
    let secret = codes::new_secret();
    ctx.session.insert(SESSION_NEW_SECRET, NewSecret { user_id, secret: secret.clone() }).await?;
    Ok(secret)
}

async fn render(ctx: &Ctx, who: &SettingUp, code: String, errors: Errors) -> Result<Response, AppError> {
    let secret = secret_for(ctx, who.user_id).await?;
    let page = SetUpPage {
        page: ctx.page("Set up two-factor sign-in"),
        action: who.action,
        required: who.pending.is_some(),
        qr: codes::qr_data_uri(&codes::setup_address(&secret, &who.email)?)?,
        key: codes::grouped_secret(&secret),
        code,
        errors: errors.clone(),
    };
    let status = if errors.is_empty() { StatusCode::OK } else { StatusCode::UNPROCESSABLE_ENTITY };
    Ok((status, page).into_response())
}

pub async fn own_form(ctx: Ctx, State(state): State<AppState>) -> Result<Response, AppError> {
    match own(&ctx, &state).await? {
        Ok(who) => render(&ctx, &who, String::new(), Errors::default()).await,
        Err(elsewhere) => Ok(elsewhere),
    }
}

pub async fn sign_in_form(ctx: Ctx, State(state): State<AppState>) -> Result<Response, AppError> {
    match at_sign_in(&ctx, &state).await? {
        Ok(who) => render(&ctx, &who, String::new(), Errors::default()).await,
        Err(elsewhere) => Ok(elsewhere),
    }
}

#[derive(Deserialize)]
pub struct ConfirmForm {
    #[serde(default)]
    code: String,
}

pub async fn own_submit(
    ctx: Ctx,
    State(state): State<AppState>,
    Form(form): Form<ConfirmForm>,
) -> Result<Response, AppError> {
    match own(&ctx, &state).await? {
        Ok(who) => confirm(ctx, state, who, form).await,
        Err(elsewhere) => Ok(elsewhere),
    }
}

pub async fn sign_in_submit(
    ctx: Ctx,
    State(state): State<AppState>,
    Form(form): Form<ConfirmForm>,
) -> Result<Response, AppError> {
    match at_sign_in(&ctx, &state).await? {
        Ok(who) => confirm(ctx, state, who, form).await,
        Err(elsewhere) => Ok(elsewhere),
    }
}

/// Switches two-factor on when the code is right for the secret shown. These codes
/// are not throttled: the person was shown the secret, so a code here proves their app
/// works, not who they are.
async fn confirm(ctx: Ctx, state: AppState, who: SettingUp, form: ConfirmForm) -> Result<Response, AppError> {
    let mut errors = Errors::default();
    let Some(code) = normalise_code(&form.code) else {
        let message = if form.code.trim().is_empty() {
            "Enter the 6-digit code your app shows"
        } else {
            "The code must be the 6 digits your app shows"
        };
        errors.add("code", message);
        return render(&ctx, &who, form.code, errors).await;
    };
    let secret = secret_for(&ctx, who.user_id).await?;
    let now = u64::try_from(OffsetDateTime::now_utc().unix_timestamp()).unwrap_or(0);
    let CodeCheck::Accepted { step } = codes::check(&secret, &code, now, None)? else {
        errors.add(
            "code",
            "That code is not right. Check that your app shows osa and your email address, then enter the code it shows now",
        );
        return render(&ctx, &who, form.code, errors).await;
    };
    let recovery = codes::new_recovery_codes();
    let hashes: Vec<String> = recovery.iter().map(|c| codes::hash_recovery_code(c)).collect();
    let mut tx = state.db.begin().await?;
    store::switch_on(&mut tx, who.user_id, &secret, step, &hashes).await?;
    tx.commit().await?;
    ctx.session.remove::<NewSecret>(SESSION_NEW_SECRET).await?;
    let next = match &who.pending {
        Some(pending) => finish(&ctx, &state, pending).await?,
        None => "/account/two-factor".to_owned(),
    };
    ctx.session.insert(SESSION_FRESH_CODES, FreshCodes { codes: recovery, next }).await?;
    tracing::info!(user_id = who.user_id, "two-factor switched on");
    Ok(Redirect::to("/account/two-factor/recovery-codes").into_response())
}
