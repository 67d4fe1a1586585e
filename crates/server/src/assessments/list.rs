//! An organisation's self-assessments: those started, those asked for by its
//! partnerships' cycles, and starting one.

use askama::Template;
use askama_web::WebTemplate;
use axum::Form;
use axum::extract::State;
use axum::response::Redirect;
use serde::Deserialize;

use super::requests::{ReturnRequest, return_requests};
use super::store;
use crate::db::Db;
use crate::frameworks::store::{self as framework_store, Summary};
use crate::organisations::store::{self as org_queries, Organisation};
use crate::web::AppState;
use crate::web::error::AppError;
use crate::web::page::{Ctx, Page};
use crate::web::path::Path;
use osa_core::access::Action;
use osa_core::framework::Audience;

pub struct AssessmentLink {
    pub id: i64,
    pub name: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "assessments/list.html")]
pub struct ListPage {
    page: Page,
    pub organisation: Organisation,
    started: Vec<AssessmentLink>,
    available: Vec<Summary>,
    pub can_edit: bool,
    can_compare: bool,
    requests: Vec<ReturnRequest>,
    /// Open practitioner surveys, for the lead to pass on.
    surveys: Vec<crate::surveys::LeadLink>,
}

pub async fn list(
    ctx: Ctx,
    State(state): State<AppState>,
    Path(id): Path<i64>,
) -> Result<ListPage, AppError> {
    let user = ctx.require(Action::ViewAssessment { organisation: id })?;
    let can_edit = user.principal.decide(Action::EditAssessment { organisation: id }).is_allowed();
    refuse_record(&state.db, id).await?;
    let organisation = org_queries::get(&state.db, id).await?.ok_or(AppError::NotFound)?;
    let assessments = store::of_organisation(&state.db, id).await?;
    let versions = framework_store::list(&state.db).await?;
    let started: Vec<AssessmentLink> = assessments
        .iter()
        .map(|a| AssessmentLink {
            id: a.id,
            name: versions
                .iter()
                .find(|v| v.id == a.framework_id)
                .map(|v| v.name.clone())
                .unwrap_or_else(|| a.framework_key.clone()),
        })
        .collect();
    let requests = return_requests(&state.db, id, &assessments, &versions, can_edit).await?;
    // What is asked for is started from its request above; the list below offers only
    // the other frameworks, so nobody starts the wrong one by mistake.
    let requested: std::collections::HashSet<String> = requests
        .iter()
        .filter_map(|r| r.start.and_then(|v| versions.iter().find(|f| f.id == v)))
        .map(|f| f.key.clone())
        .collect();
    let mut seen = std::collections::HashSet::new();
    let available = versions
        .into_iter()
        .filter(|v| v.is_published() && v.audience != Audience::Partnership.code())
        .filter(|v| seen.insert(v.key.clone()))
        .filter(|v| !assessments.iter().any(|a| a.framework_key == v.key))
        .filter(|v| !requested.contains(&v.key))
        .collect();
    let surveys = if can_edit { crate::surveys::links_for_lead(&state, id).await? } else { Vec::new() };
    Ok(ListPage {
        page: ctx.page(format!("Self-assessments – {}", organisation.name)),
        organisation,
        started,
        available,
        can_edit,
        can_compare: user
            .principal
            .decide(Action::ViewStandard { organisation: id, delegated: false })
            .is_allowed(),
        requests,
        surveys,
    })
}

/// A partnership's record has no organisation's list of assessments: its one
/// assessment is started and reached from the partnership's pages, and only with a
/// framework written for partnerships.
async fn refuse_record(db: &Db, organisation: i64) -> Result<(), AppError> {
    match crate::partnership_self::store::partnership_of(db, organisation).await? {
        Some(_) => Err(AppError::NotFound),
        None => Ok(()),
    }
}

/// The framework chosen to start an assessment with, by an organisation or (in
/// `partnership_self`) a partnership.
#[derive(Deserialize)]
pub struct StartForm {
    #[serde(default)]
    framework: String,
}

impl StartForm {
    /// The published framework version the form names; not found otherwise.
    pub(crate) async fn published(&self, db: &Db) -> Result<Summary, AppError> {
        let framework_id: i64 = self.framework.parse().map_err(|_| AppError::NotFound)?;
        let summary = framework_store::summary(db, framework_id).await?.ok_or(AppError::NotFound)?;
        if summary.is_published() { Ok(summary) } else { Err(AppError::NotFound) }
    }
}

pub async fn start(
    ctx: Ctx,
    State(state): State<AppState>,
    Path(id): Path<i64>,
    Form(form): Form<StartForm>,
) -> Result<Redirect, AppError> {
    let user = ctx.require(Action::EditAssessment { organisation: id })?;
    refuse_record(&state.db, id).await?;
    org_queries::get(&state.db, id).await?.ok_or(AppError::NotFound)?;
    let summary = form.published(&state.db).await?;
    if summary.audience == Audience::Partnership.code() {
        return Err(AppError::NotFound);
    }
    let assessment = store::start(&state.db, id, &summary.key, summary.id, user.id).await?;
    Ok(Redirect::to(&format!("/assessments/{assessment}")))
}
