//! Who reads which part of the audit log: the one rule, `osa_core::audit_log`, asked
//! once here for the page and the download alike.

use osa_core::access::Action;
use osa_core::audit_log::{AuditScope, audit_scope};

use crate::web::error::AppError;
use crate::web::page::Ctx;

/// The entries the signed-in person reads, or the refusal (sign in first; 403 for
/// someone who runs no tenant).
pub fn scope(ctx: &Ctx) -> Result<AuditScope, AppError> {
    let user = ctx.user()?;
    AppError::check(user.principal.decide(Action::ReadAuditLog))?;
    Ok(audit_scope(&user.principal))
}
