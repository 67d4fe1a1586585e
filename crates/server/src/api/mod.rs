//! The read-only JSON API for partnerships' own BI tools. A partnership's admins make
//! tokens for it (`tokens`: shown once, kept as a hash, expiring, revocable); a
//! token reads, as the partnership's analysts read on the pages, its cycles,
//! invitations and their states, returns (standings and answers), the dashboard's
//! figures, organisations' action plans and partnership actions. Every call passes
//! `calls::guard`: token checked, rate limited, recorded. Errors are JSON
//! (`error`). Lists page (`paging`). The description is `openapi`, served as JSON
//! and as a page. The CSV and XLSX downloads of the pages stay for people without a
//! BI tool.

pub mod access;
mod actions;
pub mod calls;
mod cycles;
pub mod error;
mod figures;
pub mod openapi;
mod paging;
mod returns;
pub mod schema;
pub mod store;
mod tokens;

use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

use crate::web::routes::Routes;

pub fn routes(r: Routes) -> Routes {
    r.get("/api/openapi.json", openapi::json)
        .get("/api/docs", openapi::page)
        .get("/partnerships/{id}/api-tokens", tokens::list)
        .post("/partnerships/{id}/api-tokens", tokens::create)
        .post("/partnerships/{id}/api-tokens/{token}/revoke", tokens::revoke)
        .get("/api/v1/cycles", cycles::list)
        .get("/api/v1/cycles/{id}", cycles::show)
        .get("/api/v1/cycles/{id}/invitations", cycles::invitations)
        .get("/api/v1/cycles/{id}/returns", returns::of_cycle)
        .get("/api/v1/cycles/{id}/figures", figures::show)
        .get("/api/v1/cycles/{id}/partnership-actions", actions::of_cycle)
        .get("/api/v1/returns/{id}", returns::show)
        .get("/api/v1/organisations/{id}/actions", actions::of_organisation)
}

/// A moment as the API writes it: RFC 3339, in UTC.
fn rfc3339(at: OffsetDateTime) -> String {
    at.to_offset(time::UtcOffset::UTC).format(&Rfc3339).unwrap_or_else(|_| at.to_string())
}
