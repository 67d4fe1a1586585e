//! Who may see and keep a cycle's child-friendly summary before it is public: the
//! staff of every partnership taking part read it, as they read the cycle; only the
//! admins of the cycle's own partnership (which keeps the summary) write, preview,
//! publish and unpublish it. Anyone else is told the cycle does not exist.

use super::store::{self, SummaryRow};
use crate::cycles::access::{self as cycle_access, Loaded as CycleLoaded};
use crate::web::AppState;
use crate::web::error::AppError;
use crate::web::page::Ctx;
use osa_core::access::Action;

pub struct Loaded {
    pub cycle: CycleLoaded,
    /// The partnership that keeps the summary: the cycle's own.
    pub partnership: (i64, String),
    pub summary: Option<SummaryRow>,
    pub can_manage: bool,
}

impl Loaded {
    pub fn members(&self) -> Vec<i64> {
        self.cycle.partnerships.iter().map(|(p, _)| *p).collect()
    }
}

pub async fn load(ctx: &Ctx, state: &AppState, cycle: i64, manage: bool) -> Result<Loaded, AppError> {
    let user = ctx.user()?;
    let cycle = cycle_access::load(ctx, state, cycle, false).await?;
    let owner = cycle.cycle.partnership_id;
    let name =
        cycle.partnerships.iter().find(|(p, _)| *p == owner).map(|(_, n)| n.clone()).unwrap_or_default();
    let can_manage = user.principal.decide(Action::ManagePartnership { partnership: owner }).is_allowed();
    if manage && !can_manage {
        return Err(AppError::Forbidden);
    }
    let summary = store::of_cycle(&state.db, cycle.cycle.id).await?;
    Ok(Loaded { cycle, partnership: (owner, name), summary, can_manage })
}
