//! Every query of the API: its tokens (created and revoked with an audit record in the
//! same transaction), the record of calls, and the per-return standings a list of
//! returns shows. Which cycles, invitations and returns a token may read is decided by
//! the features that own them (`cycles::access`, `cycles::visible`); nothing here
//! decides it again.

use sea_query::{Expr, ExprTrait, Order, Query};
use serde_json::json;
use time::{Date, OffsetDateTime};

use super::schema::{ApiCalls, ApiTokens};
use crate::audit::{self, Change};
use crate::db::Db;
use crate::db::schema::{ReturnStandings, Users};

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct TokenRow {
    pub id: i64,
    pub name: String,
    pub hint: String,
    pub created_by_name: String,
    pub created_at: OffsetDateTime,
    pub expires_on: Date,
    pub revoked_at: Option<OffsetDateTime>,
}

/// What a call's token says about itself, looked up by the secret's hash.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct TokenFound {
    pub id: i64,
    pub partnership_id: i64,
    pub expires_on: Date,
    pub revoked_at: Option<OffsetDateTime>,
}

pub struct NewToken<'a> {
    pub partnership: i64,
    pub name: &'a str,
    pub hash: &'a str,
    pub hint: &'a str,
    pub expires_on: Date,
    pub by: i64,
    pub at: OffsetDateTime,
}

/// Keeps a new token (its hash, never the secret) and audits it.
pub async fn create(db: &Db, new: &NewToken<'_>) -> Result<i64, sqlx::Error> {
    let mut tx = db.begin().await?;
    let id = tx
        .insert_id(
            &Query::insert()
                .into_table(ApiTokens::Table)
                .columns([
                    ApiTokens::PartnershipId,
                    ApiTokens::Name,
                    ApiTokens::TokenHash,
                    ApiTokens::Hint,
                    ApiTokens::CreatedBy,
                    ApiTokens::CreatedAt,
                    ApiTokens::ExpiresOn,
                ])
                .values_panic([
                    new.partnership.into(),
                    new.name.into(),
                    new.hash.into(),
                    new.hint.into(),
                    new.by.into(),
                    new.at.into(),
                    new.expires_on.into(),
                ])
                .to_owned(),
        )
        .await?;
    let after = json!({
        "partnership": new.partnership, "name": new.name, "hint": new.hint,
        "expires_on": new.expires_on.to_string(),
    });
    audit::record(
        &mut tx,
        Change {
            actor: Some(new.by),
            action: "create",
            entity: "api_token",
            entity_id: id.to_string(),
            before: None,
            after: Some(after),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(id)
}

/// A partnership's tokens, newest first, a page at a time (`limit`, `offset`).
pub async fn of_partnership(
    db: &Db,
    partnership: i64,
    limit: u64,
    offset: u64,
) -> Result<Vec<TokenRow>, sqlx::Error> {
    use ApiTokens as T;
    db.fetch_all(
        &Query::select()
            .columns([
                (T::Table, T::Id),
                (T::Table, T::Name),
                (T::Table, T::Hint),
                (T::Table, T::CreatedAt),
                (T::Table, T::ExpiresOn),
                (T::Table, T::RevokedAt),
            ])
            .expr_as(Expr::col((Users::Table, Users::DisplayName)), "created_by_name")
            .from(T::Table)
            .inner_join(Users::Table, Expr::col((Users::Table, Users::Id)).equals((T::Table, T::CreatedBy)))
            .and_where(Expr::col((T::Table, T::PartnershipId)).eq(partnership))
            .order_by((T::Table, T::Id), Order::Desc)
            .limit(limit)
            .offset(offset)
            .to_owned(),
    )
    .await
}

/// When a token was last used (any answer), if ever.
pub async fn last_used(db: &Db, token: i64) -> Result<Option<OffsetDateTime>, sqlx::Error> {
    let row: Option<(OffsetDateTime,)> = db
        .fetch_optional(
            &Query::select()
                .column(ApiCalls::At)
                .from(ApiCalls::Table)
                .and_where(Expr::col(ApiCalls::TokenId).eq(token))
                .order_by(ApiCalls::At, Order::Desc)
                .limit(1)
                .to_owned(),
        )
        .await?;
    Ok(row.map(|(at,)| at))
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Revoked {
    Now,
    /// It was revoked before (by someone else, or in another tab).
    Already,
    /// The partnership has no such token.
    NoSuchToken,
}

/// Revokes one of a partnership's tokens that is not revoked yet, and audits it.
pub async fn revoke(
    db: &Db,
    partnership: i64,
    token: i64,
    by: i64,
    at: OffsetDateTime,
) -> Result<Revoked, sqlx::Error> {
    let mut tx = db.begin().await?;
    let changed = tx
        .execute(
            &Query::update()
                .table(ApiTokens::Table)
                .value(ApiTokens::RevokedBy, by)
                .value(ApiTokens::RevokedAt, at)
                .and_where(Expr::col(ApiTokens::Id).eq(token))
                .and_where(Expr::col(ApiTokens::PartnershipId).eq(partnership))
                .and_where(Expr::col(ApiTokens::RevokedAt).is_null())
                .to_owned(),
        )
        .await?;
    if changed == 0 {
        let exists: Option<(i64,)> = tx
            .fetch_optional(
                &Query::select()
                    .column(ApiTokens::Id)
                    .from(ApiTokens::Table)
                    .and_where(Expr::col(ApiTokens::Id).eq(token))
                    .and_where(Expr::col(ApiTokens::PartnershipId).eq(partnership))
                    .to_owned(),
            )
            .await?;
        tx.rollback().await?;
        return Ok(if exists.is_some() { Revoked::Already } else { Revoked::NoSuchToken });
    }
    audit::record(
        &mut tx,
        Change {
            actor: Some(by),
            action: "revoke",
            entity: "api_token",
            entity_id: token.to_string(),
            before: Some(json!({ "revoked": false })),
            after: Some(json!({ "revoked": true })),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(Revoked::Now)
}

pub async fn find_by_hash(db: &Db, hash: &str) -> Result<Option<TokenFound>, sqlx::Error> {
    db.fetch_optional(
        &Query::select()
            .columns([ApiTokens::Id, ApiTokens::PartnershipId, ApiTokens::ExpiresOn, ApiTokens::RevokedAt])
            .from(ApiTokens::Table)
            .and_where(Expr::col(ApiTokens::TokenHash).eq(hash))
            .to_owned(),
    )
    .await
}

/// The times of a token's calls since `since` that the limit counts: every answer
/// but the 429s (see `osa_core::api::CallLimit::decide`).
pub async fn counted_calls_since(
    db: &Db,
    token: i64,
    since: OffsetDateTime,
) -> Result<Vec<OffsetDateTime>, sqlx::Error> {
    let rows: Vec<(OffsetDateTime,)> = db
        .fetch_all(
            &Query::select()
                .column(ApiCalls::At)
                .from(ApiCalls::Table)
                .and_where(Expr::col(ApiCalls::TokenId).eq(token))
                .and_where(Expr::col(ApiCalls::At).gt(since))
                .and_where(Expr::col(ApiCalls::Status).ne(429))
                .to_owned(),
        )
        .await?;
    Ok(rows.into_iter().map(|(at,)| at).collect())
}

pub struct Call<'a> {
    pub token: i64,
    pub at: OffsetDateTime,
    pub method: &'a str,
    pub path: &'a str,
    pub status: u16,
}

pub async fn record_call(db: &Db, call: &Call<'_>) -> Result<(), sqlx::Error> {
    db.execute(
        &Query::insert()
            .into_table(ApiCalls::Table)
            .columns([ApiCalls::TokenId, ApiCalls::At, ApiCalls::Method, ApiCalls::Path, ApiCalls::Status])
            .values_panic([
                call.token.into(),
                call.at.into(),
                call.method.into(),
                call.path.into(),
                i32::from(call.status).into(),
            ])
            .to_owned(),
    )
    .await?;
    Ok(())
}

/// Per return, each standard's standing as stored at sign-off: (return, standard
/// code, standing code, whether the standard applies). `returns` are ones the caller
/// already knows the reader may read (`cycles::visible`).
pub async fn standings(db: &Db, returns: &[i64]) -> Result<Vec<(i64, String, String, bool)>, sqlx::Error> {
    if returns.is_empty() {
        return Ok(Vec::new());
    }
    db.fetch_all(
        &Query::select()
            .columns([
                ReturnStandings::ReturnId,
                ReturnStandings::StandardCode,
                ReturnStandings::Standing,
                ReturnStandings::Applies,
            ])
            .from(ReturnStandings::Table)
            .and_where(Expr::col(ReturnStandings::ReturnId).is_in(returns.to_vec()))
            .order_by(ReturnStandings::ReturnId, Order::Asc)
            .order_by(ReturnStandings::StandardCode, Order::Asc)
            .to_owned(),
    )
    .await
}
