//! Loading a meeting with its panel, and deciding who may read and change it (the
//! rules are `osa_core::meeting`).

use super::store::{self, MeetingRow, PanelRow};
use crate::web::AppState;
use crate::web::error::AppError;
use crate::web::page::{Ctx, SignedIn};
use osa_core::meeting::{Change, Parties, check};

pub struct Loaded {
    pub meeting: MeetingRow,
    pub panel: Vec<PanelRow>,
    panel_ids: Vec<i64>,
}

impl Loaded {
    pub fn parties(&self) -> Parties<'_> {
        Parties {
            partnership: self.meeting.partnership_id,
            organisation: self.meeting.organisation_id,
            panel: &self.panel_ids,
        }
    }

    /// Whether this person may make `change` now: allowed for them, and from where
    /// the meeting stands.
    pub fn can(&self, user: &SignedIn, change: Change) -> bool {
        self.parties().may(&user.principal, change).is_allowed()
            && check(self.meeting.state(), change).is_ok()
    }
}

/// The meeting, if the signed-in person may read it (404 for anyone with nothing to
/// do with it, 403 for the organisation's people other than its lead).
pub async fn load<'c>(ctx: &'c Ctx, state: &AppState, id: i64) -> Result<(&'c SignedIn, Loaded), AppError> {
    let user = ctx.user()?;
    let meeting = store::get(&state.db, id).await?.ok_or(AppError::NotFound)?;
    let panel = store::panel(&state.db, id).await?;
    let panel_ids = panel.iter().filter_map(|p| p.user_id).collect();
    let loaded = Loaded { meeting, panel, panel_ids };
    AppError::check(loaded.parties().may_read(&user.principal))?;
    Ok((user, loaded))
}

/// Loaded, and the person may make `change` (access only: the state is checked by
/// the handler, which says why a change cannot be made now).
pub async fn load_for<'c>(
    ctx: &'c Ctx,
    state: &AppState,
    id: i64,
    change: Change,
) -> Result<(&'c SignedIn, Loaded), AppError> {
    let (user, loaded) = load(ctx, state, id).await?;
    AppError::check(loaded.parties().may(&user.principal, change))?;
    Ok((user, loaded))
}
