//! The two kinds of place people hold roles in, so that listing, inviting and
//! removing are written once for partnerships and organisations alike.

use sea_query::{Expr, ExprTrait, IntoIden, Order, Query};
use serde_json::json;

use crate::accounts::store as account_queries;
use crate::audit::{self, Change};
use crate::db::schema::{OrgMemberships, PartnershipMemberships, Users};
use crate::db::{Db, Tx};
use crate::organisations::store as org_queries;
use crate::partnerships::store as partnership_queries;
use crate::web::error::AppError;
use osa_core::access::Action;
use osa_core::tenancy::{OrgRole, PartnershipRole};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    Partnership(i64),
    Organisation(i64),
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct StaffRow {
    pub user_id: i64,
    pub display_name: String,
    pub email: String,
    pub role: String,
    pub password_hash: Option<String>,
}

impl StaffRow {
    pub fn invited_only(&self) -> bool {
        self.password_hash.is_none()
    }
}

impl Scope {
    pub fn id(self) -> i64 {
        match self {
            Scope::Partnership(id) | Scope::Organisation(id) => id,
        }
    }

    pub fn base_path(self) -> String {
        match self {
            Scope::Partnership(id) => format!("/partnerships/{id}"),
            Scope::Organisation(id) => format!("/organisations/{id}"),
        }
    }

    pub fn manage_action(self) -> Action<'static> {
        match self {
            Scope::Partnership(id) => Action::ManagePartnership { partnership: id },
            Scope::Organisation(id) => Action::ManageOrganisation { organisation: id },
        }
    }

    /// Role codes and labels offered when inviting.
    pub fn roles(self) -> Vec<(&'static str, &'static str)> {
        match self {
            Scope::Partnership(_) => PartnershipRole::ALL.iter().map(|r| (r.code(), r.label())).collect(),
            Scope::Organisation(_) => OrgRole::ALL.iter().map(|r| (r.code(), r.label())).collect(),
        }
    }

    pub fn role_label(self, code: &str) -> &'static str {
        self.roles().into_iter().find(|(c, _)| *c == code).map(|(_, l)| l).unwrap_or("Unknown role")
    }

    /// The role that must always be held by at least one person.
    fn keeper_role(self) -> &'static str {
        match self {
            Scope::Partnership(_) => PartnershipRole::Admin.code(),
            Scope::Organisation(_) => OrgRole::SafeguardingLead.code(),
        }
    }

    pub fn keeper_message(self) -> &'static str {
        match self {
            Scope::Partnership(_) => "A partnership must keep at least one partnership admin",
            Scope::Organisation(_) => "An organisation must keep at least one safeguarding lead",
        }
    }

    /// The name of the partnership or organisation, or 404.
    pub async fn name(self, db: &Db) -> Result<String, AppError> {
        let name = match self {
            Scope::Partnership(id) => partnership_queries::get(db, id).await?.map(|p| p.name),
            Scope::Organisation(id) => org_queries::get(db, id).await?.map(|o| o.name),
        };
        name.ok_or(AppError::NotFound)
    }

    pub async fn staff(self, db: &Db, limit: u64, offset: u64) -> Result<Vec<StaffRow>, sqlx::Error> {
        let mut q = Query::select();
        q.columns([
            (Users::Table, Users::DisplayName),
            (Users::Table, Users::Email),
            (Users::Table, Users::PasswordHash),
        ]);
        match self {
            Scope::Partnership(id) => q
                .expr_as(
                    Expr::col((PartnershipMemberships::Table, PartnershipMemberships::UserId)),
                    "user_id",
                )
                .expr_as(Expr::col((PartnershipMemberships::Table, PartnershipMemberships::Role)), "role")
                .from(PartnershipMemberships::Table)
                .inner_join(
                    Users::Table,
                    Expr::col((Users::Table, Users::Id))
                        .equals((PartnershipMemberships::Table, PartnershipMemberships::UserId)),
                )
                .and_where(
                    Expr::col((PartnershipMemberships::Table, PartnershipMemberships::PartnershipId)).eq(id),
                ),
            Scope::Organisation(id) => q
                .expr_as(Expr::col((OrgMemberships::Table, OrgMemberships::UserId)), "user_id")
                .expr_as(Expr::col((OrgMemberships::Table, OrgMemberships::Role)), "role")
                .from(OrgMemberships::Table)
                .inner_join(
                    Users::Table,
                    Expr::col((Users::Table, Users::Id))
                        .equals((OrgMemberships::Table, OrgMemberships::UserId)),
                )
                .and_where(Expr::col((OrgMemberships::Table, OrgMemberships::OrganisationId)).eq(id)),
        };
        db.fetch_all(
            &q.order_by((Users::Table, Users::DisplayName), Order::Asc)
                .order_by((Users::Table, Users::Id), Order::Asc)
                .limit(limit)
                .offset(offset)
                .to_owned(),
        )
        .await
    }

    pub async fn grant(self, tx: &mut Tx, actor: i64, user: i64, role: &str) -> Result<(), AppError> {
        match self {
            Scope::Partnership(id) => {
                let role = PartnershipRole::from_code(role).ok_or(AppError::NotFound)?;
                account_queries::grant_partnership_role(tx, Some(actor), user, id, role).await?;
            }
            Scope::Organisation(id) => {
                let role = OrgRole::from_code(role).ok_or(AppError::NotFound)?;
                account_queries::grant_org_role(tx, Some(actor), user, id, role).await?;
            }
        }
        Ok(())
    }

    /// Removes one role from one person. Returns false, changing nothing, when it is
    /// the last holder of the role the place cannot be without.
    pub async fn remove(self, db: &Db, actor: i64, user: i64, role: &str) -> Result<bool, AppError> {
        let mut tx = db.begin().await?;
        let (table, place_col, user_col, role_col) = match self {
            Scope::Partnership(_) => (
                PartnershipMemberships::Table.into_iden(),
                PartnershipMemberships::PartnershipId.into_iden(),
                PartnershipMemberships::UserId.into_iden(),
                PartnershipMemberships::Role.into_iden(),
            ),
            Scope::Organisation(_) => (
                OrgMemberships::Table.into_iden(),
                OrgMemberships::OrganisationId.into_iden(),
                OrgMemberships::UserId.into_iden(),
                OrgMemberships::Role.into_iden(),
            ),
        };
        if role == self.keeper_role() {
            let (holders,): (i64,) = tx
                .fetch_one(
                    &Query::select()
                        .expr(Expr::col(user_col.clone()).count())
                        .from(table.clone())
                        .and_where(Expr::col(place_col.clone()).eq(self.id()))
                        .and_where(Expr::col(role_col.clone()).eq(role))
                        .to_owned(),
                )
                .await?;
            if holders <= 1 {
                return Ok(false);
            }
        }
        let removed = tx
            .execute(
                &Query::delete()
                    .from_table(table)
                    .and_where(Expr::col(place_col).eq(self.id()))
                    .and_where(Expr::col(user_col).eq(user))
                    .and_where(Expr::col(role_col).eq(role))
                    .to_owned(),
            )
            .await?;
        if removed == 0 {
            return Err(AppError::NotFound);
        }
        let entity = match self {
            Scope::Partnership(_) => "partnership",
            Scope::Organisation(_) => "organisation",
        };
        audit::record(
            &mut tx,
            Change {
                actor: Some(actor),
                action: "remove_role",
                entity,
                entity_id: self.id().to_string(),
                before: Some(json!({ "user_id": user, "role": role })),
                after: None,
            },
        )
        .await?;
        account_queries::close_if_roleless(&mut tx, user, time::OffsetDateTime::now_utc()).await?;
        tx.commit().await?;
        Ok(true)
    }
}
