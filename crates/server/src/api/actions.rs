//! The API's actions: an organisation's action plans (read as the partnership reads
//! them between six-monthly updates, `action_plans::access`), and a cycle's
//! partnership actions (read as the cycle's staff read them, `cycles::access`).

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
use crate::action_plans::access::check_plans_readable;
use crate::action_plans::store as plan_store;
use crate::assessments::store as assessment_store;
use crate::partnership_actions::store::{self as partnership_action_store, Filter};
use crate::web::AppState;
use crate::web::path::Path;
use osa_core::partnership_action::is_overdue;

#[derive(Debug, Serialize, ToSchema)]
pub struct ActionOut {
    pub id: i64,
    /// The self-assessment (one per framework) whose plan holds it.
    pub assessment_id: i64,
    pub framework_id: i64,
    /// The amber or red criterion it was made from; none for one added by hand or
    /// agreed at a meeting.
    pub criterion: Option<String>,
    pub what: String,
    pub responsible_lead: String,
    pub target_date: Option<String>,
    pub expected_outcome: String,
    pub impact_measure: String,
    /// `not_started`, `in_progress`, `completed`, and so on, as the plan says.
    pub status: String,
    /// Where an action not made from a criterion came from, in words.
    pub origin: Option<String>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ActionList {
    pub items: Vec<ActionOut>,
    pub paging: Paging,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct PartnershipActionOut {
    pub id: i64,
    pub partnership_id: i64,
    pub partnership_name: String,
    pub title: String,
    pub description: String,
    pub lead_group: String,
    pub lead_person: String,
    pub target_date: String,
    /// `not_started`, `in_progress`, `completed`, and so on.
    pub status: String,
    /// Not completed and past its target date.
    pub overdue: bool,
    /// The expected outcome and the evidence of impact.
    pub evidence: String,
    pub theme: Option<String>,
    pub updated_at: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct PartnershipActionList {
    pub items: Vec<PartnershipActionOut>,
    pub paging: Paging,
}

/// Every action of an organisation's action plans, plan by plan, as the staff of a
/// partnership whose area it serves read them.
#[utoipa::path(
    get, path = "/api/v1/organisations/{id}/actions", tag = "actions",
    params(("id" = i64, Path, description = "The organisation"), PageQuery),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "A page of the organisation's actions", body = ActionList),
        (status = 400, description = "The paging asked for is not a page", body = ErrorBody),
        (status = 401, description = "No token, or one unknown, expired or revoked", body = ErrorBody),
        (status = 404, description = "No organisation serving this token's partnership", body = ErrorBody),
        (status = 429, description = "Too many calls; see Retry-After", body = ErrorBody),
    )
)]
pub async fn of_organisation(
    caller: Caller,
    State(state): State<AppState>,
    Path(id): Path<i64>,
    Query(query): Query<PageQuery>,
) -> Result<Json<ActionList>, ApiError> {
    let request = query.request()?;
    check_plans_readable(&caller.principal, &state, id).await?;
    // An organisation has one assessment per framework, each plan capped at 1,000.
    let mut all = Vec::new();
    for assessment in assessment_store::of_organisation(&state.db, id).await? {
        for row in plan_store::list(&state.db, assessment.id).await? {
            all.push(ActionOut {
                id: row.id,
                assessment_id: assessment.id,
                framework_id: assessment.framework_id,
                criterion: row.criterion_code,
                what: row.what,
                responsible_lead: row.responsible_lead,
                target_date: row.target_date.map(|d| d.to_string()),
                expected_outcome: row.expected_outcome,
                impact_measure: row.impact_measure,
                status: row.status.code().to_owned(),
                origin: row.origin,
            });
        }
    }
    let (items, paging) = slice(all, request, &format!("/api/v1/organisations/{id}/actions"));
    Ok(Json(ActionList { items, paging }))
}

/// A cycle's partnership actions, soonest target first.
#[utoipa::path(
    get, path = "/api/v1/cycles/{id}/partnership-actions", tag = "actions",
    params(("id" = i64, Path, description = "The cycle"), PageQuery),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "A page of the cycle's partnership actions", body = PartnershipActionList),
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
) -> Result<Json<PartnershipActionList>, ApiError> {
    let request = query.request()?;
    access::cycle(&caller, &state, id).await?;
    let today = OffsetDateTime::now_utc().date();
    let total = partnership_action_store::count(&state.db, id).await?;
    let rows = partnership_action_store::list(
        &state.db,
        id,
        &Filter::default(),
        today,
        request.per_page,
        request.offset(),
    )
    .await?;
    let items = rows
        .into_iter()
        .map(|row| PartnershipActionOut {
            overdue: is_overdue(row.status(), row.target_date, today),
            id: row.id,
            partnership_id: row.partnership_id,
            partnership_name: row.partnership_name,
            title: row.title,
            description: row.description,
            lead_group: row.lead_group,
            lead_person: row.lead_person,
            target_date: row.target_date.to_string(),
            status: row.status.code().to_owned(),
            evidence: row.evidence,
            theme: row.theme_name,
            updated_at: super::rfc3339(row.updated_at),
        })
        .collect();
    let paging = Paging::of(request, total, &format!("/api/v1/cycles/{id}/partnership-actions"));
    Ok(Json(PartnershipActionList { items, paging }))
}
