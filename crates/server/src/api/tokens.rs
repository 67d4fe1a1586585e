//! The pages where a partnership's admins keep its API tokens: the list (name, when
//! made and by whom, when it expires, when last used) with the form for a new one,
//! the page that shows a new token's secret once, and revoking. Only a hash of the
//! secret is kept (`super::calls::digest`), so a lost token cannot be shown again:
//! the admin revokes it and makes another.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum_extra::extract::{Form, Query};
use serde::Deserialize;
use time::{Date, OffsetDateTime};

use super::access::token_manager;
use super::calls::{digest, new_secret};
use super::store::{self, NewToken, Revoked};
use crate::partnerships::store as partnership_queries;
use crate::web::AppState;
use crate::web::error::AppError;
use crate::web::format;
use crate::web::forms::{DateParts, Errors};
use crate::web::page::{Ctx, Page};
use crate::web::paging::{PageParams, Paging};
use crate::web::path::Path;
use osa_core::api::{TOKEN_PREFIX, check_expiry, is_usable};

/// How many characters of a secret the list shows after the prefix.
const HINT_CHARS: usize = 4;
const MAX_NAME_CHARS: usize = 100;

/// A token as the list shows it.
pub struct TokenLine {
    pub id: i64,
    pub name: String,
    pub hint: String,
    pub created: String,
    pub created_by: String,
    pub expires: String,
    pub last_used: String,
    /// "Active", "Expired" or "Revoked", with its tag colour.
    pub status: (&'static str, &'static str),
    pub usable: bool,
}

#[derive(Debug, Default, Deserialize)]
pub struct TokenForm {
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub expires_day: String,
    #[serde(default)]
    pub expires_month: String,
    #[serde(default)]
    pub expires_year: String,
}

impl TokenForm {
    pub fn expires(&self) -> DateParts {
        DateParts {
            day: self.expires_day.clone(),
            month: self.expires_month.clone(),
            year: self.expires_year.clone(),
        }
    }

    fn validate(&self, today: Date) -> Result<(String, Date), Errors> {
        let mut errors = Errors::default();
        let name = self.name.trim();
        if name.is_empty() {
            errors.add("name", "Enter a name for the token, like the tool that will use it");
        } else if name.chars().count() > MAX_NAME_CHARS {
            errors.add("name", format!("The name must be {MAX_NAME_CHARS} characters or fewer"));
        }
        let expires = errors.take("expires-day", self.expires().parse("expiry date"));
        if let Some(date) = expires
            && let Err(message) = check_expiry(date, today)
        {
            errors.add("expires-day", message);
        }
        match expires {
            Some(date) if errors.is_empty() => Ok((name.to_owned(), date)),
            _ => Err(errors),
        }
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "api/tokens.html")]
pub struct TokensPage {
    page: Page,
    partnership: partnership_queries::Partnership,
    tokens: Vec<TokenLine>,
    paging: Paging,
    form: TokenForm,
    errors: Errors,
}

#[derive(Template, WebTemplate)]
#[template(path = "api/token_created.html")]
pub struct CreatedPage {
    page: Page,
    partnership: partnership_queries::Partnership,
    name: String,
    secret: String,
    expires: String,
    public_url: String,
}

fn today() -> Date {
    OffsetDateTime::now_utc().date()
}

async fn tokens_page(
    ctx: &Ctx,
    state: &AppState,
    id: i64,
    params: &PageParams,
    form: TokenForm,
    errors: Errors,
) -> Result<TokensPage, AppError> {
    let partnership = partnership_queries::get(&state.db, id).await?.ok_or(AppError::NotFound)?;
    let paging = Paging::new(params, format!("/partnerships/{id}/api-tokens"))?;
    let mut rows = store::of_partnership(&state.db, id, paging.fetch_limit(), paging.offset()).await?;
    let paging = paging.with_rows(&mut rows)?;
    let mut tokens = Vec::with_capacity(rows.len());
    for row in rows {
        let last_used = store::last_used(&state.db, row.id).await?;
        let usable = is_usable(row.expires_on, row.revoked_at.is_some(), today());
        let status = match (row.revoked_at.is_some(), usable) {
            (true, _) => ("Revoked", "govuk-tag--grey"),
            (false, true) => ("Active", "govuk-tag--green"),
            (false, false) => ("Expired", "govuk-tag--orange"),
        };
        tokens.push(TokenLine {
            id: row.id,
            hint: format!("{}{}…", TOKEN_PREFIX, row.hint),
            name: row.name,
            created: format::date(row.created_at.date()),
            created_by: row.created_by_name,
            expires: format::date(row.expires_on),
            last_used: last_used.map(format::datetime).unwrap_or_else(|| "Never".to_owned()),
            status,
            usable,
        });
    }
    Ok(TokensPage { page: ctx.page("API tokens"), partnership, tokens, paging, form, errors })
}

/// GET `/partnerships/{id}/api-tokens`.
pub async fn list(
    ctx: Ctx,
    State(state): State<AppState>,
    Path(id): Path<i64>,
    Query(params): Query<PageParams>,
) -> Result<TokensPage, AppError> {
    token_manager(&ctx, id)?;
    tokens_page(&ctx, &state, id, &params, TokenForm::default(), Errors::default()).await
}

/// POST `/partnerships/{id}/api-tokens`: makes a token and shows its secret once.
pub async fn create(
    ctx: Ctx,
    State(state): State<AppState>,
    Path(id): Path<i64>,
    Form(form): Form<TokenForm>,
) -> Result<Response, AppError> {
    let user = token_manager(&ctx, id)?;
    let (name, expires_on) = match form.validate(today()) {
        Ok(valid) => valid,
        Err(errors) => {
            let page = tokens_page(&ctx, &state, id, &PageParams::default(), form, errors).await?;
            return Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response());
        }
    };
    let partnership = partnership_queries::get(&state.db, id).await?.ok_or(AppError::NotFound)?;
    let secret = new_secret();
    let hint: String = secret.trim_start_matches(TOKEN_PREFIX).chars().take(HINT_CHARS).collect();
    let hash = digest(&secret);
    let new = NewToken {
        partnership: id,
        name: &name,
        hash: &hash,
        hint: &hint,
        expires_on,
        by: user.id,
        at: OffsetDateTime::now_utc(),
    };
    store::create(&state.db, &new).await?;
    // Shown in this answer only: it is not kept anywhere it could be shown again.
    let page = CreatedPage {
        page: ctx.page("API token created"),
        partnership,
        name,
        secret,
        expires: format::date(expires_on),
        public_url: state.config.public_url.trim_end_matches('/').to_owned(),
    };
    Ok(page.into_response())
}

/// POST `/partnerships/{id}/api-tokens/{token}/revoke`.
pub async fn revoke(
    ctx: Ctx,
    State(state): State<AppState>,
    Path((id, token)): Path<(i64, i64)>,
) -> Result<Redirect, AppError> {
    let user = token_manager(&ctx, id)?;
    match store::revoke(&state.db, id, token, user.id, OffsetDateTime::now_utc()).await? {
        Revoked::Now => ctx.flash("success", "API token revoked: calls made with it are now refused").await?,
        Revoked::Already => ctx.flash("important", "That API token was already revoked").await?,
        // Another partnership's token is not this partnership's to know of.
        Revoked::NoSuchToken => return Err(AppError::NotFound),
    }
    Ok(Redirect::to(&format!("/partnerships/{id}/api-tokens")))
}
