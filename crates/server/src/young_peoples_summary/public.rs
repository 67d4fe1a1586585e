//! The public page, `/summaries/{slug}`: the published copy of a summary, for anyone,
//! signed in or not. It reads only that copy, and only while it is public, so a
//! draft, an edit made since publishing or an unpublished summary is a 404 like an
//! address that never existed. The staff's preview shows the draft in the same page.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::State;
use axum::response::{IntoResponse, Redirect, Response};

use super::access;
use super::store;
use crate::web::AppState;
use crate::web::error::AppError;
use crate::web::page::{Ctx, Page};
use crate::web::path::Path;
use osa_core::young_peoples_summary::Summary;

#[derive(Template, WebTemplate)]
#[template(path = "young_peoples_summary/public.html")]
pub struct PublicPage {
    page: Page,
    summary: Summary,
    /// Set on the staff's preview: the cycle it belongs to.
    preview_of: Option<i64>,
}

pub async fn public(
    ctx: Ctx,
    State(state): State<AppState>,
    Path(slug): Path<String>,
) -> Result<PublicPage, AppError> {
    let summary = store::public(&state.db, &slug).await?.ok_or(AppError::NotFound)?;
    Ok(PublicPage { page: ctx.page(summary.title.clone()), summary, preview_of: None })
}

pub async fn preview(
    ctx: Ctx,
    State(state): State<AppState>,
    Path(id): Path<i64>,
) -> Result<Response, AppError> {
    let loaded = access::load(&ctx, &state, id, false).await?;
    let Some(row) = loaded.summary else {
        return Ok(Redirect::to(&format!("/cycles/{id}/young-peoples-summary")).into_response());
    };
    let summary = row.draft()?;
    Ok(PublicPage { page: ctx.page(format!("Preview: {}", summary.title)), summary, preview_of: Some(id) }
        .into_response())
}

/// A text's paragraphs: one per line the admin typed, blank lines dropped.
pub fn paragraphs(text: &str) -> Vec<&str> {
    text.lines().map(str::trim).filter(|l| !l.is_empty()).collect()
}
