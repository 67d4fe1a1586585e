//! The board report: for each cycle, osa drafts the partnership's report (purpose,
//! background, methodology, response rate, participating organisations, findings per
//! standard, multi-agency themes with their actions, recommendations, next steps and
//! appendices of results). The analyst writes the words; the figures stay live, the
//! dashboard's own, until the report is finalised, when they are frozen with the
//! date. Downloads as DOCX, tagged PDF and a standalone HTML page. The model and the
//! layout are `osa_core::report::board`.

mod access;
mod downloads;
pub mod figures;
mod finalise;
mod pages;
pub mod schema;
pub mod store;
mod view;

use crate::web::routes::Routes;

pub fn routes(r: Routes) -> Routes {
    r.get("/cycles/{id}/board-report", pages::overview)
        .get("/cycles/{id}/board-report/sections/{section}", pages::section_form)
        .post("/cycles/{id}/board-report/sections/{section}", pages::section_save)
        .get("/cycles/{id}/board-report/findings/{standard}", pages::finding_form)
        .post("/cycles/{id}/board-report/findings/{standard}", pages::finding_save)
        .get("/cycles/{id}/board-report/preview", pages::preview)
        .get("/cycles/{id}/board-report/finalise", finalise::form)
        .post("/cycles/{id}/board-report/finalise", finalise::submit)
        .get("/cycles/{id}/board-report.docx", downloads::docx)
        .get("/cycles/{id}/board-report.pdf", downloads::pdf)
        .get("/cycles/{id}/board-report.html", downloads::html)
}
