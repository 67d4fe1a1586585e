//! Who may use the data-protection pages: platform admins only, since a
//! subject-access export and an erasure reach across every partnership and
//! organisation the person works for. Partnership and organisation admins manage
//! roles in their own place, never a person's whole record.

use super::store::{self, Person};
use crate::web::AppState;
use crate::web::error::AppError;
use crate::web::page::{Ctx, SignedIn};
use osa_core::access::Action;

/// The platform admin asking, or the refusal.
pub fn admin(ctx: &Ctx) -> Result<&SignedIn, AppError> {
    ctx.require(Action::AdministerPlatform)
}

/// The platform admin asking and the person the page is about (404 when there is
/// no such person).
pub async fn person<'a>(ctx: &'a Ctx, state: &AppState, id: i64) -> Result<(&'a SignedIn, Person), AppError> {
    let admin = admin(ctx)?;
    let person = store::person(&state.db, id).await?.ok_or(AppError::NotFound)?;
    Ok((admin, person))
}
