//! Data protection, for platform admins: the retention rules of the deployment
//! (applied by a daily job, previewed by a dry run), a subject-access export of
//! everything osa holds about one person (JSON and a readable PDF), and erasing a
//! person while keeping the audit trail whole (their id stays on what they did; only
//! the name shown for it changes). The rules themselves are `osa_core::retention`.

mod access;
mod erasure;
pub mod retention;
mod retention_page;
pub mod store;
mod subject_access;

use crate::web::routes::Routes;

pub fn routes(r: Routes) -> Routes {
    r.get("/admin/users/{id}/personal-data", subject_access::show)
        .get("/admin/users/{id}/personal-data.json", subject_access::json)
        .get("/admin/users/{id}/personal-data.pdf", subject_access::pdf)
        .get("/admin/users/{id}/erase", erasure::confirm)
        .post("/admin/users/{id}/erase", erasure::erase)
        .get("/admin/retention", retention_page::show)
}
