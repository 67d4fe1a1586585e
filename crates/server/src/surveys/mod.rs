//! Practitioner surveys: a partnership asks the practitioners of each invited
//! organisation a few short questions linked to criteria, through a link per
//! organisation that needs no sign-in, and sets what they said beside the
//! organisation's own rating. Answers are kept only as counts (see
//! `db::schema_surveys`); a browser session remembers that it answered, so the same
//! browser cannot answer twice, and nothing about the person is written anywhere.

mod access;
mod answer;
mod pages;
pub(crate) mod results;
pub mod store;

use crate::web::AppState;
use crate::web::routes::Routes;

pub fn routes(r: Routes) -> Routes {
    r.get("/cycles/{id}/surveys", pages::list)
        .get("/cycles/{id}/surveys/new", pages::new_form)
        .post("/cycles/{id}/surveys/new", pages::create)
        .get("/surveys/{id}", pages::show)
        .post("/surveys/{id}/close", pages::close)
        .get("/surveys/{id}/results", results::page)
        .get("/surveys/{id}/results.csv", results::csv)
        .get("/survey/{token}", answer::form)
        .post("/survey/{token}", answer::submit)
        .get("/survey/{token}/done", answer::done)
}

/// The full address of a survey link, as it is passed on to practitioners.
pub fn link_url(state: &AppState, token: &str) -> String {
    format!("{}/survey/{token}", state.config.public_url.trim_end_matches('/'))
}

/// An open survey as an organisation's lead sees it on the organisation's pages.
pub struct LeadLink {
    pub title: String,
    pub closes_on: Option<String>,
    pub url: String,
}

/// The open surveys the organisation's practitioners may answer, for its lead to pass on.
pub async fn links_for_lead(state: &AppState, organisation: i64) -> Result<Vec<LeadLink>, sqlx::Error> {
    let today = time::OffsetDateTime::now_utc().date();
    Ok(store::open_links_of_organisation(&state.db, organisation, today)
        .await?
        .into_iter()
        .map(|(survey, token)| LeadLink {
            title: survey.title,
            closes_on: survey.closes_on.map(crate::web::format::date),
            url: link_url(state, &token),
        })
        .collect())
}
