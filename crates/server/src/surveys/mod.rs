//! Practitioner surveys: a partnership asks the practitioners of each invited
//! organisation a few short questions linked to criteria, through a link per
//! organisation that needs no sign-in, and sets what they said beside the
//! organisation's own rating. Answers are kept only as counts (see
//! `db::schema_surveys`). Each answer spends a single-use response code the
//! organisation's lead issued (`codes`), so the counts cannot be stuffed past the
//! codes handed out, and nothing about the person is written anywhere.

mod access;
mod answer;
mod codes;
pub mod codes_store;
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
        .get("/surveys/{id}/organisations/{organisation}/codes", codes::page)
        .post("/surveys/{id}/organisations/{organisation}/codes", codes::issue)
        .get("/survey/{token}", answer::form)
        .post("/survey/{token}", answer::submit)
        .get("/survey/{token}/done", answer::done)
        .get("/survey/{token}/{code}", answer::form_with_code)
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
    /// The page where the lead issues response codes and sees how many were used.
    pub codes: String,
    pub issued: i64,
    pub used: String,
}

/// The open surveys the organisation's practitioners may answer, for its lead to pass on.
pub async fn links_for_lead(state: &AppState, organisation: i64) -> Result<Vec<LeadLink>, sqlx::Error> {
    let today = time::OffsetDateTime::now_utc().date();
    let mut out = Vec::new();
    for (survey, token) in store::open_links_of_organisation(&state.db, organisation, today).await? {
        let (issued, used) = codes_store::counts_of(&state.db, survey.id, organisation).await?;
        out.push(LeadLink {
            codes: format!("/surveys/{}/organisations/{organisation}/codes", survey.id),
            title: survey.title,
            closes_on: survey.closes_on.map(crate::web::format::date),
            url: link_url(state, &token),
            issued,
            used: codes::used_text(used),
        });
    }
    Ok(out)
}
