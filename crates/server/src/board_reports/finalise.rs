//! Finalising a report: a confirmation page, then the figures are stored frozen as
//! JSON with the date and who finalised it. Afterwards nothing about it changes.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum_extra::extract::Form;
use serde::Deserialize;
use time::OffsetDateTime;

use super::access::load;
use super::pages::base;
use super::store;
use crate::web::AppState;
use crate::web::error::AppError;
use crate::web::forms::Errors;
use crate::web::page::{Ctx, Page};
use crate::web::path::Path;
use osa_core::report::board::Section;

#[derive(Template, WebTemplate)]
#[template(path = "board_reports/finalise.html")]
pub struct FinalisePage {
    page: Page,
    cycle_id: i64,
    cycle_name: String,
    /// Sections still reading as osa's draft, to warn about.
    unwritten: Vec<&'static str>,
    errors: Errors,
}

async fn finalise_page(ctx: &Ctx, state: &AppState, id: i64, errors: Errors) -> Result<Response, AppError> {
    let loaded = load(ctx, state, id, true).await?;
    if loaded.is_final() {
        ctx.flash("important", "This report is already finalised.").await?;
        return Ok(Redirect::to(&base(id)).into_response());
    }
    let words = loaded.words();
    let invalid = !errors.is_empty();
    let page = FinalisePage {
        page: ctx.page("Finalise the board report"),
        cycle_id: id,
        cycle_name: loaded.cycle.cycle.name,
        unwritten: Section::ALL.iter().filter(|s| !words.is_written(**s)).map(|s| s.label()).collect(),
        errors,
    };
    Ok(if invalid { (StatusCode::UNPROCESSABLE_ENTITY, page).into_response() } else { page.into_response() })
}

pub async fn form(
    ctx: Ctx,
    State(state): State<AppState>,
    Path(id): Path<i64>,
) -> Result<Response, AppError> {
    finalise_page(&ctx, &state, id, Errors::default()).await
}

#[derive(Debug, Default, Deserialize)]
pub struct Confirm {
    #[serde(default)]
    confirm: String,
}

pub async fn submit(
    ctx: Ctx,
    State(state): State<AppState>,
    Path(id): Path<i64>,
    Form(form): Form<Confirm>,
) -> Result<Response, AppError> {
    if form.confirm != "yes" {
        let mut errors = Errors::default();
        errors.add("confirm", "Confirm that the report is ready to be finalised");
        return finalise_page(&ctx, &state, id, errors).await;
    }
    let loaded = load(&ctx, &state, id, true).await?;
    if loaded.is_final() {
        ctx.flash("important", "This report is already finalised.").await?;
        return Ok(Redirect::to(&base(id)).into_response());
    }
    let figures = loaded.figures(&ctx, &state).await?;
    let actor = ctx.user()?.id;
    let done =
        store::finalise(&state.db, actor, id, loaded.partnership.0, &figures, OffsetDateTime::now_utc())
            .await?;
    ctx.flash(
        if done { "success" } else { "important" },
        if done {
            "Board report finalised: its words and figures are now fixed"
        } else {
            "This report is already finalised."
        },
    )
    .await?;
    Ok(Redirect::to(&base(id)).into_response())
}
