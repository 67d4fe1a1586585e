//! Accounts: signing in and out, changing a password, password resets and accepting
//! invitations.

mod attempts;
mod change_password;
pub mod limits;
mod links;
pub mod password;
mod sign_in;
pub mod store;
pub mod tokens;

use crate::web::routes::Routes;

pub fn routes(r: Routes) -> Routes {
    r.get("/sign-in", sign_in::show)
        .post("/sign-in", sign_in::submit)
        .post("/sign-out", sign_in::sign_out)
        .get("/account/password", change_password::form)
        .post("/account/password", change_password::submit)
        .get("/password-reset", links::reset_request_form)
        .post("/password-reset", links::reset_request_submit)
        .get("/password-reset/{token}", links::reset_form)
        .post("/password-reset/{token}", links::reset_submit)
        .get("/invitation/{token}", links::invitation_form)
        .post("/invitation/{token}", links::invitation_submit)
}

/// Where to go after signing in: the one rule for every `next` value, in osa-core.
pub use osa_core::redirect::safe_next;
