//! Who may read a sent update: exactly who may read the return it follows
//! (`challenges::access`, the rule of `/returns/{id}`: the staff of each partnership
//! the return went to, the organisation's lead and senior sign-off, platform admins),
//! and for partnership staff, only through the update's cycle as `cycles::visible`
//! decides, so a region's neighbour reads no update of a return not sent to it.

use super::store::{self, PlanUpdateRow};
use crate::challenges::access::{self as return_access, Loaded as ReturnLoaded};
use crate::cycles::store as cycle_store;
use crate::cycles::visible::{Reader, returns_visible_to};
use crate::web::AppState;
use crate::web::error::AppError;
use crate::web::page::{Ctx, SignedIn};

pub struct Loaded {
    pub update: PlanUpdateRow,
    /// The return it follows, with where it went (its threads' parties).
    pub ret: ReturnLoaded,
}

pub async fn load<'c>(ctx: &'c Ctx, state: &AppState, id: i64) -> Result<(&'c SignedIn, Loaded), AppError> {
    ctx.user()?;
    let update = store::get(&state.db, id).await?.ok_or(AppError::NotFound)?;
    let (user, ret) = return_access::load(ctx, state, update.return_id).await?;
    let in_organisation = user.principal.is_org_member(update.organisation_id);
    if !in_organisation {
        let members: Vec<i64> = cycle_store::partnerships(&state.db, update.cycle_id)
            .await?
            .into_iter()
            .map(|(p, _)| p)
            .collect();
        let reader = Reader::of(&user.principal, update.cycle_id, &members);
        if !returns_visible_to(&state.db, &reader).await?.contains(&update.return_id) {
            return Err(AppError::NotFound);
        }
    }
    Ok((user, Loaded { update, ret }))
}
