//! How a request is allowed to load one person's record in the users feature.

use crate::accounts::store::{self as account_store, UserRow};
use crate::db::Db;
use crate::web::error::AppError;
use crate::web::page::{Ctx, SignedIn};
use osa_core::access::Action;

/// A person's record, for `action` (a platform admin's): the decision comes first, so
/// nobody else learns from a 404 which ids exist.
pub async fn person<'c>(
    ctx: &'c Ctx,
    db: &Db,
    id: i64,
    action: Action<'_>,
) -> Result<(&'c SignedIn, UserRow), AppError> {
    let actor = ctx.require(action)?;
    let person = account_store::user_by_id(db, id).await?.ok_or(AppError::NotFound)?;
    Ok((actor, person))
}
