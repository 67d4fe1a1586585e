//! Checking a password against the throttle: the one path every password guess takes
//! (signing in, and the current password when changing it).
//!
//! The attempt is written down *before* the password is checked, and the throttle
//! then counts every other attempt already written. Of any number of guesses made at
//! the same moment, the k-th to be written sees at least k - 1 others, so no more than
//! the limit ever reach the (slow) password check; counting first and writing after
//! would let all of them through. A guess that is refused unchecked is struck off
//! again: it tested nothing, so it is not a failure.

use sea_query::{Expr, ExprTrait, Query};
use time::OffsetDateTime;

use super::password;
use super::store::{self, UserRow};
use crate::db::schema::SignInFailures;
use crate::web::AppState;
use crate::web::error::AppError;
use osa_core::throttle::ThrottleDecision;

pub enum Attempt {
    /// Too many recent failures: not checked; try again after this many minutes.
    Throttled {
        minutes: i64,
    },
    /// No such account, or the wrong password (the two look the same).
    Wrong,
    Right(UserRow),
}

/// Checks `password` for the account `email`, asked from `address`.
pub async fn check(
    state: &AppState,
    email: &str,
    address: &str,
    password: &str,
) -> Result<Attempt, AppError> {
    let now = OffsetDateTime::now_utc();
    let mut tx = state.db.begin().await?;
    let own = tx
        .insert_id(
            &Query::insert()
                .into_table(SignInFailures::Table)
                .columns([SignInFailures::Email, SignInFailures::Address, SignInFailures::At])
                .values_panic([email.into(), address.into(), now.into()])
                .to_owned(),
        )
        .await?;
    tx.commit().await?;

    let (account, by_address) =
        store::failures_since(&state.db, email, address, state.throttle.window_start(now), own).await?;
    // Decided as of after the count: an attempt made a moment after this one may
    // have been written before it, and must not be left out as "in the future".
    let decided_at = OffsetDateTime::now_utc();
    if let ThrottleDecision::Wait { minutes } = state.throttle.decide(decided_at, &account, &by_address) {
        state
            .db
            .execute(
                &Query::delete()
                    .from_table(SignInFailures::Table)
                    .and_where(Expr::col(SignInFailures::Id).eq(own))
                    .to_owned(),
            )
            .await?;
        return Ok(Attempt::Throttled { minutes });
    }

    let user = store::user_by_email(&state.db, email).await?;
    let stored = user.as_ref().and_then(|u| u.password_hash.clone());
    if !password::verify(password.to_owned(), stored).await? {
        // The row written above stays: it is this failure.
        return Ok(Attempt::Wrong);
    }
    let user = user.ok_or_else(|| AppError::Internal(anyhow::anyhow!("verified without an account")))?;
    // A right password clears the account's failures, this attempt's row among them.
    store::clear_failures(&state.db, email).await?;
    Ok(Attempt::Right(user))
}

/// The sentence for a throttled attempt.
pub fn wait_message(minutes: i64) -> String {
    let unit = if minutes == 1 { "minute" } else { "minutes" };
    format!("Too many failed attempts to sign in. Wait {minutes} {unit} and try again.")
}
