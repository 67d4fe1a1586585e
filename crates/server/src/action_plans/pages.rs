//! The action plan pages: the plan (on screen and as CSV), adding and editing an
//! action, and adding a progress note.

use askama::Template;
use askama_web::WebTemplate;
use axum::Form;
use axum::extract::State;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use osa_core::spreadsheet::csv_text;
use serde::Deserialize;
use time::{Date, Month, OffsetDateTime};

use super::store::{self, ActionRow, Fields, UpdateRow};
use crate::assessments::access::{self, Loaded};
use crate::resources::signposts::{self, Help, Signpost};
use crate::web::AppState;
use crate::web::error::AppError;
use crate::web::forms::Errors;
use crate::web::page::{Ctx, Page};
use crate::web::path::Path;
use osa_core::assessment::{ActionStatus, is_overdue};

pub struct ActionView {
    pub row: ActionRow,
    pub overdue: bool,
    pub target: String,
}

impl ActionView {
    pub(super) fn new(row: ActionRow, today: Date) -> Self {
        let target = row.target_date.map(crate::web::format::date).unwrap_or_else(|| "Not set".into());
        ActionView { overdue: is_overdue(row.status(), row.target_date, today), target, row }
    }

    pub fn status_tag(&self) -> (&'static str, &'static str) {
        if self.overdue {
            return ("Overdue", "govuk-tag--red");
        }
        match self.row.status() {
            ActionStatus::NotStarted => ("Not started", "govuk-tag--grey"),
            ActionStatus::InProgress => ("In progress", "govuk-tag--light-blue"),
            ActionStatus::Completed => ("Completed", "govuk-tag--green"),
        }
    }
}

pub(super) fn today() -> Date {
    OffsetDateTime::now_utc().date()
}

#[derive(Template, WebTemplate)]
#[template(path = "action_plans/list.html")]
pub struct ListPage {
    page: Page,
    id: i64,
    organisation: String,
    actions: Vec<ActionView>,
    can_edit: bool,
    /// Resources signposted on each action, by the criterion it came from.
    help: Help,
    /// Action-plan updates that may be sent now, and those sent.
    offers: Vec<crate::plan_updates::Offer>,
    sent: Vec<crate::plan_updates::SentLink>,
    /// Read by a partnership the organisation serves: back to the organisation's page.
    partnership_reader: bool,
    organisation_id: i64,
}

/// The resources signposted on one action (none for an action added by hand).
async fn action_help(state: &AppState, loaded: &Loaded, row: &ActionRow) -> Result<Vec<Signpost>, AppError> {
    let Some(code) = row.criterion_code.as_deref() else { return Ok(Vec::new()) };
    let (org, framework) = (loaded.organisation.id, &loaded.framework.framework);
    Ok(signposts::for_actions(&state.db, org, framework, &[code]).await?.for_criterion(code).to_vec())
}

pub async fn list(
    ctx: Ctx,
    State(state): State<AppState>,
    Path(id): Path<i64>,
) -> Result<ListPage, AppError> {
    let super::access::PlanLoaded { loaded, may_edit, partnership_reader } =
        super::access::load_plan(&ctx, &state, id).await?;
    let today = today();
    let rows = store::list(&state.db, id).await?;
    let codes: Vec<&str> = rows.iter().filter_map(|r| r.criterion_code.as_deref()).collect();
    let help = signposts::for_actions(&state.db, loaded.organisation.id, &loaded.framework.framework, &codes)
        .await?;
    let actions = rows.into_iter().map(|r| ActionView::new(r, today)).collect();
    // Sending updates is the organisation's business; a partnership reads those sent
    // to it from its cycle's list of updates.
    let (offers, sent) = if partnership_reader {
        (Vec::new(), Vec::new())
    } else {
        crate::plan_updates::offers(&state, &loaded.assessment, today).await?
    };
    Ok(ListPage {
        partnership_reader,
        organisation_id: loaded.organisation.id,
        offers,
        sent,
        page: ctx.page("Action plan"),
        id,
        organisation: loaded.organisation.name,
        actions,
        can_edit: may_edit,
        help,
    })
}

pub async fn csv(ctx: Ctx, State(state): State<AppState>, Path(id): Path<i64>) -> Result<Response, AppError> {
    let loaded = super::access::load_plan(&ctx, &state, id).await?.loaded;
    let today = today();
    let start = super::xlsx::heading(&loaded).csv_start().map_err(|e| AppError::Internal(e.into()))?;
    let mut out = csv::Writer::from_writer(start);
    let write = |out: &mut csv::Writer<Vec<u8>>, record: &[&str]| {
        out.write_record(record.iter().map(|cell| csv_text(cell))).map_err(|e| AppError::Internal(e.into()))
    };
    write(
        &mut out,
        &[
            "Criterion",
            "What will be done",
            "Responsible lead",
            "Target date",
            "Expected outcome",
            "Impact measure",
            "Status",
        ],
    )?;
    for row in store::list(&state.db, id).await? {
        let view = ActionView::new(row, today);
        let target = view.row.target_date.map(|d| d.to_string()).unwrap_or_default();
        let r = &view.row;
        write(
            &mut out,
            &[
                r.criterion_code.as_deref().or(r.origin.as_deref()).unwrap_or("Added by hand"),
                &r.what,
                &r.responsible_lead,
                &target,
                &r.expected_outcome,
                &r.impact_measure,
                view.status_tag().0,
            ],
        )?;
    }
    let body = out.into_inner().map_err(|e| AppError::Internal(anyhow::anyhow!("csv: {e}")))?;
    Ok((
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_owned()),
            (header::CONTENT_DISPOSITION, format!("attachment; filename=\"action-plan-{id}.csv\"")),
        ],
        body,
    )
        .into_response())
}

#[derive(Default, Deserialize)]
pub struct ActionForm {
    #[serde(default)]
    what: String,
    #[serde(default)]
    responsible_lead: String,
    #[serde(default)]
    day: String,
    #[serde(default)]
    month: String,
    #[serde(default)]
    year: String,
    #[serde(default)]
    expected_outcome: String,
    #[serde(default)]
    impact_measure: String,
    #[serde(default)]
    status: String,
}

impl ActionForm {
    fn from_row(r: &ActionRow) -> Self {
        ActionForm {
            what: r.what.clone(),
            responsible_lead: r.responsible_lead.clone(),
            day: r.target_date.map(|d| d.day().to_string()).unwrap_or_default(),
            month: r.target_date.map(|d| u8::from(d.month()).to_string()).unwrap_or_default(),
            year: r.target_date.map(|d| d.year().to_string()).unwrap_or_default(),
            expected_outcome: r.expected_outcome.clone(),
            impact_measure: r.impact_measure.clone(),
            status: r.status.code().to_owned(),
        }
    }

    fn validate(&self) -> Result<Fields, Errors> {
        let mut errors = Errors::default();
        let text = |value: &str, field: &'static str, missing: &str, max: usize, errors: &mut Errors| {
            let value = value.trim();
            if value.is_empty() {
                errors.add(field, missing);
            } else if value.chars().count() > max {
                errors.add(field, format!("Must be {max} characters or fewer"));
            }
            value.to_owned()
        };
        let what = text(&self.what, "what", "Enter what will be done", 2000, &mut errors);
        let lead =
            text(&self.responsible_lead, "responsible_lead", "Enter who is responsible", 200, &mut errors);
        let target = self.target_date(&mut errors);
        let outcome = self.expected_outcome.trim().chars().take(2000).collect::<String>();
        let impact = self.impact_measure.trim().chars().take(2000).collect::<String>();
        let status = ActionStatus::from_code(&self.status);
        if status.is_none() {
            errors.add("status", "Select the action's status");
        }
        match status {
            Some(status) if errors.is_empty() => Ok(Fields {
                what,
                responsible_lead: lead,
                target_date: target,
                expected_outcome: outcome,
                impact_measure: impact,
                status,
            }),
            _ => Err(errors),
        }
    }

    fn target_date(&self, errors: &mut Errors) -> Option<Date> {
        let parts = [self.day.trim(), self.month.trim(), self.year.trim()];
        if parts.iter().all(|p| p.is_empty()) {
            errors.add("target-day", "Enter the target date");
            return None;
        }
        let numbers: Vec<Option<i32>> = parts.iter().map(|p| p.parse::<i32>().ok()).collect();
        let date = match numbers[..] {
            [Some(d), Some(m), Some(y)] if (2000..=2100).contains(&y) => u8::try_from(m)
                .ok()
                .and_then(|m| Month::try_from(m).ok())
                .and_then(|month| Date::from_calendar_date(y, month, u8::try_from(d).ok()?).ok()),
            _ => None,
        };
        if date.is_none() {
            errors.add("target-day", "Target date must be a real date, like 31 3 2027");
        }
        date
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "action_plans/form.html")]
pub struct FormPage {
    page: Page,
    id: i64,
    action: Option<ActionRow>,
    form: ActionForm,
    statuses: Vec<(&'static str, &'static str)>,
    updates: Vec<UpdateRow>,
    can_edit: bool,
    errors: Errors,
    /// Resources signposted on this action.
    help: Vec<Signpost>,
}

fn statuses() -> Vec<(&'static str, &'static str)> {
    ActionStatus::ALL.iter().map(|s| (s.code(), s.label())).collect()
}

pub async fn new_form(
    ctx: Ctx,
    State(state): State<AppState>,
    Path(id): Path<i64>,
) -> Result<FormPage, AppError> {
    access::edit(&ctx, &state, id).await?;
    let form = ActionForm { status: ActionStatus::NotStarted.code().into(), ..ActionForm::default() };
    Ok(FormPage {
        page: ctx.page("Add an action"),
        id,
        action: None,
        form,
        statuses: statuses(),
        updates: Vec::new(),
        can_edit: true,
        errors: Errors::default(),
        help: Vec::new(),
    })
}

pub async fn create(
    ctx: Ctx,
    State(state): State<AppState>,
    Path(id): Path<i64>,
    Form(form): Form<ActionForm>,
) -> Result<Response, AppError> {
    access::edit(&ctx, &state, id).await?;
    let actor = ctx.user()?.id;
    match form.validate() {
        Ok(fields) => {
            store::create(&state.db, id, actor, &fields).await?;
            ctx.flash("success", "Action added to the plan").await?;
            Ok(Redirect::to(&format!("/assessments/{id}/actions")).into_response())
        }
        Err(errors) => {
            let page = FormPage {
                page: ctx.page("Add an action"),
                id,
                action: None,
                form,
                statuses: statuses(),
                updates: Vec::new(),
                can_edit: true,
                errors,
                help: Vec::new(),
            };
            Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response())
        }
    }
}

pub async fn edit_form(
    ctx: Ctx,
    State(state): State<AppState>,
    Path((id, action)): Path<(i64, i64)>,
) -> Result<FormPage, AppError> {
    let super::access::PlanLoaded { loaded, may_edit, .. } =
        super::access::load_plan(&ctx, &state, id).await?;
    let row = store::get(&state.db, id, action).await?.ok_or(AppError::NotFound)?;
    let updates = store::updates(&state.db, action).await?;
    let help = action_help(&state, &loaded, &row).await?;
    Ok(FormPage {
        page: ctx.page("Action"),
        id,
        form: ActionForm::from_row(&row),
        action: Some(row),
        statuses: statuses(),
        updates,
        can_edit: may_edit,
        errors: Errors::default(),
        help,
    })
}

pub async fn update(
    ctx: Ctx,
    State(state): State<AppState>,
    Path((id, action)): Path<(i64, i64)>,
    Form(form): Form<ActionForm>,
) -> Result<Response, AppError> {
    let loaded = access::edit(&ctx, &state, id).await?;
    let actor = ctx.user()?.id;
    let before = store::get(&state.db, id, action).await?.ok_or(AppError::NotFound)?;
    match form.validate() {
        Ok(fields) => {
            store::update(&state.db, id, action, actor, &before, &fields).await?;
            ctx.flash("success", "Action saved").await?;
            Ok(Redirect::to(&format!("/assessments/{id}/actions")).into_response())
        }
        Err(errors) => {
            let updates = store::updates(&state.db, action).await?;
            let help = action_help(&state, &loaded, &before).await?;
            let page = FormPage {
                page: ctx.page("Action"),
                id,
                action: Some(before),
                form,
                statuses: statuses(),
                updates,
                can_edit: true,
                errors,
                help,
            };
            Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response())
        }
    }
}

#[derive(Deserialize)]
pub struct NoteForm {
    #[serde(default)]
    note: String,
}

pub async fn add_update(
    ctx: Ctx,
    State(state): State<AppState>,
    Path((id, action)): Path<(i64, i64)>,
    Form(form): Form<NoteForm>,
) -> Result<Response, AppError> {
    let loaded = access::edit(&ctx, &state, id).await?;
    let actor = ctx.user()?.id;
    let row = store::get(&state.db, id, action).await?.ok_or(AppError::NotFound)?;
    let note = form.note.trim();
    if note.is_empty() || note.chars().count() > 5000 {
        let mut errors = Errors::default();
        errors.add(
            "note",
            if note.is_empty() {
                "Enter the progress made"
            } else {
                "Progress note must be 5,000 characters or fewer"
            },
        );
        let updates = store::updates(&state.db, action).await?;
        let help = action_help(&state, &loaded, &row).await?;
        let page = FormPage {
            page: ctx.page("Action"),
            id,
            form: ActionForm::from_row(&row),
            action: Some(row),
            statuses: statuses(),
            updates,
            can_edit: true,
            errors,
            help,
        };
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response());
    }
    store::add_update(&state.db, action, actor, note).await?;
    ctx.flash("success", "Progress note added").await?;
    Ok(Redirect::to(&format!("/assessments/{id}/actions/{action}")).into_response())
}
