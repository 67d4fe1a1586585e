//! Delegation: the safeguarding lead asks contributors to answer particular standards.
//! A contributor then sees and answers only those standards, and is told by email.

use askama::Template;
use askama_web::WebTemplate;
use axum::Form;
use axum::extract::State;
use axum::response::Redirect;
use sea_query::{Expr, ExprTrait, OnConflict, Order, Query};
use serde::Deserialize;
use serde_json::json;
use time::OffsetDateTime;

use super::access::{self, Loaded};
use crate::audit::{self, Change};
use crate::db::Db;
use crate::db::schema::{Delegations, OrgMemberships, PartnershipMemberships, Users};
use crate::mail::Email;
use crate::web::AppState;
use crate::web::error::AppError;
use crate::web::page::{Ctx, Page};
use crate::web::path::Path;
use osa_core::access::record_roles;
use osa_core::tenancy::{OrgRole, PartnershipRole};

/// The standard codes of an assessment delegated to `user`.
pub async fn delegated_to(db: &Db, assessment: i64, user: i64) -> Result<Vec<String>, sqlx::Error> {
    let rows: Vec<(String,)> = db
        .fetch_all(
            &Query::select()
                .column(Delegations::StandardCode)
                .from(Delegations::Table)
                .and_where(Expr::col(Delegations::AssessmentId).eq(assessment))
                .and_where(Expr::col(Delegations::UserId).eq(user))
                .to_owned(),
        )
        .await?;
    Ok(rows.into_iter().map(|(c,)| c).collect())
}

#[derive(sqlx::FromRow)]
pub struct Assignment {
    pub standard_code: String,
    pub user_id: i64,
    pub display_name: String,
}

#[derive(sqlx::FromRow)]
pub struct Contributor {
    pub id: i64,
    pub display_name: String,
    pub email: String,
}

/// Who a standard may be shared with: the organisation's contributors, or for a
/// partnership's own self-assessment, the partnership's staff whose roles make them
/// its contributors (`osa_core::access::record_roles`).
async fn contributors(db: &Db, loaded: &Loaded) -> Result<Vec<Contributor>, sqlx::Error> {
    let mut q = Query::select();
    q.columns([(Users::Table, Users::Id), (Users::Table, Users::DisplayName), (Users::Table, Users::Email)]);
    match loaded.partnership {
        Some(partnership) => {
            let roles: Vec<&str> = PartnershipRole::ALL
                .iter()
                .filter(|r| record_roles(**r).contains(&OrgRole::Contributor))
                .map(|r| r.code())
                .collect();
            q.from(PartnershipMemberships::Table)
                .inner_join(
                    Users::Table,
                    Expr::col((Users::Table, Users::Id))
                        .equals((PartnershipMemberships::Table, PartnershipMemberships::UserId)),
                )
                .and_where(
                    Expr::col((PartnershipMemberships::Table, PartnershipMemberships::PartnershipId))
                        .eq(partnership),
                )
                .and_where(
                    Expr::col((PartnershipMemberships::Table, PartnershipMemberships::Role)).is_in(roles),
                )
        }
        None => q
            .from(OrgMemberships::Table)
            .inner_join(
                Users::Table,
                Expr::col((Users::Table, Users::Id)).equals((OrgMemberships::Table, OrgMemberships::UserId)),
            )
            .and_where(
                Expr::col((OrgMemberships::Table, OrgMemberships::OrganisationId)).eq(loaded.organisation.id),
            )
            .and_where(
                Expr::col((OrgMemberships::Table, OrgMemberships::Role)).eq(OrgRole::Contributor.code()),
            ),
    };
    db.fetch_all(&q.order_by((Users::Table, Users::DisplayName), Order::Asc).limit(500).to_owned()).await
}

pub struct StandardRow {
    pub code: String,
    pub title: String,
    pub assigned: Vec<(i64, String)>,
}

#[derive(Template, WebTemplate)]
#[template(path = "assessments/delegation.html")]
pub struct DelegationPage {
    page: Page,
    id: i64,
    standards: Vec<StandardRow>,
    contributors: Vec<Contributor>,
    /// A partnership's own self-assessment: its analysts and panel members contribute.
    partnership_record: bool,
}

pub async fn page(
    ctx: Ctx,
    State(state): State<AppState>,
    Path(id): Path<i64>,
) -> Result<DelegationPage, AppError> {
    let loaded = access::edit(&ctx, &state, id).await?;
    let assignments: Vec<Assignment> = state
        .db
        .fetch_all(
            &Query::select()
                .columns([
                    (Delegations::Table, Delegations::StandardCode),
                    (Delegations::Table, Delegations::UserId),
                ])
                .column((Users::Table, Users::DisplayName))
                .from(Delegations::Table)
                .inner_join(
                    Users::Table,
                    Expr::col((Users::Table, Users::Id)).equals((Delegations::Table, Delegations::UserId)),
                )
                .and_where(Expr::col((Delegations::Table, Delegations::AssessmentId)).eq(id))
                .limit(2000)
                .to_owned(),
        )
        .await?;
    let standards = loaded
        .framework
        .framework
        .standards
        .iter()
        .map(|s| StandardRow {
            code: s.code.clone(),
            title: s.title.clone(),
            assigned: assignments
                .iter()
                .filter(|a| a.standard_code == s.code)
                .map(|a| (a.user_id, a.display_name.clone()))
                .collect(),
        })
        .collect();
    let contributors = contributors(&state.db, &loaded).await?;
    Ok(DelegationPage {
        page: ctx.page("Share standards with contributors"),
        id,
        standards,
        contributors,
        partnership_record: loaded.partnership.is_some(),
    })
}

#[derive(Deserialize)]
pub struct AssignForm {
    #[serde(default)]
    standard: String,
    #[serde(default)]
    user: String,
}

pub async fn assign(
    ctx: Ctx,
    State(state): State<AppState>,
    Path(id): Path<i64>,
    Form(form): Form<AssignForm>,
) -> Result<Redirect, AppError> {
    let loaded = access::edit(&ctx, &state, id).await?;
    let actor = ctx.user()?.id;
    let back = Redirect::to(&format!("/assessments/{id}/delegation"));
    let standard = loaded.framework.framework.standards.iter().find(|s| s.code == form.standard);
    let people = contributors(&state.db, &loaded).await?;
    let person = form.user.parse::<i64>().ok().and_then(|u| people.into_iter().find(|p| p.id == u));
    let (Some(standard), Some(person)) = (standard, person) else {
        ctx.flash("important", "Choose a standard and a contributor of your organisation").await?;
        return Ok(back);
    };
    let mut tx = state.db.begin().await?;
    let added = tx
        .execute(
            &Query::insert()
                .into_table(Delegations::Table)
                .columns([
                    Delegations::AssessmentId,
                    Delegations::StandardCode,
                    Delegations::UserId,
                    Delegations::AssignedBy,
                    Delegations::AssignedAt,
                ])
                .values_panic([
                    id.into(),
                    standard.code.as_str().into(),
                    person.id.into(),
                    actor.into(),
                    OffsetDateTime::now_utc().into(),
                ])
                .on_conflict(
                    OnConflict::columns([
                        Delegations::AssessmentId,
                        Delegations::StandardCode,
                        Delegations::UserId,
                    ])
                    .do_nothing()
                    .to_owned(),
                )
                .to_owned(),
        )
        .await?;
    if added == 1 {
        audit::record(
            &mut tx,
            Change {
                actor: Some(actor),
                action: "delegate",
                entity: "assessment",
                entity_id: id.to_string(),
                before: None,
                after: Some(json!({ "standard": standard.code, "user_id": person.id })),
            },
        )
        .await?;
        let body = format!(
            "Hello {},\n\n{} has asked you to answer standard {}. {} of {}'s self-assessment.\n\n{}/assessments/{id}/standards/{}\n",
            person.display_name,
            ctx.user()?.name,
            standard.code,
            standard.title,
            loaded.organisation.name,
            state.config.public_url,
            standard.code
        );
        state
            .mailer
            .queue(
                &mut tx,
                Email {
                    to: person.email.clone(),
                    subject: format!("Please answer standard {} on osa", standard.code),
                    body,
                },
            )
            .await?;
    }
    tx.commit().await?;
    ctx.flash("success", format!("{} can now answer standard {}", person.display_name, standard.code))
        .await?;
    Ok(back)
}

pub async fn unassign(
    ctx: Ctx,
    State(state): State<AppState>,
    Path(id): Path<i64>,
    Form(form): Form<AssignForm>,
) -> Result<Redirect, AppError> {
    access::edit(&ctx, &state, id).await?;
    let actor = ctx.user()?.id;
    let user: i64 = form.user.parse().unwrap_or(-1);
    let mut tx = state.db.begin().await?;
    let removed = tx
        .execute(
            &Query::delete()
                .from_table(Delegations::Table)
                .and_where(Expr::col(Delegations::AssessmentId).eq(id))
                .and_where(Expr::col(Delegations::StandardCode).eq(form.standard.as_str()))
                .and_where(Expr::col(Delegations::UserId).eq(user))
                .to_owned(),
        )
        .await?;
    if removed > 0 {
        audit::record(
            &mut tx,
            Change {
                actor: Some(actor),
                action: "undelegate",
                entity: "assessment",
                entity_id: id.to_string(),
                before: Some(json!({ "standard": form.standard, "user_id": user })),
                after: None,
            },
        )
        .await?;
    }
    tx.commit().await?;
    ctx.flash("success", "The standard is no longer shared with that person").await?;
    Ok(Redirect::to(&format!("/assessments/{id}/delegation")))
}
