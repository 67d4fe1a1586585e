//! Partnerships: the safeguarding partnerships and boards that run audits. Platform
//! admins create them; their admins edit them, decide organisations' requests to join
//! and manage their staff (in the users feature).

mod join_requests;
mod pages;
pub mod store;

use crate::web::routes::Routes;

pub fn routes(r: Routes) -> Routes {
    r.get("/admin/partnerships", pages::list)
        .get("/admin/partnerships/new", pages::new_form)
        .post("/admin/partnerships/new", pages::create)
        .get("/partnerships/{id}", pages::show)
        .get("/partnerships/{id}/edit", pages::edit_form)
        .post("/partnerships/{id}/edit", pages::update)
        .get("/partnerships/{id}/organisations", pages::organisations)
        .get("/partnerships/{id}/join-requests", join_requests::list)
        .post("/partnerships/{id}/join-requests/{request}/approve", join_requests::approve)
        .get("/partnerships/{id}/join-requests/{request}/decline", join_requests::decline_form)
        .post("/partnerships/{id}/join-requests/{request}/decline", join_requests::decline)
}
