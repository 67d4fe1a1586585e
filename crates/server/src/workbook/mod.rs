//! The offline workbook: an organisation downloads its assessment as an XLSX workbook
//! (one row per criterion, guidance beside each question, drop-downs for the
//! answers), fills it in with colleagues, and uploads it back. The upload is checked
//! row by row, shows what would change, and changes nothing until confirmed; answers
//! changed online since the download are shown beside the workbook's, not overwritten.

mod pages;
mod preview;
pub mod read;
mod sheet;
pub mod store;

pub use pages::XLSX_TYPE;

use crate::web::routes::Routes;

pub fn routes(r: Routes) -> Routes {
    r.get("/assessments/{id}/workbook.xlsx", pages::download)
        .get("/assessments/{id}/workbook", pages::page)
        .post_upload("/assessments/{id}/workbook", pages::upload)
        .get("/assessments/{id}/workbook/{upload}", preview::preview)
        .post("/assessments/{id}/workbook/{upload}", preview::confirm)
}
