//! Pages to list, create, read and edit partnerships, and to list the organisations
//! of a partnership's area.

use askama::Template;
use askama_web::WebTemplate;
use axum::Form;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;

use super::store::{self, AreaOrganisation, NewPartnership, Partnership};
use crate::organisations::store::pending_request_count;
use crate::web::AppState;
use crate::web::error::AppError;
use crate::web::forms::{Errors, options};
use crate::web::page::{Ctx, Page};
use crate::web::paging::{PageParams, Paging};
use crate::web::path::Path;
use osa_core::access::Action;
use osa_core::tenancy::PartnershipKind;
use osa_core::values::Name;

#[derive(Template, WebTemplate)]
#[template(path = "partnerships/list.html")]
pub struct ListPage {
    page: Page,
    partnerships: Vec<Partnership>,
    paging: Paging,
}

pub async fn list(
    ctx: Ctx,
    State(state): State<AppState>,
    Query(params): Query<PageParams>,
) -> Result<ListPage, AppError> {
    ctx.require(Action::AdministerPlatform)?;
    let paging = Paging::new(&params, "/admin/partnerships")?;
    let mut partnerships = store::page(&state.db, paging.fetch_limit(), paging.offset()).await?;
    let paging = paging.with_rows(&mut partnerships)?;
    Ok(ListPage { page: ctx.page("Partnerships"), partnerships, paging })
}

#[derive(Default, Deserialize)]
pub struct PartnershipForm {
    #[serde(default)]
    name: String,
    #[serde(default)]
    area: String,
    #[serde(default)]
    kind: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "partnerships/form.html")]
pub struct FormPage {
    page: Page,
    heading: String,
    action: String,
    back: String,
    form: PartnershipForm,
    kinds: Vec<(&'static str, &'static str)>,
    errors: Errors,
}

impl FormPage {
    fn new(
        ctx: &Ctx,
        heading: &str,
        action: String,
        back: String,
        form: PartnershipForm,
        errors: Errors,
    ) -> FormPage {
        FormPage {
            page: ctx.page(heading),
            heading: heading.to_owned(),
            action,
            back,
            form,
            kinds: options(PartnershipKind::ALL, PartnershipKind::code, PartnershipKind::label),
            errors,
        }
    }
}

struct ValidPartnership {
    name: Name,
    area: Name,
    kind: PartnershipKind,
}

fn validate(form: &PartnershipForm) -> Result<ValidPartnership, Errors> {
    let mut errors = Errors::default();
    let name = errors.take("name", Name::parse(&form.name, "Enter the partnership's name"));
    let area = errors.take("area", Name::parse(&form.area, "Enter the local authority area it covers"));
    let kind = PartnershipKind::from_code(&form.kind);
    if kind.is_none() {
        errors.add("kind", "Select who the partnership safeguards");
    }
    match (name, area, kind) {
        (Some(name), Some(area), Some(kind)) => Ok(ValidPartnership { name, area, kind }),
        _ => Err(errors),
    }
}

pub async fn new_form(ctx: Ctx) -> Result<FormPage, AppError> {
    ctx.require(Action::AdministerPlatform)?;
    let action = "/admin/partnerships/new".to_owned();
    Ok(FormPage::new(
        &ctx,
        "Add a partnership",
        action,
        "/admin/partnerships".into(),
        PartnershipForm::default(),
        Errors::default(),
    ))
}

pub async fn create(
    ctx: Ctx,
    State(state): State<AppState>,
    Form(form): Form<PartnershipForm>,
) -> Result<Response, AppError> {
    let user = ctx.require(Action::AdministerPlatform)?;
    let action = "/admin/partnerships/new".to_owned();
    let back = "/admin/partnerships".to_owned();
    let valid = match validate(&form) {
        Ok(valid) => valid,
        Err(errors) => {
            let page = FormPage::new(&ctx, "Add a partnership", action, back, form, errors);
            return Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response());
        }
    };
    let mut tx = state.db.begin().await?;
    let new = NewPartnership { name: valid.name.as_str(), area: valid.area.as_str(), kind: valid.kind };
    let id = match store::create(&mut tx, Some(user.id), new).await {
        Ok(id) => id,
        Err(err) if crate::db::is_unique_violation(&err) => {
            let mut errors = Errors::default();
            errors.add("name", "A partnership with this name already exists");
            let page = FormPage::new(&ctx, "Add a partnership", action, back, form, errors);
            return Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response());
        }
        Err(err) => return Err(err.into()),
    };
    tx.commit().await?;
    ctx.flash("success", format!("{} has been added", valid.name.as_str())).await?;
    Ok(Redirect::to(&format!("/partnerships/{id}")).into_response())
}

async fn load(state: &AppState, id: i64) -> Result<Partnership, AppError> {
    store::get(&state.db, id).await?.ok_or(AppError::NotFound)
}

#[derive(Template, WebTemplate)]
#[template(path = "partnerships/show.html")]
pub struct ShowPage {
    page: Page,
    partnership: Partnership,
    can_manage: bool,
    pending_requests: i64,
}

pub async fn show(
    ctx: Ctx,
    State(state): State<AppState>,
    Path(id): Path<i64>,
) -> Result<ShowPage, AppError> {
    let user = ctx.require(Action::ViewPartnership { partnership: id })?;
    let partnership = load(&state, id).await?;
    let can_manage = user.principal.decide(Action::ManagePartnership { partnership: id }).is_allowed();
    let pending_requests = if can_manage { pending_request_count(&state.db, id).await? } else { 0 };
    Ok(ShowPage { page: ctx.page(partnership.name.clone()), partnership, can_manage, pending_requests })
}

pub async fn edit_form(
    ctx: Ctx,
    State(state): State<AppState>,
    Path(id): Path<i64>,
) -> Result<FormPage, AppError> {
    ctx.require(Action::ManagePartnership { partnership: id })?;
    let p = load(&state, id).await?;
    let form = PartnershipForm { name: p.name, area: p.area, kind: p.kind.code().to_owned() };
    Ok(FormPage::new(
        &ctx,
        "Edit partnership",
        format!("/partnerships/{id}/edit"),
        format!("/partnerships/{id}"),
        form,
        Errors::default(),
    ))
}

pub async fn update(
    ctx: Ctx,
    State(state): State<AppState>,
    Path(id): Path<i64>,
    Form(form): Form<PartnershipForm>,
) -> Result<Response, AppError> {
    let user = ctx.require(Action::ManagePartnership { partnership: id })?;
    let before = load(&state, id).await?;
    let (action, back) = (format!("/partnerships/{id}/edit"), format!("/partnerships/{id}"));
    let valid = match validate(&form) {
        Ok(valid) => valid,
        Err(errors) => {
            let page = FormPage::new(&ctx, "Edit partnership", action, back, form, errors);
            return Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response());
        }
    };
    let mut tx = state.db.begin().await?;
    let new = NewPartnership { name: valid.name.as_str(), area: valid.area.as_str(), kind: valid.kind };
    match store::update(&mut tx, user.id, &before, new).await {
        Ok(()) => {}
        Err(err) if crate::db::is_unique_violation(&err) => {
            let mut errors = Errors::default();
            errors.add("name", "A partnership with this name already exists");
            let page = FormPage::new(&ctx, "Edit partnership", action, back, form, errors);
            return Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response());
        }
        Err(err) => return Err(err.into()),
    }
    tx.commit().await?;
    ctx.flash("success", "Partnership details saved").await?;
    Ok(Redirect::to(&back).into_response())
}

pub struct OrganisationRow {
    pub id: i64,
    pub name: String,
    pub sector: &'static str,
    pub duty: &'static str,
}

impl From<AreaOrganisation> for OrganisationRow {
    fn from(o: AreaOrganisation) -> Self {
        OrganisationRow { id: o.id, name: o.name, sector: o.sector.label(), duty: o.duty_status.label() }
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "partnerships/organisations.html")]
pub struct OrganisationsPage {
    page: Page,
    partnership: Partnership,
    organisations: Vec<OrganisationRow>,
    paging: Paging,
}

pub async fn organisations(
    ctx: Ctx,
    State(state): State<AppState>,
    Path(id): Path<i64>,
    Query(params): Query<PageParams>,
) -> Result<OrganisationsPage, AppError> {
    ctx.require(Action::ViewPartnership { partnership: id })?;
    let partnership = load(&state, id).await?;
    let paging = Paging::new(&params, format!("/partnerships/{id}/organisations"))?;
    let mut rows = store::organisations_in_area(&state.db, id, paging.fetch_limit(), paging.offset()).await?;
    let paging = paging.with_rows(&mut rows)?;
    Ok(OrganisationsPage {
        page: ctx.page(format!("Organisations – {}", partnership.name)),
        partnership,
        organisations: rows.into_iter().map(OrganisationRow::from).collect(),
        paging,
    })
}
