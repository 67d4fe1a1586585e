//! An action's pages: adding one to a cycle, reading it with its progress notes,
//! changing its fields while it is not completed, and adding a progress note.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum_extra::extract::Form;
use serde::Deserialize;
use time::{Date, OffsetDateTime};

use super::access::{self, adding_partnership};
use super::store::{self, ActionRow, NewAction, NoteRow};
use crate::cycles::access::load as load_cycle;
use crate::narratives::store::{self as theme_store, Theme};
use crate::web::AppState;
use crate::web::error::AppError;
use crate::web::forms::{DateParts, Errors};
use crate::web::page::{Ctx, Page};
use crate::web::path::Path;
use osa_core::partnership_action::{
    ActionFields, ActionSource, PartnershipActionStatus, RawAction, check_status, is_overdue, validate,
    validate_note,
};

pub(super) fn today() -> Date {
    OffsetDateTime::now_utc().date()
}

/// The tag a status is shown with: the words say it, the colour only repeats it.
pub fn status_tag(status: PartnershipActionStatus) -> (&'static str, &'static str) {
    match status {
        PartnershipActionStatus::NotStarted => ("Not started", "govuk-tag--grey"),
        PartnershipActionStatus::OnTrack => ("On track", "govuk-tag--light-blue"),
        PartnershipActionStatus::AtRisk => ("At risk", "govuk-tag--orange"),
        PartnershipActionStatus::Completed => ("Completed", "govuk-tag--green"),
    }
}

/// An action as the pages show it.
pub struct ActionView {
    pub row: ActionRow,
    pub overdue: bool,
    pub target: String,
}

impl ActionView {
    pub fn new(row: ActionRow, today: Date) -> ActionView {
        ActionView {
            overdue: is_overdue(row.status(), row.target_date, today),
            target: crate::web::format::date(row.target_date),
            row,
        }
    }

    pub fn tag(&self) -> (&'static str, &'static str) {
        status_tag(self.row.status())
    }

    pub fn source_label(&self) -> &'static str {
        self.row.source().map(ActionSource::label).unwrap_or("Not given")
    }
}

#[derive(Debug, Clone, Default, Deserialize)]
pub struct ActionForm {
    #[serde(default)]
    pub title: String,
    #[serde(default)]
    pub description: String,
    #[serde(default)]
    pub lead_group: String,
    #[serde(default)]
    pub lead_person: String,
    #[serde(default)]
    pub target_day: String,
    #[serde(default)]
    pub target_month: String,
    #[serde(default)]
    pub target_year: String,
    #[serde(default)]
    pub status: String,
    #[serde(default)]
    pub evidence: String,
    #[serde(default)]
    pub theme: String,
    #[serde(default)]
    pub source: String,
}

impl ActionForm {
    pub fn target(&self) -> DateParts {
        DateParts {
            day: self.target_day.clone(),
            month: self.target_month.clone(),
            year: self.target_year.clone(),
        }
    }

    fn from_row(r: &ActionRow) -> ActionForm {
        let target = DateParts::from_date(r.target_date);
        ActionForm {
            title: r.title.clone(),
            description: r.description.clone(),
            lead_group: r.lead_group.clone(),
            lead_person: r.lead_person.clone(),
            target_day: target.day,
            target_month: target.month,
            target_year: target.year,
            status: r.status.code().to_owned(),
            evidence: r.evidence.clone(),
            theme: r.theme_id.map(|t| t.to_string()).unwrap_or_default(),
            source: r.source.clone().unwrap_or_default(),
        }
    }

    /// The fields and the linked theme, which must be one of `themes` (the
    /// partnership's themes that may be chosen).
    fn validate(
        &self,
        from: Option<PartnershipActionStatus>,
        themes: &[Theme],
    ) -> Result<(ActionFields, Option<i64>), Errors> {
        let target = self.target();
        let raw = RawAction {
            title: &self.title,
            description: &self.description,
            lead_group: &self.lead_group,
            lead_person: &self.lead_person,
            target: (!target.is_blank()).then(|| target.parse("target date")),
            status: &self.status,
            evidence: &self.evidence,
            source: &self.source,
        };
        let mut errors = Errors::default();
        let fields = match validate(&raw, from) {
            Ok(fields) => Some(fields),
            Err(list) => {
                for (field, message) in list {
                    errors.add(field, message);
                }
                None
            }
        };
        let theme = match self.theme.trim() {
            "" => None,
            code => {
                let theme = code.parse::<i64>().ok().filter(|id| themes.iter().any(|t| t.id == *id));
                if theme.is_none() {
                    errors.add("theme", "Select one of the partnership's themes, or none");
                }
                theme
            }
        };
        match fields {
            Some(fields) if errors.is_empty() => Ok((fields, theme)),
            _ => Err(errors),
        }
    }
}

/// The themes an action of `partnership` may be linked to: those in use, and the one
/// it is linked to already even if retired since.
async fn themes_for(
    state: &AppState,
    partnership: i64,
    current: Option<i64>,
) -> Result<Vec<Theme>, AppError> {
    Ok(theme_store::themes(&state.db, &[partnership])
        .await?
        .into_iter()
        .filter(|t| !t.is_retired() || Some(t.id) == current)
        .collect())
}

fn statuses() -> Vec<(&'static str, &'static str)> {
    PartnershipActionStatus::ALL.iter().map(|s| (s.code(), s.label())).collect()
}

fn sources() -> Vec<(&'static str, &'static str)> {
    ActionSource::ALL.iter().map(|s| (s.code(), s.label())).collect()
}

#[derive(Template, WebTemplate)]
#[template(path = "partnership_actions/form.html")]
pub struct FormPage {
    page: Page,
    cycle_id: i64,
    cycle_name: String,
    /// The action being changed; `None` when adding one.
    action: Option<ActionRow>,
    form: ActionForm,
    statuses: Vec<(&'static str, &'static str)>,
    sources: Vec<(&'static str, &'static str)>,
    themes: Vec<(String, String)>,
    /// Lead groups the partnership has named before, offered as it types.
    groups: Vec<String>,
    errors: Errors,
}

impl FormPage {
    async fn build(
        ctx: &Ctx,
        state: &AppState,
        cycle: (i64, String),
        partnership: i64,
        action: Option<ActionRow>,
        form: ActionForm,
        errors: Errors,
    ) -> Result<FormPage, AppError> {
        let current = action.as_ref().and_then(|a| a.theme_id);
        let themes = themes_for(state, partnership, current).await?;
        let title =
            if action.is_some() { "Change the partnership action" } else { "Add a partnership action" };
        Ok(FormPage {
            page: ctx.page(title),
            cycle_id: cycle.0,
            cycle_name: cycle.1,
            action,
            form,
            statuses: statuses(),
            sources: sources(),
            themes: themes.into_iter().map(|t| (t.id.to_string(), t.name)).collect(),
            groups: store::groups_of_partnership(&state.db, partnership).await?,
            errors,
        })
    }
}

/// What the "add" link of another page may fill in: the theme and where it was seen.
#[derive(Debug, Default, Deserialize)]
pub struct Prefill {
    #[serde(default)]
    theme: String,
    #[serde(default)]
    source: String,
}

pub async fn new_form(
    ctx: Ctx,
    State(state): State<AppState>,
    Path(id): Path<i64>,
    Query(prefill): Query<Prefill>,
) -> Result<FormPage, AppError> {
    let cycle = load_cycle(&ctx, &state, id, true).await?;
    let partnership = adding_partnership(&ctx, &cycle).ok_or(AppError::Forbidden)?;
    let form = ActionForm {
        status: PartnershipActionStatus::NotStarted.code().into(),
        theme: prefill.theme,
        source: ActionSource::from_code(&prefill.source).map(|s| s.code().to_owned()).unwrap_or_default(),
        ..ActionForm::default()
    };
    FormPage::build(&ctx, &state, (id, cycle.cycle.name), partnership, None, form, Errors::default()).await
}

pub async fn create(
    ctx: Ctx,
    State(state): State<AppState>,
    Path(id): Path<i64>,
    Form(form): Form<ActionForm>,
) -> Result<Response, AppError> {
    let cycle = load_cycle(&ctx, &state, id, true).await?;
    let partnership = adding_partnership(&ctx, &cycle).ok_or(AppError::Forbidden)?;
    let actor = ctx.user()?.id;
    let themes = themes_for(&state, partnership, None).await?;
    match form.validate(None, &themes) {
        Ok((fields, theme)) => {
            let new = NewAction { cycle: id, partnership, theme, fields };
            let action = store::create(&state.db, actor, &new, OffsetDateTime::now_utc()).await?;
            ctx.flash("success", "Partnership action added").await?;
            Ok(Redirect::to(&format!("/partnership-actions/{action}")).into_response())
        }
        Err(errors) => {
            let page = FormPage::build(&ctx, &state, (id, cycle.cycle.name), partnership, None, form, errors)
                .await?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response())
        }
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "partnership_actions/show.html")]
pub struct ShowPage {
    page: Page,
    cycle_id: i64,
    cycle_name: String,
    /// Whether the cycle has more than one partnership (a region), so the action names its own.
    regional: bool,
    view: ActionView,
    notes: Vec<NoteRow>,
    can_manage: bool,
    /// The statuses a progress note may move the action to.
    next_statuses: Vec<(&'static str, &'static str)>,
    note: String,
    note_status: String,
    errors: Errors,
}

async fn show_page(
    ctx: &Ctx,
    state: &AppState,
    loaded: access::Loaded,
    note: String,
    note_status: String,
    errors: Errors,
) -> Result<ShowPage, AppError> {
    let notes = store::notes(&state.db, loaded.action.id).await?;
    let current = loaded.action.status();
    let next_statuses = PartnershipActionStatus::ALL
        .iter()
        .filter(|s| **s != current && check_status(current, **s, true).is_ok())
        .map(|s| (s.code(), s.label()))
        .collect();
    Ok(ShowPage {
        page: ctx.page(loaded.action.title.clone()),
        cycle_id: loaded.cycle.cycle.id,
        cycle_name: loaded.cycle.cycle.name.clone(),
        regional: loaded.cycle.partnerships.len() > 1,
        view: ActionView::new(loaded.action, today()),
        notes,
        can_manage: loaded.can_manage,
        next_statuses,
        note,
        note_status,
        errors,
    })
}

pub async fn show(
    ctx: Ctx,
    State(state): State<AppState>,
    Path(id): Path<i64>,
) -> Result<ShowPage, AppError> {
    let loaded = access::load(&ctx, &state, id, false).await?;
    show_page(&ctx, &state, loaded, String::new(), String::new(), Errors::default()).await
}

async fn closed(ctx: &Ctx, id: i64) -> Result<Response, AppError> {
    ctx.flash(
        "important",
        "This action is completed, so it can no longer be changed. Add a progress note instead.",
    )
    .await?;
    Ok(Redirect::to(&format!("/partnership-actions/{id}")).into_response())
}

pub async fn edit_form(
    ctx: Ctx,
    State(state): State<AppState>,
    Path(id): Path<i64>,
) -> Result<Response, AppError> {
    let loaded = access::load(&ctx, &state, id, true).await?;
    if loaded.action.is_completed() {
        return closed(&ctx, id).await;
    }
    let form = ActionForm::from_row(&loaded.action);
    let partnership = loaded.action.partnership_id;
    let cycle = (loaded.cycle.cycle.id, loaded.cycle.cycle.name);
    Ok(FormPage::build(&ctx, &state, cycle, partnership, Some(loaded.action), form, Errors::default())
        .await?
        .into_response())
}

pub async fn update(
    ctx: Ctx,
    State(state): State<AppState>,
    Path(id): Path<i64>,
    Form(form): Form<ActionForm>,
) -> Result<Response, AppError> {
    let loaded = access::load(&ctx, &state, id, true).await?;
    if loaded.action.is_completed() {
        return closed(&ctx, id).await;
    }
    let actor = ctx.user()?.id;
    let before = loaded.action;
    let themes = themes_for(&state, before.partnership_id, before.theme_id).await?;
    match form.validate(Some(before.status()), &themes) {
        Ok((fields, theme)) => {
            if store::update(&state.db, actor, &before, theme, &fields, OffsetDateTime::now_utc()).await? {
                ctx.flash("success", "Partnership action saved").await?;
            } else {
                ctx.flash(
                    "important",
                    "Someone changed this action's status meanwhile. Check it and try again.",
                )
                .await?;
            }
            Ok(Redirect::to(&format!("/partnership-actions/{id}")).into_response())
        }
        Err(errors) => {
            let partnership = before.partnership_id;
            let cycle = (loaded.cycle.cycle.id, loaded.cycle.cycle.name);
            let page = FormPage::build(&ctx, &state, cycle, partnership, Some(before), form, errors).await?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response())
        }
    }
}

#[derive(Debug, Default, Deserialize)]
pub struct ProgressForm {
    #[serde(default)]
    note: String,
    /// Empty: the status stays as it is.
    #[serde(default)]
    status: String,
}

pub async fn add_progress(
    ctx: Ctx,
    State(state): State<AppState>,
    Path(id): Path<i64>,
    Form(form): Form<ProgressForm>,
) -> Result<Response, AppError> {
    let loaded = access::load(&ctx, &state, id, true).await?;
    let actor = ctx.user()?.id;
    let mut errors = Errors::default();
    let note = errors.take("note", validate_note(&form.note));
    let status = match form.status.trim() {
        "" => None,
        code => match PartnershipActionStatus::from_code(code) {
            None => {
                errors.add("status", "Select a status, or leave it as it is");
                None
            }
            Some(to) => {
                let checked =
                    check_status(loaded.action.status(), to, !loaded.action.evidence.trim().is_empty());
                errors.take("status", checked).map(|_| to)
            }
        },
    };
    let Some(note) = note.filter(|_| errors.is_empty()) else {
        let page = show_page(&ctx, &state, loaded, form.note, form.status, errors).await?;
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response());
    };
    if store::add_note(&state.db, actor, &loaded.action, &note, status, OffsetDateTime::now_utc()).await? {
        ctx.flash("success", "Progress note added").await?;
    } else {
        ctx.flash(
            "important",
            "Someone changed this action's status meanwhile. Your note was not added: try again.",
        )
        .await?;
    }
    Ok(Redirect::to(&format!("/partnership-actions/{id}#progress")).into_response())
}
