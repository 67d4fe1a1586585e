//! Who reads an action plan, and how: the organisation's own people as the assessment
//! decides (`assessments::access::read`), and, read-only, the staff of every
//! partnership whose area the organisation serves, so the progress that six-monthly
//! updates report on is in front of the partnership between updates. The rule is
//! `Action::ViewActionPlan`, over the same approved areas as `ViewOrganisation`.
//! Every route that changes a plan loads through `assessments::access::edit`, which
//! refuses partnership staff.

use crate::assessments::access::{self, Loaded};
use crate::assessments::store as assessment_store;
use crate::frameworks::store as framework_store;
use crate::organisations::store as org_queries;
use crate::web::AppState;
use crate::web::error::AppError;
use crate::web::page::Ctx;
use osa_core::access::{Action, Principal};

/// An assessment loaded for reading its plan.
pub(crate) struct PlanLoaded {
    pub loaded: Loaded,
    /// Whether the organisation's own reader may also change the plan.
    pub may_edit: bool,
    /// Read by a partnership the organisation serves, not by its own people: no
    /// controls that change anything, and the way back is the organisation's page.
    pub partnership_reader: bool,
}

pub(crate) async fn load_plan(ctx: &Ctx, state: &AppState, id: i64) -> Result<PlanLoaded, AppError> {
    let (reader, partnership_reader) = access::read_plan(ctx, state, id).await?;
    let may_edit = reader.may_edit();
    Ok(PlanLoaded { loaded: reader.into_loaded(), may_edit, partnership_reader })
}

/// Whether `principal` may read an organisation's action plans: the rule of every
/// plan page (`Action::ViewActionPlan` over the organisation's approved areas), also
/// asked by the API for a token's principal.
pub async fn check_plans_readable(
    principal: &Principal,
    state: &AppState,
    organisation: i64,
) -> Result<(), AppError> {
    let areas = org_queries::area_ids(&state.db, organisation).await?;
    AppError::check(principal.decide(Action::ViewActionPlan { organisation, areas: &areas }))
}

/// The organisation's action plans (one per assessment) a partnership reader may open
/// from its page: (assessment, framework name). Empty for anyone who reads the plans
/// from the organisation's own assessments instead.
pub async fn plans_to_read(
    ctx: &Ctx,
    state: &AppState,
    organisation: i64,
    areas: &[i64],
) -> Result<Vec<(i64, String)>, AppError> {
    let principal = &ctx.user()?.principal;
    let reader = principal.decide(Action::ViewActionPlan { organisation, areas }).is_allowed()
        && !principal.decide(Action::ViewAssessment { organisation }).is_allowed();
    if !reader {
        return Ok(Vec::new());
    }
    let versions = framework_store::list(&state.db).await?;
    Ok(assessment_store::of_organisation(&state.db, organisation)
        .await?
        .into_iter()
        .map(|a| {
            let name = versions.iter().find(|v| v.id == a.framework_id).map(|v| v.name.clone());
            (a.id, name.unwrap_or(a.framework_key))
        })
        .collect())
}
