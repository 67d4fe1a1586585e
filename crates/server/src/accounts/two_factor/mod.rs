//! Two-factor sign-in (time-based one-time codes, RFC 6238, with recovery codes) for
//! anyone who signs in with a password. After a right password, a person who has it
//! is not signed in: the session holds a short-lived "password passed" state
//! ([`Pending`]) and the next page asks for a code. Where the deployment requires it
//! (`two_factor_required`), platform and partnership admins without it are sent to
//! set it up instead, and are signed in only once they have. Every path that ends in
//! a signed-in session after a password (signing in, set-password links) goes through
//! [`after_password`].

pub mod challenge;
pub mod codes;
pub mod manage;
pub mod set_up;
pub mod store;

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

use super::attempts::{CodeAttempt, Verdict};
use super::store::{self as account_store, UserRow};
use crate::web::AppState;
use crate::web::error::AppError;
use crate::web::page::{Ctx, SESSION_USER};
use osa_core::two_factor::{CodeCheck, must_use_two_factor, pending_is_fresh};

/// The session key of the "password passed" state.
const SESSION_PENDING: &str = "two_factor_pending";

/// A person who gave the right password and has a second step to go.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Pending {
    pub user_id: i64,
    /// When the password was given (Unix seconds): the state lasts
    /// `osa_core::two_factor::PENDING_SECONDS`.
    pub started: i64,
    /// Where to go once signed in (already checked by `safe_next`).
    pub next: String,
    /// True when the person must set two-factor up before signing in; false when
    /// they have it and must give a code.
    pub set_up: bool,
}

/// Where a right password leads.
pub enum AfterPassword {
    SignedIn,
    CodeNeeded,
    SetUpNeeded,
}

impl AfterPassword {
    /// The page to go to next; `next` when signed in.
    pub fn location(&self, next: &str) -> String {
        match self {
            AfterPassword::SignedIn => next.to_owned(),
            AfterPassword::CodeNeeded => "/sign-in/two-factor".to_owned(),
            AfterPassword::SetUpNeeded => "/sign-in/two-factor/set-up".to_owned(),
        }
    }
}

/// Called once a person's password has been proved (by signing in or by a
/// set-password link): signs them in, or leaves the session in the "password passed"
/// state when a code is still needed or two-factor must first be set up.
pub async fn after_password(
    ctx: &Ctx,
    state: &AppState,
    user: &UserRow,
    next: &str,
) -> Result<AfterPassword, AppError> {
    let set_up = if store::is_on(&state.db, user.id).await? {
        false
    } else if state.config.two_factor_required && must_set_up(state, user.id).await? {
        true
    } else {
        ctx.start_signed_in_session(user.id).await?;
        return Ok(AfterPassword::SignedIn);
    };
    // A new id here too, and nobody signed in: whoever was signed in in this browser
    // before (another person, say) is not any more.
    ctx.session.cycle_id().await?;
    ctx.session.remove::<i64>(SESSION_USER).await?;
    let pending = Pending {
        user_id: user.id,
        started: OffsetDateTime::now_utc().unix_timestamp(),
        next: next.to_owned(),
        set_up,
    };
    ctx.session.insert(SESSION_PENDING, &pending).await?;
    Ok(if set_up { AfterPassword::SetUpNeeded } else { AfterPassword::CodeNeeded })
}

/// Whether the deployment's rule makes this person set two-factor up (by their roles).
pub async fn must_set_up(state: &AppState, user_id: i64) -> Result<bool, AppError> {
    let Some(person) = account_store::load_signed_in(&state.db, user_id).await? else { return Ok(false) };
    Ok(must_use_two_factor(state.config.two_factor_required, &person.principal))
}

/// The "password passed" state of this session, if it is still fresh; a stale one is
/// removed.
pub async fn pending(ctx: &Ctx) -> Result<Option<Pending>, AppError> {
    let Some(pending) = ctx.session.get::<Pending>(SESSION_PENDING).await? else { return Ok(None) };
    if pending_is_fresh(pending.started, OffsetDateTime::now_utc().unix_timestamp()) {
        Ok(Some(pending))
    } else {
        ctx.session.remove::<Pending>(SESSION_PENDING).await?;
        Ok(None)
    }
}

/// Ends the "password passed" state by signing the person in (a new session id), and
/// gives back where they were going.
pub async fn finish(ctx: &Ctx, state: &AppState, pending: &Pending) -> Result<String, AppError> {
    ctx.session.remove::<Pending>(SESSION_PENDING).await?;
    ctx.start_signed_in_session(pending.user_id).await?;
    account_store::record_sign_in(&state.db, pending.user_id).await?;
    tracing::info!(user_id = pending.user_id, "signed in with two-factor");
    Ok(pending.next.clone())
}

/// Checks a six-digit code from the person's app, and marks its time step used when
/// it is right, so the same code cannot be given twice (`store::use_step` decides a
/// race between two sign-ins with one code).
pub async fn verify_app_code(state: &AppState, user_id: i64, code: &str) -> Result<Verdict, AppError> {
    let Some(enrolment) = store::enrolment(&state.db, user_id).await? else { return Ok(Verdict::Wrong) };
    let now = u64::try_from(OffsetDateTime::now_utc().unix_timestamp()).unwrap_or(0);
    Ok(match codes::check(&enrolment.secret, code, now, enrolment.last_used_step())? {
        CodeCheck::Accepted { step } if store::use_step(&state.db, user_id, step).await? => Verdict::Right,
        CodeCheck::Accepted { .. } | CodeCheck::Replayed => Verdict::Replayed,
        CodeCheck::Wrong => Verdict::Wrong,
    })
}

/// The error message for a code that was refused, or for waiting after too many.
pub fn refusal(attempt: &CodeAttempt) -> Option<String> {
    match attempt {
        CodeAttempt::Throttled { minutes } => Some(super::attempts::wait_message(*minutes)),
        CodeAttempt::Checked(Verdict::Wrong) => {
            Some("That code is not right. Check the code your app shows now and try again.".to_owned())
        }
        CodeAttempt::Checked(Verdict::Replayed) => Some(
            "That code has already been used. Wait for your app to show a new code and enter that one."
                .to_owned(),
        ),
        CodeAttempt::Checked(Verdict::Right) => None,
    }
}
