//! Narrative analysis: full-text search over the narrative evidence of the returns
//! submitted in a cycle, with highlighted results and filters; each partnership's own
//! themes, passages tagged with them, and counts by theme and standard.

pub mod index;
mod pages;
mod passage;
pub mod schema;
pub mod search;
pub mod store;
mod themes;

use crate::web::routes::Routes;

pub fn routes(r: Routes) -> Routes {
    r.get("/cycles/{id}/narratives", pages::search_page)
        .get("/cycles/{id}/narratives/{passage}", passage::page)
        .post("/cycles/{id}/narratives/{passage}/tags", passage::add_tag)
        .post("/cycles/{id}/narratives/{passage}/tags/{tag}/remove", passage::remove_tag)
        .get("/cycles/{id}/themes", themes::counts_page)
        .get("/cycles/{id}/themes.csv", themes::counts_csv)
        .get("/partnerships/{id}/themes", themes::list)
        .post("/partnerships/{id}/themes", themes::add)
        .post("/partnerships/{id}/themes/{theme}", themes::retire)
}
