//! The report's pages: its overview (sections, status, downloads), a page to write
//! each section, a page per standard to write its findings beside osa's figures,
//! and the preview. Words cannot change once the report is finalised: the forms are
//! not offered and a save that arrives anyway is turned away with a notice.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum_extra::extract::Form;
use serde::Deserialize;
use serde_json::json;
use time::OffsetDateTime;

use super::access::{Loaded, load};
use super::store::{self, Saved};
use super::view::{self, View};
use crate::web::AppState;
use crate::web::error::AppError;
use crate::web::forms::Errors;
use crate::web::page::{Ctx, Page};
use crate::web::path::Path;
use osa_core::report::board::{Finding, Section, StandardFigures, Status, check_text, standard_sentence};

pub(super) fn base(id: i64) -> String {
    format!("/cycles/{id}/board-report")
}

/// A section's row on the overview.
pub struct SectionRow {
    pub code: &'static str,
    pub label: &'static str,
    pub written: bool,
}

/// A standard's row on the overview: its figures and whether its finding is written.
pub struct StandardRow {
    pub code: String,
    pub label: String,
    pub sentence: String,
    pub written: bool,
}

#[derive(Template, WebTemplate)]
#[template(path = "board_reports/overview.html")]
pub struct OverviewPage {
    page: Page,
    cycle_id: i64,
    cycle_name: String,
    partnership: String,
    status: String,
    finalised: bool,
    can_write: bool,
    sections: Vec<SectionRow>,
    standards: Vec<StandardRow>,
}

pub async fn overview(
    ctx: Ctx,
    State(state): State<AppState>,
    Path(id): Path<i64>,
) -> Result<OverviewPage, AppError> {
    let loaded = load(&ctx, &state, id, false).await?;
    let words = loaded.words();
    let figures = loaded.figures(&ctx, &state).await?;
    Ok(OverviewPage {
        page: ctx.page(format!("Board report – {}", loaded.cycle.cycle.name)),
        cycle_id: id,
        cycle_name: loaded.cycle.cycle.name.clone(),
        partnership: loaded.partnership.1.clone(),
        status: loaded.status().words(),
        finalised: loaded.is_final(),
        can_write: loaded.can_write && !loaded.is_final(),
        sections: Section::ALL
            .iter()
            .map(|s| SectionRow { code: s.code(), label: s.label(), written: words.is_written(*s) })
            .collect(),
        standards: figures
            .standards
            .iter()
            .map(|s| StandardRow {
                code: s.code.clone(),
                label: s.label(),
                sentence: standard_sentence(s),
                written: words.findings.contains_key(&s.code),
            })
            .collect(),
    })
}

/// Turns a save away once the report is finalised.
async fn closed(ctx: &Ctx, id: i64) -> Result<Response, AppError> {
    ctx.flash("important", "This report is finalised, so its words can no longer be changed.").await?;
    Ok(Redirect::to(&base(id)).into_response())
}

#[derive(Template, WebTemplate)]
#[template(path = "board_reports/section.html")]
pub struct SectionPage {
    page: Page,
    cycle_id: i64,
    cycle_name: String,
    section: Section,
    text: String,
    errors: Errors,
}

fn section_of(code: &str) -> Result<Section, AppError> {
    Section::from_code(code).ok_or(AppError::NotFound)
}

pub async fn section_form(
    ctx: Ctx,
    State(state): State<AppState>,
    Path((id, code)): Path<(i64, String)>,
) -> Result<Response, AppError> {
    let section = section_of(&code)?;
    let loaded = load(&ctx, &state, id, true).await?;
    if loaded.is_final() {
        return closed(&ctx, id).await;
    }
    let text = loaded.words().text(section).to_owned();
    let page = SectionPage {
        page: ctx.page(section.label()),
        cycle_id: id,
        cycle_name: loaded.cycle.cycle.name,
        section,
        text,
        errors: Errors::default(),
    };
    Ok(page.into_response())
}

#[derive(Debug, Default, Deserialize)]
pub struct TextForm {
    #[serde(default)]
    text: String,
}

pub async fn section_save(
    ctx: Ctx,
    State(state): State<AppState>,
    Path((id, code)): Path<(i64, String)>,
    Form(form): Form<TextForm>,
) -> Result<Response, AppError> {
    let section = section_of(&code)?;
    let loaded = load(&ctx, &state, id, true).await?;
    if loaded.is_final() {
        return closed(&ctx, id).await;
    }
    let mut errors = Errors::default();
    let Some(text) = errors.take("text", check_text(&form.text)) else {
        let page = SectionPage {
            page: ctx.page(section.label()),
            cycle_id: id,
            cycle_name: loaded.cycle.cycle.name,
            section,
            text: form.text,
            errors,
        };
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response());
    };
    let actor = ctx.user()?.id;
    let saved = store::save_words(
        &state.db,
        actor,
        id,
        loaded.partnership.0,
        "update_section",
        |w| {
            let before = json!({ "section": section.code(), "text": w.sections.get(section.code()) });
            w.set(section, text.clone());
            (before, json!({ "section": section.code(), "text": text }))
        },
        OffsetDateTime::now_utc(),
    )
    .await?;
    if saved == Saved::Finalised {
        return closed(&ctx, id).await;
    }
    ctx.flash("success", format!("{} saved", section.label())).await?;
    Ok(Redirect::to(&base(id)).into_response())
}

#[derive(Template, WebTemplate)]
#[template(path = "board_reports/finding.html")]
pub struct FindingPage {
    page: Page,
    cycle_id: i64,
    cycle_name: String,
    standard: StandardFigures,
    sentence: String,
    finding: Finding,
    errors: Errors,
}

async fn finding_page(
    ctx: &Ctx,
    state: &AppState,
    loaded: &Loaded,
    code: &str,
    finding: Option<Finding>,
    errors: Errors,
) -> Result<FindingPage, AppError> {
    let figures = loaded.figures(ctx, state).await?;
    let standard = figures.standards.into_iter().find(|s| s.code == code).ok_or(AppError::NotFound)?;
    Ok(FindingPage {
        page: ctx.page(format!("Findings: {}", standard.label())),
        cycle_id: loaded.cycle_id(),
        cycle_name: loaded.cycle.cycle.name.clone(),
        sentence: standard_sentence(&standard),
        finding: finding.unwrap_or_else(|| loaded.words().finding(code)),
        standard,
        errors,
    })
}

pub async fn finding_form(
    ctx: Ctx,
    State(state): State<AppState>,
    Path((id, code)): Path<(i64, String)>,
) -> Result<Response, AppError> {
    let loaded = load(&ctx, &state, id, true).await?;
    if loaded.is_final() {
        return closed(&ctx, id).await;
    }
    Ok(finding_page(&ctx, &state, &loaded, &code, None, Errors::default()).await?.into_response())
}

#[derive(Debug, Default, Deserialize)]
pub struct FindingForm {
    #[serde(default)]
    strengths: String,
    #[serde(default)]
    areas: String,
}

pub async fn finding_save(
    ctx: Ctx,
    State(state): State<AppState>,
    Path((id, code)): Path<(i64, String)>,
    Form(form): Form<FindingForm>,
) -> Result<Response, AppError> {
    let loaded = load(&ctx, &state, id, true).await?;
    if loaded.is_final() {
        return closed(&ctx, id).await;
    }
    let mut errors = Errors::default();
    let strengths = errors.take("strengths", check_text(&form.strengths));
    let areas = errors.take("areas", check_text(&form.areas));
    let (Some(strengths), Some(areas)) = (strengths, areas) else {
        let typed = Finding { strengths: form.strengths, areas: form.areas };
        let page = finding_page(&ctx, &state, &loaded, &code, Some(typed), errors).await?;
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response());
    };
    let figures = loaded.figures(&ctx, &state).await?;
    let at = figures.standards.iter().position(|s| s.code == code).ok_or(AppError::NotFound)?;
    let finding = Finding { strengths, areas };
    let saved = store::save_words(
        &state.db,
        ctx.user()?.id,
        id,
        loaded.partnership.0,
        "update_finding",
        |w| {
            let before = json!({ "standard": code, "finding": w.findings.get(&code) });
            w.set_finding(&code, finding.clone());
            (before, json!({ "standard": code, "finding": finding }))
        },
        OffsetDateTime::now_utc(),
    )
    .await?;
    if saved == Saved::Finalised {
        return closed(&ctx, id).await;
    }
    ctx.flash("success", format!("Findings for {} saved", figures.standards[at].label())).await?;
    // Writers go through the standards in order; after the last, back to the overview.
    let next = match figures.standards.get(at + 1) {
        Some(s) => format!("{}/findings/{}", base(id), s.code),
        None => base(id),
    };
    Ok(Redirect::to(&next).into_response())
}

#[derive(Template, WebTemplate)]
#[template(path = "board_reports/preview.html")]
pub struct PreviewPage {
    page: Page,
    cycle_id: i64,
    blocks: Vec<View>,
    finalised: bool,
}

pub async fn preview(
    ctx: Ctx,
    State(state): State<AppState>,
    Path(id): Path<i64>,
) -> Result<PreviewPage, AppError> {
    let loaded = load(&ctx, &state, id, false).await?;
    let doc = loaded.document(&ctx, &state).await?;
    Ok(PreviewPage {
        page: ctx.page(doc.title.clone()),
        cycle_id: id,
        blocks: view::blocks(&doc),
        finalised: matches!(loaded.status(), Status::Finalised { .. }),
    })
}
