//! The partnership's own self-assessment: a partnership looks at itself (the shipped
//! framework of audience "partnership"), alone or at a facilitated session, and signs
//! it off as its own record, sent to nobody.
//!
//! The model: a partnership's self-assessment is held by an organisation-like record
//! (a row of `organisations` linked by `partnership_records`) that has no members and
//! serves no area. Every table of an assessment (responses, history, summaries,
//! delegations, evidence, returns, the action plan) hangs off
//! `assessments.organisation_id`, NOT NULL, unique per framework; making that column
//! nullable beside a partnership column would rebuild the table on SQLite (whose
//! `DROP TABLE` cascades into every child row) and make every reader of it handle two
//! owners. With a record, the answering pages are the organisation's pages unchanged.
//! Who may do what over the record is decided in one place,
//! `osa_core::access::Principal::assessment_roles_in`: only the partnership's own
//! staff take roles over it (admins run and sign it off, analysts and panel members
//! answer what is shared with them), organisations' people take none, and the
//! record's organisation pages stay closed (it is in no area, and lists of
//! organisations leave records out, `store::not_a_record`).

mod pages;
pub mod schema;
pub mod store;

use crate::web::routes::Routes;

pub fn routes(r: Routes) -> Routes {
    r.get("/partnerships/{id}/self-assessment", pages::show)
        .post("/partnerships/{id}/self-assessment", pages::start)
}

/// Where the pages of a record's assessment lead back to, and what that link says;
/// `None` for an organisation's own assessment.
pub async fn back_link(
    db: &crate::db::Db,
    organisation: i64,
) -> Result<Option<(String, String)>, sqlx::Error> {
    Ok(store::partnership_of(db, organisation).await?.map(|p| {
        (format!("/partnerships/{p}/self-assessment"), "The partnership's self-assessment".to_owned())
    }))
}
