//! Reading and writing people and their roles.

use sea_query::{Expr, ExprTrait, OnConflict, Query, UnionType};
use serde_json::json;
use time::OffsetDateTime;

use crate::audit::{self, Change};
use crate::db::schema::{OrgMemberships, PartnershipMemberships, SignInFailures, Users};
use crate::db::{Db, Tx};
use crate::web::page::SignedIn;
use osa_core::access::Principal;
use osa_core::tenancy::{OrgRole, PartnershipRole};

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct UserRow {
    pub id: i64,
    pub email: String,
    pub display_name: String,
    pub password_hash: Option<String>,
    pub platform_admin: bool,
}

fn user_select() -> sea_query::SelectStatement {
    Query::select()
        .columns([Users::Id, Users::Email, Users::DisplayName, Users::PasswordHash, Users::PlatformAdmin])
        .from(Users::Table)
        .to_owned()
}

pub async fn user_by_email(db: &Db, email: &str) -> Result<Option<UserRow>, sqlx::Error> {
    db.fetch_optional(&user_select().and_where(Expr::col(Users::Email).eq(email)).to_owned()).await
}

pub async fn user_by_email_tx(tx: &mut Tx, email: &str) -> Result<Option<UserRow>, sqlx::Error> {
    tx.fetch_optional(&user_select().and_where(Expr::col(Users::Email).eq(email)).to_owned()).await
}

pub async fn user_by_id(db: &Db, id: i64) -> Result<Option<UserRow>, sqlx::Error> {
    db.fetch_optional(&user_select().and_where(Expr::col(Users::Id).eq(id)).to_owned()).await
}

/// Loads the person behind a session with every role they hold.
pub async fn load_signed_in(db: &Db, id: i64) -> Result<Option<SignedIn>, sqlx::Error> {
    let Some(user) = user_by_id(db, id).await? else { return Ok(None) };
    // A person whose invitation is not yet accepted cannot hold a session.
    if user.password_hash.is_none() {
        return Ok(None);
    }
    // Both kinds of role in one statement: this runs on every signed-in request.
    let roles: Vec<(i64, i64, String)> = db
        .fetch_all(
            Query::select()
                .expr_as(Expr::val(1i64), "is_org")
                .columns([OrgMemberships::OrganisationId, OrgMemberships::Role])
                .from(OrgMemberships::Table)
                .and_where(Expr::col(OrgMemberships::UserId).eq(id))
                .union(
                    UnionType::All,
                    Query::select()
                        .expr(Expr::val(0i64))
                        .columns([PartnershipMemberships::PartnershipId, PartnershipMemberships::Role])
                        .from(PartnershipMemberships::Table)
                        .and_where(Expr::col(PartnershipMemberships::UserId).eq(id))
                        .to_owned(),
                ),
        )
        .await?;
    let (org_roles, partnership_roles): (Vec<_>, Vec<_>) =
        roles.into_iter().partition(|(is_org, _, _)| *is_org == 1);
    let org_roles: Vec<(i64, String)> = org_roles.into_iter().map(|(_, o, r)| (o, r)).collect();
    let partnership_roles: Vec<(i64, String)> =
        partnership_roles.into_iter().map(|(_, p, r)| (p, r)).collect();
    // Only when they work for a partnership: an organisation's people take no role
    // over any partnership's record.
    let partnership_records = if partnership_roles.is_empty() {
        Vec::new()
    } else {
        crate::partnership_self::store::records_of_staff(db, id).await?
    };
    let principal = Principal {
        partnership_records,
        user_id: user.id,
        platform_admin: user.platform_admin,
        org_roles: org_roles
            .into_iter()
            .filter_map(|(o, r)| OrgRole::from_code(&r).map(|r| (o, r)))
            .collect(),
        partnership_roles: partnership_roles
            .into_iter()
            .filter_map(|(p, r)| PartnershipRole::from_code(&r).map(|r| (p, r)))
            .collect(),
    };
    Ok(Some(SignedIn { id: user.id, email: user.email, name: user.display_name, principal }))
}

/// Creates a person, or returns the existing one with that email (unchanged).
/// The flag says whether the person is new.
pub async fn find_or_create_user(
    tx: &mut Tx,
    actor: Option<i64>,
    email: &str,
    name: &str,
    password_hash: Option<String>,
    platform_admin: bool,
) -> Result<(i64, bool), sqlx::Error> {
    if let Some(existing) = user_by_email_tx(tx, email).await? {
        return Ok((existing.id, false));
    }
    let id = tx
        .insert_id(
            &Query::insert()
                .into_table(Users::Table)
                .columns([
                    Users::Email,
                    Users::DisplayName,
                    Users::PasswordHash,
                    Users::PlatformAdmin,
                    Users::CreatedAt,
                ])
                .values_panic([
                    email.into(),
                    name.into(),
                    password_hash.into(),
                    platform_admin.into(),
                    OffsetDateTime::now_utc().into(),
                ])
                .to_owned(),
        )
        .await?;
    audit::record(
        tx,
        Change {
            actor,
            action: "create",
            entity: "user",
            entity_id: id.to_string(),
            before: None,
            after: Some(json!({ "email": email, "name": name, "platform_admin": platform_admin })),
        },
    )
    .await?;
    Ok((id, true))
}

/// Sets a person's password and ends every session of theirs but `keep` (the session
/// that changed it, when it stays signed in): whoever knew the old password, or held a
/// session opened with it, is signed out.
pub async fn set_password(
    tx: &mut Tx,
    user_id: i64,
    hash: String,
    keep: Option<tower_sessions::session::Id>,
) -> Result<(), sqlx::Error> {
    crate::web::session_store::end_sessions_of(tx, user_id, keep).await?;
    tx.execute(
        &Query::update()
            .table(Users::Table)
            .value(Users::PasswordHash, hash)
            .and_where(Expr::col(Users::Id).eq(user_id))
            .to_owned(),
    )
    .await?;
    audit::record(
        tx,
        Change {
            actor: Some(user_id),
            action: "set_password",
            entity: "user",
            entity_id: user_id.to_string(),
            before: None,
            after: None,
        },
    )
    .await
}

pub async fn set_platform_admin(tx: &mut Tx, actor: Option<i64>, user_id: i64) -> Result<(), sqlx::Error> {
    tx.execute(
        &Query::update()
            .table(Users::Table)
            .value(Users::PlatformAdmin, true)
            .value(Users::ClosedAt, Option::<OffsetDateTime>::None)
            .and_where(Expr::col(Users::Id).eq(user_id))
            .to_owned(),
    )
    .await?;
    audit::record(
        tx,
        Change {
            actor,
            action: "grant_platform_admin",
            entity: "user",
            entity_id: user_id.to_string(),
            before: None,
            after: Some(json!({ "platform_admin": true })),
        },
    )
    .await
}

pub async fn grant_org_role(
    tx: &mut Tx,
    actor: Option<i64>,
    user_id: i64,
    organisation: i64,
    role: OrgRole,
) -> Result<(), sqlx::Error> {
    tx.execute(
        &Query::insert()
            .into_table(OrgMemberships::Table)
            .columns([OrgMemberships::UserId, OrgMemberships::OrganisationId, OrgMemberships::Role])
            .values_panic([user_id.into(), organisation.into(), role.code().into()])
            .on_conflict(
                OnConflict::columns([
                    OrgMemberships::UserId,
                    OrgMemberships::OrganisationId,
                    OrgMemberships::Role,
                ])
                .do_nothing()
                .to_owned(),
            )
            .to_owned(),
    )
    .await?;
    reopen(tx, user_id).await?;
    audit::record(
        tx,
        Change {
            actor,
            action: "grant_role",
            entity: "organisation",
            entity_id: organisation.to_string(),
            before: None,
            after: Some(json!({ "user_id": user_id, "role": role.code() })),
        },
    )
    .await
}

pub async fn grant_partnership_role(
    tx: &mut Tx,
    actor: Option<i64>,
    user_id: i64,
    partnership: i64,
    role: PartnershipRole,
) -> Result<(), sqlx::Error> {
    tx.execute(
        &Query::insert()
            .into_table(PartnershipMemberships::Table)
            .columns([
                PartnershipMemberships::UserId,
                PartnershipMemberships::PartnershipId,
                PartnershipMemberships::Role,
            ])
            .values_panic([user_id.into(), partnership.into(), role.code().into()])
            .on_conflict(
                OnConflict::columns([
                    PartnershipMemberships::UserId,
                    PartnershipMemberships::PartnershipId,
                    PartnershipMemberships::Role,
                ])
                .do_nothing()
                .to_owned(),
            )
            .to_owned(),
    )
    .await?;
    reopen(tx, user_id).await?;
    audit::record(
        tx,
        Change {
            actor,
            action: "grant_role",
            entity: "partnership",
            entity_id: partnership.to_string(),
            before: None,
            after: Some(json!({ "user_id": user_id, "role": role.code() })),
        },
    )
    .await
}

/// A person given a role again no longer counts as closed for the retention rule.
async fn reopen(tx: &mut Tx, user_id: i64) -> Result<(), sqlx::Error> {
    tx.execute(
        &Query::update()
            .table(Users::Table)
            .value(Users::ClosedAt, Option::<OffsetDateTime>::None)
            .and_where(Expr::col(Users::Id).eq(user_id))
            .to_owned(),
    )
    .await?;
    Ok(())
}

/// Records that the person's account closed `at`, when they now hold no role at all
/// (no membership, not a platform admin) and it was not already recorded: the
/// closed-accounts retention rule counts from this moment.
pub async fn close_if_roleless(tx: &mut Tx, user_id: i64, at: OffsetDateTime) -> Result<(), sqlx::Error> {
    tx.execute(
        &Query::update()
            .table(Users::Table)
            .value(Users::ClosedAt, at)
            .and_where(Expr::col(Users::Id).eq(user_id))
            .and_where(Expr::col(Users::ClosedAt).is_null())
            .and_where(Expr::col(Users::PlatformAdmin).eq(false))
            .and_where(Expr::col(Users::Id).not_in_subquery(
                Query::select().column(OrgMemberships::UserId).from(OrgMemberships::Table).to_owned(),
            ))
            .and_where(
                Expr::col(Users::Id).not_in_subquery(
                    Query::select()
                        .column(PartnershipMemberships::UserId)
                        .from(PartnershipMemberships::Table)
                        .to_owned(),
                ),
            )
            .to_owned(),
    )
    .await?;
    Ok(())
}

pub async fn record_sign_in(db: &Db, user_id: i64) -> Result<(), sqlx::Error> {
    db.execute(
        &Query::update()
            .table(Users::Table)
            .value(Users::LastSignInAt, OffsetDateTime::now_utc())
            .and_where(Expr::col(Users::Id).eq(user_id))
            .to_owned(),
    )
    .await?;
    Ok(())
}

/// A right password clears the account's failures (every row naming the account, so
/// its address no longer counts them either).
pub async fn clear_failures(db: &Db, email: &str) -> Result<(), sqlx::Error> {
    db.execute(
        &Query::delete()
            .from_table(SignInFailures::Table)
            .and_where(Expr::col(SignInFailures::Email).eq(email))
            .to_owned(),
    )
    .await?;
    Ok(())
}

/// Failure times since `since` for the account and for the address, leaving out the
/// attempt `except` (the one being decided).
pub async fn failures_since(
    db: &Db,
    email: &str,
    address: &str,
    since: OffsetDateTime,
    except: i64,
) -> Result<(Vec<OffsetDateTime>, Vec<OffsetDateTime>), sqlx::Error> {
    let times = |column: SignInFailures, value: &str| {
        Query::select()
            .column(SignInFailures::At)
            .from(SignInFailures::Table)
            .and_where(Expr::col(column).eq(value))
            .and_where(Expr::col(SignInFailures::At).gt(since))
            .and_where(Expr::col(SignInFailures::Id).ne(except))
            .limit(100)
            .to_owned()
    };
    let account: Vec<(OffsetDateTime,)> = db.fetch_all(&times(SignInFailures::Email, email)).await?;
    let address: Vec<(OffsetDateTime,)> = db.fetch_all(&times(SignInFailures::Address, address)).await?;
    Ok((account.into_iter().map(|t| t.0).collect(), address.into_iter().map(|t| t.0).collect()))
}
