//! Who may see and run a cycle: the staff of every partnership taking part may read
//! it; the admins of those partnerships run it (a region's cycle is run together).
//! Anyone else is told it does not exist. A neighbour asked to join takes part only
//! once one of its admins accepts. Which returns a reader sees is narrower still:
//! `Loaded::reader` (see `cycles::visible`).
//!
//! Whether a cycle may still be changed at all is [`is_open_for_changes`], the one
//! rule every changing route of a cycle asks (through [`refuse_if_closed`]): a closed
//! cycle can be read, never changed.

use askama::Template;
use askama_web::WebTemplate;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};

use super::store::{self, CycleRow};
use super::visible::Reader;
use crate::web::AppState;
use crate::web::error::AppError;
use crate::web::page::{Ctx, Page};
use osa_core::access::{Action, Principal};

pub struct Loaded {
    pub cycle: CycleRow,
    /// (id, name) of every partnership taking part.
    pub partnerships: Vec<(i64, String)>,
    pub can_manage: bool,
    /// The returns this person may read on the cycle's pages.
    pub reader: Reader,
}

pub async fn load(ctx: &Ctx, state: &AppState, id: i64, manage: bool) -> Result<Loaded, AppError> {
    load_as(&ctx.user()?.principal, state, id, manage).await
}

/// [`load`] for a principal that did not come from a session: an API token's
/// (`crate::api`), so the API and the pages decide by the same rule.
pub async fn load_as(
    principal: &Principal,
    state: &AppState,
    id: i64,
    manage: bool,
) -> Result<Loaded, AppError> {
    let cycle = store::get(&state.db, id).await?.ok_or(AppError::NotFound)?;
    let partnerships = store::partnerships(&state.db, id).await?;
    let allowed = |action: fn(i64) -> Action<'static>| {
        partnerships.iter().any(|(p, _)| principal.decide(action(*p)).is_allowed())
    };
    if !allowed(|partnership| Action::ViewPartnership { partnership }) {
        return Err(AppError::NotFound);
    }
    let can_manage = allowed(|partnership| Action::ManagePartnership { partnership });
    if manage && !can_manage {
        return Err(AppError::Forbidden);
    }
    let ids: Vec<i64> = partnerships.iter().map(|(p, _)| *p).collect();
    let reader = Reader::of(principal, id, &ids);
    Ok(Loaded { cycle, partnerships, can_manage, reader })
}

impl Loaded {
    /// Whether this person may change the cycle now: they run it and it is open.
    pub fn can_change(&self) -> bool {
        self.can_manage && is_open_for_changes(&self.cycle)
    }
}

/// Whether anything in a cycle may still be changed: only until it is closed.
pub fn is_open_for_changes(cycle: &CycleRow) -> bool {
    cycle.closed_at.is_none()
}

#[derive(Template, WebTemplate)]
#[template(path = "cycles/closed.html")]
pub struct ClosedPage {
    page: Page,
    cycle: CycleRow,
}

impl ClosedPage {
    pub fn closed_on(&self) -> String {
        self.cycle.closed_at.map(|at| crate::web::format::date(at.date())).unwrap_or_default()
    }
}

/// The answer of every changing route of a closed cycle: a 409 page that says the
/// cycle is closed and can be read but not changed. `None` while it is open.
pub fn refuse_if_closed(ctx: &Ctx, cycle: &CycleRow) -> Option<Response> {
    if is_open_for_changes(cycle) {
        return None;
    }
    let page = ClosedPage { page: ctx.page("This audit cycle is closed"), cycle: cycle.clone() };
    Some((StatusCode::CONFLICT, page).into_response())
}
