//! Partnership actions: the multi-agency themes a cycle finds (in its themes, at a
//! meeting, on its dashboard) become actions the partnership takes through its
//! subgroups: what, which group and person lead, by when, where it stands, progress
//! notes and the evidence of impact. A page per cycle lists them, filtered by lead
//! group and status, with overdue ones marked; each partnership's admins add and keep
//! their own, and the staff of every partnership taking part read them.
//! The rules (statuses, overdue, validation) are `osa_core::partnership_action`.

mod access;
mod list;
mod pages;
pub mod schema;
pub mod store;

pub use access::adding_partnership;

use crate::web::routes::Routes;

pub fn routes(r: Routes) -> Routes {
    r.get("/cycles/{id}/partnership-actions", list::page)
        .get("/cycles/{id}/partnership-actions.csv", list::csv)
        .get("/cycles/{id}/partnership-actions/new", pages::new_form)
        .post("/cycles/{id}/partnership-actions/new", pages::create)
        .get("/partnership-actions/{id}", pages::show)
        .get("/partnership-actions/{id}/edit", pages::edit_form)
        .post("/partnership-actions/{id}/edit", pages::update)
        .post("/partnership-actions/{id}/progress", pages::add_progress)
}
