//! Frameworks: the versioned sets of standards and criteria that assessments answer,
//! held as data. Anyone signed in reads published frameworks; platform admins and
//! partnership admins import new versions as drafts and publish them; partnerships add
//! local questions on top.

pub mod asked;
pub mod cli;
pub mod import;
mod local;
mod pages;
pub mod store;
mod upload;

use crate::web::routes::Routes;

pub fn routes(r: Routes) -> Routes {
    r.get("/frameworks", pages::list)
        .get("/frameworks/import", upload::form)
        .post("/frameworks/import", upload::submit)
        .get("/frameworks/{id}", pages::show)
        .get("/frameworks/{id}/print", pages::print)
        .get("/frameworks/{id}/export", pages::export)
        .get("/frameworks/{id}/changes", pages::changes)
        .post("/frameworks/{id}/publish", pages::publish)
        .post("/frameworks/{id}/delete", pages::delete)
        .get("/partnerships/{id}/local-questions", local::list)
        .post("/partnerships/{id}/local-questions", local::add)
        .post("/partnerships/{id}/local-questions/{question}/remove", local::remove)
}
