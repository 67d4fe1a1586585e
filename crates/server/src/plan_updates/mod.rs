//! Six-monthly action-plan updates. After submitting its return for a cycle, an
//! organisation's safeguarding lead sends its action plan on each of the cycle's
//! update dates, as a frozen dated snapshot, to the partnerships the return went to.
//! The partnership sees, per cycle, who has and has not sent each update and which are
//! overdue, reads each snapshot, and comments on or challenges it through the same
//! threads as a return (`crate::challenges`). The rules are `osa_core::plan_update`.

mod access;
mod cycle;
pub mod schema;
mod send;
mod show;
pub mod store;

pub use send::{Offer, SentLink, offers};

use crate::web::routes::Routes;

/// How a thread on an update names what it is about (the challenges feature reads it
/// to word its emails): "the action-plan update due 30 September 2027".
pub const ABOUT_PREFIX: &str = "the action-plan update due ";

pub fn routes(r: Routes) -> Routes {
    r.get("/assessments/{id}/plan-updates/{cycle}", send::check)
        .post("/assessments/{id}/plan-updates/{cycle}", send::send)
        .get("/plan-updates/{id}", show::show)
        .post("/plan-updates/{id}", show::raise)
        .get("/cycles/{id}/plan-updates", cycle::list)
        .get("/cycles/{id}/plan-updates.csv", cycle::csv)
}

/// A date in words, for templates (which hold references to references).
pub fn day(d: &time::Date) -> String {
    crate::web::format::date(*d)
}

/// A moment in words, for templates.
pub fn moment(at: &time::OffsetDateTime) -> String {
    crate::web::format::datetime(*at)
}
