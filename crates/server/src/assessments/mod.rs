//! Assessments: an organisation's one living self-assessment per framework, shared by
//! every partnership it serves. A task list of standards, a page per standard, saves
//! that never silently overwrite someone else's, and the history of every change.

pub(crate) mod access;
mod autosave;
pub mod delegation;
pub(crate) mod form;
mod history;
pub(crate) mod list;
mod offers;
pub mod record;
pub mod requests;
pub mod returns;
pub mod rounds;
mod save;
pub mod sign_off;
pub(crate) mod standard;
pub mod store;
pub mod submit;
pub(crate) mod task_list;
mod use_answer;

use crate::web::routes::Routes;

pub fn routes(r: Routes) -> Routes {
    r.get("/organisations/{id}/assessments", list::list)
        .post("/organisations/{id}/assessments", list::start)
        .get("/assessments/{id}", task_list::task_list)
        .get("/assessments/{id}/standards/{code}", standard::standard_form)
        .post("/assessments/{id}/standards/{code}", save::standard_save)
        .post("/assessments/{id}/standards/{code}/autosave", autosave::save)
        .post("/assessments/{id}/standards/{code}/use-answer", use_answer::use_answer)
        .get("/assessments/{id}/history", history::history)
        .get("/assessments/{id}/check", returns::check)
        .post("/assessments/{id}/request-sign-off", sign_off::request)
        .post("/assessments/{id}/sign-off", returns::sign_off)
        .post("/assessments/{id}/submit", submit::submit)
        .post("/assessments/{id}/rounds", rounds::start)
        .get("/assessments/{id}/delegation", delegation::page)
        .post("/assessments/{id}/delegation", delegation::assign)
        .post("/assessments/{id}/delegation/remove", delegation::unassign)
}
