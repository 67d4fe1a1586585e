//! People: the staff of a partnership, the people of an organisation, and platform
//! admins. Inviting someone gives them a role and, if they are new, an emailed link to
//! set a password; removing takes one role away, never the last admin or lead. A
//! platform admin reads each person's record and can reset their two-factor sign-in.

pub mod access;
mod admin;
pub mod cli;
mod invite;
mod record;
mod scope;
mod staff;

use crate::web::routes::Routes;

pub fn routes(r: Routes) -> Routes {
    r.get("/partnerships/{id}/users", staff::partnership_list)
        .get("/partnerships/{id}/users/invite", staff::partnership_invite_form)
        .post("/partnerships/{id}/users/invite", staff::partnership_invite)
        .post("/partnerships/{id}/users/{user}/remove", staff::partnership_remove)
        .get("/organisations/{id}/users", staff::organisation_list)
        .get("/organisations/{id}/users/invite", staff::organisation_invite_form)
        .post("/organisations/{id}/users/invite", staff::organisation_invite)
        .post("/organisations/{id}/users/{user}/remove", staff::organisation_remove)
        .get("/admin/users", admin::list)
        .get("/admin/users/new", admin::new_form)
        .post("/admin/users/new", admin::create)
        .get("/admin/users/{id}", record::show)
        .get("/admin/users/{id}/two-factor/reset", record::reset_form)
        .post("/admin/users/{id}/two-factor/reset", record::reset)
}
