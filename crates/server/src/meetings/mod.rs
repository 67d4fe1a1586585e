//! Assurance meetings (challenge events): a partnership meets each organisation of a
//! cycle with a panel, asks questions (from the panel, from children and young people,
//! from learning from reviews), records what it heard and how assured it is, and
//! agrees actions that land in the organisation's action plan. A finalised record is
//! never edited, only commented on. And the partnership's list of questions from
//! children and young people, with the answers each organisation gave.
//! The rules are `osa_core::meeting`.

mod access;
pub mod agenda;
mod cyp;
mod notify;
mod pages;
mod record;
mod schedule;
pub mod schema;
pub mod store;

use crate::web::routes::Routes;

pub fn routes(r: Routes) -> Routes {
    r.get("/cycles/{id}/meetings", schedule::cycle_list)
        .get("/cycles/{id}/meetings/new", schedule::form)
        .post("/cycles/{id}/meetings/new", schedule::submit)
        .get("/meetings/{id}", pages::show)
        .post("/meetings/{id}/details", record::details)
        .post("/meetings/{id}/questions", record::add_question)
        .post("/meetings/{id}/cyp-questions", record::choose_cyp)
        .post("/meetings/{id}/held", record::mark_held)
        .post("/meetings/{id}/record", record::record)
        .post("/meetings/{id}/actions", record::agree_action)
        .get("/meetings/{id}/finalise", pages::finalise_form)
        .post("/meetings/{id}/finalise", record::finalise)
        .post("/meetings/{id}/comments", record::comment)
        .get("/organisations/{id}/meetings", pages::organisation)
        .get("/partnerships/{id}/cyp-questions", cyp::list)
        .post("/partnerships/{id}/cyp-questions", cyp::add)
        .get("/partnerships/{id}/cyp-questions/answers", cyp::answers)
}
