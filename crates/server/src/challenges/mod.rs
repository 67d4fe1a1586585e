//! Reading and challenging submitted returns. Partnership staff of every
//! partnership a return was submitted to read it in the browser and, per criterion,
//! comment or challenge; admins and analysts may ask for changes to the return as a
//! whole. The organisation's safeguarding lead answers and marks resolved; the
//! partnership may reopen. Every message is kept, never edited or deleted.
//! The rules are `osa_core::challenge`.

pub(crate) mod access;
mod lists;
pub(crate) mod notify;
pub(crate) mod reading;
pub mod schema;
pub mod store;
mod threads;
pub(crate) mod view;

use crate::web::routes::Routes;

pub fn routes(r: Routes) -> Routes {
    r.get("/returns/{id}", reading::show)
        .get("/returns/{id}/criteria/{code}", reading::criterion)
        .post("/returns/{id}/criteria/{code}", reading::raise)
        .get("/returns/{id}/request-changes", threads::request_form)
        .post("/returns/{id}/request-changes", threads::request)
        .get("/returns/{id}/threads/{thread}", threads::show)
        .post("/returns/{id}/threads/{thread}", threads::step)
        .get("/organisations/{id}/challenges", lists::organisation)
        .get("/cycles/{id}/challenges", lists::cycle)
}
