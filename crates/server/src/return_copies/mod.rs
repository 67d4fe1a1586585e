//! The organisation's own copy of a return, as PDF and as Word: every answer as it
//! was signed off, who signed it off and where it was sent. The organisation's lead
//! and senior sign-off may download it (a contributor sees only what is shared with
//! them, so not the whole return), and so may the staff of each partnership the
//! return was submitted to; nobody else learns that it exists.

mod pages;
pub(crate) mod store;

use crate::web::routes::Routes;

pub fn routes(r: Routes) -> Routes {
    r.get("/returns/{id}/copy.pdf", pages::pdf).get("/returns/{id}/copy.docx", pages::docx)
}
