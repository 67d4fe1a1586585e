//! The API's figures of a cycle: the response rate and, per framework asked for, each
//! standard's shares of fully, partially and not met. They are the dashboard's own
//! (`cycles::dashboard::compute`, unfiltered, as the token's partnership's analysts
//! see the dashboard), so a BI tool and the dashboard never disagree.

use axum::Json;
use axum::extract::State;
use serde::Serialize;
use utoipa::ToSchema;

use super::access;
use super::calls::Caller;
use super::error::{ApiError, ErrorBody};
use crate::cycles::dashboard::compute;
use crate::web::AppState;
use crate::web::path::Path;
use osa_core::analytics::{Filter, ResponseRate, Share};

#[derive(Debug, Serialize, ToSchema)]
pub struct RateOut {
    pub invited: usize,
    pub submitted: usize,
    pub in_progress: usize,
    pub not_started: usize,
    /// Exempt in advance, counted apart.
    pub confirmed_non_submission: usize,
    /// Submitted of invited, as a whole percentage (as the dashboard rounds it).
    pub rate_percent: u32,
}

impl RateOut {
    fn of(rate: &ResponseRate) -> RateOut {
        RateOut {
            invited: rate.invited,
            submitted: rate.submitted,
            in_progress: rate.in_progress,
            not_started: rate.not_started,
            confirmed_non_submission: rate.confirmed_non_submission,
            rate_percent: rate.rate_percent,
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ShareOut {
    pub count: usize,
    /// Of `counted`, as a whole percentage.
    pub percent: u32,
}

impl ShareOut {
    fn of(share: Share) -> ShareOut {
        ShareOut { count: share.count, percent: share.percent }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct StandardFigures {
    pub code: String,
    pub title: String,
    /// Submitted returns the standard applies to: what every share divides by.
    pub counted: usize,
    pub not_applicable: usize,
    pub not_asked: usize,
    pub fully_met: ShareOut,
    pub partially_met: ShareOut,
    pub not_met: ShareOut,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct SectionFigures {
    pub framework_id: i64,
    pub framework: String,
    /// Whether this is the cycle's main framework (always the first).
    pub main: bool,
    /// Of the organisations asked for this framework.
    pub response_rate: RateOut,
    pub standards: Vec<StandardFigures>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct CycleFigures {
    pub cycle_id: i64,
    /// Invited organisations whose returns went only to partnerships this token does
    /// not read for, left out of every figure (as on the dashboard).
    pub sent_elsewhere: usize,
    /// Every invited organisation, whatever framework it was asked for.
    pub response_rate: RateOut,
    pub sections: Vec<SectionFigures>,
}

/// The dashboard's figures of a cycle, as the token's partnership's analysts see them.
#[utoipa::path(
    get, path = "/api/v1/cycles/{id}/figures", tag = "figures",
    params(("id" = i64, Path, description = "The cycle")),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The cycle's figures", body = CycleFigures),
        (status = 401, description = "No token, or one unknown, expired or revoked", body = ErrorBody),
        (status = 404, description = "No cycle this token's partnership takes part in", body = ErrorBody),
        (status = 429, description = "Too many calls; see Retry-After", body = ErrorBody),
    )
)]
pub async fn show(
    caller: Caller,
    State(state): State<AppState>,
    Path(id): Path<i64>,
) -> Result<Json<CycleFigures>, ApiError> {
    let loaded = access::cycle(&caller, &state, id).await?;
    let figures =
        compute(&state.db, &loaded.cycle, &loaded.partnerships, &Filter::default(), &caller.principal)
            .await?;
    let sections = figures
        .sections
        .iter()
        .map(|s| SectionFigures {
            framework_id: s.framework_id,
            framework: s.name.clone(),
            main: s.main,
            response_rate: RateOut::of(&s.rate),
            standards: s
                .shares
                .iter()
                .map(|t| StandardFigures {
                    code: t.standard.code.clone(),
                    title: t.standard.title.clone(),
                    counted: t.counted,
                    not_applicable: t.not_applicable,
                    not_asked: t.not_asked,
                    fully_met: ShareOut::of(t.shares[0]),
                    partially_met: ShareOut::of(t.shares[1]),
                    not_met: ShareOut::of(t.shares[2]),
                })
                .collect(),
        })
        .collect();
    Ok(Json(CycleFigures {
        cycle_id: id,
        sent_elsewhere: figures.sent_elsewhere,
        response_rate: RateOut::of(&figures.rate),
        sections,
    }))
}
