//! Every query of the data-protection feature: the person a page is about and their
//! erasure here; what is held about them in [`subject_access`]; what the retention
//! rules reach in [`retention`].

pub mod retention;
pub mod subject_access;

use sea_query::{Expr, ExprTrait, Func, Query};
use serde_json::json;
use time::OffsetDateTime;

use crate::audit::{self, Change};
use crate::db::schema::{
    Delegations, EmailTokens, OrgMemberships, Outbox, PartnershipMemberships, RateLimitEvents, RecoveryCodes,
    Sessions, SignInFailures, TwoFactor, Users, WorkbookUploads,
};
use crate::db::{Db, Tx};
use osa_core::retention::{erased_email, erased_name};

/// A person's account, as the data-protection pages show it.
#[derive(sqlx::FromRow, Clone, Debug)]
pub struct Person {
    pub id: i64,
    pub email: String,
    pub display_name: String,
    pub platform_admin: bool,
    pub created_at: OffsetDateTime,
    pub last_sign_in_at: Option<OffsetDateTime>,
    pub closed_at: Option<OffsetDateTime>,
    pub erased_at: Option<OffsetDateTime>,
}

fn person_query() -> sea_query::SelectStatement {
    Query::select()
        .columns([
            Users::Id,
            Users::Email,
            Users::DisplayName,
            Users::PlatformAdmin,
            Users::CreatedAt,
            Users::LastSignInAt,
            Users::ClosedAt,
            Users::ErasedAt,
        ])
        .from(Users::Table)
        .to_owned()
}

pub async fn person(db: &Db, id: i64) -> Result<Option<Person>, sqlx::Error> {
    db.fetch_optional(&person_query().and_where(Expr::col(Users::Id).eq(id)).to_owned()).await
}

async fn person_in(tx: &mut Tx, id: i64) -> Result<Option<Person>, sqlx::Error> {
    tx.fetch_optional(&person_query().and_where(Expr::col(Users::Id).eq(id)).to_owned()).await
}

/// Why an erasure did not happen.
#[derive(Debug, PartialEq, Eq)]
pub enum Refusal {
    NotFound,
    AlreadyErased,
    /// The service would be left with no one to administer it.
    LastPlatformAdmin,
}

/// How an erasure is recorded in the audit log: who asked (none for the retention
/// job), the action's name and the reason given.
pub struct Erasure<'a> {
    pub actor: Option<i64>,
    pub action: &'a str,
    pub reason: &'a str,
}

/// Erases a person in the caller's transaction: their name and email become
/// placeholders, and their password, sessions, emailed links, roles, delegations,
/// pending workbook uploads, mail in the outbox and records of sign-in attempts and
/// requests under their address are removed. Everything they did stays, under their
/// id (so the audit trail and each record's "changed by" still say one person did
/// it); only the name shown for them changes. The audit entry holds the reason and
/// what was removed, never the old name or address.
pub async fn erase(tx: &mut Tx, id: i64, how: &Erasure<'_>) -> Result<Result<(), Refusal>, sqlx::Error> {
    let Some(person) = person_in(tx, id).await? else { return Ok(Err(Refusal::NotFound)) };
    if person.erased_at.is_some() {
        return Ok(Err(Refusal::AlreadyErased));
    }
    if person.platform_admin {
        let (admins,): (i64,) = tx
            .fetch_one(
                &Query::select()
                    .expr(Expr::col(Users::Id).count())
                    .from(Users::Table)
                    .and_where(Expr::col(Users::PlatformAdmin).eq(true))
                    .to_owned(),
            )
            .await?;
        if admins <= 1 {
            return Ok(Err(Refusal::LastPlatformAdmin));
        }
    }
    let now = OffsetDateTime::now_utc();
    tx.execute(
        &Query::update()
            .table(Users::Table)
            .value(Users::DisplayName, erased_name(id))
            .value(Users::Email, erased_email(id))
            .value(Users::PasswordHash, Option::<String>::None)
            .value(Users::PlatformAdmin, false)
            .value(Users::ErasedAt, now)
            .value(Users::ClosedAt, person.closed_at.unwrap_or(now))
            .and_where(Expr::col(Users::Id).eq(id))
            .to_owned(),
    )
    .await?;
    let address = person.email.to_lowercase();
    let removed = json!({
        "sessions": delete_where(tx, Sessions::Table, Expr::col(Sessions::UserId).eq(id)).await?,
        "emailed_links": delete_where(tx, EmailTokens::Table, Expr::col(EmailTokens::UserId).eq(id)).await?,
        "organisation_roles":
            delete_where(tx, OrgMemberships::Table, Expr::col(OrgMemberships::UserId).eq(id)).await?,
        "partnership_roles": delete_where(
            tx,
            PartnershipMemberships::Table,
            Expr::col(PartnershipMemberships::UserId).eq(id),
        )
        .await?,
        "two_factor": delete_where(tx, TwoFactor::Table, Expr::col(TwoFactor::UserId).eq(id)).await?,
        "recovery_codes":
            delete_where(tx, RecoveryCodes::Table, Expr::col(RecoveryCodes::UserId).eq(id)).await?,
        "delegations": delete_where(tx, Delegations::Table, Expr::col(Delegations::UserId).eq(id)).await?,
        "workbook_uploads":
            delete_where(tx, WorkbookUploads::Table, Expr::col(WorkbookUploads::UserId).eq(id)).await?,
        "outbox_messages": delete_where(
            tx,
            Outbox::Table,
            Expr::expr(Func::lower(Expr::col(Outbox::Recipient))).eq(address.as_str()),
        )
        .await?,
        "sign_in_failures": delete_where(
            tx,
            SignInFailures::Table,
            Expr::expr(Func::lower(Expr::col(SignInFailures::Email))).eq(address.as_str()),
        )
        .await?,
        "request_records": delete_where(
            tx,
            RateLimitEvents::Table,
            Expr::expr(Func::lower(Expr::col(RateLimitEvents::Email))).eq(address.as_str()),
        )
        .await?,
    });
    audit::record(
        tx,
        Change {
            actor: how.actor,
            action: how.action,
            entity: "user",
            entity_id: id.to_string(),
            before: None,
            after: Some(json!({ "reason": how.reason, "name_now": erased_name(id), "removed": removed })),
        },
    )
    .await?;
    Ok(Ok(()))
}

async fn delete_where(
    tx: &mut Tx,
    table: impl sea_query::IntoTableRef,
    condition: sea_query::Expr,
) -> Result<u64, sqlx::Error> {
    tx.execute(&Query::delete().from_table(table).and_where(condition).to_owned()).await
}

/// Records that the export of everything held about `person` was handed to `actor`.
pub async fn record_export(db: &Db, actor: i64, person: i64, format: &str) -> Result<(), sqlx::Error> {
    let mut tx = db.begin().await?;
    audit::record(
        &mut tx,
        Change {
            actor: Some(actor),
            action: "subject_access_export",
            entity: "user",
            entity_id: person.to_string(),
            before: None,
            after: Some(json!({ "format": format })),
        },
    )
    .await?;
    tx.commit().await
}
