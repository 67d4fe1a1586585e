//! Who may see and keep a partnership action: the staff of every partnership taking
//! part in its cycle read it (as they read the cycle); only the admins of the
//! partnership it belongs to change it, so one partnership of a region never edits
//! another's. Anyone else is told it does not exist.

use super::store::{self, ActionRow};
use crate::cycles::access::{self as cycle_access, Loaded as CycleLoaded};
use crate::web::AppState;
use crate::web::error::AppError;
use crate::web::page::Ctx;
use osa_core::access::Action;

pub struct Loaded {
    pub action: ActionRow,
    pub cycle: CycleLoaded,
    pub can_manage: bool,
}

pub async fn load(ctx: &Ctx, state: &AppState, id: i64, manage: bool) -> Result<Loaded, AppError> {
    let user = ctx.user()?;
    let action = store::get(&state.db, id).await?.ok_or(AppError::NotFound)?;
    let cycle = cycle_access::load(ctx, state, action.cycle_id, false).await?;
    let can_manage =
        user.principal.decide(Action::ManagePartnership { partnership: action.partnership_id }).is_allowed();
    if manage && !can_manage {
        return Err(AppError::Forbidden);
    }
    Ok(Loaded { action, cycle, can_manage })
}

/// The partnership a new action of this cycle belongs to: the one whose admin adds it
/// (the cycle's own partnership first, for an admin of several of a region's).
pub fn adding_partnership(ctx: &Ctx, cycle: &CycleLoaded) -> Option<i64> {
    let user = ctx.user.as_ref()?;
    let may = |p: i64| user.principal.decide(Action::ManagePartnership { partnership: p }).is_allowed();
    let own = cycle.cycle.partnership_id;
    if cycle.partnerships.iter().any(|(p, _)| *p == own) && may(own) {
        return Some(own);
    }
    cycle.partnerships.iter().map(|(p, _)| *p).find(|p| may(*p))
}
