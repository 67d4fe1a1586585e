//! Loading a return with whose it is and where it went, and deciding who may read
//! it and take part in its threads (the rules are `osa_core::challenge`).

use crate::return_copies::store::{self as return_store, ReturnRecord};
use crate::web::AppState;
use crate::web::error::AppError;
use crate::web::page::{Ctx, SignedIn};
use osa_core::access::Principal;
use osa_core::challenge::Parties;

pub struct Loaded {
    pub id: i64,
    pub record: ReturnRecord,
    /// (id, name) of the partnerships it was submitted to, by name; none until submitted.
    pub sent_to: Vec<(i64, String)>,
    recipients: Vec<i64>,
}

impl Loaded {
    pub fn parties(&self) -> Parties<'_> {
        Parties { organisation: self.record.organisation_id, recipients: &self.recipients }
    }

    pub fn partnership_name(&self, id: i64) -> &str {
        self.sent_to.iter().find(|(p, _)| *p == id).map(|(_, n)| n.as_str()).unwrap_or("A partnership")
    }
}

/// The return, if the signed-in person may read it (404 for anyone with nothing to
/// do with it, 403 for a contributor of its organisation).
pub async fn load<'c>(ctx: &'c Ctx, state: &AppState, id: i64) -> Result<(&'c SignedIn, Loaded), AppError> {
    let user = ctx.user()?;
    Ok((user, load_as(&user.principal, state, id).await?))
}

/// [`load`] for a principal that did not come from a session: an API token's
/// (`crate::api`), so the API reads a return by the same rule as the pages.
pub async fn load_as(principal: &Principal, state: &AppState, id: i64) -> Result<Loaded, AppError> {
    let record = return_store::get(&state.db, id).await?.ok_or(AppError::NotFound)?;
    // A partnership the organisation joined later did not receive this return.
    let sent_to =
        if record.is_submitted() { return_store::sent_to(&state.db, id).await? } else { Vec::new() };
    let recipients = sent_to.iter().map(|(p, _)| *p).collect();
    let loaded = Loaded { id, record, sent_to, recipients };
    AppError::check(loaded.parties().may_read(principal))?;
    Ok(loaded)
}
