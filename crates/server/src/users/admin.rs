//! Platform admins' view of every person, and inviting another platform admin.

use askama::Template;
use askama_web::WebTemplate;
use axum::Form;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use sea_query::{Cond, Expr, ExprTrait, Func, Order};
use serde::Deserialize;
use time::OffsetDateTime;

use super::invite::{self, InviteForm};
use crate::accounts::store as account_queries;
use crate::db::schema::Users;
use crate::web::AppState;
use crate::web::error::AppError;
use crate::web::forms::Errors;
use crate::web::page::{Ctx, Page};
use crate::web::paging::{PageParams, Paging};
use osa_core::access::Action;

#[derive(sqlx::FromRow)]
pub struct UserListRow {
    pub id: i64,
    pub email: String,
    pub display_name: String,
    pub platform_admin: bool,
    pub last_sign_in_at: Option<OffsetDateTime>,
}

#[derive(Deserialize)]
pub struct ListParams {
    #[serde(default)]
    q: String,
    page: Option<String>,
}

#[derive(Template, WebTemplate)]
#[template(path = "users/admin_list.html")]
pub struct ListPage {
    page: Page,
    q: String,
    users: Vec<UserListRow>,
    paging: Paging,
}

pub async fn list(
    ctx: Ctx,
    State(state): State<AppState>,
    Query(params): Query<ListParams>,
) -> Result<ListPage, AppError> {
    ctx.require(Action::AdministerPlatform)?;
    let q = params.q.trim().to_lowercase();
    let base = if q.is_empty() {
        "/admin/users".to_owned()
    } else {
        format!("/admin/users?q={}", url::form_urlencoded::byte_serialize(q.as_bytes()).collect::<String>())
    };
    let paging = Paging::new(&PageParams { page: params.page }, base)?;
    let mut query = sea_query::Query::select();
    query
        .columns([Users::Id, Users::Email, Users::DisplayName, Users::PlatformAdmin, Users::LastSignInAt])
        .from(Users::Table);
    if !q.is_empty() {
        query.cond_where(Cond::any().add(Expr::col(Users::Email).like(crate::db::contains_pattern(&q))).add(
            Expr::expr(Func::lower(Expr::col(Users::DisplayName))).like(crate::db::contains_pattern(&q)),
        ));
    }
    let mut users: Vec<UserListRow> = state
        .db
        .fetch_all(
            &query
                .order_by(Users::Email, Order::Asc)
                .limit(paging.fetch_limit())
                .offset(paging.offset())
                .to_owned(),
        )
        .await?;
    let paging = paging.with_rows(&mut users)?;
    Ok(ListPage { page: ctx.page("Users"), q, users, paging })
}

#[derive(Template, WebTemplate)]
#[template(path = "users/admin_new.html")]
pub struct NewPage {
    page: Page,
    form: InviteForm,
    errors: Errors,
}

pub async fn new_form(ctx: Ctx) -> Result<NewPage, AppError> {
    ctx.require(Action::AdministerPlatform)?;
    Ok(NewPage {
        page: ctx.page("Add a platform admin"),
        form: InviteForm::default(),
        errors: Errors::default(),
    })
}

pub async fn create(
    ctx: Ctx,
    State(state): State<AppState>,
    Form(form): Form<InviteForm>,
) -> Result<Response, AppError> {
    let actor = ctx.require(Action::AdministerPlatform)?.id;
    let valid = match invite::validate(&form, &[]) {
        Ok(valid) => valid,
        Err(errors) => {
            let page = NewPage { page: ctx.page("Add a platform admin"), form, errors };
            return Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response());
        }
    };
    let mut tx = state.db.begin().await?;
    let user = invite::invite_person(&state, &mut tx, actor, &valid, "platform admin").await?;
    account_queries::set_platform_admin(&mut tx, Some(actor), user).await?;
    tx.commit().await?;
    ctx.flash("success", format!("Invitation sent to {}", valid.email)).await?;
    Ok(Redirect::to("/admin/users").into_response())
}
