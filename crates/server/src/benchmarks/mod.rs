//! Benchmarking: an organisation sees, per standard, its own standing beside how the
//! organisations of its sector across the partnership did in the same cycle. The
//! comparison is anonymised and shown only for groups of at least five
//! (`osa_core::analytics::benchmark`); this folder only reads and renders.

mod pages;

use crate::web::routes::Routes;

pub fn routes(r: Routes) -> Routes {
    r.get("/organisations/{id}/benchmark", pages::page)
}
