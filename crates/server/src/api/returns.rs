//! The API's returns: a cycle's returns the token may read with each standard's
//! standing, and one return's answers as it was signed off. Which returns: the one
//! visibility rule (`cycles::visible::returns_visible_to`) for a cycle's list, and
//! the return reading pages' rule (`challenges::access`) for one return.

use std::collections::BTreeMap;

use axum::Json;
use axum::extract::State;
use axum_extra::extract::Query;
use serde::Serialize;
use utoipa::ToSchema;

use super::access;
use super::calls::Caller;
use super::cycles::PartnershipOut;
use super::error::{ApiError, ErrorBody};
use super::paging::{PageQuery, Paging, slice};
use super::store;
use crate::cycles::store as cycle_store;
use crate::cycles::visible::returns_visible_to;
use crate::web::AppState;
use crate::web::path::Path;
use osa_core::report::parse_snapshot;

#[derive(Debug, Serialize, ToSchema)]
pub struct StandingOut {
    /// The standard's code in its framework.
    pub standard: String,
    /// `green`, `amber` or `red`; none when the standard does not apply.
    pub standing: Option<String>,
    /// False when the organisation answered the whole standard not applicable.
    pub applies: bool,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ReturnSummary {
    pub return_id: i64,
    pub invitation_id: i64,
    pub organisation_id: i64,
    pub organisation_name: String,
    pub framework_id: i64,
    /// When it was submitted (RFC 3339).
    pub submitted_at: Option<String>,
    pub standings: Vec<StandingOut>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ReturnList {
    pub items: Vec<ReturnSummary>,
    pub paging: Paging,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct AnswerOut {
    /// The criterion's code (or a local question's).
    pub criterion: String,
    /// `met`, `partially_met`, `not_met` or `not_applicable`, for a rated criterion.
    pub rating: Option<String>,
    pub yes_no: Option<bool>,
    /// A percentage or a count, for a numeric criterion.
    pub number: Option<f64>,
    pub text: Option<String>,
    /// The narrative evidence.
    pub narrative: String,
    pub improvement_action: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ReturnDetail {
    pub id: i64,
    pub organisation_id: i64,
    pub framework_id: i64,
    /// `signed_off` or `submitted`.
    pub state: String,
    pub signed_off_at: String,
    pub submitted_at: Option<String>,
    /// The partnerships it was submitted to.
    pub sent_to: Vec<PartnershipOut>,
    /// Every answer, by criterion code.
    pub answers: Vec<AnswerOut>,
}

/// The returns of a cycle this token may read (those sent to its partnership), by
/// organisation name, with each standard's standing.
#[utoipa::path(
    get, path = "/api/v1/cycles/{id}/returns", tag = "returns",
    params(("id" = i64, Path, description = "The cycle"), PageQuery),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "A page of the cycle's returns", body = ReturnList),
        (status = 400, description = "The paging asked for is not a page", body = ErrorBody),
        (status = 401, description = "No token, or one unknown, expired or revoked", body = ErrorBody),
        (status = 404, description = "No cycle this token's partnership takes part in", body = ErrorBody),
        (status = 429, description = "Too many calls; see Retry-After", body = ErrorBody),
    )
)]
pub async fn of_cycle(
    caller: Caller,
    State(state): State<AppState>,
    Path(id): Path<i64>,
    Query(query): Query<PageQuery>,
) -> Result<Json<ReturnList>, ApiError> {
    let request = query.request()?;
    let loaded = access::cycle(&caller, &state, id).await?;
    let visible = returns_visible_to(&state.db, &loaded.reader).await?;
    let answered: Vec<_> = cycle_store::invitations(&state.db, id)
        .await?
        .into_iter()
        .filter(|i| i.return_id.is_some_and(|r| visible.contains(&r)))
        .collect();
    let (page, paging) = slice(answered, request, &format!("/api/v1/cycles/{id}/returns"));
    let ids: Vec<i64> = page.iter().filter_map(|i| i.return_id).collect();
    let mut by_return: BTreeMap<i64, Vec<StandingOut>> = BTreeMap::new();
    for (return_id, standard, standing, applies) in store::standings(&state.db, &ids).await? {
        let standing = applies.then_some(standing);
        by_return.entry(return_id).or_default().push(StandingOut { standard, standing, applies });
    }
    let items = page
        .into_iter()
        .filter_map(|i| {
            let return_id = i.return_id?;
            Some(ReturnSummary {
                return_id,
                invitation_id: i.id,
                organisation_id: i.organisation_id,
                organisation_name: i.organisation_name,
                framework_id: i.framework_id,
                submitted_at: i.return_submitted_at.map(super::rfc3339),
                standings: by_return.remove(&return_id).unwrap_or_default(),
            })
        })
        .collect();
    Ok(Json(ReturnList { items, paging }))
}

/// One return's answers as signed off, if this token may read it.
#[utoipa::path(
    get, path = "/api/v1/returns/{id}", tag = "returns",
    params(("id" = i64, Path, description = "The return")),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The return", body = ReturnDetail),
        (status = 401, description = "No token, or one unknown, expired or revoked", body = ErrorBody),
        (status = 404, description = "No return sent to this token's partnership", body = ErrorBody),
        (status = 429, description = "Too many calls; see Retry-After", body = ErrorBody),
    )
)]
pub async fn show(
    caller: Caller,
    State(state): State<AppState>,
    Path(id): Path<i64>,
) -> Result<Json<ReturnDetail>, ApiError> {
    let loaded = access::one_return(&caller, &state, id).await?;
    let record = &loaded.record;
    let snapshot = parse_snapshot(&record.snapshot).map_err(|e| ApiError::Internal(e.into()))?;
    let mut answers: Vec<AnswerOut> = snapshot
        .answers
        .into_iter()
        .map(|(criterion, a)| AnswerOut {
            criterion,
            rating: a.rating.map(|r| r.code().to_owned()),
            yes_no: a.yes_no,
            number: a.number,
            text: a.text,
            narrative: a.narrative,
            improvement_action: a.improvement_action,
        })
        .collect();
    answers.sort_by(|a, b| a.criterion.cmp(&b.criterion));
    Ok(Json(ReturnDetail {
        id,
        organisation_id: record.organisation_id,
        framework_id: record.framework_id,
        state: record.state.clone(),
        signed_off_at: super::rfc3339(record.signed_off_at),
        submitted_at: record.submitted_at.map(super::rfc3339),
        sent_to: loaded
            .sent_to
            .iter()
            .map(|(id, name)| PartnershipOut { id: *id, name: name.clone() })
            .collect(),
        answers,
    }))
}
