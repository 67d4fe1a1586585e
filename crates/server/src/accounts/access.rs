//! How a request is allowed into a person's own sign-in settings.

use crate::web::error::AppError;
use crate::web::page::{Ctx, SignedIn};
use osa_core::access::Action;

/// The signed-in person, for pages about their own sign-in (two-factor): they name no
/// one else, so being signed in is the whole question, asked of the one rule.
pub fn own_sign_in(ctx: &Ctx) -> Result<&SignedIn, AppError> {
    ctx.require(Action::ManageOwnSignIn)
}
