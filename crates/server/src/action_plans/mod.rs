//! Action plans: every amber and red criterion of an assessment yields an action, and
//! more can be added by hand. Each action is SMART (what, who, by when, expected
//! outcome, how impact is measured, status) and collects dated progress notes. The
//! partnerships the organisation serves read it (`access`).

pub mod access;
pub mod history;
mod pages;
pub mod store;
mod xlsx;

use crate::web::routes::Routes;

pub fn routes(r: Routes) -> Routes {
    r.get("/assessments/{id}/actions", pages::list)
        .get("/assessments/{id}/actions.csv", pages::csv)
        .get("/assessments/{id}/actions.xlsx", xlsx::download)
        .get("/assessments/{id}/actions/print", xlsx::print)
        .get("/assessments/{id}/actions/new", pages::new_form)
        .post("/assessments/{id}/actions/new", pages::create)
        .get("/assessments/{id}/actions/{action}", pages::edit_form)
        .post("/assessments/{id}/actions/{action}", pages::update)
        .post("/assessments/{id}/actions/{action}/updates", pages::add_update)
}
