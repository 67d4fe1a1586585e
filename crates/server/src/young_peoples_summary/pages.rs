//! The summary's page for the partnership (where it stands, what to do next),
//! starting it from osa's first draft, and publishing (after a confirmation page) and
//! unpublishing it. Publishing freezes a copy of the draft as it was confirmed.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::State;
use axum::response::{IntoResponse, Redirect, Response};
use axum_extra::extract::Form;
use serde::Deserialize;
use time::OffsetDateTime;

use super::access;
use super::edit::FieldErrors;
use super::sources::{self, today};
use super::store::{self, SummaryRow};
use crate::web::AppState;
use crate::web::error::AppError;
use crate::web::page::{Ctx, Page};
use crate::web::path::Path;
use osa_core::young_peoples_summary::{Summary, long_sentences, slug, validate};

/// Where a summary stands, in words and a tag colour (the words say it).
pub fn state_tag(row: &SummaryRow) -> (&'static str, &'static str) {
    match (row.is_public, row.published.is_some(), row.has_unpublished_changes()) {
        (true, _, false) => ("Published", "govuk-tag--green"),
        (true, _, true) => ("Published, with changes not yet published", "govuk-tag--yellow"),
        (false, true, _) => ("Unpublished", "govuk-tag--grey"),
        (false, false, _) => ("Draft: not published", "govuk-tag--grey"),
    }
}

fn summary_page(cycle: i64) -> Response {
    Redirect::to(&format!("/cycles/{cycle}/young-peoples-summary")).into_response()
}

#[derive(Template, WebTemplate)]
#[template(path = "young_peoples_summary/show.html")]
pub struct ShowPage {
    page: Page,
    cycle_id: i64,
    cycle_name: String,
    can_manage: bool,
    row: Option<SummaryRow>,
    draft: Option<Summary>,
    /// The public address, when it is public.
    address: Option<String>,
    published_on: Option<String>,
    long: Vec<String>,
}

impl ShowPage {
    pub fn tag(&self) -> (&'static str, &'static str) {
        self.row.as_ref().map(state_tag).unwrap_or(("Not started", "govuk-tag--grey"))
    }

    /// Whether publishing would change what the public sees.
    pub fn may_publish(&self) -> bool {
        self.row.as_ref().is_some_and(|r| !r.is_public || r.has_unpublished_changes())
    }
}

pub fn address(state: &AppState, slug: &str) -> String {
    format!("{}/summaries/{slug}", state.config.public_url.trim_end_matches('/'))
}

pub async fn show(
    ctx: Ctx,
    State(state): State<AppState>,
    Path(id): Path<i64>,
) -> Result<ShowPage, AppError> {
    let loaded = access::load(&ctx, &state, id, false).await?;
    let draft = loaded.summary.as_ref().map(SummaryRow::draft).transpose()?;
    let row = loaded.summary;
    Ok(ShowPage {
        page: ctx.page(format!("Child-friendly summary – {}", loaded.cycle.cycle.name)),
        cycle_id: id,
        cycle_name: loaded.cycle.cycle.name,
        can_manage: loaded.can_manage,
        address: row.as_ref().filter(|r| r.is_public).map(|r| address(&state, &r.slug)),
        published_on: row.as_ref().and_then(|r| r.published_at).map(crate::web::format::datetime),
        long: draft.as_ref().map(long_sentences).unwrap_or_default(),
        draft,
        row,
    })
}

/// Starts the summary from osa's first draft (once: a second start opens the first).
pub async fn start(
    ctx: Ctx,
    State(state): State<AppState>,
    Path(id): Path<i64>,
) -> Result<Response, AppError> {
    let loaded = access::load(&ctx, &state, id, true).await?;
    if loaded.summary.is_some() {
        return Ok(summary_page(id));
    }
    let actor = ctx.user()?.id;
    let cycle = &loaded.cycle.cycle;
    let (partnership, name) = &loaded.partnership;
    let sources = sources::read(&state.db, cycle, (*partnership, name), &loaded.members(), today()).await?;
    let draft = sources.first_draft(cycle);
    store::create(
        &state.db,
        actor,
        id,
        *partnership,
        &slug(name, &cycle.name),
        &draft,
        OffsetDateTime::now_utc(),
    )
    .await?;
    ctx.flash("success", "osa has written a first draft. Change the words to make them your own.").await?;
    Ok(Redirect::to(&format!("/cycles/{id}/young-peoples-summary/edit")).into_response())
}

#[derive(Template, WebTemplate)]
#[template(path = "young_peoples_summary/publish.html")]
pub struct PublishPage {
    page: Page,
    cycle_id: i64,
    cycle_name: String,
    address: String,
    revision: i64,
    republishing: bool,
    /// What stops the draft being published (only if saved before a rule changed).
    errors: FieldErrors,
}

pub async fn publish_form(
    ctx: Ctx,
    State(state): State<AppState>,
    Path(id): Path<i64>,
) -> Result<Response, AppError> {
    let loaded = access::load(&ctx, &state, id, true).await?;
    let Some(row) = loaded.summary else { return Ok(summary_page(id)) };
    let errors = validate(&row.draft()?).err().unwrap_or_default();
    Ok(PublishPage {
        page: ctx.page(format!("Publish the child-friendly summary – {}", loaded.cycle.cycle.name)),
        cycle_id: id,
        cycle_name: loaded.cycle.cycle.name,
        address: address(&state, &row.slug),
        revision: row.revision,
        republishing: row.published.is_some(),
        errors: FieldErrors(errors),
    }
    .into_response())
}

#[derive(Debug, Default, Deserialize)]
pub struct RevisionForm {
    #[serde(default)]
    revision: String,
}

pub async fn publish(
    ctx: Ctx,
    State(state): State<AppState>,
    Path(id): Path<i64>,
    Form(form): Form<RevisionForm>,
) -> Result<Response, AppError> {
    let loaded = access::load(&ctx, &state, id, true).await?;
    let Some(row) = loaded.summary else { return Ok(summary_page(id)) };
    let actor = ctx.user()?.id;
    let confirmed = form.revision.trim().parse::<i64>().ok() == Some(row.revision);
    if validate(&row.draft()?).is_err() {
        ctx.flash("important", "The summary has problems to put right before it can be published.").await?;
        return Ok(Redirect::to(&format!("/cycles/{id}/young-peoples-summary/edit")).into_response());
    }
    // What the admin confirmed is what goes out: a draft changed since is not published.
    if confirmed && store::publish(&state.db, actor, &row, OffsetDateTime::now_utc()).await? {
        ctx.flash("success", "Summary published: anyone can read it now, without signing in.").await?;
    } else {
        ctx.flash(
            "important",
            "The summary changed since you confirmed it, so it was not published. Check it and publish again.",
        )
        .await?;
    }
    Ok(summary_page(id))
}

pub async fn unpublish(
    ctx: Ctx,
    State(state): State<AppState>,
    Path(id): Path<i64>,
) -> Result<Response, AppError> {
    let loaded = access::load(&ctx, &state, id, true).await?;
    let actor = ctx.user()?.id;
    if let Some(row) = loaded.summary
        && store::unpublish(&state.db, actor, &row, OffsetDateTime::now_utc()).await?
    {
        ctx.flash("success", "Summary unpublished: its public address now shows nothing.").await?;
    }
    Ok(summary_page(id))
}
