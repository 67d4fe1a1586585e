//! Checking a password or a second-factor code against the throttle: the one path
//! every guess takes (signing in, the current password when changing it, and every
//! two-factor code or recovery code).
//!
//! The attempt is written down *before* the password is checked, and the throttle
//! then counts every other attempt already written. Of any number of guesses made at
//! the same moment, the k-th to be written sees at least k - 1 others, so no more than
//! the limit ever reach the (slow) password check; counting first and writing after
//! would let all of them through. A guess that is refused unchecked is struck off
//! again: it tested nothing, so it is not a failure.

use sea_query::{Expr, ExprTrait, Query};
use time::OffsetDateTime;

use super::store::{self, UserRow};
use super::{password, two_factor};
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
    match admit(state, email, address).await? {
        Admitted::Yes => {}
        Admitted::No { minutes } => return Ok(Attempt::Throttled { minutes }),
    }
    let user = store::user_by_email(&state.db, email).await?;
    let stored = user.as_ref().and_then(|u| u.password_hash.clone());
    if !password::verify(password.to_owned(), stored).await? {
        // The row written above stays: it is this failure.
        return Ok(Attempt::Wrong);
    }
    let user = user.ok_or_else(|| AppError::Internal(anyhow::anyhow!("verified without an account")))?;
    // A right password clears the account's failures, this attempt's row among them,
    // unless a code is still to come: then the failures stay until the code is right,
    // or someone who knows the password could clear the count between code guesses.
    if !two_factor::store::is_on(&state.db, user.id).await? {
        store::clear_failures(&state.db, email).await?;
    }
    Ok(Attempt::Right(user))
}

/// What checking a second-factor code found, before the throttle's say.
pub enum Verdict {
    Right,
    Wrong,
    /// Right for a time step already used: refused, and counted like a wrong code.
    Replayed,
}

pub enum CodeAttempt {
    Throttled { minutes: i64 },
    Checked(Verdict),
}

/// Counts a second-factor code for `email` from `address` exactly as a password
/// guess is counted (the same table, so password and code failures share one limit),
/// and runs `verify` only when the throttle allows it.
pub async fn check_code(
    state: &AppState,
    email: &str,
    address: &str,
    verify: impl Future<Output = Result<Verdict, AppError>>,
) -> Result<CodeAttempt, AppError> {
    if let Admitted::No { minutes } = admit(state, email, address).await? {
        return Ok(CodeAttempt::Throttled { minutes });
    }
    let verdict = verify.await?;
    if matches!(verdict, Verdict::Right) {
        store::clear_failures(&state.db, email).await?;
    }
    Ok(CodeAttempt::Checked(verdict))
}

enum Admitted {
    /// Written down: the row stays as a failure unless a right answer clears it.
    Yes,
    No {
        minutes: i64,
    },
}

/// Writes the attempt down, then decides by the throttle whether it may be checked
/// (see the module's comment for why in that order).
async fn admit(state: &AppState, email: &str, address: &str) -> Result<Admitted, AppError> {
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
        return Ok(Admitted::No { minutes });
    }
    Ok(Admitted::Yes)
}

/// The sentence for a throttled attempt.
pub fn wait_message(minutes: i64) -> String {
    let unit = if minutes == 1 { "minute" } else { "minutes" };
    format!("Too many failed attempts to sign in. Wait {minutes} {unit} and try again.")
}
