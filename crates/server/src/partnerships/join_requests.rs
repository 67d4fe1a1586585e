//! A partnership admin decides organisations' requests to join the partnership. The
//! decision is recorded once (a second click finds it already decided), audited, and
//! the requester is told by email.
//!
//! The list shows who asked and flags a request whose organisation's name closely
//! matches another registered organisation ("Possible duplicate of …"), saying when
//! that one already serves the partnership, so an admin can catch a second
//! registration of one body before approving it.

use askama::Template;
use askama_web::WebTemplate;
use axum::Form;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;

use super::store::{self as partnership_queries, Partnership};
use crate::organisations::lookalikes;
use crate::organisations::store::{self as org_queries, Decision, JoinRequestRow};
use crate::web::AppState;
use crate::web::error::AppError;
use crate::web::forms::Errors;
use crate::web::page::{Ctx, Page};
use crate::web::path::Path;
use osa_core::access::Action;

#[derive(Template, WebTemplate)]
#[template(path = "partnerships/join_requests.html")]
pub struct ListPage {
    page: Page,
    partnership: Partnership,
    requests: Vec<ListedRequest>,
}

/// A pending request with the organisations its name closely matches.
pub struct ListedRequest {
    pub row: JoinRequestRow,
    pub duplicates: Vec<Duplicate>,
}

pub struct Duplicate {
    pub name: String,
    /// Whether that organisation already serves this partnership.
    pub serves_here: bool,
}

/// Flags each request's lookalikes. One bounded look-up per request, for a list that
/// is itself capped (see `pending_requests`).
async fn with_duplicates(
    state: &AppState,
    partnership: i64,
    rows: Vec<JoinRequestRow>,
) -> Result<Vec<ListedRequest>, AppError> {
    let mut listed = Vec::with_capacity(rows.len());
    for row in rows {
        let mut duplicates = Vec::new();
        for lookalike in
            lookalikes::find(&state.db, &row.organisation_name, Some(row.organisation_id)).await?
        {
            let serves_here = org_queries::area_ids(&state.db, lookalike.id).await?.contains(&partnership);
            duplicates.push(Duplicate { name: lookalike.name, serves_here });
        }
        listed.push(ListedRequest { row, duplicates });
    }
    Ok(listed)
}

async fn load(state: &AppState, id: i64) -> Result<Partnership, AppError> {
    partnership_queries::get(&state.db, id).await?.ok_or(AppError::NotFound)
}

pub async fn list(
    ctx: Ctx,
    State(state): State<AppState>,
    Path(id): Path<i64>,
) -> Result<ListPage, AppError> {
    ctx.require(Action::ManagePartnership { partnership: id })?;
    let partnership = load(&state, id).await?;
    let requests = with_duplicates(&state, id, org_queries::pending_requests(&state.db, id).await?).await?;
    Ok(ListPage { page: ctx.page(format!("Join requests – {}", partnership.name)), partnership, requests })
}

/// The pending request `request` of partnership `id`, or 404 (also for a request of
/// another partnership, so ids cannot be probed across tenants).
async fn pending(state: &AppState, id: i64, request: i64) -> Result<JoinRequestRow, AppError> {
    org_queries::join_request(&state.db, request)
        .await?
        .filter(|r| r.partnership_id == id)
        .ok_or(AppError::NotFound)
}

pub async fn approve(
    ctx: Ctx,
    State(state): State<AppState>,
    Path((id, request)): Path<(i64, i64)>,
) -> Result<Redirect, AppError> {
    let user = ctx.require(Action::ManagePartnership { partnership: id })?;
    let partnership = load(&state, id).await?;
    let row = pending(&state, id, request).await?;
    let decided =
        org_queries::decide_join_request(&state, user.id, &row, &partnership, Decision::Approve).await?;
    if decided {
        ctx.flash("success", format!("{} now serves {}", row.organisation_name, partnership.name)).await?;
    } else {
        ctx.flash(
            "important",
            format!("The request from {} had already been decided", row.organisation_name),
        )
        .await?;
    }
    Ok(Redirect::to(&format!("/partnerships/{id}/join-requests")))
}

#[derive(Template, WebTemplate)]
#[template(path = "partnerships/decline.html")]
pub struct DeclinePage {
    page: Page,
    partnership: Partnership,
    request: JoinRequestRow,
    reason: String,
    errors: Errors,
}

pub async fn decline_form(
    ctx: Ctx,
    State(state): State<AppState>,
    Path((id, request)): Path<(i64, i64)>,
) -> Result<DeclinePage, AppError> {
    ctx.require(Action::ManagePartnership { partnership: id })?;
    let partnership = load(&state, id).await?;
    let request = pending(&state, id, request).await?;
    Ok(DeclinePage {
        page: ctx.page(format!("Decline the request from {}", request.organisation_name)),
        partnership,
        request,
        reason: String::new(),
        errors: Errors::default(),
    })
}

#[derive(Deserialize)]
pub struct DeclineForm {
    #[serde(default)]
    reason: String,
}

pub async fn decline(
    ctx: Ctx,
    State(state): State<AppState>,
    Path((id, request)): Path<(i64, i64)>,
    Form(form): Form<DeclineForm>,
) -> Result<Response, AppError> {
    let user = ctx.require(Action::ManagePartnership { partnership: id })?;
    let partnership = load(&state, id).await?;
    let row = pending(&state, id, request).await?;
    let reason = form.reason.trim();
    if reason.is_empty() || reason.chars().count() > 2000 {
        let mut errors = Errors::default();
        let message = if reason.is_empty() {
            "Enter the reason for declining, so the organisation knows what to do next"
        } else {
            "Reason must be 2,000 characters or fewer"
        };
        errors.add("reason", message);
        let page = DeclinePage {
            page: ctx.page(format!("Decline the request from {}", row.organisation_name)),
            partnership,
            request: row,
            reason: form.reason,
            errors,
        };
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response());
    }
    let decided = org_queries::decide_join_request(
        &state,
        user.id,
        &row,
        &partnership,
        Decision::Decline(reason.to_owned()),
    )
    .await?;
    if decided {
        ctx.flash("success", format!("The request from {} has been declined", row.organisation_name)).await?;
    } else {
        ctx.flash(
            "important",
            format!("The request from {} had already been decided", row.organisation_name),
        )
        .await?;
    }
    Ok(Redirect::to(&format!("/partnerships/{id}/join-requests")).into_response())
}
