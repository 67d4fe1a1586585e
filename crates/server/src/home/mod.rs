//! The signed-in home page as a work queue: each place the person works, with what
//! needs them there (see [`queue`]), and the links every journey starts from.

mod queue;

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::State;
use sea_query::{Expr, ExprTrait, Order, Query};
use time::OffsetDateTime;

use crate::db::schema::{OrgMemberships, Organisations, PartnershipMemberships, Partnerships};
use crate::web::AppState;
use crate::web::error::AppError;
use crate::web::page::{Ctx, Page};
use crate::web::routes::Routes;
use osa_core::tenancy::{OrgRole, PartnershipRole};
use queue::{OrganisationWork, PartnershipWork};

pub fn routes(r: Routes) -> Routes {
    r.get("/home", home)
}

/// A place the person works, with the roles they hold there and what needs them.
pub struct Place<W> {
    pub id: i64,
    pub name: String,
    pub roles: Vec<&'static str>,
    pub work: W,
}

#[derive(Template, WebTemplate)]
#[template(path = "home/home.html")]
pub struct HomePage {
    page: Page,
    name: String,
    platform_admin: bool,
    partnerships: Vec<Place<PartnershipWork>>,
    organisations: Vec<Place<OrganisationWork>>,
}

/// Folds (id, name, role) rows, sorted by name, into one entry per place.
fn group<R>(
    rows: Vec<(i64, String, String)>,
    label: impl Fn(&str) -> Option<R>,
    text: fn(R) -> &'static str,
) -> Vec<(i64, String, Vec<&'static str>)> {
    let mut out: Vec<(i64, String, Vec<&'static str>)> = Vec::new();
    for (id, name, role) in rows {
        let Some(role) = label(&role) else { continue };
        match out.last_mut() {
            Some(last) if last.0 == id => last.2.push(text(role)),
            _ => out.push((id, name, vec![text(role)])),
        }
    }
    out
}

async fn home(ctx: Ctx, State(state): State<AppState>) -> Result<HomePage, AppError> {
    let user = ctx.user()?;
    let today = OffsetDateTime::now_utc().date();
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
    let mut partnerships = Vec::new();
    for (id, name, roles) in group(partnership_rows, PartnershipRole::from_code, PartnershipRole::label) {
        let work = queue::partnership(&state.db, &user.principal, id, today).await?;
        partnerships.push(Place { id, name, roles, work });
    }
    let mut organisations = Vec::new();
    for (id, name, roles) in group(organisation_rows, OrgRole::from_code, OrgRole::label) {
        let work = queue::organisation(&state.db, &user.principal, id, today).await?;
        organisations.push(Place { id, name, roles, work });
    }
    Ok(HomePage {
        page: ctx.page("Home"),
        name: user.name.clone(),
        platform_admin: user.principal.platform_admin,
        partnerships,
        organisations,
    })
}
