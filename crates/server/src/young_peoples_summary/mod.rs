//! The child-friendly summary of a cycle: a plain-language page for the children and
//! young people of the area (what we asked organisations, what they told us, the
//! questions children asked and what organisations said, what will change), written
//! in osa from its first draft by the admins of the cycle's partnership, previewed,
//! and published at a public address without sign-in. The public page shows only the
//! copy frozen when it was last published, and nothing once unpublished. The rules
//! (sections, the draft, validation) are `osa_core::young_peoples_summary`.

mod access;
mod edit;
mod pages;
mod public;
pub mod schema;
pub mod sources;
pub mod store;

use crate::web::routes::Routes;

pub fn routes(r: Routes) -> Routes {
    r.get("/cycles/{id}/young-peoples-summary", pages::show)
        .post("/cycles/{id}/young-peoples-summary", pages::start)
        .get("/cycles/{id}/young-peoples-summary/edit", edit::edit_form)
        .post("/cycles/{id}/young-peoples-summary/edit", edit::update)
        .get("/cycles/{id}/young-peoples-summary/preview", public::preview)
        .get("/cycles/{id}/young-peoples-summary/publish", pages::publish_form)
        .post("/cycles/{id}/young-peoples-summary/publish", pages::publish)
        .post("/cycles/{id}/young-peoples-summary/unpublish", pages::unpublish)
        .get("/summaries/{slug}", public::public)
}
