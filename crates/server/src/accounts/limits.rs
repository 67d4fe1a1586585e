//! Limits on requests that send email (password resets, registrations), per email and
//! per client address, by the rule in `osa_core::throttle::RequestLimit`.
//!
//! As with password attempts, the request is written down before the others are
//! counted, so requests made at the same moment cannot all slip under the limit; a
//! refused request is struck off again, since it sent nothing.

use sea_query::{Expr, ExprTrait, Query};
use time::OffsetDateTime;

use crate::db::Db;
use crate::db::schema::{RateLimitEvents, SignInFailures};
use osa_core::throttle::{RequestLimit, ThrottleDecision};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Limited {
    PasswordReset,
    Registration,
}

impl Limited {
    fn code(self) -> &'static str {
        match self {
            Limited::PasswordReset => "password_reset",
            Limited::Registration => "register",
        }
    }

    fn limit(self) -> RequestLimit {
        match self {
            Limited::PasswordReset => RequestLimit::PASSWORD_RESET,
            Limited::Registration => RequestLimit::REGISTRATION,
        }
    }
}

/// Counts a request for `email` from `address`: `None` when it may go ahead, or the
/// whole minutes to wait when it is over the limit (and then it is not counted).
pub async fn admit(db: &Db, what: Limited, email: &str, address: &str) -> Result<Option<i64>, sqlx::Error> {
    let now = OffsetDateTime::now_utc();
    let mut tx = db.begin().await?;
    let own = tx
        .insert_id(
            &Query::insert()
                .into_table(RateLimitEvents::Table)
                .columns([
                    RateLimitEvents::Action,
                    RateLimitEvents::Email,
                    RateLimitEvents::Address,
                    RateLimitEvents::At,
                ])
                .values_panic([what.code().into(), email.into(), address.into(), now.into()])
                .to_owned(),
        )
        .await?;
    tx.commit().await?;

    let limit = what.limit();
    let times = |column: RateLimitEvents, value: &str| {
        Query::select()
            .column(RateLimitEvents::At)
            .from(RateLimitEvents::Table)
            .and_where(Expr::col(RateLimitEvents::Action).eq(what.code()))
            .and_where(Expr::col(column).eq(value))
            .and_where(Expr::col(RateLimitEvents::At).gt(limit.window_start(now)))
            .and_where(Expr::col(RateLimitEvents::Id).ne(own))
            .limit(100)
            .to_owned()
    };
    let for_email: Vec<(OffsetDateTime,)> = db.fetch_all(&times(RateLimitEvents::Email, email)).await?;
    let from_address: Vec<(OffsetDateTime,)> =
        db.fetch_all(&times(RateLimitEvents::Address, address)).await?;
    let for_email: Vec<_> = for_email.into_iter().map(|t| t.0).collect();
    let from_address: Vec<_> = from_address.into_iter().map(|t| t.0).collect();
    // As of after the count, so a request written a moment later still counts.
    match limit.decide(OffsetDateTime::now_utc(), &for_email, &from_address) {
        ThrottleDecision::Allow => Ok(None),
        ThrottleDecision::Wait { minutes } => {
            db.execute(
                &Query::delete()
                    .from_table(RateLimitEvents::Table)
                    .and_where(Expr::col(RateLimitEvents::Id).eq(own))
                    .to_owned(),
            )
            .await?;
            Ok(Some(minutes))
        }
    }
}

/// Forgets counted requests and sign-in failures older than a day: every limit looks
/// back an hour at most, so older rows only fill the tables.
pub async fn forget_old(db: &Db) -> Result<(), sqlx::Error> {
    let cutoff = OffsetDateTime::now_utc() - time::Duration::days(1);
    db.execute(
        &Query::delete()
            .from_table(RateLimitEvents::Table)
            .and_where(Expr::col(RateLimitEvents::At).lt(cutoff))
            .to_owned(),
    )
    .await?;
    db.execute(
        &Query::delete()
            .from_table(SignInFailures::Table)
            .and_where(Expr::col(SignInFailures::At).lt(cutoff))
            .to_owned(),
    )
    .await?;
    Ok(())
}

/// "5 minutes", "1 minute".
pub fn minutes(n: i64) -> String {
    if n == 1 { "1 minute".to_owned() } else { format!("{n} minutes") }
}
