//! Accounts: signing in and out, two-factor sign-in, changing a password, password
//! resets and accepting invitations.

pub mod access;
mod attempts;
mod change_password;
pub mod limits;
mod links;
pub mod password;
mod sign_in;
pub mod store;
pub mod tokens;
pub mod two_factor;

use crate::web::routes::Routes;

pub fn routes(r: Routes) -> Routes {
    r.get("/sign-in", sign_in::show)
        .post("/sign-in", sign_in::submit)
        .post("/sign-out", sign_in::sign_out)
        .get("/sign-in/two-factor", two_factor::challenge::show)
        .post("/sign-in/two-factor", two_factor::challenge::submit)
        .get("/sign-in/two-factor/set-up", two_factor::set_up::sign_in_form)
        .post("/sign-in/two-factor/set-up", two_factor::set_up::sign_in_submit)
        .get("/account/two-factor", two_factor::manage::show)
        .get("/account/two-factor/set-up", two_factor::set_up::own_form)
        .post("/account/two-factor/set-up", two_factor::set_up::own_submit)
        .get("/account/two-factor/recovery-codes", two_factor::manage::fresh_codes)
        .post("/account/two-factor/recovery-codes", two_factor::manage::new_recovery_codes)
        .post("/account/two-factor/turn-off", two_factor::manage::switch_off)
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
