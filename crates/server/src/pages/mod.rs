//! Pages that belong to no single feature: the start page, the signed-in home page,
//! the statutory pages every public-sector service publishes, and the health check.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use sea_query::{Expr, ExprTrait, Order, Query};

use crate::db::schema::{OrgMemberships, Organisations, PartnershipMemberships, Partnerships};
use crate::web::AppState;
use crate::web::error::AppError;
use crate::web::page::{Ctx, Page};
use crate::web::routes::Routes;
use osa_core::tenancy::{OrgRole, PartnershipRole};

pub fn routes(r: Routes) -> Routes {
    r.get("/", start)
        .get("/home", home)
        .get("/accessibility", accessibility)
        .get("/privacy", privacy)
        .get("/cookies", cookies)
        .get("/healthz", healthz)
}

#[derive(Template, WebTemplate)]
#[template(path = "pages/start.html")]
pub struct StartPage {
    page: Page,
}

async fn start(ctx: Ctx) -> StartPage {
    StartPage { page: ctx.page("Organisational Safeguarding Assessment") }
}

/// A place the person works, with the roles they hold there.
pub struct Membership {
    pub id: i64,
    pub name: String,
    pub roles: Vec<&'static str>,
}

#[derive(Template, WebTemplate)]
#[template(path = "pages/home.html")]
pub struct HomePage {
    page: Page,
    name: String,
    platform_admin: bool,
    partnerships: Vec<Membership>,
    organisations: Vec<Membership>,
}

/// Folds (id, name, role) rows, sorted by name, into one entry per place.
fn group<R>(
    rows: Vec<(i64, String, String)>,
    label: impl Fn(&str) -> Option<R>,
    text: fn(R) -> &'static str,
) -> Vec<Membership> {
    let mut out: Vec<Membership> = Vec::new();
    for (id, name, role) in rows {
        let Some(role) = label(&role) else { continue };
        match out.last_mut() {
            Some(last) if last.id == id => last.roles.push(text(role)),
            _ => out.push(Membership { id, name, roles: vec![text(role)] }),
        }
    }
    out
}

async fn home(ctx: Ctx, State(state): State<AppState>) -> Result<HomePage, AppError> {
    let user = ctx.user()?;
    let partnership_rows: Vec<(i64, String, String)> = state
        .db
        .fetch_all(
            &Query::select()
                .column((Partnerships::Table, Partnerships::Id))
                .column((Partnerships::Table, Partnerships::Name))
                .column((PartnershipMemberships::Table, PartnershipMemberships::Role))
                .from(PartnershipMemberships::Table)
                .inner_join(
                    Partnerships::Table,
                    Expr::col((Partnerships::Table, Partnerships::Id))
                        .equals((PartnershipMemberships::Table, PartnershipMemberships::PartnershipId)),
                )
                .and_where(
                    Expr::col((PartnershipMemberships::Table, PartnershipMemberships::UserId)).eq(user.id),
                )
                .order_by((Partnerships::Table, Partnerships::Name), Order::Asc)
                .order_by((Partnerships::Table, Partnerships::Id), Order::Asc)
                .to_owned(),
        )
        .await?;
    let organisation_rows: Vec<(i64, String, String)> = state
        .db
        .fetch_all(
            &Query::select()
                .column((Organisations::Table, Organisations::Id))
                .column((Organisations::Table, Organisations::Name))
                .column((OrgMemberships::Table, OrgMemberships::Role))
                .from(OrgMemberships::Table)
                .inner_join(
                    Organisations::Table,
                    Expr::col((Organisations::Table, Organisations::Id))
                        .equals((OrgMemberships::Table, OrgMemberships::OrganisationId)),
                )
                .and_where(Expr::col((OrgMemberships::Table, OrgMemberships::UserId)).eq(user.id))
                .order_by((Organisations::Table, Organisations::Name), Order::Asc)
                .order_by((Organisations::Table, Organisations::Id), Order::Asc)
                .to_owned(),
        )
        .await?;
    Ok(HomePage {
        page: ctx.page("Home"),
        name: user.name.clone(),
        platform_admin: user.principal.platform_admin,
        partnerships: group(partnership_rows, PartnershipRole::from_code, PartnershipRole::label),
        organisations: group(organisation_rows, OrgRole::from_code, OrgRole::label),
    })
}

#[derive(Template, WebTemplate)]
#[template(path = "pages/accessibility.html")]
pub struct AccessibilityPage {
    page: Page,
}

async fn accessibility(ctx: Ctx) -> AccessibilityPage {
    AccessibilityPage { page: ctx.page("Accessibility statement") }
}

#[derive(Template, WebTemplate)]
#[template(path = "pages/privacy.html")]
pub struct PrivacyPage {
    page: Page,
}

async fn privacy(ctx: Ctx) -> PrivacyPage {
    PrivacyPage { page: ctx.page("Privacy notice") }
}

#[derive(Template, WebTemplate)]
#[template(path = "pages/cookies.html")]
pub struct CookiesPage {
    page: Page,
}

async fn cookies(ctx: Ctx) -> CookiesPage {
    CookiesPage { page: ctx.page("Cookies") }
}

/// 200 when the database answers, 503 when it does not. No session, no page chrome.
async fn healthz(State(state): State<AppState>) -> Response {
    match state.db.ping().await {
        Ok(()) => (StatusCode::OK, "ok").into_response(),
        Err(err) => {
            tracing::warn!(error = %err, "health check: database unreachable");
            (StatusCode::SERVICE_UNAVAILABLE, "database unreachable").into_response()
        }
    }
}
