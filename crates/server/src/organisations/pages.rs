//! Pages to list, read and edit organisations, and to ask to serve more partnerships.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum_extra::extract::Form;
use serde::Deserialize;

use super::store::{self, JoinRequestRow, NewOrganisation, Organisation};
use crate::partnerships::store::{self as partnership_queries, Partnership};
use crate::web::AppState;
use crate::web::error::AppError;
use crate::web::forms::{Errors, options};
use crate::web::page::{Ctx, Page};
use crate::web::paging::{PageParams, Paging};
use crate::web::path::Path;
use osa_core::access::Action;
use osa_core::tenancy::{DutyStatus, JoinRequestStatus, Sector};
use osa_core::values::Name;

#[derive(Deserialize)]
pub struct ListParams {
    #[serde(default)]
    q: String,
    page: Option<String>,
}

#[derive(Template, WebTemplate)]
#[template(path = "organisations/list.html")]
pub struct ListPage {
    page: Page,
    q: String,
    organisations: Vec<Organisation>,
    paging: Paging,
}

pub async fn list(
    ctx: Ctx,
    State(state): State<AppState>,
    Query(params): Query<ListParams>,
) -> Result<ListPage, AppError> {
    ctx.require(Action::AdministerPlatform)?;
    let q = params.q.trim().to_owned();
    let base = if q.is_empty() {
        "/organisations".to_owned()
    } else {
        format!("/organisations?q={}", url::form_urlencoded::byte_serialize(q.as_bytes()).collect::<String>())
    };
    let paging = Paging::new(&PageParams { page: params.page }, base)?;
    let mut organisations = store::page(&state.db, &q, paging.fetch_limit(), paging.offset()).await?;
    let paging = paging.with_rows(&mut organisations)?;
    Ok(ListPage { page: ctx.page("Organisations"), q, organisations, paging })
}

/// Loads an organisation after checking the person may do `action` to it. Someone
/// with no link to it gets 404 whether or not it exists.
async fn load_for(
    ctx: &Ctx,
    state: &AppState,
    id: i64,
    manage: bool,
) -> Result<(Organisation, Vec<i64>), AppError> {
    ctx.user()?;
    let areas = store::area_ids(&state.db, id).await?;
    let action = if manage {
        Action::ManageOrganisation { organisation: id }
    } else {
        Action::ViewOrganisation { organisation: id, areas: &areas }
    };
    ctx.require(action)?;
    let organisation = store::get(&state.db, id).await?.ok_or(AppError::NotFound)?;
    Ok((organisation, areas))
}

#[derive(Template, WebTemplate)]
#[template(path = "organisations/show.html")]
pub struct ShowPage {
    page: Page,
    organisation: Organisation,
    areas: Vec<Partnership>,
    requests: Vec<JoinRequestRow>,
    can_manage: bool,
    can_assess: bool,
    /// The lead and senior sign-off see the challenges awaiting the organisation.
    can_answer_challenges: bool,
    /// Its lead, and the staff of the partnerships it serves, see its assurance meetings.
    can_see_meetings: bool,
    /// For the staff of the partnerships it serves: its action plans, to read.
    action_plans: Vec<(i64, String)>,
}

pub async fn show(
    ctx: Ctx,
    State(state): State<AppState>,
    Path(id): Path<i64>,
) -> Result<ShowPage, AppError> {
    let (organisation, area_ids) = load_for(&ctx, &state, id, false).await?;
    let user = ctx.user()?;
    let can_manage = user.principal.decide(Action::ManageOrganisation { organisation: id }).is_allowed();
    let can_assess = user.principal.decide(Action::ViewAssessment { organisation: id }).is_allowed();
    let can_answer_challenges =
        osa_core::challenge::may_read_organisation_threads(&user.principal, id).is_allowed();
    let p = &user.principal;
    let can_see_meetings = p.platform_admin
        || p.org_roles_in(id).any(|r| r == osa_core::tenancy::OrgRole::SafeguardingLead)
        || area_ids.iter().any(|a| p.is_partnership_staff(*a));
    let action_plans = crate::action_plans::access::plans_to_read(&ctx, &state, id, &area_ids).await?;
    let all = partnership_queries::all(&state.db).await?;
    let areas = all.into_iter().filter(|p| area_ids.contains(&p.id)).collect();
    // Requests are the organisation's own business; partnership staff see the areas only.
    let requests = if can_manage { store::requests_of(&state.db, id).await? } else { Vec::new() };
    Ok(ShowPage {
        page: ctx.page(organisation.name.clone()),
        organisation,
        areas,
        requests,
        can_manage,
        can_assess,
        can_answer_challenges,
        can_see_meetings,
        action_plans,
    })
}

#[derive(Default, Deserialize)]
pub struct OrganisationForm {
    #[serde(default)]
    name: String,
    #[serde(default)]
    sector: String,
    #[serde(default)]
    duty: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "organisations/edit.html")]
pub struct EditPage {
    page: Page,
    id: i64,
    form: OrganisationForm,
    sectors: Vec<(&'static str, &'static str)>,
    duties: Vec<(&'static str, &'static str, &'static str)>,
    errors: Errors,
}

impl EditPage {
    fn new(ctx: &Ctx, id: i64, form: OrganisationForm, errors: Errors) -> EditPage {
        EditPage {
            page: ctx.page("Edit organisation details"),
            id,
            form,
            sectors: options(Sector::ALL, Sector::code, Sector::label),
            duties: DutyStatus::explained(),
            errors,
        }
    }
}

pub async fn edit_form(
    ctx: Ctx,
    State(state): State<AppState>,
    Path(id): Path<i64>,
) -> Result<EditPage, AppError> {
    let (o, _) = load_for(&ctx, &state, id, true).await?;
    let form = OrganisationForm {
        name: o.name,
        sector: o.sector.code().to_owned(),
        duty: o.duty_status.code().to_owned(),
    };
    Ok(EditPage::new(&ctx, id, form, Errors::default()))
}

/// Checks the organisation fields shared by editing and registering.
pub fn validate_details(
    name: &str,
    sector: &str,
    duty: &str,
    errors: &mut Errors,
) -> Option<(Name, Sector, DutyStatus)> {
    let name = errors.take("name", Name::parse(name, "Enter the organisation's name"));
    let sector = Sector::from_code(sector);
    if sector.is_none() {
        errors.add("sector", "Select the organisation's sector");
    }
    let duty = DutyStatus::from_code(duty);
    if duty.is_none() {
        errors.add("duty", "Select the organisation's duty status");
    }
    Some((name?, sector?, duty?))
}

pub async fn update(
    ctx: Ctx,
    State(state): State<AppState>,
    Path(id): Path<i64>,
    Form(form): Form<OrganisationForm>,
) -> Result<Response, AppError> {
    let (before, _) = load_for(&ctx, &state, id, true).await?;
    let user_id = ctx.user()?.id;
    let mut errors = Errors::default();
    let Some((name, sector, duty)) = validate_details(&form.name, &form.sector, &form.duty, &mut errors)
    else {
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, EditPage::new(&ctx, id, form, errors)).into_response());
    };
    let mut tx = state.db.begin().await?;
    store::update(&mut tx, user_id, &before, &NewOrganisation { name: name.as_str(), sector, duty }).await?;
    tx.commit().await?;
    ctx.flash("success", "Organisation details saved").await?;
    Ok(Redirect::to(&format!("/organisations/{id}")).into_response())
}

#[derive(Template, WebTemplate)]
#[template(path = "organisations/areas.html")]
pub struct AreasPage {
    page: Page,
    organisation: Organisation,
    choices: Vec<(String, String)>,
    selected: Vec<String>,
    errors: Errors,
}

/// Partnerships the organisation neither serves nor has asked to join.
async fn joinable(state: &AppState, id: i64, served: &[i64]) -> Result<Vec<(String, String)>, AppError> {
    let pending: Vec<i64> = store::requests_of(&state.db, id)
        .await?
        .into_iter()
        .filter(|r| r.status == JoinRequestStatus::Pending)
        .map(|r| r.partnership_id)
        .collect();
    Ok(partnership_queries::all(&state.db)
        .await?
        .into_iter()
        .filter(|p| !served.contains(&p.id) && !pending.contains(&p.id))
        .map(|p| (p.id.to_string(), p.name))
        .collect())
}

pub async fn areas_form(
    ctx: Ctx,
    State(state): State<AppState>,
    Path(id): Path<i64>,
) -> Result<AreasPage, AppError> {
    let (organisation, served) = load_for(&ctx, &state, id, true).await?;
    let choices = joinable(&state, id, &served).await?;
    Ok(AreasPage {
        page: ctx.page("Serve another partnership area"),
        organisation,
        choices,
        selected: Vec::new(),
        errors: Errors::default(),
    })
}

#[derive(Deserialize)]
pub struct AreasForm {
    #[serde(default)]
    partnerships: Vec<String>,
}

pub async fn request_areas(
    ctx: Ctx,
    State(state): State<AppState>,
    Path(id): Path<i64>,
    Form(form): Form<AreasForm>,
) -> Result<Response, AppError> {
    let (organisation, served) = load_for(&ctx, &state, id, true).await?;
    let user_id = ctx.user()?.id;
    let choices = joinable(&state, id, &served).await?;
    let chosen: Vec<i64> = form
        .partnerships
        .iter()
        .filter(|p| choices.iter().any(|(c, _)| c == *p))
        .filter_map(|p| p.parse().ok())
        .collect();
    if chosen.is_empty() {
        let mut errors = Errors::default();
        errors.add("partnerships", "Select at least one partnership");
        let page = AreasPage {
            page: ctx.page("Serve another partnership area"),
            organisation,
            choices,
            selected: form.partnerships,
            errors,
        };
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response());
    }
    let mut tx = state.db.begin().await?;
    for partnership in &chosen {
        if store::request_to_join(&mut tx, Some(user_id), id, *partnership).await? {
            super::register::notify_partnership_admins(&state, &mut tx, *partnership, &organisation.name)
                .await?;
        }
    }
    tx.commit().await?;
    ctx.flash("success", "Your request has been sent. The partnership will confirm that you serve its area.")
        .await?;
    Ok(Redirect::to(&format!("/organisations/{id}")).into_response())
}
