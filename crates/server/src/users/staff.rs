//! The people of one partnership or organisation: list, invite, remove a role.

use askama::Template;
use askama_web::WebTemplate;
use axum::Form;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;

use super::invite::{self, InviteForm};
use super::scope::{Scope, StaffRow};
use crate::web::AppState;
use crate::web::error::AppError;
use crate::web::forms::Errors;
use crate::web::page::{Ctx, Page};
use crate::web::paging::{PageParams, Paging};
use crate::web::path::Path;

pub struct StaffView {
    pub row: StaffRow,
    pub role_label: &'static str,
}

#[derive(Template, WebTemplate)]
#[template(path = "users/staff.html")]
pub struct StaffPage {
    page: Page,
    place: String,
    base: String,
    people: Vec<StaffView>,
    paging: Paging,
}

async fn list(ctx: Ctx, state: AppState, scope: Scope, params: PageParams) -> Result<StaffPage, AppError> {
    ctx.require(scope.manage_action())?;
    let place = scope.name(&state.db).await?;
    let base = scope.base_path();
    let paging = Paging::new(&params, format!("{base}/users"))?;
    let mut rows = scope.staff(&state.db, paging.fetch_limit(), paging.offset()).await?;
    let paging = paging.with_rows(&mut rows)?;
    let people =
        rows.into_iter().map(|row| StaffView { role_label: scope.role_label(&row.role), row }).collect();
    Ok(StaffPage { page: ctx.page(format!("Users – {place}")), place, base, people, paging })
}

#[derive(Template, WebTemplate)]
#[template(path = "users/invite.html")]
pub struct InvitePage {
    page: Page,
    place: String,
    base: String,
    roles: Vec<(&'static str, &'static str)>,
    form: InviteForm,
    errors: Errors,
}

async fn invite_form(ctx: Ctx, state: AppState, scope: Scope) -> Result<InvitePage, AppError> {
    ctx.require(scope.manage_action())?;
    let place = scope.name(&state.db).await?;
    Ok(InvitePage {
        page: ctx.page("Invite a user"),
        place,
        base: scope.base_path(),
        roles: scope.roles(),
        form: InviteForm::default(),
        errors: Errors::default(),
    })
}

async fn invite(ctx: Ctx, state: AppState, scope: Scope, form: InviteForm) -> Result<Response, AppError> {
    let actor = ctx.require(scope.manage_action())?.id;
    let place = scope.name(&state.db).await?;
    let valid = match invite::validate(&form, &scope.roles()) {
        Ok(valid) => valid,
        Err(errors) => {
            let page = InvitePage {
                page: ctx.page("Invite a user"),
                place,
                base: scope.base_path(),
                roles: scope.roles(),
                form,
                errors,
            };
            return Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response());
        }
    };
    let what = format!("{} for {place}", scope.role_label(&valid.role));
    let mut tx = state.db.begin().await?;
    let user = invite::invite_person(&state, &mut tx, actor, &valid, &what).await?;
    scope.grant(&mut tx, actor, user, &valid.role).await?;
    tx.commit().await?;
    ctx.flash("success", format!("Invitation sent to {}", valid.email)).await?;
    Ok(Redirect::to(&format!("{}/users", scope.base_path())).into_response())
}

#[derive(Deserialize)]
pub struct RemoveForm {
    #[serde(default)]
    role: String,
}

async fn remove(
    ctx: Ctx,
    state: AppState,
    scope: Scope,
    user: i64,
    form: RemoveForm,
) -> Result<Redirect, AppError> {
    let actor = ctx.require(scope.manage_action())?.id;
    if scope.remove(&state.db, actor, user, &form.role).await? {
        ctx.flash("success", format!("Role removed: {}", scope.role_label(&form.role))).await?;
    } else {
        ctx.flash("important", scope.keeper_message()).await?;
    }
    Ok(Redirect::to(&format!("{}/users", scope.base_path())))
}

pub async fn partnership_list(
    ctx: Ctx,
    State(state): State<AppState>,
    Path(id): Path<i64>,
    Query(params): Query<PageParams>,
) -> Result<StaffPage, AppError> {
    list(ctx, state, Scope::Partnership(id), params).await
}

pub async fn organisation_list(
    ctx: Ctx,
    State(state): State<AppState>,
    Path(id): Path<i64>,
    Query(params): Query<PageParams>,
) -> Result<StaffPage, AppError> {
    list(ctx, state, Scope::Organisation(id), params).await
}

pub async fn partnership_invite_form(
    ctx: Ctx,
    State(state): State<AppState>,
    Path(id): Path<i64>,
) -> Result<InvitePage, AppError> {
    invite_form(ctx, state, Scope::Partnership(id)).await
}

pub async fn organisation_invite_form(
    ctx: Ctx,
    State(state): State<AppState>,
    Path(id): Path<i64>,
) -> Result<InvitePage, AppError> {
    invite_form(ctx, state, Scope::Organisation(id)).await
}

pub async fn partnership_invite(
    ctx: Ctx,
    State(state): State<AppState>,
    Path(id): Path<i64>,
    Form(form): Form<InviteForm>,
) -> Result<Response, AppError> {
    invite(ctx, state, Scope::Partnership(id), form).await
}

pub async fn organisation_invite(
    ctx: Ctx,
    State(state): State<AppState>,
    Path(id): Path<i64>,
    Form(form): Form<InviteForm>,
) -> Result<Response, AppError> {
    invite(ctx, state, Scope::Organisation(id), form).await
}

pub async fn partnership_remove(
    ctx: Ctx,
    State(state): State<AppState>,
    Path((id, user)): Path<(i64, i64)>,
    Form(form): Form<RemoveForm>,
) -> Result<Redirect, AppError> {
    remove(ctx, state, Scope::Partnership(id), user, form).await
}

pub async fn organisation_remove(
    ctx: Ctx,
    State(state): State<AppState>,
    Path((id, user)): Path<(i64, i64)>,
    Form(form): Form<RemoveForm>,
) -> Result<Redirect, AppError> {
    remove(ctx, state, Scope::Organisation(id), user, form).await
}
