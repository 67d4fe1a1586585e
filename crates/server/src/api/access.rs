//! Who may use the API's routes. Token pages: the partnership's admins
//! (`Action::ManagePartnership`). Data: a token, as the principal
//! `osa_core::api::reader_for` makes of it (its partnership's analyst), through the
//! same functions the pages use: `cycles::access::load_as` for a cycle and its
//! visible returns (`cycles::visible`), `challenges::access::load_as` for one return.
//! A token asking for another partnership's cycle or return gets 404, as an analyst
//! of its partnership would on the pages.

use super::calls::Caller;
use super::error::ApiError;
use crate::cycles::access::{Loaded as CycleLoaded, load_as as load_cycle};
use crate::web::AppState;
use crate::web::error::AppError;
use crate::web::page::{Ctx, SignedIn};
use osa_core::access::Action;

/// A signed-in admin of `partnership`, or the refusal the pages give.
pub fn token_manager(ctx: &Ctx, partnership: i64) -> Result<&SignedIn, AppError> {
    ctx.require(Action::ManagePartnership { partnership })
}

/// The token may read its own partnership's pages (always, unless the partnership's
/// rule changes): the check before listing the partnership's cycles.
pub fn partnership(caller: &Caller) -> Result<i64, ApiError> {
    AppError::check(caller.principal.decide(Action::ViewPartnership { partnership: caller.partnership }))?;
    Ok(caller.partnership)
}

/// A cycle the token may read, with the returns it may read of it (`reader`).
pub async fn cycle(caller: &Caller, state: &AppState, id: i64) -> Result<CycleLoaded, ApiError> {
    Ok(load_cycle(&caller.principal, state, id, false).await?)
}

/// A return the token may read, by the rule of the return's reading pages.
pub async fn one_return(
    caller: &Caller,
    state: &AppState,
    id: i64,
) -> Result<crate::challenges::access::Loaded, ApiError> {
    Ok(crate::challenges::access::load_as(&caller.principal, state, id).await?)
}
