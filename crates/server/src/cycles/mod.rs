//! Audit cycles: a partnership, alone or with its neighbours as a region, asks the
//! organisations of its area for their returns by a due date, with the framework
//! each sector completes and the dates action-plan updates fall due.

pub mod access;
pub mod answers;
pub mod dashboard;
mod edit;
pub mod facts;
mod invitations;
mod new;
pub mod pages;
pub mod questions;
mod region;
mod reminders;
pub mod sections;
pub mod store;
pub mod summaries;
mod tables;
pub mod visible;

use crate::web::routes::Routes;

pub fn routes(r: Routes) -> Routes {
    r.get("/partnerships/{id}/cycles", pages::list)
        .get("/partnerships/{id}/cycle-invitations", region::list)
        .post("/partnerships/{id}/cycle-invitations/{cycle}/accept", region::accept)
        .post("/partnerships/{id}/cycle-invitations/{cycle}/decline", region::decline)
        .get("/partnerships/{id}/cycles/new", new::new_form)
        .post("/partnerships/{id}/cycles/new", new::create)
        .get("/cycles/{id}", pages::show)
        .get("/cycles/{id}/edit", edit::edit_form)
        .post("/cycles/{id}/edit", edit::edit)
        .get("/cycles/{id}/close", edit::close_form)
        .post("/cycles/{id}/close", edit::close)
        .get("/cycles/{id}/dashboard", dashboard::page)
        .get("/cycles/{id}/dashboard.csv", dashboard::csv)
        .get("/cycles/{id}/dashboard.xlsx", dashboard::xlsx)
        .post("/cycles/{id}/neighbours", region::ask)
        .get("/cycles/{id}/invite", invitations::invite_form)
        .post("/cycles/{id}/invite", invitations::invite)
        .get("/cycles/{id}/reminders", reminders::page)
        .post("/cycles/{id}/invitations/{invitation}/reminders", reminders::pause)
        .get("/cycles/{id}/invitations/{invitation}/withdraw", invitations::withdraw_form)
        .post("/cycles/{id}/invitations/{invitation}/withdraw", invitations::withdraw)
        .get("/cycles/{id}/invitations/{invitation}/non-submission", invitations::non_submission_form)
        .post("/cycles/{id}/invitations/{invitation}/non-submission", invitations::non_submission)
}
