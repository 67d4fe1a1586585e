//! Who may see and run a cycle: the staff of every partnership taking part may read
//! it; the admins of those partnerships run it (a region's cycle is run together).
//! Anyone else is told it does not exist. A neighbour asked to join takes part only
//! once one of its admins accepts. Which returns a reader sees is narrower still:
//! `Loaded::reader` (see `cycles::visible`).

use super::store::{self, CycleRow};
use super::visible::Reader;
use crate::web::AppState;
use crate::web::error::AppError;
use crate::web::page::Ctx;
use osa_core::access::Action;

pub struct Loaded {
    pub cycle: CycleRow,
    /// (id, name) of every partnership taking part.
    pub partnerships: Vec<(i64, String)>,
    pub can_manage: bool,
    /// The returns this person may read on the cycle's pages.
    pub reader: Reader,
}

pub async fn load(ctx: &Ctx, state: &AppState, id: i64, manage: bool) -> Result<Loaded, AppError> {
    let user = ctx.user()?;
    let cycle = store::get(&state.db, id).await?.ok_or(AppError::NotFound)?;
    let partnerships = store::partnerships(&state.db, id).await?;
    let allowed = |action: fn(i64) -> Action<'static>| {
        partnerships.iter().any(|(p, _)| user.principal.decide(action(*p)).is_allowed())
    };
    if !allowed(|partnership| Action::ViewPartnership { partnership }) {
        return Err(AppError::NotFound);
    }
    let can_manage = allowed(|partnership| Action::ManagePartnership { partnership });
    if manage && !can_manage {
        return Err(AppError::Forbidden);
    }
    let ids: Vec<i64> = partnerships.iter().map(|(p, _)| *p).collect();
    let reader = Reader::of(&user.principal, id, &ids);
    Ok(Loaded { cycle, partnerships, can_manage, reader })
}
