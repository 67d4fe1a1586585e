//! Reading frameworks: the list, one version (on screen and for print), its file, and
//! what changed since the version before. Publishing and deleting drafts.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Query, State};
use axum::http::header;
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;

use super::store::{self, Stored, Summary};
use crate::web::AppState;
use crate::web::error::AppError;
use crate::web::page::{Ctx, Page, SignedIn};
use crate::web::path::Path;
use osa_core::access::Action;
use osa_core::framework::{self, Changes, Criterion};

fn can_manage(user: &SignedIn, summary: &Summary) -> bool {
    user.principal.decide(Action::ManageFramework { owner: summary.owner_partnership_id }).is_allowed()
}

#[derive(Template, WebTemplate)]
#[template(path = "frameworks/list.html")]
pub struct ListPage {
    page: Page,
    versions: Vec<Summary>,
    can_import: bool,
}

pub async fn list(ctx: Ctx, State(state): State<AppState>) -> Result<ListPage, AppError> {
    let user = ctx.require(Action::ViewFrameworks)?;
    let versions = store::list(&state.db)
        .await?
        .into_iter()
        .filter(|s| s.is_published() || can_manage(user, s))
        .collect();
    let can_import = user.principal.decide(Action::ImportFrameworks).is_allowed();
    Ok(ListPage { page: ctx.page("Frameworks"), versions, can_import })
}

/// Loads a version the person may see: published ones for everyone signed in, drafts
/// for those who manage them (to anyone else a draft does not exist).
async fn visible(ctx: &Ctx, state: &AppState, id: i64) -> Result<(Stored, bool), AppError> {
    let user = ctx.require(Action::ViewFrameworks)?;
    let stored = store::load(&state.db, id).await?.ok_or(AppError::NotFound)?;
    let manage = can_manage(user, &stored.summary);
    if !stored.summary.is_published() && !manage {
        return Err(AppError::NotFound);
    }
    Ok((stored, manage))
}

/// A criterion with the words its page shows.
pub struct CriterionView<'a> {
    pub c: &'a Criterion,
    pub answer: &'static str,
    pub applies_to: String,
    pub maps_to: Vec<String>,
}

impl<'a> CriterionView<'a> {
    fn new(c: &'a Criterion) -> Self {
        let mut applies: Vec<&str> = c.sectors.iter().map(|s| s.label()).collect();
        applies.extend(c.duty.iter().map(|d| d.label()));
        let answer = match (c.answer, c.not_applicable) {
            (framework::AnswerType::Rating, true) => "Rating (met, partially met, not met or not applicable)",
            (framework::AnswerType::Rating, false) => "Rating (met, partially met or not met)",
            (framework::AnswerType::Percentage, _) => "Percentage",
            (framework::AnswerType::YesNo, _) => "Yes or no",
            (framework::AnswerType::Number, _) => "Number",
            (framework::AnswerType::Text, _) => "Text",
        };
        CriterionView {
            c,
            answer,
            applies_to: if applies.is_empty() { "All organisations".into() } else { applies.join(", ") },
            maps_to: c.maps_to.iter().map(|m| format!("{} {}", m.framework, m.criterion)).collect(),
        }
    }
}

pub struct StandardView<'a> {
    pub code: &'a str,
    pub title: &'a str,
    pub outcome: &'a str,
    pub criteria: Vec<CriterionView<'a>>,
}

fn views(stored: &Stored) -> Vec<StandardView<'_>> {
    stored
        .framework
        .standards
        .iter()
        .map(|s| StandardView {
            code: &s.code,
            title: &s.title,
            outcome: &s.outcome,
            criteria: s.criteria.iter().map(CriterionView::new).collect(),
        })
        .collect()
}

#[derive(Template, WebTemplate)]
#[template(path = "frameworks/show.html")]
pub struct ShowPage<'a> {
    page: Page,
    summary: &'a Summary,
    description: &'a str,
    standards: Vec<StandardView<'a>>,
    manage: bool,
    print: bool,
    has_previous: bool,
}

async fn render(ctx: Ctx, state: AppState, id: i64, print: bool) -> Result<Response, AppError> {
    let (stored, manage) = visible(&ctx, &state, id).await?;
    let has_previous =
        store::previous(&state.db, &stored.summary.key, stored.summary.version).await?.is_some();
    let title = format!("{} (version {})", stored.summary.name, stored.summary.version);
    let page = ShowPage {
        page: ctx.page(title),
        summary: &stored.summary,
        description: &stored.framework.description,
        standards: views(&stored),
        manage: manage && !print,
        print,
        has_previous,
    };
    Ok(page.into_response())
}

pub async fn show(
    ctx: Ctx,
    State(state): State<AppState>,
    Path(id): Path<i64>,
) -> Result<Response, AppError> {
    render(ctx, state, id, false).await
}

pub async fn print(
    ctx: Ctx,
    State(state): State<AppState>,
    Path(id): Path<i64>,
) -> Result<Response, AppError> {
    render(ctx, state, id, true).await
}

pub async fn export(
    ctx: Ctx,
    State(state): State<AppState>,
    Path(id): Path<i64>,
) -> Result<Response, AppError> {
    let (stored, _) = visible(&ctx, &state, id).await?;
    let filename = format!("{}-v{}.toml", stored.summary.key, stored.summary.version);
    Ok((
        [
            (header::CONTENT_TYPE, "application/toml; charset=utf-8".to_owned()),
            (header::CONTENT_DISPOSITION, format!("attachment; filename=\"{filename}\"")),
        ],
        framework::to_toml(&stored.framework),
    )
        .into_response())
}

#[derive(Deserialize)]
pub struct ChangesParams {
    from: Option<i64>,
}

#[derive(Template, WebTemplate)]
#[template(path = "frameworks/changes.html")]
pub struct ChangesPage {
    page: Page,
    old: Summary,
    new: Summary,
    changes: Changes,
}

pub async fn changes(
    ctx: Ctx,
    State(state): State<AppState>,
    Path(id): Path<i64>,
    Query(params): Query<ChangesParams>,
) -> Result<ChangesPage, AppError> {
    let (new, _) = visible(&ctx, &state, id).await?;
    let from = match params.from {
        Some(from) => from,
        None => {
            store::previous(&state.db, &new.summary.key, new.summary.version)
                .await?
                .ok_or(AppError::NotFound)?
                .id
        }
    };
    let (old, _) = visible(&ctx, &state, from).await?;
    let changes = framework::compare(&old.framework, &new.framework);
    Ok(ChangesPage {
        page: ctx.page(format!("Changes in {} version {}", new.summary.name, new.summary.version)),
        old: old.summary,
        new: new.summary,
        changes,
    })
}

async fn managed(ctx: &Ctx, state: &AppState, id: i64) -> Result<(i64, Summary), AppError> {
    let user = ctx.require(Action::ViewFrameworks)?;
    let summary = store::summary(&state.db, id).await?.ok_or(AppError::NotFound)?;
    if !summary.is_published() && !can_manage(user, &summary) {
        return Err(AppError::NotFound);
    }
    AppError::check(user.principal.decide(Action::ManageFramework { owner: summary.owner_partnership_id }))?;
    Ok((user.id, summary))
}

pub async fn publish(
    ctx: Ctx,
    State(state): State<AppState>,
    Path(id): Path<i64>,
) -> Result<Redirect, AppError> {
    let (actor, summary) = managed(&ctx, &state, id).await?;
    let mut tx = state.db.begin().await?;
    let done = store::publish(&mut tx, actor, id).await?;
    tx.commit().await?;
    if done {
        ctx.flash("success", format!("{} version {} is published", summary.name, summary.version)).await?;
    } else {
        ctx.flash("important", "This version was already published: published versions never change").await?;
    }
    Ok(Redirect::to(&format!("/frameworks/{id}")))
}

pub async fn delete(
    ctx: Ctx,
    State(state): State<AppState>,
    Path(id): Path<i64>,
) -> Result<Redirect, AppError> {
    let (actor, summary) = managed(&ctx, &state, id).await?;
    let mut tx = state.db.begin().await?;
    let done = store::delete_draft(&mut tx, actor, id).await?;
    tx.commit().await?;
    if done {
        ctx.flash(
            "success",
            format!("The draft of {} version {} was deleted", summary.name, summary.version),
        )
        .await?;
        Ok(Redirect::to("/frameworks"))
    } else {
        ctx.flash("important", "Published versions cannot be deleted").await?;
        Ok(Redirect::to(&format!("/frameworks/{id}")))
    }
}
