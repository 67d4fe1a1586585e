//! The partnership's self-assessment page: what it is, each partnership framework
//! with its assessment or (for an admin) a button to start it.

use askama::Template;
use askama_web::WebTemplate;
use axum::Form;
use axum::extract::State;
use axum::response::Redirect;

use super::store;
use crate::assessments::list::StartForm;
use crate::assessments::store as assessment_store;
use crate::frameworks::store::{self as framework_store, Summary};
use crate::partnerships::store::{self as partnership_queries, Partnership};
use crate::web::AppState;
use crate::web::error::AppError;
use crate::web::page::{Ctx, Page};
use crate::web::path::Path;
use osa_core::access::Action;
use osa_core::framework::Audience;

/// One partnership framework, and the partnership's assessment of it if started.
pub struct Offered {
    pub framework: Summary,
    pub assessment: Option<i64>,
}

#[derive(Template, WebTemplate)]
#[template(path = "partnership_self/show.html")]
pub struct ShowPage {
    page: Page,
    partnership: Partnership,
    offered: Vec<Offered>,
    can_start: bool,
}

/// The newest published version of each framework written for partnerships.
async fn partnership_frameworks(state: &AppState) -> Result<Vec<Summary>, AppError> {
    let mut seen = std::collections::HashSet::new();
    Ok(framework_store::list(&state.db)
        .await?
        .into_iter()
        .filter(|v| v.is_published() && v.audience == Audience::Partnership.code())
        .filter(|v| seen.insert(v.key.clone()))
        .collect())
}

pub async fn show(
    ctx: Ctx,
    State(state): State<AppState>,
    Path(id): Path<i64>,
) -> Result<ShowPage, AppError> {
    let user = ctx.require(Action::ViewPartnership { partnership: id })?;
    let partnership = partnership_queries::get(&state.db, id).await?.ok_or(AppError::NotFound)?;
    let can_start = user.principal.decide(Action::ManagePartnership { partnership: id }).is_allowed();
    let started = match store::record_of(&state.db, id).await? {
        Some(record) => assessment_store::of_organisation(&state.db, record).await?,
        None => Vec::new(),
    };
    let offered = partnership_frameworks(&state)
        .await?
        .into_iter()
        .map(|framework| Offered {
            assessment: started.iter().find(|a| a.framework_key == framework.key).map(|a| a.id),
            framework,
        })
        .collect();
    Ok(ShowPage {
        page: ctx.page(format!("Self-assessment – {}", partnership.name)),
        partnership,
        offered,
        can_start,
    })
}

/// Starts the partnership's assessment of a partnership framework (or opens the one
/// it has): only frameworks written for partnerships, and only by its admins.
pub async fn start(
    ctx: Ctx,
    State(state): State<AppState>,
    Path(id): Path<i64>,
    Form(form): Form<StartForm>,
) -> Result<Redirect, AppError> {
    let user = ctx.require(Action::ManagePartnership { partnership: id })?;
    let partnership = partnership_queries::get(&state.db, id).await?.ok_or(AppError::NotFound)?;
    let summary = form.published(&state.db).await?;
    if summary.audience != Audience::Partnership.code() {
        return Err(AppError::NotFound);
    }
    let record = store::ensure(&state.db, id, &partnership.name, user.id).await?;
    let assessment = assessment_store::start(&state.db, record, &summary.key, summary.id, user.id).await?;
    Ok(Redirect::to(&format!("/assessments/{assessment}")))
}
