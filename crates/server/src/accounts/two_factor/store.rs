//! Every query two-factor sign-in makes: the secret and last used step of each person
//! who has it on, and their recovery codes (hashes only).

use sea_query::{Expr, ExprTrait, Query};
use serde_json::json;
use time::OffsetDateTime;

use crate::audit::{self, Change};
use crate::db::schema::{RecoveryCodes, TwoFactor};
use crate::db::{Db, Tx};

/// A person's two-factor sign-in, when it is on.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Enrolment {
    pub secret: String,
    pub last_step: Option<i64>,
    pub enabled_at: OffsetDateTime,
}

impl Enrolment {
    pub fn last_used_step(&self) -> Option<u64> {
        self.last_step.and_then(|s| u64::try_from(s).ok())
    }
}

pub async fn enrolment(db: &Db, user_id: i64) -> Result<Option<Enrolment>, sqlx::Error> {
    db.fetch_optional(
        &Query::select()
            .columns([TwoFactor::Secret, TwoFactor::LastStep, TwoFactor::EnabledAt])
            .from(TwoFactor::Table)
            .and_where(Expr::col(TwoFactor::UserId).eq(user_id))
            .to_owned(),
    )
    .await
}

pub async fn is_on(db: &Db, user_id: i64) -> Result<bool, sqlx::Error> {
    Ok(enrolment(db, user_id).await?.is_some())
}

/// Switches two-factor on with the secret the person proved they hold (by the code of
/// `step`, which counts as used) and their first recovery codes.
pub async fn switch_on(
    tx: &mut Tx,
    user_id: i64,
    secret: &str,
    step: u64,
    code_hashes: &[String],
) -> Result<(), sqlx::Error> {
    tx.execute(
        &Query::insert()
            .into_table(TwoFactor::Table)
            .columns([TwoFactor::UserId, TwoFactor::Secret, TwoFactor::LastStep, TwoFactor::EnabledAt])
            .values_panic([
                user_id.into(),
                secret.into(),
                i64::try_from(step).unwrap_or(i64::MAX).into(),
                OffsetDateTime::now_utc().into(),
            ])
            .to_owned(),
    )
    .await?;
    replace_recovery_codes(tx, user_id, code_hashes).await?;
    record(tx, Some(user_id), user_id, "two_factor_on", None).await
}

/// Marks `step` used, unless it (or a newer one) already is: the condition is in the
/// statement, so of two sign-ins racing with one code only one succeeds.
pub async fn use_step(db: &Db, user_id: i64, step: u64) -> Result<bool, sqlx::Error> {
    let step = i64::try_from(step).unwrap_or(i64::MAX);
    let changed = db
        .execute(
            &Query::update()
                .table(TwoFactor::Table)
                .value(TwoFactor::LastStep, step)
                .and_where(Expr::col(TwoFactor::UserId).eq(user_id))
                .and_where(
                    Expr::col(TwoFactor::LastStep).is_null().or(Expr::col(TwoFactor::LastStep).lt(step)),
                )
                .to_owned(),
        )
        .await?;
    Ok(changed == 1)
}

/// Uses up a recovery code: true when the person had it unused (and now has not).
pub async fn use_recovery_code(db: &Db, user_id: i64, code_hash: &str) -> Result<bool, sqlx::Error> {
    let changed = db
        .execute(
            &Query::update()
                .table(RecoveryCodes::Table)
                .value(RecoveryCodes::UsedAt, OffsetDateTime::now_utc())
                .and_where(Expr::col(RecoveryCodes::UserId).eq(user_id))
                .and_where(Expr::col(RecoveryCodes::CodeHash).eq(code_hash))
                .and_where(Expr::col(RecoveryCodes::UsedAt).is_null())
                .to_owned(),
        )
        .await?;
    Ok(changed == 1)
}

/// How many of the person's recovery codes are still unused.
pub async fn unused_recovery_codes(db: &Db, user_id: i64) -> Result<i64, sqlx::Error> {
    let (count,): (i64,) = db
        .fetch_one(
            &Query::select()
                .expr(Expr::col(RecoveryCodes::Id).count())
                .from(RecoveryCodes::Table)
                .and_where(Expr::col(RecoveryCodes::UserId).eq(user_id))
                .and_where(Expr::col(RecoveryCodes::UsedAt).is_null())
                .to_owned(),
        )
        .await?;
    Ok(count)
}

/// Gives the person new recovery codes; every earlier one, used or not, stops working.
pub async fn replace_recovery_codes(
    tx: &mut Tx,
    user_id: i64,
    code_hashes: &[String],
) -> Result<(), sqlx::Error> {
    delete_recovery_codes(tx, user_id).await?;
    let mut insert = Query::insert();
    insert.into_table(RecoveryCodes::Table).columns([RecoveryCodes::UserId, RecoveryCodes::CodeHash]);
    for hash in code_hashes {
        insert.values_panic([user_id.into(), hash.into()]);
    }
    if !code_hashes.is_empty() {
        tx.execute(&insert).await?;
    }
    Ok(())
}

pub async fn record_new_recovery_codes(tx: &mut Tx, user_id: i64) -> Result<(), sqlx::Error> {
    record(tx, Some(user_id), user_id, "two_factor_new_recovery_codes", None).await
}

/// Switches two-factor off and removes the recovery codes, recording who did it and,
/// when it was someone else, the reason they gave.
pub async fn switch_off(
    tx: &mut Tx,
    actor: i64,
    user_id: i64,
    reason: Option<&str>,
) -> Result<(), sqlx::Error> {
    tx.execute(
        &Query::delete()
            .from_table(TwoFactor::Table)
            .and_where(Expr::col(TwoFactor::UserId).eq(user_id))
            .to_owned(),
    )
    .await?;
    delete_recovery_codes(tx, user_id).await?;
    let action = if reason.is_some() { "two_factor_reset" } else { "two_factor_off" };
    record(tx, Some(actor), user_id, action, reason.map(|r| json!({ "reason": r }))).await
}

async fn delete_recovery_codes(tx: &mut Tx, user_id: i64) -> Result<(), sqlx::Error> {
    tx.execute(
        &Query::delete()
            .from_table(RecoveryCodes::Table)
            .and_where(Expr::col(RecoveryCodes::UserId).eq(user_id))
            .to_owned(),
    )
    .await?;
    Ok(())
}

async fn record(
    tx: &mut Tx,
    actor: Option<i64>,
    user_id: i64,
    action: &str,
    after: Option<serde_json::Value>,
) -> Result<(), sqlx::Error> {
    audit::record(
        tx,
        Change { actor, action, entity: "user", entity_id: user_id.to_string(), before: None, after },
    )
    .await
}
