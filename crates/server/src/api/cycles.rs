//! The API's cycles: the list of the partnership's cycles, one cycle with its
//! invitation counts, and its invitations with their states. Read as the cycle's
//! pages read them (`cycles::access`, `cycles::store`).

use axum::Json;
use axum::extract::State;
use axum_extra::extract::Query;
use serde::Serialize;
use time::OffsetDateTime;
use utoipa::ToSchema;

use super::access;
use super::calls::Caller;
use super::error::{ApiError, ErrorBody};
use super::paging::{PageQuery, Paging, slice};
use crate::cycles::store::{self as cycle_store, CycleRow, Invitation};
use crate::cycles::visible::returns_visible_to;
use crate::web::AppState;
use crate::web::path::Path;
use osa_core::cycle::{InvitationState, is_open};

#[derive(Debug, Serialize, ToSchema)]
pub struct CycleOut {
    pub id: i64,
    pub name: String,
    /// The partnership that opened it (a region's cycle is shared with others).
    pub opened_by_partnership: i64,
    /// `YYYY-MM-DD`.
    pub opens_on: String,
    pub due_on: String,
    /// `opens_soon`, `open` or `closed`.
    pub status: &'static str,
    /// When it was closed (RFC 3339), if it is.
    pub closed_at: Option<String>,
}

impl CycleOut {
    fn of(row: &CycleRow) -> CycleOut {
        let today = OffsetDateTime::now_utc().date();
        let status = match (row.closed_at, is_open(row.opens_on, false, today)) {
            (Some(_), _) => "closed",
            (None, true) => "open",
            (None, false) => "opens_soon",
        };
        CycleOut {
            id: row.id,
            name: row.name.clone(),
            opened_by_partnership: row.partnership_id,
            opens_on: row.opens_on.to_string(),
            due_on: row.due_on.to_string(),
            status,
            closed_at: row.closed_at.map(super::rfc3339),
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct CycleList {
    pub items: Vec<CycleOut>,
    pub paging: Paging,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct PartnershipOut {
    pub id: i64,
    pub name: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct StateCount {
    /// `not_started`, `in_progress`, `submitted` or `confirmed_non_submission`.
    pub state: &'static str,
    pub count: usize,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct CycleDetail {
    pub cycle: CycleOut,
    /// Every partnership taking part.
    pub partnerships: Vec<PartnershipOut>,
    /// Invitations in each state, every state listed.
    pub invitations: Vec<StateCount>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct InvitationOut {
    pub id: i64,
    pub organisation_id: i64,
    pub organisation_name: String,
    /// The organisation's sector code.
    pub sector: String,
    /// `statutory` or `voluntary`.
    pub duty_status: String,
    pub framework_id: i64,
    /// `not_started`, `in_progress`, `submitted` or `confirmed_non_submission`.
    pub state: &'static str,
    /// The return that answered it, when this token may read that return (it may
    /// have gone to another partnership of a region only).
    pub return_id: Option<i64>,
    /// The reason recorded for a confirmed non-submission.
    pub non_submission_reason: Option<String>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct InvitationList {
    pub items: Vec<InvitationOut>,
    pub paging: Paging,
}

/// The cycles the token's partnership takes part in, newest first.
#[utoipa::path(
    get, path = "/api/v1/cycles", tag = "cycles", params(PageQuery),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "A page of the partnership's cycles", body = CycleList),
        (status = 400, description = "The paging asked for is not a page", body = ErrorBody),
        (status = 401, description = "No token, or one unknown, expired or revoked", body = ErrorBody),
        (status = 429, description = "Too many calls; see Retry-After", body = ErrorBody),
    )
)]
pub async fn list(
    caller: Caller,
    State(state): State<AppState>,
    Query(query): Query<PageQuery>,
) -> Result<Json<CycleList>, ApiError> {
    let request = query.request()?;
    let partnership = access::partnership(&caller)?;
    // The pages' list, which already stops at 200 cycles (a century of annual ones).
    let rows = cycle_store::of_partnership(&state.db, partnership).await?;
    let (rows, paging) = slice(rows, request, "/api/v1/cycles");
    Ok(Json(CycleList { items: rows.iter().map(CycleOut::of).collect(), paging }))
}

/// One cycle: its dates, the partnerships taking part and how many invitations are
/// in each state.
#[utoipa::path(
    get, path = "/api/v1/cycles/{id}", tag = "cycles",
    params(("id" = i64, Path, description = "The cycle")),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The cycle", body = CycleDetail),
        (status = 401, description = "No token, or one unknown, expired or revoked", body = ErrorBody),
        (status = 404, description = "No cycle this token's partnership takes part in", body = ErrorBody),
        (status = 429, description = "Too many calls; see Retry-After", body = ErrorBody),
    )
)]
pub async fn show(
    caller: Caller,
    State(state): State<AppState>,
    Path(id): Path<i64>,
) -> Result<Json<CycleDetail>, ApiError> {
    let loaded = access::cycle(&caller, &state, id).await?;
    let invitations = cycle_store::invitations(&state.db, id).await?;
    let counts = InvitationState::ALL
        .iter()
        .map(|s| StateCount { state: s.code(), count: invitations.iter().filter(|i| i.state == *s).count() })
        .collect();
    Ok(Json(CycleDetail {
        cycle: CycleOut::of(&loaded.cycle),
        partnerships: loaded.partnerships.into_iter().map(|(id, name)| PartnershipOut { id, name }).collect(),
        invitations: counts,
    }))
}

/// A cycle's invitations by organisation name, each with its state.
#[utoipa::path(
    get, path = "/api/v1/cycles/{id}/invitations", tag = "cycles",
    params(("id" = i64, Path, description = "The cycle"), PageQuery),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "A page of the cycle's invitations", body = InvitationList),
        (status = 400, description = "The paging asked for is not a page", body = ErrorBody),
        (status = 401, description = "No token, or one unknown, expired or revoked", body = ErrorBody),
        (status = 404, description = "No cycle this token's partnership takes part in", body = ErrorBody),
        (status = 429, description = "Too many calls; see Retry-After", body = ErrorBody),
    )
)]
pub async fn invitations(
    caller: Caller,
    State(state): State<AppState>,
    Path(id): Path<i64>,
    Query(query): Query<PageQuery>,
) -> Result<Json<InvitationList>, ApiError> {
    let request = query.request()?;
    let loaded = access::cycle(&caller, &state, id).await?;
    let readable = returns_visible_to(&state.db, &loaded.reader).await?;
    // The cycle page's list (at most 5,000, an area's organisations), paged here.
    let all = cycle_store::invitations(&state.db, id).await?;
    let (page, paging) = slice(all, request, &format!("/api/v1/cycles/{id}/invitations"));
    let items = page
        .into_iter()
        .map(|i: Invitation| InvitationOut {
            id: i.id,
            organisation_id: i.organisation_id,
            organisation_name: i.organisation_name,
            sector: i.sector.code().to_owned(),
            duty_status: i.duty_status.code().to_owned(),
            framework_id: i.framework_id,
            state: i.state.code(),
            return_id: i.return_id.filter(|r| readable.contains(r)),
            non_submission_reason: i.non_submission_reason,
        })
        .collect();
    Ok(Json(InvitationList { items, paging }))
}
